"""A paraf on every page as ONE signature (issue 16): one field, a widget on each page.

The referees are poppler's pdfsig and pyHanko's own validator; the layout is checked on
the objects (each widget's rectangle in the chosen corner, inside the page, as the page is
seen) and on pdftoppm's rendering (the paraf's ink in that corner of every page, reading
the same way on portrait, landscape and rotated pages).
"""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import PASS, pdfsig_report, poppler
from esign.cli import cli
from esign.sign import SignOptions, sign_pdf
from esign.stamp.paraf import (
    Corner,
    ParafRequest,
    corner_box,
    footer_band,
    footer_zone,
    seen_size,
)
from esign.stamp.place import Box
from helpers import store_trust, unlock, verify

Image = pytest.importorskip("PIL.Image")
AT = datetime.now(UTC)  # the session store's certificates start now
A4 = (595.28, 841.89)
ROTATIONS = (0, 0, 90, 270, 180)
"""Page 1 portrait, page 2 landscape, then portrait pages turned by /Rotate."""


def letter(path: Path) -> Path:
    """Five pages, text in the middle only: portrait, landscape, /Rotate 90, 270, 180."""
    from pypdf import PdfReader, PdfWriter
    from reportlab.pdfgen import canvas

    raw = path.with_suffix(".raw.pdf")
    c = canvas.Canvas(str(raw), pagesize=A4)
    for n, size in enumerate([A4, (A4[1], A4[0]), A4, A4, A4], start=1):
        c.setPageSize(size)
        c.drawCentredString(size[0] / 2, size[1] / 2, f"Halaman {n}: isi surat")
        c.showPage()
    c.save()
    writer = PdfWriter(clone_from=PdfReader(raw))
    for page, angle in zip(writer.pages, ROTATIONS, strict=True):
        if angle:
            page.rotate(angle)
    writer.write(path)
    return path


def paraf(src: Path, dst: Path, home: Path, corner: Corner = Corner.BOTTOM_RIGHT, **kw: object):
    key = unlock(home, "budi", PASS)
    options = SignOptions(paraf=ParafRequest(corner=corner), **kw)  # type: ignore[arg-type]
    return sign_pdf(src, dst, key, at=AT, options=options)


def widgets(path: Path) -> list[tuple[int, Box, int]]:
    """(page index, rectangle, page rotation) of every widget of the paraf field."""
    from pypdf import PdfReader

    reader = PdfReader(path)
    (field,) = [f.get_object() for f in reader.trailer["/Root"]["/AcroForm"]["/Fields"]]
    kids = {k.idnum for k in field["/Kids"]}
    found = []
    for index, page in enumerate(reader.pages):
        for ref in page.get("/Annots", []):
            if ref.idnum in kids:
                x1, y1, x2, y2 = (float(v) for v in ref.get_object()["/Rect"])
                found.append((index, Box(x=x1, y=y1, w=x2 - x1, h=y2 - y1), page.rotation))
    return found


def seen_box(box: Box, page_w: float, page_h: float, rotate: int) -> Box:
    """A rectangle in page space as the reader sees the rotated page."""
    corners = [(box.x, box.y), (box.x + box.w, box.y + box.h)]
    seen = []
    for x, y in corners:
        if rotate == 90:
            seen.append((y, page_w - x))
        elif rotate == 180:
            seen.append((page_w - x, page_h - y))
        elif rotate == 270:
            seen.append((page_h - y, x))
        else:
            seen.append((x, y))
    xs, ys = [p[0] for p in seen], [p[1] for p in seen]
    return Box(x=min(xs), y=min(ys), w=max(xs) - min(xs), h=max(ys) - min(ys))


def in_corner(box: Box, width: float, height: float, corner: Corner) -> bool:
    """Inside the page and in the corner's quarter (as seen)."""
    inside = box.x >= 0 and box.y >= 0 and box.x + box.w <= width and box.y + box.h <= height
    right = box.x > width / 2
    bottom = box.y + box.h < height / 2
    return inside and right == corner.right and bottom == corner.bottom


@pytest.mark.parametrize("corner", list(Corner))
def test_one_field_a_widget_on_every_page_in_the_corner(
    tmp_path: Path, store_home: Path, corner: Corner
) -> None:
    src = letter(tmp_path / "surat.pdf")
    out = tmp_path / "surat.paraf.pdf"
    result = paraf(src, out, store_home, corner)
    assert result.field == "Paraf1" and result.pages == (1, 2, 3, 4, 5)
    found = widgets(out)
    assert [index for index, _box, _r in found] == [0, 1, 2, 3, 4]  # one widget per page
    sizes = [A4, (A4[1], A4[0]), A4, A4, A4]
    for (index, box, rotate), (w, h) in zip(found, sizes, strict=True):
        assert rotate == ROTATIONS[index]
        sw, sh = seen_size(w, h, rotate)
        shown = seen_box(box, w, h, rotate)
        assert in_corner(shown, sw, sh, corner), (index, shown)
        assert shown.w > shown.h  # upright as seen: wider than tall on every page

    report = verify(out, store_trust(store_home))
    assert report.verdict.value == "valid"
    (sig,) = report.signatures
    assert sig.field == "Paraf1" and sig.pages == (1, 2, 3, 4, 5)
    out_text = pdfsig_report(out)
    assert out_text.count("Signature Field Name:") == 1, out_text
    assert out_text.count("Signature Validation: Signature is Valid.") == 1, out_text
    assert "not signed" not in out_text


