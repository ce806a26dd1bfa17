"""Store consistency under kill -9: ``ca create``, ``cert issue`` and ``cert revoke`` killed
(SIGKILL, no cleanup) at every transaction boundary leave the store consistent, and running
the command again completes it or says it is done.

Real processes: the console script with the TEST-ONLY hook ``ESIGN_TEST_CRASH_AT``
(:mod:`esign.store.crash`), which kills the process when the store reaches a named point.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography import x509

from esign import pki
from esign.store import open_store, verify_audit_chain

pytestmark = pytest.mark.slow

CA_PASS = "ca-passphrase-123"
PASS = "officer-passphrase-1"


def _exe() -> str:
    exe = Path(sys.executable).with_name("esign")
    return str(exe) if exe.exists() else shutil.which("esign") or "esign"


def esign(home: Path, *args: str, crash: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "ESIGN_HOME": str(home),
        "ESIGN_CA_PASSPHRASE": CA_PASS,
        "ESIGN_PASSPHRASE": PASS,
        "ESIGN_NON_INTERACTIVE": "1",
    }
    env.pop("ESIGN_TEST_CRASH_AT", None)
    if crash:
        env["ESIGN_TEST_CRASH_AT"] = crash
    return subprocess.run(
        [_exe(), *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


def assert_consistent(home: Path) -> None:
    """Every row has its audit entry and derived data, and every entry its rows."""
    with open_store(home) as store:
        entries = store.audit_entries()
        identities = store.identities()
        anchors = {a.fingerprint for a in store.trust_anchors()}
        latest = store.latest_crl()
        ranks = {r.id: store.rank(r.id) for r in identities}
    assert verify_audit_chain(entries) is None
    logged = {(e.action, e.identity) for e in entries}
    ids = {r.id for r in identities}
    for record in identities:
        if record.kind.value == "ca":
            assert pki.fingerprint(record.cert) in anchors, "CA without its trust anchor"
            assert ("ca.create", record.id) in logged, "CA without its audit entry"
        else:
            assert ("cert.issue", record.id) in logged, "identity without its audit entry"
        if record.revoked_at is not None:
            assert ("cert.revoke", record.id) in logged, "revoked without an audit entry"
            assert latest is not None, "revoked without a CRL"
            crl = x509.load_der_x509_crl(latest.der)
            serial = record.cert.serial_number
            assert crl.get_revoked_certificate_by_serial_number(serial) is not None
    for action, identity in logged:
        if action in ("ca.create", "cert.issue"):
            assert identity in ids, f"{action} logged for {identity} that is not there"
        if action == "cert.revoke":
            assert next(r for r in identities if r.id == identity).revoked_at is not None
    if "budi" in ids:
        assert ranks["budi"] == "Pembina (IV/a)", "identity without the rank it was issued with"


def _killed(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == -signal.SIGKILL, (result.returncode, result.stderr)


@pytest.fixture(scope="module")
def initialised(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("crash") / "store"
    assert esign(home, "init").returncode == 0
    return home


@pytest.fixture(scope="module")
def with_ca(initialised: Path) -> Path:
    home = initialised.parent / "with-ca"
    shutil.copytree(initialised, home)
    assert esign(home, "ca", "create", "--name", "Root", "--key", "p256").returncode == 0
    return home


@pytest.fixture(scope="module")
def with_budi(with_ca: Path) -> Path:
    home = with_ca.parent / "with-budi"
    shutil.copytree(with_ca, home)
    result = esign(home, *ISSUE)
    assert result.returncode == 0, result.stderr
    return home


ISSUE = ("cert", "issue", "--id", "budi", "--name", "Budi", "--rank", "IV/a", "--key", "p256")
COMMIT = ["commit", "committed"]


@pytest.mark.parametrize("point", ["add_identity", "add_trust_anchor", "audit", *COMMIT])
def test_ca_create_killed(point: str, initialised: Path, tmp_path: Path) -> None:
    home = shutil.copytree(initialised, tmp_path / "store")
    _killed(esign(home, "ca", "create", "--name", "Root", "--key", "p256", crash=point))
    assert_consistent(home)
    again = esign(home, "ca", "create", "--name", "Root", "--key", "p256")
    if point == "committed":
        assert "already has a certificate authority" in again.stderr
    else:
        assert again.returncode == 0, again.stderr
    assert_consistent(home)
    with open_store(home) as store:
        assert len(store.trust_anchors()) == 1
        assert [e.action for e in store.audit_entries()].count("ca.create") == 1


@pytest.mark.parametrize("point", ["add_identity", "set_rank", "audit", *COMMIT])
def test_cert_issue_killed(point: str, with_ca: Path, tmp_path: Path) -> None:
    home = shutil.copytree(with_ca, tmp_path / "store")
    _killed(esign(home, *ISSUE, crash=point))
    assert_consistent(home)
    again = esign(home, *ISSUE)
    if point == "committed":
        assert again.returncode != 0 and "budi" in again.stderr  # already there, complete
    else:
        assert again.returncode == 0, again.stderr
    assert_consistent(home)
    with open_store(home) as store:
        assert store.get("budi").has_key


@pytest.mark.parametrize("point", ["revoke", "audit", "add_crl", "audit#2", *COMMIT])
def test_cert_revoke_killed(point: str, with_budi: Path, tmp_path: Path) -> None:
    home = shutil.copytree(with_budi, tmp_path / "store")
    revoke = ("cert", "revoke", "budi", "--reason", "keyCompromise")
    _killed(esign(home, *revoke, crash=point))
    assert_consistent(home)
    again = esign(home, *revoke)
    if point == "committed":
        assert "already revoked" in again.stderr
    else:
        assert again.returncode == 0, again.stderr
    assert_consistent(home)
    with open_store(home) as store:
        assert store.get("budi").revoked_at is not None
        actions = [e.action for e in store.audit_entries()]
    assert actions.count("cert.revoke") == 1 and actions[-2:] == ["cert.revoke", "ca.crl"]
