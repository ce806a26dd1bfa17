"""The looks behind :func:`esign.preflight.check`: pypdf's reading of the file, and a scan
of the raw bytes for what a reader that rebuilds the cross-reference would see instead."""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

MAX_OBJECTS = 200_000
"""Objects resolved to find a broken cross-reference (the input limits bound the file)."""
MAX_NODES = 20_000
"""Dictionaries visited looking for fonts and actions."""
RISKY_ACTIONS = frozenset({"/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/Rendition"})
"""Actions that run code, start a program or send data; /GoTo and /URI only navigate."""
_PLAIN_OBJ = re.compile(
    rb"(?<![0-9])([0-9]{1,10})[ \t\r\n\f\x00]+([0-9]{1,5})[ \t\r\n\f\x00]+obj\b"
)
_TRAILER = re.compile(rb"trailer[ \t\r\n\f\x00]*<<")
_XREFSTM = re.compile(rb"/XRefStm[ \t\r\n\f\x00]+([0-9]+)")
_PART = re.compile(rb"pdfaid:part(?:\s*=\s*[\"']|>\s*)([0-9])")
_CONFORMANCE = re.compile(rb"pdfaid:conformance(?:\s*=\s*[\"']|>\s*)([A-Za-z])")


def _errors(*extra: type[BaseException]) -> tuple[type[BaseException], ...]:
    """What pypdf raises on a file it cannot read (and ``extra``)."""
    from pypdf.errors import PyPdfError

    return (
        PyPdfError,
        ValueError,
        KeyError,
        TypeError,
        IndexError,
        AttributeError,
        OSError,
        *extra,
    )


READ_ERRORS = _errors(RecursionError)
"""What a walk of a file pypdf cannot follow raises (a reference loop, an absurd array)."""


def named_in_bytes(raw: bytes) -> tuple[int, bool]:
    """For a file pypdf cannot walk: how many script or program actions its raw bytes
    name, and whether they name an XFA form (names inside compressed object streams are
    not seen this way)."""
    return len(_RISKY_NAME.findall(raw)), _XFA_NAME.search(raw) is not None


_RISKY_NAME = re.compile(
    rb"/S[ \t\r\n\f\x00]*/(?:JavaScript|Launch|SubmitForm|ImportData|Rendition)"
    rb"(?![A-Za-z0-9])"
)
_XFA_NAME = re.compile(rb"/XFA(?![A-Za-z0-9])")


