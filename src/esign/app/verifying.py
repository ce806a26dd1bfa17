"""Verification as a use case: the audit entries, and the report sealed by the office.

Verifying itself is :func:`esign.verify.verify_pdf` with :func:`esign.app.trust.trust_settings`;
what this module adds is what an office keeps of it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from esign import i18n
from esign.app import admin
from esign.app.signing import Passphrase
from esign.errors import ConfigError, PassphraseError
from esign.models import CertKind, RevocationPolicy, VerificationReport
from esign.pki import identity_of
from esign.store import Store

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from esign.render.pdf import Seal


def audit_verifications(store: Store, reports: Sequence[VerificationReport], at: datetime) -> None:
    """One ``verify`` entry per file: its verdict, hash and number of signatures."""
    for r in reports:
        store.audit(
            "verify",
            at=at,
            subject=r.file,
            detail={
                "verdict": r.verdict.value,
                "sha256": r.sha256,
                "signatures": len(r.signatures),
            },
        )


def unlock_report_seal(store: Store, seal_id: str, passphrase: Passphrase, at: datetime) -> Seal:
    """The unlocked e-seal ``seal_id`` (the ``report-seal`` setting), ready to seal a report."""
    from esign.render.pdf import Seal

    if store.get(seal_id).kind is not CertKind.SEAL:
        raise ConfigError("report.seal_not_seal", hint_key="report.seal_not_seal.hint", id=seal_id)
    admin.check_can_sign(store, seal_id, at)
    secret = passphrase(seal_id)
    try:
        key = admin.unlock(store, seal_id, secret, at)
    except PassphraseError as e:
        if e.key != "pass.wrong":
            raise
        # the generic hint names ESIGN_PASSPHRASE/--passphrase-file, which verify lacks
        raise PassphraseError("pass.wrong", hint_key="pass.wrong.seal_hint", id=seal_id) from e
    name = identity_of(key.cert).name or seal_id
    return Seal(key=key, name=name, reason=i18n.t("report.seal_reason", name=name))


class ReportKind(StrEnum):
    """What :func:`write_report` wrote."""

    HTML = "html"
    PDF = "pdf"
    SEALED_PDF = "sealed_pdf"


def write_report(
    path: Path,
    reports: Sequence[VerificationReport],
    *,
    at: datetime,
    tz: ZoneInfo,
    seal: Seal | None,
    open_store: Callable[[], Store],
) -> ReportKind:
    """``--report``: the HTML page, or the PDF (signed by ``seal`` when given, and audited)."""
    from esign.pdf import atomic_output
    from esign.render import pictures  # before/after pictures of visible changes

    if path.suffix.lower() != ".pdf":
        from esign.render.html import render_html

        page = render_html(list(reports), at=at, tz=tz, source=pictures.read_file)
        with atomic_output(path, overwrite=True) as fh:
            fh.write(page.encode("utf-8"))
        return ReportKind.HTML
    from esign.render.pdf import render_pdf, save

    sealed_by = seal.name if seal else None
    data = render_pdf(list(reports), at=at, tz=tz, sealed_by=sealed_by, source=pictures.read_file)
    result = save(data, path, at=at, seal=seal)
    if seal is None or result is None:
        return ReportKind.PDF
    with open_store() as store:
        store.audit(
            "report.seal",
            at=at,
            identity=seal.key.id,
            subject=str(path),
            detail={"output": str(path), "sha256": result.sha256_after, "files": len(reports)},
        )
    return ReportKind.SEALED_PDF


def verify_upload(
    open_store: Callable[[], Store] | None,
    data: bytes,
    *,
    name: str,
    at: datetime,
    policy: RevocationPolicy = RevocationPolicy.HARD_FAIL,
) -> VerificationReport:
    """``esign verify`` of bytes held in memory (an upload to the verification page, never
    written anywhere): the same trust as the CLI's default, the store's anchors, certificates
    and revocation register (``open_store`` None: no store), read afresh for each file."""
    from esign.app.trust import trust_settings
    from esign.verify.core import verify_data

    if open_store is None:
        trust = trust_settings(None, at=at, policy=policy)
    else:
        with open_store() as store:
            trust = trust_settings(store, at=at, policy=policy)
    return verify_data(data, name=name, trust=trust, at=at)
