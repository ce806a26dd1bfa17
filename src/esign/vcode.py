"""The verification code printed under the QR: ``XXXX-XXXX-XXXX-XXXX``.

People without a phone type it into the office's verification page (or
``esign verify-qr CODE``), which looks it up in the store's register of issued statements.

* **Alphabet**: Crockford's base32, ``0-9`` and ``A-Z`` without ``I``, ``L``, ``O`` and
  ``U``. A code never contains both ``0`` and ``O`` or ``1`` and ``I``/``L``, so whatever a
  reader types for them is read back right: ``O`` is taken as ``0``, ``I`` and ``L`` as ``1``;
  lower case, spaces and hyphens are ignored.
* **Entropy**: 15 symbols x 5 bits = the first 75 bits of SHA-256 of the signed statement
  (the JWS in the QR). The statement ends in the signer's signature, so nobody without the
  statement can predict its code; guessing means trying one of 2^75 (3.8e22) codes per
  lookup.
* **Check symbol**: the 16th symbol is Luhn mod 32 over the other fifteen: every mistyped
  single symbol, and nearly every swap of two neighbours, is caught before the lookup ("check
  what you typed"), so a typo is never reported as "not in the register".
"""

from __future__ import annotations

import hashlib
import re

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
"""Crockford's base32: no I, L, O, U."""
DATA_SYMBOLS = 15
"""Symbols taken from the statement's hash (75 bits)."""
BITS = DATA_SYMBOLS * 5
LENGTH = DATA_SYMBOLS + 1
"""With the check symbol."""

_VALUE = {c: i for i, c in enumerate(ALPHABET)}
_VALUE.update({"O": 0, "I": 1, "L": 1})  # what people read the excluded letters as
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015.]+")
_OLD_FORMAT = re.compile(r"[A-Z2-7]{5}-[A-Z2-7]{5}")
"""Codes printed by esign before the register: 50 bits in RFC 4648 base32."""


class CodeError(ValueError):
    """Not a well-formed verification code (``reason``: ``format`` or ``check``)."""

    def __init__(self, *, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _check_symbol(values: list[int]) -> int:
    """Luhn mod N (N = 32) over ``values``: the value that makes the sum come out even."""
    total, factor = 0, 2
    for v in reversed(values):
        addend = factor * v
        total += addend // 32 + addend % 32
        factor = 1 if factor == 2 else 2
    return (32 - total % 32) % 32


def _group(symbols: str) -> str:
    return "-".join(symbols[i : i + 4] for i in range(0, len(symbols), 4))


def for_token(token: str) -> str:
    """The code of a signed statement: 75 bits of SHA-256(token) and a check symbol."""
    digest = int.from_bytes(hashlib.sha256(token.encode("ascii")).digest(), "big")
    number = digest >> (256 - BITS)
    values = [(number >> (5 * i)) & 31 for i in reversed(range(DATA_SYMBOLS))]
    values.append(_check_symbol(values))
    return _group("".join(ALPHABET[v] for v in values))


def compact(text: str) -> str:
    """``text`` upper-cased, without spaces and hyphens."""
    return _SEPARATORS.sub("", text).upper()


def looks_like_code(text: str) -> bool:
    """Whether a person meant ``text`` as a verification code (this format or the old one)."""
    bare = compact(text)
    return is_old_format(text) or (len(bare) == LENGTH and all(c in _VALUE for c in bare))


def is_old_format(text: str) -> bool:
    """A ``XXXXX-XXXXX`` code from before the register (it cannot be looked up)."""
    return bool(_OLD_FORMAT.fullmatch(text.strip().upper()))


def parse(text: str) -> str:
    """The canonical form of a typed code (``CodeError`` when malformed or mistyped)."""
    bare = compact(text)
    if len(bare) != LENGTH or any(c not in _VALUE for c in bare):
        raise CodeError(reason="format")
    values = [_VALUE[c] for c in bare]
    if _check_symbol(values[:-1]) != values[-1]:
        raise CodeError(reason="check")
    return _group("".join(ALPHABET[v] for v in values))
