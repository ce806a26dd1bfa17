"""The committed JSON Schema is current, and real `esign verify --json` output validates."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from conftest import PASS, ROOT
from esign.cli import cli
from esign.schema import verify_schema
from helpers import append_page_content_update

SCHEMA_FILE = ROOT / "docs" / "verify.schema.json"


def test_committed_schema_is_current() -> None:
    committed = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert committed == verify_schema(), (
        "docs/verify.schema.json is stale: run `python -m esign.schema docs/verify.schema.json`"
    )


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(verify_schema())


@pytest.fixture
def outputs(store_home: Path, letter: Path, tmp_path: Path) -> list[dict[str, object]]:
    runner = CliRunner()
    assert (
        runner.invoke(
            cli, ["sign", str(letter), "--signer", "budi"], env={"ESIGN_PASSPHRASE": PASS}
        ).exit_code
        == 0
    )
    signed = letter.with_name("surat-undangan.signed.pdf")
    attacked = tmp_path / "attacked.pdf"
    append_page_content_update(signed, attacked, "Diubah")
    bogus = tmp_path / "bogus.pdf"
    bogus.write_text("not a pdf")
    result = runner.invoke(
        cli,
        [
            "verify",
            "--json",
            str(signed),
            str(letter),
            str(attacked),
            str(bogus),
            str(tmp_path / "missing.pdf"),
        ],
    )
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_real_output_validates(outputs: list[dict[str, object]]) -> None:
    validator = jsonschema.Draft202012Validator(verify_schema())
    assert [o["verdict"] for o in outputs] == ["valid", "unsigned", "invalid", "error", "error"]
    for line in outputs:
        errors = sorted(validator.iter_errors(line), key=str)
        assert not errors, errors[0]


def test_schema_rejects_a_broken_line(outputs: list[dict[str, object]]) -> None:
    validator = jsonschema.Draft202012Validator(verify_schema())
    broken = dict(outputs[0])
    broken["verdict"] = "probably fine"
    assert not validator.is_valid(broken)
    missing = {k: v for k, v in outputs[0].items() if k != "signatures"}
    assert not validator.is_valid(missing)
