"""The signing API's costs (issue 14): a client's scrypt check, ``GET /api/user/status`` with
the sign-in remembered, and ``POST /api/sign/pdf`` (invisible, B-B, the one-page example
letter) from 1 and 2 clients.

Serves the API in this process on loopback with a throwaway store (a P-256 CA, an RSA-2048
officer with a NIK, one client application) and sends a fixed number of requests (bounded:
it stops by itself). The clients share the machine with the server. Not a pass/fail test.

Usage: python benchmarks/gateway_api.py [--requests 20] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx

from esign.app import admin, gateway
from esign.keys import KeyType, Secret
from esign.pki import SubjectProfile
from esign.sign import SignOptions
from esign.store import create_store, open_store
from esign.web import serving
from esign.web.gateway import ApiConfig, create_api

ROOT = Path(__file__).resolve().parents[1]
LETTER = ROOT / "examples" / "surat-undangan.pdf"
PASS, CA_PASS, SECRET = "bench-passphrase-1", "bench-ca-passphrase", "bench-client-secret"
NIK = "3509120101870001"


def make_store(home: Path) -> None:
    at = datetime.now(UTC)
    with create_store(home, at) as store:
        admin.create_ca(
            store, name="Bench CA", org="Bench", passphrase=Secret(CA_PASS.encode()), at=at
        )
        admin.issue(
            store,
            id="budi",
            profile=SubjectProfile(name="Budi Santoso", title="Kepala Dinas", org="Dinas"),
            ca_passphrase=Secret(CA_PASS.encode()),
            passphrase=Secret(PASS.encode()),
            at=at,
            base_url=None,
            key_type=KeyType.RSA2048,
        )
        gateway.set_nik(store, "budi", NIK, at)
        gateway.add_client(store, "bench", SECRET, at)


def timed(calls: int, clients: int, call: object) -> dict[str, float]:
    """p50/p95/max in ms and calls per second of ``call()`` from ``clients`` threads."""
    times: list[float] = []
    lock = threading.Lock()

    def worker(n: int) -> None:
        for _ in range(n):
            start = time.perf_counter()
            call()  # type: ignore[operator]
            with lock:
                times.append((time.perf_counter() - start) * 1000)

    began = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(calls // clients,)) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - began
    times.sort()
    return {
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 1),
        "max_ms": round(times[-1], 1),
        "per_second": round(len(times) / wall, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder) / "store"
        os.environ["ESIGN_HOME"] = str(home)
        make_store(home)
        stored = gateway.hash_secret(SECRET)
        results["scrypt_check"] = timed(10, 1, lambda: gateway.check_secret(SECRET, stored))
        config = ApiConfig(
            open_store=lambda: open_store(home),
            signing=gateway.ApiSigning(base=SignOptions()),
            rate=100_000,
        )
        running = serving.start(create_api(config), "127.0.0.1", 0)
        auth = ("bench", SECRET)
        letter = LETTER.read_bytes()

        def status() -> None:
            r = httpx.get(f"{running.url}/api/user/status/{NIK}", auth=auth)
            assert r.status_code == 200, r.text

        def sign() -> None:
            r = httpx.post(
                f"{running.url}/api/sign/pdf",
                data={"nik": NIK, "passphrase": PASS},
                files={"file": ("surat.pdf", letter, "application/pdf")},
                auth=auth,
                timeout=120,
            )
            assert r.status_code == 200, r.text

        try:
            status()  # the first sign-in pays the scrypt; the rest are remembered
            results["status"] = timed(args.requests * 5, 1, status)
            results["sign_1_client"] = timed(args.requests, 1, sign)
            results["sign_2_clients"] = timed(args.requests, 2, sign)
        finally:
            running.stop()
    if args.json:
        print(json.dumps(results))
        return
    for name, figures in results.items():
        print(f"{name:16} {figures}")


if __name__ == "__main__":
    main()
