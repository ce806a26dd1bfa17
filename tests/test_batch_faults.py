"""Batch faults with real processes and real signals (issues 18, 19, 15): kill -9 of the batch
parent or of one worker, a revocation while the batch runs, Ctrl-C during a parallel batch.

What every test holds: no output without exactly one audit entry for its bytes, no stray
temporary file after ``--resume``, ``esign log --check`` intact. Letters are tiny one-page PDFs
made by :func:`tiny_letters`, so a 150-letter batch takes seconds.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from conftest import PASS
from esign.app import signing
from esign.cli import cli
from esign.errors import ExitCode
from esign.keys import Secret
from esign.sign import SignOptions
from esign.store import open_store
from helpers import sign_file, unlock

LETTERS = 150


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _esign() -> str:
    return str(Path(sys.executable).with_name("esign"))


def tiny_letter(path: Path, text: str) -> None:
    """A one-page PDF (A4, one line of text) with a correct cross-reference table."""
    content = f"BT /F1 12 Tf 72 770 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(out))


def tiny_letters(folder: Path, n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"surat-{i:03d}.pdf" for i in range(n)]
    for i, p in enumerate(paths):
        tiny_letter(p, f"Surat nomor {i:03d}")
    return paths


def children(parent: int) -> list[int]:
    """Live (not zombie) processes whose parent is ``parent``, from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[1]) == parent and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"


