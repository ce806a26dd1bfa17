"""``verify_pdf``: what an auditor needs to know about every signature in a file.

Integrity, the signature value, the chain to the store's trust anchors, the
certificate's validity at signing time, and pyHanko's difference analysis of
every later revision, mapped to ETSI EN 319 102-1 indications. "Is it valid?"
is data (a :class:`~esign.models.VerificationReport`), never an exception: any
failure to read a file becomes verdict ``error`` with its message.
"""

from __future__ import annotations

import hashlib
import io
import logging
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography import x509

from esign import i18n, pdf
from esign.errors import EsignError
from esign.models import (
    Coverage,
    Indication,
    Modifications,
    Revocation,
    SignatureReport,
    SignerIdentity,
    SubIndication,
    Verdict,
    VerificationReport,
    worst_verdict,
)
from esign.pki import cert_info, identity_of

log = logging.getLogger(__name__)

_NOBODY = SignerIdentity(name=None, nip=None, title=None, org=None)


@dataclass(frozen=True, slots=True, kw_only=True)
class TrustSettings:
    """What the verifier trusts."""

    roots: tuple[x509.Certificate, ...] = ()
    """Trust anchors (the store's, plus ``--trust`` files)."""
    other_certs: tuple[x509.Certificate, ...] = ()
    """Intermediate certificates that may help build chains."""
    national_issuers: tuple[str, ...] = field(default=("BSrE", "Balai Sertifikasi Elektronik"))
    """Issuer name fragments of licensed Indonesian providers (certified signatures)."""


def _asn1(cert: x509.Certificate) -> Any:
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives.serialization import Encoding

    return asn1_x509.Certificate.load(cert.public_bytes(Encoding.DER))


def _crypto_cert(asn1_cert: Any) -> x509.Certificate | None:
    try:
        return x509.load_der_x509_certificate(asn1_cert.dump())
    except (ValueError, AttributeError):
        return None


def _validation_context(trust: TrustSettings, at: datetime) -> Any:
    from pyhanko_certvalidator import ValidationContext

    return ValidationContext(
        trust_roots=[_asn1(c) for c in trust.roots],
        other_certs=[_asn1(c) for c in trust.other_certs],
        allow_fetching=False,
        revocation_mode="soft-fail",
        moment=at,
    )


