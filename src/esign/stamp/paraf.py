"""A paraf on every page as ONE signature: one signature field, one widget per page.

Reviewers initial every page of a letter by hand (paraf). Electronically that is a single
signature whose field has a widget annotation on each page (ISO 32000-1, 12.7.3.1: a field
dictionary with ``/Kids``, each kid a widget in its page's ``/Annots``), all showing the
same small appearance: the signer's initials and the time. One signature value covers
every page; readers list one signature.

The corner is the corner the reader sees: on a page with ``/Rotate`` the rectangle is
placed in that corner of the rotated view and the appearance is turned with a form
``/Matrix``, so the initials read upright. The band of esign's footer is kept clear, and
a later reviewer's paraf goes beside an earlier one, never over it.

The widgets carry no ``/Parent``: poppler before 24 (Debian 12's pdfsig 22.12) reads a
kid with ``/Parent`` as a child *field* and lists each page as an unsigned signature;
without it every reader finds the widgets through the field's ``/Kids``, and pdfsig lists
one valid signature. Pure geometry here; :func:`add_paraf_widgets` writes into a writer.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from esign.stamp.place import MM, Box, annotation_boxes, page_geometry

if TYPE_CHECKING:
    from cryptography import x509

    from esign.stamp import FooterRequest

log = logging.getLogger(__name__)

WIDTH = 30 * MM
HEIGHT = 12 * MM
INSET_X = 12 * MM
"""From the left or right edge of the page as seen."""
INSET_Y = 8 * MM
"""From the top or bottom edge of the page as seen."""
FOOTER_GAP = 1 * MM
"""Kept free between the paraf and a footer drawn in the same signing (as around ink)."""
BESIDE = 3 * MM
"""Between a paraf and an earlier one in the same corner (reviewers side by side)."""
WIDGET_FLAGS = 4
"""Annotation flag Print: the paraf prints with the page."""


class Corner(StrEnum):
    """Where on each page the paraf goes, as the reader sees the page."""

    BOTTOM_RIGHT = "bottom-right"
    BOTTOM_LEFT = "bottom-left"
    TOP_RIGHT = "top-right"
    TOP_LEFT = "top-left"

    @property
    def right(self) -> bool:
        return self.value.endswith("right")

    @property
    def bottom(self) -> bool:
        return self.value.startswith("bottom")


@dataclass(frozen=True, slots=True, kw_only=True)
class ParafRequest:
    """A paraf on every page: where, and how the time is written."""

    corner: Corner = Corner.BOTTOM_RIGHT
    """The corner of every page."""
    lang: str = "id"
    """Language of the printed time."""
    timezone: tzinfo = UTC
    """Zone of the printed time (Asia/Jakarta prints WIB)."""


def rotation(writer: Any, index: int) -> int:
    """The page's ``/Rotate`` (inherited from the page tree), as 0, 90, 180 or 270."""
    node = writer.find_page_for_modification(index)[0].get_object()
    while node is not None:
        if "/Rotate" in node:
            try:
                return int(node["/Rotate"]) % 360 // 90 * 90
            except (TypeError, ValueError):
                return 0
        parent = node.get("/Parent")
        node = parent.get_object() if parent is not None else None
    return 0


def to_user(
    dx: float, dy: float, *, x0: float, y0: float, w: float, h: float, rotate: int
) -> tuple[float, float]:
    """A point of the page as seen (origin bottom-left of the rotated view) in the page's
    own space; ``w``/``h`` are the unrotated box's sides, ``/Rotate`` turns clockwise."""
    if rotate == 90:
        ux, uy = w - dy, dx
    elif rotate == 180:
        ux, uy = w - dx, h - dy
    elif rotate == 270:
        ux, uy = dy, h - dx
    else:
        ux, uy = dx, dy
    return x0 + ux, y0 + uy


def seen_size(w: float, h: float, rotate: int) -> tuple[float, float]:
    """Width and height of the page as seen."""
    return (h, w) if rotate in (90, 270) else (w, h)


Ink = Callable[[float, float, float, float], int | None]
"""``ink(dx, dy, w, h)``: dark pixels of the page (as seen) in that rectangle; None when
the page cannot be rendered."""
ROW_STEP = 1.5 * MM
"""How far the paraf moves up (or down) looking for an empty place."""
REACH = 0.4
"""The share of the page's height the paraf may move away from its edge."""
COLUMNS = 4
"""Places along the edge: the corner, then beside it (reviewers side by side)."""


