"""Changes after signing that a reader sees (issue 11 items 2, 5, 6; issue 19 deep nesting).

An annotation, widget or appearance added after a signature is classified by whether a
reader shows it and whether it covers what was signed; pdfium renders the signed and the
latest revision as the ground truth. The letters are signed by esign and by pyHanko with
the independent PKI; the attacks are built by tests/attacks.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

import attacks
from conftest import PASS
from esign.errors import ExitCode
from esign.keys import SigningKey
from esign.models import (
    ChangeKind,
    Indication,
    Modifications,
    SubIndication,
    Verdict,
    VerificationReport,
)
from esign.verify import TrustSettings, visual
from helpers import independent_trust, sign_file, store_trust, unlock, verify
from test_attacks import _pyhanko_sign


@dataclass(frozen=True)
class Signer:
    name: str
    sign: Callable[[Path, Path], None]
    trust: TrustSettings


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
        independent_trust(independent),  # issue 11: its CRLs handed in, as --crl would
    )


@pytest.fixture
def signed(signer: Signer, letter: Path) -> Path:
    out = letter.with_name("signed.pdf")
    signer.sign(letter, out)
    return out


def _only(report: VerificationReport):
    assert len(report.signatures) == 1, report
    return report.signatures[0]


# --- visible covering after an approval signature --------------------------------------------

COVERING = [
    attacks.cover_with_opaque_square,
    attacks.cover_with_free_text,  # no appearance: readers draw /Contents (pdfium does not)
    attacks.sneaky_signature_field,
    # /CA 0 should make it transparent, but pdfium (Chrome's viewer) draws it opaque anyway
    attacks.cover_with_transparent_square,
]


@pytest.mark.parametrize("attack", COVERING, ids=lambda f: f.__name__)
def test_covering_the_letter_is_valid_but_changed(
    attack, signed: Path, signer: Signer, tmp_path: Path
) -> None:
    out = tmp_path / "covered.pdf"
    attack(signed, out)
    report = verify(out, signer.trust)
    sig = _only(report)
    assert report.verdict is Verdict.CHANGED, report
    assert report.exit_code is ExitCode.CHANGED
    assert sig.verdict is Verdict.CHANGED, sig
    assert (sig.indication, sig.sub_indication) == (
        Indication.TOTAL_PASSED,
        SubIndication.CHANGED_AFTER_SIGNING,
    )
    assert sig.intact and sig.crypto_valid
    assert sig.modifications is Modifications.VISIBLE
    covering = [c for c in sig.changes if c.kind is ChangeKind.ANNOTATION_COVERS]
    assert covering and all(c.visible and c.page == 1 for c in covering), sig.changes
    assert "changed_after_signing" in [f.code for f in sig.findings], sig


HARMLESS = [
    attacks.cover_with_hidden_square,
    attacks.cover_with_zero_size_square,
    attacks.note_in_the_margin,
]


@pytest.mark.parametrize("attack", HARMLESS, ids=lambda f: f.__name__)
def test_annotation_that_covers_nothing_signed_stays_allowed(
    attack, signed: Path, signer: Signer, tmp_path: Path
) -> None:
    out = tmp_path / "annotated.pdf"
    attack(signed, out)
    report = verify(out, signer.trust)
    sig = _only(report)
    assert report.verdict is Verdict.VALID, report
    assert sig.modifications is Modifications.ALLOWED, sig
    # pyHanko's writer refreshes /Info's ModDate: a metadata note appears when the second
    # ticked between signing and the update; it is never a visible change.
    kinds = [c.kind for c in sig.changes if c.kind is not ChangeKind.METADATA]
    assert kinds == [ChangeKind.ANNOTATION_ADDED], sig.changes
    assert not any(c.visible for c in sig.changes)


@pytest.mark.parametrize("level", [1, 2])
@pytest.mark.parametrize(
    "attack",
    [attacks.cover_with_opaque_square, attacks.sneaky_signature_field],
    ids=lambda f: f.__name__,
)
def test_covering_a_certified_letter_is_invalid(
    attack, level: int, budi: SigningKey, letter: Path, store_home: Path, tmp_path: Path
) -> None:
    certified, out = tmp_path / "certified.pdf", tmp_path / "covered.pdf"
    attacks.certify(letter, certified, budi, level=level)
    attack(certified, out)
    report = verify(out, store_trust(store_home))
    sig = _only(report)
    assert (sig.verdict, sig.modifications) == (Verdict.INVALID, Modifications.DISALLOWED), sig


def test_covering_under_certification_level_3_is_valid_but_changed(
    budi: SigningKey, letter: Path, store_home: Path, tmp_path: Path
) -> None:
    certified, out = tmp_path / "certified.pdf", tmp_path / "covered.pdf"
    attacks.certify(letter, certified, budi, level=3)
    attacks.cover_with_opaque_square(certified, out)
    sig = _only(verify(out, store_trust(store_home)))
    assert (sig.verdict, sig.modifications) == (Verdict.CHANGED, Modifications.VISIBLE), sig


# --- the renderer as ground truth -------------------------------------------------------------


def test_pixel_difference_finds_the_covered_region(signed: Path, tmp_path: Path) -> None:
    out = tmp_path / "covered.pdf"
    attacks.cover_with_opaque_square(signed, out)
    data = out.read_bytes()
    signed_len = len(signed.read_bytes())
    diff = visual.compare(data[:signed_len], data)
    assert diff is not None
    (page,) = diff.pages
    assert page.page == 1 and page.covered_ink > 0
    x1, y1, x2, y2 = page.box
    bx1, by1, bx2, by2 = attacks.BODY_BOX
    assert bx1 - 3 <= x1 and x2 <= bx2 + 3 and by1 - 3 <= y1 and y2 <= by2 + 3, page.box


def test_pixel_difference_is_empty_for_a_hidden_annotation(signed: Path, tmp_path: Path) -> None:
    out = tmp_path / "hidden.pdf"
    attacks.cover_with_hidden_square(signed, out)
    data = out.read_bytes()
    diff = visual.compare(data[: len(signed.read_bytes())], data)
    assert diff is not None and diff.pages == ()


# --- updates the analysis must not lose ---------------------------------------------------------


@pytest.mark.parametrize("depth", [100, 500, 5000])
def test_deep_nesting_does_not_mask_a_forged_page(
    depth: int, signed: Path, signer: Signer, tmp_path: Path
) -> None:
    out = tmp_path / f"nested-{depth}.pdf"
    attacks.deep_nesting_forgery(signed, out, depth=depth)
    report = verify(out, signer.trust)
    assert report.verdict is not Verdict.VALID, report
    for sig in report.signatures:
        assert sig.verdict is not Verdict.VALID, sig
        assert sig.modifications in (Modifications.DISALLOWED, Modifications.UNKNOWN), sig


def test_empty_xref_with_a_new_catalog_is_analysed(
    signed: Path, signer: Signer, tmp_path: Path
) -> None:
    out = tmp_path / "empty-xref-root.pdf"
    attacks.empty_xref_new_root(signed, out)
    report = verify(out, signer.trust)
    assert report.verdict is not Verdict.VALID, report
    sig = report.signatures[0]
    assert sig.verdict is not Verdict.VALID, sig
    assert sig.modifications in (Modifications.DISALLOWED, Modifications.UNKNOWN), sig
