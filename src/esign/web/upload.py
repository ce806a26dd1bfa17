"""Reading an uploaded PDF into memory, within the size limit, never onto disk.

Starlette's own form parser spools files over 1 MB to a temporary file; an upload to the
verification page must not be stored anywhere, so the body is read here, counted as it
arrives, a multipart body split in memory by python-multipart's parser chunk by chunk, and
cut off at the limit: a 200 MB upload never sits in memory whole.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import Request

DRAIN_FACTOR = 5
"""A body over the limit is read on (and dropped) up to this many times the limit, so that
the client reads the 413 answer instead of a reset connection; beyond, the line is cut."""
OVERHEAD = 64 * 1024
"""Room for the multipart framing and the small form fields beside the file."""


class TooLarge(Exception):
    """The body is over the upload limit."""


class BadForm(Exception):
    """The body is not an upload this service understands."""


class NoFile(Exception):
    """A well-formed form without a file in it."""


@dataclass(frozen=True, slots=True)
class Upload:
    """The file sent, as bytes in memory."""

    name: str
    """The file name the client gave (its last path part), or ``upload.pdf``."""
    data: bytes
    fields: dict[str, str]
    """The small form fields sent beside it (``lang``)."""


def _file_name(raw: str | None) -> str:
    name = (raw or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    return name[:200] or "upload.pdf"


class _Parts:
    """A multipart body split as it arrives: each part's headers and content, in memory."""

    def __init__(self, boundary: bytes) -> None:
        self.parts: list[tuple[dict[bytes, bytes], bytearray]] = []
        self._field = bytearray()
        self._value = bytearray()
        self.parser = MultipartParser(
            boundary,
            {
                "on_part_begin": lambda: self.parts.append(({}, bytearray())),
                "on_part_data": lambda b, s, e: self.parts[-1][1].extend(b[s:e]),
                "on_header_field": lambda b, s, e: self._field.extend(b[s:e]),
                "on_header_value": lambda b, s, e: self._value.extend(b[s:e]),
                "on_header_end": self._header_end,
            },
        )

    def _header_end(self) -> None:
        self.parts[-1][0][bytes(self._field).lower()] = bytes(self._value)
        self._field.clear()
        self._value.clear()

    def write(self, chunk: bytes) -> None:
        try:
            self.parser.write(chunk)
        except Exception as e:  # python-multipart's errors: the body is not multipart
            raise BadForm from e

    def upload(self) -> Upload:
        try:
            self.parser.finalize()
        except Exception as e:
            raise BadForm from e
        fields: dict[str, str] = {}
        found: Upload | None = None
        for headers, content in self.parts:
            _, options = parse_options_header(headers.get(b"content-disposition", b""))
            name = options.get(b"name", b"").decode("utf-8", "replace")
            if b"filename" in options:
                if name == "file" and found is None and content:
                    filename = options[b"filename"].decode("utf-8", "replace")
                    found = Upload(name=_file_name(filename), data=bytes(content), fields=fields)
                content.clear()
            elif len(content) <= 1024:
                fields[name] = content.decode("utf-8", "replace")
        if found is None:
            raise NoFile
        return found


async def _drain(request: Request, stream: AsyncIterator[bytes], limit: int) -> None:
    """Read on and drop what is left of a body over the limit, up to :data:`DRAIN_FACTOR`
    times the limit when its length is declared (so the client reads the 413); else stop."""
    declared = request.headers.get("content-length", "")
    if not declared.isdigit() or int(declared) > DRAIN_FACTOR * (limit + OVERHEAD):
        return
    async for _chunk in stream:
        pass


async def read_upload(request: Request, limit: int) -> Upload:
    """The PDF sent: a multipart form's ``file`` field, or the whole body with
    ``Content-Type: application/pdf`` (``?name=`` names it). Read as it arrives and kept
    in memory only up to ``limit`` bytes (plus the form's framing); raises
    :class:`TooLarge`, :class:`BadForm` or :class:`NoFile`."""
    content_type, options = parse_options_header(request.headers.get("content-type", ""))
    declared = request.headers.get("content-length")
    if declared is not None and not declared.isdigit():
        raise BadForm
    parts: _Parts | None = None
    if content_type == b"multipart/form-data" and options.get(b"boundary"):
        parts = _Parts(options[b"boundary"])
    elif content_type not in (b"application/pdf", b"application/octet-stream"):
        raise BadForm
    body = bytearray()
    received = 0
    stream = request.stream()
    async for chunk in stream:
        received += len(chunk)
        if received > limit + OVERHEAD:
            if parts is not None:
                parts.parts.clear()
            body.clear()
            await _drain(request, stream, limit)
            raise TooLarge
        if parts is not None:
            parts.write(chunk)
        else:
            body += chunk
    if parts is not None:
        return parts.upload()
    if not body:
        raise NoFile
    name = _file_name(request.query_params.get("name"))
    return Upload(name=name, data=bytes(body), fields={})
