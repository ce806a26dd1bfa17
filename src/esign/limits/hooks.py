"""Hooks in pyHanko's and pdfminer's parsers that enforce the input limits (issue 18).

Installed once (:func:`install`, by the first :func:`esign.limits.guard`); each hook does
what the library did unless a guarded read is in progress in the current context, so a
read outside a guard (or in another thread) is unchanged. The names replaced are the
module globals the libraries' own code looks up at call time: pyHanko's ``read_object``
(depth, entries, clock), its string readers (size; hex strings at C speed), its reader's
``DecodeLimits`` (our stream values) and ``check_output_size`` (the limit named), and
pdfminer's ``zlib`` (bounded decompression). :func:`install` fails loudly when a library
moved one of them, so an upgrade cannot silently drop a limit.
"""

from __future__ import annotations

import re
import threading
import zlib
from dataclasses import dataclass
from typing import Any

from esign.limits.budget import PDF_SPACE, LimitExceeded
from esign.limits.budget import budget as current_budget
from esign.limits.values import Limit, MiB

_hook_lock = threading.Lock()
_hooked = False


def install() -> None:
    """Put the hooks in place (once per process)."""
    global _hooked
    if _hooked:
        return
    with _hook_lock:
        if _hooked:
            return
        _hook_pyhanko()
        _hook_pdfminer()
        _hooked = True


def _hook_pyhanko() -> None:
    from pyhanko.pdf_utils import filters, generic, reader
    from pyhanko.pdf_utils.decode_limits import DecodeLimits, DocumentDecodeBudget

    read_object = generic.read_object
    read_string = generic.read_string_from_stream

    def guarded_read_object(stream: Any, container_ref: Any, *args: Any, **kw: Any) -> Any:
        budget = current_budget()
        if budget is None:
            return read_object(stream, container_ref, *args, **kw)
        try:
            budget.enter()
            return read_object(stream, container_ref, *args, **kw)
        finally:
            budget.depth -= 1

    def guarded_read_string(stream: Any) -> Any:
        budget = current_budget()
        if budget is not None:
            _check_literal_string(stream, budget.limits.string_mb * MiB)
        return read_string(stream)

    def guarded_read_hex_string(stream: Any) -> Any:
        budget = current_budget()
        most = budget.limits.string_mb * MiB if budget is not None else None
        return read_hex_string(stream, most)

    def decode_limits(*args: Any, **kw: Any) -> Any:
        budget = current_budget()
        if budget is None or args or kw:
            return DecodeLimits(*args, **kw)
        per_stream = budget.limits.stream_mb * MiB
        base = DecodeLimits()
        return DecodeLimits(
            per_stream=type(base.per_stream)(max_output_size=per_stream),
            document_budget=DocumentDecodeBudget(base_allowance=4 * per_stream),
        )

    check_output_size = vars(filters)["check_output_size"]

    def guarded_check_output_size(size: int, cap: int | None) -> None:
        if current_budget() is not None and cap is not None and size > cap:
            raise LimitExceeded(Limit.STREAM)
        check_output_size(size, cap)

    _replace(generic, "read_object", guarded_read_object)
    _replace(generic, "read_string_from_stream", guarded_read_string)
    _replace(generic, "read_hex_string_from_stream", guarded_read_hex_string)
    _replace(reader, "DecodeLimits", decode_limits)
    _replace(filters, "check_output_size", guarded_check_output_size)


def _replace(module: Any, name: str, value: Any) -> None:
    """Put ``value`` in place of ``module.name`` (the module's own calls look it up there)."""
    if name not in vars(module):  # a pyHanko that moved it: fail loudly, in the tests
        raise RuntimeError(f"{module.__name__}.{name} not found: the input limits need it")
    setattr(module, name, value)


_HEX = b"0123456789abcdefABCDEF"


def read_hex_string(stream: Any, most: int | None) -> Any:
    """pyHanko's hex string reader, at C speed (pyHanko reads it byte by byte: a 50 MB
    /Contents took over a minute) and bounded by ``most`` decoded bytes."""
    import binascii

    from pyhanko.pdf_utils.generic import pdf_string
    from pyhanko.pdf_utils.misc import PdfStreamError

    start = stream.tell()
    stream.read(1)  # "<"
    parts: list[bytes] = []
    read = 0
    while True:
        chunk = stream.read(1 << 16)
        if not chunk:
            raise PdfStreamError("Stream ended prematurely")
        end = chunk.find(b">")
        if end != -1:
            parts.append(chunk[:end])
            stream.seek(start + 1 + read + end + 1)
            break
        parts.append(chunk)
        read += len(chunk)
        if most is not None and read > 2 * most + (1 << 16):
            raise LimitExceeded(Limit.STRING)
    digits = b"".join(parts).translate(None, PDF_SPACE)
    stray = digits.translate(None, _HEX)
    if stray:
        raise PdfStreamError("Unexpected token in hex string: " + repr(stray[:1]))
    if most is not None and len(digits) > 2 * most:
        raise LimitExceeded(Limit.STRING)
    if len(digits) % 2:
        digits += b"0"
    return pdf_string(binascii.unhexlify(digits))


_PAREN = re.compile(rb"\\.|[()]", re.DOTALL)


def _check_literal_string(stream: Any, most: int) -> None:
    """Raise when the literal string at ``stream`` does not end within ``most`` bytes
    (pyHanko reads literal strings byte by byte)."""
    start = stream.tell()
    window = stream.read(most + 2)
    stream.seek(start)
    depth = 0
    for m in _PAREN.finditer(window):
        token = m.group()
        if token == b"(":
            depth += 1
        elif token == b")":
            depth -= 1
            if depth == 0:
                return
    if len(window) > most + 1:
        raise LimitExceeded(Limit.STRING)


class _BoundedZlib:
    """pdfminer's ``zlib``: decompression bounded by the guard's stream limit."""

    error = zlib.error

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)

    @staticmethod
    def _cap() -> int | None:
        budget = current_budget()
        return budget.limits.stream_mb * MiB if budget is not None else None

    def decompress(self, data: bytes, *args: Any) -> bytes:
        cap = self._cap()
        if cap is None:
            return zlib.decompress(data, *args)
        d = zlib.decompressobj(*args[1:2])
        out = d.decompress(data, cap + 1)
        if len(out) > cap:
            raise LimitExceeded(Limit.STREAM)
        if not d.eof:
            raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
        return out

    def decompressobj(self, *args: Any) -> Any:
        cap = self._cap()
        d = zlib.decompressobj(*args)
        return d if cap is None else _BoundedDecompressor(d, cap)


@dataclass(slots=True)
class _BoundedDecompressor:
    inner: Any
    cap: int
    produced: int = 0

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        room = self.cap + 1 - self.produced
        out: bytes = self.inner.decompress(data, min(max_length, room) if max_length else room)
        self.produced += len(out)
        if self.produced > self.cap:
            raise LimitExceeded(Limit.STREAM)
        return out

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def _hook_pdfminer() -> None:
    try:
        from pdfminer import pdftypes
    except ImportError:  # pragma: no cover - pdfminer is a dependency
        return
    _replace(pdftypes, "zlib", _BoundedZlib())
