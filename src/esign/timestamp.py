"""RFC 3161 time stamps: the office's time-stamp authority, and the client esign signs with.

Server side: :class:`TimestampAuthority` turns a DER ``TimeStampReq`` into a DER
``TimeStampResp``. The TSTInfo is built with asn1crypto's ``tsp`` structures and
signed as CMS SignedData through pyHanko's signer API; every token's serial number
comes from the store (unique, recorded with time, hash and requester). Bad requests
get the protocol's own answer: status ``rejection`` with a failInfo, never a crash.

Client side: :class:`TsaClient` describes a TSA (URL, optional HTTP basic auth) and
gives pyHanko's ``HTTPTimeStamper``; failures become :class:`~esign.errors.TimestampError`.
"""

from __future__ import annotations

import asyncio
import base64
import functools
import hashlib
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from asn1crypto import cms, core, tsp
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization

from esign import i18n
from esign.errors import TimestampError
from esign.keys import KeyHandle, Secret
from esign.keys import cms as cms_template

log = logging.getLogger(__name__)

DEFAULT_POLICY = "2.25.163784542785541934446207301843391127891"
"""esign's default TSA policy OID: a UUID-derived OID (ITU-T X.667, arc 2.25), which needs
no registration. Offices with a registered policy set ``tsa-policy``."""

DIGESTS: dict[str, int] = {"sha256": 32, "sha384": 48, "sha512": 64}
"""Message-imprint algorithms the TSA accepts, with their digest sizes (no SHA-1, no MD5)."""

MAX_REQUEST = 64 * 1024


@dataclass(frozen=True, slots=True, kw_only=True)
class TokenRecord:
    """What the TSA certifies with one token, before the token exists."""

    at: datetime
    """genTime."""
    hash_algorithm: str
    """Message-imprint algorithm, e.g. ``sha256``."""
    imprint: bytes
    """The hashed message."""
    requester: str
    """Who asked (client address)."""
    policy: str
    """Policy OID the token is issued under."""


class Rejected(Exception):
    """A request the TSA refuses, with the RFC 3161 failInfo bit to report."""

    def __init__(self, fail_info: str, text: str) -> None:
        super().__init__(text)
        self.fail_info = fail_info
        self.text = text


def _asn1_cert(cert: Any) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def cms_signer(key: KeyHandle) -> Any:
    """A pyHanko signer for a service key (TSA, OCSP): chain and root embedded."""
    return key.pyhanko_signer(embed_roots=True)


def parse_request(body: bytes, policy: str) -> tsp.TimeStampReq:
    """The request, fully parsed and checked; :class:`Rejected` says why not."""
    if not body or len(body) > MAX_REQUEST:
        raise Rejected("bad_data_format", "empty or oversized request")
    try:
        req = tsp.TimeStampReq.load(body, strict=True)
        req.native  # noqa: B018 - forces asn1crypto to parse every field now
    except (ValueError, TypeError, KeyError) as e:
        raise Rejected("bad_data_format", f"not a TimeStampReq: {e}") from e
    if req["version"].native != "v1":
        raise Rejected("bad_request", "unsupported version")
    imprint = req["message_imprint"]
    algorithm = imprint["hash_algorithm"]["algorithm"].native
    if algorithm not in DIGESTS:
        raise Rejected("bad_alg", f"hash algorithm {algorithm} is not accepted")
    if len(imprint["hashed_message"].native) != DIGESTS[algorithm]:
        raise Rejected("bad_data_format", "hashed message has the wrong length")
    wanted = req["req_policy"].native
    if wanted is not None and wanted != policy:
        raise Rejected("unaccepted_policy", f"policy {wanted} is not offered")
    if req["extensions"].native:
        raise Rejected("unaccepted_extension", "extensions are not supported")
    return req


def rejection(fail_info: str, text: str) -> bytes:
    """A DER ``TimeStampResp`` with status ``rejection``."""
    status = tsp.PKIStatusInfo(
        {
            "status": "rejection",
            "status_string": [text],
            "fail_info": tsp.PKIFailureInfo({fail_info}),
        }
    )
    der: bytes = _StatusOnlyResp({"status": status}).dump()
    return der


class _StatusOnlyResp(core.Sequence):  # type: ignore[misc]
    """``TimeStampResp`` without a token (asn1crypto's own makes the token mandatory)."""

    _fields = [("status", tsp.PKIStatusInfo)]  # noqa: RUF012 - asn1crypto's declaration style


