"""Pre-flight: what in a letter must be settled before its first signature (issue 16).

A signature freezes the file's bytes. What readers may show differently (a broken or
hybrid cross-reference, object streams two readers resolve differently, an XFA form), what
runs by itself (JavaScript, an action when the letter opens), what locks it (encryption)
and what a printout depends on (fonts not embedded) must be found before the first
signature: afterwards a rewrite breaks the signatures. :func:`check` finds them with pypdf
and a scan of the raw bytes; :mod:`esign.preflight.repair` rewrites the file once.

Each finding has a ``severity``: ``refuse`` (signing stops unless it is repaired), ``warn``
(reported, signing goes on) or ``info`` (a PDF/A claim, and whether esign's signature keeps
it), and says whether ``--repair`` can settle it. Pure domain: no printing, no words.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from esign.preflight import scan

log = logging.getLogger(__name__)


class Severity(StrEnum):
    REFUSE = "refuse"
    """Signing stops (exit 21) unless ``--repair`` settles it."""
    WARN = "warn"
    """Reported; signing goes on."""
    INFO = "info"
    """A fact about the file (a PDF/A claim)."""


class Code(StrEnum):
    """Stable identifiers of the findings (JSON ``code``; words: ``preflight.<code>``)."""

    UNREADABLE = "unreadable"
    ENCRYPTED = "encrypted"
    ENCRYPTED_PASSWORD = "encrypted_password"
    XREF_BROKEN = "xref_broken"
    XREF_HYBRID = "xref_hybrid"
    XREF_HYBRID_AGREES = "xref_hybrid_agrees"
    OBJSTM_DISAGREE = "objstm_disagree"
    JAVASCRIPT = "javascript"
    OPEN_ACTION = "open_action"
    XFA = "xfa"
    XFA_DYNAMIC = "xfa_dynamic"
    FONTS_NOT_EMBEDDED = "fonts_not_embedded"
    PDFA = "pdfa"


SEVERITY: dict[Code, Severity] = {
    Code.UNREADABLE: Severity.REFUSE,
    Code.ENCRYPTED: Severity.REFUSE,
    Code.ENCRYPTED_PASSWORD: Severity.REFUSE,
    Code.XREF_BROKEN: Severity.REFUSE,
    Code.XREF_HYBRID: Severity.REFUSE,
    Code.XREF_HYBRID_AGREES: Severity.REFUSE,
    Code.OBJSTM_DISAGREE: Severity.REFUSE,
    Code.JAVASCRIPT: Severity.REFUSE,
    Code.OPEN_ACTION: Severity.REFUSE,
    Code.XFA: Severity.REFUSE,
    Code.XFA_DYNAMIC: Severity.REFUSE,
    Code.FONTS_NOT_EMBEDDED: Severity.WARN,
    Code.PDFA: Severity.INFO,
}
REPAIRABLE = frozenset(
    {
        Code.ENCRYPTED,
        Code.XREF_BROKEN,
        Code.XREF_HYBRID,
        Code.XREF_HYBRID_AGREES,
        Code.OBJSTM_DISAGREE,
        Code.JAVASCRIPT,
        Code.OPEN_ACTION,
        Code.XFA,
    }
)
"""What one rewrite settles; the others need the author (a password, fonts, a form)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    """One thing pre-flight found."""

    code: Code
    """What was found (``preflight.<code>`` in the catalog is the sentence)."""
    severity: Severity
    """``refuse``, ``warn`` or ``info``."""
    repairable: bool
    """``--repair`` settles it (on a file not yet signed)."""
    params: Mapping[str, str | int] = field(default_factory=dict)
    """Values the sentence names (``detail``, ``count`` (an int), ``fonts``, ``claim``...)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class PreflightReport:
    """What :func:`check` found in one file."""

    file: Path
    """The file checked."""
    signatures: int
    """Signed signature fields already in the file (0: the first signature is still to
    come; later signatures are never refused for what pre-flight finds)."""
    looks_signed: bool = False
    """The bytes hold a signature's ``/ByteRange`` (even where no signed field is found):
    such a file is never rewritten."""
    findings: tuple[Finding, ...]
    """Worst first: ``refuse``, then ``warn``, then ``info``."""
    pdfa: str | None = None
    """The PDF/A claim of the file's XMP metadata (``2B``, ``1A``...), or None."""
    pdfa_kept: bool | None = None
    """Whether an esign signature keeps that claim; None without a claim."""

    @property
    def refused(self) -> tuple[Finding, ...]:
        """The findings that stop signing."""
        return tuple(f for f in self.findings if f.severity is Severity.REFUSE)

    @property
    def ok(self) -> bool:
        """Nothing stops signing."""
        return not self.refused

    @property
    def repairable(self) -> bool:
        """One ``--repair`` settles every refusal (and the file is not signed yet)."""
        return not self.looks_signed and all(f.repairable for f in self.refused)

    @property
    def engine_decides(self) -> bool:
        """pypdf could not read the file, and nothing else stops it: the signing engine's
        own reading (and the input limits) say what is wrong, or sign it."""
        return {f.code for f in self.refused} == {Code.UNREADABLE}

    @property
    def stops_signing(self) -> bool:
        """A first signature is refused (a later one never is: see ``signatures``)."""
        return self.signatures == 0 and not self.ok


