"""An example *cap dinas* (the office's round rubber stamp) drawn with Pillow, for the e-seal.

Run it to get a picture to try ``esign sign --signer dinas-seal --stamp --image cap.png``::

    .venv/bin/python tests/cap_image.py cap.png

The stamp is blue-purple ink on a transparent background: two rings, the institution's
name around the top, the region around the bottom and a star in the middle, with the ink
a little uneven like a real impression. Nothing here is committed as a binary.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFont

import esign.stamp

FONT = Path(esign.stamp.__file__).parent / "fonts" / "DejaVuSans-Bold-latin.ttf"
INK = (72, 52, 160)  # the blue-purple of stamp-pad ink


def _arc_text(
    img: Image.Image,
    text: str,
    *,
    radius: float,
    font: ImageFont.FreeTypeFont,
    top: bool,
    span: float,
) -> None:
    """Draw ``text`` along a circle: over the top (reading left to right) or under the bottom."""
    cx, cy = img.width / 2, img.height / 2
    widths = [font.getlength(ch) for ch in text]
    total = sum(widths)
    step = span / total  # degrees per unit of width
    angle = -span / 2
    for ch, w in zip(text, widths, strict=True):
        middle = angle + w * step / 2
        theta = math.radians(middle)
        if top:
            x, y = cx + radius * math.sin(theta), cy - radius * math.cos(theta)
            rotation = -middle
        else:
            x, y = cx + radius * math.sin(theta), cy + radius * math.cos(theta)
            rotation = middle
        size = int(font.size * 1.6)
        glyph = Image.new("RGBA", (size, size), (*INK, 0))
        ImageDraw.Draw(glyph).text(
            (size / 2, size / 2), ch, font=font, fill=(*INK, 255), anchor="mm"
        )
        glyph = glyph.rotate(rotation, resample=Image.Resampling.BICUBIC)
        img.alpha_composite(glyph, (int(x - size / 2), int(y - size / 2)))
        angle += w * step


def _star(draw: ImageDraw.ImageDraw, cx: float, cy: float, r: float) -> None:
    points = []
    for i in range(10):
        rr = r if i % 2 == 0 else r * 0.42
        a = math.radians(-90 + i * 36)
        points.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    draw.polygon(points, fill=(*INK, 255))


def make_cap(
    path: Path,
    *,
    top: str = "DINAS KOMUNIKASI DAN INFORMATIKA",
    bottom: str = "KABUPATEN JEMBER",
    size: int = 600,
) -> Path:
    """Write a round, transparent PNG stamp of ``size`` pixels to ``path``."""
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    c = size / 2
    outer, inner = size * 0.47, size * 0.33
    draw.ellipse(
        (c - outer, c - outer, c + outer, c + outer), outline=(*INK, 255), width=size // 45
    )
    draw.ellipse(
        (c - inner, c - inner, c + inner, c + inner), outline=(*INK, 255), width=size // 90
    )
    ring = (outer + inner) / 2
    font = ImageFont.truetype(str(FONT), int(size * 0.062))
    _arc_text(img, top, radius=ring, font=font, top=True, span=215)
    _arc_text(img, bottom, radius=ring, font=font, top=False, span=95)
    for side in (-1, 1):  # two dots between the texts
        a = math.radians(90 + side * 62)
        x, y = c + ring * math.cos(a), c + ring * math.sin(a)
        d = size * 0.014
        draw.ellipse((x - d, y - d, x + d, y + d), fill=(*INK, 255))
    _star(draw, c, c - size * 0.05, size * 0.12)
    small = ImageFont.truetype(str(FONT), int(size * 0.05))
    draw.text((c, c + size * 0.15), "PEMKAB", font=small, fill=(*INK, 255), anchor="mm")
    # uneven ink: fade the alpha a little in a fixed pattern (deterministic, no randomness)
    alpha = img.getchannel("A")
    mask = Image.new("L", img.size, 0)
    mdraw = ImageDraw.Draw(mask)
    for k in range(-size // 3, size, 7):
        shade = 228 + int(27 * (0.5 + 0.5 * math.sin(k * 0.37)))
        mdraw.line((0, k, size, k + size // 3), fill=shade, width=7)
    img.putalpha(ImageChops.multiply(alpha, mask))
    img.save(path, optimize=True)
    return path


if __name__ == "__main__":
    print(make_cap(Path(sys.argv[1] if len(sys.argv) > 1 else "cap.png")))
