"""Keys on PKCS#11 tokens (smart cards, USB tokens, HSMs; SoftHSM2 in the tests).

A token key never leaves the token: esign generates it there (``CKA_SENSITIVE`` true,
``CKA_EXTRACTABLE`` false) or imports a PKCS#12 key into it the same way, keeps only a
reference in the store (``pkcs11:token=Kantor;object=budi;id=%5a%...``, RFC 7512 style:
token label, key label and key id, never the PIN) and signs through the token: letters
with pyHanko's own :class:`pyhanko.sign.pkcs11.PKCS11Signer`, everything else (the QR
statement, certificates, CRLs, OCSP answers) through :meth:`Pkcs11Key.sign`.

Sessions are per process: the first key of a token logs in once with the PIN, every
further key of the same token reuses that session. A wrong PIN raises
:class:`~esign.errors.PinError` (exit 17) and is remembered: nothing in this process tries
that token again, because a token locks itself after a few wrong PINs.

The PKCS#11 module is the setting ``pkcs11-module`` (:func:`configure`); by default Debian's
SoftHSM2 module when it is installed.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import threading
import urllib.parse
from dataclasses import dataclass, field
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes, PublicKeyTypes

from esign.errors import ConfigError, PinError, SigningError
from esign.keys.handle import HASHES
from esign.keys.secret import Secret
from esign.keys.types import KeyType, describe_key

DEFAULT_MODULE = "/usr/lib/softhsm/libsofthsm2.so"
"""Debian's SoftHSM2 module: the default of ``pkcs11-module`` when it is installed."""

_CURVES = {KeyType.P256: "secp256r1", KeyType.P384: "secp384r1"}
_RSA_BITS = {KeyType.RSA2048: 2048, KeyType.RSA3072: 3072, KeyType.RSA4096: 4096}


# --- references -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TokenRef:
    """Where a token key is: the token's label, the key's label and its ``CKA_ID``."""

    token: str
    object: str
    id: bytes

    @classmethod
    def parse(cls, text: str) -> TokenRef:
        """From ``pkcs11:token=...;object=...;id=...`` (or the part after ``pkcs11:``)."""
        body = text.removeprefix("pkcs11:")
        parts: dict[str, str] = {}
        for item in body.split(";"):
            name, sep, value = item.partition("=")
            if not sep:
                raise SigningError("key.bad_ref", ref=text)
            parts[name] = value
        if not parts.get("token") or not parts.get("object") or not parts.get("id"):
            raise SigningError("key.bad_ref", ref=text)
        return cls(
            token=urllib.parse.unquote(parts["token"]),
            object=urllib.parse.unquote(parts["object"]),
            id=urllib.parse.unquote_to_bytes(parts["id"]),
        )

    def __str__(self) -> str:
        quote = urllib.parse.quote
        key_id = "".join(f"%{b:02x}" for b in self.id)
        token, label = quote(self.token, safe=""), quote(self.object, safe="")
        return f"pkcs11:token={token};object={label};id={key_id}"


# --- the module and the sessions ------------------------------------------------------------

_configured: str | None = None
_lock = threading.Lock()


def configure(module: str | None) -> None:
    """Use the PKCS#11 module at ``module`` in this process, whatever the settings say
    (library callers; None: back to the ``pkcs11-module`` setting and the default)."""
    global _configured
    _configured = module or None


def module_path() -> str:
    """The PKCS#11 module to load: :func:`configure`'s, else the ``pkcs11-module`` setting
    (``ESIGN_PKCS11_MODULE``, config.toml), else SoftHSM2 when installed."""
    if _configured:
        return _configured
    from esign.config import Settings

    setting = Settings().get("pkcs11-module")
    if setting:
        return setting
    if os.path.exists(DEFAULT_MODULE):
        return DEFAULT_MODULE
    raise ConfigError("token.no_module", hint_key="token.no_module.hint", default=DEFAULT_MODULE)


@dataclass(slots=True)
class _Login:
    """One logged-in session of a token, shared by every key of it in this process."""

    session: Any
    lock: threading.Lock = field(default_factory=threading.Lock)


_sessions: dict[tuple[str, str], _Login] = {}
_failed: dict[tuple[str, str], PinError] = {}


