"""The audit log's head: a truncated log (the last 50 entries deleted) is detected by a head
kept elsewhere (``log --check --head``) or a stored anchor; ``--check`` says exactly what the
chain alone proves; anchors are time-stamped by the office TSA when one is configured."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from asn1crypto import cms, tsp
from click.testing import CliRunner, Result

from esign import auditlog
from esign.errors import ExitCode
from esign.store import DB_NAME, AuditHead, HeadCheck, open_store, parse_head
from esign.store.audit import anchor_digest, check_head
from services_fixtures import RunningServices, services, services_template  # noqa: F401

AT = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)


def run(*args: str) -> Result:
    from esign.cli import cli

    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _grow(home: Path, n: int) -> None:
    with open_store(home) as store:
        for i in range(n):
            store.audit("sign", at=AT, identity="budi", subject=f"surat-{i}.pdf")


def _delete_last(home: Path, n: int) -> None:
    """What an attacker with the database does: drop the newest rows (the chain still holds)."""
    conn = sqlite3.connect(home / DB_NAME)
    conn.execute(
        "DELETE FROM audit_log WHERE seq IN (SELECT seq FROM audit_log ORDER BY seq DESC LIMIT ?)",
        (n,),
    )
    conn.commit()
    conn.close()


def test_head_prints_hash_and_count(store_home: Path) -> None:
    result = run("log", "head")
    assert result.exit_code == 0
    head = parse_head(result.stdout)
    with open_store(store_home) as store:
        entries = store.audit_entries()
    assert head == AuditHead(count=len(entries), hash=entries[-1].hash)
    as_json = json.loads(run("log", "head", "--json").stdout)
    assert as_json == {"head": str(head), "entries": head.count, "hash": head.hash}


def test_check_alone_says_it_cannot_see_a_truncation(store_home: Path) -> None:
    _grow(store_home, 60)
    _delete_last(store_home, 50)
    result = run("log", "--check")
    assert result.exit_code == 0  # the chain itself is intact: that is all it can prove
    assert "no entry was changed, inserted or removed before the last one" in result.stdout
    assert "cannot show entries removed at the end" in result.stdout
    assert "Nothing to compare the end of the log with" in result.stdout
    assert "untouched" not in result.stdout


def test_truncation_is_caught_by_a_head_kept_elsewhere(store_home: Path) -> None:
    _grow(store_home, 60)
    head = run("log", "head").stdout.strip()
    _delete_last(store_home, 50)
    result = run("log", "--check", "--head", head)
    assert result.exit_code == ExitCode.INVALID
    count = int(head.split(":")[1])
    assert f"it has {count - 50} entries, but the head you gave had {count}" in result.stderr
    as_json = json.loads(run("log", "--check", "--head", head, "--json").stdout)
    assert as_json["ok"] is False and as_json["first_broken"] is None
    assert as_json["given_head"]["result"] == "truncated"


def test_truncation_is_caught_by_a_stored_anchor(store_home: Path) -> None:
    _grow(store_home, 60)
    anchored = run("log", "anchor")
    assert anchored.exit_code == 0
    assert "no time-stamp" in anchored.stdout
    _delete_last(store_home, 50)
    result = run("log", "--check")
    assert result.exit_code == ExitCode.INVALID
    assert "The log was cut short: the anchor of" in result.stderr


def test_a_rewritten_tail_diverges(store_home: Path) -> None:
    _grow(store_home, 5)
    head = run("log", "head").stdout.strip()
    _delete_last(store_home, 3)
    _grow(store_home, 4)  # a new, valid chain that is longer than the head
    result = run("log", "--check", "--head", head)
    assert result.exit_code == ExitCode.INVALID
    assert "The log was rewritten" in result.stderr


def test_a_kept_head_matches_while_the_log_grows(store_home: Path) -> None:
    head = run("log", "head").stdout.strip()
    assert run("log", "anchor").exit_code == 0
    _grow(store_home, 7)
    result = run("log", "--check", "--head", head)
    assert result.exit_code == 0, result.output
    count = int(head.split(":")[1])
    assert f"entries 1 to {count} are exactly as they were then; 7 entries" in result.stdout
    assert "The newest stored anchor" in result.stdout
    assert "whoever can edit it can remove them too" not in result.stdout  # --head given


def test_bad_head_is_a_usage_error(store_home: Path) -> None:
    result = run("log", "--check", "--head", "abc:12")
    assert result.exit_code == ExitCode.CONFIG
    assert "is not a log head" in result.stderr


def test_check_head_boundaries() -> None:
    assert check_head([], AuditHead(count=0, hash="0" * 64)) is HeadCheck.MATCHES
    assert check_head([], AuditHead(count=1, hash="0" * 64)) is HeadCheck.TRUNCATED


def test_anchor_is_time_stamped_by_the_office_tsa(services: RunningServices) -> None:  # noqa: F811
    result = run("log", "anchor", "--tsa", services.url + "/tsa")
    assert result.exit_code == 0, result.output
    assert "time-stamped" in result.stdout
    with open_store(services.home) as store:
        anchor = store.audit_anchors()[-1]
        head = store.audit_head()
    assert anchor.head == head and anchor.token is not None
    assert anchor.tsa == services.url + "/tsa"
    # the token certifies SHA-256 of HASH:COUNT (read with asn1crypto, not esign's reader)
    signed = cms.ContentInfo.load(anchor.token)["content"]
    tst = tsp.TSTInfo.load(signed["encap_content_info"]["content"].contents)
    digest = hashlib.sha256(f"{head.hash}:{head.count}".encode()).digest()
    assert tst["message_imprint"]["hashed_message"].native == digest == anchor_digest(head)
    assert auditlog.token_matches(anchor.token, head)
    assert not auditlog.token_matches(anchor.token, AuditHead(count=head.count + 1, hash=head.hash))
    check = run("log", "--check")
    assert check.exit_code == 0
    assert "time-stamped" in check.stdout and services.url in check.stdout


def test_anchor_token_signature_is_checked(services: RunningServices) -> None:  # noqa: F811
    """``log --check`` verifies the stored token's signature and its TSA's chain, not only
    its imprint: a token whose signature was altered marks the anchor as tampered (exit 3);
    one from a TSA the store does not trust proves no time (unknown, not a failure)."""
    from dataclasses import replace

    from esign.app.trust import trust_settings
    from esign.store.audit import TokenCheck

    assert run("log", "anchor", "--tsa", services.url + "/tsa").exit_code == 0
    check = run("log", "--check", "--json")
    assert json.loads(check.stdout)["anchors"][-1]["token"] == "trusted"
    with open_store(services.home) as store:
        anchor = store.audit_anchors()[-1]
        trust = trust_settings(store, at=datetime.now(UTC), offline=True)
    assert anchor.token is not None
    assert auditlog.check_token(anchor.token, anchor.head, trust) is TokenCheck.TRUSTED
    untrusted = replace(trust, roots=())
    assert auditlog.check_token(anchor.token, anchor.head, untrusted) is TokenCheck.UNKNOWN
    # the signature value is the token's last bytes (no unsigned attributes): flip one
    forged = anchor.token[:-3] + bytes([anchor.token[-3] ^ 0x01]) + anchor.token[-2:]
    assert auditlog.token_matches(forged, anchor.head)  # the imprint alone still matches
    assert auditlog.check_token(forged, anchor.head, trust) is TokenCheck.INVALID
    conn = sqlite3.connect(services.home / DB_NAME)
    conn.execute("UPDATE audit_anchors SET token = ? WHERE hash = ?", (forged, anchor.head.hash))
    conn.commit()
    conn.close()
    check = run("log", "--check")
    assert check.exit_code == ExitCode.INVALID
    assert "FORGED" in check.output