def corner_box(
    geometry: tuple[float, float, float, float],
    rotate: int,
    corner: Corner,
    *,
    keep_clear: tuple[Box, ...] = (),
    taken: tuple[Box, ...] = (),
    ink: Ink | None = None,
) -> Box:
    """The paraf's rectangle (page space) in ``corner`` of a page with ``geometry``
    ``(x0, y0, w, h)`` and ``rotate``: the place nearest the corner that is clear of
    ``keep_clear`` (the footer band) and ``taken`` (an earlier reviewer's paraf, another
    annotation) and, when ``ink`` can tell, shows no text or picture under it; rows move
    away from the edge, places in a row go from the corner along it. Never outside the
    page; without any such place, the clear one over the least ink (else the corner)."""
    _x0, _y0, w, h = geometry
    sw, sh = seen_size(w, h, rotate)
    pw, ph = min(WIDTH, sw * 0.45), min(HEIGHT, sh * 0.2)
    home_dx = max(0.0, min(sw - INSET_X - pw if corner.right else INSET_X, sw - pw))
    home_dy = INSET_Y if corner.bottom else sh - INSET_Y - ph
    step_x = -(pw + BESIDE) if corner.right else pw + BESIDE
    step_y = ROW_STEP if corner.bottom else -ROW_STEP
    rows = [home_dy + i * step_y for i in range(int(sh * REACH / ROW_STEP) + 1)]
    cols = [home_dx + j * step_x for j in range(COLUMNS)]
    best: tuple[int, Box] | None = None
    for dy in (r for r in rows if 0 <= r <= sh - ph):
        for dx in (c for c in cols if 0 <= c <= sw - pw):
            box = _user_box(dx, dy, pw, ph, geometry, rotate)
            if any(_overlap(box, other) for other in (*keep_clear, *taken)):
                continue
            dark = ink(dx, dy, pw, ph) if ink is not None else None
            if dark is None or dark == 0:
                return box
            if best is None or dark < best[0]:
                best = (dark, box)
    log.debug("no empty place for the paraf on a %.0fx%.0f page", sw, sh)
    return best[1] if best else _user_box(home_dx, home_dy, pw, ph, geometry, rotate)


INK_SCALE = 1.0
"""Pixels per point of the rendering that looks for an empty place (72 dpi)."""
INK_PAD = 1 * MM
"""Kept free around the paraf."""
_INK_LEVEL = 200
MAX_PIXELS = 25_000_000
"""A larger page is not rendered (the empty place is then not looked for)."""


def page_ink(document: Any, index: int, seen: tuple[float, float]) -> Ink | None:
    """How dark the page ``index`` of an open pdfium ``document`` is in a rectangle (as
    seen); None when it cannot be rendered the way it is seen."""
    try:
        page = document[index]
        try:
            sw, sh = seen
            if sw * sh * INK_SCALE * INK_SCALE > MAX_PIXELS:
                return None
            image = page.render(scale=INK_SCALE, draw_annots=True).to_pil().convert("L")
        finally:
            page.close()
    except Exception:  # pdfium raises its own types on odd pages
        log.debug("page %d not rendered for the paraf", index + 1, exc_info=True)
        return None
    if abs(image.width - sw * INK_SCALE) > 2 or abs(image.height - sh * INK_SCALE) > 2:
        return None  # not in the orientation it is seen in
    mask = image.point(lambda v: 255 if v < _INK_LEVEL else 0)

    def ink(dx: float, dy: float, w: float, h: float) -> int:
        k = INK_SCALE
        left, right = int((dx - INK_PAD) * k), int((dx + w + INK_PAD) * k + 0.999)
        upper, lower = int((sh - dy - h - INK_PAD) * k), int((sh - dy + INK_PAD) * k + 0.999)
        region = mask.crop((max(0, left), max(0, upper), right, lower))
        return int(region.histogram()[255])

    return ink


def _open_rendered(source: Any) -> Any:
    """The input opened in pdfium, to find empty places; None when it cannot be."""
    if source is None:
        return None
    try:
        import pypdfium2 as pdfium

        return pdfium.PdfDocument(str(source))
    except Exception:
        log.debug("%s not opened in pdfium for the paraf", source, exc_info=True)
        return None


def _user_box(
    dx: float, dy: float, pw: float, ph: float, geometry: tuple[float, ...], rotate: int
) -> Box:
    x0, y0, w, h = geometry
    points = [
        to_user(x, y, x0=x0, y0=y0, w=w, h=h, rotate=rotate)
        for x, y in ((dx, dy), (dx + pw, dy + ph))
    ]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return Box(x=min(xs), y=min(ys), w=max(xs) - min(xs), h=max(ys) - min(ys))


