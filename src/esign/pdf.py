"""Input checks and safe output for PDF files.

Inputs are checked before any work (exists, is a file, starts like a PDF, parses,
is not encrypted). Outputs are written to a temporary file in the target folder
and renamed at the end, so a failure never leaves a half-written file and never
touches the original.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import secrets
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, BinaryIO

from esign import i18n
from esign.errors import OutputError, PdfInputError

log = logging.getLogger(__name__)

CHUNK = 1 << 20


def check_input(path: Path) -> None:
    """Raise PdfInputError unless ``path`` is a readable file that starts like a PDF."""
    if not path.exists():
        raise PdfInputError("pdf.missing", file=path)
    if not path.is_file():
        raise PdfInputError("pdf.not_file", file=path)
    try:
        with path.open("rb") as fh:
            head = fh.read(1024)
    except OSError as e:
        raise PdfInputError("pdf.unreadable", file=path, detail=i18n.os_error(e)) from e
    if b"%PDF-" not in head:
        raise PdfInputError("pdf.not_pdf", file=path)


def sha256_stream(stream: IO[bytes]) -> str:
    """SHA-256 of a seekable stream from its start; leaves it at the start."""
    return sha256_state(stream).hexdigest()


def sha256_file(path: Path) -> str:
    """SHA-256 of a file, streamed."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def sha256_state(stream: IO[bytes]) -> hashlib._Hash:
    """The SHA-256 object after reading a seekable stream from its start; rewinds it."""
    digest = hashlib.sha256()
    stream.seek(0)
    for chunk in iter(lambda: stream.read(CHUNK), b""):
        digest.update(chunk)
    stream.seek(0)
    return digest


def continue_sha256(prefix_digest: hashlib._Hash, stream: IO[bytes], offset: int) -> str:
    """SHA-256 of a file whose first ``offset`` bytes were already hashed into
    ``prefix_digest`` (an incremental update appends to the original bytes)."""
    digest = prefix_digest.copy()
    stream.seek(offset)
    for chunk in iter(lambda: stream.read(CHUNK), b""):
        digest.update(chunk)
    stream.seek(0)
    return digest.hexdigest()


def default_output(path: Path) -> Path:
    """``X.pdf`` → ``X.signed.pdf`` beside it."""
    suffix = path.suffix if path.suffix.lower() == ".pdf" else ""
    stem = path.name[: -len(suffix)] if suffix else path.name
    return path.with_name(f"{stem}.signed{suffix or '.pdf'}")


def resolve_output(
    input: Path, output: Path | None, *, in_place: bool, force: bool
) -> tuple[Path, bool]:
    """The output path and whether replacing an existing file is allowed."""
    if in_place and output is not None:
        raise OutputError("out.conflict")
    if in_place:
        return input, True
    target = output if output is not None else default_output(input)
    if _same_file(target, input):
        raise OutputError("out.same_as_input", hint_key="out.same_as_input.hint", file=target)
    if target.exists() and not force:
        raise OutputError("out.exists", hint_key="out.exists.hint", file=target)
    return target, force


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def check_folder(folder: Path, *, create: bool = False) -> None:
    """Raise :class:`OutputError` unless files can be written in ``folder`` (with ``create``:
    in its nearest existing parent, where the missing folders will be made), before anyone
    is asked anything."""

    folder = folder if str(folder) else Path(".")
    probe = folder
    while create and not probe.exists() and probe.parent != probe:
        probe = probe.parent
    if not probe.exists():
        raise OutputError("out.unwritable", file=folder, detail=i18n.t("flow.no_folder"))
    if not probe.is_dir():
        raise OutputError("out.unwritable", file=folder, detail=i18n.t("flow.not_folder"))
    if not os.access(probe, os.W_OK | os.X_OK):
        raise OutputError("out.unwritable", file=folder, detail=i18n.t("flow.read_only"))


def check_output(target: Path, *, overwrite: bool) -> None:
    """Raise :class:`OutputError` now if writing ``target`` would fail later: a missing or
    read-only folder, or a file already there without ``overwrite``."""

    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        detail = i18n.t("flow.not_folder" if folder.exists() else "flow.no_folder")
        raise OutputError("out.unwritable", file=target, detail=detail)
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError("out.unwritable", file=target, detail=i18n.t("flow.read_only"))
    if target.exists() and not overwrite:
        raise OutputError("out.exists", hint_key="out.exists.hint", file=target)


@contextlib.contextmanager
def atomic_output(
    target: Path, *, overwrite: bool, mode_from: Path | None = None, mode: int | None = None
) -> Iterator[BinaryIO]:
    """Yield a temporary file beside ``target``; rename it into place on success.

    On any exception the temporary file is removed and ``target`` is untouched. ``mode``
    (e.g. 0o600 for a key) is kept from creation to rename: the temporary file is created
    0600 and never loosened, so the secret is never readable by others, not even briefly.
    """
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError("out.unwritable", file=target, detail=i18n.t("flow.no_folder"))
    if target.exists() and not overwrite:
        raise OutputError("out.exists", hint_key="out.exists.hint", file=target)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as e:
        raise OutputError("out.unwritable", file=target, detail=i18n.os_error(e)) from e
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w+b") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        if mode is None:
            if mode_from is not None and mode_from.exists():
                mode = mode_from.stat().st_mode & 0o777
            else:
                umask = os.umask(0)
                os.umask(umask)
                mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        if not overwrite and target.exists():
            raise OutputError("out.exists", hint_key="out.exists.hint", file=target)
        os.replace(tmp, target)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        if not _is_write_error(e):
            # The caller's own failure (a TSA that times out or drops the connection;
            # pyHanko's TimestampRequestError is an IOError too) is not a write problem:
            # pass it on as it is.
            raise
        raise OutputError("out.unwritable", file=target, detail=i18n.os_error(e)) from e
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def staged_output(target: Path, *, overwrite: bool) -> Iterator[Path]:
    """A hidden path beside ``target`` to write to, renamed onto ``target`` only when the
    block succeeds: what must be recorded first (the audit entry) is committed inside the
    block, so a failure there (a full disk under the store) leaves no signed letter without
    its entry, and no half-written file (issue 18). The staged file is removed on failure.
    """
    folder = target.parent if str(target.parent) else Path(".")
    staged = folder / f".{target.name}.{secrets.token_hex(6)}.tmp"
    try:
        yield staged
        if not overwrite and target.exists():
            raise OutputError("out.exists", hint_key="out.exists.hint", file=target)
    except OutputError as e:
        staged.unlink(missing_ok=True)
        if e.params.get("file") != staged:
            raise
        # the user asked for target: the staged name is ours, not theirs
        raise OutputError(e.key, hint_key=e.hint_key, **{**e.params, "file": target}) from e
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
    try:
        os.replace(staged, target)
    except OSError as e:
        staged.unlink(missing_ok=True)
        raise OutputError("out.unwritable", file=target, detail=e.strerror or str(e)) from e


def _is_write_error(e: OSError) -> bool:
    """A failed system call on a file (disk full, read-only, I/O error), not a network or
    library error that happens to subclass OSError."""
    if isinstance(e, ConnectionError | TimeoutError | socket.gaierror | socket.herror):
        return False
    return e.errno is not None


def page_count(path: Path) -> int | None:
    """The number of pages of ``path``, or None when it cannot be read (shown, not checked)."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        with path.open("rb") as fh:
            return int(PdfFileReader(fh, strict=False).root["/Pages"]["/Count"])
    except Exception:  # a summary line must not fail; signing reports the real problem
        log.debug("cannot count the pages of %s", path, exc_info=True)
        return None
