"""Messages for changes after signing that a reader sees, and analyses that could not run
(issue 11 items 2, 5, 6; issue 19 deep nesting)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "verify.verdict.changed": {
        "en": "VALID, BUT CHANGED AFTER SIGNING: the signature is sound, but something was "
        "put over the signed letter later",
        "id": "SAH, TETAPI DIUBAH SETELAH DITANDATANGANI: tanda tangan utuh, tetapi ada "
        "yang ditambahkan di atas surat setelah ditandatangani",
    },
    "verify.problem.changed_after_signing": {
        "en": "After signing, an annotation or field was added over the signed text: what a "
        "reader sees now is not what was signed. Compare the signed version "
        "(esign verify --revision N -o FILE).",
        "id": "Setelah ditandatangani, ada anotasi atau isian yang ditambahkan di atas teks "
        "yang ditandatangani: yang terlihat sekarang bukan yang ditandatangani. Bandingkan "
        "dengan versi yang ditandatangani (esign verify --revision N -o BERKAS).",
    },
    "verify.problem.changes_unknown": {
        "en": "The changes made after signing could not be analysed (damaged, hidden or too "
        "deeply nested later revision): the letter cannot be confirmed as unchanged.",
        "id": "Perubahan setelah ditandatangani tidak dapat dianalisis (revisi berikutnya "
        "rusak, tersembunyi, atau bersarang terlalu dalam): surat tidak dapat dipastikan "
        "tidak berubah.",
    },
    "verify.mod.visible": {
        "en": "CHANGED: something visible was added over the signed content",
        "id": "DIUBAH: ada tambahan yang terlihat di atas isi yang ditandatangani",
    },
    "verify.mod.unknown": {
        "en": "unknown: the later changes could not be analysed",
        "id": "tidak diketahui: perubahan berikutnya tidak dapat dianalisis",
    },
    "verify.unchanged.allowed": {
        "en": "yes, apart from allowed additions (later signatures, validation data)",
        "id": "ya, selain tambahan yang diizinkan (tanda tangan berikutnya, data validasi)",
    },
    "change.kind.annotation_covers": {
        "en": "annotation or field added over signed content",
        "id": "anotasi atau isian ditambahkan di atas isi yang ditandatangani",
    },
    "verify.field.tsa_time": {
        "en": "Time (time-stamp authority)",
        "id": "Waktu (otoritas cap waktu)",
    },
    "verify.visual.title": {
        "en": "Page {page}: as signed (left) and now (right)",
        "id": "Halaman {page}: saat ditandatangani (kiri) dan sekarang (kanan)",
    },
    "verify.visual.caption": {
        "en": "Rendered by pdfium; the region that changed after signing.",
        "id": "Dirender dengan pdfium; bagian yang berubah setelah ditandatangani.",
    },
}
