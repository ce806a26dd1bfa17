"""esign benchmarks: `make bench`. Builds its own inputs, prints one table.

Every figure comes from one run on this machine, side by side with pyHanko's own CLI
(`pyhanko sign addsig pemder`) doing the same work, so the ratio is what matters.
Nothing here is a pass/fail test: the targets of issue 5 are printed beside the figures.

Usage: python benchmarks/bench.py [--letters 1000] [--big-mb 100] [--pyhanko-letters 20]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
ESIGN = str(BIN / "esign")
PYHANKO = shutil.which("pyhanko", path=str(BIN)) or shutil.which("pyhanko")
PASS = "bench-passphrase"


@dataclass
class Row:
    what: str
    esign: str
    pyhanko: str = "-"
    ratio: str = "-"
    target: str = "-"


def run(args: list[str], env: dict[str, str], **kw: object) -> subprocess.CompletedProcess[bytes]:
    done = subprocess.run(args, env=env, capture_output=True, **kw)  # type: ignore[call-overload]
    if done.returncode != 0:  # show why, not only that it failed
        tail = done.stderr.decode(errors="replace").strip().splitlines()[-5:]
        sys.exit(f"{' '.join(map(str, args))} exited {done.returncode}:\n" + "\n".join(tail))
    return done  # type: ignore[no-any-return]


def timed(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    run(args, env)
    return time.perf_counter() - start


_MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
elapsed = time.perf_counter() - start
print(elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)
"""


