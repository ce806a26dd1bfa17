"""The consent question before signing, ``cert issue --seal``, the seal's stamp block and
``fields add --at``.

Referees: the audit log for how consent was given, pdfsig and ``esign verify`` for every
signature, pdftotext for the words (and word boxes) on the page.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from conftest import CA_PASS, EXAMPLES, NIP, PASS, assert_pdfsig_valid, pdf_text
from esign.cli import cli, common
from esign.errors import ExitCode
from esign.stamp.layout import StampLayout, StampText, layout
from esign.stamp.place import Box, find_tag
from esign.store import open_store

TAG = "${ttd_pengirim}"
PROMPT_EN = "Sign? [y/N]"
PROMPT_ID = "Tandatangani? (ya/tidak)"


def run(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:
    """The CLI with the key passphrase in the environment: the only question is consent."""
    return CliRunner().invoke(
        cli,
        list(args),
        input=input,
        env={"ESIGN_PASSPHRASE": PASS, **(env or {})},
        catch_exceptions=False,
    )


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pretend a person is at a terminal (CliRunner's streams are not ttys)."""
    monkeypatch.setattr(common, "is_interactive_terminal", lambda: True)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def audit(home: Path, action: str = "sign") -> list[dict[str, object]]:
    with open_store(home) as store:
        return [e.detail for e in store.audit_entries() if e.action == action]


def logged(action: str = "sign") -> list[dict[str, object]]:
    """The details of the ``esign log --json`` entries with ``action``."""
    r = run("log", "--json")
    assert r.exit_code == 0, r.output
    entries = [json.loads(line) for line in r.stdout.splitlines() if line.strip()]
    return [e["detail"] for e in entries if e["action"] == action]


def page_text(pdf: Path) -> str:
    return " ".join(pdf_text(pdf).split())


def field_rect(pdf: Path, name: str) -> Box:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.fields import enumerate_sig_fields

    with pdf.open("rb") as fh:
        reader = PdfFileReader(fh)
        for found, _value, ref in enumerate_sig_fields(reader):
            if found == name:
                x1, y1, x2, y2 = (float(v) for v in ref.get_object()["/Rect"])
                return Box(x=x1, y=y1, w=x2 - x1, h=y2 - y1)
    raise AssertionError(f"no field {name} in {pdf}")


# --- 1. consent ------------------------------------------------------------------------------


