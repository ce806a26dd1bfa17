"""Before/after pictures of the visible changes after signing in the HTML and PDF reports
(issue 11 item 2): the region of the page as signed and as it is now, rendered by pdfium,
captioned in the user's language; the JSON carries where (page, region), never images."""

from __future__ import annotations

import base64
import io
import json
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from PIL import Image, ImageChops

import attacks
from conftest import PASS, pdf_text, poppler
from esign import i18n
from esign.cli import cli
from esign.models import ChangeKind, Verdict
from esign.render import pictures
from helpers import append_page_content_update, store_trust, verify


def run(*args: str) -> Result:
    return CliRunner().invoke(
        cli, list(args), env={"ESIGN_PASSPHRASE": PASS}, catch_exceptions=False
    )


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.images: list[dict[str, str]] = []
        self.urls: list[str] = []
        self.captions: list[str] = []
        self.text: list[str] = []
        self._in_caption = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        self.urls += [values[k] for k in ("src", "href") if k in values]
        if tag == "img":
            self.images.append(values)
        self._in_caption = tag == "figcaption"

    def handle_endtag(self, tag: str) -> None:
        self._in_caption = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._in_caption:
            self.captions.append(data)


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def png(src: str) -> Image.Image:
    prefix = "data:image/png;base64,"
    assert src.startswith(prefix), src[:40]
    return Image.open(io.BytesIO(base64.b64decode(src[len(prefix) :]))).convert("RGB")


def differs(a: Image.Image, b: Image.Image) -> int:
    """How many pixels differ clearly between two pictures of the same size."""
    assert a.size == b.size
    diff = ImageChops.difference(a, b).convert("L").point(lambda v: 255 if v > 48 else 0)
    return sum(diff.histogram()[1:])


@pytest.fixture
def signed(store_home: Path, letter: Path) -> Path:
    out = letter.with_name("surat.signed.pdf")
    r = run("sign", str(letter), "--signer", "budi", "-o", str(out))
    assert r.exit_code == 0, r.output
    return out


@pytest.fixture
def covered(signed: Path) -> Path:
    out = signed.with_name("surat-ditutup.pdf")
    attacks.cover_with_opaque_square(signed, out)
    return out


def test_html_report_shows_the_covered_region_before_and_after(
    covered: Path, tmp_path: Path
) -> None:
    out = tmp_path / "laporan.html"
    r = run("--lang", "id", "verify", str(covered), "--report", str(out))
    assert r.exit_code == 15, r.output  # valid, but changed after signing
    page = parse(out)
    assert page.captions == ["Halaman 1: Anotasi kotak ditambahkan setelah ditandatangani"]
    assert len(page.images) == 2
    assert all(u.startswith("data:image/png;base64,") for u in page.urls), "self-contained"
    before, after = (png(img["src"]) for img in page.images)
    assert page.images[0]["alt"] == "Halaman 1, Saat ditandatangani"
    assert page.images[1]["alt"] == "Halaman 1, Sekarang"
    # the square covers the body text: a large part of the region changed
    assert differs(before, after) > before.size[0] * before.size[1] // 20
    # 144 dpi of the square (480 x 90 pt) with a 12 pt margin on each side
    x1, y1, x2, y2 = attacks.BODY_BOX
    width, height = (x2 - x1 + 24) * 2, (y2 - y1 + 24) * 2
    assert abs(before.size[0] - width) <= 1 and abs(before.size[1] - height) <= 1, before.size
    text = " ".join(page.text)
    assert "1 berkas: 0 sah, 1 sah tetapi diubah setelah ditandatangani," in text  # counted
    assert i18n.t("picture.heading", lang="id") in text
    assert i18n.t("verify.visual.caption", lang="id") in text


