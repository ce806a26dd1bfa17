"""Key algorithms esign generates, and how keys are named in messages."""

from __future__ import annotations

from enum import StrEnum

from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.types import CertificateIssuerPrivateKeyTypes

from esign.errors import CertificateError


class KeyType(StrEnum):
    """Key algorithms esign generates."""

    RSA2048 = "rsa2048"
    RSA3072 = "rsa3072"
    RSA4096 = "rsa4096"
    P256 = "p256"
    P384 = "p384"


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
