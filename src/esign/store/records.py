"""What the store hands across its border: frozen records, never tuples or rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cryptography import x509

from esign.models import Acting, CertKind


@dataclass(frozen=True, slots=True, kw_only=True)
class IdentityRecord:
    """One identity: a certificate, maybe with a reference to its sealed key."""

    id: str
    """Store id (``budi``)."""
    kind: CertKind
    """ca, person or seal."""
    cert: x509.Certificate
    """The certificate."""
    key_ref: str | None
    """Where its private key is (``p12:budi``), when the store holds one."""
    chain: tuple[x509.Certificate, ...]
    """Issuer certificates (for imported identities)."""
    source: str
    """``issued``, ``created`` or ``imported:FILE``."""
    created_at: datetime
    """When it entered the store."""
    revoked_at: datetime | None = None
    """When it was revoked, if it was."""
    revocation_reason: str | None = None
    """Why it was revoked."""

    @property
    def has_key(self) -> bool:
        """True when the store can sign with this identity."""
        return self.key_ref is not None


@dataclass(frozen=True, slots=True, kw_only=True)
class ServiceRecord:
    """A service certificate (``tsa``, ``ocsp``) and its key reference."""

    name: str
    """``tsa`` or ``ocsp``."""
    cert: x509.Certificate
    """The service certificate."""
    key_ref: str
    """Where its key is (``p12:service:tsa``); sealed with the CA's passphrase."""
    issuer_id: str
    """Store id of the CA that issued it."""


@dataclass(frozen=True, slots=True, kw_only=True)
class TrustAnchorRecord:
    """A root the store trusts."""

    fingerprint: str
    """SHA-256 of the DER certificate, lowercase hex."""
    cert: x509.Certificate
    """The root certificate."""
    source: str
    """``ca create``, a file name, or ``cert import ID``."""


@dataclass(frozen=True, slots=True, kw_only=True)
class RevokedRecord:
    """One revoked certificate, as a CRL lists it."""

    serial: int
    revoked_at: datetime
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class CrlRecord:
    """A CRL the store's CA issued."""

    number: int
    der: bytes
    this_update: datetime
    next_update: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class TimestampRecord:
    """A time-stamp token the office TSA issued (what it certified, not the token)."""

    serial: int
    at: datetime
    hash_algorithm: str
    imprint: str
    """Hex of the hashed message."""
    requester: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class AuditEntry:
    """One hash-chained line of the audit log."""

    seq: int
    at: datetime
    action: str
    identity: str | None
    subject: str | None
    detail: dict[str, object]
    prev_hash: str
    hash: str


@dataclass(frozen=True, slots=True, kw_only=True)
class AuditHead:
    """The end of the audit log: how many entries and the last one's hash."""

    count: int
    """Number of entries."""
    hash: str
    """Hash of the last entry (64 zeros for an empty log)."""

    def __str__(self) -> str:
        return f"{self.hash}:{self.count}"


@dataclass(frozen=True, slots=True, kw_only=True)
class AuditAnchor:
    """A recorded head of the log, optionally with a TSA token over it."""

    head: AuditHead
    """The head when it was anchored."""
    at: datetime
    """When it was anchored."""
    token: bytes | None = None
    """RFC 3161 token (DER) over SHA-256 of ``str(head)``, when a TSA answered."""
    tsa: str | None = None
    """The TSA's URL."""


@dataclass(frozen=True, slots=True, kw_only=True)
class IssuedStatement:
    """One row of the register of issued QR statements."""

    code: str
    """The verification code printed under the QR (``XXXX-XXXX-XXXX-XXXX``), the key."""
    token: str
    """The signed statement itself (the JWS in the QR): checked again at every lookup."""
    sha256: str
    """SHA-256 of the document before signing (hex), as the statement says."""
    signer_id: str | None
    """Store id of the signer."""
    signer: str
    """Signer's name as the statement says."""
    signed_at: datetime
    """Signing time, as the statement says."""
    audit_seq: int | None = None
    """The audit-log entry of the signing (set by the store)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class RoleGrant:
    """One recorded role (office practice §3): who holds which post, and for whom they may
    sign ``a.n.``/``u.b.`` or act as ``Plt.``/``Plh.``, from when until when."""

    id: int
    """The grant's number (``esign role revoke ID``), printed when it is granted."""
    identity_id: str
    """Store id of the officer who holds the role."""
    post: str
    """The post held, e.g. ``Sekretaris Daerah``; with ``acting``: the post acted in."""
    may_sign_for: str | None
    """The post this officer may sign for (``a.n.``, or ``u.b.`` under an ``a.n.``)."""
    acting: Acting | None
    """``plt``/``plh``: the officer acts in ``post`` (it is not their own)."""
    valid_from: datetime | None
    """The first moment the grant holds (None: since ever)."""
    valid_until: datetime | None
    """The first moment it no longer holds (None: until revoked)."""
    granted_at: datetime
    """When it was recorded."""
    revoked_at: datetime | None = None
    """When it was revoked, if it was (it still held for what was signed before)."""

    def holds_at(self, at: datetime) -> bool:
        """Whether the grant is in force at ``at``."""
        return (
            (self.valid_from is None or self.valid_from <= at)
            and (self.valid_until is None or at < self.valid_until)
            and (self.revoked_at is None or at < self.revoked_at)
        )