def test_yes_answer_signs_after_showing_the_summary(
    store_home: Path, letter: Path, terminal: None
) -> None:
    out = letter.with_name("signed.pdf")
    r = run(
        "sign", str(letter), "-o", str(out), "--signer", "budi", "--reason", "Persetujuan",
        input="y\n",
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    assert PROMPT_EN in r.stderr
    assert "You are about to sign:" in r.stderr
    assert "Budi Santoso, S.Kom., M.T." in r.stderr
    assert "19870101 201001 1 001" in r.stderr  # the NIP, grouped
    assert "Kepala Dinas" in r.stderr
    assert "Persetujuan" in r.stderr
    assert "B-B" in r.stderr
    assert f"{letter} (1 page)" in r.stderr
    assert out.exists()
    assert_pdfsig_valid(out, 1)
    assert [e["consent"] for e in logged()] == ["confirmed"]


@pytest.mark.parametrize("signer", ["budi", "seal"])
def test_summary_reason_is_the_reason_signed(
    store_home: Path, letter: Path, terminal: None, signer: str
) -> None:
    out = letter.with_name("signed.pdf")
    r = run("sign", str(letter), "-o", str(out), "--signer", signer, input="y\n")
    assert r.exit_code == 0, r.output
    # a long reason wraps under itself: its continuation lines start with spaces only
    shown = re.search(r"^\s+Reason:\s+(.+(?:\n {4,}\S.*)*)$", r.stderr, re.M)
    assert shown, r.stderr
    verified = run("verify", "--json", str(out))
    assert verified.exit_code == 0, verified.output
    (sig,) = json.loads(verified.stdout)["signatures"]
    assert sig["reason"] == " ".join(shown[1].split())


@pytest.mark.parametrize("answer", ["ya\n", "YES\n", " Y \n"])
def test_other_yes_words_are_accepted(
    store_home: Path, letter: Path, terminal: None, answer: str
) -> None:
    out = letter.with_name("signed.pdf")
    r = run("sign", str(letter), "-o", str(out), "--signer", "budi", input=answer)
    assert r.exit_code == 0, r.output
    assert out.exists()


@pytest.mark.parametrize("answer", ["n\n", "\n", "", "nanti\n", "tidak\n"])
def test_anything_but_yes_declines_and_writes_nothing(
    store_home: Path, letter: Path, terminal: None, answer: str
) -> None:
    before = sha256(letter)
    out = letter.with_name("signed.pdf")
    r = run("sign", str(letter), "-o", str(out), "--signer", "budi", input=answer)
    assert r.exit_code == 14  # ExitCode.DECLINED, documented in the README
    assert PROMPT_EN in r.stderr
    assert "Not signed: the signer did not confirm. Nothing was written." in r.stderr
    assert not out.exists()
    assert sha256(letter) == before
    assert sorted(p.name for p in letter.parent.iterdir()) == [letter.name]  # no temp files
    assert audit(store_home) == []


def test_decline_is_asked_before_the_passphrase(
    store_home: Path, letter: Path, terminal: None
) -> None:
    """Without ESIGN_PASSPHRASE the passphrase would be the next question: it never comes."""
    r = CliRunner().invoke(
        cli, ["sign", str(letter), "--signer", "budi"], input="n\n" + PASS + "\n"
    )
    assert r.exit_code == ExitCode.DECLINED, r.output
    assert "passphrase" not in r.stderr.lower()
    assert not letter.with_name("surat-undangan.signed.pdf").exists()
    assert [p.name for p in letter.parent.iterdir()] == [letter.name]


def test_in_place_decline_leaves_the_original(
    store_home: Path, letter: Path, terminal: None
) -> None:
    before = sha256(letter)
    r = run("sign", str(letter), "--in-place", "--signer", "budi", input="n\n")
    assert r.exit_code == ExitCode.DECLINED
    assert sha256(letter) == before


@pytest.mark.parametrize("flag", ["--yes", "-y"])
def test_yes_flag_skips_the_question(
    store_home: Path, letter: Path, terminal: None, flag: str
) -> None:
    out = letter.with_name("signed.pdf")
    r = run("sign", str(letter), "-o", str(out), "--signer", "budi", flag)
    assert r.exit_code == 0, r.output
    assert PROMPT_EN not in r.stderr
    assert "You are about to sign" not in r.stderr
    assert_pdfsig_valid(out, 1)
    assert [e["consent"] for e in logged()] == ["flag"]


def test_no_terminal_is_never_asked(store_home: Path, letter: Path) -> None:
    out = letter.with_name("signed.pdf")
    r = run("sign", str(letter), "-o", str(out), "--signer", "budi")
    assert r.exit_code == 0, r.output
    assert PROMPT_EN not in r.stderr
    assert [e["consent"] for e in logged()] == ["unattended"]


def test_non_interactive_is_never_asked(store_home: Path, letter: Path, terminal: None) -> None:
    out = letter.with_name("signed.pdf")
    r = run("--non-interactive", "sign", str(letter), "-o", str(out), "--signer", "budi")
    assert r.exit_code == 0, r.output
    assert PROMPT_EN not in r.stderr
    assert audit(store_home)[0]["consent"] == "unattended"


def test_indonesian_question_and_answer(store_home: Path, letter: Path, terminal: None) -> None:
    out = letter.with_name("signed.pdf")
    r = run("--lang", "id", "sign", str(letter), "-o", str(out), "--signer", "budi", input="ya\n")
    assert r.exit_code == 0, r.output
    assert PROMPT_ID in r.stderr
    assert "Anda akan menandatangani:" in r.stderr
    assert "Penanda tangan" in r.stderr and "1 halaman" in r.stderr
    assert PROMPT_EN not in r.stderr
    declined = run(
        "--lang", "id", "sign", str(letter), "-o", str(letter.with_name("x.pdf")),
        "--signer", "budi", input="T\n",
    )  # fmt: skip
    assert declined.exit_code == ExitCode.DECLINED
    # a deliberate "no" is the signer's choice, not an error: no "Kesalahan:" before it
    assert "\nDibatalkan; tidak ada berkas yang ditandatangani.\n" in declined.stderr
    assert "Kesalahan" not in declined.stderr


def test_summary_shows_the_chosen_level(store_home: Path, letter: Path, terminal: None) -> None:
    # declined before any TSA is contacted: the unreachable URL is never used
    r = run(
        "sign", str(letter), "--signer", "budi", "--level", "B-T", "--tsa", "http://127.0.0.1:9/",
        input="n\n",
    )  # fmt: skip
    assert r.exit_code == ExitCode.DECLINED, r.output
    assert re.search(r"Level:\s+B-T$", r.stderr, re.M), r.stderr


def test_seal_summary_has_no_nip(store_home: Path, letter: Path, terminal: None) -> None:
    r = run("sign", str(letter), "--signer", "seal", input="n\n")
    assert r.exit_code == ExitCode.DECLINED
    assert "Dinas Kominfo Kabupaten Jember" in r.stderr
    assert "NIP" not in r.stderr


def _batch(folder: Path, count: int) -> list[Path]:
    folder.mkdir()
    files = []
    for i in range(count):
        dest = folder / f"surat-{i:02d}.pdf"
        shutil.copy(EXAMPLES / "surat-undangan.pdf", dest)
        files.append(dest)
    return files


def test_batch_asks_once_and_lists_eight_then_more(
    store_home: Path, tmp_path: Path, terminal: None
) -> None:
    files = _batch(tmp_path / "in", 11)
    out = tmp_path / "out"
    r = run("sign", *map(str, files), "--out-dir", str(out), "--signer", "budi", input="y\n")
    assert r.exit_code == 0, r.output
    assert r.stderr.count(PROMPT_EN) == 1
    assert r.stderr.count("You are about to sign:") == 1
    shown = [f for f in files if str(f) in r.stderr]
    assert shown == files[:8]
    assert "… and 3 more (11 files)" in r.stderr
    assert "11 pages" in r.stderr  # the total
    assert len(list(out.glob("*.pdf"))) == 11
    assert [e["consent"] for e in logged()] == ["confirmed"] * 11


def test_batch_decline_signs_nothing(store_home: Path, tmp_path: Path, terminal: None) -> None:
    files = _batch(tmp_path / "in", 3)
    before = [sha256(f) for f in files]
    out = tmp_path / "out"
    r = run("sign", *map(str, files), "--out-dir", str(out), "--signer", "budi", input="\n")
    assert r.exit_code == ExitCode.DECLINED
    assert r.stderr.count(PROMPT_EN) == 1
    assert "more" not in r.stderr  # three files are all listed
    assert not out.exists() or not list(out.iterdir())
    assert [sha256(f) for f in files] == before
    assert audit(store_home) == []


def test_batch_with_yes_records_the_flag(store_home: Path, tmp_path: Path, terminal: None) -> None:
    files = _batch(tmp_path / "in", 2)
    r = run("sign", *map(str, files), "--out-dir", str(tmp_path / "out"), "--signer", "budi", "-y")
    assert r.exit_code == 0, r.output
    assert PROMPT_EN not in r.stderr
    assert [e["consent"] for e in logged()] == ["flag", "flag"]


# --- 2. cert issue --seal --------------------------------------------------------------------

ISSUE_ENV = {"ESIGN_CA_PASSPHRASE": CA_PASS}


def issue(*args: str) -> Result:
    return run("cert", "issue", "--key", "p256", *args, env=ISSUE_ENV)


def listed(cert_id: str) -> dict[str, object] | None:
    r = run("cert", "list", "--json")
    assert r.exit_code == 0, r.output
    found = [c for c in json.loads(r.stdout) if c["id"] == cert_id]
    return found[0] if found else None


def test_seal_shorthand_names_the_institution(store_home: Path) -> None:
    r = issue("--id", "cap", "--seal", "--org", "Dinas Pendidikan Kabupaten Jember")
    assert r.exit_code == 0, r.output
    cap = listed("cap")
    assert cap is not None
    assert (cap["kind"], cap["name"], cap["org"], cap["nip"], cap["title"]) == (
        "seal",
        "Dinas Pendidikan Kabupaten Jember",
        "Dinas Pendidikan Kabupaten Jember",
        None,
        None,
    )


def test_seal_keeps_an_explicit_name(store_home: Path) -> None:
    r = issue(
        "--id", "cap", "--seal", "--name", "Dinas Pendidikan", "--org", "Pemkab Jember", "--json"
    )
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["kind"] == "seal"
    cap = listed("cap") or {}
    assert (cap["kind"], cap["name"], cap["org"]) == ("seal", "Dinas Pendidikan", "Pemkab Jember")


def test_seal_with_kind_seal_is_allowed(store_home: Path) -> None:
    r = issue("--id", "cap", "--seal", "--kind", "seal", "--org", "Pemkab Jember")
    assert r.exit_code == 0, r.output
    assert (listed("cap") or {})["kind"] == "seal"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--seal",), "give its organization with --org"),
        (("--seal", "--name", "Dinas"), "give its organization with --org"),
        (("--kind", "seal", "--name", "Dinas"), "give its organization with --org"),
        (("--seal", "--org", "Pemkab", "--nip", NIP), "--nip, --title and --rank"),
        (("--seal", "--org", "Pemkab", "--title", "Kepala"), "--nip, --title and --rank"),
        (("--seal", "--org", "Pemkab", "--rank", "IV/a"), "--nip, --title and --rank"),
        (("--kind", "seal", "--org", "Pemkab", "--nip", NIP), "--nip, --title and --rank"),
        (("--seal", "--kind", "person", "--org", "Pemkab"), "contradict each other"),
        (("--org", "Pemkab"), "needs --name"),
        (("--kind", "person", "--nip", NIP), "needs --name"),
    ],
)
def test_seal_and_person_usage_errors(
    store_home: Path, args: tuple[str, ...], message: str
) -> None:
    issued = len(audit(store_home, "cert.issue"))
    r = issue("--id", "x", *args)
    assert r.exit_code == 2, r.output
    assert message in r.stderr
    assert listed("x") is None
    assert len(audit(store_home, "cert.issue")) == issued


