"""One verification report as the page shows it: the four answers officers are taught to
check first (who signed, unchanged since signing, trusted time, long-term validation), then
a card per signature. Words only from the catalog and :mod:`esign.render.wording`, the same
phrasing as the terminal and the HTML report; no HTML here (the templates escape)."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from esign.i18n import t
from esign.models import (
    Level,
    Modifications,
    SignatureReport,
    Verdict,
    VerificationReport,
)
from esign.models import from_licensed_provider as _licensed
from esign.pki import format_nip
from esign.render import pictures, wording

_LTV = (Level.B_LT, Level.B_LTA)


@dataclass(frozen=True, slots=True, kw_only=True)
class Answer:
    """One of the four answers: a yes/no/unknown state and the sentences that explain it."""

    state: str
    """``yes``, ``no``, ``warn`` (missing, not wrong) or ``unknown``: the CSS class."""
    lines: tuple[str, ...]
    """What to read, one sentence each."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Signer:
    """Who signed: what the officer compares with the letter's signature block."""

    name: str
    nip: str | None
    position: str | None
    org: str | None
    issuer: str | None
    local_ca: bool
    """Uncertified, issued by an office's own CA (PP 71/2019 Pasal 60)."""
    caution: str | None
    """Why the name above is not established (a broken or unconfirmed signature)."""
    verdict: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Picture:
    """A visible change after signing: the region as signed and as it is now."""

    caption: str
    before: str
    """``data:image/png;base64,...``."""
    after: str
    same: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class Card:
    """One signature (or document timestamp), in signing order."""

    title: str
    verdict: str
    verdict_text: str
    signer: Signer | None
    rows: tuple[tuple[str, str], ...]
    problems: tuple[str, ...]
    changes: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportView:
    """Everything the report page shows."""

    file: str
    verdict: str
    verdict_text: str
    error: str | None
    notes: tuple[str, ...]
    signers: tuple[Signer, ...]
    answers: tuple[tuple[str, str, Answer], ...]
    """(key, question, answer) for ``unchanged``, ``time`` and ``ltv`` (who signed is
    :attr:`signers`); :attr:`changes` and :attr:`pictures` go with ``unchanged``."""
    changes: tuple[str, ...]
    pictures: tuple[Picture, ...]
    cards: tuple[Card, ...]
    sha256: str | None


def _data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


_CAUTION = {
    Verdict.INVALID: "web.signer.broken",
    Verdict.INDETERMINATE: "web.signer.unconfirmed",
}


def _signer(sig: SignatureReport) -> Signer:
    s = sig.signer
    cert = sig.signer_cert
    caution = _CAUTION.get(sig.verdict)
    return Signer(
        name=s.name or t("verify.unknown"),
        nip=format_nip(s.nip) if s.nip else None,
        position=s.title,
        org=s.org,
        issuer=wording.common_name(cert.issuer_dn) if cert else None,
        local_ca=wording.has_legal_standing(sig) and not _licensed(sig),
        caution=t(caution) if caution else None,
        verdict=sig.verdict.value,
    )


def _state(value: bool | None) -> str:
    return "unknown" if value is None else ("yes" if value else "no")


def _unchanged(sigs: list[SignatureReport]) -> Answer:
    states = [wording.unchanged(s) for s in sigs]
    if any(v is False for v in states):
        return Answer(state="no", lines=(t("web.unchanged.no"),))
    if any(v is None for v in states):
        return Answer(state="unknown", lines=(t("web.unchanged.unknown"),))
    allowed = any(s.modifications is not Modifications.NONE for s in sigs)
    return Answer(
        state="yes", lines=(t("web.unchanged.allowed" if allowed else "web.unchanged.yes"),)
    )


def _numbered(lines: list[str]) -> tuple[str, ...]:
    """One line when every signature has the same answer; else each numbered like the
    signers above it ("1. ...", "2. ...")."""
    if len(set(lines)) <= 1:
        return tuple(lines[:1])
    return tuple(f"{n}. {line}" for n, line in enumerate(lines, 1))


def _moot(sigs: list[SignatureReport]) -> Answer | None:
    """Time and long-term validation say nothing of a broken signature: that, when all are."""
    if all(s.verdict is Verdict.INVALID for s in sigs):
        return Answer(state="unknown", lines=(t("web.moot"),))
    return None


def _time(sigs: list[SignatureReport], tz: ZoneInfo) -> Answer:
    if (moot := _moot(sigs)) is not None:
        return moot
    lines = []
    for sig in sigs:
        ts = sig.timestamp
        if sig.verdict is Verdict.INVALID:
            lines.append(t("web.moot"))
        elif ts is not None and ts.valid:
            when = wording.local_time(ts.time, tz)
            tsa = wording.common_name(ts.tsa) if ts.tsa else t("verify.unknown")
            lines.append(t("web.time.yes", when=when, tsa=tsa))
        else:
            lines.append(t("web.time.no", when=wording.local_time(sig.signed_at, tz)))
    ok = all(s.timestamp is not None and s.timestamp.valid for s in sigs)
    return Answer(state="yes" if ok else "warn", lines=_numbered(lines))


