"""Text from outside (certificate names, PDF fields, file names) made safe to show and store.

Names, reasons, locations and file names reach esign from whoever made the certificate or the
file. On a terminal, an ESC sequence in a certificate's CN can clear the screen and draw a fake
green "VALID"; a bidi override (U+202E) can show ``fdp.exe`` as ``exe.pdf``; a zero-width space
makes two names look the same. A file name may also not be UTF-8 at all: Python hands it over
with "surrogate escapes" (PEP 383) that no UTF-8 writer accepts.

One rule, used by every view: a character is *shown escaped* when it is a control (C0, DEL,
C1), a format character (bidi controls, zero-width characters, soft hyphen, BOM, tags), a line
or paragraph separator, or a lone surrogate. It is written as ``\\xNN`` (below U+0100),
``\\uNNNN`` or ``\\UNNNNNNNN``; a byte of a file name that was not UTF-8 is written ``\\xNN``,
as the shell's ``$'\\xff-surat.pdf'`` writes it. Nothing is removed, so a reader sees that
something odd was there. stdlib only: the CLI's plain lines, the renderers and the store use it.

* :func:`clean` — one value on one line (a name, a reason, a file name, an error line).
* :func:`clean_lines` — a message that may span lines: the same, but line breaks are kept.
* :func:`storable` — text for the store and logs: only what UTF-8 cannot hold is escaped.
* :func:`escape_json` — a JSON text with those characters as JSON ``\\u`` escapes (exact).
"""

from __future__ import annotations

import os
import re
import unicodedata
from functools import lru_cache

_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


@lru_cache(maxsize=4096)
def _hidden(char: str) -> bool:
    return unicodedata.category(char) in _HIDDEN_CATEGORIES


def _escaped(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def _needs_work(text: str) -> bool:
    return not (text.isascii() and text.isprintable())


def _text(value: object) -> str:
    if value is None:
        return ""
    return os.fsdecode(value) if isinstance(value, bytes | os.PathLike) else str(value)


def clean(value: object) -> str:
    """``value`` as text for one line: every control, format and separator character (and
    every byte that was not UTF-8) written as a visible escape. ``None`` is ``""``."""
    text = _text(value)
    if not _needs_work(text):
        return text
    return "".join(_escaped(c) if _hidden(c) else c for c in text)


def clean_lines(value: object) -> str:
    """Like :func:`clean`, but keeps line breaks (``\\n``) and tabs: for a whole message."""
    text = _text(value)
    if not _needs_work(text):
        return text
    return "".join(_escaped(c) if c not in "\n\t" and _hidden(c) else c for c in text)


_SURROGATE = re.compile("[\ud800-\udfff]")


def storable(text: str) -> str:
    """``text`` as valid Unicode for SQLite, logs and hashes: a lone surrogate (a file name
    byte that was not UTF-8) becomes ``\\xNN`` as :func:`clean` writes it; all else is kept."""
    if text.isascii():
        return text
    return _SURROGATE.sub(lambda m: _escaped(m.group()), text)


def storable_value(value: object) -> object:
    """:func:`storable` applied to every string inside lists and dicts (an audit detail)."""
    if isinstance(value, str):
        return storable(value)
    if isinstance(value, dict):
        return {storable(str(k)): storable_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [storable_value(v) for v in value]
    return value


def escape_json(text: str) -> str:
    """A JSON text (as ``json.dumps(..., ensure_ascii=False)`` makes it) with every hidden
    character written as a JSON ``\\uXXXX`` escape, so it is safe on a terminal and valid
    UTF-8, while a JSON parser reads back exactly the same strings. Such characters occur
    only inside strings in JSON, so the result is still the same JSON value. A file name byte
    that was not UTF-8 comes out as ``\\udcNN`` (Python's ``os.fsencode`` turns it back)."""
    if not _needs_work(text):
        return text
    out = []
    for c in text:
        if ord(c) > 0x7E and _hidden(c):
            code = ord(c)
            if code > 0xFFFF:  # a UTF-16 surrogate pair, as JSON spells it
                code -= 0x10000
                out.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
            else:
                out.append(f"\\u{code:04x}")
        else:
            out.append(c)
    return "".join(out)
