"""``esign verify-qr``: the register of issued statements and the PDF part (issue 11)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "qr.valid_pdf": {
        "en": "VALID: this QR statement was signed by {name}, and the PDF is that document "
        "with valid signatures.",
        "id": "SAH: pernyataan QR ini ditandatangani oleh {name}, dan PDF ini adalah dokumen "
        "tersebut dengan tanda tangan yang sah.",
    },
    "qr.not_found": {
        "en": "NOT FOUND: the code {code} is not in this office's register.",
        "id": "TIDAK DITEMUKAN: kode {code} tidak terdaftar di kantor ini.",
    },
    "qr.not_found.bare": {
        "en": "NOT FOUND: this code cannot be looked up.",
        "id": "TIDAK DITEMUKAN: kode ini tidak dapat dicari.",
    },
    "qr.code_not_found": {
        "en": "This office's register of issued statements does not hold this code: the "
        "letter was not signed here (ask the office named on the letter), or the code is "
        "not genuine.",
        "id": "Kode ini tidak ada dalam daftar pernyataan tanda tangan yang diterbitkan kantor "
        "ini: surat tidak ditandatangani di sini (tanyakan ke kantor yang tercantum pada "
        "surat), atau kode tersebut tidak asli.",
    },
    "qr.code_old_format": {
        "en": "This is a verification code of the older format (XXXXX-XXXXX), which no "
        "register holds: scan the QR code instead, or compare the signed PDF (--pdf).",
        "id": "Ini kode verifikasi format lama (XXXXX-XXXXX) yang tidak tercatat dalam daftar: "
        "pindai kode QR-nya, atau bandingkan dengan PDF bertanda tangan (--pdf).",
    },
    "qr.code_mistyped": {
        "en": "This is not a valid verification code: check what you typed (16 letters and "
        "digits, XXXX-XXXX-XXXX-XXXX).",
        "id": "Kode verifikasi ini tidak benar: periksa kembali yang Anda ketik (16 huruf dan "
        "angka, XXXX-XXXX-XXXX-XXXX).",
    },
    "qr.register_mismatch": {
        "en": "The register's entry for this code does not match the statement it holds: "
        "the register was altered.",
        "id": "Catatan daftar untuk kode ini tidak sesuai dengan pernyataan yang disimpannya: "
        "daftar telah diubah.",
    },
    "qr.pdf_invalid": {
        "en": "The PDF's signatures are INVALID (as esign verify reports): the file was "
        "changed after signing, or a signature is broken.",
        "id": "Tanda tangan pada PDF TIDAK SAH (sesuai hasil esign verify): berkas diubah "
        "setelah ditandatangani, atau tanda tangan rusak.",
    },
    "qr.pdf_changed": {
        "en": "The PDF's signatures verify, but something visible was added to it after "
        "signing (as esign verify reports): compare it with the signed version.",
        "id": "Tanda tangan pada PDF utuh, tetapi ada sesuatu yang terlihat ditambahkan "
        "setelah ditandatangani (sesuai hasil esign verify): bandingkan dengan versi yang "
        "ditandatangani.",
    },
    "qr.changed": {
        "en": "VALID, BUT CHANGED: the QR statement holds, but the PDF was changed after signing.",
        "id": "SAH, TETAPI DIUBAH: pernyataan QR benar, tetapi PDF diubah setelah ditandatangani.",
    },
    "qr.pdf_unsigned": {
        "en": "The PDF holds no electronic signature: it is not the signed letter.",
        "id": "PDF tidak memuat tanda tangan elektronik: ini bukan surat yang ditandatangani.",
    },
    "qr.pdf_indeterminate": {
        "en": "The PDF's signatures could not be fully confirmed (as esign verify reports).",
        "id": "Tanda tangan pada PDF tidak dapat dipastikan sepenuhnya (sesuai hasil esign "
        "verify).",
    },
    "qr.pdf_unreadable": {
        "en": "The PDF could not be checked.",
        "id": "PDF tidak dapat diperiksa.",
    },
    "qr.cert_revoked": {
        "en": "The signer's certificate has been revoked, and this office's register does not "
        "show the statement was made before that: its stated time cannot be relied on.",
        "id": "Sertifikat penanda tangan telah dicabut, dan daftar kantor ini tidak "
        "menunjukkan bahwa pernyataan dibuat sebelum pencabutan: waktu yang dinyatakan tidak "
        "dapat diandalkan.",
    },
    "qr.line.registered": {
        "en": "In this office's register: yes",
        "id": "Terdaftar di kantor ini: ya",
    },
    "qr.line.not_registered": {
        "en": "In this office's register: no",
        "id": "Terdaftar di kantor ini: tidak",
    },
    "qr.line.pdf": {
        "en": "PDF {file}: {verdict}",
        "id": "PDF {file}: {verdict}",
    },
}
