"""Fixtures for the office's PKI services: a store whose certificates point at a loopback
port, and ``esign serve``'s server object running on that port in a thread.

The port is chosen once per session (the URLs are baked into the certificates); every
test gets a private copy of the store and its own server on that port. Keys are
unlocked once per session (600,000 KDF rounds each). Only loopback addresses are used.
"""

from __future__ import annotations

import shutil
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from conftest import CA_PASS, NIP, PASS
from esign import server
from esign.app import admin
from esign.keys import KeyType, Secret, SigningKey
from esign.pki import SubjectProfile
from esign.store import create_store, open_store
from esign.timestamp import DEFAULT_POLICY

CA = Secret(CA_PASS.encode())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True)
class ServicesTemplate:
    home: Path
    port: int
    keys: admin.ServiceKeys
    signer: SigningKey

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@pytest.fixture(scope="session")
def services_template(tmp_path_factory: pytest.TempPathFactory) -> ServicesTemplate:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    home = tmp_path_factory.mktemp("services") / "store"
    at = datetime.now(UTC)
    with create_store(home, at) as store:
        admin.create_ca(
            store, name="Diskominfo Test Root CA", passphrase=CA, at=at, key_type=KeyType.P256
        )
        admin.issue(
            store,
            id="ani",
            profile=SubjectProfile(name="Ani Lestari, S.T.", nip=NIP, title="Sekretaris"),
            ca_passphrase=CA,
            passphrase=Secret(PASS.encode()),
            at=at,
            base_url=base,
            key_type=KeyType.P256,
        )
        admin.ensure_services(store, ca_passphrase=CA, at=at, base_url=base)
        keys = admin.unlock_services(store, CA, at)
        signer = admin.unlock(store, "ani", Secret(PASS.encode()), at)
    return ServicesTemplate(home=home, port=port, keys=keys, signer=signer)


@dataclass
class RunningServices:
    home: Path
    url: str
    keys: admin.ServiceKeys
    signer: SigningKey
    httpd: server.EsignHTTPServer
    thread: threading.Thread

    def stop(self) -> None:
        if self.thread.is_alive():
            self.httpd.shutdown()
            self.thread.join(10)
        self.httpd.server_close()

    def roots(self) -> tuple:  # type: ignore[type-arg]
        with open_store(self.home) as store:
            return tuple(admin.trust_roots(store))


def start(
    home: Path, port: int, keys: admin.ServiceKeys
) -> tuple[server.EsignHTTPServer, threading.Thread]:
    config = server.ServiceConfig(
        home=home, keys=keys, clock=lambda: datetime.now(UTC), policy=DEFAULT_POLICY
    )
    httpd = server.make_server("127.0.0.1", port, config)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    return httpd, thread


@pytest.fixture
def services(services_template: ServicesTemplate, isolated_env: Path) -> Iterator[RunningServices]:
    """A private copy of the services store at ESIGN_HOME, served on the session's port."""
    shutil.copytree(services_template.home, isolated_env)
    httpd, thread = start(isolated_env, services_template.port, services_template.keys)
    running = RunningServices(
        home=isolated_env,
        url=services_template.base_url,
        keys=services_template.keys,
        signer=services_template.signer,
        httpd=httpd,
        thread=thread,
    )
    yield running
    running.stop()