def _library(path: str) -> Any:
    import pkcs11

    try:
        return pkcs11.lib(path)
    except (RuntimeError, OSError) as e:  # python-pkcs11 raises RuntimeError on dlopen
        raise ConfigError("token.bad_module", path=path, detail=str(e) or type(e).__name__) from e


def login(token: str, pin: Secret) -> _Login:
    """The session of ``token``, logging in with ``pin`` the first time in this process.

    A wrong PIN raises PinError once, and again at once for any later use of the token in
    this process, without asking the token again (each try counts towards its lock-out).
    """
    import pkcs11
    from pkcs11 import exceptions as pk

    path = module_path()
    slot = (path, token)
    with _lock:
        if slot in _failed:
            raise _failed[slot]
        found = _sessions.get(slot)
        if found is not None:
            return found
        lib = _library(path)
        try:
            tok = lib.get_token(token_label=token)
        except pk.NoSuchToken as e:
            raise SigningError(
                "token.not_found", hint_key="token.not_found.hint", token=token, module=path
            ) from e
        except pkcs11.PKCS11Error as e:
            raise SigningError("token.error", token=token, detail=type(e).__name__) from e
        try:
            session = tok.open(user_pin=pin.value.decode("utf-8"), rw=True)
        except pk.UserAlreadyLoggedIn:  # another session of this process logged in
            session = tok.open(rw=True)
        except pk.PinIncorrect as e:
            _failed[slot] = PinError(
                "token.pin_wrong", hint_key="token.pin_wrong.hint", token=token
            )
            raise _failed[slot] from e
        except pk.PinLocked as e:
            _failed[slot] = PinError(
                "token.pin_locked", hint_key="token.pin_locked.hint", token=token
            )
            raise _failed[slot] from e
        except (pk.PinLenRange, pk.PinInvalid, pk.PinExpired) as e:
            _failed[slot] = PinError(
                "token.pin_wrong", hint_key="token.pin_wrong.hint", token=token
            )
            raise _failed[slot] from e
        except pkcs11.PKCS11Error as e:
            raise SigningError("token.error", token=token, detail=type(e).__name__) from e
        found = _Login(session=session)
        _sessions[slot] = found
        return found


def close_all() -> None:
    """Log out of and close every session of this process (tests; the end of a server)."""
    with _lock:
        for login_ in _sessions.values():
            with contextlib.suppress(Exception):
                login_.session.close()
        _sessions.clear()
        _failed.clear()


# --- keys on a token ------------------------------------------------------------------------


def _private_template(key_id: bytes, label: str) -> dict[Any, Any]:
    from pkcs11 import Attribute

    return {
        Attribute.TOKEN: True,
        Attribute.PRIVATE: True,
        Attribute.SENSITIVE: True,
        Attribute.EXTRACTABLE: False,
        Attribute.SIGN: True,
        Attribute.DECRYPT: False,
        Attribute.DERIVE: False,
        Attribute.UNWRAP: False,
        Attribute.ID: key_id,
        Attribute.LABEL: label,
    }


def _check_free(session: Any, token: str, label: str) -> None:
    from pkcs11 import Attribute, ObjectClass

    for _found in session.get_objects(
        {Attribute.CLASS: ObjectClass.PRIVATE_KEY, Attribute.LABEL: label}
    ):
        raise SigningError("token.key_exists", token=token, object=label)


def _public_key(public: Any) -> PublicKeyTypes:
    from pkcs11 import Attribute
    from pkcs11 import KeyType as PkKeyType
    from pkcs11.util.ec import encode_ec_public_key

    if public.key_type == PkKeyType.RSA:
        modulus = int.from_bytes(public[Attribute.MODULUS], "big")
        exponent = int.from_bytes(public[Attribute.PUBLIC_EXPONENT], "big")
        return rsa.RSAPublicNumbers(exponent, modulus).public_key()
    return serialization.load_der_public_key(encode_ec_public_key(public))


def _key_id(public: PublicKeyTypes) -> bytes:
    """CKA_ID as most tools expect it: the certificate's Subject Key Identifier."""
    return x509.SubjectKeyIdentifier.from_public_key(public).digest  # type: ignore[arg-type]