def open_reader(raw: bytes) -> tuple[Any, str | None]:
    """pypdf's reader of ``raw`` and what is wrong with its cross-reference (None:
    nothing); (None, why) when even a tolerant reading fails.

    The table is broken when a strict reading of it fails, or when an offset it lists does
    not hold that object's ``N G obj`` (a reader then rebuilds the table its own way)."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(raw), strict=True)
        _ = reader.trailer
        missed = misplaced_objects(reader, raw)
        if not missed:
            return reader, None
        shown = ", ".join(f"{n} 0 obj" for n in missed[:3])
        strict_problem = f"{shown}{', …' if len(missed) > 3 else ''} ≠ xref ({len(missed)})"
    except _errors(RecursionError) as e:
        strict_problem = str(e) or type(e).__name__
    try:
        reader = PdfReader(io.BytesIO(raw), strict=False)
        _ = reader.root_object, len(reader.pages)
    except _errors(RecursionError) as e:
        return None, str(e) or type(e).__name__
    return reader, strict_problem


_OBJ_AT = re.compile(rb"[ \t\r\n\f\x00]*([0-9]+)[ \t\r\n\f\x00]+([0-9]+)[ \t\r\n\f\x00]+obj\b")


def misplaced_objects(reader: Any, raw: bytes) -> list[int]:
    """Objects the cross-reference places at an offset that does not start them (only
    the bytes are looked at: no object is parsed)."""
    missed: list[int] = []
    seen = 0
    for generation, entries in list(reader.xref.items()):
        for idnum, offset in list(entries.items()):
            seen += 1
            if seen > MAX_OBJECTS:
                return missed
            found = _OBJ_AT.match(raw, offset) if isinstance(offset, int) else None
            if found is None or (int(found.group(1)), int(found.group(2))) != (
                idnum,
                generation,
            ):
                missed.append(idnum)
    return missed


def opens_without_password(reader: Any) -> bool:
    """An encrypted file that opens with the empty user password (owner restrictions)."""
    try:
        return bool(reader.decrypt(""))
    except _errors(NotImplementedError, ImportError):
        return False


def encryption_name(reader: Any) -> str:
    """``/Standard V4 R4``: how the file is encrypted."""
    try:
        enc = reader.trailer["/Encrypt"].get_object()
        return f"{enc.get('/Filter', '?')} V{enc.get('/V', '?')} R{enc.get('/R', '?')}"
    except _errors():
        return "?"


def hybrid_offsets(raw: bytes) -> list[int]:
    """The ``/XRefStm`` offsets of classic trailers: a hybrid-reference file, which a
    reader of PDF 1.4 and one of 1.5 resolve through different tables."""
    found: list[int] = []
    for match in _TRAILER.finditer(raw):
        end = raw.find(b"startxref", match.end())
        part = raw[match.end() : end if end != -1 else match.end() + 4096]
        found += [int(m.group(1)) for m in _XREFSTM.finditer(part)]
    return found


_SUBSECTION = re.compile(rb"([0-9]+)[ \t]+([0-9]+)[ \t]*\r?\n?")
_ENTRY = re.compile(rb"([0-9]{10})[ \t]([0-9]{5})[ \t]([nf])")


def _classic_in_use(raw: bytes, trailer_at: int) -> dict[int, int]:
    """Objects the classic section ending at ``trailer_at`` lists as in use, with offsets."""
    start = raw.rfind(b"xref", 0, trailer_at)
    if start == -1:
        return {}
    pos, table = start + 4, dict[int, int]()
    while True:
        while pos < trailer_at and raw[pos] in b" \t\r\n":
            pos += 1
        head = _SUBSECTION.match(raw, pos)
        if head is None or pos >= trailer_at:
            return table
        first, count = int(head.group(1)), int(head.group(2))
        pos = head.end()
        for n in range(min(count, MAX_OBJECTS)):
            while pos < trailer_at and raw[pos] in b" \t\r\n":
                pos += 1
            entry = _ENTRY.match(raw, pos)
            if entry is None:
                return table
            if entry.group(3) == b"n":
                table[first + n] = int(entry.group(1))
            pos = entry.end()


def _stream_entries(raw: bytes, offset: int, reader: Any) -> dict[int, tuple[int, int]]:
    """The entries of the cross-reference stream at ``offset``: number -> (type, field 2)."""
    from pypdf.generic import read_object

    head = _OBJ_AT.match(raw, offset)
    if head is None:
        return {}
    stream = io.BytesIO(raw)
    stream.seek(head.end())
    while raw[stream.tell() : stream.tell() + 1] in (b" ", b"\r", b"\n", b"\t"):
        stream.seek(stream.tell() + 1)
    obj: Any = read_object(stream, reader)
    widths = [int(w) for w in obj["/W"]]
    index = [int(i) for i in obj.get("/Index", [0, int(obj["/Size"])])]
    data, row, pos = obj.get_data(), sum(widths), 0
    entries: dict[int, tuple[int, int]] = {}

    def field(i: int, at: int) -> int:
        return int.from_bytes(data[at : at + widths[i]], "big") if widths[i] else -1

    for first, count in zip(index[::2], index[1::2], strict=False):
        for n in range(min(count, MAX_OBJECTS)):
            if pos + row > len(data):
                return entries
            kind = field(0, pos) if widths[0] else 1
            entries[first + n] = (kind, field(1, pos + widths[0]))
            pos += row
    return entries


def hybrid_conflicts(raw: bytes, reader: Any) -> list[int] | None:
    """Objects a hybrid file's classic table lists in use that its /XRefStm also places,
    somewhere else or in an object stream: a PDF 1.4 reader and a 1.5 reader then show
    different objects. (A hybrid file whose stream only adds objects, as word processors
    write them, has none.) None: a /XRefStm that cannot be read."""
    conflicts: list[int] = []
    for match in _TRAILER.finditer(raw):
        end = raw.find(b"startxref", match.end())
        part = raw[match.end() : end if end != -1 else match.end() + 4096]
        for xrefstm in _XREFSTM.finditer(part):
            classic = _classic_in_use(raw, match.start())
            try:
                stream = _stream_entries(raw, int(xrefstm.group(1)), reader)
            except READ_ERRORS:
                return None
            for idnum, (kind, where) in sorted(stream.items()):
                if idnum in classic and kind in (1, 2) and (kind, where) != (1, classic[idnum]):
                    conflicts.append(idnum)
    return conflicts


def _norm(obj: Any, depth: int = 0) -> Any:
    """A comparable form of a pypdf object (references by number, streams by content)."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

    if depth > 20:
        return "…"
    if isinstance(obj, IndirectObject):
        return ("ref", obj.idnum, obj.generation)
    if isinstance(obj, StreamObject):
        items = {k: _norm(v, depth + 1) for k, v in obj.items() if k != "/Length"}
        return ("stream", tuple(sorted(items.items())), obj.get_data())
    if isinstance(obj, DictionaryObject):
        return tuple(sorted((k, _norm(v, depth + 1)) for k, v in obj.items()))
    if isinstance(obj, ArrayObject):
        return tuple(_norm(v, depth + 1) for v in obj)
    return repr(obj)


