"""The printable audit file: an A4 PDF verification report, optionally sealed.

The same content as the HTML page (:mod:`esign.render.html`) in the user's language, set
with reportlab in the DejaVu Sans that the stamp ships (embedded, so Indonesian text prints
anywhere). Nothing is fetched and nothing links out. :func:`save` writes it atomically and,
given the store's e-seal key, signs it (PAdES) so the report itself verifies.
"""

from __future__ import annotations

import functools
import io
import logging
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from esign import __version__
from esign.i18n import get_language, t, tn
from esign.models import (
    Level,
    Modifications,
    SignatureReport,
    Verdict,
    VerificationReport,
)
from esign.pki import format_nip
from esign.render import pictures, wording
from esign.sanitize import clean_lines

if TYPE_CHECKING:
    from esign.keys import KeyHandle
    from esign.models import SignResult

log = logging.getLogger(__name__)

_FONT, _BOLD = "EsignSans", "EsignSans-Bold"
_MM = 72 / 25.4
_A4 = (210 * _MM, 297 * _MM)
_MARGIN = 18 * _MM
_LABEL_WIDTH = 52 * _MM

_VERDICT_COLOR = {
    Verdict.VALID: "#1b7f3b",
    Verdict.CHANGED: "#b26a00",
    Verdict.INVALID: "#b3261e",
    Verdict.INDETERMINATE: "#b26a00",
    Verdict.UNSIGNED: "#1f4e9c",
    Verdict.ERROR: "#7b1fa2",
}
_YES, _NO, _GREY, _RULE, _SHADE = "#1b7f3b", "#b3261e", "#555555", "#c8c8c8", "#f2f2f2"

FONT, BOLD, MM, A4, GREY, RULE = _FONT, _BOLD, _MM, _A4, _GREY, _RULE
"""The report's faces, unit, page and colours, for the other printed pages (the trust
kit's guide): one look for everything esign prints."""


def register_fonts() -> None:
    """Register the embedded DejaVu Sans faces (:data:`FONT`, :data:`BOLD`) with reportlab."""
    _register_fonts()


