"""Pre-flight before the first signature (issue 16): ``esign check``, ``sign --repair``.

Each finding has a PDF that reproduces it (tests/preflight_fixtures.py). The referees of a
repair are a second pre-flight of the rewrite, pypdf's text of its pages, esign verify and
poppler's pdfsig on the signature made over it; a letter already signed keeps every byte.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import preflight_fixtures as fx
from conftest import PASS, assert_pdfsig_valid
from esign.cli import cli
from esign.errors import ExitCode, PdfInputError, PreflightError
from esign.models import Verdict
from esign.preflight import Code, PreflightReport, Severity, check
from esign.preflight.repair import Repair, repair
from esign.sign import PreflightMode, SignOptions, sign_pdf
from helpers import make_encrypted_pdf, store_trust, unlock, verify

Maker = Callable[[Path], Path]

REFUSED: list[tuple[str, Maker, Code, bool]] = [
    ("javascript", fx.javascript_on_open, Code.OPEN_ACTION, True),
    ("encrypted", fx.owner_encrypted, Code.ENCRYPTED, True),
    ("xfa", fx.xfa_form, Code.XFA, True),
    ("xfa_dynamic", lambda p: fx.xfa_form(p, dynamic=True), Code.XFA_DYNAMIC, False),
    ("broken_xref", fx.broken_xref, Code.XREF_BROKEN, True),
    ("hybrid", lambda p: fx.xref_stream_pdf(p, hybrid=True, conflict=True), Code.XREF_HYBRID, True),
    ("shadow", lambda p: fx.xref_stream_pdf(p, shadow=True), Code.OBJSTM_DISAGREE, True),
]
"""What pre-flight refuses: the file, its worst finding, whether one rewrite settles it."""


def codes(report: PreflightReport) -> list[Code]:
    return [f.code for f in report.findings]


def page_text(path: Path) -> str:
    from pypdf import PdfReader

    reader = PdfReader(path)
    if reader.is_encrypted:
        reader.decrypt("")
    return " ".join(page.extract_text() for page in reader.pages)


# --- what pre-flight finds ------------------------------------------------------------------


@pytest.mark.parametrize(
    "maker",
    [fx.clean_letter, fx.goto_on_open, lambda p: fx.xref_stream_pdf(p)],
    ids=["clean", "goto_on_open", "xref_stream"],
)
def test_ordinary_letters_are_ready(tmp_path: Path, maker: Maker) -> None:
    """Helvetica not embedded, an /OpenAction that only shows page 1, object streams that
    every reader resolves alike: nothing to settle, nothing to warn about."""
    report = check(maker(tmp_path / "surat.pdf"))
    assert report.findings == ()
    assert report.ok and not report.stops_signing and report.signatures == 0


@pytest.mark.parametrize(
    ("name", "maker", "code", "repairable"), REFUSED, ids=[r[0] for r in REFUSED]
)
def test_each_refusal_is_found(
    tmp_path: Path, name: str, maker: Maker, code: Code, repairable: bool
) -> None:
    report = check(maker(tmp_path / f"{name}.pdf"))
    worst = report.findings[0]
    assert worst.code is code and worst.severity is Severity.REFUSE
    assert report.stops_signing
    assert report.repairable is repairable


def test_scripts_and_the_open_action_are_both_named(tmp_path: Path) -> None:
    report = check(fx.javascript_on_open(tmp_path / "js.pdf"))
    assert codes(report) == [Code.OPEN_ACTION, Code.JAVASCRIPT]
    assert report.findings[0].params == {"action": "/JavaScript"}
    assert report.findings[1].params == {"count": 1}  # the named document script


def test_a_font_not_embedded_is_a_warning_that_does_not_stop_signing(tmp_path: Path) -> None:
    report = check(fx.font_not_embedded(tmp_path / "arial.pdf"))
    assert codes(report) == [Code.FONTS_NOT_EMBEDDED]
    assert report.findings[0].severity is Severity.WARN
    assert report.findings[0].params == {"count": 1, "fonts": "Arial"}
    assert report.ok


def test_pdfa_claim_is_named_and_kept_unless_encrypted(tmp_path: Path) -> None:
    plain = check(fx.pdfa_claim(tmp_path / "a2b.pdf"))
    assert (plain.pdfa, plain.pdfa_kept, plain.ok) == ("2B", True, True)
    assert codes(plain) == [Code.PDFA] and plain.findings[0].severity is Severity.INFO
    locked = check(fx.pdfa_claim(tmp_path / "a1a.pdf", part=1, conformance="A", encrypt=True))
    assert (locked.pdfa, locked.pdfa_kept) == ("1A", False)
    assert codes(locked) == [Code.ENCRYPTED, Code.PDFA]  # worst first


def test_password_and_garbage_stay_input_errors(tmp_path: Path) -> None:
    locked = tmp_path / "locked.pdf"
    make_encrypted_pdf(locked, user_password="rahasia")
    assert codes(check(locked)) == [Code.ENCRYPTED_PASSWORD]
    garbage = tmp_path / "garbage.pdf"
    garbage.write_bytes(b"%PDF-1.7\n" + b"\x00" * 200)
    report = check(garbage)
    assert codes(report) == [Code.UNREADABLE] and not report.repairable


def test_a_file_pypdf_cannot_walk_is_still_refused_for_a_script(tmp_path: Path) -> None:
    report = check(fx.script_pypdf_cannot_walk(tmp_path / "deep.pdf"))
    assert codes(report) == [Code.JAVASCRIPT, Code.UNREADABLE]
    assert report.findings[0].params == {"count": 1}
    assert report.stops_signing and not report.engine_decides and not report.repairable


def test_offsets_that_miss_their_objects_are_named(tmp_path: Path) -> None:
    report = check(fx.misplaced_objects(tmp_path / "misplaced.pdf"))
    assert codes(report) == [Code.XREF_BROKEN]
    assert str(report.findings[0].params["detail"]) == "1 0 obj, 2 0 obj, 3 0 obj, … ≠ xref (9)"


def test_a_hybrid_whose_tables_agree_is_refused_and_repaired(
    tmp_path: Path, store_home: Path
) -> None:
    """A word processor's hybrid file (the stream only adds object 5, free in the classic
    table): pyHanko does not sign hybrid files, so pre-flight refuses it with the way out,
    and --repair's rewrite signs and verifies in poppler."""
    src = fx.xref_stream_pdf(tmp_path / "word.pdf", hybrid=True)
    report = check(src)
    assert codes(report) == [Code.XREF_HYBRID_AGREES]
    assert report.stops_signing and report.repairable
    key = unlock(store_home, "budi", PASS)
    out = tmp_path / "word.signed.pdf"
    with pytest.raises(PreflightError) as refused:
        sign_pdf(
            src, out, key, at=datetime.now(UTC), options=SignOptions(preflight=PreflightMode.CHECK)
        )
    assert refused.value.key == "preflight.refused.xref_hybrid_agrees"
    options = SignOptions(preflight=PreflightMode.REPAIR)
    assert sign_pdf(src, out, key, at=datetime.now(UTC), options=options).repaired == (
        Repair.REWRITTEN,
    )
    assert_pdfsig_valid(out, 1)