def objstm_disagreements(reader: Any, raw: bytes) -> list[int]:
    """Objects kept in an object stream that the file also writes out plainly with other
    content: a reader following the cross-reference streams shows one, a reader that
    rebuilds the table from the bytes (or reads only the classic table) shows the other."""
    from pypdf.generic import IndirectObject, read_object

    compressed = set(reader.xref_objStm)
    if not compressed:
        return []
    plain: dict[int, list[int]] = {}
    for m in _PLAIN_OBJ.finditer(raw):
        idnum = int(m.group(1))
        if idnum in compressed:
            plain.setdefault(idnum, []).append(m.end())
    differ: list[int] = []
    for idnum, offsets in sorted(plain.items()):
        try:
            shown = _norm(reader.get_object(IndirectObject(idnum, 0, reader)))
        except _errors():
            continue
        for offset in offsets:
            while offset < len(raw) and raw[offset] in b" \t\r\n\f\x00":
                offset += 1  # pypdf reads an object from its first byte
            stream = io.BytesIO(raw)
            stream.seek(offset)
            try:
                other = _norm(read_object(stream, reader))
            except _errors(RecursionError):
                continue
            if other != shown:
                differ.append(idnum)
                break
    return differ


def _nodes(reader: Any) -> Iterator[Any]:
    """Pages, their annotations and the form's fields, each once (bounded)."""
    seen: set[int] = set()
    for node in _walk(reader):
        if id(node) not in seen and len(seen) < MAX_NODES:
            seen.add(id(node))
            yield node


def _walk(reader: Any) -> Iterator[Any]:
    for page in reader.pages:
        yield page
        for annot in page.get("/Annots") or ():
            yield annot.get_object()
    yield from fields(reader)


def fields(reader: Any) -> Iterator[Any]:
    """The form's fields and their kids (bounded)."""
    form = reader.root_object.get("/AcroForm")
    stack = list(form.get_object().get("/Fields") or ()) if form is not None else []
    count = 0
    while stack and count < MAX_NODES:
        count += 1
        node = stack.pop().get_object()
        yield node
        stack += list(node.get("/Kids") or ())


def _risky(action: Any) -> bool:
    try:
        action = action.get_object()
        return str(action.get("/S")) in RISKY_ACTIONS
    except _errors():
        return False


@dataclass(frozen=True, slots=True, kw_only=True)
class ActiveContent:
    open_action: str | None
    """The action run when the letter opens (``/JavaScript``...), None for none or /GoTo."""
    javascript: int
    """Other scripts and risky actions: document scripts, additional actions (/AA),
    link and field actions that run code, start programs or send data."""


