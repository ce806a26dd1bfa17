"""The stamp an office would print (issue 15, "The stamp"): line breaks that keep a name
with its degrees and a time with its zone, shrink before wrap, a legible verification code,
a paraf, placeholders out of the text layer and SRIKANDI-style tags filled.

Referees: fontTools' advance widths (independent of the HarfBuzz shaping the layout uses),
pdftotext for the words, pdfsig for the signatures.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from conftest import PASS, assert_pdfsig_valid, pdf_text
from esign.cli import cli
from esign.stamp.fonts import font_file
from esign.stamp.layout import MIN_SIZE, StampText, initials, layout, wrap

TAG = "${ttd_pengirim}"
BUDI = StampText(
    heading="Ditandatangani secara elektronik oleh:",
    title="Kepala Dinas Komunikasi dan Informatika",
    name="Budi Santoso, S.Kom., M.T.",
    rank="Pembina (IV/a)",
    nip="NIP. 19870101 201001 1 001",
    when="4 Desember 2026 pukul 07.44 WIB",
)
LONG_NAME = "Prof. Dr. Ir. Bambang Sutrisno Wicaksono, S.Kom., M.T., M.Sc."
CODE = "WKND-HQ2M-Z129-5P0X"
BOXES = [(240.9, 96.4), (230, 95), (200, 80), (170, 90), (140, 160), (300, 120)]


def run(*args: str) -> Result:
    return CliRunner().invoke(
        cli, list(args), env={"ESIGN_PASSPHRASE": PASS}, catch_exceptions=False
    )


@functools.cache
def _advances(bold: bool) -> tuple[dict[int, str], dict[str, int], int]:
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    with TTFont(str(font_file(bold))) as tt:
        cmap = dict(tt.getBestCmap())
        hmtx = {name: adv for name, (adv, _lsb) in tt["hmtx"].metrics.items()}
        return cmap, hmtx, int(tt["head"].unitsPerEm)


def font_tools_width(text: str, size: float, bold: bool) -> float:
    """Sum of the font's own advance widths (no shaping): an independent measure."""
    cmap, hmtx, upem = _advances(bold)
    return sum(hmtx[cmap[ord(c)]] for c in text) * size / upem


# --- line breaks --------------------------------------------------------------------------


@pytest.mark.parametrize("width", [60, 70, 80, 90, 100, 120, 140, 160])
def test_a_name_breaks_only_between_name_and_degree_groups(width: float) -> None:
    for name in ("Budi Santoso, S.Kom., M.T.", LONG_NAME):
        lines = wrap(name, width, 9, True, font_tools_width, "name")
        assert " ".join(lines) == name
        for line in lines[:-1]:  # a break after "name," or "degree,", or inside the
            assert line.endswith(",") or "," not in line, lines  # name itself if it must
        for degree in ("S.Kom.,", "M.T.", "M.Sc."):
            if degree.rstrip(",") in name:
                assert any(degree.rstrip(",") in line for line in lines)  # never split


@pytest.mark.parametrize("width", [50, 60, 70, 80, 100, 120])
def test_no_lone_label_and_a_time_stays_with_its_zone(width: float) -> None:
    heading = wrap(BUDI.heading or "", width, 8, False, font_tools_width, "heading")
    if width >= 70:  # "elektronik oleh:" fits a line: the label is never alone on its own
        assert "oleh:" not in heading
    when = wrap(BUDI.when or "", width, 8, False, font_tools_width, "when")
    assert not any(line in ("WIB", "07.44", "pukul") for line in when), when
    assert any("07.44 WIB" in line for line in when)
    nip = wrap(BUDI.nip or "", width, 8, False, font_tools_width, "nip")
    if width >= 70:
        assert nip[0].startswith("NIP. 1987")  # the label stays with the number


def test_shrink_before_wrap_keeps_each_part_on_one_line() -> None:
    """The default box (85 x 34 mm with a QR): every part on its own single line."""
    plan = layout(BUDI, 240.9, 96.4, qr_modules=41, code=CODE)
    assert [line.text for line in plan.lines] == [
        BUDI.heading,
        BUDI.title,
        BUDI.name,
        BUDI.rank,
        BUDI.nip,
        BUDI.when,
    ]
    assert plan.text_size >= 7.5


@pytest.mark.parametrize(("w", "h"), BOXES)
def test_every_line_fits_by_the_fonts_own_advance_widths(w: float, h: float) -> None:
    for text in (BUDI, StampText(**{**_fields(BUDI), "name": LONG_NAME})):
        plan = layout(text, w, h, qr_modules=41, code=CODE)
        assert plan.lines
        for line in [*plan.lines, *plan.code_lines]:
            width = font_tools_width(line.text, line.size, line.bold)
            assert line.x >= 0 and line.x + width <= w + 0.5, line  # kerning: < 0.5 pt
            assert line.size >= MIN_SIZE