def test_a_hybrid_whose_tables_disagree_names_the_object(tmp_path: Path) -> None:
    report = check(fx.xref_stream_pdf(tmp_path / "two-faced.pdf", hybrid=True, conflict=True))
    assert report.findings[0].code is Code.XREF_HYBRID
    assert report.findings[0].params == {"count": 1, "objects": "5"}
    assert report.findings[0].severity is Severity.REFUSE and report.repairable


# --- the repair -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "maker", "code", "repairable"),
    [r for r in REFUSED if r[3]],
    ids=[r[0] for r in REFUSED if r[3]],
)
def test_repair_settles_it_and_keeps_the_text(
    tmp_path: Path, name: str, maker: Maker, code: Code, repairable: bool
) -> None:
    src = maker(tmp_path / f"{name}.pdf")
    before = src.read_bytes()
    text = page_text(src) if code is not Code.OBJSTM_DISAGREE else "Surat undangan"
    data, changed = repair(check(src), before)
    assert changed[0] == Repair.REWRITTEN
    fixed = tmp_path / f"{name}.fixed.pdf"
    fixed.write_bytes(data)
    after = check(fixed)
    assert after.ok and not [f for f in after.findings if f.severity is not Severity.INFO]
    assert text.split()[:2] == page_text(fixed).split()[:2]
    assert src.read_bytes() == before  # the original is never touched
    assert b"/XRefStm" not in data and b"/ObjStm" not in data


