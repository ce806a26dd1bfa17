"""Revocation status of one certificate, for the verifier.

Sources, in the order they are consulted (docs/services.md, "Revocation"):

1. the office store's own register (:class:`StoreRegister`), for certificates its CA
   issued: authoritative and available offline. The caller (CLI, app) reads it from the
   store and passes it in; this module never opens the store;
2. CRL files handed in by the caller (``esign verify --crl FILE``);
3. the answers embedded in the document (DSS/VRI: OCSP responses and CRLs);
4. online, unless offline: OCSP at the AIA URL, then the CRL distribution points.

A *revoked* answer from any checked source wins (the earliest revocation time): no good
answer can hide a known revocation. Otherwise the first good answer, in that order; the
network is asked only when the offline sources have no usable answer. Every answer is
checked: an OCSP response must be signed by the issuer or by a responder it delegated
(OCSPSigning); a CRL must name the issuer, be signed by it (and the issuer, when it has
a key usage, must allow cRLSign). Freshness: a CRL file or online answer must be current
at the validation time (``thisUpdate`` no later than it, ``nextUpdate`` not passed); an
embedded answer must cover the time it has to prove (the signature's trusted time): issued
at or after it, or current at it. Answers that do not check out are not answers; each
source that gave none is reported as a :class:`~esign.models.RevocationFailure`.
"""

from __future__ import annotations

import contextlib
import logging
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509 import ocsp
from cryptography.x509.oid import AuthorityInformationAccessOID, ExtendedKeyUsageOID

from esign import i18n
from esign.errors import CertificateError
from esign.models import Revocation, RevocationFailure, RevocationFailureKind
from esign.pki import dn

log = logging.getLogger(__name__)

FETCH_TIMEOUT = 3.0
MAX_FETCH = 1024 * 1024
CLOCK_SKEW = timedelta(minutes=5)
"""How far in the future a fetched or handed-in answer's thisUpdate may be (clocks differ)."""

_Kind = RevocationFailureKind


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
    """``store``, ``crl_file``, ``embedded`` (DSS) or ``online``."""
    produced_at: datetime | None = None
    """When the answer was produced (OCSP producedAt / CRL thisUpdate)."""
    this_update: datetime | None = None
    """The time the status is asserted for (OCSP thisUpdate / CRL thisUpdate)."""
    next_update: datetime | None = None
    """Until when the answer is current, if it says."""


@dataclass(frozen=True, slots=True, kw_only=True)
class RegisterEntry:
    """The store's record of one certificate its CA issued."""

    revoked_at: datetime | None = None
    """When it was revoked, if it was."""
    reason: str | None = None
    """RFC 5280 reason name."""


@dataclass(frozen=True, slots=True, kw_only=True)
class StoreRegister:
    """The office store's own record of what its CA issued and revoked: authoritative for
    those certificates, and available offline. Built by the caller from the store."""

    issuer: x509.Certificate
    """The store's CA certificate."""
    entries: Mapping[int, RegisterEntry]
    """Every serial the CA issued (identities and service certificates)."""
    as_of: datetime
    """When the register was read."""


