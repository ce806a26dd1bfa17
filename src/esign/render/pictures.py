"""Before/after pictures of the visible changes after signing, for the HTML and PDF reports.

The report says where each visible change shows (``ChangeNote.page`` and ``.region``) and
how much of the file each signature covers (``SignatureReport.signed_size``); this module
only draws those regions, of the signed revision and of the file as it is now, with pdfium
(:func:`esign.verify.visual.snapshots`). It judges nothing. The bytes must be the very file
that was verified: their SHA-256 is checked against the report's, so a file replaced after
verification is never pictured under the old verdict. The JSON report carries no images.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from esign.models import SignatureReport, VerificationReport
from esign.render import wording
from esign.verify import visual

MAX_PER_SIGNATURE = 4
"""Pictures shown for one signature at most (the rest are listed, not pictured)."""

Source = Callable[[VerificationReport], bytes | None]
"""Gives the bytes of a report's file (None: not available, no pictures)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Picture:
    """One region of a page, as signed and as it is now."""

    page: int
    """Page number (1-based)."""
    caption: str
    """The page and what happened there, in the current language."""
    before: bytes
    """PNG of the region in the revision the signature covers."""
    after: bytes
    """PNG of the same region in the file as it is now."""
    same: bool
    """pdfium draws both alike (a change only other readers show, e.g. a FreeText without
    an appearance stream)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Pictures:
    """The pictures of one signature's visible changes."""

    shown: tuple[Picture, ...]
    """Pictured changes, in the report's order."""
    left_out: int
    """Visible changes with a place on a page not pictured (over the limit or not
    renderable)."""


NONE = Pictures(shown=(), left_out=0)


def read_file(report: VerificationReport) -> bytes | None:
    """The report's file read from disk, when it is still the file that was verified."""
    if report.sha256 is None:
        return None
    try:
        data = Path(report.file).read_bytes()
    except OSError:
        return None
    return data if hashlib.sha256(data).hexdigest() == report.sha256 else None


def for_report(report: VerificationReport, source: Source | None) -> list[Pictures]:
    """One :class:`Pictures` per signature of ``report`` (empty without a source, or when
    nothing visible changed)."""
    wanted = [_wanted(sig) for sig in report.signatures]
    data = source(report) if source is not None and any(wanted) else None
    if data is None or report.sha256 != hashlib.sha256(data).hexdigest():
        return [NONE for _ in report.signatures]
    return [_pictures(sig, data) for sig in report.signatures]


def _wanted(sig: SignatureReport) -> list[tuple[int, visual.Box, str]]:
    """(page, region, caption) of each visible change with a place on a page, once each."""
    seen: dict[tuple[int, visual.Box], str] = {}
    for note in sig.changes:
        if note.visible and note.page is not None and note.region is not None:
            seen.setdefault((note.page, note.region), wording.picture_caption(note))
    return [(page, region, caption) for (page, region), caption in seen.items()]


def _pictures(sig: SignatureReport, data: bytes) -> Pictures:
    wanted = _wanted(sig)
    end = sig.signed_size
    if not wanted or end is None or not 0 < end <= len(data):
        return Pictures(shown=(), left_out=len(wanted))
    shown = []
    for page, region, caption in wanted[:MAX_PER_SIGNATURE]:
        pair = visual.snapshots(data[:end], data, page, region)
        if pair is not None:
            before, after = pair
            shown.append(
                Picture(page=page, caption=caption, before=before, after=after, same=_same(pair))
            )
    return Pictures(shown=tuple(shown), left_out=len(wanted) - len(shown))


def _same(pair: tuple[bytes, bytes]) -> bool:
    """Both PNGs show the same pixels."""
    import io

    from PIL import Image, ImageChops

    with Image.open(io.BytesIO(pair[0])) as a, Image.open(io.BytesIO(pair[1])) as b:
        if a.size != b.size:
            return False
        return ImageChops.difference(a.convert("RGB"), b.convert("RGB")).getbbox() is None
