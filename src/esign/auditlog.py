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
from esign.store.audit import HeadResult, TokenCheck, anchor_digest

if TYPE_CHECKING:
    from cryptography import x509

    from esign.timestamp import TsaClient
    from esign.verify import TrustSettings

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
        """Chain intact, every recorded head still in the log and no anchor's TSA token
        forged (a token from a TSA we cannot vouch for is not a failure: it proves less)."""
        heads = [*self.anchors, *([self.given] if self.given else [])]
        return (
            self.first_broken is None
            and all(h.result is HeadCheck.MATCHES for h in heads)
            and all(a.token is not TokenCheck.INVALID for a in self.anchors)
        )


def check_log(store: Store, given: AuditHead | None = None, *, at: datetime) -> LogCheck:
    """Check the chain, a head kept elsewhere (``given``) and the stored anchors, each
    anchor's TSA token against the store's trust anchors at ``at``."""
    from esign.app.trust import trust_settings

    entries = store.audit_entries()
    stored = store.audit_anchors()
    trust = trust_settings(store, at=at, offline=True) if any(a.token for a in stored) else None
    anchors = tuple(
        HeadResult(
            head=a.head,
            result=check_head(entries, a.head),
            anchor=a,
            token=check_token(a.token, a.head, trust) if a.token and trust else None,
        )
        for a in stored
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


def check_token(token: bytes, head: AuditHead, trust: TrustSettings) -> TokenCheck:
    """Whether ``token`` is a TSA token over ``head`` whose signature holds, and whether
    its TSA chains to ``trust``'s roots (revocation is not asked: the TSA's answer is
    evidence of a time, and an office TSA's certificate is checked by ``verify``)."""
    from asn1crypto import cms
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives.serialization import Encoding
    from pyhanko.sign.validation.generic_cms import validate_tst_signed_data
    from pyhanko.sign.validation.status import TimestampSignatureStatus
    from pyhanko_certvalidator import ValidationContext
    from pyhanko_certvalidator.authority import CertTrustAnchor

    def asn1_certificate(cert: x509.Certificate) -> asn1_x509.Certificate:
        return asn1_x509.Certificate.load(cert.public_bytes(Encoding.DER))

    if not token_matches(token, head):
        return TokenCheck.INVALID
    context = ValidationContext(
        trust_roots=[CertTrustAnchor(asn1_certificate(c)) for c in trust.roots],
        other_certs=[asn1_certificate(c) for c in trust.other_certs],
        allow_fetching=False,
        revocation_mode="soft-fail",
    )
    try:
        signed = cms.ContentInfo.load(token)["content"]
        kwargs = asyncio.run(
            validate_tst_signed_data(signed, context, lambda _algo: anchor_digest(head))
        )
        status = TimestampSignatureStatus(**kwargs)
    except Exception:  # a malformed or forged token: whatever pyHanko raises
        log.debug("anchor token does not validate", exc_info=True)
        return TokenCheck.INVALID
    if not (status.intact and status.valid):
        return TokenCheck.INVALID
    return TokenCheck.TRUSTED if status.trusted else TokenCheck.UNKNOWN


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
