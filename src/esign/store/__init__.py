"""The store: everything an office's esign keeps, behind the :class:`Store` protocol.

* :mod:`esign.store.base` – the protocol; :mod:`esign.store.records` – what it returns.
* :mod:`esign.store.sqlite` – the SQLite backend (one folder, ``store.db``), the default.
* :mod:`esign.store.postgres` – the PostgreSQL backend (``postgresql://user@host/db``).
* :mod:`esign.store.copy` – ``esign store copy``: a whole store to another backend.
* :mod:`esign.store.audit` – the audit chain's hashing, checks and head anchors.
* :func:`open_store` / :func:`create_store` – from a folder path or a URL.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from esign.errors import StoreError
from esign.store.audit import HeadCheck, check_head, head_of, parse_head, verify_audit_chain
from esign.store.base import Store
from esign.store.copy import CopyReport, TableCount, copy_rows
from esign.store.ids import ID_PATTERN, check_id
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
from esign.store.sqlite import DB_NAME, SqliteStore

__all__ = [
    "DB_NAME",
    "ID_PATTERN",
    "AuditAnchor",
    "AuditEntry",
    "AuditHead",
    "CopyReport",
    "CrlRecord",
    "HeadCheck",
    "IdentityRecord",
    "IssuedStatement",
    "RevokedRecord",
    "RoleGrant",
    "ServiceRecord",
    "SqliteStore",
    "Store",
    "TableCount",
    "TimestampRecord",
    "TrustAnchorRecord",
    "check_head",
    "check_id",
    "copy_store",
    "create_store",
    "head_of",
    "identity_ids",
    "is_postgres_url",
    "open_store",
    "parse_head",
    "store_path",
    "verify_audit_chain",
]


_PG_SCHEMES = ("postgresql://", "postgres://")


def is_postgres_url(text: str | Path) -> bool:
    """Whether ``text`` names a PostgreSQL store (``postgresql://`` or ``postgres://``)."""
    return str(text).startswith(_PG_SCHEMES)


def store_path(url_or_path: str | Path) -> Path:
    """The SQLite folder of a path or ``sqlite:///folder`` URL; other URLs are refused."""
    text = str(url_or_path)
    if text.startswith("postgresql+"):
        raise StoreError("store.bad_url", url=_safe(text))
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
    """Open the store at a folder path, ``sqlite:///folder`` or ``postgresql://user@host/db``
    (the password from libpq's password or service file: a URL with one is refused)."""
    if is_postgres_url(url_or_path):
        from esign.store.postgres import PostgresStore

        return PostgresStore.open(str(url_or_path))
    return SqliteStore.open(store_path(url_or_path))


def identity_ids(url_or_path: str | Path) -> list[str]:
    """The ids of the store's identities, read-only; [] on any problem (shell completion)."""
    if is_postgres_url(url_or_path):
        from esign.store.postgres import PostgresStore

        return PostgresStore.read_ids_of(str(url_or_path))
    try:
        return SqliteStore.read_ids(store_path(url_or_path))
    except StoreError:
        return []


def create_store(url_or_path: str | Path, at: datetime) -> Store:
    """Create a new store (``esign init``) at a folder path, ``sqlite:///folder`` or in the
    (existing, empty) PostgreSQL database of a ``postgresql://`` URL."""
    if is_postgres_url(url_or_path):
        from esign.store.postgres import PostgresStore

        return PostgresStore.create(str(url_or_path), at)
    return SqliteStore.create(store_path(url_or_path), at)


def _open_for_copy(url_or_path: str | Path, at: datetime) -> SqliteStore:
    """The copy's target: an existing store, or a new one with an empty audit log."""
    if is_postgres_url(url_or_path):
        from esign.store.postgres import PostgresStore

        probe = PostgresStore.connect(str(url_or_path))
        fresh = not probe.has_schema()
        probe.close()
        if fresh:
            return PostgresStore.create(str(url_or_path), at, init_entry=False)
        return PostgresStore.open(str(url_or_path))
    home = store_path(url_or_path)
    if (home / DB_NAME).is_file():
        return SqliteStore.open(home)
    return SqliteStore.create(home, at, init_entry=False)


def _open_source(url_or_path: str | Path) -> SqliteStore:
    if is_postgres_url(url_or_path):
        from esign.store.postgres import PostgresStore

        return PostgresStore.open(str(url_or_path))
    return SqliteStore.open(store_path(url_or_path))


def copy_store(source: str | Path, target: str | Path, at: datetime) -> CopyReport:
    """Copy the store at ``source`` into the empty store or database at ``target``
    (:func:`esign.store.copy.copy_rows`: counts and the audit chain checked after)."""
    for location in (target, source):  # a password in either URL: refused before anything
        if is_postgres_url(location):
            from esign.store.postgres import check_url

            check_url(str(location))
    with _open_source(source) as src, _open_for_copy(target, at) as dst:
        if src.location == dst.location:
            raise StoreError("store.copy_same", target=dst.location)
        return copy_rows(src, dst, at)
