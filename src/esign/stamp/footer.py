"""The footer an electronically signed letter carries on every page.

"Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik
yang diterbitkan oleh {issuer}" — with the *real* issuer of the signer's certificate
(never a national provider the letter did not use), optionally the UU ITE Pasal 5
ayat 1 note and the office's verification address. It is drawn in the same revision as
the first signature, so that signature covers it and later signers never redraw it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cryptography import x509
from cryptography.x509.oid import NameOID

from esign import i18n
from esign.stamp.layout import LEADING, Line, wrap
from esign.stamp.place import MM

if TYPE_CHECKING:
    from esign.stamp import FooterRequest

SIZE = 7.0
BOTTOM = 10 * MM
SIDE = 20 * MM


def issuer_name(cert: x509.Certificate) -> str:
    """The issuing CA as people know it: its CN, with its organization when that adds."""

    def attr(oid: x509.ObjectIdentifier) -> str | None:
        values = cert.issuer.get_attributes_for_oid(oid)
        value = values[0].value if values else None
        return value if isinstance(value, str) else None

    cn, org = attr(NameOID.COMMON_NAME), attr(NameOID.ORGANIZATION_NAME)
    if cn and org and org.lower() not in cn.lower():
        return f"{cn} ({org})"
    return cn or org or cert.issuer.rfc4514_string()


def footer_lines(request: FooterRequest, cert: x509.Certificate) -> list[str]:
    """The footer's sentences, in the request's language."""
    lang = request.lang
    lines = [i18n.t("footer.statement", lang=lang, issuer=issuer_name(cert))]
    if request.law_note:
        lines.append(i18n.t("footer.law", lang=lang))
    if request.verify_url:
        lines.append(i18n.t("footer.verify", lang=lang, url=request.verify_url))
    return lines


def layout_footer(sentences: list[str], page_w: float, x0: float, y0: float) -> list[Line]:
    """Centred lines, wrapped to the page width inside the margins, bottom up from 10 mm."""
    from esign.stamp.fonts import text_width

    width = page_w - 2 * SIDE
    wrapped: list[str] = []
    for sentence in sentences:
        wrapped.extend(wrap(sentence, width, SIZE, False, text_width))
    lines: list[Line] = []
    y = y0 + BOTTOM + (len(wrapped) - 1) * SIZE * LEADING
    for text in wrapped:
        w = text_width(text, SIZE)
        lines.append(Line(text=text, x=x0 + (page_w - w) / 2, y=y, size=SIZE))
        y -= SIZE * LEADING
    return lines


def add_footer(writer: Any, request: FooterRequest, cert: x509.Certificate) -> int:
    """Draw the footer on every page of ``writer``; returns the number of pages."""
    from esign.stamp.place import page_geometry
    from esign.stamp.render import TextPainter, page_text_stream

    sentences = footer_lines(request, cert)
    pages = int(writer.root["/Pages"]["/Count"])
    painter = TextPainter(writer)
    for index in range(pages):
        x0, y0, w, _h = page_geometry(writer, index)
        lines = layout_footer(sentences, w, x0, y0)
        top = lines[0].y + SIZE * 1.1
        rule = b"q 0.6 G 0.4 w %.2f %.2f m %.2f %.2f l S Q" % (x0 + SIDE, top, x0 + w - SIDE, top)
        body = b" ".join([b"q", rule, *(painter.line(line, gray=0.25) for line in lines), b"Q"])
        page_text_stream(writer, index, body, painter)
    return pages
