"""Certificate authority operations as pure functions: no filesystem, no clock.

Every function that depends on time takes ``at`` (aware, UTC). The officer
profile follows docs/store.md: CN name, serialNumber NIP, title, O, OU, C=ID,
key usage digitalSignature + nonRepudiation, CRL distribution point.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.types import (
    CertificateIssuerPrivateKeyTypes,
    CertificatePublicKeyTypes,
)
from cryptography.x509.oid import AuthorityInformationAccessOID, ExtendedKeyUsageOID, NameOID

from esign.errors import CertificateError
from esign.keys import describe_key
from esign.models import CertInfo, CertKind, CertStatus, Finding, SignerIdentity, finding

CA_VALIDITY = timedelta(days=365 * 10)
OFFICER_VALIDITY = timedelta(days=365 * 2)
BACKDATE = timedelta(minutes=5)


@dataclass(frozen=True, slots=True, kw_only=True)
class SubjectProfile:
    """Who a new certificate is for."""

    name: str
    """Full name with titles (person) or institution name (seal)."""
    kind: CertKind = CertKind.PERSON
    """Person (officer) or seal (institution)."""
    nip: str | None = None
    """18-digit NIP, checked by :func:`check_nip`."""
    title: str | None = None
    """Position (jabatan)."""
    org: str | None = None
    """Organization (instansi)."""
    unit: str | None = None
    """Unit (bidang / bagian)."""
    email: str | None = None
    """E-mail address, put in the subject alternative name."""
    city: str | None = None
    """Locality, e.g. Jember."""


def check_nip(nip: str) -> str:
    """Return the NIP as 18 digits, or raise CertificateError saying what is wrong.

    Layout: birth date YYYYMMDD, start YYYYMM, sex 1|2, sequence NNN.
    """
    from esign.i18n import t

    digits = nip.replace(" ", "").replace(".", "")
    why = None
    if len(digits) != 18 or not digits.isdigit():
        why = "nip.length"
    else:
        try:
            date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
        except ValueError:
            why = "nip.birth"
        if why is None and not (1 <= int(digits[12:14]) <= 12 and int(digits[8:12]) >= 1900):
            why = "nip.start"
        if why is None and digits[14] not in "12":
            why = "nip.sex"
        if why is None and digits[15:] == "000":
            why = "nip.sequence"
    if why:
        raise CertificateError("cert.bad_nip", hint_key="cert.bad_nip.hint", nip=nip, why=t(why))
    return digits


def check_nik(nik: str) -> str:
    """Return the NIK (Nomor Induk Kependudukan) as 16 digits, or raise CertificateError
    naming the bad part.

    Layout: province PP, regency KK, district CC, birth date DDMMYY (a woman's day plus 40),
    sequence NNNN (from 0001).
    """
    from esign.i18n import t

    digits = nik.replace(" ", "").replace(".", "")
    why = None
    if len(digits) != 16 or not digits.isdigit():
        why = "nik.length"
    elif not 11 <= int(digits[0:2]) <= 99:
        why = "nik.province"
    elif digits[2:4] == "00" or digits[4:6] == "00":
        why = "nik.region"
    else:
        day, month, year = int(digits[6:8]), int(digits[8:10]), int(digits[10:12])
        day = day - 40 if day > 40 else day
        if not any(_is_date(century + year, month, day) for century in (1900, 2000)):
            why = "nik.birth"
        elif digits[12:] == "0000":
            why = "nik.sequence"
    if why:
        raise CertificateError("cert.bad_nik", hint_key="cert.bad_nik.hint", nik=nik, why=t(why))
    return digits


def _is_date(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def format_nip(nip: str) -> str:
    """``198701012010011001`` → ``19870101 201001 1 001`` (8-6-1-3)."""
    if len(nip) != 18:
        return nip
    return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"


# X.520 upper bounds (RFC 5280 Appendix A) for the attributes esign writes.
_NAME_LIMITS = {
    NameOID.COMMON_NAME: ("name", 64),
    NameOID.ORGANIZATION_NAME: ("org", 64),
    NameOID.ORGANIZATIONAL_UNIT_NAME: ("unit", 64),
    NameOID.TITLE: ("title", 64),
    NameOID.LOCALITY_NAME: ("city", 128),
    NameOID.SERIAL_NUMBER: ("nip", 64),
}


def check_name_attribute(oid: x509.ObjectIdentifier, value: str) -> None:
    """Refuse a subject attribute every verifier could not read back: longer than its
    X.520 bound, control characters, or characters X.509 name comparison (RFC 4518
    string preparation, Unicode 3.2) does not allow, e.g. emoji. One such certificate in
    a trust list used to break the verification of every letter."""
    import unicodedata

    from asn1crypto import x509 as asn1_x509

    from esign.i18n import t

    key, limit = _NAME_LIMITS.get(oid, ("name", 64))
    field = t(f"cert.field.{key}")
    if not value.strip() or len(value) > limit:
        raise CertificateError("cert.bad_name_length", field=field, length=len(value), limit=limit)
    bad = next((c for c in value if unicodedata.category(c) in ("Cc", "Cf", "Co", "Cs")), None)
    if bad is None:
        try:
            name = asn1_x509.Name.build({"common_name": value})
            _ = name.hashable  # RFC 4518 preparation, as verifiers compare names
        except ValueError:
            bad = next((c for c in value if unicodedata.ucd_3_2_0.category(c) == "Cn"), value[0])
    if bad is not None:
        raise CertificateError(
            "cert.bad_name_char", field=field, value=value, char=f"U+{ord(bad):04X}"
        )


def check_profile(profile: SubjectProfile) -> None:
    """Refuse a profile whose certificate could not be issued or read back (NIP, names);
    cheap, so callers run it before asking for passphrases."""
    if profile.nip:
        check_nip(profile.nip)
    _check_names(profile)


def _check_names(profile: SubjectProfile) -> None:
    for oid, value in (
        (NameOID.LOCALITY_NAME, profile.city),
        (NameOID.ORGANIZATION_NAME, profile.org),
        (NameOID.ORGANIZATIONAL_UNIT_NAME, profile.unit),
        (NameOID.TITLE, profile.title),
        (NameOID.COMMON_NAME, profile.name),
    ):
        if value or oid == NameOID.COMMON_NAME:
            check_name_attribute(oid, value or "")


def _name(profile: SubjectProfile) -> x509.Name:
    _check_names(profile)
    attrs = [x509.NameAttribute(NameOID.COUNTRY_NAME, "ID")]
    if profile.city:
        attrs.append(x509.NameAttribute(NameOID.LOCALITY_NAME, profile.city))
    if profile.org:
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, profile.org))
    if profile.unit:
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, profile.unit))
    if profile.title:
        attrs.append(x509.NameAttribute(NameOID.TITLE, profile.title))
    if profile.nip:
        attrs.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, profile.nip))
    attrs.append(x509.NameAttribute(NameOID.COMMON_NAME, profile.name))
    return x509.Name(attrs)


def _hash_for(key: CertificateIssuerPrivateKeyTypes) -> hashes.SHA256 | None:
    from cryptography.hazmat.primitives.asymmetric import ed448, ed25519

    return (
        None
        if isinstance(key, ed25519.Ed25519PrivateKey | ed448.Ed448PrivateKey)
        else (hashes.SHA256())
    )


def create_ca(
    *,
    name: str,
    key: CertificateIssuerPrivateKeyTypes,
    at: datetime,
    org: str | None = None,
    validity: timedelta = CA_VALIDITY,
) -> x509.Certificate:
    """A self-signed root for an office: CA, path length 0, keyCertSign + cRLSign."""
    subject = _name(SubjectProfile(name=name, kind=CertKind.CA, org=org))
    public = key.public_key()
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(at - BACKDATE)
        .not_valid_after(at + validity)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_ku(cert_sign=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
    )
    return builder.sign(key, _hash_for(key))


def _ku(*, cert_sign: bool = False, signing: bool = False) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=signing or not cert_sign,
        content_commitment=signing,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=cert_sign,
        crl_sign=cert_sign,
        encipher_only=False,
        decipher_only=False,
    )


def issue_certificate(
    *,
    profile: SubjectProfile,
    public_key: CertificatePublicKeyTypes,
    ca_key: CertificateIssuerPrivateKeyTypes,
    ca_cert: x509.Certificate,
    at: datetime,
    base_url: str | None = None,
    validity: timedelta = OFFICER_VALIDITY,
    extended_usages: tuple[x509.ObjectIdentifier, ...] = (),
) -> x509.Certificate:
    """An end-entity certificate for an officer or a seal, issued by ``ca_cert``."""
    if profile.nip:
        profile = dataclasses.replace(profile, nip=check_nip(profile.nip))
    builder = _end_entity(profile, public_key, ca_cert, at, validity, _ku(signing=True))
    if profile.email:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.RFC822Name(profile.email)]), critical=False
        )
    if base_url:
        builder = _with_service_urls(builder, base_url)
    if extended_usages:
        builder = builder.add_extension(x509.ExtendedKeyUsage(list(extended_usages)), True)
    return builder.sign(ca_key, _hash_for(ca_key))


def _end_entity(
    profile: SubjectProfile,
    public_key: CertificatePublicKeyTypes,
    ca_cert: x509.Certificate,
    at: datetime,
    validity: timedelta,
    key_usage: x509.KeyUsage,
) -> x509.CertificateBuilder:
    """What every end-entity certificate of the store's CA has: subject, issuer, validity
    (never past the CA's), not a CA, key usage, SKI and AKI."""
    ski = ca_cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    return (
        x509.CertificateBuilder()
        .subject_name(_name(profile))
        .issuer_name(ca_cert.subject)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(at - BACKDATE)
        .not_valid_after(min(at + validity, ca_cert.not_valid_after_utc))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(key_usage, critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski), critical=False
        )
    )


def _with_service_urls(builder: x509.CertificateBuilder, base_url: str) -> x509.CertificateBuilder:
    """CRL distribution point ``{base}/crl`` and AIA OCSP ``{base}/ocsp``."""
    base = base_url.rstrip("/")
    crl_url = x509.UniformResourceIdentifier(base + "/crl")
    dp = x509.DistributionPoint([crl_url], None, None, None)
    aia = x509.AuthorityInformationAccess(
        [
            x509.AccessDescription(
                AuthorityInformationAccessOID.OCSP, x509.UniformResourceIdentifier(base + "/ocsp")
            )
        ]
    )
    return builder.add_extension(x509.CRLDistributionPoints([dp]), critical=False).add_extension(
        aia, critical=False
    )


TIMESTAMPING = ExtendedKeyUsageOID.TIME_STAMPING
SERVICE_VALIDITY = timedelta(days=365 * 5)
SERVICES = ("tsa", "ocsp")


def issue_service_certificate(
    *,
    service: str,
    public_key: CertificatePublicKeyTypes,
    ca_key: CertificateIssuerPrivateKeyTypes,
    ca_cert: x509.Certificate,
    at: datetime,
    base_url: str | None,
    validity: timedelta = SERVICE_VALIDITY,
) -> x509.Certificate:
    """The office's time-stamp authority (``tsa``) or OCSP responder (``ocsp``) certificate.

    TSA: key usage digitalSignature, extended key usage timeStamping (critical, RFC 3161
    §2.3), revocation pointers like any end entity. OCSP: extended key usage OCSPSigning and
    id-pkix-ocsp-nocheck (RFC 6960 §4.2.2.2.1), so clients need no revocation data for it.
    """
    if service not in SERVICES:
        raise ValueError(f"unknown service {service!r}")
    org = _attr(ca_cert.subject, NameOID.ORGANIZATION_NAME)
    ca_name = _attr(ca_cert.subject, NameOID.COMMON_NAME) or "esign"
    label = "Time-Stamp Authority" if service == "tsa" else "OCSP Responder"
    profile = SubjectProfile(name=f"{ca_name} {label}", kind=CertKind.SEAL, org=org)
    builder = _end_entity(profile, public_key, ca_cert, at, validity, _ku())
    if service == "tsa":
        builder = builder.add_extension(x509.ExtendedKeyUsage([TIMESTAMPING]), critical=True)
        if base_url:
            builder = _with_service_urls(builder, base_url)
    else:
        builder = builder.add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.OCSP_SIGNING]), critical=False
        ).add_extension(x509.OCSPNoCheck(), critical=False)
    return builder.sign(ca_key, _hash_for(ca_key))


