"""Independent test PKI, built directly with ``cryptography``'s X.509 builders.

TEST-ONLY KEY MATERIAL. Every private key here is generated fresh, in memory, each
time :func:`build_independent_pki` runs; no key, certificate or CRL is committed to
the repository, and none of it must ever be used outside the test suite.

This module deliberately imports nothing from ``esign``: its purpose is to give the
tests a PKI that esign's own CA code did not make, so that esign's signing and
verification paths are checked against an independent reference.

Layout (all keys ECDSA P-256, all signatures SHA-256, fixed dates, random serials)::

    Independent Test Root CA            2025-01-01 .. 2035-01-01  (self-signed)
    └── Independent Test Issuing CA     2025-01-01 .. 2035-01-01  (pathlen 0)
        ├── Siti Rahayu (signer)        2026-01-01 .. 2028-01-01  (NIP as serialNumber)
        ├── Revoked Officer             2026-01-01 .. 2028-01-01  (revoked in the CRL)
        ├── Expired Officer             2020-01-01 .. 2021-01-01  (before the CAs' validity)
        ├── Independent Test TSA        2026-01-01 .. 2028-01-01  (EKU timeStamping)
        └── CRL                         2026-06-01 .. 2027-06-01  (lists Revoked Officer)

The three person certificates declare :data:`CRL_URL` (unresolvable) as their CRL
distribution point; the TSA, intermediate and root declare none.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

__all__ = [
    "CA_NOT_AFTER",
    "CA_NOT_BEFORE",
    "CRL_LAST_UPDATE",
    "CRL_NEXT_UPDATE",
    "CRL_URL",
    "EE_NOT_AFTER",
    "EE_NOT_BEFORE",
    "EXPIRED_NOT_AFTER",
    "EXPIRED_NOT_BEFORE",
    "EXPIRED_SIGNER_NIP",
    "REVOCATION_DATE",
    "REVOKED_SIGNER_NIP",
    "SIGNER_NIP",
    "IndependentPki",
    "Party",
    "build_independent_pki",
    "make_party",
]

# --- fixed dates -------------------------------------------------------------------
CA_NOT_BEFORE = datetime(2025, 1, 1, tzinfo=UTC)
CA_NOT_AFTER = datetime(2035, 1, 1, tzinfo=UTC)
EE_NOT_BEFORE = datetime(2026, 1, 1, tzinfo=UTC)
EE_NOT_AFTER = datetime(2028, 1, 1, tzinfo=UTC)
EXPIRED_NOT_BEFORE = datetime(2020, 1, 1, tzinfo=UTC)
EXPIRED_NOT_AFTER = datetime(2021, 1, 1, tzinfo=UTC)
REVOCATION_DATE = datetime(2026, 6, 1, tzinfo=UTC)
CRL_LAST_UPDATE = datetime(2026, 6, 1, tzinfo=UTC)
CRL_NEXT_UPDATE = datetime(2027, 6, 1, tzinfo=UTC)

# --- identities (fictitious) -------------------------------------------------------
SIGNER_NIP = "198905122015032002"
REVOKED_SIGNER_NIP = "198001012010011001"
EXPIRED_SIGNER_NIP = "197503032000032003"

# Declared in the person certificates' cRLDistributionPoints. The ``.invalid`` TLD never
# resolves: tests must hand the CRL to the validator themselves. The extension matters
# because pyHanko's validator only consults CRLs (even supplied ones) for certificates
# that declare a distribution point, unless its policy makes CRLs mandatory.
CRL_URL = "http://crl.independent-test.invalid/issuing-ca.crl"

_ORG = "Dinas Pendidikan Kota Malang"
_OU = "Sekretariat"
_CA_ORG = "Independent Test PKI"


@dataclass(frozen=True)
class Party:
    """A key pair with its certificate. TEST-ONLY key material."""

    name: str
    key: ec.EllipticCurvePrivateKey
    cert: x509.Certificate

    def key_pem(self, passphrase: bytes | None = None) -> bytes:
        """PKCS#8 PEM of the private key, encrypted if ``passphrase`` is given."""
        encryption: serialization.KeySerializationEncryption = (
            serialization.BestAvailableEncryption(passphrase)
            if passphrase
            else serialization.NoEncryption()
        )
        return self.key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption
        )

    def cert_pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)

    def cert_der(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.DER)

    def p12(self, passphrase: bytes, chain: Sequence[x509.Certificate] = ()) -> bytes:
        """PKCS#12 bundle of key + certificate (+ ``chain`` as extra CA certs)."""
        return pkcs12.serialize_key_and_certificates(
            name=self.name.encode("utf-8"),
            key=self.key,
            cert=self.cert,
            cas=list(chain) or None,
            encryption_algorithm=serialization.BestAvailableEncryption(passphrase),
        )


