"""The signature block by the kind of letter (Permendagri 1/2023 Pasal 44): a regulation
names its signer without academic titles; the regional head, deputy and secretary (and
their acting officials) are printed without NIP and pangkat. Rules, block words, and the
signed page as pdftotext reads it (pdfsig checks every signature)."""

from __future__ import annotations

import subprocess
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from conftest import CA_PASS, PASS, assert_pdfsig_valid, pdf_text, poppler
from esign.cli import cli
from esign.errors import ExitCode
from esign.stamp.doctype import DocType, apply, is_regional_leadership, without_academic_titles
from esign.stamp.layout import StampText

SEKDA_NIP = "197203151998031004"


def run(*args: str) -> Result:
    env = {"ESIGN_PASSPHRASE": PASS, "ESIGN_CA_PASSPHRASE": CA_PASS}
    return CliRunner().invoke(cli, ["--lang", "en", *args], env=env, catch_exceptions=False)


@pytest.mark.parametrize(
    ("name", "bare"),
    [
        ("Budi Santoso, S.Kom., M.T.", "Budi Santoso"),
        ("Dr. Ir. Siti Aminah, M.Si.", "Siti Aminah"),
        ("Prof. Dr. dr. Hendra Wijaya, Sp.PD.", "Hendra Wijaya"),
        ("Drs. H. Ahmad Fauzi, M.M.", "H. Ahmad Fauzi"),  # the hajj title is not academic
        ("Ni Luh Putu Ayu", "Ni Luh Putu Ayu"),
        ("Drg.", "Drg."),  # nothing but a word that looks like a title: kept
    ],
)
def test_academic_titles_are_taken_off(name: str, bare: str) -> None:
    assert without_academic_titles(name) == bare


@pytest.mark.parametrize(
    ("position", "leadership"),
    [
        ("Bupati Jember", True),
        ("Wakil Bupati Jember", True),
        ("Wali Kota Malang", True),
        ("Walikota Surabaya", True),
        ("Wakil Gubernur Jawa Timur", True),
        ("Sekretaris Daerah Kabupaten Jember", True),
        ("Plt. Bupati Jember", True),
        ("Pj. Gubernur Jawa Timur", True),
        ("Plh. Sekretaris Daerah", True),
        ("Kepala Dinas Komunikasi dan Informatika", False),
        ("Sekretaris Dinas Kesehatan", False),
        ("Plt. Kepala Dinas", False),
        ("Kepala Bagian Tata Pemerintahan Sekretariat Daerah", False),
        (None, False),
    ],
)
def test_who_is_the_regional_leadership(position: str | None, leadership: bool) -> None:
    assert is_regional_leadership(position) is leadership


def block(title: str, name: str = "Budi Santoso, S.Kom., M.T.") -> StampText:
    return StampText(title=title, name=name, rank="Pembina (IV/a)", nip="NIP. 19870101")


def test_the_rules_by_document_type_and_post() -> None:
    head = block("Kepala Dinas")
    assert apply(head, DocType.CORRESPONDENCE) == head  # everything printed
    assert apply(head, DocType.SPECIAL) == head
    regulation = apply(head, DocType.REGULATION)
    assert regulation.name == "Budi Santoso" and regulation.nip and regulation.rank
    sekda = apply(block("Sekretaris Daerah Kabupaten Jember"), DocType.CORRESPONDENCE)
    assert sekda.nip is None and sekda.rank is None
    assert sekda.name == "Budi Santoso, S.Kom., M.T."
    acting = apply(block("Plt. Bupati Jember"), DocType.REGULATION)
    assert (acting.nip, acting.rank, acting.name) == (None, None, "Budi Santoso")


@pytest.fixture
def sekda(store_home: Path) -> str:
    r = run(
        "cert", "issue", "--id", "sekda", "--name", "Dr. Hadi Prasetyo, S.H., M.Si.",
        "--nip", SEKDA_NIP, "--title", "Sekretaris Daerah Kabupaten Jember",
        "--org", "Pemerintah Kabupaten Jember", "--key", "p256",
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    assert run("cert", "rank", "sekda", "IV/d").exit_code == 0
    assert run("cert", "rank", "budi", "IV/a").exit_code == 0
    return "sekda"


def signed_text(letter: Path, signer: str, *extra: str) -> str:
    """The words the signature put on the page: the signed page's words less the letter's
    own (the example letter types its signatory's name with titles itself)."""
    out = letter.with_name(f"{signer}-{'-'.join(extra) or 'plain'}.pdf")
    r = run("sign", str(letter), "-o", str(out), "--signer", signer, "--stamp", "--yes", *extra)
    assert r.exit_code == 0, r.output
    assert_pdfsig_valid(out, 1)
    added = Counter(pdf_text(out).split()) - Counter(pdf_text(letter).split())
    return " ".join(w for w in pdf_text(out).split() if added[w] > 0)


def test_a_regulation_signed_by_a_head_of_office(
    store_home: Path, letter: Path, sekda: str
) -> None:
    text = signed_text(letter, "budi", "--doc-type", "regulation")
    assert "Budi Santoso" in text and "S.Kom." not in text
    assert "NIP. 19870101 201001 1 001" in text and "Pembina (IV/a)" in text
    text = signed_text(letter, "budi")  # correspondence: the titles stay
    assert "Budi Santoso, S.Kom., M.T." in text


def test_the_regional_secretary_is_printed_without_nip_and_pangkat(
    store_home: Path, letter: Path, sekda: str
) -> None:
    text = signed_text(letter, "sekda")
    assert "Dr. Hadi Prasetyo, S.H., M.Si." in text
    assert "NIP" not in text.split("Hadi Prasetyo", 1)[1]  # nothing under the name
    assert "Pembina Utama Madya" not in text
    text = signed_text(letter, "sekda", "--doc-type", "regulation")
    assert "Hadi Prasetyo" in text and "Dr." not in text and "S.H." not in text


def test_doc_type_needs_a_visible_block(store_home: Path, letter: Path) -> None:
    r = run("sign", str(letter), "--doc-type", "regulation", "--yes")
    assert r.exit_code == ExitCode.USAGE
    assert "--doc-type shapes the visible signature block: add --stamp" in r.output
    assert not letter.with_name("surat-undangan.signed.pdf").exists()


def test_the_block_as_printed(store_home: Path, letter: Path, sekda: str, tmp_path: Path) -> None:
    """The page renders (pdftoppm) with the regulation block of the regional secretary:
    name without titles, no NIP or pangkat (docs/office.md shows the picture)."""
    out = tmp_path / "perbup.pdf"
    r = run(
        "sign", str(letter), "-o", str(out), "--signer", "sekda", "--stamp", "--yes",
        "--doc-type", "regulation",
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    png = tmp_path / "page"
    subprocess.run(
        [poppler("pdftoppm"), "-png", "-r", "110", "-singlefile", str(out), str(png)], check=True
    )
    assert png.with_suffix(".png").stat().st_size > 5000
