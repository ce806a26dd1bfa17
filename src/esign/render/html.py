"""The audit file: one self-contained HTML page (no scripts, no network) for a verification.

Same data as the terminal report and the JSON, in the user's language, for an auditor to
keep with the case file or print. Everything user-controlled is escaped.
"""

from __future__ import annotations

import base64
from datetime import datetime
from html import escape as _html_escape
from zoneinfo import ZoneInfo

from esign import __version__
from esign.i18n import get_language, t, tn
from esign.models import SignatureReport, VerificationReport
from esign.pki import format_nip
from esign.render import pictures, wording
from esign.sanitize import clean_lines

_CSS = """
body{font-family:"DejaVu Sans",Arial,sans-serif;margin:2rem auto;max-width:60rem;color:#222}
h1{font-size:1.4rem} h2{font-size:1.15rem;margin-top:2rem;word-break:break-all}
.badge{display:inline-block;padding:.2rem .6rem;border-radius:.3rem;color:#fff;font-weight:bold}
.valid{background:#1b7f3b}.invalid{background:#b3261e}.indeterminate{background:#b26a00}
.changed{background:#b26a00}.unsigned{background:#1f4e9c}.error{background:#7b1fa2}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f4f4f4;width:16rem} .yes{color:#1b7f3b}.no{color:#b3261e}
.problem{color:#b3261e} .mono{font-family:monospace;word-break:break-all}
footer{margin-top:3rem;font-size:.8rem;color:#666}
figure{margin:1rem 0;padding:.5rem;border:1px solid #ccc;break-inside:avoid}
figcaption{font-weight:bold;margin-bottom:.4rem}
.pair{display:flex;flex-wrap:wrap;gap:1rem}.pair>div{flex:1 1 20rem}
.pair img{max-width:100%;height:auto;border:1px solid #999;display:block}
.note{font-size:.8rem;color:#666}
@media print{.badge{border:1px solid #000;color:#000;background:none}}
"""


_LTV = ("B-LT", "B-LTA")


def escape(text: str) -> str:
    """HTML-escaped, and bidi overrides, zero-width and control characters (and file name
    bytes that were not UTF-8) shown as visible escapes: a browser would obey a U+202E."""
    return _html_escape(clean_lines(text))


def _local(value: datetime | None, tz: ZoneInfo) -> str:
    return wording.local_time(value, tz)


def _yn(value: bool | None) -> str:
    if value is None:
        return f"<span>{escape(t('verify.unknown'))}</span>"
    cls, key = ("yes", "verify.yes") if value else ("no", "verify.no")
    return f'<span class="{cls}">{escape(t(key))}</span>'


def _row(label: str, value_html: str) -> str:
    return f"<tr><th>{escape(label)}</th><td>{value_html}</td></tr>"


def _changes(sig: SignatureReport) -> str:
    """The verdict on later changes, then each change (in the user's language)."""
    head = escape(wording.modifications(sig))
    items = "".join(f"<li>{escape(line)}</li>" for line in wording.changes(sig))
    return head + (f"<ul>{items}</ul>" if items else "")


def _image(png: bytes, alt: str) -> str:
    data = base64.b64encode(png).decode("ascii")
    return f'<img alt="{escape(alt)}" src="data:image/png;base64,{data}">'


def _pictures(shots: pictures.Pictures) -> str:
    """Each pictured change: what and where, then the region as signed and as it is now."""
    parts = []
    for shot in shots.shown:
        halves = "".join(
            f"<div><div>{escape(label)}</div>"
            f"{_image(png, t('picture.alt', page=shot.page, which=label))}</div>"
            for label, png in ((t("picture.before"), shot.before), (t("picture.after"), shot.after))
        )
        notes = [t("verify.visual.caption")] + ([t("picture.same")] if shot.same else [])
        parts.append(
            f'<figure class="change"><figcaption>{escape(shot.caption)}</figcaption>'
            f'<div class="pair">{halves}</div>'
            f'<p class="note">{escape(" ".join(notes))}</p></figure>'
        )
    if shots.left_out:
        more = tn("picture.more", shots.left_out, count=shots.left_out)
        parts.append(f'<p class="note">{escape(more)}</p>')
    if not parts:
        return ""
    return f"<h4>{escape(t('picture.heading'))}</h4>" + "".join(parts)


