"""The only place private keys are generated, encrypted, decrypted and exported.

Keys rest as PKCS#12 (PBES2: PBKDF2-HMAC-SHA256, 600,000 rounds, AES-256-CBC,
SHA-256 MAC), each with its own passphrase. Passphrases cross this border as
:class:`Secret`, whose repr never shows the value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.types import (
    CertificateIssuerPrivateKeyTypes,
    PrivateKeyTypes,
)
from cryptography.hazmat.primitives.serialization import pkcs12

from esign.errors import CertificateError, PassphraseError

KDF_ROUNDS = 600_000
MIN_PASSPHRASE = 8


class KeyType(StrEnum):
    """Key algorithms esign generates."""

    RSA2048 = "rsa2048"
    RSA3072 = "rsa3072"
    RSA4096 = "rsa4096"
    P256 = "p256"
    P384 = "p384"


@dataclass(frozen=True, slots=True)
class Secret:
    """A passphrase. Its repr and str never reveal it."""

    value: bytes = field(repr=False)

    def __repr__(self) -> str:
        return "Secret(***)"

    __str__ = __repr__

    @classmethod
    def from_text(cls, text: str) -> Secret:
        """Build from text read from a prompt, file or variable (one trailing newline dropped)."""
        if text.endswith("\n"):
            text = text[:-1]
        if text.endswith("\r"):
            text = text[:-1]
        if not text:
            raise PassphraseError("pass.empty")
        return cls(text.encode("utf-8"))


def parse_key_type(name: str) -> KeyType:
    """``KeyType`` from its name, with a helpful error."""
    try:
        return KeyType(name.lower().replace("-", ""))
    except ValueError as e:
        choices = ", ".join(k.value for k in KeyType)
        raise CertificateError("cert.bad_key_type", key=name, choices=choices) from e


def generate_key(key_type: KeyType) -> CertificateIssuerPrivateKeyTypes:
    """A fresh private key of the given type."""
    if key_type is KeyType.P256:
        return ec.generate_private_key(ec.SECP256R1())
    if key_type is KeyType.P384:
        return ec.generate_private_key(ec.SECP384R1())
    bits = {KeyType.RSA2048: 2048, KeyType.RSA3072: 3072, KeyType.RSA4096: 4096}[key_type]
    return rsa.generate_private_key(public_exponent=65537, key_size=bits)


def describe_key(key: object) -> str:
    """``RSA-2048``, ``EC-P256``, ... for a public or private key."""
    if isinstance(key, rsa.RSAPrivateKey | rsa.RSAPublicKey):
        return f"RSA-{key.key_size}"
    if isinstance(key, ec.EllipticCurvePrivateKey | ec.EllipticCurvePublicKey):
        curve = {"secp256r1": "P256", "secp384r1": "P384", "secp521r1": "P521"}
        return f"EC-{curve.get(key.curve.name, key.curve.name)}"
    return type(key).__name__.replace("PublicKey", "").replace("PrivateKey", "")


def _encryption(passphrase: Secret) -> serialization.KeySerializationEncryption:
    return (
        serialization.PrivateFormat.PKCS12.encryption_builder()
        .kdf_rounds(KDF_ROUNDS)
        .key_cert_algorithm(pkcs12.PBES.PBESv2SHA256AndAES256CBC)
        .hmac_hash(hashes.SHA256())
        .build(passphrase.value)
    )


def seal_key(
    key: PrivateKeyTypes,
    cert: x509.Certificate,
    passphrase: Secret,
    chain: list[x509.Certificate] | None = None,
    friendly_name: str = "esign",
) -> bytes:
    """Encrypt ``key`` (with its certificate and chain) into a PKCS#12 blob."""
    if not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
        raise CertificateError("cert.bad_key_type", key=describe_key(key), choices="RSA, EC")
    return pkcs12.serialize_key_and_certificates(
        friendly_name.encode("utf-8"), key, cert, chain or None, _encryption(passphrase)
    )


def open_key(blob: bytes, passphrase: Secret, owner: str) -> PrivateKeyTypes:
    """Decrypt a key sealed by :func:`seal_key`; a wrong passphrase raises PassphraseError."""
    try:
        key, _cert, _chain = pkcs12.load_key_and_certificates(blob, passphrase.value)
    except ValueError as e:
        raise PassphraseError("pass.wrong", hint_key="pass.wrong.hint", id=owner) from e
    if key is None:  # pragma: no cover - the store only holds blobs with keys
        raise PassphraseError("pass.wrong", hint_key="pass.wrong.hint", id=owner)
    return key


@dataclass(frozen=True, slots=True)
class P12Contents:
    """What a PKCS#12 file carried."""

    key: PrivateKeyTypes = field(repr=False)
    cert: x509.Certificate
    chain: list[x509.Certificate]


def read_p12(data: bytes, passphrase: Secret, file: str) -> P12Contents:
    """Open a PKCS#12 file from any provider (BSrE, Peruri, Privy, ...)."""
    try:
        key, cert, chain = pkcs12.load_key_and_certificates(data, passphrase.value)
    except ValueError as e:
        raise PassphraseError("cert.bad_p12", file=file) from e
    if key is None or cert is None:
        raise CertificateError("cert.p12_no_key", file=file)
    return P12Contents(key=key, cert=cert, chain=list(chain))


@dataclass(frozen=True, slots=True)
class SigningKey:
    """An unlocked key ready to sign: what ``esign.sign`` takes instead of a file path.

    Later this may be backed by a PKCS#11 token; callers only see this shape.
    """

    id: str
    key: PrivateKeyTypes = field(repr=False)
    cert: x509.Certificate
    chain: tuple[x509.Certificate, ...] = ()
