"""The national gateway's answers, field by field: the words and codes its client libraries
compare (../shared/bsre-api.md), and esign's verification report in the v1 and v2 shapes.

The Indonesian texts here are the gateway's own, kept verbatim so that an application's
error handling and its checks of ``summary`` / ``conclusion`` work unchanged; esign's own
messages (those the gateway has no words for) come from the catalog in the request's
language. Every shape carries an extra ``esign`` object with esign's verdict and whether
the certificate is certified (PP 71/2019 Pasal 60): a local CA's is not.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

from starlette.responses import JSONResponse

from esign import i18n
from esign.models import Level, SignatureReport, Verdict, VerificationReport

# --- the gateway's codes and words ----------------------------------------------------------

USER_NOT_FOUND = (2011, "User tidak terdaftar")
"""Signing for a NIK the gateway does not know (HTTP 400)."""
WRONG_PASSPHRASE = (2031, "Passphrase anda salah")
"""The key refused the passphrase (HTTP 400)."""
NIK_MISSING = (4014, "NIK harus diisi")
"""No ``nik`` in the request (HTTP 400)."""
NOT_AVAILABLE = (4044, "File tidak tersedia, pastikan bahwa dokumen belum di download")
"""A download id that is unknown or was downloaded already (HTTP 404)."""
STATUS_ISSUE = (1111, "User sudah terdaftar dan memiliki sertifikat dengan status ISSUE")
STATUS_NOT_REGISTERED = (1110, "User belum terdaftar")
STATUS_OTHER = 1112
"""esign's code for a registered officer whose certificate cannot sign (EXPIRED, REVOKE,
NO_CERTIFICATE): the gateway publishes none; clients sign only on 1111."""

NOTE_VALID = "Tanda tangan elektronik valid dan dokumen merupakan dokumen asli sejak ditandatangani"
NOTE_NO_TSA = "Dokumen asli dan valid, tetapi dokumen tidak menggunakan waktu TSA"
NOTE_CHANGED = "Konten Dokumen mengalami perubahan oleh pihak yang tidak berhak"
NOTE_UNCHECKED = "Dokumen asli, tetapi sertifikat penanda tangan tidak dapat dipastikan terpercaya"
"""esign's words for indeterminate (the gateway publishes none)."""
SUMMARY_VALID = "DOCUMENT VALID !!!"
SUMMARY_NOT_VALID = "DOCUMENT NOT VALID !!!"
V2_VALID = "Dokumen valid, Sertifikat yang digunakan terpercaya"
V2_NO_SIGNATURE = "Dokumen tidak memiliki tandatangan elektronik"


def error_body(code: int, message: str) -> dict[str, Any]:
    """The gateway's failure object: ``{"status_code": ..., "error": ...}``."""
    return {"status_code": code, "error": message}


class ApiFailure(Exception):
    """An answer other than success: HTTP status, the gateway's ``status_code``, words."""

    def __init__(self, http: int, code: int, message: str, **headers: str) -> None:
        super().__init__(message)
        self.http, self.code, self.message, self.headers = http, code, message, headers
        self.audited = False
        """Already in the audit log (the signing writes its own entry)."""

    def response(self) -> JSONResponse:
        body = error_body(self.code, self.message)
        return JSONResponse(body, status_code=self.http, headers=self.headers or None)


def ours(http: int, key: str, **params: Any) -> ApiFailure:
    """A failure in esign's own words (the HTTP status as its ``status_code``)."""
    return ApiFailure(http, http, i18n.t(key, **params))


def bad(key: str, detail: str) -> ApiFailure:
    """A field whose value this service does not take (400, the field named)."""
    return ours(400, "gateway.api.bad_field", field=key, detail=detail)


def when(at: datetime | None, tz: tzinfo) -> str | None:
    """``2026-03-12 16:00:00`` in the office's zone (the gateway's ``Y-m-d H:i:s``)."""
    return None if at is None else at.astimezone(tz).strftime("%Y-%m-%d %H:%M:%S")


def _signatures(report: VerificationReport) -> list[SignatureReport]:
    return [s for s in report.signatures if s.kind == "signature"]


def _esign(report: VerificationReport) -> dict[str, Any]:
    return {"verdict": report.verdict.value, "certified": False}


def _validity(sig: SignatureReport, tz: tzinfo) -> str | None:
    cert = sig.signer_cert
    if cert is None:
        return None
    return f"{when(cert.not_before, tz)} to {when(cert.not_after, tz)}"


def _format(sig: SignatureReport) -> str:
    """``PAdES-BASELINE-LT`` as the gateway writes levels (``PKCS7`` below baseline)."""
    if sig.level is None or sig.level is Level.NONE:
        return "PKCS7"
    return "PAdES-BASELINE-" + sig.level.value.removeprefix("B-")


