"""The PostgreSQL store on a real server (tests/pg_server.py): URLs with a password refused
and never printed, ESIGN_STORE / the store setting choosing the backend, one audit chain
under many concurrent writers, ``esign store copy`` of a populated office store, and
sign + verify end to end with the store on PostgreSQL."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import textwrap
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from conftest import CA_PASS, PASS
from esign.app import admin
from esign.cli import cli
from esign.errors import ConfigError, ExitCode, StoreError
from esign.keys import Secret
from esign.store import (
    DB_NAME,
    AuditAnchor,
    IssuedStatement,
    copy_store,
    create_store,
    open_store,
    postgres,
    sqlite,
    verify_audit_chain,
)
from esign.store import copy as store_copy
from pg_server import PgServer

AT = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)
SECRET_URLS = [
    "postgresql://esign:rahasia-sekali@db.jemberkab.go.id/esign",
    "postgresql://esign@db.jemberkab.go.id/esign?password=rahasia-sekali",
    "postgres://esign:rahasia-sekali@127.0.0.1:1/esign",
]


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


# --- the schema in step with SQLite's -------------------------------------------------------


def test_both_backends_have_the_same_named_migrations() -> None:
    assert [name for name, _ in postgres.MIGRATIONS] == [name for name, _ in sqlite.MIGRATIONS]


def test_store_copy_names_every_table_of_the_store(isolated_env: Path) -> None:
    """A table added to the schema without a place in the copy would be left behind."""
    create_store(isolated_env, AT).close()
    conn = sqlite3.connect(isolated_env / DB_NAME)
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    conn.close()
    assert names - {"meta", "migrations", "sqlite_sequence"} == {t.name for t in store_copy.TABLES}


# --- passwords never in a URL ---------------------------------------------------------------


@pytest.mark.parametrize("url", SECRET_URLS)
def test_a_password_in_the_url_is_refused_before_connecting(url: str) -> None:
    for call in (lambda: open_store(url), lambda: create_store(url, AT)):
        with pytest.raises(StoreError) as info:
            call()
        assert info.value.key == "store.pg_password"
        assert "rahasia-sekali" not in info.value.message
        assert ".pgpass" in (info.value.hint or "")


@pytest.mark.parametrize("url", SECRET_URLS)
def test_cli_refuses_a_password_in_esign_store_and_never_prints_it(url: str) -> None:
    for args in (("init",), ("cert", "list"), ("store", "copy", "--from", ".", "--to", url)):
        r = run(*args, env={"ESIGN_STORE": url})
        assert r.exit_code in (ExitCode.STORE, ExitCode.CONFIG), r.output
        assert "rahasia-sekali" not in r.output
        assert "password" in r.stderr and ".pgpass" in r.stderr
        assert "Traceback" not in r.output


def test_config_refuses_to_save_a_store_url_with_a_password(isolated_env: Path) -> None:
    r = run("config", "set", "store", SECRET_URLS[0])
    assert r.exit_code == ExitCode.CONFIG
    assert "rahasia-sekali" not in r.output
    assert (
        not (isolated_env / "config.toml").exists()
        or "rahasia" not in (isolated_env / "config.toml").read_text()
    )


def test_an_unreachable_server_is_one_clear_error(pg_server: PgServer) -> None:
    closed = f"postgresql://esign@127.0.0.1:{pg_server.port}/no_such_database"
    r = run("cert", "list", env={"ESIGN_STORE": closed})
    assert r.exit_code == ExitCode.STORE
    assert "Cannot connect to the PostgreSQL store" in r.stderr
    assert "Traceback" not in r.output


def test_completion_reads_a_postgresql_stores_ids_and_fails_quietly(
    pg_server: PgServer, pg_url: str, store_home: Path
) -> None:
    """Tab after ``--signer`` offers the ids of a PostgreSQL store too (it offered none);
    an unreachable or empty database offers nothing and never raises."""
    from esign.store import identity_ids

    copy_store(store_home, pg_url, AT)
    assert identity_ids(pg_url) == ["budi", "ca", "seal"]
    closed = f"postgresql://esign@127.0.0.1:{pg_server.port}/no_such_database"
    assert identity_ids(closed) == []
    assert identity_ids("postgresql://esign:secret@127.0.0.1/x") == []  # a password: refused


# --- ESIGN_STORE and the store setting ------------------------------------------------------


def test_esign_store_selects_postgresql_and_sqlite_stays_the_default(
    isolated_env: Path, pg_url: str
) -> None:
    r = run("init", env={"ESIGN_STORE": pg_url})
    assert r.exit_code == 0, r.output
    assert pg_url in r.stdout
    assert not (isolated_env / DB_NAME).exists()  # nothing written to the folder
    assert run("init", env={"ESIGN_STORE": pg_url}).stdout.count("already exists") == 1
    with open_store(pg_url) as store:
        assert isinstance(store, postgres.PostgresStore)
        assert [e.action for e in store.audit_entries()] == ["init"]
    assert run("init").exit_code == 0  # without ESIGN_STORE: the folder, as before
    assert (isolated_env / DB_NAME).is_file()


def test_the_store_setting_selects_the_backend(isolated_env: Path, pg_url: str) -> None:
    assert run("config", "set", "store", pg_url).exit_code == 0
    assert run("init").exit_code == 0
    assert not (isolated_env / DB_NAME).exists()
    with open_store(pg_url) as store:
        assert [e.action for e in store.audit_entries()] == ["init"]
    with pytest.raises(ConfigError):
        from esign.config import validate

        validate("store", "mysql://db/esign")


# --- one chain under many writers -----------------------------------------------------------

_APPENDER = textwrap.dedent(
    """
    import sys
    from datetime import UTC, datetime
    from esign.store import open_store

    url, name, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with open_store(url) as store:
        for i in range(n):
            store.audit("sign", at=datetime.now(UTC), identity=name, detail={"i": i})
    """
)


@pytest.mark.slow
def test_concurrent_appends_from_several_processes_keep_one_chain(pg_url: str) -> None:
    create_store(pg_url, AT).close()
    writers, each = 4, 40
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _APPENDER, pg_url, f"w{k}", str(each)],
            stderr=subprocess.PIPE,
            text=True,
        )
        for k in range(writers)
    ]
    errors = [p.communicate(timeout=300)[1] for p in procs]
    assert [p.returncode for p in procs] == [0] * writers, errors
    with open_store(pg_url) as store:
        entries = store.audit_entries()
    assert len(entries) == 1 + writers * each
    assert verify_audit_chain(entries) is None
    assert len({e.prev_hash for e in entries}) == len(entries)  # no fork: one successor each
    for k in range(writers):  # every writer's entries are all there, in its own order
        assert [e.detail["i"] for e in entries if e.identity == f"w{k}"] == list(range(each))


def test_the_application_role_cannot_rewrite_the_audit_log(
    pg_server: PgServer, pg_url: str, store_home: Path
) -> None:
    """With the documented grants the application role signs, issues and revokes, but an
    UPDATE or DELETE of an audit entry is refused by the server itself."""
    import psycopg

    copy_store(store_home, pg_url, AT)
    role = "app_" + pg_url.rsplit("/", 1)[1]  # one role per test database
    pg_server.admin(f"CREATE ROLE {role} LOGIN")
    with psycopg.connect(pg_url, autocommit=True) as conn:
        for grant in postgres.app_grants(role):
            conn.execute(grant)  # type: ignore[arg-type]
    app_url = pg_url.replace("esign@", f"{role}@")
    with open_store(app_url) as store:
        admin.revoke(
            store, id="seal", reason="superseded", ca_passphrase=Secret(CA_PASS.encode()), at=AT
        )
        store.audit("sign", at=AT, identity="budi")
        assert verify_audit_chain(store.audit_entries()) is None
    with psycopg.connect(app_url, autocommit=True) as conn:
        for sql in ("UPDATE audit_log SET action = 'forged'", "DELETE FROM audit_log"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(sql)  # type: ignore[arg-type]
    with open_store(pg_url) as store:
        assert [e.action for e in store.audit_entries()][-3:] == ["cert.revoke", "ca.crl", "sign"]


# --- esign store copy -----------------------------------------------------------------------


def _populate(home: Path) -> None:
    """The office store plus a revocation (and its CRL), a QR register row and an anchor."""
    ca = Secret(CA_PASS.encode())
    with open_store(home) as store:
        admin.revoke(store, id="seal", reason="superseded", ca_passphrase=ca, at=AT)
        store.audit(
            "sign",
            at=AT,
            identity="budi",
            subject="surat.pdf",
            detail={"input": "surat.pdf"},
            issued=IssuedStatement(
                code="ABCD-EFGH-JKLM",
                token="header.payload.signature",
                sha256="ab" * 32,
                signer_id="budi",
                signer="Budi Santoso",
                signed_at=AT,
            ),
        )
        store.add_audit_anchor(AuditAnchor(head=store.audit_head(), at=AT))
        store.record_timestamp(
            at=AT, hash_algorithm="sha256", imprint=b"\x01" * 32, requester="t", policy="1.2.3"
        )


def test_store_copy_moves_a_populated_office_store(store_home: Path, pg_url: str) -> None:
    _populate(store_home)
    r = run("store", "copy", "--from", str(store_home), "--to", pg_url)
    assert r.exit_code == 0, r.output
    assert "audit chain of the copy is intact" in r.stdout
    with open_store(store_home) as src, open_store(pg_url) as dst:
        assert dst.audit_entries() == src.audit_entries()
        assert dst.audit_head() == src.audit_head()
        assert verify_audit_chain(dst.audit_entries()) is None
        assert [i.id for i in dst.identities()] == [i.id for i in src.identities()]
        assert dst.get("seal").revocation_reason == "superseded"
        assert dst.sealed_key("p12:budi") == src.sealed_key("p12:budi")
        assert dst.latest_crl() == src.latest_crl()
        assert dst.trust_anchors() == src.trust_anchors()
        assert dst.issued_statement("ABCD-EFGH-JKLM") == src.issued_statement("ABCD-EFGH-JKLM")
        assert dst.audit_anchors() == src.audit_anchors()
        assert dst.timestamp_tokens() == src.timestamp_tokens()
        for table in store_copy.TABLES:
            assert dst.count(table.name) == src.count(table.name)  # type: ignore[attr-defined]
            assert f"{table.name}: {src.count(table.name)} rows" in r.stdout  # type: ignore[attr-defined]
        # the copy goes on: numbering continues after the copied rows, the chain holds
        dst.audit("after.copy", at=AT)
        assert (
            dst.record_timestamp(
                at=AT, hash_algorithm="sha256", imprint=b"2", requester="t", policy="1"
            )
            == 2
        )
        assert verify_audit_chain(dst.audit_entries()) is None


def test_store_copy_refuses_a_non_empty_target(store_home: Path, pg_url: str) -> None:
    create_store(pg_url, AT).close()  # `esign init` was run on it: it has an entry
    r = run("store", "copy", "--from", str(store_home), "--to", pg_url)
    assert r.exit_code == ExitCode.STORE
    assert "is not empty" in r.stderr
    with open_store(pg_url) as store:
        assert [e.action for e in store.audit_entries()] == ["init"]
        assert store.identities() == []


def test_store_copy_to_postgresql_and_back_to_a_folder(
    store_home: Path, pg_url: str, tmp_path: Path
) -> None:
    copy_store(store_home, pg_url, AT)
    back = tmp_path / "back"
    report = copy_store(pg_url, back, AT)
    assert all(c.source == c.target for c in report.counts)
    with open_store(back) as b, open_store(store_home) as src:
        assert b.audit_entries() == src.audit_entries()


# --- end to end on PostgreSQL ---------------------------------------------------------------


@pytest.mark.slow
def test_sign_and_verify_with_the_store_on_postgresql(
    store_home: Path, pg_url: str, letter: Path
) -> None:
    assert run("store", "copy", "--from", str(store_home), "--to", pg_url).exit_code == 0
    env = {"ESIGN_STORE": pg_url, "ESIGN_PASSPHRASE": PASS}
    r = run("sign", str(letter), "--signer", "budi", env=env)
    assert r.exit_code == 0, r.output
    signed = letter.with_name("surat-undangan.signed.pdf")
    r = run("verify", "--json", str(signed), env={"ESIGN_STORE": pg_url})
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["verdict"] == "valid"
    with open_store(pg_url) as store:
        entries = store.audit_entries()
        signs = [e for e in entries if e.action == "sign"]
        assert [e.identity for e in signs] == ["budi"]
        assert signs[0].detail["output"].endswith("surat-undangan.signed.pdf")
        assert verify_audit_chain(entries) is None
    with open_store(store_home) as office:  # the folder store was not touched by the signing
        assert "sign" not in [e.action for e in office.audit_entries()]
