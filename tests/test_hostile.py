"""Hostile PDFs (issue 18): every input gets a bounded amount of work and a documented exit.

The files come from ``tests/hostile.py``. The slow tests run them through the real
``esign sign`` and ``esign verify`` with a memory ceiling (RLIMIT_AS) and a timeout per
process, and assert the exit code, the limit named in one line, and no traceback; the
fast ones call ``sign_pdf``/``verify_pdf`` in process with small limits.
"""

from __future__ import annotations

import binascii
import io
import os
import resource
import shutil
import subprocess
import sys
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

import hostile
from conftest import PASS, OfficeStore
from esign import i18n, limits
from esign.config import Settings, validate
from esign.errors import ConfigError, ExitCode, InputLimitError, PdfInputError
from esign.limits import InputLimits, Limit, LimitExceeded, hooks
from esign.models import Verdict
from esign.sign import sign_pdf
from esign.verify import TrustSettings, verify_pdf
from helpers import sign_file, store_trust, unlock

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "surat-undangan.pdf"
MEMORY_CEILING = 2 << 30  # address space per esign process
TIME_CEILING = 90  # seconds per esign process (a loaded CI machine; typical runs: 1-5 s)


@pytest.fixture(scope="module")
def hostile_files(
    tmp_path_factory: pytest.TempPathFactory, office_store: OfficeStore
) -> dict[str, Path]:
    """Every hostile file, built once: name -> path; plus ``signed`` (a signed letter)."""
    folder = tmp_path_factory.mktemp("hostile")
    key = unlock(office_store.home, "budi", PASS)
    signed = sign_file(EXAMPLE, folder / "signed.pdf", key)
    files = {"signed": signed.output}
    for name, build in hostile.BUILDERS.items():
        files[name] = build(folder / f"{name}.pdf")
    for name, build_signed in hostile.SIGNED_BUILDERS.items():
        files[name] = build_signed(signed.output, folder / f"{name}.pdf")
    return files


# --- through the real command, with a time and memory ceiling ---------------------------------


def _ceiling() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CEILING, MEMORY_CEILING))


def _esign(home: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).with_name("esign")
    return subprocess.run(
        [str(exe) if exe.exists() else "esign", "--non-interactive", *args],
        env={**os.environ, "ESIGN_HOME": str(home), **env},
        capture_output=True,
        text=True,
        check=False,
        stdin=subprocess.DEVNULL,
        timeout=TIME_CEILING,
        preexec_fn=_ceiling,
    )


@dataclass(frozen=True)
class Expect:
    """What ``esign sign`` and ``esign verify`` do with one hostile file."""

    sign: int
    sign_says: str
    verify: int
    verify_says: str
    sign_args: tuple[str, ...] = ()
    env: tuple[tuple[str, str], ...] = ()


DEPTH = "nests its objects more than 100 levels deep"
LOOP = "page tree that refers back to itself"
EXPECTED = {
    "deep_array_in_page": Expect(6, DEPTH, 6, DEPTH),
    "deep_dict_in_page": Expect(6, DEPTH, 6, DEPTH),
    "kids_loop": Expect(6, LOOP, 6, LOOP),
    "kids_self_loop": Expect(6, LOOP, 6, LOOP),
    "prev_loop": Expect(6, "startxref loop", 6, "startxref loop"),
    # signing does not unpack page content; finding a placeholder (pdfminer) does
    "flate_bomb": Expect(
        6,
        "more than 64 MB",
        5,
        "NOT SIGNED",
        sign_args=("--stamp", "--at", "${ttd}"),
        env=(("ESIGN_LIMIT_STREAM_MB", "64"),),
    ),
    "many_pages": Expect(6, "more than 10000 pages", 6, "more than 10000 pages"),
    "huge_contents_string": Expect(6, "limit-string-mb", 6, "limit-string-mb"),
    # a page of 200 by 200 inches is allowed (ISO 32000's largest); it is not rendered
    "huge_page": Expect(0, "wrote", 5, "NOT SIGNED"),
    # two million numbers in a /ByteRange: signing never reads them
    "huge_byte_range": Expect(0, "wrote", 6, "more than 100000 entries"),
    "junk_after_eof": Expect(6, "limit-trailing-kb", 6, "limit-trailing-kb"),
    "deep_update_after_signature": Expect(6, DEPTH, 6, DEPTH),
}