def generate(token: str, label: str, key_type: KeyType, pin: Secret) -> tuple[TokenRef, Any]:
    """A new key pair on ``token`` labelled ``label``; the private half is sensitive and
    not extractable. Returns the reference and the public key (cryptography's)."""
    from pkcs11 import Attribute
    from pkcs11 import KeyType as PkKeyType
    from pkcs11.exceptions import PKCS11Error
    from pkcs11.util.ec import encode_named_curve_parameters

    login_ = login(token, pin)
    with login_.lock:
        session = login_.session
        _check_free(session, token, label)
        temp_id = os.urandom(20)
        public_template = {Attribute.TOKEN: True, Attribute.VERIFY: True, Attribute.LABEL: label}
        try:
            if key_type in _CURVES:
                params = session.create_domain_parameters(
                    PkKeyType.EC,
                    {Attribute.EC_PARAMS: encode_named_curve_parameters(_CURVES[key_type])},
                    local=True,
                )
                public, private = params.generate_keypair(
                    id=temp_id,
                    label=label,
                    store=True,
                    public_template=public_template,
                    private_template=_private_template(temp_id, label),
                )
            else:
                public, private = session.generate_keypair(
                    PkKeyType.RSA,
                    _RSA_BITS[key_type],
                    id=temp_id,
                    label=label,
                    store=True,
                    public_template=public_template,
                    private_template=_private_template(temp_id, label),
                )
            key = _public_key(public)
            key_id = _key_id(key)
            public[Attribute.ID] = key_id
            private[Attribute.ID] = key_id
        except PKCS11Error as e:
            raise SigningError("token.error", token=token, detail=type(e).__name__) from e
    return TokenRef(token=token, object=label, id=key_id), key


def import_key(token: str, label: str, key: PrivateKeyTypes, pin: Secret) -> TokenRef:
    """Put ``key`` (from a PKCS#12 file) on ``token`` as a sensitive, non-extractable key."""
    from pkcs11.exceptions import PKCS11Error
    from pkcs11.util.ec import decode_ec_private_key
    from pkcs11.util.rsa import decode_rsa_private_key

    if isinstance(key, rsa.RSAPrivateKey):
        der = key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
        attrs = decode_rsa_private_key(der)
    elif isinstance(key, ec.EllipticCurvePrivateKey):
        der = key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
        attrs = decode_ec_private_key(der)
    else:
        raise SigningError("key.unsupported", detail=describe_key(key))
    key_id = _key_id(key.public_key())
    attrs.update(_private_template(key_id, label))
    login_ = login(token, pin)
    with login_.lock:
        _check_free(login_.session, token, label)
        try:
            login_.session.create_object(attrs)
        except PKCS11Error as e:
            raise SigningError("token.error", token=token, detail=type(e).__name__) from e
    return TokenRef(token=token, object=label, id=key_id)


def store_certificate(ref: TokenRef, cert: x509.Certificate, pin: Secret) -> None:
    """Put the key's certificate on the token beside it (same label and id), so other
    tools (pkcs11-tool, NSS, pdfsig) find the pair; esign itself reads it from the store."""
    from pkcs11 import Attribute
    from pkcs11.exceptions import PKCS11Error
    from pkcs11.util.x509 import decode_x509_certificate

    attrs = decode_x509_certificate(cert.public_bytes(serialization.Encoding.DER))
    attrs.update({Attribute.TOKEN: True, Attribute.LABEL: ref.object, Attribute.ID: ref.id})
    login_ = login(ref.token, pin)
    with login_.lock:
        try:
            login_.session.create_object(attrs)
        except PKCS11Error as e:
            raise SigningError("token.error", token=ref.token, detail=type(e).__name__) from e


def open_token_key(
    ref: TokenRef,
    pin: Secret,
    *,
    id: str,
    cert: x509.Certificate,
    chain: tuple[x509.Certificate, ...],
) -> Pkcs11Key:
    """The handle of the key ``ref`` names (logging in to its token if needed)."""
    from pkcs11 import Attribute, ObjectClass
    from pkcs11.exceptions import PKCS11Error

    login_ = login(ref.token, pin)
    with login_.lock:
        try:
            found = list(
                login_.session.get_objects(
                    {Attribute.CLASS: ObjectClass.PRIVATE_KEY, Attribute.ID: ref.id}
                )
            )
        except PKCS11Error as e:
            raise SigningError("token.error", token=ref.token, detail=type(e).__name__) from e
    if len(found) != 1:
        raise SigningError(
            "token.key_missing",
            hint_key="token.key_missing.hint",
            token=ref.token,
            object=ref.object,
        )
    return Pkcs11Key(id=id, ref=ref, cert=cert, chain=chain, private=found[0], login=login_)