def test_seal_usage_errors_come_in_indonesian(store_home: Path) -> None:
    r = run("--lang", "id", "cert", "issue", "--id", "x", "--seal", env=ISSUE_ENV)
    assert r.exit_code == 2
    assert "sebutkan instansinya dengan --org" in r.stderr


# --- 3. the seal's stamp block ---------------------------------------------------------------


def cap_png(tmp_path: Path) -> Path:
    pytest.importorskip("PIL")
    from cap_image import make_cap

    return make_cap(tmp_path / "cap.png", size=300)


def test_seal_stamp_names_the_institution_not_a_person(store_home: Path, letter: Path) -> None:
    out = letter.with_name("sealed.pdf")
    r = run("sign", str(letter), "-o", str(out), "--signer", "seal", "--stamp", "--at", TAG)
    assert r.exit_code == 0, r.output
    text = page_text(out)
    assert "Disegel secara elektronik oleh:" in text
    assert "Ditandatangani secara elektronik oleh" not in text
    assert "Dinas Kominfo Kabupaten Jember" in text
    before = page_text(letter)
    assert "Dinas Kominfo Kabupaten Jember" not in before
    # the organization above the name (the letter mentions it once already)
    assert (
        text.count("Pemerintah Kabupaten Jember") == before.count("Pemerintah Kabupaten Jember") + 1
    )
    assert text.count("NIP") == before.count("NIP")  # the letter's own, no NIP line added
    assert_pdfsig_valid(out, 1)
    verified = run("verify", str(out))
    assert verified.exit_code == 0, verified.output


