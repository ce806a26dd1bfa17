"""The person at the terminal (issue 15): second tries at a passphrase, Ctrl-C at a
question, everything checkable checked before the first question, what the consent
question shows, a closed stdout, and help and completion generated from the code.

The prompts run on a real pseudo-terminal (tests/terminal.py), the pipe through a real
``| head -1``; the rest through click's CliRunner."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import CA_PASS, PASS
from esign.cli import cli, common
from terminal import ESIGN, Terminal


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ESIGN_")}
    env.update(ESIGN_HOME=str(home), ESIGN_PASSPHRASE_DELAY="0.001", COLUMNS="100")
    env.update(extra)
    return env


def _sign_args(letter: Path, *more: str) -> list[str]:
    return ["sign", str(letter), "--signer", "budi", *more]


def _audited(home: Path, action: str) -> int:
    from esign.store import open_store

    with open_store(home) as store:
        return sum(1 for e in store.audit_entries() if e.action == action)


# --- passphrases: three tries at a terminal ----------------------------------------------------


def test_a_wrong_passphrase_at_a_terminal_is_asked_again(store_home: Path, letter: Path) -> None:
    term = Terminal([*_sign_args(letter), "--yes"], _env(store_home))
    for typo in ("salah-satu", "salah-dua"):
        term.expect("Passphrase for the key of 'budi'")
        term.send(typo + "\r")
    term.expect("Passphrase for the key of 'budi'")
    term.send(PASS + "\r")
    assert term.wait() == 0, term.screen
    assert term.count(r"Wrong passphrase for the key of 'budi'\. Try again") == 2
    assert "(2 left)" in term.screen and "(1 left)" in term.screen
    assert letter.with_name("surat-undangan.signed.pdf").is_file()
    assert _audited(store_home, "key.unlock_failed") == 2  # each failure still audited


def test_three_wrong_passphrases_end_with_a_hint_for_a_person(
    store_home: Path, letter: Path
) -> None:
    term = Terminal([*_sign_args(letter), "--yes"], _env(store_home))
    for n in range(3):
        term.expect("Passphrase for the key of 'budi'")
        term.send(f"salah-{n}-salah\r")
    assert term.wait() == 8, term.screen
    assert term.count("Passphrase for the key of 'budi'") == 3
    assert "ESIGN_PASSPHRASE" not in term.screen  # a person is not told about variables
    assert "revoke the key and issue a new one" in term.screen
    assert not letter.with_name("surat-undangan.signed.pdf").exists()
    assert _audited(store_home, "key.unlock_failed") == 3


def test_a_wrong_passphrase_from_the_environment_is_not_retried(
    store_home: Path, letter: Path
) -> None:
    term = Terminal(
        [*_sign_args(letter), "--yes"], _env(store_home, ESIGN_PASSPHRASE="salah-salah")
    )
    assert term.wait() == 8, term.screen
    assert "Try again" not in term.screen and "Passphrase for" not in term.screen
    assert "ESIGN_PASSPHRASE" in term.screen  # the script's hint
    assert _audited(store_home, "key.unlock_failed") == 1


def test_a_typo_in_a_new_passphrase_does_not_lose_the_ca_passphrase(store_home: Path) -> None:
    term = Terminal(
        ["cert", "issue", "--id", "sari", "--name", "Sari Dewi", "--key", "p256"],
        _env(store_home),
    )
    term.expect("Passphrase for the key of 'ca'")
    term.send("bukan-sandi-ca\r")  # wrong CA passphrase: asked again, not the end
    term.expect("Passphrase for the key of 'ca'")
    term.send(CA_PASS + "\r")
    term.expect("New passphrase for the key of 'sari'")
    term.send("pendek\r")  # too short
    term.expect("New passphrase for the key of 'sari'")
    term.send("sandi-baru-sari\r")
    term.expect("Repeat the passphrase")
    term.send("sandi-baru-sar1\r")  # mismatch
    term.expect("New passphrase for the key of 'sari'")
    term.send("sandi-baru-sari\r")
    term.expect("Repeat the passphrase")
    term.send("sandi-baru-sari\r")
    assert term.wait() == 0, term.screen
    assert term.count("Passphrase for the key of 'ca'") == 2  # the CA's asked only again once
    assert "too short" in term.screen and "do not match" in term.screen
    assert "Issued certificate 'sari'" in term.screen


@pytest.mark.parametrize("args", [["cert", "revoke", "budi"], ["ca", "crl", "-o", "ca.crl"]])
def test_a_typo_in_the_ca_passphrase_is_asked_again_for_revocation(
    store_home: Path, tmp_path: Path, args: list[str]
) -> None:
    """``cert revoke`` and ``ca crl`` ask the CA's passphrase again after a typo (they
    ended at the first wrong one); the revocation happens once."""
    args = [str(tmp_path / a) if a == "ca.crl" else a for a in args]
    term = Terminal([*args, *(["--refresh"] if "crl" in args else [])], _env(store_home))
    term.expect("Passphrase for the key of 'ca'")
    term.send("bukan-sandi-ca\r")
    term.expect("Passphrase for the key of 'ca'")
    term.send(CA_PASS + "\r")
    assert term.wait() == 0, term.screen
    assert term.count("Passphrase for the key of 'ca'") == 2
    assert term.count(r"Wrong passphrase for the key of 'ca'\. Try again") == 1
    if "revoke" in args:
        assert _audited(store_home, "cert.revoke") == 1
    else:
        assert (tmp_path / "ca.crl").stat().st_size > 0


def test_no_second_try_without_a_terminal(store_home: Path, letter: Path) -> None:
    result = CliRunner().invoke(
        cli, [*_sign_args(letter), "--yes"], input="salah-salah\n" + PASS + "\n"
    )
    assert result.exit_code == 8, result.output
    assert "Try again" not in result.output
    assert "ESIGN_PASSPHRASE" not in result.output  # it was typed: the person's hint


# --- Ctrl-C at a question -----------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "id"])
def test_ctrl_c_at_the_passphrase_exits_130_in_the_users_language(
    store_home: Path, letter: Path, lang: str
) -> None:
    term = Terminal(["--lang", lang, *_sign_args(letter), "--yes"], _env(store_home))
    term.expect("'budi'")
    term.interrupt()
    assert term.wait() == 130, term.screen
    assert "Aborted!" not in term.screen
    wanted = {"en": "Cancelled at the question", "id": "Dibatalkan saat pertanyaan"}[lang]
    assert wanted in term.screen
    assert not letter.with_name("surat-undangan.signed.pdf").exists()


def test_ctrl_c_at_the_consent_question_exits_130(store_home: Path, letter: Path) -> None:
    term = Terminal(["--lang", "id", *_sign_args(letter)], _env(store_home))
    term.expect("Tandatangani?")
    term.interrupt()
    assert term.wait() == 130, term.screen
    assert "Dibatalkan saat pertanyaan" in term.screen and "Aborted!" not in term.screen


def test_ctrl_c_at_the_repeated_passphrase_exits_130(store_home: Path) -> None:
    term = Terminal(["cert", "issue", "--id", "sari", "--name", "Sari Dewi"], _env(store_home))
    term.expect("Passphrase for the key of 'ca'")
    term.send(CA_PASS + "\r")
    term.expect("New passphrase")
    term.send("sandi-baru-sari\r")
    term.expect("Repeat the passphrase")
    term.interrupt()
    assert term.wait() == 130, term.screen
    assert "Cancelled at the question" in term.screen


def test_end_of_input_at_the_consent_question_is_a_no(store_home: Path, letter: Path) -> None:
    term = Terminal(_sign_args(letter), _env(store_home))
    term.expect("?")
    term.send("\x04")  # Ctrl-D: no answer is not a yes
    assert term.wait() == 14, term.screen


# --- everything checkable before the first question ---------------------------------------------


def _interactive(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "is_interactive_terminal", lambda: True)


def test_a_missing_output_folder_is_found_before_any_question(
    store_home: Path, letter: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _interactive(monkeypatch)
    out = letter.parent / "no-such-folder" / "out.pdf"
    result = CliRunner().invoke(cli, [*_sign_args(letter), "-o", str(out)], input="")
    assert result.exit_code == 7, result.output
    assert "the folder does not exist" in result.output
    assert "Sign?" not in result.output and "Passphrase" not in result.output


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_output_folder_is_found_before_any_question(
    store_home: Path, letter: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _interactive(monkeypatch)
    folder = letter.parent / "arsip"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        result = CliRunner().invoke(
            cli, [*_sign_args(letter), "-o", str(folder / "out.pdf")], input=""
        )
    finally:
        folder.chmod(0o755)
    assert result.exit_code == 7, result.output
    assert "read-only" in result.output and "Sign?" not in result.output


def test_an_unknown_signer_is_not_hidden_by_an_existing_output(
    store_home: Path, letter: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _interactive(monkeypatch)
    letter.with_name("surat-undangan.signed.pdf").write_bytes(b"already here")
    result = CliRunner().invoke(cli, ["sign", str(letter), "--signer", "nobody"], input="")
    assert result.exit_code == 9, result.output
    assert "nobody" in result.output and "already exists" not in result.output
    assert "Sign?" not in result.output


def test_an_existing_output_is_found_before_any_question(
    store_home: Path, letter: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _interactive(monkeypatch)
    letter.with_name("surat-undangan.signed.pdf").write_bytes(b"already here")
    result = CliRunner().invoke(cli, _sign_args(letter), input="")
    assert result.exit_code == 7, result.output
    assert "already exists" in result.output and "Sign?" not in result.output


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_batch_into_a_read_only_folder_is_refused_before_any_question(
    store_home: Path, letter: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _interactive(monkeypatch)
    folder = letter.parent / "arsip"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        result = CliRunner().invoke(
            cli,
            ["sign", str(letter), "--signer", "budi", "--out-dir", str(folder / "baru")],
            input="",
        )
    finally:
        folder.chmod(0o755)
    assert result.exit_code == 7, result.output
    assert "read-only" in result.output and "Sign?" not in result.output


# --- the consent question ---------------------------------------------------------------------


def test_the_consent_question_shows_output_placement_and_footer(
    store_home: Path, letter: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _interactive(monkeypatch)
    out = letter.parent / "hasil.pdf"
    result = CliRunner().invoke(
        cli,
        [*_sign_args(letter), "-o", str(out), "--at", "${ttd_pengirim}", "--footer"],
        input="n\n",
    )
    assert result.exit_code == 14, result.output
    assert f"Output:      {out}" in result.output
    assert "Block:       at the tag ${ttd_pengirim}" in result.output
    assert "Footer:      " in result.output and "Footer:      none" not in result.output


def test_the_consent_question_shows_a_box_and_no_footer(
    store_home: Path, letter: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _interactive(monkeypatch)
    result = CliRunner().invoke(
        cli,
        ["--lang", "id", *_sign_args(letter), "--box", "20mm,30mm,85mm,34mm", "--page", "1"],
        input="n\n",
    )
    shown = " ".join(result.output.split())
    assert "halaman 1, kotak 20, 30, 85, 34" in shown, result.output
    assert "Kaki halaman: tidak ada" in shown


def test_an_invisible_signature_says_so_in_the_consent_question(
    store_home: Path, letter: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _interactive(monkeypatch)
    result = CliRunner().invoke(cli, _sign_args(letter), input="n\n")
    assert "Block:       none (invisible signature)" in result.output, result.output


# --- a closed stdout ----------------------------------------------------------------------


def test_verify_into_head_keeps_the_verdicts_exit_code(
    store_home: Path, letter: Path, tmp_path: Path
) -> None:
    env = _env(store_home, ESIGN_PASSPHRASE=PASS)
    signed = tmp_path / "signed.pdf"
    subprocess.run(
        [ESIGN, *_sign_args(letter), "-o", str(signed), "--stamp", "--yes"], env=env, check=True
    )
    data = bytearray(signed.read_bytes())
    at = data.index(b"stream\n") + 20
    data[at] ^= 1  # one flipped bit in the signed bytes: INVALID, exit code 3
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(bytes(data))
    copies = [shutil.copy(broken, tmp_path / f"broken-{n}.pdf") for n in range(3)]
    for args in ([str(broken)], [*map(str, copies)], ["--json", *map(str, copies)]):
        verify = subprocess.Popen(
            [ESIGN, "verify", *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        assert verify.stdout is not None
        head = subprocess.run(["head", "-1"], stdin=verify.stdout, capture_output=True)
        verify.stdout.close()  # only head reads it now: its exit closes the pipe
        _, err = verify.communicate()
        assert head.stdout, args
        assert verify.returncode == 3, (args, err)
        assert b"Traceback" not in err and b"Exception ignored" not in err, err


def test_verify_into_a_pipe_nobody_reads_keeps_the_verdicts_exit_code(
    store_home: Path, letter: Path, tmp_path: Path
) -> None:
    """The reader is gone before the first line: every write meets EPIPE (no race)."""
    env = _env(store_home, ESIGN_PASSPHRASE=PASS)
    signed = tmp_path / "signed.pdf"
    subprocess.run([ESIGN, *_sign_args(letter), "-o", str(signed), "--yes"], env=env, check=True)
    data = bytearray(signed.read_bytes())
    data[data.index(b"stream\n") + 20] ^= 1
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(bytes(data))
    for args in ([str(broken)], [str(broken), str(signed)], ["--json", str(broken)]):
        read, write = os.pipe()
        os.close(read)
        try:
            result = subprocess.run(
                [ESIGN, "verify", *args], env=env, stdout=write, stderr=subprocess.PIPE
            )
        finally:
            os.close(write)
        assert result.returncode == 3, (args, result.stderr)
        assert result.stderr == b"", result.stderr


# --- help and completion ------------------------------------------------------------------------


def _help(*args: str) -> str:
    result = CliRunner().invoke(cli, [*args, "--help"], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


@pytest.mark.parametrize("lang", ["en", "id"])
def test_manifest_help_lists_every_column(lang: str) -> None:
    from esign.batch import MANIFEST_COLUMNS

    text = _help("--lang", lang, "sign")
    listed = text.split("--manifest", 1)[1].split(" -r,", 1)[0]
    assert all(column in listed for column in MANIFEST_COLUMNS), listed
    assert len(MANIFEST_COLUMNS) == 12


@pytest.mark.parametrize("lang", ["en", "id"])
def test_config_help_lists_every_key_of_the_settings_table(lang: str) -> None:
    from esign.config import SETTINGS

    text = _help("--lang", lang, "config")
    keys = text.split(":", 2)[2]
    assert all(f"`{s.key}`" in keys for s in SETTINGS), text
    assert "tsa- policy" not in text  # a key is never broken at its hyphen


def test_jobs_default_is_said_the_same_in_help_and_readme() -> None:
    from conftest import ROOT

    assert "default 1" in _help("sign") and "default 1" in _help("verify")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "one process per core" not in readme
    assert "[default: 1]" not in _help("sign")  # said once, in words


def _complete(home: Path, words: str) -> list[str]:
    env = _env(home, _ESIGN_COMPLETE="bash_complete", COMP_WORDS=words)
    env["COMP_CWORD"] = str(len(words.split()) - (0 if words.endswith(" ") else 1))
    result = subprocess.run([ESIGN], env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    return [line.split(",", 1)[1] for line in result.stdout.splitlines() if line]


def test_completion_offers_the_stores_certificate_ids_without_writing(store_home: Path) -> None:
    before = {p.name: p.stat().st_mtime_ns for p in store_home.iterdir()}
    assert _complete(store_home, "esign cert show b") == ["budi"]
    assert _complete(store_home, "esign sign x.pdf --signer ") == ["budi", "ca", "seal"]
    assert _complete(store_home, "esign cert revoke s") == ["seal"]
    assert {p.name: p.stat().st_mtime_ns for p in store_home.iterdir()} == before


def test_completion_without_a_store_offers_nothing_and_does_not_fail(tmp_path: Path) -> None:
    missing = tmp_path / "no-store"
    assert _complete(missing, "esign cert show ") == []
    assert not missing.exists()
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "store.db").write_bytes(b"not a database")
    assert _complete(broken, "esign cert show ") == []


def test_completion_offers_setting_keys(tmp_path: Path) -> None:
    assert _complete(tmp_path, "esign config set t") == ["timezone", "tsa-url", "tsa-policy"]
    assert _complete(tmp_path, "esign config get rev") == ["revocation"]


def test_cert_list_never_wraps_a_nip(store_home: Path) -> None:
    from conftest import NIP
    from esign.pki import format_nip

    for columns in ("100", "80"):
        result = CliRunner().invoke(cli, ["cert", "list"], env={"COLUMNS": columns})
        assert result.exit_code == 0, result.output
        assert format_nip(NIP) in result.output, (columns, result.output)
