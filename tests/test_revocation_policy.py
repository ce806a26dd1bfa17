"""Issue 11 item 1: revocation never fails open.

The store's own register first (offline too), ``--crl`` files, the document's DSS, then
online; no answer is INDETERMINATE / TRY_LATER (exit 4) under the default ``hard-fail``
policy, and ``soft-fail`` accepts it but never hides a known revocation. Each regression
test here fails on the code before issue 11 (which said VALID, ``unknown``/``not_checked``).
"""

from __future__ import annotations

import dataclasses
import io
import json
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509 import ocsp

from conftest import CA_PASS, pdf_text
from esign import revocation
from esign.app import admin
from esign.cli import cli
from esign.keys import Secret
from esign.keys.p12 import P12Key
from esign.ltv import LtvOptions
from esign.models import (
    Indication,
    Level,
    Revocation,
    RevocationFailureKind,
    RevocationPolicy,
    SubIndication,
    Verdict,
)
from esign.sign import SignOptions, sign_pdf
from esign.store import open_store
from esign.timestamp import TsaClient
from esign.verify import TrustSettings, verify_pdf
from helpers import independent_crls, independent_trust
from independent_pki import REVOCATION_DATE, IndependentPki
from services_fixtures import RunningServices, services, services_template

__all__ = ["services", "services_template"]

CA = Secret(CA_PASS.encode())


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env)


def sign_ani(services: RunningServices, letter: Path, level: Level, out: Path) -> Path:
    options = LtvOptions(
        level=level, tsa=TsaClient(url=services.url + "/tsa"), roots=services.roots()
    )
    sign_pdf(letter, out, services.signer, at=datetime.now(UTC), options=SignOptions(ltv=options))
    return out


def revoke_ani(services: RunningServices) -> None:
    time.sleep(1.1)  # revocation times are kept to the second: "signed before" unambiguous
    with open_store(services.home) as store:
        admin.revoke(
            store, id="ani", reason="keyCompromise", ca_passphrase=CA, at=datetime.now(UTC)
        )


def sign_independent(
    pki: IndependentPki, letter: Path, out: Path, *, revoked: bool = False
) -> Path:
    party = pki.revoked_signer if revoked else pki.signer
    key = P12Key(
        id="siti",
        private_key=party.key,
        cert=party.cert,
        chain=(pki.intermediate.cert, pki.root.cert),
    )
    sign_pdf(letter, out, key, at=datetime.now(UTC))
    return out


def root_file(pki: IndependentPki, tmp_path: Path) -> Path:
    path = tmp_path / "independent-root.pem"
    path.write_bytes(pki.root.cert_pem())
    return path


def crl_files(pki: IndependentPki, tmp_path: Path) -> list[str]:
    """The issuing CA's CRL as PEM and the root's as DER: both encodings are read."""
    issuing, root = independent_crls(pki)
    pem, der = tmp_path / "issuing-ca.pem.crl", tmp_path / "root.der.crl"
    pem.write_bytes(issuing.crl.public_bytes(Encoding.PEM))
    der.write_bytes(root.crl.public_bytes(Encoding.DER))
    return ["--crl", str(pem), "--crl", str(der)]


# --- the office's own letters: responder down, --offline in the revoking store ---------------


def test_revoked_signer_with_the_responder_down_is_not_valid(
    services: RunningServices, letter: Path
) -> None:
    """Was VALID / TOTAL_PASSED with ``revocation: unknown``: blocking the fetch got a
    revoked key accepted. Now INDETERMINATE / TRY_LATER, naming the responder that failed."""
    out = sign_ani(services, letter, Level.B_B, letter.with_name("bb.pdf"))
    revoke_ani(services)
    services.stop()
    trust = TrustSettings(roots=services.roots(), fetch_timeout=2)
    report = verify_pdf(out, trust=trust, at=datetime.now(UTC))
    sig = report.signatures[0]
    assert report.verdict is Verdict.INDETERMINATE, sig.problems
    assert (sig.indication, sig.sub_indication) == (
        Indication.INDETERMINATE,
        SubIndication.TRY_LATER,
    )
    assert sig.revocation is Revocation.UNKNOWN
    ocsp_urls, crl_urls = revocation.service_urls(services.signer.cert)
    failed = {f.source: f.kind for f in sig.revocation_failures}
    assert failed == {url: RevocationFailureKind.UNREACHABLE for url in ocsp_urls + crl_urls}
    assert all(f.detail for f in sig.revocation_failures)  # the error, e.g. Connection refused


