"""The signing API's records (issue 14): client applications (only a scrypt hash of each
password, on both backends) and officers' NIKs, through the store, the app and the CLI."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from cryptography.hazmat.primitives.asymmetric import ec

from esign import pki
from esign.app import gateway
from esign.cli import cli
from esign.errors import CertificateError, ExitCode, GatewayError
from esign.models import CertKind
from esign.store import Store, create_store, open_store

BACKENDS = ["sqlite", "postgresql"]
AT = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)
NIK = "3509120101870001"
NIK_WOMAN = "3509124101870002"  # born on the 1st: a woman's day + 40
SECRET = "kata-sandi-srikandi-1"


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env)


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, isolated_env: Path) -> Iterator[Store]:
    """A new store on each backend with an officer ``budi``, ``sekda`` and a seal."""
    location = str(isolated_env)
    if request.param == "postgresql":
        location = str(request.getfixturevalue("pg_url"))
    with create_store(location, AT) as s:
        for id, kind in (("budi", CertKind.PERSON), ("sekda", CertKind.PERSON)):
            cert = pki.create_ca(name=id, key=ec.generate_private_key(ec.SECP256R1()), at=AT)
            s.add_identity(id=id, kind=kind, cert=cert, key_p12=None, at=AT, source="t")
        cert = pki.create_ca(name="Segel", key=ec.generate_private_key(ec.SECP256R1()), at=AT)
        s.add_identity(id="seal", kind=CertKind.SEAL, cert=cert, key_p12=None, at=AT, source="t")
        yield s


# --- the store, on both backends -------------------------------------------------------------


def test_client_applications_are_added_listed_and_removed(store: Store) -> None:
    assert store.api_clients() == []
    assert store.add_api_client("srikandi", "scrypt$h1", AT) is True
    assert store.add_api_client("srikandi", "scrypt$h2", AT) is False  # taken: unchanged
    assert store.add_api_client("tnde", "scrypt$h3", AT) is True
    assert store.api_clients() == [("srikandi", "scrypt$h1", AT), ("tnde", "scrypt$h3", AT)]
    assert store.remove_api_client("srikandi") is True
    assert store.remove_api_client("srikandi") is False
    assert [name for name, _, _ in store.api_clients()] == ["tnde"]


def test_a_nik_names_one_officer(store: Store) -> None:
    assert store.identity_by_nik(NIK) is None
    store.set_nik("budi", NIK, AT)
    assert store.nik("budi") == NIK
    assert store.identity_by_nik(NIK) == "budi"
    store.set_nik("budi", NIK_WOMAN, AT)  # a new NIK replaces the old one
    assert store.identity_by_nik(NIK) is None
    assert store.identity_by_nik(NIK_WOMAN) == "budi"
    store.set_nik("budi", None, AT)
    assert store.nik("budi") is None and store.identity_by_nik(NIK_WOMAN) is None


def test_the_store_refuses_one_nik_for_two_officers(store: Store) -> None:
    store.set_nik("budi", NIK, AT)
    with pytest.raises(Exception, match="already recorded"):
        store.set_nik("sekda", NIK, AT)
    assert store.identity_by_nik(NIK) == "budi"


# --- the app --------------------------------------------------------------------------------


def test_only_a_salted_slow_hash_of_the_password_is_kept(store: Store) -> None:
    gateway.add_client(store, "srikandi", SECRET, AT)
    gateway.add_client(store, "tnde", SECRET, AT)
    (_, first, _), (_, second, _) = store.api_clients()
    assert SECRET not in first and first.startswith("scrypt$16384$8$1$")
    assert first != second  # salted: the same password, two hashes
    assert gateway.authenticate(store, "srikandi", SECRET)
    assert not gateway.authenticate(store, "srikandi", SECRET + "x")
    assert not gateway.authenticate(store, "tidak-ada", SECRET)
    assert [e.action for e in store.audit_entries()][-2:] == ["api.client_add"] * 2


def test_client_names_passwords_and_removal_are_checked(store: Store) -> None:
    gateway.add_client(store, "srikandi", SECRET, AT)
    with pytest.raises(GatewayError) as taken:
        gateway.add_client(store, "srikandi", SECRET, AT)
    assert taken.value.exit_code == ExitCode.GATEWAY == 19
    with pytest.raises(GatewayError, match="at least 12"):
        gateway.add_client(store, "pendek", "rahasia", AT)
    with pytest.raises(Exception, match="not a valid"):
        gateway.add_client(store, "a:b", SECRET, AT)  # a colon would break HTTP Basic
    gateway.remove_client(store, "srikandi", AT)
    assert not gateway.authenticate(store, "srikandi", SECRET)
    with pytest.raises(GatewayError, match="no client application"):
        gateway.remove_client(store, "srikandi", AT)


def test_set_nik_validates_and_audits_a_masked_nik(store: Store) -> None:
    assert gateway.set_nik(store, "budi", "3509 1201 0187 0001", AT) == NIK
    with pytest.raises(CertificateError, match="not a valid NIK"):
        gateway.set_nik(store, "sekda", "3509120101870000", AT)  # sequence 0000
    with pytest.raises(GatewayError, match="already recorded for 'budi'"):
        gateway.set_nik(store, "sekda", NIK, AT)
    with pytest.raises(GatewayError, match="person's certificate"):
        gateway.set_nik(store, "seal", NIK_WOMAN, AT)
    entry = store.audit_entries()[-1]
    assert entry.action == "cert.set_nik" and entry.identity == "budi"
    assert entry.detail == {"before": None, "after": "350912******0001"}
    assert NIK not in str(entry.detail)


def test_user_status_by_nik(store: Store) -> None:
    assert gateway.user_status(store, NIK, AT) == (gateway.UserStatus.NOT_REGISTERED, None)
    gateway.set_nik(store, "budi", NIK, AT)
    # these test identities carry no key: registered, but nothing to sign with
    assert gateway.user_status(store, NIK, AT) == (gateway.UserStatus.NO_CERTIFICATE, "budi")


# --- the CLI --------------------------------------------------------------------------------


def test_api_client_commands(store_home: Path, tmp_path: Path) -> None:
    secret = tmp_path / "srikandi.pass"
    secret.write_text(SECRET + "\n", encoding="utf-8")
    r = run("api-client", "add", "srikandi", "--password-file", str(secret))
    assert r.exit_code == 0, r.output
    assert "Client application 'srikandi' recorded" in r.output
    r = run("api-client", "add", "srikandi", "--password-file", str(secret))
    assert r.exit_code == ExitCode.GATEWAY
    assert "already exists" in r.output
    r = run("api-client", "list", "--json")
    assert r.exit_code == 0 and '"name":"srikandi"' in r.stdout and SECRET not in r.stdout
    r = run("--lang", "id", "api-client", "list")
    assert r.stdout.startswith("srikandi  (dicatat ")
    assert run("api-client", "remove", "srikandi").exit_code == 0
    r = run("api-client", "remove", "srikandi")
    assert r.exit_code == ExitCode.GATEWAY and "api-client list" in r.output
    assert "No client applications yet" in run("--lang", "en", "api-client", "list").output


def test_api_client_add_never_takes_the_password_from_argv_and_needs_one(
    store_home: Path,
) -> None:
    r = run("--non-interactive", "api-client", "add", "srikandi")
    assert r.exit_code == ExitCode.PASSPHRASE, r.output
    assert "--password-file" in r.output and "ESIGN_API_CLIENT_PASSWORD" in r.output
    r = run("api-client", "add", "srikandi", env={"ESIGN_API_CLIENT_PASSWORD": SECRET})
    assert r.exit_code == 0, r.output
    r = run("api-client", "add", "--help")
    assert "--password-file" in r.output and "--password " not in r.output


def test_cert_set_nik_command(store_home: Path) -> None:
    r = run("cert", "set-nik", "budi", NIK)
    assert r.exit_code == 0, r.output
    assert f"NIK {NIK} recorded for 'budi'" in r.output
    r = run("cert", "set-nik", "budi", "12345")
    assert r.exit_code == ExitCode.CERTIFICATE and "16 digits" in r.output
    r = run("cert", "set-nik", "seal", NIK_WOMAN)
    assert r.exit_code == ExitCode.GATEWAY
    assert run("cert", "set-nik", "budi").exit_code == ExitCode.USAGE
    r = run("--lang", "id", "cert", "set-nik", "budi", "--clear")
    assert r.exit_code == 0 and "NIK milik 'budi' dihapus" in r.output
    with open_store(store_home) as s:
        assert s.nik("budi") is None


def test_cert_issue_records_the_nik_and_refuses_a_bad_one_before_any_passphrase(
    store_home: Path,
) -> None:
    from conftest import CA_PASS, PASS

    env = {"ESIGN_CA_PASSPHRASE": CA_PASS, "ESIGN_PASSPHRASE": PASS}
    base = ["cert", "issue", "--name", "Siti Aminah", "--key", "p256"]
    r = run(*base, "--id", "siti", "--nik", "3509124101870002", env=env)
    assert r.exit_code == 0, r.output
    with open_store(store_home) as s:
        assert s.identity_by_nik(NIK_WOMAN) == "siti"
    r = run("--non-interactive", *base, "--id", "ani", "--nik", "12345")
    assert r.exit_code == ExitCode.CERTIFICATE and "16 digits" in r.output  # before passphrases
    r = run("--non-interactive", *base, "--id", "ani", "--nik", NIK_WOMAN)
    assert r.exit_code == ExitCode.GATEWAY and "already recorded for 'siti'" in r.output
    seal = ["cert", "issue", "--id", "segel", "--seal", "--org", "Dinas", "--nik", NIK]
    assert run("--non-interactive", *seal).exit_code == ExitCode.GATEWAY
    with open_store(store_home) as s:
        assert {r.id for r in s.identities()} >= {"siti"} and "ani" not in {
            r.id for r in s.identities()
        }
