"""The message catalog is complete in both languages, and language selection is predictable."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import esign
from esign import i18n
from esign.errors import CertificateError, EsignError, StoreError
from esign.models import CertKind, CertStatus, Coverage, Modifications, Revocation, Verdict

PACKAGE = Path(esign.__file__).resolve().parent
SOURCES = {
    p.relative_to(PACKAGE.parent).as_posix(): p.read_text(encoding="utf-8")
    for p in sorted(PACKAGE.rglob("*.py"))
}


# --- the catalog itself ----------------------------------------------------------------


def test_catalog_is_not_empty() -> None:
    assert len(i18n.CATALOG) > 50


@pytest.mark.parametrize("key", sorted(i18n.CATALOG))
def test_entry_has_both_languages_with_same_placeholders(key: str) -> None:
    entry = i18n.CATALOG[key]
    forms = {f"{lang}:one" for lang in i18n.LANGUAGES}  # optional singular forms, for tn()
    assert {"en", "id"} <= set(entry) <= {"en", "id"} | forms, f"{key}: languages {sorted(entry)}"
    for form in set(entry) & forms:
        assert i18n.placeholders(entry[form]) == i18n.placeholders(entry["en"]), (key, form)
    assert entry["en"].strip(), f"{key}: empty English text"
    assert entry["id"].strip(), f"{key}: empty Indonesian text"
    assert i18n.placeholders(entry["en"]) == i18n.placeholders(entry["id"]), (
        f"{key}: en uses {sorted(i18n.placeholders(entry['en']))}, "
        f"id uses {sorted(i18n.placeholders(entry['id']))}"
    )


def test_placeholders_helper() -> None:
    assert i18n.placeholders("'{nip}' is not valid: {why}.") == {"nip", "why"}
    assert i18n.placeholders("no fields, {{literal}} braces") == set()
    assert i18n.placeholders("{when:%Y}") == {"when"}


@pytest.mark.parametrize("key", sorted(i18n.CATALOG))
def test_entry_renders_in_both_languages(key: str) -> None:
    entry = i18n.CATALOG[key]
    params = {name: f"<{name}>" for name in i18n.placeholders(entry["en"])}
    for lang in i18n.LANGUAGES:
        text = i18n.t(key, lang=lang, **params)
        for value in params.values():
            assert value in text, f"{key}[{lang}] does not show {value}"


# --- every key the code uses is in the catalog ------------------------------------------

# Regex patterns over the raw text (what a reviewer would grep for) ...
KEY_PATTERNS = [
    re.compile(r"""\bt\(\s*["']([a-z][a-z0-9_.]*)["']"""),
    re.compile(r"""Error\(\s*["']([a-z][a-z0-9_.]*)["']"""),
    re.compile(r"""hint_key\s*=\s*["']([a-z][a-z0-9_.]*)["']"""),
    re.compile(r"""help\s*=\s*["'](help\.[a-z0-9_.]*)["']"""),
    re.compile(r"""description\s*=\s*["'](setting\.[a-z0-9_.]*)["']"""),
]


def _regex_keys() -> set[tuple[str, str]]:
    found = set()
    for name, text in SOURCES.items():
        if name.startswith("esign/i18n/"):
            continue
        for pattern in KEY_PATTERNS:
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                if not match.group(1).endswith("."):  # a prefix: 'verify.verdict.' + v
                    found.add((f"{name}:{line}", match.group(1)))
    return found


# ... and the AST, which also sees keys on the next line after "Error(".
_KEY_KEYWORDS = {"hint_key", "help", "description", "key"}


def _ast_keys() -> set[tuple[str, str]]:
    found = set()
    for name, text in SOURCES.items():
        if name.startswith("esign/i18n/"):
            continue
        for node in ast.walk(ast.parse(text)):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            fname = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            first = node.args[0] if node.args else None
            if (
                (fname in ("t", "tn", "_t", "tr") or fname.endswith("Error"))
                and isinstance(first, ast.Constant)
                and isinstance(first.value, str)
                and "." in first.value
                and not first.value.endswith(".")
            ):
                found.add((f"{name}:{node.lineno}", first.value))
            for kw in node.keywords:
                if (
                    kw.arg in _KEY_KEYWORDS
                    and isinstance(kw.value, ast.Constant)
                    and isinstance(kw.value.value, str)
                    and re.fullmatch(r"[a-z][a-z0-9_]*(\.[a-z0-9_]+)+", kw.value.value)
                ):
                    found.add((f"{name}:{node.lineno}", kw.value.value))
    return found


def test_scan_finds_keys() -> None:
    """The scans must see the keys we know are used, or the next test proves nothing."""
    keys = {k for _, k in _regex_keys() | _ast_keys()}
    assert {"cert.bad_nip", "cert.bad_nip.hint", "store.missing", "store.missing.hint"} <= keys
    assert any(k.startswith("help.") for k in keys)
    assert len(keys) > 40


def test_every_key_used_in_src_is_in_the_catalog() -> None:
    missing = sorted(
        f"{where}: {key}" for where, key in _regex_keys() | _ast_keys() if key not in i18n.CATALOG
    )
    assert not missing, "keys used in src/ but missing from the catalog:\n" + "\n".join(missing)


@pytest.mark.parametrize(
    ("prefix", "values"),
    [
        ("verify.verdict.", [v.value for v in Verdict]),
        ("verify.mod.", [m.value for m in Modifications]),
        ("verify.cov.", [c.value for c in Coverage]),
        ("verify.rev.", [r.value for r in Revocation]),
        ("status.", [s.value for s in CertStatus]),
        ("kind.", [k.value for k in CertKind]),
        ("config.why.", ["lang", "timezone", "url"]),
        ("nip.", ["length", "birth", "start", "sex"]),
    ],
)
def test_keys_built_at_runtime_exist(prefix: str, values: list[str]) -> None:
    """render/terminal.py builds keys from enum values with f-strings; config.py from reasons."""
    missing = [prefix + v for v in values if prefix + v not in i18n.CATALOG]
    assert not missing, f"missing catalog keys: {missing}"


def test_every_setting_has_a_description() -> None:
    from esign.config import SETTINGS

    missing = [s.description for s in SETTINGS if s.description not in i18n.CATALOG]
    assert not missing


def test_every_error_class_default_key_exists() -> None:
    classes = [EsignError, *EsignError.__subclasses__()]
    missing = [c.__name__ for c in classes if c.default_key not in i18n.CATALOG]
    assert not missing


# --- language resolution ---------------------------------------------------------------


@pytest.fixture
def no_process_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """The final fallback reads the process locale; make it neutral."""
    monkeypatch.setattr(i18n.locale, "getlocale", lambda *_: (None, None))


@pytest.mark.usefixtures("no_process_locale")
@pytest.mark.parametrize(
    ("flag", "env", "expected"),
    [
        # the flag beats everything
        ("id", {"ESIGN_LANG": "en", "LANG": "en_US.UTF-8"}, "id"),
        ("en", {"ESIGN_LANG": "id", "LC_ALL": "id_ID.UTF-8"}, "en"),
        # ESIGN_LANG beats the locale
        (None, {"ESIGN_LANG": "id", "LANG": "en_US.UTF-8"}, "id"),
        (None, {"ESIGN_LANG": "en", "LC_ALL": "id_ID.UTF-8", "LANG": "id_ID.UTF-8"}, "en"),
        (None, {"ESIGN_LANG": "ID"}, "id"),
        # the locale
        (None, {"LANG": "id_ID.UTF-8"}, "id"),
        (None, {"LC_MESSAGES": "id_ID.UTF-8"}, "id"),
        (None, {"LC_ALL": "id_ID.UTF-8", "LANG": "en_US.UTF-8"}, "id"),
        (None, {"LC_ALL": "en_US.UTF-8", "LANG": "id_ID.UTF-8"}, "en"),
        (None, {"LANG": "C.UTF-8"}, "en"),
        (None, {"LANG": "en_GB.UTF-8"}, "en"),
        # empty values are ignored
        (None, {"ESIGN_LANG": "", "LC_ALL": "", "LANG": "id_ID.UTF-8"}, "id"),
        # nothing at all: English
        (None, {}, "en"),
        ("", {}, "en"),
    ],
)
def test_language_precedence(flag: str | None, env: dict[str, str], expected: str) -> None:
    assert i18n.resolve_language(flag, env=env) == expected


def test_process_locale_is_the_last_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(i18n.locale, "getlocale", lambda *_: ("id_ID", "UTF-8"))
    assert i18n.resolve_language(None, env={}) == "id"
    assert i18n.resolve_language(None, env={"LANG": "en_US.UTF-8"}) == "en"
    assert i18n.resolve_language("en", env={}) == "en"


def test_resolve_language_reads_os_environ_by_default(
    monkeypatch: pytest.MonkeyPatch, no_process_locale: None
) -> None:
    monkeypatch.setenv("ESIGN_LANG", "id")
    assert i18n.resolve_language() == "id"
    monkeypatch.delenv("ESIGN_LANG")
    monkeypatch.setenv("LANG", "id_ID.UTF-8")
    assert i18n.resolve_language() == "id"
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert i18n.resolve_language() == "en"


# --- rendering -------------------------------------------------------------------------


def test_t_follows_set_language() -> None:
    assert i18n.get_language() == "en"
    assert i18n.t("pass.mismatch") == "The two passphrases do not match."
    i18n.set_language("id")
    assert i18n.get_language() == "id"
    assert i18n.t("pass.mismatch") == "Kedua frasa sandi tidak sama."
    assert i18n.t("pass.mismatch", lang="en") == "The two passphrases do not match."
    i18n.set_language("en")
    assert i18n.t("pass.mismatch") == "The two passphrases do not match."


def test_t_fills_placeholders() -> None:
    assert i18n.t("pass.short", min=8) == (
        "The new passphrase is too short: use at least 8 characters."
    )
    assert i18n.t("pass.short", lang="id", min=8) == (
        "Frasa sandi baru terlalu pendek: gunakan sedikitnya 8 karakter."
    )


def test_unknown_key_renders_as_itself() -> None:
    assert i18n.t("no.such.key") == "no.such.key"


def test_set_language_rejects_unknown() -> None:
    with pytest.raises(ValueError, match="fr"):
        i18n.set_language("fr")
    assert i18n.get_language() == "en"


def test_errors_render_in_the_current_language() -> None:
    err = StoreError("store.unknown_id", hint_key="store.unknown_id.hint", id="x")
    assert str(err) == "There is no certificate with id 'x' in the store."
    assert err.hint == "Run `esign cert list` to see the ids."
    i18n.set_language("id")
    assert str(err) == "Tidak ada sertifikat dengan id 'x' di penyimpanan."
    assert err.message == str(err)
    assert err.hint == "Jalankan `esign cert list` untuk melihat daftar id."
    i18n.set_language("en")
    assert str(err) == "There is no certificate with id 'x' in the store."


def test_error_without_hint_and_default_key() -> None:
    err = CertificateError("cert.no_signing_usage", id="budi")
    assert err.hint is None
    assert err.key == "cert.no_signing_usage"
    assert err.params == {"id": "budi"}
    generic = EsignError(detail="boom")
    assert generic.key == "error.generic"
    assert str(generic) == "Something went wrong: boom"
