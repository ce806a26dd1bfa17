"""Batches on the PostgreSQL queue (issue 12): ``esign sign DIR --out-dir OUT --queue``
submits Procrastinate jobs, real ``esign worker`` subprocesses sign them, ``esign batch
status|wait|retry`` follow them. A real PostgreSQL (tests/pg_server.py), real workers, and
every output checked by esign and pdfsig; the audit chain checked by ``esign log --check``."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from conftest import EXAMPLES, PASS, assert_pdfsig_valid
from esign.app import queue
from esign.cli import cli
from esign.errors import ExitCode
from esign.store import open_store, verify_audit_chain
from esign.store.batches import ItemState


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def _exe() -> str:
    exe = Path(sys.executable).with_name("esign")
    return str(exe) if exe.exists() else shutil.which("esign") or "esign"


def letters(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True)
    for n in range(count):
        shutil.copy(EXAMPLES / "surat-undangan.pdf", folder / f"surat-{n:03d}.pdf")
    return folder


@pytest.fixture
def pg_store(store_home: Path, pg_url: str) -> str:
    """The office store (CA, budi, seal) copied into a new PostgreSQL database."""
    r = run("store", "copy", "--from", str(store_home), "--to", pg_url)
    assert r.exit_code == 0, r.output
    return pg_url


class Workers:
    """Real ``esign worker`` subprocesses on the test's store."""

    def __init__(self, url: str, home: Path) -> None:
        self.env = {
            **os.environ,
            "ESIGN_STORE": url,
            "ESIGN_HOME": str(home),
            "ESIGN_PASSPHRASE": PASS,
            "ESIGN_NON_INTERACTIVE": "1",
        }
        self.env.pop("ESIGN_TEST_CRASH_AT", None)
        self.running: list[subprocess.Popen[str]] = []

    def start(self, *args: str, crash: str | None = None) -> subprocess.Popen[str]:
        env = {**self.env, **({"ESIGN_TEST_CRASH_AT": crash} if crash else {})}
        proc = subprocess.Popen(
            [_exe(), "worker", "--signer", "budi", *args],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.running.append(proc)
        return proc

    def stop_all(self) -> None:
        for proc in self.running:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in self.running:
            try:
                proc.communicate(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.communicate()


@pytest.fixture
def workers(pg_store: str, isolated_env: Path) -> Iterator[Workers]:
    pool = Workers(pg_store, isolated_env)
    yield pool
    pool.stop_all()


def submit(
    url: str, inbox: Path, out: Path, *extra: str, env: dict[str, str] | None = None
) -> Result:
    env = env or {"ESIGN_STORE": url, "ESIGN_PASSPHRASE": PASS}
    return run("sign", str(inbox), "--out-dir", str(out), "--queue", "--signer", "budi", *extra,
               env=env)  # fmt: skip


def batch_id_of(r: Result) -> str:
    assert r.exit_code == 0, r.output
    return r.stdout.strip().splitlines()[-1]


def assert_batch_is_whole(url: str, batch_id: str, out: Path, count: int) -> None:
    """Every letter signed once: one output each (verified by esign and pdfsig), no staged
    file left, one ``sign`` entry per output, and the chain checked by ``esign log --check``."""
    with open_store(url) as store:
        items = store.batch_items(batch_id)
        entries = store.audit_entries()
    assert [i.state for i in items] == [ItemState.SIGNED] * count
    outputs = sorted(out.iterdir())
    assert [p.name for p in outputs] == [f"surat-{n:03d}.signed.pdf" for n in range(count)]
    signs = [e for e in entries if e.action == "sign" and e.detail.get("batch") == batch_id]
    assert sorted(e.detail["output"] for e in signs) == [str(p) for p in outputs]
    from esign.pdf import sha256_file

    for item in items:
        assert sha256_file(Path(item.output)) == item.sha256
    r = run("verify", "--json", *map(str, outputs), env={"ESIGN_STORE": url})
    assert r.exit_code == 0, r.output
    assert {json.loads(line)["verdict"] for line in r.stdout.splitlines()} == {"valid"}
    for path in outputs[:3]:
        assert_pdfsig_valid(path, 1)
    assert verify_audit_chain(entries) is None
    r = run("log", "--check", env={"ESIGN_STORE": url})
    assert r.exit_code == 0, r.output


# --- refused at once: one line, exit code 20 ------------------------------------------------


def test_a_folder_store_cannot_queue_and_says_what_to_do(store_home: Path, tmp_path: Path) -> None:
    inbox = letters(tmp_path / "masuk", 2)
    r = run("sign", str(inbox), "--out-dir", str(tmp_path / "keluar"), "--queue",
            env={"ESIGN_PASSPHRASE": PASS})  # fmt: skip
    assert r.exit_code == ExitCode.QUEUE == 20
    assert "The queue needs a PostgreSQL store" in r.stderr
    assert "esign sign DIR --out-dir OUT -j N" in r.stderr  # the hint
    assert "Traceback" not in r.output
    assert not (tmp_path / "keluar").exists()
    for args in (["worker"], ["batch", "status", "20261204-abcd"]):
        r = run(*args)
        assert r.exit_code == ExitCode.QUEUE, r.output
        assert "needs a PostgreSQL store" in r.stderr


def test_an_unreachable_database_is_one_line_and_exit_code_20(
    store_home: Path, tmp_path: Path, pg_server: object
) -> None:
    inbox = letters(tmp_path / "masuk", 1)
    env = {"ESIGN_STORE": "postgresql://esign@127.0.0.1:1/esign", "ESIGN_PASSPHRASE": PASS}
    for args in (
        ["sign", str(inbox), "--out-dir", str(tmp_path / "keluar"), "--queue"],
        ["worker"],
        ["batch", "wait", "20261204-abcd"],
    ):
        r = run(*args, env=env)
        assert r.exit_code == ExitCode.QUEUE, r.output
        lines = r.stderr.strip().splitlines()
        assert lines[0].startswith("error: The queue's database cannot be reached"), lines
        assert len(lines) == 2 and lines[1].startswith("hint:"), lines


def test_an_unknown_batch_is_exit_code_20(pg_store: str) -> None:
    r = run("batch", "status", "20261204-0000", env={"ESIGN_STORE": pg_store})
    assert r.exit_code == ExitCode.QUEUE
    assert "There is no queued batch 20261204-0000" in r.stderr


def test_a_wrong_passphrase_at_submit_queues_nothing(pg_store: str, tmp_path: Path) -> None:
    inbox = letters(tmp_path / "masuk", 2)
    env = {"ESIGN_STORE": pg_store, "ESIGN_PASSPHRASE": "not-the-passphrase"}
    r = submit(pg_store, inbox, tmp_path / "keluar", env=env)
    assert r.exit_code == ExitCode.PASSPHRASE, r.output
    with open_store(pg_store) as store:
        assert store.items_for_outputs([str(tmp_path / "keluar" / "surat-000.pdf")]) == []
        assert "batch.submit" not in [e.action for e in store.audit_entries()]


# --- the slice end to end -------------------------------------------------------------------


@pytest.mark.slow
def test_a_queued_batch_is_signed_by_two_workers_exactly_once(
    pg_store: str, workers: Workers, tmp_path: Path
) -> None:
    inbox, out = letters(tmp_path / "masuk", 10), tmp_path / "keluar"
    r = submit(pg_store, inbox, out, "--chunk", "3")
    batch_id = batch_id_of(r)
    assert "10 letters in 4 jobs on the queue" in r.stderr
    with open_store(pg_store) as store:
        record = store.batch(batch_id)
        assert record is not None and record.consent == "unattended"
        submitted = [e for e in store.audit_entries() if e.action == "batch.submit"]
        assert [e.subject for e in submitted] == [batch_id]
        assert submitted[0].detail["key_unlocked"] is True
    # a job nobody agreed to (deferred past esign, straight into the queue): refused
    app = queue.make_app(pg_store)
    with app.open():
        forged = app.tasks[queue.TASK_NAME].configure(queue=queue.queue_for("budi"))
        forged_id = forged.defer(batch="20261204-forged", items=[0])

    status = json.loads(run("batch", "status", batch_id, "--json",
                            env={"ESIGN_STORE": pg_store}).stdout)  # fmt: skip
    assert (status["total"], status["pending"], status["jobs"]) == (10, 10, 4)
    first, second = workers.start("--once"), workers.start("--once", "--concurrency", "2")
    r = run("batch", "wait", batch_id, "--poll", "0.2", env={"ESIGN_STORE": pg_store})
    assert r.exit_code == 0, r.output
    assert f"Batch {batch_id} (budi): 10 of 10 signed, 0 failed, 0 waiting" in r.stdout
    outs = [p.communicate(timeout=120) for p in (first, second)]
    assert [p.returncode for p in (first, second)] == [0, 0], outs
    lines = "".join(o for o, _ in outs).splitlines()
    assert sorted(lines) == sorted(
        f"signed: {out / f'surat-{n:03d}.signed.pdf'}" for n in range(10)
    )
    assert_batch_is_whole(pg_store, batch_id, out, 10)
    with app.open():
        job = app.job_manager.list_jobs(id=forged_id)[0]
    assert job.status == "failed"
    assert "Job for batch 20261204-forged refused" in "".join(e for _, e in outs)

    # a job run twice (a stall retry of a job that did finish) finds every letter settled
    with open_store(pg_store) as store:
        before = len(store.audit_entries())
    runner = queue.Worker(url=pg_store, keys={}, clock=lambda: datetime.now(UTC))
    with open_store(pg_store) as store:
        from esign.app import admin
        from esign.keys import Secret

        runner.keys["budi"] = admin.unlock(store, "budi", Secret(PASS.encode()), runner.clock())
    stamps = {p: p.stat().st_mtime_ns for p in out.iterdir()}
    runner.run_chunk(batch_id, [0, 1, 2])
    with open_store(pg_store) as store:
        assert len(store.audit_entries()) == before
    assert {p: p.stat().st_mtime_ns for p in out.iterdir()} == stamps

    # the same folder again: says what is done, submits nothing
    again = submit(pg_store, inbox, out)
    assert again.exit_code == 0, again.output
    assert f"10 letters were already signed by an earlier batch ({batch_id}): left out" in (
        again.stderr
    )
    assert "Nothing new to submit" in again.stderr
    assert again.stdout == ""
