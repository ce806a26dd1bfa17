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
verification code (:mod:`esign.vcode`) is 75 bits of SHA-256(token) in Crockford base32 with
a check symbol, ``XXXX-XXXX-XXXX-XXXX``; the store's register of issued statements maps it
back to the token, so a typed code is checked like a scanned QR.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
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

from esign import vcode
from esign.errors import ExitCode
from esign.keys import KeyHandle
from esign.models import Verdict, VerificationReport
from esign.store import IssuedStatement

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
    """``XXXX-XXXX-XXXX-XXXX``: the code printed under the QR (see :mod:`esign.vcode`)."""
    return vcode.for_token(token)


def register_entry(token: str | None, signer_id: str | None) -> IssuedStatement | None:
    """The register row for a statement made while signing (None: no QR, nothing to keep)."""
    if token is None:
        return None
    st = parse_token(token).statement
    return IssuedStatement(
        code=verification_code(token),
        token=token,
        sha256=st.sha256,
        signer_id=signer_id,
        signer=st.signer,
        signed_at=st.signed_at,
    )


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


# --- checking a scanned statement or a typed code --------------------------------------------


class QrVerdict(StrEnum):
    """The answer of ``esign verify-qr`` (the same words as ``verify``, and one more)."""

    VALID = "valid"
    """The statement verifies with a trusted certificate (and, with a PDF, the PDF is that
    document and its signatures are valid)."""
    INVALID = "invalid"
    """Forged or altered: a bad statement signature, a code that is not one, the wrong PDF,
    or a PDF whose signatures are invalid."""
    INDETERMINATE = "indeterminate"
    """Could not confirm: unknown or untrusted certificate, or the PDF could not be fully
    checked."""
    CHANGED = "changed"
    """The statement verifies and the PDF is its document, but ``verify`` calls the PDF
    valid-but-changed: something visible was added after signing."""
    NOT_FOUND = "not_found"
    """A well-formed code this office's register does not hold."""


QR_EXIT: dict[QrVerdict, ExitCode] = {
    QrVerdict.VALID: ExitCode.OK,
    QrVerdict.INVALID: ExitCode.INVALID,
    QrVerdict.INDETERMINATE: ExitCode.INDETERMINATE,
    QrVerdict.CHANGED: ExitCode.CHANGED,
    QrVerdict.NOT_FOUND: ExitCode.NOT_FOUND,
}


class QrInput(StrEnum):
    """What was given to ``verify-qr``."""

    STATEMENT = "statement"
    """The QR's text (the token, or the URL carrying it), typed or decoded from a picture."""
    CODE = "code"
    """The verification code printed under the QR."""


@dataclass(frozen=True, slots=True, kw_only=True)
class PdfCheck:
    """The PDF part of ``verify-qr --pdf``: the full verification, and whether it is the
    document the statement names."""

    names_document: bool
    """One revision of the file has the statement's SHA-256 and the file holds a signature
    by the statement's certificate."""
    report: VerificationReport
    """The same verification ``esign verify`` makes, with the same trust settings."""


@dataclass(frozen=True, slots=True, kw_only=True)
class QrReport:
    """What ``esign verify-qr`` found: data, not an exception."""

    verdict: QrVerdict
    """The combined answer: the statement part and, with a PDF, the PDF part."""
    input: QrInput
    """A statement or a code was given."""
    statement: Statement | None
    """The decoded statement (for a code: the one the register holds)."""
    code: str | None
    """Its verification code (``XXXX-XXXX-XXXX-XXXX``)."""
    registered: bool
    """This office's register of issued statements holds the statement."""
    signature_ok: bool
    """The statement's signature verifies with the named certificate."""
    trusted: bool
    """That certificate chains to one of the trust anchors."""
    issuer: str | None
    """The certificate's issuer (RFC 4514), when the certificate is known."""
    pdf: PdfCheck | None = None
    """With ``--pdf``: the PDF part (None without a PDF)."""
    problems: tuple[str, ...] = ()
    """Catalog keys of what is wrong, worst first."""

    @property
    def pdf_matches(self) -> bool | None:
        """With a PDF: it is the named document and its signatures are valid (None: no PDF)."""
        if self.pdf is None:
            return None
        return self.pdf.names_document and self.pdf.report.verdict is Verdict.VALID

    @property
    def exit_code(self) -> ExitCode:
        """The documented exit code of this verdict."""
        return QR_EXIT[self.verdict]


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


# The PDF's own verdict, as a problem of the combined answer (VALID adds none).
_PDF_PROBLEM = {
    Verdict.INVALID: "qr.pdf_invalid",
    Verdict.UNSIGNED: "qr.pdf_unsigned",
    Verdict.INDETERMINATE: "qr.pdf_indeterminate",
    Verdict.CHANGED: "qr.pdf_changed",
    Verdict.ERROR: "qr.pdf_unreadable",
}
_INVALID = {
    "qr.not_statement",
    "qr.code_mistyped",
    "qr.bad_signature",
    "qr.register_mismatch",
    "qr.pdf_mismatch",
    "qr.pdf_invalid",
    "qr.pdf_unsigned",
}
_NOT_FOUND = {"qr.code_not_found", "qr.code_old_format"}


