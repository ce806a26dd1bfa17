"""What the report says must be what was checked (issue 11, "wrong explanations"): the
PAdES level only when its requirements hold, a weak digest said as such with trust kept
apart, and a changed byte that leaves the signature value, the chain and the later
revisions each reported for what they are."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pyhanko.sign import attributes
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.sign.signers.pdf_cms import SignedAttributeProviderSpec

import attacks
from conftest import PASS
from esign.cli import cli
from esign.models import Level, Modifications, SubIndication, Verdict
from esign.verify import verify_pdf
from helpers import independent_trust, sign_file, store_trust, unlock
from independent_pki import IndependentPki

AT = datetime(2026, 12, 1, tzinfo=UTC)


class _OnlySigningTime(SignedAttributeProviderSpec):  # type: ignore[misc]
    """CAdES signed attributes as an older tool writes them: signingTime, no ESS
    signing-certificate-v2 (content type and message digest are always added)."""

    def signed_attr_providers(self, data_digest: bytes, digest_algorithm: str) -> Iterable[Any]:
        yield attributes.SigningTimeProvider(timestamp=AT)


class _Nothing(SignedAttributeProviderSpec):  # type: ignore[misc]
    def signed_attr_providers(self, data_digest: bytes, digest_algorithm: str) -> Iterable[Any]:
        return iter(())


def _sign(independent: IndependentPki, letter: Path, out: Path, **kwargs: Any) -> Path:
    signer = independent.signer
    attacks.sign_as(
        signer.key, signer.cert, letter, out, chain=(independent.intermediate.cert,), **kwargs
    )
    return out


def _check(independent: IndependentPki, pdf: Path):  # type: ignore[no-untyped-def]
    return verify_pdf(pdf, trust=independent_trust(independent), at=AT)


@pytest.mark.parametrize(
    ("kwargs", "level", "code"),
    [
        ({"subfilter": SigSeedSubFilter.PADES}, Level.B_B, None),
        ({"subfilter": SigSeedSubFilter.ADOBE_PKCS7_DETACHED}, Level.NONE, "level_subfilter"),
        (
            {"subfilter": SigSeedSubFilter.PADES, "signed_attrs": _OnlySigningTime()},
            Level.NONE,
            "level_signing_time",
        ),
        (
            {"subfilter": SigSeedSubFilter.PADES, "signed_attrs": _Nothing()},
            Level.NONE,
            "level_no_signing_certificate",
        ),
    ],
)
def test_level_b_b_only_when_its_requirements_hold(
    independent: IndependentPki,
    letter: Path,
    tmp_path: Path,
    kwargs: dict[str, Any],
    level: Level,
    code: str | None,
) -> None:
    report = _check(independent, _sign(independent, letter, tmp_path / "s.pdf", **kwargs))
    (sig,) = report.signatures
    assert report.verdict is Verdict.VALID, sig.problems  # the level is no verdict
    assert sig.level is level
    assert (sig.level_reason.code if sig.level_reason else None) == code


def test_level_none_is_explained_in_the_report(
    independent: IndependentPki, letter: Path, tmp_path: Path
) -> None:
    pdf = _sign(
        independent, letter, tmp_path / "adbe.pdf", subfilter=SigSeedSubFilter.ADOBE_PKCS7_DETACHED
    )
    trust = tmp_path / "root.pem"
    trust.write_bytes(independent.root.cert_pem())
    result = CliRunner().invoke(cli, ["verify", "--trust", str(trust), str(pdf)])
    assert (
        "none (not PAdES baseline): Not a PAdES baseline signature: its sub-filter is "
        in " ".join(result.stdout.split())
    )
    assert "PAdES-B-B" not in result.stdout


def test_sha1_is_a_weak_digest_not_a_chain_failure(
    independent: IndependentPki, letter: Path, tmp_path: Path
) -> None:
    report = _check(independent, _sign(independent, letter, tmp_path / "sha1.pdf", md="sha1"))
    (sig,) = report.signatures
    assert (sig.verdict, sig.sub_indication) == (
        Verdict.INDETERMINATE,
        SubIndication.CRYPTO_CONSTRAINTS_FAILURE,
    )
    assert [f.code for f in sig.findings] == ["weak_algorithm"]
    assert "sha1" in sig.problems[0] and "chain failed" not in sig.problems[0]
    assert sig.trusted is True  # the chain is a separate question, and it holds
    assert sig.chain[-1] == "CN=Independent Test Root CA,O=Independent Test PKI,C=ID"


def _row(stdout: str, label: str) -> str:
    match = re.search(rf"^\s*│?\s*{re.escape(label)}\s+(.+?)\s*│?$", stdout, re.MULTILINE)
    assert match, f"no row {label!r} in\n{stdout}"
    return match.group(1)


def test_a_flipped_byte_reports_what_was_checked(
    store_home: Path, letter: Path, tmp_path: Path
) -> None:
    signed = tmp_path / "signed.pdf"
    sign_file(letter, signed, unlock(store_home, "budi", PASS))
    tampered = tmp_path / "flipped.pdf"
    attacks.flip_byte_in_signed_range(signed, tampered)
    report = verify_pdf(tampered, trust=store_trust(store_home), at=datetime.now(UTC))
    (sig,) = report.signatures
    assert (sig.verdict, sig.sub_indication) == (Verdict.INVALID, SubIndication.HASH_FAILURE)
    assert sig.intact is False
    assert sig.crypto_valid is True  # the signature value over the signed attributes verifies
    assert sig.trusted is True  # and the certificate chain was validated
    assert sig.modifications is Modifications.UNKNOWN  # of a revision that is not the signed one
    result = CliRunner().invoke(cli, ["verify", str(tampered)], terminal_width=200)
    assert result.exit_code == 3
    assert _row(result.stdout, "Bytes intact") == "no"
    assert _row(result.stdout, "Signature valid") == "yes"
    assert _row(result.stdout, "Trusted issuer") == "yes"
    assert _row(result.stdout, "Changes after signing") == (
        "unknown: the signed bytes themselves were changed"
    )