@dataclass(frozen=True)
class IndependentPki:
    """The whole independent test PKI. TEST-ONLY key material."""

    root: Party
    intermediate: Party
    signer: Party
    revoked_signer: Party
    expired_signer: Party
    tsa: Party
    crl: x509.CertificateRevocationList

    def chain_for(self, party: Party) -> list[x509.Certificate]:
        """``[party.cert, intermediate.cert, root.cert]``."""
        return [party.cert, self.intermediate.cert, self.root.cert]


# --- builders ----------------------------------------------------------------------


def _new_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def _ca_name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, _CA_ORG),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _person_name(common_name: str, nip: str, title: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, _ORG),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, _OU),
            x509.NameAttribute(NameOID.TITLE, title),
            x509.NameAttribute(NameOID.SERIAL_NUMBER, nip),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _key_usage(
    *,
    digital_signature: bool = False,
    content_commitment: bool = False,
    key_cert_sign: bool = False,
    crl_sign: bool = False,
) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=digital_signature,
        content_commitment=content_commitment,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=key_cert_sign,
        crl_sign=crl_sign,
        encipher_only=False,
        decipher_only=False,
    )


def _builder(
    subject: x509.Name,
    issuer: x509.Name,
    public_key: ec.EllipticCurvePublicKey,
    not_before: datetime,
    not_after: datetime,
) -> x509.CertificateBuilder:
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
    )


def _make_root() -> Party:
    key = _new_key()
    name = _ca_name("Independent Test Root CA")
    cert = (
        _builder(name, name, key.public_key(), CA_NOT_BEFORE, CA_NOT_AFTER)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(_key_usage(key_cert_sign=True, crl_sign=True), critical=True)
        .sign(key, hashes.SHA256())
    )
    return Party("Independent Test Root CA", key, cert)


def _make_intermediate(root: Party) -> Party:
    key = _new_key()
    cert = (
        _builder(
            _ca_name("Independent Test Issuing CA"),
            root.cert.subject,
            key.public_key(),
            CA_NOT_BEFORE,
            CA_NOT_AFTER,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_key_usage(key_cert_sign=True, crl_sign=True), critical=True)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(root.key.public_key()),
            critical=False,
        )
        .sign(root.key, hashes.SHA256())
    )
    return Party("Independent Test Issuing CA", key, cert)


def _make_person(
    issuer: Party,
    common_name: str,
    nip: str,
    title: str,
    not_before: datetime,
    not_after: datetime,
) -> Party:
    key = _new_key()
    cert = (
        _builder(
            _person_name(common_name, nip, title),
            issuer.cert.subject,
            key.public_key(),
            not_before,
            not_after,
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(digital_signature=True, content_commitment=True), critical=True)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()),
            critical=False,
        )
        .add_extension(
            x509.CRLDistributionPoints(
                [
                    x509.DistributionPoint(
                        full_name=[x509.UniformResourceIdentifier(CRL_URL)],
                        relative_name=None,
                        reasons=None,
                        crl_issuer=None,
                    )
                ]
            ),
            critical=False,
        )
        .sign(issuer.key, hashes.SHA256())
    )
    return Party(common_name, key, cert)


