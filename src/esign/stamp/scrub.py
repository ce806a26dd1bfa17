"""Taking template placeholders out of a page's text layer (before the first signature).

A placeholder such as ``${ttd_pengirim}`` is drawn in white; the stamp covers it, but its
text stays in the content stream, where text extraction, search and screen readers still
find it. :func:`remove_text` deletes the placeholder's characters from the text-showing
operators that hold them and leaves every other byte of the page as it was: the glyphs
that followed in the same operator keep their places (a ``TJ`` adjustment as wide as the
deleted characters takes the placeholder's room).

Handled: simple fonts (one byte a character, as word processors and ReportLab write a
placeholder in a standard or TrueType font), the placeholder inside one ``Tj``, ``TJ``,
``'`` or ``"``. Anything else (a placeholder split over operators, a two-byte font) is
left in place and reported as not removed; the stamp still covers it.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO
from typing import Any

log = logging.getLogger(__name__)

_SHOW = (b"Tj", b"TJ", b"'", b'"')


@dataclass
class _State:
    font: Any = None
    size: float = 1.0
    tc: float = 0.0
    tw: float = 0.0


def _widths(font: Any) -> dict[int, float]:
    """Glyph widths (1/1000 em) of a simple font by byte; {} when unknown."""
    if font is None:
        return {}
    out: dict[int, float] = {}
    try:
        first = int(font.get("/FirstChar", 0))
        for i, w in enumerate(font.get("/Widths", ())):
            out[first + i] = float(w)
    except (TypeError, ValueError):
        return {}
    if not out:
        from pdfminer.fontmetrics import FONT_METRICS

        base = str(font.get("/BaseFont", "")).lstrip("/").split("+")[-1]
        metrics = FONT_METRICS.get(base)
        if metrics:
            for ch, w in metrics[1].items():
                if len(ch) == 1 and ord(ch) < 256:
                    out[ord(ch)] = float(w)
    return out


def _hex(data: bytes) -> bytes:
    return b"<" + data.hex().encode("ascii") + b">"


def _number(value: float) -> bytes:
    return (b"%.3f" % value).rstrip(b"0").rstrip(b".") or b"0"


def _rewrite(parts: list[Any], tags: Sequence[bytes], state: _State) -> bytes | None:
    """A ``TJ`` array without the tags' bytes (None if no tag is in ``parts``)."""
    strings = [p for p in parts if isinstance(p, bytes)]
    joined = b"".join(strings)
    doomed: set[int] = set()
    for tag in tags:
        start = joined.find(tag)
        while start >= 0:
            doomed.update(range(start, start + len(tag)))
            start = joined.find(tag, start + len(tag))
    if not doomed:
        return None
    widths = _widths(state.font)
    out: list[bytes] = []
    offset = 0
    for part in parts:
        if not isinstance(part, bytes):
            out.append(_number(float(part)))
            continue
        kept = bytearray()
        gap = 0.0
        for i, byte in enumerate(part):
            if offset + i in doomed:
                w = widths.get(byte, 500.0)
                extra = state.tc + (state.tw if byte == 0x20 else 0.0)
                gap += w + extra * 1000 / (state.size or 1.0)
                continue
            if gap:
                out.extend((_hex(bytes(kept)), _number(-gap)))
                kept, gap = bytearray(), 0.0
            kept.append(byte)
        offset += len(part)
        out.append(_hex(bytes(kept)))
        if gap:
            out.append(_number(-gap))
    return b"[" + b" ".join(out) + b"] TJ"


def scrub_content(data: bytes, fonts: Any, tags: Sequence[str]) -> tuple[bytes, int]:
    """``data`` (a page's content) without ``tags`` in its text, and how many operators
    changed. ``fonts``: the page's /Font resources (name → font dictionary)."""
    from pdfminer.pdfinterp import PDFContentParser
    from pdfminer.pdftypes import PDFStream
    from pdfminer.psparser import PSEOF, PSKeyword, PSLiteral

    wanted = [t.encode("latin-1") for t in tags if t.isascii()]
    parser = PDFContentParser([PDFStream({}, data)])
    state = _State()
    operands: list[tuple[int, Any]] = []
    edits: list[tuple[int, int, bytes]] = []
    while True:
        try:
            pos, token = parser.nextobject()
        except PSEOF:
            break
        if not isinstance(token, PSKeyword):
            operands.append((pos, token))
            continue
        op = token.name
        values = [v for _p, v in operands]
        if op == b"Tf" and len(values) >= 2 and isinstance(values[0], PSLiteral):
            name = values[0].name
            name = name.decode("latin-1") if isinstance(name, bytes) else name
            state.font = _font(fonts, name)
            state.size = float(values[1]) if isinstance(values[1], (int, float)) else 1.0
        elif op == b"Tc" and values and isinstance(values[-1], (int, float)):
            state.tc = float(values[-1])
        elif op == b"Tw" and values and isinstance(values[-1], (int, float)):
            state.tw = float(values[-1])
        elif op in _SHOW and operands:
            start = operands[0][0] if op == b'"' else operands[-1][0]
            shown = values[-1]
            parts = shown if op == b"TJ" and isinstance(shown, list) else [shown]
            if all(isinstance(p, (bytes, int, float)) for p in parts):
                if op == b'"' and len(values) >= 3:
                    state.tw, state.tc = float(values[0]), float(values[1])
                new = _rewrite(parts, wanted, state)
                if new is not None:
                    prefix = b""
                    if op == b'"' and len(values) >= 3:
                        prefix = b"%s Tw %s Tc " % (_number(state.tw), _number(state.tc))
                    if op in (b"'", b'"'):
                        prefix += b"T* "
                    edits.append((start, pos + len(op), prefix + new))
        operands = []
    if not edits:
        return data, 0
    out = BytesIO()
    last = 0
    for start, end, new in sorted(edits):
        out.write(data[last:start])
        out.write(new)
        last = end
    out.write(data[last:])
    return out.getvalue(), len(edits)


def _font(fonts: Any, name: str) -> Any:
    try:
        return fonts[f"/{name}"].get_object() if fonts is not None else None
    except (KeyError, TypeError, AttributeError):
        return None


def remove_text(writer: Any, page_index: int, tags: Sequence[str]) -> int:
    """Delete ``tags`` from the text of page ``page_index`` (0-based) of ``writer`` (a
    pyHanko incremental writer); the page gets one new content stream. Returns how many
    text operators changed (0: the page is untouched)."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.generic import pdf_name

    page_ref, _res = writer.find_page_for_modification(page_index)
    page = page_ref.get_object()
    contents = page.get("/Contents")
    if contents is None:
        return 0
    streams = list(contents) if isinstance(contents, generic.ArrayObject) else [contents]
    data = b"\n".join(s.get_object().data for s in streams)
    try:
        fonts = page["/Resources"]["/Font"]
    except (KeyError, TypeError):
        fonts = None
    new, changed = scrub_content(data, fonts, tags)
    if changed:
        stream = generic.StreamObject(stream_data=new)
        stream.compress()  # type: ignore[no-untyped-call]
        page[pdf_name("/Contents")] = writer.add_object(stream)
        writer.mark_update(page_ref)
    log.debug("removed %d placeholder operator(s) from page %d", changed, page_index + 1)
    return changed
