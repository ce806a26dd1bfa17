"""The visible stamp, footer, QR statement, fields and signing order (issue 3).

Referees: pdfsig for every signature, pdftotext for the words on the page, pdftoppm +
Pillow for the picture, and zxing-cpp for reading the QR back from a 300 dpi render.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from conftest import PASS, assert_pdfsig_valid, pdf_text
from esign import statement
from esign.cli import cli
from esign.errors import PdfInputError, SigningError
from esign.stamp import text as st
from esign.stamp.layout import StampText, layout
from esign.stamp.place import Box, find_tag, parse_box

PIL = pytest.importorskip("PIL.Image")
TAG = "${ttd_pengirim}"


def run(*args: str) -> Result:
    return CliRunner().invoke(
        cli, list(args), env={"ESIGN_PASSPHRASE": PASS}, catch_exceptions=False
    )


def render(pdf: Path, dpi: int, page: int = 1) -> Path:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm not installed")
    prefix = pdf.with_suffix(f".{dpi}")
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", "-f", str(page), "-l", str(page), str(pdf), prefix],
        check=True,
    )
    return next(pdf.parent.glob(f"{prefix.name}-*.png"))


def page_text(pdf: Path) -> str:
    return " ".join(pdf_text(pdf).split())


def dark_pixels(png: Path, box: Box, dpi: int, page_h: float = 841.89) -> int:
    """Non-white pixels inside ``box`` (PDF points) of a rendered page."""
    img = PIL.open(png).convert("L")
    s = dpi / 72
    crop = img.crop(
        (
            int(box.x * s),
            int((page_h - box.y - box.h) * s),
            int((box.x + box.w) * s),
            int((page_h - box.y) * s),
        )
    )
    return sum(1 for v in crop.tobytes() if v < 200)


# --- words -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("IV/a", "Pembina (IV/a)"),
        ("Pembina IV/a", "Pembina (IV/a)"),
        ("Penata Tingkat I (III/d)", "Penata Tingkat I (III/d)"),
        ("iii/B", "Penata Muda Tingkat I (III/b)"),
        ("Ahli Pertama", "Ahli Pertama"),
        ("", None),
    ],
)
def test_format_rank(given: str, expected: str | None) -> None:
    assert st.format_rank(given) == expected


def test_nip_line_groups_8_6_1_3() -> None:
    assert st.nip_line("198609262015051001") == "NIP. 19860926 201505 1 001"
    assert st.nip_line(None) is None


@pytest.mark.parametrize(("hours", "zone"), [(7, "WIB"), (8, "WITA"), (9, "WIT")])
def test_local_time_carries_indonesian_zone(hours: int, zone: str) -> None:
    at = datetime(2026, 3, 12, 2, 15, tzinfo=UTC)
    tz = timezone(timedelta(hours=hours))
    assert st.format_when(at, tz, "id") == f"12 Maret 2026 pukul {2 + hours:02d}.15 {zone}"
    assert st.format_when(at, tz, "en") == f"12 March 2026, {2 + hours:02d}:15 {zone}"


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        ("Asia/Jakarta", "WIB"),
        ("Asia/Pontianak", "WIB"),
        ("Asia/Makassar", "WITA"),
        ("Asia/Jayapura", "WIT"),
        ("Asia/Singapore", "+08"),  # same offset as WITA, but not an Indonesian zone
        ("UTC", "UTC"),
    ],
)
def test_one_zone_table_for_the_stamp_and_the_reports(zone: str, expected: str) -> None:
    from zoneinfo import ZoneInfo

    from esign.render.wording import local_time

    at = datetime(2026, 3, 12, 2, 15, tzinfo=UTC)
    assert st.zone_name(at.astimezone(ZoneInfo(zone))) == expected
    assert local_time(at, ZoneInfo(zone)).endswith(f" {expected}")


# --- layout: any box, nothing leaves it -----------------------------------------------------------

LONG = StampText(
    heading="Ditandatangani secara elektronik oleh:",
    title="Plt. Kepala Dinas Komunikasi, Informatika, Statistik dan Persandian Kabupaten Jember",
    name="Prof. Dr. Ir. Bambang Sutrisno Wicaksono Ádiwijaya Łukasz, S.Kom., M.T., M.Sc.",
    rank="Pembina Utama Muda (IV/c)",
    nip="NIP. 19860926 201505 1 001",
    when="25 November 2026 18.04 WITA",
)


@pytest.mark.parametrize(
    ("w", "h", "qr"),
    [(240, 96, 97), (160, 60, 97), (90, 200, 97), (300, 40, None), (60, 30, None), (500, 300, 41)],
)
def test_layout_never_overflows(w: float, h: float, qr: int | None) -> None:
    from esign.stamp.fonts import ASCENT, DESCENT, text_width

    plan = layout(LONG, w, h, qr_modules=qr, code="ABCDE-FGHIJ" if qr else None)
    assert plan.lines
    for line in plan.lines:
        width = text_width(line.text, line.size, line.bold)
        assert line.x >= 0 and line.x + width <= w + 0.01, line
        assert line.y - line.size * DESCENT >= -0.01 and line.y + line.size * ASCENT <= h + 0.01
    if plan.qr:
        assert plan.qr.x >= 0 and plan.qr.y >= 0
        assert plan.qr.x + plan.qr.w <= w and plan.qr.y + plan.qr.h <= h
        for line in plan.lines:  # text never runs over the QR
            assert line.x >= plan.qr.x + plan.qr.w or line.y < plan.qr.y


def test_embedded_font_has_indonesian_and_european_glyphs() -> None:
    from esign.stamp.fonts import missing_glyphs

    assert missing_glyphs(LONG.name or "" + "ÀÉÎÕÜçñ–—“”…ğşıŁł") == ""


def test_parse_box_points_and_mm() -> None:
    assert parse_box("10,20,30,40") == Box(x=10, y=20, w=30, h=40)
    mm = parse_box("10,10,50,20mm")
    assert round(mm.w, 2) == round(50 * 72 / 25.4, 2)
    assert parse_box("10mm,10mm,50mm,20mm") == mm
    assert parse_box("10mm, 10mm, 50mm, 20mm") == mm
    assert parse_box("72pt,0pt,10pt,10pt") == Box(x=72, y=0, w=10, h=10)
    for bad in ("10,20,30", "10mm,20,30,40", "10,20,0,40", "a,b,c,d", "1,2,3,4,5", "1,2,3,4cm"):
        with pytest.raises(ValueError):
            parse_box(bad)


# --- signing with a stamp ---------------------------------------------------------------


def test_stamp_at_tag_is_valid_readable_and_covers_placeholder(
    store_home: Path, letter: Path
) -> None:
    assert run("cert", "list").exit_code == 0
    tag = find_tag(letter, TAG)
    assert len(tag) == 1
    out = letter.with_name("signed.pdf")
    result = run(
        "--lang",
        "id",
        "sign",
        str(letter),
        "-o",
        str(out),
        "--signer",
        "budi",
        "--stamp",
        "--at",
        TAG,
    )
    assert result.exit_code == 0, result.output
    assert "Kode verifikasi" in result.output
    assert_pdfsig_valid(out, 1)
    text = page_text(out)
    assert "Budi Santoso, S.Kom., M.T." in text
    assert "NIP. 19870101 201001 1 001" in text
    assert "Ditandatangani secara elektronik oleh:" in text
    # the stamp's box holds the placeholder, and the box is drawn (not blank)
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.fields import enumerate_sig_fields

    with out.open("rb") as fh:
        reader = PdfFileReader(fh)
        ((_name, _value, ref),) = list(enumerate_sig_fields(reader))
        x1, y1, x2, y2 = (float(v) for v in ref.get_object()["/Rect"])
        stream = ref.get_object()["/AP"]["/N"].get_object().data
    stamp_box = Box(x=x1, y=y1, w=x2 - x1, h=y2 - y1)
    assert stamp_box.contains(tag[0].box)
    assert stream.startswith(b"q q 1 g 0 0 ")  # opaque white first: nothing shows through
    png = render(out, 100)
    assert dark_pixels(png, stamp_box, 100) > 2000
    # nothing of the stamp lands elsewhere: the page differs from the unsigned one only there
    before = PIL.open(render(letter, 100)).convert("L")
    after = PIL.open(png).convert("L")
    s = 100 / 72
    changed = [
        (x, y)
        for y in range(0, after.height, 3)
        for x in range(0, after.width, 3)
        if abs(after.getpixel((x, y)) - before.getpixel((x, y))) > 60
    ]
    assert changed
    for x, y in changed:
        assert x1 * s - 2 <= x <= x2 * s + 2 and (841.89 - y2) * s - 2 <= y <= (841.89 - y1) * s + 2


def test_red_placeholder_is_hidden_under_the_stamp(store_home: Path, tmp_path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    src = tmp_path / "red.pdf"
    c = canvas.Canvas(str(src), pagesize=A4)
    c.drawString(72, 760, "Surat dengan penanda merah")
    c.setFillColorRGB(1, 0, 0)
    c.setFont("Helvetica", 10)
    c.drawString(320, 200, "[ttd]")
    c.save()
    out = tmp_path / "red.signed.pdf"
    assert run("sign", str(src), "-o", str(out), "--signer", "budi", "--at", "[ttd]").exit_code == 0

    def reds(png: Path) -> int:
        data = PIL.open(png).convert("RGB").tobytes()
        return sum(1 for i in range(0, len(data), 3) if data[i] > 180 and data[i + 1] < 90)

    assert reds(render(src, 100)) > 20
    assert reds(render(out, 100)) == 0
    assert_pdfsig_valid(out, 1)


def test_missing_and_ambiguous_tags_are_clear_errors(store_home: Path, letter: Path) -> None:
    result = CliRunner().invoke(
        cli,
        ["sign", str(letter), "--signer", "budi", "--at", "${nope}"],
        env={"ESIGN_PASSPHRASE": PASS},
    )
    assert result.exit_code == 6
    assert "The placeholder ${nope} does not appear in the text of any page." in result.output
    edaran = letter.with_name("edaran.pdf")
    shutil.copy(Path(__file__).parents[1] / "examples" / "surat-edaran-3hal.pdf", edaran)
    result = CliRunner().invoke(
        cli,
        ["--lang", "id", "sign", str(edaran), "--signer", "budi", "--at", "${paraf"],
        env={"ESIGN_PASSPHRASE": PASS},
    )
    assert result.exit_code == 6
    assert "muncul 2 kali (halaman 3, 3)" in result.output


def test_default_placement_and_explicit_box(store_home: Path, letter: Path) -> None:
    out = letter.with_name("default.pdf")
    assert run("sign", str(letter), "-o", str(out), "--signer", "seal", "--stamp").exit_code == 0
    assert_pdfsig_valid(out, 1)
    assert "Dinas Kominfo Kabupaten Jember" in page_text(out)
    out2 = letter.with_name("box.pdf")
    result = run(
        "sign",
        str(letter),
        "-o",
        str(out2),
        "--signer",
        "budi",
        "--page",
        "first",
        "--box",
        "20,150,60,30mm",
        "--no-qr",
    )
    assert result.exit_code == 0, result.output
    box = parse_box("20,150,60,30mm")
    assert dark_pixels(render(out2, 100), box, 100) > 500


# --- the QR statement ----------------------------------------------------------------------------


def test_qr_round_trip_from_a_300_dpi_render(store_home: Path, letter: Path) -> None:
    out = letter.with_name("qr.pdf")
    assert run("sign", str(letter), "-o", str(out), "--signer", "budi", "--at", TAG).exit_code == 0
    png = render(out, 300)
    texts = statement.decode_image(str(png))
    assert len(texts) == 1
    token = statement.extract_token(texts[0])
    assert statement.parse_token(token).statement.nip == "198701012010011001"
    result = run("verify-qr", str(png), "--pdf", str(out))
    assert result.exit_code == 0, result.output
    assert "VALID: this QR statement was signed by Budi Santoso" in result.output
    assert "The PDF contains this document" in result.output
    # one changed byte in the payload: invalid
    head, payload, sig = token.split(".")
    flipped = payload[:10] + ("A" if payload[10] != "A" else "B") + payload[11:]
    bad = run("verify-qr", f"{head}.{flipped}.{sig}")
    assert bad.exit_code == 3, bad.output
    # the right statement with another PDF: invalid
    assert run("verify-qr", token, "--pdf", str(letter)).exit_code == 3
    assert run("verify-qr", "not a statement").exit_code == 3


def test_qr_is_big_enough_for_a_photocopy(store_home: Path, letter: Path) -> None:
    out = letter.with_name("qr.pdf")
    assert run("sign", str(letter), "-o", str(out), "--signer", "budi", "--at", TAG).exit_code == 0
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.fields import enumerate_sig_fields

    with out.open("rb") as fh:
        ((_n, _v, ref),) = list(enumerate_sig_fields(PdfFileReader(fh)))
        x1, y1, x2, y2 = (float(v) for v in ref.get_object()["/Rect"])
    plan = layout(StampText(name="x"), x2 - x1, y2 - y1, qr_modules=69, code="ABCDE-FGHIJ")
    assert plan.qr is not None and plan.qr.w >= 56.7  # 2 cm


# --- footer, fields, order, certification ------------------------------------------------


def test_footer_names_the_real_issuer_and_only_before_first_signature(
    store_home: Path, letter: Path
) -> None:
    out = letter.with_name("footer.pdf")
    result = run(
        "--lang", "id", "sign", str(letter), "-o", str(out), "--signer", "budi", "--footer"
    )
    assert result.exit_code == 0, result.output
    assert_pdfsig_valid(out, 1)
    text = page_text(out)
    assert "diterbitkan oleh Dinas Kominfo Kab. Jember Root CA (Pemkab Jember)" in text
    assert "BSrE" not in text
    again = CliRunner().invoke(
        cli,
        [
            "--lang",
            "en",
            "sign",
            str(out),
            "-o",
            str(letter.with_name("x.pdf")),
            "--signer",
            "seal",
            "--footer",
        ],
        env={"ESIGN_PASSPHRASE": PASS},
    )
    assert again.exit_code == 12
    assert "already signed" in again.output


def test_fields_order_paraf_then_head(store_home: Path, letter: Path) -> None:
    doc = letter.with_name("fields.pdf")
    assert (
        run(
            "fields", "add", str(letter), "-o", str(doc), "--name", "paraf1", "--box", "70,60,80,30"
        ).exit_code
        == 0
    )
    assert (
        run(
            "fields", "add", str(doc), "--in-place", "--name", "paraf2", "--box", "160,60,80,30"
        ).exit_code
        == 0
    )
    listed = run("fields", "list", str(doc), "--json")
    import json

    data = json.loads(listed.output)
    assert [(f["name"], f["order"], f["signed"]) for f in data["fields"]] == [
        ("paraf1", 1, False),
        ("paraf2", 2, False),
    ]
    early = CliRunner().invoke(
        cli,
        ["sign", str(doc), "--in-place", "--signer", "seal", "--field", "paraf2"],
        env={"ESIGN_PASSPHRASE": PASS},
    )
    assert early.exit_code == 12
    assert "comes after paraf1" in early.output
    assert (
        run(
            "sign",
            str(doc),
            "--in-place",
            "--signer",
            "budi",
            "--field",
            "paraf1",
            "--stamp",
            "--footer",
        ).exit_code
        == 0
    )
    assert (
        run(
            "sign", str(doc), "--in-place", "--signer", "seal", "--field", "paraf2", "--stamp"
        ).exit_code
        == 0
    )
    assert_pdfsig_valid(doc, 2)
    verified = run("verify", str(doc))
    assert verified.exit_code == 0, verified.output


def test_certify_then_fill_prepared_field(store_home: Path, letter: Path) -> None:
    doc = letter.with_name("cert.pdf")
    assert run("fields", "add", str(letter), "-o", str(doc), "--name", "ttd").exit_code == 0
    assert run("sign", str(doc), "--in-place", "--signer", "seal", "--certify").exit_code == 0
    assert (
        run(
            "sign", str(doc), "--in-place", "--signer", "budi", "--field", "ttd", "--stamp"
        ).exit_code
        == 0
    )
    assert_pdfsig_valid(doc, 2)
    result = run("verify", "--json", str(doc))
    assert result.exit_code == 0, result.output
    assert '"certified":true' in result.output.replace(" ", "")


def test_errors_are_esign_errors() -> None:
    assert issubclass(PdfInputError, Exception) and issubclass(SigningError, Exception)


def test_letter_text_is_indonesian_unless_english_is_chosen(store_home: Path, letter: Path) -> None:
    plain = letter.with_name("plain.pdf")
    result = run("sign", str(letter), "-o", str(plain), "--signer", "budi", "--stamp", "--footer")
    assert result.exit_code == 0, result.output
    assert "Signed" in result.output  # the interface stays English ...
    text = page_text(plain)
    # ... the letter stays Indonesian (the heading may wrap before "oleh:": layout, not language)
    assert "Ditandatangani secara elektronik" in text
    assert "Dokumen ini telah ditandatangani secara elektronik" in " ".join(text.split())
    english = letter.with_name("english.pdf")
    result = run(
        "--lang", "en", "sign", str(letter), "-o", str(english), "--signer", "budi", "--stamp"
    )
    assert result.exit_code == 0, result.output
    assert "Ditandatangani secara elektronik" not in page_text(english)
