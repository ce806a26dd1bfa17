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


def der_sequence(content: bytes) -> bytes:
    """A DER SEQUENCE of ``content`` (the DER of its fields, in order)."""
    return _tlv(_SEQUENCE, content)


def utc_time(at: datetime) -> bytes | None:
    """``at`` as the DER UTCTime asn1crypto writes for a CMS signing time (None outside
    1950-2049, where it writes a GeneralizedTime of another length)."""
    at = at.astimezone(UTC)
    if not 1950 <= at.year <= 2049:
        return None
    return _tlv(0x17, at.strftime("%y%m%d%H%M%SZ").encode("ascii"))


def encapsulated(content_type: bytes, content: bytes) -> bytes:
    """An EncapsulatedContentInfo carrying ``content`` (DER of the content type's OID)."""
    return _tlv(_SEQUENCE, content_type + _tlv(_EXPLICIT_0, _tlv(_OCTETS, content)))


@dataclass(frozen=True, slots=True)
class CmsTemplate:
    """The DER parts of one signer's CMS container that do not change within a batch."""

    attrs: bytes
    """The signed attributes (a DER SET) with a placeholder digest (and signing time)."""
    digest_at: int
    """Where the message digest sits in :attr:`attrs`."""
    digest_size: int
    time_at: int | None
    """Where the signing time's DER UTCTime sits in :attr:`attrs` (None: no signing time)."""
    content_type: bytes
    """The ContentInfo's content type (signed data)."""
    head: bytes
    """SignedData's version and digest algorithms."""
    encap: bytes
    """SignedData's encapsulated content (the detached signature's: no content)."""
    certificates: bytes
    """SignedData's certificates ([0] IMPLICIT SET)."""
    signer_info_head: bytes
    """SignerInfo's version, signer identifier and digest algorithm."""
    signature_algorithm: bytes

    def signed_attrs(self, digest: bytes, at: datetime | None = None) -> bytes | None:
        """The signed attributes (DER SET, what is signed) for ``digest`` and signing time
        ``at``; None when ``at`` cannot take the template's place (another length)."""
        if len(digest) != self.digest_size:
            raise ValueError("digest of the wrong size")
        end = self.digest_at + self.digest_size
        attrs = self.attrs[: self.digest_at] + digest + self.attrs[end:]
        if self.time_at is None:
            return attrs
        when = utc_time(at) if at is not None else None
        if when is None:
            return None
        return attrs[: self.time_at] + when + attrs[self.time_at + len(when) :]

    def container(
        self,
        attrs: bytes,
        signature: bytes,
        unsigned: bytes | None = None,
        *,
        encap: bytes | None = None,
        certificates: bool = True,
    ) -> bytes:
        """The ContentInfo's DER: ``attrs`` from :meth:`signed_attrs`, the raw signature
        over them, the unsigned attributes (a DER SET) if any, the encapsulated content
        (default: the template's) and the certificates unless left out."""
        info = (
            self.signer_info_head
            + bytes([_SIGNED_ATTRS])
            + attrs[1:]  # SET -> [0] IMPLICIT, same length
            + self.signature_algorithm
            + _tlv(_OCTETS, signature)
            + (bytes([_UNSIGNED_ATTRS]) + unsigned[1:] if unsigned else b"")
        )
        body = (
            self.head
            + (self.encap if encap is None else encap)
            + (self.certificates if certificates else b"")
            + _tlv(_SET, _tlv(_SEQUENCE, info))
        )
        return _tlv(_SEQUENCE, self.content_type + _tlv(_EXPLICIT_0, _tlv(_SEQUENCE, body)))


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
    """The template of a PAdES signature for ``signer`` (a pyHanko ``Signer``), or None when
    pyHanko's output is not the template's (then every letter is left to pyHanko)."""
    from asn1crypto import cms
    from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes, Signer

    async def attrs(mark: bytes, when: datetime) -> bytes:
        found = await Signer.signed_attrs(
            signer,
            mark,
            digest_algorithm,
            attr_settings=PdfCMSSignedAttributes(signing_time=when),
            use_pades=True,
            is_pdf_sig=True,
        )
        return bytes(found.dump())

    async def reference(signed: bytes, _when: datetime) -> Any:
        return await Signer.async_sign_prescribed_attributes(
            signer, digest_algorithm, cms.CMSAttributes.load(signed), cms_version="v1"
        )

    return await _build(digest_algorithm, attrs, reference, signed_time=False)


