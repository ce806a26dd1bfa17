"""esign.store as a seam: open_store from a path or URL, transactions that commit together,
key references in place of key blobs (and the migration that adds them), 0600 exports."""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from esign import keys
from esign.app import admin
from esign.cli import cli
from esign.errors import StoreError
from esign.keys import KeyType, Secret
from esign.models import CertKind
from esign.pdf import atomic_output
from esign.store import (
    DB_NAME,
    IdentityRecord,
    ServiceRecord,
    SqliteStore,
    create_store,
    open_store,
    store_path,
)
from esign.store import sqlite as sqlite_backend

AT = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)
CA = Secret(b"ca-passphrase-123")


def test_open_store_takes_a_path_or_a_sqlite_url(isolated_env: Path) -> None:
    create_store(f"sqlite://{isolated_env}", AT).close()
    with open_store(isolated_env) as by_path, open_store(f"sqlite://{isolated_env}") as by_url:
        assert isinstance(by_path, SqliteStore)
        assert [e.action for e in by_path.audit_entries()] == ["init"]
        assert by_url.location == str(isolated_env)
    assert (isolated_env / DB_NAME).is_file()


@pytest.mark.parametrize(
    "url",
    ["postgresql://esign:rahasia@db.jemberkab.go.id/esign", "postgres://esign@127.0.0.1:1/esign"],
)
def test_postgresql_urls_go_to_the_postgresql_backend(url: str) -> None:
    with pytest.raises(StoreError) as info:
        open_store(url)
    # a password is refused before any connection; without one, the server is asked
    assert info.value.key in ("store.pg_password", "store.pg_unreachable")
    assert "rahasia" not in info.value.message  # the password is never repeated


@pytest.mark.parametrize("url", ["mysql://db/esign", "sqlite://relative/folder"])
def test_other_urls_are_refused(url: str) -> None:
    with pytest.raises(StoreError) as info:
        store_path(url)
    assert info.value.key == "store.bad_url"


def test_a_transaction_commits_together_or_not_at_all(isolated_env: Path) -> None:
    with create_store(isolated_env, AT) as store:
        with pytest.raises(RuntimeError), store.transaction():
            store.audit("one", at=AT)
            with store.transaction():  # nested: joins the outer one
                store.audit("two", at=AT)
            raise RuntimeError("boom")
        assert [e.action for e in store.audit_entries()] == ["init"]
        with store.transaction():
            store.audit("one", at=AT)
            store.audit("two", at=AT)
    with open_store(isolated_env) as store:
        assert [e.action for e in store.audit_entries()] == ["init", "one", "two"]


def test_records_carry_key_references_not_blobs(isolated_env: Path) -> None:
    with create_store(isolated_env, AT) as store:
        admin.create_ca(store, name="Root", passphrase=CA, at=AT, key_type=KeyType.P256)
        admin.ensure_services(store, ca_passphrase=CA, at=AT, base_url=None)
        ca = store.ca()
        services = store.services()
        blob = store.sealed_key("p12:ca")
        service_blob = store.sealed_key("p12:service:tsa")
    assert isinstance(ca, IdentityRecord) and ca.key_ref == "p12:ca" and ca.has_key
    assert not any(isinstance(v, bytes) for v in (ca.key_ref, ca.source))
    assert all(isinstance(s, ServiceRecord) for s in services)
    assert [(s.name, s.key_ref) for s in services] == [
        ("ocsp", "p12:service:ocsp"),
        ("tsa", "p12:service:tsa"),
    ]
    assert keys.open_key(blob, CA, "ca") is not None
    assert keys.open_key(service_blob, CA, "tsa") is not None


def test_migration_gives_old_stores_key_references(isolated_env: Path) -> None:
    """A store made before key references: its keys get ``p12:<id>`` on open."""
    isolated_env.mkdir(parents=True)
    db = isolated_env / DB_NAME
    conn = sqlite3.connect(db)
    for statement in sqlite_backend._SCHEMA:
        conn.execute(statement)
    conn.execute("INSERT INTO meta VALUES ('schema', '1')")
    conn.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT)")
    for name, statements in sqlite_backend.MIGRATIONS:
        if name.startswith(("0005", "0006")):
            break
        for statement in statements:
            conn.execute(statement)
        conn.execute("INSERT INTO migrations VALUES (?, '2026-01-01')", (name,))
    with create_store(isolated_env / "donor", AT) as donor:
        admin.create_ca(donor, name="Root", passphrase=CA, at=AT, key_type=KeyType.P256)
        ca = donor.ca()
        der = ca.cert.public_bytes(keys.handle.Encoding.DER)
        blob = donor.sealed_key("p12:ca")
    conn.execute(
        "INSERT INTO identities (id, kind, cert_der, key_p12, source, created_at)"
        " VALUES ('ca', 'ca', ?, ?, 'created', '2026-01-01T00:00:00+00:00')",
        (der, blob),
    )
    conn.execute(
        "INSERT INTO identities (id, kind, cert_der, key_p12, source, created_at)"
        " VALUES ('peer', 'person', ?, NULL, 'imported:x', '2026-01-01T00:00:00+00:00')",
        (der,),
    )
    conn.commit()
    conn.close()
    with open_store(isolated_env) as store:
        assert store.get("ca").key_ref == "p12:ca"
        assert store.get("peer").key_ref is None
        assert store.sealed_key("p12:ca") == blob
        assert store.audit_anchors() == []


def test_atomic_output_with_a_mode_never_loosens_it(tmp_path: Path) -> None:
    target = tmp_path / "budi.p12"
    old = os.umask(0)  # the most permissive umask: 0666 would be world-readable
    try:
        with atomic_output(target, overwrite=False, mode=0o600) as fh:
            temps = [p for p in tmp_path.iterdir() if p != target]
            assert temps and all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in temps)
            fh.write(b"secret")
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_cert_export_p12_is_0600_whatever_the_umask(store_home: Path, tmp_path: Path) -> None:
    out = tmp_path / "budi.p12"
    old = os.umask(0)
    try:
        result = CliRunner().invoke(
            cli,
            ["cert", "export", "budi", "--p12", "-o", str(out)],
            env={"ESIGN_PASSPHRASE": "officer-passphrase-1"},
        )
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert keys.mac_iterations(out.read_bytes()) == keys.MAC_ROUNDS


def test_kinds_round_trip(isolated_env: Path) -> None:
    with create_store(isolated_env, AT) as store:
        admin.create_ca(store, name="Root", passphrase=CA, at=AT, key_type=KeyType.P256)
        assert store.ca().kind is CertKind.CA
