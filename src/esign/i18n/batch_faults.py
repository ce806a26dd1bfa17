"""Messages: batch faults (issue 18/19/15): a revoked signer, lost workers, patterns."""

MESSAGES: dict[str, dict[str, str]] = {
    "batch.signer_revoked": {
        "en": "The certificate of '{id}' was revoked at {when} while the batch ran; the batch "
        "stopped. Every letter listed as signed was signed before that and is in the audit "
        "log; no letter was signed after it.",
        "id": "Sertifikat '{id}' dicabut pada {when} saat batch berjalan; batch dihentikan. "
        "Setiap surat yang tercatat ditandatangani, ditandatangani sebelum itu dan ada di "
        "log audit; tidak ada surat yang ditandatangani sesudahnya.",
    },
    "batch.workers_lost": {
        "en": "Worker processes stopped unexpectedly {restarts} times; the batch stopped with "
        "letters not signed: {left}. Check the memory and the system log, then run the same "
        "command with --resume.",
        "id": "Proses pekerja berhenti tiba-tiba {restarts} kali; batch dihentikan dan {left} "
        "surat belum ditandatangani. Periksa memori dan log sistem, lalu jalankan perintah "
        "yang sama dengan --resume.",
    },
    "batch.withdrawn": {
        "en": "Signed after the revocation at {when}; the output was removed.",
        "id": "Ditandatangani setelah pencabutan pada {when}; berkas keluarannya dihapus.",
    },
    "batch.no_match": {
        "en": "No file matches {pattern}.",
        "id": "Tidak ada berkas yang cocok dengan {pattern}.",
    },
    "batch.cleaned": {
        "en": "Removed {count} temporary files left by an interrupted run.",
        "en:one": "Removed {count} temporary file left by an interrupted run.",
        "id": "{count} berkas sementara sisa proses yang terhenti telah dihapus.",
    },
}
