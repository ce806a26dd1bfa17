"""What each incremental update after a signature changes, and the revision it signed.

pyHanko's difference analysis answers "can every changed object be explained by an
allowed operation?" and says OTHER when it cannot, which both over- and under-shoots
(issue 6): it has no rule for annotations (so an annotation added after an approval
signature is "disallowed"), and it accepts any value written into an existing form
field as form filling (so a shadow "hide" or "replace" attack passes as allowed).

This module is a second, independent analysis. It compares what a reader sees in the
signed revision with what the file shows now: page content, resources (fonts,
XObjects), geometry, page tree, the appearance of every annotation that was already
there, the values of form fields that were already filled, and optional-content
visibility. Rule: a change that alters what was visible when the document was signed
is disallowed. Adding annotations, filling empty fields and adding signatures,
document timestamps, DSS or metadata are not; whether DocMDP lets them happen is the
second question, answered by :func:`review`.

:func:`signed_revision` returns the exact bytes a signature covers, for auditors who
want to compare the signed version with the current one.
"""

from __future__ import annotations

import dataclasses
import io
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from esign.errors import PdfInputError
from esign.models import ChangeKind, ChangeNote, ChangePlace, Modifications
from esign.verify import rawsig, visual

log = logging.getLogger(__name__)


_ENGLISH: dict[ChangeKind, str] = {
    ChangeKind.PAGE_CONTENT: "page content",
    ChangeKind.PAGE_RESOURCES: "page resources (fonts, images, XObjects)",
    ChangeKind.PAGE_GEOMETRY: "page size, crop or rotation",
    ChangeKind.PAGES: "pages added, removed or reordered",
    ChangeKind.OPTIONAL_CONTENT: "optional content visibility (/OCProperties)",
    ChangeKind.ANNOTATION_CHANGED: "an annotation shown when signed was changed",
    ChangeKind.ANNOTATION_REMOVED: "an annotation shown when signed was removed",
    ChangeKind.FIELD_CHANGED: "a form field filled in when signed was changed",
    ChangeKind.FIELD_DEFAULT_FILLED: "a form field showing its default value when signed was "
    "filled in",
    ChangeKind.ANNOTATION_ADDED: "annotation added",
    ChangeKind.ANNOTATION_COVERS: "annotation or field added over signed content",
    ChangeKind.FIELD_FILLED: "empty form field filled in",
    ChangeKind.FIELD_ADDED: "form field added",
    ChangeKind.SIGNATURE: "signature or document timestamp added",
    ChangeKind.METADATA: "document metadata",
    ChangeKind.DSS: "validation data (DSS)",
    ChangeKind.STRUCTURE: "structure tree (tags)",
    ChangeKind.OTHER: "unexplained change",
    ChangeKind.ANALYSIS: "pyHanko's analysis",
}
"""The English words of ``modification_details`` (a stable text: schema 1)."""

VISIBLE = frozenset(
    {
        ChangeKind.PAGE_CONTENT,
        ChangeKind.PAGE_RESOURCES,
        ChangeKind.PAGE_GEOMETRY,
        ChangeKind.PAGES,
        ChangeKind.OPTIONAL_CONTENT,
        ChangeKind.ANNOTATION_CHANGED,
        ChangeKind.ANNOTATION_REMOVED,
        ChangeKind.FIELD_CHANGED,
        ChangeKind.FIELD_DEFAULT_FILLED,
        ChangeKind.ANNOTATION_COVERS,
    }
)
"""Changes that alter what a reader saw when the document was signed: never allowed, except
an annotation over signed content where the signature permits annotations (``visible``)."""

# What DocMDP permits after a certification (ISO 32000-2, 12.8.2.2), on top of DSS,
# document timestamps and metadata, which every level allows.
_ALWAYS = frozenset({ChangeKind.DSS, ChangeKind.METADATA})
# Signing or filling a tagged PDF also updates its structure tree (DSS: "extension changes")
_FILLING = frozenset(
    {
        ChangeKind.SIGNATURE,
        ChangeKind.FIELD_FILLED,
        ChangeKind.FIELD_DEFAULT_FILLED,
        ChangeKind.STRUCTURE,
    }
)
_PERMITTED = {
    1: _ALWAYS,
    2: _ALWAYS | _FILLING,
    3: _ALWAYS | _FILLING | {ChangeKind.ANNOTATION_ADDED},
}

_PAGE_KEYS = {
    "/Contents": ChangeKind.PAGE_CONTENT,
    "/Resources": ChangeKind.PAGE_RESOURCES,
    "/MediaBox": ChangeKind.PAGE_GEOMETRY,
    "/CropBox": ChangeKind.PAGE_GEOMETRY,
    "/Rotate": ChangeKind.PAGE_GEOMETRY,
    "/UserUnit": ChangeKind.PAGE_GEOMETRY,
    "/Group": ChangeKind.PAGE_RESOURCES,
}
_INHERITED = ("/Resources", "/MediaBox", "/CropBox", "/Rotate")
_ANNOT_LOOK = ("/AP", "/AS", "/F", "/Rect", "/OC", "/MK", "/Contents", "/DA", "/RC", "/DS")
_WIDGET_LOOK = ("/AP", "/AS", "/F", "/Rect", "/OC", "/MK")
# Keys never followed when comparing: back-links that would pull in the whole document.
_SKIP_KEYS = frozenset({"/Parent", "/P", "/Data", "/Length", "/StructParent", "/StructParents"})
_CATALOG_OK = frozenset({"/AcroForm", "/DSS", "/Extensions", "/Metadata", "/Version"})
# Catalog entries compared on their own when the catalog is rewritten: the page tree page by
# page (_pages), the structure tree object by object (_structure_objects).
_CATALOG_COMPARED_ELSEWHERE = frozenset({"/Pages", "/StructTreeRoot"})
_ACROFORM_OK = frozenset({"/Fields", "/SigFlags", "/DR", "/DA", "/NeedAppearances"})
# What filling in a field rewrites: its value (/V, rich text /RV), a choice field's selected
# indices, and how the widget draws it inside its own rectangle, which stays where it was
# (appearance, its state, default appearance string and style, quadding, border/background).
_VALUE_KEYS = frozenset({"/V", "/I", "/RV", "/AP", "/AS", "/DA", "/DS", "/Q", "/MK"})
_LOCK_FLAGS = 64 | 128 | 512
"""Annotation flags that change nothing a reader sees (ReadOnly, Locked, LockedContents):
a reader sets Locked when it signs a signature field."""
_FILL_MIN_INK = 20
"""Ink pixels (72 dpi) under a filled field below which there is nothing to hide."""


@dataclass(frozen=True, slots=True)
class Change:
    """One thing a later revision changed: the reports' machine form, and the English
    detail of ``modification_details``."""

    note: ChangeNote
    """What and where, as the reports carry it."""
    detail: str
    """Where: page, field or object, in English (technical detail for the report)."""

    @classmethod
    def of(
        cls, kind: ChangeKind, detail: str, place: ChangePlace = ChangePlace.NONE, **where: Any
    ) -> Change:
        """A change of ``kind``; ``where`` are ChangeNote's location fields."""
        return cls(ChangeNote(kind=kind, visible=kind in VISIBLE, place=place, **where), detail)

    @property
    def kind(self) -> ChangeKind:
        return self.note.kind

    @property
    def visible(self) -> bool:
        """Whether it alters what a reader saw when the document was signed."""
        return self.note.visible

    @property
    def target(self) -> str | None:
        return self.note.target

    def __str__(self) -> str:
        if self.kind is ChangeKind.ANALYSIS:
            return self.detail  # pyHanko's own words
        return f"{_ENGLISH[self.kind]}: {self.detail}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Analysis:
    """Every change after one signed revision."""

    changes: tuple[Change, ...]
    """What changed, visible changes first."""
    explained: bool
    """Every object rewritten after signing was accounted for (no OTHER change)."""
    failed: str | None = None
    """Why the analysis could not run (modifications are then ``unknown``)."""

    @property
    def visible(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.visible)


