"""The signed statement in the QR code: a compact JWS (RFC 7515) for printed copies.

Someone holding only paper can scan the QR (or type the verification code into the
office's verification page) and learn who signed which document when. The token:

* header  ``{"alg": "RS256"|"ES256"|"ES384"|"ES512"|"EdDSA", "x5t#S256": <certificate
  SHA-256, base64url>}`` (``x5t#S256`` is the standard JWS certificate thumbprint);
* payload ``{"v": 1, "doc": <PDF /ID, hex>, "sub": <signer name>, "nip": <NIP>,
  "iat": <signing time, Unix seconds>, "sha256": <SHA-256 of the PDF before signing,
  base64url>}``;
* signature by the signer's own key (the same unlocked key that signs the PDF).

With ``verify-url`` configured the QR holds ``{verify-url}?jws={token}`` instead. The
verification code is the first 50 bits of SHA-256(token) in base32, ``XXXXX-XXXXX``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import parse_qs, quote, urlsplit

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)
from cryptography.hazmat.primitives.serialization import Encoding

from esign.keys import KeyHandle

VERSION = 1
_TOKEN = re.compile(r"[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+")
_EC = {"secp256r1": ("ES256", hashes.SHA256, 32), "secp384r1": ("ES384", hashes.SHA384, 48)}
_EC["secp521r1"] = ("ES512", hashes.SHA512, 66)


class StatementFormatError(ValueError):
    """The text is not an esign QR statement (callers turn this into a verdict)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Statement:
    """What the QR says about the signature."""

    doc: str | None
    """The PDF's permanent identifier (first /ID string, hex), if it has one."""
    signer: str
    """Signer's name as in the certificate."""
    nip: str | None
    """Signer's NIP."""
    signed_at: datetime
    """Signing time (UTC, whole seconds)."""
    sha256: str
    """SHA-256 of the document before this signature (hex)."""
    cert_sha256: str
    """SHA-256 fingerprint of the signer certificate (hex)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ParsedToken:
    """A decoded (not yet verified) token."""

    statement: Statement
    alg: str
    signing_input: bytes
    signature: bytes


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (ValueError, TypeError) as e:
        raise StatementFormatError("bad base64url") from e


def _json(obj: object) -> bytes:
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _sign(key: KeyHandle, data: bytes) -> tuple[str, bytes]:
    """JWS algorithm and signature, through the key handle (the key never leaves it)."""
    public = key.cert.public_key()
    if isinstance(public, rsa.RSAPublicKey):
        return "RS256", key.sign(data, "sha256")
    if isinstance(public, ec.EllipticCurvePublicKey):
        alg, hash_cls, size = _EC[public.curve.name]
        r, s = decode_dss_signature(key.sign(data, hash_cls().name))
        return alg, r.to_bytes(size, "big") + s.to_bytes(size, "big")
    raise StatementFormatError(f"unsupported key type {type(public).__name__}")


def _alg_for(key: KeyHandle) -> str:
    public = key.cert.public_key()
    if isinstance(public, rsa.RSAPublicKey):
        return "RS256"
    if isinstance(public, ec.EllipticCurvePublicKey):
        return _EC[public.curve.name][0]
    raise StatementFormatError(f"unsupported key type {type(public).__name__}")


def make_token(statement: Statement, key: KeyHandle) -> str:
    """Sign ``statement`` with ``key``: a JWS in compact serialization."""
    header = {
        "alg": _alg_for(key),
        "x5t#S256": _b64(bytes.fromhex(statement.cert_sha256)),
    }
    payload: dict[str, object] = {"v": VERSION}
    if statement.doc:
        payload["doc"] = statement.doc
    payload["sub"] = statement.signer
    if statement.nip:
        payload["nip"] = statement.nip
    payload["iat"] = int(statement.signed_at.timestamp())
    payload["sha256"] = _b64(bytes.fromhex(statement.sha256))
    signing_input = f"{_b64(_json(header))}.{_b64(_json(payload))}".encode("ascii")
    alg, signature = _sign(key, signing_input)
    assert alg == header["alg"]
    return f"{signing_input.decode('ascii')}.{_b64(signature)}"


def statement_for(
    key: KeyHandle, *, at: datetime, sha256_before: str, doc: str | None
) -> Statement:
    """The statement for signing with ``key`` at ``at`` a document whose hash is given."""
    from esign.pki import fingerprint, identity_of

    who = identity_of(key.cert)
    return Statement(
        doc=doc,
        signer=who.name or "",
        nip=who.nip,
        signed_at=at.astimezone(UTC).replace(microsecond=0),
        sha256=sha256_before,
        cert_sha256=fingerprint(key.cert),
    )


def qr_text(token: str, verify_url: str | None) -> str:
    """What the QR encodes: the token, or the verification URL carrying it."""
    if not verify_url:
        return token
    joiner = "&" if "?" in verify_url else "?"
    return f"{verify_url}{joiner}jws={quote(token, safe='')}"


def extract_token(text: str) -> str:
    """The token inside a scanned QR text (bare, or a URL with ``jws=``)."""
    text = text.strip()
    if text.lower().startswith(("http://", "https://")):
        values = parse_qs(urlsplit(text).query).get("jws") or parse_qs(urlsplit(text).fragment).get(
            "jws"
        )
        if not values:
            raise StatementFormatError("URL without jws=")
        text = values[0]
    if not _TOKEN.fullmatch(text):
        raise StatementFormatError("not a compact JWS")
    return text


def verification_code(token: str) -> str:
    """``XXXXX-XXXXX``: 50 bits of SHA-256(token), base32 (no 0/1/8/9 confusion)."""
    digest = base64.b32encode(hashlib.sha256(token.encode("ascii")).digest()).decode("ascii")
    return f"{digest[:5]}-{digest[5:10]}"


def parse_token(token: str) -> ParsedToken:
    """Decode a token without checking its signature."""
    try:
        h64, p64, s64 = token.split(".")
        header = json.loads(_unb64(h64))
        payload = json.loads(_unb64(p64))
        statement = Statement(
            doc=payload.get("doc"),
            signer=str(payload["sub"]),
            nip=payload.get("nip"),
            signed_at=datetime.fromtimestamp(int(payload["iat"]), UTC),
            sha256=_unb64(str(payload["sha256"])).hex(),
            cert_sha256=_unb64(str(header["x5t#S256"])).hex(),
        )
        if payload.get("v") != VERSION:
            raise StatementFormatError(f"unknown version {payload.get('v')!r}")
        return ParsedToken(
            statement=statement,
            alg=str(header["alg"]),
            signing_input=f"{h64}.{p64}".encode("ascii"),
            signature=_unb64(s64),
        )
    except StatementFormatError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError, OverflowError) as e:
        raise StatementFormatError(str(e) or type(e).__name__) from e


def signature_ok(parsed: ParsedToken, cert: x509.Certificate) -> bool:
    """Whether the token's signature verifies with ``cert``'s public key."""
    public = cert.public_key()
    data, sig = parsed.signing_input, parsed.signature
    try:
        if isinstance(public, rsa.RSAPublicKey) and parsed.alg == "RS256":
            public.verify(sig, data, padding.PKCS1v15(), hashes.SHA256())
        elif isinstance(public, ec.EllipticCurvePublicKey):
            alg, hash_cls, size = _EC[public.curve.name]
            if parsed.alg != alg or len(sig) != 2 * size:
                return False
            r, s = int.from_bytes(sig[:size], "big"), int.from_bytes(sig[size:], "big")
            public.verify(encode_dss_signature(r, s), data, ec.ECDSA(hash_cls()))
        elif (
            isinstance(public, ed25519.Ed25519PublicKey | ed448.Ed448PublicKey)
            and parsed.alg == "EdDSA"
        ):
            public.verify(sig, data)
        else:
            return False
    except (InvalidSignature, KeyError, ValueError):
        return False
    return True


def qr_matrix(text: str) -> tuple[tuple[bool, ...], ...]:
    """The QR code's modules (True = dark), error correction M or better, no quiet zone."""
    import segno

    qr = segno.make_qr(text.encode("utf-8"), error="m", boost_error=True)
    return tuple(tuple(bool(m) for m in row) for row in qr.matrix)


