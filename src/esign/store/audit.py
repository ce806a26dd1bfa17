"""The audit chain's hashing and checks: the same for every backend.

``hash = SHA-256(json.dumps([prev_hash, at, action, identity, subject, detail]))``; the
chain proves no entry was changed, inserted or removed *before the last one*. Removing
entries at the end leaves a shorter, valid chain: only a head kept elsewhere
(:class:`~esign.store.records.AuditHead`, ``esign log head``) or an anchor shows it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from esign.store.records import AuditAnchor, AuditEntry, AuditHead

GENESIS = "0" * 64


def timestamp_text(at: datetime) -> str:
    """The stored form of a time: ISO 8601 UTC with seconds."""
    return at.astimezone(UTC).isoformat(timespec="seconds")


def detail_text(detail: dict[str, object] | None) -> str:
    """The stored form of an entry's detail."""
    return json.dumps(detail or {}, sort_keys=True, ensure_ascii=False)


def entry_hash(
    prev: str, at: str, action: str, identity: str | None, subject: str | None, detail: str
) -> str:
    """The hash of one entry, given the previous entry's hash."""
    material = json.dumps([prev, at, action, identity, subject, detail], ensure_ascii=False)
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def verify_audit_chain(entries: list[AuditEntry]) -> AuditEntry | None:
    """The first entry whose hash or link is wrong, or None when the chain holds."""
    prev = GENESIS
    for entry in entries:
        expected = entry_hash(
            prev,
            timestamp_text(entry.at),
            entry.action,
            entry.identity,
            entry.subject,
            detail_text(entry.detail),
        )
        if entry.prev_hash != prev or entry.hash != expected:
            return entry
        prev = entry.hash
    return None


def head_of(entries: list[AuditEntry]) -> AuditHead:
    """The head of a log."""
    return AuditHead(count=len(entries), hash=entries[-1].hash if entries else GENESIS)


def parse_head(text: str) -> AuditHead:
    """``HASH:COUNT`` (as ``esign log head`` prints it); ValueError when malformed."""
    digest, sep, count = text.strip().partition(":")
    digest = digest.lower()
    if not sep or len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
        raise ValueError(text)
    if not count.isdigit():
        raise ValueError(text)
    return AuditHead(count=int(count), hash=digest)


def anchor_digest(head: AuditHead) -> bytes:
    """What a TSA token over a head certifies: SHA-256 of ``HASH:COUNT``."""
    return hashlib.sha256(str(head).encode("ascii")).digest()


class HeadCheck(StrEnum):
    """How the log relates to a head recorded earlier."""

    MATCHES = "matches"
    """Entry ``count`` has the recorded hash: entries 1..count are as they were."""
    TRUNCATED = "truncated"
    """The log has fewer entries than the head recorded: entries were removed at the end."""
    DIVERGED = "diverged"
    """Entry ``count`` has another hash: the log was rewritten from some point on."""


class TokenCheck(StrEnum):
    """What a stored anchor's TSA token proves."""

    TRUSTED = "trusted"
    """Signed intact by a TSA that chains to the store's trust anchors, over this head."""
    UNKNOWN = "unknown"
    """Intact and over this head, but the TSA does not chain to a trusted root: its time
    cannot be vouched for here."""
    INVALID = "invalid"
    """Unreadable, over another head, or its signature does not hold: the anchor row was
    forged or altered."""


@dataclass(frozen=True, slots=True, kw_only=True)
class HeadResult:
    """One recorded head checked against the log."""

    head: AuditHead
    result: HeadCheck
    anchor: AuditAnchor | None = None
    """The stored anchor it came from (None: given on the command line)."""
    token: TokenCheck | None = None
    """The anchor's TSA token, checked (None: no token)."""


def check_head(entries: list[AuditEntry], head: AuditHead) -> HeadCheck:
    """Whether the log still holds ``head`` (call after :func:`verify_audit_chain`)."""
    if head.count > len(entries):
        return HeadCheck.TRUNCATED
    found = entries[head.count - 1].hash if head.count else GENESIS
    return HeadCheck.MATCHES if found == head.hash else HeadCheck.DIVERGED
