"""Batch signing: many letters, one passphrase, a failure never stops the rest, resumable,
interruptible, and every letter in the hash-chained audit log."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from conftest import EXAMPLES, PASS, assert_pdfsig_valid
from esign.cli import cli
from esign.errors import ExitCode


def run(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input, env=env, catch_exceptions=False)


def letters(folder: Path, n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        p = folder / f"surat-{i:03d}.pdf"
        shutil.copy(EXAMPLES / "surat-undangan.pdf", p)
        paths.append(p)
    return paths


def test_folder_batch_with_one_bad_file(store_home: Path, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    letters(inbox, 4)
    (inbox / "rusak.pdf").write_bytes(b"not a pdf at all")
    out = tmp_path / "out"
    r = run(
        "sign",
        str(inbox),
        "--out-dir",
        str(out),
        "--signer",
        "budi",
        "--json",
        env={"ESIGN_PASSPHRASE": PASS},
    )
    assert r.exit_code == ExitCode.INPUT  # the failure's own code
    lines = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(lines) == 5
    statuses = {Path(x["input"]).name: x["status"] for x in lines}
    assert statuses.pop("rusak.pdf") == "failed"
    assert set(statuses.values()) == {"signed"}
    failed = next(x for x in lines if x["status"] == "failed")
    assert "is not a PDF file" in failed["error"] and failed["exit_code"] == ExitCode.INPUT
    ok = [x for x in lines if x["status"] == "signed"]
    for x in ok:
        assert Path(x["output"]).parent == out
        assert len(x["sha256"]) == 64 and x["signer"] == "budi" and x["time"]
    assert "5 letters: 4 signed, 0 skipped, 1 failed." in r.stderr
    assert sorted(p.name for p in out.iterdir()) == [f"surat-{i:03d}.signed.pdf" for i in range(4)]
    assert_pdfsig_valid(out / "surat-000.signed.pdf", 1)


def test_parallel_batch_and_parallel_verify(store_home: Path, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    letters(inbox / "sub", 6)
    letters(inbox, 2)
    out = tmp_path / "out"
    r = run(
        "sign",
        str(inbox),
        "-r",
        "--out-dir",
        str(out),
        "-j",
        "2",
        "--signer",
        "budi",
        env={"ESIGN_PASSPHRASE": PASS},
    )
    assert r.exit_code == 0, r.output
    assert "8 letters: 8 signed" in r.stderr
    assert len(list((out / "sub").glob("*.signed.pdf"))) == 6  # folder structure is kept
    r = run("verify", str(out), "-r", "-j", "2", "--json")
    assert r.exit_code == 0
    reports = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(reports) == 8 and {x["verdict"] for x in reports} == {"valid"}


def test_one_passphrase_prompt_for_the_whole_batch(store_home: Path, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    letters(inbox, 3)
    r = run("sign", str(inbox / "*.pdf"), "--signer", "budi", input=PASS + "\n")
    assert r.exit_code == 0, r.output
    assert r.output.count("Passphrase for the key of 'budi'") == 1
    assert len(list(inbox.glob("*.signed.pdf"))) == 3


def test_resume_skips_outputs_that_verify(store_home: Path, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    letters(inbox, 3)
    env = {"ESIGN_PASSPHRASE": PASS}
    assert run("sign", str(inbox), "--signer", "budi", env=env).exit_code == 0
    broken = inbox / "surat-001.signed.pdf"
    broken.write_bytes(broken.read_bytes()[:1000])  # a damaged earlier output
    r = run("sign", str(inbox), "--signer", "budi", "--resume", "--force", "--json", env=env)
    assert r.exit_code == 0, r.output
    status = {Path(x["input"]).name: x["status"] for x in map(json.loads, r.stdout.splitlines())}
    assert status == {
        "surat-000.pdf": "skipped",
        "surat-001.pdf": "signed",
        "surat-002.pdf": "skipped",
    }


def test_existing_outputs_fail_without_force(store_home: Path, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    letters(inbox, 2)
    env = {"ESIGN_PASSPHRASE": PASS}
    assert run("sign", str(inbox), "--signer", "budi", env=env).exit_code == 0
    r = run("sign", str(inbox), "--signer", "budi", env=env)
    assert r.exit_code == ExitCode.OUTPUT
    assert "2 letters: 0 signed, 0 skipped, 2 failed." in r.stderr


def test_manifest(store_home: Path, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    a, b = letters(inbox, 2)
    manifest = inbox / "jobs.csv"
    manifest.write_text(
        "input,output,signer,reason,location\n"
        f"{a.name},keluar/a.pdf,budi,Disetujui,Jember\n"
        f"{b.name},,seal,,Surabaya\n",
        encoding="utf-8",
    )
    r = run("sign", "--manifest", str(manifest), "--json", env={"ESIGN_PASSPHRASE": PASS})
    assert r.exit_code == 0, r.output
    r = run(
        "verify", "--json", str(inbox / "keluar" / "a.pdf"), str(inbox / "surat-001.signed.pdf")
    )
    first, second = (json.loads(x)["signatures"][0] for x in r.stdout.splitlines())
    assert (first["reason"], first["location"]) == ("Disetujui", "Jember")
    assert first["signer"]["name"].startswith("Budi")
    assert second["signer"]["name"] == "Dinas Kominfo Kabupaten Jember"
    assert second["location"] == "Surabaya"


def test_bad_manifest_rows_are_reported_before_signing(store_home: Path, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    (a,) = letters(inbox, 1)
    manifest = inbox / "jobs.csv"
    manifest.write_text(f"input,reason\n{a.name},ok\nhilang.pdf,x\n,y\n", encoding="utf-8")
    r = run("sign", "--manifest", str(manifest), env={"ESIGN_PASSPHRASE": PASS})
    assert r.exit_code == ExitCode.INPUT
    assert "3: hilang.pdf" in r.stderr and "4: input" in r.stderr
    assert not list(inbox.glob("*.signed.pdf"))
    manifest.write_text("file,reason\nx.pdf,y\n", encoding="utf-8")
    r = run("sign", "--manifest", str(manifest), env={"ESIGN_PASSPHRASE": PASS})
    assert r.exit_code == ExitCode.INPUT and "'input' column" in r.stderr


def test_audit_log_records_and_detects_tampering(store_home: Path, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    letters(inbox, 2)
    assert (
        run("sign", str(inbox), "--signer", "budi", env={"ESIGN_PASSPHRASE": PASS}).exit_code == 0
    )
    entries = [json.loads(x) for x in run("log", "--json").stdout.splitlines()]
    signs = [e for e in entries if e["action"] == "sign"]
    assert len(signs) == 2 and all(len(e["detail"]["sha256_after"]) == 64 for e in signs)
    assert run("log", "--check").exit_code == 0
    with sqlite3.connect(store_home / "store.db") as db:
        db.execute("UPDATE audit_log SET subject = 'lain.pdf' WHERE seq = ?", (signs[0]["seq"],))
    r = run("log", "--check")
    assert r.exit_code == ExitCode.INVALID
    assert f"entry {signs[0]['seq']} " in r.stderr


def _esign() -> str:
    return str(Path(sys.executable).with_name("esign"))


def test_four_concurrent_batches_lose_no_audit_entry(store_home: Path, tmp_path: Path) -> None:
    env = {**os.environ, "ESIGN_PASSPHRASE": PASS}
    procs = []
    for n in range(4):
        inbox = tmp_path / f"inbox{n}"
        letters(inbox, 5)
        procs.append(
            subprocess.Popen(
                [_esign(), "sign", str(inbox), "--signer", "budi"],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
        )
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    entries = [json.loads(x) for x in run("log", "--json").stdout.splitlines()]
    assert sum(e["action"] == "sign" for e in entries) == 20
    assert run("log", "--check").exit_code == 0


def test_ctrl_c_stops_cleanly(store_home: Path, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    letters(inbox, 150)
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [_esign(), "sign", str(inbox), "--out-dir", str(out), "--signer", "budi"],
        env={**os.environ, "ESIGN_PASSPHRASE": PASS},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (out.exists() and any(out.glob("*.signed.pdf"))):
        time.sleep(0.02)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    if proc.returncode == 0:
        pytest.skip("the batch finished before the interrupt arrived")
    assert proc.returncode == ExitCode.INTERRUPTED, err
    assert "letters:" in err and "Interrupted after" in err
    assert not [p for p in out.iterdir() if p.suffix == ".tmp"], "no half-written outputs"
    done = sorted(out.glob("*.signed.pdf"))
    assert 0 < len(done) < 150
    r = run("verify", "--json", str(done[-1]))
    assert json.loads(r.stdout)["verdict"] == "valid"
