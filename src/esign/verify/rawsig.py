"""Low-level signature checks that do not depend on reading the PDF's object graph.

pyHanko needs a well-formed document to validate a signature. Attack files, legacy
sub-filters (``adbe.pkcs7.sha1``, ``adbe.x509.rsa_sha1``) and oddly written files
defeat that, yet the two facts an auditor needs first — are the signed bytes intact,
does the signature value verify — only need the byte range, the ``/Contents`` blob
and the signer's certificate. This module answers exactly those two questions and
nothing more: no trust, no difference analysis. Used by :mod:`esign.verify` as a
fallback; results are never enough for a ``valid`` verdict on their own.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from typing import Any

from cryptography import x509

log = logging.getLogger(__name__)

# /ByteRange [a b c d]; the gap between the two ranges must hold the /Contents string.
_BYTE_RANGE = re.compile(rb"/ByteRange\s*\[\s*((?:\d+\s+){3}\d+)\s*\]")
_SUBFILTER = re.compile(rb"/SubFilter\s*/([A-Za-z0-9.#_-]+)")
_TRAILING_SPACE = b" \t\r\n\x00\x0c"

# Sub-filters pyHanko reads; a signature with one of these that pyHanko cannot list is
# malformed, not merely unsupported.
PARSED_SUBFILTERS = frozenset({"/adbe.pkcs7.detached", "/ETSI.CAdES.detached", "/ETSI.RFC3161"})
# Sub-filters whose /Contents this module knows how to read: anything else in it is a
# format failure (universal signature forgery), not "cannot tell".
KNOWN_SUBFILTERS = PARSED_SUBFILTERS | {"/adbe.pkcs7.sha1", "/adbe.x509.rsa_sha1"}

# RFC 8032 / RFC 8419: EdDSA signatures in CMS must use these digests.
EDDSA_DIGEST = {"ed25519": "sha512", "ed448": "shake256"}


@dataclass(frozen=True, slots=True, kw_only=True)
class RawCheck:
    """What the raw bytes say about one signature."""

    byte_range: tuple[int, ...]
    """The /ByteRange as written."""
    subfilter: str | None
    """/SubFilter, with its leading slash, when known."""
    intact: bool | None
    """The digest over the byte range matches (None: could not tell)."""
    crypto_valid: bool | None
    """The signature value verifies (None: could not tell, e.g. no certificate)."""
    covers_eof: bool
    """The byte range reaches the end of the file (no later revision)."""
    cert: x509.Certificate | None = None
    """The signer certificate, when found."""
    digest_algorithm: str | None = None
    """Message digest algorithm of the signer info."""
    signature_algorithm: str | None = None
    """Signature mechanism of the signer info."""
    gap_anomaly: bool = False
    """The gap left out of the byte range holds more than the signature value."""
    format_error: bool = False
    """The CMS breaks a rule of its sub-filter (the signature is invalid as such)."""
    malformed_range: bool = False
    """The /ByteRange itself is unsound (overlapping, out of bounds, empty part)."""
    problem: str | None = None
    """What went wrong, in English (technical detail for the report)."""


def byte_range_problem(data_len: int, byte_range: tuple[int, ...]) -> str | None:
    """Why ``byte_range`` cannot be a sound signed range of a ``data_len``-byte file."""
    if len(byte_range) < 2 or len(byte_range) % 2:
        return "the byte range needs pairs of offset and length"
    if byte_range[0] != 0:
        return "the byte range does not start at the beginning of the file"
    end = 0
    for offset, length in zip(byte_range[::2], byte_range[1::2], strict=True):
        if offset < end or length < 0:
            return "the byte range overlaps itself or goes backwards"
        end = offset + length
        if length == 0:
            return "the byte range has an empty part"
        if end > data_len:
            return f"the byte range ends at {end}, past the end of the file ({data_len} bytes)"
    return None


def signed_bytes(data: bytes, byte_range: tuple[int, ...]) -> bytes:
    """The bytes a byte range covers."""
    return b"".join(data[o : o + n] for o, n in zip(byte_range[::2], byte_range[1::2], strict=True))


def covers_eof(data: bytes, byte_range: tuple[int, ...]) -> bool:
    """Whether only whitespace follows the end of the byte range."""
    end = byte_range[-2] + byte_range[-1] if len(byte_range) >= 2 else 0
    return end <= len(data) and not data[end:].strip(_TRAILING_SPACE)


def scan(data: bytes) -> list[tuple[tuple[int, ...], bytes, str | None]]:
    """Signatures found in the raw bytes: (byte range, /Contents bytes, /SubFilter).

    A candidate counts only when the gap of its byte range holds a hex string, as
    every real signature's does. Duplicates (the same range written twice) are merged.
    """
    found: dict[tuple[int, ...], tuple[bytes, str | None]] = {}
    for m in _BYTE_RANGE.finditer(data):
        br = tuple(int(x) for x in m.group(1).split())
        if br in found or byte_range_problem(len(data), br) is not None:
            continue
        gap = data[br[0] + br[1] : br[2]].strip(_TRAILING_SPACE)
        if len(gap) < 2 or gap[:1] != b"<" or b">" not in gap:
            continue
        hexits = re.sub(rb"\s", b"", gap[1 : gap.index(b">")])
        if len(hexits) % 2:
            hexits += b"0"  # ISO 32000: a missing final digit is taken as 0
        try:
            contents = bytes.fromhex(hexits.decode("ascii"))
        except ValueError:
            continue
        window = data[max(0, m.start() - 4096) : br[2] + 4096]
        sf = _SUBFILTER.search(window)
        found[br] = (contents, "/" + sf.group(1).decode("latin-1") if sf else None)
    return [(br, c, sf) for br, (c, sf) in found.items()]


def check(
    data: bytes,
    byte_range: tuple[int, ...],
    contents: bytes,
    subfilter: str | None,
    cert_der: bytes | None = None,
) -> RawCheck:
    """Check integrity and the signature value of one signature from its raw parts."""
    base: dict[str, Any] = {"byte_range": byte_range, "subfilter": subfilter}
    problem = byte_range_problem(len(data), byte_range)
    if problem is not None:
        return RawCheck(
            **base,
            intact=False,
            crypto_valid=None,
            covers_eof=False,
            malformed_range=True,
            problem=problem,
        )
    base["covers_eof"] = covers_eof(data, byte_range)
    gap = data[byte_range[0] + byte_range[1] : byte_range[2]].strip(_TRAILING_SPACE)
    if gap[:1] == b"<" and b">" in gap and gap[gap.index(b">") + 1 :].strip(_TRAILING_SPACE):
        # Signature wrapping: the excluded gap hides content besides the signature value.
        base["gap_anomaly"] = True
    signed = signed_bytes(data, byte_range)
    try:
        if subfilter == "/adbe.x509.rsa_sha1":
            return _check_x509_rsa_sha1(base, signed, contents, cert_der)
        return _check_cms(base, signed, contents, subfilter)
    except Exception as e:  # malformed CMS in a hundred ways; report, never raise
        log.debug("raw check failed", exc_info=True)
        return RawCheck(
            **base,
            intact=None,
            crypto_valid=None,
            format_error=subfilter in KNOWN_SUBFILTERS,
            problem=_describe(e),
        )


def _describe(e: BaseException) -> str:
    return f"{type(e).__name__}: {e}" if str(e) else type(e).__name__


def _digest(algo: str, payload: bytes) -> bytes:
    if algo == "shake256":
        return hashlib.shake_256(payload).digest(64)
    if algo == "shake128":
        return hashlib.shake_128(payload).digest(32)
    return hashlib.new(algo, payload).digest()


def _check_x509_rsa_sha1(
    base: dict[str, Any], signed: bytes, contents: bytes, cert_der: bytes | None
) -> RawCheck:
    """adbe.x509.rsa_sha1: a PKCS#1 v1.5 signature over SHA-1, certificate in /Cert."""
    from asn1crypto import core
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding, rsa

    value = core.OctetString.load(contents).native
    extra: dict[str, Any] = {"digest_algorithm": "sha1", "signature_algorithm": "rsassa_pkcs1v15"}
    if cert_der is None:
        return RawCheck(**base, **extra, intact=None, crypto_valid=None, problem="no /Cert")
    cert = x509.load_der_x509_certificate(cert_der)
    key = cert.public_key()
    if not isinstance(key, rsa.RSAPublicKey):
        return RawCheck(**base, **extra, cert=cert, intact=None, crypto_valid=False)
    try:
        key.verify(value, signed, padding.PKCS1v15(), hashes.SHA1())
    except InvalidSignature:
        # One check covers both: a mismatch may be the bytes or the value.
        return RawCheck(**base, **extra, cert=cert, intact=None, crypto_valid=False)
    return RawCheck(**base, **extra, cert=cert, intact=True, crypto_valid=True)