def _fields(text: StampText) -> dict[str, str | None]:
    return {k: getattr(text, k) for k in ("heading", "title", "name", "rank", "nip", "when")}


# --- the verification code and the paraf -----------------------------------------------------


@pytest.mark.parametrize(("w", "h"), [*BOXES, (140, 110), (120, 200)])
def test_the_verification_code_is_at_least_7_pt_and_whole(w: float, h: float) -> None:
    plan = layout(BUDI, w, h, qr_modules=41, code=CODE)
    assert plan.qr is not None and plan.code_lines
    assert all(line.size >= 7.0 for line in plan.code_lines)
    assert "-".join(line.text for line in plan.code_lines) == CODE
    assert len(plan.code_lines) <= 2
    for line in plan.code_lines:  # under the QR, inside the box
        assert line.y < plan.qr.y and line.y - line.size * 0.24 >= 0
        assert line.x >= 0 and line.x + font_tools_width(line.text, line.size, False) <= w


def test_a_small_box_is_a_paraf_of_initials_and_time() -> None:
    plan = layout(BUDI, 96, 40)
    assert plan.paraf
    assert [line.text for line in plan.lines] == ["BS", "07.44 WIB"]
    assert plan.lines[0].bold and plan.lines[0].size >= 12  # not a 4 pt block
    assert all(line.size >= 7 for line in plan.lines)
    assert not any("Ditandatangani" in line.text for line in plan.lines)
    # a box that holds the block legibly stays a block
    assert not layout(BUDI, 240.9, 96.4).paraf


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Budi Santoso, S.Kom., M.T.", "BS"),
        ("Prof. Dr. Ir. Bambang Sutrisno Wicaksono, M.Sc.", "BSW"),
        ("Ádiwijaya", "Á"),
        ("Hj. Siti Aminah, S.H.", "SA"),
    ],
)
def test_initials(name: str, expected: str) -> None:
    assert initials(name) == expected


# --- the placeholder out of the text layer; SRIKANDI-style tags ---------------------------------


def test_placeholder_is_gone_from_the_text_and_the_rest_is_intact(
    store_home: Path, letter: Path
) -> None:
    before = pdf_text(letter)
    assert TAG in before
    out = letter.with_name("signed.pdf")
    result = run("sign", str(letter), "-o", str(out), "--signer", "budi", "--at", TAG, "--footer")
    assert result.exit_code == 0, result.output
    assert_pdfsig_valid(out, 1)
    after = pdf_text(out)
    assert TAG not in after
    for line in before.splitlines():  # every other line of the letter is still there
        if line.strip() and TAG not in line:
            assert line.strip() in after, line
    assert run("verify", str(out)).exit_code == 0


def srikandi_letter(path: Path) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 11)
    c.drawString(72, 760, "Surat dengan penanda SRIKANDI")
    c.drawString(320, 420, "${jabatan_pengirim},")
    c.setFillColorRGB(1, 1, 1)
    c.drawString(320, 370, TAG)
    c.setFillColorRGB(0, 0, 0)
    c.drawString(320, 300, "${nama_pengirim}")
    c.drawString(320, 286, "NIP. ${nip_pengirim}")
    c.drawString(72, 200, "Tembusan: Yth. Bupati Jember")
    c.save()
    return path


def test_srikandi_tags_are_filled_with_the_signers_values(store_home: Path, tmp_path: Path) -> None:
    src = srikandi_letter(tmp_path / "srikandi.pdf")
    out = tmp_path / "srikandi.signed.pdf"
    result = run("--lang", "id", "sign", str(src), "-o", str(out), "--signer", "budi", "--at", TAG)
    assert result.exit_code == 0, result.output
    assert_pdfsig_valid(out, 1)
    text = pdf_text(out)
    assert "${" not in text  # no tag is left in the text layer
    assert text.count("Budi Santoso, S.Kom., M.T.") == 2  # the template's line and the block
    assert "NIP. 19870101 201001 1 001" in text.replace("\n", " ")
    assert "Surat dengan penanda SRIKANDI" in text and "Tembusan: Yth. Bupati Jember" in text
    assert run("verify", str(out)).exit_code == 0


def test_after_a_first_signature_the_page_text_is_left_alone(
    store_home: Path, tmp_path: Path
) -> None:
    """A paraf first: the head's stamp cannot change the page (it would break the paraf)."""
    src = srikandi_letter(tmp_path / "srikandi.pdf")
    doc = tmp_path / "doc.pdf"
    r = run(
        "sign", str(src), "-o", str(doc), "--signer", "seal", "--box", "60,60,80,30", "--page", "1"
    )
    assert r.exit_code == 0, r.output
    r = run("sign", str(doc), "--in-place", "--signer", "budi", "--at", TAG)
    assert r.exit_code == 0, r.output
    assert_pdfsig_valid(doc, 2)
    assert "${nama_pengirim}" in pdf_text(doc)  # documented: fill before the first signature
