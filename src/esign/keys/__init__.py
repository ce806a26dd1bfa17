"""Keys: the only place private keys are generated, sealed, unlocked and exported.

* :mod:`esign.keys.handle` – the :class:`KeyHandle` protocol every signing caller takes,
  key references (``p12:budi``, ``pkcs11:…``) and :class:`KeyUnlock` for workers.
* :mod:`esign.keys.p12` – PKCS#12 blobs kept in the store (the default).
* :mod:`esign.keys.pkcs11` – keys on PKCS#11 tokens (``pkcs11:token=...;object=...;id=...``).
* :mod:`esign.keys.secret` – passphrases as :class:`Secret` (repr ``Secret(***)``).
* :mod:`esign.keys.types` – key algorithms esign generates.
"""

from __future__ import annotations

from collections.abc import Callable

from cryptography import x509

from esign.errors import SigningError
from esign.keys.handle import (
    HashName,
    KeyHandle,
    KeyRef,
    KeyScheme,
    KeyUnlock,
    issuer_key,
    pyhanko_signer,
)
from esign.keys.p12 import (
    KDF_ROUNDS,
    MAC_ROUNDS,
    P12Contents,
    P12Key,
    mac_iterations,
    needs_reseal,
    open_key,
    read_p12,
    reseal,
    seal_key,
)
from esign.keys.secret import MIN_PASSPHRASE, Secret
from esign.keys.types import KeyType, describe_key, generate_key, parse_key_type

SigningKey = KeyHandle
"""The name callers used before the seam: any unlocked key handle."""

__all__ = [
    "KDF_ROUNDS",
    "MAC_ROUNDS",
    "MIN_PASSPHRASE",
    "HashName",
    "KeyHandle",
    "KeyRef",
    "KeyScheme",
    "KeyType",
    "KeyUnlock",
    "P12Contents",
    "P12Key",
    "Secret",
    "SigningKey",
    "describe_key",
    "generate_key",
    "issuer_key",
    "mac_iterations",
    "needs_reseal",
    "open_key",
    "open_ref",
    "parse_key_type",
    "pyhanko_signer",
    "read_p12",
    "reseal",
    "seal_key",
    "token_of",
]


def token_of(ref: str | None) -> str | None:
    """The token label of a ``pkcs11:`` reference (None for other keys)."""
    if ref is None or not ref.startswith(f"{KeyScheme.PKCS11.value}:"):
        return None
    from esign.keys.pkcs11 import TokenRef

    return TokenRef.parse(ref).token


def open_ref(
    ref: str,
    passphrase: Secret,
    *,
    id: str,
    cert: x509.Certificate,
    chain: tuple[x509.Certificate, ...],
    sealed: Callable[[str], bytes],
) -> KeyHandle:
    """Unlock the key that ``ref`` names. ``sealed`` fetches a p12 blob by reference (the
    store's ``sealed_key``); a wrong passphrase raises PassphraseError. For a ``pkcs11:``
    reference ``passphrase`` is the token's PIN (a wrong one raises PinError, once)."""
    parsed = KeyRef.parse(ref)
    if parsed.scheme is KeyScheme.P12:
        key = open_key(sealed(ref), passphrase, id)
        return P12Key(id=id, private_key=key, cert=cert, chain=chain)
    if parsed.scheme is KeyScheme.PKCS11:
        from esign.keys import pkcs11

        return pkcs11.open_token_key(
            pkcs11.TokenRef.parse(ref), passphrase, id=id, cert=cert, chain=chain
        )
    raise SigningError("key.scheme_unavailable", ref=ref, scheme=parsed.scheme.value)