def test_every_hostile_file_has_an_expectation() -> None:
    assert set(EXPECTED) == set(hostile.BUILDERS) | set(hostile.SIGNED_BUILDERS)


def _assert_one_clean_error(result: subprocess.CompletedProcess[str], says: str) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    assert "Unexpected error" not in result.stderr, result.stderr
    assert says in result.stdout + result.stderr, result.stdout + result.stderr


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hostile_file_through_esign_sign_and_verify(
    name: str, hostile_files: dict[str, Path], store_home: Path, tmp_path: Path
) -> None:
    expect = EXPECTED[name]
    env = dict(expect.env)
    (tmp_path / "pass").write_text(PASS)
    out = tmp_path / "out" / "signed.pdf"
    out.parent.mkdir()
    signed = _esign(
        store_home,
        "sign",
        str(hostile_files[name]),
        "-o",
        str(out),
        "--signer",
        "budi",
        "--passphrase-file",
        str(tmp_path / "pass"),
        "-y",
        *expect.sign_args,
        **env,
    )
    assert signed.returncode == expect.sign, signed.stderr
    _assert_one_clean_error(signed, expect.sign_says)
    if expect.sign:
        errors = [line for line in signed.stderr.splitlines() if line.startswith("error:")]
        assert errors == signed.stderr.splitlines()[:1], signed.stderr  # one line, first
        assert list(out.parent.iterdir()) == []  # nothing written, not even a temporary file
    verified = _esign(store_home, "verify", str(hostile_files[name]), **env)
    assert verified.returncode == expect.verify, verified.stdout + verified.stderr
    _assert_one_clean_error(verified, expect.verify_says)


@pytest.mark.slow
@pytest.mark.parametrize(
    "command",
    [
        ("fields", "list", "{file}"),
        ("extend", "{file}", "-o", "{out}"),
        ("timestamp", "{file}", "-o", "{out}", "--tsa", "http://127.0.0.1:9/tsa"),
        ("verify", "--revision", "1", "-o", "{out}", "{file}"),
    ],
    ids=lambda c: c[0] if c[0] != "verify" else "verify-revision",
)
@pytest.mark.parametrize("name", ["deep_update_after_signature", "huge_contents_string"])
def test_other_commands_that_read_a_pdf_are_bounded_too(
    command: tuple[str, ...],
    name: str,
    hostile_files: dict[str, Path],
    store_home: Path,
    tmp_path: Path,
) -> None:
    """Before: `fields list` and `extend` exit 1 on the deep update, and `extend` takes half
    a minute over the 50 MB /Contents."""
    out = tmp_path / "out.pdf"
    args = [a.format(file=hostile_files[name], out=out) for a in command]
    result = _esign(store_home, *args)
    assert result.returncode == ExitCode.INPUT, result.stderr
    _assert_one_clean_error(result, EXPECTED[name].sign_says)
    assert not out.exists()


@pytest.mark.slow
def test_the_time_limit_stops_a_slow_read(hostile_files: dict[str, Path], store_home: Path) -> None:
    """Two million /ByteRange numbers, with the entries limit lifted, take seconds to read:
    more than the one second allowed."""
    result = _esign(
        store_home,
        "verify",
        str(hostile_files["huge_byte_range"]),
        ESIGN_LIMIT_SECONDS="1",
        ESIGN_LIMIT_ENTRIES="10000000",
    )
    assert result.returncode == ExitCode.INPUT
    _assert_one_clean_error(result, "took longer than 1 seconds")


@pytest.mark.slow
def test_limit_message_in_indonesian(hostile_files: dict[str, Path], store_home: Path) -> None:
    result = _esign(store_home, "--lang", "id", "verify", str(hostile_files["kids_loop"]))
    assert result.returncode == ExitCode.INPUT
    assert "pohon halaman yang merujuk kembali" in result.stdout


