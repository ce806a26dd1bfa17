"""Messages: the PDF report and change details."""

MESSAGES: dict[str, dict[str, str]] = {
    "change.line": {"en": "{what}: {where}", "id": "{what}: {where}"},
    "change.kind.page_content": {"en": "page content changed", "id": "isi halaman diubah"},
    "change.kind.page_resources": {
        "en": "page resources (fonts, images, XObjects) changed",
        "id": "sumber daya halaman (huruf, gambar, XObject) diubah",
    },
    "change.kind.page_geometry": {
        "en": "page size, crop or rotation changed",
        "id": "ukuran, potongan, atau rotasi halaman diubah",
    },
    "change.kind.pages": {
        "en": "pages added, removed or reordered",
        "id": "halaman ditambah, dihapus, atau diubah urutannya",
    },
    "change.kind.optional_content": {
        "en": "visibility of layers (optional content) changed",
        "id": "tampilan lapisan (konten opsional) diubah",
    },
    "change.kind.annotation_changed": {
        "en": "an annotation shown when signed was changed",
        "id": "anotasi yang tampak saat ditandatangani diubah",
    },
    "change.kind.annotation_removed": {
        "en": "an annotation shown when signed was removed",
        "id": "anotasi yang tampak saat ditandatangani dihapus",
    },
    "change.kind.field_changed": {
        "en": "a form field filled in when signed was changed",
        "id": "isian formulir yang sudah terisi saat ditandatangani diubah",
    },
    "change.kind.annotation_added": {"en": "annotation added", "id": "anotasi ditambahkan"},
    "change.kind.field_filled": {
        "en": "empty form field filled in",
        "id": "isian formulir yang kosong diisi",
    },
    "change.kind.field_added": {"en": "form field added", "id": "isian formulir ditambahkan"},
    "change.kind.signature": {
        "en": "signature or document timestamp added",
        "id": "tanda tangan atau cap waktu dokumen ditambahkan",
    },
    "change.kind.metadata": {
        "en": "document metadata changed",
        "id": "metadata dokumen diubah",
    },
    "change.kind.structure": {
        "en": "document structure for screen readers (tags) updated",
        "id": "struktur dokumen untuk pembaca layar (tag) diperbarui",
    },
    "change.kind.dss": {
        "en": "validation data (DSS) added or updated",
        "id": "data validasi (DSS) ditambahkan atau diperbarui",
    },
    "change.kind.other": {
        "en": "change that cannot be explained",
        "id": "perubahan yang tidak dapat dijelaskan",
    },
    "change.kind.analysis": {"en": "pyHanko's analysis", "id": "analisis pyHanko"},
    "change.at.page_count": {
        "en": "{signed} pages when signed, {now} now",
        "en:one": "{signed} page when signed, {now} now",
        "id": "{signed} halaman saat ditandatangani, {now} sekarang",
    },
    "change.at.page_entry": {"en": "page {page}, {target}", "id": "halaman {page}, {target}"},
    "change.at.annotation": {
        "en": "page {page}, annotation {target} (object {object})",
        "id": "halaman {page}, anotasi {target} (objek {object})",
    },
    "change.at.field": {
        "en": "field “{target}” on page {page}",
        "id": "isian “{target}” di halaman {page}",
    },
    "change.at.field_value": {
        "en": "value of field “{target}”",
        "id": "nilai isian “{target}”",
    },
    "change.at.catalog_entry": {
        "en": "document catalog, {target}",
        "id": "katalog dokumen, {target}",
    },
    "change.at.object": {"en": "object {object}", "id": "objek {object}"},
    "change.at.object_freed": {
        "en": "object {object} was removed or cannot be read",
        "id": "objek {object} dihapus atau tidak dapat dibaca",
    },
    "change.at.object_rewritten": {
        "en": "object {object} rewritten",
        "id": "objek {object} ditulis ulang",
    },
    "change.at.level": {
        "en": "modification level {target}",
        "id": "tingkat perubahan {target}",
    },
    "change.at.note": {"en": "{target}", "id": "{target}"},
    "setting.report_seal": {
        "en": "store id of the e-seal that signs PDF reports (verify --report out.pdf)",
        "id": "id segel elektronik di penyimpanan yang menandatangani laporan PDF "
        "(verify --report out.pdf)",
    },
    "help.opt.seal_pass": {
        "en": "Read the e-seal's passphrase (for a signed PDF report) from this file.",
        "id": "Baca frasa sandi segel elektronik (untuk laporan PDF bertanda tangan) dari "
        "berkas ini.",
    },
    "pass.what.seal": {
        "en": "the e-seal key of '{id}'",
        "id": "kunci segel elektronik '{id}'",
    },
    "pass.prompt.seal": {
        "en": "Passphrase for the e-seal key of '{id}' (signs the report)",
        "id": "Frasa sandi kunci segel elektronik '{id}' (menandatangani laporan)",
    },
    "report.seal_not_seal": {
        "en": "The report-seal setting names '{id}', which is not an e-seal identity.",
        "id": "Pengaturan report-seal menyebut '{id}', yang bukan identitas segel elektronik.",
    },
    "report.seal_not_seal.hint": {
        "en": "Issue one with `esign cert issue --id ID --seal --org ORG`, then "
        "`esign config set report-seal ID`.",
        "id": "Terbitkan dengan `esign cert issue --id ID --seal --org ORG`, lalu "
        "`esign config set report-seal ID`.",
    },
    "report.seal_reason": {
        "en": "Verification report sealed electronically by {name}",
        "id": "Laporan verifikasi disegel secara elektronik oleh {name}",
    },
    "report.written_sealed": {
        "en": "Report written to {file}, signed with the e-seal '{id}'.",
        "id": "Laporan ditulis ke {file}, disegel dengan '{id}'.",
    },
    "report.written_unsigned": {
        "en": "Report written to {file}, unsigned: no e-seal is configured "
        "(esign config set report-seal ID).",
        "id": "Laporan ditulis ke {file}, tanpa tanda tangan: belum ada segel elektronik "
        "(esign config set report-seal ID).",
    },
    "pdf.sealed": {
        "en": "This report is signed with the electronic seal of {name}. Check it with "
        "`esign verify` or a PDF reader: any change after sealing shows.",
        "id": "Laporan ini disegel oleh {name}. Periksa dengan "
        "`esign verify` atau aplikasi pembaca PDF: perubahan setelah disegel akan terlihat.",
    },
    "pdf.unsealed": {
        "en": "This report is not signed: it records what esign found, but nothing "
        "proves it was not changed afterwards.",
        "id": "Laporan ini tidak ditandatangani: isinya mencatat temuan esign, tetapi tidak "
        "ada yang membuktikan laporan ini tidak diubah sesudahnya.",
    },
    "pdf.page": {"en": "Page {n}", "id": "Halaman {n}"},
    "pdf.file": {"en": "File", "id": "Berkas"},
    "pass.wrong.seal_hint": {
        "en": "Check ESIGN_SEAL_PASSPHRASE (or ESIGN_PASSPHRASE) or --seal-passphrase-file; "
        "the e-seal key has its own passphrase.",
        "id": "Periksa ESIGN_SEAL_PASSPHRASE (atau ESIGN_PASSPHRASE) atau "
        "--seal-passphrase-file; kunci segel elektronik memiliki frasa sandinya sendiri.",
    },
    "report.no_folder": {
        "en": "the folder does not exist",
        "id": "foldernya tidak ada",
    },
}
