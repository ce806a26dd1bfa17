"""The trust kit's one-page guide: how a reader trusts the office root, Indonesian first and
English below it, with the fingerprints large enough to read out over the phone.

Set with reportlab in the embedded DejaVu Sans of the reports (:mod:`esign.render.pdf`),
so the page prints the same anywhere. The words come from the catalog in both languages.
"""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any
from xml.sax.saxutils import escape

from cryptography import x509

from esign import __version__, trustkit
from esign.i18n import t
from esign.render.pdf import A4 as _A4
from esign.render.pdf import BOLD as _BOLD
from esign.render.pdf import FONT as _FONT
from esign.render.pdf import GREY as _GREY
from esign.render.pdf import MM as _MM
from esign.render.pdf import RULE as _RULE
from esign.render.pdf import register_fonts


def _styles() -> dict[str, Any]:
    from reportlab.lib.styles import ParagraphStyle

    body = ParagraphStyle("kit-body", fontName=_FONT, fontSize=8.6, leading=11.2, spaceAfter=3)
    return {
        "body": body,
        "title": ParagraphStyle(
            "kit-title", parent=body, fontName=_BOLD, fontSize=13, leading=16, spaceAfter=4
        ),
        "lang": ParagraphStyle(
            "kit-lang", parent=body, fontName=_BOLD, fontSize=7.5, textColor=_GREY, spaceAfter=1
        ),
        "print": ParagraphStyle("kit-print", parent=body, fontName=_BOLD, fontSize=10, leading=13),
        "small": ParagraphStyle("kit-small", parent=body, fontSize=7, leading=9, textColor=_GREY),
    }


def guide(
    cert: x509.Certificate,
    *,
    subject: str,
    org: str,
    verify_url: str | None,
    at: datetime,
) -> bytes:
    """The guide's PDF bytes for the office root ``cert`` (named ``subject``, of ``org``)."""
    from reportlab.lib.colors import HexColor
    from reportlab.platypus import HRFlowable, Paragraph, SimpleDocTemplate, Spacer, Table

    register_fonts()
    st = _styles()
    prints = trustkit.fingerprints(cert)
    story: list[Any] = []
    for n, lang in enumerate(("id", "en")):
        if n:
            story += [
                Spacer(1, 3 * _MM),
                HRFlowable(width="100%", color=HexColor(_RULE), thickness=0.6),
                Spacer(1, 2 * _MM),
            ]
        url = f" ({escape(verify_url)})" if verify_url else ""
        story += [
            Paragraph("BAHASA INDONESIA" if lang == "id" else "ENGLISH", st["lang"]),
            Paragraph(escape(t("trustkit.guide.title", lang=lang, org=org)), st["title"]),
            Paragraph(escape(t("trustkit.guide.intro", lang=lang, org=org)), st["body"]),
        ]
        rows = [
            [t("trustkit.guide.root", lang=lang), escape(subject)],
            [
                t("trustkit.guide.sha256", lang=lang),
                "<br/>".join(trustkit.grouped(prints.sha256)),
            ],
            [t("trustkit.guide.sha1", lang=lang), prints.sha1],
        ]
        table = Table(
            [[Paragraph(a, st["body"]), Paragraph(b, st["print"])] for a, b in rows],
            colWidths=[42 * _MM, None],
            hAlign="LEFT",
        )
        table.setStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -2), 0.4, HexColor(_RULE)),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
        story += [table, Spacer(1, 2 * _MM)]
        names = {"p7c": trustkit.P7C_NAME, "cer": trustkit.CER_NAME}
        for step in ("adobe", "foxit", "windows"):
            story.append(Paragraph(t(f"trustkit.guide.{step}", lang=lang, **names), st["body"]))
        story.append(Paragraph(t("trustkit.guide.browsers", lang=lang, url=url), st["body"]))
        files = ", ".join(trustkit.NAMES)
        listed = t("trustkit.guide.files", lang=lang, files=files)
        story.append(Paragraph(escape(listed), st["small"]))
    made = {"version": __version__, "date": at.date().isoformat()}
    footer = " / ".join(t("trustkit.guide.footer", lang=lang, **made) for lang in ("id", "en"))
    story += [Spacer(1, 2 * _MM), Paragraph(escape(footer), st["small"])]
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=_A4,
        leftMargin=16 * _MM,
        rightMargin=16 * _MM,
        topMargin=14 * _MM,
        bottomMargin=12 * _MM,
        title=t("trustkit.guide.title", lang="id", org=org),
        author="esign",
        invariant=1,
    )
    doc.build(story)
    return out.getvalue()