def start_batch(inbox: Path, out: Path, *extra: str, lang: str = "en") -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            _esign(),
            "sign",
            str(inbox),
            "--out-dir",
            str(out),
            "--signer",
            "budi",
            "-j",
            "2",
            *extra,
        ],
        env={**os.environ, "ESIGN_PASSPHRASE": PASS, "ESIGN_LANG": lang},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for_outputs(out: Path, count: int, proc: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if out.exists() and len(list(out.glob("*.signed.pdf"))) >= count:
            return
        time.sleep(0.01)
    pytest.fail(f"the batch ended or stalled before {count} outputs: {proc.poll()}")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def entries_by_digest(home: Path) -> Counter[str]:
    with open_store(home) as store:
        return Counter(
            str(e.detail.get("sha256_after"))
            for e in store.audit_entries()
            if e.action in {"sign", "sign.recovered"}
        )


def assert_every_output_logged_once(home: Path, out: Path) -> list[Path]:
    outputs = sorted(out.glob("*.signed.pdf"))
    logged = entries_by_digest(home)
    for path in outputs:
        assert logged[sha256(path)] == 1, f"{path.name}: {logged[sha256(path)]} audit entries"
    return outputs


def assert_all_valid(outputs: list[Path]) -> None:
    r = run("verify", "--json", *map(str, outputs))
    verdicts = [json.loads(line)["verdict"] for line in r.stdout.splitlines()]
    assert verdicts == ["valid"] * len(outputs), Counter(verdicts)


def stray_temps(out: Path) -> list[str]:
    return [p.name for p in out.iterdir() if p.name.endswith(".tmp")]


def resume_and_check(home: Path, inbox: Path, out: Path) -> None:
    proc = start_batch(inbox, out, "--resume")
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert not stray_temps(out)
    outputs = assert_every_output_logged_once(home, out)
    assert len(outputs) == LETTERS
    assert_all_valid(outputs)
    assert run("log", "--check").exit_code == 0


# --- kill -9 -------------------------------------------------------------------------------------


@pytest.mark.slow
def test_parent_killed_mid_batch_takes_its_workers_and_leaves_no_unlogged_output(
    store_home: Path, tmp_path: Path
) -> None:
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    tiny_letters(inbox, LETTERS)
    proc = start_batch(inbox, out)
    wait_for_outputs(out, random.Random(18).randint(10, 60), proc)
    workers = children(proc.pid)
    assert workers, "a -j 2 batch runs worker processes"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(alive(w) for w in workers):
        time.sleep(0.05)
    assert not [w for w in workers if alive(w)], "workers outlived their parent"
    settled = sorted(p.name for p in out.iterdir())
    time.sleep(0.5)
    assert sorted(p.name for p in out.iterdir()) == settled, "something still writes"
    done = assert_every_output_logged_once(store_home, out)
    assert 0 < len(done) < LETTERS
    resume_and_check(store_home, inbox, out)


@pytest.mark.slow
def test_one_worker_killed_is_an_ordinary_fault(store_home: Path, tmp_path: Path) -> None:
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    tiny_letters(inbox, LETTERS)
    proc = start_batch(inbox, out)
    wait_for_outputs(out, random.Random(19).randint(10, 60), proc)
    os.kill(children(proc.pid)[0], signal.SIGKILL)
    _, err = proc.communicate(timeout=120)
    assert "BrokenProcessPool" not in err and "report it" not in err, err
    assert proc.returncode == 0, err  # its letters ran again on a new pool
    assert re.search(rf"{LETTERS} \S+: {LETTERS} signed, 0 skipped, 0 failed", err), err
    assert not stray_temps(out)
    assert len(assert_every_output_logged_once(store_home, out)) == LETTERS
    assert run("log", "--check").exit_code == 0


# --- revocation while the batch runs -------------------------------------------------------------


@pytest.mark.slow
def test_revocation_mid_batch_stops_it_and_nothing_is_signed_after(
    store_home: Path, tmp_path: Path
) -> None:
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    tiny_letters(inbox, LETTERS)
    proc = start_batch(inbox, out, "--json")
    wait_for_outputs(out, 20, proc)
    # the store keeps whole seconds: revoke just after a second begins, so that the letters
    # signed before it (in the second before) stay and count
    time.sleep(1 - datetime.now(UTC).microsecond / 1e6 + 0.02)
    revoked_at = datetime.now(UTC).replace(microsecond=0)
    with open_store(store_home) as store:
        store.revoke("budi", revoked_at, "keyCompromise")
    stdout, err = proc.communicate(timeout=60)
    assert proc.returncode == ExitCode.CERTIFICATE, err
    assert "was revoked" in err and "the batch stopped" in " ".join(err.split()), err
    outputs = assert_every_output_logged_once(store_home, out)
    assert 20 <= len(outputs) < LETTERS
    # a letter published while the revocation was being committed, but signed after its
    # time, is withdrawn: a later line for the same input says so (status failed)
    last = {line["input"]: line for line in map(json.loads, stdout.splitlines())}
    signed = [line for line in last.values() if line["status"] == "signed"]
    assert len(signed) == len(outputs)
    times = [datetime.fromisoformat(line["time"]) for line in signed]
    assert max(times) < revoked_at, "a letter signed after the revocation"
    assert len(set(times)) > 1, "each letter has its own signing time"
    with open_store(store_home) as store:
        logged = {e.detail["output"]: e.at for e in store.audit_entries() if e.action == "sign"}
    for line, at in zip(signed, times, strict=True):
        assert logged[line["output"]] == at.replace(microsecond=0)  # the log keeps seconds
    with open_store(store_home) as store:
        withdrawn = [e for e in store.audit_entries() if e.action == "sign.withdrawn"]
    for entry in withdrawn:  # signed after the revocation, published before it was visible
        assert datetime.fromisoformat(str(entry.detail["signed_at"])) >= revoked_at
        assert not Path(str(entry.detail["output"])).exists()
    assert not stray_temps(out)
    assert run("log", "--check").exit_code == 0


# --- Ctrl-C during a parallel batch --------------------------------------------------------------


@pytest.mark.slow
def test_ctrl_c_in_a_parallel_batch_summary_matches_disk_and_log(
    store_home: Path, tmp_path: Path
) -> None:
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    tiny_letters(inbox, LETTERS)
    proc = start_batch(inbox, out, lang="id")
    wait_for_outputs(out, 15, proc)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == ExitCode.INTERRUPTED, err
    said = re.search(r"(\d+) ditandatangani", err)
    assert said and "Dihentikan setelah" in err, err
    outputs = assert_every_output_logged_once(store_home, out)
    assert int(said.group(1)) == len(outputs) == sum(entries_by_digest(store_home).values())
    assert not stray_temps(out)


# --- resume reconciles ---------------------------------------------------------------------------


def test_resume_logs_an_unlogged_output_and_removes_stale_temps(
    store_home: Path, tmp_path: Path
) -> None:
    """An output without an audit entry (signed by an earlier version that was killed) is
    verified and logged as ``sign.recovered``, never silently skipped; our own stale temporary
    files go, other files stay."""
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    paths = tiny_letters(inbox, 2)
    out.mkdir()
    unlogged = out / "surat-001.signed.pdf"
    sign_file(paths[1], unlogged, unlock(store_home, "budi", PASS))  # no audit entry
    (out / ".surat-000.signed.pdf.0123456789ab.tmp").write_bytes(b"half")
    (out / ".surat-001.signed.pdf.k3j_x9.tmp").write_bytes(b"half")
    (out / "someone-elses.tmp").write_bytes(b"not ours")
    r = run("sign", str(inbox), "--out-dir", str(out), "--signer", "budi", "--resume",
            "--yes", "--passphrase-file", str(_pass_file(tmp_path)))  # fmt: skip
    assert r.exit_code == 0, r.output
    assert "Removed 2 temporary files" in r.stderr
    assert stray_temps(out) == ["someone-elses.tmp"]
    with open_store(store_home) as store:
        recovered = [e for e in store.audit_entries() if e.action == "sign.recovered"]
    assert [e.detail["sha256_after"] for e in recovered] == [sha256(unlogged)]
    assert len(assert_every_output_logged_once(store_home, out)) == 2
    assert run("log", "--check").exit_code == 0


def _pass_file(tmp_path: Path) -> Path:
    path = tmp_path / "pass.txt"
    path.write_text(PASS)
    return path


# --- each letter its own time --------------------------------------------------------------------


def test_each_letter_of_a_batch_gets_its_own_signing_time(store_home: Path, tmp_path: Path) -> None:
    """Before the fix every letter (audit entry and JSON time) carried the batch's start."""
    paths = tiny_letters(tmp_path / "inbox", 3)
    start = datetime.now(UTC).replace(microsecond=0)  # the log keeps whole seconds
    reads: list[datetime] = []

    def clock() -> datetime:
        reads.append(start + timedelta(seconds=len(reads)))
        return reads[-1]

    jobs = signing.plan_batch(
        [str(p) for p in paths], manifest=None, out_dir=None, recursive=False, base=SignOptions()
    )
    with open_store(store_home) as store:
        ready = signing.prepare_batch(
            store,
            jobs,
            signer="budi",
            consent=lambda _i: "flag",
            passphrase=lambda _id: Secret(PASS.encode()),
            clock=clock,
        )
        outcome = signing.run_batch(store, ready)
        logged = [e.at for e in store.audit_entries() if e.action == "sign"]
    times = [r.signed_at for r in outcome.results]
    assert len(set(times)) == 3 and all(t is not None and t > ready.at for t in times)
    assert logged == times


# --- file names with glob characters -------------------------------------------------------------


def test_an_existing_file_with_glob_characters_is_taken_literally(
    store_home: Path, tmp_path: Path
) -> None:
    odd = tmp_path / "a[1].pdf"
    tiny_letter(odd, "Surat")
    tiny_letter(tmp_path / "a1.pdf", "Surat lain")  # what the pattern a[1].pdf would match
    r = run("sign", str(odd), "--signer", "budi", "--yes",
            "--passphrase-file", str(_pass_file(tmp_path)))  # fmt: skip
    assert r.exit_code == 0, r.output
    assert (tmp_path / "a[1].signed.pdf").is_file()
    assert not (tmp_path / "a1.signed.pdf").exists()
    r = run("verify", str(tmp_path / "a[1].signed.pdf"))
    assert r.exit_code == 0, r.output


def test_a_pattern_that_matches_nothing_says_so(store_home: Path, tmp_path: Path) -> None:
    r = run("verify", str(tmp_path / "nothing-*.pdf"))
    assert r.exit_code == ExitCode.INPUT
    assert "No file matches" in r.stderr and "nothing-*.pdf" in r.stderr
    r = run("--lang", "id", "sign", str(tmp_path / "nothing-*.pdf"), "--signer", "budi")
    assert r.exit_code == ExitCode.INPUT
    assert "Tidak ada berkas yang cocok" in r.stderr