def cert_der_sha256(cert: x509.Certificate) -> str:
    """SHA-256 of the certificate's DER (the ``x5t#S256`` value, hex)."""
    return hashlib.sha256(cert.public_bytes(Encoding.DER)).hexdigest()


# --- checking a scanned statement -------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class QrReport:
    """What ``esign verify-qr`` found: data, not an exception."""

    verdict: str
    """``valid``, ``invalid`` or ``indeterminate`` (same words as ``verify``)."""
    statement: Statement | None
    """The decoded statement, when the text was one."""
    code: str | None
    """Its verification code (``XXXXX-XXXXX``)."""
    signature_ok: bool
    """The statement's signature verifies with the named certificate."""
    trusted: bool
    """That certificate chains to one of the trust anchors."""
    issuer: str | None
    """The certificate's issuer (RFC 4514), when the certificate is known."""
    pdf_matches: bool | None
    """With a PDF: its signed revision is the document the statement names (None: no PDF)."""
    problems: tuple[str, ...] = ()
    """Catalog keys of what is wrong, worst first."""


def _issued_by(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    if cert.issuer != issuer.subject:
        return False
    try:
        cert.verify_directly_issued_by(issuer)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def chains_to(
    cert: x509.Certificate, roots: list[x509.Certificate], others: list[x509.Certificate]
) -> bool:
    """Whether ``cert`` leads to a root through at most three known certificates."""
    current = cert
    for _ in range(4):
        if any(current == r or _issued_by(current, r) for r in roots):
            return True
        parents = [c for c in others if c != current and _issued_by(current, c)]
        if not parents:
            return False
        current = parents[0]
    return False


def revision_prefix_matches(data: bytes, sha256_hex: str) -> bool:
    """Whether some revision of the file (a prefix ending at ``%%EOF``) has this SHA-256."""
    for match in re.finditer(rb"%%EOF[ \t]*(\r\n|\r|\n)?", data):
        for end in {match.start() + 5, match.end()}:
            if hashlib.sha256(data[:end]).hexdigest() == sha256_hex:
                return True
    return False


def check(
    text: str,
    *,
    certs: list[x509.Certificate],
    roots: list[x509.Certificate],
    pdf_bytes: bytes | None = None,
    pdf_signers: tuple[str, ...] = (),
) -> QrReport:
    """Check a scanned QR text against known certificates and trust anchors.

    ``pdf_signers``: fingerprints of the certificates of the PDF's *valid* signatures.
    """
    try:
        token = extract_token(text)
        parsed = parse_token(token)
    except StatementFormatError:
        return QrReport(
            verdict="invalid",
            statement=None,
            code=None,
            signature_ok=False,
            trusted=False,
            issuer=None,
            pdf_matches=None,
            problems=("qr.not_statement",),
        )
    st = parsed.statement
    code = verification_code(token)
    cert = next((c for c in certs if cert_der_sha256(c) == st.cert_sha256), None)
    if cert is None:
        return QrReport(
            verdict="indeterminate",
            statement=st,
            code=code,
            signature_ok=False,
            trusted=False,
            issuer=None,
            pdf_matches=None,
            problems=("qr.unknown_cert",),
        )
    ok = signature_ok(parsed, cert)
    trusted = chains_to(cert, roots, certs)
    problems: list[str] = []
    if not ok:
        problems.append("qr.bad_signature")
    if not cert.not_valid_before_utc <= st.signed_at <= cert.not_valid_after_utc:
        problems.append("qr.cert_not_valid_then")
    if not trusted:
        problems.append("qr.untrusted")
    matches = None
    if pdf_bytes is not None:
        matches = revision_prefix_matches(pdf_bytes, st.sha256) and (st.cert_sha256 in pdf_signers)
        if not matches:
            problems.append("qr.pdf_mismatch")
    invalid = {"qr.bad_signature", "qr.pdf_mismatch"}
    verdict = "invalid" if invalid & set(problems) else "indeterminate" if problems else "valid"
    return QrReport(
        verdict=verdict,
        statement=st,
        code=code,
        signature_ok=ok,
        trusted=trusted,
        issuer=cert.issuer.rfc4514_string(),
        pdf_matches=matches,
        problems=tuple(problems),
    )


def decode_image(path: str) -> list[str]:
    """The texts of every QR code in a picture (PNG/JPEG scan or photo), via zxing-cpp."""
    import zxingcpp
    from PIL import Image

    with Image.open(path) as img:
        img.load()
        found = zxingcpp.read_barcodes(img.convert("L"))
    return [r.text for r in found if r.valid and "QR" in str(r.format).upper()]