def _verdict(problems: list[str]) -> QrVerdict:
    found = set(problems)
    if found & _INVALID:
        return QrVerdict.INVALID
    if found & _NOT_FOUND:
        return QrVerdict.NOT_FOUND
    if found - {"qr.pdf_changed"}:
        return QrVerdict.INDETERMINATE
    return QrVerdict.CHANGED if found else QrVerdict.VALID


def _refused(kind: QrInput, key: str, code: str | None = None) -> QrReport:
    return QrReport(
        verdict=_verdict([key]),
        input=kind,
        statement=None,
        code=code,
        registered=False,
        signature_ok=False,
        trusted=False,
        issuer=None,
        problems=(key,),
    )


def _pdf_part(st: Statement, pdf_bytes: bytes, report: VerificationReport) -> PdfCheck:
    by_signer = any(
        s.signer_cert is not None and s.signer_cert.fingerprint == st.cert_sha256
        for s in report.signatures
    )
    names = by_signer and revision_prefix_matches(pdf_bytes, st.sha256)
    return PdfCheck(names_document=names, report=report)


def check(
    text: str,
    *,
    certs: list[x509.Certificate],
    roots: list[x509.Certificate],
    lookup: Callable[[str], str | None] = lambda code: None,
    revoked: Mapping[str, datetime] | None = None,
    pdf_bytes: bytes | None = None,
    pdf_report: VerificationReport | None = None,
) -> QrReport:
    """Check a scanned QR text, or a typed verification code, and optionally the PDF.

    ``lookup``: the register of issued statements, code → the statement (token) it holds.
    ``revoked``: certificate fingerprint → when the store revoked it. A statement by a revoked
    certificate states its own time, which the key's thief can backdate: it is confirmed only
    when the register recorded it (at signing) before the revocation.
    ``pdf_report``: the full verification of ``pdf_bytes`` (:func:`esign.verify.verify_pdf`
    with the trust settings ``esign verify`` uses); the answer is valid only when the
    statement verifies, the PDF is the document it names *and* that report is valid.
    """
    kind = QrInput.CODE if vcode.looks_like_code(text) else QrInput.STATEMENT
    if kind is QrInput.CODE:
        if vcode.is_old_format(text):
            return _refused(kind, "qr.code_old_format")
        try:
            code = vcode.parse(text)
        except vcode.CodeError:
            return _refused(kind, "qr.code_mistyped")
        found = lookup(code)
        if found is None:
            return _refused(kind, "qr.code_not_found", code)
        token = found
    else:
        try:
            token = extract_token(text)
        except StatementFormatError:
            return _refused(kind, "qr.not_statement")
    try:
        parsed = parse_token(token)
    except StatementFormatError:
        bad = "qr.register_mismatch" if kind is QrInput.CODE else "qr.not_statement"
        return _refused(kind, bad)
    st = parsed.statement
    code = verification_code(token)
    registered = lookup(code) == token
    problems: list[str] = []
    if kind is QrInput.CODE and not registered:
        problems.append("qr.register_mismatch")  # the row's statement has another code
    cert = next((c for c in certs if cert_der_sha256(c) == st.cert_sha256), None)
    ok = trusted = False
    if cert is None:
        problems.append("qr.unknown_cert")
    else:
        ok = signature_ok(parsed, cert)
        trusted = chains_to(cert, roots, certs)
        if not ok:
            problems.append("qr.bad_signature")
        if not cert.not_valid_before_utc <= st.signed_at <= cert.not_valid_after_utc:
            problems.append("qr.cert_not_valid_then")
        if not trusted:
            problems.append("qr.untrusted")
        when = (revoked or {}).get(st.cert_sha256)
        if when is not None and not (registered and st.signed_at < when):
            problems.append("qr.cert_revoked")
    pdf = None
    if pdf_bytes is not None and pdf_report is not None:
        pdf = _pdf_part(st, pdf_bytes, pdf_report)
        if not pdf.names_document:
            problems.append("qr.pdf_mismatch")
        if key := _PDF_PROBLEM.get(pdf_report.verdict):
            problems.append(key)
    problems.sort(key=lambda k: k not in _INVALID)  # worst first, otherwise in order
    return QrReport(
        verdict=_verdict(problems),
        input=kind,
        statement=st,
        code=code,
        registered=registered,
        signature_ok=ok,
        trusted=trusted,
        issuer=cert.issuer.rfc4514_string() if cert is not None else None,
        pdf=pdf,
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
