"""Signing for someone: a.n., u.b., Plt., Plh. (office practice §3), and the manifest columns
that place stamps and state roles per letter.

The signer always uses their own key: the role is a statement in the stamp and in /Reason.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner, Result

from conftest import EXAMPLES, PASS, assert_pdfsig_valid, pdf_text
from esign.app.signing import default_reason
from esign.cli import cli
from esign.errors import ExitCode
from esign.models import Acting, SigningRole
from esign.stamp.layout import StampText, layout
from esign.stamp.place import find_tag

TAG = "${ttd_pengirim}"
REASON_HEAD = "Dokumen ini telah ditandatangani secara elektronik oleh "


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), env={"ESIGN_PASSPHRASE": PASS})


def text_of(pdf: Path) -> list[str]:
    return [line.strip() for line in pdf_text(pdf).splitlines() if line.strip()]


# --- the role itself ---------------------------------------------------------------------------


def test_role_lines_position_and_reason() -> None:
    role = SigningRole(on_behalf_of="Bupati Jember", via="Sekretaris Daerah", acting=Acting.PLT)
    assert role.block_lines() == ("a.n. Bupati Jember", "Sekretaris Daerah", "u.b.")
    assert role.position("Kepala Dinas") == "Plt. Kepala Dinas"
    assert SigningRole(acting=Acting.PLH).position("Kepala Dinas") == "Plh. Kepala Dinas"
    assert SigningRole().position("Kepala Dinas") == "Kepala Dinas"
    assert SigningRole(acting=Acting.PLT).position(None) is None
    assert SigningRole(on_behalf_of="Bupati Jember").block_lines() == ("a.n. Bupati Jember",)
    assert role.reason_suffix() == " a.n. Bupati Jember u.b. Sekretaris Daerah"
    assert SigningRole().reason_suffix() == ""


def test_default_reason_with_and_without_a_role() -> None:
    plain = default_reason("Kepala Dinas", "Budi Santoso", "198701012010011001")
    assert plain == REASON_HEAD + "Kepala Dinas (Budi Santoso - NIP. 19870101 201001 1 001)"
    role = SigningRole(on_behalf_of="Bupati Jember", acting=Acting.PLH)
    assert default_reason("Kepala Dinas", "Budi Santoso", "198701012010011001", role) == (
        REASON_HEAD
        + "Plh. Kepala Dinas (Budi Santoso - NIP. 19870101 201001 1 001) a.n. Bupati Jember"
    )


def test_delegation_lines_stay_separate_lines_in_the_layout() -> None:
    def measure(text: str, size: float, bold: bool) -> float:
        return len(text) * size * 0.5

    text = StampText(
        heading="Ditandatangani secara elektronik oleh:",
        delegation="a.n. Bupati Jember\nSekretaris Daerah\nu.b.",
        title="Plt. Kepala Dinas",
        name="Budi Santoso",
        nip="NIP. 19870101 201001 1 001",
    )
    placed = layout(text, 400, 200, qr_modules=None, measure=measure)
    words = [line.text for line in placed.lines]
    start = words.index("a.n. Bupati Jember")
    assert words[start : start + 4] == [
        "a.n. Bupati Jember",
        "Sekretaris Daerah",
        "u.b.",
        "Plt. Kepala Dinas",
    ]
    # squeezed into a tiny box the lines are still separate (ellipsized, never joined)
    tiny = layout(text, 60, 40, qr_modules=None, measure=measure)
    assert not any("Jember Sekretaris" in line.text for line in tiny.lines)


# --- signing -----------------------------------------------------------------------------------


def test_sign_on_behalf_via_and_acting(store_home: Path, letter: Path) -> None:
    out = letter.with_name("an.pdf")
    result = run(
        "sign",
        str(letter),
        "-o",
        str(out),
        "--signer",
        "budi",
        "--stamp",
        "--at",
        TAG,
        "--on-behalf-of",
        "Bupati Jember",
        "--via",
        "Sekretaris Daerah",
        "--acting",
        "plt",
    )
    assert result.exit_code == 0, result.output
    assert_pdfsig_valid(out, 1)
    lines = text_of(out)
    start = lines.index("a.n. Bupati Jember")
    assert lines[start : start + 4] == [
        "a.n. Bupati Jember",
        "Sekretaris Daerah",
        "u.b.",
        "Plt. Kepala Dinas",
    ]
    assert "Budi Santoso, S.Kom., M.T." in lines[start + 4 : start + 7]
    verified = run("verify", "--json", str(out))
    assert verified.exit_code == 0, verified.output
    sig = json.loads(verified.stdout)["signatures"][0]
    assert sig["reason"] == (
        REASON_HEAD + "Plt. Kepala Dinas (Budi Santoso, S.Kom., M.T. - NIP. 19870101 201001 1 001)"
        " a.n. Bupati Jember u.b. Sekretaris Daerah"
    )
    # the signer is still the officer: the role is a statement, not someone else's key
    assert sig["signer"]["nip"] == "198701012010011001"


def test_an_explicit_reason_wins_and_an_invisible_signature_keeps_the_role(
    store_home: Path, letter: Path
) -> None:
    out = letter.with_name("plh.pdf")
    assert (
        run("sign", str(letter), "-o", str(out), "--acting", "plh", "--signer", "budi").exit_code
        == 0
    )
    reason = json.loads(run("verify", "--json", str(out)).stdout)["signatures"][0]["reason"]
    assert reason.startswith(REASON_HEAD + "Plh. Kepala Dinas (")
    out2 = letter.with_name("own.pdf")
    args = ["sign", str(letter), "-o", str(out2), "--signer", "budi", "--acting", "plh"]
    assert run(*args, "--reason", "Disetujui").exit_code == 0
    reason = json.loads(run("verify", "--json", str(out2)).stdout)["signatures"][0]["reason"]
    assert reason == "Disetujui"


def test_via_without_on_behalf_is_a_usage_error(store_home: Path, letter: Path) -> None:
    result = run("sign", str(letter), "--signer", "budi", "--via", "Sekretaris Daerah")
    assert result.exit_code == ExitCode.USAGE
    assert "--via (u.b.) needs --on-behalf-of (a.n.)" in result.output
    assert not letter.with_name("surat-undangan.signed.pdf").exists()
    result = run("sign", str(letter), "--signer", "budi", "--acting", "pj")
    assert result.exit_code == ExitCode.USAGE


# --- the manifest ------------------------------------------------------------------------------


def _rect(pdf: Path) -> tuple[float, float, float, float]:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.fields import enumerate_sig_fields

    with pdf.open("rb") as fh:
        ((_name, _value, ref),) = list(enumerate_sig_fields(PdfFileReader(fh)))
        x1, y1, x2, y2 = (float(v) for v in ref.get_object()["/Rect"])
    return x1, y1, x2, y2


def test_manifest_places_stamps_and_states_roles_per_letter(
    store_home: Path, tmp_path: Path
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in ("a.pdf", "b.pdf"):
        shutil.copy(EXAMPLES / "surat-undangan.pdf", inbox / name)
    manifest = inbox / "jobs.csv"
    manifest.write_text(
        "input,signer,at,page,box,on_behalf_of,via,acting\n"
        f"a.pdf,budi,{TAG},,,Bupati Jember,,plt\n"
        'b.pdf,budi,,1,"20,20,60,25mm",,,\n',
        encoding="utf-8",
    )
    result = run("sign", "--manifest", str(manifest), "--json")
    assert result.exit_code == 0, result.output
    a, b = inbox / "a.signed.pdf", inbox / "b.signed.pdf"
    for pdf in (a, b):
        assert_pdfsig_valid(pdf, 1)
    # a: at the placeholder, with the role
    (tag,) = find_tag(EXAMPLES / "surat-undangan.pdf", TAG)
    x1, y1, x2, y2 = _rect(a)
    assert x1 <= tag.box.x and tag.box.x + tag.box.w <= x2 and y1 <= tag.box.y <= y2
    lines = text_of(a)
    assert "a.n. Bupati Jember" in lines and "Plt. Kepala Dinas" in lines
    # b: the box from the row (millimetres), no role
    mm = 72 / 25.4
    x1, y1, x2, y2 = _rect(b)
    assert abs(x1 - 20 * mm) < 1 and abs((x2 - x1) - 60 * mm) < 1
    assert not any(line.startswith("a.n.") for line in text_of(b))
    reason = json.loads(run("verify", "--json", str(b)).stdout)["signatures"][0]["reason"]
    assert reason.startswith(REASON_HEAD + "Kepala Dinas (")


def test_manifest_role_and_box_errors_are_reported_before_signing(
    store_home: Path, tmp_path: Path
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(EXAMPLES / "surat-undangan.pdf", inbox / "a.pdf")
    manifest = inbox / "jobs.csv"
    manifest.write_text(
        "input,box,via,acting\na.pdf,,,pj\na.pdf,1;2;3,,\na.pdf,,Sekretaris Daerah,\na.pdf,,,plh\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        cli,
        ["sign", "--manifest", str(manifest), "--signer", "budi"],
        env={"ESIGN_PASSPHRASE": PASS},
    )
    assert result.exit_code == ExitCode.INPUT, result.output
    assert "2: acting pj" in result.stderr
    assert "3: box 1;2;3" in result.stderr
    assert "4: via Sekretaris Daerah without on_behalf_of" in result.stderr
    assert "5:" not in result.stderr
    assert not list(inbox.glob("*.signed.pdf"))
