"""Where each part of the signature block goes inside a box: pure geometry, no PDF.

The block, top to bottom: heading ("Ditandatangani secara elektronik oleh:"), position
(jabatan), the specimen image if any, name (bold), rank, NIP and the signing time. The
QR code (with its verification code under it) sits to the left when the box is wide,
above the text when it is tall. Text wraps at word boundaries and shrinks until
everything fits; at the smallest size a line that still does not fit is cut with "…",
so nothing ever leaves the box.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from esign.stamp.fonts import ASCENT, DESCENT, text_width

Measure = Callable[[str, float, bool], float]
"""``measure(text, size, bold) -> width`` in points."""

MAX_SIZE = 10.0
MIN_SIZE = 4.0
LEADING = 1.2
QR_MIN_SIDE = 56.7
"""2 cm: the smallest QR that still scans from a photocopy."""


@dataclass(frozen=True, slots=True, kw_only=True)
class StampText:
    """The words of the block; None parts are left out."""

    heading: str | None = None
    """``Ditandatangani secara elektronik oleh:`` or its English form."""
    delegation: str | None = None
    """Signing for someone: ``a.n. Bupati Jember``, then ``Sekretaris Daerah`` and ``u.b.``,
    one per line (``\n`` between them)."""
    title: str | None = None
    """Position (jabatan), e.g. ``Kepala Dinas Komunikasi dan Informatika``."""
    name: str | None = None
    """Name with academic titles."""
    rank: str | None = None
    """Pangkat/golongan, e.g. ``Pembina (IV/a)``."""
    nip: str | None = None
    """``NIP. 19870101 201001 1 001``."""
    when: str | None = None
    """Local signing time with zone, e.g. ``12 Maret 2026 09.15 WIB``."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Rect:
    """A rectangle in the stamp's own coordinates (points, origin bottom-left)."""

    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True, slots=True, kw_only=True)
class Line:
    """One line of text: its baseline start, size and face."""

    text: str
    x: float
    y: float
    size: float
    bold: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class StampLayout:
    """Everything the renderer draws, already positioned."""

    width: float
    height: float
    lines: tuple[Line, ...]
    qr: Rect | None = None
    code: Line | None = None
    image: Rect | None = None
    text_size: float = 0.0
    """The body font size chosen."""


# Roles: (attribute, relative size, bold)
_ROLES = (
    ("heading", 0.85, False),
    ("delegation", 1.0, False),
    ("title", 1.0, False),
    ("name", 1.0, True),
    ("rank", 0.95, False),
    ("nip", 0.95, False),
    ("when", 0.85, False),
)


