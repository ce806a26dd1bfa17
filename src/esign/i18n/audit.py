"""Messages: the audit log."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- audit log ----------------------------------------------------------------------
    "help.log": {
        "en": "Show the hash-chained audit log; --check proves it is untouched.",
        "id": "Menampilkan log audit berantai hash; --check membuktikan log tidak diubah.",
    },
    "help.opt.since": {
        "en": "Only entries at or after this time (ISO 8601, e.g. 2026-03-01).",
        "id": "Hanya entri pada atau setelah waktu ini (ISO 8601, mis. 2026-03-01).",
    },
    "help.opt.check": {
        "en": "Verify the hash chain; exit 3 and name the first broken entry if tampered.",
        "id": "Verifikasi rantai hash; keluar 3 dan sebutkan entri rusak pertama bila diubah.",
    },
    "log.ok": {
        "en": "The audit log is intact ({count} entries).",
        "id": "Log audit utuh ({count} entri).",
    },
    "log.broken": {
        "en": "The audit log was changed: entry {seq} ({at}, {action}) does not match the chain.",
        "id": "Log audit telah diubah: entri {seq} ({at}, {action}) tidak cocok dengan rantainya.",
    },
    "log.bad_since": {
        "en": "'{value}' is not a date; use ISO 8601 such as 2026-03-01 or 2026-03-01T08:00+07:00.",
        "id": "'{value}' bukan tanggal; gunakan ISO 8601 seperti 2026-03-01 atau "
        "2026-03-01T08:00+07:00.",
    },
    "col.seq": {"en": "#", "id": "#"},
    "col.time": {"en": "Time", "id": "Waktu"},
    "col.action": {"en": "Action", "id": "Tindakan"},
    "col.identity": {"en": "Identity", "id": "Identitas"},
}