def test_repair_says_what_it_removed(tmp_path: Path) -> None:
    js = fx.javascript_on_open(tmp_path / "js.pdf")
    _, changed = repair(check(js), js.read_bytes())
    assert changed == (Repair.REWRITTEN, Repair.OPEN_ACTION_REMOVED, Repair.SCRIPTS_REMOVED)
    enc = fx.owner_encrypted(tmp_path / "enc.pdf")
    assert repair(check(enc), enc.read_bytes())[1] == (Repair.REWRITTEN, Repair.DECRYPTED)
    xfa = fx.xfa_form(tmp_path / "xfa.pdf")
    assert repair(check(xfa), xfa.read_bytes())[1] == (Repair.REWRITTEN, Repair.XFA_REMOVED)


def test_repair_refuses_what_a_rewrite_cannot_settle(tmp_path: Path) -> None:
    dynamic = fx.xfa_form(tmp_path / "dynamic.pdf", dynamic=True)
    with pytest.raises(PreflightError) as refused:
        repair(check(dynamic), dynamic.read_bytes())
    assert refused.value.key == "preflight.refused.xfa_dynamic"
    assert refused.value.hint_key == "preflight.hint.author"


def test_repair_never_rewrites_bytes_that_hold_a_signature(tmp_path: Path) -> None:
    """A /ByteRange where no signed field is found (a form pypdf cannot follow, or a
    planted one): a rewrite could break a signature, so none is made."""
    js = fx.javascript_on_open(tmp_path / "js.pdf").read_bytes()
    planted = tmp_path / "planted.pdf"
    planted.write_bytes(js.replace(b"%PDF-1.3\n", b"%PDF-1.3\n%/ByteRange [0 1 2 3]\n", 1))
    report = check(planted)
    assert report.looks_signed and report.signatures == 0 and report.stops_signing
    with pytest.raises(PreflightError) as refused:
        repair(report, planted.read_bytes())
    assert refused.value.key == "preflight.signed_no_repair"


# --- signing: refused, repaired, or a later signature left alone ----------------------------


def test_sign_refuses_before_writing_anything(tmp_path: Path, store_home: Path) -> None:
    key = unlock(store_home, "budi", PASS)
    src = fx.javascript_on_open(tmp_path / "js.pdf")
    out = tmp_path / "js.signed.pdf"
    options = SignOptions(preflight=PreflightMode.CHECK)
    with pytest.raises(PreflightError) as refused:
        sign_pdf(src, out, key, at=datetime.now(UTC), options=options)
    assert refused.value.exit_code == ExitCode.PREFLIGHT == 21
    assert refused.value.key == "preflight.refused.open_action"
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == ["js.base.pdf", "js.pdf"]


def test_sign_with_repair_signs_the_rewrite(tmp_path: Path, store_home: Path) -> None:
    key = unlock(store_home, "budi", PASS)
    src = fx.owner_encrypted(tmp_path / "enc.pdf")
    before = src.read_bytes()
    out = tmp_path / "enc.signed.pdf"
    options = SignOptions(preflight=PreflightMode.REPAIR)
    result = sign_pdf(src, out, key, at=datetime.now(UTC), options=options)
    assert result.repaired == (Repair.REWRITTEN, Repair.DECRYPTED)
    assert src.read_bytes() == before
    assert verify(out, store_trust(store_home)).verdict is Verdict.VALID
    assert_pdfsig_valid(out, 1)
    assert not check(out).stops_signing


