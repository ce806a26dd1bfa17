"""esign.revisions' own rules where pyHanko's difference analysis is stricter than DSS and
iText (tagged-PDF structure updates), checked on letters esign signs, so that loosening a rule
can be seen to keep catching what a reader would see.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLES, PASS
from esign.models import ChangeKind, Modifications, Verdict
from helpers import sign_file, store_trust, unlock, verify


def _tagged_letter(src: Path, dst: Path) -> None:
    """The example letter with a small structure tree (one paragraph element)."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    with src.open("rb") as fh:
        w = IncrementalPdfFileWriter(fh)
        elem = generic.DictionaryObject(
            {
                generic.pdf_name("/Type"): generic.pdf_name("/StructElem"),
                generic.pdf_name("/S"): generic.pdf_name("/P"),
                generic.pdf_name("/Alt"): generic.TextStringObject("Undangan rapat"),
            }
        )
        elem_ref = w.add_object(elem)
        tree = w.add_object(
            generic.DictionaryObject(
                {
                    generic.pdf_name("/Type"): generic.pdf_name("/StructTreeRoot"),
                    generic.pdf_name("/K"): generic.ArrayObject([elem_ref]),
                }
            )
        )
        elem[generic.pdf_name("/P")] = tree
        w.root[generic.pdf_name("/StructTreeRoot")] = tree
        w.update_root()
        with dst.open("wb") as out:
            w.write(out)


def _update(src: Path, dst: Path, *, alt: str | None, new_text: bool = False) -> None:
    """An incremental update that rewrites the structure element (and, if asked, the page)."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    with src.open("rb") as fh:
        w = IncrementalPdfFileWriter(fh)
        tree = w.root["/StructTreeRoot"]
        elem_ref = tree.raw_get("/K").raw_get(0)
        elem = elem_ref.get_object()
        if alt is not None:
            elem[generic.pdf_name("/Alt")] = generic.TextStringObject(alt)
            w.mark_update(elem_ref)
        if new_text:
            stream = generic.StreamObject(stream_data=b"BT /F1 30 Tf 100 400 Td (BATAL) Tj ET")
            w.add_stream_to_page(0, w.add_object(stream))
        with dst.open("wb") as out:
            w.write(out)


@pytest.fixture
def signed_tagged(store_home: Path, tmp_path: Path) -> Path:
    plain = tmp_path / "plain.pdf"
    shutil.copy(EXAMPLES / "surat-undangan.pdf", plain)
    tagged = tmp_path / "tagged.pdf"
    _tagged_letter(plain, tagged)
    signed = tmp_path / "tagged.signed.pdf"
    sign_file(tagged, signed, unlock(store_home, "budi", PASS))
    return signed


def test_a_structure_update_after_signing_is_allowed_and_named(
    store_home: Path, signed_tagged: Path, tmp_path: Path
) -> None:
    updated = tmp_path / "alt.pdf"
    _update(signed_tagged, updated, alt="Undangan rapat koordinasi TTE")
    report = verify(updated, store_trust(store_home))
    (sig,) = report.signatures
    assert sig.modifications is Modifications.ALLOWED, sig.modification_details
    assert sig.verdict is Verdict.VALID
    kinds = {c.kind for c in sig.changes}
    assert ChangeKind.STRUCTURE in kinds
    assert not any(c.visible for c in sig.changes)


def test_a_structure_update_does_not_hide_new_page_text(
    store_home: Path, signed_tagged: Path, tmp_path: Path
) -> None:
    updated = tmp_path / "alt-and-text.pdf"
    _update(signed_tagged, updated, alt="Undangan", new_text=True)
    (sig,) = verify(updated, store_trust(store_home)).signatures
    assert sig.modifications is Modifications.DISALLOWED
    assert sig.verdict is Verdict.INVALID
    assert ChangeKind.PAGE_CONTENT in {c.kind for c in sig.changes}


def test_a_structure_element_turned_into_an_annotation_is_not_structure(
    store_home: Path, signed_tagged: Path, tmp_path: Path
) -> None:
    """Only objects shaped like structure elements are explained as structure."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    updated = tmp_path / "disguised.pdf"
    with signed_tagged.open("rb") as fh:
        w = IncrementalPdfFileWriter(fh)
        elem_ref = w.root["/StructTreeRoot"].raw_get("/K").raw_get(0)
        elem = elem_ref.get_object()
        elem[generic.pdf_name("/Type")] = generic.pdf_name("/Annot")
        w.mark_update(elem_ref)
        with updated.open("wb") as out:
            w.write(out)
    (sig,) = verify(updated, store_trust(store_home)).signatures
    assert sig.modifications is Modifications.DISALLOWED
    assert ChangeKind.OTHER in {c.kind for c in sig.changes}


def test_an_action_the_structure_tree_points_at_is_not_structure(
    store_home: Path, tmp_path: Path
) -> None:
    """A structure tree that links the catalog's /OpenAction does not make rewriting that
    action (to run JavaScript when the letter opens) an allowed structure change."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    plain = tmp_path / "plain.pdf"
    shutil.copy(EXAMPLES / "surat-undangan.pdf", plain)
    tagged = tmp_path / "tagged.pdf"
    _tagged_letter(plain, tagged)
    prepared = tmp_path / "prepared.pdf"
    with tagged.open("rb") as fh:
        w = IncrementalPdfFileWriter(fh)
        action = w.add_object(
            generic.DictionaryObject(
                {
                    generic.pdf_name("/S"): generic.pdf_name("/JavaScript"),
                    generic.pdf_name("/JS"): generic.TextStringObject(""),
                    generic.pdf_name("/P"): w.root.raw_get("/StructTreeRoot"),
                }
            )
        )
        w.root[generic.pdf_name("/OpenAction")] = action
        tree = w.root["/StructTreeRoot"]
        tree["/K"].append(action)
        w.update_container(tree)
        w.update_root()
        with prepared.open("wb") as out:
            w.write(out)
    signed = tmp_path / "signed.pdf"
    sign_file(prepared, signed, unlock(store_home, "budi", PASS))
    attacked = tmp_path / "attacked.pdf"
    with signed.open("rb") as fh:
        w = IncrementalPdfFileWriter(fh)
        ref = w.root.raw_get("/OpenAction")
        ref.get_object()[generic.pdf_name("/JS")] = generic.TextStringObject(
            "this.getField('Signature1').display = display.hidden;"
        )
        w.mark_update(ref)
        with attacked.open("wb") as out:
            w.write(out)
    (sig,) = verify(attacked, store_trust(store_home)).signatures
    assert sig.modifications is Modifications.DISALLOWED, sig.modification_details
    assert ChangeKind.STRUCTURE not in {c.kind for c in sig.changes}
