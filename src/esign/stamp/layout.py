"""Where each part of the signature block goes inside a box: pure geometry, no PDF.

The block, top to bottom: heading ("Ditandatangani secara elektronik oleh:"), position
(jabatan), the specimen image if any, name (bold), rank, NIP and the signing time. The
QR code (with its verification code under it) sits to the left when the box is wide,
above the text when it is tall. Text wraps at word boundaries and shrinks until
everything fits; at the smallest size a line that still does not fit is cut with "…",
so nothing ever leaves the box.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from esign.stamp.fonts import ASCENT, DESCENT, text_width

Measure = Callable[[str, float, bool], float]
"""``measure(text, size, bold) -> width`` in points."""

MAX_SIZE = 10.0
WRAP_BELOW = 7.5
"""Text shrinks (from MAX_SIZE) to this size to keep every part on one line before it wraps."""
MIN_SIZE = 6.0
"""The smallest legible size: a block that does not fit at it becomes a paraf."""
CODE_SIZES = (7.0, 8.0)
"""The verification code under the QR: at least 7 pt on one line, else two lines of up to 8."""
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
    """The specimen picture, or the cap (which the text is drawn over)."""
    text_size: float = 0.0
    """The body font size chosen."""
    code_lines: tuple[Line, ...] = ()
    """The verification code: one line, or its two halves."""
    paraf: bool = False
    """Initials and time only (a small box)."""


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


_ZONE_WORDS = frozenset({"WIB", "WITA", "WIT", "UTC"})
_GLUE_AFTER = frozenset({"pukul", "jam", "at", "NIP.", "NIP", "a.n.", "u.b.", "Plt.", "Plh."})
_NUMERIC = re.compile(r"^[(]?[\d][\d.:/,-]*[)]?$")
_GRADE_TOKEN = re.compile(r"^\([IV]+/[a-e]\)$")


def _glued(prev: str, word: str, *, strong_only: bool = False) -> bool:
    """Whether the space between ``prev`` and ``word`` must not break. Always: a time and
    its zone (``07.44 WIB``), a label and its value (``NIP. 1987…``, ``pukul 07.40``), a
    rank and its grade. Unless the whole does not fit a line: a day with its month and
    year (``4 Desember 2026``), numbers in a row."""
    strong = word in _ZONE_WORDS or prev in _GLUE_AFTER or bool(_GRADE_TOKEN.match(word))
    if strong or strong_only:
        return strong
    return bool(_NUMERIC.match(prev) and (word[:1].isalpha() or _NUMERIC.match(word))) or bool(
        _NUMERIC.match(word) and prev[:1].isupper() and not prev.endswith((",", ".", ":"))
    )


def units(text: str, role: str = "", *, strong_only: bool = False) -> list[str]:
    """The pieces a line may break between: for a name, "name, degree" groups
    (``Budi Santoso,`` ``S.Kom.,`` ``M.T.``); elsewhere words, with a number kept with its
    unit and a label with its value (:func:`_glued`)."""
    words = text.split()
    if not words:
        return []
    if role == "nip" and not strong_only:  # the NIP's 8-6-1-3 groups are one number
        return [" ".join(words)]
    if role == "name" and "," in text and not strong_only:
        groups: list[str] = []
        for word in words:
            if groups and not groups[-1].endswith(","):
                groups[-1] = f"{groups[-1]} {word}"
            else:
                groups.append(word)
        return groups
    out = [words[0]]
    for word in words[1:]:
        if _glued(out[-1].rsplit(" ", 1)[-1], word, strong_only=strong_only):
            out[-1] = f"{out[-1]} {word}"
        else:
            out.append(word)
    return out


def _greedy(
    pieces: list[str], width: float, size: float, bold: bool, measure: Measure
) -> list[str]:
    lines: list[str] = []
    current = ""
    for piece in pieces:
        candidate = f"{current} {piece}" if current else piece
        if not current or measure(candidate, size, bold) <= width:
            current = candidate
            continue
        lines.append(current)
        current = piece
    if current:
        lines.append(current)
    return lines


def wrap(
    text: str, width: float, size: float, bold: bool, measure: Measure, role: str = ""
) -> list[str]:
    """Wrap between :func:`units`, balanced (the narrowest width that needs no more lines,
    so no short label such as ``oleh:`` is left alone on its line); a unit wider than
    ``width`` is broken between its words, and a single word between characters."""

    def fits(piece: str) -> bool:
        return measure(piece, size, bold) <= width

    pieces: list[str] = []
    for piece in units(text, role):
        if fits(piece):
            pieces.append(piece)
            continue
        for strong in _greedy(units(piece, strong_only=True), width, size, bold, measure):
            for word in [strong] if fits(strong) else strong.split():
                while not fits(word) and len(word) > 1:
                    cut = len(word) - 1
                    while cut > 1 and not fits(word[:cut]):
                        cut -= 1
                    pieces.append(word[:cut])
                    word = word[cut:]
                pieces.append(word)
    lines = _greedy(pieces, width, size, bold, measure)
    if len(lines) < 2 or any(measure(p, size, bold) > width for p in pieces):
        return lines
    low, high = max(measure(p, size, bold) for p in pieces), width
    for _ in range(12):  # balance: the narrowest width with the same number of lines
        mid = (low + high) / 2
        if len(_greedy(pieces, mid, size, bold, measure)) <= len(lines):
            high = mid
        else:
            low = mid
    return _greedy(pieces, high, size, bold, measure)


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
        s = max(size * rel, min(size, MIN_SIZE))  # a smaller role never below the minimum
        for paragraph in value.split("\n"):  # explicit lines (a.n. / u.b.) stay lines
            parts = (
                [_ellipsize(paragraph, width, s, bold, measure)]
                if squeeze
                else wrap(paragraph, width, s, bold, measure, role)
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
    """The largest size at which every part fits on one line (down to WRAP_BELOW), else the
    largest at which the wrapped lines fit (down to MIN_SIZE), else squeezed at MIN_SIZE
    (one line a part, cut with "…", the least needed parts left out)."""
    paragraphs = sum(
        len(value.split("\n")) for role, _rel, _b in _ROLES if (value := getattr(text, role))
    )
    size = MAX_SIZE
    while size >= WRAP_BELOW:  # shrink before wrapping
        lines = _text_block(text, width, size, measure, squeeze=False)
        if len(lines) == paragraphs and _height(lines, gap_for(size)) <= height:
            return lines, size, gap_for(size)
        size -= 0.25
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


def _code_lines(code: str, room: float, measure: Measure) -> tuple[list[str], float]:
    """The code on one line at 7–8 pt when ``room`` allows, else its halves on two lines
    (``XXXX-XXXX`` / ``XXXX-XXXX``) at up to 8 pt, never below 7 pt. Decided for the widest
    code of that form (``M`` for every symbol), so every letter's code prints alike."""
    low, high = CODE_SIZES
    widest = "".join("-" if c == "-" else "M" for c in code)
    one = min(high, room / measure(widest, 1.0, False))
    if one >= low:
        return [code], one
    cut = code.find("-", len(code) // 2 - 1)
    if cut <= 0:
        return [code], low
    half = max(measure(widest[:cut], 1.0, False), measure(widest[cut + 1 :], 1.0, False))
    return [code[:cut], code[cut + 1 :]], max(low, min(high, room / half))


def initials(name: str | None) -> str:
    """``Budi Santoso, S.Kom., M.T.`` → ``BS``: the name without degrees and honorifics."""
    if not name:
        return ""
    bare = name.split(",")[0]
    words = [w for w in bare.split() if not w.endswith(".") and w[:1].isalpha()]
    return "".join(w[0].upper() for w in words[:3])


_TIME = re.compile(r"\d{1,2}[.:]\d{2}(?:\s+(?:WIB|WITA|WIT|UTC))?")


def paraf_time(when: str | None) -> str:
    """The time of day out of the printed signing time (whatever its date style)."""
    if not when:
        return ""
    found = _TIME.findall(when)
    return found[-1] if found else when


def _fits_legibly(
    text: StampText, col: Rect, measure: Measure, gap_for: Callable[[float], float]
) -> bool:
    _lines, _size, gap = _fit(text, col.w, col.h, measure, gap_for)
    return gap > 0


def paraf_layout(text: StampText, width: float, height: float, measure: Measure) -> StampLayout:
    """A paraf: the signer's initials (bold) and the time, as large as the box allows,
    side by side in a wide box (``BS 07.44``), stacked otherwise."""
    pad = max(1.5, min(4.0, min(width, height) * 0.08))
    inner_w, inner_h = max(width - 2 * pad, 1.0), max(height - 2 * pad, 1.0)
    first, second = initials(text.name) or (text.name or "")[:3], paraf_time(text.when)
    parts = [(first, True, 1.0), (second, False, 0.55)]
    parts = [p for p in parts if p[0]]

    def size_for(rows: list[list[tuple[str, bool, float]]]) -> float:
        h_em = sum(max(rel for _t, _b, rel in row) for row in rows) * LEADING
        by_h = inner_h / max(h_em, 0.01)
        by_w = min(
            inner_w / max(0.01, sum(measure(t, rel, b) for t, b, rel in row) + 0.3 * (len(row) - 1))
            for row in rows
        )
        return min(by_h, by_w, 28.0)

    side, stacked = [parts], [[p] for p in parts]
    rows = side if size_for(side) >= size_for(stacked) else stacked
    size = size_for(rows)
    total = sum(max(rel for _t, _b, rel in row) * size for row in rows) * LEADING
    y = height - pad - (inner_h - total) / 2
    placed: list[Line] = []
    for row in rows:
        tall = max(rel for _t, _b, rel in row) * size
        widths = [measure(t, rel * size, b) for t, b, rel in row]
        x = pad + (inner_w - sum(widths) - 0.3 * size * (len(row) - 1)) / 2
        baseline = y - tall * ASCENT - (tall * (LEADING - 1)) / 2
        for (t, b, rel), w in zip(row, widths, strict=True):
            placed.append(Line(text=t, x=x, y=baseline, size=rel * size, bold=b))
            x += w + 0.3 * size
        y -= tall * LEADING
    return StampLayout(width=width, height=height, lines=tuple(placed), text_size=size, paraf=True)


def layout(
    text: StampText,
    width: float,
    height: float,
    *,
    qr_modules: int | None = None,
    code: str | None = None,
    image_aspect: float | None = None,
    cap: bool = False,
    paraf: bool | None = None,
    measure: Measure = text_width,
) -> StampLayout:
    """Lay out the block in a ``width`` × ``height`` box.

    ``qr_modules``: the QR's side in modules (None: no QR); ``code``: the verification
    code printed under it; ``image_aspect``: width/height of the specimen image; ``cap``:
    the image is the office's cap (seal), drawn under the text over the position line, at
    least as tall as the QR; ``paraf``: True for initials and time only, None to choose it
    when the full block does not fit at MIN_SIZE (a small box without a QR: a block with a
    QR is a main signature, never a paraf).
    """
    if paraf:
        return paraf_layout(text, width, height, measure)
    pad = max(2.0, min(6.0, min(width, height) * 0.05))
    inner_w, inner_h = max(width - 2 * pad, 1.0), max(height - 2 * pad, 1.0)
    col = Rect(x=pad, y=pad, w=inner_w, h=inner_h)
    qr = None
    code_lines: list[Line] = []
    centered = False
    if qr_modules:
        code_h = CODE_SIZES[1] * 2 * 1.15 + 1 if code else 0.0
        if inner_w >= inner_h * 1.5:  # wide: QR on the left
            side = min(inner_h - code_h, inner_w * 0.4)
            if code:  # one line of code if it fits under a QR that size: a larger QR
                parts, _s = _code_lines(code, side, measure)
                if len(parts) == 1:
                    code_h = CODE_SIZES[1] * 1.15 + 1
                    side = min(inner_h - code_h, inner_w * 0.4)
            qy = pad + code_h + (inner_h - code_h - side) / 2
            qr = Rect(x=pad, y=qy, w=side, h=side)
            col = Rect(x=pad + side + pad, y=pad, w=inner_w - side - pad, h=inner_h)
        else:  # tall: QR on top, centred
            side = min(inner_w * 0.8, (inner_h - code_h) * 0.55)
            if code and len(_code_lines(code, inner_w, measure)[0]) == 1:
                code_h = CODE_SIZES[1] * 1.15 + 1
                side = min(inner_w * 0.8, (inner_h - code_h) * 0.55)
            qr = Rect(x=(width - side) / 2, y=height - pad - side, w=side, h=side)
            col = Rect(x=pad, y=pad, w=inner_w, h=inner_h - side - code_h - pad / 2)
            centered = True
        if code:  # its own line width: the QR's (the whole width when it is centred)
            room = inner_w if centered else qr.w + pad
            parts, code_size = _code_lines(code, room, measure)
            y = qr.y - code_size * (ASCENT + 0.1)
            for part in parts:
                cw = measure(part, code_size, False)
                code_lines.append(Line(text=part, x=qr.x + (qr.w - cw) / 2, y=y, size=code_size))
                y -= code_size * 1.15
    gap_for: Callable[[float], float] = lambda size: size * 0.5  # noqa: E731 (wet signature)
    if paraf is None and not qr and text.name and not _fits_legibly(text, col, measure, gap_for):
        return paraf_layout(text, width, height, measure)
    image_h = 0.0
    if image_aspect and not cap:
        image_h, (lines, size, gap) = _image_share(text, col, measure)
    else:
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
    if image_aspect and cap:
        image = _cap_rect(lines, placed, col, qr, image_aspect, width, height)
    return StampLayout(
        width=width,
        height=height,
        lines=tuple(placed),
        qr=qr,
        code=code_lines[0] if code_lines else None,
        code_lines=tuple(code_lines),
        image=image,
        text_size=size,
    )


def _cap_rect(
    lines: list[tuple[str, float, bool, str]],
    placed: list[Line],
    col: Rect,
    qr: Rect | None,
    aspect: float,
    width: float,
    height: float,
) -> Rect:
    """The cap: at least as tall as the QR (else most of the column), over the left of the
    position line (the institution's, or the name when there is none), inside the box."""
    h = max(qr.h if qr else 0.0, col.h * 0.8)
    h = min(h, height - 2.0, (col.w * 0.7) / aspect)
    w = h * aspect
    anchor = next(
        (p for p, (_t, _s, _b, role) in zip(placed, lines, strict=True) if role == "title"),
        next((p for p, (_t, _s, _b, r) in zip(placed, lines, strict=True) if r == "name"), None),
    )
    cy = anchor.y + anchor.size * 0.35 if anchor else col.y + col.h / 2
    x = col.x + min(col.w * 0.08, max(0.0, col.w - w))
    y = max(1.0, min(height - 1.0 - h, cy - h / 2))
    return Rect(x=min(x, width - w - 1.0), y=y, w=w, h=h)