def active_content(reader: Any) -> ActiveContent:
    root = reader.root_object
    open_action = None
    if (action := root.get("/OpenAction")) is not None:
        action = action.get_object()
        if hasattr(action, "get") and str(action.get("/S", "/GoTo")) != "/GoTo":
            open_action = str(action.get("/S"))
    count = 0
    names = root.get("/Names")
    if names is not None and "/JavaScript" in names.get_object():
        tree = names.get_object()["/JavaScript"].get_object()
        count += max(1, len(tree.get("/Names") or ()) // 2)
    if "/AA" in root:
        count += len(root["/AA"].get_object())
    for node in _nodes(reader):
        if "/AA" in node:
            count += max(1, len(node["/AA"].get_object()))
        if "/A" in node and _risky(node["/A"]):
            count += 1
    return ActiveContent(open_action=open_action, javascript=count)


def xfa_kind(reader: Any) -> str | None:
    """``dynamic`` (pages drawn from the XFA only), ``static`` or None (no XFA)."""
    root = reader.root_object
    form = root.get("/AcroForm")
    if form is None or "/XFA" not in form.get_object():
        return None
    return "dynamic" if bool(root.get("/NeedsRendering", False)) else "static"


def _font_embedded(font: Any) -> bool:
    subtype = str(font.get("/Subtype"))
    if subtype == "/Type3":
        return True  # its glyphs are content streams in the file
    if subtype == "/Type0":
        descendants = font.get("/DescendantFonts")
        if not descendants:
            return False
        font = descendants.get_object()[0].get_object()
    descriptor = font.get("/FontDescriptor")
    if descriptor is None:
        return False
    descriptor = descriptor.get_object()
    return any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def _resources(page: Any) -> Any:
    node, hops = page, 0
    while node is not None and hops < 64:
        if "/Resources" in node:
            return node["/Resources"].get_object()
        parent = node.get("/Parent")
        node, hops = (parent.get_object() if parent is not None else None), hops + 1
    return None


STANDARD_14 = frozenset(
    {
        *(
            f"{family}{style}"
            for family in ("Helvetica", "Courier")
            for style in ("", "-Bold", "-Oblique", "-BoldOblique")
        ),
        "Times-Roman",
        "Times-Bold",
        "Times-Italic",
        "Times-BoldItalic",
        "Symbol",
        "ZapfDingbats",
    }
)
"""The 14 standard fonts every PDF reader carries: not counted when not embedded."""


def fonts_not_embedded(reader: Any) -> set[str]:
    """Names of the fonts the pages use that the file does not carry and readers do not
    have (a printout and another computer then draw substitutes); the 14 standard fonts
    are not counted."""
    missing: set[str] = set()
    seen: set[int] = set()
    stack = [r for page in reader.pages if (r := _resources(page)) is not None]
    visited = 0
    while stack and visited < MAX_NODES:
        visited += 1
        resources = stack.pop()
        if id(resources) in seen:
            continue
        seen.add(id(resources))
        try:
            for font in (resources.get("/Font") or {}).values():
                font = font.get_object()
                if not _font_embedded(font):
                    name = str(font.get("/BaseFont", "?")).lstrip("/").split("+", 1)[-1]
                    if name not in STANDARD_14:
                        missing.add(name)
            for xobject in (resources.get("/XObject") or {}).values():
                xobject = xobject.get_object()
                if xobject.get("/Subtype") == "/Form" and "/Resources" in xobject:
                    stack.append(xobject["/Resources"].get_object())
        except _errors():
            continue
    return missing


def pdfa_claim(reader: Any) -> str | None:
    """``2B``: the PDF/A part and conformance the XMP metadata claims, or None."""
    try:
        meta = reader.root_object.get("/Metadata")
        if meta is None:
            return None
        data = meta.get_object().get_data()
    except _errors():
        return None
    part = _PART.search(data)
    if part is None:
        return None
    conformance = _CONFORMANCE.search(data)
    return part.group(1).decode() + (conformance.group(1).decode().upper() if conformance else "")


def signature_count(reader: Any) -> int:
    """Signed signature fields (a value with a /ByteRange); 0 when the form cannot be read."""
    if reader is None:
        return 0
    count = 0
    try:
        for node in fields(reader):
            if str(node.get("/FT")) == "/Sig" and (value := node.get("/V")) is not None:
                count += "/ByteRange" in value.get_object()
    except _errors(RecursionError):
        return 0
    return count


_BYTERANGE = re.compile(rb"/ByteRange[ \t\r\n\f\x00]*\[")


def looks_signed(raw: bytes) -> bool:
    """The bytes hold a signature's /ByteRange: never rewrite such a file, whatever its
    form says (a rewrite would break a signature pypdf could not find)."""
    return _BYTERANGE.search(raw) is not None
