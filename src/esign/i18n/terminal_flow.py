"""Messages: the person at the terminal: second tries, questions cancelled, the consent
preview's output, placement and footer, and help lists generated from the code."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- prompts ------------------------------------------------------------------------
    "flow.cancelled": {
        "en": "Cancelled at the question (Ctrl-C); nothing was signed or written.",
        "id": "Dibatalkan saat pertanyaan (Ctrl-C); tidak ada berkas yang ditandatangani "
        "atau ditulis.",
    },
    "flow.try_again": {
        "en": "{problem} Try again ({left} left).",
        "id": "{problem} Silakan coba lagi (sisa {left} kali).",
    },
    "flow.pass.wrong_hint": {
        "en": "Each key has its own passphrase (the one chosen when it was issued). If it is "
        "forgotten, ask the certificate administrator to revoke the key and issue a new one.",
        "id": "Setiap kunci memiliki frasa sandinya sendiri (yang dipilih saat kunci "
        "diterbitkan). Jika lupa, minta pengelola sertifikat mencabut kunci itu dan "
        "menerbitkan yang baru.",
    },
    "flow.pass.new_hint": {
        "en": "Choose a passphrase of at least {min} characters and type it twice the same.",
        "id": "Pilih frasa sandi sedikitnya {min} karakter dan ketik dua kali dengan sama.",
    },
    "flow.no_folder": {
        "en": "the folder does not exist",
        "id": "foldernya tidak ada",
    },
    "flow.not_folder": {
        "en": "it is not inside a folder",
        "id": "induknya bukan folder",
    },
    "flow.read_only": {
        "en": "the folder is read-only",
        "id": "foldernya hanya-baca",
    },
    # --- the consent preview ------------------------------------------------------------------
    "flow.consent.output": {"en": "Output", "id": "Hasil"},
    "flow.consent.stamp": {"en": "Block", "id": "Blok"},
    "flow.consent.footer": {"en": "Footer", "id": "Kaki halaman"},
    "flow.stamp.none": {
        "en": "none (invisible signature)",
        "id": "tidak ada (tanda tangan tak terlihat)",
    },
    "flow.stamp.tag": {"en": "at the tag {tag}", "id": "pada penanda {tag}"},
    "flow.stamp.tag_page": {
        "en": "at the tag {tag}, {page}",
        "id": "pada penanda {tag}, {page}",
    },
    "flow.stamp.box": {
        "en": "{page}, box {box} (x, y, width, height in mm)",
        "id": "{page}, kotak {box} (x, y, lebar, tinggi dalam mm)",
    },
    "flow.stamp.corner": {
        "en": "{page}, bottom right corner",
        "id": "{page}, pojok kanan bawah",
    },
    "flow.page.last": {"en": "last page", "id": "halaman terakhir"},
    "flow.page.first": {"en": "first page", "id": "halaman pertama"},
    "flow.page.number": {"en": "page {number}", "id": "halaman {number}"},
    "flow.footer.none": {"en": "none", "id": "tidak ada"},
    # --- help ----------------------------------------------------------------------------
    "flow.help.config": {
        "en": "Settings in config.toml: the signer, the office's city, language, time zone "
        "and more.\n\n\b\nKeys: {keys}.",
        "id": "Pengaturan di config.toml: penanda tangan, kota kantor, bahasa, zona waktu, "
        "dan lainnya.\n\n\b\nKunci: {keys}.",
    },
    "flow.help.manifest": {
        "en": "CSV with one row per letter; columns: {columns} (only input is required).",
        "id": "CSV satu baris per surat; kolom: {columns} (hanya input yang wajib).",
    },
    "flow.help.jobs": {
        "en": "Worker processes (default 1; -j N uses N processes, e.g. one per CPU core).",
        "id": "Jumlah proses pekerja (bawaan 1; -j N memakai N proses, mis. satu per inti CPU).",
    },
}
