"""Messages: the audit log."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- audit log ----------------------------------------------------------------------
    "help.log": {
        "en": "Show the audit log; --check verifies its hash chain and recorded heads.",
        "id": "Menampilkan log audit; --check memeriksa rantai hash dan kepala log tercatat.",
    },
    "help.opt.since": {
        "en": "Only entries at or after this time (ISO 8601, e.g. 2026-03-01).",
        "id": "Hanya entri pada atau setelah waktu ini (ISO 8601, mis. 2026-03-01).",
    },
    "help.opt.check": {
        "en": "Verify the hash chain and the stored anchors; exit 3 and say what does not match.",
        "id": "Verifikasi rantai hash dan jangkar yang tersimpan; keluar 3 dan sebutkan yang "
        "tidak cocok.",
    },
    "log.ok": {
        "en": "The hash chain of the audit log's {count} entries is intact: no entry was "
        "changed, inserted or removed before the last one. The chain alone cannot show "
        "entries removed at the end.",
        "id": "Rantai hash {count} entri log audit utuh: tidak ada entri yang diubah, "
        "disisipkan, atau dihapus sebelum entri terakhir. Rantai saja tidak dapat "
        "menunjukkan entri yang dihapus di bagian akhir.",
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