def test_offline_in_the_revoking_store_is_revoked(services: RunningServices, letter: Path) -> None:
    """Was VALID with ``not_checked`` under --offline, in the very store that revoked it."""
    before = sign_ani(services, letter, Level.B_B, letter.with_name("before.pdf"))
    revoke_ani(services)
    after = sign_ani(services, letter, Level.B_B, letter.with_name("after.pdf"))
    services.stop()
    r = run("verify", "--offline", "--json", str(before))
    assert r.exit_code == 4, r.output
    sig = json.loads(r.stdout)["signatures"][0]
    assert (sig["revocation"], sig["revocation_source"]) == ("revoked", "store")
    assert sig["sub_indication"] == "REVOKED_NO_POE" and sig["revoked_at"]
    r = run("verify", "--offline", "--json", str(after))
    assert r.exit_code == 3, r.output
    sig = json.loads(r.stdout)["signatures"][0]
    assert (sig["verdict"], sig["sub_indication"]) == ("invalid", "REVOKED")
    assert sig["revocation_source"] == "store"


def test_store_register_answers_offline_for_a_good_letter(
    services: RunningServices, letter: Path
) -> None:
    out = sign_ani(services, letter, Level.B_B, letter.with_name("bb.pdf"))
    services.stop()
    r = run("verify", "--offline", str(out))
    assert r.exit_code == 0, r.output
    assert "answer from this office's store" in r.stdout and "policy hard-fail" in r.stdout


def test_b_lt_letter_made_by_esign_still_verifies_offline(
    services: RunningServices, letter: Path
) -> None:
    """Its DSS has the answers: no register, no network, still VALID (and B-LT)."""
    out = sign_ani(services, letter, Level.B_LT, letter.with_name("lt.pdf"))
    services.stop()
    trust = TrustSettings(roots=services.roots(), offline=True)
    sig = verify_pdf(out, trust=trust, at=datetime.now(UTC)).signatures[0]
    assert (sig.verdict, sig.level, sig.revocation_source) == (
        Verdict.VALID,
        Level.B_LT,
        "embedded",
    )
    assert sig.revocation_failures == ()


# --- letters from the independent PKI: no source, --crl, soft-fail ---------------------------


def test_unknown_with_no_source_is_try_later_exit_4(
    independent: IndependentPki, letter: Path, tmp_path: Path
) -> None:
    out = sign_independent(independent, letter, tmp_path / "siti.pdf")
    root = root_file(independent, tmp_path)
    r = run("verify", "--no-store", "--trust", str(root), "--offline", "--json", str(out))
    assert r.exit_code == 4, r.output
    sig = json.loads(r.stdout)["signatures"][0]
    assert (sig["verdict"], sig["sub_indication"]) == ("indeterminate", "TRY_LATER")
    assert sig["revocation"] == "not_checked" and sig["revocation_policy"] == "hard-fail"
    # the signer and the issuing CA (not the root: a trust anchor needs no check)
    assert {f["certificate"].split(",")[0] for f in sig["revocation_failures"]} == {
        "CN=Siti Rahayu",
        "CN=Independent Test Issuing CA",
    }
    r = run("--lang", "id", "verify", "--no-store", "--trust", str(root), "--offline", str(out))
    assert r.exit_code == 4
    assert "--offline: tidak ada yang diambil" in r.stdout
    assert "Status pencabutan" in r.stdout and "kebijakan hard-fail" in r.stdout


def test_crl_files_answer_offline(
    independent: IndependentPki, letter: Path, tmp_path: Path
) -> None:
    good = sign_independent(independent, letter, tmp_path / "siti.pdf")
    bad = sign_independent(independent, letter, tmp_path / "revoked.pdf", revoked=True)
    base = ["verify", "--no-store", "--trust", str(root_file(independent, tmp_path)), "--offline"]
    crls = crl_files(independent, tmp_path)
    r = run(*base, *crls, "--json", str(good))
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["signatures"][0]["revocation_source"] == "crl_file"
    r = run(*base, *crls, "--json", str(bad))
    assert r.exit_code == 3, r.output  # signed (by its own claim) after the revocation
    sig = json.loads(r.stdout)["signatures"][0]
    assert (sig["revocation"], sig["sub_indication"]) == ("revoked", "REVOKED")
    assert sig["revoked_at"] == REVOCATION_DATE.isoformat()


