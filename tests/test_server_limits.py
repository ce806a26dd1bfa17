"""``esign serve`` under hostile clients (issue 19, "The server"): slow and idle sockets, a
descriptor limit, an oversized body. Loopback only; every wait is bounded.

Before the limits, 30 slow sockets stayed open indefinitely, 70 idle sockets under a
64-descriptor limit made every client time out while the server spun, and an oversized body
got a 200 rejection (or a reset connection) instead of 413.
"""

from __future__ import annotations

import logging
import os
import resource
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from conftest import CA_PASS
from esign import server
from esign.timestamp import DEFAULT_POLICY
from services_fixtures import ServicesTemplate, free_port, services_template
from test_server import Resp, get, post, ts_request

__all__ = ["services_template"]  # fixture used by name

BOUND = 20.0
"""The longest any test here waits for something that should happen within a second or two."""


def _serve(template: ServicesTemplate, home: Path, limits: server.Limits) -> Iterator[str]:
    shutil.copytree(template.home, home)
    config = server.ServiceConfig(
        home=home,
        keys=template.keys,
        clock=lambda: datetime.now(UTC),
        policy=DEFAULT_POLICY,
        limits=limits,
    )
    httpd = server.make_server("127.0.0.1", 0, config)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield httpd.url
    finally:
        httpd.shutdown()
        thread.join(10)
        httpd.server_close()


@pytest.fixture
def strict(services_template: ServicesTemplate, tmp_path: Path) -> Iterator[str]:
    """A server with short timeouts, a small cap and a small body limit."""
    limits = server.Limits(idle_timeout=0.5, header_timeout=1.0, max_connections=4, max_body=4096)
    yield from _serve(services_template, tmp_path / "store", limits)


@pytest.fixture
def patient_cap(services_template: ServicesTemplate, tmp_path: Path) -> Iterator[str]:
    """Short timeouts, the default cap (64): 30 slow clients are all served at once."""
    limits = server.Limits(idle_timeout=0.5, header_timeout=1.0)
    yield from _serve(services_template, tmp_path / "store", limits)


def _connect(url: str) -> socket.socket:
    host, port = url.removeprefix("http://").rsplit(":", 1)
    return socket.create_connection((host, int(port)), timeout=BOUND)


def _closed_by_server(sock: socket.socket) -> bool:
    """Whether the server has closed ``sock`` (EOF or reset), without blocking."""
    sock.setblocking(False)
    try:
        return sock.recv(1) == b""
    except BlockingIOError:
        return False
    except OSError:
        return True
    finally:
        sock.setblocking(True)


def _granted(url: str, timeout: float = BOUND) -> bool:
    status, _ctype, reply = post(
        url + "/tsa", ts_request(b"x"), "application/timestamp-query", timeout
    )
    return status == 200 and Resp.load(reply)["status"]["status"].native == "granted"


def test_slowloris_sockets_are_closed_however_slowly_they_drip(patient_cap: str) -> None:
    strict = patient_cap
    # 30 clients each send a request one byte every 0.2 s: never silent for the idle timeout
    # (0.5 s), so only the header deadline (1 s from the first byte) can end them.
    socks = [_connect(strict) for _ in range(30)]
    request = b"POST /tsa HTTP/1.1\r\nHost: x\r\n" + b"X-Slow: " + b"a" * 10_000
    end = time.monotonic() + BOUND
    open_ = set(range(len(socks)))
    sent = 0
    while open_ and time.monotonic() < end:
        for i in list(open_):
            try:
                socks[i].send(request[sent : sent + 1])
            except OSError:
                open_.discard(i)
                continue
            if _closed_by_server(socks[i]):
                open_.discard(i)
        sent += 1
        time.sleep(0.2)
    for s in socks:
        s.close()
    assert not open_, f"{len(open_)} of 30 slow sockets still open after {BOUND:.0f} s"
    assert _granted(strict)  # and the server still answers