async def build_enveloping(
    signer: Any, digest_algorithm: str, content_type: str, sample: bytes
) -> CmsTemplate | None:
    """The template of a CMS signature that carries its content (``content_type``, e.g. a
    time-stamp token's ``tst_info``) and a signing time, checked with ``sample`` content;
    None when pyHanko's output is not the template's."""
    from asn1crypto import cms
    from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes, Signer

    async def attrs(mark: bytes, when: datetime) -> bytes:
        found = await Signer.signed_attrs(
            signer,
            mark,
            digest_algorithm,
            attr_settings=PdfCMSSignedAttributes(signing_time=when),
            content_type=content_type,
            is_pdf_sig=False,
        )
        return bytes(found.dump())

    async def reference(_signed: bytes, when: datetime) -> Any:
        encap = cms.EncapsulatedContentInfo(
            {"content_type": content_type, "content": cms.ParsableOctetString(sample)}
        )
        return await Signer.async_sign_general_data(
            signer,
            encap,
            digest_algorithm,
            detached=False,
            signed_attr_settings=PdfCMSSignedAttributes(signing_time=when),
        )

    return await _build(
        digest_algorithm,
        attrs,
        reference,
        signed_time=True,
        content=hashlib.new(digest_algorithm, sample).digest(),
    )


async def _build(
    digest_algorithm: str,
    attrs: Any,
    reference: Any,
    *,
    signed_time: bool,
    content: bytes | None = None,
) -> CmsTemplate | None:
    """Two sets of signed attributes (other digest, other time) must differ in the digest
    (and the time's encoding) only; pyHanko's container, signed over the first, must equal
    the one joined from the parts, its own signature put in."""
    size = hashlib.new(digest_algorithm).digest_size
    marks = (content or secrets.token_bytes(size), secrets.token_bytes(size))
    times = (datetime(2031, 1, 1, tzinfo=UTC), datetime(2032, 6, 6, 6, 6, 6, tzinfo=UTC))
    ders = [await attrs(mark, when) for mark, when in zip(marks, times, strict=True)]
    at = ders[0].find(marks[0])
    if at < 0 or ders[0].count(marks[0]) != 1:
        return None
    time_at = None
    if signed_time:
        first = utc_time(times[0])
        assert first is not None
        time_at = ders[0].find(first)
        if time_at < 0 or ders[0].count(first) != 1:
            return None
    found = await reference(ders[0], times[0])
    expected = found.dump()
    signed_data = found["content"]
    info = signed_data["signer_infos"][0]
    if "unsigned_attrs" in info and info["unsigned_attrs"].native:
        return None
    if signed_data["crls"].native:
        return None
    template = CmsTemplate(
        attrs=ders[0],
        digest_at=at,
        digest_size=size,
        time_at=time_at,
        content_type=found["content_type"].dump(),
        head=signed_data["version"].dump() + signed_data["digest_algorithms"].dump(),
        encap=signed_data["encap_content_info"].dump(),
        certificates=signed_data["certificates"].dump(),
        signer_info_head=b"".join(info[k].dump() for k in ("version", "sid", "digest_algorithm")),
        signature_algorithm=info["signature_algorithm"].dump(),
    )
    if template.signed_attrs(marks[1], times[1]) != ders[1]:
        return None  # something else than the digest (and the time) changes
    if template.signed_attrs(marks[0], times[0]) != ders[0]:
        return None
    if template.container(ders[0], info["signature"].native) != expected:
        return None
    return template
