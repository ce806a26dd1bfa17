"""`esign verify --report out.pdf`: the printable A4 report, unsigned or sealed by the
``report-seal`` e-seal, in the user's language."""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from conftest import PASS, ROOT, assert_pdfsig_valid, pdf_text, pdfsig_report, poppler
from esign import i18n
from esign.cli import cli
from esign.cli.signing import verify
from esign.config import SETTINGS
from esign.errors import ExitCode
from helpers import append_page_content_update

SEAL_NAME = "Dinas Kominfo Kabupaten Jember"
SIGNER_NAME = "Budi Santoso, S.Kom., M.T."


def run(*args: str, env: dict[str, str] | None = None, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env, input=input, catch_exceptions=False)


def en(key: str, **values: object) -> str:
    return i18n.CATALOG[key]["en"].format(**values)


def id_(key: str, **values: object) -> str:
    return i18n.CATALOG[key]["id"].format(**values)


def report_text(path: Path) -> str:
    """The report's text as pdftotext reads it, with whitespace runs made single spaces."""
    return " ".join(pdf_text(path).split())


def squeezed(text: str) -> str:
    """Without any whitespace: a long path wraps wherever the line ends."""
    return "".join(text.split())


def pdf_info(path: Path) -> dict[str, str]:
    out = subprocess.run(
        [poppler("pdfinfo"), str(path)], capture_output=True, text=True, check=True
    ).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def sign(letter: Path, dst: Path) -> Path:
    r = run("sign", str(letter), "--signer", "budi", "-o", str(dst), env={"ESIGN_PASSPHRASE": PASS})
    assert r.exit_code == 0, r.output
    return dst


@pytest.fixture
def signed(store_home: Path, letter: Path) -> Path:
    return sign(letter, letter.with_name("surat-undangan.signed.pdf"))


@pytest.fixture
def tampered(signed: Path) -> Path:
    dst = signed.with_name("surat-diubah.pdf")
    append_page_content_update(signed, dst, "Rapat dibatalkan")
    return dst


@pytest.fixture
def sealing(store_home: Path) -> None:
    r = run("config", "set", "report-seal", "seal")
    assert r.exit_code == 0, r.output


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    return folder


def test_unsigned_report_in_english(signed: Path, out_dir: Path) -> None:
    out = out_dir / "laporan.pdf"
    r = run("verify", str(signed), "--report", str(out))
    assert r.exit_code == 0, r.output
    assert en("report.written_unsigned", file=out) in " ".join(r.stderr.split())
    assert out.read_bytes().startswith(b"%PDF-")
    assert sorted(p.name for p in out_dir.iterdir()) == ["laporan.pdf"]  # no temp file left
    info = pdf_info(out)
    assert info["Page size"].startswith("595.2"), info  # A4 portrait: 595.28 x 841.89 pt
    assert "841.8" in info["Page size"], info
    assert "does not contain any signatures" in pdfsig_report(out)
    text = report_text(out)
    assert en("html.title") in text
    assert squeezed(str(signed)) in squeezed(text)
    assert en("verify.verdict.valid") in text
    assert SIGNER_NAME in text
    assert "19870101 201001 1 001" in text
    assert en("pdf.unsealed") in text
    assert en("pdf.sealed", name=SEAL_NAME) not in text
    assert en("verify.mod.none") in text


def test_unsigned_report_in_indonesian(signed: Path, letter: Path, out_dir: Path) -> None:
    out = out_dir / "laporan.pdf"
    r = run("--lang", "id", "verify", str(signed), str(letter), "--report", str(out))
    assert r.exit_code == 5  # the unsigned original decides the exit code
    assert id_("report.written_unsigned", file=out) in " ".join(r.stderr.split())
    text = report_text(out)
    assert id_("html.title") in text
    assert en("html.title") not in text
    assert squeezed(f"{id_('pdf.file')}: {signed}") in squeezed(text)
    assert id_("verify.verdict.valid") in text
    assert id_("verify.verdict.unsigned") in text
    assert SIGNER_NAME in text
    assert id_("pdf.unsealed") in text
    assert id_("pdf.page", n=1) in text
    assert pdf_info(out)["Page size"].startswith("595.2")