class TimestampAuthority:
    """Answers RFC 3161 requests with tokens signed by the office's TSA key.

    Safe to call from many threads at once (``esign serve`` answers each connection in its
    own). A token is made from a CMS template built once (:mod:`esign.keys.cms`): only the
    TSTInfo, its digest, the signing time and the signature change per token, and the
    threads share nothing but bytes. A key the template does not fit (a token's key, a
    signing time after 2049) is signed through pyHanko, one token at a time: pyHanko's
    signer shares asn1crypto objects that are not safe to serialise from two threads.
    """

    def __init__(
        self,
        key: KeyHandle,
        *,
        policy: str = DEFAULT_POLICY,
        record: Callable[[TokenRecord], int],
        accuracy_seconds: int = 1,
    ) -> None:
        self.key = key
        self.policy = policy
        self._record = record
        self._accuracy = accuracy_seconds
        self._signer = cms_signer(key)
        self._tsa_name = asn1_x509.GeneralName(
            name="directory_name", value=_asn1_cert(key.cert).subject
        ).dump()
        self._granted = tsp.PKIStatusInfo({"status": "granted"}).dump()
        self._tst_info = cms.ContentType("tst_info").dump()
        self._lock = threading.Lock()
        self._template = self._make_template()

    def respond(self, body: bytes, *, at: datetime, requester: str) -> bytes:
        """The DER ``TimeStampResp`` for the DER ``TimeStampReq`` in ``body``."""
        try:
            req = parse_request(body, self.policy)
        except Rejected as e:
            log.info("timestamp request rejected (%s): %s", e.fail_info, e.text)
            return rejection(e.fail_info, e.text)
        imprint = req["message_imprint"]
        algorithm = imprint["hash_algorithm"]["algorithm"].native
        serial = self._record(
            TokenRecord(
                at=at,
                hash_algorithm=algorithm,
                imprint=imprint["hashed_message"].native,
                requester=requester,
                policy=self.policy,
            )
        )
        tst = self._tst(req, serial, at)
        token = self._from_template(tst, at, bool(req["cert_req"].native))
        if token is None:
            token = self._from_pyhanko(tst, at, bool(req["cert_req"].native))
        return cms_template.der_sequence(self._granted + token)

    def _tst(self, req: tsp.TimeStampReq, serial: int, at: datetime) -> bytes:
        """The TSTInfo's DER (built from this request's own objects only)."""
        info: dict[str, Any] = {
            "version": "v1",
            "policy": self.policy,
            "message_imprint": req["message_imprint"],
            "serial_number": serial,
            "gen_time": at,
            "accuracy": {"seconds": self._accuracy},
            "ordering": False,
            "tsa": asn1_x509.GeneralName.load(self._tsa_name),
        }
        if req["nonce"].native is not None:
            info["nonce"] = req["nonce"].native
        der: bytes = tsp.TSTInfo(info).dump()
        return der

    def _make_template(self) -> cms_template.CmsTemplate | None:
        if not hasattr(self._signer, "templates"):  # not esign's own signer (a token's key)
            return None
        sample = tsp.TSTInfo(
            {
                "version": "v1",
                "policy": self.policy,
                "message_imprint": {
                    "hash_algorithm": {"algorithm": "sha256"},
                    "hashed_message": bytes(32),
                },
                "serial_number": 1,
                "gen_time": datetime(2031, 1, 1, tzinfo=UTC),
            }
        ).dump()
        template = asyncio.run(
            cms_template.build_enveloping(self._signer, "sha256", "tst_info", sample)
        )
        if template is None or template.encap != cms_template.encapsulated(self._tst_info, sample):
            log.info("time-stamp tokens are signed through pyHanko, one at a time")
            return None
        return template

    def _from_template(self, tst: bytes, at: datetime, certs: bool) -> bytes | None:
        template = self._template
        if template is None:
            return None
        attrs = template.signed_attrs(hashlib.sha256(tst).digest(), at)
        if attrs is None:
            return None
        signature = self.key.sign(attrs, "sha256")
        encap = cms_template.encapsulated(self._tst_info, tst)
        return template.container(attrs, signature, encap=encap, certificates=certs)

    def _from_pyhanko(self, tst: bytes, at: datetime, certs: bool) -> bytes:
        from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes

        encap = cms.EncapsulatedContentInfo(
            {"content_type": "tst_info", "content": cms.ParsableOctetString(tst)}
        )
        with self._lock:
            coro = self._signer.async_sign_general_data(
                encap,
                "sha256",
                detached=False,
                signed_attr_settings=PdfCMSSignedAttributes(signing_time=at),
            )
            token: cms.ContentInfo = asyncio.run(coro)
            if not certs:
                signed = token["content"]
                kept = ("version", "digest_algorithms", "encap_content_info", "signer_infos")
                bare = cms.SignedData({name: signed[name] for name in kept})
                token = cms.ContentInfo({"content_type": "signed_data", "content": bare})
            der: bytes = token.dump()
        return der


