"""esign benchmarks: `make bench`. Builds its own inputs, prints one table.

Every figure comes from one run on this machine, esign side by side with its peers doing the
same work in the same run (benchmarks/peers.py: pyHanko's own signing and validation API,
tuned through its public classes, on the same letters, keys and worker counts), so the
ratios are what matter: the machine's own speed and load cancel out. Nothing here is a
pass/fail test; the targets of issue 17 are printed beside the figures.

What runs: B-B batch signing and batch verification at each ``--jobs`` count; B-T batches
through a TSA ``--tsa-delay-ms`` away (``esign serve`` behind a proxy that delays each
answer); the TSA's own rate with 16 keep-alive clients; ``esign --version``/``--help``; a
``--big-mb`` letter's time and peak memory.

Usage: python benchmarks/bench.py [--letters 400] [--jobs 1,2,4] [--tsa-delay-ms 100]
       [--big-mb 100] [--write-docs] [--plot docs/performance.png]

``--write-docs`` puts the table between the bench markers of docs/performance.md;
``--plot`` draws letters/s against worker processes (matplotlib: ``pip install -e .[bench]``).
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
from collections.abc import Callable
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


def setup_store(work: Path) -> tuple[dict[str, str], Path, Path, Path]:
    """A store with a CA and an RSA-2048 officer; key, cert and root also as PEM for the
    peers."""
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
    root_pem = work / "root.pem"
    root_pem.write_bytes(key.chain[-1].public_bytes(serialization.Encoding.PEM))
    env = {
        **os.environ,
        "ESIGN_HOME": str(home),
        "ESIGN_PASSPHRASE": PASS,
        "ESIGN_CA_PASSPHRASE": PASS,
        "ESIGN_LANG": "en",
    }
    return env, key_pem, cert_pem, root_pem


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


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, seconds: float = 30) -> None:
    import socket

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    sys.exit(f"nothing answered on port {port}")


PEERS = str(Path(__file__).with_name("peers.py"))


def peer(args: list[str], env: dict[str, str]) -> float:
    """Run a peer (benchmarks/peers.py); letters/s over the whole process, start-up and
    imports included, as esign's own figures are (a batch is a command an office runs)."""
    start = time.perf_counter()
    out = run([sys.executable, PEERS, *args], env).stdout.decode().split()
    return int(out[0]) / (time.perf_counter() - start)


def peer_rate(args: list[str], env: dict[str, str]) -> float:
    """A rate the peer measures itself (the TSA load: requests/s of the requests alone)."""
    out = run([sys.executable, PEERS, *args], env).stdout.decode().split()
    return int(out[0]) / float(out[1])


def best(
    repeat: int, ours: Callable[[int], float], theirs: Callable[[int], float]
) -> tuple[float, float]:
    """The best rate of ``repeat`` runs each, esign and the peer taking turns (so a burst of
    other load on a shared machine hits both alike)."""
    mine: list[float] = []
    peers: list[float] = []
    for k in range(repeat):
        mine.append(ours(k))
        peers.append(theirs(k))
    return max(mine), max(peers)


def rate(args: list[str], env: dict[str, str], letters: int) -> float:
    return letters / timed(args, env)