def test_tampered_letter_report_shows_invalid_and_the_changes(
    tampered: Path, out_dir: Path
) -> None:
    out = out_dir / "laporan.pdf"
    r = run("verify", str(tampered), "--report", str(out))
    assert r.exit_code == ExitCode.INVALID  # the letter's verdict, not the report's success
    text = report_text(out)
    assert squeezed(str(tampered)) in squeezed(text)
    assert en("verify.verdict.invalid") in text
    assert en("verify.verdict.valid") not in text
    assert en("verify.mod.disallowed") in text
    assert "page content changed: page 1, /Contents" in text

    out_id = out_dir / "laporan-id.pdf"
    r = run("--lang", "id", "verify", str(tampered), "--report", str(out_id))
    assert r.exit_code == ExitCode.INVALID
    text = report_text(out_id)
    assert id_("verify.verdict.invalid") in text
    assert id_("verify.mod.disallowed") in text
    assert "isi halaman diubah: halaman 1, /Contents" in text
    assert "page content changed" not in text


def verify_json(path: Path) -> dict[str, object]:
    r = run("verify", "--json", str(path))
    data: dict[str, object] = json.loads(r.stdout)
    data["exit_code"] = r.exit_code
    return data


def audit_entries(action: str) -> list[dict[str, object]]:
    r = run("log", "--json")
    assert r.exit_code == 0, r.output
    entries = [json.loads(line) for line in r.stdout.splitlines()]
    return [e for e in entries if e["action"] == action]


