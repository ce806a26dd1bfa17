"""``esign store copy``: move a whole store to another backend (an office's SQLite folder to
the province's PostgreSQL) row for row, then prove the copy: every table has as many rows
as the source, the audit chain verifies and its head equals the source's.

Rows keep their own keys and numbers (audit ``seq``, token serials), so the audit chain,
the QR register's ``audit_seq`` and every anchor mean the same in the copy.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from esign.errors import StoreError
from esign.store.audit import verify_audit_chain
from esign.store.records import AuditHead
from esign.store.sqlite import SqliteStore


@dataclass(frozen=True, slots=True)
class Table:
    """One table as the copy moves it."""

    name: str
    columns: tuple[str, ...]
    order: str


TABLES: tuple[Table, ...] = (
    Table(
        "identities",
        (
            "id",
            "kind",
            "cert_der",
            "key_p12",
            "key_ref",
            "issuer_id",
            "source",
            "created_at",
            "revoked_at",
            "revocation_reason",
        ),
        "id",
    ),
    Table("chain_certs", ("identity_id", "position", "cert_der"), "identity_id, position"),
    Table("profiles", ("identity_id", "rank"), "identity_id"),
    Table("trust_anchors", ("fingerprint", "cert_der", "source", "added_at"), "fingerprint"),
    Table(
        "audit_log",
        ("seq", "at", "action", "identity", "subject", "detail", "prev_hash", "hash"),
        "seq",
    ),
    Table(
        "issued_statements",
        ("code", "token", "sha256", "signer_id", "signer", "signed_at", "audit_seq"),
        "code",
    ),
    Table("crls", ("number", "issuer_id", "this_update", "next_update", "crl_der"), "number"),
    Table(
        "timestamp_tokens",
        ("serial", "at", "hash_algorithm", "message_imprint", "requester", "policy"),
        "serial",
    ),
    Table(
        "services",
        ("name", "cert_der", "key_p12", "key_ref", "issuer_id", "created_at"),
        "name",
    ),
    Table("audit_anchors", ("id", "entries", "hash", "at", "token", "tsa"), "id"),
    Table(
        "role_grants",
        (
            "id",
            "identity_id",
            "post",
            "may_sign_for",
            "acting",
            "valid_from",
            "valid_until",
            "granted_at",
            "revoked_at",
        ),
        "id",
    ),
    Table("officer_niks", ("nik", "identity_id", "set_at"), "nik"),
    Table("api_clients", ("name", "secret_hash", "created_at"), "name"),
    Table(
        "batches",
        ("id", "created_at", "signer", "consent", "recipe", "overwrite", "total", "chunk"),
        "id",
    ),
    Table(
        "batch_items",
        (
            "batch_id",
            "n",
            "input",
            "output",
            "state",
            "sha256",
            "staged",
            "error",
            "worker",
            "updated_at",
        ),
        "batch_id, n",
    ),
)
"""Every table of the store that holds the office's data, parents before children
(``meta`` and ``migrations`` belong to each database). tests/test_store_postgres.py fails
when the SQLite schema has a table this list does not name."""


@dataclass(frozen=True, slots=True, kw_only=True)
class TableCount:
    """One table's rows in the source and in the copy."""

    table: str
    source: int
    target: int


@dataclass(frozen=True, slots=True, kw_only=True)
class CopyReport:
    """What ``store copy`` moved and what it checked afterwards."""

    source: str
    target: str
    counts: tuple[TableCount, ...]
    head: AuditHead
    """The audit log's head, the same in source and copy."""


def target_is_empty(target: SqliteStore) -> bool:
    """Whether ``target`` holds no data (a fresh schema, not even an ``init`` entry)."""
    return all(target.count(t.name) == 0 for t in TABLES)


def copy_rows(source: SqliteStore, target: SqliteStore, at: datetime) -> CopyReport:
    """Copy every row of ``source`` into the empty ``target`` in one transaction, then check
    the counts and the chain. Raises StoreError when the target is not empty or a check
    fails (the target then holds nothing: the transaction is rolled back)."""
    del at  # the copy keeps the source's times; the parameter is the command's clock
    if not target_is_empty(target):
        raise StoreError(
            "store.copy_not_empty",
            hint_key="store.copy_not_empty.hint",
            target=target.location,
            entries=target.count("audit_log"),
            identities=target.count("identities"),
        )
    source_head = source.audit_head()
    broken = verify_audit_chain(source.audit_entries())
    if broken is not None:
        raise StoreError("store.copy_source_broken", source=source.location, seq=broken.seq)
    with target.transaction():
        for table in TABLES:
            target.load_rows(table.name, table.columns, source.table_rows(*_spec(table)))
        counts = tuple(
            TableCount(table=t.name, source=source.count(t.name), target=target.count(t.name))
            for t in TABLES
        )
        for c in counts:
            if c.source != c.target:
                raise StoreError(
                    "store.copy_count", table=c.table, source=c.source, target=c.target
                )
        entries = target.audit_entries()
        broken = verify_audit_chain(entries)
        head = target.audit_head()
        if broken is not None or head != source_head:
            raise StoreError(
                "store.copy_chain",
                seq=broken.seq if broken else head.count,
                source_head=str(source_head),
                target_head=str(head),
            )
    target.finish_copy()
    return CopyReport(source=source.location, target=target.location, counts=counts, head=head)


def _spec(table: Table) -> tuple[str, tuple[str, ...], str]:
    return table.name, table.columns, table.order