# --- comparing two revisions -----------------------------------------------------------


class _Compare:
    """Structural comparison of objects from two historical views of one file."""

    def __init__(self, changed: set[tuple[int, int]]) -> None:
        self.changed = changed
        """(idnum, generation) of objects rewritten between the two revisions."""
        self.pages: set[tuple[int, int]] = set()
        """Pages, compared page by page elsewhere: a reference to the same page is the same
        (a link's destination or an /OpenAction does not change when the page gains an
        annotation)."""
        self._done: dict[tuple[Any, Any], bool] = {}
        """Pairs of references already compared, and the answer."""
        self._active: set[tuple[Any, Any]] = set()
        """Pairs being compared (a cycle back to one is judged where it started)."""

    def same(self, a: Any, b: Any, depth: int = 0) -> bool:
        from pyhanko.pdf_utils import generic

        if depth > 60:
            return False
        if isinstance(a, generic.IndirectObject) and isinstance(b, generic.IndirectObject):
            key = ((a.idnum, a.generation), (b.idnum, b.generation))
            if key in self._done:
                return self._done[key]
            if key in self._active:
                return True
            same_ref = key[0] == key[1]
            if same_ref and key[0] in self.pages:
                return True
            self._active.add(key)
            try:
                if same_ref and key[0] not in self.changed:
                    # The object itself was not rewritten; only its children can differ.
                    result = self._children_same(_deref(a), _deref(b), depth, raw=False)
                else:
                    result = self._values_same(_deref(a), _deref(b), depth)
            finally:
                self._active.discard(key)
            self._done[key] = result
            return result
        return self._values_same(_deref(a), _deref(b), depth)

    def _values_same(self, a: Any, b: Any, depth: int) -> bool:
        from pyhanko.pdf_utils import generic

        if type(a) is not type(b):
            return False
        if isinstance(a, generic.StreamObject):
            if a.encoded_data != b.encoded_data:
                return False
            return self._children_same(a, b, depth, raw=True)
        if isinstance(a, (generic.DictionaryObject, generic.ArrayObject)):
            return self._children_same(a, b, depth, raw=True)
        return bool(a == b)

    def _children_same(self, a: Any, b: Any, depth: int, *, raw: bool) -> bool:
        from pyhanko.pdf_utils import generic

        if isinstance(a, generic.DictionaryObject) and isinstance(b, generic.DictionaryObject):
            keys = (set(a.keys()) | set(b.keys())) - _SKIP_KEYS
            if raw and set(a.keys()) - _SKIP_KEYS != set(b.keys()) - _SKIP_KEYS:
                return False
            return all(
                k in a and k in b and self.same(a.raw_get(k), b.raw_get(k), depth + 1) for k in keys
            )
        if isinstance(a, generic.ArrayObject) and isinstance(b, generic.ArrayObject):
            if len(a) != len(b):
                return False
            return all(self.same(x, y, depth + 1) for x, y in zip(a, b, strict=True))
        return not raw or bool(a == b)


@dataclass(slots=True)
class _Page:
    ref: Any
    page: Any
    inherited: dict[str, Any]

    def get(self, key: str) -> Any:
        if key in self.page:
            return self.page.raw_get(key)
        return self.inherited.get(key)


def _pages(root: Any) -> list[_Page]:
    """The page list in order, with inherited attributes, guarding against cycles."""
    out: list[_Page] = []
    seen: set[int] = set()

    def walk(ref: Any, inherited: dict[str, Any]) -> None:
        node = ref.get_object()
        ident = getattr(ref, "idnum", id(node))
        if ident in seen or len(seen) > 100_000:
            return
        seen.add(ident)
        inherited = {**inherited, **{k: node.raw_get(k) for k in _INHERITED if k in node}}
        if _get(node, "/Type") == "/Pages" or "/Kids" in node:
            for kid in node.raw_get("/Kids") if "/Kids" in node else ():
                walk(kid, inherited)
        else:
            out.append(_Page(ref=ref, page=node, inherited=inherited))

    walk(root.raw_get("/Pages"), {})
    return out


def _get(d: Any, key: str, default: Any = None) -> Any:
    """``d[key]`` resolved (pyHanko's ``get`` returns indirect references unresolved)."""
    try:
        if key not in d:
            return default
        return d[key]
    except Exception:
        return default


def _deref(obj: Any) -> Any:
    """The object behind an indirect reference (other objects as they are)."""
    from pyhanko.pdf_utils import generic

    if isinstance(obj, generic.IndirectObject):
        target: Any = obj
        return target.get_object()
    return obj


def _raw(d: Any, key: str) -> Any:
    return d.raw_get(key) if key in d else None


def _ref_key(ref: Any) -> tuple[int, int] | None:
    idnum = getattr(ref, "idnum", None)
    return (idnum, ref.generation) if idnum is not None else None


def _annots(page: Any) -> dict[tuple[int, int], Any]:
    annots = _get(page, "/Annots")
    out = {}
    for ref in annots or ():
        key = _ref_key(ref)
        if key is not None:
            out[key] = ref
    return out


def _field_of(widget: Any) -> Any:
    """The field a widget belongs to (itself when merged), following /Parent for /FT."""
    node = widget
    for _ in range(32):
        if "/FT" in node or "/Parent" not in node:
            return node
        node = node["/Parent"]
    return node


def _kid_fields(root: Any) -> dict[tuple[int, int], Any]:
    """Widget reference -> field, for the fields whose /Kids are widgets (no /T)."""
    found: dict[tuple[int, int], Any] = {}
    try:
        stack = list(root["/AcroForm"]["/Fields"])
    except (KeyError, TypeError):
        return found
    seen = 0
    while stack and seen < 100_000:  # the input limits bound the rest
        seen += 1
        field = stack.pop().get_object()
        kids = field.get("/Kids") if hasattr(field, "get") else None
        if kids is None:
            continue
        for i in range(len(kids)):
            ref, kid = kids.raw_get(i), kids[i].get_object()
            if "/T" in kid:
                stack.append(kid)
            elif hasattr(ref, "idnum"):
                found[(ref.idnum, ref.generation)] = field
    return found


def _full_name(field: Any) -> str | None:
    """The field's fully qualified name (``parent.child``), as FieldMDP locks name it."""
    parts: list[str] = []
    node = field
    for _ in range(32):
        if node is None:
            break
        if "/T" in node:
            parts.append(str(_get(node, "/T")))
        node = _get(node, "/Parent")
    return ".".join(reversed(parts)) if parts else None


def _is_empty(value: Any) -> bool:
    return value is None or str(value) in ("", "/Off")


def _is_signature_field(field: Any) -> bool:
    return str(_get(field, "/FT")) == "/Sig"