def finding(code: Code, **params: object) -> Finding:
    return Finding(
        code=code,
        severity=SEVERITY[code],
        repairable=code in REPAIRABLE,
        params={k: v if isinstance(v, int) else str(v) for k, v in params.items()},
    )


def check(path: Path, data: bytes | None = None) -> PreflightReport:
    """Pre-flight of the PDF at ``path`` (its bytes ``data`` when already read)."""
    raw = path.read_bytes() if data is None else data
    found: list[Finding] = []
    reader, problem = scan.open_reader(raw)
    if reader is None:
        found.append(finding(Code.UNREADABLE, detail=problem or "?"))
        return _report(path, raw, None, found)
    if reader.is_encrypted:
        if not scan.opens_without_password(reader):
            found.append(finding(Code.ENCRYPTED_PASSWORD))
            return _report(path, raw, None, found)
        found.append(finding(Code.ENCRYPTED, detail=scan.encryption_name(reader)))
    try:
        found += _scan(reader, raw, problem)
    except scan.READ_ERRORS as e:  # pypdf cannot walk it: what the raw bytes name
        log.debug("pre-flight of %s stopped: %r", path, e)
        scripts, xfa = scan.named_in_bytes(raw)  # scripts and XFA are refused even then
        found += [finding(Code.JAVASCRIPT, count=scripts)] if scripts else []
        found += [finding(Code.XFA)] if xfa else []
        found.append(finding(Code.UNREADABLE, detail=str(e) or type(e).__name__))
    return _report(path, raw, reader, found)


def _scan(reader: Any, raw: bytes, problem: str | None) -> list[Finding]:
    found: list[Finding] = []
    if problem is not None:
        found.append(finding(Code.XREF_BROKEN, detail=problem))
    if scan.hybrid_offsets(raw) and problem is None:
        conflicts = scan.hybrid_conflicts(raw, reader)
        if conflicts is None:
            found.append(finding(Code.XREF_BROKEN, detail="/XRefStm"))
        elif conflicts:
            numbers = ", ".join(str(n) for n in conflicts[:5])
            found.append(finding(Code.XREF_HYBRID, count=len(conflicts), objects=numbers))
        else:
            found.append(finding(Code.XREF_HYBRID_AGREES))
    if disagree := scan.objstm_disagreements(reader, raw):
        numbers = ", ".join(str(n) for n in disagree[:5])
        found.append(finding(Code.OBJSTM_DISAGREE, count=len(disagree), objects=numbers))
    found += _actions(reader)
    found += _xfa(reader)
    fonts = scan.fonts_not_embedded(reader)
    if fonts:
        names = ", ".join(sorted(fonts)[:6]) + (", …" if len(fonts) > 6 else "")
        found.append(finding(Code.FONTS_NOT_EMBEDDED, count=len(fonts), fonts=names))
    return found


def _report(path: Path, raw: bytes, reader: Any, found: list[Finding]) -> PreflightReport:
    claim = scan.pdfa_claim(reader) if reader is not None else None
    kept: bool | None = None
    if claim is not None:
        kept = not any(f.code is Code.ENCRYPTED for f in found)
        part = claim[0]
        found.append(finding(Code.PDFA, part=part, claim=claim, kept="yes" if kept else "no"))
    order = {Severity.REFUSE: 0, Severity.WARN: 1, Severity.INFO: 2}
    found.sort(key=lambda f: order[f.severity])
    return PreflightReport(
        file=path,
        signatures=scan.signature_count(reader),
        looks_signed=scan.looks_signed(raw),
        findings=tuple(found),
        pdfa=claim,
        pdfa_kept=kept,
    )


def _actions(reader: Any) -> Iterator[Finding]:
    actions = scan.active_content(reader)
    if actions.open_action is not None:
        yield finding(Code.OPEN_ACTION, action=actions.open_action)
    if actions.javascript:
        yield finding(Code.JAVASCRIPT, count=actions.javascript)


def _xfa(reader: Any) -> Iterator[Finding]:
    xfa = scan.xfa_kind(reader)
    if xfa == "dynamic":
        yield finding(Code.XFA_DYNAMIC)
    elif xfa == "static":
        yield finding(Code.XFA)