# --- in process: the limits themselves --------------------------------------------------------


@pytest.fixture(scope="module")
def trust(office_store: OfficeStore) -> TrustSettings:
    return store_trust(office_store.home)


def test_defaults_leave_a_real_letter_alone(
    hostile_files: dict[str, Path], trust: TrustSettings
) -> None:
    limits.check_file(hostile_files["signed"], limits.DEFAULTS)
    report = verify_pdf(hostile_files["signed"], trust=trust, at=datetime.now(UTC))
    assert report.verdict is Verdict.VALID, report


def test_a_limit_hit_on_a_readable_signed_letter_is_an_error_never_valid(
    hostile_files: dict[str, Path], trust: TrustSettings
) -> None:
    report = verify_pdf(
        hostile_files["signed"],
        trust=trust,
        at=datetime.now(UTC),
        limits=InputLimits(depth=2),
    )
    assert report.verdict is Verdict.ERROR
    assert report.error is not None and "limit-depth" in report.error


def test_sign_within_a_limit_it_goes_past_raises_an_input_error(
    hostile_files: dict[str, Path], office_store: OfficeStore, tmp_path: Path
) -> None:
    key = unlock(office_store.home, "budi", PASS)
    target = tmp_path / "out.pdf"
    with pytest.raises(InputLimitError) as caught:
        sign_pdf(EXAMPLE, target, key, at=datetime.now(UTC), limits=InputLimits(depth=2))
    assert caught.value.exit_code is ExitCode.INPUT
    assert isinstance(caught.value, PdfInputError)
    assert "limit-depth" in caught.value.message
    assert not target.exists()


@pytest.mark.parametrize(
    ("name", "limit"),
    [
        ("deep_array_in_page", "limit-depth"),
        ("kids_loop", "/Kids loop"),
        ("many_pages", "limit-pages"),
        ("huge_byte_range", "limit-entries"),
        ("huge_contents_string", "limit-string-mb"),
        ("junk_after_eof", "limit-trailing-kb"),
    ],
)
def test_verify_pdf_names_the_limit(
    name: str, limit: str, hostile_files: dict[str, Path], trust: TrustSettings
) -> None:
    report = verify_pdf(hostile_files[name], trust=trust, at=datetime.now(UTC))
    assert report.verdict is Verdict.ERROR
    assert report.error is not None and limit in report.error


def test_trailing_bytes_limit_counts_only_what_follows_the_last_eof() -> None:
    letter = EXAMPLE.read_bytes()
    small = InputLimits(trailing_kb=1)
    limits.check_bytes(letter + b"\r\n" * 4000, small)  # whitespace is not data
    limits.check_bytes(letter + b"x" * 1000, small)
    with pytest.raises(LimitExceeded) as caught:
        limits.check_bytes(letter + b"x" * 1025, small)
    assert caught.value.limit is Limit.TRAILING


def test_revisions_and_string_limits_on_raw_bytes() -> None:
    letter = EXAMPLE.read_bytes()
    with pytest.raises(LimitExceeded) as caught:
        limits.check_bytes(letter + b"startxref\n0\n%%EOF\n" * 3, InputLimits(revisions=2))
    assert caught.value.limit is Limit.REVISIONS
    long_hex = b"1 0 obj <" + b"ab" * (1 << 20) + b"> endobj %%EOF"
    with pytest.raises(LimitExceeded) as caught:
        limits.check_bytes(long_hex, InputLimits(string_mb=1))
    assert caught.value.limit is Limit.STRING
    limits.check_bytes(long_hex, InputLimits(string_mb=2))


