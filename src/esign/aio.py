"""One event loop per thread, and keep-alive HTTP sessions on it.

pyHanko's synchronous entry points run each signature in a fresh event loop
(``asyncio.run``), so an HTTP session cannot outlive one letter: every B-T letter opened a new
connection to the TSA (and the TSA a new thread and store for it). :func:`run` runs a
coroutine on this thread's own loop, which lives as long as the thread; on that loop
:func:`keepalive_session` gives one aiohttp session whose connections are reused letter after
letter. Elsewhere (another loop, e.g. a server's) it gives None and callers open their own.

A forked child drops its parent's loops and sessions without closing them (they belong to the
parent: the sockets are shared) and keeps them referenced, so that no "unclosed" warning is
printed. At exit the sessions still open are closed on their own loops.
"""

from __future__ import annotations

import asyncio
import atexit
import functools
import os
import threading
from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    import ssl

T = TypeVar("T")

_local = threading.local()
_lock = threading.Lock()
_open: list[tuple[asyncio.AbstractEventLoop, Any]] = []
"""Every loop made here, with its session (or None), to close at exit."""
_orphans: list[Any] = []
"""A forked child's inherited loops and sessions: kept, never closed, never collected."""


def loop() -> asyncio.AbstractEventLoop:
    """This thread's event loop (made on first use)."""
    found: asyncio.AbstractEventLoop | None = getattr(_local, "loop", None)
    if found is None or found.is_closed():
        found = asyncio.new_event_loop()
        _local.loop = found
        _local.session = None
        with _lock:
            _open.append((found, None))
    return found


def run(coro: Coroutine[Any, Any, T]) -> T:
    """Run ``coro`` to the end on this thread's loop (like ``asyncio.run``, loop kept)."""
    return loop().run_until_complete(coro)


def keepalive_session() -> Any:
    """The keep-alive aiohttp session of the running loop, if :func:`run` runs it; else
    None. Its TLS context is :func:`tls_context`."""
    running = asyncio.get_running_loop()
    if getattr(_local, "loop", None) is not running:
        return None
    session = getattr(_local, "session", None)
    if session is None or session.closed:
        import aiohttp

        session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(ssl=tls_context()))
        _local.session = session
        with _lock:
            _open[:] = [(lp, s) for lp, s in _open if lp is not running]
            _open.append((running, session))
    return session


def _after_fork_in_child() -> None:
    global _local
    with _lock:
        _orphans.extend(_open)
        _open.clear()
    _orphans.append(_local)
    _local = threading.local()


def _close_all() -> None:
    with _lock:
        items = list(_open)
        _open.clear()
    for lp, session in items:
        if lp.is_closed() or lp.is_running():
            continue
        try:
            if session is not None and not session.closed:
                lp.run_until_complete(session.close())
            lp.close()
        except Exception:
            pass


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)
atexit.register(_close_all)


@functools.cache
def tls_context() -> ssl.SSLContext:
    """The TLS context of esign's HTTP clients (TSA, OCSP, CRL): the same trust as pyHanko's
    default (certifi's bundle), built once per process."""
    import ssl

    import certifi

    return ssl.create_default_context(cafile=certifi.where())


def http_session() -> Any:
    """A pyHanko ``LazySession`` whose aiohttp session uses :func:`tls_context`: one per
    event loop (a session is bound to the loop that made it), closed by its user."""
    from esign import _lazy

    _lazy.load("pyhanko_certvalidator.fetchers.aiohttp_fetchers")  # the real package first
    from pyhanko_certvalidator.fetchers.aiohttp_fetchers.util import LazySession

    return _session_class(LazySession)()


@functools.cache
def _session_class(base: type) -> type:
    import aiohttp

    class CachedTlsSession(base):  # type: ignore[misc]
        def get_session(self) -> Any:
            session: Any = getattr(self, "_session", None)
            if session is None:
                session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(ssl=tls_context()))
                self._session = session
            return session

    return CachedTlsSession


def warm_up() -> None:
    """Load what a letter waiting on the network needs — aiohttp (which builds its own TLS
    contexts when imported), pyHanko's HTTP timestamp client and fetchers — and build
    :func:`tls_context`, before batch workers are forked: otherwise every worker does it
    again on its first letter while its other threads wait on the import lock."""
    from esign import _lazy

    _lazy.load("pyhanko.sign.timestamps.aiohttp_client")
    _lazy.load("pyhanko_certvalidator.fetchers.aiohttp_fetchers")
    tls_context()
