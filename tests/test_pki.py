"""esign.pki: NIP checks, the CA and officer certificate profile, validity, CRLs.

The certificates esign makes are checked with cryptography and with pyHanko's
certificate validator; esign's readers are checked on the independent PKI.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from pyhanko_certvalidator import CertificateValidator, ValidationContext
from pyhanko_certvalidator.errors import PathBuildingError, PathValidationError, RevokedError
from pyhanko_certvalidator.path import ValidationPath

from esign import i18n, pki
from esign.errors import CertificateError
from esign.models import CertKind, CertStatus
from independent_pki import SIGNER_NIP, IndependentPki

AT = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)
BASE_URL = "https://pki.jemberkab.go.id/"
NIP = "198701012010011001"
ONE_SECOND = timedelta(seconds=1)

PROFILE = pki.SubjectProfile(
    name="Budi Santoso, S.Kom., M.T.",
    nip="19870101 201001 1 001",
    title="Kepala Dinas",
    org="Dinas Kominfo Kabupaten Jember",
    unit="Sekretariat",
    email="budi@jemberkab.go.id",
    city="Jember",
)


@pytest.fixture(scope="module")
def ca_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


@pytest.fixture(scope="module")
def officer_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


@pytest.fixture(scope="module")
def ca(ca_key: ec.EllipticCurvePrivateKey) -> x509.Certificate:
    return pki.create_ca(name="Dinas Kominfo Jember Root CA", key=ca_key, at=AT, org="Pemkab")


@pytest.fixture(scope="module")
def officer(
    ca: x509.Certificate,
    ca_key: ec.EllipticCurvePrivateKey,
    officer_key: ec.EllipticCurvePrivateKey,
) -> x509.Certificate:
    return pki.issue_certificate(
        profile=PROFILE,
        public_key=officer_key.public_key(),
        ca_key=ca_key,
        ca_cert=ca,
        at=AT,
        base_url=BASE_URL,
    )


def _attrs(name: x509.Name, oid: x509.ObjectIdentifier) -> list[str]:
    return [str(a.value) for a in name.get_attributes_for_oid(oid)]


def _asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def _validate(
    cert: x509.Certificate,
    root: x509.Certificate,
    moment: datetime,
    crls: list[x509.CertificateRevocationList] | None = None,
) -> ValidationPath:
    context = ValidationContext(
        trust_roots=[_asn1(root)],
        moment=moment,
        crls=[c.public_bytes(serialization.Encoding.DER) for c in crls] if crls else None,
    )
    validator = CertificateValidator(_asn1(cert), validation_context=context)
    return asyncio.run(validator.async_validate_usage({"non_repudiation"}))


# --- NIP -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["198701012010011001", "19870101 201001 1 001", "19870101.201001.1.001"]
)
def test_check_nip_accepts(text: str) -> None:
    assert pki.check_nip(text) == NIP


def test_check_nip_accepts_women_and_the_independent_signer() -> None:
    assert pki.check_nip("198905122015032002") == SIGNER_NIP
    assert pki.check_nip("200002292024011001") == "200002292024011001"  # leap day


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("19870101201001100", "nip.length"),  # 17 digits
        ("1987010120100110011", "nip.length"),  # 19 digits
        ("19870101201001100A", "nip.length"),  # a letter
        ("", "nip.length"),
        ("198713012010011001", "nip.birth"),  # birth month 13
        ("198702302010011001", "nip.birth"),  # 30 February
        ("198701002010011001", "nip.birth"),  # day 0
        ("198701012010131001", "nip.start"),  # start month 13
        ("198701012010001001", "nip.start"),  # start month 0
        ("198701010000011001", "nip.start"),  # start year 0
        ("198701012010013001", "nip.sex"),  # sex digit 3
        ("198701012010010001", "nip.sex"),  # sex digit 0
        ("198701012010011000", "nip.sequence"),  # sequence 000
    ],
)
def test_check_nip_rejects_with_the_specific_reason(text: str, why: str) -> None:
    with pytest.raises(CertificateError) as info:
        pki.check_nip(text)
    err = info.value
    assert err.key == "cert.bad_nip"
    assert err.hint_key == "cert.bad_nip.hint"
    assert err.params["nip"] == text
    assert err.params["why"] == i18n.t(why)
    assert i18n.t(why) in str(err)


def test_check_nip_reason_follows_the_language() -> None:
    i18n.set_language("id")
    with pytest.raises(CertificateError) as info:
        pki.check_nip("198701012010013001")
    assert info.value.params["why"] == "digit ke-15 harus 1 atau 2"


# --- NIK -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "digits"),
    [
        ("3509120101870001", "3509120101870001"),  # Jember, a man born 1 January 1987
        ("3509 1241 0187 0002", "3509124101870002"),  # a woman: day 01 + 40
        ("3509122902000003", "3509122902000003"),  # 29 February 2000
        ("9171017112990001", "9171017112990001"),  # a woman born 31 December 1999
    ],
)
def test_check_nik_accepts(text: str, digits: str) -> None:
    assert pki.check_nik(text) == digits


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("350912010187000", "nik.length"),  # 15 digits
        ("35091201018700011", "nik.length"),  # 17 digits
        ("350912010187000X", "nik.length"),
        ("0509120101870001", "nik.province"),
        ("3500120101870001", "nik.region"),  # regency 00
        ("3509000101870001", "nik.region"),  # district 00
        ("3509123201870001", "nik.birth"),  # day 32
        ("3509127201870001", "nik.birth"),  # a woman's day 72 = 32
        ("3509120113870001", "nik.birth"),  # month 13
        ("3509123102870001", "nik.birth"),  # 31 February
        ("3509120101870000", "nik.sequence"),
    ],
)
def test_check_nik_rejects_naming_the_bad_part(text: str, why: str) -> None:
    with pytest.raises(CertificateError) as info:
        pki.check_nik(text)
    err = info.value
    assert (err.key, err.hint_key) == ("cert.bad_nik", "cert.bad_nik.hint")
    assert err.params["why"] == i18n.t(why)
    assert text in str(err)


def test_check_nik_reason_follows_the_language() -> None:
    i18n.set_language("id")
    with pytest.raises(CertificateError) as info:
        pki.check_nik("3509000101870001")
    assert "kode kabupaten/kota dan kecamatan" in str(info.value)


def test_format_nip_groups_8_6_1_3() -> None:
    assert pki.format_nip(NIP) == "19870101 201001 1 001"
    assert pki.format_nip(SIGNER_NIP) == "19890512 201503 2 002"
    assert pki.format_nip("12345") == "12345"  # not a NIP: unchanged


# --- the CA --------------------------------------------------------------------------


def test_ca_profile(ca: x509.Certificate, ca_key: ec.EllipticCurvePrivateKey) -> None:
    bc = ca.extensions.get_extension_for_class(x509.BasicConstraints)
    assert bc.critical
    assert bc.value.ca is True
    assert bc.value.path_length == 0
    ku = ca.extensions.get_extension_for_class(x509.KeyUsage)
    assert ku.critical
    assert ku.value.key_cert_sign and ku.value.crl_sign
    assert not ku.value.digital_signature and not ku.value.content_commitment
    ski = ca.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    assert ski == x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key())
    assert ca.subject == ca.issuer
    assert _attrs(ca.subject, NameOID.COMMON_NAME) == ["Dinas Kominfo Jember Root CA"]
    assert _attrs(ca.subject, NameOID.ORGANIZATION_NAME) == ["Pemkab"]
    assert _attrs(ca.subject, NameOID.COUNTRY_NAME) == ["ID"]
    ca.verify_directly_issued_by(ca)
    assert ca.public_key() == ca_key.public_key()


def test_ca_validity(ca: x509.Certificate) -> None:
    assert ca.not_valid_before_utc == AT - timedelta(minutes=5)
    assert ca.not_valid_after_utc == AT + pki.CA_VALIDITY
    assert pki.is_ca(ca)


# --- the officer certificate ----------------------------------------------------------


def test_officer_subject(officer: x509.Certificate, ca: x509.Certificate) -> None:
    s = officer.subject
    assert _attrs(s, NameOID.COMMON_NAME) == ["Budi Santoso, S.Kom., M.T."]
    assert _attrs(s, NameOID.SERIAL_NUMBER) == [NIP]  # normalised to 18 digits
    assert _attrs(s, NameOID.TITLE) == ["Kepala Dinas"]
    assert _attrs(s, NameOID.ORGANIZATION_NAME) == ["Dinas Kominfo Kabupaten Jember"]
    assert _attrs(s, NameOID.ORGANIZATIONAL_UNIT_NAME) == ["Sekretariat"]
    assert _attrs(s, NameOID.LOCALITY_NAME) == ["Jember"]
    assert _attrs(s, NameOID.COUNTRY_NAME) == ["ID"]
    assert officer.issuer == ca.subject


def test_officer_extensions(officer: x509.Certificate, ca: x509.Certificate) -> None:
    ku = officer.extensions.get_extension_for_class(x509.KeyUsage)
    assert ku.critical
    assert ku.value.digital_signature and ku.value.content_commitment
    assert not ku.value.key_cert_sign and not ku.value.crl_sign
    bc = officer.extensions.get_extension_for_class(x509.BasicConstraints)
    assert bc.critical and bc.value.ca is False
    cdp = officer.extensions.get_extension_for_class(x509.CRLDistributionPoints).value
    uris = [n.value for dp in cdp for n in dp.full_name or []]
    assert uris == ["https://pki.jemberkab.go.id/crl"]
    aki = officer.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier).value
    ski = ca.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    assert aki.key_identifier == ski.digest
    san = officer.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert san.get_values_for_type(x509.RFC822Name) == ["budi@jemberkab.go.id"]
    assert pki.can_sign_documents(officer)
    assert not pki.can_sign_documents(ca)


@pytest.mark.parametrize(
    ("base_url", "expected"),
    [
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080/crl"),
        ("https://pki.example.go.id/esign/", "https://pki.example.go.id/esign/crl"),
    ],
)
def test_cdp_is_base_url_plus_crl(
    ca: x509.Certificate, ca_key: ec.EllipticCurvePrivateKey, base_url: str, expected: str
) -> None:
    cert = pki.issue_certificate(
        profile=pki.SubjectProfile(name="X"),
        public_key=ca_key.public_key(),
        ca_key=ca_key,
        ca_cert=ca,
        at=AT,
        base_url=base_url,
    )
    cdp = cert.extensions.get_extension_for_class(x509.CRLDistributionPoints)
    assert not cdp.critical
    assert [n.value for dp in cdp.value for n in dp.full_name or []] == [expected]


def test_officer_without_base_url_has_no_cdp(
    ca: x509.Certificate, ca_key: ec.EllipticCurvePrivateKey
) -> None:
    seal = pki.issue_certificate(
        profile=pki.SubjectProfile(name="Dinas Kominfo", kind=CertKind.SEAL),
        public_key=ec.generate_private_key(ec.SECP256R1()).public_key(),
        ca_key=ca_key,
        ca_cert=ca,
        at=AT,
    )
    with pytest.raises(x509.ExtensionNotFound):
        seal.extensions.get_extension_for_class(x509.CRLDistributionPoints)
    assert _attrs(seal.subject, NameOID.SERIAL_NUMBER) == []


def test_officer_validity(officer: x509.Certificate) -> None:
    assert officer.not_valid_before_utc == AT - timedelta(minutes=5)
    assert officer.not_valid_after_utc == AT + timedelta(days=730)


def test_officer_validity_is_capped_at_the_ca(ca_key: ec.EllipticCurvePrivateKey) -> None:
    short_ca = pki.create_ca(name="Short CA", key=ca_key, at=AT, validity=timedelta(days=365))
    cert = pki.issue_certificate(
        profile=PROFILE,
        public_key=ec.generate_private_key(ec.SECP256R1()).public_key(),
        ca_key=ca_key,
        ca_cert=short_ca,
        at=AT,
    )
    assert cert.not_valid_after_utc == short_ca.not_valid_after_utc == AT + timedelta(days=365)


def test_issue_refuses_a_bad_nip(ca: x509.Certificate, ca_key: ec.EllipticCurvePrivateKey) -> None:
    with pytest.raises(CertificateError) as info:
        pki.issue_certificate(
            profile=pki.SubjectProfile(name="X", nip="198713012010011001"),
            public_key=ca_key.public_key(),
            ca_key=ca_key,
            ca_cert=ca,
            at=AT,
        )
    assert info.value.key == "cert.bad_nip"


def test_officer_is_signed_by_the_ca(officer: x509.Certificate, ca: x509.Certificate) -> None:
    officer.verify_directly_issued_by(ca)
    other = pki.create_ca(name="Other CA", key=ec.generate_private_key(ec.SECP256R1()), at=AT)
    with pytest.raises((ValueError, InvalidSignature)):
        officer.verify_directly_issued_by(other)


def test_pyhanko_validates_the_officer_at_issue_time(
    officer: x509.Certificate, ca: x509.Certificate
) -> None:
    path = _validate(officer, ca, AT)
    assert path.leaf.dump() == officer.public_bytes(serialization.Encoding.DER)
    assert path.first.dump() == ca.public_bytes(serialization.Encoding.DER)
    assert path.pkix_len == 1


def test_pyhanko_rejects_the_officer_three_years_later(
    officer: x509.Certificate, ca: x509.Certificate
) -> None:
    with pytest.raises(PathValidationError, match="expired"):
        _validate(officer, ca, AT + timedelta(days=3 * 365))


def test_pyhanko_rejects_the_officer_against_another_root(officer: x509.Certificate) -> None:
    other = pki.create_ca(name="Other CA", key=ec.generate_private_key(ec.SECP256R1()), at=AT)
    with pytest.raises(PathBuildingError):
        _validate(officer, other, AT)


# --- validity boundaries ----------------------------------------------------------------


def test_status_at_expiry_boundary(officer: x509.Certificate) -> None:
    end = officer.not_valid_after_utc
    assert pki.status_at(officer, end) is CertStatus.ACTIVE
    assert pki.status_at(officer, end + ONE_SECOND) is CertStatus.EXPIRED


def test_status_at_start_boundary(officer: x509.Certificate) -> None:
    start = officer.not_valid_before_utc
    assert pki.status_at(officer, start - ONE_SECOND) is CertStatus.NOT_YET_VALID
    assert pki.status_at(officer, start) is CertStatus.ACTIVE


def test_status_at_revocation_boundary(officer: x509.Certificate) -> None:
    revoked = AT + timedelta(days=30)
    assert pki.status_at(officer, revoked - ONE_SECOND, revoked) is CertStatus.ACTIVE
    assert pki.status_at(officer, revoked, revoked) is CertStatus.REVOKED
    # revocation wins over expiry
    later = officer.not_valid_after_utc + timedelta(days=1)
    assert pki.status_at(officer, later, revoked) is CertStatus.REVOKED


def test_check_signing_cert_expiry_boundary(officer: x509.Certificate) -> None:
    end = officer.not_valid_after_utc
    pki.check_signing_cert(officer, "budi", end)  # still fine on the last second
    with pytest.raises(CertificateError) as info:
        pki.check_signing_cert(officer, "budi", end + ONE_SECOND)
    assert info.value.key == "cert.expired"
    assert info.value.hint_key == "cert.expired.hint"
    assert info.value.params == {"id": "budi", "when": end}


def test_check_signing_cert_not_yet_valid_revoked_and_ca(
    officer: x509.Certificate, ca: x509.Certificate
) -> None:
    with pytest.raises(CertificateError) as info:
        pki.check_signing_cert(officer, "budi", officer.not_valid_before_utc - ONE_SECOND)
    assert info.value.key == "cert.not_yet_valid"
    revoked = AT + timedelta(days=1)
    with pytest.raises(CertificateError) as info:
        pki.check_signing_cert(officer, "budi", AT + timedelta(days=2), revoked)
    assert info.value.key == "cert.revoked"
    assert info.value.params["when"] == revoked
    with pytest.raises(CertificateError) as info:
        pki.check_signing_cert(ca, "ca", AT)
    assert info.value.key == "cert.no_signing_usage"


# --- CRL ----------------------------------------------------------------------------------


def test_build_crl(
    officer: x509.Certificate, ca: x509.Certificate, ca_key: ec.EllipticCurvePrivateKey
) -> None:
    revoked_at = AT + timedelta(hours=1)
    at = AT + timedelta(hours=2)
    crl = pki.build_crl(
        ca_key=ca_key, ca_cert=ca, revoked=[(officer.serial_number, revoked_at)], at=at
    )
    assert crl.issuer == ca.subject
    assert crl.is_signature_valid(ca_key.public_key())
    assert not crl.is_signature_valid(ec.generate_private_key(ec.SECP256R1()).public_key())
    assert crl.last_update_utc == at
    assert crl.next_update_utc == at + timedelta(days=7)
    entry = crl.get_revoked_certificate_by_serial_number(officer.serial_number)
    assert entry is not None
    assert entry.revocation_date_utc == revoked_at
    assert crl.get_revoked_certificate_by_serial_number(officer.serial_number + 1) is None
    assert len(crl) == 1
    # pyHanko, given the CRL, refuses the officer; an empty CRL leaves it valid.
    moment = at + timedelta(hours=1)
    with pytest.raises(RevokedError):
        _validate(officer, ca, moment, crls=[crl])
    empty = pki.build_crl(ca_key=ca_key, ca_cert=ca, revoked=[], at=at)
    _validate(officer, ca, moment, crls=[empty])


def test_crl_has_rfc5280_mandatory_extensions(
    ca: x509.Certificate, ca_key: ec.EllipticCurvePrivateKey
) -> None:
    crl = pki.build_crl(ca_key=ca_key, ca_cert=ca, revoked=[], at=AT)
    aki = crl.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier).value
    ski = ca.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    assert aki.key_identifier == ski.digest
    crl.extensions.get_extension_for_class(x509.CRLNumber)


# --- reading certificates esign did not make ------------------------------------------------


def test_identity_of_reads_the_independent_signer(independent: IndependentPki) -> None:
    who = pki.identity_of(independent.signer.cert)
    assert who.name == "Siti Rahayu"
    assert who.nip == SIGNER_NIP
    assert who.title == "Sekretaris Dinas"
    assert who.org == "Dinas Pendidikan Kota Malang"
    assert who.unit == "Sekretariat"
    assert who.email is None


def test_identity_of_reads_esigns_own_officer(officer: x509.Certificate) -> None:
    who = pki.identity_of(officer)
    assert (who.name, who.nip, who.title, who.unit, who.email) == (
        "Budi Santoso, S.Kom., M.T.",
        NIP,
        "Kepala Dinas",
        "Sekretariat",
        "budi@jemberkab.go.id",
    )


def test_cert_info_on_the_independent_pki(independent: IndependentPki) -> None:
    moment = datetime(2026, 11, 25, tzinfo=UTC)
    info = pki.cert_info(independent.signer.cert, at=moment)
    assert info.kind is CertKind.PERSON
    assert info.status is CertStatus.ACTIVE
    assert info.key_type == "EC-P256"
    assert info.serial == format(independent.signer.cert.serial_number, "x")
    assert info.fingerprint == pki.fingerprint(independent.signer.cert)
    assert len(info.fingerprint) == 64
    assert info.issuer_dn == independent.intermediate.cert.subject.rfc4514_string()
    assert pki.cert_info(independent.root.cert, at=moment).kind is CertKind.CA
    assert pki.is_ca(independent.intermediate.cert)
    assert not pki.is_ca(independent.signer.cert)
    assert pki.status_at(independent.expired_signer.cert, moment) is CertStatus.EXPIRED


def test_load_certificate_pem_and_der(independent: IndependentPki) -> None:
    assert pki.load_certificate(independent.signer.cert_pem()) == independent.signer.cert
    assert pki.load_certificate(independent.signer.cert_der()) == independent.signer.cert
    with pytest.raises(ValueError):
        pki.load_certificate(b"not a certificate")
