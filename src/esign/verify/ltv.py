"""Trusted time, revocation and the PAdES level reached, for one verified signature.

Runs after :mod:`esign.verify` has pyHanko's status for a signature: reads the signature
(or document) timestamp, asks :mod:`esign.revocation` (the document's DSS first, then
online unless offline), and applies the proof-of-existence rule of ETSI EN 319 102-1:

* timestamped before the certificate was revoked: the signature stays valid;
* made (by its trusted time, or by its own claim) after the revocation: TOTAL_FAILED/REVOKED;
* revoked, and no trusted time before the revocation: INDETERMINATE/REVOKED_NO_POE.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography import x509

from esign import pki, revocation
from esign.models import (
    Finding,
    Indication,
    Level,
    Revocation,
    SubIndication,
    TimestampInfo,
    finding,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class LtvFindings:
    """What this module adds to a signature report."""

    level: Level | None
    timestamp: TimestampInfo | None
    revocation: Revocation
    revoked_at: datetime | None
    revocation_source: str | None
    indication: Indication
    sub_indication: SubIndication | None
    findings: tuple[Finding, ...]
    poe_chain: tuple[str, ...] | None = None
    """The chain validated at the trusted time, when the certificate has expired since:
    the timestamp is the proof of existence that keeps the signature valid."""


def _crypto(asn1_cert: Any) -> x509.Certificate | None:
    try:
        return x509.load_der_x509_certificate(asn1_cert.dump())
    except Exception:
        return None


def _dn(cert: Any) -> str | None:
    found = _crypto(cert) if cert is not None else None
    return pki.dn(found.subject) if found is not None else None


def timestamp_info(ts_status: Any) -> TimestampInfo | None:
    """A report object from pyHanko's timestamp status (None when there is none)."""
    if ts_status is None or getattr(ts_status, "timestamp", None) is None:
        return None
    valid = bool(ts_status.intact and ts_status.valid and ts_status.trusted)
    return TimestampInfo(
        time=ts_status.timestamp, tsa=_dn(getattr(ts_status, "signing_cert", None)), valid=valid
    )


def _dss(reader: Any) -> tuple[list[bytes], list[bytes]]:
    from pyhanko.sign.validation.dss import DocumentSecurityStore

    try:
        dss = DocumentSecurityStore.read_dss(reader)
    except Exception:  # no DSS, or one we cannot read
        return [], []
    return [d for d in map(_der, dss.ocsps) if d], [d for d in map(_der, dss.crls) if d]


def _der(item: Any) -> bytes | None:
    """DER bytes of a DSS entry (an asn1crypto value or a reference to a PDF stream)."""
    try:
        if hasattr(item, "get_object"):
            data: bytes = item.get_object().data
            return data
        dumped: bytes = item.dump()
        return dumped
    except Exception:
        return None


def _issuer(
    cert: x509.Certificate, status: Any, sig: Any, candidates: tuple[x509.Certificate, ...]
) -> x509.Certificate | None:
    pool = list(candidates)
    path = getattr(status, "validation_path", None)
    if path is not None:
        pool = [c for c in (_crypto(a) for a in path) if c is not None] + pool
    with contextlib.suppress(Exception):
        pool += [c for c in (_crypto(a.chosen) for a in sig.signed_data["certificates"]) if c]
    for candidate in pool:
        if candidate.subject != cert.issuer or candidate == cert:
            continue
        try:
            cert.verify_directly_issued_by(candidate)
        except (ValueError, TypeError, x509.InvalidSignature):  # type: ignore[attr-defined]
            continue
        return candidate
    return None


def _later_doc_timestamp_ok(sig: Any, vc_factory: Any) -> bool:
    """A valid document timestamp in a later revision (what makes B-LT into B-LTA)."""
    from pyhanko.sign.validation import validate_pdf_timestamp

    try:
        revision = int(sig.signed_revision)
        later = [
            t for t in sig.reader.embedded_timestamp_signatures if t.signed_revision > revision
        ]
    except Exception:
        return False
    for doc_ts in later:
        try:
            status = validate_pdf_timestamp(doc_ts, validation_context=vc_factory(), skip_diff=True)
        except Exception:
            continue
        if status.intact and status.valid and status.trusted:
            return True
    return False


def assess(sig: Any, status: Any, **kwargs: Any) -> LtvFindings:
    """:func:`_assess`, but a failure here never breaks verification: it is logged and the
    signature is reported as not checked for revocation, with its indication unchanged."""
    try:
        return _assess(sig, status, **kwargs)
    except Exception:
        log.debug("timestamp/revocation assessment failed", exc_info=True)
        return LtvFindings(
            level=None,
            timestamp=None,
            revocation=Revocation.NOT_CHECKED,
            revoked_at=None,
            revocation_source=None,
            indication=kwargs["indication"],
            sub_indication=kwargs["sub_indication"],
            findings=kwargs["findings"],
        )


