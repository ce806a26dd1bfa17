"""Revocation in the store: ``esign cert revoke``, the CRL it publishes, ``esign ca crl``,
the service certificates, and signing refused with a revoked certificate."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from cryptography import x509
from cryptography.x509.oid import AuthorityInformationAccessOID, ExtendedKeyUsageOID

from conftest import CA_PASS, PASS
from esign.app import admin
from esign.cli import cli
from esign.errors import CertificateError, ExitCode, PassphraseError
from esign.keys import Secret
from esign.store import open_store

CA = Secret(CA_PASS.encode())


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def test_cli_revoke_records_publishes_crl_and_audits(store_home: Path, tmp_path: Path) -> None:
    r = run(
        "cert", "revoke", "budi", "--reason", "keyCompromise", env={"ESIGN_CA_PASSPHRASE": CA_PASS}
    )
    assert r.exit_code == 0, r.output
    assert "Revoked budi (keyCompromise)" in r.stdout
    with open_store(store_home) as store:
        record = store.get("budi")
        assert record.revoked_at is not None and record.revocation_reason == "keyCompromise"
        actions = [e.action for e in store.audit_entries()]
        latest = store.latest_crl()
    assert actions[-2:] == ["cert.revoke", "ca.crl"]
    assert latest is not None
    crl = x509.load_der_x509_crl(latest.der)
    entry = crl.get_revoked_certificate_by_serial_number(record.cert.serial_number)
    assert entry is not None
    assert entry.extensions.get_extension_for_class(x509.CRLReason).value.reason is (
        x509.ReasonFlags.key_compromise
    )
    # `ca crl` writes the stored CRL without asking for the CA passphrase.
    out = tmp_path / "ca.crl"
    r = run("--non-interactive", "ca", "crl", "-o", str(out))
    assert r.exit_code == 0, r.output
    assert out.read_bytes() == latest.der
    r = run("cert", "list", "--json")
    assert '"id":"budi"' in r.stdout and '"status":"revoked"' in r.stdout


def test_cli_revoke_refusals(store_home: Path) -> None:
    env = {"ESIGN_CA_PASSPHRASE": CA_PASS}
    r = run("cert", "revoke", "ca", env=env)
    assert r.exit_code == ExitCode.STORE
    r = run("cert", "revoke", "nobody", env=env)
    assert r.exit_code == ExitCode.STORE
    r = run("cert", "revoke", "budi", "--reason", "bored", env=env)
    assert r.exit_code == ExitCode.USAGE
    r = run("cert", "revoke", "budi", env={"ESIGN_CA_PASSPHRASE": "wrong-passphrase"})
    assert r.exit_code == ExitCode.PASSPHRASE
    with open_store(store_home) as store:
        assert store.get("budi").revoked_at is None  # nothing changed on a wrong passphrase
    assert run("cert", "revoke", "budi", env=env).exit_code == 0
    r = run("cert", "revoke", "budi", env=env)
    assert r.exit_code == ExitCode.CERTIFICATE
    assert "already revoked" in r.stderr


def test_revoked_certificate_cannot_sign(store_home: Path, letter: Path) -> None:
    assert run("cert", "revoke", "budi", env={"ESIGN_CA_PASSPHRASE": CA_PASS}).exit_code == 0
    r = run("sign", str(letter), "--signer", "budi", env={"ESIGN_PASSPHRASE": PASS})
    assert r.exit_code == ExitCode.CERTIFICATE
    assert "revoked" in r.stderr
    assert not letter.with_suffix(".signed.pdf").exists()


def test_ca_crl_issues_a_fresh_one_when_none_is_stored(store_home: Path, tmp_path: Path) -> None:
    out = tmp_path / "fresh.crl"
    r = run("--non-interactive", "ca", "crl", "-o", str(out))
    assert r.exit_code == ExitCode.PASSPHRASE  # none stored yet: the CA must sign one
    r = run("ca", "crl", "-o", str(out), env={"ESIGN_CA_PASSPHRASE": CA_PASS})
    assert r.exit_code == 0, r.output
    crl = x509.load_der_x509_crl(out.read_bytes())
    assert len(crl) == 0
    assert crl.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number == 1
    r = run("ca", "crl", "-o", str(out), "--refresh", env={"ESIGN_CA_PASSPHRASE": CA_PASS})
    assert r.exit_code == ExitCode.OUTPUT  # exists: --force
    r = run(
        "ca", "crl", "-o", str(out), "--refresh", "--force", env={"ESIGN_CA_PASSPHRASE": CA_PASS}
    )
    assert r.exit_code == 0
    crl = x509.load_der_x509_crl(out.read_bytes())
    assert crl.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number == 2


def test_current_crl_expires_one_day_before_next_update(store_home: Path) -> None:
    at = datetime.now(UTC)
    with open_store(store_home) as store:
        admin.issue_crl(store, ca_passphrase=CA, at=at)
        assert admin.current_crl(store, at + timedelta(days=5)) is not None
        assert admin.current_crl(store, at + timedelta(days=6, seconds=1)) is None


def test_service_certificates(store_home: Path) -> None:
    at = datetime.now(UTC)
    with open_store(store_home) as store:
        with pytest.raises(PassphraseError):
            admin.ensure_services(
                store, ca_passphrase=Secret(b"wrong-pass"), at=at, base_url="http://127.0.0.1:9"
            )
        infos = admin.ensure_services(store, ca_passphrase=CA, at=at, base_url="http://127.0.0.1:9")
        again = admin.ensure_services(store, ca_passphrase=CA, at=at, base_url=None)
        services = {s.name: s.cert for s in store.services()}
        keys = admin.unlock_services(store, CA, at)
    assert [i.id for i in infos] == ["ocsp", "tsa"] == [i.id for i in again]
    assert [i.fingerprint for i in infos] == [i.fingerprint for i in again]  # created once
    tsa, responder = services["tsa"], services["ocsp"]
    eku = tsa.extensions.get_extension_for_class(x509.ExtendedKeyUsage)
    assert eku.critical and list(eku.value) == [ExtendedKeyUsageOID.TIME_STAMPING]
    ku = tsa.extensions.get_extension_for_class(x509.KeyUsage).value
    assert ku.digital_signature and not ku.content_commitment and not ku.key_cert_sign
    aia = tsa.extensions.get_extension_for_class(x509.AuthorityInformationAccess).value
    assert aia[0].access_method == AuthorityInformationAccessOID.OCSP
    assert aia[0].access_location.value == "http://127.0.0.1:9/ocsp"
    eku = responder.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert list(eku) == [ExtendedKeyUsageOID.OCSP_SIGNING]
    responder.extensions.get_extension_for_class(x509.OCSPNoCheck)
    assert keys.tsa.cert == tsa and keys.ocsp.cert == responder


def test_issued_certificates_carry_ocsp_and_crl_urls(store_home: Path) -> None:
    with open_store(store_home) as store:
        cert = store.get("budi").cert
    aia = cert.extensions.get_extension_for_class(x509.AuthorityInformationAccess).value
    assert [a.access_location.value for a in aia] == ["http://127.0.0.1:8080/ocsp"]
    cdp = cert.extensions.get_extension_for_class(x509.CRLDistributionPoints).value
    assert cdp[0].full_name[0].value == "http://127.0.0.1:8080/crl"


def test_revoke_library_errors(store_home: Path) -> None:
    at = datetime.now(UTC)
    with open_store(store_home) as store:
        with pytest.raises(CertificateError) as info:
            admin.revoke(store, id="budi", reason="nope", ca_passphrase=CA, at=at)
        assert info.value.key == "cert.bad_reason"
        admin.revoke(store, id="seal", reason="superseded", ca_passphrase=CA, at=at)
        assert admin.current_crl(store, at) is not None


def test_cli_reason_choices_match_pki() -> None:
    from esign.cli.services import REASONS
    from esign.pki import REVOCATION_REASONS

    assert tuple(REVOCATION_REASONS) == REASONS
