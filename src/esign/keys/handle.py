"""The key seam: :class:`KeyHandle` is all that signing code may know of a private key.

A handle signs bytes; it never hands out the key. A PKCS#12 key from the store
(:mod:`esign.keys.p12`) and a key on a PKCS#11 token or HSM (:mod:`esign.keys.pkcs11`) are
the two implementations of the same protocol. Code that needs a pyHanko signer or a key
object for cryptography's X.509 builders (OCSP answers, certificates, CRLs) gets one built
on :meth:`KeyHandle.sign`, so it works the same for every implementation.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import Prehashed
from cryptography.hazmat.primitives.serialization import Encoding

from esign.errors import SigningError
from esign.keys.secret import Secret

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.types import CertificateIssuerPrivateKeyTypes


class HashName(StrEnum):
    """Digest algorithms a handle signs with."""

    SHA256 = "sha256"
    SHA384 = "sha384"
    SHA512 = "sha512"


HASHES: dict[str, type[hashes.HashAlgorithm]] = {
    HashName.SHA256: hashes.SHA256,
    HashName.SHA384: hashes.SHA384,
    HashName.SHA512: hashes.SHA512,
}


@runtime_checkable
class KeyHandle(Protocol):
    """An unlocked signing key: its certificate and chain, and a way to sign."""

    @property
    def id(self) -> str:
        """Store id of the identity (``budi``, ``tsa``)."""
        ...

    @property
    def cert(self) -> x509.Certificate:
        """The certificate of the key."""
        ...

    @property
    def chain(self) -> tuple[x509.Certificate, ...]:
        """Issuer certificates, nearest first."""
        ...

    def sign(self, data: bytes, hash_algorithm: str) -> bytes:
        """Sign ``data`` (hashed here with ``hash_algorithm``): RSA PKCS#1 v1.5, or ECDSA
        as DER ``(r, s)``."""
        ...

    def pyhanko_signer(self, *, embed_roots: bool = False) -> Any:
        """A pyHanko ``Signer`` that signs with this key."""
        ...


class KeyScheme(StrEnum):
    """Where a key lives: the prefix of a key reference."""

    P12 = "p12"
    """A PKCS#12 blob in the store (``p12:budi``, ``p12:service:tsa``)."""
    PKCS11 = "pkcs11"
    """A PKCS#11 token (``pkcs11:token=LABEL;object=LABEL;id=%..``, RFC 7512 style)."""


@dataclass(frozen=True, slots=True)
class KeyRef:
    """A parsed key reference (``p12:budi``): what the store keeps instead of a key."""

    scheme: KeyScheme
    name: str

    @classmethod
    def parse(cls, text: str) -> KeyRef:
        """``KeyRef`` from ``scheme:name``; anything else is a SigningError."""
        scheme, sep, name = text.partition(":")
        if not sep or not name or scheme not in {s.value for s in KeyScheme}:
            raise SigningError("key.bad_ref", ref=text)
        return cls(KeyScheme(scheme), name)

    def __str__(self) -> str:
        return f"{self.scheme.value}:{self.name}"


@dataclass(frozen=True, slots=True, kw_only=True)
class KeyUnlock:
    """What a worker process needs to unlock a key itself: where the store is, which key,
    and the passphrase — never the sealed key. Handed over a pipe (pickled), never in argv
    or the environment; its repr shows ``Secret(***)``."""

    store: str
    """The store's path or URL (what :func:`esign.store.open_store` takes)."""
    id: str
    """Store id of the identity."""
    ref: str
    """The key reference (``p12:budi``)."""
    passphrase: Secret
    """The key's passphrase."""


# --- adapters built on KeyHandle.sign: the same for every implementation -------------------