def test_a_signed_letter_is_signed_as_it_is_in_both_modes(tmp_path: Path, store_home: Path) -> None:
    """The first signature was made without pre-flight (another tool): the second is not
    refused for the script, and --repair does not rewrite: the first stays valid."""
    key = unlock(store_home, "budi", PASS)
    first = tmp_path / "first.pdf"
    sign_pdf(fx.javascript_on_open(tmp_path / "js.pdf"), first, key, at=datetime.now(UTC))
    signed = first.read_bytes()
    assert check(first).signatures == 1 and not check(first).stops_signing
    for mode in PreflightMode:
        out = tmp_path / f"second-{mode.value}.pdf"
        result = sign_pdf(
            first, out, key, at=datetime.now(UTC), options=SignOptions(preflight=mode)
        )
        assert result.repaired == ()
        assert out.read_bytes().startswith(signed)  # an incremental update, nothing rewritten
        assert_pdfsig_valid(out, 2)


def test_password_protected_input_keeps_its_exit_code(tmp_path: Path, store_home: Path) -> None:
    key = unlock(store_home, "budi", PASS)
    locked = tmp_path / "locked.pdf"
    make_encrypted_pdf(locked, user_password="rahasia")
    for mode in PreflightMode:
        with pytest.raises(PdfInputError) as refused:
            sign_pdf(
                locked,
                tmp_path / "x.pdf",
                key,
                at=datetime.now(UTC),
                options=SignOptions(preflight=mode),
            )
        assert refused.value.key == "pdf.encrypted" and refused.value.exit_code == ExitCode.INPUT


# --- the command line -----------------------------------------------------------------------


def run(*args: str, passphrase: str | None = None) -> Result:
    env = {"ESIGN_PASSPHRASE": passphrase if passphrase is not None else ""}
    return CliRunner().invoke(cli, ["--non-interactive", *args], env=env)


def test_check_command_lines_and_exit_codes(tmp_path: Path) -> None:
    js = fx.javascript_on_open(tmp_path / "js.pdf")
    refused = run("check", str(js))
    assert refused.exit_code == ExitCode.PREFLIGHT, refused.output
    assert refused.stdout.splitlines() == [
        f"{js}: 2 things must be settled before the first signature.",
        "  must be settled: The file runs an action when it opens (/JavaScript). --repair "
        "removes it.",
        "  must be settled: The file holds 1 script or action that runs code, starts a program"
        " or sends data: what it shows could change after signing. --repair removes it.",
        f"`esign sign {js} --repair` rewrites it once and signs the rewrite (the original "
        "stays as it is).",
    ]
    clean = run("check", str(fx.clean_letter(tmp_path / "clean.pdf")))
    assert clean.exit_code == 0
    assert clean.stdout.strip().endswith("ready for its first signature; nothing must be settled.")
    dynamic = run("--lang", "id", "check", str(fx.xfa_form(tmp_path / "d.pdf", dynamic=True)))
    assert dynamic.exit_code == ExitCode.PREFLIGHT
    assert "1 hal harus dibereskan sebelum tanda tangan pertama." in dynamic.stdout
    assert "mintalah PDF baru kepada pembuatnya" in dynamic.stdout
    locked = tmp_path / "locked.pdf"
    make_encrypted_pdf(locked, user_password="rahasia")
    assert run("check", str(locked)).exit_code == ExitCode.INPUT


def test_check_json(tmp_path: Path) -> None:
    src = fx.pdfa_claim(tmp_path / "a2b.pdf", encrypt=True)
    result = run("check", str(src), "--json")
    assert result.exit_code == ExitCode.PREFLIGHT
    data = json.loads(result.stdout)
    assert data["schema"] == 1 and data["exit_code"] == 21 and data["ready"] is False
    assert (data["pdfa"], data["pdfa_kept"], data["repairable"]) == ("2B", False, True)
    assert [(f["code"], f["severity"]) for f in data["findings"]] == [
        ("encrypted", "refuse"),
        ("pdfa", "info"),
    ]
    assert data["findings"][1]["message"].startswith("The file claims PDF/A-2B, but PDF/A")
    ready = json.loads(run("check", str(fx.font_not_embedded(tmp_path / "f.pdf")), "--json").stdout)
    assert ready["ready"] is True and ready["findings"][0]["params"]["count"] == 1


