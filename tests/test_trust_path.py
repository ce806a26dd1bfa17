"""Who may sign (issue 19): CA keys, sub-CAs, broken path length and name constraints,
certificates for other purposes, and odd names in the trust list.

Every hostile certificate is built with cryptography's builders (tests/independent_pki.py)
and every letter signed by pyHanko directly (attacks.sign_as): esign's own signing
refuses such keys, an attacker's tools do not.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from cryptography import x509
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

import attacks
from conftest import CA_PASS
from esign import keys, pki
from esign.cli import cli
from esign.errors import CertificateError, ExitCode
from esign.keys import Secret
from esign.models import RevocationPolicy, SubIndication, Verdict
from esign.store import open_store
from esign.verify import TrustSettings, verify_pdf
from helpers import store_trust
from independent_pki import IndependentPki, Party, make_party

AT = datetime(2026, 12, 1, tzinfo=UTC)
SIGNING = {"digital_signature": True, "content_commitment": True}
CA_USAGE = {"key_cert_sign": True, "crl_sign": True}
SIG_CONSTRAINTS = SubIndication.SIG_CONSTRAINTS_FAILURE
CHAIN_CONSTRAINTS = SubIndication.CHAIN_CONSTRAINTS_FAILURE


def _verify(pdf: Path, roots: tuple[x509.Certificate, ...], **trust: object):  # type: ignore[no-untyped-def]
    # These PKIs publish no revocation data: the rules under test are the chain's, so the
    # revocation check is soft-fail here (test_revocation_policy.py holds hard-fail).
    trust.setdefault("revocation_policy", RevocationPolicy.SOFT_FAIL)
    return verify_pdf(pdf, trust=TrustSettings(roots=roots, **trust), at=AT)  # type: ignore[arg-type]


def _signed(letter: Path, tmp_path: Path, party: Party, chain: tuple[Party, ...] = ()) -> Path:
    out = tmp_path / f"{party.name.replace(' ', '-')}.pdf"
    attacks.sign_as(party.key, party.cert, letter, out, chain=tuple(p.cert for p in chain))
    return out


def test_letter_signed_with_the_store_roots_own_key_is_not_valid(
    store_home: Path, letter: Path, tmp_path: Path
) -> None:
    with open_store(store_home) as store:
        ca = store.ca()
        assert ca.key_ref is not None
        ca_key = keys.open_key(store.sealed_key(ca.key_ref), Secret(CA_PASS.encode()), ca.id)
    out = tmp_path / "root-signed.pdf"
    attacks.sign_as(ca_key, ca.cert, letter, out)
    report = verify_pdf(out, trust=store_trust(store_home), at=datetime.now(UTC))
    (sig,) = report.signatures
    assert (sig.verdict, sig.sub_indication) == (Verdict.INDETERMINATE, SIG_CONSTRAINTS)
    assert [f.code for f in sig.findings] == ["signer_is_ca"]
    assert sig.intact and sig.crypto_valid and sig.trusted  # what was checked still holds
    result = CliRunner().invoke(cli, ["verify", str(out)])
    assert result.exit_code == ExitCode.INDETERMINATE
    assert "certificate authority (CA:TRUE)" in result.stdout


def _case(independent: IndependentPki, name: str) -> tuple[Party, tuple[Party, ...], Party]:
    """(signer, chain shipped in the CMS, trusted root) for each hostile case."""
    root, issuing = independent.root, independent.intermediate
    if name == "sub_ca_as_signer":
        sub = make_party(
            root, "Sub CA signer", ca=True, path_length=0, key_usage=CA_USAGE | SIGNING
        )
        return sub, (), root
    if name == "beyond_root_path_length_0":
        strict_root = make_party(None, "Root pathLen 0", ca=True, path_length=0, key_usage=CA_USAGE)
        sub = make_party(strict_root, "Sub CA", ca=True, key_usage=CA_USAGE)
        return make_party(sub, "Leaf under sub CA", key_usage=SIGNING), (sub,), strict_root
    if name in ("outside_name_constraints", "inside_name_constraints"):
        allowed = x509.Name(
            [
                x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Pemkot Malang"),
            ]
        )
        nc = x509.NameConstraints(
            permitted_subtrees=[x509.DirectoryName(allowed)], excluded_subtrees=None
        )
        nc_root = make_party(
            None, "Root NC", ca=True, key_usage=CA_USAGE, name_constraints=nc, org="Pemkot Malang"
        )
        sub = make_party(
            nc_root, "Sub NC", ca=True, path_length=0, key_usage=CA_USAGE, org="Pemkot Malang"
        )
        org = "Pemkot Malang" if name.startswith("inside") else "Pemkot Batu"
        return make_party(sub, "Officer", key_usage=SIGNING, org=org), (sub,), nc_root
    eku = {
        "server_auth_only": [ExtendedKeyUsageOID.SERVER_AUTH],
        "time_stamping_only": [ExtendedKeyUsageOID.TIME_STAMPING],
        "email_protection": [ExtendedKeyUsageOID.CLIENT_AUTH, ExtendedKeyUsageOID.EMAIL_PROTECTION],
        "document_signing": [x509.ObjectIdentifier("1.3.6.1.5.5.7.3.36")],
        "adobe_documents": [x509.ObjectIdentifier("1.2.840.113583.1.1.5")],
        "any_usage": [ExtendedKeyUsageOID.ANY_EXTENDED_KEY_USAGE],
    }.get(name, [])
    usage = {
        "key_cert_sign_only": CA_USAGE,
        "no_key_usage": None,
        "digital_signature_only": {"digital_signature": True},
    }.get(name, SIGNING)
    return make_party(issuing, name, key_usage=usage, extended_usages=eku), (issuing,), root


@pytest.mark.parametrize(
    ("case", "sub", "code"),
    [
        ("sub_ca_as_signer", SIG_CONSTRAINTS, "signer_is_ca"),
        ("beyond_root_path_length_0", CHAIN_CONSTRAINTS, "chain_constraints"),
        ("outside_name_constraints", CHAIN_CONSTRAINTS, "chain_constraints"),
        ("server_auth_only", SIG_CONSTRAINTS, "signer_extended_usage"),
        ("time_stamping_only", SIG_CONSTRAINTS, "signer_extended_usage"),
        ("key_cert_sign_only", SIG_CONSTRAINTS, "signer_key_usage"),
        ("no_key_usage", SIG_CONSTRAINTS, "signer_no_key_usage"),
    ],
)
def test_a_certificate_not_made_for_signing_letters_is_never_valid(
    independent: IndependentPki,
    letter: Path,
    tmp_path: Path,
    case: str,
    sub: SubIndication,
    code: str,
) -> None:
    signer, chain, root = _case(independent, case)
    report = _verify(_signed(letter, tmp_path, signer, chain), (root.cert,))
    (sig,) = report.signatures
    assert (sig.verdict, sig.sub_indication) == (Verdict.INDETERMINATE, sub), sig.problems
    assert [f.code for f in sig.findings] == [code]
    assert sig.intact and sig.crypto_valid


@pytest.mark.parametrize(
    "case",
    [
        "inside_name_constraints",
        "email_protection",
        "document_signing",
        "adobe_documents",
        "any_usage",
        "digital_signature_only",
    ],
)
def test_a_signing_certificate_within_the_rules_is_valid(
    independent: IndependentPki, letter: Path, tmp_path: Path, case: str
) -> None:
    signer, chain, root = _case(independent, case)
    report = _verify(_signed(letter, tmp_path, signer, chain), (root.cert,))
    assert report.verdict is Verdict.VALID, report.signatures[0].problems


def test_the_constraint_broken_is_named(
    independent: IndependentPki, letter: Path, tmp_path: Path
) -> None:
    signer, chain, root = _case(independent, "beyond_root_path_length_0")
    (sig,) = _verify(_signed(letter, tmp_path, signer, chain), (root.cert,)).signatures
    assert "maximum path length" in sig.problems[0]


def _emoji_cert(independent: IndependentPki) -> x509.Certificate:
    return make_party(independent.intermediate, "Budi \U0001f600", key_usage=SIGNING).cert


@pytest.mark.parametrize("where", ["roots", "other_certs"])
def test_one_odd_certificate_in_the_trust_list_breaks_nothing_else(
    independent: IndependentPki, letter: Path, tmp_path: Path, where: str
) -> None:
    pdf = _signed(letter, tmp_path, independent.signer, (independent.intermediate,))
    odd = (_emoji_cert(independent),)
    roots = (independent.root.cert, *(odd if where == "roots" else ()))
    report = _verify(pdf, roots, other_certs=odd if where == "other_certs" else ())
    assert report.verdict is Verdict.VALID, report.signatures[0].problems
    assert any("was skipped" in note and "Budi" in note for note in report.notes)


def _profile(**fields: str) -> pki.SubjectProfile:
    return pki.SubjectProfile(**{"name": "Budi Santoso", **fields})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": "Budi \U0001f600"}, "U+1F600"),
        ({"title": "Kepala\x1b[2J"}, "U+001B"),
        ({"name": "B" * 500}, "500 characters long; a certificate allows at most 64"),
        ({"org": "O" * 65}, "at most 64"),
    ],
)
def test_names_no_verifier_could_read_are_refused_at_issue_time(
    fields: dict[str, str], message: str
) -> None:
    with pytest.raises(CertificateError) as caught:
        pki.check_profile(_profile(**fields))
    assert message in caught.value.message


def test_cert_issue_with_a_500_character_name_is_a_clear_input_error(store_home: Path) -> None:
    result = CliRunner().invoke(
        cli, ["cert", "issue", "--id", "long", "--name", "B" * 500], catch_exceptions=False
    )
    assert result.exit_code == ExitCode.CERTIFICATE
    assert result.stderr.strip().splitlines()[0] == (
        "error: The name is 500 characters long; a certificate allows at most 64."
    )


def test_cert_issue_refuses_an_emoji_in_indonesian_too(store_home: Path) -> None:
    result = CliRunner().invoke(
        cli, ["--lang", "id", "cert", "issue", "--id", "e", "--name", "Budi \U0001f600"]
    )
    assert result.exit_code == ExitCode.CERTIFICATE
    assert "memuat karakter yang tidak dapat dimuat sertifikat (U+1F600" in result.stderr
