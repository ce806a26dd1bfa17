"""The store: everything an office's esign keeps, behind the :class:`Store` protocol.

* :mod:`esign.store.base` – the protocol; :mod:`esign.store.records` – what it returns.
* :mod:`esign.store.sqlite` – the SQLite backend (one folder, ``store.db``).
* :mod:`esign.store.audit` – the audit chain's hashing, checks and head anchors.
* :func:`open_store` / :func:`create_store` – from a folder path or a URL.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from esign.errors import StoreError
from esign.store.audit import HeadCheck, check_head, head_of, parse_head, verify_audit_chain
from esign.store.base import Store
from esign.store.ids import ID_PATTERN, check_id
from esign.store.records import (
    AuditAnchor,
    AuditEntry,
    AuditHead,
    CrlRecord,
    IdentityRecord,
    IssuedStatement,
    RevokedRecord,
    ServiceRecord,
    TimestampRecord,
    TrustAnchorRecord,
)
from esign.store.sqlite import DB_NAME, SqliteStore

__all__ = [
    "DB_NAME",
    "ID_PATTERN",
    "AuditAnchor",
    "AuditEntry",
    "AuditHead",
    "CrlRecord",
    "HeadCheck",
    "IdentityRecord",
    "IssuedStatement",
    "RevokedRecord",
    "ServiceRecord",
    "SqliteStore",
    "Store",
    "TimestampRecord",
    "TrustAnchorRecord",
    "check_head",
    "check_id",
    "create_store",
    "head_of",
    "open_store",
    "parse_head",
    "store_path",
    "verify_audit_chain",
]


def store_path(url_or_path: str | Path) -> Path:
    """The SQLite folder of a path or ``sqlite:///folder`` URL; other URLs are refused."""
    text = str(url_or_path)
    if text.startswith(("postgresql://", "postgres://", "postgresql+")):
        raise StoreError("store.backend_unavailable", backend="PostgreSQL", url=_safe(text))
    if text.startswith("sqlite://"):
        rest = text.removeprefix("sqlite://")
        if not rest.startswith("/"):
            raise StoreError("store.bad_url", url=_safe(text))
        return Path(rest)
    if "://" in text:
        raise StoreError("store.bad_url", url=_safe(text))
    return Path(text)


def _safe(url: str) -> str:
    """The URL without a password (``user:secret@host`` → ``user:***@host``)."""
    scheme, sep, rest = url.partition("://")
    auth, at, host = rest.rpartition("@")
    if at and ":" in auth:
        auth = auth.split(":", 1)[0] + ":***"
    return f"{scheme}{sep}{auth}{at}{host}" if at else url


def open_store(url_or_path: str | Path) -> Store:
    """Open the store at a folder path or ``sqlite:///folder`` (``postgresql://`` comes later)."""
    return SqliteStore.open(store_path(url_or_path))


def create_store(url_or_path: str | Path, at: datetime) -> Store:
    """Create a new store (``esign init``) at a folder path or ``sqlite:///folder``."""
    return SqliteStore.create(store_path(url_or_path), at)