def test_sign_refuses_before_the_passphrase(tmp_path: Path, store_home: Path) -> None:
    """No passphrase is given and prompting is off: the refusal came first."""
    src = fx.javascript_on_open(tmp_path / "js.pdf")
    result = run("sign", str(src), "--signer", "budi", "-y")
    assert result.exit_code == ExitCode.PREFLIGHT, result.output
    lines = result.stderr.splitlines()
    assert lines[0] == f"error: {src} runs an action when it opens (/JavaScript). Not signed."
    assert lines[1].startswith(f"hint: see what was found with `esign check {src}`")
    assert not src.with_name("js.signed.pdf").exists()
    idn = run("--lang", "id", "sign", str(src), "--signer", "budi", "-y")
    assert idn.stderr.splitlines()[0] == (
        f"Kesalahan: {src} menjalankan aksi saat dibuka (/JavaScript). Tidak ditandatangani."
    )


def test_sign_repair_on_the_command_line(tmp_path: Path, store_home: Path) -> None:
    src = fx.xref_stream_pdf(tmp_path / "hybrid.pdf", hybrid=True, conflict=True)
    before = src.read_bytes()
    result = run("sign", str(src), "--signer", "budi", "-y", "--repair", passphrase=PASS)
    assert result.exit_code == 0, result.output
    assert (
        "Repaired before the first signature: written anew with one cross-reference table, "
        "without object streams. The original file is unchanged."
    ) in result.stdout
    out = src.with_name("hybrid.signed.pdf")
    assert src.read_bytes() == before
    assert run("verify", str(out)).exit_code == 0
    assert_pdfsig_valid(out, 1)
    as_json = run("sign", str(out), "--signer", "budi", "-y", "--repair", "--json", passphrase=PASS)
    assert as_json.exit_code == 0, as_json.output
    assert json.loads(as_json.stdout)["repaired"] == []  # signed already: as it is
    assert_pdfsig_valid(out.with_name("hybrid.signed.signed.pdf"), 2)


def test_batch_names_the_refused_letter_and_signs_the_others(
    tmp_path: Path, store_home: Path
) -> None:
    folder = tmp_path / "masuk"
    folder.mkdir()
    fx.clean_letter(folder / "a.pdf")
    fx.javascript_on_open(tmp_path / "b.pdf").rename(folder / "b.pdf")
    out = tmp_path / "keluar"
    args = ["sign", str(folder / "a.pdf"), str(folder / "b.pdf"), "--out-dir", str(out)]
    result = run(*args, "--signer", "budi", "-y", "--json", passphrase=PASS)
    assert result.exit_code == ExitCode.PREFLIGHT, result.output
    lines = {Path(d["input"]).name: d for d in map(json.loads, result.stdout.splitlines())}
    assert lines["a.pdf"]["status"] == "signed" and lines["a.pdf"]["repaired"] == []
    assert lines["b.pdf"]["status"] == "failed" and lines["b.pdf"]["exit_code"] == 21
    assert "runs an action when it opens" in lines["b.pdf"]["error"]
    repaired = run(
        *args, "--signer", "budi", "-y", "--json", "--repair", "--force", passphrase=PASS
    )
    assert repaired.exit_code == 0, repaired.output
    fixed = [json.loads(line) for line in repaired.stdout.splitlines()]
    assert sorted(tuple(d["repaired"]) for d in fixed) == [
        (),
        ("rewritten", "open_action_removed", "scripts_removed"),
    ]


def test_sign_repair_in_place_replaces_the_letter_with_the_signed_rewrite(
    tmp_path: Path, store_home: Path
) -> None:
    src = fx.xfa_form(tmp_path / "formulir.pdf")
    result = run(
        "sign", str(src), "--in-place", "--signer", "budi", "-y", "--repair", passphrase=PASS
    )
    assert result.exit_code == 0, result.output
    assert (
        "Repaired before the first signature: written anew with one cross-reference table, "
        "without object streams; the XFA form removed." in result.stdout
    )
    assert "The original file is unchanged" not in result.stdout
    assert check(src).signatures == 1 and Code.XFA not in codes(check(src))
    assert_pdfsig_valid(src, 1)
