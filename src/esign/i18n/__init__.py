"""The message catalog: every user-facing sentence, in English and Indonesian.

One key per message, both languages side by side so neither can fall behind
(``tests/test_i18n.py`` fails when a language is missing or the placeholders differ).
The messages live in one module per area (``esign/i18n/<area>.py``, each a ``MESSAGES``
dict, listed in ``_AREAS``); a key defined in two areas is an error at import. stdlib
only: :mod:`esign.errors` renders through it. The language is a context variable, set per
command, or per web request with :func:`language`.
"""

from __future__ import annotations

import contextvars
import locale
import os
import string
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from esign.i18n import (
    audit,
    batch,
    batch_faults,
    change_pictures,
    changes,
    commands,
    consent,
    core,
    html,
    input_limits,
    postgres_store,
    qr_verify,
    revisions,
    revocation_policy,
    server_limits,
    settings,
    stamp,
    store_keys,
    timestamps,
    trust_path,
    verify_notes,
    verify_rules,
    visible_changes,
)

LANGUAGES = ("en", "id")
DEFAULT_LANGUAGE = "en"

# Per command or per request (a web request runs in its own context): never a process global.
_current: contextvars.ContextVar[str] = contextvars.ContextVar(
    "esign_lang", default=DEFAULT_LANGUAGE
)
_chosen: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "esign_lang_chosen", default=None
)


def resolve_language(flag: str | None = None, env: dict[str, str] | None = None) -> str:
    """Pick the language: ``--lang``, then ``ESIGN_LANG``, then the locale, then English."""
    environ = os.environ if env is None else env
    for candidate in (flag, environ.get("ESIGN_LANG")):
        if candidate:
            code = candidate.strip().lower()[:2]
            if code in LANGUAGES:
                return code
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(var)
        if value:
            return "id" if value.lower().startswith(("id", "in_")) else DEFAULT_LANGUAGE
    try:
        loc = locale.getlocale(locale.LC_MESSAGES)[0] or ""
    except (AttributeError, ValueError):  # pragma: no cover - platform without LC_MESSAGES
        loc = ""
    return "id" if loc.lower().startswith("id") else DEFAULT_LANGUAGE


def set_language(lang: str, *, chosen: bool = False) -> None:
    """Set the language for every later message.

    ``chosen``: the user asked for it (``--lang``, ``ESIGN_LANG``, the config file), not
    just the locale; only a chosen language changes what is written into documents.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}")
    _current.set(lang)
    _chosen.set(lang if chosen else None)


@contextmanager
def language(lang: str, *, chosen: bool = False) -> Iterator[None]:
    """Render messages in ``lang`` inside the block only (one web request, one report)."""
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}")
    token, chosen_token = _current.set(lang), _chosen.set(lang if chosen else None)
    try:
        yield
    finally:
        _current.reset(token)
        _chosen.reset(chosen_token)


def document_language() -> str:
    """The language of text written into letters (stamp, footer): Indonesian unless the
    user explicitly chose another; the UI language alone (e.g. from the locale) does not
    turn an Indonesian letter's signature block into English."""
    return _chosen.get() or "id"


def get_language() -> str:
    """The language messages are rendered in."""
    return _current.get()


def t(message_key: str, /, *, lang: str | None = None, **params: Any) -> str:
    """Render message ``message_key`` with ``params`` in ``lang`` (default: current)."""
    entry = CATALOG.get(message_key)
    if entry is None:
        return message_key
    template = entry[lang or _current.get()]
    return template.format(**params) if params else template


def placeholders(template: str) -> set[str]:
    """The ``{name}`` fields a template uses (for the completeness test)."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


_AREAS = (
    core,
    commands,
    batch,
    audit,
    html,
    settings,
    verify_notes,
    stamp,
    timestamps,
    revisions,
    changes,
    consent,
    verify_rules,
    visible_changes,
    server_limits,
    qr_verify,
    store_keys,
    revocation_policy,
    trust_path,
    input_limits,
    postgres_store,
    batch_faults,
    change_pictures,
)


def _merge() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for area in _AREAS:
        twice = merged.keys() & area.MESSAGES.keys()
        if twice:
            raise RuntimeError(f"message keys defined twice: {sorted(twice)} ({area.__name__})")
        merged.update(area.MESSAGES)
    return merged


CATALOG: dict[str, dict[str, str]] = _merge()
