"""Running the verification page with uvicorn in a thread of ``esign serve``, beside the
stdlib TSA/OCSP/CRL server (which keeps the main thread and its signal handling)."""

from __future__ import annotations

import logging
import socket
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from starlette.types import ASGIApp

if TYPE_CHECKING:  # uvicorn imports click: loaded only when the page is really served
    import uvicorn

log = logging.getLogger(__name__)


@dataclass
class RunningWeb:
    """A uvicorn server answering in a background thread."""

    server: uvicorn.Server
    thread: threading.Thread
    url: str

    def stop(self, timeout: float = 10) -> None:
        """Finish the requests in flight (for at most ``timeout`` seconds) and close."""
        self.server.should_exit = True
        self.thread.join(timeout)
        if self.thread.is_alive():
            self.server.force_exit = True
            self.thread.join(timeout)


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # inherited by every accepted connection: uvicorn writes an answer's head and body
    # apart, and Nagle held the body for the client's delayed ACK (40 ms per keep-alive
    # request, measured by benchmarks/web_verify.py)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        sock.bind((host, port))
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def start(app: ASGIApp, host: str, port: int, *, max_connections: int = 64) -> RunningWeb:
    """Bind ``host:port`` (0: a free port; raises OSError when it cannot) and serve ``app``
    until :meth:`RunningWeb.stop`."""
    import uvicorn

    sock = _bind(host, port)
    config = uvicorn.Config(
        app,
        lifespan="off",
        log_config=None,
        access_log=False,
        timeout_keep_alive=10,
        limit_concurrency=max_connections,
        server_header=False,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, name="esign-web", daemon=True
    )
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.02)
    bound_host, bound_port = sock.getsockname()[:2]
    shown = f"[{bound_host}]" if ":" in bound_host else bound_host
    return RunningWeb(server=server, thread=thread, url=f"http://{shown}:{bound_port}")