def test_soft_fail_is_valid_with_the_policy_printed(
    independent: IndependentPki, letter: Path, tmp_path: Path
) -> None:
    out = sign_independent(independent, letter, tmp_path / "siti.pdf")
    base = ["verify", "--no-store", "--trust", str(root_file(independent, tmp_path)), "--offline"]
    r = run(*base, "--revocation", "soft-fail", str(out))
    assert r.exit_code == 0, r.output
    assert "policy soft-fail" in r.stdout and "--offline: nothing is fetched" in r.stdout
    r = run(*base, "--json", str(out), env={"ESIGN_REVOCATION": "soft-fail"})  # config key
    assert r.exit_code == 0, r.output
    sig = json.loads(r.stdout)["signatures"][0]
    assert sig["revocation_policy"] == "soft-fail" and sig["revocation_failures"]
    html, pdf = tmp_path / "report.html", tmp_path / "report.pdf"
    for report in (html, pdf):
        r = run(*base, "--revocation", "soft-fail", "--report", str(report), str(out))
        assert r.exit_code == 0, r.output
    assert "policy soft-fail" in html.read_text(encoding="utf-8")
    assert "policy soft-fail" in pdf_text(pdf)


def test_soft_fail_never_hides_a_known_revocation(
    independent: IndependentPki, letter: Path, tmp_path: Path
) -> None:
    bad = sign_independent(independent, letter, tmp_path / "revoked.pdf", revoked=True)
    base = ["verify", "--no-store", "--trust", str(root_file(independent, tmp_path)), "--offline"]
    r = run(*base, *crl_files(independent, tmp_path), "--revocation", "soft-fail", str(bad))
    assert r.exit_code == 3, r.output


def test_bad_crl_file_is_one_line_exit_11(tmp_path: Path, letter: Path) -> None:
    junk = tmp_path / "junk.crl"
    junk.write_bytes(b"not a CRL")
    r = run("verify", "--crl", str(junk), str(letter))
    assert r.exit_code == 11
    assert r.output.strip().splitlines()[0] == f"error: {junk} is not a CRL (PEM or DER expected)."


def test_revoked_issuing_ca_is_not_valid(
    independent: IndependentPki, letter: Path, tmp_path: Path
) -> None:
    """Intermediate CAs follow the same rules as the signer."""
    out = sign_independent(independent, letter, tmp_path / "siti.pdf")
    root_crl = _root_crl(independent, revoked=True)
    issuing, _root = independent_crls(independent)
    trust = TrustSettings(
        roots=(independent.root.cert,),
        crl_files=(issuing, revocation.CrlFile(label="root.crl", crl=root_crl)),
        offline=True,
    )
    sig = verify_pdf(out, trust=trust, at=datetime.now(UTC)).signatures[0]
    assert (sig.verdict, sig.sub_indication) == (Verdict.INVALID, SubIndication.REVOKED)
    assert sig.revocation is Revocation.GOOD  # the signer itself is not revoked
    assert "Independent Test Issuing CA" in sig.problems[0]


# --- answers embedded in the document (DSS) --------------------------------------------------


def _ocsp(pki: IndependentPki, *, this_update: datetime, next_update: datetime) -> bytes:
    builder = (
        ocsp.OCSPResponseBuilder()
        .add_response(
            cert=pki.signer.cert,
            issuer=pki.intermediate.cert,
            algorithm=hashes.SHA256(),
            cert_status=ocsp.OCSPCertStatus.GOOD,
            this_update=this_update,
            next_update=next_update,
            revocation_time=None,
            revocation_reason=None,
        )
        .responder_id(ocsp.OCSPResponderEncoding.HASH, pki.intermediate.cert)
    )
    return builder.sign(pki.intermediate.key, hashes.SHA256()).public_bytes(Encoding.DER)


