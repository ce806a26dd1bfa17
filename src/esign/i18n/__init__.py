"""The message catalog: every user-facing sentence, in English and Indonesian.

One key per message, both languages side by side so neither can fall behind
(``tests/test_i18n.py`` fails when a language is missing or the placeholders differ).
An entry may carry a singular form (``"en:one"``) beside the plural one (``"en"``), for
:func:`tn`; Indonesian needs none. The messages live in one module per area
(``esign/i18n/<area>.py``, each a ``MESSAGES`` dict, listed in ``_AREAS``); a key defined
in two areas is an error at import. stdlib only: :mod:`esign.errors` renders through it.
The language is a context variable, set per command, or per web request with
:func:`language`; so is the time zone dates are written in (:func:`set_timezone`): a
``datetime`` or ``date`` parameter is written in the one style of :mod:`esign.i18n.formats`.
"""

from __future__ import annotations

import contextvars
import errno
import locale
import os
import string
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from esign.i18n import (
    audit,
    batch,
    batch_faults,
    change_pictures,
    changes,
    commands,
    consent,
    core,
    doctype,
    gateway,
    html,
    input_limits,
    language_wording,
    paraf,
    postgres_store,
    qr_verify,
    queue,
    revisions,
    revocation_policy,
    roles,
    server_limits,
    settings,
    stamp,
    store_keys,
    terminal_flow,
    timestamps,
    tokens,
    trust_path,
    trustkit,
    verify_notes,
    verify_rules,
    visible_changes,
    webpage,
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
DEFAULT_TIMEZONE = "Asia/Jakarta"
_zone: contextvars.ContextVar[tzinfo | None] = contextvars.ContextVar("esign_tz", default=None)


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


def set_timezone(tz: tzinfo) -> None:
    """The zone every later date parameter is written in (the ``timezone`` setting)."""
    _zone.set(tz)


def get_timezone() -> tzinfo:
    """The zone dates are written in: the configured one, else Asia/Jakarta."""
    return _zone.get() or ZoneInfo(DEFAULT_TIMEZONE)


def _param(value: Any, lang: str) -> Any:
    from esign.i18n.formats import format_date, format_datetime

    if isinstance(value, datetime):
        return format_datetime(value, get_timezone(), lang)
    if isinstance(value, date):
        return format_date(value, lang)
    return value


def t(message_key: str, /, *, lang: str | None = None, **params: Any) -> str:
    """Render message ``message_key`` with ``params`` in ``lang`` (default: current).

    A ``datetime`` parameter is written in the language's date style, in the configured
    zone (:func:`set_timezone`); pass a string (e.g. ``isoformat()``) to keep it as it is.
    """
    return _render(message_key, lang, None, params)


def tn(message_key: str, count: int, /, *, lang: str | None = None, **params: Any) -> str:
    """Like :func:`t`, choosing the singular form (``"en:one"``) when ``count`` is 1.

    ``count`` only chooses the form; pass it again as a parameter if the text shows it.
    """
    return _render(message_key, lang, count, params)


def _render(key: str, lang: str | None, count: int | None, params: dict[str, Any]) -> str:
    entry = CATALOG.get(key)
    if entry is None:
        return key
    code = lang or _current.get()
    template = entry[code]
    if count == 1:
        template = entry.get(f"{code}:one", template)
    if not params:
        return template
    return template.format(**{name: _param(value, code) for name, value in params.items()})


def os_error(error: BaseException) -> str:
    """An operating-system error in the user's language, by errno (``[Errno 111] Connect
    call failed`` becomes "the connection was refused"); other errors as they are."""
    number = getattr(error, "errno", None)
    name = errno.errorcode.get(number, "") if isinstance(number, int) else ""
    key = f"oserror.{name.lower()}"
    if name and key in CATALOG:
        return t(key)
    if isinstance(error, TimeoutError):
        return t("oserror.etimedout")
    text = getattr(error, "strerror", None) or str(error)
    return str(text) or type(error).__name__


def by_english(text: str) -> str:
    """A message given by its English text (click's own strings): in the current language,
    or unchanged when the catalog does not have it."""
    key = _ENGLISH.get(text)
    return t(key) if key is not None else text


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
    tokens,
    change_pictures,
    language_wording,
    terminal_flow,
    roles,
    paraf,
    webpage,
    doctype,
    trustkit,
    gateway,
    queue,
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
_ENGLISH: dict[str, str] = {
    entry["en"]: key for key, entry in CATALOG.items() if key.startswith("click.")
}
"""click's message ids (its English text) to our keys: see :mod:`esign.cli.click_i18n`."""
