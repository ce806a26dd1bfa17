"""The CLI's rich consoles: they print what they are given, never interpret it."""

from __future__ import annotations

from typing import Any

from rich.console import Console, JustifyMethod, OverflowMethod
from rich.text import Text

from esign.sanitize import clean_lines


class SafeConsole(Console):
    """A console that never interprets what it prints: no markup, no emoji codes, and every
    string it is handed shown through :func:`~esign.sanitize.clean_lines` (line breaks kept).
    The CLI's consoles are these, so a message quoting a hostile name is safe too."""

    def __init__(self, *, stderr: bool = False) -> None:
        super().__init__(stderr=stderr, soft_wrap=True, highlight=False, markup=False, emoji=False)

    def render_str(
        self,
        text: str,
        *,
        style: str | Any = "",
        justify: JustifyMethod | None = None,
        overflow: OverflowMethod | None = None,
        emoji: bool | None = None,
        markup: bool | None = None,
        highlight: bool | None = None,
        highlighter: Any = None,
    ) -> Text:
        return super().render_str(
            clean_lines(text),
            style=style,
            justify=justify,
            overflow=overflow,
            emoji=False,
            markup=False,
            highlight=highlight,
            highlighter=highlighter,
        )

    def on_broken_pipe(self) -> None:
        """The reader of stdout went away (``| head -1``): rich would exit 1 on the spot; pass
        it on as :class:`BrokenPipeError`, for the command to decide (``verify`` finishes
        and keeps its verdict's exit code, see :func:`~esign.cli.streams.closed_stdout_ok`)."""
        from esign.cli.streams import silence_stdout

        self.quiet = True  # nothing more from this console
        silence_stdout()
        raise BrokenPipeError
