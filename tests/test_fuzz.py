"""A small fuzzer (issue 18): a few hundred fixed-seed mutations of a signed letter.

Every mutated file goes through ``verify_pdf`` in process (it must return a report, never
raise) and a share of them through ``sign_pdf`` (only esign's own errors); a handful go
through the real ``esign verify`` and ``esign sign`` (never exit 1, never a traceback).
A mutation that changes a byte the signature covers must never verify VALID.
"""

from __future__ import annotations

import contextlib
import os
import random
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from conftest import PASS, OfficeStore
from esign.errors import EsignError, ExitCode
from esign.fields import list_fields
from esign.models import Verdict
from esign.sign import sign_pdf
from esign.verify import verify_pdf
from esign.verify.rawsig import signed_bytes
from helpers import byte_range, sign_file, store_trust, unlock

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "surat-undangan.pdf"
SEED = 18
MUTATIONS = 400
TOKENS = (
    b"<<",
    b">>",
    b"[",
    b"]",
    b"(",
    b")",
    b"<",
    b">",
    b"0 R",
    b"1 0 R",
    b"99999999999999999999",
    b"-1",
    b"/Kids",
    b"/Prev",
    b"/Length 999999",
    b"/ByteRange",
    b"obj",
    b"endobj",
    b"stream",
    b"endstream",
    b"xref",
    b"startxref",
    b"%%EOF",
    b"trailer",
    b"\x00" * 8,
    b"\\",
    b"%",
)

Mutation = Callable[[random.Random, bytes], tuple[str, bytes]]


def _flip(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    at = rng.randrange(len(data))
    out = bytearray(data)
    out[at] ^= 1 << rng.randrange(8)
    return f"flip@{at}", bytes(out)


def _overwrite(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    token = rng.choice(TOKENS)
    at = rng.randrange(len(data) - len(token))
    return f"overwrite@{at}:{token!r}", data[:at] + token + data[at + len(token) :]


def _insert(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    token = rng.choice(TOKENS) * rng.choice((1, 1, 2, 50))
    at = rng.randrange(len(data))
    return f"insert@{at}:{token[:20]!r}", data[:at] + token + data[at:]


def _delete(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    at = rng.randrange(len(data))
    n = rng.choice((1, 2, 16, 300))
    return f"delete@{at}+{n}", data[:at] + data[at + n :]


def _duplicate(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    start = rng.randrange(len(data))
    chunk = data[start : start + rng.choice((8, 200, 4000))]
    at = rng.randrange(len(data))
    return f"duplicate@{start}->{at}", data[:at] + chunk + data[at:]


def _truncate(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    at = rng.randrange(len(data))
    return f"truncate@{at}", data[:at]


def _digits(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    """Change one number in place (offsets, lengths, object numbers, the byte range)."""
    at = rng.randrange(len(data))
    while at < len(data) and not data[at : at + 1].isdigit():
        at += 1
    if at >= len(data):
        return "digits@end", data
    digit = str(rng.randrange(10)).encode()
    return f"digit@{at}", data[:at] + digit + data[at + 1 :]


MUTATORS: tuple[Mutation, ...] = (
    _flip,
    _overwrite,
    _insert,
    _delete,
    _duplicate,
    _truncate,
    _digits,
    _digits,
)


def mutants(original: bytes, count: int) -> list[tuple[str, bytes]]:
    """``count`` mutated copies of ``original``, the same for every run (fixed seed); one to
    three mutations each."""
    rng = random.Random(SEED)
    out = []
    for _ in range(count):
        data, names = original, []
        for _ in range(rng.choice((1, 1, 1, 2, 3))):
            name, data = rng.choice(MUTATORS)(rng, data)
            names.append(name)
        out.append(("+".join(names), data))
    return out


@pytest.fixture(scope="module")
def signed_letter(tmp_path_factory: pytest.TempPathFactory, office_store: OfficeStore) -> Path:
    folder = tmp_path_factory.mktemp("fuzz")
    key = unlock(office_store.home, "budi", PASS)
    return sign_file(EXAMPLE, folder / "signed.pdf", key).output


def _changes_signed_bytes(original: bytes, mutated: bytes) -> bool:
    br = tuple(byte_range(original))
    return signed_bytes(mutated, br) != signed_bytes(original, br)


@pytest.mark.slow
def test_mutated_letters_never_crash_and_never_verify_valid_when_signed_bytes_change(
    signed_letter: Path, office_store: OfficeStore, tmp_path: Path
) -> None:
    trust = store_trust(office_store.home)
    key = unlock(office_store.home, "budi", PASS)
    at = datetime.now(UTC)
    original = signed_letter.read_bytes()
    verdicts: dict[Verdict, int] = {}
    changed = 0
    for n, (name, data) in enumerate(mutants(original, MUTATIONS)):
        path = tmp_path / f"m{n:03}.pdf"
        path.write_bytes(data)
        report = verify_pdf(path, trust=trust, at=at)  # never raises
        verdicts[report.verdict] = verdicts.get(report.verdict, 0) + 1
        if _changes_signed_bytes(original, data):
            changed += 1
            assert report.verdict is not Verdict.VALID, f"{name}: VALID with signed bytes changed"
        if n % 6 == 0:  # and sign a share of them: esign's own errors only, never a crash
            with contextlib.suppress(EsignError):
                sign_pdf(path, tmp_path / "out.pdf", key, at=at, overwrite=True)
            with contextlib.suppress(EsignError):
                list_fields(path)
        path.unlink()
    # the fuzzer really reached both sides of the question
    assert changed > MUTATIONS // 2
    assert verdicts.get(Verdict.VALID, 0) > 0
    assert len(verdicts) >= 3, verdicts
    print(f"{MUTATIONS} mutants, {changed} changing signed bytes: {verdicts}")


@pytest.mark.slow
def test_a_few_mutants_through_the_real_command(
    signed_letter: Path, store_home: Path, tmp_path: Path
) -> None:
    original = signed_letter.read_bytes()
    exe = Path(sys.executable).with_name("esign")
    pass_file = tmp_path / "pass"
    pass_file.write_text(PASS)
    env = {**os.environ, "ESIGN_HOME": str(store_home)}
    for n, (name, data) in enumerate(mutants(original, 3)):
        path = tmp_path / f"m{n}.pdf"
        path.write_bytes(data)
        for args in (
            ["verify", "--json", str(path)],
            ["sign", str(path), "--signer", "budi", "--passphrase-file", str(pass_file), "-y"],
            ["fields", "list", str(path)],
        ):
            result = subprocess.run(
                [str(exe), "--non-interactive", *args],
                env=env,
                capture_output=True,
                text=True,
                check=False,
                stdin=subprocess.DEVNULL,
                timeout=90,
            )
            assert result.returncode != ExitCode.ERROR, f"{name}: {result.stderr}"
            assert "Traceback" not in result.stderr, f"{name}: {result.stderr}"
            if args[0] == "verify" and _changes_signed_bytes(original, data):
                assert result.returncode != ExitCode.OK, name
