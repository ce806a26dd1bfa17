"""Letters for the verification page's tests (issue 13), made once per session from the
office store: valid, tampered, covered by an annotation, unsigned, two signatures, and the
bad inputs (not a PDF, truncated, encrypted, 10,000 nested arrays)."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

import attacks
import hostile
from conftest import EXAMPLES, PASS, OfficeStore
from helpers import make_encrypted_pdf, sign_file, unlock

DEPTH = 10_000
"""The nesting of the hostile letter: a signed letter whose later catalog holds an array
nested this deep (every reader reads the catalog)."""


@dataclass(frozen=True)
class Letters:
    home: Path
    """A copy of the office store that trusts the signers (the server's store)."""
    valid: Path
    tampered: Path
    covered: Path
    unsigned: Path
    two: Path
    not_pdf: Path
    truncated: Path
    encrypted: Path
    nested: Path


@pytest.fixture(scope="session")
def letters(office_store: OfficeStore, tmp_path_factory: pytest.TempPathFactory) -> Letters:
    base = tmp_path_factory.mktemp("web-letters")
    home = office_store.copy_to(base / "store")
    unsigned = base / "surat-undangan.pdf"
    shutil.copy(EXAMPLES / "surat-undangan.pdf", unsigned)
    valid = base / "surat-sah.pdf"
    sign_file(unsigned, valid, unlock(home, "budi", PASS))
    tampered = base / "surat-diubah.pdf"
    attacks.flip_byte_in_signed_range(valid, tampered)
    covered = base / "surat-ditutup.pdf"
    attacks.cover_with_opaque_square(valid, covered)
    two = base / "surat-dua.pdf"
    sign_file(valid, two, unlock(home, "seal", PASS))
    not_pdf = base / "surat.pdf"
    not_pdf.write_text("Ini bukan PDF, hanya teks.\n", encoding="utf-8")
    truncated = base / "surat-terpotong.pdf"
    data = valid.read_bytes()
    truncated.write_bytes(data[: len(data) // 2])
    encrypted = base / "surat-terkunci.pdf"
    make_encrypted_pdf(encrypted, user_password="rahasia")
    nested = base / "surat-bersarang.pdf"
    hostile.deep_update_after_signature(valid, nested, depth=DEPTH)
    return Letters(
        home=home,
        valid=valid,
        tampered=tampered,
        covered=covered,
        unsigned=unsigned,
        two=two,
        not_pdf=not_pdf,
        truncated=truncated,
        encrypted=encrypted,
        nested=nested,
    )
