"""Verification of B-T/B-LT/B-LTA letters made against ``esign serve``: level reached,
trusted time, revocation (embedded first, then online, or ``--offline``), and the
proof-of-existence rules when the signer's certificate is revoked."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from cryptography.hazmat.primitives.serialization import Encoding

from conftest import CA_PASS, assert_pdfsig_valid
from esign.app import admin
from esign.cli import cli
from esign.keys import Secret
from esign.ltv import LtvOptions
from esign.models import Indication, Level, Revocation, SubIndication, Verdict
from esign.sign import SignOptions, sign_pdf
from esign.store import open_store
from esign.timestamp import TsaClient
from esign.verify import TrustSettings, verify_pdf
from services_fixtures import RunningServices, services, services_template

__all__ = ["services", "services_template"]

CA = Secret(CA_PASS.encode())


def sign_at(services: RunningServices, letter: Path, level: Level, out: Path) -> Path:
    options = LtvOptions(
        level=level, tsa=TsaClient(url=services.url + "/tsa"), roots=services.roots()
    )
    sign_pdf(letter, out, services.signer, at=datetime.now(UTC), options=SignOptions(ltv=options))
    return out


def check(services: RunningServices, path: Path, *, offline: bool = False):  # type: ignore[no-untyped-def]
    trust = TrustSettings(roots=services.roots(), offline=offline, fetch_timeout=2)
    return verify_pdf(path, trust=trust, at=datetime.now(UTC))


def revoke(services: RunningServices) -> None:
    # Revocation times are kept to the second, rounded down (an earlier revocation fails
    # closed); wait so that "signed before" is unambiguous.
    time.sleep(1.1)
    with open_store(services.home) as store:
        admin.revoke(
            store, id="ani", reason="keyCompromise", ca_passphrase=CA, at=datetime.now(UTC)
        )


@pytest.mark.parametrize("level", [Level.B_B, Level.B_T, Level.B_LT, Level.B_LTA])
def test_each_level_is_reported(services: RunningServices, letter: Path, level: Level) -> None:
    out = sign_at(services, letter, level, letter.with_name(f"{level.value}.pdf"))
    report = check(services, out)
    sig = report.signatures[0]
    assert report.verdict is Verdict.VALID, sig.problems
    assert sig.level is level
    assert sig.revocation is Revocation.GOOD
    if level is Level.B_B:
        assert sig.timestamp is None
    else:
        assert sig.timestamp is not None and sig.timestamp.valid
        assert sig.timestamp.tsa is not None and "Time-Stamp Authority" in sig.timestamp.tsa
        assert sig.timestamp.time <= datetime.now(UTC)
    if level is Level.B_LTA:
        assert [s.kind for s in report.signatures] == ["signature", "timestamp"]
        assert report.signatures[1].timestamp is not None and report.signatures[1].timestamp.valid
    assert_pdfsig_valid(out, 1)


def test_b_lt_verifies_with_the_server_stopped(services: RunningServices, letter: Path) -> None:
    out = sign_at(services, letter, Level.B_LT, letter.with_name("lt.pdf"))
    services.stop()
    for offline in (True, False):  # --offline, and online with the server down
        report = check(services, out, offline=offline)
        sig = report.signatures[0]
        assert report.verdict is Verdict.VALID, (offline, sig.problems)
        assert (sig.level, sig.revocation, sig.revocation_source) == (
            Level.B_LT,
            Revocation.GOOD,
            "embedded",
        )
    b_t = letter.with_name("bt.pdf")
    assert not b_t.exists()


def test_b_t_offline_is_not_checked(services: RunningServices, letter: Path) -> None:
    """Changed deliberately for issue 11: offline, with no store register and nothing
    embedded, nothing proves the signer was not revoked: INDETERMINATE / TRY_LATER
    (it was VALID with ``not_checked``)."""
    out = sign_at(services, letter, Level.B_T, letter.with_name("bt.pdf"))
    report = check(services, out, offline=True)
    sig = report.signatures[0]
    assert sig.revocation is Revocation.NOT_CHECKED and sig.level is Level.B_T
    assert (report.verdict, sig.sub_indication) == (Verdict.INDETERMINATE, SubIndication.TRY_LATER)
    assert [f.source for f in sig.revocation_failures] == ["offline"]


def test_timestamped_before_revocation_stays_valid(services: RunningServices, letter: Path) -> None:
    out = sign_at(services, letter, Level.B_T, letter.with_name("bt.pdf"))
    revoke(services)
    sig = check(services, out).signatures[0]
    assert sig.revocation is Revocation.REVOKED and sig.revocation_source == "online"
    assert sig.revoked_at is not None and sig.timestamp is not None
    assert sig.timestamp.time < sig.revoked_at
    assert (sig.verdict, sig.indication) == (Verdict.VALID, Indication.TOTAL_PASSED)


def test_no_timestamp_and_since_revoked_is_indeterminate(
    services: RunningServices, letter: Path
) -> None:
    out = sign_at(services, letter, Level.B_B, letter.with_name("bb.pdf"))
    revoke(services)
    sig = check(services, out).signatures[0]
    assert sig.revocation is Revocation.REVOKED
    assert (sig.verdict, sig.indication, sig.sub_indication) == (
        Verdict.INDETERMINATE,
        Indication.INDETERMINATE,
        SubIndication.REVOKED_NO_POE,
    )
    assert "no trusted timestamp" in sig.problems[0]


def test_signed_after_revocation_is_invalid(services: RunningServices, letter: Path) -> None:
    revoke(services)
    # the library lets a caller that skips the store's check sign; the verifier must catch it
    out = sign_at(services, letter, Level.B_T, letter.with_name("late.pdf"))
    sig = check(services, out).signatures[0]
    assert (sig.verdict, sig.indication, sig.sub_indication) == (
        Verdict.INVALID,
        Indication.TOTAL_FAILED,
        SubIndication.REVOKED,
    )


def test_cli_verify_json_and_offline(services: RunningServices, letter: Path) -> None:
    out = sign_at(services, letter, Level.B_LTA, letter.with_name("lta.pdf"))
    runner = CliRunner()
    r = runner.invoke(cli, ["verify", "--json", str(out)])
    assert r.exit_code == 0, r.output
    sig = json.loads(r.stdout)["signatures"][0]
    assert sig["level"] == "B-LTA" and sig["revocation"] == "good"
    assert sig["timestamp"]["valid"] is True and sig["timestamp"]["tsa"]
    services.stop()
    r = runner.invoke(cli, ["verify", "--offline", str(out)])
    assert r.exit_code == 0, r.output
    assert "Long-term validation" in r.stdout and "PAdES-B-LTA" in r.stdout
    # issue 11: in the store that issued the certificate, its own register answers first
    assert "answer from this office's store" in r.stdout and "policy hard-fail" in r.stdout
    roots = services.home / "root.pem"
    roots.write_bytes(services.roots()[0].public_bytes(Encoding.PEM))
    r = runner.invoke(cli, ["verify", "--offline", "--no-store", "--trust", str(roots), str(out)])
    assert r.exit_code == 0, r.output
    assert "answer embedded in the document" in r.stdout


@pytest.mark.parametrize(
    ("level", "verdict", "sub"),
    [
        (Level.B_B, Verdict.INDETERMINATE, SubIndication.OUT_OF_BOUNDS_NO_POE),
        (Level.B_T, Verdict.INDETERMINATE, SubIndication.OUT_OF_BOUNDS_NO_POE),
        (Level.B_LT, Verdict.VALID, None),
        (Level.B_LTA, Verdict.VALID, None),
    ],
)
def test_after_the_certificate_expired(
    services: RunningServices, letter: Path, level: Level, verdict: Verdict, sub: object
) -> None:
    """Years later: the timestamp proves the letter was signed while the certificate was
    valid; with the revocation answer embedded (B-LT, B-LTA) it stays valid offline."""
    from datetime import timedelta

    out = sign_at(services, letter, level, letter.with_name(f"{level.value}.pdf"))
    later = services.signer.cert.not_valid_after_utc + timedelta(days=30)
    trust = TrustSettings(roots=services.roots(), offline=True, fetch_timeout=2)
    report = verify_pdf(out, trust=trust, at=later)
    sig = report.signatures[0]
    assert (report.verdict, sig.sub_indication) == (verdict, sub), sig.problems
    assert sig.trusted is (verdict is Verdict.VALID)
    if level is Level.B_T:
        assert "timestamp proves when it was signed" in sig.problems[0]
    # at the last second of validity the certificate is not out of bounds
    report = verify_pdf(out, trust=trust, at=services.signer.cert.not_valid_after_utc)
    assert report.signatures[0].sub_indication is not SubIndication.OUT_OF_BOUNDS_NO_POE
