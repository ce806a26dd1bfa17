"""The embedded fonts (DejaVu Sans, Latin subset, shipped in ``fonts/``) and their metrics.

Widths come from HarfBuzz, the same shaper pyHanko uses to draw the text, so the
layout measures exactly what will be drawn (kerning included).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent / "fonts"
REGULAR = FONT_DIR / "DejaVuSans-latin.ttf"
BOLD = FONT_DIR / "DejaVuSans-Bold-latin.ttf"

ASCENT = 0.93
"""Top of the tallest glyph (accented capitals) above the baseline, in em."""
DESCENT = 0.24
"""Bottom of descenders below the baseline, in em."""


def font_file(bold: bool) -> Path:
    """The TrueType file for the regular or bold face."""
    return BOLD if bold else REGULAR


@dataclass(frozen=True, slots=True)
class _Face:
    font: object
    units_per_em: int


@functools.cache
def _face(bold: bool) -> _Face:
    import uharfbuzz as hb  # type: ignore[import-untyped]

    data = font_file(bold).read_bytes()
    face = hb.Face(data)
    return _Face(font=hb.Font(face), units_per_em=face.upem)


@functools.lru_cache(maxsize=4096)
def _advance(text: str, bold: bool) -> float:
    import uharfbuzz as hb

    if not text:
        return 0.0
    face = _face(bold)
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    hb.shape(face.font, buf, None)
    return float(sum(p.x_advance for p in buf.glyph_positions)) / face.units_per_em


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width of ``text`` set in the stamp font at ``size`` points."""
    return _advance(text, bold) * size


def missing_glyphs(text: str, bold: bool = False) -> str:
    """Characters of ``text`` that the embedded font cannot draw (for tests and warnings)."""
    cmap = _cmap(bold)
    return "".join(sorted({c for c in text if not c.isspace() and ord(c) not in cmap}))


@functools.cache
def _cmap(bold: bool) -> frozenset[int]:
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    with TTFont(str(font_file(bold))) as tt:
        return frozenset(tt.getBestCmap())
