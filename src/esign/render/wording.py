"""Plain-language phrasing shared by every human-facing renderer (terminal, HTML, PDF).

No rich, no HTML: only sentences from the catalog, so both reports say the same thing.
"""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from esign.i18n import get_language, t, tn
from esign.i18n.formats import format_datetime
from esign.models import (
    ChangeKind,
    ChangeNote,
    ChangePlace,
    Level,
    Modifications,
    SignatureReport,
    Verdict,
    VerificationReport,
    from_licensed_provider,
)


def local_time(value: datetime | None, tz: ZoneInfo) -> str:
    """``12 Maret 2026 pukul 09.15.02 WIB`` / ``12 March 2026, 09:15:02 WIB``: the one date
    style (:func:`esign.i18n.formats.format_datetime`) in the current language, with seconds."""
    if value is None:
        return t("verify.unknown")
    return format_datetime(value, tz, get_language(), seconds=True)


def has_legal_standing(sig: SignatureReport) -> bool:
    """Whether to say certified/uncertified at all: only for an electronic signature that is
    not broken (an invalid signature has no legal force to describe)."""
    return (
        sig.kind == "signature"
        and sig.signer_cert is not None
        and sig.verdict in (Verdict.VALID, Verdict.CHANGED, Verdict.INDETERMINATE)
    )


def unchanged(sig: SignatureReport) -> bool | None:
    """The answer to "unchanged since signing?": never yes when a visible or disallowed
    change follows, unknown when the later revisions could not be analysed."""
    if not sig.intact or sig.modifications in (Modifications.VISIBLE, Modifications.DISALLOWED):
        return False
    if sig.modifications is Modifications.UNKNOWN:
        return None
    return True


def signed_at_label(sig: SignatureReport) -> str:
    """A document timestamp's time is the time-stamp authority's, not the signer's clock."""
    return t("verify.field.tsa_time" if sig.kind == "timestamp" else "verify.field.signed_at")


def legal_standing(sig: SignatureReport) -> str:
    """Certified (licensed provider) or uncertified, in plain words (PP 71/2019 Pasal 60)."""
    if from_licensed_provider(sig):
        return t("verify.certified_yes", root=sig.chain[-1])
    issuer = sig.signer_cert.issuer_dn if sig.signer_cert else t("verify.unknown")
    return t("verify.certified_note", issuer=issuer)


def summary(reports: list[VerificationReport]) -> str:
    """``3 files: 2 valid, 1 invalid, ...`` for several files."""
    counts = {v.value: sum(r.verdict is v for r in reports) for v in Verdict}
    # "valid, but changed after signing" is counted on its own only when it happened
    return tn(
        "verify.summary_changed" if counts["changed"] else "verify.summary",
        len(reports),
        changed=counts["changed"],
        files=len(reports),
        valid=counts["valid"],
        invalid=counts["invalid"],
        indeterminate=counts["indeterminate"],
        unsigned=counts["unsigned"],
        error=counts["error"],
    )


def indication(sig: SignatureReport) -> str:
    """``TOTAL_FAILED / HASH_FAILURE``."""
    sub = f" / {sig.sub_indication.value}" if sig.sub_indication else ""
    return sig.indication.value + sub


def change(note: ChangeNote) -> str:
    """One change after signing in the user's language: what, then where."""
    what = t(f"change.kind.{note.kind.value}")
    if note.place is ChangePlace.NONE:
        return what
    where = tn(
        f"change.at.{note.place.value}",
        note.pages_when_signed or 0,  # "1 page when signed" / "2 pages when signed"
        page=note.page if note.page is not None else "?",
        target=note.target or "?",
        object=note.object_number if note.object_number is not None else "?",
        signed=note.pages_when_signed if note.pages_when_signed is not None else "?",
        now=note.pages_now if note.pages_now is not None else "?",
    )
    return t("change.line", what=what, where=where)


def changes(sig: SignatureReport) -> list[str]:
    """Every change after ``sig`` in the user's language (the English notes of a report
    that carries no structured changes, as they are)."""
    if sig.changes:
        return [change(note) for note in sig.changes]
    return list(sig.modification_details)


def revocation(sig: SignatureReport, tz: ZoneInfo) -> str:
    """``not revoked (answer from this office's store) · policy hard-fail``."""
    text = t(f"verify.rev.{sig.revocation.value}")
    if sig.revoked_at is not None:
        text += " " + t("verify.rev.since", when=local_time(sig.revoked_at, tz))
    if sig.revocation_source:
        text += f" ({t('verify.rev.source.' + sig.revocation_source)})"
    if sig.revocation_policy is not None:
        text += " · " + t("verify.rev.policy", policy=sig.revocation_policy.value)
    return text


