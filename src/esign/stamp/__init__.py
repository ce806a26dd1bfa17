"""The visible signature: an Indonesian signature block with a QR code, where the letter wants it.

* :mod:`esign.stamp.text`   – the words: dates with WIB/WITA/WIT, NIP 8-6-1-3, pangkat.
* :mod:`esign.stamp.layout` – pure geometry: wrapping and shrinking into any box.
* :mod:`esign.stamp.place`  – where: a template tag, a page and box, or the default corner.
* :mod:`esign.stamp.render` – drawing with pyHanko and the embedded DejaVu Sans.

:func:`prepare` is what the signing side (:mod:`esign.sign.extras`) calls when asked for a
stamp; the stamp knows nothing of signing order, DocMDP or the footer.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from esign.errors import PdfInputError
from esign.models import SigningRole
from esign.stamp import doctype
from esign.stamp.doctype import DocType
from esign.stamp.layout import StampText
from esign.stamp.place import Box, Placement, locate

if TYPE_CHECKING:
    from esign.keys import SigningKey

__all__ = [
    "Box",
    "FooterRequest",
    "Placement",
    "StampRequest",
    "StampSetup",
    "StampText",
    "fill_template",
    "locate",
    "prepare",
    "template_tags",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class StampRequest:
    """A visible signature: what it says and where it goes."""

    text: StampText | None = None
    """The words; None: from the signer's certificate, rank, ``lang`` and ``timezone``."""
    lang: str = "id"
    """Language of the heading and the date: ``id`` or ``en``."""
    timezone: tzinfo = UTC
    """Zone for the printed signing time (Asia/Jakarta prints WIB)."""
    ranks: Mapping[str, str] = field(default_factory=dict)
    """Pangkat/golongan by store id, for the text taken from the certificate."""
    seals: frozenset[str] = frozenset()
    """Store ids of institution seals: their block names the institution, not a person."""
    placement: Placement = field(default_factory=Placement)
    """Tag, page/box or default."""
    qr: bool = True
    """Draw the QR code with the signed statement."""
    verify_url: str | None = None
    """The office's verification page; the QR then holds a URL carrying the statement."""
    image: bytes | None = None
    """A specimen image (PNG with transparency, or JPEG); for a seal, the cap dinas."""
    paraf: bool | None = None
    """A paraf (initials and time): True, False, or None to choose it for a box too small
    for the full block at its smallest legible size."""
    doc_type: DocType = DocType.CORRESPONDENCE
    """The kind of letter: which of titles, NIP and pangkat the block prints
    (:mod:`esign.stamp.doctype`, Permendagri 1/2023 Pasal 44)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class StampSetup:
    """What the signer needs: the pyHanko style, the new field's place, the QR facts."""

    style: Any
    """An :class:`esign.stamp.render.EsignStampStyle`."""
    page: int | None
    """0-based page of a new field (None: an existing field is filled)."""
    box: Box | None
    """Rectangle of a new field."""
    token: str | None
    """The JWS statement in the QR."""
    code: str | None
    """The verification code printed under the QR."""


def prepare(
    writer: Any,
    request: StampRequest,
    *,
    key: SigningKey,
    at: datetime,
    sha256_before: str,
    file: Path,
    existing_field: bool,
    role: SigningRole | None = None,
) -> StampSetup:
    """Build the stamp for signing ``file`` (opened in ``writer``) with ``key`` at ``at``."""
    from esign import statement
    from esign.stamp.render import EsignStampStyle

    token = code = matrix = None
    if request.qr:
        doc_id = writer.prev.document_id[0].hex() if _has_id(writer) else None
        claim = statement.statement_for(key, at=at, sha256_before=sha256_before, doc=doc_id)
        token = statement.make_token(claim, key)
        code = statement.verification_code(token)
        matrix = statement.qr_matrix(statement.qr_text(token, request.verify_url))
    text = request.text or block_text(key, request, at, role)
    style = EsignStampStyle(
        text=text,
        qr_matrix=matrix,
        code=code,
        image=request.image,
        cap=key.id in request.seals,
        paraf=request.paraf,
    )
    if existing_field:
        return StampSetup(style=style, page=None, box=None, token=token, code=code)
    page, box = locate(writer, request.placement, file)
    log.debug("stamp on page %d at %s", page + 1, box)
    return StampSetup(style=style, page=page, box=box, token=token, code=code)


def _has_id(writer: Any) -> bool:
    try:
        return bool(writer.prev.document_id[0])
    except (KeyError, IndexError, TypeError, AttributeError):
        return False


def read_image(path: Path) -> bytes:
    """The specimen image's bytes, checked to be a picture Pillow can read."""
    from PIL import Image, UnidentifiedImageError

    try:
        data = path.read_bytes()
        with Image.open(path) as img:
            img.verify()
    except FileNotFoundError as e:
        raise PdfInputError("pdf.missing", file=path) from e
    except (OSError, UnidentifiedImageError, ValueError) as e:
        raise PdfInputError("stamp.bad_image", file=path, detail=str(e)) from e
    return data


