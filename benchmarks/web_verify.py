"""``POST /api/v1/verify`` latency: a one-page signed letter, 1, 8 and 32 concurrent clients.

Starts a real ``esign serve`` (page and services) on loopback with a throwaway store, then
for each client count sends a fixed number of requests (a bounded loop: it stops by itself)
from that many threads, each with its own keep-alive connection, and prints p50/p95/max,
throughput and errors. The clients run on the same machine as the server: on 2 cores they
compete with it for the CPU, which the figures include. Not a pass/fail test; the target of
issue 13 (p95 under 300 ms at 8 clients, no errors) is printed beside the figures.

Usage: python benchmarks/web_verify.py [--requests 200] [--clients 1,8,32] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
ESIGN = str(Path(sys.executable).parent / "esign")
PASS = "bench-passphrase"
TARGET_P95_MS = 300.0
TARGET_CLIENTS = 8


def make_store(work: Path) -> Path:
    """A store with a P-256 CA and an RSA-2048 officer, as an office would have."""
    from esign.app import admin
    from esign.keys import KeyType, Secret
    from esign.pki import SubjectProfile
    from esign.store import create_store

    home = work / "store"
    at = datetime.now(UTC)
    secret = Secret(PASS.encode())
    with create_store(home, at) as store:
        admin.create_ca(
            store, name="Bench Root CA", passphrase=secret, at=at, key_type=KeyType.P256
        )
        admin.issue(
            store,
            id="budi",
            profile=SubjectProfile(
                name="Budi Santoso, S.Kom., M.T.",
                nip="198701012010011001",
                title="Kepala Dinas",
                org="Dinas Kominfo",
            ),
            ca_passphrase=secret,
            passphrase=secret,
            at=at,
            base_url=None,
            key_type=KeyType.RSA2048,
        )
    return home


def sign_letter(home: Path, work: Path) -> Path:
    out = work / "surat.signed.pdf"
    env = {**os.environ, "ESIGN_HOME": str(home), "ESIGN_PASSPHRASE": PASS}
    subprocess.run(
        [ESIGN, "sign", str(ROOT / "examples" / "surat-undangan.pdf"), "-o", str(out)],
        env=env,
        check=True,
        capture_output=True,
    )
    return out


def start_serve(home: Path, work: Path) -> tuple[subprocess.Popen[bytes], str]:
    secret = work / "ca-pass"
    secret.write_text(PASS, encoding="utf-8")
    log = work / "serve.log"
    env = {**os.environ, "ESIGN_HOME": str(home), "ESIGN_LANG": "en"}
    args = ["serve", "--port", "0", "--web-port", "0", "--ca-passphrase-file", str(secret)]
    with log.open("wb") as err:
        proc = subprocess.Popen([ESIGN, *args], env=env, stdout=err, stderr=err)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if m := re.search(r"(http://127\.0\.0\.1:\d+)/verify", log.read_text(errors="replace")):
            return proc, m.group(1)
        if proc.poll() is not None:
            break
        time.sleep(0.1)
    proc.kill()
    sys.exit(f"esign serve did not start:\n{log.read_text(errors='replace')}")


def run_level(url: str, letter: bytes, clients: int, total: int) -> dict[str, float]:
    """``total`` requests from ``clients`` threads; latency of each, in ms."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    left = [total]

    def client() -> None:
        nonlocal errors
        with httpx.Client(timeout=120) as http:
            while True:
                with lock:
                    if left[0] == 0:
                        return
                    left[0] -= 1
                start = time.perf_counter()
                try:
                    r = http.post(
                        f"{url}/api/v1/verify",
                        files={"file": ("surat.signed.pdf", letter, "application/pdf")},
                    )
                    ok = r.status_code == 200 and r.json()["verdict"] == "valid"
                except httpx.HTTPError:
                    ok = False
                elapsed = (time.perf_counter() - start) * 1000
                with lock:
                    latencies.append(elapsed)
                    errors += 0 if ok else 1

    threads = [threading.Thread(target=client) for _ in range(clients)]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - began
    q = statistics.quantiles(latencies, n=100, method="inclusive")
    return {
        "clients": clients,
        "requests": len(latencies),
        "p50_ms": statistics.median(latencies),
        "p95_ms": q[94],
        "max_ms": max(latencies),
        "per_s": len(latencies) / wall,
        "errors": errors,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200, help="requests per client count")
    parser.add_argument("--clients", default="1,8,32", help="client counts, comma-separated")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="esign-web-bench-") as tmp:
        work = Path(tmp)
        home = make_store(work)
        letter = sign_letter(home, work).read_bytes()
        proc, url = start_serve(home, work)
        try:
            run_level(url, letter, 2, 20)  # warm-up: imports, first store open, caches
            load_before = os.getloadavg()
            rows = [run_level(url, letter, int(n), opts.requests) for n in opts.clients.split(",")]
            load_after = os.getloadavg()
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(30)
    if opts.json:
        print(json.dumps(rows, indent=1))
        return
    print(f"POST /api/v1/verify, one-page letter ({len(letter) // 1024} KB, RSA-2048, B-B)")
    print(
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; load average before "
        f"{load_before[0]:.2f}, after {load_after[0]:.2f}"
    )
    print(
        f"{'clients':>7} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} "
        f"{'req/s':>7} {'errors':>6}  target"
    )
    for row in rows:
        target = (
            f"p95 < {TARGET_P95_MS:.0f} ms, no errors" if row["clients"] == TARGET_CLIENTS else "-"
        )
        print(
            f"{row['clients']:>7.0f} {row['requests']:>8.0f} {row['p50_ms']:>8.1f} "
            f"{row['p95_ms']:>8.1f} {row['max_ms']:>8.1f} {row['per_s']:>7.1f} "
            f"{row['errors']:>6.0f}  {target}"
        )


if __name__ == "__main__":
    main()