class Services:
    """``esign serve`` (TSA only) and a proxy that puts the TSA ``delay_ms`` away."""

    def __init__(self, env: dict[str, str], delay_ms: int) -> None:
        self.port = free_port()
        self.proxy_port = free_port()
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        serve = [ESIGN, "serve", "--port", str(self.port), "--no-web"]
        self.procs = [subprocess.Popen(serve, env=env, **quiet)]  # type: ignore[call-overload]
        wait_for_port(self.port)
        proxy = [sys.executable, PEERS, "tsa-proxy", str(self.proxy_port), self.tsa, str(delay_ms)]
        self.procs.append(subprocess.Popen(proxy, env=env, **quiet))  # type: ignore[call-overload]
        wait_for_port(self.proxy_port)

    @property
    def tsa(self) -> str:
        return f"http://127.0.0.1:{self.port}/tsa"

    @property
    def far_tsa(self) -> str:
        return f"http://127.0.0.1:{self.proxy_port}/tsa"

    def close(self) -> None:
        for proc in self.procs:
            proc.terminate()
            proc.wait(timeout=10)


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
    parser.add_argument("--letters", type=int, default=400)
    parser.add_argument("--big-mb", type=int, default=100)
    parser.add_argument("--tsa-delay-ms", type=int, default=100)
    parser.add_argument("--jobs", default="1,2,4", help="worker counts for the plot")
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="runs of each measure, esign and peer taking "
        "turns; the best counts (other load on the machine only ever slows a run down)",
    )
    parser.add_argument("--write-docs", action="store_true", help="rewrite docs/performance.md")
    parser.add_argument("--plot", type=Path, default=None, help="PNG of letters/s vs jobs")
    args = parser.parse_args()
    jobs = [int(j) for j in args.jobs.split(",")]
    n = args.letters
    work = Path(tempfile.mkdtemp(prefix="esign-bench-"))
    rows: list[Row] = []
    curves: dict[str, dict[int, float]] = {}
    try:
        env, key_pem, cert_pem, root_pem = setup_store(work)
        letter = work / "letter.pdf"
        one_page_letter(letter)
        inbox = work / "in"
        inbox.mkdir()
        for i in range(n):
            shutil.copy(letter, inbox / f"surat-{i:04d}.pdf")

        # Signing, B-B: esign batch vs pyHanko tuned through its public classes.
        for j in jobs:
            ours, theirs = best(
                args.repeat,
                lambda k, j=j: rate(
                    [
                        ESIGN,
                        "sign",
                        str(inbox),
                        "--out-dir",
                        str(work / f"out{j}-{k}"),
                        "-j",
                        str(j),
                    ],
                    env,
                    n,
                ),
                lambda k, j=j: peer(
                    [
                        "sign",
                        str(inbox),
                        str(work / f"ph{j}-{k}"),
                        str(key_pem),
                        str(cert_pem),
                        str(j),
                    ],
                    env,
                ),
            )
            curves.setdefault("esign sign (B-B)", {})[j] = ours
            curves.setdefault("pyHanko sign, tuned", {})[j] = theirs
            if j <= 2:
                rows.append(
                    Row(
                        f"sign {n} letters, B-B, RSA-2048, -j {j}",
                        f"{ours:.0f}/s",
                        f"{theirs:.0f}/s",
                        f"{ours / theirs:.2f}x",
                        "≥2x pyHanko" if j == 2 else "-",
                    )
                )

        # Verification of the same letters: esign (every check) vs pyHanko's validation.
        signed = work / "out2-0" if 2 in jobs else work / f"out{jobs[0]}-0"
        for j in jobs:
            ours, theirs = best(
                args.repeat,
                lambda k, j=j: rate([ESIGN, "verify", str(signed), "--json", "-j", str(j)], env, n),
                lambda k, j=j: peer(["verify", str(signed), str(root_pem), str(j)], env),
            )
            curves.setdefault("esign verify", {})[j] = ours
            curves.setdefault("pyHanko validate", {})[j] = theirs
            if j <= 2:
                rows.append(
                    Row(
                        f"verify {n} letters, -j {j}",
                        f"{ours:.0f}/s",
                        f"{theirs:.0f}/s",
                        f"{ours / theirs:.2f}x",
                        "≥1x pyHanko",
                    )
                )

        # B-T through a TSA delay_ms away, and the TSA's own rate.
        services = Services(env, args.tsa_delay_ms)
        try:

            def b_t(folder: Path, j: int, out: str) -> float:
                argv = [ESIGN, "sign", str(folder), "--out-dir", str(work / out), "-j", str(j)]
                return timed([*argv, "--level", "B-T", "--tsa", services.far_tsa], env)

            for j in (1, 2):
                ours = max(n / b_t(inbox, j, f"bt{j}-{k}") for k in range(args.repeat))
                rows.append(
                    Row(
                        f"sign {n} letters, B-T, TSA {args.tsa_delay_ms} ms away, -j {j}",
                        f"{ours:.0f}/s",
                        target="≥150/s" if j == 2 else "-",
                    )
                )
            # Start-up left out: the letters beyond the first n, from a batch twice as big.
            double = work / "in2"
            double.mkdir()
            for i in range(2 * n):
                shutil.copy(letter, double / f"surat-{i:04d}.pdf")
            once = min(b_t(inbox, 2, f"bt-once-{k}") for k in range(args.repeat))
            twice = min(b_t(double, 2, f"bt-twice-{k}") for k in range(args.repeat))
            rows.append(
                Row(
                    f"  the same, -j 2, letters {n + 1}-{2 * n} of {2 * n} (start-up left out)",
                    f"{n / max(twice - once, 1e-9):.0f}/s",
                    target="≥150/s",
                )
            )
            requests = 3000
            tsa_rate = peer_rate(["tsa-load", services.tsa, str(requests), "16"], env)
            rows.append(
                Row(
                    "`esign serve` TSA, 16 keep-alive clients, loopback",
                    f"{tsa_rate:.0f} req/s",
                    target="≥500 req/s",
                )
            )
        finally:
            services.close()

        for argv in (["--version"], ["--help"]):
            times = sorted(timed([ESIGN, *argv], env) for _ in range(11))
            ph_t = "-"
            if PYHANKO:
                ph_t = f"{sorted(timed([PYHANKO, *argv], env) for _ in range(5))[2] * 1000:.0f} ms"
            rows.append(
                Row(
                    f"`esign {argv[0]}` (median of 11)",
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
    table = render_table(rows, n)
    print(table)
    if args.write_docs:
        write_docs(table)
    if args.plot is not None:
        plot(curves, args.plot, n)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from importlib.metadata import version

    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores ({cpu}), "
        f"Python {platform.python_version()}, pyHanko {version('pyhanko')}; "
        f"load average at the end {load}"
    )


def render_table(rows: list[Row], letters: int) -> str:
    headers = ("measure", "esign", "peer (pyHanko)", "ratio", "target")
    table = [headers] + [(r.what, r.esign, r.pyhanko, r.ratio, r.target) for r in rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(headers))]
    lines = [f"Machine: {machine()}; {letters} one-page letters.", ""]
    for k, row in enumerate(table):
        lines.append("| " + " | ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)) + " |")
        if k == 0:
            lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


BEGIN = "<!-- bench:begin (written by benchmarks/bench.py --write-docs) -->"
END = "<!-- bench:end -->"


def write_docs(table: str) -> None:
    """Put the table between the markers of docs/performance.md (atomically)."""
    doc = ROOT / "docs" / "performance.md"
    text = doc.read_text(encoding="utf-8")
    if BEGIN not in text or END not in text:
        sys.exit(f"{doc}: the markers {BEGIN!r} and {END!r} are missing")
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    tmp = doc.with_suffix(".md.tmp")
    tmp.write_text(f"{head}{BEGIN}\n{table}\n{END}{tail}", encoding="utf-8")
    tmp.replace(doc)


def plot(curves: dict[str, dict[int, float]], path: Path, letters: int) -> None:
    """Letters/s against worker processes, esign beside its peers."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 4.2), dpi=120)
    styles = {"esign": "-", "pyHanko": "--"}
    for name, points in curves.items():
        xs = sorted(points)
        style = styles["esign" if name.startswith("esign") else "pyHanko"]
        ax.plot(xs, [points[x] for x in xs], style, marker="o", label=name)
    ax.set_xlabel("worker processes (-j)")
    ax.set_ylabel("letters per second")
    ax.set_xticks(sorted({x for points in curves.values() for x in points}))
    ax.set_ylim(bottom=0)
    ax.grid(True, alpha=0.3)
    ax.set_title(f"{letters} one-page letters, {os.cpu_count()} cores")
    ax.legend(fontsize=8)
    fig.tight_layout()
    tmp = path.with_suffix(".tmp.png")
    fig.savefig(tmp)
    tmp.replace(path)


if __name__ == "__main__":
    main()
