"""How dates and counts are written: one style per language, for every view.

stdlib only (a leaf, like the rest of :mod:`esign.i18n`). The terminal, the HTML and PDF
reports, the stamp, the footer and the CLI all write a time with :func:`format_datetime`,
always in the configured zone; machine output (JSON, the audit log) keeps ISO 8601.

- Indonesian, the formal style of a letter: ``4 Desember 2026 pukul 07.40 WIB``
- English: ``4 December 2026, 07:40 WIB``

Indonesia's zones print as WIB, WITA and WIT (Waktu Indonesia Barat / Tengah / Timur).
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from zoneinfo import ZoneInfo

MONTHS = {
    "id": (
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}

ZONES = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Jayapura": "WIT",
}
"""Indonesia's three zones by IANA name: the one table for the stamp, the footer and every
report."""


def zone_name(at: datetime) -> str:
    """``WIB``, ``WITA`` or ``WIT`` in Indonesia's zones (and at a fixed offset of one of
    them), else the zone's own abbreviation (``UTC``, ``+08`` for Singapore)."""
    key = getattr(at.tzinfo, "key", None)
    if key is not None:  # a named zone: only Indonesia's own are WIB/WITA/WIT
        return ZONES.get(key) or at.tzname() or key
    offset = at.utcoffset()
    for name, abbreviation in ZONES.items():
        if offset is not None and ZoneInfo(name).utcoffset(at) == offset:
            return abbreviation
    return at.tzname() or "UTC"


def format_date(day: date, lang: str) -> str:
    """``4 Desember 2026`` / ``4 December 2026``."""
    month = MONTHS.get(lang, MONTHS["en"])[day.month - 1]
    return f"{day.day} {month} {day.year}"


def format_datetime(at: datetime, tz: tzinfo, lang: str, *, seconds: bool = False) -> str:
    """``4 Desember 2026 pukul 07.40 WIB`` / ``4 December 2026, 07:40 WIB`` in ``tz``.

    ``seconds``: reports and verify show them (``07.40.04``), for comparing a signing time
    with a timestamp; the stamp and the footer do not.
    """
    local = at.astimezone(tz)
    day = format_date(local.date(), lang)
    sep = "." if lang == "id" else ":"
    clock = f"{local:%H}{sep}{local:%M}" + (f"{sep}{local:%S}" if seconds else "")
    if lang == "id":
        return f"{day} pukul {clock} {zone_name(local)}"
    return f"{day}, {clock} {zone_name(local)}"
