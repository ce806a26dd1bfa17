"""Structured change notes: ``SignatureReport.changes`` in `verify --json`, the catalog
words for every kind and place, and the change lines of the terminal and HTML reports."""

from __future__ import annotations

import dataclasses
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner, Result

from conftest import PASS, ROOT
from esign import i18n
from esign.cli import cli
from esign.models import ChangeKind, ChangeNote, ChangePlace
from esign.render import wording
from esign.schema import verify_schema
from helpers import append_overlay_annotation, append_page_content_update, store_trust, verify

PAGE_CONTENT_EN = "page content changed: page 1, /Contents"
PAGE_CONTENT_ID = "isi halaman diubah: halaman 1, /Contents"


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def sign(src: Path, dst: Path, signer: str = "budi") -> Path:
    r = run("sign", str(src), "--signer", signer, "-o", str(dst), env={"ESIGN_PASSPHRASE": PASS})
    assert r.exit_code == 0, r.output
    return dst


def verify_json(path: Path) -> tuple[int, dict[str, Any]]:
    r = run("verify", "--json", str(path))
    return r.exit_code, json.loads(r.stdout)


@pytest.fixture
def signed(store_home: Path, letter: Path) -> Path:
    return sign(letter, letter.with_name("surat-undangan.signed.pdf"))


@pytest.fixture
def tampered(signed: Path) -> Path:
    dst = signed.with_name("surat-diubah.pdf")
    append_page_content_update(signed, dst, "Rapat dibatalkan")
    return dst


@pytest.fixture
def countersigned(signed: Path) -> Path:
    """The letter signed again later, by the office's e-seal."""
    return sign(signed, signed.with_name("surat-disegel.pdf"), signer="seal")


# --- verify --json -------------------------------------------------------------------


def test_page_content_change_is_described_in_machine_form(tampered: Path) -> None:
    code, out = verify_json(tampered)
    assert code == 3
    [sig] = out["signatures"]
    assert sig["modifications"] == "disallowed"
    changes = sig["changes"]
    expected = {
        "kind": "page_content",
        "visible": True,
        "place": "page_entry",
        "page": 1,
        "target": "/Contents",
        "object_number": None,
        "pages_when_signed": None,
        "pages_now": None,
    }
    placeless = [{k: v for k, v in c.items() if k != "region"} for c in changes]
    assert expected in placeless
    # where the page looks different now (pdfium), for the reports' before/after pictures
    region = changes[placeless.index(expected)]["region"]
    assert len(region) == 4 and region[0] < region[2] and region[1] < region[3], region
    assert changes[0]["visible"] is True  # changes a reader can see come first
    visible = [c["visible"] for c in changes]
    assert visible == sorted(visible, reverse=True)
    # the English notes stay as they were: one per change, same order
    details = sig["modification_details"]
    assert len(details) == len(changes)
    assert details[placeless.index(expected)] == "page content: page 1 /Contents"
    assert all(d.isascii() for d in details)


def test_english_notes_do_not_follow_the_language(tampered: Path) -> None:
    r = run("--lang", "id", "verify", "--json", str(tampered))
    sig = json.loads(r.stdout)["signatures"][0]
    assert "page content: page 1 /Contents" in sig["modification_details"]
    assert sig["changes"][0]["kind"] == "page_content"  # machine values never translate


def test_later_signature_is_an_invisible_signature_change(countersigned: Path) -> None:
    code, out = verify_json(countersigned)
    assert code == 0
    first, second = out["signatures"]
    assert first["modifications"] == "allowed"
    kinds = [c["kind"] for c in first["changes"]]
    assert "signature" in kinds, first["changes"]
    added = first["changes"][kinds.index("signature")]
    assert added["visible"] is False
    assert added["place"] == "field"
    assert added["page"] == 1
    assert added["target"] == second["field"]
    assert not any(c["visible"] for c in first["changes"])
    assert len(first["modification_details"]) == len(first["changes"])
    assert second["changes"] == [] and second["modification_details"] == []


def test_unchanged_letter_has_no_changes(signed: Path) -> None:
    code, out = verify_json(signed)
    assert code == 0
    [sig] = out["signatures"]
    assert sig["modifications"] == "none"
    assert sig["changes"] == []
    assert sig["modification_details"] == []


def test_added_annotation_names_page_subtype_and_object(signed: Path, tmp_path: Path) -> None:
    noted = tmp_path / "noted.pdf"
    append_overlay_annotation(signed, noted)
    code, out = verify_json(noted)
    assert code == 0
    [sig] = out["signatures"]
    assert sig["modifications"] == "allowed"
    [note] = [c for c in sig["changes"] if c["kind"] == "annotation_added"]
    assert note["visible"] is False
    assert note["place"] == "annotation"
    assert note["page"] == 1
    assert note["target"] == "/FreeText"
    assert isinstance(note["object_number"], int) and note["object_number"] > 0


def test_output_with_changes_validates_against_the_schema(
    tampered: Path, countersigned: Path
) -> None:
    validator = jsonschema.Draft202012Validator(verify_schema())
    seen: set[str] = set()
    for path in (tampered, countersigned):
        _, out = verify_json(path)
        errors = sorted(validator.iter_errors(out), key=str)
        assert not errors, errors[0]
        seen |= {c["kind"] for s in out["signatures"] for c in s["changes"]}
    assert {"page_content", "signature"} <= seen
    # a change object with an unknown kind or a missing field is not schema 1
    _, out = verify_json(tampered)
    broken = json.loads(json.dumps(out))
    broken["signatures"][0]["changes"][0]["kind"] = "rewritten by a goblin"
    assert not validator.is_valid(broken)
    broken = json.loads(json.dumps(out))
    del broken["signatures"][0]["changes"][0]["visible"]
    assert not validator.is_valid(broken)


