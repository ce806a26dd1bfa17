"""Generators for hostile PDF files: inputs built to make a reader work without end.

Each public function writes one file and is named after what it does to a reader
(issue 18): deep nesting, reference loops in the page tree and in the chain of
cross-reference sections, a Flate bomb, a page tree of 100k pages, a huge /Contents
string and /ByteRange, megabytes of junk after the last %%EOF, and a deeply nested
incremental update after a signature. ``tests/test_hostile.py`` runs them through
``esign sign`` and ``esign verify`` with a time and memory ceiling. Nothing here
asserts anything. TEST-ONLY.

The files are written with a tiny raw writer (objects, a classic xref table, a
trailer) so that each one is exactly as broken as intended; pyHanko's writer would
refuse or repair most of them.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Sequence
from pathlib import Path

__all__ = [
    "BUILDERS",
    "SIGNED_BUILDERS",
    "append_update",
    "deep_array_in_page",
    "deep_dict_in_page",
    "deep_update_after_signature",
    "flate_bomb",
    "huge_byte_range",
    "huge_contents_string",
    "huge_page",
    "junk_after_eof",
    "kids_loop",
    "kids_self_loop",
    "many_pages",
    "prev_loop",
    "raw_pdf",
]

_PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R %s>>"
_TEXT = b"BT /F1 12 Tf 72 720 Td (Surat) Tj ET"


def raw_pdf(objects: Sequence[bytes], *, root: int = 1, trailer_extra: bytes = b"") -> bytes:
    """A PDF whose object ``n`` (from 1) is ``objects[n-1]``, with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\n" % (len(objects) + 1, root, trailer_extra)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def _one_page(page_extra: bytes = b"", content: bytes | None = None) -> list[bytes]:
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        _PAGE % page_extra,
        content if content is not None else _stream(_TEXT),
    ]


def deep_array_in_page(path: Path, depth: int = 50_000) -> Path:
    """A page whose dictionary holds an array nested ``depth`` levels deep."""
    path.write_bytes(raw_pdf(_one_page(b"/Deep " + b"[" * depth + b"]" * depth + b" ")))
    return path


def deep_dict_in_page(path: Path, depth: int = 50_000) -> Path:
    """A page whose dictionary holds a dictionary nested ``depth`` levels deep."""
    path.write_bytes(raw_pdf(_one_page(b"/Deep " + b"<< /A " * depth + b">> " * depth)))
    return path


def kids_loop(path: Path) -> Path:
    """Two page-tree nodes that list each other as their kids."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>",
        _stream(_TEXT),
    ]
    path.write_bytes(raw_pdf(objects))
    return path


def kids_self_loop(path: Path) -> Path:
    """A page-tree node that lists itself among its kids, next to a real page."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>",
        _PAGE % b"",
        _stream(_TEXT),
    ]
    path.write_bytes(raw_pdf(objects))
    return path


def prev_loop(path: Path) -> Path:
    """Two cross-reference sections whose /Prev entries point at each other."""
    base = bytearray(raw_pdf(_one_page()))
    first_xref = int(base[base.rindex(b"startxref") + 10 :].split()[0])
    # A second section (an update re-writing object 4) whose /Prev is the first, and the
    # first section's trailer made to point /Prev at the second: a loop.
    body = b"4 0 obj\n" + _stream(_TEXT) + b"\nendobj\n"
    obj_at = len(base)
    base += body
    second_xref = len(base)
    base += b"xref\n0 1\n0000000000 65535 f \n4 1\n%010d 00000 n \n" % obj_at
    base += b"trailer\n<< /Size 5 /Root 1 0 R /Prev %d >>\n" % first_xref
    base += b"startxref\n%d\n%%%%EOF\n" % second_xref
    marker = b"/Root 1 0 R >>"
    at = base.index(marker)
    patch = b"/Root 1 0 R /Prev %d >>" % second_xref
    data = bytes(base[:at]) + patch + bytes(base[at + len(marker) :])
    # the patch moved everything after the first trailer: fix the offsets that moved
    shift = len(patch) - len(marker)
    data = data.replace(b"%010d 00000 n \n" % obj_at, b"%010d 00000 n \n" % (obj_at + shift))
    data = data.replace(b"/Prev %d >>" % second_xref, b"/Prev %d >>" % (second_xref + shift), 1)
    data = data[: data.rindex(b"startxref")] + b"startxref\n%d\n%%%%EOF\n" % (second_xref + shift)
    path.write_bytes(data)
    return path