def _whole_buffer_verdict(data: bytes, bounds: InputLimits, mib: int) -> Limit | None:
    """The raw-byte checks written the plain way, on the whole buffer at once."""
    import re

    eof = data.rfind(b"%%EOF")
    tail = len(data) - eof - 5
    if eof != -1 and tail > bounds.trailing_kb * 1024 and re.search(rb"[^ \s\x00]", data[-tail:]):
        return Limit.TRAILING
    if data.count(b"startxref") > bounds.revisions:
        return Limit.REVISIONS
    digits = 2 * bounds.string_mb * mib
    if re.search(rb"<[0-9A-Fa-f \t\r\n\x00\x0c]{%d}" % digits, data):
        return Limit.STRING
    return None


def test_the_windowed_scan_finds_what_the_whole_buffer_shows(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """check_file walks a file in windows (the pages behind are given back): markers and
    hex strings that cross a window's edge are still found, exactly as on the whole."""
    import random

    monkeypatch.setattr(limits, "MiB", 8)  # strings of 16·string_mb digits are too long
    monkeypatch.setattr(limits, "WINDOW", 64)
    rng = random.Random(17)
    parts = [b"<", b"a", b"F", b" ", b"z", b"startxref", b"\n", b"%%EOF", b"q"]
    seen = set()
    for _ in range(4000):
        count = rng.randint(0, 300)
        data = b"".join(rng.choices(parts, weights=[1, 8, 4, 2, 1, 1, 1, 1, 1], k=count))
        bounds = InputLimits(string_mb=rng.randint(1, 4), revisions=rng.randint(1, 6))
        try:
            limits.check_bytes(data, bounds)
            found = None
        except LimitExceeded as e:
            found = e.limit
        assert (found is None) == (_whole_buffer_verdict(data, bounds, 8) is None), data
        seen.add(found)
    assert {None, Limit.STRING, Limit.REVISIONS} <= seen  # both limits were exercised


def test_a_big_file_is_scanned_without_keeping_it_mapped(tmp_path: Path) -> None:
    """A string too long far past the first window is found in a file, through the mmap."""
    big = tmp_path / "big.pdf"
    pad = b"%PDF-1.7\n" + b"% padding\n" * (2 * limits.WINDOW // 10)
    big.write_bytes(pad + b"1 0 obj <" + b"ab" * (1 << 20) + b"> endobj\n%%EOF\n")
    with pytest.raises(LimitExceeded) as caught:
        limits.check_file(big, InputLimits(string_mb=1))
    assert caught.value.limit is Limit.STRING
    limits.check_file(big, InputLimits(string_mb=2))


def test_file_size_limit() -> None:
    with pytest.raises(LimitExceeded) as caught:
        limits.check_size(2 << 20, InputLimits(file_mb=1))
    assert caught.value.limit is Limit.FILE_SIZE


def test_a_flate_bomb_stops_at_the_stream_limit(tmp_path: Path) -> None:
    from pyhanko.pdf_utils.reader import PdfFileReader

    bomb = hostile.flate_bomb(tmp_path / "bomb.pdf", decoded=8 << 20)
    with pytest.raises(InputLimitError) as caught, limits.guard(bomb, InputLimits(stream_mb=2)):
        reader = PdfFileReader(io.BytesIO(bomb.read_bytes()), strict=False)
        reader.root["/Pages"]["/Kids"][0]["/Contents"].data  # noqa: B018 - decoding is the test
    assert "limit-stream-mb" in caught.value.message
    # outside a guard (and within the limit) the same stream decodes in full
    reader = PdfFileReader(io.BytesIO(bomb.read_bytes()), strict=False)
    assert len(reader.root["/Pages"]["/Kids"][0]["/Contents"].data) == 8 << 20


def test_pdfminer_decompression_is_bounded_inside_a_guard() -> None:
    from pdfminer import pdftypes

    packed = zlib.compress(b"\0" * (3 << 20))
    with limits.guard("x.pdf", InputLimits(stream_mb=8)):
        assert len(pdftypes.zlib.decompress(packed)) == 3 << 20
    with pytest.raises(InputLimitError), limits.guard("x.pdf", InputLimits(stream_mb=2)):
        pdftypes.zlib.decompress(packed)


@pytest.mark.parametrize(
    "text",
    [b"<48656c6c6f>", b"<48 65\n6c\t6c 6f>", b"<486>", b"<>", b"<FEFF0041>", b"<4x>", b"<48"],
)
def test_fast_hex_string_reader_matches_pyhankos(text: bytes) -> None:
    """The replacement reads exactly what pyHanko's own reader reads, or fails as it does."""
    from pyhanko.pdf_utils.misc import PdfStreamError

    hooks.install()
    original = _pyhanko_hex_reader()

    def read(reader):  # type: ignore[no-untyped-def]
        stream = io.BytesIO(text + b" rest")
        try:
            return reader(stream), stream.tell()
        except PdfStreamError:
            return "error"

    assert read(lambda s: hooks.read_hex_string(s, None)) == read(original)


def _pyhanko_hex_reader():  # type: ignore[no-untyped-def]
    """pyHanko's own hex string reader, written out again from its source (0.38)."""
    from pyhanko.pdf_utils.generic import pdf_string
    from pyhanko.pdf_utils.misc import PdfStreamError, read_non_whitespace

    def reader(stream):  # type: ignore[no-untyped-def]
        stream.read(1)
        digits = b""
        while True:
            tok = read_non_whitespace(stream)
            if tok == b">":
                break
            if tok not in b"0123456789abcdefABCDEF":
                raise PdfStreamError("Unexpected token in hex string")
            digits += tok
        return pdf_string(binascii.unhexlify(digits + b"0" * (len(digits) % 2)))

    return reader


def test_limits_come_from_the_settings(isolated_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ESIGN_LIMIT_PAGES", "50")
    (isolated_env).mkdir(parents=True, exist_ok=True)
    (isolated_env / "config.toml").write_text('limit-depth = "40"\n')
    got = limits.active()
    assert got.pages == 50 and got.depth == 40 and got.seconds == limits.DEFAULTS.seconds
    assert Settings().resolve("limit-pages").origin == "env:ESIGN_LIMIT_PAGES"
    with limits.use(InputLimits(pages=7)):
        assert limits.active().pages == 7


@pytest.mark.parametrize("value", ["0", "-3", "ten", "1.5"])
def test_limit_settings_must_be_positive_whole_numbers(value: str) -> None:
    with pytest.raises(ConfigError) as caught:
        validate("limit-seconds", value)
    assert "limit-seconds" in caught.value.message


def test_every_limit_has_a_message_in_both_languages() -> None:
    for limit in Limit:
        error = limits.error_for(limit, "surat.pdf", limits.DEFAULTS)
        english = error.message
        with i18n.language("id"):
            indonesian = error.message
        assert english != indonesian and "surat.pdf" in indonesian
        assert "\n" not in english and error.hint is not None


def test_no_hook_outside_a_guard_changes_a_normal_read(tmp_path: Path) -> None:
    """Reading the letter with no guard active gives what pyHanko gives."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    hooks.install()
    copy = tmp_path / "letter.pdf"
    shutil.copy(EXAMPLE, copy)
    reader = PdfFileReader(io.BytesIO(copy.read_bytes()), strict=True)
    assert int(reader.root["/Pages"]["/Count"]) >= 1


def test_a_page_listed_twice_is_not_a_kids_loop(tmp_path: Path, trust: TrustSettings) -> None:
    """Signature-wrapping files list one page twice in /Kids: two pages, not a loop."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 3 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    path = tmp_path / "twice.pdf"
    path.write_bytes(hostile.raw_pdf(objects))
    with limits.guard(path):
        limits.check_pdf_bytes(path.read_bytes(), limits.DEFAULTS)
    with pytest.raises(InputLimitError) as caught, limits.guard(path, InputLimits(pages=1)):
        limits.check_pdf_bytes(path.read_bytes(), InputLimits(pages=1))
    assert "more than 1 pages" in caught.value.message


@pytest.mark.slow
def test_a_batch_signs_the_good_letters_and_names_each_hostile_one(
    hostile_files: dict[str, Path], store_home: Path, tmp_path: Path
) -> None:
    letters = tmp_path / "in"
    letters.mkdir()
    for name in ("kids_loop", "deep_array_in_page"):
        shutil.copy(hostile_files[name], letters / f"{name}.pdf")
    shutil.copy(EXAMPLE, letters / "surat.pdf")
    (tmp_path / "pass").write_text(PASS)
    out = tmp_path / "out"
    result = _esign(
        store_home,
        "sign",
        str(letters),
        "--out-dir",
        str(out),
        "--signer",
        "budi",
        "--passphrase-file",
        str(tmp_path / "pass"),
        "-y",
        "-j",
        "2",
    )
    assert result.returncode == ExitCode.INPUT, result.stderr
    errors = sorted(line for line in result.stderr.splitlines() if line.startswith("error:"))
    assert len(errors) == 2, result.stderr
    assert LOOP in errors[0] + errors[1] and DEPTH in errors[0] + errors[1]
    assert "Traceback" not in result.stderr
    assert [p.name for p in out.iterdir()] == ["surat.signed.pdf"]


def test_limits_hold_in_a_worker_thread_too(
    hostile_files: dict[str, Path], trust: TrustSettings
) -> None:
    """The web service verifies in threads, where no alarm can be set: the parser hooks
    check depth and the clock themselves."""
    from concurrent.futures import ThreadPoolExecutor

    slow = InputLimits(seconds=1, entries=10_000_000)
    with ThreadPoolExecutor(max_workers=2) as pool:
        deep = pool.submit(
            verify_pdf, hostile_files["deep_array_in_page"], trust=trust, at=datetime.now(UTC)
        )
        timed = pool.submit(
            verify_pdf,
            hostile_files["huge_byte_range"],
            trust=trust,
            at=datetime.now(UTC),
            limits=slow,
        )
        deep_report, timed_report = deep.result(), timed.result()
    assert deep_report.verdict is Verdict.ERROR and "limit-depth" in (deep_report.error or "")
    assert timed_report.verdict is Verdict.ERROR and "limit-seconds" in (timed_report.error or "")


@pytest.fixture(scope="module")
def huge_page_annotated(
    tmp_path_factory: pytest.TempPathFactory, office_store: OfficeStore
) -> tuple[Path, Path]:
    """A signed 200-inch page, and the same with an annotation added after signing (which
    makes verification render the page to compare what a reader sees)."""
    from helpers import append_overlay_annotation

    folder = tmp_path_factory.mktemp("huge-page")
    key = unlock(office_store.home, "budi", PASS)
    signed = sign_file(hostile.huge_page(folder / "page.pdf"), folder / "signed.pdf", key)
    annotated = folder / "annotated.pdf"
    append_overlay_annotation(signed.output, annotated)
    return signed.output, annotated


def test_a_page_too_large_to_render_is_not_rendered(
    huge_page_annotated: tuple[Path, Path],
) -> None:
    from esign.verify import visual

    signed, annotated = huge_page_annotated
    assert visual.compare(signed.read_bytes(), annotated.read_bytes(), pages=(1,)) is None


@pytest.mark.slow
def test_verifying_a_huge_annotated_page_stays_small(
    huge_page_annotated: tuple[Path, Path], store_home: Path
) -> None:
    """Before: 8 s and 3.1 GB (pdfium rendered 200 million pixels twice). Now the page is
    not rendered, so the object analysis alone decides (changed after signing): a render
    that was skipped never counts as "no difference", so never VALID."""
    exe = Path(sys.executable).with_name("esign")
    probe = (
        "import resource, subprocess, sys; "
        "r = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
        "print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); "
        "sys.stderr.write(r.stderr)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, str(exe), "verify", str(huge_page_annotated[1])],
        env={**os.environ, "ESIGN_HOME": str(store_home)},
        capture_output=True,
        text=True,
        check=False,
        timeout=TIME_CEILING,
    )
    code, max_rss_kb = (int(x) for x in result.stdout.split())
    assert "Traceback" not in result.stderr, result.stderr
    assert code not in (ExitCode.OK, ExitCode.ERROR), result.stderr
    assert max_rss_kb < 500_000, f"{max_rss_kb} KB"
