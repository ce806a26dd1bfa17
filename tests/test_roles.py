"""Delegation checked against roles (issue 16): the store knows who may sign a.n./u.b. or as
Plt./Plh. for which post and when; ``sign`` refuses what the grants do not allow before any
passphrase; the claim is a signed attribute (CAdES signer-attributes-v2); ``verify`` says
whether the verifier's roles confirm it.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner, Result
from cryptography.hazmat.primitives.asymmetric import ec

from conftest import CA_PASS, EXAMPLES, PASS, assert_pdfsig_valid, pdf_text
from esign import pki, roles
from esign.app import admin
from esign.app import roles as app_roles
from esign.cli import cli
from esign.errors import ExitCode, RoleError, StoreError
from esign.keys import KeyType, Secret
from esign.models import Acting, CertKind, SigningRole
from esign.pki import SubjectProfile
from esign.store import (
    RoleGrant,
    Store,
    copy_store,
    create_store,
    open_store,
    verify_audit_chain,
)

AT = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)
SECOND = timedelta(seconds=1)
BACKENDS = ["sqlite", "postgresql"]
JAKARTA = ZoneInfo("Asia/Jakarta")


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env={"ESIGN_PASSPHRASE": PASS, **(env or {})})


def no_passphrase(*args: str) -> Result:
    """A run that cannot unlock any key: a refusal it shows came before the passphrase."""
    return CliRunner().invoke(cli, ["--non-interactive", *args], env={"ESIGN_PASSPHRASE": ""})


def grant(
    identity: str,
    post: str,
    *,
    id: int = 1,
    may_sign_for: str | None = None,
    acting: Acting | None = None,
    start: datetime | None = None,
    until: datetime | None = None,
    revoked: datetime | None = None,
) -> RoleGrant:
    return RoleGrant(
        id=id,
        identity_id=identity,
        post=post,
        may_sign_for=may_sign_for,
        acting=acting,
        valid_from=start,
        valid_until=until,
        granted_at=AT,
        revoked_at=revoked,
    )


# --- the store, on both backends --------------------------------------------------------------


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, isolated_env: Path) -> Iterator[Store]:
    """A new store on each backend with one officer, ``sekda``."""
    location = str(isolated_env)
    if request.param == "postgresql":
        location = str(request.getfixturevalue("pg_url"))
    cert = pki.create_ca(name="Sekda", key=ec.generate_private_key(ec.SECP256R1()), at=AT)
    with create_store(location, AT) as s:
        s.add_identity(id="sekda", kind=CertKind.PERSON, cert=cert, key_p12=None, at=AT, source="t")
        yield s


def test_grants_are_recorded_listed_and_revoked_on_both_backends(store: Store) -> None:
    assert store.role_grants() == []
    first = store.add_role_grant(
        identity_id="sekda",
        post="Sekretaris Daerah",
        may_sign_for="Bupati Jember",
        acting=None,
        valid_from=AT,
        valid_until=AT + timedelta(days=30),
        at=AT,
    )
    second = store.add_role_grant(
        identity_id="sekda",
        post="Kepala Dinas Kominfo",
        may_sign_for=None,
        acting=Acting.PLH,
        valid_from=None,
        valid_until=None,
        at=AT,
    )
    assert second == first + 1
    grants = store.role_grants("sekda")
    assert [(g.id, g.post, g.may_sign_for, g.acting) for g in grants] == [
        (first, "Sekretaris Daerah", "Bupati Jember", None),
        (second, "Kepala Dinas Kominfo", None, Acting.PLH),
    ]
    assert grants[0].valid_from == AT and grants[0].valid_until == AT + timedelta(days=30)
    assert store.role_grants("nobody") == []
    revoked = store.revoke_role_grant(first, AT + timedelta(days=1))
    assert revoked.revoked_at == AT + timedelta(days=1)
    again = store.revoke_role_grant(first, AT + timedelta(days=2))  # keeps its first time
    assert again.revoked_at == AT + timedelta(days=1)
    assert store.role_grants("sekda")[1].revoked_at is None
    with pytest.raises(StoreError) as info:
        store.revoke_role_grant(999, AT)
    assert info.value.key == "role.unknown_grant"


def test_grant_and_revoke_are_audited_in_the_chain(store: Store) -> None:
    made = app_roles.grant(
        store,
        "sekda",
        post="Sekretaris Daerah",
        may_sign_for="Bupati Jember",
        acting=None,
        valid_from=None,
        valid_until=None,
        at=AT,
    )
    assert app_roles.revoke(store, made.id, AT + SECOND).now_revoked
    assert not app_roles.revoke(store, made.id, AT + 2 * SECOND).now_revoked  # no new entry
    entries = store.audit_entries()
    assert [e.action for e in entries][-2:] == ["role.grant", "role.revoke"]
    assert entries[-2].detail["grant"] == made.id
    assert entries[-2].detail["may_sign_for"] == "Bupati Jember"
    assert entries[-1].identity == "sekda"
    assert verify_audit_chain(entries) is None


def test_store_copy_moves_the_grants_with_their_numbers(store_home: Path, pg_url: str) -> None:
    with open_store(store_home) as store:
        for post in ("Sekretaris Daerah", "Kepala Dinas"):
            app_roles.grant(
                store, "budi", post=post, may_sign_for="Bupati Jember", acting=None,
                valid_from=AT, valid_until=None, at=AT,
            )  # fmt: skip
        app_roles.revoke(store, 1, AT + SECOND)
        before = store.role_grants()
    copy_store(store_home, pg_url, AT)
    with open_store(pg_url) as copy:
        assert copy.role_grants() == before
        # the copy numbers new grants after the copied ones
        assert copy.add_role_grant(
            identity_id="budi", post="X", may_sign_for=None, acting=None, valid_from=None,
            valid_until=None, at=AT,
        ) == 3  # fmt: skip


def test_only_officers_hold_roles(store_home: Path) -> None:
    result = run("role", "grant", "seal", "--post", "Sekretaris Daerah")
    assert result.exit_code == ExitCode.CERTIFICATE
    assert "only officers hold roles" in result.stderr


# --- the rule ---------------------------------------------------------------------------------


def test_a_window_holds_from_its_first_second_to_before_its_end() -> None:
    grants = [grant("sekda", "Sekda", may_sign_for="Bupati Jember", start=AT, until=AT + SECOND)]
    role = SigningRole(on_behalf_of="Bupati Jember")
    assert roles.problem(grants, "sekda", role, None, AT - SECOND) is not None
    assert roles.problem(grants, "sekda", role, None, AT) is None
    assert roles.problem(grants, "sekda", role, None, AT + SECOND) is not None
    revoked = [grant("sekda", "Sekda", may_sign_for="Bupati Jember", revoked=AT)]
    assert roles.problem(revoked, "sekda", role, None, AT - SECOND) is None
    assert roles.problem(revoked, "sekda", role, None, AT) is not None


def test_what_each_claim_needs() -> None:
    grants = [
        grant("sekda", "Sekretaris Daerah", may_sign_for="Bupati  jember"),  # spelling differs
        grant("kabag", "Kepala Bagian Umum", id=2, may_sign_for="Sekretaris Daerah"),
        grant("budi", "Kepala Dinas", id=3, acting=Acting.PLT),
    ]
    an = SigningRole(on_behalf_of="Bupati Jember")
    ub = SigningRole(on_behalf_of="Bupati Jember", via="Sekretaris Daerah")
    assert roles.problem(grants, "sekda", an, "Sekretaris Daerah", AT) is None
    assert roles.problem(grants, "kabag", ub, "Kepala Bagian Umum", AT) is None
    # the u.b. signer may not sign a.n. the head directly
    assert roles.problem(grants, "kabag", an, None, AT) == roles.RoleProblem(
        "for", "a.n. Bupati Jember"
    )
    # u.b. a post that may not sign for the head named: the chain is broken
    other = SigningRole(on_behalf_of="Wakil Bupati", via="Sekretaris Daerah")
    assert roles.problem(grants, "kabag", other, None, AT) == roles.RoleProblem(
        "chain", "Sekretaris Daerah a.n. Wakil Bupati"
    )
    plt = SigningRole(acting=Acting.PLT)
    assert roles.problem(grants, "budi", plt, "Kepala Dinas", AT) is None
    assert roles.problem(grants, "budi", SigningRole(acting=Acting.PLH), "Kepala Dinas", AT) == (
        roles.RoleProblem("acting", "Plh. Kepala Dinas")
    )
    assert roles.problem(grants, "budi", plt, "Sekretaris Dinas", AT) is not None  # other post
    assert roles.problem(grants, "sekda", plt, "Kepala Dinas", AT) is not None  # not theirs


# --- role grant | list | revoke ---------------------------------------------------------------


def test_role_grant_list_revoke_on_the_command_line(store_home: Path) -> None:
    r = run(
        "role",
        "grant",
        "budi",
        "--post",
        "Kepala Dinas",
        "--acting",
        "plt",
        "--from",
        "2026-03-01",
        "--until",
        "2026-03-31",
    )
    assert r.exit_code == 0, r.output
    assert r.stdout.strip() == "Grant 1: budi as Plt. Kepala Dinas (1 March 2026 to 31 March 2026)."
    listed = json.loads(run("role", "list", "budi", "--json").stdout)
    assert len(listed) == 1
    (g,) = listed
    # the days are whole days in the configured zone (WIB: UTC+7), the last one included
    assert g["valid_from"] == "2026-02-28T17:00:00+00:00"
    assert g["valid_until"] == "2026-03-31T17:00:00+00:00"
    assert g["acting"] == "plt" and g["state"] == "ended"  # March 2026 is over
    table = run("role", "list").stdout
    assert "Plt. Kepala Dinas" in table and "ended" in table
    r = run("role", "revoke", "1")
    assert r.exit_code == 0 and "Grant 1 of budi revoked" in r.stdout
    assert "already revoked" in run("role", "revoke", "1").stdout
    assert json.loads(run("role", "list", "--json").stdout)[0]["state"] == "revoked"
    missing = run("role", "revoke", "7")
    assert missing.exit_code == ExitCode.STORE and "no role grant number 7" in missing.stderr
    assert run("role", "list", "nobody").exit_code == ExitCode.STORE
    log = run("log", "--json").stdout
    assert '"role.grant"' in log and '"role.revoke"' in log


def test_role_grant_refuses_a_window_backwards(store_home: Path) -> None:
    r = run("role", "grant", "budi", "--post", "X", "--from", "2026-03-02", "--until", "2026-03-01")
    assert r.exit_code == ExitCode.USAGE
    assert "--until 1 March 2026 is before --from 2 March 2026" in r.stderr
    assert run("role", "list", "--json").stdout.strip() == "[]"


def test_an_empty_store_lists_no_roles_and_says_what_that_means(store_home: Path) -> None:
    assert "are not checked" in run("role", "list").stdout


# --- signing ----------------------------------------------------------------------------------


def _today() -> date:
    return datetime.now(JAKARTA).date()


def _sign_an(letter: Path, out: Path, *extra: str) -> list[str]:
    return [
        "sign",
        str(letter),
        "-o",
        str(out),
        "--signer",
        "budi",
        "--on-behalf-of",
        "Bupati Jember",
        "-y",
        *extra,
    ]


def test_sign_outside_the_window_is_refused_before_the_passphrase(
    store_home: Path, letter: Path
) -> None:
    yesterday, later = _today() - timedelta(days=1), _today() + timedelta(days=2)
    assert (
        run(
            "role",
            "grant",
            "budi",
            "--post",
            "Kepala Dinas",
            "--may-sign-for",
            "Bupati Jember",
            "--until",
            yesterday.isoformat(),
        ).exit_code
        == 0
    )
    out = letter.with_name("an.pdf")
    refused = no_passphrase(*_sign_an(letter, out))
    assert refused.exit_code == ExitCode.ROLE, refused.output
    (line,) = [x for x in refused.stderr.splitlines() if x.startswith("error:")]
    assert line.startswith("error: 'budi' may not sign a.n. Bupati Jember on ")
    assert "no role of this store allows it" in line
    assert not out.exists()
    run("role", "revoke", "1")
    run("role", "grant", "budi", "--post", "K", "--may-sign-for", "Bupati Jember", "--from",
        later.isoformat())  # fmt: skip
    assert no_passphrase(*_sign_an(letter, out)).exit_code == ExitCode.ROLE  # not yet
    run("role", "grant", "budi", "--post", "K", "--may-sign-for", "bupati jember")
    signed = run(*_sign_an(letter, out))
    assert signed.exit_code == 0, signed.output
    assert "not checked" not in signed.stderr
    assert_pdfsig_valid(out, 1)


def test_a_store_without_roles_signs_and_warns_once(store_home: Path, letter: Path) -> None:
    out = letter.with_name("an.pdf")
    result = run(*_sign_an(letter, out))
    assert result.exit_code == 0, result.output
    assert result.stderr.count("records no roles") == 1
    plain = run("sign", str(letter), "-o", str(letter.with_name("own.pdf")), "--signer", "budi")
    assert plain.exit_code == 0 and "records no roles" not in plain.stderr  # no claim, no word


def test_a_manifest_row_the_roles_do_not_allow_stops_the_batch_before_the_passphrase(
    store_home: Path, tmp_path: Path
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in ("a.pdf", "b.pdf"):
        shutil.copy(EXAMPLES / "surat-undangan.pdf", inbox / name)
    manifest = inbox / "jobs.csv"
    manifest.write_text(
        "input,signer,on_behalf_of,acting\na.pdf,budi,,plt\nb.pdf,budi,Bupati Jember,\n",
        encoding="utf-8",
    )
    # without roles: both signed, one warning for the batch
    result = run("sign", "--manifest", str(manifest), "--json", "-y")
    assert result.exit_code == 0, result.output
    assert result.stderr.count("records no roles") == 1
    for pdf in inbox.glob("*.signed.pdf"):
        pdf.unlink()
    # with roles: Plt. is granted, a.n. is not -> nothing is signed, the row is named
    assert run("role", "grant", "budi", "--post", "Kepala Dinas", "--acting", "plt").exit_code == 0
    refused = no_passphrase("sign", "--manifest", str(manifest), "--json", "-y")
    assert refused.exit_code == ExitCode.ROLE, refused.output
    assert "b.pdf: 'budi' may not sign a.n. Bupati Jember" in refused.stderr
    assert not list(inbox.glob("*.signed.pdf"))
    # the a.n. granted too: the batch signs
    run("role", "grant", "budi", "--post", "Kepala Dinas", "--may-sign-for", "Bupati Jember")
    assert run("sign", "--manifest", str(manifest), "--json", "-y").exit_code == 0
    assert len(list(inbox.glob("*.signed.pdf"))) == 2


def test_check_delegation_refuses_with_a_role_error(isolated_env: Path) -> None:
    with create_store(isolated_env, AT) as store:
        cert = pki.create_ca(name="X", key=ec.generate_private_key(ec.SECP256R1()), at=AT)
        store.add_identity(id="x", kind=CertKind.PERSON, cert=cert, key_p12=None, at=AT, source="t")
        role = SigningRole(on_behalf_of="Bupati Jember")
        assert app_roles.check_delegation(store, "x", role, AT) is False  # no roles: unchecked
        assert app_roles.check_delegation(store, "x", None, AT) is True  # no claim
        store.add_role_grant(
            identity_id="x",
            post="Sekda",
            may_sign_for="Bupati Jember",
            acting=None,
            valid_from=None,
            valid_until=AT,
            at=AT,
        )
        assert app_roles.check_delegation(store, "x", role, AT - SECOND) is True
        with pytest.raises(RoleError) as info:
            app_roles.check_delegation(store, "x", role, AT)
        assert info.value.exit_code == ExitCode.ROLE == 18


# --- the signed attribute ---------------------------------------------------------------------


def _signer_info(pdf: Path):  # type: ignore[no-untyped-def]
    from pyhanko.pdf_utils.reader import PdfFileReader

    with pdf.open("rb") as fh:
        (sig,) = PdfFileReader(fh).embedded_signatures
        return sig.signer_info


def test_the_claim_is_a_signed_signer_attributes_v2_attribute(
    store_home: Path, letter: Path
) -> None:
    import pyhanko.sign.ades.cades_asn1  # noqa: F401  (asn1crypto learns signer-attributes-v2)
    from asn1crypto import core

    out = letter.with_name("ub.pdf")
    args = [*_sign_an(letter, out), "--via", "Sekretaris Daerah", "--acting", "plh"]
    assert run(*args).exit_code == 0
    assert_pdfsig_valid(out, 1)
    signed = _signer_info(out)["signed_attrs"]
    (attr,) = [a for a in signed if a["type"].dotted == "0.4.0.19122.1.1"]  # ETSI EN 319 122-1
    claimed = attr["values"][0]["claimed_attributes"]
    texts = {
        item["type"].dotted: core.UTF8String.load(item["values"][0].dump()).native
        for item in claimed
    }
    assert texts == {
        roles.OID_ACTING: "Plh. Kepala Dinas",
        roles.OID_ON_BEHALF_OF: "a.n. Bupati Jember",
        roles.OID_VIA: "u.b. Sekretaris Daerah",
    }
    assert roles.OID_ACTING.startswith("2.25.")  # a UUID OID: esign's own arc
    # pyHanko reads the same claimed attributes back
    from pyhanko.sign.validation.status import ClaimedAttributes

    assert len(list(ClaimedAttributes.from_iterable(claimed))) == 3


def test_without_a_role_there_is_no_claim(store_home: Path, letter: Path) -> None:
    out = letter.with_name("own.pdf")
    assert run("sign", str(letter), "-o", str(out), "--signer", "budi").exit_code == 0
    types = {a["type"].native for a in _signer_info(out)["signed_attrs"]}
    assert "signer_attributes_v2" not in types
    assert (
        json.loads(run("verify", "--json", str(out)).stdout)["signatures"][0]["delegation"] is None
    )


# --- verify -----------------------------------------------------------------------------------


def _delegation(pdf: Path, *extra: str) -> tuple[dict[str, object], list[str], int]:
    r = run("verify", "--json", *extra, str(pdf))
    sig = json.loads(r.stdout)["signatures"][0]
    assert sig["verdict"] == "valid"  # the cryptographic verdict, whatever the roles say
    return sig["delegation"], sig["problems"], r.exit_code


def test_verify_says_whether_the_roles_confirm_the_claim(
    store_home: Path, letter: Path, tmp_path: Path
) -> None:
    out = letter.with_name("an.pdf")
    assert run(*_sign_an(letter, out)).exit_code == 0  # no roles yet: signed, unchecked
    # no roles recorded (or no store): unknown, nothing wrong said
    delegation, problems, code = _delegation(out)
    assert delegation == {
        "statement": "a.n. Bupati Jember",
        "on_behalf_of": "Bupati Jember",
        "via": None,
        "acting": None,
        "acting_post": None,
        "status": "unknown",
    }
    assert problems == [] and code == 0
    # roles that do not allow it: not confirmed, shown as a problem, the verdict kept
    run("role", "grant", "budi", "--post", "Kepala Dinas", "--acting", "plt")
    delegation, problems, code = _delegation(out)
    assert delegation["status"] == "not_confirmed" and code == 0
    (problem,) = problems
    assert problem.startswith("The signature states 'a.n. Bupati Jember', but this office's")
    assert "NOT confirmed" in run("verify", str(out)).stdout
    alone = json.loads(run("verify", "--json", "--no-store", str(out)).stdout)  # untrusted
    assert alone["signatures"][0]["delegation"]["status"] == "unknown"
    # a grant for the day it was signed: confirmed; revoking it later keeps it confirmed
    run("role", "grant", "budi", "--post", "Kepala Dinas", "--may-sign-for", "Bupati Jember")
    delegation, problems, _ = _delegation(out)
    assert delegation["status"] == "confirmed" and problems == []
    signed_at = datetime.fromisoformat(
        json.loads(run("verify", "--json", str(out)).stdout)["signatures"][0]["signed_at"]
    )
    with open_store(store_home) as store:  # revoked one second after the letter was signed
        app_roles.revoke(store, 2, signed_at + SECOND)
    assert _delegation(out)[0]["status"] == "confirmed"
    text = run("verify", str(out)).stdout
    assert "Signed for" in text and "a.n. Bupati Jember (confirmed by this office's" in text
    report = tmp_path / "report.html"
    assert run("verify", str(out), "--report", str(report)).exit_code == 0
    assert "a.n. Bupati Jember (confirmed by this office&#x27;s roles)" in report.read_text()
    printable = tmp_path / "report.pdf"
    assert run("verify", str(out), "--report", str(printable)).exit_code == 0
    assert "a.n. Bupati Jember (confirmed by this office's" in " ".join(pdf_text(printable).split())
    indonesian = run("--lang", "id", "verify", str(out)).stdout
    assert "Kewenangan" in indonesian and "sesuai peran yang tercatat" in indonesian


def test_a_signer_this_store_does_not_know_is_unknown_not_contradicted(
    store_home: Path, letter: Path, tmp_path: Path
) -> None:
    out = letter.with_name("an.pdf")
    assert run(*_sign_an(letter, out)).exit_code == 0
    other = tmp_path / "other-office"
    with create_store(other, AT) as store:  # another office: its own CA, officer, roles
        admin.create_ca(
            store, name="Other CA", passphrase=Secret(CA_PASS.encode()), at=AT,
            key_type=KeyType.P256,
        )  # fmt: skip
        admin.issue(
            store,
            id="ani",
            profile=SubjectProfile(name="Ani"),
            ca_passphrase=Secret(CA_PASS.encode()),
            passphrase=Secret(PASS.encode()),
            at=AT,
            base_url=None,
            key_type=KeyType.P256,
        )
        app_roles.grant(
            store, "ani", post="Sekda", may_sign_for="Bupati Jember", acting=None,
            valid_from=None, valid_until=None, at=AT,
        )  # fmt: skip
    with open_store(other) as store:
        assert store.role_grants()  # this store records roles, but not budi's
    r = CliRunner().invoke(cli, ["verify", "--json", str(out)], env={"ESIGN_HOME": str(other)})
    sig = json.loads(r.stdout)["signatures"][0]
    assert sig["delegation"]["status"] == "unknown"
    assert not [p for p in sig["problems"] if "roles" in p]