def _overlaps(a: Box, b: Box) -> bool:
    return a.x < b.x + b.w and b.x < a.x + a.w and a.y < b.y + b.h and b.y < a.y + a.h


def test_pyhanko_sees_one_intact_signature(tmp_path: Path, store_home: Path) -> None:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    from esign.app import admin
    from esign.store import open_store

    out = tmp_path / "surat.paraf.pdf"
    paraf(letter(tmp_path / "surat.pdf"), out, store_home)
    with open_store(store_home) as store:
        roots = [r for r in admin.trust_roots(store)]
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives.serialization import Encoding

    anchors = [asn1_x509.Certificate.load(r.public_bytes(Encoding.DER)) for r in roots]
    with out.open("rb") as f:
        reader = PdfFileReader(f)
        assert len(reader.embedded_signatures) == 1
        status = validate_pdf_signature(
            reader.embedded_signatures[0],
            ValidationContext(trust_roots=anchors, allow_fetching=False),
        )
        assert status.intact and status.valid and status.trusted
        assert status.coverage.name == "ENTIRE_FILE"


def render(path: Path, prefix: Path) -> list[Path]:
    subprocess.run(
        [poppler("pdftoppm"), "-r", "100", "-gray", "-png", str(path), str(prefix)], check=True
    )
    return sorted(prefix.parent.glob(prefix.name + "-*.png"))


def test_rendered_paraf_is_in_the_corner_and_upright_on_every_page(
    tmp_path: Path, store_home: Path
) -> None:
    from PIL import ImageChops

    src = letter(tmp_path / "surat.pdf")
    out = tmp_path / "surat.paraf.pdf"
    paraf(src, out, store_home, Corner.BOTTOM_LEFT)
    before, after = render(src, tmp_path / "before"), render(out, tmp_path / "after")
    crops = []
    for old, new in zip(before, after, strict=True):
        a, b = Image.open(old), Image.open(new)
        bbox = ImageChops.difference(a, b).getbbox()
        assert bbox is not None, new  # the paraf shows on this page
        x1, y1, x2, y2 = bbox
        assert x2 < b.width / 2 and y1 > b.height / 2, (new, bbox)  # bottom left, as seen
        assert x2 - x1 > y2 - y1  # lies flat: wider than tall
        crops.append(b.convert("L").crop(bbox).resize((60, 24)))
    # the same picture on every page: the rotated pages' initials read like page 1's
    for crop in crops[1:]:
        diff = ImageChops.difference(crops[0], crop).point(lambda v: 255 if v > 96 else 0)
        assert diff.histogram()[255] < 40  # of 1440 pixels; turned 180°: about 240
    # and not a blank: the initials have ink
    assert crops[0].point(lambda v: 255 if v < 128 else 0).histogram()[255] > 40


def test_reviewers_parafs_sit_side_by_side_and_the_head_signs_above(
    tmp_path: Path, store_home: Path
) -> None:
    from esign.stamp import StampRequest

    src = letter(tmp_path / "surat.pdf")
    first, second, head = (tmp_path / f"{n}.pdf" for n in ("p1", "p2", "head"))
    paraf(src, first, store_home)
    paraf(second_src := first, second, store_home)
    assert second_src == first
    key = unlock(store_home, "budi", PASS)
    sign_pdf(second, head, key, at=AT, options=SignOptions(stamp=StampRequest(qr=False)))
    report = verify(head, store_trust(store_home))
    assert [s.field for s in report.signatures] == ["Paraf1", "Paraf2", "Signature1"]
    assert [s.verdict.value for s in report.signatures] == ["valid"] * 3, [
        s.changes for s in report.signatures
    ]
    assert report.signatures[1].pages == (1, 2, 3, 4, 5)
    assert report.signatures[2].pages == (5,)  # the head's block: the last page only
    out = pdfsig_report(head)
    assert out.count("Signature Validation: Signature is Valid.") == 3, out
    from pypdf import PdfReader

    reader = PdfReader(head)
    for page in reader.pages:
        rects = [[float(v) for v in a.get_object()["/Rect"]] for a in page.get("/Annots", [])]
        boxes = [Box(x=r[0], y=r[1], w=r[2] - r[0], h=r[3] - r[1]) for r in rects]
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                assert not _overlaps(a, b), (a, b)


