"""PDFs for pre-flight (issue 16), each named after what it reproduces.

Most are drawn with reportlab and changed with pypdf; the cross-reference cases are written
byte by byte (:func:`xref_stream_pdf`), since no library writes a hybrid file or an object
that two readers resolve differently on purpose.
"""

from __future__ import annotations

import zlib
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    TextStringObject,
)

XMP_PDFA = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
   <pdfaid:part>{part}</pdfaid:part>
   <pdfaid:conformance>{conformance}</pdfaid:conformance>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


def clean_letter(path: Path, pages: int = 2) -> Path:
    """A letter pre-flight passes: reportlab, the standard Helvetica (every reader has it)."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    for n in range(1, pages + 1):
        c.drawString(72, 720, f"Surat undangan, halaman {n}")
        c.showPage()
    c.save()
    return path


def _rewrite(src: Path, dst: Path, change) -> Path:  # type: ignore[no-untyped-def]
    writer = PdfWriter(clone_from=PdfReader(src))
    change(writer)
    with dst.open("wb") as out:
        writer.write(out)
    return dst


def javascript_on_open(path: Path) -> Path:
    """A letter that runs JavaScript when it opens (an /OpenAction) and holds a named
    document script."""
    base = clean_letter(path.with_suffix(".base.pdf"))

    def change(writer: PdfWriter) -> None:
        script = DictionaryObject(
            {
                NameObject("/S"): NameObject("/JavaScript"),
                NameObject("/JS"): TextStringObject("app.alert('halo');"),
            }
        )
        tree = DictionaryObject(
            {
                NameObject("/Names"): ArrayObject(
                    [TextStringObject("halo"), writer._add_object(script)]
                )
            }
        )
        writer._root_object[NameObject("/Names")] = DictionaryObject(
            {NameObject("/JavaScript"): writer._add_object(tree)}
        )
        action = DictionaryObject(
            {
                NameObject("/S"): NameObject("/JavaScript"),
                NameObject("/JS"): TextStringObject("this.print();"),
            }
        )
        writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)

    return _rewrite(base, path, change)


def goto_on_open(path: Path) -> Path:
    """A letter whose /OpenAction only shows page 1 (navigation, not code)."""
    base = clean_letter(path.with_suffix(".base.pdf"))

    def change(writer: PdfWriter) -> None:
        page = writer.pages[0].indirect_reference
        writer._root_object[NameObject("/OpenAction")] = ArrayObject([page, NameObject("/Fit")])

    return _rewrite(base, path, change)


def owner_encrypted(path: Path) -> Path:
    """Encrypted with an owner password only: it opens without one (restrictions)."""
    base = clean_letter(path.with_suffix(".base.pdf"))
    return _rewrite(
        base,
        path,
        lambda w: w.encrypt(user_password="", owner_password="pemilik", algorithm="AES-128"),
    )


def xfa_form(path: Path, *, dynamic: bool = False) -> Path:
    """An AcroForm carrying an XFA packet; ``dynamic``: /NeedsRendering (pages in XFA only)."""
    base = clean_letter(path.with_suffix(".base.pdf"))

    def change(writer: PdfWriter) -> None:
        packet = DecodedStreamObject()
        packet.set_data(b'<xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/"><template/></xdp:xdp>')
        form = DictionaryObject(
            {
                NameObject("/Fields"): ArrayObject(),
                NameObject("/XFA"): writer._add_object(packet),
            }
        )
        writer._root_object[NameObject("/AcroForm")] = writer._add_object(form)
        if dynamic:
            writer._root_object[NameObject("/NeedsRendering")] = BooleanObject(True)

    return _rewrite(base, path, change)


def pdfa_claim(path: Path, part: int = 2, conformance: str = "B", *, encrypt: bool = False) -> Path:
    """A letter whose XMP metadata claims PDF/A-``part````conformance``."""
    base = clean_letter(path.with_suffix(".base.pdf"))

    def change(writer: PdfWriter) -> None:
        meta = DecodedStreamObject()
        meta.set_data(XMP_PDFA.format(part=part, conformance=conformance).encode())
        meta[NameObject("/Type")] = NameObject("/Metadata")
        meta[NameObject("/Subtype")] = NameObject("/XML")
        writer._root_object[NameObject("/Metadata")] = writer._add_object(meta)
        if encrypt:
            writer.encrypt(user_password="", owner_password="pemilik", algorithm="AES-128")

    return _rewrite(base, path, change)


def font_not_embedded(path: Path) -> Path:
    """Text in Arial, a TrueType font the file names but does not carry."""
    page_content = b"BT /F1 12 Tf 72 720 Td (Surat dalam Arial) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(page_content) + page_content + b"\nendstream",
        b"<< /Type /Font /Subtype /TrueType /BaseFont /Arial /FirstChar 32 /LastChar 126"
        b" /Widths [" + b" 600" * 95 + b"] /FontDescriptor 6 0 R >>",
        b"<< /Type /FontDescriptor /FontName /Arial /Flags 32 /FontBBox [0 0 1000 1000]"
        b" /ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >>",
    ]
    return _write_classic(path, objects)


def script_pypdf_cannot_walk(path: Path) -> Path:
    """JavaScript on opening, and a page whose /Annots nests 3,000 arrays deep: pypdf gives
    up walking the pages, the raw bytes still name the script."""
    deep = b"[" * 3000 + b"]" * 3000
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots " + deep + b" >>",
        b"<< /S /JavaScript /JS (app.alert(1)) >>",
    ]
    return _write_classic(path, objects)


def _write_classic(path: Path, objects: list[bytes]) -> Path:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(out))
    return path


def broken_xref(path: Path) -> Path:
    """A clean letter with 40 bytes slipped in after the header: every offset in the
    cross-reference table now points 40 bytes early."""
    data = clean_letter(path.with_suffix(".base.pdf")).read_bytes()
    cut = data.index(b"\n", data.index(b"%PDF")) + 1
    path.write_bytes(data[:cut] + b"%" + b"x" * 38 + b"\n" + data[cut:])
    return path


def misplaced_objects(path: Path) -> Path:
    """Like :func:`broken_xref`, with ``startxref`` corrected: the table is found, but the
    offsets in it miss their objects."""
    import re

    data = broken_xref(path.with_suffix(".shifted.pdf")).read_bytes()
    start = re.search(rb"startxref\s+([0-9]+)", data)
    assert start is not None
    fixed = str(int(start.group(1)) + 40).encode()
    path.write_bytes(data[: start.start(1)] + fixed + data[start.end(1) :])
    return path


def xref_stream_pdf(
    path: Path, *, hybrid: bool = False, shadow: bool = False, conflict: bool = False
) -> Path:
    """A PDF 1.5 letter whose font dictionary (object 5) lives in an object stream, found
    through a cross-reference stream.

    ``hybrid``: a classic table (without object 5) and a trailer whose /XRefStm points at
    the stream, the hybrid-reference layout of PDF 1.5 (an older reader never sees 5).
    ``shadow``: object 5 is also written out plainly, naming another font: a reader that
    rebuilds the table from the bytes shows Courier where the streams say Helvetica.
    ``conflict`` (hybrid, shadow): the classic table lists that plain object 5 too, so a
    PDF 1.4 reader shows Courier and a PDF 1.5 reader Helvetica.
    """
    shadow = shadow or conflict
    content = b"BT /F1 14 Tf 72 720 Td (Surat undangan) Tj ET"
    plain = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    head = b"5 0 "
    objstm = zlib.compress(head + font)
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for n, body in enumerate(plain, start=1):
        offsets[n] = len(out)
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    if shadow:
        offsets[5] = len(out)
        out += b"5 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>\nendobj\n"
    offsets[6] = len(out)
    out += (
        b"6 0 obj\n<< /Type /ObjStm /N 1 /First %d /Filter /FlateDecode /Length %d >>\nstream\n"
        % (len(head), len(objstm))
        + objstm
        + b"\nendstream\nendobj\n"
    )
    offsets[7] = len(out)
    rows = [b"\x00" + (0).to_bytes(4, "big") + (65535).to_bytes(2, "big")]
    for n in range(1, 8):
        if n == 5:
            rows.append(b"\x02" + (6).to_bytes(4, "big") + (0).to_bytes(2, "big"))
        else:
            rows.append(b"\x01" + offsets[n].to_bytes(4, "big") + (0).to_bytes(2, "big"))
    table = b"".join(rows)
    out += (
        b"7 0 obj\n<< /Type /XRef /Size 8 /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n"
        % len(table)
        + table
        + b"\nendstream\nendobj\n"
    )
    if not hybrid:
        out += b"startxref\n%d\n%%%%EOF\n" % offsets[7]
        path.write_bytes(bytes(out))
        return path
    classic = len(out)
    out += b"xref\n0 8\n0000000000 65535 f \n"
    for n in range(1, 8):
        listed = n != 5 or conflict
        out += b"%010d 00000 n \n" % offsets[n] if listed else b"0000000000 00000 f \n"
    out += b"trailer\n<< /Size 8 /Root 1 0 R /XRefStm %d >>\nstartxref\n%d\n%%%%EOF\n" % (
        offsets[7],
        classic,
    )
    path.write_bytes(bytes(out))
    return path