def _overlap(a: Box, b: Box) -> bool:
    return a.x < b.x + b.w and b.x < a.x + a.w and a.y < b.y + b.h and b.y < a.y + a.h


MATRICES: dict[int, tuple[int, int, int, int, int, int]] = {
    0: (1, 0, 0, 1, 0, 0),
    90: (0, 1, -1, 0, 0, 0),
    180: (-1, 0, 0, -1, 0, 0),
    270: (0, -1, 1, 0, 0, 0),
}
"""The appearance's /Matrix per page rotation: turned back against the page's clockwise
/Rotate (counter-clockwise by the same angle), so the initials read upright."""


FOOTER_LINES = 3
"""The most lines esign's footer has (statement, UU ITE note, verification address)."""


def footer_band(
    footer: FooterRequest, cert: x509.Certificate, geometry: tuple[float, float, float, float]
) -> Box:
    """Where :func:`esign.stamp.footer.add_footer` draws this footer on a page."""
    from esign.stamp.footer import SIDE, SIZE, footer_lines, layout_footer

    x0, y0, w, _h = geometry
    lines = layout_footer(footer_lines(footer, cert), w, x0, y0)
    top = lines[0].y + SIZE * 1.1 + FOOTER_GAP
    return Box(x=x0 + SIDE, y=y0, w=max(w - 2 * SIDE, 1.0), h=top - y0)


def footer_zone(geometry: tuple[float, float, float, float]) -> Box:
    """Where :func:`esign.stamp.footer.add_footer` may draw on a page (page space), with
    its longest text: kept free whether the footer comes with this signature, came with
    an earlier one, or may come with none (reviewers' parafs then still line up)."""
    from esign.stamp.footer import BOTTOM, SIDE, SIZE
    from esign.stamp.layout import LEADING

    x0, y0, w, _h = geometry
    top = BOTTOM + (FOOTER_LINES - 1) * SIZE * LEADING + SIZE * 1.1 + FOOTER_GAP
    return Box(x=x0 + SIDE, y=y0, w=max(w - 2 * SIDE, 1.0), h=top)


@dataclass(frozen=True, slots=True, kw_only=True)
class ParafPlan:
    """The widgets written for one paraf signature."""

    pages: tuple[int, ...]
    """1-based pages that carry a widget (every page)."""
    boxes: tuple[Box, ...]
    """Each widget's rectangle, in page order."""
    attach: Callable[[], None]
    """Links the widgets to the field (``/Kids``): called just before the revision is
    written, after pyHanko has filled the field (it handles single-widget fields only)."""


def add_paraf_widgets(
    writer: Any,
    request: ParafRequest,
    *,
    field: str,
    name: str | None,
    at: datetime,
    source: Any = None,
    footer: tuple[FooterRequest, x509.Certificate] | None = None,
) -> ParafPlan:
    """Create the signature field ``field`` with one paraf widget per page of ``writer``.

    The field goes into ``/AcroForm /Fields`` and each widget into its page's ``/Annots``
    now; the field's ``/Kids`` are set by :attr:`ParafPlan.attach`. ``source`` (the input
    file) is rendered to find an empty place in the corner; ``footer``: the footer drawn
    with this signature, and the certificate it names (its band is kept clear, as it is
    not in ``source`` yet).
    """
    generic, pdf_name = _generic()

    field_ref = writer.add_object(
        generic.DictionaryObject(
            {
                pdf_name("/FT"): pdf_name("/Sig"),
                pdf_name("/T"): generic.TextStringObject(field),
            }
        )
    )
    _add_to_form(writer, field_ref)
    appearances: dict[int, Any] = {}
    base = _appearance(writer, name, at, request)
    kids: list[Any] = []
    boxes: list[Box] = []
    pages = int(writer.root["/Pages"]["/Count"])
    rendered = _open_rendered(source)
    try:
        for index in range(pages):
            box, rotate = _place(writer, index, request.corner, rendered, footer)
            kids.append(_widget(writer, index, box, appearances, base, rotate))
            boxes.append(box)
    finally:
        if rendered is not None:
            rendered.close()

    def attach() -> None:
        field_ref.get_object()[pdf_name("/Kids")] = generic.ArrayObject(kids)

    log.debug("paraf field %s: %d widgets", field, len(kids))
    return ParafPlan(pages=tuple(range(1, pages + 1)), boxes=tuple(boxes), attach=attach)