def _assess(
    sig: Any,
    status: Any,
    *,
    signer_cert: x509.Certificate | None,
    is_timestamp: bool,
    claimed_time: datetime | None,
    crypto_ok: bool,
    indication: Indication,
    sub_indication: SubIndication | None,
    findings: tuple[Finding, ...],
    candidates: tuple[x509.Certificate, ...],
    offline: bool,
    timeout: float,
    vc_factory: Any,
) -> LtvFindings:
    """Timestamp, revocation, level and the POE-adjusted indication for one signature."""
    ts = timestamp_info(status if is_timestamp else getattr(status, "timestamp_validity", None))
    ocsps, crls = _dss(sig.reader)
    answer = revocation.RevocationAnswer(status=Revocation.NOT_CHECKED)
    embedded = None
    if signer_cert is not None:
        issuer = _issuer(signer_cert, status, sig, candidates)
        answer = revocation.check(
            signer_cert, issuer, ocsp_ders=ocsps, crl_ders=crls, offline=offline, timeout=timeout
        )
        if issuer is not None:
            embedded = revocation.embedded_answer(signer_cert, issuer, ocsps, crls)
    level = None
    if crypto_ok and not is_timestamp:
        level = Level.B_B
        if ts is not None and ts.valid:
            level = Level.B_T
            if embedded is not None:
                level = Level.B_LT
                if _later_doc_timestamp_ok(sig, vc_factory):
                    level = Level.B_LTA
    if answer.status is Revocation.REVOKED and indication is not Indication.TOTAL_FAILED:
        indication, sub_indication, findings = _poe(
            answer, ts, claimed_time, (indication, sub_indication, findings)
        )
    poe_chain = None
    if (
        sub_indication in (SubIndication.OUT_OF_BOUNDS_NO_POE, SubIndication.EXPIRED)
        and signer_cert is not None
        and ts is not None
        and ts.valid
        and answer.status is not Revocation.REVOKED
    ):
        poe_chain = _chain_at(signer_cert, status, candidates, ts.time, vc_factory)
        if poe_chain is not None and answer.status is Revocation.GOOD:
            indication, sub_indication, findings = Indication.TOTAL_PASSED, None, ()
        elif poe_chain is not None:
            findings = (finding("expired_no_revinfo"),)
        else:
            findings = (finding("expired_at_timestamp"),)
    return LtvFindings(
        level=level,
        timestamp=ts,
        revocation=answer.status,
        revoked_at=answer.revoked_at,
        revocation_source=answer.source,
        indication=indication,
        sub_indication=sub_indication,
        findings=findings,
        poe_chain=poe_chain if indication is Indication.TOTAL_PASSED else None,
    )


def _chain_at(
    signer_cert: x509.Certificate,
    status: Any,
    candidates: tuple[x509.Certificate, ...],
    moment: datetime,
    vc_factory: Any,
) -> tuple[str, ...] | None:
    """Subjects of the signer's chain validated at ``moment`` (the trusted time), or None.

    The signature timestamp is a proof of existence: a certificate that has expired since
    is judged at the time the signature provably existed (ETSI EN 319 102-1, 5.6.2)."""
    import asyncio

    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives.serialization import Encoding
    from pyhanko_certvalidator import CertificateValidator

    if not signer_cert.not_valid_before_utc <= moment <= signer_cert.not_valid_after_utc:
        return None
    leaf = asn1_x509.Certificate.load(signer_cert.public_bytes(Encoding.DER))
    others = [asn1_x509.Certificate.load(c.public_bytes(Encoding.DER)) for c in candidates]
    validator = CertificateValidator(
        leaf, intermediate_certs=others, validation_context=vc_factory(moment)
    )
    try:
        path = asyncio.run(
            validator.async_validate_usage({"non_repudiation"})  # type: ignore[no-untyped-call]
        )
    except Exception:
        log.debug("chain not valid at the timestamp time %s", moment, exc_info=True)
        return None
    return tuple(_dn(c) or "" for c in reversed(list(path)))


_Outcome = tuple[Indication, SubIndication | None, tuple[Finding, ...]]


def _poe(
    answer: revocation.RevocationAnswer,
    ts: TimestampInfo | None,
    claimed: datetime | None,
    before: _Outcome,
) -> _Outcome:
    revoked_at = answer.revoked_at
    assert revoked_at is not None
    when = revoked_at.isoformat()
    if ts is not None and ts.valid:
        if ts.time < revoked_at:  # proof of existence before the revocation: unchanged
            return before
        found = finding("revoked_before_signing", when=when)
        return Indication.TOTAL_FAILED, SubIndication.REVOKED, (found,)
    if claimed is not None and claimed >= revoked_at:
        found = finding("revoked_before_signing", when=when)
        return Indication.TOTAL_FAILED, SubIndication.REVOKED, (found,)
    found = finding("revoked_no_poe", when=when)
    return Indication.INDETERMINATE, SubIndication.REVOKED_NO_POE, (found,)
