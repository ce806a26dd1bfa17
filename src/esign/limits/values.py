"""The input limits as data (issue 18): which limits there are, their defaults, their
settings. A leaf (stdlib only) so that :mod:`esign.config` can list the ``limit-*``
settings; enforcing them is :mod:`esign.limits`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from enum import StrEnum

MiB = 1 << 20


class Limit(StrEnum):
    """Which limit an input went past (the catalog key is ``limit.<value>``)."""

    FILE_SIZE = "file_size"
    TRAILING = "trailing"
    DEPTH = "depth"
    ENTRIES = "entries"
    OBJECTS = "objects"
    STREAM = "stream"
    STRING = "string"
    PAGES = "pages"
    PAGE_LOOP = "page_loop"
    REVISIONS = "revisions"
    TIME = "time"


@dataclass(frozen=True, slots=True, kw_only=True)
class InputLimits:
    """How much work one input PDF may cost. Defaults: far above real letters."""

    file_mb: int = 500
    """Size of the file, in MiB (setting ``limit-file-mb``)."""
    trailing_kb: int = 1024
    """Bytes after the last ``%%EOF``, in KiB (``limit-trailing-kb``)."""
    depth: int = 100
    """Arrays and dictionaries nested in one another (``limit-depth``)."""
    entries: int = 100_000
    """Entries in one array or dictionary (a /ByteRange of two million numbers)
    (``limit-entries``)."""
    objects: int = 1_000_000
    """Objects in the cross-reference sections (``limit-objects``)."""
    stream_mb: int = 256
    """Decoded size of one stream, in MiB; all streams of a document together may decode
    to four times this (``limit-stream-mb``)."""
    string_mb: int = 16
    """Size of one string (e.g. a signature's /Contents), in MiB (``limit-string-mb``)."""
    pages: int = 10_000
    """Pages in the page tree (``limit-pages``)."""
    revisions: int = 1_000
    """Cross-reference sections: the original and its incremental updates
    (``limit-revisions``)."""
    seconds: int = 120
    """Time to read and analyse one file, in seconds (``limit-seconds``)."""

    @classmethod
    def from_settings(cls, get: Callable[[str], str | None]) -> InputLimits:
        """Limits from the ``limit-*`` settings (``get`` is ``Settings.get``)."""
        values: dict[str, int] = {}
        for f in fields(cls):
            raw = get(setting_key(f.name))
            if raw is not None:
                values[f.name] = int(raw)
        return cls(**values)

    def value(self, limit: Limit) -> tuple[int, str]:
        """The number shown for ``limit`` and the setting that changes it."""
        name = _FIELD_OF[limit]
        return int(getattr(self, name)), setting_key(name)


_FIELD_OF = {
    Limit.FILE_SIZE: "file_mb",
    Limit.TRAILING: "trailing_kb",
    Limit.DEPTH: "depth",
    Limit.ENTRIES: "entries",
    Limit.OBJECTS: "objects",
    Limit.STREAM: "stream_mb",
    Limit.STRING: "string_mb",
    Limit.PAGES: "pages",
    Limit.PAGE_LOOP: "pages",
    Limit.REVISIONS: "revisions",
    Limit.TIME: "seconds",
}


def setting_key(field_name: str) -> str:
    """``stream_mb`` → ``limit-stream-mb``."""
    return "limit-" + field_name.replace("_", "-")


SETTING_FIELDS = tuple(f.name for f in fields(InputLimits))
"""The fields of :class:`InputLimits`, in order (config.py makes one setting of each)."""
DEFAULTS = InputLimits()