def _root_crl(pki: IndependentPki, *, revoked: bool = False) -> x509.CertificateRevocationList:
    from independent_pki import CRL_LAST_UPDATE, CRL_NEXT_UPDATE

    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(pki.root.cert.subject)
        .last_update(CRL_LAST_UPDATE)
        .next_update(CRL_NEXT_UPDATE)
    )
    if revoked:
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder()
            .serial_number(pki.intermediate.cert.serial_number)
            .revocation_date(REVOCATION_DATE)
            .build()
        )
    return builder.sign(pki.root.key, hashes.SHA256())


def _add_dss(path: Path, *, ocsps: list[bytes], crls: list[bytes]) -> None:
    """Embed answers with pyHanko's own DSS writer (an incremental update)."""
    from asn1crypto import crl as asn1_crl
    from asn1crypto import ocsp as asn1_ocsp
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation.dss import DocumentSecurityStore

    buf = io.BytesIO(path.read_bytes())
    sig = PdfFileReader(buf).embedded_signatures[0]
    DocumentSecurityStore.add_dss(
        buf,
        sig.pkcs7_content,
        ocsps=[asn1_ocsp.OCSPResponse.load(d) for d in ocsps],
        crls=[asn1_crl.CertificateList.load(d) for d in crls],
    )
    path.write_bytes(buf.getvalue())


def test_independent_letter_with_embedded_ocsp_and_crl(
    independent: IndependentPki, letter: Path, tmp_path: Path
) -> None:
    now = datetime.now(UTC)
    out = sign_independent(independent, letter, tmp_path / "siti.pdf")
    root_crl = _root_crl(independent).public_bytes(Encoding.DER)
    answer = _ocsp(
        independent, this_update=now - timedelta(minutes=1), next_update=now + timedelta(days=1)
    )
    _add_dss(out, ocsps=[answer], crls=[root_crl])
    trust = TrustSettings(roots=(independent.root.cert,), offline=True)
    report = verify_pdf(out, trust=trust, at=now)
    sig = report.signatures[0]
    assert report.verdict is Verdict.VALID, sig.problems
    assert (sig.revocation, sig.revocation_source) == (Revocation.GOOD, "embedded")


def test_embedded_answer_that_does_not_cover_the_signature_is_not_an_answer(
    independent: IndependentPki, letter: Path, tmp_path: Path
) -> None:
    """An OCSP answer that expired before the time it must prove (no timestamp: now)."""
    now = datetime.now(UTC)
    out = sign_independent(independent, letter, tmp_path / "siti.pdf")
    old = _ocsp(
        independent, this_update=now - timedelta(days=2), next_update=now - timedelta(days=1)
    )
    _add_dss(out, ocsps=[old], crls=[_root_crl(independent).public_bytes(Encoding.DER)])
    trust = TrustSettings(roots=(independent.root.cert,), offline=True)
    sig = verify_pdf(out, trust=trust, at=now).signatures[0]
    assert (sig.verdict, sig.sub_indication) == (Verdict.INDETERMINATE, SubIndication.TRY_LATER)
    assert RevocationFailureKind.STALE in {f.kind for f in sig.revocation_failures}


def test_embedded_crl_listing_the_signer_is_revoked(
    independent: IndependentPki, letter: Path, tmp_path: Path
) -> None:
    out = sign_independent(independent, letter, tmp_path / "revoked.pdf", revoked=True)
    crls = [
        independent.crl.public_bytes(Encoding.DER),
        _root_crl(independent).public_bytes(Encoding.DER),
    ]
    _add_dss(out, ocsps=[], crls=crls)
    for policy in RevocationPolicy:
        trust = TrustSettings(
            roots=(independent.root.cert,), offline=True, revocation_policy=policy
        )
        sig = verify_pdf(out, trust=trust, at=datetime.now(UTC)).signatures[0]
        assert (sig.verdict, sig.revocation, sig.revocation_source) == (
            Verdict.INVALID,
            Revocation.REVOKED,
            "embedded",
        )


# --- the CRL checks themselves: signature, issuer, freshness (one second apart) -------------