def test_pdf_report_shows_the_covered_region_before_and_after(
    covered: Path, tmp_path: Path
) -> None:
    out = tmp_path / "report.pdf"
    r = run("--lang", "en", "verify", str(covered), "--report", str(out))
    assert r.exit_code == 15, r.output
    text = " ".join(pdf_text(out).split())
    assert "Page 1: Square annotation added after signing" in text
    assert "As signed" in text and "Now" in text
    images = tmp_path / "img"
    images.mkdir()
    subprocess.run([poppler("pdfimages"), "-png", str(out), str(images / "x")], check=True)
    found = sorted(images.glob("x-*.png"))
    assert len(found) == 2, found
    before, after = (Image.open(p).convert("RGB") for p in found)
    assert differs(before, after) > before.size[0] * before.size[1] // 20


def test_json_carries_the_region_and_no_image(signed: Path, covered: Path) -> None:
    r = run("verify", str(covered), "--json")
    assert r.exit_code == 15, r.output
    data = json.loads(r.output.splitlines()[0])
    (change,) = [c for c in data["signatures"][0]["changes"] if c["kind"] == "annotation_covers"]
    assert change["page"] == 1
    assert change["region"] == list(attacks.BODY_BOX)
    assert data["signatures"][0]["signed_size"] == len(signed.read_bytes())
    assert "base64" not in r.output and "png" not in r.output.lower()


def test_disallowed_page_change_is_pictured_too(signed: Path, tmp_path: Path) -> None:
    tampered = tmp_path / "diubah.pdf"
    append_page_content_update(signed, tampered, "Rapat dibatalkan")
    out = tmp_path / "laporan.html"
    r = run("--lang", "id", "verify", str(tampered), "--report", str(out))
    assert r.exit_code == 3, r.output
    page = parse(out)
    assert "Halaman 1: Isi halaman diubah setelah ditandatangani" in page.captions
    before, after = (png(img["src"]) for img in page.images[:2])
    assert differs(before, after) > 0


def test_sneaky_signature_is_captioned_by_its_field_name(signed: Path, tmp_path: Path) -> None:
    sneaky = tmp_path / "sneaky.pdf"
    attacks.sneaky_signature_field(signed, sneaky)
    out = tmp_path / "report.html"
    r = run("--lang", "en", "verify", str(sneaky), "--report", str(out))
    assert r.exit_code == 15, r.output
    (caption,) = parse(out).captions
    assert caption.startswith("Page 1: Field “") and caption.endswith("” added after signing")


def test_valid_letter_has_no_pictures(signed: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    r = run("verify", str(signed), "--report", str(out))
    assert r.exit_code == 0, r.output
    page = parse(out)
    assert not page.images and not page.captions


def test_no_pictures_of_a_file_replaced_after_verification(
    covered: Path, signed: Path, store_home: Path
) -> None:
    report = verify(covered, store_trust(store_home))
    assert report.verdict is Verdict.CHANGED
    (shots,) = pictures.for_report(report, pictures.read_file)
    assert len(shots.shown) == 1 and shots.left_out == 0
    covered.write_bytes(signed.read_bytes())  # another file under the same name
    (shots,) = pictures.for_report(report, pictures.read_file)
    assert shots.shown == ()
    assert pictures.for_report(report, None) == [pictures.NONE]


def test_free_text_without_appearance_says_pdfium_draws_no_difference(
    signed: Path, store_home: Path, tmp_path: Path
) -> None:
    out = tmp_path / "freetext.pdf"
    attacks.cover_with_free_text(signed, out)
    report = verify(out, store_trust(store_home))
    sig = report.signatures[0]
    assert ChangeKind.ANNOTATION_COVERS in {c.kind for c in sig.changes}
    (shots,) = pictures.for_report(report, pictures.read_file)
    (shot,) = shots.shown
    assert shot.same  # readers draw /Contents, pdfium does not: said, not hidden
    with i18n.language("en"):
        assert pictures.for_report(report, pictures.read_file)[0].shown[0].caption == (
            "Page 1: Text box annotation added after signing"
        )