REVOCATION_REASONS: dict[str, x509.ReasonFlags] = {
    "unspecified": x509.ReasonFlags.unspecified,
    "keyCompromise": x509.ReasonFlags.key_compromise,
    "affiliationChanged": x509.ReasonFlags.affiliation_changed,
    "superseded": x509.ReasonFlags.superseded,
    "cessationOfOperation": x509.ReasonFlags.cessation_of_operation,
    "certificateHold": x509.ReasonFlags.certificate_hold,
}
"""RFC 5280 reason names esign accepts, as ``esign cert revoke --reason`` spells them."""


@dataclass(frozen=True, slots=True, kw_only=True)
class RevokedEntry:
    """One revoked certificate, as the CRL and the OCSP responder list it."""

    serial: int
    """Certificate serial number."""
    revoked_at: datetime
    """Revocation time (UTC)."""
    reason: str = "unspecified"
    """A key of :data:`REVOCATION_REASONS`."""


CRL_VALIDITY = timedelta(days=7)


def build_crl(
    *,
    ca_key: CertificateIssuerPrivateKeyTypes,
    ca_cert: x509.Certificate,
    revoked: list[tuple[int, datetime]] | list[RevokedEntry],
    at: datetime,
    next_update: timedelta = CRL_VALIDITY,
    number: int = 1,
) -> x509.CertificateRevocationList:
    """A CRL listing the revoked certificates (entries or ``(serial, revoked_at)`` pairs)."""
    ski = ca_cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(ca_cert.subject)
        .last_update(at)
        .next_update(at + next_update)
        .add_extension(x509.CRLNumber(number), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski), critical=False
        )
    )
    for item in revoked:
        entry = (
            item
            if isinstance(item, RevokedEntry)
            else RevokedEntry(serial=item[0], revoked_at=item[1])
        )
        rb = x509.RevokedCertificateBuilder().serial_number(entry.serial)
        rb = rb.revocation_date(entry.revoked_at)
        flag = REVOCATION_REASONS.get(entry.reason, x509.ReasonFlags.unspecified)
        if flag is not x509.ReasonFlags.unspecified:
            rb = rb.add_extension(x509.CRLReason(flag), critical=False)
        builder = builder.add_revoked_certificate(rb.build())
    return builder.sign(ca_key, _hash_for(ca_key))


