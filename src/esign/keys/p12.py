"""Today's keys: PKCS#12 blobs sealed under a passphrase, and :class:`P12Key`, the unlocked
:class:`~esign.keys.handle.KeyHandle` made from one.

Keys rest as PKCS#12: the key and certificate bags are encrypted with PBES2
(PBKDF2-HMAC-SHA256, 600,000 rounds, AES-256-CBC) and the file carries a SHA-256 MAC whose
PKCS#12 key derivation runs 1,200,000 iterations. One PKCS#12-KDF iteration is one SHA-256
compression and one PBKDF2-HMAC iteration is two, so the MAC costs a guesser the same as the
encryption: there is no cheaper way to reject a wrong passphrase (cryptography's builder
fixes the MAC at 2,048 iterations, a ~5,800-guesses/s shortcut; :func:`seal_key` replaces
that MAC). A wrong passphrase also waits a short, growing delay (:data:`FAILURE_DELAY`).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import math
import os
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from cryptography.hazmat.primitives.serialization import pkcs12

from esign.errors import CertificateError, PassphraseError, SigningError
from esign.keys.handle import HASHES, pyhanko_signer
from esign.keys.secret import Secret
from esign.keys.types import describe_key

log = logging.getLogger(__name__)

KDF_ROUNDS = 600_000
"""PBKDF2-HMAC-SHA256 rounds of the key and certificate encryption."""
MAC_ROUNDS = 2 * KDF_ROUNDS
"""PKCS#12-KDF iterations of the MAC key: the same number of SHA-256 compressions."""
MAC_SALT_BYTES = 16

FAILURE_DELAY = 0.5
"""Seconds a first wrong passphrase waits in this process; each further one doubles it,
up to :data:`FAILURE_DELAY_MAX`. ``ESIGN_PASSPHRASE_DELAY`` (seconds) overrides the first
delay (the test suite sets 0.001 to stay fast)."""
FAILURE_DELAY_MAX = 8.0

_failures = 0
_failures_lock = threading.Lock()


def failure_delay(failures: int) -> float:
    """Seconds to wait after the ``failures``-th wrong passphrase of this process."""
    base = FAILURE_DELAY
    configured = os.environ.get("ESIGN_PASSPHRASE_DELAY")
    if configured:
        try:
            base = max(0.0, float(configured))
        except ValueError:
            log.warning("ESIGN_PASSPHRASE_DELAY=%r is not a number; using %s", configured, base)
    return float(min(FAILURE_DELAY_MAX, base * 2 ** max(0, failures - 1)))


def _wrong_passphrase_pause() -> None:
    global _failures
    with _failures_lock:
        _failures += 1
        count = _failures
    time.sleep(failure_delay(count))


# --- the PKCS#12 MAC (RFC 7292 appendix B) -----------------------------------------------


def _pkcs12_kdf(password: bytes, salt: bytes, iterations: int) -> bytes:
    """The 32-byte MAC key (ID 3) for SHA-256, with the password as a BMPString."""
    v = 64

    def fill(data: bytes) -> bytes:
        if not data:
            return b""
        size = v * math.ceil(len(data) / v)
        return (data * math.ceil(size / len(data)))[:size]

    bmp = password.decode("utf-8").encode("utf-16-be") + b"\0\0"
    digest = hashlib.sha256(bytes([3]) * v + fill(salt) + fill(bmp)).digest()
    for _ in range(iterations - 1):
        digest = hashlib.sha256(digest).digest()
    return digest


def _asn1_pkcs12() -> Any:
    """asn1crypto's pkcs12 module, with ``tsp`` imported first: asn1crypto builds a content
    type's name table the first time one is parsed, and only names registered by then
    (``tst_info`` is registered by importing ``tsp``) are known for the rest of the process.
    Without this, a process that seals a key before it first imports ``tsp`` (a token
    test, a service set up before timestamping) cannot build a time-stamp token later."""
    from asn1crypto import pkcs12 as asn1_pkcs12
    from asn1crypto import tsp  # noqa: F401 - registers tst_info before any ContentType

    return asn1_pkcs12


