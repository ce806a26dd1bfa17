"""Small helpers shared by tests: signing through the library, tampering with files."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes

from esign.app import admin
from esign.keys import Secret, SigningKey
from esign.models import VerificationReport
from esign.revocation import CrlFile
from esign.sign import SignOptions, SignResult, sign_pdf
from esign.store import open_store
from esign.verify import TrustSettings, verify_pdf
from independent_pki import CRL_LAST_UPDATE, CRL_NEXT_UPDATE, IndependentPki


def unlock(home: Path, id: str, passphrase: str) -> SigningKey:
    with open_store(home) as store:
        return admin.unlock(store, id, Secret(passphrase.encode()), datetime.now(UTC))


def store_trust(home: Path) -> TrustSettings:
    """What `esign verify` trusts in this store: its anchors and its revocation register."""
    with open_store(home) as store:
        register = admin.revocation_register(store, datetime.now(UTC))
        return TrustSettings(
            roots=tuple(admin.trust_roots(store)),
            revocation_registers=(register,) if register is not None else (),
        )


def sign_file(src: Path, dst: Path, key: SigningKey, **options: str) -> SignResult:
    return sign_pdf(src, dst, key, at=datetime.now(UTC), options=SignOptions(**options))


def verify(path: Path, trust: TrustSettings) -> VerificationReport:
    return verify_pdf(path, trust=trust, at=datetime.now(UTC))


def byte_range(data: bytes) -> list[int]:
    """The last /ByteRange in a file."""
    found = re.findall(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", data)
    return [int(x) for x in found[-1]]


def append_page_content_update(src: Path, dst: Path, text: str) -> None:
    """An incremental update that replaces page 1's content with new text (an attack)."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    with src.open("rb") as fh:
        writer = IncrementalPdfFileWriter(fh)
        page_ref = writer.root["/Pages"]["/Kids"][0]
        page = page_ref.get_object()
        content = f"BT /F1 24 Tf 72 720 Td ({text}) Tj ET".encode()
        stream = writer.add_object(generic.StreamObject(stream_data=content))
        page["/Contents"] = stream
        writer.update_container(page)
        with dst.open("wb") as out:
            writer.write(out)


def append_overlay_annotation(src: Path, dst: Path) -> None:
    """An incremental update that adds a FreeText annotation in the blank top right corner
    of the example letter (allowed for approvals: it covers nothing signed)."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    with src.open("rb") as fh:
        writer = IncrementalPdfFileWriter(fh)
        page = writer.root["/Pages"]["/Kids"][0].get_object()
        annot = generic.DictionaryObject(
            {
                generic.pdf_name("/Type"): generic.pdf_name("/Annot"),
                generic.pdf_name("/Subtype"): generic.pdf_name("/FreeText"),
                generic.pdf_name("/Rect"): generic.ArrayObject(
                    [generic.FloatObject(x) for x in (500, 805, 585, 835)]
                ),
                generic.pdf_name("/Contents"): generic.TextStringObject("note"),
                generic.pdf_name("/DA"): generic.TextStringObject("/Helv 12 Tf 0 g"),
            }
        )
        ref = writer.add_object(annot)
        annots = page.get("/Annots", generic.ArrayObject())
        annots = generic.ArrayObject([*annots, ref])
        page["/Annots"] = annots
        writer.update_container(page)
        with dst.open("wb") as out:
            writer.write(out)


def make_encrypted_pdf(path: Path, *, user_password: str) -> None:
    """A one-page PDF encrypted with ``user_password`` (empty: opens without one)."""
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    enc = pdfencrypt.StandardEncryption(user_password, ownerPassword="owner-secret")
    c = canvas.Canvas(str(path), encrypt=enc)
    c.drawString(72, 720, "Surat rahasia")
    c.save()


def independent_crls(pki: IndependentPki) -> tuple[CrlFile, ...]:
    """The independent PKI's revocation data, as `--crl` would hand it in: the issuing CA's
    CRL (for the people and the TSA) and a root CRL that covers the issuing CA (built here
    with cryptography, same dates, listing nothing)."""
    root_crl = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(pki.root.cert.subject)
        .last_update(CRL_LAST_UPDATE)
        .next_update(CRL_NEXT_UPDATE)
        .sign(pki.root.key, hashes.SHA256())
    )
    return (
        CrlFile(label="issuing-ca.crl", crl=pki.crl),
        CrlFile(label="root.crl", crl=root_crl),
    )


def independent_trust(pki: IndependentPki, **kwargs: Any) -> TrustSettings:
    """Trust the independent root, with its CRLs handed in (no network)."""
    return TrustSettings(roots=(pki.root.cert,), crl_files=independent_crls(pki), **kwargs)
