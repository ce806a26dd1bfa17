"""Shared fixtures: an isolated ESIGN_HOME per test, a session-scoped office store built by
esign's own CA, an independent PKI built with cryptography directly, and the pdfsig referee.

All key material here is TEST-ONLY, generated at test time; nothing is committed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from esign import i18n
from esign.app import admin
from esign.keys import KeyType, Secret
from esign.models import CertKind
from esign.pki import SubjectProfile
from esign.store import create_store
from independent_pki import IndependentPki, build_independent_pki

pytest_plugins = ["pg_server"]  # the private PostgreSQL cluster: pg_server, pg_url

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def _corpus() -> Path:
    """../shared/corpus beside the checkout; ESIGN_TEST_CORPUS or the workplace's shared folder
    for a clone made elsewhere (CI clones the project into a temporary folder)."""
    beside = ROOT.parent / "shared" / "corpus"
    for candidate in (
        os.environ.get("ESIGN_TEST_CORPUS"),
        beside,
        Path("/work/shared/corpus"),
    ):
        if candidate and (Path(candidate) / "MANIFEST.tsv").is_file():
            return Path(candidate)
    return beside


CORPUS = _corpus()
"""The signed-PDF practice corpus (69 files from other tools' tests), used in place."""
PASS = "officer-passphrase-1"
CA_PASS = "ca-passphrase-123"
NIP = "198701012010011001"


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test gets its own ESIGN_HOME and a clean ESIGN_* environment, in English."""
    for name in list(os.environ):
        if name.startswith("ESIGN_"):
            monkeypatch.delenv(name)
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.setenv(name, "C.UTF-8") if name == "LANG" else monkeypatch.delenv(
            name, raising=False
        )
    home = tmp_path / "esign-home"
    monkeypatch.setenv("ESIGN_HOME", str(home))
    # a wrong passphrase waits 0.5 s, doubling, by default; tests that test it set their own
    monkeypatch.setenv("ESIGN_PASSPHRASE_DELAY", "0.001")
    monkeypatch.setenv("COLUMNS", "120")
    i18n.set_language("en")
    yield home
    i18n.set_language("en")


@dataclass(frozen=True)
class OfficeStore:
    """A store made once per session: CA, an officer ``budi`` and a seal ``seal``."""

    home: Path
    created_at: datetime

    def copy_to(self, dest: Path) -> Path:
        shutil.copytree(self.home, dest)
        return dest


@pytest.fixture(scope="session")
def office_store(tmp_path_factory: pytest.TempPathFactory) -> OfficeStore:
    home = tmp_path_factory.mktemp("office") / "store"
    at = datetime.now(UTC)
    with create_store(home, at) as store:
        admin.create_ca(
            store,
            name="Dinas Kominfo Kab. Jember Root CA",
            org="Pemkab Jember",
            passphrase=Secret(CA_PASS.encode()),
            at=at,
            key_type=KeyType.P256,
        )
        admin.issue(
            store,
            id="budi",
            profile=SubjectProfile(
                name="Budi Santoso, S.Kom., M.T.",
                nip=NIP,
                title="Kepala Dinas",
                org="Dinas Kominfo Kabupaten Jember",
                email="budi@jemberkab.go.id",
            ),
            ca_passphrase=Secret(CA_PASS.encode()),
            passphrase=Secret(PASS.encode()),
            at=at,
            base_url="http://127.0.0.1:8080",
            key_type=KeyType.P256,
        )
        admin.issue(
            store,
            id="seal",
            profile=SubjectProfile(
                name="Dinas Kominfo Kabupaten Jember",
                kind=CertKind.SEAL,
                org="Pemerintah Kabupaten Jember",
            ),
            ca_passphrase=Secret(CA_PASS.encode()),
            passphrase=Secret(PASS.encode()),
            at=at,
            base_url=None,
            key_type=KeyType.RSA2048,
        )
    return OfficeStore(home=home, created_at=at)


@pytest.fixture
def store_home(office_store: OfficeStore, isolated_env: Path) -> Path:
    """A private copy of the office store at ESIGN_HOME."""
    return office_store.copy_to(isolated_env)


@pytest.fixture(scope="session")
def independent() -> IndependentPki:
    """A PKI built with cryptography's builders, not by esign."""
    return build_independent_pki()


@pytest.fixture
def letter(tmp_path: Path) -> Path:
    """A copy of the example letter in a scratch folder."""
    dest = tmp_path / "work" / "surat-undangan.pdf"
    dest.parent.mkdir()
    shutil.copy(EXAMPLES / "surat-undangan.pdf", dest)
    return dest


def poppler(tool: str) -> str:
    """The path of a poppler-utils tool (fails the test when it is missing on CI, where
    .ci/run installs it; skips it elsewhere)."""
    exe = shutil.which(tool)
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail(f"{tool} (poppler-utils) is required on CI")
        pytest.skip(f"{tool} not installed (apt-get install poppler-utils)")
    return exe


def pdf_text(path: Path) -> str:
    """The text pdftotext reads from ``path`` (UTF-8, layout as poppler gives it)."""
    return subprocess.run(
        [poppler("pdftotext"), "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def pdfsig_report(path: Path) -> str:
    """pdfsig's output for ``path`` (fails the test when pdfsig is missing on CI)."""
    exe = poppler("pdfsig")
    result = subprocess.run(
        [exe, "-nocert", str(path)], capture_output=True, text=True, check=False
    )
    return result.stdout + result.stderr


def assert_pdfsig_valid(path: Path, expected_signatures: int) -> None:
    """poppler independently says every signature is valid and covers what it should."""
    out = pdfsig_report(path)
    assert out.count("Signature Validation: Signature is Valid.") == expected_signatures, out
    assert f"Signature #{expected_signatures}:" in out, out
