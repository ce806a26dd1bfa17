"""What a reader sees: the signed revision and the latest one rendered by pdfium.

The object analysis in :mod:`esign.verify.revisions` says which annotations and widgets
were added after a signature and whether they should show; this module is its ground
truth. It renders a page of both versions with pdfium (the engine of Chrome's viewer) and
compares pixels: where they differ, and how much of that was ink (text, lines, images)
in the signed version, i.e. signed content that is now covered or altered.

A renderer that is missing or fails answers None: the caller then relies on the object
analysis alone, never on "no difference".
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

SCALE = 1.0
"""Pixels per PDF point (72 dpi): enough for text-sized changes, cheap for long letters."""
SNAPSHOT_SCALE = 2.0
"""Pixels per PDF point of the reports' before/after pictures (144 dpi: text stays legible
in print)."""
SNAPSHOT_MARGIN = 12.0
"""Points of the page shown around the changed region, so it can be placed on the page."""
MAX_PAGES = 50
"""Pages compared at most (the pages with added annotations come first)."""
MAX_PIXELS = 25_000_000
"""Pixels of one rendered page at most (A0 at 72 dpi is 8 million): a hostile 200-inch
page would take gigabytes (issue 18); past this the page is not rendered, which callers
treat as "could not render", never as "no difference"."""
_INK = 200
"""A channel below this is ink (not paper)."""
_CHANGED = 48
"""A channel differing by more than this is a changed pixel (anti-aliasing stays below)."""

Box = tuple[float, float, float, float]
"""(x1, y1, x2, y2) in PDF points, origin bottom left of the crop box's page space."""


@dataclass(frozen=True, slots=True, kw_only=True)
class PageDiff:
    """One page whose rendering changed after signing."""

    page: int
    """Page number, 1-based."""
    box: Box
    """The bounding box of the changed pixels (PDF points)."""
    changed_pixels: int
    """How many pixels differ."""
    covered_ink: int
    """How many of them were ink in the signed version (signed content covered or
    altered); 0 when only blank paper changed."""


@dataclass(frozen=True, slots=True, kw_only=True)
class VisualDiff:
    """The pages whose rendering differs between two versions of one document."""

    pages: tuple[PageDiff, ...]
    """Changed pages only, in page order."""


@dataclass(frozen=True, slots=True)
class _Render:
    image: Any
    """PIL image (RGB) of the page."""
    left: float
    top: float
    scale: float
    """Pixels per PDF point."""


def _open(data: bytes) -> Any:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    doc.init_forms()  # widgets (form fields, signatures) are drawn by the form layer
    return doc


def _render(doc: Any, index: int, scale: float = SCALE) -> _Render:
    page = doc[index]
    try:
        left, bottom, right, top = page.get_cropbox()
        if (right - left) * (top - bottom) * scale * scale > MAX_PIXELS:
            raise ValueError(f"page {index + 1} is too large to render")
        bitmap = page.render(scale=scale, may_draw_forms=True, draw_annots=True)
        image = bitmap.to_pil().convert("RGB")
    finally:
        page.close()
    return _Render(image=image, left=float(left), top=float(top), scale=scale)


def _to_points(render: _Render, px: tuple[int, int, int, int]) -> Box:
    x1, y1, x2, y2 = px
    return (
        render.left + x1 / render.scale,
        render.top - y2 / render.scale,
        render.left + x2 / render.scale,
        render.top - y1 / render.scale,
    )


def _to_pixels(render: _Render, box: Box) -> tuple[int, int, int, int]:
    x1, y1, x2, y2 = box
    w, h = render.image.size
    k = render.scale
    left = max(0, min(w, int((x1 - render.left) * k)))
    right = max(0, min(w, int((x2 - render.left) * k + 0.999)))
    upper = max(0, min(h, int((render.top - y2) * k)))
    lower = max(0, min(h, int((render.top - y1) * k + 0.999)))
    return left, upper, right, lower


def _masks(before: Any, after: Any) -> tuple[Any, Any]:
    """(changed, ink-in-before) as 1-bit images."""
    from PIL import ImageChops

    diff = ImageChops.difference(before, after).convert("L")
    changed = diff.point(lambda v: 255 if v > _CHANGED else 0, mode="1")
    ink = before.convert("L").point(lambda v: 255 if v < _INK else 0, mode="1")
    return changed, ink


def _count(mask: Any) -> int:
    hist = mask.convert("L").histogram()
    return int(sum(hist[1:]))


