"""Pangkat/golongan in the store's profile: shown by cert show/list, changed by cert rank
after a promotion (no new certificate), printed by the next stamp, recorded in the audit log."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result

from conftest import PASS, pdf_text
from esign.cli import cli
from esign.errors import ExitCode


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), env={"ESIGN_PASSPHRASE": PASS})


def test_rank_is_shown_set_normalised_and_cleared(store_home: Path) -> None:
    assert run("cert", "rank", "budi").output.strip() == "No rank is recorded for 'budi'."
    fingerprint = json.loads(run("cert", "show", "budi", "--json").stdout)["fingerprint"]
    changed = run("cert", "rank", "budi", "pembina iv/b", "--json")
    assert changed.exit_code == 0, changed.output
    assert json.loads(changed.stdout)["rank"] == "Pembina (IV/b)"
    assert run("cert", "rank", "budi").output.strip() == "Pembina (IV/b)"
    shown = json.loads(run("cert", "show", "budi", "--json").stdout)
    assert shown["rank"] == "Pembina (IV/b)"
    assert shown["fingerprint"] == fingerprint  # the certificate did not change
    listed = {c["id"]: c for c in json.loads(run("cert", "list", "--json").stdout)}
    assert listed["budi"]["rank"] == "Pembina (IV/b)"
    assert listed["seal"]["rank"] is None
    assert "Pembina (IV/b)" in run("cert", "show", "budi").output
    cleared = run("cert", "rank", "budi", "--clear")
    assert cleared.exit_code == 0
    assert json.loads(run("cert", "show", "budi", "--json").stdout)["rank"] is None


def test_rank_changes_are_audited(store_home: Path) -> None:
    assert run("cert", "rank", "budi", "IV/a").exit_code == 0
    assert run("cert", "rank", "budi", "Pembina Tingkat I (IV/b)").exit_code == 0
    entries = [json.loads(x) for x in run("log", "--json").stdout.splitlines()]
    ranks = [e for e in entries if e["action"] == "cert.rank"]
    assert [(e["detail"]["before"], e["detail"]["after"]) for e in ranks] == [
        (None, "Pembina (IV/a)"),
        ("Pembina (IV/a)", "Pembina Tingkat I (IV/b)"),
    ]
    assert run("log", "--check").exit_code == 0


def test_rank_errors(store_home: Path) -> None:
    seal = run("cert", "rank", "seal", "IV/a")
    assert seal.exit_code == ExitCode.CERTIFICATE
    assert "only officers have a rank" in seal.output
    assert run("cert", "rank", "nobody", "IV/a").exit_code == ExitCode.STORE
    both = run("cert", "rank", "budi", "IV/a", "--clear")
    assert both.exit_code == ExitCode.USAGE
    indonesian = run("--lang", "id", "cert", "rank", "seal", "IV/a")
    assert "hanya pejabat yang memiliki pangkat" in indonesian.output


def test_the_next_stamp_prints_the_new_rank(store_home: Path, letter: Path) -> None:
    def stamped_text(out: Path) -> str:
        result = run("sign", str(letter), "-o", str(out), "--signer", "budi", "--stamp")
        assert result.exit_code == 0, result.output
        return pdf_text(out)

    # (the example letter itself prints "Pembina (IV/a)" under the signature line)
    assert run("cert", "rank", "budi", "IV/c").exit_code == 0
    before = stamped_text(letter.with_name("a.pdf"))
    assert run("cert", "rank", "budi", "IV/d").exit_code == 0
    after = stamped_text(letter.with_name("b.pdf"))
    assert "Pembina Utama Muda (IV/c)" in before and "Pembina Utama Muda (IV/c)" not in after
    assert "Pembina Utama Madya (IV/d)" in after
