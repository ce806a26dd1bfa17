"""On which pages a signature shows: its field's widget annotations, found in page /Annots.

A visible signature shows on one page; a paraf on every page (:mod:`esign.stamp.paraf`) is
ONE signature whose field has a widget on each page. The pages are read from the pages'
``/Annots`` (what a reader draws), matched against the field's ``/Kids`` (or the field
itself when field and widget are one dictionary); an invisible widget (an empty /Rect) does
not count.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

log = logging.getLogger(__name__)


def _ref(value: Any) -> tuple[int, int] | None:
    idnum, generation = getattr(value, "idnum", None), getattr(value, "generation", None)
    if isinstance(idnum, int) and isinstance(generation, int):
        return idnum, generation
    return None


def _widget_refs(field: Any) -> set[tuple[int, int]]:
    kids = field.raw_get("/Kids") if "/Kids" in field else None
    if kids is None:
        own = _ref(getattr(field, "container_ref", None))
        return {own} if own else set()
    refs = (_ref(kids.raw_get(i)) for i in range(len(kids)))
    return {r for r in refs if r is not None}


def _pages(node: Any, seen: set[int]) -> Iterator[Any]:
    """The page dictionaries of a page tree, in order (a loop is walked once)."""
    if id(node) in seen:
        return
    seen.add(id(node))
    if node.get("/Type") == "/Page" or "/Kids" not in node:
        yield node
        return
    for kid in node["/Kids"]:
        yield from _pages(kid.get_object(), seen)


def _visible(annot: Any) -> bool:
    try:
        x1, y1, x2, y2 = (float(v) for v in annot["/Rect"])
    except (KeyError, TypeError, ValueError):
        return False
    return abs(x2 - x1) > 0 and abs(y2 - y1) > 0


def widget_pages(reader: Any, field: Any) -> tuple[int, ...]:
    """1-based pages of ``reader`` that show a widget of the signature field ``field``."""
    wanted = _widget_refs(field)
    if not wanted:
        return ()
    found: list[int] = []
    for index, page in enumerate(_pages(reader.root["/Pages"], set())):
        annots = page.get("/Annots")
        if annots is None:
            continue
        annots = annots.get_object()
        for i in range(len(annots)):
            ref = _ref(annots.raw_get(i))
            if ref in wanted and _visible(annots[i].get_object()):
                found.append(index + 1)
                break
    return tuple(found)
