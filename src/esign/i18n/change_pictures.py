"""Messages for the before/after pictures of visible changes in the HTML and PDF reports, and
a form field filled in from its default value (issue 11 item 2, false alarms)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "change.kind.field_default_filled": {
        "en": "a form field that showed its default value when signed was filled in",
        "id": "isian formulir yang berisi nilai bawaan saat ditandatangani kemudian diisi",
    },
    "verify.summary_changed": {
        "en": "{files} files: {valid} valid, {changed} valid but changed after signing, "
        "{invalid} invalid, {indeterminate} cannot confirm, {unsigned} unsigned, {error} could "
        "not check",
        "en:one": "{files} file: {valid} valid, {changed} valid but changed after signing, "
        "{invalid} invalid, {indeterminate} cannot confirm, {unsigned} unsigned, {error} could "
        "not check",
        "id": "{files} berkas: {valid} sah, {changed} sah tetapi diubah setelah "
        "ditandatangani, {invalid} tidak sah, {indeterminate} tidak dapat dipastikan, "
        "{unsigned} tidak ditandatangani, {error} tidak dapat diperiksa",
    },
    "picture.heading": {
        "en": "What changed after signing, as a reader sees it",
        "id": "Yang berubah setelah ditandatangani, seperti terlihat oleh pembaca",
    },
    "picture.caption": {"en": "Page {page}: {what}", "id": "Halaman {page}: {what}"},
    "picture.before": {"en": "As signed", "id": "Saat ditandatangani"},
    "picture.after": {"en": "Now", "id": "Sekarang"},
    "picture.alt": {
        "en": "Page {page}, {which}",
        "id": "Halaman {page}, {which}",
    },
    "picture.same": {
        "en": "pdfium draws this region the same in both versions; other PDF readers draw "
        "the change from the annotation's own description.",
        "id": "pdfium menggambar bagian ini sama pada kedua versi; pembaca PDF lain "
        "menggambar perubahan itu dari keterangan anotasinya sendiri.",
    },
    "picture.more": {
        "en": "{count} more changes are listed above but not pictured.",
        "en:one": "{count} more change is listed above but not pictured.",
        "id": "{count} perubahan lain tercantum di atas tetapi tidak digambarkan.",
    },
    # what happened to the thing in the region
    "picture.what.annotation_covers": {
        "en": "{subject} added after signing",
        "id": "{subject} ditambahkan setelah ditandatangani",
    },
    "picture.what.annotation_changed": {
        "en": "{subject} changed after signing",
        "id": "{subject} diubah setelah ditandatangani",
    },
    "picture.what.annotation_removed": {
        "en": "{subject} removed after signing",
        "id": "{subject} dihapus setelah ditandatangani",
    },
    "picture.what.field_changed": {
        "en": "{subject} changed after signing",
        "id": "{subject} diubah setelah ditandatangani",
    },
    "picture.what.field_default_filled": {
        "en": "{subject} filled in after signing",
        "id": "{subject} diisi setelah ditandatangani",
    },
    "picture.what.page_content": {
        "en": "Page content changed after signing",
        "id": "Isi halaman diubah setelah ditandatangani",
    },
    "picture.what.page_resources": {
        "en": "Page fonts or images changed after signing",
        "id": "Huruf atau gambar halaman diubah setelah ditandatangani",
    },
    "picture.what.page_geometry": {
        "en": "Page size, crop or rotation changed after signing",
        "id": "Ukuran, potongan, atau rotasi halaman diubah setelah ditandatangani",
    },
    "picture.what.other": {
        "en": "Changed after signing",
        "id": "Diubah setelah ditandatangani",
    },
    # the thing: an annotation by its kind, or a form field by its name
    "picture.subject.field": {"en": "Field “{name}”", "id": "Isian “{name}”"},
    "picture.subject.annotation": {
        "en": "{kind} annotation",
        "id": "Anotasi {kind}",
    },
    "picture.subject.square": {"en": "Square annotation", "id": "Anotasi kotak"},
    "picture.subject.circle": {"en": "Circle annotation", "id": "Anotasi lingkaran"},
    "picture.subject.freetext": {"en": "Text box annotation", "id": "Anotasi kotak teks"},
    "picture.subject.stamp": {"en": "Stamp annotation", "id": "Anotasi cap (Stamp)"},
    "picture.subject.text": {"en": "Note annotation", "id": "Anotasi catatan"},
    "picture.subject.ink": {"en": "Freehand drawing", "id": "Coretan tangan"},
    "picture.subject.line": {"en": "Line annotation", "id": "Anotasi garis"},
    "picture.subject.highlight": {"en": "Highlight", "id": "Stabilo"},
    "picture.subject.link": {"en": "Link", "id": "Tautan"},
    "picture.subject.widget": {"en": "Form field", "id": "Isian formulir"},
}
