"""``esign verify-qr``: the PDF part runs the full verification, and the code printed under
the QR resolves through the store's register of issued statements (issue 11, items 3-4).

Referees: ``esign verify`` itself (the PDF part must never be kinder than it), pdftotext for
the code as printed on the page, pdftoppm + zxing-cpp for the QR as a scanner reads it.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from datetime import UTC, datetime, timedelta, tzinfo
from itertools import pairwise
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from conftest import CA_PASS, EXAMPLES, PASS, pdf_text
from esign import statement, vcode
from esign.app import admin
from esign.errors import ExitCode
from esign.keys import Secret
from esign.store import open_store
from helpers import append_page_content_update, unlock

TAG = "${ttd_pengirim}"


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    from esign.cli import cli

    return CliRunner().invoke(
        cli, list(args), env={"ESIGN_PASSPHRASE": PASS, **(env or {})}, catch_exceptions=False
    )


def sign_stamped(letter: Path, out: Path) -> dict[str, object]:
    result = run("sign", str(letter), "-o", str(out), "--signer", "budi", "--at", TAG, "--json")
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.output)
    return data


def qr_json(*args: str) -> tuple[int, dict[str, object]]:
    result = run("verify-qr", *args, "--json")
    return result.exit_code, json.loads(result.output)


def render(pdf: Path, dpi: int = 300) -> Path:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm not installed")
    prefix = pdf.with_suffix(f".{dpi}")
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", "-singlefile", str(pdf), str(prefix)], check=True
    )
    return prefix.with_suffix(f".{dpi}.png")


@pytest.fixture
def signed(store_home: Path, letter: Path) -> tuple[Path, dict[str, object]]:
    out = letter.with_name("surat.signed.pdf")
    return out, sign_stamped(letter, out)


@pytest.fixture
def tampered(signed: tuple[Path, dict[str, object]]) -> Path:
    """The signed letter with an incremental update that rewrites page 1: every byte the
    signature covers is intact and the QR statement still names the signed revision."""
    out, _ = signed
    bad = out.with_name("surat.tampered.pdf")
    append_page_content_update(out, bad, "DIBATALKAN")
    return bad


# --- item 3: --pdf runs the full verification ---------------------------------------------------


def test_tampered_pdf_whose_statement_still_matches_is_refused(tampered: Path) -> None:
    (text,) = statement.decode_image(str(render(tampered)))
    token = statement.extract_token(text)  # the QR of the tampered file: the signed one's
    verify = run("verify", str(tampered), "--json")
    assert verify.exit_code == ExitCode.INVALID, verify.output
    code, report = qr_json(token, "--pdf", str(tampered))
    assert code == ExitCode.INVALID
    assert report["verdict"] == "invalid"
    # the statement part holds (that is what fooled the old check) ...
    assert report["signature_ok"] is True and report["trusted"] is True
    pdf = report["pdf"]
    assert isinstance(pdf, dict)
    assert pdf["names_document"] is True
    # ... the PDF part is the verification esign verify makes, and it says invalid
    assert pdf["verdict"] == "invalid"
    assert pdf["verification"]["verdict"] == json.loads(verify.output)["verdict"]
    assert [p["key"] for p in report["problems"]] == ["qr.pdf_invalid"]
    assert report["pdf_matches"] is False
    text = run("verify-qr", token, "--pdf", str(tampered))
    assert text.exit_code == ExitCode.INVALID
    assert "INVALID: this QR statement cannot be trusted." in text.output
    assert "The PDF's signatures are INVALID" in text.output


def test_decoded_qr_image_of_a_tampered_pdf_is_refused(tampered: Path) -> None:
    png = render(tampered)
    (text,) = statement.decode_image(str(png))  # the zxing path, as a scanner reads it
    result = run("verify-qr", str(png), "--pdf", str(tampered))
    assert result.exit_code == ExitCode.INVALID, result.output
    assert "The PDF's signatures are INVALID" in result.output
    assert statement.extract_token(text)  # it was a real statement, not unreadable


def test_valid_letter_both_parts_agree_with_verify(
    signed: tuple[Path, dict[str, object]],
) -> None:
    out, data = signed
    (text,) = statement.decode_image(str(render(out)))
    assert statement.extract_token(text) == data["qr_statement"]  # what sign --json gives
    verify = json.loads(run("verify", str(out), "--json").output)
    code, report = qr_json(str(data["qr_statement"]), "--pdf", str(out))
    pdf = report["pdf"]
    assert isinstance(pdf, dict)
    assert pdf["verification"]["verdict"] == verify["verdict"]
    assert pdf["verdict"] == verify["verdict"] == "valid"
    assert (code, report["verdict"], report["pdf_matches"]) == (0, "valid", True)
    text = run("verify-qr", str(data["qr_statement"]), "--pdf", str(out))
    assert "and the PDF is that document with valid signatures" in text.output


def test_unsigned_original_is_not_the_signed_letter(
    signed: tuple[Path, dict[str, object]], letter: Path
) -> None:
    """The unsigned draft has exactly the stated hash, but no signature: refused."""
    _, data = signed
    code, report = qr_json(str(data["qr_statement"]), "--pdf", str(letter))
    assert code == ExitCode.INVALID
    keys = [p["key"] for p in report["problems"]]
    assert keys == ["qr.pdf_mismatch", "qr.pdf_unsigned"]


# --- item 4: the printed code resolves through the register ------------------------------------


def printed_code(pdf: Path) -> str:
    """The verification code as printed under the QR (read back from the page)."""
    words = pdf_text(pdf).split()  # printed whole, or as two halves on two lines (issue 15)
    halves = {f"{a}-{b}" for a, b in pairwise(words) if len(a) == len(b) == 9}
    words = [w for w in [*words, *halves] if vcode.looks_like_code(w)]
    assert len(words) == 1, words
    return words[0]


def test_printed_code_of_a_freshly_signed_letter_verifies(
    signed: tuple[Path, dict[str, object]], store_home: Path
) -> None:
    out, data = signed
    code = printed_code(out)
    assert code == data["verification_code"]
    result = run("verify-qr", code)
    assert result.exit_code == 0, result.output
    assert "VALID: this QR statement was signed by Budi Santoso" in result.output
    assert "In this office's register: yes" in result.output
    # as a person may type it: lower case, spaces, O for 0 and I/L for 1
    typed = code.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    status, report = qr_json(typed)
    assert (status, report["verdict"], report["input"]) == (0, "valid", "code")
    st = report["statement"]
    assert isinstance(st, dict)
    assert st["nip"] == "198701012010011001"
    assert st["sha256"] == data["sha256_before"]
    # the register row was written in the signing's step: it names that audit entry
    with open_store(store_home) as store:
        row = store.issued_statement(code)
        assert row is not None and row.token == data["qr_statement"]
        entry = next(e for e in store.audit_entries() if e.seq == row.audit_seq)
    assert entry.action == "sign"
    assert entry.detail["verification_code"] == code


def test_unknown_code_is_not_found_and_a_typo_is_caught(
    signed: tuple[Path, dict[str, object]],
) -> None:
    _, data = signed
    unknown = vcode.for_token("a.statement.this-office-never-issued")
    status, report = qr_json(unknown)
    assert status == ExitCode.NOT_FOUND == 16
    assert report["verdict"] == "not_found"
    assert [p["key"] for p in report["problems"]] == ["qr.code_not_found"]
    text = run("verify-qr", unknown)
    assert f"NOT FOUND: the code {unknown} is not in this office's register." in text.output
    # one symbol mistyped: the check symbol catches it, so it is never "not found"
    code = str(data["verification_code"])
    wrong = ("2" if code[0] != "2" else "3") + code[1:]
    status, report = qr_json(wrong)
    assert (status, report["verdict"]) == (ExitCode.INVALID, "invalid")
    assert [p["key"] for p in report["problems"]] == ["qr.code_mistyped"]


def test_old_format_code_is_not_found_not_forged(store_home: Path) -> None:
    """The issue's example: a code printed before the register existed."""
    status, report = qr_json("3J6IB-QY52W")
    assert status == ExitCode.NOT_FOUND
    assert [p["key"] for p in report["problems"]] == ["qr.code_old_format"]


