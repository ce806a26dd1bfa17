"""The words of the signature block: dates with WIB/WITA/WIT, NIP, pangkat/golongan.

Pure functions (no I/O, no clock): they take the time and the language they need.
"""

from __future__ import annotations

import re
from datetime import datetime, tzinfo

from esign.i18n.formats import MONTHS as MONTHS  # the one table, re-exported
from esign.i18n.formats import ZONES as ZONES
from esign.i18n.formats import format_datetime
from esign.i18n.formats import zone_name as zone_name

# Civil-service ranks (pangkat) by grade (golongan/ruang), PP 99/2000.
RANKS = {
    "I/a": "Juru Muda",
    "I/b": "Juru Muda Tingkat I",
    "I/c": "Juru",
    "I/d": "Juru Tingkat I",
    "II/a": "Pengatur Muda",
    "II/b": "Pengatur Muda Tingkat I",
    "II/c": "Pengatur",
    "II/d": "Pengatur Tingkat I",
    "III/a": "Penata Muda",
    "III/b": "Penata Muda Tingkat I",
    "III/c": "Penata",
    "III/d": "Penata Tingkat I",
    "IV/a": "Pembina",
    "IV/b": "Pembina Tingkat I",
    "IV/c": "Pembina Utama Muda",
    "IV/d": "Pembina Utama Madya",
    "IV/e": "Pembina Utama",
}
_GRADE = re.compile(r"\(?\s*(IV|III|II|I)\s*/\s*([a-e])\s*\)?\s*$", re.IGNORECASE)


def format_when(at: datetime, tz: tzinfo, lang: str) -> str:
    """``12 Maret 2026 pukul 09.15 WIB`` / ``12 March 2026, 09:15 WIB``: the one date style
    (:func:`esign.i18n.formats.format_datetime`), without seconds."""
    return format_datetime(at, tz, lang)


def nip_line(nip: str | None) -> str | None:
    """``NIP. 19870101 201001 1 001`` (grouped 8-6-1-3), or None without a NIP."""
    if not nip:
        return None
    digits = nip.replace(" ", "")
    if len(digits) == 18 and digits.isdigit():
        digits = f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"
    return f"NIP. {digits}"


def format_rank(rank: str | None) -> str | None:
    """Normalise pangkat/golongan: ``IV/a`` or ``Pembina IV/a`` → ``Pembina (IV/a)``.

    Text that does not end in a grade is kept as written (e.g. a PPPK grade, ``IX``).
    """
    if rank is None or not rank.strip():
        return None
    text = " ".join(rank.split())
    match = _GRADE.search(text)
    if not match:
        return text
    grade = f"{match.group(1).upper()}/{match.group(2).lower()}"
    name = text[: match.start()].strip().rstrip(",") or RANKS.get(grade, "")
    known = {r.lower(): r for r in RANKS.values()}
    name = known.get(name.lower(), name)  # "pembina tingkat i" is written "Pembina Tingkat I"
    return f"{name} ({grade})" if name else f"({grade})"
