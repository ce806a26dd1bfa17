"""A real terminal for tests: ``esign`` run on a pseudo-terminal (python's pty module), so
that prompts, hidden input and Ctrl-C behave as they do for a person."""

from __future__ import annotations

import os
import pty
import re
import select
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

_EXE = Path(sys.executable).with_name("esign")
ESIGN = str(_EXE) if _EXE.exists() else "esign"
WAIT = 60.0
"""Seconds to wait for expected output before failing (a hang must not hang the suite)."""


class Terminal:
    """One ``esign`` process on its own pty (its controlling terminal)."""

    def __init__(self, args: Sequence[str], env: Mapping[str, str]) -> None:
        pid, fd = pty.fork()
        if pid == 0:  # the child: becomes esign, the pty its terminal
            try:
                os.execvpe(ESIGN, [ESIGN, *args], dict(env))
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self.screen = ""
        self.code: int | None = None

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return False
        try:
            data = os.read(self.fd, 4096)
        except OSError:  # the child closed the terminal
            return False
        if not data:
            return False
        self.screen += data.decode("utf-8", "replace").replace("\r\n", "\n")
        return True

    def expect(self, text: str) -> str:
        """Read until ``text`` has appeared; the screen so far."""
        seen = len(self.screen)
        while text not in self.screen[seen - len(text) if seen > len(text) else 0 :]:
            if not self._read(WAIT):
                raise AssertionError(f"{text!r} never appeared; the screen:\n{self.screen}")
        return self.screen

    def send(self, text: str) -> None:
        """Type ``text`` (``\\r`` is Enter, ``\\x03`` Ctrl-C)."""
        os.write(self.fd, text.encode("utf-8"))

    def interrupt(self) -> None:
        """Press Ctrl-C, again every second until the process ends (as a person would): a
        Ctrl-C that lands just before the prompt starts reading is only seen at the next key."""
        for _ in range(int(WAIT)):
            self.send("\x03")
            pressed = time.monotonic()
            while time.monotonic() - pressed < 1.0:  # everything it says in the next second
                pid, status = os.waitpid(self.pid, os.WNOHANG)
                if pid:
                    self.code = os.waitstatus_to_exitcode(status)
                    return
                self._read(0.1)
        raise AssertionError(f"Ctrl-C had no effect; the screen:\n{self.screen}")

    def wait(self) -> int:
        """Read the rest; the exit code."""
        while self._read(WAIT if self.code is None else 0.5):
            pass
        if self.code is None:
            _, status = os.waitpid(self.pid, 0)
            self.code = os.waitstatus_to_exitcode(status)
        os.close(self.fd)
        return self.code

    def count(self, pattern: str) -> int:
        """How often ``pattern`` (a regular expression) appears on the screen."""
        return len(re.findall(pattern, self.screen))