@dataclass(frozen=True, slots=True, kw_only=True)
class CrlFile:
    """A CRL handed in by the caller (``--crl FILE``)."""

    label: str
    """The file as the user named it."""
    crl: x509.CertificateRevocationList
    """The parsed CRL."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Sources:
    """Where answers may come from (see the module docstring for the order)."""

    registers: tuple[StoreRegister, ...] = ()
    """The store's own registers (usually one)."""
    crl_files: tuple[CrlFile, ...] = ()
    """CRLs handed in by the caller."""
    ocsp_ders: tuple[bytes, ...] = ()
    """OCSP responses embedded in the document (DSS), DER."""
    crl_ders: tuple[bytes, ...] = ()
    """CRLs embedded in the document (DSS), DER."""
    offline: bool = False
    """Never fetch."""
    timeout: float = FETCH_TIMEOUT
    """Seconds per online request."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Outcome:
    """The answer for one certificate, and every source that gave none."""

    answer: RevocationAnswer
    """The answer (status unknown / not_checked when there is none)."""
    failures: tuple[RevocationFailure, ...] = ()
    """Sources that gave no usable answer."""

    @property
    def known(self) -> bool:
        """A usable answer: good or revoked."""
        return self.answer.status in (Revocation.GOOD, Revocation.REVOKED)


class _NoAnswer(Exception):
    """A source that applies to the certificate gave no usable answer."""

    def __init__(self, kind: RevocationFailureKind, detail: str | None = None) -> None:
        super().__init__(detail or kind.value)
        self.kind = kind
        self.detail = detail


def read_crl_file(path: Path) -> CrlFile:
    """A CRL file, PEM or DER; a file that is neither raises :class:`CertificateError`."""
    try:
        data = path.read_bytes()
    except OSError as e:
        detail = i18n.os_error(e)
        raise CertificateError("revocation.crl_unreadable", file=path, detail=detail) from e
    try:
        if b"-----BEGIN" in data:
            crl = x509.load_pem_x509_crl(data)
        else:
            crl = x509.load_der_x509_crl(data)
    except ValueError as e:
        raise CertificateError("revocation.crl_bad", file=path) from e
    return CrlFile(label=str(path), crl=crl)


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


def _hashes(
    cert: x509.Certificate, issuer: x509.Certificate, algorithm: hashes.HashAlgorithm
) -> tuple[bytes, bytes]:
    """The CertID issuer hashes for ``cert`` (a probe with ``issuer`` itself as the
    certificate would hash *its* issuer's name: wrong below a root)."""
    probe = ocsp.OCSPRequestBuilder().add_certificate(cert, issuer, algorithm).build()
    return probe.issuer_name_hash, probe.issuer_key_hash


def _from_ocsp(
    response: ocsp.OCSPResponse, cert: x509.Certificate, issuer: x509.Certificate, source: str
) -> RevocationAnswer | None:
    """The answer for ``cert``; None when the response is about another certificate."""
    if response.response_status is not ocsp.OCSPResponseStatus.SUCCESSFUL:
        raise _NoAnswer(_Kind.BAD_RESPONSE, f"OCSP status {response.response_status.name}")
    try:
        single = next(
            r
            for r in response.responses
            if r.serial_number == cert.serial_number
            and (r.issuer_name_hash, r.issuer_key_hash) == _hashes(cert, issuer, r.hash_algorithm)
        )
    except StopIteration:
        return None
    signers = [issuer, *response.certificates]
    if not any(
        _responder_ok(c, issuer)
        and _verify_signature(
            c.public_key(),
            response.signature,
            response.tbs_response_bytes,
            response.signature_hash_algorithm,
        )
        for c in signers
    ):
        raise _NoAnswer(_Kind.UNTRUSTED, "OCSP response not signed by the issuer or its responder")
    if single.certificate_status is ocsp.OCSPCertStatus.GOOD:
        status = Revocation.GOOD
    elif single.certificate_status is ocsp.OCSPCertStatus.REVOKED:
        status = Revocation.REVOKED
    else:
        raise _NoAnswer(_Kind.NO_STATUS, "OCSP status unknown")
    reason = single.revocation_reason.value if single.revocation_reason else None
    return RevocationAnswer(
        status=status,
        revoked_at=single.revocation_time_utc,
        reason=reason,
        source=source,
        produced_at=response.produced_at_utc,
        this_update=single.this_update_utc,
        next_update=single.next_update_utc,
    )


def _from_crl(
    crl: x509.CertificateRevocationList,
    cert: x509.Certificate,
    issuer: x509.Certificate,
    source: str,
) -> RevocationAnswer | None:
    """The answer for ``cert``; None when the CRL is another CA's."""
    if crl.issuer != issuer.subject:
        return None
    try:
        signed = crl.is_signature_valid(issuer.public_key())  # type: ignore[arg-type]
    except (TypeError, ValueError):
        signed = False
    if not signed:
        raise _NoAnswer(_Kind.UNTRUSTED, "CRL signature does not verify with the issuer's key")
    with contextlib.suppress(x509.ExtensionNotFound):
        usage = issuer.extensions.get_extension_for_class(x509.KeyUsage).value
        if not usage.crl_sign:
            raise _NoAnswer(_Kind.UNTRUSTED, "the issuer's key usage does not allow cRLSign")
    common = {
        "source": source,
        "produced_at": crl.last_update_utc,
        "this_update": crl.last_update_utc,
        "next_update": crl.next_update_utc,
    }
    entry = crl.get_revoked_certificate_by_serial_number(cert.serial_number)
    if entry is None:
        return RevocationAnswer(status=Revocation.GOOD, **common)  # type: ignore[arg-type]
    reason = None
    with contextlib.suppress(x509.ExtensionNotFound):
        reason = entry.extensions.get_extension_for_class(x509.CRLReason).value.reason.value
    return RevocationAnswer(
        status=Revocation.REVOKED,
        revoked_at=entry.revocation_date_utc,
        reason=reason,
        **common,  # type: ignore[arg-type]
    )


def _current(answer: RevocationAnswer, at: datetime) -> None:
    """A fetched or handed-in answer must be current at ``at``."""
    if answer.status is Revocation.REVOKED:
        return  # a known revocation stays known, however old the list
    if answer.this_update is not None and answer.this_update > at + CLOCK_SKEW:
        raise _NoAnswer(_Kind.STALE, f"issued in the future ({answer.this_update.isoformat()})")
    if answer.next_update is not None and answer.next_update < at:
        raise _NoAnswer(_Kind.STALE, f"expired at {answer.next_update.isoformat()}")


def _covers(answer: RevocationAnswer, moment: datetime) -> None:
    """An embedded answer must cover ``moment``: issued at or after it, or current at it."""
    if answer.status is Revocation.REVOKED or answer.this_update is None:
        return
    if answer.this_update >= moment:
        return
    if answer.next_update is not None and answer.this_update <= moment <= answer.next_update:
        return
    raise _NoAnswer(
        _Kind.STALE,
        f"issued {answer.this_update.isoformat()}, before the time to prove ({moment.isoformat()})",
    )


def _from_register(
    register: StoreRegister, cert: x509.Certificate, issuer: x509.Certificate, at: datetime
) -> RevocationAnswer | None:
    if register.issuer != issuer:
        return None
    entry = register.entries.get(cert.serial_number)
    if entry is None:
        raise _NoAnswer(_Kind.NO_STATUS, f"serial {cert.serial_number:x} not issued by this store")
    revoked = entry.revoked_at is not None and entry.revoked_at <= at
    return RevocationAnswer(
        status=Revocation.REVOKED if revoked else Revocation.GOOD,
        revoked_at=entry.revoked_at if revoked else None,
        reason=entry.reason if revoked else None,
        source="store",
        produced_at=register.as_of,
        this_update=register.as_of,
    )


class _Collector:
    """Answers and failures for one certificate, as the sources are tried."""

    def __init__(self, cert: x509.Certificate) -> None:
        self.subject = dn(cert.subject)
        self.answers: list[RevocationAnswer] = []
        self.failures: list[RevocationFailure] = []

    def fail(self, source: str, kind: RevocationFailureKind, detail: str | None = None) -> None:
        self.failures.append(
            RevocationFailure(certificate=self.subject, source=source, kind=kind, detail=detail)
        )

    def best(self) -> RevocationAnswer | None:
        """The earliest revocation if any source says so, else the first good answer."""
        revoked = [a for a in self.answers if a.status is Revocation.REVOKED]
        if revoked:
            return min(revoked, key=lambda a: a.revoked_at or datetime.max)
        return self.answers[0] if self.answers else None


def _offline_sources(
    c: _Collector,
    cert: x509.Certificate,
    issuer: x509.Certificate,
    sources: Sources,
    at: datetime,
    poe: datetime,
) -> None:
    for register in sources.registers:
        try:
            if (found := _from_register(register, cert, issuer, at)) is not None:
                c.answers.append(found)
        except _NoAnswer as e:
            c.fail("store", e.kind, e.detail)
    for crl_file in sources.crl_files:
        try:
            if (found := _from_crl(crl_file.crl, cert, issuer, "crl_file")) is not None:
                _current(found, at)
                c.answers.append(found)
        except _NoAnswer as e:
            c.fail(crl_file.label, e.kind, e.detail)
    for der in sources.ocsp_ders:
        _embedded(c, "ocsp", der, cert, issuer, poe)
    for der in sources.crl_ders:
        _embedded(c, "crl", der, cert, issuer, poe)


def _embedded(
    c: _Collector,
    what: str,
    der: bytes,
    cert: x509.Certificate,
    issuer: x509.Certificate,
    poe: datetime,
) -> None:
    try:
        if what == "ocsp":
            found = _from_ocsp(ocsp.load_der_ocsp_response(der), cert, issuer, "embedded")
        else:
            found = _from_crl(x509.load_der_x509_crl(der), cert, issuer, "embedded")
        if found is not None:
            _covers(found, poe)
            c.answers.append(found)
    except ValueError:
        return  # an unreadable DSS entry may be about any certificate: not ours to report
    except _NoAnswer as e:
        c.fail("embedded", e.kind, e.detail)


def _fetch(url: str, body: bytes | None, content_type: str | None, timeout: float) -> bytes:
    if not url.startswith(("http://", "https://")):
        raise _NoAnswer(_Kind.UNREACHABLE, "unsupported URL scheme")
    headers = {"Content-Type": content_type} if content_type else {}
    request = urllib.request.Request(url, data=body, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data: bytes = response.read(MAX_FETCH)
    except urllib.error.HTTPError as e:
        raise _NoAnswer(_Kind.UNREACHABLE, f"HTTP {e.code} {e.reason}") from e
    except urllib.error.URLError as e:
        raise _NoAnswer(_Kind.UNREACHABLE, _os_detail(e.reason)) from e
    except TimeoutError as e:
        raise _NoAnswer(_Kind.UNREACHABLE, "timed out") from e
    except OSError as e:
        raise _NoAnswer(_Kind.UNREACHABLE, _os_detail(e)) from e
    return data


def _os_detail(reason: object) -> str:
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return str(reason) or type(reason).__name__


def service_urls(cert: x509.Certificate) -> tuple[list[str], list[str]]:
    """The OCSP URLs (AIA) and CRL distribution point URLs a certificate declares."""
    ocsp_urls: list[str] = []
    crl_urls: list[str] = []
    with contextlib.suppress(x509.ExtensionNotFound):
        aia = cert.extensions.get_extension_for_class(x509.AuthorityInformationAccess).value
        ocsp_urls = [
            str(d.access_location.value)
            for d in aia
            if d.access_method == AuthorityInformationAccessOID.OCSP
        ]
    with contextlib.suppress(x509.ExtensionNotFound):
        cdp = cert.extensions.get_extension_for_class(x509.CRLDistributionPoints).value
        crl_urls = [
            str(name.value)
            for point in cdp
            for name in point.full_name or []
            if isinstance(name, x509.UniformResourceIdentifier)
        ]
    return ocsp_urls, crl_urls


def _online(
    c: _Collector, cert: x509.Certificate, issuer: x509.Certificate, at: datetime, timeout: float
) -> None:
    """Ask the OCSP responders, then the CRL distribution points; stop at the first answer."""
    ocsp_urls, crl_urls = service_urls(cert)
    if not ocsp_urls and not crl_urls:
        c.fail("online", _Kind.NO_SOURCE, "the certificate names no OCSP or CRL URL")
        return
    request = (
        ocsp.OCSPRequestBuilder()
        .add_certificate(cert, issuer, hashes.SHA256())
        .build()
        .public_bytes(serialization.Encoding.DER)
    )
    for url in ocsp_urls:
        try:
            der = _fetch(url, request, "application/ocsp-request", timeout)
            try:
                response = ocsp.load_der_ocsp_response(der)
            except ValueError as e:
                raise _NoAnswer(_Kind.BAD_RESPONSE, "not an OCSP response") from e
            found = _from_ocsp(response, cert, issuer, "online")
            if found is None:
                raise _NoAnswer(_Kind.BAD_RESPONSE, "the response is about another certificate")
            _current(found, at)
        except _NoAnswer as e:
            log.debug("OCSP %s: %s", url, e)
            c.fail(url, e.kind, e.detail)
            continue
        c.answers.append(found)
        return
    for url in crl_urls:
        try:
            data = _fetch(url, None, None, timeout)
            try:
                crl = x509.load_der_x509_crl(data)
            except ValueError as e:
                raise _NoAnswer(_Kind.BAD_RESPONSE, "not a DER CRL") from e
            found = _from_crl(crl, cert, issuer, "online")
            if found is None:
                raise _NoAnswer(_Kind.UNTRUSTED, "the CRL is issued by another CA")
            _current(found, at)
        except _NoAnswer as e:
            log.debug("CRL %s: %s", url, e)
            c.fail(url, e.kind, e.detail)
            continue
        c.answers.append(found)
        return


def check(
    cert: x509.Certificate,
    issuer: x509.Certificate | None,
    sources: Sources,
    *,
    at: datetime,
    poe: datetime | None = None,
) -> Outcome:
    """The revocation status of ``cert`` (issued by ``issuer``) at the validation time
    ``at``; embedded answers must cover ``poe`` (the signature's trusted time; default
    ``at``). Never raises for bad revocation data: it becomes a failure."""
    c = _Collector(cert)
    if issuer is None:
        c.fail("chain", _Kind.NO_SOURCE, "the issuer's certificate is not available")
        return Outcome(
            answer=RevocationAnswer(status=Revocation.NOT_CHECKED), failures=(*c.failures,)
        )
    _offline_sources(c, cert, issuer, sources, at, poe or at)
    if c.best() is None:
        if sources.offline:
            c.fail("offline", _Kind.NO_SOURCE, None)
        else:
            _online(c, cert, issuer, at, sources.timeout)
    best = c.best()
    if best is None:
        tried = any(f.kind is not _Kind.NO_SOURCE for f in c.failures)
        best = RevocationAnswer(status=Revocation.UNKNOWN if tried else Revocation.NOT_CHECKED)
    return Outcome(answer=best, failures=tuple(c.failures))


def embedded_answer(
    cert: x509.Certificate, issuer: x509.Certificate, sources: Sources, *, poe: datetime
) -> RevocationAnswer | None:
    """The answer the document itself carries (DSS) for ``cert``, if one checks out and
    covers ``poe`` (what the B-LT level requires)."""
    c = _Collector(cert)
    for der in sources.ocsp_ders:
        _embedded(c, "ocsp", der, cert, issuer, poe)
    for der in sources.crl_ders:
        _embedded(c, "crl", der, cert, issuer, poe)
    return c.best()
