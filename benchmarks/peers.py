"""The peers esign is measured against, run as their own processes by ``bench.py``.

    python benchmarks/peers.py verify DIR ROOT_PEM JOBS
    python benchmarks/peers.py sign IN_DIR OUT_DIR KEY_PEM CERT_PEM JOBS
    python benchmarks/peers.py tsa-proxy PORT UPSTREAM_URL DELAY_MS
    python benchmarks/peers.py tsa-load URL REQUESTS CONCURRENCY

``verify`` is pyHanko's own validation as shipped (``validate_pdf_signature`` with its
default difference analysis; the trust root parsed once, a fresh validation context per
letter, as pyHanko's documentation does it). ``sign`` is pyHanko tuned through its public
classes: the key loaded once, one ``PdfSigner`` for the batch, workers forked after that.
Both print the letters they did and the seconds it took, start-up included, like esign's
figures. ``tsa-proxy`` forwards RFC 3161 requests to a TSA after ``DELAY_MS`` (a TSA that
far away); ``tsa-load`` measures requests/s against a TSA with keep-alive connections.
"""

from __future__ import annotations

import http.client
import os
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing import get_context
from pathlib import Path
from typing import Any

_STATE: dict[str, Any] = {}


def _verify_one(path: str) -> bool:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    vc = ValidationContext(
        trust_roots=_STATE["roots"], allow_fetching=False, revocation_mode="soft-fail"
    )
    with open(path, "rb") as fh:
        reader = PdfFileReader(fh)
        status = validate_pdf_signature(reader.embedded_signatures[0], vc)
    return bool(status.bottom_line)


def verify(folder: str, root_pem: str, jobs: int) -> None:
    from asn1crypto import pem
    from asn1crypto import x509 as asn1_x509

    start = time.perf_counter()
    _, _, der = pem.unarmor(Path(root_pem).read_bytes())
    _STATE["roots"] = [asn1_x509.Certificate.load(der)]
    paths = sorted(str(p) for p in Path(folder).glob("*.pdf"))
    if jobs <= 1:
        ok = [_verify_one(p) for p in paths]
    else:
        with get_context("fork").Pool(jobs) as pool:
            ok = pool.map(_verify_one, paths, chunksize=16)
    if not all(ok):
        sys.exit("pyHanko found a letter not valid")
    print(len(paths), time.perf_counter() - start)


def _sign_one(job: tuple[str, str]) -> None:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    src, dst = job
    with open(src, "rb") as fin:
        writer = IncrementalPdfFileWriter(fin)
        with open(dst, "wb") as fout:
            _STATE["signer"].sign_pdf(writer, output=fout, bytes_reserved=8192)


def _tuned_signer(key_pem: str, cert_pem: str) -> Any:
    """pyHanko's documented extension point (a ``Signer`` subclass) with the key parsed
    once; ``SimpleSigner`` parses the DER key again for every signature."""
    from asn1crypto import pem
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import padding
    from pyhanko.sign.signers.pdf_cms import Signer
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    private: Any = serialization.load_pem_private_key(Path(key_pem).read_bytes(), None)
    _, _, der = pem.unarmor(Path(cert_pem).read_bytes())
    cert = asn1_x509.Certificate.load(der)

    class Tuned(Signer):
        async def async_sign_raw(
            self, data: bytes, digest_algorithm: str, dry_run: bool = False
        ) -> bytes:
            algo = getattr(hashes, digest_algorithm.upper())()
            return bytes(private.sign(data, padding.PKCS1v15(), algo))

    return Tuned(
        signing_cert=cert,
        cert_registry=SimpleCertificateStore.from_certs([cert]),  # type: ignore[no-untyped-call]
    )


def sign(in_dir: str, out_dir: str, key_pem: str, cert_pem: str, jobs: int) -> None:
    from pyhanko.sign import signers

    start = time.perf_counter()
    meta = signers.PdfSignatureMetadata(field_name="Signature1")
    _STATE["signer"] = signers.PdfSigner(meta, signer=_tuned_signer(key_pem, cert_pem))
    out = Path(out_dir)
    out.mkdir(exist_ok=True)
    work = [(str(p), str(out / p.name)) for p in sorted(Path(in_dir).glob("*.pdf"))]
    if jobs <= 1:
        for job in work:
            _sign_one(job)
    else:
        with get_context("fork").Pool(jobs) as pool:
            pool.map(_sign_one, work, chunksize=16)
    print(len(work), time.perf_counter() - start)


def tsa_proxy(port: int, upstream: str, delay_ms: int) -> None:
    """A TSA ``delay_ms`` away: each request waits, then goes to ``upstream``."""
    target = urllib.parse.urlsplit(upstream)
    local = threading.local()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            time.sleep(delay_ms / 1000)
            conn = getattr(local, "conn", None)
            if conn is None:
                conn = local.conn = http.client.HTTPConnection(target.hostname, target.port)
            conn.request("POST", target.path, body, {"Content-Type": "application/timestamp-query"})
            answer = conn.getresponse()
            data = answer.read()
            self.send_response(answer.status)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    server.request_queue_size = 256
    server.serve_forever()


def tsa_load(url: str, requests: int, concurrency: int) -> None:
    """Requests/s of a TSA: ``concurrency`` keep-alive clients, one SHA-256 request each."""
    import hashlib

    from asn1crypto import algos, tsp

    target = urllib.parse.urlsplit(url)
    body = tsp.TimeStampReq(
        {
            "version": 1,
            "message_imprint": {
                "hash_algorithm": algos.DigestAlgorithm({"algorithm": "sha256"}),
                "hashed_message": hashlib.sha256(b"bench").digest(),
            },
            "nonce": 1,
            "cert_req": True,
        }
    ).dump()
    left = [requests]
    lock = threading.Lock()
    failures = []

    def client() -> None:
        conn = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
        while True:
            with lock:
                if left[0] <= 0:
                    return
                left[0] -= 1
            conn.request("POST", target.path, body, {"Content-Type": "application/timestamp-query"})
            answer = conn.getresponse()
            answer.read()
            if answer.status != 200:
                failures.append(answer.status)

    start = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failures:
        sys.exit(f"TSA answered {failures[0]}")
    print(requests, time.perf_counter() - start)


def main() -> None:
    what, *args = sys.argv[1:]
    if what == "verify":
        verify(args[0], args[1], int(args[2]))
    elif what == "sign":
        sign(args[0], args[1], args[2], args[3], int(args[4]))
    elif what == "tsa-proxy":
        tsa_proxy(int(args[0]), args[1], int(args[2]))
    elif what == "tsa-load":
        tsa_load(args[0], int(args[1]), int(args[2]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
