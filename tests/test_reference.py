"""Reference pictures of the stamp (issue 3): what an officer sends, kept under tests/reference.

Each case signs a blank A4 page at a fixed time with a fixed box, renders the box at 100 dpi
with pdftoppm and compares it with ``tests/reference/<case>.png``: the same size, ink in
the same places (per cell of a grid, so the QR's random pattern and a different minute do
not matter, but a moved line, an overflowing name or an empty box do). Look at the PNGs
when the stamp changes; regenerate them on purpose with::

    UPDATE_REFERENCE=1 .venv/bin/python -m pytest tests/test_reference.py
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from conftest import PASS
from esign.sign import SignOptions, sign_pdf
from esign.stamp import StampRequest, block_text
from esign.stamp.place import Box, Placement
from helpers import unlock

Image = pytest.importorskip("PIL.Image")
REFERENCE = Path(__file__).with_name("reference")
SHOWN = datetime(2026, 3, 12, 2, 15, tzinfo=UTC)  # the time printed: 12 Maret 2026 pukul 09.15 WIB
DPI = 100
GRID = (24, 12)
INKED = 0.02
"""A cell has ink when this share of its pixels is dark: the QR's random pattern inks its
cells whatever it encodes; a moved line or an overflowing name inks others."""
ALLOWED = 4
"""Cells that may differ (anti-aliasing at a cell's edge)."""
UPDATE = bool(os.environ.get("UPDATE_REFERENCE"))  # read before conftest cleans the env
CASES = {
    # case: (signer, box, qr, image)
    "stamp-person": ("budi", Box(x=300, y=300, w=230, h=95), True, False),
    "stamp-person-narrow": ("budi", Box(x=300, y=300, w=140, h=110), True, False),
    "stamp-seal-cap": ("seal", Box(x=300, y=300, w=230, h=110), True, True),
    "stamp-paraf": ("budi", Box(x=300, y=300, w=96, h=40), False, False),
}


def blank_page(path: Path) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    c.drawString(72, 760, "Surat uji")
    c.showPage()
    c.save()
    return path


def cap_png(folder: Path) -> bytes:
    out = folder / "cap.png"
    script = Path(__file__).with_name("cap_image.py")
    subprocess.run([sys.executable, str(script), str(out)], check=True)
    return out.read_bytes()


def render_box(pdf: Path, box: Box, prefix: Path) -> Path:
    s = DPI / 72
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            str(DPI),
            "-gray",
            "-png",
            "-singlefile",
            "-x",
            str(round(box.x * s)),
            "-y",
            str(round((841.89 - box.y - box.h) * s)),
            "-W",
            str(round(box.w * s)),
            "-H",
            str(round(box.h * s)),
            str(pdf),
            str(prefix),
        ],
        check=True,
    )
    return prefix.with_suffix(".png")


def ink_grid(png: Path) -> list[float]:
    """Share of dark pixels in each cell of a GRID over the picture."""
    img = Image.open(png).convert("L")
    cols, rows = GRID
    cells = []
    for r in range(rows):
        for c in range(cols):
            box = (
                c * img.width // cols,
                r * img.height // rows,
                (c + 1) * img.width // cols,
                (r + 1) * img.height // rows,
            )
            data = img.crop(box).tobytes()
            cells.append(sum(1 for v in data if v < 160) / max(1, len(data)))
    return cells


@pytest.fixture(scope="module")
def rendered(office_store: object, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm not installed")
    folder = tmp_path_factory.mktemp("reference")
    src = blank_page(folder / "blank.pdf")
    image = cap_png(folder)
    home = office_store.home  # type: ignore[attr-defined]
    out: dict[str, Path] = {}
    for case, (signer, box, qr, with_image) in CASES.items():
        key = unlock(home, signer, PASS)
        request = StampRequest(
            placement=Placement(page="1", box=box),
            qr=qr,
            image=image if with_image else None,
            lang="id",
            timezone=ZoneInfo("Asia/Jakarta"),
            ranks={"budi": "Pembina (IV/a)"},
            seals=frozenset({"seal"}),
        )
        # the words as esign makes them from the certificate, at a fixed time
        request = replace(request, text=block_text(key, request, SHOWN))
        pdf = folder / f"{case}.pdf"
        sign_pdf(src, pdf, key, at=datetime.now(UTC), options=SignOptions(stamp=request))
        out[case] = render_box(pdf, box, folder / case)
    return out


@pytest.mark.parametrize("case", sorted(CASES))
def test_stamp_matches_its_reference_picture(case: str, rendered: dict[str, Path]) -> None:
    png = rendered[case]
    reference = REFERENCE / f"{case}.png"
    if UPDATE:
        REFERENCE.mkdir(exist_ok=True)
        shutil.copy(png, reference)
    assert reference.exists(), f"no reference picture: run with UPDATE_REFERENCE=1 ({case})"
    now, then = Image.open(png), Image.open(reference)
    assert now.size == then.size
    got, want = ink_grid(png), ink_grid(reference)
    assert sum(v > INKED for v in want) > len(want) // 4  # the reference itself is not blank
    moved = differing_cells(got, want)
    assert moved <= ALLOWED, f"{case}: ink moved in {moved} of {len(want)} cells"


def differing_cells(a: list[float], b: list[float]) -> int:
    return sum((x > INKED) != (y > INKED) for x, y in zip(a, b, strict=True))


def test_reference_comparison_notices_a_changed_stamp(rendered: dict[str, Path]) -> None:
    """The comparison is not blind: another layout, or a blank box, does not pass."""
    person, seal = ink_grid(rendered["stamp-person"]), ink_grid(rendered["stamp-seal-cap"])
    assert differing_cells(person, seal) > ALLOWED
    assert differing_cells(person, [0.0] * len(person)) > ALLOWED
    # one line of text shifted by a few points is noticed too
    img = Image.open(rendered["stamp-person"]).convert("L")
    shifted = Image.new("L", img.size, 255)
    shifted.paste(img.crop((0, 0, img.width, img.height // 2)), (0, 0))
    shifted.paste(img.crop((0, img.height // 2, img.width - 12, img.height)), (12, img.height // 2))
    moved = rendered["stamp-person"].with_name("shifted.png")
    shifted.save(moved)
    assert differing_cells(ink_grid(moved), person) > ALLOWED
