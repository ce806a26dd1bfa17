"""``esign serve``: the store's PKI services over HTTP, on a threaded stdlib server.

Routes: ``POST /tsa`` (RFC 3161), ``POST /ocsp`` and ``GET /ocsp/{base64}`` (RFC 6960),
``GET /crl`` (the CA's current CRL, DER). Every request opens the store afresh, so
revocations recorded meanwhile by ``esign cert revoke`` are answered at once. One log
line per request goes to the ``esign.server`` logger; nothing is printed.

A client cannot hold the server (:class:`Limits`, docs/security.md): a connection silent for
``idle_timeout`` is closed; once a request's first byte arrives, its line and headers must be
complete within ``header_timeout`` and its body within as long again, however slowly the bytes
drip; at most ``max_connections`` are served at once (more wait in the listen queue, and one
idle for a second is closed to admit a waiting client; the cap shrinks to fit the open-file
limit); a body larger than ``max_body`` gets ``413``. When accepting fails for want of
descriptors the server pauses instead of spinning.
"""

from __future__ import annotations

import base64
import binascii
import errno
import io
import logging
import resource
import signal
import socket
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import FrameType
from typing import Any

from esign.app import admin
from esign.ocsp import CertState, OcspResponder
from esign.sanitize import clean
from esign.store import Store, open_store
from esign.timestamp import MAX_REQUEST, TimestampAuthority, TokenRecord

log = logging.getLogger(__name__)

TSA_QUERY = "application/timestamp-query"
TSA_REPLY = "application/timestamp-reply"
OCSP_REQUEST = "application/ocsp-request"
OCSP_RESPONSE = "application/ocsp-response"
CRL_TYPE = "application/pkix-crl"


@dataclass(frozen=True, slots=True, kw_only=True)
class Limits:
    """How long and how much one client may take (``esign serve --idle-timeout`` etc.)."""

    idle_timeout: float = 10.0
    """Seconds of silence (between requests, or within one) after which a connection closes."""
    header_timeout: float = 10.0
    """Seconds from a request's first byte until its line and headers are complete; the body
    then gets as long again."""
    max_connections: int = 64
    """Connections open at once (lowered to fit the open-file limit, see :func:`fitted`)."""
    max_body: int = MAX_REQUEST
    """The largest request body in bytes; a larger one is answered ``413``."""


_FDS_SPARE = 16
"""Descriptors kept free for the store, logs and the listening socket."""
_FDS_PER_CONNECTION = 2
"""A connection's socket, plus the store file its request opens."""


