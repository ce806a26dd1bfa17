"""Messages: revision extraction."""

MESSAGES: dict[str, dict[str, str]] = {
    "revision.out_of_range": {
        "en": "{file} has {count} signatures; there is no signature {number}.",
        "en:one": "{file} has {count} signature; there is no signature {number}.",
        "id": "{file} memiliki {count} tanda tangan; tidak ada tanda tangan ke-{number}.",
    },
    "revision.needs_one_file": {
        "en": "--revision works on exactly one file and needs -o/--output.",
        "id": "--revision hanya untuk tepat satu berkas dan memerlukan -o/--output.",
    },
    "revision.written": {
        "en": "Wrote the version signature {number} covers ({size} bytes) to {file}.",
        "id": "Versi yang dicakup tanda tangan ke-{number} ({size} bita) ditulis ke {file}.",
    },
    "help.opt.revision": {
        "en": "Write the exact version signature N (1 = first signed) covers to -o FILE.",
        "id": "Tulis versi persis yang dicakup tanda tangan ke-N (1 = yang pertama) ke -o BERKAS.",
    },
    "help.opt.revision_out": {
        "en": "Where --revision writes the signed version.",
        "id": "Tempat --revision menulis versi yang ditandatangani.",
    },
}
