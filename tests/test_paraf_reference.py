"""Reference pictures of the paraf on every page (issue 16): the corner of each page as
pdftoppm draws it, side by side, compared with ``tests/reference/paraf-every-page.png``
cell by cell (as tests/test_reference.py does for the stamp). Regenerate on purpose with::

    UPDATE_REFERENCE=1 .venv/bin/python -m pytest tests/test_paraf_reference.py

and look at the picture before committing it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from test_paraf import A4, letter, paraf
from test_reference import ALLOWED, INKED, differing_cells, ink_grid

Image = pytest.importorskip("PIL.Image")
REFERENCE = Path(__file__).with_name("reference")
UPDATE = bool(os.environ.get("UPDATE_REFERENCE"))
DPI = 100
CORNER = (0.40, 0.22)
"""The share of each page (as seen) cut out around the bottom-right corner."""


def corners(pdf: Path, prefix: Path) -> Path:
    """The bottom-right corner of every page, side by side, in one PNG."""
    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-png", str(pdf), str(prefix)], check=True)
    crops = []
    for png in sorted(prefix.parent.glob(prefix.name + "-*.png")):
        page = Image.open(png).convert("L")
        w, h = int(page.width * CORNER[0]), int(page.height * CORNER[1])
        crops.append(page.crop((page.width - w, page.height - h, page.width, page.height)))
    height = max(c.height for c in crops)
    sheet = Image.new("L", (sum(c.width for c in crops) + 8 * (len(crops) - 1), height), 128)
    x = 0
    for crop in crops:
        sheet.paste(crop, (x, height - crop.height))
        x += crop.width + 8
    out = prefix.with_name(prefix.name + "-sheet.png")
    sheet.save(out)
    return out


def test_paraf_corners_match_the_reference(tmp_path: Path, store_home: Path) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm not installed")
    out = tmp_path / "surat.paraf.pdf"
    paraf(letter(tmp_path / "surat.pdf"), out, store_home)
    png = corners(out, tmp_path / "paraf")
    reference = REFERENCE / "paraf-every-page.png"
    if UPDATE:
        shutil.copy(png, reference)
    now, then = Image.open(png), Image.open(reference)
    assert now.size == then.size
    got, want = ink_grid(png), ink_grid(reference)
    assert sum(v > INKED for v in want) >= 5  # the reference shows five parafs
    assert differing_cells(got, want) <= ALLOWED
    # and the comparison is not blind: the unsigned letter's corners differ from it
    blank = corners(letter(tmp_path / "blank.pdf"), tmp_path / "blank")
    assert differing_cells(ink_grid(blank), want) > ALLOWED
    assert A4[0] < A4[1]
