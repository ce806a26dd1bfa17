"""Legitimate updates other tools make must not be called disallowed (issue 11, "false
alarms"), and what they resemble in the attack classes must stay refused.

* A form field that showed its default value when signed (``/V`` equal to ``/DV``: the form
  as issued, a list's "choose one" entry) filled in later — DSS's
  pades-signed-filled-form.pdf. Filling in is permitted, but the reader sees a new value:
  ``changed``, never ``valid``; ``invalid`` under certification P1 and when more than the
  value was rewritten. A field the signer saw filled in otherwise stays a shadow replace.
* Free-list entries for numbers that were not in use when signed (iText rewrites its free
  list) remove nothing; freeing an object in use stays disallowed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pyhanko.pdf_utils import generic

import attacks
from conftest import PASS
from esign.keys import SigningKey
from esign.models import ChangeKind, Modifications, Verdict
from esign.verify import TrustSettings
from helpers import independent_trust, sign_file, store_trust, unlock, verify
from test_attacks import _pyhanko_sign

Sign = Callable[[Path, Path], None]


@pytest.fixture
def budi(store_home: Path) -> SigningKey:
    return unlock(store_home, "budi", PASS)


@pytest.fixture(params=["esign", "pyhanko"])
def signer(request, store_home: Path, budi: SigningKey, independent) -> tuple[Sign, TrustSettings]:
    if request.param == "esign":
        return (lambda s, d: sign_file(s, d, budi), store_trust(store_home))
    trust = independent_trust(independent)  # its CRLs handed in, as --crl would
    return (lambda s, d: _pyhanko_sign(independent, s, d), trust)


@pytest.fixture
def form(letter: Path) -> Path:
    out = letter.with_name("formulir.pdf")
    attacks.prepare_default_choice_field(letter, out)
    return out


def _kinds(sig) -> set[ChangeKind]:  # type: ignore[no-untyped-def]
    return {c.kind for c in sig.changes}


def test_field_filled_in_from_its_default_is_valid_but_changed(
    form: Path, signer: tuple[Sign, TrustSettings], tmp_path: Path
) -> None:
    sign, trust = signer
    signed, filled = tmp_path / "signed.pdf", tmp_path / "filled.pdf"
    sign(form, signed)
    attacks.choose_in_field(signed, filled)
    report = verify(filled, trust)
    (sig,) = report.signatures
    assert (sig.verdict, sig.modifications) == (Verdict.CHANGED, Modifications.VISIBLE), sig
    assert ChangeKind.FIELD_DEFAULT_FILLED in _kinds(sig), sig.changes
    assert not _kinds(sig) & {ChangeKind.OTHER, ChangeKind.FIELD_CHANGED}, sig.changes
    (note,) = [c for c in sig.changes if c.region is not None]
    assert note.page == 1 and note.target == "bagian"
    assert note.region == attacks.MARGIN_BOX_FIELD


def test_field_filled_in_by_the_signer_and_changed_stays_invalid(
    letter: Path, signer: tuple[Sign, TrustSettings], tmp_path: Path
) -> None:
    """The same change, but the signer saw "Sekretariat" chosen (not the default)."""
    sign, trust = signer
    form, signed, changed = tmp_path / "f.pdf", tmp_path / "s.pdf", tmp_path / "c.pdf"
    attacks.prepare_default_choice_field(letter, form, value="Sekretariat")
    sign(form, signed)
    attacks.choose_in_field(signed, changed)
    sig = verify(changed, trust).signatures[0]
    assert (sig.verdict, sig.modifications) == (Verdict.INVALID, Modifications.DISALLOWED), sig
    assert ChangeKind.FIELD_CHANGED in _kinds(sig)


def test_field_without_a_default_changed_stays_invalid(
    letter: Path, budi: SigningKey, store_home: Path, tmp_path: Path
) -> None:
    form, signed, changed = tmp_path / "f.pdf", tmp_path / "s.pdf", tmp_path / "c.pdf"
    attacks.prepare_default_choice_field(letter, form, default=None)
    sign_file(form, signed, budi)
    attacks.choose_in_field(signed, changed)
    sig = verify(changed, store_trust(store_home)).signatures[0]
    assert (sig.verdict, sig.modifications) == (Verdict.INVALID, Modifications.DISALLOWED), sig


def test_default_field_moved_while_filled_in_is_invalid(
    form: Path, budi: SigningKey, store_home: Path, tmp_path: Path
) -> None:
    signed, moved = tmp_path / "s.pdf", tmp_path / "moved.pdf"
    sign_file(form, signed, budi)
    over_the_text = generic.ArrayObject([generic.FloatObject(v) for v in attacks.BODY_BOX])
    attacks.choose_in_field(signed, moved, Rect=over_the_text)
    sig = verify(moved, store_trust(store_home)).signatures[0]
    assert (sig.verdict, sig.modifications) == (Verdict.INVALID, Modifications.DISALLOWED), sig


@pytest.mark.parametrize(("level", "verdict"), [(1, Verdict.INVALID), (2, Verdict.CHANGED)])
def test_default_field_under_certification(
    level: int, verdict: Verdict, form: Path, budi: SigningKey, store_home: Path, tmp_path: Path
) -> None:
    """P1 permits no filling; P2 does (but what shows changed)."""
    certified, filled = tmp_path / "c.pdf", tmp_path / "filled.pdf"
    attacks.certify(form, certified, budi, level=level)
    attacks.choose_in_field(certified, filled)
    sig = verify(filled, store_trust(store_home)).signatures[0]
    assert sig.verdict is verdict, sig


def test_shadow_replace_through_a_default_value_is_never_valid(
    letter: Path, signer: tuple[Sign, TrustSettings], tmp_path: Path
) -> None:
    """The shadow attack's prepared field with /DV set to the value the signer sees."""
    sign, trust = signer
    form, signed, attacked = tmp_path / "f.pdf", tmp_path / "s.pdf", tmp_path / "a.pdf"
    attacks.prepare_default_choice_field(
        letter, form, value=attacks.SIGNED_TEXT, default=attacks.SIGNED_TEXT
    )
    sign(form, signed)
    attacks.choose_in_field(signed, attacked, value=attacks.SHADOW_TEXT)
    report = verify(attacked, trust)
    assert report.verdict is not Verdict.VALID
    sig = report.signatures[0]
    assert (sig.verdict, sig.modifications) == (Verdict.CHANGED, Modifications.VISIBLE), sig