def test_sealed_report_verifies_and_is_logged(sealing: None, signed: Path, out_dir: Path) -> None:
    out = out_dir / "laporan.pdf"
    r = run("verify", str(signed), "--report", str(out), env={"ESIGN_SEAL_PASSPHRASE": PASS})
    assert r.exit_code == 0, r.output
    assert en("report.written_sealed", file=out, id="seal") in " ".join(r.stderr.split())
    assert sorted(p.name for p in out_dir.iterdir()) == ["laporan.pdf"]  # written atomically
    # the report itself is a valid PAdES document, sealed by the office's e-seal
    assert_pdfsig_valid(out, 1)
    seal_check = verify_json(out)
    assert seal_check["exit_code"] == 0
    assert seal_check["verdict"] == "valid"
    signatures = seal_check["signatures"]
    assert isinstance(signatures, list) and len(signatures) == 1
    assert signatures[0]["signer"]["name"] == SEAL_NAME
    assert signatures[0]["modifications"] == "none"
    assert signatures[0]["reason"] == en("report.seal_reason", name=SEAL_NAME)
    text = report_text(out)
    assert en("pdf.sealed", name=SEAL_NAME) in text
    assert en("pdf.unsealed") not in text
    assert signed.name in squeezed(text) and SIGNER_NAME in text
    # the audit log records the seal with the sealed report's hash
    [entry] = audit_entries("report.seal")
    assert entry["identity"] == "seal"
    assert entry["detail"]["sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()
    assert entry["detail"]["files"] == 1
    assert entry["detail"]["output"] == str(out)


def test_sealed_report_of_a_tampered_letter_keeps_the_letters_exit_code(
    sealing: None, tampered: Path, out_dir: Path
) -> None:
    out = out_dir / "laporan.pdf"
    r = run("verify", str(tampered), "--report", str(out), env={"ESIGN_SEAL_PASSPHRASE": PASS})
    assert r.exit_code == ExitCode.INVALID
    assert en("report.written_sealed", file=out, id="seal") in " ".join(r.stderr.split())
    assert verify_json(out)["exit_code"] == 0  # the report is fine; the letter is not
    assert_pdfsig_valid(out, 1)
    text = report_text(out)
    assert en("verify.verdict.invalid") in text
    assert "page content changed: page 1, /Contents" in text


def test_sealed_report_in_indonesian(sealing: None, signed: Path, out_dir: Path) -> None:
    out = out_dir / "laporan.pdf"
    r = run(
        "--lang", "id", "verify", str(signed), "--report", str(out),
        env={"ESIGN_SEAL_PASSPHRASE": PASS},
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    assert id_("report.written_sealed", file=out, id="seal") in " ".join(r.stderr.split())
    text = report_text(out)
    assert id_("pdf.sealed", name=SEAL_NAME) in text
    assert id_("verify.verdict.valid") in text
    assert verify_json(out)["signatures"][0]["reason"] == id_(  # type: ignore[index]
        "report.seal_reason", name=SEAL_NAME
    )


def test_report_seal_from_environment_and_general_passphrase(signed: Path, out_dir: Path) -> None:
    out = out_dir / "laporan.pdf"
    env = {"ESIGN_REPORT_SEAL": "seal", "ESIGN_PASSPHRASE": PASS}  # falls back to ESIGN_PASSPHRASE
    r = run("verify", str(signed), "--report", str(out), env=env)
    assert r.exit_code == 0, r.output
    assert_pdfsig_valid(out, 1)
    assert verify_json(out)["signatures"][0]["signer"]["name"] == SEAL_NAME  # type: ignore[index]


def test_seal_passphrase_file(sealing: None, signed: Path, out_dir: Path, tmp_path: Path) -> None:
    pw = tmp_path / "seal.txt"
    pw.write_text(PASS + "\n", encoding="utf-8")
    out = out_dir / "laporan.pdf"
    r = run(
        "--non-interactive", "verify", str(signed), "--report", str(out),
        "--seal-passphrase-file", str(pw),
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    assert PASS not in r.output
    assert_pdfsig_valid(out, 1)


def test_seal_passphrase_prompt(sealing: None, signed: Path, out_dir: Path) -> None:
    out = out_dir / "laporan.pdf"
    r = run("verify", str(signed), "--report", str(out), input=PASS + "\n")
    assert r.exit_code == 0, r.output
    assert en("pass.prompt.seal", id="seal") in r.stderr
    assert_pdfsig_valid(out, 1)


def test_seal_passphrase_missing_without_prompting(
    sealing: None, signed: Path, out_dir: Path
) -> None:
    out = out_dir / "laporan.pdf"
    r = run("--non-interactive", "verify", str(signed), "--report", str(out))
    assert r.exit_code == ExitCode.PASSPHRASE
    assert "ESIGN_SEAL_PASSPHRASE" in r.stderr
    assert not out.exists()


@pytest.fixture
def no_verification(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Records any verification work started (there must be none before the seal is open)."""
    calls: list[object] = []

    def forbidden(*args: object, **kwargs: object) -> object:
        calls.append(args)
        raise AssertionError("verification started before the report seal was unlocked")

    import esign.verify.batch

    monkeypatch.setattr(esign.verify.batch, "verify_all", forbidden)
    return calls


def test_wrong_seal_passphrase_is_refused_before_verifying(
    sealing: None, signed: Path, out_dir: Path, no_verification: list[object]
) -> None:
    out = out_dir / "laporan.pdf"
    out.write_bytes(b"an older report")
    r = run(
        "verify", str(signed), "--report", str(out), env={"ESIGN_SEAL_PASSPHRASE": "wrong-pass-1"}
    )
    assert r.exit_code == ExitCode.PASSPHRASE
    stderr = " ".join(r.stderr.split())
    assert en("pass.wrong", id="seal") in stderr
    assert "ESIGN_SEAL_PASSPHRASE" in stderr and "--seal-passphrase-file" in stderr
    assert "--passphrase-file;" not in stderr  # verify has no such option
    assert not no_verification
    assert out.read_bytes() == b"an older report"  # nothing written over it
    assert sorted(p.name for p in out_dir.iterdir()) == ["laporan.pdf"]
    assert not audit_entries("report.seal")


def test_report_seal_must_be_an_e_seal(
    store_home: Path, signed: Path, out_dir: Path, no_verification: list[object]
) -> None:
    assert run("config", "set", "report-seal", "budi").exit_code == 0
    out = out_dir / "laporan.pdf"
    r = run("verify", str(signed), "--report", str(out), env={"ESIGN_SEAL_PASSPHRASE": PASS})
    assert r.exit_code == ExitCode.CONFIG
    assert en("report.seal_not_seal", id="budi") in " ".join(r.stderr.split())
    assert not out.exists()
    assert not no_verification


def test_report_seal_unknown_id(signed: Path, out_dir: Path, no_verification: list[object]) -> None:
    out = out_dir / "laporan.pdf"
    env = {"ESIGN_REPORT_SEAL": "nobody", "ESIGN_SEAL_PASSPHRASE": PASS}
    r = run("verify", str(signed), "--report", str(out), env=env)
    assert r.exit_code == ExitCode.STORE
    assert "nobody" in r.stderr
    assert not out.exists()


def test_html_report_is_never_sealed_and_asks_no_passphrase(
    sealing: None, signed: Path, out_dir: Path
) -> None:
    out = out_dir / "laporan.html"
    r = run("--non-interactive", "verify", str(signed), "--report", str(out))
    assert r.exit_code == 0, r.output
    assert en("report.written", file=out) in " ".join(r.stderr.split())
    assert "<html" in out.read_text(encoding="utf-8").lower()


def test_unsupported_report_extension(signed: Path, out_dir: Path) -> None:
    out = out_dir / "laporan.txt"
    r = run("verify", str(signed), "--report", str(out))
    assert r.exit_code == ExitCode.OUTPUT
    assert en("report.bad_format", file=out) in " ".join(r.stderr.split())
    assert not out.exists()
    assert not list(out_dir.iterdir())


def test_many_letters_make_a_multi_page_report(
    sealing: None, store_home: Path, letter: Path, out_dir: Path
) -> None:
    letters = [sign(letter, letter.with_name(f"surat-{n}.signed.pdf")) for n in range(1, 6)]
    out = out_dir / "laporan.pdf"
    r = run("verify", *map(str, letters), "--report", str(out), env={"ESIGN_SEAL_PASSPHRASE": PASS})
    assert r.exit_code == 0, r.output
    assert int(pdf_info(out)["Pages"]) >= 3
    text = report_text(out)
    for path in letters:
        assert squeezed(f"{en('pdf.file')}: {path}") in squeezed(text)
    assert text.count(en("verify.verdict.valid")) >= 5
    assert en("pdf.page", n=3) in text
    assert_pdfsig_valid(out, 1)
    [entry] = audit_entries("report.seal")
    assert entry["detail"]["files"] == 5


def test_report_folder_must_exist_before_verifying(
    sealing: None, signed: Path, tmp_path: Path, no_verification: list[object]
) -> None:
    out = tmp_path / "no-such-folder" / "laporan.pdf"
    r = run("verify", str(signed), "--report", str(out), env={"ESIGN_SEAL_PASSPHRASE": PASS})
    assert r.exit_code == ExitCode.OUTPUT
    assert str(out) in " ".join(r.stderr.split())
    assert not no_verification
    assert not out.parent.exists()


# --- docs ------------------------------------------------------------------------------


def test_docs_explain_the_pdf_report_in_both_languages() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    guide = (ROOT / "docs" / "guide.md").read_text("utf-8")
    english, indonesian = guide.split("## Bagian 2 — Bahasa Indonesia", 1)
    for name, text in (("README", readme), ("guide (en)", english), ("guide (id)", indonesian)):
        for needle in (
            "--report laporan.pdf",
            "report-seal",
            "ESIGN_SEAL_PASSPHRASE",
            "--seal-passphrase-file",
            "report.seal",
        ):
            assert needle in text, (name, needle)
    # and the options they name are the real ones
    options = {opt for param in verify.params for opt in getattr(param, "opts", [])}
    assert {"--report", "--seal-passphrase-file"} <= options


def test_readme_settings_table_lists_every_setting() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    table = readme[readme.index("## Settings") :]
    for spec in SETTINGS:
        assert f"| `{spec.key}` | `{spec.env}` |" in table, spec.key