def test_schema_enums_are_the_models_enums() -> None:
    note = json.loads((ROOT / "docs" / "verify.schema.json").read_text("utf-8"))["$defs"][
        "ChangeNote"
    ]
    assert note["properties"]["kind"]["enum"] == [k.value for k in ChangeKind]
    assert note["properties"]["place"]["enum"] == [p.value for p in ChangePlace]
    assert {"kind", "visible"} <= set(note["required"])


def test_json_doc_lists_every_kind_and_place() -> None:
    text = (ROOT / "docs" / "json.md").read_text("utf-8")
    section = text[text.index("**change object**") :]
    section = section[: section.index("\n\n")]
    documented = set(re.findall(r"`([a-z_]+)`", section))
    assert {k.value for k in ChangeKind} <= documented
    assert {p.value for p in ChangePlace} <= documented
    for field in (f.name for f in dataclasses.fields(ChangeNote)):
        assert f"`{field}`" in section, field


# --- words -----------------------------------------------------------------------------


def test_catalog_has_every_kind_and_place_in_both_languages() -> None:
    keys = [f"change.kind.{k.value}" for k in ChangeKind]
    keys += [f"change.at.{p.value}" for p in ChangePlace if p is not ChangePlace.NONE]
    for key in keys:
        assert key in i18n.CATALOG, key
        for lang in i18n.LANGUAGES:
            assert i18n.CATALOG[key].get(lang, "").strip(), (key, lang)


def _full_note(kind: ChangeKind, place: ChangePlace) -> ChangeNote:
    return ChangeNote(
        kind=kind,
        visible=False,
        place=place,
        page=7,
        target="/Kunci",
        object_number=42,
        pages_when_signed=2,
        pages_now=3,
    )


@pytest.mark.parametrize("place", list(ChangePlace))
def test_every_place_renders_in_indonesian_without_placeholders(place: ChangePlace) -> None:
    i18n.set_language("id")
    line = wording.change(_full_note(ChangeKind.OTHER, place))
    assert "?" not in line and "{" not in line, line
    assert line.startswith("perubahan yang tidak dapat dijelaskan")
    where = i18n.t(f"change.at.{place.value}") if place is not ChangePlace.NONE else ""
    assert where.strip() or place is ChangePlace.NONE
    if "{page}" in i18n.CATALOG.get(f"change.at.{place.value}", {}).get("id", ""):
        assert "7" in line
    i18n.set_language("en")
    english = wording.change(_full_note(ChangeKind.OTHER, place))
    assert "?" not in english and english != line


@pytest.mark.parametrize("kind", list(ChangeKind))
def test_every_kind_has_its_own_indonesian_words(kind: ChangeKind) -> None:
    i18n.set_language("id")
    indonesian = wording.change(ChangeNote(kind=kind, visible=False))
    i18n.set_language("en")
    english = wording.change(ChangeNote(kind=kind, visible=False))
    assert indonesian and english and indonesian != english


def test_specific_places_in_indonesian() -> None:
    i18n.set_language("id")
    pages = ChangeNote(
        kind=ChangeKind.PAGES,
        visible=True,
        place=ChangePlace.PAGE_COUNT,
        pages_when_signed=1,
        pages_now=2,
    )
    assert wording.change(pages) == (
        "halaman ditambah, dihapus, atau diubah urutannya: "
        "1 halaman saat ditandatangani, 2 sekarang"
    )
    field = ChangeNote(
        kind=ChangeKind.FIELD_FILLED,
        visible=False,
        place=ChangePlace.FIELD,
        page=1,
        target="Nomor",
    )
    assert wording.change(field) == "isian formulir yang kosong diisi: isian “Nomor” di halaman 1"


def test_reports_without_structured_changes_show_the_english_notes(
    store_home: Path, tampered: Path
) -> None:
    sig = verify(tampered, store_trust(store_home)).signatures[0]
    i18n.set_language("id")
    assert PAGE_CONTENT_ID in wording.changes(sig)
    older = dataclasses.replace(sig, changes=())  # e.g. a report built by an older esign
    assert wording.changes(older) == list(sig.modification_details)


# --- the people's reports ----------------------------------------------------------------


def test_terminal_report_lists_changes_in_the_users_language(tampered: Path) -> None:
    r = run("verify", str(tampered))
    assert r.exit_code == 3
    assert PAGE_CONTENT_EN in r.stdout
    r = run("--lang", "id", "verify", str(tampered))
    assert r.exit_code == 3
    assert PAGE_CONTENT_ID in r.stdout
    assert PAGE_CONTENT_EN not in r.stdout
    assert i18n.CATALOG["verify.mod.disallowed"]["id"] in r.stdout


class _Items(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.items: list[str] = []
        self._in_li = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "li":
            self._in_li = True
            self.items.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "li":
            self._in_li = False

    def handle_data(self, data: str) -> None:
        if self._in_li:
            self.items[-1] += data


def html_items(path: Path) -> list[str]:
    parser = _Items()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.items


def test_html_report_lists_changes_in_the_users_language(
    tampered: Path, countersigned: Path, tmp_path: Path
) -> None:
    page = tmp_path / "laporan.html"
    r = run("--lang", "id", "verify", str(tampered), str(countersigned), "--report", str(page))
    assert r.exit_code == 3
    items = html_items(page)
    assert PAGE_CONTENT_ID in items
    assert PAGE_CONTENT_EN not in items
    signature_line = i18n.CATALOG["change.kind.signature"]["id"]
    assert any(item.startswith(signature_line + ": ") for item in items), items
    page_en = tmp_path / "report.html"
    run("--lang", "en", "verify", str(tampered), "--report", str(page_en))
    assert PAGE_CONTENT_EN in html_items(page_en)