def wrap(text: str, width: float, size: float, bold: bool, measure: Measure) -> list[str]:
    """Greedy word wrap; a word wider than ``width`` is broken between characters."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if measure(candidate, size, bold) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = word
        while measure(current, size, bold) > width and len(current) > 1:
            cut = len(current) - 1
            while cut > 1 and measure(current[:cut], size, bold) > width:
                cut -= 1
            lines.append(current[:cut])
            current = current[cut:]
    if current:
        lines.append(current)
    return lines


def _ellipsize(text: str, width: float, size: float, bold: bool, measure: Measure) -> str:
    if measure(text, size, bold) <= width:
        return text
    while text and measure(text + "…", size, bold) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _text_block(
    text: StampText, width: float, size: float, measure: Measure, *, squeeze: bool
) -> list[tuple[str, float, bool, str]]:
    """Lines as (text, size, bold, role); with ``squeeze`` every part is one line."""
    out: list[tuple[str, float, bool, str]] = []
    for role, rel, bold in _ROLES:
        value = getattr(text, role)
        if not value:
            continue
        s = size * rel
        for paragraph in value.split("\n"):  # explicit lines (a.n. / u.b.) stay lines
            parts = (
                [_ellipsize(paragraph, width, s, bold, measure)]
                if squeeze
                else wrap(paragraph, width, s, bold, measure)
            )
            out.extend((p, s, bold, role) for p in parts)
    return out


def _height(lines: list[tuple[str, float, bool, str]], gap: float) -> float:
    if not lines:
        return 0.0
    total = sum(s * LEADING for _t, s, _b, _r in lines)
    # the last line needs only its descent below the baseline, not a full leading
    total -= lines[-1][1] * (LEADING - ASCENT - DESCENT)
    return total + gap


def _fit(
    text: StampText,
    width: float,
    height: float,
    measure: Measure,
    gap_for: Callable[[float], float],
) -> tuple[list[tuple[str, float, bool, str]], float, float]:
    """The largest size whose wrapped lines (plus the gap) fit; else squeezed at MIN_SIZE."""
    size = MAX_SIZE
    while size >= MIN_SIZE:
        lines = _text_block(text, width, size, measure, squeeze=False)
        if _height(lines, gap_for(size)) <= height:
            return lines, size, gap_for(size)
        size -= 0.25
    lines = _text_block(text, width, MIN_SIZE, measure, squeeze=True)
    while len(lines) > 1 and _height(lines, 0.0) > height:
        lines = [line for line in lines if line[3] != _least_needed(lines)]
    return lines, MIN_SIZE, 0.0


def _least_needed(lines: list[tuple[str, float, bool, str]]) -> str:
    for role in ("heading", "when", "rank", "title", "nip"):
        if any(r == role for *_x, r in lines):
            return role
    return lines[-1][3]


IMAGE_SHARES = (0.6, 0.5, 0.42)
"""Larger shares of the column tried for the image (a seal's cap) when the text allows."""
IMAGE_SHARE = 0.34
"""The share the image gets when the text needs the room."""
GOOD_SIZE = 8.0
"""A larger image must not push the text below this size (or below what it gets anyway)."""


def _image_share(
    text: StampText, col: Rect, measure: Measure
) -> tuple[float, tuple[list[tuple[str, float, bool, str]], float, float]]:
    """The image height and the fitted text: as large an image as short text leaves room for.

    A seal's block (heading, institution, time) is short, so its cap gets most of the
    column; a block whose text needs the room keeps the image at a third.
    """

    def fit(share: float) -> tuple[list[tuple[str, float, bool, str]], float, float]:
        h = col.h * share
        return _fit(text, col.w, col.h, measure, lambda size: h + size * 0.3)

    base = fit(IMAGE_SHARE)
    for share in IMAGE_SHARES:
        attempt = fit(share)
        if attempt[1] >= min(base[1], GOOD_SIZE) and attempt[2] > 0:
            return col.h * share, attempt
    return col.h * IMAGE_SHARE, base


def layout(
    text: StampText,
    width: float,
    height: float,
    *,
    qr_modules: int | None = None,
    code: str | None = None,
    image_aspect: float | None = None,
    measure: Measure = text_width,
) -> StampLayout:
    """Lay out the block in a ``width`` × ``height`` box.

    ``qr_modules``: the QR's side in modules (None: no QR); ``code``: the verification
    code printed under it; ``image_aspect``: width/height of the specimen image.
    """
    pad = max(2.0, min(6.0, min(width, height) * 0.05))
    inner_w, inner_h = max(width - 2 * pad, 1.0), max(height - 2 * pad, 1.0)
    col = Rect(x=pad, y=pad, w=inner_w, h=inner_h)
    qr = code_line = None
    centered = False
    if qr_modules:
        code_size = max(4.5, min(7.0, inner_h * 0.07)) if code else 0.0
        code_h = code_size * 1.3
        if inner_w >= inner_h * 1.5:  # wide: QR on the left
            side = min(inner_h - code_h, inner_w * 0.4)
            qy = pad + code_h + (inner_h - code_h - side) / 2
            qr = Rect(x=pad, y=qy, w=side, h=side)
            col = Rect(x=pad + side + pad, y=pad, w=inner_w - side - pad, h=inner_h)
        else:  # tall: QR on top, centred
            side = min(inner_w * 0.8, (inner_h - code_h) * 0.55)
            qr = Rect(x=(width - side) / 2, y=height - pad - side, w=side, h=side)
            col = Rect(x=pad, y=pad, w=inner_w, h=inner_h - side - code_h - pad / 2)
            centered = True
        if code:  # as wide as the QR at most (the whole width when it is centred)
            room = inner_w if centered else qr.w
            code_size = max(3.5, min(code_size, room / measure(code, 1.0, False)))
            cw = measure(code, code_size, False)
            code_line = Line(
                text=code,
                x=qr.x + (qr.w - cw) / 2,
                y=qr.y - code_size * 1.05,
                size=code_size,
            )
    image_h = 0.0
    gap_for: Callable[[float], float]
    if image_aspect:
        image_h, (lines, size, gap) = _image_share(text, col, measure)
    else:
        gap_for = lambda size: size * 0.5  # noqa: E731 (space where a wet signature would be)
        lines, size, gap = _fit(text, col.w, col.h, measure, gap_for)
    total = _height(lines, gap)
    top = col.y + col.h - max(0.0, (col.h - total) / 2)
    placed: list[Line] = []
    image = None
    y = top
    for i, (t, s, bold, role) in enumerate(lines):
        if (
            role in ("name", "rank", "nip", "when")
            and gap
            and not any(r in ("name", "rank", "nip", "when") for *_x, r in lines[:i])
        ):
            if image_aspect and image_h:
                iw = min(col.w, image_h * image_aspect)
                ih = iw / image_aspect
                ix = col.x + (col.w - iw) / 2 if centered else col.x
                image = Rect(x=ix, y=y - gap + (gap - ih) / 2, w=iw, h=ih)
            y -= gap
        baseline = y - s * ASCENT
        w = measure(t, s, bold)
        x = col.x + (col.w - w) / 2 if centered else col.x
        placed.append(Line(text=t, x=x, y=baseline, size=s, bold=bold))
        y -= s * LEADING
    return StampLayout(
        width=width,
        height=height,
        lines=tuple(placed),
        qr=qr,
        code=code_line,
        image=image,
        text_size=size,
    )