def _page_diff(n: int, before: _Render, after: _Render) -> PageDiff | None:
    from PIL import ImageChops

    if before.image.size != after.image.size:  # resized: everything changed
        w, h = before.image.size
        ink = _count(_masks(before.image, before.image)[1])
        whole = _to_points(before, (0, 0, w, h))
        return PageDiff(page=n, box=whole, changed_pixels=w * h, covered_ink=ink)
    changed, ink = _masks(before.image, after.image)
    bbox = changed.getbbox()
    if bbox is None:
        return None
    covered = ImageChops.logical_and(changed, ink)
    return PageDiff(
        page=n,
        box=_to_points(before, bbox),
        changed_pixels=_count(changed),
        covered_ink=_count(covered),
    )


def compare(signed: bytes, current: bytes, pages: Iterable[int] | None = None) -> VisualDiff | None:
    """The pages (1-based; all when None, at most :data:`MAX_PAGES`) whose rendering differs
    between ``signed`` (the bytes a signature covers) and ``current``; None when the
    renderer is missing or cannot read either version."""
    try:
        old, new = _open(signed), _open(current)
    except Exception:
        log.debug("pdfium cannot open the document", exc_info=True)
        return None
    try:
        count = min(len(old), len(new))
        wanted = sorted(set(pages)) if pages is not None else list(range(1, count + 1))
        found = []
        for n in [p for p in wanted if 1 <= p <= count][:MAX_PAGES]:
            diff = _page_diff(n, _render(old, n - 1), _render(new, n - 1))
            if diff is not None:
                found.append(diff)
        return VisualDiff(pages=tuple(found))
    except Exception:
        log.debug("pdfium cannot render the document", exc_info=True)
        return None
    finally:
        old.close()
        new.close()


def ink_in(signed: bytes, page: int, box: Box) -> int | None:
    """How many ink pixels the signed version shows inside ``box`` on ``page`` (1-based);
    None when it cannot be rendered."""
    try:
        doc = _open(signed)
    except Exception:
        return None
    try:
        if not 1 <= page <= len(doc):
            return None
        render = _render(doc, page - 1)
        region = render.image.crop(_to_pixels(render, box))
        if region.size[0] == 0 or region.size[1] == 0:
            return 0
        _, ink = _masks(region, region)
        return _count(ink)
    except Exception:
        log.debug("pdfium cannot render page %s", page, exc_info=True)
        return None
    finally:
        doc.close()


def snapshots(
    signed: bytes, current: bytes, page: int, box: Box, *, scale: float = SNAPSHOT_SCALE
) -> tuple[bytes, bytes] | None:
    """PNG images of ``box`` (with :data:`SNAPSHOT_MARGIN` around it) on ``page`` (1-based)
    as signed and as it is now, for the reports; None when they cannot be rendered."""
    try:
        old, new = _open(signed), _open(current)
    except Exception:
        return None
    try:
        out = []
        x1, y1, x2, y2 = box
        m = SNAPSHOT_MARGIN
        for doc in (old, new):
            if not 1 <= page <= len(doc):
                return None
            render = _render(doc, page - 1, scale)
            region = render.image.crop(_to_pixels(render, (x1 - m, y1 - m, x2 + m, y2 + m)))
            if region.size[0] == 0 or region.size[1] == 0:
                return None
            buf = io.BytesIO()
            region.save(buf, format="PNG")
            out.append(buf.getvalue())
        return out[0], out[1]
    except Exception:
        log.debug("pdfium cannot render page %s", page, exc_info=True)
        return None
    finally:
        old.close()
        new.close()


@dataclass(frozen=True, slots=True)
class InkMap:
    """Which pixels of one page were ink when signed, and which of those differ now."""

    render: _Render
    """The signed version's rendering (its geometry)."""
    ink: Any
    """1-bit image: ink in the signed version."""
    covered: Any
    """1-bit image: ink in the signed version that is drawn differently now."""

    def inside(self, box: Box) -> tuple[int, int]:
        """(ink pixels inside ``box``, how many of them differ now)."""
        area = _to_pixels(self.render, box)
        return _count(self.ink.crop(area)), _count(self.covered.crop(area))


def ink_map(signed: bytes, current: bytes, page: int) -> InkMap | None:
    """The :class:`InkMap` of ``page`` (1-based); None when it cannot be rendered or the
    page changed size."""
    from PIL import ImageChops

    try:
        old, new = _open(signed), _open(current)
    except Exception:
        return None
    try:
        if not (1 <= page <= len(old) and page <= len(new)):
            return None
        before, after = _render(old, page - 1), _render(new, page - 1)
        if before.image.size != after.image.size:
            return None
        changed, ink = _masks(before.image, after.image)
        return InkMap(render=before, ink=ink, covered=ImageChops.logical_and(changed, ink))
    except Exception:
        log.debug("pdfium cannot render page %s", page, exc_info=True)
        return None
    finally:
        old.close()
        new.close()