def _open_reader(data: bytes, file: str) -> tuple[Any, bool]:
    """A pyHanko reader; strict first, tolerant when the file needs repair."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        return PdfFileReader(io.BytesIO(data), strict=True), False
    except Exception as strict_error:
        log.debug("strict read of %s failed: %s", file, strict_error)
    return PdfFileReader(io.BytesIO(data), strict=False), True


def verify_pdf(
    path: Path, *, trust: TrustSettings, at: datetime, label: str | None = None
) -> VerificationReport:
    """Verify every signature in ``path`` at time ``at``. Never raises for bad input."""
    name = label or str(path)
    try:
        pdf.check_input(path)
        data = path.read_bytes()
    except EsignError as e:
        return VerificationReport(file=name, verdict=Verdict.ERROR, error=e.message, checked_at=at)
    except OSError as e:
        msg = i18n.t("pdf.unreadable", file=name, detail=e.strerror)
        return VerificationReport(file=name, verdict=Verdict.ERROR, error=msg, checked_at=at)
    sha = hashlib.sha256(data).hexdigest()
    try:
        return _verify_bytes(data, name, sha, trust, at)
    except RecursionError:
        detail = "recursive structure"
    except Exception as e:
        log.debug("could not verify %s", name, exc_info=True)
        detail = f"{type(e).__name__}: {e}" if str(e) else type(e).__name__
    return VerificationReport(
        file=name,
        verdict=Verdict.ERROR,
        error=i18n.t("pdf.damaged", file=name, detail=detail),
        sha256=sha,
        checked_at=at,
    )


def _verify_bytes(
    data: bytes, name: str, sha: str, trust: TrustSettings, at: datetime
) -> VerificationReport:
    reader, repaired = _open_reader(data, name)
    notes: list[str] = [i18n.t("verify.note.repaired")] if repaired else []
    if reader.encrypted:
        from pyhanko.pdf_utils.crypt import AuthStatus

        result = reader.decrypt(b"")
        if result.status == AuthStatus.FAILED:
            return VerificationReport(
                file=name,
                verdict=Verdict.ERROR,
                error=i18n.t("pdf.encrypted", file=name),
                sha256=sha,
                checked_at=at,
            )
    embedded = list(reader.embedded_signatures)
    reports = [_check_one(sig, trust, at) for sig in embedded]
    reports.extend(_unlisted_signatures(reader, {s.field_name for s in embedded}))
    verdict = Verdict.UNSIGNED if not reports else worst_verdict([r.verdict for r in reports])
    return VerificationReport(
        file=name,
        verdict=verdict,
        signatures=tuple(reports),
        sha256=sha,
        revisions=_safe(lambda: int(reader.xrefs.total_revisions)),
        repaired=repaired,
        checked_at=at,
        notes=tuple(notes),
    )


def _unlisted_signatures(reader: Any, listed: set[str]) -> list[SignatureReport]:
    """Filled signature fields pyHanko did not list (legacy sub-filters): cannot be checked."""
    from pyhanko.sign.fields import enumerate_sig_fields

    out = []
    try:
        fields = list(enumerate_sig_fields(reader, filled_status=True))
    except Exception:
        return []
    for field_name, value, _ref in fields:
        if field_name in listed:
            continue
        try:
            subfilter = str(value.get_object().get("/SubFilter"))
        except Exception:
            subfilter = None
        detail = f"unsupported or unreadable signature ({subfilter})"
        out.append(
            _failed(
                field_name,
                Verdict.INDETERMINATE,
                Indication.INDETERMINATE,
                SubIndication.FORMAT_FAILURE,
                i18n.t("verify.problem.format", detail=detail),
                subfilter=subfilter,
            )
        )
    return out


def _failed(
    field_name: str,
    verdict: Verdict,
    indication: Indication,
    sub: SubIndication,
    problem: str,
    *,
    subfilter: str | None = None,
    signer: SignerIdentity = _NOBODY,
) -> SignatureReport:
    return SignatureReport(
        field=field_name,
        signer=signer,
        signer_cert=None,
        signed_at=None,
        intact=False,
        crypto_valid=False,
        trusted=False,
        cert_valid_at_signing=None,
        modifications=Modifications.NONE,
        modification_details=(),
        coverage=Coverage.UNKNOWN,
        indication=indication,
        sub_indication=sub,
        verdict=verdict,
        revocation=Revocation.NOT_CHECKED,
        chain=(),
        subfilter=subfilter,
        problems=(problem,),
    )


def _check_one(sig: Any, trust: TrustSettings, at: datetime) -> SignatureReport:
    from pyhanko.sign.validation import validate_pdf_signature, validate_pdf_timestamp

    field_name = str(sig.field_name)
    is_timestamp = sig.sig_object_type == "/DocTimeStamp"
    subfilter = _safe(lambda: str(sig.sig_object.get("/SubFilter")))
    try:
        vc = _validation_context(trust, at)
        if is_timestamp:
            status = validate_pdf_timestamp(sig, validation_context=vc)
        else:
            status = validate_pdf_signature(sig, signer_validation_context=vc)
    except Exception as e:
        log.debug("signature %s could not be validated", field_name, exc_info=True)
        detail = str(e) or type(e).__name__
        signer = _safe(lambda: identity_of(_crypto_cert(sig.signer_cert))) or _NOBODY
        return _failed(
            field_name,
            Verdict.INVALID,
            Indication.TOTAL_FAILED,
            SubIndication.FORMAT_FAILURE,
            i18n.t("verify.problem.format", detail=detail),
            subfilter=subfilter,
            signer=signer,
        )
    return _report(sig, status, trust, at, is_timestamp=is_timestamp, subfilter=subfilter)


def _safe(fn: Any) -> Any:
    try:
        return fn()
    except Exception:
        return None


_COVERAGE = {
    "ENTIRE_FILE": Coverage.ENTIRE_FILE,
    "ENTIRE_REVISION": Coverage.ENTIRE_REVISION,
    "CONTIGUOUS_BLOCK_FROM_START": Coverage.PARTIAL,
    "UNCLEAR": Coverage.PARTIAL,
}


def _modifications(status: Any) -> tuple[Modifications, tuple[str, ...]]:
    from pyhanko.sign.diff_analysis import ModificationLevel, SuspiciousModification

    coverage = getattr(status, "coverage", None)
    if coverage is not None and coverage.name == "ENTIRE_FILE":
        return Modifications.NONE, ()
    diff = getattr(status, "diff_result", None)
    if isinstance(diff, SuspiciousModification):
        return Modifications.DISALLOWED, (str(diff),)
    level = getattr(status, "modification_level", None)
    details: list[str] = []
    if level is not None:
        details.append(f"modification level: {level.name}")
    docmdp_ok = getattr(status, "docmdp_ok", None)
    if level is None:
        return Modifications.NONE, tuple(details)
    if level == ModificationLevel.OTHER or docmdp_ok is False:
        return Modifications.DISALLOWED, tuple(details)
    if level == ModificationLevel.NONE:
        return Modifications.NONE, tuple(details)
    return Modifications.ALLOWED, tuple(details)


def _report(
    sig: Any,
    status: Any,
    trust: TrustSettings,
    at: datetime,
    *,
    is_timestamp: bool,
    subfilter: str | None,
) -> SignatureReport:
    signer_x509 = _crypto_cert(status.signing_cert)
    signer = identity_of(signer_x509) if signer_x509 else _NOBODY
    signed_at = status.timestamp if is_timestamp else getattr(status, "signer_reported_dt", None)
    cert_ok = None
    if signer_x509 is not None and signed_at is not None:
        cert_ok = signer_x509.not_valid_before_utc <= signed_at <= signer_x509.not_valid_after_utc
    modifications, mod_details = _modifications(status)
    coverage = _COVERAGE.get(getattr(status.coverage, "name", ""), Coverage.UNKNOWN)
    revocation = Revocation.REVOKED if status.revoked else Revocation.NOT_CHECKED
    indication, sub, problems = _indication(status, modifications, coverage, cert_ok)
    if indication is Indication.TOTAL_PASSED:
        verdict = Verdict.VALID
    elif indication is Indication.TOTAL_FAILED:
        verdict = Verdict.INVALID
    else:
        verdict = Verdict.INDETERMINATE
    path = status.validation_path
    chain = tuple(_subject(c) for c in reversed(list(path))) if path else ()
    return SignatureReport(
        field=str(sig.field_name),
        signer=signer,
        signer_cert=cert_info(signer_x509, at=at) if signer_x509 else None,
        signed_at=signed_at,
        intact=bool(status.intact),
        crypto_valid=bool(status.intact and status.valid),
        trusted=bool(status.trusted),
        cert_valid_at_signing=cert_ok,
        modifications=modifications,
        modification_details=mod_details,
        coverage=coverage,
        indication=indication,
        sub_indication=sub,
        verdict=verdict,
        revocation=revocation,
        chain=chain,
        reason=_safe(lambda: _text(sig.sig_object.get("/Reason"))),
        location=_safe(lambda: _text(sig.sig_object.get("/Location"))),
        digest_algorithm=getattr(status, "md_algorithm", None),
        signature_algorithm=_safe(lambda: sig.signer_info["signature_algorithm"].signature_algo),
        subfilter=subfilter,
        revision=_safe(lambda: int(sig.signed_revision)),
        kind="timestamp" if is_timestamp else "signature",
        certified=_safe(lambda: sig.docmdp_level is not None) or False,
        problems=problems,
    )


def _subject(asn1_cert: Any) -> str:
    cert = _crypto_cert(asn1_cert)
    return cert.subject.rfc4514_string() if cert else str(asn1_cert.subject.human_friendly)


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _indication(
    status: Any, modifications: Modifications, coverage: Coverage, cert_ok: bool | None
) -> tuple[Indication, SubIndication | None, tuple[str, ...]]:
    """ETSI indication, sub-indication and the plain-language problems."""
    t = i18n.t
    if not status.intact:
        return Indication.TOTAL_FAILED, SubIndication.HASH_FAILURE, (t("verify.problem.hash"),)
    if not status.valid:
        return (
            Indication.TOTAL_FAILED,
            SubIndication.SIG_CRYPTO_FAILURE,
            (t("verify.problem.crypto"),),
        )
    if coverage in (Coverage.PARTIAL, Coverage.UNKNOWN):
        return (
            Indication.TOTAL_FAILED,
            SubIndication.FORMAT_FAILURE,
            (t("verify.problem.coverage"),),
        )
    if modifications is Modifications.DISALLOWED:
        return (
            Indication.TOTAL_FAILED,
            SubIndication.FORMAT_FAILURE,
            (t("verify.problem.modified"),),
        )
    if status.revoked:
        return (
            Indication.INDETERMINATE,
            SubIndication.REVOKED_NO_POE,
            (t("verify.problem.revoked"),),
        )
    problem = status.trust_problem_indic
    if problem is not None or status.validation_path is None:
        name = getattr(problem, "name", "NO_CERTIFICATE_CHAIN_FOUND")
        sub = SubIndication.__members__.get(name, SubIndication.GENERIC)
        key = {
            "NO_CERTIFICATE_CHAIN_FOUND": "verify.problem.untrusted",
            "OUT_OF_BOUNDS_NO_POE": "verify.problem.expired",
            "EXPIRED": "verify.problem.expired",
            "REVOKED_NO_POE": "verify.problem.revoked",
        }.get(name)
        text = t(key) if key else t("verify.problem.chain", detail=name)
        return Indication.INDETERMINATE, sub, (text,)
    if cert_ok is False:
        return (
            Indication.INDETERMINATE,
            SubIndication.OUT_OF_BOUNDS_NO_POE,
            (t("verify.problem.cert_invalid_at_signing"),),
        )
    return Indication.TOTAL_PASSED, None, ()


def verify_many(
    paths: list[Path], *, trust: TrustSettings, at: datetime
) -> list[VerificationReport]:
    """Verify several files, in order."""
    return [verify_pdf(p, trust=trust, at=at) for p in paths]