class _Analyser:
    """Compares revision ``signed`` with revision ``last`` of one reader."""

    def __init__(self, reader: Any, signed: int, last: int, signed_end: int | None) -> None:
        self.reader = reader
        self.signed = signed
        self.last = last
        self.data = _file_bytes(reader)
        self.signed_end = signed_end
        self._diffs: dict[int, visual.VisualDiff | None] = {}
        self._ink: dict[int, visual.InkMap | None] = {}
        self.old = reader.get_historical_resolver(signed)
        self.new = reader.get_historical_resolver(last)
        changed: set[tuple[int, int]] = set()
        for rev in range(signed + 1, last + 1):
            changed |= {
                (r.idnum, r.generation) for r in reader.xrefs.explicit_refs_in_revision(rev)
            }
            changed |= {(r.idnum, r.generation) for r in reader.xrefs.refs_freed_in_revision(rev)}
        self.changed_refs = changed
        self.compare = _Compare(changed)
        self._kid_fields: dict[tuple[int, int], Any] | None = None
        self.changes: list[Change] = []
        self.explained: set[tuple[int, int]] = set()

    def add(
        self, kind: ChangeKind, detail: str, place: ChangePlace = ChangePlace.NONE, **where: Any
    ) -> None:
        self.changes.append(Change.of(kind, detail, place, **where))

    def run(self) -> Analysis:
        old_root, new_root = self.old.root, self.new.root
        self.compare.pages = {k for p in _pages(old_root) if (k := _ref_key(p.ref)) is not None}
        self._pages(old_root, new_root)
        self._filled_fields(old_root)
        if not self.compare.same(_raw(old_root, "/OCProperties"), _raw(new_root, "/OCProperties")):
            self.add(
                ChangeKind.OPTIONAL_CONTENT,
                "the catalog's /OCProperties",
                ChangePlace.CATALOG_ENTRY,
                target="/OCProperties",
            )
        explained = self._account_for_rewrites(old_root)
        order = sorted(self._placed(self.changes), key=lambda c: not c.visible)
        return Analysis(changes=tuple(dict.fromkeys(order)), explained=explained)

    def _placed(self, changes: list[Change]) -> list[Change]:
        """The changes, a visible change to a page's own entries (content, resources,
        geometry) with the region pdfium draws differently, for the reports' pictures."""
        out = []
        for change in changes:
            n = change.note.page
            if change.kind in _PAGE_KEYS.values() and n is not None and change.note.region is None:
                diff = self._diff(n)
                found = [d.box for d in diff.pages if d.page == n] if diff is not None else []
                if found:
                    note = dataclasses.replace(change.note, region=found[0])
                    change = Change(note, change.detail)
            out.append(change)
        return out

    def _diff(self, n: int) -> visual.VisualDiff | None:
        """pdfium's comparison of page ``n`` as signed and now (once per page)."""
        if self.signed_end is None:
            return None
        if n not in self._diffs:
            signed = self.data[: self.signed_end]
            self._diffs[n] = visual.compare(signed, self.data, pages=(n,))
        return self._diffs[n]

    def _pages(self, old_root: Any, new_root: Any) -> None:
        old_pages, new_pages = _pages(old_root), _pages(new_root)
        if [_ref_key(p.ref) for p in old_pages] != [_ref_key(p.ref) for p in new_pages]:
            self.add(
                ChangeKind.PAGES,
                f"{len(old_pages)} pages when signed, {len(new_pages)} now",
                ChangePlace.PAGE_COUNT,
                pages_when_signed=len(old_pages),
                pages_now=len(new_pages),
            )
        for n, (old, new) in enumerate(zip(old_pages, new_pages, strict=False), start=1):
            for key, kind in _PAGE_KEYS.items():
                if not self.compare.same(old.get(key), new.get(key)):
                    self.add(kind, f"page {n} {key}", ChangePlace.PAGE_ENTRY, page=n, target=key)
            self._annotations(n, old.page, new.page)

    def _annotations(self, n: int, old_page: Any, new_page: Any) -> None:
        old, new = _annots(old_page), _annots(new_page)
        for key in old.keys() - new.keys():
            gone = old[key].get_object()
            self.add(
                ChangeKind.ANNOTATION_REMOVED,
                f"page {n} annotation {key[0]}",
                ChangePlace.ANNOTATION,
                page=n,
                target=str(_get(gone, "/Subtype")),
                object_number=key[0],
                region=_annot_box(old_page, gone),
            )
        for key in new.keys() - old.keys():
            annot = new[key].get_object()
            subtype = str(_get(annot, "/Subtype"))
            if self._covers(n, new_page, annot):
                field = self._new_field_of(key, annot) if subtype == "/Widget" else None
                name = _full_name(field) if field is not None else None
                self.add(
                    ChangeKind.ANNOTATION_COVERS,
                    f"page {n} {subtype} {key[0]}",
                    ChangePlace.ANNOTATION if name is None else ChangePlace.FIELD,
                    page=n,
                    target=name or subtype,
                    object_number=key[0],
                    region=_annot_box(new_page, annot),
                )
                continue
            if subtype == "/Widget":
                field = self._new_field_of(key, annot)
                kind = (
                    ChangeKind.SIGNATURE if _is_signature_field(field) else ChangeKind.FIELD_ADDED
                )
                name = _full_name(field)
                if name is not None:  # people know a field by its name, not its widget
                    detail = f"page {n} {subtype} {key[0]}"
                    self.add(kind, detail, ChangePlace.FIELD, page=n, target=name)
                    continue
            else:
                kind = ChangeKind.ANNOTATION_ADDED
            self.add(
                kind,
                f"page {n} {subtype} {key[0]}",
                ChangePlace.ANNOTATION,
                page=n,
                target=subtype,
                object_number=key[0],
            )
        for key in old.keys() & new.keys():
            old_annot, new_annot = old[key].get_object(), new[key].get_object()
            region = _union(_annot_box(old_page, old_annot), _annot_box(new_page, new_annot))
            self._annotation(n, key, old_annot, new_annot, region)

    def _new_field_of(self, key: tuple[int, int], widget: Any) -> Any:
        """The field of a widget added after signing; a widget without /Parent (a paraf's:
        esign.stamp.paraf) is found in its field's /Kids."""
        field = _field_of(widget)
        if "/FT" in field:
            return field
        if self._kid_fields is None:
            self._kid_fields = _kid_fields(self.new.root)
        return self._kid_fields.get(key, field)

    def _covers(self, n: int, page: Any, annot: Any) -> bool:
        """Whether an annotation added after signing shows over signed content of page
        ``n``: the object analysis (flags, opacity, rectangle, appearance) and pdfium's
        rendering of both versions, either of which suffices."""
        box = _annot_box(page, annot)
        if box is None or self.signed_end is None:
            return False
        signed = self.data[: self.signed_end]
        diff = self._diff(n)
        if diff is not None and any(d.covered_ink > 0 and _overlap(d.box, box) for d in diff.pages):
            return True  # the renderer shows signed ink changed under it
        if not _annot_visible(annot):
            return False
        ink = visual.ink_in(signed, n, box)
        return ink is None or ink > 0  # no renderer: assume it covers something

    def _annotation(
        self, n: int, key: tuple[int, int], old: Any, new: Any, region: visual.Box | None
    ) -> None:
        widget = str(_get(old, "/Subtype")) == "/Widget"
        look = _WIDGET_LOOK if widget else _ANNOT_LOOK
        if all(self.compare.same(_raw(old, k), _raw(new, k)) for k in look):
            return
        if not widget:
            subtype = str(_get(old, "/Subtype"))
            self.add(
                ChangeKind.ANNOTATION_CHANGED,
                f"page {n} {subtype} {key[0]}",
                ChangePlace.ANNOTATION,
                page=n,
                target=subtype,
                object_number=key[0],
                region=region,
            )
            return
        field = _field_of(old)
        name = _full_name(field)  # None (no /T): no lock can leave it open
        shown = name if name is not None else f"object {key[0]}"
        if not _is_empty(_get(field, "/V")):
            if self._default_filled(field, [old, field]):
                self.add(
                    ChangeKind.FIELD_DEFAULT_FILLED,
                    f"field {shown!r} on page {n}",
                    ChangePlace.FIELD,
                    page=n,
                    target=name,
                    region=region,
                )
                self._explain(key, field)
                return
            self.add(
                ChangeKind.FIELD_CHANGED,
                f"field {shown!r} on page {n}",
                ChangePlace.FIELD,
                page=n,
                target=name,
                region=region,
            )
            return
        if not self._only_value_changed([old, field]):
            # moved, re-flagged or restyled while being "filled in": not what filling does
            subtype = str(_get(old, "/Subtype"))
            self.add(
                ChangeKind.ANNOTATION_CHANGED,
                f"page {n} {subtype} {key[0]}",
                ChangePlace.ANNOTATION,
                page=n,
                target=subtype,
                object_number=key[0],
                region=region,
            )
            return
        # A prepared signature field is signed where it was placed, over whatever it was
        # placed on (the signature block's tag): its rectangle was part of what was signed.
        if region is not None and not _is_signature_field(field) and self._fill_covers(n, region):
            self.add(
                ChangeKind.ANNOTATION_COVERS,
                f"page {n} /Widget {key[0]}",
                ChangePlace.ANNOTATION if name is None else ChangePlace.FIELD,
                page=n,
                target=name or "/Widget",
                object_number=key[0],
                region=region,
            )
            self._explain(key, field)
            return
        kind = ChangeKind.SIGNATURE if _is_signature_field(field) else ChangeKind.FIELD_FILLED
        self.add(kind, f"field {shown!r} on page {n}", ChangePlace.FIELD, page=n, target=name)
        self._explain(key, field)

    def _only_value_changed(self, objects: list[Any]) -> bool:
        """Only the value, the selection and the appearance of these objects (a widget and
        its field, as signed) were rewritten: what filling a field in does."""
        for old in objects:
            ref = getattr(old, "container_ref", None)
            if ref is None:
                return False
            new = self.new.get_object(getattr(ref, "reference", ref))
            allowed = set(_VALUE_KEYS)
            if _only_lock_flags(old, new):
                allowed.add("/F")
            if _same_refs(_raw(old, "/Kids"), _raw(new, "/Kids")):
                allowed.add("/Kids")  # the same widgets (each compared on its own)
            if not self._only_keys(old, new, frozenset(allowed)):
                return False
        return True

    def _fill_covers(self, n: int, box: visual.Box) -> bool:
        """Whether a field filled in after signing hides what the signed page showed under
        it: most of the signed ink inside its rectangle is drawn differently now (text typed
        over a ruled line changes a little of it; an opaque box over the body, all of it).
        Not renderable: a field filled in is not assumed to cover anything (the object
        analysis already confined it to its own rectangle)."""
        if self.signed_end is None:
            return False
        if n not in self._ink:
            self._ink[n] = visual.ink_map(self.data[: self.signed_end], self.data, n)
        found = self._ink[n]
        if found is None:
            return False
        ink, changed = found.inside(box)
        return ink >= _FILL_MIN_INK and changed * 2 >= ink

    def _explain(self, key: tuple[int, int], field: Any) -> None:
        """The widget ``key`` and its field were rewritten by filling the field in."""
        self.explained.add(key)
        container = getattr(field, "container_ref", None)
        field_key = _ref_key(container) if container is not None else None
        if field_key is not None:
            self.explained.add(field_key)

    def _default_filled(self, field: Any, objects: list[Any]) -> bool:
        """Whether ``field`` (as signed) showed its default value (/V equal to /DV: the form
        as issued, e.g. a list's "choose one" entry) and filling it in is all that changed in
        ``objects`` (the field and its widget as signed): no key but the value, the selection
        and the appearance. Such a field was not filled in by the signer; a new value shows,
        so it is a visible change, never a silent one."""
        value, default = _get(field, "/V"), _get(field, "/DV")
        if default is None or str(value) != str(default):
            return False
        return self._only_value_changed(objects)

    def _filled_fields(self, old_root: Any) -> None:
        """Fields that had a value when signed must still have it (shadow replace)."""
        form = _get(old_root, "/AcroForm")
        if form is None:
            return
        for ref, field in _walk_fields(_get(form, "/Fields")):
            if _is_empty(_get(field, "/V")):
                continue
            now = self.new.get_object(ref.reference)
            if not self.compare.same(field.raw_get("/V"), _raw(now, "/V")):
                name = _full_name(field)
                default = self._default_filled(field, [field])
                self.add(
                    ChangeKind.FIELD_DEFAULT_FILLED if default else ChangeKind.FIELD_CHANGED,
                    f"value of field {name if name is not None else ref.idnum}",
                    ChangePlace.FIELD_VALUE,
                    target=name,
                )
                key = _ref_key(ref)
                if default and key is not None:
                    self._explain(key, field)

    def _account_for_rewrites(self, old_root: Any) -> bool:
        """Whether every object that existed when signed and was rewritten is explained."""
        from pyhanko.pdf_utils import generic

        catalog = _ref_key(self.old.trailer_view.raw_get("/Root"))
        info = self.old.trailer_view.raw_get("/Info") if "/Info" in self.old.trailer_view else None
        pages = {_ref_key(p.ref) for p in _pages(old_root)}
        form_ref = old_root.raw_get("/AcroForm") if "/AcroForm" in old_root else None
        defaults = _default_resources(old_root)
        structure = _structure_objects(old_root)
        dss = _dss_objects(old_root)
        ok = True
        for idnum, gen in sorted(self.changed_refs):
            ref = generic.Reference(idnum, gen)
            try:
                introduced = self.reader.xrefs.get_introducing_revision(ref)
            except KeyError:  # freed: compared below if it existed when signed
                introduced = None
            if introduced is not None and introduced > self.signed:
                continue  # new since signing: harmless unless referenced, checked above
            key = (idnum, gen)
            if key in self.explained:
                continue
            if introduced is None and not self._in_use_when_signed(ref):
                continue  # a free-list entry for a number that was free when signed
            try:
                old, new = self.old.get_object(ref), self.new.get_object(ref)
            except Exception:
                self.add(
                    ChangeKind.OTHER,
                    f"object {idnum} was freed or is unreadable",
                    ChangePlace.OBJECT_FREED,
                    object_number=idnum,
                )
                ok = False
                continue
            if self.compare.same(old, new):
                continue
            allowed: frozenset[str] | None = None
            if key == catalog:
                allowed = _CATALOG_OK | _CATALOG_COMPARED_ELSEWHERE
                if not self._acroform_ok(old, new):
                    allowed = None
            elif key in pages:
                allowed = frozenset({"/Annots"})
            elif form_ref is not None and key == _ref_key(form_ref):
                allowed = _ACROFORM_OK
            elif (info is not None and key == _ref_key(info)) or _is_metadata(old):
                self.add(
                    ChangeKind.METADATA, f"object {idnum}", ChangePlace.OBJECT, object_number=idnum
                )
                continue
            elif _only_appended(old, new):
                continue  # an /Annots or /Fields array that only grew
            elif key in defaults and self._only_added(old, new):
                continue  # the form's default resources gained a font for a filled field
            elif key in dss and _is_dss(old) and _is_dss(new):
                self.add(ChangeKind.DSS, f"object {idnum}", ChangePlace.OBJECT, object_number=idnum)
                continue  # validation data added for a later signature or timestamp
            elif key in structure and _is_structure(old) and _is_structure(new):
                self.add(
                    ChangeKind.STRUCTURE,
                    f"object {idnum}",
                    ChangePlace.OBJECT,
                    object_number=idnum,
                )
                continue
            if allowed is None or not self._only_keys(old, new, allowed):
                self.add(
                    ChangeKind.OTHER,
                    f"object {idnum} rewritten",
                    ChangePlace.OBJECT_REWRITTEN,
                    object_number=idnum,
                )
                ok = False
            elif key == catalog and not self.compare.same(_raw(old, "/DSS"), _raw(new, "/DSS")):
                self.add(
                    ChangeKind.DSS,
                    "the catalog's /DSS",
                    ChangePlace.CATALOG_ENTRY,
                    target="/DSS",
                )
        return ok

    def _in_use_when_signed(self, ref: Any) -> bool:
        """Whether object ``ref`` was in use in the signed revision (unreadable: yes). A
        writer that lists free object numbers again (iText rewrites the free list) removes
        nothing the signer saw."""
        try:
            return self.reader.xrefs.get_historical_ref(ref, self.signed) is not None
        except Exception:
            return True

    def _acroform_ok(self, old_catalog: Any, new_catalog: Any) -> bool:
        """The catalog's form dictionary (direct, indirect, or swapped for another object)
        changed only in what a form may."""
        old, new = _raw(old_catalog, "/AcroForm"), _raw(new_catalog, "/AcroForm")
        if old is None and new is None:
            return True
        if old is None or new is None:
            return False  # a form added to or taken from the catalog
        if self.compare.same(old, new):
            return True
        return self._only_keys(_deref(old), _deref(new), _ACROFORM_OK)

    def _only_added(self, old: Any, new: Any, depth: int = 0) -> bool:
        """``new`` is ``old`` with entries added (nested dictionaries too), none changed."""
        from pyhanko.pdf_utils import generic

        old, new = _deref(old), _deref(new)
        if depth > 8 or not isinstance(old, generic.DictionaryObject):
            return False
        if not isinstance(new, generic.DictionaryObject) or isinstance(old, generic.StreamObject):
            return False
        for k in old:
            if k not in new:
                return False
            a, b = old.raw_get(k), new.raw_get(k)
            if not (self.compare.same(a, b) or self._only_added(a, b, depth + 1)):
                return False
        return True

    def _only_keys(self, old: Any, new: Any, allowed: frozenset[str]) -> bool:
        from pyhanko.pdf_utils import generic

        if not isinstance(old, generic.DictionaryObject) or not isinstance(
            new, generic.DictionaryObject
        ):
            return False
        keys = set(old.keys()) | set(new.keys())
        return all(
            k in allowed
            or k in _SKIP_KEYS  # back-links: the page tree itself is compared in _pages
            or (k in old and k in new and self.compare.same(old.raw_get(k), new.raw_get(k)))
            for k in keys
        )


