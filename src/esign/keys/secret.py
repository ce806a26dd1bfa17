"""Passphrases as :class:`Secret`: bytes whose repr, str and pickled form never reveal them
in a log line or a traceback."""

from __future__ import annotations

from dataclasses import dataclass, field

from esign.errors import PassphraseError

MIN_PASSPHRASE = 8


@dataclass(frozen=True, slots=True)
class Secret:
    """A passphrase. Its repr and str never reveal it."""

    value: bytes = field(repr=False)

    def __repr__(self) -> str:
        return "Secret(***)"

    __str__ = __repr__

    @classmethod
    def from_text(cls, text: str) -> Secret:
        """Build from text read from a prompt, file or variable (one trailing newline dropped)."""
        if text.endswith("\n"):
            text = text[:-1]
        if text.endswith("\r"):
            text = text[:-1]
        if not text:
            raise PassphraseError("pass.empty")
        return cls(text.encode("utf-8"))