def _crl(
    pki: IndependentPki, *, next_update: datetime, key: object | None = None
) -> revocation.CrlFile:
    crl = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(pki.intermediate.cert.subject)
        .last_update(next_update - timedelta(days=7))
        .next_update(next_update)
        .sign(key or pki.intermediate.key, hashes.SHA256())  # type: ignore[arg-type]
    )
    return revocation.CrlFile(label="test.crl", crl=crl)


def _status(pki: IndependentPki, crl: revocation.CrlFile, at: datetime) -> revocation.Outcome:
    sources = revocation.Sources(crl_files=(crl,), offline=True)
    return revocation.check(pki.signer.cert, pki.intermediate.cert, sources, at=at)


def test_a_stale_crl_is_not_an_answer(independent: IndependentPki) -> None:
    at = datetime(2026, 12, 1, tzinfo=UTC)
    current = _status(independent, _crl(independent, next_update=at), at)
    assert current.answer.status is Revocation.GOOD
    stale = _status(independent, _crl(independent, next_update=at - timedelta(seconds=1)), at)
    assert stale.answer.status is Revocation.UNKNOWN
    assert stale.failures[0].kind is RevocationFailureKind.STALE


def test_a_crl_not_signed_by_the_issuer_is_not_an_answer(independent: IndependentPki) -> None:
    at = datetime(2026, 12, 1, tzinfo=UTC)
    forged = _crl(independent, next_update=at + timedelta(days=1), key=independent.root.key)
    outcome = _status(independent, forged, at)
    assert outcome.answer.status is Revocation.UNKNOWN
    assert outcome.failures[0].kind is RevocationFailureKind.UNTRUSTED
    assert outcome.failures[0].source == "test.crl"


def test_trust_settings_default_is_hard_fail() -> None:
    assert TrustSettings().revocation_policy is RevocationPolicy.HARD_FAIL


@pytest.mark.parametrize("value", ["hard-fail", "soft-fail"])
def test_revocation_setting_accepts_the_two_policies(value: str) -> None:
    r = run("config", "set", "revocation", value)
    assert r.exit_code == 0, r.output
    bad = run("config", "set", "revocation", "maybe")
    assert bad.exit_code == 10


def test_independent_trust_helper_answers(
    independent: IndependentPki, letter: Path, tmp_path: Path
) -> None:
    out = sign_independent(independent, letter, tmp_path / "siti.pdf")
    report = verify_pdf(
        out, trust=independent_trust(independent, offline=True), at=datetime.now(UTC)
    )
    assert report.verdict is Verdict.VALID


# --- the TSA's certificate follows the same rules ---------------------------------------------


def test_revoked_tsa_is_no_proof_of_existence(services: RunningServices, letter: Path) -> None:
    """The signer revoked after a B-T signature: VALID while the TSA is good (the token is
    the proof of existence); with the TSA's key compromised, the token proves nothing."""
    out = sign_ani(services, letter, Level.B_T, letter.with_name("bt.pdf"))
    now = datetime.now(UTC) + timedelta(seconds=2)
    with open_store(services.home) as store:
        register = admin.revocation_register(store, now)
        tsa = next(s.cert for s in store.services() if s.name == "tsa")
    assert register is not None
    entries = dict(register.entries)
    entries[services.signer.cert.serial_number] = revocation.RegisterEntry(
        revoked_at=now, reason="keyCompromise"
    )
    revoked_signer = dataclasses.replace(register, entries=dict(entries))
    entries[tsa.serial_number] = revocation.RegisterEntry(revoked_at=now, reason="keyCompromise")
    revoked_both = dataclasses.replace(register, entries=entries)
    services.stop()

    def check(reg: revocation.StoreRegister):  # type: ignore[no-untyped-def]
        trust = TrustSettings(roots=services.roots(), offline=True, revocation_registers=(reg,))
        return verify_pdf(out, trust=trust, at=now + timedelta(seconds=1)).signatures[0]

    sig = check(revoked_signer)
    assert (sig.verdict, sig.revocation) == (Verdict.VALID, Revocation.REVOKED), sig.problems
    sig = check(revoked_both)
    assert sig.timestamp is not None and sig.timestamp.valid is False
    assert (sig.verdict, sig.sub_indication) == (
        Verdict.INDETERMINATE,
        SubIndication.REVOKED_NO_POE,
    )
    assert any("time-stamp authority" in p for p in sig.problems)
