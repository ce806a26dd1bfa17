"""Messages: config keys."""

MESSAGES: dict[str, dict[str, str]] = {
    "setting.signer": {
        "en": "default signer id for `esign sign`",
        "id": "id penanda tangan bawaan untuk `esign sign`",
    },
    "setting.reason": {
        "en": "default /Reason written into signatures",
        "id": "/Reason bawaan yang ditulis ke tanda tangan",
    },
    "setting.location": {
        "en": "default /Location (the office's city)",
        "id": "/Location bawaan (kota kantor)",
    },
    "setting.lang": {"en": "language: en or id", "id": "bahasa: en atau id"},
    "setting.timezone": {
        "en": "time zone for dates shown to people (Asia/Jakarta = WIB)",
        "id": "zona waktu untuk tanggal yang ditampilkan (Asia/Jakarta = WIB)",
    },
    "setting.base_url": {
        "en": "the office's base URL for CRL/OCSP/TSA services",
        "id": "alamat dasar kantor untuk layanan CRL/OCSP/TSA",
    },
}
