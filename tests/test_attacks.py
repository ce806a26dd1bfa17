"""esign against the published PDF-signature attacks (built by tests/attacks.py).

Every attack is run against a letter signed by esign and by pyHanko directly (an
independent signer with an independent PKI), and the exact verdict, sub-indication and
modification finding is asserted. pdfsig is run on every file only to show it does not
crash: it is no referee for attacks (it calls several of them valid).

Also: letters signed by other tools verify VALID when their roots are trusted.
"""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

import attacks
from conftest import EXAMPLES, PASS, assert_pdfsig_valid, pdfsig_report
from esign.keys import SigningKey
from esign.models import Coverage, Modifications, SubIndication, Verdict, VerificationReport
from esign.verify import TrustSettings, revisions
from helpers import independent_trust, sign_file, store_trust, unlock, verify

INVALID = Verdict.INVALID
FORMAT = SubIndication.FORMAT_FAILURE
HASH = SubIndication.HASH_FAILURE
DISALLOWED = Modifications.DISALLOWED


@dataclass(frozen=True)
class Signer:
    """Who signs the victim letter, and what the verifier trusts."""

    name: str
    sign: Callable[[Path, Path], None]
    trust: TrustSettings


def _pyhanko_sign(independent, src: Path, dst: Path, field: str = "Signature1") -> None:
    """Sign with pyHanko's own SimpleSigner and the independent PKI (no esign code)."""
    from asn1crypto import keys
    from asn1crypto import x509 as ax
    from cryptography.hazmat.primitives import serialization
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    der = serialization.Encoding.DER
    key = independent.signer.key.private_bytes(
        der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    signer = signers.SimpleSigner(
        signing_cert=ax.Certificate.load(independent.signer.cert.public_bytes(der)),
        signing_key=keys.PrivateKeyInfo.load(key),
        cert_registry=SimpleCertificateStore.from_certs(
            [ax.Certificate.load(independent.intermediate.cert.public_bytes(der))]
        ),
    )
    meta = signers.PdfSignatureMetadata(field_name=field, md_algorithm="sha256")
    with src.open("rb") as fh, dst.open("wb") as out:
        signers.sign_pdf(IncrementalPdfFileWriter(fh), meta, signer=signer, output=out)


@pytest.fixture
def budi(store_home: Path) -> SigningKey:
    return unlock(store_home, "budi", PASS)


@pytest.fixture(params=["esign", "pyhanko"])
def signer(request, store_home: Path, budi: SigningKey, independent) -> Signer:
    if request.param == "esign":
        return Signer("esign", lambda s, d: sign_file(s, d, budi), store_trust(store_home))
    return Signer(
        "pyhanko",
        lambda s, d: _pyhanko_sign(independent, s, d),
        independent_trust(independent),
    )


@pytest.fixture
def signed(signer: Signer, letter: Path) -> Path:
    out = letter.with_name("signed.pdf")
    signer.sign(letter, out)
    return out


def _check(
    path: Path,
    trust: TrustSettings,
    verdict: Verdict,
    sub: SubIndication,
    modifications: Modifications | None = None,
    *,
    index: int = -1,
) -> VerificationReport:
    """esign's exact answer for the attacked signature; pdfsig merely must not crash."""
    report = verify(path, trust)
    assert report.verdict is verdict, report
    sig = report.signatures[index]
    assert (sig.verdict, sig.sub_indication) == (verdict, sub), sig
    if modifications is not None:
        assert sig.modifications is modifications, sig
    out = pdfsig_report(path)
    assert "Segmentation fault" not in out and "Traceback" not in out
    return report


# --- tampering -----------------------------------------------------------------------

TAMPERING = {
    # The signed revision itself was altered: what changed after it cannot be said.
    attacks.flip_byte_in_signed_range: (HASH, Modifications.UNKNOWN),
    attacks.content_stream_replaced_in_place: (HASH, Modifications.UNKNOWN),
    attacks.byte_range_edited_to_skip_bytes: (HASH, None),
}


@pytest.mark.parametrize("attack", TAMPERING, ids=lambda f: f.__name__)
def test_tampering_in_place(attack, signed: Path, signer: Signer, tmp_path: Path) -> None:
    out = tmp_path / f"{attack.__name__}.pdf"
    attack(signed, out)
    sub, mods = TAMPERING[attack]
    report = _check(out, signer.trust, INVALID, sub, mods)
    assert not report.signatures[-1].intact


# --- incremental saving attacks and signature wrapping ------------------------------------

LATER_REVISION_ATTACKS = [
    attacks.isa_replace_page_content,
    attacks.isa_redefine_content_stream,
    attacks.isa_update_without_xref,
    attacks.isa_empty_xref,
    attacks.isa_malformed_xref,
    attacks.swa_relocated_signed_part,
]


@pytest.mark.parametrize("attack", LATER_REVISION_ATTACKS, ids=lambda f: f.__name__)
def test_incremental_saving_and_wrapping(
    attack, signed: Path, signer: Signer, tmp_path: Path
) -> None:
    out = tmp_path / f"{attack.__name__}.pdf"
    attack(signed, out)
    report = _check(out, signer.trust, INVALID, FORMAT, DISALLOWED)
    assert attacks.SHADOW_TEXT.encode() in out.read_bytes()  # the attack is really there
    assert report.signatures[-1].coverage is not Coverage.ENTIRE_FILE


def test_well_formed_isa_names_the_page_content(
    signed: Path, signer: Signer, tmp_path: Path
) -> None:
    out = tmp_path / "isa.pdf"
    attacks.isa_replace_page_content(signed, out)
    (sig,) = verify(out, signer.trust).signatures
    assert sig.intact and sig.crypto_valid  # the old bytes are still signed ...
    assert "page content: page 1 /Contents" in sig.modification_details  # ... but changed


# --- shadow attacks ------------------------------------------------------------------

SHADOW = {
    attacks.shadow_hide: attacks.prepare_shadow_form,
    attacks.shadow_replace: attacks.prepare_shadow_form,
    attacks.shadow_hide_via_ocg: attacks.prepare_shadow_ocg,
    attacks.shadow_hide_and_replace: attacks.prepare_shadow_hide_and_replace,
    attacks.shadow_replace_annotation_appearance: attacks.prepare_shadow_annotation,
}


@pytest.mark.parametrize("attack", SHADOW, ids=lambda f: f.__name__)
def test_shadow_attack(attack, signer: Signer, letter: Path, tmp_path: Path) -> None:
    original, victim, out = (tmp_path / n for n in ("original.pdf", "victim.pdf", "shadow.pdf"))
    SHADOW[attack](letter, original)
    signer.sign(original, victim)
    assert verify(victim, signer.trust).verdict is Verdict.VALID  # harmless when signed
    attack(victim, out)
    report = _check(out, signer.trust, INVALID, FORMAT, DISALLOWED)
    assert any(
        "when signed" in d or "page content" in d or "optional content" in d
        for d in report.signatures[0].modification_details
    ), report.signatures[0].modification_details


# --- universal signature forgery ---------------------------------------------------------

USF_NO_CMS = [attacks.usf_contents_empty, attacks.usf_contents_zeros]
USF_WITH_CMS = {
    attacks.usf_byte_range_missing: FORMAT,
    attacks.usf_byte_range_zero: FORMAT,
    attacks.usf_byte_range_overlapping: FORMAT,
    attacks.usf_byte_range_out_of_bounds: FORMAT,
    attacks.usf_wrong_subfilter: FORMAT,
    attacks.usf_foreign_cms: HASH,
}


@pytest.mark.parametrize("attack", USF_NO_CMS, ids=lambda f: f.__name__)
def test_usf_without_cms(attack, signer: Signer, letter: Path, tmp_path: Path) -> None:
    out = tmp_path / f"{attack.__name__}.pdf"
    attack(letter, out)
    _check(out, signer.trust, INVALID, FORMAT)


@pytest.mark.parametrize("attack", USF_WITH_CMS, ids=lambda f: f.__name__)
def test_usf_with_lifted_cms(
    attack, signed: Path, signer: Signer, letter: Path, tmp_path: Path
) -> None:
    """The forged dictionary carries a genuine CMS lifted from another signed letter."""
    other = tmp_path / "other-letter.pdf"
    shutil.copy(EXAMPLES / "surat-edaran-3hal.pdf", other)
    donor = tmp_path / "donor.pdf"
    signer.sign(other, donor)
    out = tmp_path / f"{attack.__name__}.pdf"
    attack(letter, out, attacks.cms_of(donor))
    _check(out, signer.trust, INVALID, USF_WITH_CMS[attack])


# --- two signatures, certification ------------------------------------------------------


def test_second_signature_with_cms_swapped_from_another_document(
    signed: Path, signer: Signer, budi: SigningKey, store_home: Path, tmp_path: Path
) -> None:
    seal = unlock(store_home, "seal", PASS)
    twice, donor, out = (tmp_path / n for n in ("twice.pdf", "donor.pdf", "swapped.pdf"))
    sign_file(signed, twice, seal)
    sign_file(EXAMPLES / "surat-edaran-3hal.pdf", donor, seal)
    attacks.second_signature_cms_swapped(twice, donor, out)
    store = store_trust(store_home)
    trust = dataclasses.replace(
        signer.trust,
        roots=(*signer.trust.roots, *store.roots),
        revocation_registers=store.revocation_registers,
    )
    report = _check(out, trust, INVALID, HASH, index=1)
    assert report.signatures[0].verdict is Verdict.VALID  # the first one is untouched


@pytest.mark.parametrize("level", [1, 2])
def test_annotation_after_restrictive_certification_is_disallowed(
    level: int, budi: SigningKey, letter: Path, store_home: Path, tmp_path: Path
) -> None:
    certified, out = tmp_path / "certified.pdf", tmp_path / "annotated.pdf"
    attacks.certify(letter, certified, budi, level=level)
    attacks.add_annotation(certified, out)
    _check(out, store_trust(store_home), INVALID, FORMAT, DISALLOWED)


# --- legitimate changes stay valid ---------------------------------------------------------


def test_free_text_over_the_letter_after_approval_is_valid_but_changed(
    signed: Path, signer: Signer, tmp_path: Path
) -> None:
    """Issue 11 item 2: a FreeText (no appearance stream) over the letter's text is not
    "unchanged": the signature stands, the verdict says the letter was changed."""
    out = tmp_path / "annotated.pdf"
    attacks.add_annotation(signed, out)
    report = verify(out, signer.trust)
    assert report.verdict is Verdict.CHANGED, report
    (sig,) = report.signatures
    assert sig.modifications is Modifications.VISIBLE
    assert any(d.startswith("annotation or field added over") for d in sig.modification_details)


def test_annotation_under_certification_level_3_is_valid_but_changed(
    budi: SigningKey, letter: Path, store_home: Path, tmp_path: Path
) -> None:
    certified, out = tmp_path / "certified.pdf", tmp_path / "annotated.pdf"
    attacks.certify(letter, certified, budi, level=3)
    attacks.add_annotation(certified, out)
    report = verify(out, store_trust(store_home))
    assert report.verdict is Verdict.CHANGED, report
    assert report.signatures[0].modifications is Modifications.VISIBLE


def test_filling_an_empty_field_after_signing_is_allowed(
    signer: Signer, letter: Path, tmp_path: Path
) -> None:
    form, victim, out = (tmp_path / n for n in ("form.pdf", "signed-form.pdf", "filled.pdf"))
    attacks.prepare_empty_form_field(letter, form)
    signer.sign(form, victim)
    attacks.fill_empty_field(victim, out)
    report = verify(out, signer.trust)
    assert report.verdict is Verdict.VALID, report
    assert report.signatures[0].modifications is Modifications.ALLOWED


# --- letters signed by other tools ----------------------------------------------------------


def test_pyhanko_signed_letter_is_valid(independent, letter: Path, tmp_path: Path) -> None:
    out = tmp_path / "pyhanko.pdf"
    _pyhanko_sign(independent, letter, out)
    report = verify(out, independent_trust(independent))
    assert report.verdict is Verdict.VALID, report
    assert report.signatures[0].signer.nip == "198905122015032002"
    assert_pdfsig_valid(out, 1)


def test_pdfsig_nss_signed_letter_is_valid(independent, letter: Path, tmp_path: Path) -> None:
    tools = [shutil.which(t) for t in ("pdfsig", "certutil", "pk12util")]
    if None in tools:
        pytest.skip("pdfsig/certutil/pk12util not installed (poppler-utils, libnss3-tools)")
    pdfsig, certutil, pk12util = (str(t) for t in tools)
    db = tmp_path / "nss"
    db.mkdir()
    p12 = tmp_path / "siti.p12"
    p12.write_bytes(independent.signer.p12(b"p12-pass", chain=[independent.intermediate.cert]))
    nss = f"sql:{db}"
    subprocess.run([certutil, "-N", "-d", nss, "--empty-password"], check=True)
    subprocess.run(
        [pk12util, "-i", str(p12), "-d", nss, "-W", "p12-pass"], check=True, capture_output=True
    )
    out = tmp_path / "pdfsig-signed.pdf"
    command = [
        *(pdfsig, "-nssdir", nss, "-add-signature", "-nick", independent.signer.name),
        *("-new-signature-field-name", "Signature1", "-reason", "Disetujui"),
        *(str(letter), str(out)),
    ]
    # poppler 22.12 sizes the /Contents hole before signing and fails ("unable update
    # signature") when the DER ECDSA value comes out a byte longer: try a few times.
    for _ in range(10):
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode == 0:
            break
    assert done.returncode == 0, done.stderr
    report = verify(out, independent_trust(independent))
    assert report.verdict is Verdict.VALID, report
    assert report.signatures[0].subfilter == "/adbe.pkcs7.detached"


def test_endesive_signed_letter_is_valid(independent, letter: Path, tmp_path: Path) -> None:
    try:
        from endesive.pdf import cms
    except Exception as e:  # not installed, or its oscrypto cannot load OpenSSL 3
        pytest.skip(f"endesive unavailable: {type(e).__name__}: {e}")
    data = letter.read_bytes()
    when = datetime.now(UTC).strftime("D:%Y%m%d%H%M%S+00'00'").encode()
    meta = {"sigflags": 3, "location": "Malang", "signingdate": when, "reason": "Disetujui"}
    chain = [independent.intermediate.cert, independent.root.cert]
    out = tmp_path / "endesive.pdf"
    out.write_bytes(
        data
        + cms.sign(data, meta, independent.signer.key, independent.signer.cert, chain, "sha256")
    )
    report = verify(out, independent_trust(independent))
    assert report.verdict is Verdict.VALID, report


# --- the signed revision -----------------------------------------------------------------


def test_signed_revision_is_the_prefix_the_signature_covers(
    signed: Path, signer: Signer, store_home: Path, tmp_path: Path
) -> None:
    seal = unlock(store_home, "seal", PASS)
    twice, annotated = tmp_path / "twice.pdf", tmp_path / "annotated.pdf"
    sign_file(signed, twice, seal)
    attacks.isa_replace_page_content(twice, annotated)
    data = annotated.read_bytes()
    first = revisions.signed_revision(data, 1)
    second = revisions.signed_revision(data, 2)
    assert first == signed.read_bytes().rstrip(b"\r\n") or signed.read_bytes().startswith(first)
    assert second == twice.read_bytes()[: len(second)] and data.startswith(second)
    version = tmp_path / "version-1.pdf"
    version.write_bytes(first)
    report = verify(version, signer.trust)
    assert report.verdict is Verdict.VALID, report
    assert report.signatures[0].coverage is Coverage.ENTIRE_FILE
    with pytest.raises(Exception) as err:
        revisions.signed_revision(data, 3, file="x.pdf")
    assert getattr(err.value, "key", None) == "revision.out_of_range"


def test_cli_verify_revision_writes_the_signed_version(
    signed: Path, signer: Signer, store_home: Path, tmp_path: Path
) -> None:
    from click.testing import CliRunner

    from esign.cli import cli
    from esign.errors import ExitCode

    attacked = tmp_path / "attacked.pdf"
    attacks.isa_replace_page_content(signed, attacked)
    version = tmp_path / "signed-version.pdf"
    runner = CliRunner()
    args = ["verify", str(attacked), "--revision", "1", "-o", str(version)]
    if signer.name == "pyhanko":
        args += ["--no-store", "--trust", str(tmp_path / "root.pem")]
        from cryptography.hazmat.primitives.serialization import Encoding

        (tmp_path / "root.pem").write_bytes(signer.trust.roots[0].public_bytes(Encoding.PEM))
    result = runner.invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == ExitCode.INVALID, result.output  # the file as it is now
    assert "Wrote the version signature 1 covers" in result.output
    data = version.read_bytes()
    assert attacked.read_bytes().startswith(data)
    assert attacks.SHADOW_TEXT.encode() not in data
    report = verify(version, signer.trust)
    assert report.verdict is Verdict.VALID
    assert report.signatures[0].coverage is Coverage.ENTIRE_FILE
    again = runner.invoke(cli, args, catch_exceptions=False)
    assert again.exit_code == ExitCode.OUTPUT  # never overwrites
    missing = runner.invoke(
        cli, ["verify", str(attacked), "--revision", "2", "-o", str(tmp_path / "x.pdf")]
    )
    assert missing.exit_code == ExitCode.INPUT
    assert "has 1 signature; there is no signature 2." in missing.output
    usage = runner.invoke(cli, ["verify", str(attacked), "--revision", "1"])
    assert usage.exit_code == ExitCode.USAGE
