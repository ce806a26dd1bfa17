"""The trust kit: what a reader of the office's letters needs to trust its root once.

A letter signed by the office's own (local) CA shows in Adobe Reader or Foxit as "validity
unknown" until the reader trusts the office root. The kit holds that root in the forms the
readers import — PEM, DER (``.cer``, which Windows installs on a double-click) and a
PKCS#7 certificate bundle (``.p7c``, which Adobe Reader's *Trusted Certificates* import
takes) — its fingerprints in a text file to read out over the phone, and a one-page guide
in Indonesian and English (:mod:`esign.render.trustkit`).

Pure: the certificate in, the files' names and bytes out.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding, pkcs7

PEM_NAME = "root-ca.pem"
CER_NAME = "root-ca.cer"
P7C_NAME = "root-ca.p7c"
FINGERPRINT_NAME = "root-ca-fingerprint.txt"
GUIDE_NAME = "panduan-trust-kit.pdf"
NAMES = (PEM_NAME, CER_NAME, P7C_NAME, FINGERPRINT_NAME, GUIDE_NAME)
"""Every file of a kit, in the order they are listed."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Fingerprints:
    """The root's fingerprints as a person compares them: hex pairs in groups."""

    sha256: str
    """``AB:CD:…`` (32 pairs): what Adobe Reader, Foxit and the guide show."""
    sha1: str
    """``AB:CD:…`` (20 pairs): the *thumbprint* Windows shows when installing."""


def _pairs(digest: bytes) -> str:
    return ":".join(f"{b:02X}" for b in digest)


def fingerprints(cert: x509.Certificate) -> Fingerprints:
    der = cert.public_bytes(Encoding.DER)
    return Fingerprints(
        sha256=_pairs(hashlib.sha256(der).digest()),
        sha1=_pairs(hashlib.sha1(der, usedforsecurity=False).digest()),
    )


def grouped(fingerprint: str, per_line: int = 16) -> list[str]:
    """``AB:CD:…`` in lines of ``per_line`` pairs, for print and for reading aloud."""
    pairs = fingerprint.split(":")
    return [":".join(pairs[i : i + per_line]) for i in range(0, len(pairs), per_line)]


def certificate_files(cert: x509.Certificate) -> dict[str, bytes]:
    """The root as PEM, DER and a PKCS#7 certificates-only bundle (DER)."""
    return {
        PEM_NAME: cert.public_bytes(Encoding.PEM),
        CER_NAME: cert.public_bytes(Encoding.DER),
        P7C_NAME: pkcs7.serialize_certificates([cert], Encoding.DER),
    }


def fingerprint_text(cert: x509.Certificate, subject: str) -> bytes:
    """The text file: who the root is and its fingerprints, in both languages."""
    prints = fingerprints(cert)
    lines = [
        f"{subject}",
        "",
        "Sidik jari SHA-256 / SHA-256 fingerprint:",
        *grouped(prints.sha256),
        "",
        "Sidik jari SHA-1 (Windows: Thumbprint) / SHA-1 fingerprint:",
        *grouped(prints.sha1, per_line=20),
        "",
        "Bandingkan dengan kantor melalui telepon sebelum mempercayai sertifikat ini.",
        "Compare with the office by phone before you trust this certificate.",
        "",
    ]
    return "\n".join(lines).encode("utf-8")