def _strong_mac(blob: bytes, password: bytes, iterations: int) -> bytes:
    """``blob`` with its MAC recomputed over the same content at ``iterations``."""
    asn1_pkcs12 = _asn1_pkcs12()

    pfx = asn1_pkcs12.Pfx.load(blob)
    content = pfx["auth_safe"]["content"].contents
    salt = os.urandom(MAC_SALT_BYTES)
    key = _pkcs12_kdf(password, salt, iterations)
    pfx["mac_data"] = asn1_pkcs12.MacData(
        {
            "mac": {
                "digest_algorithm": {"algorithm": "sha256"},
                "digest": hmac.new(key, content, hashlib.sha256).digest(),
            },
            "mac_salt": salt,
            "iterations": iterations,
        }
    )
    out: bytes = pfx.dump()
    return out


def mac_iterations(blob: bytes) -> int | None:
    """The MAC iteration count of a PKCS#12 blob (None: no MAC or not PKCS#12)."""
    asn1_pkcs12 = _asn1_pkcs12()

    try:
        mac = asn1_pkcs12.Pfx.load(blob)["mac_data"]
        return None if mac.native is None else int(mac["iterations"].native)
    except (ValueError, TypeError, KeyError):
        return None


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
    blob = pkcs12.serialize_key_and_certificates(
        friendly_name.encode("utf-8"), key, cert, chain or None, _encryption(passphrase)
    )
    return _strong_mac(blob, passphrase.value, MAC_ROUNDS)


def reseal(
    blob: bytes,
    passphrase: Secret,
    owner: str,
    *,
    cert: x509.Certificate,
    chain: tuple[x509.Certificate, ...],
    new_passphrase: Secret | None = None,
) -> bytes:
    """The same key sealed afresh with ``cert`` and ``chain`` (an export, or an old blob
    brought up to today's parameters); a wrong passphrase raises PassphraseError."""
    key = open_key(blob, passphrase, owner)
    return seal_key(key, cert, new_passphrase or passphrase, list(chain), owner)


def needs_reseal(blob: bytes) -> bool:
    """True for a blob sealed before the MAC had the encryption's work factor."""
    found = mac_iterations(blob)
    return found is None or found < MAC_ROUNDS


def open_key(blob: bytes, passphrase: Secret, owner: str) -> PrivateKeyTypes:
    """Decrypt a key sealed by :func:`seal_key`; a wrong passphrase raises PassphraseError
    after a short delay that grows with each failure in this process."""
    try:
        key, _cert, _chain = pkcs12.load_key_and_certificates(blob, passphrase.value)
    except ValueError as e:
        _wrong_passphrase_pause()
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
        _wrong_passphrase_pause()
        raise PassphraseError("cert.bad_p12", file=file) from e
    if key is None or cert is None:
        raise CertificateError("cert.p12_no_key", file=file)
    return P12Contents(key=key, cert=cert, chain=list(chain))


@dataclass(frozen=True, slots=True)
class P12Key:
    """An unlocked PKCS#12 key: a :class:`~esign.keys.handle.KeyHandle`.

    The private key object stays inside; callers sign through :meth:`sign` or
    :meth:`pyhanko_signer`. Kept parsed, so a batch pays for decryption once.
    """

    id: str
    private_key: PrivateKeyTypes = field(repr=False, compare=False)
    cert: x509.Certificate
    chain: tuple[x509.Certificate, ...] = ()

    def sign(self, data: bytes, hash_algorithm: str) -> bytes:
        """RSA PKCS#1 v1.5 or ECDSA (DER) over ``data``."""
        hash_cls = HASHES.get(hash_algorithm.lower())
        if hash_cls is None:
            raise SigningError("key.unsupported", detail=hash_algorithm)
        private = self.private_key
        if isinstance(private, rsa.RSAPrivateKey):
            return private.sign(data, padding.PKCS1v15(), hash_cls())
        if isinstance(private, ec.EllipticCurvePrivateKey):
            return private.sign(data, ec.ECDSA(hash_cls()))
        raise SigningError("key.unsupported", detail=describe_key(private))

    def pyhanko_signer(self, *, embed_roots: bool = False) -> Any:
        """A pyHanko ``Signer`` for this key (cached: one per key and setting)."""
        return _signer(self, embed_roots)


_SIGNERS: dict[tuple[int, bool], tuple[P12Key, Any]] = {}


def _signer(key: P12Key, embed_roots: bool) -> Any:
    slot = (id(key), embed_roots)
    found = _SIGNERS.get(slot)
    if found is None or found[0] is not key:
        if len(_SIGNERS) > 16:
            _SIGNERS.clear()
        found = (key, pyhanko_signer(key, embed_roots=embed_roots))
        _SIGNERS[slot] = found
    return found[1]
