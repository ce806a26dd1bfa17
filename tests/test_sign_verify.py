"""Signing and verification through the library, refereed by poppler's pdfsig."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from conftest import NIP, PASS, assert_pdfsig_valid
from esign.errors import CertificateError, PdfInputError, SigningError
from esign.keys import P12Key, SigningKey
from esign.models import Coverage, Indication, Modifications, SubIndication, Verdict
from esign.sign import SignOptions, sign_pdf
from esign.verify import TrustSettings
from helpers import (
    append_overlay_annotation,
    append_page_content_update,
    byte_range,
    independent_trust,
    make_encrypted_pdf,
    sign_file,
    store_trust,
    unlock,
    verify,
)


@pytest.fixture
def budi(store_home: Path) -> SigningKey:
    return unlock(store_home, "budi", PASS)


@pytest.fixture
def signed(letter: Path, budi: SigningKey) -> Path:
    out = letter.with_name("surat.signed.pdf")
    sign_file(letter, out, budi, reason="Disetujui", location="Jember")
    return out


def test_signature_is_valid_trusted_and_pdfsig_agrees(
    signed: Path, store_home: Path, letter: Path
) -> None:
    report = verify(signed, store_trust(store_home))
    assert report.verdict is Verdict.VALID
    (sig,) = report.signatures
    assert (sig.intact, sig.crypto_valid, sig.trusted, sig.cert_valid_at_signing) == (
        True,
        True,
        True,
        True,
    )
    assert sig.indication is Indication.TOTAL_PASSED and sig.sub_indication is None
    assert sig.modifications is Modifications.NONE
    assert sig.coverage is Coverage.ENTIRE_FILE
    assert sig.signer.name == "Budi Santoso, S.Kom., M.T."
    assert sig.signer.nip == NIP
    assert sig.signer.title == "Kepala Dinas"
    assert sig.reason == "Disetujui" and sig.location == "Jember"
    assert sig.subfilter == "/ETSI.CAdES.detached"
    assert_pdfsig_valid(signed, 1)


def test_signing_is_an_incremental_update_over_the_original(signed: Path, letter: Path) -> None:
    original = letter.read_bytes()
    assert signed.read_bytes().startswith(original)


def test_second_signature_keeps_the_first_valid(
    signed: Path, store_home: Path, tmp_path: Path
) -> None:
    seal = unlock(store_home, "seal", PASS)
    twice = tmp_path / "twice.pdf"
    result = sign_file(signed, twice, seal)
    assert result.field == "Signature2"
    report = verify(twice, store_trust(store_home))
    assert report.verdict is Verdict.VALID
    first, second = report.signatures
    assert first.modifications is Modifications.ALLOWED
    assert first.coverage is Coverage.ENTIRE_REVISION
    assert second.coverage is Coverage.ENTIRE_FILE
    assert second.signer.name == "Dinas Kominfo Kabupaten Jember"
    assert_pdfsig_valid(twice, 2)


def test_store_that_does_not_trust_the_root_says_indeterminate(signed: Path) -> None:
    report = verify(signed, TrustSettings())
    assert report.verdict is Verdict.INDETERMINATE
    (sig,) = report.signatures
    assert sig.intact and sig.crypto_valid and not sig.trusted
    assert sig.indication is Indication.INDETERMINATE
    assert sig.sub_indication is SubIndication.NO_CERTIFICATE_CHAIN_FOUND


def test_flipped_byte_inside_signed_range_is_hash_failure(
    signed: Path, store_home: Path, tmp_path: Path
) -> None:
    data = bytearray(signed.read_bytes())
    start, length, _, _ = byte_range(bytes(data))
    target = start + length // 2
    data[target] ^= 0x01
    tampered = tmp_path / "flipped.pdf"
    tampered.write_bytes(bytes(data))
    report = verify(tampered, store_trust(store_home))
    assert report.verdict in (Verdict.INVALID, Verdict.ERROR)
    if report.verdict is Verdict.INVALID:
        (sig,) = report.signatures
        assert not sig.intact
        assert sig.sub_indication is SubIndication.HASH_FAILURE


def test_flipped_byte_in_letter_text_is_hash_failure(
    signed: Path, store_home: Path, tmp_path: Path
) -> None:
    data = signed.read_bytes()
    # The document /Title metadata is plain text inside the signed range.
    index = data.index(b"Dinas Kominfo Kabupaten Jember")
    tampered = tmp_path / "text.pdf"
    tampered.write_bytes(data[:index] + b"X" + data[index + 1 :])
    report = verify(tampered, store_trust(store_home))
    assert report.verdict is Verdict.INVALID
    assert report.signatures[0].sub_indication is SubIndication.HASH_FAILURE


def test_appended_update_changing_page_content_is_invalid(
    signed: Path, store_home: Path, tmp_path: Path
) -> None:
    attacked = tmp_path / "attacked.pdf"
    append_page_content_update(signed, attacked, "Nilai kontrak Rp 9.000.000.000")
    report = verify(attacked, store_trust(store_home))
    assert report.verdict is Verdict.INVALID
    (sig,) = report.signatures
    assert sig.intact and sig.crypto_valid  # the old bytes are still signed ...
    assert sig.modifications is Modifications.DISALLOWED  # ... but the letter changed
    assert sig.indication is Indication.TOTAL_FAILED


def test_added_annotation_after_approval_signature_is_reported(
    signed: Path, store_home: Path, tmp_path: Path
) -> None:
    annotated = tmp_path / "annotated.pdf"
    append_overlay_annotation(signed, annotated)
    report = verify(annotated, store_trust(store_home))
    (sig,) = report.signatures
    assert sig.intact
    assert sig.modifications is not Modifications.NONE


def test_unsigned_pdf_is_unsigned(letter: Path) -> None:
    report = verify(letter, TrustSettings())
    assert report.verdict is Verdict.UNSIGNED
    assert report.signatures == ()


def test_not_a_pdf_is_error_not_crash(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.pdf"
    bogus.write_text("hello")
    report = verify(bogus, TrustSettings())
    assert report.verdict is Verdict.ERROR
    assert "not a PDF" in (report.error or "")


def test_truncated_signed_pdf_is_not_valid(signed: Path, tmp_path: Path) -> None:
    cut = tmp_path / "cut.pdf"
    data = signed.read_bytes()
    cut.write_bytes(data[: len(data) // 2])
    report = verify(cut, TrustSettings())
    assert report.verdict in (Verdict.ERROR, Verdict.INVALID, Verdict.UNSIGNED)


def test_independent_pki_signature_verifies_with_its_root(
    letter: Path, independent, tmp_path: Path
) -> None:
    key = P12Key(
        id="siti",
        private_key=independent.signer.key,
        cert=independent.signer.cert,
        chain=(independent.intermediate.cert, independent.root.cert),
    )
    out = tmp_path / "siti.pdf"
    sign_pdf(letter, out, key, at=datetime(2026, 11, 25, tzinfo=UTC))
    # issue 11, changed deliberately: with the root alone the revocation of the signer and
    # of the issuing CA is unknown (the CRL URL never resolves), which is no longer VALID
    bare = verify(out, TrustSettings(roots=(independent.root.cert,), offline=True))
    assert (bare.verdict, bare.signatures[0].sub_indication) == (
        Verdict.INDETERMINATE,
        SubIndication.TRY_LATER,
    )
    trust = independent_trust(independent)
    report = verify(out, trust)
    assert report.verdict is Verdict.VALID, report
    assert report.signatures[0].revocation_source == "crl_file"
    assert report.signatures[0].signer.nip == "198905122015032002"
    assert len(report.signatures[0].chain) == 3
    assert_pdfsig_valid(out, 1)


def test_expired_certificate_refuses_to_sign(letter: Path, independent, tmp_path: Path) -> None:
    key = P12Key(
        id="old",
        private_key=independent.expired_signer.key,
        cert=independent.expired_signer.cert,
    )
    out = tmp_path / "x.pdf"
    with pytest.raises(CertificateError) as err:
        sign_pdf(letter, out, key, at=datetime(2026, 11, 25, tzinfo=UTC))
    assert err.value.key == "cert.expired"
    assert not out.exists()


def test_signing_window_boundaries(letter: Path, budi: SigningKey, tmp_path: Path) -> None:
    end = budi.cert.not_valid_after_utc
    ok = tmp_path / "ok.pdf"
    sign_pdf(letter, ok, budi, at=end)  # the last valid second still signs
    with pytest.raises(CertificateError):
        sign_pdf(letter, tmp_path / "late.pdf", budi, at=end + timedelta(seconds=1))
    assert not (tmp_path / "late.pdf").exists()


def test_revoked_certificate_refuses_to_sign(letter: Path, budi: SigningKey, tmp_path: Path):
    now = datetime.now(UTC)
    with pytest.raises(CertificateError) as err:
        sign_pdf(letter, tmp_path / "r.pdf", budi, at=now, revoked_at=now - timedelta(days=1))
    assert err.value.key == "cert.revoked"


def test_encrypted_pdf_is_refused_without_output(budi: SigningKey, tmp_path: Path) -> None:
    enc = tmp_path / "enc.pdf"
    make_encrypted_pdf(enc, user_password="rahasia")
    out = tmp_path / "enc.signed.pdf"
    with pytest.raises(PdfInputError) as err:
        sign_pdf(enc, out, budi, at=datetime.now(UTC))
    assert err.value.key == "pdf.encrypted"
    assert not out.exists()
    assert not list(tmp_path.glob(".*tmp")) and not list(tmp_path.glob("*.signed.pdf"))


def test_field_already_signed_is_refused(signed: Path, budi: SigningKey, tmp_path: Path):
    with pytest.raises(SigningError) as err:
        sign_pdf(
            signed,
            tmp_path / "again.pdf",
            budi,
            at=datetime.now(UTC),
            options=SignOptions(field="Signature1"),
        )
    assert err.value.key == "sign.field_exists"
    assert not (tmp_path / "again.pdf").exists()


def test_in_place_replaces_atomically(letter: Path, budi: SigningKey) -> None:
    before = letter.read_bytes()
    sign_pdf(letter, letter, budi, at=datetime.now(UTC), overwrite=True)
    after = letter.read_bytes()
    assert after.startswith(before) and len(after) > len(before)
    assert sorted(p.name for p in letter.parent.iterdir()) == [letter.name]


def test_require_valid_raises_for_library_callers(signed: Path) -> None:
    from esign.errors import VerificationFailed

    report = verify(signed, TrustSettings())
    with pytest.raises(VerificationFailed):
        report.require_valid()


def test_certified_only_under_the_national_root(signed: Path, store_home: Path) -> None:
    import dataclasses

    from esign import i18n
    from esign.models import from_licensed_provider
    from esign.render.wording import legal_standing

    (sig,) = verify(signed, store_trust(store_home)).signatures
    assert not from_licensed_provider(sig)
    assert legal_standing(sig).startswith("uncertified (issued by CN=Dinas Kominfo")
    national = dataclasses.replace(
        sig, chain=(*sig.chain[:-1], "CN=ROOT CA INDONESIA DS G1,O=Kementerian Kominfo,C=ID")
    )
    assert from_licensed_provider(national)
    assert legal_standing(national).startswith("certified: issued under CN=ROOT CA INDONESIA")
    assert not from_licensed_provider(dataclasses.replace(national, trusted=False))
    i18n.set_language("id")
    assert legal_standing(sig).startswith("tidak tersertifikasi")


def test_result_hashes_match_the_files(letter: Path, budi: SigningKey, tmp_path: Path) -> None:
    import hashlib

    out = tmp_path / "hashed.pdf"
    result = sign_file(letter, out, budi)
    assert result.sha256_before == hashlib.sha256(letter.read_bytes()).hexdigest()
    assert result.sha256_after == hashlib.sha256(out.read_bytes()).hexdigest()