# --- reading tokens -----------------------------------------------------------------------


# --- client -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class TsaClient:
    """A time-stamp authority esign asks for tokens (the office's own, or an outside one)."""

    url: str
    """Where to POST requests, e.g. ``http://127.0.0.1:8080/tsa``."""
    user: str | None = None
    """HTTP basic-auth user, for TSAs that require it."""
    password: Secret | None = field(default=None, repr=False)
    """HTTP basic-auth password (from ``ESIGN_TSA_PASSWORD``, never argv)."""
    timeout: float = 10.0
    """Seconds to wait for an answer."""

    def timestamper(self) -> Any:
        """pyHanko's ``HTTPTimeStamper`` for this TSA (asking once more when the connection
        drops or times out)."""
        return _retrying_stamper()(self.url, timeout=self.timeout, headers=self.auth_headers())

    def auth_headers(self) -> dict[str, str]:
        """The HTTP basic-auth header, when a user is set."""
        if self.user is None:
            return {}
        password = self.password.value if self.password else b""
        pair = self.user.encode("utf-8") + b":" + password
        return {"Authorization": "Basic " + base64.b64encode(pair).decode("ascii")}

    def check(self) -> None:
        """Ask for one token now, so that a TSA that is down fails before any output."""
        stamper = self.timestamper()
        try:
            asyncio.run(stamper.async_dummy_response("sha256"))
        except Exception as e:
            raise tsa_error(self.url, e) from e


RETRY_DELAY = 0.5
"""Seconds before asking a TSA again after a dropped connection or a timeout."""


@functools.cache
def _retrying_stamper() -> type:
    """pyHanko's HTTPTimeStamper that asks once more after a transient failure: a busy TSA
    that drops a connection should not fail one letter of a batch of hundreds. An answer the
    TSA did give (an HTTP error, a wrong content type, a refusal) is never asked again."""
    import aiohttp
    from pyhanko.sign.timestamps.common_utils import TimestampRequestError

    from esign import _lazy

    base = _lazy.load("pyhanko.sign.timestamps.aiohttp_client").HTTPTimeStamper
    transient = (aiohttp.ServerDisconnectedError, aiohttp.ClientConnectionError, TimeoutError)

    class RetryingTimeStamper(base):  # type: ignore[valid-type, misc]
        async def async_request_tsa_response(self, req: Any) -> Any:
            try:
                return await super().async_request_tsa_response(req)
            except TimestampRequestError as e:
                cause = e.__cause__
                answered = aiohttp.ClientResponseError | aiohttp.ClientSSLError
                if isinstance(cause, answered) or not isinstance(cause, transient):
                    raise  # an answer (HTTP error, TLS refusal) is not asked again
                log.info("TSA %s: %s; asking once more", self.url, type(e.__cause__).__name__)
            await asyncio.sleep(RETRY_DELAY)
            return await super().async_request_tsa_response(req)

    return RetryingTimeStamper


def tsa_error(url: str, e: BaseException) -> TimestampError:
    """A one-line :class:`TimestampError` for what went wrong talking to ``url``."""
    cause: BaseException | None = e
    detail = str(e) or type(e).__name__
    while cause is not None:  # the root cause is the useful part ("connection refused")
        if isinstance(cause, OSError) and cause.errno is not None:
            detail = i18n.os_error(cause)  # "[Errno 111] Connect call failed": in words
        elif isinstance(cause, TimeoutError):
            detail = i18n.os_error(cause)
        elif str(cause):
            detail = str(cause)
        cause = cause.__cause__ or cause.__context__
        if cause is e:
            break
    return TimestampError(
        "tsa.failed", hint_key="tsa.failed.hint", url=url, detail=detail.splitlines()[0]
    )


def is_timestamp_failure(e: BaseException) -> bool:
    """Whether ``e`` (or what caused it) is a failure to get a usable timestamp."""
    from pyhanko.sign.timestamps.common_utils import TimestampRequestError

    seen: BaseException | None = e
    for _ in range(8):
        if seen is None:
            return False
        if isinstance(seen, TimestampRequestError | TimestampError):
            return True
        if isinstance(seen, ConnectionError | TimeoutError):  # dropped or timed out mid-way
            return True
        seen = seen.__cause__ or seen.__context__
    return False
