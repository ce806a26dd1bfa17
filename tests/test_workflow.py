"""Issue 3's acceptance scenario: paraf, paraf, the head's signature, the e-seal, one letter.

The commands come from docs/workflow.md and run exactly as written there, on a fresh store
(the office's own CA, real keys and passphrases), so the page cannot drift from what esign
does. Referees: pdfsig for every signature, pdftotext for the words, pdftoppm + Pillow for
the picture, zxing-cpp for the QR.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from conftest import EXAMPLES, assert_pdfsig_valid, pdf_text
from esign import statement
from esign.cli import cli
from esign.stamp.place import Box, find_tag

PIL = pytest.importorskip("PIL.Image")
DOC = Path(__file__).resolve().parents[1] / "docs" / "workflow.md"
ENV = {"ESIGN_PASSPHRASE": "kunci-pejabat-2026", "ESIGN_CA_PASSPHRASE": "kunci-ca-dinas-2026"}
ORDER = ["paraf1", "paraf2", "ttd", "cap"]
PEOPLE = {
    "paraf1": ("Sari Dewi, S.Kom.", "NIP. 19900315 201503 2 002"),
    "paraf2": ("Agus Prasetyo, S.T., M.T.", "NIP. 19820510 200801 1 003"),
    "ttd": ("Budi Santoso, S.Kom., M.T.", "NIP. 19870101 201001 1 001"),
}
SEAL = "Dinas Komunikasi dan Informatika Kabupaten Jember"


def doc_commands() -> list[list[str]]:
    """The ``esign ...`` lines of the page's shell blocks, split as a shell would."""
    blocks = re.findall(r"```sh\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)
    commands = []
    for block in blocks:
        for line in block.splitlines():
            words = shlex.split(line, comments=True)
            if words[:1] == ["esign"]:
                commands.append(words[1:])
    return commands


@dataclass(frozen=True)
class Outcome:
    folder: Path
    letter: Path
    results: list[tuple[list[str], Result]]


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), env=ENV, catch_exceptions=False)


@pytest.fixture(scope="module")
def outcome(tmp_path_factory: pytest.TempPathFactory) -> Outcome:
    """Run the page once for the module: the commands are slow (six keys, four signatures)."""
    folder = tmp_path_factory.mktemp("workflow")
    letter = folder / "surat.pdf"
    shutil.copy(EXAMPLES / "surat-undangan.pdf", letter)
    subprocess.run(
        [sys.executable, str(Path(__file__).with_name("cap_image.py")), str(folder / "cap.png")],
        check=True,
    )
    mp = pytest.MonkeyPatch()
    try:
        mp.chdir(folder)
        mp.setenv("ESIGN_HOME", str(folder / "store"))
        mp.setenv("COLUMNS", "120")
        results = [(args, invoke(*args)) for args in doc_commands()]
    finally:
        mp.undo()
    return Outcome(folder=folder, letter=letter, results=results)


def test_the_page_lists_the_whole_scenario() -> None:
    commands = doc_commands()
    signs = [c for c in commands if c[0] == "sign"]
    assert [c[c.index("--field") + 1] for c in signs] == ORDER
    assert "--footer" in signs[0] and all("--footer" not in c for c in signs[1:])
    ttd = next(c for c in commands if c[:2] == ["fields", "add"] and "ttd" in c)
    assert ttd[ttd.index("--at") + 1] == "${ttd_pengirim}"
    assert any(c[:2] == ["cert", "issue"] and "--seal" in c for c in commands)
    assert commands[-1][0] == "verify"


def test_every_command_of_the_page_succeeds(outcome: Outcome) -> None:
    for args, result in outcome.results:
        assert result.exit_code == 0, f"esign {shlex.join(args)}\n{result.output}"


def in_store(outcome: Outcome, *args: str) -> Result:
    """Run esign with the scenario's store (its CA is the trust anchor)."""
    mp = pytest.MonkeyPatch()
    try:
        mp.setenv("ESIGN_HOME", str(outcome.folder / "store"))
        return invoke(*args)
    finally:
        mp.undo()


def test_four_valid_signatures_in_signing_order(outcome: Outcome) -> None:
    result = in_store(outcome, "verify", "--json", str(outcome.letter))
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["verdict"] == "valid"
    sigs = report["signatures"]
    assert [s["field"] for s in sigs] == ORDER
    assert [s["verdict"] for s in sigs] == ["valid"] * 4
    assert all(s["trusted"] and s["intact"] and s["crypto_valid"] for s in sigs)
    names = [s["signer"]["name"] for s in sigs]
    assert names == [PEOPLE[f][0] for f in ORDER[:3]] + [SEAL]
    assert [s["signer"]["nip"] for s in sigs][3] is None  # the seal names no person
    # what came after each of the first three is a signature into a declared field, nothing else
    assert [s["modifications"] for s in sigs] == ["allowed", "allowed", "allowed", "none"]
    for sig in sigs[:3]:
        assert sig["changes"] and {c["kind"] for c in sig["changes"]} <= {
            "signature",
            "metadata",
            "dss",
        }
        assert not any(c["visible"] for c in sig["changes"])
    assert sigs[3]["changes"] == []
    assert_pdfsig_valid(outcome.letter, 4)
    # the people's view lists them in the same order
    table = in_store(outcome, "verify", str(outcome.letter)).output
    positions = [table.index(name) for name in names]
    assert positions == sorted(positions)