def test_a_forged_register_row_is_invalid(
    signed: tuple[Path, dict[str, object]], store_home: Path
) -> None:
    """Someone edits the statement a code points at (another signer's name): the statement no
    longer hashes to the code, and its signature no longer verifies."""
    _, data = signed
    code, token = str(data["verification_code"]), str(data["qr_statement"])
    head, payload, sig = token.split(".")
    forged = f"{head}.{payload[:-4] + ('AAAA' if payload[-4:] != 'AAAA' else 'BBBB')}.{sig}"
    with sqlite3.connect(store_home / "store.db") as db:
        db.execute("UPDATE issued_statements SET token = ? WHERE code = ?", (forged, code))
    status, report = qr_json(code)
    assert (status, report["verdict"]) == (ExitCode.INVALID, "invalid")
    keys = [p["key"] for p in report["problems"]]
    assert "qr.register_mismatch" in keys


def test_batch_signing_registers_every_statement(store_home: Path, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for i in range(2):
        shutil.copy(EXAMPLES / "surat-undangan.pdf", inbox / f"surat-{i}.pdf")
    out = tmp_path / "out"
    result = run(
        "sign", str(inbox), "--out-dir", str(out), "--signer", "budi", "--at", TAG, "--yes"
    )
    assert result.exit_code == 0, result.output
    codes = [printed_code(p) for p in sorted(out.glob("*.pdf"))]
    assert len(set(codes)) == 2
    for code in codes:
        assert run("verify-qr", code).exit_code == 0


def test_letter_without_qr_registers_nothing(store_home: Path, letter: Path) -> None:
    out = letter.with_name("plain.pdf")
    result = run("sign", str(letter), "-o", str(out), "--signer", "budi", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["qr_statement"] is None
    with sqlite3.connect(store_home / "store.db") as db:
        assert db.execute("SELECT COUNT(*) FROM issued_statements").fetchone() == (0,)


# --- the code itself ------------------------------------------------------------------------------


def test_code_alphabet_has_no_confusable_letters() -> None:
    assert not set("ILOU") & set(vcode.ALPHABET)
    assert len(vcode.ALPHABET) == 32 == len(set(vcode.ALPHABET))
    assert vcode.BITS == 75
    code = vcode.for_token("x.y.z")
    assert len(code) == 19 and code.count("-") == 3
    assert vcode.parse(code.replace("0", "O").replace("1", "I").lower()) == code


def test_check_symbol_catches_every_single_mistyped_symbol() -> None:
    for n in range(20):
        bare = vcode.compact(vcode.for_token(f"t.{n}.s"))
        for i, original in enumerate(bare):
            for other in vcode.ALPHABET:
                if other == original:
                    continue
                with pytest.raises(vcode.CodeError, match="check"):
                    vcode.parse(bare[:i] + other + bare[i + 1 :])


def test_malformed_codes() -> None:
    for text in ("ABCD-EFGH-JKMN", "ABCD-EFGH-JKMN-PQRU", "not a code at all"):
        with pytest.raises(vcode.CodeError, match="format"):
            vcode.parse(text)
    assert not vcode.looks_like_code("eyJhbGciOiJFUzI1NiJ9.e30.c2ln")
    assert vcode.looks_like_code("3J6IB-QY52W") and vcode.is_old_format("3j6ib-qy52w")


def test_statement_of_a_revoked_key_needs_the_register(
    signed: tuple[Path, dict[str, object]], store_home: Path
) -> None:
    """After keyCompromise, a statement's own time proves nothing (the thief can backdate
    it): only a statement the register recorded before the revocation still verifies."""
    _, data = signed
    key = unlock(store_home, "budi", PASS)
    with open_store(store_home) as store:  # a second later than the signing, whole seconds
        later = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=2)
        secret = Secret(CA_PASS.encode())
        admin.revoke(store, id="budi", reason="keyCompromise", ca_passphrase=secret, at=later)
    before = datetime.now(UTC) - timedelta(minutes=5)  # before the revocation, it claims
    backdated = statement.make_token(
        statement.statement_for(key, at=before, sha256_before="00" * 32, doc=None), key
    )
    status, report = qr_json(backdated)
    assert (status, report["verdict"]) == (ExitCode.INDETERMINATE, "indeterminate")
    assert report["signature_ok"] is True and report["registered"] is False
    assert [p["key"] for p in report["problems"]] == ["qr.cert_revoked"]
    # the letter signed (and registered) before the revocation still checks by its code
    assert run("verify-qr", str(data["verification_code"])).exit_code == 0


def test_identical_copies_in_one_batch_share_one_registered_statement(
    store_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The RSA seal signs deterministically: two copies of one letter signed at one time make
    the very same statement, registered once (the second is not a store failure). Each letter
    reads its own signing time, so the clock is held still here: otherwise the two letters
    straddle a second now and then and rightly make two statements."""
    from esign.cli import common

    still = datetime.now(UTC).replace(microsecond=0)

    class Still(datetime):
        @classmethod
        def now(cls, tz: tzinfo | None = None) -> Still:  # type: ignore[override]
            return cls.fromtimestamp(still.timestamp(), tz)

    monkeypatch.setattr(common, "datetime", Still)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for i in range(2):
        shutil.copy(EXAMPLES / "surat-undangan.pdf", inbox / f"copy-{i}.pdf")
    out = tmp_path / "out"
    result = run("sign", str(inbox), "--out-dir", str(out), "--signer", "seal", "--stamp")
    assert result.exit_code == 0, result.output
    codes = {printed_code(p) for p in out.glob("*.pdf")}
    assert len(codes) == 1
    assert run("verify-qr", codes.pop()).exit_code == 0


def test_annotation_over_a_signed_letter_is_changed_not_valid(
    signed: tuple[Path, dict[str, object]],
) -> None:
    """A FreeText over the text after signing: verify says valid-but-changed (15), and so
    does verify-qr --pdf, never plain valid."""
    import attacks

    out, data = signed
    covered = out.with_name("surat.covered.pdf")
    attacks.add_annotation(out, covered)
    assert run("verify", str(covered)).exit_code == ExitCode.CHANGED
    status, report = qr_json(str(data["qr_statement"]), "--pdf", str(covered))
    assert (status, report["verdict"]) == (ExitCode.CHANGED, "changed")
    assert [p["key"] for p in report["problems"]] == ["qr.pdf_changed"]
    assert report["pdf_matches"] is False
