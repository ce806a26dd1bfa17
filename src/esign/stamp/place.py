"""Where the stamp goes on the page: a template tag, a page and box, or the default corner.

Pure geometry plus one reader: :func:`find_tag` looks for the placeholder in the page
text with pdfminer.six, which reports each glyph's box (white text included).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from esign.errors import PdfInputError

log = logging.getLogger(__name__)

MM = 72 / 25.4
MARGIN = 20 * MM
"""Page margin kept free around the default stamp."""
FOOTER_SPACE = 25 * MM
"""Bottom band left for the footer (the example letters keep it empty)."""
DEFAULT_WIDTH = 85 * MM
DEFAULT_HEIGHT = 34 * MM
MIN_WIDTH = 50 * MM


@dataclass(frozen=True, slots=True, kw_only=True)
class Box:
    """A rectangle on a page, in points from the bottom-left corner."""

    x: float
    y: float
    w: float
    h: float

    def corners(self) -> tuple[float, float, float, float]:
        """``(x1, y1, x2, y2)`` as PDF rectangles want them."""
        return (self.x, self.y, self.x + self.w, self.y + self.h)

    def rounded(self) -> tuple[int, int, int, int]:
        """:meth:`corners` to whole points (pyHanko's field rectangles)."""
        x1, y1, x2, y2 = self.corners()
        return (round(x1), round(y1), round(x2), round(y2))

    def contains(self, other: Box) -> bool:
        """Whether ``other`` lies entirely inside this box."""
        return (
            self.x <= other.x
            and self.y <= other.y
            and other.x + other.w <= self.x + self.w
            and other.y + other.h <= self.y + self.h
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class TagHit:
    """One occurrence of a placeholder: its page (0-based) and glyph box."""

    page: int
    box: Box
    size: float = 0.0
    """The placeholder's font size (points on the page)."""
    baseline: float | None = None
    """The y of its baseline (page space)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Placement:
    """What the user asked for; resolved against the document by :func:`resolve`."""

    tag: str | None = None
    """Placeholder text to find, e.g. ``${ttd_pengirim}``."""
    page: str | None = None
    """``first``, ``last`` or a 1-based number; with ``tag``: where to look."""
    box: Box | None = None
    """Explicit box (points); with ``tag`` only its size is used."""


_NUMBER = re.compile(r"^\s*(\d+(?:\.\d*)?|\.\d+)\s*(mm|pt)?\s*$")


def parse_box(text: str) -> Box:
    """``x,y,w,h`` in points, or in millimetres with an ``mm`` suffix: after the last number
    (``20,40,32,14mm``) or after each (``20mm,40mm,32mm,14mm``); ValueError if bad."""
    parts = text.lower().split(",")
    if len(parts) != 4:
        raise ValueError(text)
    matches = [_NUMBER.match(p) for p in parts]
    if not all(matches):
        raise ValueError(text)
    units = [m.group(2) for m in matches if m]
    if units[3] is not None and not any(units[:3]):  # one suffix at the end: all four
        units = [units[3]] * 4
    elif any(units) and not all(units):  # 20mm,40,... is ambiguous: refuse it
        raise ValueError(text)
    values = [
        float(m.group(1)) * (MM if unit == "mm" else 1.0)
        for m, unit in zip(matches, units, strict=True)
        if m
    ]
    x, y, w, h = values
    if w <= 0 or h <= 0:
        raise ValueError(text)
    return Box(x=x, y=y, w=w, h=h)


def page_index(spec: str | None, pages: int, file: Path) -> int:
    """0-based index for ``first``/``last``/``N`` (default: last)."""
    if spec is None or spec == "last":
        return pages - 1
    if spec == "first":
        return 0
    try:
        number = int(spec)
    except ValueError:
        number = 0
    if not 1 <= number <= pages:
        raise PdfInputError("stamp.bad_page", file=file, page=spec, pages=pages)
    return number - 1


def default_box(page_w: float, page_h: float, *, x0: float = 0.0, y0: float = 0.0) -> Box:
    """Bottom right, inside the margins, above the footer band."""
    w = min(DEFAULT_WIDTH, page_w - 2 * MARGIN)
    h = min(DEFAULT_HEIGHT, page_h - 2 * MARGIN)
    return Box(x=x0 + page_w - MARGIN - w, y=y0 + FOOTER_SPACE + 2 * MM, w=w, h=h)


def box_at_tag(hit: Box, page_w: float, *, x0: float = 0.0, size: Box | None = None) -> Box:
    """The stamp box for a tag: its left edge at the tag, centred on the tag's line."""
    right = x0 + page_w - MARGIN
    if size is not None:
        w, h = size.w, size.h
    else:
        w = max(MIN_WIDTH, min(DEFAULT_WIDTH, right - hit.x + 2))
        h = DEFAULT_HEIGHT
    x = hit.x - 2
    if x + w > right and size is None:
        x = max(x0 + MARGIN, right - w)
    cy = hit.y + hit.h / 2
    return Box(x=x, y=cy - h / 2, w=w, h=h)


def find_tag(path: Path, tag: str) -> list[TagHit]:
    """Every occurrence of ``tag`` in the page text, with the box of its glyphs."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTChar, LTTextContainer, LTTextLine

    hits: list[TagHit] = []
    try:
        pages = list(extract_pages(str(path), laparams=LAParams(all_texts=True)))
    except Exception as e:  # pdfminer raises many unrelated types on odd files
        raise PdfInputError(
            "pdf.damaged", hint_key="pdf.damaged.hint", file=path, detail=str(e) or type(e)
        ) from e
    for index, page in enumerate(pages):
        lines: list[LTTextLine] = []
        stack = list(page)
        while stack:
            item = stack.pop()
            if isinstance(item, LTTextLine):
                lines.append(item)
            elif isinstance(item, LTTextContainer):
                stack.extend(item)
        for line in lines:
            chars = [c for c in line if isinstance(c, LTChar)]
            text = "".join(c.get_text() for c in chars)
            start = text.find(tag)
            while start >= 0:
                glyphs = chars[start : start + len(tag)]
                x1 = min(c.x0 for c in glyphs)
                y1 = min(c.y0 for c in glyphs)
                x2 = max(c.x1 for c in glyphs)
                y2 = max(c.y1 for c in glyphs)
                first = glyphs[0]
                hits.append(
                    TagHit(
                        page=index,
                        box=Box(x=x1, y=y1, w=x2 - x1, h=y2 - y1),
                        size=float(first.size),
                        baseline=float(first.matrix[5]),
                    )
                )
                start = text.find(tag, start + len(tag))
    hits.sort(key=lambda h: (h.page, -h.box.y, h.box.x))
    log.debug("tag %r found %d time(s) in %s", tag, len(hits), path)
    return hits


def choose_hit(hits: list[TagHit], tag: str, page: int | None, file: Path) -> TagHit:
    """The one occurrence to use; errors for none, or several without ``--page``."""
    if page is not None:
        hits = [h for h in hits if h.page == page]
    if not hits:
        if page is None:
            raise PdfInputError("stamp.tag_missing", hint_key="stamp.tag_missing.hint", tag=tag)
        raise PdfInputError(
            "stamp.tag_missing_page", hint_key="stamp.tag_missing.hint", tag=tag, page=page + 1
        )
    if len(hits) > 1:
        where = ", ".join(str(h.page + 1) for h in hits)
        raise PdfInputError(
            "stamp.tag_ambiguous",
            hint_key="stamp.tag_ambiguous.hint",
            tag=tag,
            count=len(hits),
            pages=where,
        )
    return hits[0]


# --- on an open document -------------------------------------------------------------------


def page_geometry(writer: Any, index: int) -> tuple[float, float, float, float]:
    """``(x0, y0, width, height)`` of page ``index`` (0-based) of ``writer``: its CropBox,
    else MediaBox (inherited from the page tree), else A4."""
    obj = writer.find_page_for_modification(index)[0].get_object()
    box = _inherited(obj, "/CropBox") or _inherited(obj, "/MediaBox") or (0, 0, 595.28, 841.89)
    x1, y1, x2, y2 = (float(v) for v in box)
    return min(x1, x2), min(y1, y2), abs(x2 - x1), abs(y2 - y1)


def _inherited(node: Any, key: str) -> Any:
    while node is not None:
        if key in node:
            return node[key]
        parent = node.get("/Parent")
        node = parent.get_object() if parent is not None else None
    return None


def locate(writer: Any, spec: Placement, file: Path) -> tuple[int, Box]:
    """The 0-based page and the box ``spec`` asks for in ``file`` (opened in ``writer``)."""
    pages = int(writer.root["/Pages"]["/Count"])
    if spec.tag:
        wanted = page_index(spec.page, pages, file) if spec.page else None
        hit = choose_hit(find_tag(file, spec.tag), spec.tag, wanted, file)
        x0, _y0, w, _h = page_geometry(writer, hit.page)
        return hit.page, box_at_tag(hit.box, w, x0=x0, size=spec.box)
    index = page_index(spec.page, pages, file)
    x0, y0, w, h = page_geometry(writer, index)
    if spec.box is not None:
        return index, spec.box
    box = default_box(w, h, x0=x0, y0=y0)
    return index, above(box, annotation_boxes(writer, index), top=y0 + h - MARGIN)


ABOVE_GAP = 2 * MM


def above(box: Box, taken: tuple[Box, ...], *, top: float) -> Box:
    """``box`` moved up until it is clear of the ``taken`` rectangles (reviewers' parafs
    in the corner); unchanged when there is no room below ``top``."""
    moved = box
    for _ in range(len(taken) + 1):
        hit = [t for t in taken if _overlap(moved, t)]
        if not hit:
            return moved
        y = max(t.y + t.h for t in hit) + ABOVE_GAP
        if y + moved.h > top:
            return box
        moved = Box(x=moved.x, y=y, w=moved.w, h=moved.h)
    return box


def _overlap(a: Box, b: Box) -> bool:
    return a.x < b.x + b.w and b.x < a.x + a.w and a.y < b.y + b.h and b.y < a.y + a.h


def annotation_boxes(writer: Any, index: int) -> tuple[Box, ...]:
    """The rectangles of the visible annotations already on page ``index`` (page space)."""
    page = writer.find_page_for_modification(index)[0].get_object()
    try:
        annots = page["/Annots"]
    except KeyError:
        return ()
    boxes: list[Box] = []
    for annot in annots or ():
        try:
            x1, y1, x2, y2 = (float(v) for v in annot.get_object()["/Rect"])
        except (KeyError, TypeError, ValueError, AttributeError):
            continue
        if x1 != x2 and y1 != y2:
            boxes.append(Box(x=min(x1, x2), y=min(y1, y2), w=abs(x2 - x1), h=abs(y2 - y1)))
    return tuple(boxes)
