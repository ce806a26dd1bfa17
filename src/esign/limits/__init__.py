"""Bounded work on any input PDF: the limits, in one place (issue 18).

Every PDF esign reads — to sign it, to verify it, in a batch or for the web service —
is read under :func:`guard`, which enforces an :class:`InputLimits`:

* before any parser runs, on the raw bytes (:func:`check_bytes`): the file size, the
  bytes after the last ``%%EOF``, the number of cross-reference sections (a long or
  looping ``/Prev`` chain) and the longest hex string (a 50 MB ``/Contents``);
* while pyHanko parses (:mod:`esign.limits.hooks`, installed once, active only inside
  a guard): nesting depth and entries of arrays and dictionaries, the size of one string,
  the decoded size of one stream and of all streams of the document (Flate bombs;
  pyHanko's own decode limits, fed our values), and the time;
* on the parsed document (:func:`check_document`): the number of objects and of pages,
  walking the page tree with a visited set (a ``/Kids`` loop).

pdfminer (``--at`` placeholders) gets the same decoded-size bound. A limit hit is an
:class:`~esign.errors.InputLimitError` (exit 6), one line naming the limit and its
setting. The defaults sit far above any real letter; an office changes them with the
``limit-*`` settings (config.toml or ``ESIGN_LIMIT_*``, see docs/operations.md).
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import logging
import re
import signal
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import Any

from esign.errors import InputLimitError, PdfInputError
from esign.limits.budget import LimitExceeded, begin, budget, end
from esign.limits.values import (
    DEFAULTS,
    SETTING_FIELDS,
    InputLimits,
    Limit,
    MiB,
    setting_key,
)

log = logging.getLogger(__name__)


__all__ = [
    "DEFAULTS",
    "SETTING_FIELDS",
    "InputLimitError",
    "InputLimits",
    "Limit",
    "LimitExceeded",
    "MiB",
    "active",
    "check_bytes",
    "check_document",
    "check_file",
    "check_pdf_bytes",
    "check_size",
    "error_for",
    "guard",
    "reading",
    "setting_key",
    "use",
]


# --- which limits apply ------------------------------------------------------------------

_configured: contextvars.ContextVar[InputLimits | None] = contextvars.ContextVar(
    "esign_input_limits", default=None
)


def active() -> InputLimits:
    """The limits in force: set with :func:`use`, else the settings (config.toml and
    ``ESIGN_LIMIT_*``, read each time: batch workers and the web service see them too)."""
    configured = _configured.get()
    if configured is not None:
        return configured
    from esign.config import Settings

    return InputLimits.from_settings(Settings().get)


@contextlib.contextmanager
def use(limits: InputLimits) -> Iterator[None]:
    """Apply ``limits`` to every read inside the block (one command, one request)."""
    token = _configured.set(limits)
    try:
        yield
    finally:
        _configured.reset(token)


# --- the guard ---------------------------------------------------------------------------


def error_for(limit: Limit, file: Path | str, limits: InputLimits) -> InputLimitError:
    """The user's error for ``limit`` hit in ``file``."""
    value, key = limits.value(limit)
    hint = "pdf.damaged.hint" if limit is Limit.PAGE_LOOP else "limit.hint"
    return InputLimitError(
        f"limit.{limit.value}", hint_key=hint, file=file, value=value, setting=key
    )


@contextlib.contextmanager
def guard(
    file: Path | str, limits: InputLimits | None = None, *, timed: bool = True
) -> Iterator[InputLimits]:
    """Read ``file`` within ``limits`` (default :func:`active`); a limit hit inside the
    block leaves it as an :class:`~esign.errors.InputLimitError`. Nested guards share
    the outer budget. ``timed=False``: every limit but the time (a block that waits for
    a time-stamp authority, which has its own timeouts)."""
    limits = limits or active()
    if budget() is not None:
        yield limits  # the outer guard turns a limit hit into the error
        return
    from esign.limits import hooks

    hooks.install()
    seconds = limits.seconds if timed else 10**9
    token = begin(limits, seconds)
    timer = _start_timer(limits.seconds) if timed else None
    try:
        yield limits
    except LimitExceeded as e:
        log.debug("%s: input limit %s hit", file, e.limit)
        raise error_for(e.limit, file, limits) from None
    except RecursionError as e:  # nesting our depth hook did not see (pdfminer, ...)
        raise error_for(Limit.DEPTH, file, limits) from e
    finally:
        end(token)  # first: an alarm that comes late finds no budget and passes
        _stop_timer(timer)


@contextlib.contextmanager
def reading(
    file: Path, limits: InputLimits | None = None, *, timed: bool = True
) -> Iterator[InputLimits]:
    """:func:`guard` and :func:`check_file`: how every read of an input PDF file starts
    (then :func:`check_document` on the parsed document). pyHanko's read errors leaving
    the block (objects are read when first used) are the input's: "damaged", exit 6."""
    from pyhanko.pdf_utils.misc import PdfReadError

    with guard(file, limits, timed=timed) as bounds:
        check_file(file, bounds)
        try:
            yield bounds
        except PdfReadError as e:
            raise PdfInputError(
                "pdf.damaged", hint_key="pdf.damaged.hint", file=file, detail=str(e) or "?"
            ) from e