def _place(
    writer: Any,
    index: int,
    corner: Corner,
    rendered: Any,
    footer: tuple[FooterRequest, x509.Certificate] | None,
) -> tuple[Box, int]:
    geometry = page_geometry(writer, index)
    rotate = rotation(writer, index)
    seen = seen_size(geometry[2], geometry[3], rotate)
    ink = page_ink(rendered, index, seen) if rendered is not None else None
    band: tuple[Box, ...] = ()
    if ink is None:  # no rendering: the band esign's footer may use is kept free
        band = (footer_zone(geometry),)
    elif footer is not None:  # drawn now, so not in the rendering yet
        band = (footer_band(*footer, geometry),)
    taken = annotation_boxes(writer, index)
    return corner_box(geometry, rotate, corner, keep_clear=band, taken=taken, ink=ink), rotate


def _widget(
    writer: Any, index: int, box: Box, appearances: dict[int, Any], base: Any, rotate: int
) -> Any:
    """One widget of the paraf on page ``index``, listed in the page's /Annots."""
    generic, pdf_name = _generic()
    if rotate not in appearances:
        appearances[rotate] = base if rotate == 0 else _turned(writer, base, rotate)
    page_ref = writer.find_page_for_modification(index)[0]
    widget = writer.add_object(
        generic.DictionaryObject(
            {
                pdf_name("/Type"): pdf_name("/Annot"),
                pdf_name("/Subtype"): pdf_name("/Widget"),
                pdf_name("/Rect"): generic.ArrayObject(
                    generic.FloatObject(round(v, 2)) for v in box.corners()
                ),
                pdf_name("/F"): generic.NumberObject(WIDGET_FLAGS),
                pdf_name("/P"): page_ref,
                pdf_name("/AP"): generic.DictionaryObject({pdf_name("/N"): appearances[rotate]}),
            }
        )
    )
    writer.register_annotation(page_ref, widget)
    return widget


def _generic() -> tuple[Any, Any]:
    """pyHanko's PDF object module (untyped) and its ``pdf_name``."""
    from pyhanko.pdf_utils import generic

    module: Any = generic
    return module, module.pdf_name


def _add_to_form(writer: Any, field_ref: Any) -> None:
    generic, pdf_name = _generic()

    root = writer.root
    try:
        form = root["/AcroForm"]
        fields = form["/Fields"]
    except KeyError:
        form = root.get("/AcroForm")
        if form is None:
            form = generic.DictionaryObject()
            root[pdf_name("/AcroForm")] = writer.add_object(form)
            writer.update_root()
        else:
            form = form.get_object()
        fields = generic.ArrayObject()
        form[pdf_name("/Fields")] = fields
        writer.update_container(form)
    fields.append(field_ref)
    writer.update_container(fields)


def _appearance(writer: Any, name: str | None, at: datetime, request: ParafRequest) -> Any:
    """The upright appearance (initials and time), one form XObject for every page."""
    from pyhanko.pdf_utils.layout import BoxConstraints

    from esign.stamp.layout import StampText
    from esign.stamp.render import EsignStampStyle
    from esign.stamp.text import format_when

    text = StampText(name=name, when=format_when(at, request.timezone, request.lang))
    style = EsignStampStyle(text=text, paraf=True)
    stamp = style.create_stamp(writer, BoxConstraints(width=WIDTH, height=HEIGHT), {})
    return stamp.register()


def _turned(writer: Any, base: Any, rotate: int) -> Any:
    """A form that draws ``base`` turned against the page's /Rotate."""
    generic, pdf_name = _generic()

    form = generic.StreamObject(
        {
            pdf_name("/Type"): pdf_name("/XObject"),
            pdf_name("/Subtype"): pdf_name("/Form"),
            pdf_name("/BBox"): generic.ArrayObject(
                generic.FloatObject(v) for v in (0, 0, round(WIDTH, 3), round(HEIGHT, 3))
            ),
            pdf_name("/Matrix"): generic.ArrayObject(
                generic.NumberObject(v) for v in MATRICES[rotate]
            ),
            pdf_name("/Resources"): generic.DictionaryObject(
                {pdf_name("/XObject"): generic.DictionaryObject({pdf_name("/Paraf"): base})}
            ),
        },
        stream_data=b"/Paraf Do",
    )
    return writer.add_object(form)
