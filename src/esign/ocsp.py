"""OCSP (RFC 6960): the office's responder, and the small client esign verifies with.

The responder answers from the store *at request time*, so a revocation recorded with
``esign cert revoke`` shows at once. It signs with a delegated responder certificate
(extended key usage OCSPSigning, id-pkix-ocsp-nocheck) issued by the store's CA.
A request that does not parse gets ``malformedRequest``; a certificate the CA did not
issue (or another CA's) gets ``unknown``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509 import ocsp

from esign.keys import KeyHandle, issuer_key
from esign.pki import REVOCATION_REASONS

log = logging.getLogger(__name__)

NEXT_UPDATE = timedelta(hours=1)
MAX_REQUEST = 16 * 1024


@dataclass(frozen=True, slots=True, kw_only=True)
class CertState:
    """What the store knows about one certificate the CA issued."""

    revoked_at: datetime | None = None
    """When it was revoked, if it was."""
    reason: str | None = None
    """RFC 5280 reason name (see :data:`esign.pki.REVOCATION_REASONS`)."""


def malformed() -> bytes:
    """The DER ``malformedRequest`` response."""
    return ocsp.OCSPResponseBuilder.build_unsuccessful(
        ocsp.OCSPResponseStatus.MALFORMED_REQUEST
    ).public_bytes(serialization.Encoding.DER)


def _issuer_hashes(ca: x509.Certificate, algorithm: hashes.HashAlgorithm) -> tuple[bytes, bytes]:
    probe = ocsp.OCSPRequestBuilder().add_certificate(ca, ca, algorithm).build()
    return probe.issuer_name_hash, probe.issuer_key_hash


class OcspResponder:
    """Signs OCSP answers for certificates issued by ``ca``."""

    def __init__(
        self,
        key: KeyHandle,
        ca: x509.Certificate,
        lookup: Callable[[int], CertState | None],
    ) -> None:
        self.key = key
        self.ca = ca
        self._lookup = lookup

    def respond(self, body: bytes, *, at: datetime) -> bytes:
        """The DER ``OCSPResponse`` for the DER ``OCSPRequest`` in ``body``."""
        if not body or len(body) > MAX_REQUEST:
            return malformed()
        try:
            request = ocsp.load_der_ocsp_request(body)
            algorithm = request.hash_algorithm
            serial = request.serial_number
            name_hash, key_hash = request.issuer_name_hash, request.issuer_key_hash
            nonce = _nonce(request)
        except (ValueError, TypeError) as e:
            log.info("OCSP request malformed: %s", e)
            return malformed()
        state = None
        if (name_hash, key_hash) == _issuer_hashes(self.ca, algorithm):
            state = self._lookup(serial)
        if state is None:
            status = ocsp.OCSPCertStatus.UNKNOWN
        elif state.revoked_at is not None and state.revoked_at <= at:
            status = ocsp.OCSPCertStatus.REVOKED
        else:
            status = ocsp.OCSPCertStatus.GOOD
        revoked = status is ocsp.OCSPCertStatus.REVOKED and state is not None
        reason = None
        if revoked and state is not None and state.reason and state.reason != "unspecified":
            reason = REVOCATION_REASONS.get(state.reason)
        builder = (
            ocsp.OCSPResponseBuilder()
            .add_response_by_hash(
                issuer_name_hash=name_hash,
                issuer_key_hash=key_hash,
                serial_number=serial,
                algorithm=algorithm,
                cert_status=status,
                this_update=at,
                next_update=at + NEXT_UPDATE,
                revocation_time=state.revoked_at if revoked and state is not None else None,
                revocation_reason=reason,
            )
            .responder_id(ocsp.OCSPResponderEncoding.HASH, self.key.cert)
            .certificates([self.key.cert])
        )
        if nonce is not None:
            builder = builder.add_extension(x509.OCSPNonce(nonce), critical=False)
        response = builder.sign(issuer_key(self.key), hashes.SHA256())
        log.debug("OCSP %x: %s", serial, status.name)
        return response.public_bytes(serialization.Encoding.DER)


def _nonce(request: ocsp.OCSPRequest) -> bytes | None:
    try:
        return request.extensions.get_extension_for_class(x509.OCSPNonce).value.nonce
    except x509.ExtensionNotFound:
        return None