def _ltv(sigs: list[SignatureReport]) -> Answer:
    if (moot := _moot(sigs)) is not None:
        return moot
    lines = []
    for sig in sigs:
        name = wording.level(sig) or t("verify.unknown")
        if sig.verdict is Verdict.INVALID:
            lines.append(t("web.moot"))
        else:
            lines.append(t("web.ltv.yes" if sig.level in _LTV else "web.ltv.no", level=name))
    ok = all(s.level in _LTV for s in sigs)
    return Answer(state="yes" if ok else "warn", lines=_numbered(lines))


def _rows(sig: SignatureReport, tz: ZoneInfo) -> tuple[tuple[str, str], ...]:
    rows = [
        (wording.signed_at_label(sig), wording.local_time(sig.signed_at, tz)),
        (t("verify.field.field"), sig.field),
        (t("verify.field.intact"), t("verify.yes" if sig.intact else "verify.no")),
        (t("verify.field.trusted"), t("verify.yes" if sig.trusted else "verify.no")),
        (t("verify.field.modifications"), wording.modifications(sig)),
        (t("verify.field.coverage"), t(f"verify.cov.{sig.coverage.value}")),
        (t("verify.field.revocation"), wording.revocation(sig, tz)),
    ]
    rows += [(t("verify.field.revocation"), line) for line in wording.revocation_failures(sig)]
    if (level := wording.level(sig)) is not None:
        rows.append((t("verify.field.level"), level))
    if sig.reason:
        rows.append((t("verify.field.reason"), sig.reason))
    if (delegation := wording.delegation(sig)) is not None:
        rows.append((t("verify.field.delegation"), delegation))
    if wording.has_legal_standing(sig):
        rows.append((t("verify.field.certified"), wording.legal_standing(sig)))
    if sig.signer_cert is not None:
        rows.append((t("verify.field.issuer"), sig.signer_cert.issuer_dn))
        rows.append((t("col.fingerprint"), sig.signer_cert.fingerprint))
    rows.append((t("verify.field.indication"), wording.indication(sig)))
    return tuple(rows)


def _card(n: int, total: int, sig: SignatureReport, tz: ZoneInfo) -> Card:
    key = "verify.timestamp_n" if sig.kind == "timestamp" else "verify.signature_n"
    return Card(
        title=t(key, n=n, total=total),
        verdict=sig.verdict.value,
        verdict_text=t(f"verify.verdict.{sig.verdict.value}"),
        signer=_signer(sig) if sig.kind == "signature" else None,
        rows=_rows(sig, tz),
        problems=tuple(sig.problems),
        changes=tuple(wording.changes(sig)),
    )


def _pictures(report: VerificationReport, data: bytes | None) -> tuple[Picture, ...]:
    """The pictured changes after the first signature that has any (it sees them all)."""
    for shots in pictures.for_report(report, (lambda _r: data) if data else None):
        if shots.shown:
            return tuple(
                Picture(
                    caption=shot.caption,
                    before=_data_uri(shot.before),
                    after=_data_uri(shot.after),
                    same=shot.same,
                )
                for shot in shots.shown
            )
    return ()


def report_view(report: VerificationReport, tz: ZoneInfo, data: bytes | None) -> ReportView:
    """The page's view of ``report``; ``data`` (the file verified) makes the pictures."""
    sigs = list(report.signatures)
    people = [s for s in sigs if s.kind == "signature"]
    answers: tuple[tuple[str, str, Answer], ...] = ()
    if sigs:
        answers = (
            ("unchanged", t("web.a.unchanged"), _unchanged(sigs)),
            ("time", t("web.a.time"), _time(people or sigs, tz)),
            ("ltv", t("web.a.ltv"), _ltv(people or sigs)),
        )
    changed = [line for s in sigs for line in wording.changes(s) if wording.unchanged(s) is False]
    verdict = report.verdict.value
    return ReportView(
        file=report.file,
        verdict=verdict,
        verdict_text=t(f"verify.verdict.{verdict}"),
        error=report.error,
        notes=tuple(report.notes),
        signers=tuple(_signer(s) for s in people),
        answers=answers,
        changes=tuple(dict.fromkeys(changed)),
        pictures=_pictures(report, data) if report.verdict is not Verdict.ERROR else (),
        cards=tuple(_card(n, len(sigs), s, tz) for n, s in enumerate(sigs, 1)),
        sha256=report.sha256,
    )
