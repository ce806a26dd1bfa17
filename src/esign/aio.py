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
import os
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

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
    None. Its TLS context is :func:`esign.timestamp.tls_context`."""
    running = asyncio.get_running_loop()
    if getattr(_local, "loop", None) is not running:
        return None
    session = getattr(_local, "session", None)
    if session is None or session.closed:
        import aiohttp

        from esign.timestamp import tls_context

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
