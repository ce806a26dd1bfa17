"""click's own words (Usage:, Options, Error:, Missing argument, …) in the user's language.

click marks its strings for gettext: each of its modules does ``from gettext import gettext
as _`` (and ``ngettext``) and calls them when it writes help or an error, i.e. in the
language of the moment. :func:`install` points those names at our catalog, whose
``click.*`` entries are keyed by click's English text (:func:`esign.i18n.by_english`); a
text the catalog does not have stays as click wrote it. This is click's own translation hook,
so every message it has (and any a later click adds) goes through one place, instead of a
formatter or context subclass per message; tests/test_language.py checks that every
``click.*`` entry is still one of click's message ids and that no English is left in
``--help`` and the common errors under ``--lang id``.
"""

from __future__ import annotations

import importlib

from esign import i18n

CLICK_MODULES = (
    "click.core",
    "click.decorators",
    "click.exceptions",
    "click.formatting",
    "click.parser",
    "click.termui",
    "click.types",
    "click.utils",
)


NOUNS = frozenset({"file", "directory", "path"})
"""What click words once, when a ``click.Path`` is made (at import, in whatever language
was current then): kept English there and worded when read (:class:`_PathName`)."""


def gettext(message: str) -> str:
    """click's ``_()``: the catalog's text for click's English ``message``."""
    return message if message in NOUNS else i18n.by_english(message)


class _PathName:
    """``click.Path.name`` ("file" in ``FILE`` and in "File 'x' does not exist."), worded
    each time it is read, in the language of that moment."""

    def __get__(self, obj: object, owner: type | None = None) -> str:
        if obj is None:
            return "path"
        return i18n.by_english(str(vars(obj).get("_esign_name", "path")))

    def __set__(self, obj: object, value: str) -> None:
        vars(obj)["_esign_name"] = value


def ngettext(singular: str, plural: str, n: int) -> str:
    """click's ``ngettext()``: the singular or plural message id, then translated."""
    return i18n.by_english(singular if n == 1 else plural)


def install() -> None:
    """Route click's gettext calls to the catalog (idempotent)."""
    import click

    click.types.Path.name = _PathName()  # type: ignore[assignment]
    for name in CLICK_MODULES:
        module = importlib.import_module(name)
        if hasattr(module, "_"):
            module._ = gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]
