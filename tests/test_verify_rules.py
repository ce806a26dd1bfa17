"""The verification rules (esign.verify.rules): findings as codes, words at the edge."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import PASS
from esign import i18n
from esign.models import Coverage, Indication, Modifications, SubIndication, Verdict, finding
from esign.render.json import dumps, verification_json
from esign.verify import rules
from helpers import sign_file, store_trust, unlock, verify

GOOD = rules.Evidence(
    intact=True,
    valid=True,
    coverage=Coverage.ENTIRE_FILE,
    modifications=Modifications.NONE,
    revoked=False,
    trust_problem=None,
    has_path=True,
    cert_valid_at_signing=True,
)


def _with(**changes: object) -> rules.Evidence:
    import dataclasses

    return dataclasses.replace(GOOD, **changes)  # type: ignore[arg-type]


def test_sound_evidence_passes() -> None:
    assert rules.judge(GOOD) == rules.PASSED


@pytest.mark.parametrize(
    ("changes", "indication", "sub", "code"),
    [
        (
            {"intact": False, "valid": False},
            Indication.TOTAL_FAILED,
            SubIndication.HASH_FAILURE,
            "hash",
        ),
        ({"valid": False}, Indication.TOTAL_FAILED, SubIndication.SIG_CRYPTO_FAILURE, "crypto"),
        (
            {"coverage": Coverage.PARTIAL},
            Indication.TOTAL_FAILED,
            SubIndication.FORMAT_FAILURE,
            "coverage",
        ),
        (
            {"modifications": Modifications.DISALLOWED},
            Indication.TOTAL_FAILED,
            SubIndication.FORMAT_FAILURE,
            "modified",
        ),
        (
            {"has_path": False},
            Indication.INDETERMINATE,
            SubIndication.NO_CERTIFICATE_CHAIN_FOUND,
            "untrusted",
        ),
        (
            {"cert_valid_at_signing": False},
            Indication.INDETERMINATE,
            SubIndication.OUT_OF_BOUNDS_NO_POE,
            "cert_invalid_at_signing",
        ),
    ],
)
def test_each_rule_adds_its_finding(
    changes: dict[str, object], indication: Indication, sub: SubIndication, code: str
) -> None:
    outcome = rules.judge(_with(**changes))
    assert (outcome.indication, outcome.sub_indication) == (indication, sub)
    assert [f.code for f in outcome.findings] == [code]


def test_the_first_failed_rule_decides() -> None:
    outcome = rules.judge(
        _with(intact=False, has_path=False, modifications=Modifications.DISALLOWED)
    )
    assert [f.code for f in outcome.findings] == ["hash"]


def test_a_new_rule_is_one_function() -> None:
    def no_friday(e: rules.Evidence) -> rules.Failure:
        return rules.Failure(
            indication=Indication.INDETERMINATE,
            sub_indication=SubIndication.GENERIC,
            finding=finding("chain", detail="friday"),
        )

    outcome = rules.judge(GOOD, (*rules.RULES, no_friday))
    assert outcome.findings[0].params == {"detail": "friday"}


def test_a_finding_is_worded_in_the_language_asked_for() -> None:
    f = finding("chain", detail="X")
    assert f.text("en") == "The certificate chain failed validation: X"
    assert f.text("id") == "Rantai sertifikat gagal divalidasi: X"
    with i18n.language("id"):
        assert f.text() == f.text("id")


def test_json_carries_codes_and_problems_in_the_requested_language(
    store_home: Path, letter: Path, tmp_path: Path
) -> None:
    signed = tmp_path / "signed.pdf"
    sign_file(letter, signed, unlock(store_home, "budi", PASS))
    data = bytearray(signed.read_bytes())
    data[data.index(b"Dinas Kominfo Kabupaten Jember")] ^= 0x01
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(bytes(data))
    report = verify(tampered, store_trust(store_home))
    assert report.verdict is Verdict.INVALID
    english = json.loads(dumps(verification_json(report, lang="en")))["signatures"][0]
    indonesian = json.loads(dumps(verification_json(report, lang="id")))["signatures"][0]
    assert english["findings"] == [{"code": "hash", "params": {}}]
    assert english["problems"] == ["The signed bytes were changed: the digest does not match."]
    assert indonesian["problems"] == [
        "Isi yang ditandatangani telah diubah: nilai hash tidak cocok."
    ]
    assert i18n.get_language() == "en"  # the edge's language did not leak