def test_free_list_entries_for_unused_numbers_change_nothing(
    letter: Path, signer: tuple[Sign, TrustSettings], tmp_path: Path
) -> None:
    sign, trust = signer
    signed, relisted = tmp_path / "s.pdf", tmp_path / "relisted.pdf"
    sign(letter, signed)
    attacks.relist_free_object_numbers(signed, relisted)
    report = verify(relisted, trust)
    assert report.verdict is Verdict.VALID, report
    sig = report.signatures[0]
    assert ChangeKind.OTHER not in _kinds(sig), sig.modification_details


def test_freeing_an_object_in_use_stays_disallowed(
    letter: Path, signer: tuple[Sign, TrustSettings], tmp_path: Path
) -> None:
    sign, trust = signer
    signed, freed = tmp_path / "s.pdf", tmp_path / "freed.pdf"
    sign(letter, signed)
    attacks.free_object_in_use(signed, freed)
    report = verify(freed, trust)
    assert report.verdict is not Verdict.VALID, report
    sig = report.signatures[0]
    assert sig.modifications in (Modifications.DISALLOWED, Modifications.UNKNOWN), sig


# --- form filling that hides the letter (found while fixing the above) ----------------------


@pytest.fixture
def empty_form(letter: Path) -> Path:
    out = letter.with_name("formulir-kosong.pdf")
    attacks.prepare_empty_form_field(letter, out)
    return out


def test_empty_field_filled_in_and_moved_over_the_text_is_invalid(
    empty_form: Path, signer: tuple[Sign, TrustSettings], tmp_path: Path
) -> None:
    """Was VALID/allowed ("empty form field filled in"): moving is not filling in."""
    sign, trust = signer
    signed, moved = tmp_path / "s.pdf", tmp_path / "moved.pdf"
    sign(empty_form, signed)
    attacks.fill_empty_field_and_move_it(signed, moved)
    sig = verify(moved, trust).signatures[0]
    assert (sig.verdict, sig.modifications) == (Verdict.INVALID, Modifications.DISALLOWED), sig
    assert ChangeKind.FIELD_FILLED not in _kinds(sig)


def test_empty_field_filled_in_opaquely_over_the_text_is_changed(
    empty_form: Path, signer: tuple[Sign, TrustSettings], tmp_path: Path
) -> None:
    """Was VALID/allowed: the fill hides the signed text under the field."""
    sign, trust = signer
    signed, covered = tmp_path / "s.pdf", tmp_path / "covered.pdf"
    sign(empty_form, signed)
    attacks.fill_empty_field_opaquely(signed, covered)
    sig = verify(covered, trust).signatures[0]
    assert (sig.verdict, sig.modifications) == (Verdict.CHANGED, Modifications.VISIBLE), sig
    (note,) = [c for c in sig.changes if c.kind is ChangeKind.ANNOTATION_COVERS]
    assert note.target == "catatan" and note.region is not None


def test_empty_field_filled_in_with_text_stays_valid(
    empty_form: Path, signer: tuple[Sign, TrustSettings], tmp_path: Path
) -> None:
    sign, trust = signer
    signed, filled = tmp_path / "s.pdf", tmp_path / "filled.pdf"
    sign(empty_form, signed)
    attacks.fill_empty_field(signed, filled)
    sig = verify(filled, trust).signatures[0]
    assert (sig.verdict, sig.modifications) == (Verdict.VALID, Modifications.ALLOWED), sig
    assert ChangeKind.FIELD_FILLED in _kinds(sig)
