"""Trusted time, revocation and the PAdES level reached, for one verified signature.

Runs after :mod:`esign.verify` has pyHanko's status for a signature: reads the signature
(or document) timestamp, asks :mod:`esign.revocation` about the signer and every CA above
it up to the trust anchor (the store's register, ``--crl`` files, the document's DSS,
then online unless offline), and applies the proof-of-existence rule of ETSI EN 319 102-1:

* timestamped before the certificate was revoked: the signature stays valid;
* made (by its trusted time, or by its own claim) after the revocation: TOTAL_FAILED/REVOKED;
* revoked, and no trusted time before the revocation: INDETERMINATE/REVOKED_NO_POE
  (REVOKED_CA_NO_POE for a CA);
* no answer for a certificate of the chain: INDETERMINATE/TRY_LATER under the ``hard-fail``
  policy (the default); accepted under ``soft-fail``. A known revocation always counts.

The TSA of a signature timestamp is checked with the same sources: a revocation that voids
its tokens makes the timestamp invalid; an unknown status keeps it shown, but under
hard-fail it is no proof of existence.
"""

from __future__ import annotations

import contextlib
import dataclasses
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
    RevocationFailure,
    RevocationPolicy,
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
    policy: RevocationPolicy | None = None
    """The revocation policy applied."""
    failures: tuple[RevocationFailure, ...] = ()
    """Revocation sources that gave no usable answer (see SignatureReport)."""


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
    signature is reported as not checked for revocation. Under ``hard-fail`` a signature
    that would pass becomes INDETERMINATE / TRY_LATER (nothing proved it was not revoked)."""
    try:
        return _assess(sig, status, **kwargs)
    except Exception:
        log.debug("timestamp/revocation assessment failed", exc_info=True)
        indication, sub, findings = (
            kwargs["indication"],
            kwargs["sub_indication"],
            kwargs["findings"],
        )
        policy = kwargs["policy"]
        if indication is Indication.TOTAL_PASSED and policy is RevocationPolicy.HARD_FAIL:
            indication, sub = Indication.INDETERMINATE, SubIndication.TRY_LATER
            findings = (finding("revocation_failed"),)
        return LtvFindings(
            level=None,
            timestamp=None,
            revocation=Revocation.NOT_CHECKED,
            revoked_at=None,
            revocation_source=None,
            indication=indication,
            sub_indication=sub,
            findings=findings,
            policy=policy,
        )


@dataclass(frozen=True, slots=True)
class _Checked:
    """One certificate of a chain whose revocation was checked."""

    cert: x509.Certificate
    issuer: x509.Certificate | None
    outcome: revocation.Outcome
    leaf: bool


def _path_certs(status: Any) -> list[x509.Certificate]:
    path = getattr(status, "validation_path", None)
    if path is None:
        return []
    return [c for c in (_crypto(a) for a in path) if c is not None]


def _check_chain(
    leaf: x509.Certificate,
    status: Any,
    sig: Any,
    candidates: tuple[x509.Certificate, ...],
    sources: revocation.Sources,
    at: datetime,
    poe: datetime,
) -> list[_Checked]:
    """The leaf, then every CA above it up to (not including) the trust anchor: a trust
    anchor is trusted as configured and needs no revocation check. Without a validated
    path only the leaf is checked (its issuer found among the known certificates)."""
    path = _path_certs(status)
    pairs: list[tuple[x509.Certificate, x509.Certificate | None]]
    if path and path[-1] == leaf:
        pairs = [(path[i], path[i - 1]) for i in range(len(path) - 1, 0, -1)]
    else:
        pairs = [(leaf, _issuer(leaf, status, sig, candidates))]
    return [
        _Checked(c, issuer, revocation.check(c, issuer, sources, at=at, poe=poe), c == leaf)
        for c, issuer in pairs
    ]


_TSA_HARMLESS_REASONS = ("affiliation_changed", "superseded", "cessation_of_operation")


def _name(cert: x509.Certificate) -> str:
    """The name a person recognises (the CN), else the whole subject."""
    return pki.identity_of(cert).name or pki.dn(cert.subject)


def _tsa_revoked(checked: list[_Checked], ts: TimestampInfo) -> Finding | None:
    """The problem when the TSA's certificate (or a CA above it) was revoked in a way that
    voids the token: key compromise or no stated reason at any time; any reason when the
    token is not older than the revocation (RFC 3161, section 4)."""
    for item in checked:
        answer = item.outcome.answer
        if answer.status is not Revocation.REVOKED or answer.revoked_at is None:
            continue
        if answer.reason in _TSA_HARMLESS_REASONS and ts.time < answer.revoked_at:
            continue
        return finding(
            "tsa_revoked",
            cert=_name(item.cert),
            when=answer.revoked_at.isoformat(),
        )
    return None


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
    sources: revocation.Sources,
    policy: RevocationPolicy,
    at: datetime,
    vc_factory: Any,
) -> LtvFindings:
    """Timestamp, revocation, level and the POE-adjusted indication for one signature."""
    ts_status = status if is_timestamp else getattr(status, "timestamp_validity", None)
    ts = timestamp_info(ts_status)
    ocsps, crls = _dss(sig.reader)
    sources = dataclasses.replace(sources, ocsp_ders=tuple(ocsps), crl_ders=tuple(crls))
    extra: list[Finding] = []
    # The TSA of a signature timestamp: a revoked TSA voids the token; an unknown status
    # leaves the token shown as valid, but under hard-fail it is no proof of existence.
    tsa_checked: list[_Checked] = []
    tsa_cert = _crypto(ts_status.signing_cert) if ts is not None and ts_status else None
    if ts is not None and ts.valid and not is_timestamp and tsa_cert is not None:
        tsa_checked = _check_chain(tsa_cert, ts_status, None, candidates, sources, at, ts.time)
        if (tsa_problem := _tsa_revoked(tsa_checked, ts)) is not None:
            ts = dataclasses.replace(ts, valid=False)
            extra.append(tsa_problem)
    tsa_unknown = [c for c in tsa_checked if not c.outcome.known]
    trusted_time = ts.time if ts is not None and ts.valid else None
    poe_ts = ts if ts is not None and ts.valid else None
    if tsa_unknown and policy is RevocationPolicy.HARD_FAIL:
        poe_ts = None
    checked = (
        _check_chain(signer_cert, status, sig, candidates, sources, at, trusted_time or at)
        if signer_cert is not None
        else []
    )
    leaf = next((c for c in checked if c.leaf), None)
    answer = (
        leaf.outcome.answer if leaf else revocation.RevocationAnswer(status=Revocation.NOT_CHECKED)
    )
    level = _level(sig, signer_cert, leaf, ts, crypto_ok, is_timestamp, sources, vc_factory)
    poe_needed = False
    if indication is not Indication.TOTAL_FAILED:
        before = (indication, sub_indication, findings)
        for item in checked:
            found = item.outcome.answer
            if found.status is not Revocation.REVOKED:
                continue
            poe_needed = True
            ca = None if item.leaf else _name(item.cert)
            after = _poe(found, poe_ts, claimed_time, before, ca=ca)
            if after != before:
                indication, sub_indication, findings = after
                break
    all_good = bool(checked) and all(c.outcome.answer.status is Revocation.GOOD for c in checked)
    poe_chain = None
    if (
        sub_indication in (SubIndication.OUT_OF_BOUNDS_NO_POE, SubIndication.EXPIRED)
        and signer_cert is not None
        and ts is not None
        and ts.valid
        and answer.status is not Revocation.REVOKED
    ):
        poe_needed = True
        poe_chain = _chain_at(signer_cert, status, candidates, ts.time, vc_factory)
        if poe_chain is not None and all_good and poe_ts is not None:
            indication, sub_indication, findings = Indication.TOTAL_PASSED, None, ()
        elif poe_chain is not None:
            findings = (finding("expired_no_revinfo"),)
        else:
            findings = (finding("expired_at_timestamp"),)
    unknown = [c for c in checked if not c.outcome.known]
    failures = [f for c in unknown for f in c.outcome.failures]
    if poe_needed and tsa_unknown:
        failures += [f for c in tsa_unknown for f in c.outcome.failures]
        if policy is RevocationPolicy.HARD_FAIL:
            extra.append(finding("tsa_unknown"))
    if unknown and indication is Indication.TOTAL_PASSED and policy is RevocationPolicy.HARD_FAIL:
        who = ", ".join(_name(c.cert) for c in unknown)
        indication, sub_indication = Indication.INDETERMINATE, SubIndication.TRY_LATER
        findings = (*findings, finding("revocation_unknown", who=who))
    if extra and indication is not Indication.TOTAL_PASSED:
        findings = (*findings, *extra)
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
        policy=policy,
        failures=tuple(failures),
    )


def _level(
    sig: Any,
    signer_cert: x509.Certificate | None,
    leaf: _Checked | None,
    ts: TimestampInfo | None,
    crypto_ok: bool,
    is_timestamp: bool,
    sources: revocation.Sources,
    vc_factory: Any,
) -> Level | None:
    """B-B, B-T (a valid signature timestamp), B-LT (+ an embedded answer for the signer
    that covers the trusted time), B-LTA (+ a valid later document timestamp)."""
    if not crypto_ok or is_timestamp:
        return None
    if ts is None or not ts.valid:
        return Level.B_B
    embedded = None
    if signer_cert is not None and leaf is not None and leaf.issuer is not None:
        embedded = revocation.embedded_answer(signer_cert, leaf.issuer, sources, poe=ts.time)
    if embedded is None:
        return Level.B_T
    return Level.B_LTA if _later_doc_timestamp_ok(sig, vc_factory) else Level.B_LT


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
    *,
    ca: str | None = None,
) -> _Outcome:
    """The proof-of-existence rule for a revoked signer (``ca`` None) or a revoked CA."""
    revoked_at = answer.revoked_at
    assert revoked_at is not None
    when = revoked_at.isoformat()
    suffix = "" if ca is None else "_ca"
    params = {"when": when} if ca is None else {"when": when, "ca": ca}
    late = finding("revoked_before_signing" + suffix, **params)
    if ts is not None and ts.valid:
        if ts.time < revoked_at:  # proof of existence before the revocation: unchanged
            return before
        return Indication.TOTAL_FAILED, SubIndication.REVOKED, (late,)
    if claimed is not None and claimed >= revoked_at:
        return Indication.TOTAL_FAILED, SubIndication.REVOKED, (late,)
    text = finding("revoked_no_poe" + suffix, **params)
    sub = SubIndication.REVOKED_NO_POE if ca is None else SubIndication.REVOKED_CA_NO_POE
    return Indication.INDETERMINATE, sub, (text,)