def _make_tsa(issuer: Party) -> Party:
    key = _new_key()
    cert = (
        _builder(
            _ca_name("Independent Test TSA"),
            issuer.cert.subject,
            key.public_key(),
            EE_NOT_BEFORE,
            EE_NOT_AFTER,
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(digital_signature=True), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()),
            critical=False,
        )
        .sign(issuer.key, hashes.SHA256())
    )
    return Party("Independent Test TSA", key, cert)


def _make_crl(issuer: Party, revoked: Sequence[Party]) -> x509.CertificateRevocationList:
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(issuer.cert.subject)
        .last_update(CRL_LAST_UPDATE)
        .next_update(CRL_NEXT_UPDATE)
        .add_extension(x509.CRLNumber(1), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()),
            critical=False,
        )
    )
    for party in revoked:
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder()
            .serial_number(party.cert.serial_number)
            .revocation_date(REVOCATION_DATE)
            .add_extension(x509.CRLReason(x509.ReasonFlags.key_compromise), critical=False)
            .build()
        )
    return builder.sign(issuer.key, hashes.SHA256())


def make_party(
    issuer: Party | None,
    common_name: str,
    *,
    ca: bool = False,
    path_length: int | None = None,
    key_usage: dict[str, bool] | None = None,
    extended_usages: Sequence[x509.ObjectIdentifier] = (),
    name_constraints: x509.NameConstraints | None = None,
    org: str = _ORG,
) -> Party:
    """Any certificate a test needs, hostile ones included: a root when ``issuer`` is None;
    ``key_usage`` as :func:`_key_usage` keywords (None: no KeyUsage extension at all)."""
    key = _new_key()
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, org),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )
    signer_key = issuer.key if issuer is not None else key
    issuer_name = issuer.cert.subject if issuer is not None else subject
    not_before, not_after = (CA_NOT_BEFORE, CA_NOT_AFTER) if ca else (EE_NOT_BEFORE, EE_NOT_AFTER)
    builder = _builder(subject, issuer_name, key.public_key(), not_before, not_after)
    builder = builder.add_extension(
        x509.BasicConstraints(ca=ca, path_length=path_length if ca else None), critical=True
    )
    if key_usage is not None:
        builder = builder.add_extension(_key_usage(**key_usage), critical=True)
    if extended_usages:
        builder = builder.add_extension(x509.ExtendedKeyUsage(list(extended_usages)), False)
    if name_constraints is not None:
        builder = builder.add_extension(name_constraints, critical=True)
    if issuer is not None:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()),
            critical=False,
        )
    return Party(common_name, key, builder.sign(signer_key, hashes.SHA256()))


def build_independent_pki() -> IndependentPki:
    """Generate a fresh independent test PKI (TEST-ONLY keys, nothing persisted)."""
    root = _make_root()
    intermediate = _make_intermediate(root)
    signer = _make_person(
        intermediate, "Siti Rahayu", SIGNER_NIP, "Sekretaris Dinas", EE_NOT_BEFORE, EE_NOT_AFTER
    )
    revoked_signer = _make_person(
        intermediate,
        "Revoked Officer",
        REVOKED_SIGNER_NIP,
        "Kepala Subbagian Umum",
        EE_NOT_BEFORE,
        EE_NOT_AFTER,
    )
    expired_signer = _make_person(
        intermediate,
        "Expired Officer",
        EXPIRED_SIGNER_NIP,
        "Kepala Dinas",
        EXPIRED_NOT_BEFORE,
        EXPIRED_NOT_AFTER,
    )
    tsa = _make_tsa(intermediate)
    crl = _make_crl(intermediate, [revoked_signer])
    return IndependentPki(
        root=root,
        intermediate=intermediate,
        signer=signer,
        revoked_signer=revoked_signer,
        expired_signer=expired_signer,
        tsa=tsa,
        crl=crl,
    )