# --- reading certificates ------------------------------------------------------------------


def _attr(name: x509.Name, oid: x509.ObjectIdentifier) -> str | None:
    values = name.get_attributes_for_oid(oid)
    if not values:
        return None
    value = values[0].value
    return value if isinstance(value, str) else value.decode("utf-8", "replace")


_DN_NAMES = {
    NameOID.SERIAL_NUMBER: "serialNumber",
    NameOID.TITLE: "title",
    NameOID.EMAIL_ADDRESS: "emailAddress",
}


def dn(name: x509.Name) -> str:
    """RFC 4514 text with readable names for serialNumber (NIP) and title."""
    return name.rfc4514_string(_DN_NAMES)


def identity_of(cert: x509.Certificate) -> SignerIdentity:
    """Name, NIP, title, organization, unit and e-mail from a certificate's subject."""
    subject = cert.subject
    email = _attr(subject, NameOID.EMAIL_ADDRESS)
    try:
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        emails = san.get_values_for_type(x509.RFC822Name)
        email = emails[0] if emails else email
    except x509.ExtensionNotFound:
        pass
    return SignerIdentity(
        name=_attr(subject, NameOID.COMMON_NAME),
        nip=_attr(subject, NameOID.SERIAL_NUMBER),
        title=_attr(subject, NameOID.TITLE),
        org=_attr(subject, NameOID.ORGANIZATION_NAME),
        unit=_attr(subject, NameOID.ORGANIZATIONAL_UNIT_NAME),
        email=email,
    )


