"""Reading an uploaded PDF into memory, within the size limit, never onto disk.

Starlette's own form parser spools files over 1 MB to a temporary file; an upload to the
verification page must not be stored anywhere, so the body is read here (counted as it
arrives) and a multipart body is split in memory with python-multipart's parser.
"""

from __future__ import annotations

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


async def _body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and not declared.isdigit():
        raise BadForm
    body = bytearray()
    over = False
    async for chunk in request.stream():
        if not over:
            body += chunk
            over = len(body) > limit + OVERHEAD
        if over:
            body.clear()
            if declared is None or int(declared) > DRAIN_FACTOR * (limit + OVERHEAD):
                break
    if over:
        raise TooLarge
    return bytes(body)


def _file_name(raw: str | None) -> str:
    name = (raw or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    return name[:200] or "upload.pdf"


def _multipart(body: bytes, boundary: bytes) -> Upload:
    parts: list[tuple[dict[bytes, bytes], bytearray]] = []
    header: list[bytes] = [b"", b""]

    def begin() -> None:
        parts.append(({}, bytearray()))

    def data(buf: bytes, start: int, end: int) -> None:
        parts[-1][1].extend(buf[start:end])

    def field(buf: bytes, start: int, end: int) -> None:
        header[0] += buf[start:end]

    def value(buf: bytes, start: int, end: int) -> None:
        header[1] += buf[start:end]

    def header_end() -> None:
        parts[-1][0][header[0].lower()] = header[1]
        header[0] = header[1] = b""

    parser = MultipartParser(
        boundary,
        {
            "on_part_begin": begin,
            "on_part_data": data,
            "on_header_field": field,
            "on_header_value": value,
            "on_header_end": header_end,
        },
    )
    try:
        parser.write(body)
        parser.finalize()
    except Exception as e:  # python-multipart's errors: the body is not multipart
        raise BadForm from e
    fields: dict[str, str] = {}
    upload: Upload | None = None
    for headers, content in parts:
        _, options = parse_options_header(headers.get(b"content-disposition", b""))
        name = options.get(b"name", b"").decode("utf-8", "replace")
        if b"filename" in options:
            if name == "file" and upload is None and content:
                filename = options[b"filename"].decode("utf-8", "replace")
                upload = Upload(name=_file_name(filename), data=bytes(content), fields=fields)
        elif len(content) <= 1024:
            fields[name] = content.decode("utf-8", "replace")
    if upload is None:
        raise NoFile
    return upload


async def read_upload(request: Request, limit: int) -> Upload:
    """The PDF sent: a multipart form's ``file`` field, or the whole body with
    ``Content-Type: application/pdf`` (``?name=`` names it). Raises :class:`TooLarge`,
    :class:`BadForm` or :class:`NoFile`."""
    content_type, options = parse_options_header(request.headers.get("content-type", ""))
    body = await _body(request, limit)
    if content_type == b"multipart/form-data" and options.get(b"boundary"):
        return _multipart(body, options[b"boundary"])
    if content_type in (b"application/pdf", b"application/octet-stream"):
        if not body:
            raise NoFile
        return Upload(name=_file_name(request.query_params.get("name")), data=body, fields={})
    raise BadForm
