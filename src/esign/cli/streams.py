"""stdout whose reader may go away (``esign verify … | head -1``): no rich, no click, so the
entry point can use it without slowing ``esign --version``."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator


def silence_stdout() -> None:
    """Point stdout at the null device: its reader went away (``esign verify … | head -1``).

    What is still to be printed is dropped, and Python's flush at exit finds nothing to
    complain about ("Exception ignored … BrokenPipeError"), so the command finishes its work
    and keeps its own exit code.
    """
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, ValueError, OSError):  # not a real file (CliRunner): nothing to do
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)


@contextlib.contextmanager
def closed_stdout_ok() -> Iterator[None]:
    """Output that may meet a closed stdout: the rest of the output is dropped, the work
    and the exit code go on (``esign verify`` keeps its verdict's code under ``| head``)."""
    try:
        yield
    except BrokenPipeError:
        silence_stdout()


def flush_stdout() -> None:
    """Flush stdout now, silencing it if its reader went away."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
    except (AttributeError, ValueError, OSError):
        pass