def fingerprint(cert: x509.Certificate) -> str:
    """SHA-256 of the DER encoding, lowercase hex."""
    from cryptography.hazmat.primitives.serialization import Encoding

    return hashlib.sha256(cert.public_bytes(Encoding.DER)).hexdigest()


def is_ca(cert: x509.Certificate) -> bool:
    """Whether the certificate says it is a CA."""
    try:
        return bool(cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca)
    except x509.ExtensionNotFound:
        return cert.issuer == cert.subject


def status_at(
    cert: x509.Certificate, at: datetime, revoked_at: datetime | None = None
) -> CertStatus:
    """Revoked, expired, not yet valid or active at ``at``."""
    if revoked_at is not None and revoked_at <= at:
        return CertStatus.REVOKED
    if at < cert.not_valid_before_utc:
        return CertStatus.NOT_YET_VALID
    if at > cert.not_valid_after_utc:
        return CertStatus.EXPIRED
    return CertStatus.ACTIVE


def cert_info(
    cert: x509.Certificate,
    *,
    at: datetime,
    id: str = "",
    kind: CertKind | None = None,
    has_key: bool = False,
    revoked_at: datetime | None = None,
) -> CertInfo:
    """The store's and the reports' view of a certificate."""
    return CertInfo(
        id=id,
        kind=kind or (CertKind.CA if is_ca(cert) else CertKind.PERSON),
        subject=identity_of(cert),
        subject_dn=dn(cert.subject),
        issuer_dn=dn(cert.issuer),
        serial=format(cert.serial_number, "x"),
        fingerprint=fingerprint(cert),
        not_before=cert.not_valid_before_utc,
        not_after=cert.not_valid_after_utc,
        status=status_at(cert, at, revoked_at),
        has_key=has_key,
        key_type=describe_key(cert.public_key()),
        revoked_at=revoked_at,
    )