def peak_rss_mb(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time and peak RSS (MB) of one command.

    Measured from a small helper process: a child forked from this benchmark would count
    the benchmark's own memory (the 100 MB test data) before it execs.
    """
    out = run([sys.executable, "-c", _MEASURE, *args], env).stdout.decode().split()
    elapsed, rss_kb, code = float(out[0]), int(out[1]), int(out[2])
    if code != 0:
        raise SystemExit(f"failed: {' '.join(args)}")
    return elapsed, rss_kb / 1024


def setup_store(work: Path) -> tuple[dict[str, str], Path, Path]:
    """A store with a CA and an RSA-2048 officer; key and cert also as PEM for pyHanko."""
    from cryptography.hazmat.primitives import serialization

    from esign.app import admin
    from esign.keys import KeyType, Secret
    from esign.pki import SubjectProfile
    from esign.store import create_store

    home = work / "store"
    at = datetime.now(UTC)
    secret = Secret(PASS.encode())
    with create_store(home, at) as store:
        admin.create_ca(
            store, name="Bench Root CA", passphrase=secret, at=at, key_type=KeyType.RSA3072
        )
        admin.issue(
            store,
            id="budi",
            profile=SubjectProfile(
                name="Budi Santoso",
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
        key = admin.unlock(store, "budi", secret, at)
    key_pem = work / "budi.key.pem"
    key_pem.write_bytes(
        key.private_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    key_pem.chmod(0o600)
    cert_pem = work / "budi.cert.pem"
    cert_pem.write_bytes(key.cert.public_bytes(serialization.Encoding.PEM))
    env = {
        **os.environ,
        "ESIGN_HOME": str(home),
        "ESIGN_PASSPHRASE": PASS,
        "ESIGN_CA_PASSPHRASE": PASS,
        "ESIGN_LANG": "en",
    }
    return env, key_pem, cert_pem


def one_page_letter(path: Path) -> None:
    """A one-page letter made with pyHanko's writer (text in Helvetica)."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.writer import PdfFileWriter

    writer = PdfFileWriter()
    font = writer.add_object(
        generic.DictionaryObject(
            {
                generic.pdf_name("/Type"): generic.pdf_name("/Font"),
                generic.pdf_name("/Subtype"): generic.pdf_name("/Type1"),
                generic.pdf_name("/BaseFont"): generic.pdf_name("/Helvetica"),
            }
        )
    )
    lines = [
        "PEMERINTAH KABUPATEN JEMBER",
        "DINAS KOMUNIKASI DAN INFORMATIKA",
        "Nomor: 005/123/35.09.311/2026",
        "Hal: Undangan Rapat Koordinasi",
    ]
    lines += [f"Paragraf {i}: isi surat dinas untuk pengujian kinerja esign." for i in range(30)]
    ops = ["BT /F1 11 Tf 72 770 Td 14 TL"] + [f"({t}) '" for t in lines] + ["ET"]
    content = writer.add_object(generic.StreamObject(stream_data="\n".join(ops).encode()))
    page = generic.DictionaryObject(
        {
            generic.pdf_name("/Type"): generic.pdf_name("/Page"),
            generic.pdf_name("/MediaBox"): generic.ArrayObject(
                [generic.NumberObject(v) for v in (0, 0, 595, 842)]
            ),
            generic.pdf_name("/Resources"): generic.DictionaryObject(
                {
                    generic.pdf_name("/Font"): generic.DictionaryObject(
                        {generic.pdf_name("/F1"): font}
                    )
                }
            ),
            generic.pdf_name("/Contents"): content,
        }
    )
    writer.insert_page(page)
    with path.open("wb") as fh:
        writer.write(fh)


def big_pdf(path: Path, megabytes: int) -> None:
    """A valid PDF carrying ``megabytes`` of incompressible data in an unused stream."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    small = path.with_suffix(".small.pdf")
    one_page_letter(small)
    with small.open("rb") as fh:
        writer = IncrementalPdfFileWriter(fh)
        blob = writer.add_object(generic.StreamObject(stream_data=os.urandom(megabytes << 20)))
        writer.root["/EsignBenchPayload"] = blob
        writer.update_root()
        with path.open("wb") as out:
            writer.write(out)
    small.unlink()


def batch_bt(work: Path, inbox: Path, env: dict[str, str], letters: int) -> Row:
    """B-T batch signing against the store's own TSA (`esign serve` on a loopback port)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        [ESIGN, "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        tsa = f"http://127.0.0.1:{port}/tsa"
        elapsed = timed(
            [
                ESIGN,
                "sign",
                str(inbox),
                "--out-dir",
                str(work / "outbt"),
                "-j",
                "2",
                "--level",
                "B-T",
                "--tsa",
                tsa,
            ],
            env,
        )
    finally:
        server.terminate()
        server.wait(timeout=10)
    return Row(f"batch sign {letters} letters, B-T (local TSA), -j 2", f"{letters / elapsed:.0f}/s")


def read_hash_write(src: Path, dst: Path) -> float:
    start = time.perf_counter()
    digest = hashlib.sha256()
    with src.open("rb") as fin, dst.open("wb") as fout:
        for chunk in iter(lambda: fin.read(1 << 20), b""):
            digest.update(chunk)
            fout.write(chunk)
        fout.flush()
        os.fsync(fout.fileno())
    return time.perf_counter() - start


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--make-big":
        big_pdf(Path(sys.argv[2]), int(sys.argv[3]))
        return
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--letters", type=int, default=1000)
    parser.add_argument("--big-mb", type=int, default=100)
    parser.add_argument("--pyhanko-letters", type=int, default=20)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="esign-bench-"))
    rows: list[Row] = []
    try:
        env, key_pem, cert_pem = setup_store(work)
        letter = work / "letter.pdf"
        one_page_letter(letter)
        inbox = work / "in"
        inbox.mkdir()
        for i in range(args.letters):
            shutil.copy(letter, inbox / f"surat-{i:04d}.pdf")

        # pyHanko's CLI, one process per letter (what a shell loop costs today).
        ph_per_letter = None
        if PYHANKO:
            ph_out = work / "ph"
            ph_out.mkdir()
            n = args.pyhanko_letters
            start = time.perf_counter()
            for i in range(n):
                run(
                    [
                        PYHANKO,
                        "sign",
                        "addsig",
                        "--field",
                        "Sig1",
                        "pemder",
                        "--key",
                        str(key_pem),
                        "--cert",
                        str(cert_pem),
                        "--no-pass",
                        str(letter),
                        str(ph_out / f"{i}.pdf"),
                    ],
                    env,
                )
            ph_per_letter = (time.perf_counter() - start) / n

        for workers in (1, 2):
            out = work / f"out{workers}"
            elapsed = timed(
                [ESIGN, "sign", str(inbox), "--out-dir", str(out), "-j", str(workers)], env
            )
            rate = args.letters / elapsed
            ph = f"{1 / ph_per_letter:.1f}/s" if ph_per_letter else "-"
            ratio = f"{rate * ph_per_letter:.0f}x" if ph_per_letter else "-"
            rows.append(
                Row(
                    f"batch sign {args.letters} letters, B-B, RSA-2048, -j {workers}",
                    f"{rate:.0f}/s",
                    ph,
                    ratio,
                    "≥150/s (aim 300)" if workers == 2 else "-",
                )
            )
        rows.append(batch_bt(work, inbox, env, args.letters))
        for workers in (1, 2):
            elapsed = timed(
                [ESIGN, "verify", str(work / "out2"), "--json", "-j", str(workers)], env
            )
            rows.append(
                Row(
                    f"batch verify {args.letters} letters, -j {workers}",
                    f"{args.letters / elapsed:.0f}/s",
                    target="≥150/s",
                )
            )

        single = [
            timed([ESIGN, "sign", str(letter), "-o", str(work / f"single{i}.pdf")], env)
            for i in range(5)
        ]
        s = sorted(single)[len(single) // 2]
        rows.append(
            Row(
                "single `esign sign letter.pdf` (median of 5)",
                f"{s * 1000:.0f} ms",
                f"{ph_per_letter * 1000:.0f} ms" if ph_per_letter else "-",
                f"{ph_per_letter / s:.2f}x faster" if ph_per_letter else "-",
                "≤ pyHanko CLI",
            )
        )
        for argv in (["--version"], ["--help"]):
            times = sorted(timed([ESIGN, *argv], env) for _ in range(10))
            ph_t = "-"
            if PYHANKO:
                ph_t = f"{sorted(timed([PYHANKO, *argv], env) for _ in range(5))[2] * 1000:.0f} ms"
            rows.append(
                Row(
                    f"`esign {argv[0]}` (median of 10)",
                    f"{times[5] * 1000:.0f} ms",
                    ph_t,
                    target="<150 ms",
                )
            )

        big = work / "big.pdf"
        run([sys.executable, __file__, "--make-big", str(big), str(args.big_mb)], env)
        size_mb = big.stat().st_size / (1 << 20)
        baseline = read_hash_write(big, work / "copy.pdf")
        (work / "copy.pdf").unlink()
        elapsed, rss = peak_rss_mb(
            [ESIGN, "sign", str(big), "-o", str(work / "big.signed.pdf")], env
        )
        rows.append(
            Row(
                f"sign a {size_mb:.0f} MB PDF: time",
                f"{elapsed:.2f} s",
                ratio=f"{elapsed / baseline:.1f}x read+hash+write ({baseline:.2f} s)",
                target="<3x read+hash+write",
            )
        )
        extra = elapsed - s
        rows.append(
            Row(
                f"sign a {size_mb:.0f} MB PDF: time beyond a one-page letter",
                f"{extra:.2f} s",
                ratio=f"{extra / baseline:.1f}x read+hash+write",
                target="(start-up excluded)",
            )
        )
        rows.append(
            Row(
                f"sign a {size_mb:.0f} MB PDF: peak memory",
                f"{rss:.0f} MB",
                ratio=f"{rss / size_mb:.2f}x file size",
                target="<1.5x file size",
            )
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print_table(rows)


def print_table(rows: list[Row]) -> None:
    cpu = platform.processor() or platform.machine()
    print(
        f"esign benchmarks — {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores, "
        f"{cpu}, Python {platform.python_version()}"
    )
    headers = ("measure", "esign", "pyHanko CLI", "ratio", "target")
    table = [headers] + [(r.what, r.esign, r.pyhanko, r.ratio, r.target) for r in rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(headers))]
    for n, row in enumerate(table):
        print("| " + " | ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)) + " |")
        if n == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")


if __name__ == "__main__":
    main()
