"""Messages: verification notes and raw-check problems."""

MESSAGES: dict[str, dict[str, str]] = {
    "verify.note.hybrid": {
        "en": "The file mixes cross-reference tables and streams (a hybrid file); it was "
        "read in tolerant mode.",
        "id": "Berkas mencampur tabel dan stream referensi silang (berkas hibrida); berkas "
        "dibaca dalam mode toleran.",
    },
    "verify.note.raw_scan": {
        "en": "The PDF structure could not be read ({detail}); signatures were found by "
        "scanning the file's bytes, so changes after signing could not be analysed.",
        "id": "Struktur PDF tidak dapat dibaca ({detail}); tanda tangan ditemukan dengan "
        "memindai isi berkas, sehingga perubahan setelah penandatanganan tidak dapat "
        "dianalisis.",
    },
    "verify.encrypted_password": {
        "en": "{file} is encrypted and needs a password to open; its signatures could not "
        "be checked.",
        "id": "{file} terenkripsi dan memerlukan kata sandi untuk dibuka; tanda tangannya "
        "tidak dapat diperiksa.",
    },
    "verify.problem.byterange": {
        "en": "The signed byte range is malformed: {detail}.",
        "id": "Rentang byte yang ditandatangani cacat: {detail}.",
    },
    "verify.problem.eddsa_digest": {
        "en": "The {algo} signature uses the {digest} digest; the standard (RFC 8419) "
        "requires {required}.",
        "id": "Tanda tangan {algo} memakai digest {digest}; standar (RFC 8419) "
        "mewajibkan {required}.",
    },
    "verify.problem.unknown_algorithm": {
        "en": "The signature algorithm {algo} is not supported, so the signature value "
        "could not be checked.",
        "id": "Algoritma tanda tangan {algo} tidak didukung, sehingga nilai tanda tangan "
        "tidak dapat diperiksa.",
    },
    "verify.problem.legacy": {
        "en": "Legacy sub-filter {subfilter}: the signature value verifies, but it relies on "
        "SHA-1, which is no longer accepted, and the certificate chain was not checked.",
        "id": "Sub-filter lama {subfilter}: nilai tanda tangan cocok, tetapi bergantung pada "
        "SHA-1 yang tidak lagi diterima, dan rantai sertifikat tidak diperiksa.",
    },
    "verify.problem.partial_check": {
        "en": "Only the signed bytes and the signature value could be checked: {detail}",
        "id": "Hanya isi yang ditandatangani dan nilai tanda tangan yang dapat diperiksa: {detail}",
    },
    "verify.problem.unreadable_update": {
        "en": "The document was changed after signing and the later changes cannot be read "
        "(malformed update); they are treated as not allowed.",
        "id": "Dokumen diubah setelah ditandatangani dan perubahan itu tidak dapat dibaca "
        "(pembaruan cacat); perubahan dianggap tidak diizinkan.",
    },
}
