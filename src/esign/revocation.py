"""Revocation status of a signer certificate, for the verifier: embedded answers first
(the document's DSS: OCSP responses and CRLs), then online (OCSP at the AIA URL, then the
CRL distribution point) unless offline. Every answer is checked: an OCSP response must be
signed by the issuer or by a responder the issuer delegated (OCSPSigning); a CRL must be
signed by the issuer. Answers that do not check out are ignored, never trusted.
"""

from __future__ import annotations

import contextlib
import logging
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509 import ocsp
from cryptography.x509.oid import AuthorityInformationAccessOID, ExtendedKeyUsageOID

from esign.models import Revocation

log = logging.getLogger(__name__)

FETCH_TIMEOUT = 3.0
MAX_FETCH = 1024 * 1024


@dataclass(frozen=True, slots=True, kw_only=True)
class RevocationAnswer:
    """What the revocation data says about one certificate."""

    status: Revocation
    """good, revoked, unknown (sources tried, no usable answer) or not_checked."""
    revoked_at: datetime | None = None
    """Revocation time, when revoked."""
    reason: str | None = None
    """Revocation reason, when given."""
    source: str | None = None
    """``embedded`` (DSS) or ``online``."""
    produced_at: datetime | None = None
    """When the answer was produced (OCSP producedAt / CRL thisUpdate)."""


def _verify_signature(issuer_key: object, signature: bytes, data: bytes, algo: object) -> bool:
    try:
        if isinstance(issuer_key, rsa.RSAPublicKey):
            assert isinstance(algo, hashes.HashAlgorithm)
            issuer_key.verify(signature, data, padding.PKCS1v15(), algo)
        elif isinstance(issuer_key, ec.EllipticCurvePublicKey):
            assert isinstance(algo, hashes.HashAlgorithm)
            issuer_key.verify(signature, data, ec.ECDSA(algo))
        else:
            return False
    except Exception:
        return False
    return True


def _responder_ok(responder: x509.Certificate, issuer: x509.Certificate) -> bool:
    if responder == issuer:
        return True
    try:
        responder.verify_directly_issued_by(issuer)
        eku = responder.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    except (ValueError, TypeError, x509.ExtensionNotFound):
        return False
    return ExtendedKeyUsageOID.OCSP_SIGNING in eku


def _from_ocsp(
    response: ocsp.OCSPResponse, cert: x509.Certificate, issuer: x509.Certificate, source: str
) -> RevocationAnswer | None:
    if response.response_status is not ocsp.OCSPResponseStatus.SUCCESSFUL:
        return None
    try:
        single = next(
            r
            for r in response.responses
            if r.serial_number == cert.serial_number
            and (r.issuer_name_hash, r.issuer_key_hash) == _hashes(issuer, r.hash_algorithm)
        )
    except StopIteration:
        return None
    signers = [issuer, *response.certificates]
    signer = next(
        (
            c
            for c in signers
            if _responder_ok(c, issuer)
            and _verify_signature(
                c.public_key(),
                response.signature,
                response.tbs_response_bytes,
                response.signature_hash_algorithm,
            )
        ),
        None,
    )
    if signer is None:
        return None
    if single.certificate_status is ocsp.OCSPCertStatus.GOOD:
        status = Revocation.GOOD
    elif single.certificate_status is ocsp.OCSPCertStatus.REVOKED:
        status = Revocation.REVOKED
    else:
        status = Revocation.UNKNOWN
    reason = single.revocation_reason.value if single.revocation_reason else None
    return RevocationAnswer(
        status=status,
        revoked_at=single.revocation_time_utc,
        reason=reason,
        source=source,
        produced_at=response.produced_at_utc,
    )


def _hashes(issuer: x509.Certificate, algorithm: hashes.HashAlgorithm) -> tuple[bytes, bytes]:
    probe = ocsp.OCSPRequestBuilder().add_certificate(issuer, issuer, algorithm).build()
    return probe.issuer_name_hash, probe.issuer_key_hash


def _from_crl(
    crl: x509.CertificateRevocationList,
    cert: x509.Certificate,
    issuer: x509.Certificate,
    source: str,
) -> RevocationAnswer | None:
    if crl.issuer != issuer.subject:
        return None
    try:
        if not crl.is_signature_valid(issuer.public_key()):  # type: ignore[arg-type]
            return None
    except (TypeError, ValueError):
        return None
    entry = crl.get_revoked_certificate_by_serial_number(cert.serial_number)
    if entry is None:
        return RevocationAnswer(
            status=Revocation.GOOD, source=source, produced_at=crl.last_update_utc
        )
    reason = None
    with contextlib.suppress(x509.ExtensionNotFound):
        reason = entry.extensions.get_extension_for_class(x509.CRLReason).value.reason.value
    return RevocationAnswer(
        status=Revocation.REVOKED,
        revoked_at=entry.revocation_date_utc,
        reason=reason,
        source=source,
        produced_at=crl.last_update_utc,
    )