def _start_timer(seconds: int) -> Any:
    """SIGALRM after ``seconds`` when running in the main thread with no timer of
    anyone else's; elsewhere the parser hooks check the clock themselves."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(
        signal, "setitimer"
    ):
        return None
    if signal.getitimer(signal.ITIMER_REAL)[0] > 0:
        return None

    def expired(_signum: int, _frame: FrameType | None) -> None:
        if budget() is not None:
            raise LimitExceeded(Limit.TIME)

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    return previous


def _stop_timer(previous: Any) -> None:
    if previous is None:
        return
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, previous)


# --- on the raw bytes --------------------------------------------------------------------

_NOT_SPACE = re.compile(rb"[^ \t\r\n\x00\x0c]")


def check_size(size: int, limits: InputLimits) -> None:
    """The file size (before reading it)."""
    if size > limits.file_mb * MiB:
        raise LimitExceeded(Limit.FILE_SIZE)


@functools.lru_cache(maxsize=8)
def _long_hex(digits: int) -> re.Pattern[bytes]:
    return re.compile(rb"<[0-9A-Fa-f \t\r\n\x00\x0c]{%d}" % digits)


_HEX = rb"0-9A-Fa-f \t\r\n\x00\x0c"
_NOT_HEX = re.compile(rb"[^" + _HEX + rb"]")
_OPEN_HEX = re.compile(rb"<[" + _HEX + rb"]*\Z")
"""A hex string still open where a window of the scan ends."""

WINDOW = 8 * MiB
"""How much of a file :func:`check_file` has mapped at once: the scan walks the file in
windows and lets the kernel drop each one behind it, so a 100 MB letter does not sit whole
in the signing process's memory (its pages would count as the process's own)."""


def check_bytes(data: bytes | Any, limits: InputLimits, *, release: bool = False) -> None:
    """What the raw bytes (``bytes`` or an ``mmap``) show before any parser runs.

    The file is walked once, in windows of :data:`WINDOW`; with ``release`` (an mmap) the
    pages of each window are handed back to the kernel once it is passed.
    """
    size = len(data)
    check_size(size, limits)
    eof = data.rfind(b"%%EOF")
    if eof != -1:
        tail = size - eof - 5
        if tail > limits.trailing_kb * 1024 and _NOT_SPACE.search(data, eof + 5):
            raise LimitExceeded(Limit.TRAILING)
    long_hex = _long_hex(2 * limits.string_mb * MiB)
    need = 2 * limits.string_mb * MiB + 1  # '<' and the digits that make a string too long
    sections, open_run, at = 0, 0, 0
    marker = b"startxref"
    while at < size:
        end = min(at + WINDOW, size)
        find = at  # each "startxref" counted in the window where it starts
        while (hit := data.find(marker, find, end + len(marker) - 1)) != -1:
            sections += 1
            if sections > limits.revisions:
                raise LimitExceeded(Limit.REVISIONS)
            find = hit + 1
        if open_run:  # a hex string from the windows before: where does it stop?
            stop = _NOT_HEX.search(data, at, end)
            open_run += (stop.start() if stop else end) - at
            if open_run >= need:
                raise LimitExceeded(Limit.STRING)
            if stop:
                open_run = 0
        if long_hex.search(data, at, end) is not None:
            raise LimitExceeded(Limit.STRING)
        if not open_run and end < size:
            still = _OPEN_HEX.search(data, max(at, end - need), end)
            open_run = end - still.start() if still else 0
        if release and at:
            _release(data, at - WINDOW, WINDOW)
        at = end


def check_file(path: Path, limits: InputLimits) -> None:
    """:func:`check_bytes` on a file, without reading it into memory."""
    import mmap

    with path.open("rb") as fh:
        size = fh.seek(0, 2)
        check_size(size, limits)
        if size == 0:
            return
        with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
            check_bytes(data, limits, release=hasattr(mmap, "MADV_DONTNEED"))


def _release(data: Any, start: int, length: int) -> None:
    import mmap

    data.madvise(mmap.MADV_DONTNEED, start, length)


# --- on the parsed document --------------------------------------------------------------


def check_document(reader: Any, limits: InputLimits) -> None:
    """Objects and pages of a pyHanko reader; raises only LimitExceeded (a document
    that cannot be walked is left to the caller's own reading)."""
    from pyhanko.pdf_utils import generic

    try:
        xrefs = reader.xrefs
        if int(xrefs.total_revisions) > limits.revisions:
            raise LimitExceeded(Limit.REVISIONS)
        objects = sum(len(s.xref_data.explicit_refs_in_revision) for s in xrefs._xref_sections)
    except LimitExceeded:
        raise
    except Exception:
        log.debug("cannot count the objects", exc_info=True)
        objects = 0
    if objects > limits.objects:
        raise LimitExceeded(Limit.OBJECTS)
    try:
        top = reader.root.raw_get("/Pages")
    except Exception:
        return
    pages, seen, stack = 0, set(), [top]
    while stack:
        node_ref = stack.pop()
        try:
            node = node_ref.get_object() if hasattr(node_ref, "get_object") else node_ref
            kids = node.get("/Kids") if isinstance(node, generic.DictionaryObject) else None
            kids = kids.get_object() if kids is not None else None
        except LimitExceeded:
            raise
        except Exception:
            continue
        if not isinstance(kids, generic.ArrayObject):
            pages += 1  # a page listed twice counts twice (seen in signature-wrapping files)
            if pages > limits.pages:
                raise LimitExceeded(Limit.PAGES)
            continue
        if isinstance(node_ref, generic.IndirectObject):
            key = (node_ref.idnum, node_ref.generation)
            if key in seen:  # a page-tree node reached twice: a /Kids loop
                raise LimitExceeded(Limit.PAGE_LOOP)
            seen.add(key)
        if len(kids) > limits.pages:
            raise LimitExceeded(Limit.PAGES)
        stack.extend(reversed(list(kids)))


def check_pdf_bytes(data: bytes, limits: InputLimits) -> None:
    """:func:`check_document` on bytes no one has parsed yet (verification)."""
    import io

    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
    except LimitExceeded:
        raise
    except Exception:
        return  # unreadable: the verifier's strict, tolerant and raw reads say what it is
    check_document(reader, limits)