def fitted(limits: Limits) -> Limits:
    """``limits`` with ``max_connections`` lowered so that connections never use up the
    process's open-file limit (``ulimit -n``): past it, nothing at all can be served."""
    soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return limits
    room = max(1, (int(soft) - _FDS_SPARE) // _FDS_PER_CONNECTION)
    if limits.max_connections <= room:
        return limits
    log.warning("open-file limit %d: at most %d connections", soft, room)
    return replace(limits, max_connections=room)


@dataclass(frozen=True, slots=True, kw_only=True)
class ServiceConfig:
    """What the server needs: the store folder, the unlocked keys, the clock."""

    home: str | Path
    """The store folder or URL (opened per request)."""
    keys: admin.ServiceKeys
    """CA, TSA and OCSP responder keys, unlocked by the CLI."""
    clock: Callable[[], datetime]
    """The time source (the CLI passes the system clock; tests may freeze it)."""
    policy: str
    """TSA policy OID."""
    limits: Limits = Limits()
    """Timeouts, the connection cap and the body limit."""


class Services:
    """The request-independent part of the server: TSA, OCSP responder, CRL publisher."""

    def __init__(self, config: ServiceConfig) -> None:
        self.config = config
        self._crl_lock = threading.Lock()
        self._local = threading.local()
        """``store``: this connection's store for recording tokens, kept open between its
        requests (opening a store costs more than the token itself); closed when the
        connection ends (:meth:`release`). SQLite connections stay in their thread."""
        self.tsa = TimestampAuthority(
            config.keys.tsa, policy=config.policy, record=self._record_token
        )
        self.ocsp = OcspResponder(config.keys.ocsp, config.keys.ca.cert, self._lookup)

    @contextmanager
    def store(self) -> Iterator[Store]:
        with open_store(self.config.home) as store:
            yield store

    def _record_token(self, record: TokenRecord) -> int:
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = open_store(self.config.home)
        try:
            return store.record_timestamp(
                at=record.at,
                hash_algorithm=record.hash_algorithm,
                imprint=record.imprint,
                requester=record.requester,
                policy=record.policy,
            )
        except BaseException:
            self.release()  # a broken connection is not kept
            raise

    def release(self) -> None:
        """Close this thread's store (the connection it answered has ended)."""
        store = getattr(self._local, "store", None)
        self._local.store = None
        if store is not None:
            with suppress(Exception):
                store.close()

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
            current = admin.current_crl(store, at)
            if current is not None:
                return current
            return admin.refresh_crl(store, self.config.keys.ca, at)


class _DeadlineReader(io.RawIOBase):
    """A connection's input with two clocks: silence longer than ``idle`` ends it, and so does
    a request that is not complete by ``deadline`` however slowly its bytes arrive (a per-read
    timeout alone lets a client dribble one byte at a time forever)."""

    def __init__(self, sock: socket.socket, limits: Limits) -> None:
        self.sock = sock
        self.limits = limits
        self.deadline: float | None = None
        """When the current request (headers, or body) must be complete; None: no request."""
        self.waiting = True
        """Between requests: no byte of the next one has arrived (the connection is idle)."""
        self.idle_since = time.monotonic()
        """When the connection became idle."""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        timeout = self.limits.idle_timeout
        if self.deadline is not None:
            left = self.deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("request too slow")
            timeout = min(timeout, left)
        self.sock.settimeout(timeout)
        try:
            n = self.sock.recv_into(buffer)
        finally:
            self.sock.settimeout(self.limits.idle_timeout)  # writes: a reader that stalls
        if n and self.waiting:
            self.waiting = False
            self.deadline = time.monotonic() + self.limits.header_timeout
        return n

    def next_request(self) -> None:
        self.waiting, self.deadline, self.idle_since = True, None, time.monotonic()


class _Handler(BaseHTTPRequestHandler):
    server: EsignHTTPServer
    protocol_version = "HTTP/1.1"
    server_version = "esign"
    sys_version = ""
    _input: _DeadlineReader

    def setup(self) -> None:
        super().setup()
        self.rfile.close()  # replaced by one that keeps the two clocks
        self._input = _DeadlineReader(self.connection, self.server.limits)
        self.rfile = io.BufferedReader(self._input)
        self.connection.settimeout(self.server.limits.idle_timeout)
        # headers and body leave as two writes: without this, Nagle's algorithm holds the
        # body until the client's delayed ACK (~40 ms a request on a keep-alive connection)
        with suppress(OSError):
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.server.track(self.request, self)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.services.release()

    @property
    def idle_since(self) -> float | None:
        """Since when it waits for a request that has not begun (None: busy). An idle
        connection is safe to close to admit a newcomer."""
        return self._input.idle_since if self._input.waiting else None

    def parse_request(self) -> bool:
        ok = super().parse_request()
        self._input.deadline = None  # headers complete: the body gets its own clock in _body
        return ok

    def log_message(self, format: str, *args: Any) -> None:
        # the request line is the client's: its control characters are shown, not obeyed
        log.info("%s %s", self.address_string(), clean(format % args))

    def _send(self, code: int, content_type: str, body: bytes) -> None:
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _body(self, limit: int) -> bytes | None:
        """The request body; None (and an HTTP error already sent) when there is none to use."""
        try:
            length = int(self.headers.get("Content-Length", "0"))
        except ValueError:
            length = -1
        if length < 0:
            self._refuse(400, b"bad Content-Length\n")
            return None
        if length > min(limit, self.server.limits.max_body):
            self._refuse(413, b"request body too large\n")
            return None
        self._input.deadline = time.monotonic() + self.server.limits.header_timeout
        body = self.rfile.read(length)
        self._input.deadline = None
        if len(body) < length:  # the client went away mid-body
            self.close_connection = True
            return None
        return body

    def _refuse(self, code: int, text: bytes) -> None:
        """An HTTP error, then close: the unread body is drained (briefly) first, so the client
        reads the answer rather than a connection reset."""
        self.close_connection = True
        self.send_response(code)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(text)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(text)
        _drain(self.connection)

    def do_POST(self) -> None:
        path = urllib.parse.urlsplit(self.path).path.rstrip("/")
        services = self.server.services
        if path == "/tsa":
            body = self._body(MAX_REQUEST)
            if body is not None:
                self._send(200, TSA_REPLY, services.timestamp(body, self.client_address[0]))
        elif path == "/ocsp":
            body = self._body(MAX_REQUEST)
            if body is not None:
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
        self._input.next_request()
        try:
            super().handle_one_request()
        except (ConnectionError, TimeoutError, OSError) as e:
            if isinstance(e, TimeoutError):
                log.info("%s closed: %s", self.address_string(), e or "idle")
            self.close_connection = True
        except Exception:  # one bad request never stops the server
            log.exception("request failed")
            self.close_connection = True
            with suppress(OSError):
                self._send(500, "text/plain; charset=utf-8", b"internal error\n")


def _drain(sock: socket.socket, limit: int = 1 << 20, seconds: float = 2.0) -> None:
    """Read and drop what the client still sends (at most ``limit`` bytes or ``seconds``)."""
    with suppress(OSError):
        sock.shutdown(socket.SHUT_WR)
        end = time.monotonic() + seconds
        while limit > 0 and (left := end - time.monotonic()) > 0:
            sock.settimeout(left)
            chunk = sock.recv(65536)
            if not chunk:
                break
            limit -= len(chunk)


_OUT_OF_DESCRIPTORS = {errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM}
_EVICTABLE_AFTER = 1.0
"""Seconds a connection must have been idle before it is closed to admit a waiting client."""


class _Full(OSError):
    """No slot yet: the pending client stays in the listen queue (the loop checks shutdown)."""


class EsignHTTPServer(ThreadingHTTPServer):
    """A threaded HTTP server carrying :class:`Services`, within :class:`Limits`."""

    daemon_threads = True
    request_queue_size = 128

    def __init__(
        self, address: tuple[str, int], services: Services, limits: Limits | None = None
    ) -> None:
        self.services = services
        self.limits = fitted(limits or services.config.limits)
        self._open: dict[socket.socket, _Handler | None] = {}
        self._slots = threading.Condition()
        super().__init__(address, _Handler)

    def get_request(self) -> tuple[socket.socket, Any]:
        """Accept only within the cap (closing an idle connection to make room); when out of
        descriptors, pause: the listening socket stays readable and the loop would spin."""
        if not self._wait_for_slot(0.2):
            raise _Full("connection cap reached")
        try:
            return super().get_request()
        except OSError as e:
            if e.errno in _OUT_OF_DESCRIPTORS:
                log.warning("cannot accept: %s; pausing", e.strerror)
                time.sleep(0.1)
            raise

    def _wait_for_slot(self, seconds: float) -> bool:
        end = time.monotonic() + seconds
        with self._slots:
            while len(self._open) >= self.limits.max_connections:
                idle = self._longest_idle()
                if idle is not None:
                    log.info("closing an idle connection to admit a waiting client")
                    with suppress(OSError):
                        idle.shutdown(socket.SHUT_RDWR)
                    del self._open[idle]
                    continue
                left = end - time.monotonic()
                if left <= 0:
                    return False
                self._slots.wait(min(left, _EVICTABLE_AFTER / 4))
            return True

    def _longest_idle(self) -> socket.socket | None:
        """The connection waiting longest (at least ``_EVICTABLE_AFTER``) for a request."""
        now, found, since = time.monotonic(), None, None
        for sock, handler in self._open.items():
            at = handler.idle_since if handler is not None else None
            if at is not None and now - at >= _EVICTABLE_AFTER and (since is None or at < since):
                found, since = sock, at
        return found

    def verify_request(self, request: Any, client_address: Any) -> bool:
        with self._slots:
            self._open[request] = None
        return True

    def track(self, request: socket.socket, handler: _Handler) -> None:
        """A handler is ready: from now on it can say whether it is idle."""
        with self._slots:
            if request in self._open:
                self._open[request] = handler

    def shutdown_request(self, request: Any) -> None:
        with self._slots:
            self._open.pop(request, None)
            self._slots.notify()
        super().shutdown_request(request)

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
