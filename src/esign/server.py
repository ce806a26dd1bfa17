"""``esign serve``: the store's PKI services over HTTP, on a threaded stdlib server.

Routes: ``POST /tsa`` (RFC 3161), ``POST /ocsp`` and ``GET /ocsp/{base64}`` (RFC 6960),
``GET /crl`` (the CA's current CRL, DER). Every request opens the store afresh, so
revocations recorded meanwhile by ``esign cert revoke`` are answered at once. One log
line per request goes to the ``esign.server`` logger; nothing is printed.
"""

from __future__ import annotations

import base64
import binascii
import logging
import signal
import threading
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import FrameType
from typing import Any

from esign import office
from esign.ocsp import CertState, OcspResponder
from esign.ocsp import malformed as ocsp_malformed
from esign.store import Store
from esign.timestamp import MAX_REQUEST, TimestampAuthority, TokenRecord, rejection

log = logging.getLogger(__name__)

TSA_QUERY = "application/timestamp-query"
TSA_REPLY = "application/timestamp-reply"
OCSP_REQUEST = "application/ocsp-request"
OCSP_RESPONSE = "application/ocsp-response"
CRL_TYPE = "application/pkix-crl"


@dataclass(frozen=True, slots=True, kw_only=True)
class ServiceConfig:
    """What the server needs: the store folder, the unlocked keys, the clock."""

    home: Path
    """The store folder (opened per request)."""
    keys: office.ServiceKeys
    """CA, TSA and OCSP responder keys, unlocked by the CLI."""
    clock: Callable[[], datetime]
    """The time source (the CLI passes the system clock; tests may freeze it)."""
    policy: str
    """TSA policy OID."""


class Services:
    """The request-independent part of the server: TSA, OCSP responder, CRL publisher."""

    def __init__(self, config: ServiceConfig) -> None:
        self.config = config
        self._crl_lock = threading.Lock()
        self.tsa = TimestampAuthority(
            config.keys.tsa, policy=config.policy, record=self._record_token
        )
        self.ocsp = OcspResponder(config.keys.ocsp, config.keys.ca.cert, self._lookup)

    @contextmanager
    def store(self) -> Iterator[Store]:
        with Store.open(self.config.home) as store:
            yield store

    def _record_token(self, record: TokenRecord) -> int:
        with self.store() as store:
            return store.record_timestamp(
                at=record.at,
                hash_algorithm=record.hash_algorithm,
                imprint=record.imprint,
                requester=record.requester,
                policy=record.policy,
            )

    def _lookup(self, serial: int) -> CertState | None:
        with self.store() as store:
            found = store.find_by_serial(self.config.keys.ca.cert, serial)
        if found is None:
            return None
        return CertState(revoked_at=found.revoked_at, reason=found.revocation_reason)

    def timestamp(self, body: bytes, requester: str) -> bytes:
        return self.tsa.respond(body, at=self.config.clock(), requester=requester)

    def ocsp_answer(self, body: bytes) -> bytes:
        return self.ocsp.respond(body, at=self.config.clock())

    def crl(self) -> bytes:
        """The current CRL; reissued (with the CA key) when missing or about to expire."""
        at = self.config.clock()
        with self._crl_lock, self.store() as store:
            current = office.current_crl(store, at)
            if current is not None:
                return current
            return office.refresh_crl(store, self.config.keys.ca, at)


class _Handler(BaseHTTPRequestHandler):
    server: EsignHTTPServer
    protocol_version = "HTTP/1.1"
    server_version = "esign"
    sys_version = ""

    def log_message(self, format: str, *args: Any) -> None:
        log.info("%s %s", self.address_string(), format % args)

    def _send(self, code: int, content_type: str, body: bytes) -> None:
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _body(self, limit: int) -> bytes | None:
        try:
            length = int(self.headers.get("Content-Length", "0"))
        except ValueError:
            return None
        if length < 0 or length > limit:
            return None
        return self.rfile.read(length)

    def do_POST(self) -> None:
        path = urllib.parse.urlsplit(self.path).path.rstrip("/")
        services = self.server.services
        if path == "/tsa":
            body = self._body(MAX_REQUEST)
            if body is None:
                self.close_connection = True
                self._send(200, TSA_REPLY, rejection("bad_data_format", "bad length"))
                return
            self._send(200, TSA_REPLY, services.timestamp(body, self.client_address[0]))
        elif path == "/ocsp":
            body = self._body(MAX_REQUEST)
            if body is None:
                self.close_connection = True
                self._send(200, OCSP_RESPONSE, ocsp_malformed())
                return
            self._send(200, OCSP_RESPONSE, services.ocsp_answer(body))
        else:
            self._send(404, "text/plain; charset=utf-8", b"not found\n")

    def do_GET(self) -> None:
        path = urllib.parse.urlsplit(self.path).path
        services = self.server.services
        if path.rstrip("/") == "/crl":
            self._send(200, CRL_TYPE, services.crl())
        elif path.startswith("/ocsp/"):
            encoded = urllib.parse.unquote(path[len("/ocsp/") :])
            try:
                body = base64.b64decode(encoded, validate=True)
            except (binascii.Error, ValueError):
                body = b""
            self._send(200, OCSP_RESPONSE, services.ocsp_answer(body))
        elif path in ("", "/"):
            text = "esign PKI services: POST /tsa, POST /ocsp, GET /ocsp/{base64}, GET /crl\n"
            self._send(200, "text/plain; charset=utf-8", text.encode())
        else:
            self._send(404, "text/plain; charset=utf-8", b"not found\n")

    def handle_one_request(self) -> None:
        try:
            super().handle_one_request()
        except (ConnectionError, TimeoutError):
            self.close_connection = True
        except Exception:  # one bad request never stops the server
            log.exception("request failed")
            self.close_connection = True
            with suppress(OSError):
                self._send(500, "text/plain; charset=utf-8", b"internal error\n")


class EsignHTTPServer(ThreadingHTTPServer):
    """A threaded HTTP server carrying :class:`Services`."""

    daemon_threads = True
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], services: Services) -> None:
        self.services = services
        super().__init__(address, _Handler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        name = host.decode() if isinstance(host, bytes) else str(host)
        shown = f"[{name}]" if ":" in name else name
        return f"http://{shown}:{port}"


def make_server(host: str, port: int, config: ServiceConfig) -> EsignHTTPServer:
    """Bind (``port`` 0 picks a free one) but do not serve yet."""
    return EsignHTTPServer((host, port), Services(config))


def serve_until_signalled(server: EsignHTTPServer) -> None:
    """Serve until SIGTERM or SIGINT, then finish in-flight requests and close."""

    def stop(signum: int, _frame: FrameType | None) -> None:
        log.info("received %s, stopping", signal.Signals(signum).name)
        threading.Thread(target=server.shutdown, daemon=True).start()

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        log.info("serving on %s (tsa, ocsp, crl)", server.url)
        server.serve_forever(poll_interval=0.2)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        server.server_close()
        log.info("stopped")