_NAMED_SOURCES = ("embedded", "store", "offline", "online", "chain")


def revocation_failures(sig: SignatureReport) -> list[str]:
    """One line per revocation source that gave no answer: which one, and why."""
    lines = []
    for failure in sig.revocation_failures:
        source = failure.source
        if source in _NAMED_SOURCES:
            source = t(f"revocation.source.{source}")
        what = t(f"revocation.failure.{failure.kind.value}", source=source)
        if failure.detail and failure.source not in ("online", "chain"):
            what += f" ({failure.detail})"
        lines.append(t("revocation.failure.line", cert=common_name(failure.certificate), what=what))
    return lines


def common_name(dn: str) -> str:
    """The CN of an RFC 4514 name (``CN=Budi Santoso\\, S.Kom.,O=...`` → ``Budi Santoso,
    S.Kom.``), or the whole name when it has none: what a person recognises."""
    for part in re.split(r"(?<!\\),", dn):
        if part.upper().startswith("CN="):
            return re.sub(r"\\(.)", r"\1", part[3:])
    return dn


def level(sig: SignatureReport) -> str | None:
    """``PAdES-B-T``; for a signature that is not PAdES baseline, "none" and why."""
    if sig.level is None:
        return None
    if sig.level is Level.NONE:
        reason = sig.level_reason.text() if sig.level_reason is not None else ""
        return f"{t('verify.level.none')}: {reason}" if reason else t("verify.level.none")
    return f"PAdES-{sig.level.value}"


def modifications(sig: SignatureReport) -> str:
    """What changed after signing, in words; unknown (not "none") when the signed bytes
    themselves do not match: nothing can be said of a revision that is not the one signed."""
    if not sig.intact:
        return t("verify.mod.not_analysed")
    return t(f"verify.mod.{sig.modifications.value}")


_SUBJECTS = {
    "/Square": "square",
    "/Circle": "circle",
    "/FreeText": "freetext",
    "/Stamp": "stamp",
    "/Text": "text",
    "/Ink": "ink",
    "/Line": "line",
    "/Highlight": "highlight",
    "/Link": "link",
    "/Widget": "widget",
}
_PICTURED = (
    ChangeKind.ANNOTATION_COVERS,
    ChangeKind.ANNOTATION_CHANGED,
    ChangeKind.ANNOTATION_REMOVED,
    ChangeKind.FIELD_CHANGED,
    ChangeKind.FIELD_DEFAULT_FILLED,
    ChangeKind.PAGE_CONTENT,
    ChangeKind.PAGE_RESOURCES,
    ChangeKind.PAGE_GEOMETRY,
)


def _subject(note: ChangeNote) -> str:
    """The thing changed: a form field by its name, an annotation by its kind."""
    if note.place in (ChangePlace.FIELD, ChangePlace.FIELD_VALUE):
        return t("picture.subject.field", name=note.target or "?")
    subtype = note.target or ""
    known = _SUBJECTS.get(subtype)
    if known is not None:
        return t(f"picture.subject.{known}")
    return t("picture.subject.annotation", kind=subtype.lstrip("/") or "?")


def picture_caption(note: ChangeNote) -> str:
    """``Halaman 1: Anotasi kotak ditambahkan setelah ditandatangani``: the page and what
    happened there, for the picture of a visible change."""
    kind = note.kind.value if note.kind in _PICTURED else "other"
    what = t(f"picture.what.{kind}", subject=_subject(note))
    return t("picture.caption", page=note.page if note.page is not None else "?", what=what)


def delegation(sig: SignatureReport) -> str | None:
    """``a.n. Bupati Jember (confirmed by this office's roles)``; None without a claim."""
    if sig.delegation is None:
        return None
    d = sig.delegation
    return t(f"verify.delegation.{d.status.value}", statement=d.statement)


def page_list(pages: tuple[int, ...]) -> str:
    """``1–5`` / ``1, 3, 5–7``: page numbers with runs joined."""
    runs: list[list[int]] = []
    for page in sorted(set(pages)):
        if runs and page == runs[-1][-1] + 1:
            runs[-1].append(page)
        else:
            runs.append([page])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)


def shown_on(sig: SignatureReport) -> str | None:
    """The pages of a signature shown on several (a paraf on every page), else None."""
    if len(sig.pages) < 2:
        return None
    return t("verify.paraf.pages", pages=page_list(sig.pages), count=len(sig.pages))
