"""``--repair``: rewrite a letter once, before its first signature, so pre-flight passes.

pypdf reads the file (through the cross-reference streams where a hybrid file has both,
as PDF 1.5 readers do), and writes it anew: one classic cross-reference table that every
reader resolves the same way, no object streams, no encryption (a file that opens without
a password), no JavaScript or risky actions, no XFA (a static form keeps its ordinary
fields). What changed is returned as codes (``repair.<code>`` in the catalog). A file that
is already signed is never repaired: the rewrite would break its signatures.
"""

from __future__ import annotations

import io
import logging
from typing import Any

from esign.errors import EsignError, PdfInputError, PreflightError
from esign.preflight import Code, PreflightReport, check, scan

log = logging.getLogger(__name__)


class Repair:
    """Stable identifiers of what a repair changed (JSON ``repaired``)."""

    REWRITTEN = "rewritten"
    DECRYPTED = "decrypted"
    SCRIPTS_REMOVED = "scripts_removed"
    OPEN_ACTION_REMOVED = "open_action_removed"
    XFA_REMOVED = "xfa_removed"


def repair(report: PreflightReport, raw: bytes) -> tuple[bytes, tuple[str, ...]]:
    """The bytes of the file ``report`` describes, rewritten; and what changed.

    Raises :class:`PreflightError` for a signed file, or one whose refusals a rewrite
    cannot settle (a password, a dynamic XFA form); and if the rewrite still does not pass.
    """
    check_repairable(report)
    try:
        data, changes = _rewrite(raw, {f.code for f in report.refused})
    except scan.READ_ERRORS as e:
        raise PreflightError(
            "preflight.repair_failed",
            hint_key="preflight.hint.author",
            file=report.file,
            detail=str(e) or type(e).__name__,
        ) from e
    after = check(report.file, data)
    if not after.ok:
        log.debug("repair of %s left %s", report.file, [f.code for f in after.refused])
        raise refusal(after)
    return data, changes


def _rewrite(raw: bytes, codes: set[Code]) -> tuple[bytes, tuple[str, ...]]:
    from pypdf import PdfReader, PdfWriter

    changes = [Repair.REWRITTEN]
    reader = PdfReader(io.BytesIO(raw), strict=False)
    if reader.is_encrypted:
        reader.decrypt("")
        changes.append(Repair.DECRYPTED)
    writer = PdfWriter(clone_from=reader)
    if Code.OPEN_ACTION in codes and _drop_open_action(writer):
        changes.append(Repair.OPEN_ACTION_REMOVED)
    if Code.JAVASCRIPT in codes and _drop_scripts(writer):
        changes.append(Repair.SCRIPTS_REMOVED)
    if Code.XFA in codes and _drop_xfa(writer):
        changes.append(Repair.XFA_REMOVED)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), tuple(changes)


def check_repairable(report: PreflightReport) -> None:
    """Raise what stops a rewrite of the file ``report`` describes: a signature in its
    bytes (a rewrite would break it), or a refusal one rewrite cannot settle."""
    if report.looks_signed:
        raise PreflightError(
            "preflight.signed_no_repair", hint_key="preflight.hint.signed", file=report.file
        )
    if not report.repairable:
        raise refusal(report)


def refusal(report: PreflightReport) -> EsignError:
    """The refusal of the worst finding, with its words: a file no reader opens, or one
    locked by a password, stays the input error it always was (exit 6); the others are a
    :class:`PreflightError` (exit 21)."""
    first = report.refused[0]
    if first.code is Code.UNREADABLE:
        detail = first.params.get("detail", "?")
        return PdfInputError(
            "pdf.damaged", hint_key="pdf.damaged.hint", file=report.file, detail=detail
        )
    if first.code is Code.ENCRYPTED_PASSWORD:
        return PdfInputError("pdf.encrypted", hint_key="pdf.encrypted.hint", file=report.file)
    hint = "preflight.hint.repair" if report.repairable else "preflight.hint.author"
    return PreflightError(
        f"preflight.refused.{first.code.value}", hint_key=hint, file=report.file, **first.params
    )


def _drop_open_action(writer: Any) -> bool:
    from pypdf.generic import NameObject

    root = writer.root_object
    action = root.get("/OpenAction")
    if action is None or not hasattr(action.get_object(), "get"):
        return False
    del root[NameObject("/OpenAction")]
    return True


def _drop_scripts(writer: Any) -> bool:
    from pypdf.generic import NameObject

    dropped = False
    root = writer.root_object
    names = root.get("/Names")
    if names is not None and "/JavaScript" in names.get_object():
        del names.get_object()[NameObject("/JavaScript")]
        dropped = True
    if "/AA" in root:
        del root[NameObject("/AA")]
        dropped = True
    for node in _nodes(writer):
        if "/AA" in node:
            del node[NameObject("/AA")]
            dropped = True
        if "/A" in node and str(node["/A"].get_object().get("/S")) in scan.RISKY_ACTIONS:
            del node[NameObject("/A")]
            dropped = True
    return dropped


def _nodes(writer: Any) -> list[Any]:
    nodes: list[Any] = []
    for page in writer.pages:
        nodes.append(page)
        nodes += [a.get_object() for a in page.get("/Annots") or ()]
    nodes += list(scan.fields(writer))
    return nodes


def _drop_xfa(writer: Any) -> bool:
    from pypdf.generic import NameObject

    root = writer.root_object
    form = root.get("/AcroForm")
    if form is None or "/XFA" not in form.get_object():
        return False
    del form.get_object()[NameObject("/XFA")]
    if "/NeedsRendering" in root:
        del root[NameObject("/NeedsRendering")]
    return True