def block_text(
    key: SigningKey, request: StampRequest, at: datetime, role: SigningRole | None = None
) -> StampText:
    """The block's words from the signer's certificate (and rank from the store), with the
    ``a.n.``/``u.b.`` lines and ``Plt.``/``Plh.`` of ``role`` when signing for someone."""
    from esign import i18n
    from esign.pki import identity_of
    from esign.stamp.text import format_rank, format_when, nip_line

    who = identity_of(key.cert)
    if key.id in request.seals:  # the electronic cap dinas: the institution, no person
        return StampText(
            heading=i18n.t("stamp.heading.seal", lang=request.lang),
            title=who.org if who.org and who.org != who.name else None,
            name=who.name,
            when=format_when(at, request.timezone, request.lang),
        )
    role = role or SigningRole()
    text = StampText(
        heading=i18n.t("stamp.heading", lang=request.lang),
        delegation="\n".join(role.block_lines()) or None,
        title=role.position(who.title) or (who.org if not who.nip else None),
        name=who.name,
        rank=format_rank(request.ranks.get(key.id)),
        nip=nip_line(who.nip),
        when=format_when(at, request.timezone, request.lang),
    )
    return doctype.apply(text, request.doc_type)


TEMPLATE_FIELDS = ("nama", "nip", "jabatan")
"""SRIKANDI-style tags filled with the signer's values: with the stamp at ``${ttd_X}``,
``${nama_X}``, ``${nip_X}`` and ``${jabatan_X}`` (e.g. ``${nama_pengirim}``)."""


def template_tags(tag: str | None) -> dict[str, str]:
    """``{field: tag}`` for the stamp's tag: ``${ttd_pengirim}`` → ``{"nama":
    "${nama_pengirim}", …}``; {} for a tag of another form."""
    if not tag or not (tag.startswith("${ttd_") and tag.endswith("}")):
        return {}
    who = tag[len("${ttd_") : -1]
    return {f: f"${{{f}_{who}}}" for f in TEMPLATE_FIELDS}


def fill_template(
    writer: Any,
    request: StampRequest,
    *,
    key: SigningKey,
    at: datetime,
    file: Path,
    role: SigningRole | None = None,
) -> list[str]:
    """Before the first signature: take the stamp's placeholder out of the page text and
    write the signer's name, NIP and position where the template has ``${nama_X}``,
    ``${nip_X}``, ``${jabatan_X}`` (the stamp at ``${ttd_X}``); returns the tags handled.

    The letter then names the signer once, consistently: the block's words and the
    template's lines come from the same certificate.
    """
    from esign.stamp.place import find_tag
    from esign.stamp.render import TextPainter, page_text_stream
    from esign.stamp.scrub import remove_text

    tag = request.placement.tag
    if not tag:
        return []
    text = request.text or block_text(key, request, at, role)
    values = {
        "nama": text.name,
        "nip": text.nip.removeprefix("NIP. ") if text.nip else None,
        "jabatan": text.title,
    }
    fills = {t: (values[f], f == "nama") for f, t in template_tags(tag).items()}
    hits = {t: find_tag(file, t) for t in [tag, *fills]}
    done: list[str] = []
    painter = TextPainter(writer)
    for page in sorted({h.page for found in hits.values() for h in found}):
        on_page = [t for t, found in hits.items() if any(h.page == page for h in found)]
        if remove_text(writer, page, on_page) == 0:
            continue  # not removable here (see scrub): the tag stays, under the stamp
        done.extend(on_page)
        ops = [
            painter.line(_filled_line(value, hit, bold))
            for t, (value, bold) in fills.items()
            if value
            for hit in hits[t]
            if hit.page == page and t in on_page
        ]
        if ops:
            page_text_stream(writer, page, b"q " + b" ".join(ops) + b" Q", painter)
    log.debug("template tags handled: %s", done)
    return done


def _filled_line(value: str, hit: Any, bold: bool) -> Any:
    from esign.stamp.layout import Line

    size = hit.size or hit.box.h
    baseline = hit.baseline if hit.baseline is not None else hit.box.y + size * 0.2
    return Line(text=value, x=hit.box.x, y=baseline, size=size, bold=bold)


@dataclass(frozen=True, slots=True, kw_only=True)
class FooterRequest:
    """The line an electronically signed letter carries on every page."""

    lang: str = "id"
    """``id`` or ``en``."""
    law_note: bool = False
    """Add the UU ITE Pasal 5 ayat 1 note (printouts are valid evidence)."""
    verify_url: str | None = None
    """Where to check the letter, printed after the statement."""