def test_fields_are_all_signed_in_order(outcome: Outcome) -> None:
    listed = json.loads(invoke("fields", "list", "--json", str(outcome.letter)).stdout)
    assert [(f["name"], f["order"], f["signed"]) for f in listed["fields"]] == [
        (name, n, True) for n, name in enumerate(ORDER, start=1)
    ]


def test_the_page_shows_footer_names_nips_and_the_seal(outcome: Outcome) -> None:
    text = " ".join(pdf_text(outcome.letter).split())
    assert text.count("Dokumen ini telah ditandatangani secara elektronik menggunakan") == 1
    assert "Dinas Kominfo Kab. Jember Root CA" in text  # the footer names the real issuer
    name, nip = PEOPLE["ttd"]
    assert name in text and nip in text and "Pembina (IV/a)" in text
    # a paraf is the reviewer's initials and the time in its small box (issue 15); the
    # name and NIP are in the signature, as esign verify shows
    for field, initials in (("paraf1", "SD"), ("paraf2", "AP")):
        assert initials in text.split()
        assert PEOPLE[field][0] not in text
    assert "Disegel secara elektronik" in text


def _rects(pdf: Path) -> dict[str, Box]:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.fields import enumerate_sig_fields

    with pdf.open("rb") as fh:
        reader = PdfFileReader(fh)
        found = {}
        for name, _value, ref in enumerate_sig_fields(reader):
            x1, y1, x2, y2 = (float(v) for v in ref.get_object()["/Rect"])
            found[str(name)] = Box(x=x1, y=y1, w=x2 - x1, h=y2 - y1)
    return found


def test_each_stamp_is_drawn_where_it_was_asked_and_nothing_else_changed(
    outcome: Outcome,
) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm not installed")
    rects = _rects(outcome.letter)
    assert set(rects) == set(ORDER)
    (placeholder,) = find_tag(EXAMPLES / "surat-undangan.pdf", "${ttd_pengirim}")
    assert rects["ttd"].contains(placeholder.box)
    mm = 72 / 25.4
    assert abs(rects["paraf1"].x - 20 * mm) < 1 and abs(rects["cap"].h - 38 * mm) < 1
    dpi, page_h = 60, 841.89
    s = dpi / 72

    def render(pdf: Path, name: str) -> object:
        prefix = outcome.folder / name
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-gray", "-png", "-singlefile", str(pdf), str(prefix)],
            check=True,
        )
        return PIL.open(prefix.with_suffix(".png")).convert("L")

    after = render(outcome.letter, "after")
    before = render(EXAMPLES / "surat-undangan.pdf", "before")
    inside = {name: 0 for name in ORDER}
    stray = []
    footer_band = 20 * 72 / 25.4 * s  # the footer: the bottom 20 mm of every page
    for y in range(0, after.height, 2):
        for x in range(0, after.width, 2):
            if abs(after.getpixel((x, y)) - before.getpixel((x, y))) <= 60:
                continue
            hit = [
                n
                for n, r in rects.items()
                if r.x * s - 2 <= x <= (r.x + r.w) * s + 2
                and (page_h - r.y - r.h) * s - 2 <= y <= (page_h - r.y) * s + 2
            ]
            for n in hit:
                inside[n] += 1
            if not hit and y < after.height - footer_band:
                stray.append((x, y))
    assert all(count > 40 for count in inside.values()), inside
    assert not stray, stray[:10]


def test_the_heads_qr_verifies_from_the_printed_page(outcome: Outcome) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm not installed")
    r = _rects(outcome.letter)["ttd"]
    prefix = outcome.folder / "qr"
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "300",
            "-png",
            "-singlefile",
            "-x",
            str(int(r.x * 300 / 72)),
            "-y",
            str(int((841.89 - r.y - r.h) * 300 / 72)),
            "-W",
            str(int(r.w * 300 / 72) + 1),
            "-H",
            str(int(r.h * 300 / 72) + 1),
            str(outcome.letter),
            str(prefix),
        ],
        check=True,
    )
    png = prefix.with_suffix(".png")
    (text,) = statement.decode_image(str(png))
    token = statement.extract_token(text)
    assert statement.parse_token(token).statement.nip == "198701012010011001"
    checked = in_store(outcome, "verify-qr", str(png), "--pdf", str(outcome.letter))
    assert checked.exit_code == 0, checked.output
    assert "Budi Santoso" in checked.output


def test_signing_out_of_order_is_refused(outcome: Outcome, tmp_path: Path) -> None:
    """Before the parafs, the head cannot sign the prepared letter (exit 12, file untouched)."""
    letter = tmp_path / "surat.pdf"
    shutil.copy(EXAMPLES / "surat-undangan.pdf", letter)
    mp = pytest.MonkeyPatch()
    try:
        mp.setenv("ESIGN_HOME", str(outcome.folder / "store"))
        for args in doc_commands():
            if args[:2] == ["fields", "add"]:
                assert (
                    invoke(*[str(letter) if a == "surat.pdf" else a for a in args]).exit_code == 0
                )
        before = letter.read_bytes()
        early = CliRunner().invoke(
            cli,
            ["sign", str(letter), "--in-place", "--signer", "budi", "--field", "ttd", "--stamp"],
            env=ENV,
        )
    finally:
        mp.undo()
    assert early.exit_code == 12, early.output
    assert "comes after paraf1" in early.output
    assert letter.read_bytes() == before