def _intact(sig: SignatureReport) -> bool:
    return sig.intact and sig.crypto_valid


def _v1_note(report: VerificationReport) -> str | None:
    sigs = _signatures(report)
    if not sigs:
        return None
    if report.verdict is Verdict.VALID:
        has_tsa = all(s.timestamp is not None and s.timestamp.valid for s in sigs)
        return NOTE_VALID if has_tsa else NOTE_NO_TSA
    if all(_intact(s) for s in sigs) and report.verdict is Verdict.INDETERMINATE:
        return NOTE_UNCHECKED
    return NOTE_CHANGED


def verify_v1(report: VerificationReport, tz: tzinfo) -> dict[str, Any]:
    """``POST /api/sign/verify``: ``nama_dokumen``, ``jumlah_signature``, ``notes``,
    ``details[]`` (``info_tsa``, ``signature_field``, ``info_signer``,
    ``signature_document``) and ``summary`` (null when unsigned)."""
    sigs = _signatures(report)
    details = []
    for sig in sigs:
        cert = sig.signer_cert
        stamp = sig.timestamp
        details.append(
            {
                "info_tsa": {
                    "name": stamp.tsa if stamp else None,
                    "tsa_cert_validity": None,
                },
                "signature_field": sig.field,
                "info_signer": {
                    "issuer_dn": cert.issuer_dn if cert else None,
                    "signer_name": sig.signer.name,
                    "signer_cert_validity": _validity(sig, tz),
                    "signer_dn": cert.subject_dn if cert else None,
                    "cert_user_certified": False,
                },
                "signature_document": {
                    "signed_using_tsa": stamp is not None and stamp.valid,
                    "reason": sig.reason,
                    "document_integrity": _intact(sig),
                    "signature_value": "",
                    "signed_in": when(stamp.time if stamp else sig.signed_at, tz),
                    "location": sig.location,
                    "hash_value": "",
                },
            }
        )
    summary = None
    if sigs:
        summary = SUMMARY_VALID if report.verdict is Verdict.VALID else SUMMARY_NOT_VALID
    return {
        "nama_dokumen": report.file,
        "jumlah_signature": len(sigs),
        "notes": _v1_note(report),
        "details": details,
        "summary": summary,
        "esign": _esign(report),
    }


def verify_v2(report: VerificationReport, tz: tzinfo) -> dict[str, Any]:
    """``POST /api/v2/verify/pdf``: ``conclusion``, ``description``, ``signatureCount``,
    ``signatureInformations[]`` (the gateway's own spellings, ``timestampInfomation``)."""
    sigs = _signatures(report)
    infos = []
    for n, sig in enumerate(sigs, start=1):
        stamp = sig.timestamp
        cert = sig.signer_cert
        infos.append(
            {
                "fieldName": sig.field,
                "signerName": sig.signer.name,
                "signatureFormat": _format(sig),
                "signatureDate": when(sig.signed_at, tz),
                "reason": sig.reason,
                "location": sig.location,
                "certLevelCode": 0,
                "integrityValid": _intact(sig),
                "certificateTrusted": sig.trusted,
                "ltv": sig.level is not None and sig.level.value in ("B-LT", "B-LTA"),
                "lastSignature": n == len(sigs),
                "modified": sig.verdict is Verdict.CHANGED or not _intact(sig),
                "timestampInfomation": {
                    "signerName": stamp.tsa if stamp else None,
                    "timestampDate": when(stamp.time, tz) if stamp else None,
                },
                "certificateDetails": (
                    [
                        {
                            "commonName": sig.signer.name,
                            "subjectDN": cert.subject_dn,
                            "issuerName": cert.issuer_dn,
                            "serialNumber": cert.serial,
                            "notBeforeDate": when(cert.not_before, tz),
                            "notAfterDate": when(cert.not_after, tz),
                        }
                    ]
                    if cert
                    else []
                ),
            }
        )
    if not sigs:
        conclusion, description = "NO_SIGNATURE", V2_NO_SIGNATURE
    elif report.verdict is Verdict.VALID:
        conclusion, description = "VALID", V2_VALID
    elif report.verdict is Verdict.INDETERMINATE:
        conclusion, description = "INDETERMINATE", NOTE_UNCHECKED
    else:
        conclusion, description = "INVALID", NOTE_CHANGED
    return {
        "conclusion": conclusion,
        "description": description,
        "signatureCount": len(sigs),
        "signatureInformations": infos,
        "esign": _esign(report),
    }