def test_person_stamp_keeps_the_signed_heading_and_nip(store_home: Path, letter: Path) -> None:
    out = letter.with_name("signed.pdf")
    r = run("sign", str(letter), "-o", str(out), "--signer", "budi", "--stamp", "--at", TAG)
    assert r.exit_code == 0, r.output
    text = page_text(out)
    assert "Disegel secara elektronik" not in text
    assert "NIP. 19870101 201001 1 001" in text


def test_seal_stamp_in_english_with_cap_image(
    store_home: Path, letter: Path, tmp_path: Path
) -> None:
    r = issue("--id", "cap", "--seal", "--org", "Dinas Pendidikan Kabupaten Jember")
    assert r.exit_code == 0, r.output
    out = letter.with_name("sealed-en.pdf")
    r = run(
        "--lang", "en", "sign", str(letter), "-o", str(out), "--signer", "cap", "--stamp",
        "--image", str(cap_png(tmp_path)),
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    text = page_text(out)
    assert "Electronically sealed by:" in text
    assert "Disegel" not in text
    # --name defaulted to --org: the institution is named once, not twice
    assert text.count("Dinas Pendidikan Kabupaten Jember") == 1
    assert text.count("NIP") == page_text(letter).count("NIP")
    assert_pdfsig_valid(out, 1)
    verified = run("verify", str(out))
    assert verified.exit_code == 0, verified.output


def test_batch_seal_stamp_uses_the_seal_heading(store_home: Path, tmp_path: Path) -> None:
    files = _batch(tmp_path / "in", 2)
    out = tmp_path / "out"
    r = run("sign", *map(str, files), "--out-dir", str(out), "--signer", "seal", "--stamp")
    assert r.exit_code == 0, r.output
    signed = sorted(out.glob("*.pdf"))
    assert len(signed) == 2
    for pdf in signed:
        assert "Disegel secara elektronik oleh:" in page_text(pdf)


SEAL_TEXT = StampText(
    heading="Disegel secara elektronik oleh:",
    name="Dinas Kominfo Kabupaten Jember",
    when="25 November 2026 18.04 WIB",
)
PERSON_TEXT = StampText(
    heading="Ditandatangani secara elektronik oleh:",
    title="Kepala Dinas Komunikasi dan Informatika Kabupaten Jember",
    name="Budi Santoso, S.Kom., M.T.",
    rank="Pembina (IV/a)",
    nip="NIP. 19870101 201001 1 001",
    when="25 November 2026 18.04 WIB",
)


def _plans(w: float, h: float, qr: int | None) -> tuple[StampLayout, StampLayout]:
    code = "ABCDE-FGHIJ" if qr else None
    seal = layout(SEAL_TEXT, w, h, qr_modules=qr, code=code, image_aspect=1.0, cap=True)
    person = layout(PERSON_TEXT, w, h, qr_modules=qr, code=code, image_aspect=1.0)
    return seal, person


# the default box (85 x 34 mm), with and without QR, and other wide boxes
WIDE = [(240.9, 96.4, 97), (240.9, 96.4, None), (300, 120, 97), (220, 110, None)]


@pytest.mark.parametrize(("w", "h", "qr"), WIDE)
def test_seal_cap_is_at_least_as_tall_as_the_qr_over_the_position_line(
    w: float, h: float, qr: int | None
) -> None:
    """Issue 15: the cap was ~1 cm beside a large QR; as on paper, it is pressed over the
    position line, as tall as the QR at least, and the words stay legible."""
    from esign.stamp.layout import IMAGE_SHARE, WRAP_BELOW

    seal, person = _plans(w, h, qr)
    assert seal.image is not None and person.image is not None
    assert seal.image.h > person.image.h * 1.2
    if seal.qr is not None:
        assert seal.image.h >= seal.qr.h
    pad = max(2.0, min(6.0, min(w, h) * 0.05))
    column = h - 2 * pad  # wide boxes: the text column is the full inner height
    assert seal.image.h > column * IMAGE_SHARE * 1.2
    assert person.image.h == pytest.approx(column * IMAGE_SHARE, abs=0.5)
    assert seal.text_size >= WRAP_BELOW  # the larger cap does not shrink the words
    name = next(line for line in seal.lines if line.bold)  # the institution's line
    assert seal.image.y < name.y < seal.image.y + seal.image.h  # the cap sits over it
    assert seal.image.x >= (seal.qr.x + seal.qr.w if seal.qr else 0)  # never over the QR


@pytest.mark.parametrize(("w", "h", "qr"), [*WIDE, (160, 160, 97), (120, 200, None)])
def test_the_image_never_covers_the_text_or_leaves_the_box(
    w: float, h: float, qr: int | None
) -> None:
    from esign.stamp.fonts import ASCENT, DESCENT

    seal, person = _plans(w, h, qr)
    assert seal.image is not None
    for plan in (seal, person):
        img = plan.image
        if img is None:  # no room for a specimen at a legible size (6 pt): none drawn
            assert plan is person and plan.text_size == 6.0
            continue
        assert img.x >= -0.01 and img.x + img.w <= w + 0.01
        assert img.y >= -0.01 and img.y + img.h <= h + 0.01
    for line in person.lines:  # a person's specimen stays between position and name
        img = person.image
        if img is None:
            break
        top, bottom = line.y + line.size * ASCENT, line.y - line.size * DESCENT
        assert bottom >= img.y + img.h - 0.01 or top <= img.y + 0.01, (line, img)


def test_without_an_image_the_share_is_unchanged() -> None:
    seal = layout(SEAL_TEXT, 240, 96)
    assert seal.image is None


# --- 4. fields add --at ----------------------------------------------------------------------


def pdftotext_word_box(pdf: Path, word: str) -> Box:
    """The placeholder's box as poppler sees it (an independent referee of find_tag)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext not installed")
    html = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    page_h = float(re.search(r'<page width="[\d.]+" height="([\d.]+)"', html)[1])  # type: ignore[index]
    for m in re.finditer(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
        html,
    ):
        if m[5] == word:
            x0, y0, x1, y1 = (float(m[i]) for i in range(1, 5))
            return Box(x=x0, y=page_h - y1, w=x1 - x0, h=y1 - y0)  # PDF space: origin bottom-left
    raise AssertionError(f"{word} not in the text of {pdf}")


def test_field_at_tag_sits_on_the_placeholder_where_sign_at_would(
    store_home: Path, letter: Path
) -> None:
    doc = letter.with_name("fields.pdf")
    r = run("fields", "add", str(letter), "-o", str(doc), "--name", "ttd", "--at", TAG)
    assert r.exit_code == 0, r.output
    rect = field_rect(doc, "ttd")
    (hit,) = find_tag(letter, TAG)
    assert rect.contains(hit.box)
    poppler = pdftotext_word_box(letter, TAG)
    assert rect.x <= poppler.x + 1 and rect.y <= poppler.y + 1
    assert (
        rect.x + rect.w >= poppler.x + poppler.w - 1
        and rect.y + rect.h >= poppler.y + poppler.h - 1
    )
    # the same rectangle `esign sign --at` chooses for the same placeholder
    direct = letter.with_name("direct.pdf")
    r = run("sign", str(letter), "-o", str(direct), "--signer", "budi", "--at", TAG)
    assert r.exit_code == 0, r.output
    (name,) = json.loads(run("fields", "list", str(direct), "--json").output)["fields"]
    assert field_rect(direct, name["name"]) == pytest.approx(rect)
    # and not where the field would go without --at (the default, bottom right)
    default = letter.with_name("default.pdf")
    assert run("fields", "add", str(letter), "-o", str(default), "--name", "ttd").exit_code == 0
    assert not field_rect(default, "ttd").contains(hit.box)


def test_field_at_tag_then_sign_into_it_with_a_stamp(store_home: Path, letter: Path) -> None:
    doc = letter.with_name("fields.pdf")
    assert (
        run("fields", "add", str(letter), "-o", str(doc), "--name", "ttd", "--at", TAG).exit_code
        == 0
    )
    rect = field_rect(doc, "ttd")
    r = run("sign", str(doc), "--in-place", "--signer", "budi", "--field", "ttd", "--stamp")
    assert r.exit_code == 0, r.output
    assert field_rect(doc, "ttd") == rect  # the stamp filled the reserved field, in place
    listed = json.loads(run("fields", "list", str(doc), "--json").output)["fields"]
    assert [(f["name"], f["signed"]) for f in listed] == [("ttd", True)]
    assert "Budi Santoso, S.Kom., M.T." in page_text(doc)
    assert_pdfsig_valid(doc, 1)
    verified = run("verify", str(doc))
    assert verified.exit_code == 0, verified.output


def test_field_at_tag_with_box_takes_only_the_size(store_home: Path, letter: Path) -> None:
    doc = letter.with_name("fields.pdf")
    r = run(
        "fields", "add", str(letter), "-o", str(doc), "--name", "ttd", "--at", TAG,
        "--box", "0,0,150,60",
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    rect = field_rect(doc, "ttd")
    (hit,) = find_tag(letter, TAG)
    assert (round(rect.w), round(rect.h)) == (150, 60)
    assert rect.contains(hit.box)  # placed at the tag, not at 0,0


def test_field_at_missing_tag_is_a_clear_error(store_home: Path, letter: Path) -> None:
    doc = letter.with_name("fields.pdf")
    r = run("fields", "add", str(letter), "-o", str(doc), "--name", "ttd", "--at", "${nope}")
    assert r.exit_code == ExitCode.INPUT
    assert "error: The placeholder ${nope} does not appear in the text of any page." in r.stderr
    assert "hint:" in r.stderr
    assert not doc.exists()
    # --page says where to look: the placeholder is on page 3 of the circular, not page 1
    edaran = letter.with_name("edaran.pdf")
    shutil.copy(EXAMPLES / "surat-edaran-3hal.pdf", edaran)
    r = run("fields", "add", str(edaran), "-o", str(doc), "--name", "ttd", "--at", TAG,
            "--page", "1")  # fmt: skip
    assert r.exit_code == ExitCode.INPUT
    assert "does not appear in the text of page 1." in r.stderr
    assert not doc.exists()
    r = run("fields", "add", str(edaran), "-o", str(doc), "--name", "ttd", "--at", TAG,
            "--page", "last")  # fmt: skip
    assert r.exit_code == 0, r.output
    assert "page 3" in r.stdout


# --- the documents show commands that work ---------------------------------------------------


@pytest.mark.parametrize("doc", ["README.md", "docs/guide.md"])
def test_the_documented_seal_command_issues_a_seal(store_home: Path, doc: str) -> None:
    from conftest import ROOT
    from test_docs import esign_invocations, shell_lines

    calls = [
        words
        for line in shell_lines((ROOT / doc).read_text("utf-8"))
        for words in esign_invocations(line)
        if words[:2] == ["cert", "issue"] and ("--seal" in words or "seal" in words)
    ]
    assert calls, f"{doc} shows no seal being issued"
    for n, words in enumerate(calls):  # the English and Indonesian halves use the same id
        words = [f"doc-seal-{n}" if w == words[words.index("--id") + 1] else w for w in words]
        r = run(*words, "--key", "p256", env=ISSUE_ENV)
        assert r.exit_code == 0, f"{doc}: esign {' '.join(words)}\n{r.output}"
        assert (listed(f"doc-seal-{n}") or {})["kind"] == "seal"
