"""The SQLite store: identities (certificates + encrypted keys), trust anchors, audit log.

Every SQL statement of esign lives here, in portable SQL, so that the store can
move to PostgreSQL. The folder is 0700, the database 0600; private keys are
PKCS#12 blobs sealed by :mod:`esign.keys` and never leave this module in clear.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from esign.errors import StoreError
from esign.models import CertKind
from esign.sanitize import storable, storable_value

SCHEMA_VERSION = 1
DB_NAME = "store.db"
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")

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
]


@dataclass(frozen=True, slots=True, kw_only=True)
class IdentityRecord:
    """One row of ``identities``: a certificate, maybe with its sealed key."""

    id: str
    """Store id (``budi``)."""
    kind: CertKind
    """ca, person or seal."""
    cert: x509.Certificate
    """The certificate."""
    key_p12: bytes | None
    """The sealed private key, when the store holds it."""
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


def _der(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(Encoding.DER)


def _ts(at: datetime) -> str:
    return at.astimezone(UTC).isoformat(timespec="seconds")


def _parse_ts(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def check_id(identifier: str) -> str:
    """Return ``identifier`` when it is a valid store id, else raise StoreError."""
    if not ID_PATTERN.fullmatch(identifier):
        raise StoreError("store.bad_id", id=identifier)
    return identifier


class Store:
    """An open store. Use :meth:`create` or :meth:`open`; close with :meth:`close`."""

    def __init__(self, home: Path, conn: sqlite3.Connection) -> None:
        self.home = home
        self._conn = conn

    # --- opening ------------------------------------------------------------------------

    @classmethod
    def create(cls, home: Path, at: datetime) -> Store:
        """Create a new store in ``home`` (0700) with its database (0600)."""
        db = home / DB_NAME
        if db.exists():
            raise StoreError("store.exists", path=home)
        home.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(home, 0o700)
        fd = os.open(db, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
        conn = cls._connect(db)
        with conn:
            for statement in _SCHEMA:
                conn.execute(statement)
            conn.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
            conn.execute("INSERT INTO meta VALUES ('created_at', ?)", (_ts(at),))
        store = cls(home, conn)
        store._migrate()
        store.audit("init", at=at, detail={"path": str(home)})
        return store

    @classmethod
    def open(cls, home: Path) -> Store:
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
        store._migrate()
        return store

    def _migrate(self) -> None:
        """Apply the migrations this store has not seen yet, each in its own transaction."""
        conn = self._conn
        with self._tx():
            conn.execute(
                "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT)"
            )
        done = {str(r[0]) for r in conn.execute("SELECT name FROM migrations").fetchall()}
        for name, statements in MIGRATIONS:
            if name in done:
                continue
            with self._tx():
                if conn.execute("SELECT 1 FROM migrations WHERE name = ?", (name,)).fetchone():
                    continue  # another process applied it meanwhile
                for statement in statements:
                    conn.execute(statement)
                conn.execute(
                    "INSERT INTO migrations (name, applied_at) VALUES (?, datetime('now'))",
                    (name,),
                )

    @staticmethod
    def _connect(db: Path) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(db, timeout=30, isolation_level=None)
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA busy_timeout = 30000")
        except sqlite3.DatabaseError as e:
            raise StoreError("store.corrupt", path=db, detail=str(e)) from e
        conn.isolation_level = "DEFERRED"
        return conn

    def close(self) -> None:
        """Close the database connection."""
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        try:
            with self._conn:
                self._conn.execute("BEGIN IMMEDIATE")
                yield self._conn
        except sqlite3.DatabaseError as e:
            raise StoreError("store.corrupt", path=self.home, detail=str(e)) from e

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
    ) -> None:
        """Insert an identity; the id must be new."""
        check_id(id)
        with self._tx() as conn:
            if conn.execute("SELECT 1 FROM identities WHERE id = ?", (id,)).fetchone():
                raise StoreError("store.duplicate_id", hint_key="store.duplicate_id.hint", id=id)
            conn.execute(
                "INSERT INTO identities (id, kind, cert_der, key_p12, issuer_id, source,"
                " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (id, kind.value, _der(cert), key_p12, issuer_id, source, _ts(at)),
            )
            conn.executemany(
                "INSERT INTO chain_certs (identity_id, position, cert_der) VALUES (?, ?, ?)",
                [(id, i, _der(c)) for i, c in enumerate(chain)],
            )

    def _record(self, row: sqlite3.Row | tuple[object, ...]) -> IdentityRecord:
        id_, kind, cert_der, key_p12, source, created, revoked, reason = row
        chain_rows = self._conn.execute(
            "SELECT cert_der FROM chain_certs WHERE identity_id = ? ORDER BY position", (id_,)
        ).fetchall()
        return IdentityRecord(
            id=str(id_),
            kind=CertKind(str(kind)),
            cert=x509.load_der_x509_certificate(bytes(cert_der)),  # type: ignore[arg-type]
            key_p12=bytes(key_p12) if key_p12 is not None else None,  # type: ignore[arg-type]
            chain=tuple(x509.load_der_x509_certificate(bytes(r[0])) for r in chain_rows),
            source=str(source),
            created_at=_parse_ts(str(created)) or datetime.now(UTC),
            revoked_at=_parse_ts(revoked),  # type: ignore[arg-type]
            revocation_reason=reason,  # type: ignore[arg-type]
        )

    _COLUMNS = "id, kind, cert_der, key_p12, source, created_at, revoked_at, revocation_reason"

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
            f"SELECT {self._COLUMNS} FROM identities WHERE kind = 'ca' AND key_p12 IS NOT NULL"
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

    def revoke(self, id: str, at: datetime, reason: str) -> None:
        """Mark ``id`` revoked at ``at``."""
        with self._tx() as conn:
            conn.execute(
                "UPDATE identities SET revoked_at = ?, revocation_reason = ? WHERE id = ?",
                (_ts(at), reason, id),
            )

    def revoked_entries(self, issuer: x509.Certificate) -> list[tuple[int, datetime, str]]:
        """``(serial, revoked_at, reason)`` of every revoked certificate ``issuer`` issued."""
        rows = self._conn.execute(
            "SELECT cert_der, revoked_at, revocation_reason FROM identities"
            " WHERE revoked_at IS NOT NULL ORDER BY revoked_at"
        ).fetchall()
        out = []
        for der, when, reason in rows:
            cert = x509.load_der_x509_certificate(bytes(der))
            if cert.issuer == issuer.subject:
                out.append((cert.serial_number, _parse_ts(str(when)), str(reason or "unspecified")))
        return out  # type: ignore[return-value]

    def find_by_serial(self, issuer: x509.Certificate, serial: int) -> IdentityRecord | None:
        """The identity (or service) certificate ``issuer`` issued with ``serial``, if any."""
        for record in self.identities():
            cert = record.cert
            if cert.serial_number == serial and cert.issuer == issuer.subject:
                return record
        for name, cert, _blob in self.services():
            if cert.serial_number == serial and cert.issuer == issuer.subject:
                return IdentityRecord(
                    id=f"service:{name}",
                    kind=CertKind.SEAL,
                    cert=cert,
                    key_p12=None,
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
        with self._tx() as conn:
            row = conn.execute("SELECT MAX(number) FROM crls").fetchone()
            number = int(row[0]) + 1 if row and row[0] is not None else 1
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

    def latest_crl(self) -> tuple[int, bytes, datetime] | None:
        """``(number, DER, next_update)`` of the newest stored CRL, if any."""
        row = self._conn.execute(
            "SELECT number, crl_der, next_update FROM crls ORDER BY number DESC LIMIT 1"
        ).fetchone()
        if row is None:
            return None
        return int(row[0]), bytes(row[1]), datetime.fromisoformat(str(row[2]))

    def add_service(
        self, name: str, cert: x509.Certificate, key_p12: bytes, issuer_id: str, at: datetime
    ) -> bool:
        """Store a service certificate (``tsa``, ``ocsp``); False when one exists already."""
        with self._tx() as conn:
            if conn.execute("SELECT 1 FROM services WHERE name = ?", (name,)).fetchone():
                return False
            conn.execute(
                "INSERT INTO services (name, cert_der, key_p12, issuer_id, created_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (name, _der(cert), key_p12, issuer_id, _ts(at)),
            )
        return True

    def services(self) -> list[tuple[str, x509.Certificate, bytes]]:
        """``(name, certificate, sealed key)`` of every service certificate."""
        rows = self._conn.execute(
            "SELECT name, cert_der, key_p12 FROM services ORDER BY name"
        ).fetchall()
        return [(str(n), x509.load_der_x509_certificate(bytes(d)), bytes(k)) for n, d, k in rows]

    def record_timestamp(
        self, *, at: datetime, hash_algorithm: str, imprint: bytes, requester: str, policy: str
    ) -> int:
        """Reserve the next token serial number and record what it certifies."""
        with self._tx() as conn:
            cursor = conn.execute(
                "INSERT INTO timestamp_tokens (at, hash_algorithm, message_imprint, requester,"
                " policy) VALUES (?, ?, ?, ?, ?)",
                (at.astimezone(UTC).isoformat(), hash_algorithm, imprint.hex(), requester, policy),
            )
            serial = cursor.lastrowid
        assert serial is not None
        return int(serial)

    def timestamp_tokens(self) -> list[tuple[int, datetime, str, str, str | None]]:
        """``(serial, at, hash algorithm, imprint hex, requester)`` of every issued token."""
        rows = self._conn.execute(
            "SELECT serial, at, hash_algorithm, message_imprint, requester"
            " FROM timestamp_tokens ORDER BY serial"
        ).fetchall()
        return [
            (int(r[0]), datetime.fromisoformat(str(r[1])), str(r[2]), str(r[3]), r[4]) for r in rows
        ]

    # --- profile (what the certificate does not carry) -------------------------------------

    def set_rank(self, id: str, rank: str | None) -> None:
        """Record ``id``'s pangkat/golongan (None clears it)."""
        with self._tx() as conn:
            conn.execute("DELETE FROM profiles WHERE identity_id = ?", (id,))
            if rank:
                conn.execute("INSERT INTO profiles (identity_id, rank) VALUES (?, ?)", (id, rank))

    def rank(self, id: str) -> str | None:
        """``id``'s pangkat/golongan, if recorded."""
        row = self._conn.execute(
            "SELECT rank FROM profiles WHERE identity_id = ?", (id,)
        ).fetchone()
        return str(row[0]) if row and row[0] else None

    # --- trust anchors --------------------------------------------------------------------

    def add_trust_anchor(
        self, cert: x509.Certificate, fingerprint: str, source: str, at: datetime
    ) -> bool:
        """Trust ``cert``; False when it was already trusted."""
        with self._tx() as conn:
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

    def trust_anchors(self) -> list[tuple[str, x509.Certificate, str]]:
        """``(fingerprint, certificate, source)`` for every trusted root."""
        rows = self._conn.execute(
            "SELECT fingerprint, cert_der, source FROM trust_anchors ORDER BY added_at, fingerprint"
        ).fetchall()
        return [(str(f), x509.load_der_x509_certificate(bytes(d)), str(s)) for f, d, s in rows]

    def remove_trust_anchor(self, fingerprint: str) -> None:
        """Stop trusting the anchor with this full fingerprint."""
        with self._tx() as conn:
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
        """Append one hash-chained entry (one transaction per entry); with ``issued``, the
        signing's QR statement goes into the register in the same transaction. A file name
        that is not UTF-8 is recorded with its odd bytes as ``\\xNN``
        (:func:`esign.sanitize.storable`)."""
        subject = storable(subject) if subject is not None else None
        body = json.dumps(storable_value(detail or {}), sort_keys=True, ensure_ascii=False)
        with self._tx() as conn:
            row = conn.execute("SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
            prev = str(row[0]) if row else "0" * 64
            stamp = _ts(at)
            digest = _entry_hash(prev, stamp, action, identity, subject, body)
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


def _entry_hash(
    prev: str, at: str, action: str, identity: str | None, subject: str | None, detail: str
) -> str:
    material = json.dumps([prev, at, action, identity, subject, detail], ensure_ascii=False)
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def verify_audit_chain(entries: list[AuditEntry]) -> AuditEntry | None:
    """The first entry whose hash or link is wrong, or None when the chain holds."""
    prev = "0" * 64
    for entry in entries:
        body = json.dumps(entry.detail, sort_keys=True, ensure_ascii=False)
        expected = _entry_hash(
            prev, _ts(entry.at), entry.action, entry.identity, entry.subject, body
        )
        if entry.prev_hash != prev or entry.hash != expected:
            return entry
        prev = entry.hash
    return None
