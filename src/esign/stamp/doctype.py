"""Which lines the signature block carries, by the kind of letter (Permendagri 1/2023).

Pasal 44 of the regional-government rules on official documents (*tata naskah dinas*):

* a **regulation** or decree (*produk hukum*: peraturan, keputusan) names its signer without
  academic titles; **correspondence** (*naskah dinas korespondensi*: surat, nota dinas,
  undangan) and **special** documents (*naskah dinas khusus*: perjanjian, surat kuasa,
  berita acara) keep them;
* a signer other than the regional head, the deputy head and the regional secretary is
  written with NIP and pangkat/golongan; those three are written without, and so are the
  acting heads of the region (Pj., Pjs., Plt., Plh.) and the Pj./Plh. of the secretary.

Pure functions: the block's words in, the words the regulation wants out.
"""

from __future__ import annotations

import re
from dataclasses import replace
from enum import StrEnum

from esign.stamp.layout import StampText


class DocType(StrEnum):
    """The kind of letter, as ``--doc-type`` names it."""

    CORRESPONDENCE = "correspondence"
    """Naskah dinas korespondensi (surat, nota dinas, undangan): the default."""
    REGULATION = "regulation"
    """Naskah dinas berbentuk produk hukum (peraturan, keputusan, instruksi)."""
    SPECIAL = "special"
    """Naskah dinas khusus (perjanjian, surat kuasa, berita acara, surat keterangan)."""


_ACTING = r"(?:(?:Pj|Pjs|Plt|Plh)\.?\s+)?"
_LEADERSHIP = re.compile(
    r"^\s*" + _ACTING + r"(?:(?:Wakil\s+)?(?:Bupati|Wali\s*kota|Gubernur)\b|Sekretaris\s+Daerah\b)",
    re.IGNORECASE,
)
"""The regional head, the deputy and the regional secretary, acting or not."""

_PREFIX_TITLES = re.compile(
    r"^(?:(?:Prof|Dr|Drs|Dra|Ir|dr|drg|drh)\.\s*)+",
)
"""Academic titles written before the name (``Dr.``, ``Ir.``, ``Drs.``, ``dr.``)."""


def is_regional_leadership(position: str | None) -> bool:
    """Whether ``position`` (as the block prints it, ``Plt. Bupati Jember`` too) is the
    regional head, the deputy head or the regional secretary."""
    return bool(position and _LEADERSHIP.match(position))


def without_academic_titles(name: str) -> str:
    """``Dr. Ir. Budi Santoso, S.Kom., M.T.`` → ``Budi Santoso``: the titles after the first
    comma and the academic ones before the name go; ``H.``/``Hj.`` (hajj) and names stay."""
    bare = name.split(",", 1)[0].strip()
    return _PREFIX_TITLES.sub("", bare).strip() or bare


def apply(text: StampText, doc_type: DocType) -> StampText:
    """``text`` with the lines Pasal 44 wants for ``doc_type`` and the signer's post."""
    if is_regional_leadership(text.title):
        text = replace(text, nip=None, rank=None)
    if doc_type is DocType.REGULATION and text.name:
        text = replace(text, name=without_academic_titles(text.name))
    return text