def load_certificate(data: bytes) -> x509.Certificate:
    """A certificate from PEM or DER bytes (ValueError when it is neither)."""
    if b"-----BEGIN" in data:
        return x509.load_pem_x509_certificate(data)
    return x509.load_der_x509_certificate(data)


def can_sign_documents(cert: x509.Certificate) -> bool:
    """Key usage allows digitalSignature or nonRepudiation (absent KU allows all)."""
    try:
        ku = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return True
    return bool(ku.digital_signature or ku.content_commitment)


def check_signing_cert(
    cert: x509.Certificate, id: str, at: datetime, revoked_at: datetime | None = None
) -> None:
    """Refuse expired, not-yet-valid, revoked or non-signing certificates."""
    status = status_at(cert, at, revoked_at)
    when = {
        "expired": cert.not_valid_after_utc,
        "not_yet_valid": cert.not_valid_before_utc,
        "revoked": revoked_at,
    }.get(status.value)
    if status.value == "expired":
        raise CertificateError("cert.expired", hint_key="cert.expired.hint", id=id, when=when)
    if status.value == "not_yet_valid":
        raise CertificateError("cert.not_yet_valid", id=id, when=when)
    if status.value == "revoked":
        raise CertificateError("cert.revoked", hint_key="cert.expired.hint", id=id, when=when)
    if not can_sign_documents(cert):
        raise CertificateError("cert.no_signing_usage", id=id)


# Extended key usages that allow signing documents, when a signing certificate has an EKU
# extension at all (RFC 5280 4.2.1.12: then it must be honoured). docs/security.md.
DOCUMENT_SIGNING_EKUS: dict[str, str] = {
    "2.5.29.37.0": "anyExtendedKeyUsage",
    "1.3.6.1.5.5.7.3.4": "emailProtection",
    "1.3.6.1.5.5.7.3.36": "documentSigning",  # id-kp-documentSigning, RFC 9336
    "1.2.840.113583.1.1.5": "Adobe authenticDocumentsTrust",
    "1.3.6.1.4.1.311.10.3.12": "Microsoft documentSigning",
}
_EKU_NAMES = {
    **DOCUMENT_SIGNING_EKUS,
    "1.3.6.1.5.5.7.3.1": "serverAuth",
    "1.3.6.1.5.5.7.3.2": "clientAuth",
    "1.3.6.1.5.5.7.3.3": "codeSigning",
    "1.3.6.1.5.5.7.3.8": "timeStamping",
    "1.3.6.1.5.5.7.3.9": "OCSPSigning",
}
_KU_NAMES = (
    ("digital_signature", "digitalSignature"),
    ("content_commitment", "nonRepudiation"),
    ("key_encipherment", "keyEncipherment"),
    ("data_encipherment", "dataEncipherment"),
    ("key_agreement", "keyAgreement"),
    ("key_cert_sign", "keyCertSign"),
    ("crl_sign", "cRLSign"),
)


def _key_usages(ku: x509.KeyUsage) -> list[str]:
    return [name for attr, name in _KU_NAMES if getattr(ku, attr)]


def signer_profile_problem(cert: x509.Certificate, *, timestamp: bool = False) -> Finding | None:
    """Why ``cert`` may not make a document signature (``timestamp``: a document
    timestamp), or None. A signing certificate is an end entity (no CA:TRUE), its key
    usage carries digitalSignature and/or nonRepudiation (for a timestamp: when it has a
    key usage at all), and its extended key usage, when present, allows document signing
    (:data:`DOCUMENT_SIGNING_EKUS`) or, for a timestamp, timeStamping."""
    ext = cert.extensions
    try:
        if ext.get_extension_for_class(x509.BasicConstraints).value.ca:
            return finding("signer_is_ca")
    except x509.ExtensionNotFound:
        pass
    try:
        ku: x509.KeyUsage | None = ext.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        ku = None
    if ku is None and not timestamp:
        return finding("signer_no_key_usage")
    if ku is not None and not (ku.digital_signature or ku.content_commitment):
        return finding("signer_key_usage", usages=", ".join(_key_usages(ku)) or "-")
    try:
        ekus = [o.dotted_string for o in ext.get_extension_for_class(x509.ExtendedKeyUsage).value]
    except x509.ExtensionNotFound:
        ekus = None
    names = ", ".join(_EKU_NAMES.get(o, o) for o in ekus or ())
    if timestamp and "1.3.6.1.5.5.7.3.8" not in (ekus or ()):
        return finding("tsa_extended_usage", usages=names or "-")
    if not timestamp and ekus is not None and not set(ekus) & DOCUMENT_SIGNING_EKUS.keys():
        return finding("signer_extended_usage", usages=names)
    return None