def test_idle_sockets_are_closed(strict: str) -> None:
    socks = [_connect(strict) for _ in range(3)]  # within the cap: only the idle timeout acts
    end = time.monotonic() + BOUND
    while time.monotonic() < end and not all(_closed_by_server(s) for s in socks):
        time.sleep(0.1)
    closed = [_closed_by_server(s) for s in socks]
    for s in socks:
        s.close()
    assert all(closed), closed


def test_a_client_is_served_while_idle_sockets_fill_the_cap(strict: str) -> None:
    socks = [_connect(strict) for _ in range(12)]  # three times the cap of 4, all silent
    try:
        assert _granted(strict)
    finally:
        for s in socks:
            s.close()


def test_an_oversized_body_gets_413_not_a_dropped_connection(strict: str) -> None:
    big = b"\x30" * 100_000  # far over max_body (4096) and over the socket buffers
    req = urllib.request.Request(
        strict + "/tsa", data=big, headers={"Content-Type": "application/timestamp-query"}
    )
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(req, timeout=BOUND)
    assert info.value.code == 413
    assert info.value.read() == b"request body too large\n"
    assert _granted(strict)  # a request within the limit still works


def test_a_bad_content_length_gets_400(strict: str) -> None:
    sock = _connect(strict)
    try:
        sock.sendall(b"POST /ocsp HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n")
        assert sock.recv(4096).startswith(b"HTTP/1.1 400 ")
    finally:
        sock.close()


def test_the_request_log_shows_control_characters_escaped(
    strict: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="esign.server")
    sock = _connect(strict)
    try:
        sock.sendall(b"GET /\x1b[2J\x1b]0;pwned\x07 HTTP/1.1\r\nHost: x\r\n\r\n")
        assert sock.recv(4096).startswith(b"HTTP/1.1 404 ")
    finally:
        sock.close()
    logged = " ".join(r.getMessage() for r in caplog.records if r.name == "esign.server")
    assert "\\x1b[2J\\x1b]0;pwned\\x07" in logged
    assert "\x1b" not in logged and "\x07" not in logged


def test_the_connection_cap_fits_the_open_file_limit() -> None:
    soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    fitted = server.fitted(server.Limits(max_connections=10**6))
    assert fitted.max_connections < soft
    assert server.fitted(server.Limits(max_connections=2)).max_connections == 2


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _limit_descriptors() -> None:
    resource.setrlimit(resource.RLIMIT_NOFILE, (64, 64))


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads CPU time from /proc")
def test_serve_under_64_descriptors_with_70_idle_sockets(store_home: Path) -> None:
    exe = shutil.which("esign") or str(Path(sys.executable).parent / "esign")
    port = free_port()
    env = {**os.environ, "ESIGN_HOME": str(store_home), "ESIGN_CA_PASSPHRASE": CA_PASS}
    proc = subprocess.Popen(
        [exe, "serve", "--port", str(port), "--no-web"],  # default limits (idle timeout 10 s)
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_limit_descriptors,  # as `ulimit -n 64`
    )
    url = f"http://127.0.0.1:{port}"
    socks: list[socket.socket] = []
    try:
        end = time.monotonic() + 60
        while time.monotonic() < end:
            try:
                if get(url + "/")[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
        socks = [_connect(url) for _ in range(70)]
        time.sleep(1.5)  # every one of them idle and past the eviction age
        cpu0, wall0 = _cpu_seconds(proc.pid), time.monotonic()
        time.sleep(2.0)
        busy = (_cpu_seconds(proc.pid) - cpu0) / (time.monotonic() - wall0)
        assert _granted(url, timeout=BOUND), "a real client timed out behind idle sockets"
        assert busy < 0.5, f"the server used {busy:.0%} of a CPU while holding idle sockets"
    finally:
        for s in socks:
            s.close()
        proc.terminate()
        _out, err = proc.communicate(timeout=20)
    assert proc.returncode == 0, err
    assert "at most 24 connections" in err
