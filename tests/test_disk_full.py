"""Disk full (issue 18): on the output folder or under the store, one clear error per letter,
nothing partial, and the store usable afterwards.

A real full disk: a 2 MB tmpfs mounted by the test (root only; skipped where mounting is
not permitted), filled up to a few KB, and the real ``esign`` command.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import EXAMPLES, PASS
from esign.errors import ExitCode
from esign.store import open_store


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB tmpfs of its own (loopback only, bounded); unmounted afterwards."""
    mount = shutil.which("mount")
    point = tmp_path / "small-disk"
    point.mkdir()
    if mount is None or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root and mount(8)")
    done = subprocess.run(
        [mount, "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(point)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"mount not permitted here: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)], check=False)


def fill(disk: Path, leave: int) -> Path:
    """Fill ``disk`` until only about ``leave`` bytes are free; returns the filler file."""
    filler = disk / "filler"
    free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
    filler.write_bytes(b"\0" * max(0, free - leave))
    return filler


def esign(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).with_name("esign")
    return subprocess.run(
        [str(exe) if exe.exists() else "esign", "--non-interactive", *args],
        env={
            **os.environ,
            "ESIGN_HOME": str(home),
            "ESIGN_PASSPHRASE": PASS,
            "ESIGN_SIGNER": "budi",
        },
        capture_output=True,
        text=True,
        check=False,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


def sign_entries(home: Path) -> int:
    with open_store(home) as store:
        return sum(1 for e in store.audit_entries() if e.action == "sign")


def error_lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("error:")]


@pytest.mark.slow
def test_full_output_folder_one_error_per_letter_and_nothing_written(
    small_disk: Path, store_home: Path, tmp_path: Path
) -> None:
    out = small_disk / "out"
    out.mkdir()
    filler = fill(small_disk, leave=16 * 1024)  # less than one signed letter
    letters = [EXAMPLES / "surat-undangan.pdf", EXAMPLES / "surat-edaran-3hal.pdf"]

    single = esign(store_home, "sign", str(letters[0]), "-o", str(out / "a.pdf"), "-y")
    assert single.returncode == ExitCode.OUTPUT, single.stderr
    assert error_lines(single) == [f"error: Cannot write {out / 'a.pdf'}: the disk is full"]
    assert "Traceback" not in single.stderr

    batch = esign(store_home, "sign", *map(str, letters), "--out-dir", str(out), "-y")
    assert batch.returncode == ExitCode.OUTPUT, batch.stderr
    errors = error_lines(batch)
    assert len(errors) == len(letters), batch.stderr  # one per letter
    assert all("the disk is full" in line for line in errors)
    assert list(out.iterdir()) == []  # no partial letter, no temporary file
    assert sign_entries(store_home) == 0  # nothing recorded for what was not written

    filler.unlink()
    again = esign(store_home, "sign", str(letters[0]), "-o", str(out / "a.pdf"), "-y")
    assert again.returncode == 0, again.stderr
    assert sign_entries(store_home) == 1


@pytest.mark.slow
def test_full_disk_under_the_store_leaves_no_signed_letter_and_the_store_usable(
    small_disk: Path, store_home: Path, tmp_path: Path
) -> None:
    home = small_disk / "home"
    shutil.copytree(store_home, home)
    out = tmp_path / "out"
    out.mkdir()
    filler = fill(small_disk, leave=40 * 1024)  # room to open the store, not to grow it
    letter = EXAMPLES / "surat-undangan.pdf"

    result = esign(home, "sign", str(letter), "-o", str(out / "a.pdf"), "-y")
    assert result.returncode == ExitCode.STORE, result.stderr
    assert len(error_lines(result)) == 1, result.stderr
    assert "was not signed" in result.stderr and "full" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert list(out.iterdir()) == []  # no signed letter without its audit entry

    filler.unlink()
    check = esign(home, "log", "--check")
    assert check.returncode == 0, check.stdout + check.stderr
    again = esign(home, "sign", str(letter), "-o", str(out / "a.pdf"), "-y")
    assert again.returncode == 0, again.stderr
    assert sign_entries(home) == 1
    assert [p.name for p in out.iterdir()] == ["a.pdf"]