def _digest_info(hash_name: str, digest: bytes) -> bytes:
    from asn1crypto import algos

    info = algos.DigestInfo({"digest_algorithm": {"algorithm": hash_name}, "digest": digest})
    out: bytes = info.dump()
    return out


@dataclass(frozen=True, slots=True)
class Pkcs11Key:
    """A key on a token: a :class:`~esign.keys.handle.KeyHandle`. The token signs; the
    private key is only a PKCS#11 object handle here."""

    id: str
    ref: TokenRef
    cert: x509.Certificate
    chain: tuple[x509.Certificate, ...]
    private: Any = field(repr=False, compare=False)
    login: _Login = field(repr=False, compare=False)

    def sign(self, data: bytes, hash_algorithm: str) -> bytes:
        """RSA PKCS#1 v1.5 or ECDSA (DER) over ``data``; the token does the private part,
        with the raw mechanisms (``CKM_RSA_PKCS``, ``CKM_ECDSA``) every token has."""
        from pkcs11 import Mechanism
        from pkcs11.exceptions import PKCS11Error
        from pkcs11.util.ec import encode_ecdsa_signature

        name = hash_algorithm.lower()
        if name not in HASHES:
            raise SigningError("key.unsupported", detail=hash_algorithm)
        digest = hashlib.new(name, data).digest()
        public = self.cert.public_key()
        with self.login.lock:
            try:
                if isinstance(public, rsa.RSAPublicKey):
                    result: bytes = self.private.sign(
                        _digest_info(name, digest), mechanism=Mechanism.RSA_PKCS
                    )
                    return result
                if isinstance(public, ec.EllipticCurvePublicKey):
                    raw = self.private.sign(digest, mechanism=Mechanism.ECDSA)
                    return bytes(encode_ecdsa_signature(raw))
            except PKCS11Error as e:
                raise SigningError(
                    "token.error", token=self.ref.token, detail=type(e).__name__
                ) from e
        raise SigningError("key.unsupported", detail=describe_key(public))

    def pyhanko_signer(self, *, embed_roots: bool = False) -> Any:
        """pyHanko's own PKCS#11 signer on this process's session of the token."""
        return _signer(self, embed_roots)


_SIGNERS: dict[tuple[int, bool], tuple[Pkcs11Key, Any]] = {}


def _signer(key: Pkcs11Key, embed_roots: bool) -> Any:
    """One pyHanko signer per key and setting, its token objects loaded once up front."""
    slot = (id(key), embed_roots)
    with key.login.lock:
        found = _SIGNERS.get(slot)
        if found is None or found[0] is not key:
            if len(_SIGNERS) > 16:
                _SIGNERS.clear()
            signer = _new_signer(key, embed_roots)
            signer._load_objects()  # now, under the lock: signing then only signs
            found = (key, signer)
            _SIGNERS[slot] = found
    return found[1]


def _new_signer(key: Pkcs11Key, embed_roots: bool) -> Any:
    from asn1crypto import x509 as asn1_x509
    from pyhanko.sign.pkcs11 import PKCS11Signer

    lock = key.login.lock

    class LockedSigner(PKCS11Signer):
        """One operation at a time on the shared session (the server signs from threads).
        The lock is held in the caller's thread while pyHanko's executor thread signs."""

        async def async_sign_raw(
            self, data: bytes, digest_algorithm: str, dry_run: bool = False
        ) -> bytes:
            if dry_run:
                result: bytes = await super().async_sign_raw(data, digest_algorithm, dry_run)
                return result
            with lock:
                result = await super().async_sign_raw(data, digest_algorithm, dry_run)
                return result

    def der(cert: x509.Certificate) -> asn1_x509.Certificate:
        return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))

    return LockedSigner(
        key.login.session,
        signing_cert=der(key.cert),
        ca_chain=[der(c) for c in key.chain],
        key_id=key.ref.id,
        embed_roots=embed_roots,
        other_certs_to_pull=(),
        use_raw_mechanism=isinstance(key.cert.public_key(), ec.EllipticCurvePublicKey),
    )
