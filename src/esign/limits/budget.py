"""The budget of one guarded read (issue 18): what the parser hooks and the guard share.

Kept apart from :mod:`esign.limits` so that the hooks (:mod:`esign.limits.hooks`) need not
import the guard that installs them.
"""

from __future__ import annotations

import contextvars
import time
from dataclasses import dataclass, field

from esign.limits.values import InputLimits, Limit

PDF_SPACE = b" \t\r\n\x00\x0c"
"""PDF whitespace (ISO 32000-1, 7.2.2)."""


class LimitExceeded(BaseException):
    """Raised inside a parser when a limit is hit. A BaseException so that the broad
    ``except Exception`` of pyHanko, pdfminer and our own fallbacks cannot turn it into
    "damaged" or a partial report; :func:`guard` turns it into an InputLimitError."""

    def __init__(self, limit: Limit) -> None:
        super().__init__(limit.value)
        self.limit = limit


@dataclass(slots=True)
class Budget:
    """What one guarded read has used so far."""

    limits: InputLimits
    deadline: float
    depth: int = 0
    calls: int = 0
    entries: list[int] = field(default_factory=list)
    """Per depth: the entries read so far into the array or dictionary open there."""

    def __post_init__(self) -> None:
        self.entries = [0] * (self.limits.depth + 2)

    def enter(self) -> None:
        """One more value read, one level deeper than its container."""
        self.depth += 1
        depth = self.depth
        if depth > self.limits.depth:
            raise LimitExceeded(Limit.DEPTH)
        self.entries[depth - 1] += 1
        if self.entries[depth - 1] > self.limits.entries:
            raise LimitExceeded(Limit.ENTRIES)
        self.entries[depth] = 0
        self.tick()

    def tick(self) -> None:
        self.calls += 1
        if not self.calls & 0x3FF and time.monotonic() > self.deadline:
            raise LimitExceeded(Limit.TIME)


_budget: contextvars.ContextVar[Budget | None] = contextvars.ContextVar(
    "esign_input_budget", default=None
)


def budget() -> Budget | None:
    """The budget of the guarded read in progress (None outside a guard)."""
    return _budget.get()


def begin(limits: InputLimits, seconds: float) -> contextvars.Token[Budget | None]:
    """Start the budget of a guarded read in the current context."""
    return _budget.set(Budget(limits, time.monotonic() + seconds))


def end(token: contextvars.Token[Budget | None]) -> None:
    """End the guarded read that :func:`begin` started."""
    _budget.reset(token)
