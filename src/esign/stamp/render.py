"""Drawing with pyHanko: the stamp's appearance stream and plain text on pages.

Text is set in the embedded DejaVu Sans subset through pyHanko's
``GlyphAccumulator`` (HarfBuzz shaping, a ToUnicode map so ``pdftotext`` and screen
readers get the words back). The stamp starts with an opaque white rectangle, so a
placeholder typed under it never shows through.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.content import ResourceType
from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
from pyhanko.pdf_utils.generic import pdf_name
from pyhanko.stamp.base import BaseStamp, BaseStampStyle

from esign.stamp.fonts import font_file
from esign.stamp.layout import Line, Rect, StampLayout, StampText, layout

FONT_NAMES = {False: "/EsignR", True: "/EsignB"}


def _num(value: float) -> bytes:
    return (b"%.3f" % value).rstrip(b"0").rstrip(b".") or b"0"


class TextPainter:
    """Shapes strings with the embedded fonts for one writer; owns the font resources."""

    def __init__(self, writer: Any) -> None:
        self.writer = writer
        self._engines: dict[bool, Any] = {}

    def engine(self, bold: bool) -> Any:
        if bold not in self._engines:
            factory = GlyphAccumulatorFactory(
                font_file=str(font_file(bold)), create_objstream_if_needed=False
            )
            self._engines[bold] = factory.create_font_engine(self.writer)
        return self._engines[bold]

    def line(self, line: Line, gray: float = 0.0) -> bytes:
        """``BT … ET`` drawing ``line`` at its baseline."""
        shaped = self.engine(line.bold).shape(line.text)
        return b"BT %s g %s %s Tf 1 0 0 1 %s %s Tm %s ET" % (
            _num(gray),
            FONT_NAMES[line.bold].encode("ascii"),
            _num(line.size),
            _num(line.x),
            _num(line.y),
            shaped.graphics_ops,
        )

    def font_resources(self) -> dict[str, Any]:
        """``{"/EsignR": ref, …}`` for the fonts used so far."""
        return {FONT_NAMES[bold]: e.as_resource() for bold, e in self._engines.items()}


def qr_ops(matrix: tuple[tuple[bool, ...], ...], box: Rect) -> bytes:
    """Dark modules as filled rectangles (one per horizontal run), in ``box``."""
    n = len(matrix)
    module = box.w / n
    runs: list[bytes] = []
    for r, row in enumerate(matrix):
        y = box.y + (n - 1 - r) * module
        c = 0
        while c < n:
            if not row[c]:
                c += 1
                continue
            start = c
            while c < n and row[c]:
                c += 1
            runs.append(
                b"%s %s %s %s re"
                % (_num(box.x + start * module), _num(y), _num((c - start) * module), _num(module))
            )
    return b"q 0 g " + b" ".join(runs) + b" f Q"


@dataclass(frozen=True)
class EsignStampStyle(BaseStampStyle):
    """The Indonesian signature block as a pyHanko stamp style."""

    text: StampText = field(default_factory=StampText)
    qr_matrix: tuple[tuple[bool, ...], ...] | None = None
    code: str | None = None
    image: bytes | None = None
    border_width: int = 0
    frame: bool = True
    cap: bool = False
    """The image is the office's cap (a seal): drawn under the text, over the position line."""
    paraf: bool | None = None
    """True: initials and time only; None: when the box is too small for the block."""

    def create_stamp(self, writer: Any, box: Any, text_params: Any) -> EsignStamp:
        return EsignStamp(writer, self, box)


class EsignStamp(BaseStamp):
    """One rendering of :class:`EsignStampStyle` into a box."""

    style: EsignStampStyle
    last_layout: StampLayout | None = None

    def _render_inner_content(self) -> list[bytes]:
        style = self.style
        box = self.box
        width, height = float(box.width), float(box.height)
        picture = _open_image(style.image) if style.image else None
        plan = layout(
            style.text,
            width,
            height,
            qr_modules=len(style.qr_matrix) if style.qr_matrix else None,
            code=style.code,
            image_aspect=picture.width / picture.height if picture else None,
            cap=style.cap,
            paraf=style.paraf,
        )
        self.last_layout = plan
        painter = TextPainter(self.writer)
        ops = [b"q 1 g 0 0 %s %s re f Q" % (_num(width), _num(height))]
        if style.frame:
            ops.append(
                b"q 0.55 G 0.6 w 0.3 0.3 %s %s re S Q" % (_num(width - 0.6), _num(height - 0.6))
            )
        if style.qr_matrix and plan.qr:
            ops.append(qr_ops(style.qr_matrix, plan.qr))
        for code_line in plan.code_lines:
            ops.append(painter.line(code_line, gray=0.2))
        if picture is not None and plan.image:
            ops.append(self._image(picture, plan.image))
        for line in plan.lines:
            ops.append(painter.line(line))
        for name, ref in painter.font_resources().items():
            self.set_resource(category=ResourceType.FONT, name=pdf_name(name), value=ref)
        return ops

    def _image(self, picture: Any, rect: Rect) -> bytes:
        from pyhanko.pdf_utils.images import pil_image

        writer = self.writer
        assert writer is not None
        ref = pil_image(picture, writer)
        self.set_resource(category=ResourceType.XOBJECT, name=pdf_name("/EsignImg"), value=ref)
        return b"q %s 0 0 %s %s %s cm /EsignImg Do Q" % (
            _num(rect.w),
            _num(rect.h),
            _num(rect.x),
            _num(rect.y),
        )


def _open_image(data: bytes) -> Any:
    from PIL import Image

    img: Any = Image.open(io.BytesIO(data))
    img.load()
    if img.mode not in ("RGB", "RGBA", "L", "LA"):
        img = img.convert("RGBA" if "transparency" in img.info or "A" in img.mode else "RGB")
    return img


def page_text_stream(writer: Any, page_index: int, body: bytes, painter: TextPainter) -> None:
    """Append ``body`` (already wrapped in q/Q) to a page, with the painter's fonts."""
    present = _page_fonts(writer, page_index)
    fonts = {
        pdf_name(n): ref
        for n, ref in painter.font_resources().items()
        if not _same_ref(present.get(n), ref)  # pages sharing one /Font dict (ReportLab)
    }
    resources = generic.DictionaryObject({pdf_name("/Font"): generic.DictionaryObject(fonts)})  # type: ignore[no-untyped-call]
    # wrap the existing content in q/Q so a transform it leaves behind cannot move ours
    writer.add_stream_to_page(
        page_index, writer.add_object(generic.StreamObject(stream_data=b"q")), prepend=True
    )
    writer.add_stream_to_page(page_index, writer.add_object(generic.StreamObject(stream_data=b"Q")))
    stream = writer.add_object(generic.StreamObject(stream_data=body))
    writer.add_stream_to_page(page_index, stream, resources)


def _page_fonts(writer: Any, page_index: int) -> dict[str, Any]:
    """The page's own /Font entries as stored (references unresolved)."""
    page = writer.find_page_for_modification(page_index)[0].get_object()
    try:
        fonts = page["/Resources"]["/Font"]
    except (KeyError, TypeError):
        return {}
    return {str(k): fonts.raw_get(k) for k in fonts}


def _same_ref(a: Any, b: Any) -> bool:
    """Whether two values are the same indirect object (what an earlier page already got)."""
    return (
        isinstance(a, generic.IndirectObject)
        and isinstance(b, generic.IndirectObject)
        and (a.idnum, a.generation) == (b.idnum, b.generation)
    )
