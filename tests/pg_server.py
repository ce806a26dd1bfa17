"""A private PostgreSQL cluster for the tests: Debian's server binaries
(/usr/lib/postgresql/*/bin), initdb + pg_ctl in a temporary folder, listening on 127.0.0.1
at a free port and on a unix socket in that folder, trust authentication for the role
``esign``, fsync on. As root (CI) the cluster runs as ``nobody`` through ``runuser``
(initdb refuses root). Started once per test session; skipped, saying why, only when the
binaries are missing (on CI, where .ci/run installs postgresql, that is a failure).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import count
from pathlib import Path

import pytest

ROLE = "esign"
_numbers = count(1)


def _bin_dir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), reverse=True)
    return Path(found[0]).parent if found else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True)
class PgServer:
    """A running cluster: connect as ``esign`` to 127.0.0.1:``port``."""

    port: int
    socket_dir: Path

    def url(self, database: str) -> str:
        return f"postgresql://{ROLE}@127.0.0.1:{self.port}/{database}"

    def admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(sql)  # type: ignore[arg-type]

    def new_database(self) -> str:
        """A new empty database; its URL."""
        name = f"t{os.getpid()}_{next(_numbers)}"
        self.admin(f"CREATE DATABASE {name} OWNER {ROLE}")
        return self.url(name)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    bin_dir = _bin_dir()
    if bin_dir is None:
        if os.environ.get("CI"):
            pytest.fail(
                "PostgreSQL server binaries are required on CI (apt-get install postgresql)"
            )
        pytest.skip(
            "PostgreSQL server not installed (no /usr/lib/postgresql/*/bin; apt-get install "
            "postgresql)"
        )
    root = Path(tempfile.mkdtemp(prefix="esign-pg-"))
    data, sock = root / "data", root / "sock"
    sock.mkdir()
    as_user: list[str] = []
    if os.geteuid() == 0:
        as_user = ["runuser", "-u", "nobody", "--"]
        shutil.chown(root, "nobody")
        shutil.chown(sock, "nobody")
    os.chmod(root, 0o700)
    port = _free_port()
    log = root / "server.log"
    subprocess.run(
        [*as_user, str(bin_dir / "initdb"), "-D", str(data), "-U", ROLE, "-A", "trust",
         "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions"],
        check=True, capture_output=True,
    )  # fmt: skip
    options = f"-c listen_addresses=127.0.0.1 -p {port} -k {sock} -c fsync=on"
    subprocess.run(
        [*as_user, str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options,
         "-w", "-t", "60", "start"],
        check=True, capture_output=True,
    )  # fmt: skip
    try:
        yield PgServer(port=port, socket_dir=sock)
    finally:
        subprocess.run(
            [*as_user, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"],
            check=False, capture_output=True,
        )  # fmt: skip
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def pg_url(pg_server: PgServer) -> str:
    """The URL of a new, empty database in the session's cluster."""
    return pg_server.new_database()
