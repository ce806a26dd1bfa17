"""The audit log's head: print it, anchor it (with a TSA token when an office TSA is
configured) and check the log against heads recorded earlier.

What each check proves:

* the **chain** (:func:`esign.store.verify_audit_chain`): no entry was changed, inserted or
  removed *before the last one*; it cannot see entries removed at the end;
* a **head** ``HASH:COUNT`` kept outside the store (``esign log head``, written in a
  register or mailed): entries 1..COUNT are exactly those of that moment, so removing any
  of them — at the end too — or rewriting the log is detected;
* a **stored anchor** (``esign log anchor``): the same, against a head kept in the store
  itself. It catches a truncation that forgot the anchors table, but whoever can edit the
  database can delete anchors too; a TSA token over the head proves when that head existed,
  as long as the anchor row is kept (or the token copied out).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from esign.store import (
    AuditAnchor,
    AuditEntry,
    AuditHead,
    HeadCheck,
    Store,
    check_head,
    head_of,
    verify_audit_chain,
)
from esign.store.audit import HeadResult, anchor_digest

if TYPE_CHECKING:
    from esign.timestamp import TsaClient

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class LogCheck:
    """The whole answer of ``esign log --check``."""

    entries: int
    """How many entries the log has."""
    head: AuditHead
    """Its head now."""
    first_broken: AuditEntry | None
    """The first entry whose hash or link is wrong (None: the chain holds)."""
    given: HeadResult | None
    """The head given on the command line, checked."""
    anchors: tuple[HeadResult, ...]
    """Every stored anchor, checked, oldest first."""

    @property
    def ok(self) -> bool:
        """Chain intact and every recorded head still in the log."""
        heads = [*self.anchors, *([self.given] if self.given else [])]
        return self.first_broken is None and all(h.result is HeadCheck.MATCHES for h in heads)


def check_log(store: Store, given: AuditHead | None = None) -> LogCheck:
    """Check the chain, a head kept elsewhere (``given``) and the stored anchors."""
    entries = store.audit_entries()
    anchors = tuple(
        HeadResult(head=a.head, result=check_head(entries, a.head), anchor=a)
        for a in store.audit_anchors()
    )
    return LogCheck(
        entries=len(entries),
        head=head_of(entries),
        first_broken=verify_audit_chain(entries),
        given=HeadResult(head=given, result=check_head(entries, given)) if given else None,
        anchors=anchors,
    )


def anchor_log(store: Store, *, at: datetime, tsa: TsaClient | None = None) -> AuditAnchor:
    """Record the current head in the store, with a token from ``tsa`` when given
    (a TSA that fails raises TimestampError and nothing is recorded)."""
    head = store.audit_head()
    token = _token(tsa, head) if tsa is not None else None
    anchor = AuditAnchor(head=head, at=at, token=token, tsa=tsa.url if tsa else None)
    store.add_audit_anchor(anchor)
    return anchor


def _token(tsa: TsaClient, head: AuditHead) -> bytes:
    from esign.timestamp import tsa_error

    stamper = tsa.timestamper()
    try:
        token = asyncio.run(stamper.async_timestamp(anchor_digest(head), "sha256"))
    except Exception as e:
        raise tsa_error(tsa.url, e) from e
    der: bytes = token.dump()
    return der


def token_time(token: bytes) -> datetime | None:
    """genTime of a stored token (None when it cannot be read)."""
    from asn1crypto import cms

    try:
        info = cms.ContentInfo.load(token)["content"]["encap_content_info"]["content"].parsed
        return info["gen_time"].native  # type: ignore[no-any-return]
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def token_matches(token: bytes, head: AuditHead) -> bool:
    """Whether a stored token's message imprint is SHA-256 of ``HASH:COUNT``."""
    from asn1crypto import cms

    try:
        info = cms.ContentInfo.load(token)["content"]["encap_content_info"]["content"].parsed
        imprint = info["message_imprint"]
        return bool(
            imprint["hash_algorithm"]["algorithm"].native == "sha256"
            and imprint["hashed_message"].native == anchor_digest(head)
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        return False