@functools.cache
def _register_fonts() -> None:
    """Register the embedded DejaVu Sans faces with reportlab (once per process)."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from esign.stamp.fonts import font_file

    pdfmetrics.registerFont(TTFont(_FONT, str(font_file(bold=False))))
    pdfmetrics.registerFont(TTFont(_BOLD, str(font_file(bold=True))))
    for bold, face in ((0, _FONT), (1, _BOLD)):
        for italic in (0, 1):
            addMapping(_FONT, bold, italic, face)


@functools.cache
def _styles() -> dict[str, Any]:
    from reportlab.lib.styles import ParagraphStyle

    body = ParagraphStyle("body", fontName=_FONT, fontSize=8.5, leading=11)
    return {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=7.5, leading=9.5, textColor=_GREY),
        "title": ParagraphStyle("title", parent=body, fontName=_BOLD, fontSize=16, leading=20),
        "summary": ParagraphStyle(
            "summary", parent=body, fontName=_BOLD, fontSize=10, leading=13, spaceBefore=4
        ),
        "file": ParagraphStyle(
            "file", parent=body, fontName=_BOLD, fontSize=11.5, leading=14, spaceBefore=10
        ),
        "sig": ParagraphStyle(
            "sig", parent=body, fontName=_BOLD, fontSize=9.5, leading=12, spaceBefore=8
        ),
        "badge": ParagraphStyle(
            "badge", parent=body, fontName=_BOLD, fontSize=9, leading=11.5, textColor="#ffffff"
        ),
        "label": ParagraphStyle("label", parent=body, fontName=_BOLD),
        "problem": ParagraphStyle("problem", parent=body, textColor=_NO, leftIndent=8),
        "hex": ParagraphStyle("hex", parent=body, fontSize=7.5, leading=9.5, wordWrap="CJK"),
    }


def _p(text: str, style: str = "body") -> Any:
    from reportlab.platypus import Paragraph

    return Paragraph(text, _styles()[style])


def _e(text: str | None) -> str:
    return escape(clean_lines(text or ""))  # also bidi/zero-width/control: shown escaped


def _yn(value: bool | None) -> str:
    if value is None:
        return _e(t("verify.unknown"))
    color, key = (_YES, "verify.yes") if value else (_NO, "verify.no")
    return f'<font color="{color}">{_e(t(key))}</font>'


def _table(rows: list[tuple[str, str]], *, shade_first: int = 0) -> Any:
    """A two-column label/value table; the first ``shade_first`` rows stand out."""
    from reportlab.platypus import Table, TableStyle

    data = [[_p(_e(label), "label"), _p(value)] for label, value in rows]
    table = Table(data, colWidths=[_LABEL_WIDTH, _A4[0] - 2 * _MARGIN - _LABEL_WIDTH])
    style = [
        ("GRID", (0, 0), (-1, -1), 0.4, _RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (0, -1), _SHADE),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if shade_first:
        style += [
            ("BACKGROUND", (0, 0), (-1, shade_first - 1), "#e8f0fa"),
            ("LINEBELOW", (0, shade_first - 1), (-1, shade_first - 1), 1.2, "#7a8ca5"),
        ]
    table.setStyle(TableStyle(style))
    return table


def _badge(verdict: Verdict) -> Any:
    from reportlab.platypus import Table, TableStyle

    table = Table(
        [[_p(_e(t("verify.verdict." + verdict.value)), "badge")]],
        colWidths=[_A4[0] - 2 * _MARGIN],
    )
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), _VERDICT_COLOR[verdict]),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def _timestamp(sig: SignatureReport, tz: ZoneInfo) -> str:
    ts = sig.timestamp
    if ts is None:
        return _yn(False)
    where = f" ({_e(wording.local_time(ts.time, tz))}, {_e(ts.tsa or t('verify.unknown'))})"
    return _yn(ts.valid) + where


_BAD_MODIFICATIONS = (Modifications.DISALLOWED, Modifications.VISIBLE)


def _changes(sig: SignatureReport) -> str:
    color = _NO if sig.modifications in _BAD_MODIFICATIONS else "#222222"
    lines = [f'<font color="{color}">{_e(wording.modifications(sig))}</font>']
    lines += [f"• {_e(line)}" for line in wording.changes(sig)]
    return "<br/>".join(lines)


def _revocation(sig: SignatureReport, tz: ZoneInfo) -> str:
    lines = [_e(wording.revocation(sig, tz))]
    lines += [f"• {_e(line)}" for line in wording.revocation_failures(sig)]
    return "<br/>".join(lines)


def _signature_rows(sig: SignatureReport, tz: ZoneInfo) -> list[tuple[str, str]]:
    s = sig.signer
    unchanged = wording.unchanged(sig)
    rows = [  # the four questions offices are told to check come first
        (t("verify.q.signer"), f"<b>{_e(s.name or t('verify.unknown'))}</b>"),
        (t("verify.q.unchanged"), _yn(unchanged)),
        (t("verify.q.timestamp"), _timestamp(sig, tz)),
        (t("verify.q.ltv"), _yn(sig.level in (Level.B_LT, Level.B_LTA))),
    ]
    if s.nip:
        rows.append((t("verify.field.nip"), _e(format_nip(s.nip))))
    rows += [(label, _e(v)) for label, v in ((t("verify.field.title"), s.title),) if v]
    rows += [(label, _e(v)) for label, v in ((t("verify.field.org"), s.org),) if v]
    if sig.signer_cert is not None:
        rows.append((t("verify.field.issuer"), _e(sig.signer_cert.issuer_dn)))
        rows.append((t("col.fingerprint"), _hex(sig.signer_cert.fingerprint)))
    rows += [
        (wording.signed_at_label(sig), _e(wording.local_time(sig.signed_at, tz))),
        (t("verify.field.field"), _e(sig.field)),
        *([(t("verify.field.pages"), _e(p))] if (p := wording.shown_on(sig)) else []),
        (t("verify.field.intact"), _yn(sig.intact)),
        (t("verify.field.crypto"), _yn(sig.crypto_valid)),
        (t("verify.field.trusted"), _yn(sig.trusted)),
        (t("verify.field.cert_valid"), _yn(sig.cert_valid_at_signing)),
        (t("verify.field.modifications"), _changes(sig)),
        (t("verify.field.coverage"), _e(t(f"verify.cov.{sig.coverage.value}"))),
        (t("verify.field.revocation"), _revocation(sig, tz)),
    ]
    if sig.level is not None:
        rows.append((t("verify.field.level"), _e(wording.level(sig) or "")))
    if sig.reason:
        rows.append((t("verify.field.reason"), _e(sig.reason)))
    if (delegation := wording.delegation(sig)) is not None:
        rows.append((t("verify.field.delegation"), _e(delegation)))
    if wording.has_legal_standing(sig):
        rows.append((t("verify.field.certified"), _e(wording.legal_standing(sig))))
    rows.append((t("verify.field.indication"), _e(wording.indication(sig))))
    if sig.chain:
        rows.append((t("html.chain"), "<br/>".join(_e(c) for c in sig.chain)))
    return rows


def _hex(value: str) -> str:
    """A long hexadecimal string in groups of eight, so it wraps and reads aloud."""
    groups = " ".join(value[i : i + 8] for i in range(0, len(value), 8))
    return f'<font size="7.5">{_e(groups)}</font>'


_PICTURE_MAX_HEIGHT = 70 * _MM


def _image(png: bytes, width: float) -> Any:
    """A reportlab image of ``png`` scaled to fit ``width`` (and a height limit)."""
    from reportlab.lib.utils import ImageReader
    from reportlab.platypus import Image

    w, h = ImageReader(io.BytesIO(png)).getSize()
    scale = min(width / w, _PICTURE_MAX_HEIGHT / h, 72 / 144)  # never above 144 dpi size
    return Image(io.BytesIO(png), width=w * scale, height=h * scale)


def _pictures(shots: pictures.Pictures) -> list[Any]:
    """Each pictured change: what and where, then the region as signed and as it is now."""
    from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

    column = (_A4[0] - 2 * _MARGIN) / 2
    flow: list[Any] = []
    for shot in shots.shown:
        heading = [] if flow else [_p(_e(t("picture.heading")), "sig")]  # kept with the first
        table = Table(
            [
                [_p(_e(t("picture.before")), "label"), _p(_e(t("picture.after")), "label")],
                [_image(shot.before, column - 8), _image(shot.after, column - 8)],
            ],
            colWidths=[column, column],
        )
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, _RULE),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("BACKGROUND", (0, 0), (-1, 0), _SHADE),
                ]
            )
        )
        notes = [t("verify.visual.caption")] + ([t("picture.same")] if shot.same else [])
        flow.append(
            KeepTogether(
                [
                    *heading,
                    _p(_e(shot.caption), "label"),
                    Spacer(1, 2),
                    table,
                    _p(_e(" ".join(notes)), "small"),
                    Spacer(1, 4),
                ]
            )
        )
    if shots.left_out:
        flow.append(_p(_e(tn("picture.more", shots.left_out, count=shots.left_out)), "small"))
    return flow


def _signature(
    n: int, total: int, sig: SignatureReport, tz: ZoneInfo, shots: pictures.Pictures
) -> list[Any]:
    from reportlab.platypus import KeepTogether, Spacer

    key = "verify.timestamp_n" if sig.kind == "timestamp" else "verify.signature_n"
    color = _VERDICT_COLOR[sig.verdict]
    title = f"{t(key, n=n, total=total)}: {t('verify.verdict.' + sig.verdict.value)}"
    head = _p(f'<font color="{color}">{_e(title)}</font>', "sig")
    table = _table(_signature_rows(sig, tz), shade_first=4)
    flow: list[Any] = [KeepTogether([head, Spacer(1, 3), table])]
    flow += [_p("• " + _e(problem), "problem") for problem in sig.problems]
    return flow + _pictures(shots)


def _file(report: VerificationReport, tz: ZoneInfo, source: pictures.Source | None) -> list[Any]:
    from reportlab.platypus import KeepTogether, Spacer

    meta = [("SHA-256", _hex(report.sha256 or "-"))]
    if report.revisions is not None:
        meta.append((t("html.revisions"), str(report.revisions)))
    head = [
        _p(f"{_e(t('pdf.file'))}: {_e(report.file)}", "file"),
        Spacer(1, 3),
        _badge(report.verdict),
        Spacer(1, 4),
        _table(meta),
    ]
    flow: list[Any] = [KeepTogether(head)]
    if report.error:
        flow.append(_p(_e(report.error), "problem"))
    flow += [_p(_e(note)) for note in report.notes]
    total = len(report.signatures)
    shots = pictures.for_report(report, source)
    for n, (sig, shot) in enumerate(zip(report.signatures, shots, strict=True), 1):
        flow += _signature(n, total, sig, tz, shot)
    return flow


def render_pdf(
    reports: list[VerificationReport],
    *,
    at: datetime,
    tz: ZoneInfo,
    sealed_by: str | None = None,
    source: pictures.Source | None = None,
) -> bytes:
    """The whole report as PDF bytes (A4). ``sealed_by``: the name of the e-seal that will
    sign it, for the sentence that says so (None: the report says it is unsigned).
    ``source`` gives each report's file bytes (e.g. :func:`esign.render.pictures.read_file`)
    for the before/after pictures of visible changes; without it there are none."""
    from reportlab.platypus import SimpleDocTemplate, Spacer

    _register_fonts()
    title = t("html.title")
    seal_note = t("pdf.sealed", name=sealed_by) if sealed_by else t("pdf.unsealed")
    story: list[Any] = [
        _p(_e(title), "title"),
        Spacer(1, 4),
        _p(_e(t("html.checked_at", when=wording.local_time(at, tz)))),
        _p(_e(seal_note), "small"),
        _p(_e(wording.summary(reports)), "summary"),
    ]
    for report in reports:
        story += _file(report, tz, source)
    story += [Spacer(1, 12), _p(_e(t("html.footer", version=__version__)), "small")]
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=_A4,
        leftMargin=_MARGIN,
        rightMargin=_MARGIN,
        topMargin=16 * _MM,
        bottomMargin=18 * _MM,
        title=title,
        author=f"esign {__version__}",
        subject=wording.summary(reports),
        creator=f"esign {__version__}",
        producer=f"esign {__version__}",
        lang=get_language(),
        displayDocTitle=True,
        initialFontName=_FONT,
    )
    footer = functools.partial(_footer, title=title)
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def _footer(canvas: Any, doc: Any, *, title: str) -> None:
    """Title and page number at the foot of every page."""
    canvas.saveState()
    canvas.setFont(_FONT, 7)
    canvas.setFillColor(_GREY)
    y = 10 * _MM
    canvas.drawString(_MARGIN, y, f"{title} · esign {__version__}")
    canvas.drawRightString(_A4[0] - _MARGIN, y, t("pdf.page", n=doc.page))
    canvas.restoreState()


@dataclass(frozen=True, slots=True, kw_only=True)
class Seal:
    """The e-seal that signs a report."""

    key: KeyHandle
    """The unlocked seal key."""
    name: str
    """Who seals (the seal certificate's name), for the report's own sentence."""
    reason: str
    """/Reason of the report's signature."""


def save(data: bytes, path: Path, *, at: datetime, seal: Seal | None = None) -> SignResult | None:
    """Write the report to ``path`` atomically; with ``seal``, signed (PAdES B-B) by it.

    Returns the signing result, or None when the report was written unsigned.
    """
    from esign.pdf import atomic_output

    if seal is None:
        with atomic_output(path, overwrite=True) as fh:
            fh.write(data)
        return None
    from esign.sign import SignOptions, sign_pdf

    with tempfile.TemporaryDirectory(prefix="esign-report-") as folder:
        draft = Path(folder) / "report.pdf"
        draft.write_bytes(data)
        options = SignOptions(reason=seal.reason, field="ReportSeal")
        result = sign_pdf(draft, path, seal.key, at=at, options=options, overwrite=True)
    log.debug("report %s sealed by %s", path, seal.key.id)
    return result
