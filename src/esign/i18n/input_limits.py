"""Messages: input limits (issue 18) — a hostile or absurd PDF is refused, not read forever —
and a letter that could not be recorded (a full disk under the store)."""

MESSAGES: dict[str, dict[str, str]] = {
    "limit.file_size": {
        "en": "{file} is larger than the input limit of {value} MB ({setting}); it was not read.",
        "id": "{file} lebih besar dari batas masukan {value} MB ({setting}); berkas tidak dibaca.",
    },
    "limit.trailing": {
        "en": "{file} has more than {value} KB of data after its end marker (%%EOF), "
        "the input limit ({setting}); it was not read.",
        "id": "{file} memuat lebih dari {value} KB data setelah penanda akhirnya (%%EOF), "
        "melebihi batas masukan ({setting}); berkas tidak dibaca.",
    },
    "limit.depth": {
        "en": "{file} nests its objects more than {value} levels deep, the input limit "
        "({setting}); it was not read.",
        "id": "{file} menyusun objeknya lebih dari {value} tingkat, melebihi batas masukan "
        "({setting}); berkas tidak dibaca.",
    },
    "limit.entries": {
        "en": "{file} has an array or dictionary of more than {value} entries, the input "
        "limit ({setting}); it was not read.",
        "id": "{file} memuat larik atau kamus dengan lebih dari {value} entri, melebihi batas "
        "masukan ({setting}); berkas tidak dibaca.",
    },
    "limit.objects": {
        "en": "{file} has more than {value} objects, the input limit ({setting}); it was not read.",
        "id": "{file} memuat lebih dari {value} objek, melebihi batas masukan ({setting}); "
        "berkas tidak dibaca.",
    },
    "limit.stream": {
        "en": "{file} holds compressed data that unpacks to more than {value} MB, the input "
        "limit ({setting}); it was not read.",
        "id": "{file} memuat data terkompresi yang membesar melebihi {value} MB, batas masukan "
        "({setting}); berkas tidak dibaca.",
    },
    "limit.string": {
        "en": "{file} holds a string longer than {value} MB, the input limit ({setting}); "
        "it was not read.",
        "id": "{file} memuat string yang lebih panjang dari {value} MB, batas masukan "
        "({setting}); berkas tidak dibaca.",
    },
    "limit.pages": {
        "en": "{file} has more than {value} pages, the input limit ({setting}); it was not read.",
        "id": "{file} memiliki lebih dari {value} halaman, melebihi batas masukan "
        "({setting}); berkas tidak dibaca.",
    },
    "limit.page_loop": {
        "en": "{file} has a page tree that refers back to itself (a /Kids loop); it was not read.",
        "id": "{file} memiliki pohon halaman yang merujuk kembali ke dirinya sendiri "
        "(perulangan /Kids); berkas tidak dibaca.",
    },
    "limit.revisions": {
        "en": "{file} has more than {value} revisions (cross-reference sections), the input "
        "limit ({setting}); it was not read.",
        "id": "{file} memiliki lebih dari {value} revisi (bagian referensi silang), melebihi "
        "batas masukan ({setting}); berkas tidak dibaca.",
    },
    "limit.time": {
        "en": "Reading {file} took longer than {value} seconds, the input limit ({setting}); "
        "it was stopped.",
        "id": "Pembacaan {file} memakan waktu lebih dari {value} detik, batas masukan "
        "({setting}); pembacaan dihentikan.",
    },
    "limit.hint": {
        "en": "If the file is a genuine letter, ask your administrator to raise {setting} "
        "(esign config set {setting} N); otherwise do not use it.",
        "id": "Jika berkas ini surat yang sah, minta administrator menaikkan {setting} "
        "(esign config set {setting} N); jika bukan, jangan gunakan berkas ini.",
    },
    "config.why.positive": {
        "en": "use a whole number above 0",
        "id": "gunakan bilangan bulat di atas 0",
    },
    "setting.limit_file_mb": {
        "en": "input limit: largest PDF read, in MB",
        "id": "batas masukan: ukuran PDF terbesar yang dibaca, dalam MB",
    },
    "setting.limit_trailing_kb": {
        "en": "input limit: data allowed after the last %%EOF, in KB",
        "id": "batas masukan: data yang diizinkan setelah %%EOF terakhir, dalam KB",
    },
    "setting.limit_depth": {
        "en": "input limit: arrays and dictionaries nested in one another",
        "id": "batas masukan: tingkat susunan larik dan kamus di dalam satu sama lain",
    },
    "setting.limit_entries": {
        "en": "input limit: entries in one array or dictionary",
        "id": "batas masukan: jumlah entri dalam satu larik atau kamus",
    },
    "setting.limit_objects": {
        "en": "input limit: objects in one PDF",
        "id": "batas masukan: jumlah objek dalam satu PDF",
    },
    "setting.limit_stream_mb": {
        "en": "input limit: unpacked size of one compressed stream, in MB",
        "id": "batas masukan: ukuran satu aliran terkompresi setelah dibuka, dalam MB",
    },
    "setting.limit_string_mb": {
        "en": "input limit: length of one string (e.g. a signature's /Contents), in MB",
        "id": "batas masukan: panjang satu string (mis. /Contents tanda tangan), dalam MB",
    },
    "setting.limit_pages": {
        "en": "input limit: pages in one PDF",
        "id": "batas masukan: jumlah halaman dalam satu PDF",
    },
    "setting.limit_revisions": {
        "en": "input limit: revisions (incremental updates) in one PDF",
        "id": "batas masukan: jumlah revisi (pembaruan inkremental) dalam satu PDF",
    },
    "setting.limit_seconds": {
        "en": "input limit: seconds to read and check one PDF",
        "id": "batas masukan: detik untuk membaca dan memeriksa satu PDF",
    },
    "sign.not_recorded": {
        "en": "{file} was not signed: its audit entry could not be written to the store "
        "({detail}); no signed letter was left behind.",
        "id": "{file} tidak ditandatangani: catatan auditnya tidak dapat ditulis ke penyimpanan "
        "({detail}); tidak ada surat bertanda tangan yang tertinggal.",
    },
    "sign.not_recorded.hint": {
        "en": "Free some space on the disk of the store (ESIGN_HOME), then sign again.",
        "id": "Kosongkan sebagian ruang disk penyimpanan (ESIGN_HOME), lalu tandatangani lagi.",
    },
}