def _signature(
    n: int, total: int, sig: SignatureReport, tz: ZoneInfo, shots: pictures.Pictures
) -> str:
    s = sig.signer
    key = "verify.timestamp_n" if sig.kind == "timestamp" else "verify.signature_n"
    title = f"{t(key, n=n, total=total)}: {t('verify.verdict.' + sig.verdict.value)}"
    unchanged = wording.unchanged(sig)
    ts = sig.timestamp
    rows = [
        _row(t("verify.q.signer"), f"<strong>{escape(s.name or t('verify.unknown'))}</strong>"),
        _row(t("verify.q.unchanged"), _yn(unchanged)),
        _row(
            t("verify.q.timestamp"),
            _yn(bool(ts and ts.valid))
            + (f" ({escape(_local(ts.time, tz))}, {escape(ts.tsa or '')})" if ts else ""),
        ),
        _row(
            t("verify.q.ltv"), _yn(sig.level is not None and sig.level.value in ("B-LT", "B-LTA"))
        ),
    ]
    if s.nip:
        rows.append(_row(t("verify.field.nip"), escape(format_nip(s.nip))))
    for label, value in ((t("verify.field.title"), s.title), (t("verify.field.org"), s.org)):
        if value:
            rows.append(_row(label, escape(value)))
    if sig.signer_cert is not None:
        rows.append(_row(t("verify.field.issuer"), escape(sig.signer_cert.issuer_dn)))
        rows.append(
            _row(
                t("col.fingerprint"),
                f'<span class="mono">{escape(sig.signer_cert.fingerprint)}</span>',
            )
        )
    rows += [
        _row(wording.signed_at_label(sig), escape(_local(sig.signed_at, tz))),
        _row(t("verify.field.field"), escape(sig.field)),
        *([_row(t("verify.field.pages"), escape(p))] if (p := wording.shown_on(sig)) else []),
        _row(t("verify.field.intact"), _yn(sig.intact)),
        _row(t("verify.field.crypto"), _yn(sig.crypto_valid)),
        _row(t("verify.field.trusted"), _yn(sig.trusted)),
        _row(t("verify.field.cert_valid"), _yn(sig.cert_valid_at_signing)),
        _row(t("verify.field.modifications"), _changes(sig)),
        _row(t("verify.field.coverage"), escape(t(f"verify.cov.{sig.coverage.value}"))),
        _row(
            t("verify.field.revocation"),
            "<br>".join(
                escape(line)
                for line in [wording.revocation(sig, tz), *wording.revocation_failures(sig)]
            ),
        ),
    ]
    if sig.level is not None:
        rows.append(_row(t("verify.field.level"), escape(wording.level(sig) or "")))
    if sig.reason:
        rows.append(_row(t("verify.field.reason"), escape(sig.reason)))
    if (delegation := wording.delegation(sig)) is not None:
        rows.append(_row(t("verify.field.delegation"), escape(delegation)))
    if wording.has_legal_standing(sig):
        rows.append(_row(t("verify.field.certified"), escape(wording.legal_standing(sig))))
    rows.append(_row(t("verify.field.indication"), escape(wording.indication(sig))))
    if sig.chain:
        chain = "<br>".join(f'<span class="mono">{escape(c)}</span>' for c in sig.chain)
        rows.append(_row(t("html.chain"), chain))
    problems = "".join(f'<li class="problem">{escape(p)}</li>' for p in sig.problems)
    return (
        f"<h3>{escape(title)}</h3><table>{''.join(rows)}</table>"
        + (f"<ul>{problems}</ul>" if problems else "")
        + _pictures(shots)
    )


def _file(report: VerificationReport, tz: ZoneInfo, source: pictures.Source | None) -> str:
    verdict = report.verdict.value
    parts = [
        f"<h2>{escape(report.file)} "
        f'<span class="badge {verdict}">{escape(t("verify.verdict." + verdict))}</span></h2>'
    ]
    meta = [_row("SHA-256", f'<span class="mono">{escape(report.sha256 or "-")}</span>')]
    if report.revisions is not None:
        meta.append(_row(t("html.revisions"), str(report.revisions)))
    parts.append(f"<table>{''.join(meta)}</table>")
    if report.error:
        parts.append(f'<p class="problem">{escape(report.error)}</p>')
    parts += [f"<p>{escape(note)}</p>" for note in report.notes]
    total = len(report.signatures)
    shots = pictures.for_report(report, source)
    parts += [
        _signature(n, total, s, tz, shot)
        for n, (s, shot) in enumerate(zip(report.signatures, shots, strict=True), 1)
    ]
    return "".join(parts)


def render_html(
    reports: list[VerificationReport],
    *,
    at: datetime,
    tz: ZoneInfo,
    source: pictures.Source | None = None,
) -> str:
    """The whole page for one verification run. ``source`` gives each report's file bytes
    (e.g. :func:`esign.render.pictures.read_file`) for the before/after pictures of visible
    changes, inline as ``data:`` URIs; without it there are no pictures."""
    summary = wording.summary(reports)
    body = "".join(_file(r, tz, source) for r in reports)
    lang = get_language()
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{escape(t('html.title'))}</title><style>{_CSS}</style></head><body>"
        f"<h1>{escape(t('html.title'))}</h1>"
        f"<p>{escape(t('html.checked_at', when=_local(at, tz)))}</p>"
        f"<p><strong>{escape(summary)}</strong></p>{body}"
        f"<footer>{escape(t('html.footer', version=__version__))}</footer></body></html>\n"
    )