# --- is an added annotation visible? ---------------------------------------------------------

_HIDDEN_FLAGS = 2 | 32  # Hidden, NoView (ISO 32000-2, 12.5.3)
# Annotations a reader draws from their dictionary when they carry no appearance stream.
_DRAWN_WITHOUT_AP = frozenset(
    {
        "/FreeText", "/Square", "/Circle", "/Line", "/Polygon", "/PolyLine", "/Ink",
        "/Highlight", "/Underline", "/StrikeOut", "/Squiggly", "/Text", "/Stamp", "/Caret",
        "/FileAttachment", "/Sound", "/Redact",
    }
)  # fmt: skip
_PAINTING = re.compile(rb"(?<![A-Za-z*])(?:f\*?|F|B\*?|b\*?|S|s|Tj|TJ|Do|sh|BI)(?![A-Za-z*])|['\"]")


def _numbers(value: Any, count: int) -> tuple[float, ...] | None:
    try:
        out = tuple(float(x) for x in _deref(value))
    except Exception:
        return None
    return out if len(out) == count else None


def _annot_box(page: Any, annot: Any) -> visual.Box | None:
    """The annotation's rectangle clipped to the page's crop box; None when nothing of it
    is on the page (zero size, off the page)."""
    rect = _numbers(_raw(annot, "/Rect"), 4)
    crop = _numbers(_get(page, "/CropBox") or _get(page, "/MediaBox"), 4)
    if rect is None:
        return None
    x1, x2 = sorted((rect[0], rect[2]))
    y1, y2 = sorted((rect[1], rect[3]))
    if crop is not None:
        cx1, cx2 = sorted((crop[0], crop[2]))
        cy1, cy2 = sorted((crop[1], crop[3]))
        x1, y1, x2, y2 = max(x1, cx1), max(y1, cy1), min(x2, cx2), min(y2, cy2)
    if x2 - x1 < 0.5 or y2 - y1 < 0.5:
        return None
    return (x1, y1, x2, y2)


