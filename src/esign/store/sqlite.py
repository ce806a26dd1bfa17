"""The SQLite store: identities (certificates + sealed keys), trust anchors, CRLs, the audit
log. Everything SQLite-specific lives here: the schema (AUTOINCREMENT), PRAGMAs, WAL and
``BEGIN IMMEDIATE``; the SQL of the queries themselves is portable.

The folder is 0700, the database 0600; private keys are PKCS#12 blobs sealed by
:mod:`esign.keys` and leave this module only as sealed bytes (:meth:`SqliteStore.sealed_key`).
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from esign.errors import StoreError
from esign.models import Acting, CertKind
from esign.sanitize import storable, storable_value
from esign.store.audit import GENESIS, entry_hash, timestamp_text
from esign.store.batches import BatchTables
from esign.store.crash import crash_point
from esign.store.ids import check_id
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

SCHEMA_VERSION = 1
DB_NAME = "store.db"

_SCHEMA = [
    """CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)""",
    """CREATE TABLE identities (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        cert_der BLOB NOT NULL,
        key_p12 BLOB,
        issuer_id TEXT,
        source TEXT NOT NULL,
        created_at TEXT NOT NULL,
        revoked_at TEXT,
        revocation_reason TEXT
    )""",
    """CREATE TABLE chain_certs (
        identity_id TEXT NOT NULL REFERENCES identities(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        cert_der BLOB NOT NULL,
        PRIMARY KEY (identity_id, position)
    )""",
    """CREATE TABLE trust_anchors (
        fingerprint TEXT PRIMARY KEY,
        cert_der BLOB NOT NULL,
        source TEXT NOT NULL,
        added_at TEXT NOT NULL
    )""",
    """CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        action TEXT NOT NULL,
        identity TEXT,
        subject TEXT,
        detail TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
    )""",
]


# Later schema changes, applied in order on open. Each has a unique name and is recorded in
# the ``migrations`` table, so branches that add migrations independently do not collide.
# Append only; never edit a migration that has shipped.
MIGRATIONS: list[tuple[str, list[str]]] = [
    ("0001-migrations-table", []),
    (
        "0002-crl-and-tsa",
        [
            """CREATE TABLE crls (
                number INTEGER PRIMARY KEY,
                issuer_id TEXT NOT NULL,
                this_update TEXT NOT NULL,
                next_update TEXT NOT NULL,
                crl_der BLOB NOT NULL
            )""",
            """CREATE TABLE timestamp_tokens (
                serial INTEGER PRIMARY KEY AUTOINCREMENT,
                at TEXT NOT NULL,
                hash_algorithm TEXT NOT NULL,
                message_imprint TEXT NOT NULL,
                requester TEXT,
                policy TEXT
            )""",
            """CREATE TABLE services (
                name TEXT PRIMARY KEY,
                cert_der BLOB NOT NULL,
                key_p12 BLOB NOT NULL,
                issuer_id TEXT NOT NULL,
                created_at TEXT NOT NULL
            )""",
        ],
    ),
    (
        "0004-profile-rank",
        [
            """CREATE TABLE profiles (
                identity_id TEXT PRIMARY KEY REFERENCES identities(id) ON DELETE CASCADE,
                rank TEXT
            )""",
        ],
    ),
    (
        "0005-statement-register",
        [
            # The register of issued QR statements: the verification code under a QR is
            # looked up here (esign verify-qr CODE, the coming verification page).
            """CREATE TABLE issued_statements (
                code TEXT PRIMARY KEY,
                token TEXT NOT NULL,
                sha256 TEXT NOT NULL,
                signer_id TEXT,
                signer TEXT NOT NULL,
                signed_at TEXT NOT NULL,
                audit_seq INTEGER NOT NULL REFERENCES audit_log(seq)
            )""",
            "CREATE INDEX issued_statements_sha256 ON issued_statements (sha256)",
        ],
    ),
    (
        "0006-key-refs",
        [
            "ALTER TABLE identities ADD COLUMN key_ref TEXT",
            "UPDATE identities SET key_ref = 'p12:' || id WHERE key_p12 IS NOT NULL",
            "ALTER TABLE services ADD COLUMN key_ref TEXT",
            "UPDATE services SET key_ref = 'p12:service:' || name",
        ],
    ),
    (
        "0007-audit-anchors",
        [
            """CREATE TABLE audit_anchors (
                id INTEGER PRIMARY KEY,
                entries INTEGER NOT NULL,
                hash TEXT NOT NULL,
                at TEXT NOT NULL,
                token BLOB,
                tsa TEXT
            )""",
        ],
    ),
    (
        "0008-role-grants",
        [
            # Who holds which post and may sign a.n./u.b. or as Plt./Plh. for which post,
            # from when until when (docs/workflow.md "Signing for someone"). Grants are
            # revoked, never deleted: a letter signed while one held stays explainable.
            """CREATE TABLE role_grants (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                identity_id TEXT NOT NULL REFERENCES identities(id) ON DELETE CASCADE,
                post TEXT NOT NULL,
                may_sign_for TEXT,
                acting TEXT,
                valid_from TEXT,
                valid_until TEXT,
                granted_at TEXT NOT NULL,
                revoked_at TEXT
            )""",
        ],
    ),
    (
        "0009-gateway",
        [
            # issue 14: the NIK (16 digits) an e-office app names the signer by, and the
            # client applications allowed to call the gateway-compatible API (HTTP Basic;
            # only a salted scrypt hash of each password is kept).
            """CREATE TABLE officer_niks (
                nik TEXT PRIMARY KEY,
                identity_id TEXT NOT NULL UNIQUE REFERENCES identities(id) ON DELETE CASCADE,
                set_at TEXT NOT NULL
            )""",
            """CREATE TABLE api_clients (
                name TEXT PRIMARY KEY,
                secret_hash TEXT NOT NULL,
                created_at TEXT NOT NULL
            )""",
        ],
    ),
    (
        "0010-batches",
        [
            # Queued batches (issue 12, docs/scale.md): who agreed and how, once per batch;
            # one row per letter whose state changes once, in the transaction of its audit
            # entry (a job run twice finds it settled and does nothing).
            """CREATE TABLE batches (
                id TEXT PRIMARY KEY,
                created_at TEXT NOT NULL,
                signer TEXT NOT NULL,
                consent TEXT NOT NULL,
                recipe TEXT NOT NULL,
                overwrite INTEGER NOT NULL,
                total INTEGER NOT NULL,
                chunk INTEGER NOT NULL
            )""",
            """CREATE TABLE batch_items (
                batch_id TEXT NOT NULL REFERENCES batches(id),
                n INTEGER NOT NULL,
                input TEXT NOT NULL,
                output TEXT NOT NULL,
                state TEXT NOT NULL,
                sha256 TEXT,
                staged TEXT,
                error TEXT,
                worker TEXT,
                updated_at TEXT,
                PRIMARY KEY (batch_id, n)
            )""",
            "CREATE INDEX batch_items_output ON batch_items (output)",
        ],
    ),
]

SERVICE_REF = "p12:service:"
"""Key references of service keys; identity keys are ``p12:<id>`` (ids have no colon)."""


def _der(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(Encoding.DER)


_ts = timestamp_text


def _parse_ts(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


class SqliteStore(BatchTables):
    """An open SQLite store. Use :meth:`create` or :meth:`open`; close with :meth:`close`."""

    def __init__(self, home: Path, conn: sqlite3.Connection) -> None:
        self.home = home
        self._conn = conn
        self._depth = 0

    @property
    def location(self) -> str:
        """The store folder (what ``open_store`` takes)."""
        return str(self.home)

    # --- opening ------------------------------------------------------------------------

    @classmethod
    def create(cls, home: Path, at: datetime, *, init_entry: bool = True) -> SqliteStore:
        """Create a new store in ``home`` (0700) with its database (0600);
        ``init_entry=False`` leaves the audit log empty (``esign store copy`` fills it)."""
        db = home / DB_NAME
        if db.exists():
            raise StoreError("store.exists", path=home)
        home.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(home, 0o700)
        fd = os.open(db, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
        store = cls(home, cls._connect(db))
        with store.transaction():
            for statement in _SCHEMA:
                store._conn.execute(statement)
            store._conn.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
            store._conn.execute("INSERT INTO meta VALUES ('created_at', ?)", (_ts(at),))
        store._migrate(at)
        if init_entry:
            store.audit("init", at=at, detail={"path": str(home)})
        return store

    @classmethod
    def open(cls, home: Path) -> SqliteStore:
        """Open an existing store; a missing one says to run ``esign init``."""
        db = home / DB_NAME
        if not db.is_file():
            raise StoreError("store.missing", hint_key="store.missing.hint", path=home)
        conn = cls._connect(db)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        except sqlite3.DatabaseError as e:
            conn.close()
            raise StoreError("store.corrupt", path=db, detail=str(e)) from e
        if row is None or int(row[0]) > SCHEMA_VERSION:
            conn.close()
            raise StoreError("store.newer", path=db, found=row[0] if row else "?")
        store = cls(home, conn)
        store._migrate(datetime.now(UTC))
        return store

    def _migrate(self, at: datetime) -> None:
        """Apply the migrations this store has not seen yet, each in its own transaction."""
        conn = self._conn
        try:  # an up-to-date store is only read: opening it writes nothing
            done = {str(r[0]) for r in conn.execute("SELECT name FROM migrations").fetchall()}
        except sqlite3.OperationalError:
            with self.transaction():
                conn.execute(
                    "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT)"
                )
            done = set()
        for name, statements in MIGRATIONS:
            if name in done:
                continue
            with self.transaction():
                if conn.execute("SELECT 1 FROM migrations WHERE name = ?", (name,)).fetchone():
                    continue  # another process applied it meanwhile
                for statement in statements:
                    conn.execute(statement)
                conn.execute(
                    "INSERT INTO migrations (name, applied_at) VALUES (?, ?)", (name, _ts(at))
                )

    @staticmethod
    def read_ids(home: Path) -> list[str]:
        """The identity ids of the store at ``home``, read-only and never failing (shell
        completion): [] when there is no store or it cannot be read. Nothing is written, not
        even a migration or a journal."""
        db = home / DB_NAME
        if not db.is_file():
            return []
        try:
            # no other connection open (no -wal file): read the file as it is, creating no
            # -wal/-shm beside it; else a read-only connection shares the writer's log
            live = db.with_name(db.name + "-wal").exists()
            query = "mode=ro" if live else "mode=ro&immutable=1"
            conn = sqlite3.connect(f"{db.resolve().as_uri()}?{query}", uri=True, timeout=1)
            try:
                rows = conn.execute("SELECT id FROM identities ORDER BY id").fetchall()
            finally:
                conn.close()
        except (sqlite3.Error, OSError, ValueError):
            return []
        return [str(r[0]) for r in rows]

    @staticmethod
    def _connect(db: Path) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(db, timeout=30, isolation_level=None)
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA busy_timeout = 30000")
        except sqlite3.DatabaseError as e:
            raise StoreError("store.corrupt", path=db, detail=str(e)) from e
        return conn

    def close(self) -> None:
        """Close the database connection."""
        self._conn.close()

    def __enter__(self) -> SqliteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One ``BEGIN IMMEDIATE`` transaction; a nested one joins it. Everything written
        inside commits together, or (on any exception, or a kill) not at all."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.DatabaseError as e:
            raise StoreError("store.corrupt", path=self.home, detail=str(e)) from e
        self._depth = 1
        try:
            yield
            crash_point("commit")
            conn.execute("COMMIT")
        except sqlite3.DatabaseError as e:
            self._rollback()
            raise StoreError("store.corrupt", path=self.home, detail=str(e)) from e
        except BaseException:
            self._rollback()
            raise
        finally:
            self._depth = 0
        crash_point("committed")

    def _rollback(self) -> None:
        if self._conn.in_transaction:
            self._conn.execute("ROLLBACK")

    @contextlib.contextmanager
    def _write(self, point: str) -> Iterator[sqlite3.Connection]:
        """A write: its own transaction, or part of the caller's; a crash point after it."""
        with self.transaction():
            yield self._conn
            crash_point(point)

    # --- identities ---------------------------------------------------------------------

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
    ) -> None:
        """Insert an identity (and its sealed key, referenced as ``p12:<id>``; or, with
        ``key_ref``, a reference to a key kept elsewhere: ``pkcs11:...`` for a token)."""
        check_id(id)
        if key_ref is None:
            key_ref = f"p12:{id}" if key_p12 is not None else None
        with self._write("add_identity") as conn:
            if conn.execute("SELECT 1 FROM identities WHERE id = ?", (id,)).fetchone():
                raise StoreError("store.duplicate_id", hint_key="store.duplicate_id.hint", id=id)
            conn.execute(
                "INSERT INTO identities (id, kind, cert_der, key_p12, key_ref, issuer_id, source,"
                " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (id, kind.value, _der(cert), key_p12, key_ref, issuer_id, source, _ts(at)),
            )
            conn.executemany(
                "INSERT INTO chain_certs (identity_id, position, cert_der) VALUES (?, ?, ?)",
                [(id, i, _der(c)) for i, c in enumerate(chain)],
            )

    def _record(self, row: tuple[object, ...]) -> IdentityRecord:
        id_, kind, cert_der, key_ref, source, created, revoked, reason = row
        chain_rows = self._conn.execute(
            "SELECT cert_der FROM chain_certs WHERE identity_id = ? ORDER BY position", (id_,)
        ).fetchall()
        return IdentityRecord(
            id=str(id_),
            kind=CertKind(str(kind)),
            cert=x509.load_der_x509_certificate(bytes(cert_der)),  # type: ignore[call-overload]
            key_ref=str(key_ref) if key_ref is not None else None,
            chain=tuple(x509.load_der_x509_certificate(bytes(r[0])) for r in chain_rows),
            source=str(source),
            created_at=_parse_ts(str(created)) or datetime.now(UTC),
            revoked_at=_parse_ts(revoked),  # type: ignore[arg-type]
            revocation_reason=reason,  # type: ignore[arg-type]
        )

    _COLUMNS = "id, kind, cert_der, key_ref, source, created_at, revoked_at, revocation_reason"

    def get(self, id: str) -> IdentityRecord:
        """The identity ``id``, or StoreError naming how to list them."""
        row = self._conn.execute(
            f"SELECT {self._COLUMNS} FROM identities WHERE id = ?", (id,)
        ).fetchone()
        if row is None:
            raise StoreError("store.unknown_id", hint_key="store.unknown_id.hint", id=id)
        return self._record(row)

    def identities(self) -> list[IdentityRecord]:
        """Every identity, CA first, then by id."""
        rows = self._conn.execute(
            f"SELECT {self._COLUMNS} FROM identities"
            " ORDER BY CASE kind WHEN 'ca' THEN 0 ELSE 1 END, id"
        ).fetchall()
        return [self._record(r) for r in rows]

    def ca(self) -> IdentityRecord:
        """The store's own certificate authority."""
        row = self._conn.execute(
            f"SELECT {self._COLUMNS} FROM identities WHERE kind = 'ca' AND key_ref IS NOT NULL"
            " ORDER BY created_at LIMIT 1"
        ).fetchone()
        if row is None:
            raise StoreError("store.no_ca", hint_key="store.no_ca.hint")
        return self._record(row)

    def has_ca(self) -> IdentityRecord | None:
        """The CA if there is one."""
        try:
            return self.ca()
        except StoreError:
            return None

    def _key_row(self, ref: str) -> tuple[str, str, str]:
        """(table, key column, where-value) for a key reference this store holds."""
        if ref.startswith(SERVICE_REF):
            return "services", "name", ref.removeprefix(SERVICE_REF)
        if ref.startswith("p12:"):
            return "identities", "id", ref.removeprefix("p12:")
        raise StoreError("store.no_key", id=ref)

    def sealed_key(self, ref: str) -> bytes:
        """The sealed PKCS#12 blob that ``ref`` names."""
        table, column, value = self._key_row(ref)
        row = self._conn.execute(
            f"SELECT key_p12 FROM {table} WHERE {column} = ? AND key_ref = ?", (value, ref)
        ).fetchone()
        if row is None or row[0] is None:
            raise StoreError("store.no_key", id=value)
        return bytes(row[0])

    def replace_sealed_key(self, ref: str, blob: bytes) -> None:
        """Store a re-sealed blob for ``ref`` (same key, new parameters)."""
        table, column, value = self._key_row(ref)
        with self._write("replace_sealed_key") as conn:
            conn.execute(
                f"UPDATE {table} SET key_p12 = ? WHERE {column} = ? AND key_ref = ?",
                (blob, value, ref),
            )

    def revoke(self, id: str, at: datetime, reason: str) -> None:
        """Mark ``id`` revoked at ``at``."""
        with self._write("revoke") as conn:
            conn.execute(
                "UPDATE identities SET revoked_at = ?, revocation_reason = ? WHERE id = ?",
                (_ts(at), reason, id),
            )

    def revoked_entries(self, issuer: x509.Certificate) -> list[RevokedRecord]:
        """Every revoked certificate ``issuer`` issued, oldest revocation first."""
        rows = self._conn.execute(
            "SELECT cert_der, revoked_at, revocation_reason FROM identities"
            " WHERE revoked_at IS NOT NULL ORDER BY revoked_at"
        ).fetchall()
        out = []
        for der, when, reason in rows:
            cert = x509.load_der_x509_certificate(bytes(der))
            if cert.issuer == issuer.subject:
                out.append(
                    RevokedRecord(
                        serial=cert.serial_number,
                        revoked_at=datetime.fromisoformat(str(when)),
                        reason=str(reason or "unspecified"),
                    )
                )
        return out

    def find_by_serial(self, issuer: x509.Certificate, serial: int) -> IdentityRecord | None:
        """The identity (or service) certificate ``issuer`` issued with ``serial``, if any."""
        for record in self.identities():
            cert = record.cert
            if cert.serial_number == serial and cert.issuer == issuer.subject:
                return record
        for service in self.services():
            cert = service.cert
            if cert.serial_number == serial and cert.issuer == issuer.subject:
                return IdentityRecord(
                    id=f"service:{service.name}",
                    kind=CertKind.SEAL,
                    cert=cert,
                    key_ref=None,
                    chain=(issuer,),
                    source="service",
                    created_at=cert.not_valid_before_utc,
                )
        return None

    # --- CRLs, service certificates, timestamp tokens -----------------------------------

    def add_crl(
        self, issuer_id: str, crl_der: bytes, this_update: datetime, next_update: datetime
    ) -> int:
        """Store a newly issued CRL; returns its number (one more than the last)."""
        with self._write("add_crl") as conn:
            number = self.next_crl_number()
            conn.execute(
                "INSERT INTO crls (number, issuer_id, this_update, next_update, crl_der)"
                " VALUES (?, ?, ?, ?, ?)",
                (number, issuer_id, _ts(this_update), _ts(next_update), crl_der),
            )
        return number

    def next_crl_number(self) -> int:
        """The number the next CRL gets."""
        row = self._conn.execute("SELECT MAX(number) FROM crls").fetchone()
        return int(row[0]) + 1 if row and row[0] is not None else 1

    def latest_crl(self) -> CrlRecord | None:
        """The newest stored CRL, if any."""
        row = self._conn.execute(
            "SELECT number, crl_der, this_update, next_update FROM crls"
            " ORDER BY number DESC LIMIT 1"
        ).fetchone()
        if row is None:
            return None
        return CrlRecord(
            number=int(row[0]),
            der=bytes(row[1]),
            this_update=datetime.fromisoformat(str(row[2])),
            next_update=datetime.fromisoformat(str(row[3])),
        )

    def add_service(
        self,
        name: str,
        cert: x509.Certificate,
        key_p12: bytes,
        issuer_id: str,
        at: datetime,
        key_ref: str | None = None,
    ) -> bool:
        """Store a service certificate (``tsa``, ``ocsp``); False when one exists already.
        With ``key_ref`` (a key on a token) ``key_p12`` is empty: the column is NOT NULL."""
        with self._write("add_service") as conn:
            if conn.execute("SELECT 1 FROM services WHERE name = ?", (name,)).fetchone():
                return False
            conn.execute(
                "INSERT INTO services (name, cert_der, key_p12, key_ref, issuer_id, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (name, _der(cert), key_p12, key_ref or f"{SERVICE_REF}{name}", issuer_id, _ts(at)),
            )
        return True

    def services(self) -> list[ServiceRecord]:
        """Every service certificate, by name."""
        rows = self._conn.execute(
            "SELECT name, cert_der, key_ref, issuer_id FROM services ORDER BY name"
        ).fetchall()
        return [
            ServiceRecord(
                name=str(n),
                cert=x509.load_der_x509_certificate(bytes(d)),
                key_ref=str(r),
                issuer_id=str(i),
            )
            for n, d, r, i in rows
        ]

    def record_timestamp(
        self, *, at: datetime, hash_algorithm: str, imprint: bytes, requester: str, policy: str
    ) -> int:
        """Reserve the next token serial number and record what it certifies."""
        with self._write("record_timestamp") as conn:
            cursor = conn.execute(
                "INSERT INTO timestamp_tokens (at, hash_algorithm, message_imprint, requester,"
                " policy) VALUES (?, ?, ?, ?, ?)",
                (at.astimezone(UTC).isoformat(), hash_algorithm, imprint.hex(), requester, policy),
            )
            serial = cursor.lastrowid
        assert serial is not None
        return int(serial)

    def timestamp_tokens(self) -> list[TimestampRecord]:
        """Every token the office TSA issued, by serial."""
        rows = self._conn.execute(
            "SELECT serial, at, hash_algorithm, message_imprint, requester"
            " FROM timestamp_tokens ORDER BY serial"
        ).fetchall()
        return [
            TimestampRecord(
                serial=int(r[0]),
                at=datetime.fromisoformat(str(r[1])),
                hash_algorithm=str(r[2]),
                imprint=str(r[3]),
                requester=r[4],
            )
            for r in rows
        ]

    # --- profile (what the certificate does not carry) -------------------------------------

    def set_rank(self, id: str, rank: str | None) -> None:
        """Record ``id``'s pangkat/golongan (None clears it)."""
        with self._write("set_rank") as conn:
            conn.execute("DELETE FROM profiles WHERE identity_id = ?", (id,))
            if rank:
                conn.execute("INSERT INTO profiles (identity_id, rank) VALUES (?, ?)", (id, rank))

    def rank(self, id: str) -> str | None:
        """``id``'s pangkat/golongan, if recorded."""
        row = self._conn.execute(
            "SELECT rank FROM profiles WHERE identity_id = ?", (id,)
        ).fetchone()
        return str(row[0]) if row and row[0] else None

    # --- gateway (issue 14): NIKs and API clients -------------------------------------------

    def set_nik(self, id: str, nik: str | None, at: datetime) -> None:
        """Record ``id``'s NIK (None clears it); StoreError when another officer has it."""
        with self._write("set_nik") as conn:
            row = conn.execute(
                "SELECT identity_id FROM officer_niks WHERE nik = ?", (nik,)
            ).fetchone()
            if row is not None and str(row[0]) != id:
                raise StoreError("gateway.nik_taken", nik=nik, other=str(row[0]))
            conn.execute("DELETE FROM officer_niks WHERE identity_id = ?", (id,))
            if nik:
                conn.execute(
                    "INSERT INTO officer_niks (nik, identity_id, set_at) VALUES (?, ?, ?)",
                    (nik, id, _ts(at)),
                )

    def nik(self, id: str) -> str | None:
        """``id``'s NIK, if recorded."""
        row = self._conn.execute(
            "SELECT nik FROM officer_niks WHERE identity_id = ?", (id,)
        ).fetchone()
        return str(row[0]) if row else None

    def identity_by_nik(self, nik: str) -> str | None:
        """The store id of the officer with this NIK, if any."""
        row = self._conn.execute(
            "SELECT identity_id FROM officer_niks WHERE nik = ?", (nik,)
        ).fetchone()
        return str(row[0]) if row else None

    def add_api_client(self, name: str, secret_hash: str, at: datetime) -> bool:
        """Record a client application; False when the name is taken (nothing changed)."""
        with self._write("add_api_client") as conn:
            if conn.execute("SELECT 1 FROM api_clients WHERE name = ?", (name,)).fetchone():
                return False
            conn.execute(
                "INSERT INTO api_clients (name, secret_hash, created_at) VALUES (?, ?, ?)",
                (name, secret_hash, _ts(at)),
            )
        return True

    def api_clients(self) -> list[tuple[str, str, datetime]]:
        """Every client application as (name, secret hash, created at), by name."""
        rows = self._conn.execute(
            "SELECT name, secret_hash, created_at FROM api_clients ORDER BY name"
        ).fetchall()
        return [(str(r[0]), str(r[1]), _parse_ts(str(r[2])) or datetime.now(UTC)) for r in rows]

    def remove_api_client(self, name: str) -> bool:
        """Forget a client application; False when there was none by that name."""
        with self._write("remove_api_client") as conn:
            if not conn.execute("SELECT 1 FROM api_clients WHERE name = ?", (name,)).fetchone():
                return False
            conn.execute("DELETE FROM api_clients WHERE name = ?", (name,))
        return True

    # --- roles (a.n., u.b., Plt., Plh.) -----------------------------------------------------

    _GRANT_COLUMNS = (
        "id, identity_id, post, may_sign_for, acting, valid_from, valid_until, granted_at,"
        " revoked_at"
    )

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
    ) -> int:
        """Record a role of ``identity_id``; returns the grant's number."""
        with self._write("add_role_grant") as conn:
            row = conn.execute(
                "INSERT INTO role_grants (identity_id, post, may_sign_for, acting, valid_from,"
                " valid_until, granted_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (
                    identity_id,
                    post,
                    may_sign_for,
                    acting.value if acting else None,
                    _ts(valid_from) if valid_from else None,
                    _ts(valid_until) if valid_until else None,
                    _ts(at),
                ),
            ).fetchone()
        return int(row[0])

    @staticmethod
    def _grant(row: tuple[object, ...]) -> RoleGrant:
        id_, identity, post, may_sign_for, acting, start, end, granted, revoked = row
        return RoleGrant(
            id=int(id_),  # type: ignore[call-overload]
            identity_id=str(identity),
            post=str(post),
            may_sign_for=str(may_sign_for) if may_sign_for is not None else None,
            acting=Acting(str(acting)) if acting else None,
            valid_from=_parse_ts(start),  # type: ignore[arg-type]
            valid_until=_parse_ts(end),  # type: ignore[arg-type]
            granted_at=_parse_ts(str(granted)) or datetime.now(UTC),
            revoked_at=_parse_ts(revoked),  # type: ignore[arg-type]
        )

    def role_grants(self, identity_id: str | None = None) -> list[RoleGrant]:
        """Every recorded grant (revoked ones too), of ``identity_id`` if given, oldest first."""
        where, params = ("WHERE identity_id = ?", (identity_id,)) if identity_id else ("", ())
        rows = self._conn.execute(
            f"SELECT {self._GRANT_COLUMNS} FROM role_grants {where} ORDER BY id", params
        ).fetchall()
        return [self._grant(r) for r in rows]

    def revoke_role_grant(self, grant_id: int, at: datetime) -> RoleGrant:
        """Revoke grant ``grant_id`` from ``at`` on (a revoked one keeps its first time);
        returns it as it is now, or StoreError when there is no such grant."""
        with self._write("revoke_role_grant") as conn:
            conn.execute(
                "UPDATE role_grants SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                (_ts(at), grant_id),
            )
            row = conn.execute(
                f"SELECT {self._GRANT_COLUMNS} FROM role_grants WHERE id = ?", (grant_id,)
            ).fetchone()
        if row is None:
            raise StoreError("role.unknown_grant", hint_key="role.unknown_grant.hint", id=grant_id)
        return self._grant(row)

    # --- trust anchors --------------------------------------------------------------------

    def add_trust_anchor(
        self, cert: x509.Certificate, fingerprint: str, source: str, at: datetime
    ) -> bool:
        """Trust ``cert``; False when it was already trusted."""
        with self._write("add_trust_anchor") as conn:
            if conn.execute(
                "SELECT 1 FROM trust_anchors WHERE fingerprint = ?", (fingerprint,)
            ).fetchone():
                return False
            conn.execute(
                "INSERT INTO trust_anchors (fingerprint, cert_der, source, added_at)"
                " VALUES (?, ?, ?, ?)",
                (fingerprint, _der(cert), source, _ts(at)),
            )
        return True

    def trust_anchors(self) -> list[TrustAnchorRecord]:
        """Every trusted root, oldest first."""
        rows = self._conn.execute(
            "SELECT fingerprint, cert_der, source FROM trust_anchors ORDER BY added_at, fingerprint"
        ).fetchall()
        return [
            TrustAnchorRecord(
                fingerprint=str(f), cert=x509.load_der_x509_certificate(bytes(d)), source=str(s)
            )
            for f, d, s in rows
        ]

    def remove_trust_anchor(self, fingerprint: str) -> None:
        """Stop trusting the anchor with this full fingerprint."""
        with self._write("remove_trust_anchor") as conn:
            conn.execute("DELETE FROM trust_anchors WHERE fingerprint = ?", (fingerprint,))

    # --- audit log ----------------------------------------------------------------------------

    def audit(
        self,
        action: str,
        *,
        at: datetime,
        identity: str | None = None,
        subject: str | None = None,
        detail: dict[str, object] | None = None,
        issued: IssuedStatement | None = None,
    ) -> None:
        """Append one hash-chained entry (in the caller's transaction, if there is one);
        with ``issued``, the signing's QR statement goes into the register in the same
        transaction. A file name that is not UTF-8 is recorded with its odd bytes as ``\\xNN``
        (:func:`esign.sanitize.storable`)."""
        subject = storable(subject) if subject is not None else None
        body = json.dumps(storable_value(detail or {}), sort_keys=True, ensure_ascii=False)
        with self._write("audit") as conn:
            row = conn.execute("SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
            prev = str(row[0]) if row else GENESIS
            stamp = _ts(at)
            digest = entry_hash(prev, stamp, action, identity, subject, body)
            conn.execute(
                "INSERT INTO audit_log (at, action, identity, subject, detail, prev_hash, hash)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (stamp, action, identity, subject, body, prev, digest),
            )
            if issued is not None and not self._registered(conn, issued):
                seq = conn.execute("SELECT MAX(seq) FROM audit_log").fetchone()[0]
                conn.execute(
                    "INSERT INTO issued_statements (code, token, sha256, signer_id, signer,"
                    " signed_at, audit_seq) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        issued.code,
                        issued.token,
                        issued.sha256,
                        issued.signer_id,
                        issued.signer,
                        _ts(issued.signed_at),
                        seq,
                    ),
                )

    # --- register of issued QR statements ---------------------------------------------------

    @staticmethod
    def _registered(conn: sqlite3.Connection, issued: IssuedStatement) -> bool:
        """The very same statement is registered already (identical copies of one letter
        signed in one batch at one time make one statement); another one under the same
        code fails the insert on the primary key."""
        row = conn.execute(
            "SELECT token FROM issued_statements WHERE code = ?", (issued.code,)
        ).fetchone()
        return row is not None and str(row[0]) == issued.token

    def issued_statement(self, code: str) -> IssuedStatement | None:
        """The register's row for a verification code (canonical form), if there is one."""
        row = self._conn.execute(
            "SELECT code, token, sha256, signer_id, signer, signed_at, audit_seq"
            " FROM issued_statements WHERE code = ?",
            (code,),
        ).fetchone()
        if row is None:
            return None
        return IssuedStatement(
            code=str(row[0]),
            token=str(row[1]),
            sha256=str(row[2]),
            signer_id=row[3],
            signer=str(row[4]),
            signed_at=datetime.fromisoformat(str(row[5])),
            audit_seq=int(row[6]),
        )

    def audit_entries(self) -> list[AuditEntry]:
        """The whole audit log, oldest first."""
        rows = self._conn.execute(
            "SELECT seq, at, action, identity, subject, detail, prev_hash, hash FROM audit_log"
            " ORDER BY seq"
        ).fetchall()
        return [
            AuditEntry(
                seq=int(r[0]),
                at=datetime.fromisoformat(str(r[1])),
                action=str(r[2]),
                identity=r[3],
                subject=r[4],
                detail=json.loads(str(r[5])),
                prev_hash=str(r[6]),
                hash=str(r[7]),
            )
            for r in rows
        ]

    def audit_head(self) -> AuditHead:
        """How many entries the log has, and the last one's hash."""
        count = self._conn.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0]
        row = self._conn.execute("SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
        return AuditHead(count=int(count), hash=str(row[0]) if row else GENESIS)

    def add_audit_anchor(self, anchor: AuditAnchor) -> None:
        """Record a head of the log (with its TSA token, if any)."""
        with self._write("add_audit_anchor") as conn:
            conn.execute(
                "INSERT INTO audit_anchors (entries, hash, at, token, tsa) VALUES (?, ?, ?, ?, ?)",
                (anchor.head.count, anchor.head.hash, _ts(anchor.at), anchor.token, anchor.tsa),
            )

    def audit_anchors(self) -> list[AuditAnchor]:
        """Every recorded head, oldest first."""
        rows = self._conn.execute(
            "SELECT entries, hash, at, token, tsa FROM audit_anchors ORDER BY id"
        ).fetchall()
        return [
            AuditAnchor(
                head=AuditHead(count=int(r[0]), hash=str(r[1])),
                at=datetime.fromisoformat(str(r[2])),
                token=bytes(r[3]) if r[3] is not None else None,
                tsa=r[4],
            )
            for r in rows
        ]

    # --- bulk copy (esign store copy; store/copy.py) ------------------------------------------

    def table_rows(
        self, table: str, columns: tuple[str, ...], order: str
    ) -> list[tuple[object, ...]]:
        """Every row of ``table`` (names from :data:`esign.store.copy.TABLES` only)."""
        sql = f"SELECT {', '.join(columns)} FROM {table} ORDER BY {order}"
        return [tuple(r) for r in self._conn.execute(sql).fetchall()]

    def load_rows(
        self, table: str, columns: tuple[str, ...], rows: list[tuple[object, ...]]
    ) -> None:
        """Insert rows as they are (their own keys and numbers), in the caller's transaction."""
        marks = ", ".join("?" for _ in columns)
        with self.transaction():
            self._conn.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows
            )

    def count(self, table: str) -> int:
        """How many rows ``table`` has."""
        return int(self._conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

    def finish_copy(self) -> None:
        """After a bulk load: nothing to do for SQLite (AUTOINCREMENT follows the rows)."""
