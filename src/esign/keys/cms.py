"""The CMS signature container of a batch, built once and filled in per letter.

Profiled on a batch (issue 17), pyHanko spent about two thirds of each signature in
asn1crypto building and serialising the same structure again: the certificates, the
signer's identifier, the algorithm identifiers and the signed attributes, of which only the
message digest changes from one letter to the next. :class:`CmsTemplate` asks pyHanko once,
per signer and digest algorithm, for its own signed attributes and its own container, keeps
their DER, and then for each letter only puts in the digest, signs, and joins the parts.

The template is used only when it provably gives what pyHanko gives: built twice with two
different digests and signing times, the signed attributes must differ in the digest and
nowhere else, and the container joined from the parts must equal pyHanko's byte for byte.
Anything the template does not model (CAdES attributes such as a signing role, Adobe
revocation attributes, attribute providers, a dry run) goes to pyHanko unchanged.
Unsigned attributes (the B-T signature timestamp) are still pyHanko's, asked per letter.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any


def _length(n: int) -> bytes:
    if n < 0x80:
        return bytes([n])
    body = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(body)]) + body


def _tlv(tag: int, content: bytes) -> bytes:
    return bytes([tag]) + _length(len(content)) + content


_SEQUENCE, _SET, _OCTETS = 0x30, 0x31, 0x04
_SIGNED_ATTRS, _UNSIGNED_ATTRS, _EXPLICIT_0 = 0xA0, 0xA1, 0xA0


@dataclass(frozen=True, slots=True)
class CmsTemplate:
    """The DER parts of one signer's CMS container that do not change within a batch."""

    attrs: bytes
    """The signed attributes (a DER SET) with a placeholder digest."""
    digest_at: int
    """Where the message digest sits in :attr:`attrs`."""
    digest_size: int
    content_type: bytes
    """The ContentInfo's content type (signed data)."""
    signed_data_head: bytes
    """SignedData's version, digest algorithms, encapsulated content and certificates."""
    signer_info_head: bytes
    """SignerInfo's version, signer identifier and digest algorithm."""
    signature_algorithm: bytes

    def signed_attrs(self, digest: bytes) -> bytes:
        """The signed attributes (DER SET, what is signed) for ``digest``."""
        if len(digest) != self.digest_size:
            raise ValueError("digest of the wrong size")
        end = self.digest_at + self.digest_size
        return self.attrs[: self.digest_at] + digest + self.attrs[end:]

    def container(self, attrs: bytes, signature: bytes, unsigned: bytes | None = None) -> bytes:
        """The ContentInfo's DER: ``attrs`` from :meth:`signed_attrs`, the raw signature
        over them, and the unsigned attributes (a DER SET) if any."""
        info = (
            self.signer_info_head
            + bytes([_SIGNED_ATTRS])
            + attrs[1:]  # SET -> [0] IMPLICIT, same length
            + self.signature_algorithm
            + _tlv(_OCTETS, signature)
            + (bytes([_UNSIGNED_ATTRS]) + unsigned[1:] if unsigned else b"")
        )
        signed_data = _tlv(_SEQUENCE, self.signed_data_head + _tlv(_SET, _tlv(_SEQUENCE, info)))
        return _tlv(_SEQUENCE, self.content_type + _tlv(_EXPLICIT_0, signed_data))


def eligible(
    signer: Any,
    *,
    dry_run: bool,
    use_pades: bool,
    is_pdf_sig: bool,
    encap_content_info: Any,
    settings: Any,
) -> bool:
    """Whether a pyHanko ``async_sign`` call is one the template models exactly."""
    if dry_run or not use_pades or not is_pdf_sig or encap_content_info is not None:
        return False
    if signer.signed_attr_prov_spec is not None or signer.unsigned_attr_prov_spec is not None:
        return False
    if signer.attribute_certs:
        return False
    if settings is None:
        return True
    return (
        getattr(settings, "cades_signed_attrs", None) is None
        and getattr(settings, "adobe_revinfo_attr", None) is None
        and type(settings).__name__ in {"PdfCMSSignedAttributes", "CMSSignedAttributes"}
    )


async def build(signer: Any, digest_algorithm: str) -> CmsTemplate | None:
    """The template for ``signer`` (a pyHanko ``Signer``), or None when pyHanko's output
    is not the template's (then every letter is left to pyHanko)."""
    from asn1crypto import cms
    from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes, Signer

    size = hashlib.new(digest_algorithm).digest_size
    marks = (secrets.token_bytes(size), secrets.token_bytes(size))
    times = (datetime(2001, 1, 1, tzinfo=UTC), datetime(2031, 6, 6, 6, 6, 6, tzinfo=UTC))
    ders = []
    for mark, when in zip(marks, times, strict=True):
        attrs = await Signer.signed_attrs(
            signer,
            mark,
            digest_algorithm,
            attr_settings=PdfCMSSignedAttributes(signing_time=when),
            use_pades=True,
            is_pdf_sig=True,
        )
        ders.append(attrs.dump())
    at = ders[0].find(marks[0])
    if at < 0 or ders[0].count(marks[0]) != 1:
        return None
    if ders[1] != ders[0][:at] + marks[1] + ders[0][at + size :]:
        return None  # something else than the digest changes: not a template
    reference = await Signer.async_sign_prescribed_attributes(
        signer, digest_algorithm, cms.CMSAttributes.load(ders[0]), cms_version="v1"
    )
    expected = reference.dump()
    signed_data = reference["content"]
    info = signed_data["signer_infos"][0]
    if "unsigned_attrs" in info and info["unsigned_attrs"].native:
        return None
    template = CmsTemplate(
        attrs=ders[0],
        digest_at=at,
        digest_size=size,
        content_type=reference["content_type"].dump(),
        signed_data_head=b"".join(
            signed_data[k].dump()
            for k in ("version", "digest_algorithms", "encap_content_info", "certificates")
        ),
        signer_info_head=b"".join(info[k].dump() for k in ("version", "sid", "digest_algorithm")),
        signature_algorithm=info["signature_algorithm"].dump(),
    )
    if template.container(ders[0], info["signature"].native) != expected:
        return None
    return template