def test_paraf_with_a_footer_keeps_clear_of_it(tmp_path: Path, store_home: Path) -> None:
    from esign.stamp import FooterRequest

    footer = FooterRequest(law_note=True)
    out = tmp_path / "surat.paraf.pdf"
    paraf(letter(tmp_path / "surat.pdf"), out, store_home, footer=footer)
    assert verify(out, store_trust(store_home)).verdict.value == "valid"
    cert = unlock(store_home, "budi", PASS).cert
    for index, box, _rotate in widgets(out):
        w, h = (A4[1], A4[0]) if index == 1 else A4
        band = footer_band(footer, cert, (0, 0, w, h))  # where this footer's lines are
        assert band.h > 10 and not _overlaps(box, band), index


def test_paraf_without_a_rendering_keeps_the_whole_footer_zone_free() -> None:
    geometry = (0.0, 0.0, A4[0], A4[1])
    zone = footer_zone(geometry)
    box = corner_box(geometry, 0, Corner.BOTTOM_RIGHT, keep_clear=(zone,))
    assert not _overlaps(box, zone) and box.y >= zone.y + zone.h
    assert box.x + box.w <= A4[0] and box.x > A4[0] / 2


def test_cli_paraf_every_page(tmp_path: Path, store_home: Path) -> None:
    src = letter(tmp_path / "surat.pdf")
    pass_file = tmp_path / "pass.txt"
    pass_file.write_text(PASS + "\n")
    runner = CliRunner()
    args = [
        "sign",
        str(src),
        "--signer",
        "budi",
        "--paraf-every-page",
        "--corner",
        "top-right",
        "-y",
    ]
    result = runner.invoke(cli, [*args, "--passphrase-file", str(pass_file)])
    assert result.exit_code == 0, result.output
    assert "Paraf on 5 pages (1–5), one signature." in result.output
    signed = src.with_name("surat.signed.pdf")
    check = runner.invoke(cli, ["verify", str(signed)])
    assert check.exit_code == 0, check.output
    assert "1–5 (one signature on 5 pages)" in check.output
    idn = runner.invoke(cli, ["--lang", "id", "verify", str(signed)])
    assert "Tampil pada halaman" in idn.output and "satu tanda tangan pada 5 halaman" in idn.output


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--corner", "top-left"], "add --paraf-every-page"),
        (["--paraf-every-page", "--stamp"], "cannot be combined with --stamp"),
        (["--paraf-every-page", "--box", "20,20,40,15mm"], "cannot be combined with --stamp"),
    ],
)
def test_cli_paraf_usage_errors(
    tmp_path: Path, store_home: Path, extra: list[str], message: str
) -> None:
    src = letter(tmp_path / "surat.pdf")
    result = CliRunner().invoke(cli, ["sign", str(src), "-y", *extra])
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert not src.with_name("surat.signed.pdf").exists()


def test_paraf_refuses_an_existing_field(tmp_path: Path, store_home: Path) -> None:
    from esign.errors import SigningError

    src = letter(tmp_path / "surat.pdf")
    declared = tmp_path / "declared.pdf"
    result = CliRunner().invoke(
        cli, ["fields", "add", str(src), "--name", "Paraf1", "-o", str(declared)]
    )
    assert result.exit_code == 0, result.output
    key = unlock(store_home, "budi", PASS)
    options = SignOptions(paraf=ParafRequest(), field="Paraf1")
    with pytest.raises(SigningError, match="makes its own field"):
        sign_pdf(declared, tmp_path / "out.pdf", key, at=AT, options=options)
    assert not (tmp_path / "out.pdf").exists()


def test_office_doc_shows_real_commands() -> None:
    from test_docs import check_invocation, esign_invocations, shell_lines

    doc = Path(__file__).resolve().parents[1] / "docs" / "office.md"
    calls = [(ln, w) for ln in shell_lines(doc.read_text("utf-8")) for w in esign_invocations(ln)]
    assert any("--paraf-every-page" in words for _line, words in calls)
    wrong = [f"{line!r}: {why}" for line, words in calls if (why := check_invocation(words))]
    assert not wrong, wrong


def test_reports_and_json_say_one_signature_on_every_page(tmp_path: Path, store_home: Path) -> None:
    import json

    from test_report_pdf import report_text

    out = tmp_path / "surat.paraf.pdf"
    paraf(letter(tmp_path / "surat.pdf"), out, store_home)
    runner = CliRunner()
    data = json.loads(runner.invoke(cli, ["verify", str(out), "--json"]).output)
    (sig,) = data["signatures"]
    assert sig["pages"] == [1, 2, 3, 4, 5] and sig["field"] == "Paraf1"
    html, pdf = tmp_path / "laporan.html", tmp_path / "laporan.pdf"
    for report in (html, pdf):
        r = runner.invoke(cli, ["verify", str(out), "--report", str(report)])
        assert r.exit_code == 0, r.output
    assert "Shown on pages" in html.read_text("utf-8")
    assert "1–5 (one signature on 5 pages)" in html.read_text("utf-8")
    text = report_text(pdf)
    assert "Shown on pages" in text and "one signature on 5 pages" in text
