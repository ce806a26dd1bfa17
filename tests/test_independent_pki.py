"""Sanity checks for the independent test PKI (tests/independent_pki.py).

These check the reference PKI itself, with both ``cryptography`` and pyHanko's
certificate validator, so that later tests can trust it as a yardstick for esign.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko_certvalidator import CertificateValidator, ValidationContext
from pyhanko_certvalidator.errors import PathBuildingError, PathValidationError, RevokedError
from pyhanko_certvalidator.path import ValidationPath

from independent_pki import (
    CRL_LAST_UPDATE,
    CRL_NEXT_UPDATE,
    CRL_URL,
    REVOCATION_DATE,
    SIGNER_NIP,
    IndependentPki,
    Party,
    build_independent_pki,
)

MOMENT = datetime(2026, 11, 25, tzinfo=UTC)


@pytest.fixture(scope="module")
def pki() -> IndependentPki:
    return build_independent_pki()


def _attr(name: x509.Name, oid: x509.ObjectIdentifier) -> str:
    values = name.get_attributes_for_oid(oid)
    assert len(values) == 1, f"expected exactly one {oid._name} in {name.rfc4514_string()}"
    value = values[0].value
    assert isinstance(value, str)
    return value


def _asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def _validate(
    pki: IndependentPki,
    party: Party,
    *,
    moment: datetime = MOMENT,
    with_crl: bool = False,
    retroactive_revinfo: bool = False,
    key_usage: frozenset[str] = frozenset({"non_repudiation"}),
    extended_key_usage: frozenset[str] | None = None,
) -> ValidationPath:
    context = ValidationContext(
        trust_roots=[_asn1(pki.root.cert)],
        other_certs=[_asn1(pki.intermediate.cert)],
        moment=moment,
        crls=[pki.crl.public_bytes(serialization.Encoding.DER)] if with_crl else None,
        retroactive_revinfo=retroactive_revinfo,
    )
    validator = CertificateValidator(_asn1(party.cert), validation_context=context)
    return asyncio.run(
        validator.async_validate_usage(
            set(key_usage), set(extended_key_usage) if extended_key_usage else None
        )
    )


# --- structure -----------------------------------------------------------------------


def test_all_keys_are_p256(pki: IndependentPki) -> None:
    parties = [pki.root, pki.intermediate, pki.signer, pki.revoked_signer, pki.expired_signer]
    for party in [*parties, pki.tsa]:
        assert isinstance(party.key, ec.EllipticCurvePrivateKey)
        assert isinstance(party.key.curve, ec.SECP256R1)
        assert party.cert.public_key() == party.key.public_key()
        assert party.cert.signature_hash_algorithm is not None
        assert party.cert.signature_hash_algorithm.name == "sha256"


def test_serials_are_distinct(pki: IndependentPki) -> None:
    certs = [
        pki.root.cert,
        pki.intermediate.cert,
        pki.signer.cert,
        pki.revoked_signer.cert,
        pki.expired_signer.cert,
        pki.tsa.cert,
    ]
    assert len({c.serial_number for c in certs}) == len(certs)


def test_chain_links_verify(pki: IndependentPki) -> None:
    pki.root.cert.verify_directly_issued_by(pki.root.cert)
    pki.intermediate.cert.verify_directly_issued_by(pki.root.cert)
    for party in (pki.signer, pki.revoked_signer, pki.expired_signer, pki.tsa):
        party.cert.verify_directly_issued_by(pki.intermediate.cert)


def test_chain_link_to_wrong_issuer_fails(pki: IndependentPki) -> None:
    with pytest.raises((ValueError, InvalidSignature)):
        pki.signer.cert.verify_directly_issued_by(pki.root.cert)


def test_chain_for(pki: IndependentPki) -> None:
    assert pki.chain_for(pki.signer) == [pki.signer.cert, pki.intermediate.cert, pki.root.cert]
    assert pki.chain_for(pki.tsa)[0] == pki.tsa.cert


def test_ca_extensions(pki: IndependentPki) -> None:
    root_bc = pki.root.cert.extensions.get_extension_for_class(x509.BasicConstraints)
    assert root_bc.critical and root_bc.value.ca
    inter_bc = pki.intermediate.cert.extensions.get_extension_for_class(x509.BasicConstraints)
    assert inter_bc.critical and inter_bc.value.ca and inter_bc.value.path_length == 0
    for ca in (pki.root, pki.intermediate):
        ku = ca.cert.extensions.get_extension_for_class(x509.KeyUsage)
        assert ku.critical
        assert ku.value.key_cert_sign and ku.value.crl_sign
        assert not ku.value.digital_signature
        ski = ca.cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier)
        assert ski.value == x509.SubjectKeyIdentifier.from_public_key(ca.key.public_key())
    aki = pki.intermediate.cert.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier)
    assert aki.value.key_identifier == (
        x509.SubjectKeyIdentifier.from_public_key(pki.root.key.public_key()).digest
    )
    assert _attr(pki.root.cert.subject, NameOID.COMMON_NAME) == "Independent Test Root CA"
    assert _attr(pki.root.cert.subject, NameOID.COUNTRY_NAME) == "ID"
    assert _attr(pki.intermediate.cert.subject, NameOID.COMMON_NAME) == (
        "Independent Test Issuing CA"
    )


def test_ca_validity(pki: IndependentPki) -> None:
    for ca in (pki.root, pki.intermediate):
        assert ca.cert.not_valid_before_utc == datetime(2025, 1, 1, tzinfo=UTC)
        assert ca.cert.not_valid_after_utc == datetime(2035, 1, 1, tzinfo=UTC)


def test_signer_subject(pki: IndependentPki) -> None:
    subject = pki.signer.cert.subject
    assert _attr(subject, NameOID.COMMON_NAME) == "Siti Rahayu"
    assert _attr(subject, NameOID.SERIAL_NUMBER) == SIGNER_NIP == "198905122015032002"
    assert len(SIGNER_NIP) == 18 and SIGNER_NIP.isdigit()
    assert _attr(subject, NameOID.TITLE) == "Sekretaris Dinas"
    assert _attr(subject, NameOID.ORGANIZATION_NAME) == "Dinas Pendidikan Kota Malang"
    assert _attr(subject, NameOID.ORGANIZATIONAL_UNIT_NAME) == "Sekretariat"
    assert _attr(subject, NameOID.COUNTRY_NAME) == "ID"
    assert pki.signer.cert.issuer == pki.intermediate.cert.subject
    assert pki.signer.name == "Siti Rahayu"
    assert _attr(pki.revoked_signer.cert.subject, NameOID.COMMON_NAME) == "Revoked Officer"


def test_signer_validity(pki: IndependentPki) -> None:
    assert pki.signer.cert.not_valid_before_utc == datetime(2026, 1, 1, tzinfo=UTC)
    assert pki.signer.cert.not_valid_after_utc == datetime(2028, 1, 1, tzinfo=UTC)


def test_signer_key_usage(pki: IndependentPki) -> None:
    for party in (pki.signer, pki.revoked_signer, pki.expired_signer):
        ku = party.cert.extensions.get_extension_for_class(x509.KeyUsage)
        assert ku.critical
        assert ku.value.digital_signature
        assert ku.value.content_commitment  # a.k.a. nonRepudiation
        assert not ku.value.key_cert_sign
        assert not ku.value.crl_sign
        assert not ku.value.key_encipherment
        bc = party.cert.extensions.get_extension_for_class(x509.BasicConstraints)
        assert not bc.value.ca
        aki = party.cert.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier)
        assert aki.value.key_identifier == (
            pki.intermediate.cert.extensions.get_extension_for_class(
                x509.SubjectKeyIdentifier
            ).value.digest
        )
        party.cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier)


def test_person_certs_declare_crl_distribution_point(pki: IndependentPki) -> None:
    for party in (pki.signer, pki.revoked_signer, pki.expired_signer):
        dps = party.cert.extensions.get_extension_for_class(x509.CRLDistributionPoints)
        uris = [name.value for dp in dps.value for name in dp.full_name or []]
        assert uris == [CRL_URL]


def test_tsa_extensions(pki: IndependentPki) -> None:
    eku = pki.tsa.cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage)
    assert eku.critical
    assert list(eku.value) == [ExtendedKeyUsageOID.TIME_STAMPING]
    ku = pki.tsa.cert.extensions.get_extension_for_class(x509.KeyUsage)
    assert ku.value.digital_signature
    assert not ku.value.content_commitment
    # The signer must not be usable as a TSA.
    with pytest.raises(x509.ExtensionNotFound):
        pki.signer.cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage)


def test_expired_signer_dates(pki: IndependentPki) -> None:
    assert pki.expired_signer.cert.not_valid_after_utc < datetime(2026, 1, 1, tzinfo=UTC)
    assert pki.expired_signer.cert.not_valid_before_utc == datetime(2020, 1, 1, tzinfo=UTC)


# --- CRL -------------------------------------------------------------------------------


def test_crl_signed_by_intermediate(pki: IndependentPki) -> None:
    assert pki.crl.issuer == pki.intermediate.cert.subject
    assert pki.crl.is_signature_valid(pki.intermediate.key.public_key())
    assert not pki.crl.is_signature_valid(pki.root.key.public_key())


def test_crl_contents(pki: IndependentPki) -> None:
    assert pki.crl.last_update_utc == CRL_LAST_UPDATE
    assert pki.crl.next_update_utc == CRL_NEXT_UPDATE
    revoked = pki.crl.get_revoked_certificate_by_serial_number(
        pki.revoked_signer.cert.serial_number
    )
    assert revoked is not None
    assert revoked.revocation_date_utc == REVOCATION_DATE
    reason = revoked.extensions.get_extension_for_class(x509.CRLReason)
    assert reason.value.reason == x509.ReasonFlags.key_compromise
    assert pki.crl.get_revoked_certificate_by_serial_number(pki.signer.cert.serial_number) is None
    assert len(pki.crl) == 1


# --- serialisation -------------------------------------------------------------------


def test_key_pem_roundtrip(pki: IndependentPki) -> None:
    plain = pki.signer.key_pem()
    assert plain.startswith(b"-----BEGIN PRIVATE KEY-----")
    loaded = serialization.load_pem_private_key(plain, password=None)
    assert loaded.public_key() == pki.signer.key.public_key()

    encrypted = pki.signer.key_pem(b"rahasia")
    assert encrypted.startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")
    loaded = serialization.load_pem_private_key(encrypted, password=b"rahasia")
    assert loaded.public_key() == pki.signer.key.public_key()
    with pytest.raises((ValueError, TypeError)):
        serialization.load_pem_private_key(encrypted, password=b"salah")


def test_cert_encodings(pki: IndependentPki) -> None:
    assert x509.load_pem_x509_certificate(pki.signer.cert_pem()) == pki.signer.cert
    assert x509.load_der_x509_certificate(pki.signer.cert_der()) == pki.signer.cert


def test_p12_roundtrip(pki: IndependentPki) -> None:
    chain = pki.chain_for(pki.signer)[1:]
    blob = pki.signer.p12(b"rahasia", chain)
    key, cert, extra = pkcs12.load_key_and_certificates(blob, b"rahasia")
    assert key is not None and key.public_key() == pki.signer.key.public_key()
    assert cert == pki.signer.cert
    assert set(extra) == set(chain)
    with pytest.raises(ValueError):
        pkcs12.load_key_and_certificates(blob, b"salah")

    bare = pki.signer.p12(b"rahasia")
    _, cert, extra = pkcs12.load_key_and_certificates(bare, b"rahasia")
    assert cert == pki.signer.cert
    assert extra == []


# --- pyHanko's validator -------------------------------------------------------------


def test_pyhanko_validates_signer(pki: IndependentPki) -> None:
    path = _validate(pki, pki.signer)
    assert path.leaf.dump() == pki.signer.cert_der()
    assert path.first.dump() == pki.root.cert_der()
    assert path.pkix_len == 2


def test_pyhanko_validates_signer_against_crl(pki: IndependentPki) -> None:
    _validate(pki, pki.signer, with_crl=True)


def test_pyhanko_rejects_revoked_signer(pki: IndependentPki) -> None:
    # Without revocation info the revoked signer still chains fine...
    _validate(pki, pki.revoked_signer)
    # ...but with the CRL it must be rejected.
    with pytest.raises(RevokedError):
        _validate(pki, pki.revoked_signer, with_crl=True)


def test_pyhanko_revoked_signer_before_revocation(pki: IndependentPki) -> None:
    before = datetime(2026, 3, 1, tzinfo=UTC)
    # The CRL is issued after `before`, so pyHanko refuses it by default...
    with pytest.raises(PathValidationError, match="too recent"):
        _validate(pki, pki.revoked_signer, with_crl=True, moment=before)
    # ...but, accepted retroactively, it shows the cert was still good at `before`.
    _validate(pki, pki.revoked_signer, with_crl=True, moment=before, retroactive_revinfo=True)
    with pytest.raises(RevokedError):
        _validate(pki, pki.revoked_signer, with_crl=True, retroactive_revinfo=True)


def test_pyhanko_rejects_expired_signer(pki: IndependentPki) -> None:
    with pytest.raises(PathValidationError):
        _validate(pki, pki.expired_signer)


def test_pyhanko_rejects_signer_outside_validity(pki: IndependentPki) -> None:
    with pytest.raises(PathValidationError):
        _validate(pki, pki.signer, moment=datetime(2028, 6, 1, tzinfo=UTC))


def test_pyhanko_validates_tsa_for_time_stamping(pki: IndependentPki) -> None:
    _validate(
        pki,
        pki.tsa,
        key_usage=frozenset({"digital_signature"}),
        extended_key_usage=frozenset({"time_stamping"}),
    )


def test_pyhanko_rejects_untrusted_root(pki: IndependentPki) -> None:
    other = build_independent_pki()
    context = ValidationContext(
        trust_roots=[_asn1(other.root.cert)],
        other_certs=[_asn1(pki.intermediate.cert)],
        moment=MOMENT,
    )
    validator = CertificateValidator(_asn1(pki.signer.cert), validation_context=context)
    with pytest.raises(PathBuildingError):
        asyncio.run(validator.async_validate_usage({"non_repudiation"}))
