"""The :class:`Store` protocol: everything esign keeps, whatever the backend.

Writes made inside ``with store.transaction():`` commit together or not at all; a write
outside one is its own transaction. Every method returns records
(:mod:`esign.store.records`), never rows.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from datetime import datetime
from typing import Protocol

from cryptography import x509

from esign.models import Acting, CertKind
from esign.store.batches import BatchCounts, BatchItem, BatchRecord, ItemState
from esign.store.records import (
    AuditAnchor,
    AuditEntry,
    AuditHead,
    CrlRecord,
    IdentityRecord,
    IssuedStatement,
    RevokedRecord,
    RoleGrant,
    ServiceRecord,
    TimestampRecord,
    TrustAnchorRecord,
)


class Store(Protocol):
    """An open store. Close it with :meth:`close` (or use it as a context manager)."""

    @property
    def location(self) -> str:
        """What :func:`esign.store.open_store` takes to open this store again."""
        ...

    def close(self) -> None: ...
    def __enter__(self) -> Store: ...
    def __exit__(self, *exc: object) -> None: ...

    def transaction(self) -> AbstractContextManager[None]:
        """Group the writes inside into one transaction (nesting joins the outer one)."""
        ...

    # identities and their keys
    def add_identity(
        self,
        *,
        id: str,
        kind: CertKind,
        cert: x509.Certificate,
        key_p12: bytes | None,
        at: datetime,
        source: str,
        chain: tuple[x509.Certificate, ...] = (),
        issuer_id: str | None = None,
        key_ref: str | None = None,
    ) -> None: ...
    def get(self, id: str) -> IdentityRecord: ...
    def identities(self) -> list[IdentityRecord]: ...
    def ca(self) -> IdentityRecord: ...
    def has_ca(self) -> IdentityRecord | None: ...
    def sealed_key(self, ref: str) -> bytes: ...
    def replace_sealed_key(self, ref: str, blob: bytes) -> None: ...
    def revoke(self, id: str, at: datetime, reason: str) -> None: ...
    def revoked_entries(self, issuer: x509.Certificate) -> list[RevokedRecord]: ...
    def find_by_serial(self, issuer: x509.Certificate, serial: int) -> IdentityRecord | None: ...

    # CRLs, services, timestamp tokens
    def add_crl(
        self, issuer_id: str, crl_der: bytes, this_update: datetime, next_update: datetime
    ) -> int: ...
    def next_crl_number(self) -> int: ...
    def latest_crl(self) -> CrlRecord | None: ...
    def add_service(
        self,
        name: str,
        cert: x509.Certificate,
        key_p12: bytes,
        issuer_id: str,
        at: datetime,
        key_ref: str | None = None,
    ) -> bool: ...
    def services(self) -> list[ServiceRecord]: ...
    def record_timestamp(
        self, *, at: datetime, hash_algorithm: str, imprint: bytes, requester: str, policy: str
    ) -> int: ...
    def timestamp_tokens(self) -> list[TimestampRecord]: ...

    # profile
    def set_rank(self, id: str, rank: str | None) -> None: ...
    def rank(self, id: str) -> str | None: ...

    # roles: who may sign a.n./u.b. or as Plt./Plh. for which post, and when
    def add_role_grant(
        self,
        *,
        identity_id: str,
        post: str,
        may_sign_for: str | None,
        acting: Acting | None,
        valid_from: datetime | None,
        valid_until: datetime | None,
        at: datetime,
    ) -> int: ...
    def role_grants(self, identity_id: str | None = None) -> list[RoleGrant]: ...
    def revoke_role_grant(self, grant_id: int, at: datetime) -> RoleGrant: ...

    # gateway (issue 14): the officer's NIK and the API's client applications
    def set_nik(self, id: str, nik: str | None, at: datetime) -> None: ...
    def nik(self, id: str) -> str | None: ...
    def identity_by_nik(self, nik: str) -> str | None: ...
    def add_api_client(self, name: str, secret_hash: str, at: datetime) -> bool: ...
    def api_clients(self) -> list[tuple[str, str, datetime]]: ...
    def remove_api_client(self, name: str) -> bool: ...

    # trust anchors
    def add_trust_anchor(
        self, cert: x509.Certificate, fingerprint: str, source: str, at: datetime
    ) -> bool: ...
    def trust_anchors(self) -> list[TrustAnchorRecord]: ...
    def remove_trust_anchor(self, fingerprint: str) -> None: ...

    # audit log
    def audit(
        self,
        action: str,
        *,
        at: datetime,
        identity: str | None = None,
        subject: str | None = None,
        detail: dict[str, object] | None = None,
        issued: IssuedStatement | None = None,
    ) -> None: ...
    def audit_entries(self) -> list[AuditEntry]: ...
    def audit_head(self) -> AuditHead: ...
    def add_audit_anchor(self, anchor: AuditAnchor) -> None: ...
    def audit_anchors(self) -> list[AuditAnchor]: ...

    # queued batches (issue 12; esign.store.batches)
    def add_batch(self, batch: BatchRecord, items: list[tuple[str, str]]) -> None: ...
    def batch(self, batch_id: str) -> BatchRecord | None: ...
    def batch_items(self, batch_id: str, numbers: list[int] | None = None) -> list[BatchItem]: ...
    def items_for_outputs(self, outputs: list[str]) -> list[BatchItem]: ...
    def batch_counts(self, batch_id: str) -> BatchCounts: ...
    def settle(
        self,
        batch_id: str,
        n: int,
        state: ItemState,
        *,
        at: datetime,
        worker: str,
        sha256: str | None = None,
        staged: str | None = None,
        error: str | None = None,
    ) -> bool: ...
    def reopen_failed(self, batch_id: str) -> list[int]: ...

    # register of issued QR statements
    def issued_statement(self, code: str) -> IssuedStatement | None: ...
