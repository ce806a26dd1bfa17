"""Rendering for people at a terminal (rich). The only module outside cli/ that imports rich.

Every value that came from outside (a certificate's names, a PDF's reason or location, a file
name, an error quoting either) is shown through :func:`esign.sanitize.clean` inside a ``Text``,
which rich never reads as markup: a CN of ``[bold green]VALID[/]`` or one carrying ESC
sequences prints literally. The CLI's consoles (:mod:`esign.cli.console`) are the backstop for
every other string.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from esign.i18n import t
from esign.models import (
    CertInfo,
    Level,
    SignatureReport,
    TrustAnchor,
    Verdict,
    VerificationReport,
)
from esign.pki import format_nip
from esign.render import wording
from esign.sanitize import clean
from esign.store.records import RoleGrant


def _safe(value: object, style: str = "") -> Text:
    """An outside value as one line of literal text (never markup, never a control)."""
    return Text(clean(value), style=style)


# --- people -----------------------------------------------------------------------------------

_VERDICT_STYLE = {
    Verdict.VALID: "bold white on green",
    Verdict.CHANGED: "bold black on yellow",
    Verdict.INVALID: "bold white on red",
    Verdict.INDETERMINATE: "bold black on yellow",
    Verdict.UNSIGNED: "bold white on blue",
    Verdict.ERROR: "bold white on magenta",
}


def local_time(value: datetime | None, tz: ZoneInfo) -> str:
    """``12 Maret 2026 pukul 09.15.02 WIB`` (see :func:`wording.local_time`)."""
    return wording.local_time(value, tz)


def _yes_no(value: bool | None) -> Text:
    if value is None:
        return Text(t("verify.unknown"), style="yellow")
    return Text(t("verify.yes"), style="green") if value else Text(t("verify.no"), style="red")


def _timestamp_text(sig: SignatureReport, tz: ZoneInfo) -> Text:
    """Whether a trusted time exists, when, and from which TSA."""
    ts = sig.timestamp
    if ts is None:
        return Text(t("verify.no_timestamp"), style="yellow")
    when = local_time(ts.time, tz)
    tsa = clean(ts.tsa) or t("verify.unknown")
    if ts.valid:
        return Text(t("verify.timestamp_ok", when=when, tsa=tsa), style="green")
    return Text(t("verify.timestamp_bad", when=when, tsa=tsa), style="red")


def _revocation_text(sig: SignatureReport, tz: ZoneInfo) -> Text:
    """good / REVOKED on … / unknown / not checked, where the answer came from, the policy."""
    style = {"good": "green", "revoked": "bold red"}.get(sig.revocation.value, "yellow")
    return _safe(wording.revocation(sig, tz), style=style)


def _signature_table(sig: SignatureReport, tz: ZoneInfo) -> Table:
    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    s = sig.signer
    # The four questions offices are told to check come first.
    table.add_row(t("verify.q.signer"), _safe(s.name or t("verify.unknown"), style="bold"))
    unchanged = wording.unchanged(sig)
    table.add_row(t("verify.q.unchanged"), _yes_no(unchanged))
    table.add_row(t("verify.q.timestamp"), _timestamp_text(sig, tz))
    table.add_row(t("verify.q.ltv"), _yes_no(sig.level in (Level.B_LT, Level.B_LTA)))
    table.add_row("", "")
    if s.nip:
        table.add_row(t("verify.field.nip"), _safe(format_nip(s.nip)))
    if s.title:
        table.add_row(t("verify.field.title"), _safe(s.title))
    if s.org:
        table.add_row(t("verify.field.org"), _safe(s.org))
    if sig.signer_cert is not None:
        table.add_row(t("verify.field.issuer"), _safe(sig.signer_cert.issuer_dn))
    table.add_row(wording.signed_at_label(sig), local_time(sig.signed_at, tz))
    table.add_row(t("verify.field.field"), _safe(sig.field))
    if (pages := wording.shown_on(sig)) is not None:  # a paraf on every page
        table.add_row(t("verify.field.pages"), pages)
    table.add_row(t("verify.field.intact"), _yes_no(sig.intact))
    table.add_row(t("verify.field.crypto"), _yes_no(sig.crypto_valid))
    table.add_row(t("verify.field.trusted"), _yes_no(sig.trusted))
    table.add_row(t("verify.field.cert_valid"), _yes_no(sig.cert_valid_at_signing))
    mod_style = {
        "none": "green",
        "allowed": "green",
        "visible": "bold yellow",
        "disallowed": "bold red",
        "unknown": "yellow",
    }
    table.add_row(
        t("verify.field.modifications"),
        Text(wording.modifications(sig), style=mod_style[sig.modifications]),
    )
    for line in wording.changes(sig):  # grouped under "Changes after signing"
        table.add_row("", _safe("  • " + line, style=mod_style[sig.modifications]))
    table.add_row(t("verify.field.coverage"), t(f"verify.cov.{sig.coverage.value}"))
    table.add_row(t("verify.field.revocation"), _revocation_text(sig, tz))
    for line in wording.revocation_failures(sig):  # names a certificate and a URL: outside text
        table.add_row("", _safe("  • " + line, style="yellow"))
    if sig.level is not None:
        table.add_row(t("verify.field.level"), wording.level(sig) or "")
    if sig.reason:
        table.add_row(t("verify.field.reason"), _safe(sig.reason))
    if (delegation := wording.delegation(sig)) is not None:
        style = {"confirmed": "green", "not_confirmed": "bold red"}
        status = sig.delegation.status.value if sig.delegation else ""
        table.add_row(t("verify.field.delegation"), _safe(delegation, style.get(status, "yellow")))
    if wording.has_legal_standing(sig):
        table.add_row(t("verify.field.certified"), _safe(wording.legal_standing(sig)))
    table.add_row(t("verify.field.indication"), wording.indication(sig))
    for problem in sig.problems:
        table.add_row("", _safe("• " + problem, style="red"))
    return table


def render_verification(console: Console, report: VerificationReport, tz: ZoneInfo) -> None:
    """The terminal report for one file."""
    badge = Text(
        f" {t('verify.verdict.' + report.verdict.value)} ", style=_VERDICT_STYLE[report.verdict]
    )
    console.print(_safe(report.file, style="bold"), badge)
    if report.error:
        console.print(_safe(report.error, style="red"))
    for note in report.notes:
        console.print(_safe(note, style="yellow"))
    total = len(report.signatures)
    for n, sig in enumerate(report.signatures, start=1):
        key = "verify.timestamp_n" if sig.kind == "timestamp" else "verify.signature_n"
        title = f"{t(key, n=n, total=total)}: {t('verify.verdict.' + sig.verdict.value)}"
        console.print(
            Panel(
                _signature_table(sig, tz),
                title=title,
                title_align="left",
                border_style=_VERDICT_STYLE[sig.verdict].split()[-1],
            )
        )


def render_summary(console: Console, reports: list[VerificationReport]) -> None:
    """One line counting verdicts, for several files."""
    console.print(wording.summary(reports))


def _status_text(info: CertInfo) -> Text:
    style = {"active": "green", "revoked": "red", "expired": "red", "not_yet_valid": "yellow"}
    return Text(t(f"status.{info.status.value}"), style=style[info.status.value])


_UNBROKEN = frozenset({"col.id", "col.kind", "col.nip", "col.status"})
_MIN_WIDTH = {"col.nip": len("19850315 201001 1 002"), "col.not_after": len("03-12-2028")}


def render_cert_list(console: Console, certs: list[CertInfo], tz: ZoneInfo) -> None:
    """The ``esign cert list`` table."""
    if not certs:
        console.print(t("empty.certs"))
        return
    table = Table()
    for key in (
        "col.id",
        "col.kind",
        "col.name",
        "col.nip",
        "col.title",
        "col.not_after",
        "col.status",
    ):
        # a NIP (and an id, a kind, a status) is never broken across lines: the names,
        # positions and dates shrink and wrap instead
        table.add_column(
            t(key), no_wrap=key in _UNBROKEN, min_width=_MIN_WIDTH.get(key), overflow="fold"
        )
    for c in certs:
        table.add_row(
            _safe(c.id),
            t(f"kind.{c.kind.value}"),
            _safe(c.subject.name),
            _safe(format_nip(c.subject.nip) if c.subject.nip else ""),
            _safe(c.subject.title),
            local_time(c.not_after, tz),
            _status_text(c),
        )
    console.print(table)


def render_cert(console: Console, c: CertInfo, tz: ZoneInfo) -> None:
    """The ``esign cert show`` table."""
    table = Table(show_header=False, box=None)
    table.add_column(style="bold")
    table.add_column()
    s = c.subject
    rows = [
        ("col.id", c.id),
        ("col.kind", t(f"kind.{c.kind.value}")),
        ("col.name", s.name),
        ("col.nip", format_nip(s.nip) if s.nip else None),
        ("col.title", s.title),
        ("col.rank", c.rank),
        ("col.org", s.org),
        ("col.unit", s.unit),
        ("col.email", s.email),
        ("col.subject", c.subject_dn),
        ("col.issuer", c.issuer_dn),
        ("col.serial", c.serial),
        ("col.not_before", local_time(c.not_before, tz)),
        ("col.not_after", local_time(c.not_after, tz)),
        ("col.key", c.key_type),
        ("col.key_in_store", t("verify.yes") if c.has_key else t("verify.no")),
        ("col.fingerprint", c.fingerprint),
    ]
    for key, value in rows:
        if value:
            table.add_row(t(key), _safe(value))
    table.add_row(t("col.status"), _status_text(c))
    console.print(table)


def render_trust(console: Console, anchors: list[TrustAnchor], tz: ZoneInfo) -> None:
    """The ``esign trust list`` table."""
    if not anchors:
        console.print(t("empty.trust"))
        return
    table = Table()
    for key in ("col.subject", "col.not_after", "col.source", "col.fingerprint"):
        table.add_column(t(key))
    for a in anchors:
        table.add_row(
            _safe(a.subject_dn), local_time(a.not_after, tz), _safe(a.source), a.fingerprint
        )
    console.print(table)


def render_settings(console: Console, rows: list[tuple[str, str | None, str]]) -> None:
    """The ``esign config list`` table: setting, value, origin."""
    table = Table()
    for key in ("col.setting", "col.value", "col.origin"):
        table.add_column(t(key))
    for key, value, origin in rows:
        table.add_row(key, _safe(value), _safe(origin))
    console.print(table)


def render_log(console: Console, entries: list[Any], tz: ZoneInfo) -> None:
    """The ``esign log`` table."""
    table = Table()
    for key in ("col.seq", "col.time", "col.action", "col.identity", "col.subject"):
        table.add_column(t(key))
    for e in entries:
        table.add_row(
            str(e.seq), local_time(e.at, tz), _safe(e.action), _safe(e.identity), _safe(e.subject)
        )
    console.print(table)


@dataclass(frozen=True, slots=True)
class RoleRow:
    """One ``esign role list`` row: the grant, its days and its state, already in words."""

    grant: RoleGrant
    window: str
    state: str


def render_role_list(console: Console, rows: list[RoleRow]) -> None:
    """The ``esign role list`` table."""
    if not rows:
        console.print(t("role.none"))
        return
    table = Table()
    for key in ("col.grant", "col.id", "col.post", "col.may_sign_for", "col.role_days"):
        table.add_column(t(key), no_wrap=key in ("col.grant", "col.id"), overflow="fold")
    table.add_column(t("col.role_state"), no_wrap=True)
    for row in rows:
        g = row.grant
        post = f"{g.acting.prefix} {g.post}" if g.acting else g.post
        table.add_row(
            str(g.id),
            _safe(g.identity_id),
            _safe(post),
            _safe(g.may_sign_for or ""),
            _safe(row.window),
            row.state,
        )
    console.print(table)