def flate_bomb(path: Path, decoded: int = 320 << 20) -> Path:
    """A page whose content stream is a few hundred KB of Flate that decodes to ``decoded``
    bytes (past the default limit of 256 MB)."""
    packer = zlib.compressobj(9)
    chunk = b" " * min(decoded, 16 << 20)
    parts = [packer.compress(chunk) for _ in range(decoded // len(chunk))]
    parts.append(packer.compress(b" " * (decoded % len(chunk))))
    parts.append(packer.flush())
    packed = b"".join(parts)
    path.write_bytes(raw_pdf(_one_page(content=_stream(packed, b"/Filter /FlateDecode "))))
    return path


def many_pages(path: Path, pages: int = 100_000) -> Path:
    """A flat page tree of ``pages`` pages sharing one content stream."""
    kids = b" ".join(b"%d 0 R" % (4 + n) for n in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        _stream(_TEXT),
    ]
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>"
    objects.extend(page for _ in range(pages))
    path.write_bytes(raw_pdf(objects))
    return path


def huge_contents_string(path: Path, size: int = 50 << 20) -> Path:
    """A signature field whose /Contents is a hex string of ``size`` digits."""
    sig = b"<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached "
    sig += b"/ByteRange [0 100 200 100] /Contents <" + b"0" * size + b"> >>"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [5 0 R] /SigFlags 3 >> >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        _PAGE % b"/Annots [5 0 R] ",
        _stream(_TEXT),
        b"<< /Type /Annot /Subtype /Widget /FT /Sig /T (Signature1) /Rect [0 0 0 0] "
        b"/P 3 0 R /V 6 0 R >>",
        sig,
    ]
    path.write_bytes(raw_pdf(objects))
    return path


def huge_byte_range(path: Path, entries: int = 2_000_000) -> Path:
    """A signature whose /ByteRange has ``entries`` numbers (and absurd ones at that)."""
    numbers = b" ".join(b"%d" % (n * 7) for n in range(entries))
    sig = b"<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached "
    sig += b"/ByteRange [" + numbers + b" 99999999999999999999] /Contents <3082> >>"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [5 0 R] /SigFlags 3 >> >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        _PAGE % b"/Annots [5 0 R] ",
        _stream(_TEXT),
        b"<< /Type /Annot /Subtype /Widget /FT /Sig /T (Signature1) /Rect [0 0 0 0] "
        b"/P 3 0 R /V 6 0 R >>",
        sig,
    ]
    path.write_bytes(raw_pdf(objects))
    return path


def huge_page(path: Path, points: int = 14_400) -> Path:
    """One page ``points`` square (200 inches, the most ISO 32000 allows): rendered at
    72 dpi it is 200 million pixels."""
    objects = _one_page()
    objects[2] = objects[2].replace(b"[0 0 595 842]", b"[0 0 %d %d]" % (points, points))
    path.write_bytes(raw_pdf(objects))
    return path


def junk_after_eof(signed: Path, path: Path, size: int = 50 << 20) -> Path:
    """A signed letter with ``size`` bytes of junk appended after its last %%EOF."""
    with path.open("wb") as out:
        out.write(signed.read_bytes())
        block = bytes(range(256)).replace(b"%", b"-") * 4096
        for _ in range(size // len(block)):
            out.write(block)
    return path


def append_update(src: Path, dst: Path, objects: dict[int, bytes], root: int | None = None) -> Path:
    """An incremental update of ``src`` (re)writing ``objects`` by number, raw."""
    data = bytearray(src.read_bytes())
    tail = bytes(data[data.rindex(b"startxref") :])
    prev = int(tail.split()[1])
    size_hint = max(objects) + 1
    if not data.endswith(b"\n"):
        data += b"\n"
    offsets = {}
    for number, body in sorted(objects.items()):
        offsets[number] = len(data)
        data += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(data)
    data += b"xref\n0 1\n0000000000 65535 f \n"
    for number, offset in sorted(offsets.items()):
        data += b"%d 1\n%010d 00000 n \n" % (number, offset)
    root_ref = b"/Root %d 0 R " % root if root is not None else b""
    data += b"trailer\n<< /Size %d %s/Prev %d >>\n" % (size_hint, root_ref, prev)
    data += b"startxref\n%d\n%%%%EOF\n" % xref
    dst.write_bytes(bytes(data))
    return dst


def deep_update_after_signature(signed: Path, path: Path, depth: int = 50_000) -> Path:
    """A signed letter with an update whose new catalog holds an array nested ``depth``
    levels deep (every reader reads the catalog)."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    with signed.open("rb") as fh:
        reader = PdfFileReader(fh, strict=False)
        root_ref = reader.trailer.raw_get("/Root")
        catalog = reader.root
        pages = catalog.raw_get("/Pages")
        acro = catalog.raw_get("/AcroForm") if "/AcroForm" in catalog else None
    new_catalog = b"<< /Type /Catalog /Pages %d 0 R " % pages.idnum
    if acro is not None and hasattr(acro, "idnum"):
        new_catalog += b"/AcroForm %d 0 R " % acro.idnum
    new_catalog += b"/Deep " + b"[" * depth + b"]" * depth + b" >>"
    return append_update(signed, path, {root_ref.idnum: new_catalog}, root=root_ref.idnum)


Builder = Callable[[Path], Path]

BUILDERS: dict[str, Builder] = {
    "deep_array_in_page": deep_array_in_page,
    "deep_dict_in_page": deep_dict_in_page,
    "kids_loop": kids_loop,
    "kids_self_loop": kids_self_loop,
    "prev_loop": prev_loop,
    "flate_bomb": flate_bomb,
    "many_pages": many_pages,
    "huge_contents_string": huge_contents_string,
    "huge_page": huge_page,
    "huge_byte_range": huge_byte_range,
}
"""Hostile files made from nothing: name -> builder(path)."""

SIGNED_BUILDERS: dict[str, Callable[[Path, Path], Path]] = {
    "junk_after_eof": junk_after_eof,
    "deep_update_after_signature": deep_update_after_signature,
}
"""Hostile files made from a signed letter: name -> builder(signed, path)."""