def _first(answers: Iterable[RevocationAnswer | None]) -> RevocationAnswer | None:
    """The revoked answer if any says so, else the newest good one."""
    found = [a for a in answers if a is not None and a.status is not Revocation.UNKNOWN]
    revoked = [a for a in found if a.status is Revocation.REVOKED]
    if revoked:
        return revoked[0]
    return max(found, key=lambda a: a.produced_at or datetime.min, default=None)


def embedded_answer(
    cert: x509.Certificate,
    issuer: x509.Certificate,
    ocsp_ders: Iterable[bytes],
    crl_ders: Iterable[bytes],
) -> RevocationAnswer | None:
    """The answer the document itself carries (DSS), if any checks out."""
    answers: list[RevocationAnswer | None] = []
    for der in ocsp_ders:
        try:
            answers.append(_from_ocsp(ocsp.load_der_ocsp_response(der), cert, issuer, "embedded"))
        except ValueError:
            continue
    for der in crl_ders:
        try:
            answers.append(_from_crl(x509.load_der_x509_crl(der), cert, issuer, "embedded"))
        except ValueError:
            continue
    return _first(answers)


def _fetch(url: str, body: bytes | None, content_type: str | None, timeout: float) -> bytes:
    if not url.startswith(("http://", "https://")):
        raise ValueError(f"unsupported URL {url}")
    headers = {"Content-Type": content_type} if content_type else {}
    request = urllib.request.Request(url, data=body, headers=headers)
    with urllib.request.urlopen(request, timeout=timeout) as response:
        data: bytes = response.read(MAX_FETCH)
    return data


def online_answer(
    cert: x509.Certificate, issuer: x509.Certificate, timeout: float = FETCH_TIMEOUT
) -> tuple[RevocationAnswer | None, bool]:
    """Ask the OCSP responder, then the CRL distribution point. Returns the answer (if any)
    and whether there was anywhere to ask."""
    ocsp_urls: list[str] = []
    crl_urls: list[str] = []
    try:
        aia = cert.extensions.get_extension_for_class(x509.AuthorityInformationAccess).value
        ocsp_urls = [
            str(d.access_location.value)
            for d in aia
            if d.access_method == AuthorityInformationAccessOID.OCSP
        ]
    except x509.ExtensionNotFound:
        pass
    try:
        cdp = cert.extensions.get_extension_for_class(x509.CRLDistributionPoints).value
        crl_urls = [
            str(name.value)
            for point in cdp
            for name in point.full_name or []
            if isinstance(name, x509.UniformResourceIdentifier)
        ]
    except x509.ExtensionNotFound:
        pass
    request = (
        ocsp.OCSPRequestBuilder()
        .add_certificate(cert, issuer, hashes.SHA256())
        .build()
        .public_bytes(serialization.Encoding.DER)
    )
    for url in ocsp_urls:
        try:
            der = _fetch(url, request, "application/ocsp-request", timeout)
            answer = _from_ocsp(ocsp.load_der_ocsp_response(der), cert, issuer, "online")
        except (OSError, ValueError) as e:
            log.debug("OCSP %s: %s", url, e)
            continue
        if answer is not None and answer.status is not Revocation.UNKNOWN:
            return answer, True
    for url in crl_urls:
        try:
            answer = _from_crl(
                x509.load_der_x509_crl(_fetch(url, None, None, timeout)), cert, issuer, "online"
            )
        except (OSError, ValueError) as e:
            log.debug("CRL %s: %s", url, e)
            continue
        if answer is not None:
            return answer, True
    return None, bool(ocsp_urls or crl_urls)


def check(
    cert: x509.Certificate,
    issuer: x509.Certificate | None,
    *,
    ocsp_ders: Iterable[bytes] = (),
    crl_ders: Iterable[bytes] = (),
    offline: bool = False,
    timeout: float = FETCH_TIMEOUT,
) -> RevocationAnswer:
    """The revocation status of ``cert``: online (the current truth) when allowed and
    reachable, else what the document embeds, else unknown / not checked."""
    if issuer is None:
        return RevocationAnswer(status=Revocation.NOT_CHECKED)
    embedded = embedded_answer(cert, issuer, ocsp_ders, crl_ders)
    tried = embedded is not None
    if not offline:
        online, had_urls = online_answer(cert, issuer, timeout)
        tried = tried or had_urls
        if online is not None:
            return online
    if embedded is not None:
        return embedded
    return RevocationAnswer(status=Revocation.UNKNOWN if tried else Revocation.NOT_CHECKED)