def _der(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(Encoding.DER)


def pyhanko_signer(key: KeyHandle, *, embed_roots: bool = False) -> Any:
    """A pyHanko ``Signer`` whose raw signature comes from ``key.sign``."""
    from asn1crypto import x509 as asn1_x509
    from pyhanko.sign.signers.pdf_cms import Signer
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    from esign.keys import cms

    class HandleSigner(Signer):
        """Signs through the handle: the key never leaves it.

        The CMS container is built from a template made once per digest algorithm
        (:mod:`esign.keys.cms`) when the call is one the template models; pyHanko's own
        assembly otherwise."""

        templates: dict[str, Any]

        async def async_sign_raw(
            self, data: bytes, digest_algorithm: str, dry_run: bool = False
        ) -> bytes:
            return key.sign(data, digest_algorithm.lower())

        async def async_sign(
            self,
            data_digest: bytes,
            digest_algorithm: str,
            dry_run: bool = False,
            use_pades: bool = False,
            timestamper: Any = None,
            signed_attr_settings: Any = None,
            is_pdf_sig: bool = True,
            encap_content_info: Any = None,
        ) -> Any:
            fast = cms.eligible(
                self,
                dry_run=dry_run,
                use_pades=use_pades,
                is_pdf_sig=is_pdf_sig,
                encap_content_info=encap_content_info,
                settings=signed_attr_settings,
            )
            algorithm = digest_algorithm.lower()
            if fast and algorithm not in self.templates:
                self.templates[algorithm] = await cms.build(self, algorithm)
            template = self.templates.get(algorithm) if fast else None
            if template is None:
                return await super().async_sign(
                    data_digest,
                    digest_algorithm,
                    dry_run=dry_run,
                    use_pades=use_pades,
                    timestamper=timestamper,
                    signed_attr_settings=signed_attr_settings,
                    is_pdf_sig=is_pdf_sig,
                    encap_content_info=encap_content_info,
                )
            from asn1crypto import cms as asn1_cms

            attrs = template.signed_attrs(data_digest)
            assert attrs is not None  # a PAdES signature has no signing time to put in
            signature = await self.async_sign_raw(attrs, algorithm)
            unsigned = None
            if timestamper is not None:  # the signature timestamp (B-T): pyHanko's own
                found = await self.unsigned_attrs(
                    algorithm,
                    signature,
                    signed_attrs=asn1_cms.CMSAttributes.load(attrs),
                    timestamper=timestamper,
                )
                unsigned = found.dump() if found else None
            return asn1_cms.ContentInfo.load(template.container(attrs, signature, unsigned))

    registry = SimpleCertificateStore.from_certs(  # type: ignore[no-untyped-call]
        [asn1_x509.Certificate.load(_der(c)) for c in key.chain]
    )
    signer = HandleSigner(
        signing_cert=asn1_x509.Certificate.load(_der(key.cert)),
        cert_registry=registry,
        embed_roots=embed_roots,
    )
    signer.templates = {}
    return signer


def _hash_name(algorithm: object) -> str:
    if isinstance(algorithm, Prehashed) or not isinstance(algorithm, hashes.HashAlgorithm):
        raise SigningError("key.unsupported", detail=type(algorithm).__name__)
    if algorithm.name not in HASHES:
        raise SigningError("key.unsupported", detail=algorithm.name)
    return algorithm.name


class _RsaHandleKey(rsa.RSAPrivateKey):
    """An RSA private key for cryptography's builders that signs through a handle."""

    def __init__(self, handle: KeyHandle, public: rsa.RSAPublicKey) -> None:
        self._handle = handle
        self._public = public

    def sign(
        self,
        data: bytes | bytearray | memoryview,
        padding: padding.AsymmetricPadding,
        algorithm: Any,
    ) -> bytes:
        if not isinstance(padding, _PKCS1v15):
            raise SigningError("key.unsupported", detail=padding.name)
        return self._handle.sign(bytes(data), _hash_name(algorithm))

    def public_key(self) -> rsa.RSAPublicKey:
        return self._public

    @property
    def key_size(self) -> int:
        return self._public.key_size

    def decrypt(self, ciphertext: bytes, padding: padding.AsymmetricPadding) -> bytes:
        raise SigningError("key.unsupported", detail="decrypt")

    def private_numbers(self) -> rsa.RSAPrivateNumbers:
        raise SigningError("key.unsupported", detail="export")

    def private_bytes(self, *args: Any, **kwargs: Any) -> bytes:
        raise SigningError("key.unsupported", detail="export")

    def __copy__(self) -> _RsaHandleKey:
        return self

    def __deepcopy__(self, memo: dict[int, object]) -> _RsaHandleKey:
        return self


_PKCS1v15 = padding.PKCS1v15


class _EcHandleKey(ec.EllipticCurvePrivateKey):
    """An EC private key for cryptography's builders that signs through a handle."""

    def __init__(self, handle: KeyHandle, public: ec.EllipticCurvePublicKey) -> None:
        self._handle = handle
        self._public = public

    def sign(
        self,
        data: bytes | bytearray | memoryview,
        signature_algorithm: ec.EllipticCurveSignatureAlgorithm,
    ) -> bytes:
        if not isinstance(signature_algorithm, ec.ECDSA):
            raise SigningError("key.unsupported", detail=type(signature_algorithm).__name__)
        return self._handle.sign(bytes(data), _hash_name(signature_algorithm.algorithm))

    def public_key(self) -> ec.EllipticCurvePublicKey:
        return self._public

    @property
    def curve(self) -> ec.EllipticCurve:
        return self._public.curve

    @property
    def key_size(self) -> int:
        return self._public.key_size

    def exchange(self, algorithm: ec.ECDH, peer_public_key: ec.EllipticCurvePublicKey) -> bytes:
        raise SigningError("key.unsupported", detail="exchange")

    def private_numbers(self) -> ec.EllipticCurvePrivateNumbers:
        raise SigningError("key.unsupported", detail="export")

    def private_bytes(self, *args: Any, **kwargs: Any) -> bytes:
        raise SigningError("key.unsupported", detail="export")

    def __copy__(self) -> _EcHandleKey:
        return self

    def __deepcopy__(self, memo: dict[int, object]) -> _EcHandleKey:
        return self


def issuer_key(key: KeyHandle) -> CertificateIssuerPrivateKeyTypes:
    """A key object for cryptography's X.509 builders (certificates, CRLs, OCSP answers)
    that signs through ``key.sign``: the private key itself is never exposed."""
    public = key.cert.public_key()
    if isinstance(public, rsa.RSAPublicKey):
        return _RsaHandleKey(key, public)
    if isinstance(public, ec.EllipticCurvePublicKey):
        return _EcHandleKey(key, public)
    raise SigningError("key.unsupported", detail=type(public).__name__)