def _find_cert(signed_data: Any, sid: Any) -> Any:
    certs = signed_data["certificates"]
    if not certs:
        return None
    for choice in certs:
        if choice.name != "certificate":
            continue
        c = choice.chosen
        if sid.name == "issuer_and_serial_number":
            ias = sid.chosen
            if c.issuer == ias["issuer"] and c.serial_number == ias["serial_number"].native:
                return c
        elif c.key_identifier == sid.chosen.native:
            return c
    return None


def _check_cms(
    base: dict[str, Any], signed: bytes, contents: bytes, subfilter: str | None
) -> RawCheck:
    from asn1crypto import cms, core
    from pyhanko.sign.validation.errors import SignatureValidationError
    from pyhanko.sign.validation.generic_cms import validate_sig_integrity
    from pyhanko.sign.validation.utils import extract_message_digest

    info = cms.ContentInfo.load(contents)
    if info["content_type"].native != "signed_data":
        raise ValueError(f"CMS content type {info['content_type'].native}, not signed data")
    sd = info["content"]
    si = sd["signer_infos"][0]
    md = si["digest_algorithm"]["algorithm"].native
    sig_algo = si["signature_algorithm"].signature_algo
    encap = sd["encap_content_info"]
    format_problem = None
    econtent = encap["content"].contents if encap["content"] is not core.VOID else None
    if encap["content_type"].native == "tst_info":
        # A document timestamp: the token's message imprint stands for the document.
        imprint = encap["content"].parsed["message_imprint"]
        algo = imprint["hash_algorithm"]["algorithm"].native
        doc_ok = imprint["hashed_message"].native == _digest(algo, signed)
        payload = econtent or b""
    elif subfilter == "/adbe.pkcs7.sha1":
        # The signed content is the SHA-1 of the byte range, enveloped in the CMS.
        doc_ok = econtent == hashlib.sha1(signed).digest()
        payload = econtent or b""
    else:
        if econtent is not None:
            # Detached sub-filters must not encapsulate content (ISO 32000-2, 12.8.3.3).
            format_problem = "a detached signature carries encapsulated content"
        doc_ok = (econtent == signed) if econtent else None
        payload = econtent or signed
    actual = _digest(md, payload)
    asn1_cert = _find_cert(sd, si["sid"])
    extra: dict[str, Any] = {"digest_algorithm": md, "signature_algorithm": sig_algo}
    has_attrs = si["signed_attrs"] is not core.VOID
    attr_ok = extract_message_digest(si) == actual if has_attrs else None
    if asn1_cert is None:
        intact = _both(doc_ok, attr_ok)
        return RawCheck(
            **base,
            **extra,
            intact=intact,
            crypto_valid=None,
            format_error=format_problem is not None,
            problem=format_problem or "no signer certificate",
        )
    cert = x509.load_der_x509_certificate(asn1_cert.dump())
    extra["cert"] = cert
    problem = format_problem
    try:
        digest_ok, valid = validate_sig_integrity(
            si, asn1_cert, encap["content_type"].native, actual
        )
    except SignatureValidationError as e:
        problem = str(e.failure_message)
        digest_ok, valid = bool(attr_ok), False
    intact = _both(doc_ok, digest_ok)
    format_error = format_problem is not None
    if EDDSA_DIGEST.get(sig_algo, md) != md:
        problem = f"{sig_algo} with {md} (RFC 8419 requires {EDDSA_DIGEST[sig_algo]})"
        valid = False
    return RawCheck(
        **base,
        **extra,
        intact=intact,
        crypto_valid=valid,
        format_error=format_error,
        problem=problem,
    )


def _both(a: bool | None, b: bool | None) -> bool | None:
    if a is False or b is False:
        return False
    if a is None and b is None:
        return None
    return True
