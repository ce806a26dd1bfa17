"""Hostile names and output (issue 19): what a certificate, a PDF or a file name carries is shown,
never obeyed.

A CN with ESC sequences could clear the screen and draw a fake green "VALID"; rich markup in a
name was read as markup; a bidi override reorders what a reader sees; a file name that is not
UTF-8 signed and then failed with UnicodeEncodeError (and stopped a batch). The certificates
here are built with cryptography's builders (tests/independent_pki.py), imported, used to sign
and verified through the CLI.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from conftest import EXAMPLES, PASS, assert_pdfsig_valid
from esign.cli import cli
from esign.errors import ExitCode
from esign.sanitize import clean, clean_lines, escape_json, storable
from esign.store import open_store
from independent_pki import EE_NOT_AFTER, EE_NOT_BEFORE, SIGNER_NIP, IndependentPki, _make_person

ESC_NAME = "Evil\x1b[2J\x1b[H\x1b[1;32mVALID\x1b[0m [bold green]OK[/]"
"""Clears the screen, homes the cursor, prints a green VALID; then rich markup."""
BIDI_TITLE = "Kepala \u202eanid\u202c Dinas\u200b"
"""A right-to-left override (and a zero-width space) in the position."""
P12_PASS = "hostile-p12-secret"


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


# --- the sanitizer ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("Budi Santoso, S.Kom., M.T.", "Budi Santoso, S.Kom., M.T."),
        ("Siti Nurhaliza Ramadhani, S.Sos.", "Siti Nurhaliza Ramadhani, S.Sos."),
        ("Dr. Ir. Séno Pramono", "Dr. Ir. Séno Pramono"),  # letters with accents stay
        ("a\x1b[2Jb", "a\\x1b[2Jb"),  # C0 ESC
        ("a\x07b\x08c\rd\ne\tf", "a\\x07b\\x08c\\x0dd\\x0ae\\x09f"),  # every C0
        ("a\x7fb", "a\\x7fb"),  # DEL
        ("a\x9b31mb\x85c", "a\\x9b31mb\\x85c"),  # C1: CSI, NEL
        ("x\u202ey\u202a\u202b\u202c\u202d", "x\\u202ey\\u202a\\u202b\\u202c\\u202d"),
        ("x\u2066\u2067\u2068\u2069", "x\\u2066\\u2067\\u2068\\u2069"),  # bidi isolates
        ("x\u200by\u200d\u2060\ufeff", "x\\u200by\\u200d\\u2060\\ufeff"),  # zero-width, BOM
        ("a\u2028b\u2029", "a\\u2028b\\u2029"),  # line/paragraph separators
        ("\U000e0041\U000e0042", "\\U000e0041\\U000e0042"),  # tag characters (hidden text)
        ("\udcff-surat.pdf", "\\xff-surat.pdf"),  # a non-UTF-8 byte (surrogateescape)
        ("\ud800", "\\ud800"),  # any other lone surrogate
        ("[bold green]VALID[/]", "[bold green]VALID[/]"),  # markup is not a control
    ],
)
def test_clean_shows_every_hidden_character_escaped(raw: str, shown: str) -> None:
    assert clean(raw) == shown
    assert clean(raw).isprintable()


def test_clean_takes_paths_and_bytes_and_none() -> None:
    assert clean(Path(os.fsdecode(b"\xff-surat.pdf"))) == "\\xff-surat.pdf"
    assert clean(b"a\xffb") == "a\\xffb"
    assert clean(None) == ""


def test_clean_lines_keeps_line_breaks_only() -> None:
    assert clean_lines("one\ntwo\t\x1b[0m") == "one\ntwo\t\\x1b[0m"


def test_storable_escapes_only_what_utf8_cannot_hold() -> None:
    assert storable("\udcff-surat.pdf") == "\\xff-surat.pdf"
    assert storable("Séno \x1b") == "Séno \x1b"
    storable("\udcff\ud800").encode("utf-8")  # no UnicodeEncodeError


def test_escape_json_is_exact_and_inert() -> None:
    value = {"name": ESC_NAME + "\x7f\x9b\u202e\u200b\udcff\U000e0041 é"}
    text = escape_json(json.dumps(value, ensure_ascii=False))
    assert json.loads(text) == value  # the same strings, exactly
    assert text.isascii() or all(c.isprintable() for c in text)
    assert "é" in text  # readable letters stay as they are
    text.encode("utf-8")  # valid UTF-8 whatever the name held


# --- a certificate with ESC sequences, through the CLI ---------------------------------------


@pytest.fixture
def hostile(store_home: Path, independent: IndependentPki, tmp_path: Path) -> Path:
    """A signer whose certificate (by an independent CA) carries ESC sequences, markup and a
    bidi override, imported with its root trusted; returns a letter it signed through the CLI
    with a hostile /Reason."""
    party = _make_person(
        independent.intermediate, ESC_NAME, SIGNER_NIP, BIDI_TITLE, EE_NOT_BEFORE, EE_NOT_AFTER
    )
    p12 = tmp_path / "hostile.p12"
    chain = [independent.intermediate.cert, independent.root.cert]
    p12.write_bytes(party.p12(P12_PASS.encode(), chain))
    env = {"ESIGN_PASSPHRASE": P12_PASS}
    r = run("cert", "import", str(p12), "--id", "evil", "--trust-root", env=env)
    assert r.exit_code == 0, r.output
    assert "\x1b" not in r.output and "\\x1b[2J" in r.output
    letter = tmp_path / "surat.pdf"
    shutil.copy(EXAMPLES / "surat-undangan.pdf", letter)
    signed = tmp_path / "surat.signed.pdf"
    reason = "Disetujui\x1b]0;pwned\x07\u202e"
    r = run("sign", str(letter), "--signer", "evil", "--reason", reason, "-o", str(signed), env=env)
    assert r.exit_code == 0, r.output
    assert "\x1b" not in r.output and "\\x1b[2J" in r.output and "[bold green]OK[/]" in r.output
    assert_pdfsig_valid(signed, 1)
    return signed


def _assert_inert(text: str) -> None:
    assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text
    assert "\u202e" not in text and "\u200b" not in text


def test_verify_shows_a_hostile_certificate_name_literally(hostile: Path) -> None:
    # issue 11: the independent CA's CRL never resolves, so revocation is unknown: the
    # default hard-fail names the signer in its finding, soft-fail lists it per source
    r = run("verify", str(hostile))
    assert r.exit_code == ExitCode.INDETERMINATE, r.output
    _assert_inert(r.stdout)
    r = run("verify", "--revocation", "soft-fail", str(hostile))
    assert r.exit_code == ExitCode.OK, r.output  # a real, trusted signature: VALID
    _assert_inert(r.stdout)
    assert "Evil\\x1b[2J\\x1b[H\\x1b[1;32mVALID\\x1b[0m" in r.stdout
    assert "[bold green]OK[/]" in r.stdout  # printed, not read as markup
    assert "Kepala \\u202eanid\\u202c Dinas\\u200b" in r.stdout
    assert "Disetujui\\x1b]0;pwned\\x07\\u202e" in r.stdout  # the /Reason from the PDF


def test_verify_json_keeps_the_exact_name(hostile: Path) -> None:
    r = run("verify", "--json", str(hostile))
    _assert_inert(r.stdout)
    sig = json.loads(r.stdout)["signatures"][0]
    assert sig["signer"]["name"] == ESC_NAME
    assert sig["signer"]["title"] == BIDI_TITLE


def test_cert_list_and_show_print_names_literally(hostile: Path) -> None:
    for args in (("cert", "list"), ("cert", "show", "evil")):
        r = run(*args)
        assert r.exit_code == 0, r.output
        _assert_inert(r.stdout)
        assert "Evil\\x1b[2J" in r.stdout
    r = run("cert", "show", "evil")
    assert "[bold green]OK[/]" in r.stdout


def test_html_report_escapes_a_bidi_override(hostile: Path, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    r = run("verify", "--revocation", "soft-fail", str(hostile), "--report", str(page))
    assert r.exit_code == ExitCode.OK, r.output  # issue 11: its CRL never resolves
    html = page.read_text(encoding="utf-8")
    _assert_inert(html)
    assert "Kepala \\u202eanid\\u202c Dinas" in html
    assert "[bold green]OK[/]" in html and "Evil\\x1b[2J" in html


def test_an_error_quoting_a_hostile_file_name_is_one_inert_line(
    store_home: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "surat\x1b]0;pwned\x07\nVALID.pdf"
    bad.write_bytes(b"not a pdf")
    r = run("sign", str(bad), "--signer", "budi", env={"ESIGN_PASSPHRASE": PASS})
    assert r.exit_code == ExitCode.INPUT, r.output
    _assert_inert(r.stderr)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert "surat\\x1b]0;pwned\\x07\\x0aVALID.pdf" in lines[0], r.stderr


# --- a file name that is not UTF-8, through the installed console script --------------------


def _esign() -> str:
    return shutil.which("esign") or str(Path(sys.executable).parent / "esign")


def _sh(*args: str | bytes, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ESIGN_PASSPHRASE": PASS}
    done = subprocess.run(
        [_esign(), *args], env=env, cwd=cwd, capture_output=True, check=False, timeout=300
    )
    # decode as the tool would be read: odd bytes kept, so an assertion can show them
    return subprocess.CompletedProcess(
        done.args,
        done.returncode,
        done.stdout.decode("utf-8", "surrogateescape"),
        done.stderr.decode("utf-8", "surrogateescape"),
    )


ODD = b"\xff-surat.pdf"
ODD_SIGNED = b"\xff-surat.signed.pdf"


@pytest.mark.slow
def test_sign_and_verify_a_file_name_that_is_not_utf8(store_home: Path, tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    shutil.copy(EXAMPLES / "surat-undangan.pdf", os.path.join(os.fsencode(work), ODD))
    r = _sh("sign", ODD, "--signer", "budi", cwd=work)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("Signed \\xff-surat.pdf as Budi Santoso"), r.stdout
    assert "wrote \\xff-surat.signed.pdf" in r.stdout
    signed = Path(os.fsdecode(os.path.join(os.fsencode(work), ODD_SIGNED)))
    referee = shutil.copy(signed, tmp_path / "for-pdfsig.pdf")  # pdfsig echoes the name raw
    assert_pdfsig_valid(Path(referee), 1)

    r = _sh("verify", ODD_SIGNED, cwd=work)
    assert r.returncode == ExitCode.OK, r.stderr
    assert r.stdout.startswith("\\xff-surat.signed.pdf "), r.stdout

    r = _sh("verify", "--json", ODD_SIGNED, cwd=work)
    assert r.returncode == ExitCode.OK, r.stderr
    assert r.stdout.isascii() or "\udcff" not in r.stdout  # valid UTF-8 on the wire
    assert '"file":"\\udcff-surat.signed.pdf"' in r.stdout  # the documented form
    assert os.fsencode(json.loads(r.stdout)["file"]) == ODD_SIGNED  # round-trips to the bytes

    with open_store(store_home) as store:
        subjects = [e.subject for e in store.audit_entries()]
    assert "\\xff-surat.pdf" in subjects and "\\xff-surat.signed.pdf" in subjects
    assert _sh("log", "--check", cwd=work).returncode == 0


@pytest.mark.slow
def test_a_batch_signs_every_letter_around_a_non_utf8_name(
    store_home: Path, tmp_path: Path
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    names = [b"a\xff-surat.pdf", b"b.pdf", b"c.pdf"]  # the odd one sorts first
    for name in names:
        shutil.copy(EXAMPLES / "surat-undangan.pdf", os.path.join(os.fsencode(inbox), name))
    r = _sh("sign", "inbox", "--out-dir", "out", "--signer", "budi", "--json", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    lines = [json.loads(line) for line in r.stdout.splitlines()]
    assert sorted(line["status"] for line in lines) == ["signed"] * 3, r.stdout
    inputs = sorted(os.fsencode(line["input"]) for line in lines)
    assert inputs == [b"inbox/" + n for n in names]
    made = sorted(os.listdir(os.fsencode(tmp_path / "out")))
    assert made == [b"a\xff-surat.signed.pdf", b"b.signed.pdf", b"c.signed.pdf"]


def test_the_consent_summary_before_signing_shows_names_literally(hostile: Path) -> None:
    from esign.cli.consent import Intent, _summary
    from esign.config import home_dir
    from esign.sign import SignOptions

    odd = Path(os.fsdecode(b"surat\xff\x1b[2J\xe2\x80\xae.pdf"))
    with open_store(home_dir()) as store:
        text = _summary(store, [Intent(odd, "evil", SignOptions(reason="ok\u202eevil"))])
    _assert_inert(text)
    assert "Evil\\x1b[2J" in text and "[bold green]OK[/]" in text
    assert "surat\\xff\\x1b[2J\\u202e.pdf" in text and "ok\\u202eevil" in text
