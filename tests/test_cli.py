"""The command line end to end: CliRunner for exit codes and exact messages, plus real
subprocess runs of the installed console script."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from cryptography.hazmat.primitives.serialization import Encoding

from conftest import CA_PASS, CORPUS, NIP, PASS, assert_pdfsig_valid
from esign.cli import cli
from esign.errors import ExitCode
from helpers import append_page_content_update, independent_crls, make_encrypted_pdf


def run(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:
    runner = CliRunner()
    return runner.invoke(cli, list(args), input=input, env=env, catch_exceptions=False)


def with_pass(*args: str, passphrase: str = PASS) -> Result:
    return run(*args, env={"ESIGN_PASSPHRASE": passphrase})


def error_line(result: Result) -> str:
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines, "expected an error message on stderr"
    return lines[0]


def no_temp_files(folder: Path) -> bool:
    return not [p for p in folder.iterdir() if p.name.startswith(".") and p.suffix == ".tmp"]


# --- set-up by an administrator ---------------------------------------------------------


def test_full_office_setup_sign_and_verify(isolated_env: Path, letter: Path) -> None:
    ca_env = {"ESIGN_PASSPHRASE": CA_PASS}
    assert run("init").exit_code == 0
    assert (isolated_env / "store.db").stat().st_mode & 0o777 == 0o600
    assert isolated_env.stat().st_mode & 0o777 == 0o700
    r = run(
        "ca", "create", "--name", "Dinas Kominfo Kab. Jember Root CA", "--key", "p256", env=ca_env
    )
    assert r.exit_code == 0, r.output
    assert "trust anchor" in r.stdout
    r = run(
        "cert",
        "issue",
        "--id",
        "budi",
        "--name",
        "Budi Santoso",
        "--nip",
        NIP,
        "--title",
        "Kepala Dinas",
        "--org",
        "Dinas Kominfo Kabupaten Jember",
        "--key",
        "p256",
        env={"ESIGN_PASSPHRASE": PASS, "ESIGN_CA_PASSPHRASE": CA_PASS},
    )
    assert r.exit_code == 0, r.output
    r = run("cert", "list", "--json")
    listed = json.loads(r.stdout)
    assert [(c["id"], c["kind"], c["nip"], c["status"]) for c in listed] == [
        ("ca", "ca", None, "active"),
        ("budi", "person", NIP, "active"),
    ]
    assert all("not_after" in c and "name" in c for c in listed)
    r = with_pass("sign", str(letter))
    assert r.exit_code == 0, r.output
    signed = letter.with_name("surat-undangan.signed.pdf")
    assert signed.exists()
    r = run("verify", "--json", str(signed))
    assert r.exit_code == 0
    line = json.loads(r.stdout)
    assert r.stdout.count("\n") == 1
    assert line["verdict"] == "valid" and line["schema"] == 1
    sig = line["signatures"][0]
    assert sig["signer"] == {
        "name": "Budi Santoso",
        "nip": NIP,
        "title": "Kepala Dinas",
        "org": "Dinas Kominfo Kabupaten Jember",
        "unit": None,
        "email": None,
    }
    for key in ("field", "signed_at", "coverage", "sub_indication"):
        assert key in sig
    assert (sig["intact"], sig["crypto_valid"], sig["trusted"]) == (True, True, True)
    assert (sig["modifications"], sig["indication"]) == ("none", "TOTAL_PASSED")
    assert sig["reason"].startswith(
        "Dokumen ini telah ditandatangani secara elektronik oleh "
        "Kepala Dinas (Budi Santoso - NIP. 19870101 201001 1 001)"
    )
    assert_pdfsig_valid(signed, 1)


def test_init_twice_is_harmless(isolated_env: Path) -> None:
    assert run("init").exit_code == 0
    r = run("init")
    assert r.exit_code == 0
    assert "already exists" in r.stdout


def test_cert_issue_rejects_bad_nip_before_asking_anything(store_home: Path) -> None:
    r = run("cert", "issue", "--id", "x", "--name", "X", "--nip", "198713012010011001")
    assert r.exit_code == ExitCode.CERTIFICATE
    assert error_line(r) == (
        "error: '198713012010011001' is not a valid NIP: the first 8 digits are not a real "
        "birth date."
    )


def test_cert_issue_prompts_for_passphrases_with_confirmation(store_home: Path) -> None:
    r = run(
        "cert",
        "issue",
        "--id",
        "ani",
        "--name",
        "Ani",
        "--key",
        "p256",
        input=f"{CA_PASS}\nnew-passphrase\nnew-passphrase\n",
    )
    assert r.exit_code == 0, r.output
    r = run(
        "cert",
        "issue",
        "--id",
        "eko",
        "--name",
        "Eko",
        "--key",
        "p256",
        input=f"{CA_PASS}\nnew-passphrase\nother-passphrase\n",
    )
    assert r.exit_code == ExitCode.PASSPHRASE
    assert "do not match" in r.stderr


def test_duplicate_id_is_refused(store_home: Path) -> None:
    r = run("cert", "issue", "--id", "budi", "--name", "Budi")
    assert r.exit_code == ExitCode.STORE
    assert error_line(r) == "error: The id 'budi' is already used in the store."


def test_cert_show_and_export(store_home: Path, tmp_path: Path) -> None:
    r = run("cert", "show", "budi", "--json")
    data = json.loads(r.stdout)
    assert data["subject"]["nip"] == NIP and data["has_key"] is True
    r = run("cert", "export", "budi")
    assert r.stdout.startswith("-----BEGIN CERTIFICATE-----")
    p12 = tmp_path / "budi.p12"
    r = with_pass("cert", "export", "budi", "--p12", "-o", str(p12))
    assert r.exit_code == 0, r.output
    assert p12.stat().st_mode & 0o777 == 0o600
    from cryptography.hazmat.primitives.serialization import pkcs12

    key, cert, chain = pkcs12.load_key_and_certificates(p12.read_bytes(), PASS.encode())
    assert key is not None and cert is not None and len(chain) == 1


def test_import_p12_from_outside_provider_and_sign(
    store_home: Path, independent, letter: Path, tmp_path: Path
) -> None:
    p12 = tmp_path / "siti.p12"
    p12.write_bytes(
        independent.signer.p12(
            b"p12-secret", chain=[independent.intermediate.cert, independent.root.cert]
        )
    )
    r = run(
        "cert",
        "import",
        str(p12),
        "--id",
        "siti",
        "--trust-root",
        env={"ESIGN_PASSPHRASE": "p12-secret"},
    )
    assert r.exit_code == 0, r.output
    r = run("sign", str(letter), "--signer", "siti", env={"ESIGN_PASSPHRASE": "p12-secret"})
    assert r.exit_code == 0, r.output
    signed = letter.with_name("surat-undangan.signed.pdf")
    # issue 11, changed deliberately: the outside provider's CRL URL never resolves, so its
    # revocation is unknown (was VALID); handed in with --crl, the letter is valid
    r = run("verify", "--json", str(signed))
    assert json.loads(r.stdout)["signatures"][0]["sub_indication"] == "TRY_LATER", r.stdout
    crls = []
    for crl in independent_crls(independent):
        path = tmp_path / crl.label
        path.write_bytes(crl.crl.public_bytes(Encoding.DER))
        crls += ["--crl", str(path)]
    r = run("verify", "--json", *crls, str(signed))
    assert json.loads(r.stdout)["verdict"] == "valid", r.stdout


def test_trust_add_list_remove(store_home: Path, independent, tmp_path: Path) -> None:
    root = tmp_path / "root.pem"
    root.write_bytes(independent.root.cert_pem())
    assert run("trust", "add", str(root)).exit_code == 0
    anchors = json.loads(run("trust", "list", "--json").stdout)
    assert len(anchors) == 2
    fp = next(a for a in anchors if "Independent" in a["subject_dn"])["fingerprint"]
    assert run("trust", "remove", fp[:16]).exit_code == 0
    assert len(json.loads(run("trust", "list", "--json").stdout)) == 1
    leaf = tmp_path / "leaf.pem"
    leaf.write_bytes(independent.signer.cert_pem())
    r = run("trust", "add", str(leaf))
    assert r.exit_code == ExitCode.CERTIFICATE


# --- signing --------------------------------------------------------------------------------


@pytest.fixture
def signed(store_home: Path, letter: Path) -> Path:
    r = with_pass("sign", str(letter), "--signer", "budi")
    assert r.exit_code == 0, r.output
    return letter.with_name("surat-undangan.signed.pdf")


def test_sign_needs_signer_choice_when_several(store_home: Path, letter: Path) -> None:
    r = with_pass("sign", str(letter))
    assert r.exit_code == ExitCode.STORE
    assert error_line(r) == (
        "error: The store has several signing certificates (budi, seal); say which one signs."
    )
    assert "--signer" in r.stderr


def test_default_signer_from_config(store_home: Path, letter: Path) -> None:
    assert run("config", "set", "signer", "seal").exit_code == 0
    r = with_pass("sign", str(letter), "--json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["signer_id"] == "seal"


def test_existing_output_is_not_overwritten_without_force(signed: Path, letter: Path) -> None:
    before = signed.read_bytes()
    r = with_pass("sign", str(letter), "--signer", "budi")
    assert r.exit_code == ExitCode.OUTPUT
    assert error_line(r) == f"error: {signed} already exists; nothing was written."
    assert signed.read_bytes() == before
    r = with_pass("sign", str(letter), "--signer", "budi", "--force")
    assert r.exit_code == 0


def test_in_place_and_output_conflict(store_home: Path, letter: Path, tmp_path: Path) -> None:
    r = with_pass("sign", str(letter), "--in-place", "-o", str(tmp_path / "x.pdf"))
    assert r.exit_code == ExitCode.OUTPUT


def test_in_place(store_home: Path, letter: Path) -> None:
    original = letter.read_bytes()
    r = with_pass("sign", str(letter), "--signer", "budi", "--in-place")
    assert r.exit_code == 0, r.output
    assert letter.read_bytes().startswith(original)
    assert sorted(p.name for p in letter.parent.iterdir()) == [letter.name]


@pytest.mark.parametrize(
    ("content", "code", "message"),
    [
        (None, ExitCode.INPUT, "does not exist."),
        (b"just text, not a PDF", ExitCode.INPUT, "is not a PDF file."),
        (b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog", ExitCode.INPUT, "damaged or truncated PDF"),
    ],
    ids=["missing", "not-pdf", "truncated"],
)
def test_bad_input_gives_one_line_and_no_output(
    store_home: Path, tmp_path: Path, content: bytes | None, code: int, message: str
) -> None:
    src = tmp_path / "in" / "bad.pdf"
    src.parent.mkdir()
    if content is not None:
        src.write_bytes(content)
    r = with_pass("sign", str(src), "--signer", "budi")
    assert r.exit_code == code, r.output
    assert message in error_line(r)
    assert "Traceback" not in r.output
    assert sorted(p.name for p in src.parent.iterdir()) == (["bad.pdf"] if content else [])


def test_truncated_real_letter(store_home: Path, letter: Path) -> None:
    data = letter.read_bytes()
    letter.write_bytes(data[: len(data) // 3])
    r = with_pass("sign", str(letter), "--signer", "budi")
    assert r.exit_code == ExitCode.INPUT, r.output
    assert "damaged or truncated" in error_line(r)
    assert no_temp_files(letter.parent)
    assert not letter.with_name("surat-undangan.signed.pdf").exists()


def test_encrypted_input(store_home: Path, tmp_path: Path) -> None:
    enc = tmp_path / "enc.pdf"
    make_encrypted_pdf(enc, user_password="rahasia")
    r = with_pass("sign", str(enc), "--signer", "budi")
    assert r.exit_code == ExitCode.INPUT
    assert error_line(r) == (
        f"error: {enc} is encrypted with a password; esign does not sign encrypted PDFs."
    )
    assert not (tmp_path / "enc.signed.pdf").exists()


def test_unwritable_output_folder(store_home: Path, letter: Path, tmp_path: Path) -> None:
    r = with_pass(
        "sign", str(letter), "--signer", "budi", "-o", str(tmp_path / "no-such-dir" / "out.pdf")
    )
    assert r.exit_code == ExitCode.OUTPUT
    assert "Cannot write" in error_line(r)


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
def test_read_only_output_folder(store_home: Path, letter: Path, tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        r = with_pass("sign", str(letter), "--signer", "budi", "-o", str(folder / "o.pdf"))
        assert r.exit_code == ExitCode.OUTPUT
    finally:
        folder.chmod(0o700)


def test_wrong_passphrase(store_home: Path, letter: Path) -> None:
    r = with_pass("sign", str(letter), "--signer", "budi", passphrase="wrong-passphrase")
    assert r.exit_code == ExitCode.PASSPHRASE
    assert error_line(r) == "error: Wrong passphrase for the key of 'budi'."
    assert not letter.with_name("surat-undangan.signed.pdf").exists()


def test_passphrase_file_and_non_interactive(
    store_home: Path, letter: Path, tmp_path: Path
) -> None:
    r = run("--non-interactive", "sign", str(letter), "--signer", "budi")
    assert r.exit_code == ExitCode.PASSPHRASE
    assert "ESIGN_PASSPHRASE" in r.stderr
    pw = tmp_path / "pw.txt"
    pw.write_text(PASS + "\n")
    r = run(
        "--non-interactive", "sign", str(letter), "--signer", "budi", "--passphrase-file", str(pw)
    )
    assert r.exit_code == 0, r.output
    assert PASS not in r.output


def test_unknown_signer(store_home: Path, letter: Path) -> None:
    r = with_pass("sign", str(letter), "--signer", "nobody")
    assert r.exit_code == ExitCode.STORE
    assert error_line(r) == "error: There is no certificate with id 'nobody' in the store."


def test_ca_cannot_sign_letters(store_home: Path, letter: Path) -> None:
    r = run("sign", str(letter), "--signer", "ca", env={"ESIGN_PASSPHRASE": CA_PASS})
    assert r.exit_code == ExitCode.STORE


def test_field_already_signed_is_signing_error(signed: Path, tmp_path: Path) -> None:
    r = with_pass(
        "sign",
        str(signed),
        "--signer",
        "budi",
        "--field",
        "Signature1",
        "-o",
        str(tmp_path / "x.pdf"),
    )
    assert r.exit_code == ExitCode.SIGNING


def test_no_store_yet(letter: Path) -> None:
    r = with_pass("sign", str(letter))
    assert r.exit_code == ExitCode.STORE
    assert "esign init" in r.stderr


# --- verification -----------------------------------------------------------------------------


def test_verify_exit_codes(signed: Path, letter: Path, tmp_path: Path) -> None:
    assert run("verify", str(signed)).exit_code == ExitCode.OK
    assert run("verify", str(letter)).exit_code == ExitCode.UNSIGNED
    assert run("verify", "--no-store", str(signed)).exit_code == ExitCode.INDETERMINATE
    attacked = tmp_path / "attacked.pdf"
    append_page_content_update(signed, attacked, "Diubah")
    assert run("verify", str(attacked)).exit_code == ExitCode.INVALID
    assert run("verify", str(tmp_path / "missing.pdf")).exit_code == ExitCode.INPUT
    # The worst verdict decides for several files.
    assert run("verify", str(signed), str(letter), str(attacked)).exit_code == ExitCode.INVALID


def test_verify_json_one_line_per_file_even_for_errors(signed: Path, tmp_path: Path) -> None:
    missing = tmp_path / "missing.pdf"
    r = run("verify", "--json", str(signed), str(missing))
    lines = r.stdout.strip().splitlines()
    assert len(lines) == 2
    first, second = (json.loads(line) for line in lines)
    assert first["verdict"] == "valid"
    assert second == {**second, "file": str(missing), "verdict": "error", "signatures": []}
    assert "does not exist" in second["error"]


def test_verify_untrusted_json(signed: Path) -> None:
    r = run("verify", "--no-store", "--json", str(signed))
    sig = json.loads(r.stdout)["signatures"][0]
    assert json.loads(r.stdout)["verdict"] == "indeterminate"
    assert (sig["indication"], sig["sub_indication"]) == (
        "INDETERMINATE",
        "NO_CERTIFICATE_CHAIN_FOUND",
    )
    assert sig["intact"] is True and sig["trusted"] is False


def test_verify_with_trust_file(signed: Path, tmp_path: Path) -> None:
    root = tmp_path / "root.pem"
    root.write_text(run("cert", "export", "ca").stdout)
    # issue 11, changed deliberately: without the store its revocation register is not
    # consulted either, and the OCSP server is not running: indeterminate (was VALID)
    r = run("verify", "--no-store", "--trust", str(root), str(signed))
    assert r.exit_code == ExitCode.INDETERMINATE, r.output
    assert "127.0.0.1:8080" in r.stdout  # the responder that failed is named
    r = run("verify", "--no-store", "--trust", str(root), "--revocation", "soft-fail", str(signed))
    assert r.exit_code == 0, r.output


def test_verify_report_in_indonesian(signed: Path) -> None:
    r = run("--lang", "id", "verify", str(signed))
    assert "SAH: ditandatangani dan tidak berubah sejak ditandatangani" in r.stdout
    assert "Nama penanda tangan" in r.stdout
    assert "tidak tersertifikasi" in r.stdout


def test_error_messages_in_indonesian(letter: Path) -> None:
    r = run("--lang", "id", "sign", str(letter))
    assert r.exit_code == ExitCode.STORE
    assert error_line(r).startswith("Kesalahan: Belum ada penyimpanan esign di ")


def test_esign_lang_environment(letter: Path) -> None:
    r = run("verify", str(letter), env={"ESIGN_LANG": "id"})
    # ESIGN_LANG is read at start-up by main(); the --lang flag covers CliRunner.
    assert r.exit_code == ExitCode.UNSIGNED


# --- config ------------------------------------------------------------------------------------


def test_config_set_get_list_and_precedence(isolated_env: Path) -> None:
    assert run("config", "set", "location", "Jember").exit_code == 0
    assert run("config", "get", "location").stdout.strip() == "Jember"
    r = run("config", "get", "location", env={"ESIGN_LOCATION": "Surabaya"})
    assert r.stdout.strip() == "Surabaya"
    listing = json.loads(run("config", "list", "--json").stdout)
    assert listing["location"] == "Jember" and listing["timezone"] == "Asia/Jakarta"
    r = run("config", "set", "timezone", "Mars/Olympus")
    assert r.exit_code == ExitCode.CONFIG
    r = run("config", "set", "colour", "blue")
    assert r.exit_code == ExitCode.CONFIG
    assert "Unknown setting 'colour'" in r.stderr
    assert run("config", "unset", "location").exit_code == 0
    assert run("config", "get", "location").exit_code == ExitCode.CONFIG


def test_usage_errors_stay_two() -> None:
    assert run("sign").exit_code == ExitCode.USAGE
    assert run("frobnicate").exit_code == ExitCode.USAGE


def test_unexpected_error_is_one_line_without_traceback(
    store_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import esign.app.admin

    def boom(*_a: object, **_k: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(esign.app.admin, "list_certs", boom)
    r = run("cert", "list")
    assert r.exit_code == ExitCode.ERROR
    assert error_line(r).startswith("error: Unexpected error: RuntimeError: disk on fire.")
    assert "Traceback" not in r.stderr
    r = run("-v", "cert", "list")
    assert "Traceback" in r.stderr


# --- the real console script ---------------------------------------------------------------------


def esign_exe() -> str:
    exe = Path(sys.executable).with_name("esign")
    return str(exe) if exe.exists() else shutil.which("esign") or "esign"


def test_console_script_end_to_end(isolated_env: Path, letter: Path) -> None:
    env = {**os.environ, "ESIGN_PASSPHRASE": PASS, "ESIGN_CA_PASSPHRASE": PASS}
    exe = esign_exe()

    def sh(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [exe, *args],
            env=env,
            capture_output=True,
            text=True,
            check=False,
            stdin=subprocess.DEVNULL,
        )

    assert sh("--version").stdout.startswith("esign ")
    assert sh("init").returncode == 0
    assert sh("ca", "create", "--name", "Test Root", "--key", "p256").returncode == 0
    assert sh("cert", "issue", "--id", "a", "--name", "A", "--key", "p256").returncode == 0
    assert sh("sign", str(letter)).returncode == 0
    result = sh("verify", "--json", str(letter.with_name("surat-undangan.signed.pdf")))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["verdict"] == "valid"
    bad = sh("verify", "/nonexistent.pdf")
    assert bad.returncode == ExitCode.INPUT
    result = subprocess.run(
        [exe, "verify", str(letter)],
        env={**env, "ESIGN_LANG": "id"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert "TIDAK DITANDATANGANI" in result.stdout
    assert result.returncode == ExitCode.UNSIGNED


def test_lazy_command_table_matches_the_real_commands() -> None:
    from esign.cli import LAZY_COMMANDS, cli

    cli.load_all()
    assert set(cli.commands) == set(LAZY_COMMANDS)
    for name, (_module, key) in LAZY_COMMANDS.items():
        assert cli.commands[name].help == key, name


def test_help_in_indonesian_lists_commands() -> None:
    r = run("--lang", "id", "--help")
    assert "Perintah:" in r.stdout
    assert "Memverifikasi tanda tangan dalam berkas PDF" in r.stdout


def test_invalid_signature_gets_no_legal_standing_line(signed: Path, tmp_path: Path) -> None:
    attacked = tmp_path / "attacked.pdf"
    append_page_content_update(signed, attacked, "Diubah")
    r = run("--lang", "id", "verify", str(attacked))
    assert "TIDAK SAH" in r.stdout
    assert "Jenis tanda tangan" not in r.stdout  # the row is left out for a broken signature
    r = run("--lang", "id", "verify", str(signed))
    assert "Jenis tanda tangan" in r.stdout


def test_library_warnings_stay_quiet_without_verbose() -> None:
    corpus_file = CORPUS / "mkl_shadow-hide-and-replace-2.pdf"
    if not corpus_file.exists():
        pytest.skip("the shared corpus is not beside the project")
    result = subprocess.run(
        [esign_exe(), "verify", "--no-store", str(corpus_file)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == ExitCode.INVALID
    assert "Warning" not in result.stderr, result.stderr