def _same_refs(a: Any, b: Any) -> bool:
    """Two arrays of the same indirect references, in the same order."""
    from pyhanko.pdf_utils import generic

    if not isinstance(a, generic.ArrayObject) or not isinstance(b, generic.ArrayObject):
        return False
    keys = [_ref_key(x) for x in a]
    return None not in keys and keys == [_ref_key(x) for x in b]


def _only_lock_flags(old: Any, new: Any) -> bool:
    """The annotation flags differ at most in :data:`_LOCK_FLAGS`."""
    try:
        before, after = int(_get(old, "/F", 0)), int(_get(new, "/F", 0))
    except (TypeError, ValueError):
        return False
    return (before ^ after) & ~_LOCK_FLAGS == 0


def _union(a: visual.Box | None, b: visual.Box | None) -> visual.Box | None:
    """The smallest box holding both (either alone when the other is None)."""
    if a is None or b is None:
        return a or b
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def _overlap(a: visual.Box, b: visual.Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _appearance(annot: Any) -> Any:
    """The normal appearance stream a reader draws (the /AS state of a state dictionary)."""
    from pyhanko.pdf_utils import generic

    ap = _get(annot, "/AP")
    normal = _get(ap, "/N") if isinstance(ap, generic.DictionaryObject) else None
    if isinstance(normal, generic.DictionaryObject) and not isinstance(
        normal, generic.StreamObject
    ):
        state = _get(annot, "/AS")
        normal = _get(normal, str(state)) if state is not None else None
    return normal if isinstance(normal, generic.StreamObject) else None


def _annot_visible(annot: Any) -> bool:
    """Whether a reader shows the annotation at all: not hidden by its flags, not fully
    transparent, and with something to draw (an appearance that paints, or a kind that
    readers draw from its dictionary)."""
    try:
        if int(_get(annot, "/F", 0)) & _HIDDEN_FLAGS:
            return False
        opacity = _get(annot, "/CA")
        if opacity is not None and float(opacity) <= 0.0:
            return False
    except (TypeError, ValueError):
        return True
    subtype = str(_get(annot, "/Subtype"))
    if subtype == "/Popup":
        return bool(_get(annot, "/Open", False))
    stream = _appearance(annot)
    if stream is not None:
        bbox = _numbers(_raw(stream, "/BBox"), 4)
        if bbox is not None and (abs(bbox[2] - bbox[0]) < 0.5 or abs(bbox[3] - bbox[1]) < 0.5):
            return False
        try:
            return _PAINTING.search(stream.data) is not None
        except Exception:
            return True
    if subtype == "/Widget":
        return not _is_empty(_get(_field_of(annot), "/V")) and not _is_signature_field(
            _field_of(annot)
        )
    if subtype == "/FreeText":
        return bool(str(_get(annot, "/Contents") or "").strip() or _get(annot, "/RC"))
    return subtype in _DRAWN_WITHOUT_AP


def _file_bytes(reader: Any) -> bytes:
    stream = getattr(reader, "stream", None)
    try:
        return bytes(stream.getvalue()) if stream is not None else b""
    except Exception:
        return b""


def _walk_fields(fields: Any) -> Iterator[tuple[Any, Any]]:
    """(reference, terminal field) pairs of a /Fields array, depth-first."""
    stack = list(fields or ())
    seen: set[tuple[int, int] | None] = set()
    while stack and len(seen) < 100_000:
        ref = stack.pop()
        key = _ref_key(ref)
        if key is None or key in seen:
            continue
        seen.add(key)
        field = ref.get_object()
        kids = _get(field, "/Kids")
        if kids and any("/T" in k.get_object() for k in kids):
            stack.extend(kids)
        else:
            yield ref, field


def _is_metadata(obj: Any) -> bool:
    return str(_get(obj, "/Type")) == "/Metadata"


def _default_resources(root: Any) -> set[tuple[int, int]]:
    """The form's default resources (/AcroForm /DR) and its font dictionary, if indirect."""
    from pyhanko.pdf_utils import generic

    found: set[tuple[int, int]] = set()
    try:
        form = _get(root, "/AcroForm")
        dr = form.raw_get("/DR") if form is not None and "/DR" in form else None
        if isinstance(dr, generic.IndirectObject):
            found.add((dr.idnum, dr.generation))
        resources = _deref(dr) if dr is not None else None
        fonts = (
            resources.raw_get("/Font") if resources is not None and "/Font" in resources else None
        )
        if isinstance(fonts, generic.IndirectObject):
            found.add((fonts.idnum, fonts.generation))
    except Exception:
        log.debug("cannot read the form's default resources", exc_info=True)
    return found


_STRUCTURE_FOLLOW = ("/K", "/ParentTree", "/Nums", "/Kids")
"""Keys followed from /StructTreeRoot; never /Pg, /Obj or /Stm (pages, annotations and
content streams are compared as such), nor /IDTree (a name tree, shaped like the
/JavaScript and /EmbeddedFiles trees)."""
_STRUCT_ELEM_KEYS = frozenset(
    {
        "/Type", "/S", "/P", "/ID", "/Pg", "/K", "/A", "/C", "/R", "/T", "/Lang", "/Alt",
        "/E", "/ActualText", "/AF", "/NS", "/PhoneticAlphabet", "/Phoneme", "/Ref",
    }
)  # fmt: skip
_STRUCT_ROOT_KEYS = frozenset(
    {
        "/Type", "/K", "/IDTree", "/ParentTree", "/ParentTreeNextKey", "/RoleMap",
        "/ClassMap", "/NS", "/PronunciationLexicon", "/AF",
    }
)  # fmt: skip
_NUMBER_TREE_KEYS = frozenset({"/Kids", "/Nums", "/Limits"})


def _structure_objects(root: Any, limit: int = 200_000) -> set[tuple[int, int]]:
    """The objects of the signed revision's structure tree (tagged PDF): the root, its
    number trees and structure elements, reached through the keys above only. Anything the
    catalog names directly (an /OpenAction, the /Names or /PageLabels trees, the form) is
    left out even when the structure tree points at it."""
    from pyhanko.pdf_utils import generic

    start = root.raw_get("/StructTreeRoot") if "/StructTreeRoot" in root else None
    elsewhere = {
        (v.idnum, v.generation)
        for k in root
        if k != "/StructTreeRoot" and isinstance(v := root.raw_get(k), generic.IndirectObject)
    }
    found: set[tuple[int, int]] = set()
    stack = [start] if start is not None else []
    while stack and len(found) < limit:
        item = stack.pop()
        if isinstance(item, generic.IndirectObject):
            key = (item.idnum, item.generation)
            if key in found:
                continue
            try:
                obj = item.get_object()  # type: ignore[no-untyped-call]
            except Exception:
                continue
            if isinstance(obj, generic.StreamObject):
                continue
            if key not in elsewhere:
                found.add(key)
            item = obj
        if isinstance(item, generic.ArrayObject):
            stack.extend(item)
        elif isinstance(item, generic.DictionaryObject):
            stack.extend(item.raw_get(k) for k in _STRUCTURE_FOLLOW if k in item)
    return found


_DSS_KEYS = frozenset({"/Type", "/VRI", "/Certs", "/OCSPs", "/CRLs"})
_VRI_ENTRY_KEYS = frozenset({"/Type", "/Cert", "/OCSP", "/CRL", "/TU", "/TS"})
_VRI_NAME = re.compile(r"/[0-9A-Fa-f]{40}")


def _dss_objects(root: Any) -> set[tuple[int, int]]:
    """The indirect objects of the signed revision's DSS (ETSI EN 319 142-1, 5.4): the
    dictionary, its /Certs, /OCSPs and /CRLs arrays, the /VRI dictionary, its entries and
    their arrays. Not the certificate and revocation streams (they are never rewritten),
    and nothing the catalog names directly under another key."""
    from pyhanko.pdf_utils import generic

    elsewhere = {
        (v.idnum, v.generation)
        for k in root
        if k != "/DSS" and isinstance(v := root.raw_get(k), generic.IndirectObject)
    }
    found: set[tuple[int, int]] = set()

    def add(value: Any) -> Any:
        if isinstance(value, generic.IndirectObject):
            found.add((value.idnum, value.generation))
        return _deref(value)

    try:
        dss = add(_raw(root, "/DSS"))
        if not isinstance(dss, generic.DictionaryObject):
            return set()
        for k in ("/Certs", "/OCSPs", "/CRLs"):
            add(_raw(dss, k))
        vri = add(_raw(dss, "/VRI"))
        if isinstance(vri, generic.DictionaryObject):
            for name in list(vri.keys())[:100_000]:
                entry = add(vri.raw_get(name))
                if isinstance(entry, generic.DictionaryObject):
                    for k in ("/Cert", "/OCSP", "/CRL"):
                        add(_raw(entry, k))
    except Exception:
        log.debug("cannot read the DSS", exc_info=True)
    return found - elsewhere


def _is_dss(obj: Any) -> bool:
    """Shaped like a DSS object and nothing else: the DSS dictionary, a VRI dictionary (keys
    are SHA-1 hashes), a VRI entry, or an array of references (to certificates, OCSP
    responses, CRLs)."""
    from pyhanko.pdf_utils import generic

    if isinstance(obj, generic.StreamObject):
        return False
    if isinstance(obj, generic.ArrayObject):
        return all(isinstance(item, generic.IndirectObject) for item in obj)
    if not isinstance(obj, generic.DictionaryObject):
        return False
    keys = set(obj.keys())
    kind = str(_get(obj, "/Type") or "")
    if kind == "/DSS" or (not kind and keys and keys <= _DSS_KEYS):
        return keys <= _DSS_KEYS
    if kind == "/VRI" or (not kind and keys and keys <= _VRI_ENTRY_KEYS):
        return keys <= _VRI_ENTRY_KEYS
    return not kind and all(_VRI_NAME.fullmatch(str(k)) for k in keys)


def _is_structure(obj: Any) -> bool:
    """Shaped like a structure-tree object and nothing else: the root, an element (with
    its parent link and only the keys an element has, so no action or annotation passes),
    a number-tree node, or an array of element references, marked-content numbers and
    MCR/OBJR dictionaries (a /K or /ParentTree value)."""
    from pyhanko.pdf_utils import generic

    if isinstance(obj, generic.StreamObject):
        return False
    if isinstance(obj, generic.ArrayObject):
        return all(_is_structure_item(item) for item in obj)
    if not isinstance(obj, generic.DictionaryObject):
        return False
    keys = set(obj.keys())
    kind = str(_get(obj, "/Type") or "")
    if kind == "/StructTreeRoot":
        return keys <= _STRUCT_ROOT_KEYS
    if kind in ("", "/StructElem") and "/S" in obj and "/P" in obj:
        return keys <= _STRUCT_ELEM_KEYS
    return not kind and bool(keys) and keys <= _NUMBER_TREE_KEYS


def _is_structure_item(item: Any) -> bool:
    from pyhanko.pdf_utils import generic

    if isinstance(item, generic.IndirectObject | generic.NullObject | generic.NumberObject):
        return True
    if isinstance(item, generic.DictionaryObject):
        return str(_get(item, "/Type") or "") in ("/MCR", "/OBJR")
    return False


def _only_appended(old: Any, new: Any) -> bool:
    from pyhanko.pdf_utils import generic

    if not isinstance(old, generic.ArrayObject) or not isinstance(new, generic.ArrayObject):
        return False
    old_refs = [_ref_key(x) for x in old]
    return None not in old_refs and old_refs == [_ref_key(x) for x in new][: len(old_refs)]


MAX_NESTING = 200
"""Arrays and dictionaries nested deeper than this in a later revision stop the analysis
(``unknown``): real letters stay below 30 levels, and the parser's recursion breaks near
500 (issue 19)."""


def nesting_depth(data: bytes, start: int = 0, limit: int = MAX_NESTING) -> int:
    """The deepest nesting of ``[`` and ``<<`` in ``data[start:]`` outside strings,
    comments and stream bodies, counted up to ``limit + 1``."""
    depth = deepest = 0
    i, n = start, len(data)
    while i < n:
        c = data[i]
        if c in b"[" or (c == 0x3C and data[i + 1 : i + 2] == b"<"):
            depth += 1
            deepest = max(deepest, depth)
            if deepest > limit:
                return deepest
            i += 1 if c in b"[" else 2
        elif c in b"]" or (c == 0x3E and data[i + 1 : i + 2] == b">"):
            depth = max(0, depth - 1)
            i += 1 if c in b"]" else 2
        elif c == 0x28:  # ( literal string ): skip, with nested parentheses and escapes
            level, i = 1, i + 1
            while i < n and level:
                ch = data[i]
                level += (ch == 0x28) - (ch == 0x29) if ch != 0x5C else 0
                i += 2 if ch == 0x5C else 1
        elif c == 0x25:  # % comment
            end = data.find(b"\n", i)
            i = n if end < 0 else end + 1
        elif (
            c == 0x73 and data.startswith(b"stream", i) and not data.startswith(b"endstream", i - 3)
        ):
            end = data.find(b"endstream", i)
            i = n if end < 0 else end + 9
            depth = 0
        else:
            i += 1
    return deepest


_OBJ_HEADER = re.compile(rb"(?<![0-9])(\d{1,10})[ \t\r\n]+(\d{1,5})[ \t\r\n]+obj(?![A-Za-z])")


def unlisted_objects(reader: Any, data: bytes, signed: int, start: int) -> list[int]:
    """Object numbers defined in ``data[start:]`` (after the signed revision) at an offset no
    later cross-reference section lists: an update hidden from the cross-reference view
    (issue 11 item 5) that a repairing reader still acts on."""
    from pyhanko.pdf_utils import generic

    last = int(reader.xrefs.total_revisions) - 1
    xref_streams = set()
    for rev in range(signed + 1, last + 1):
        try:
            ref = reader.xrefs.get_xref_container_info(rev).stream_ref
        except Exception:
            ref = None
        if ref is not None:
            xref_streams.add((ref.idnum, ref.generation))
    hidden = []
    for found in _OBJ_HEADER.finditer(data, start):
        num, gen = int(found.group(1)), int(found.group(2))
        if (num, gen) in xref_streams:
            continue
        ref = generic.Reference(num, gen)
        where = found.start()
        listed = False
        for rev in range(signed + 1, last + 1):
            try:
                offset = reader.xrefs.get_historical_ref(ref, rev)
            except Exception:
                offset = None
            # an offset may point at whitespace before the header (pyHanko accepts it)
            listed = isinstance(offset, int) and not data[offset:where].strip()
            if listed:
                break
        if not listed:
            hidden.append(num)
    return hidden


def analyse(reader: Any, signed: int, signed_end: int | None = None) -> Analysis | None:
    """What the revisions after revision ``signed`` (0-based) change; None: no later ones.
    An analysis that cannot run says why in ``failed`` (never silently "no change")."""
    last = int(reader.xrefs.total_revisions) - 1
    data = _file_bytes(reader)
    nothing_after = signed_end is not None and not data[signed_end:].strip(b"\r\n\x00 ")
    if nothing_after or (signed >= last and signed_end is None):
        return None  # the signature covers every byte (a linearized file counts 2 revisions)
    if signed_end is not None:
        depth = nesting_depth(data, signed_end)
        if depth > MAX_NESTING:
            return Analysis(
                changes=(), explained=False, failed=f"nesting deeper than {MAX_NESTING} levels"
            )
        hidden = unlisted_objects(reader, data, signed, signed_end)
        if hidden:
            changes = tuple(
                Change.of(
                    ChangeKind.OTHER,
                    f"object {num} defined after signing but not in any cross-reference section",
                    ChangePlace.OBJECT,
                    object_number=num,
                )
                for num in hidden
            )
            return Analysis(changes=changes, explained=False, failed=None)
    if signed >= last:
        return None
    try:
        return _Analyser(reader, signed, last, signed_end).run()
    except RecursionError:
        return Analysis(changes=(), explained=False, failed="recursive structure")
    except Exception as e:
        log.debug("revision analysis failed", exc_info=True)
        return Analysis(changes=(), explained=False, failed=type(e).__name__)


def _docmdp(reader: Any) -> int | None:
    """The certification level (1..3) of the document, if it is certified."""
    try:
        perms = _get(reader.root, "/Perms")
        sig = _get(perms, "/DocMDP") if perms is not None else None
        if sig is None:
            return None
        for ref in _get(sig, "/Reference") or ():
            ref = ref.get_object()
            params = _get(ref, "/TransformParams") or {}
            if str(_get(ref, "/TransformMethod")) == "/DocMDP":
                return int(_get(params, "/P", 2))
        return 2
    except Exception:
        return 1  # a certification we cannot read: permit nothing


def _whole_revision(sig: Any) -> bool:
    """The byte range covers its revision exactly (no gap anomaly, no partial range)."""
    try:
        return str(sig.evaluate_signature_coverage().name) == "ENTIRE_REVISION"
    except Exception:
        return False


def _lock_specs(reader: Any, signed: int) -> list[Any] | None:
    """The FieldMDP locks of the signatures made up to revision ``signed`` (pyHanko's
    FieldMDPSpec objects, from the /Reference transforms of each signature dictionary as it
    was signed); None when one cannot be read (changed filled fields then stay visible)."""
    from pyhanko.sign.fields import FieldMDPSpec

    specs: list[Any] = []
    try:
        for sig in reader.embedded_signatures:
            made = int(sig.signed_revision)
            if made > signed:
                continue
            # The signature dictionary as it was signed: a later revision may rewrite it
            # (its /Reference is not what the signature value protects any more).
            ref = sig.sig_object.container_ref
            as_signed = reader.get_historical_resolver(made).get_object(
                getattr(ref, "reference", ref)
            )
            for transform in _get(as_signed, "/Reference") or ():
                transform = transform.get_object()
                if str(_get(transform, "/TransformMethod")) == "/FieldMDP":
                    params = _get(transform, "/TransformParams")
                    specs.append(FieldMDPSpec.from_pdf_object(params))
    except Exception:
        log.debug("cannot read the FieldMDP locks", exc_info=True)
        return None
    return specs


def _open(specs: list[Any], field: str | None) -> bool:
    """No lock closes ``field`` (a fully qualified name; unknown: closed)."""
    if not field:
        return False
    try:
        return not any(spec.is_locked(field) for spec in specs)
    except Exception:
        return False


def _field_locks(reader: Any) -> bool:
    """Whether any signature field or signature in the file carries a FieldMDP lock (then
    :func:`_lock_specs` reads them)."""
    from pyhanko.sign.fields import enumerate_sig_fields

    try:
        for _name, value, ref in enumerate_sig_fields(reader):
            if "/Lock" in ref.get_object():
                return True
            for tref in (_get(value, "/Reference") or ()) if value is not None else ():
                if str(_get(tref.get_object(), "/TransformMethod")) == "/FieldMDP":
                    return True
    except Exception:
        return True
    return False


def review(
    sig: Any, modifications: Modifications, details: tuple[Change, ...]
) -> tuple[Modifications, tuple[Change, ...]]:
    """esign's verdict on the changes after ``sig`` (a pyHanko EmbeddedPdfSignature),
    on top of pyHanko's ``modifications`` and ``details``.

    A visible change makes it DISALLOWED whatever pyHanko said. When pyHanko said
    DISALLOWED only because it has no rule for what happened (annotations), and every
    change is accounted for and permitted by the document's DocMDP level, ALLOWED.

    The changes returned are esign's own listing (what changed, where) first, then
    pyHanko's notes; pyHanko's summary is left out when esign's listing accounts for
    every change and the verdict is not DISALLOWED (it would only repeat it).
    """
    try:
        signed = int(sig.signed_revision)
        reader = sig.reader
    except Exception:
        return Modifications.UNKNOWN, details
    byte_range = _byte_range(sig)
    analysis = analyse(reader, signed, byte_range[-2] + byte_range[-1] if byte_range else None)
    if analysis is None:
        return modifications, details
    if analysis.failed is not None:  # issue 11 item 6: never silently "none"
        note = Change.of(
            ChangeKind.OTHER,
            f"the later revisions could not be analysed ({analysis.failed})",
            ChangePlace.NOTE,
            target=analysis.failed,
        )
        worst = modifications is Modifications.DISALLOWED
        return (Modifications.DISALLOWED if worst else Modifications.UNKNOWN), (note, *details)
    listed = analysis.changes
    if any(c.kind is ChangeKind.OTHER and c.note.place is ChangePlace.OBJECT for c in listed):
        return Modifications.DISALLOWED, (*listed, *details)  # objects hidden from the xref
    level = _docmdp(reader)
    locks = _field_locks(reader)
    # With explicit FieldMDP locks (this signature's or an earlier one's) the signers said
    # which fields are closed; a field they left open may change. Without, a filled value
    # is part of what was signed.
    specs = _lock_specs(reader, signed) if locks else []
    visible = [
        c
        for c in analysis.visible
        if not (c.kind is ChangeKind.FIELD_CHANGED and specs and _open(specs, c.target))
    ]
    # Visible, but permitted: an annotation or widget over signed content after an approval
    # signature or under DocMDP P3 (which also lets annotations change or go): "changed".
    shown = _SHOWN_P3 if level == 3 else _SHOWN
    # A field that showed its default value, filled in where form filling is permitted (no
    # certification, or P2/P3) and no lock closes it: "changed" too.
    filled = [c for c in visible if c.kind is ChangeKind.FIELD_DEFAULT_FILLED]
    fill_ok = level != 1 and specs is not None and all(_open(specs, c.target) for c in filled)
    rest = [c for c in visible if c.kind is not ChangeKind.FIELD_DEFAULT_FILLED]
    covering = [c for c in rest if c.kind in shown]
    if len(covering) < len(rest) or (covering and level in (1, 2)) or (filled and not fill_ok):
        return Modifications.DISALLOWED, (*listed, *details)
    result, notes = _permitted(sig, reader, modifications, details, analysis, specs, level)
    if (covering or filled) and result is not Modifications.DISALLOWED:
        return Modifications.VISIBLE, notes
    return result, notes


_SHOWN = frozenset({ChangeKind.ANNOTATION_COVERS})
_SHOWN_P3 = _SHOWN | {ChangeKind.ANNOTATION_CHANGED, ChangeKind.ANNOTATION_REMOVED}


def signed_end(sig: Any) -> int | None:
    """Where the bytes ``sig`` covers end (the signed revision is ``file[:end]``)."""
    byte_range = _byte_range(sig)
    return byte_range[-2] + byte_range[-1] if byte_range and len(byte_range) == 4 else None


def _byte_range(sig: Any) -> tuple[int, ...] | None:
    try:
        return tuple(int(x) for x in sig.sig_object["/ByteRange"])
    except Exception:
        return None


def _permitted(
    sig: Any,
    reader: Any,
    modifications: Modifications,
    details: tuple[Change, ...],
    analysis: Analysis,
    specs: list[Any] | None,
    level: int | None,
) -> tuple[Modifications, tuple[Change, ...]]:
    """Changes that alter nothing signed (or only visibly but permitted): allowed when every
    one is accounted for and permitted by the document's DocMDP level."""
    listed = analysis.changes
    if modifications is not Modifications.DISALLOWED:
        # pyHanko's verdict stands; say what changed rather than only its summary level
        return modifications, listed if listed and analysis.explained else (*listed, *details)
    if not analysis.explained or not _whole_revision(sig):
        return modifications, (*listed, *details)
    if specs is None:  # locks esign cannot read: pyHanko's reading of them stands
        return modifications, (*listed, *details)
    filled = (ChangeKind.FIELD_FILLED, ChangeKind.FIELD_CHANGED, ChangeKind.FIELD_DEFAULT_FILLED)
    if any(c.kind in filled and not _open(specs, c.target) for c in analysis.changes):
        return modifications, (*listed, *details)
    permitted = _PERMITTED.get(level) if level is not None else None
    shown = _SHOWN_P3 if level == 3 else _SHOWN
    kinds = {c.kind for c in analysis.changes} - shown
    if permitted is not None and not kinds <= permitted:
        return modifications, (*listed, *details)
    return Modifications.ALLOWED, listed


# --- the signed revision ---------------------------------------------------------------


def signature_ranges(data: bytes) -> list[tuple[int, ...]]:
    """Byte ranges of the file's signatures in signing order (by where they end)."""
    ranges: set[tuple[int, ...]] = set()
    try:
        from pyhanko.pdf_utils.reader import PdfFileReader

        reader = PdfFileReader(io.BytesIO(data), strict=False)
        for sig in reader.embedded_signatures:
            ranges.add(tuple(int(x) for x in sig.sig_object["/ByteRange"]))
    except Exception:
        log.debug("parsed signature listing failed; scanning raw bytes", exc_info=True)
        ranges = {br for br, _contents, _sf in rawsig.scan(data)}
    sound = [br for br in ranges if rawsig.byte_range_problem(len(data), br) is None]
    return sorted(sound, key=lambda br: (br[-2] + br[-1], br))


def signed_revision(data: bytes, number: int, *, file: str = "-") -> bytes:
    """The bytes signature ``number`` (1-based, signing order) covers: the whole file as
    it was when that signature was made, from byte 0 to the end of its byte range."""
    ranges = signature_ranges(data)
    if not 1 <= number <= len(ranges):
        raise PdfInputError("revision.out_of_range", file=file, number=number, count=len(ranges))
    br = ranges[number - 1]
    return data[: br[-2] + br[-1]]


# --- listing signatures ----------------------------------------------------------------


def embedded_signatures(reader: Any) -> list[Any]:
    """pyHanko's signatures in signing order. A signature dictionary without a usable
    /ByteRange (a forgery) is skipped rather than failing the whole file: the caller
    checks that field raw. Any other failure is raised as pyHanko raised it."""
    try:
        return list(reader.embedded_signatures)
    except Exception as e:
        first = e
    from pyhanko.pdf_utils import generic
    from pyhanko.sign.fields import SigSeedSubFilter, enumerate_sig_fields
    from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature

    known = {sf.value for sf in SigSeedSubFilter}
    out = []
    try:
        fields = list(enumerate_sig_fields(reader, filled_status=True))
    except Exception:
        raise first from None
    for name, value, ref in fields:
        sig_object = value.get_object()
        if str(_get(sig_object, "/SubFilter"))[1:] not in known:
            continue
        try:
            out.append(EmbeddedPdfSignature(reader, ref, name))
        except Exception:
            if isinstance(_get(sig_object, "/ByteRange"), generic.ArrayObject):
                raise first from None
            log.debug("signature %s has no usable /ByteRange", name, exc_info=True)
    return sorted(out, key=_safe_revision)


def _safe_revision(sig: Any) -> int:
    try:
        return int(sig.signed_revision)
    except Exception:
        return 1 << 30
