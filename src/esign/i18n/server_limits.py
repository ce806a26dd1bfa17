"""Messages: the limits ``esign serve`` puts on each client (docs/security.md)."""

MESSAGES: dict[str, dict[str, str]] = {
    "help.opt.idle_timeout": {
        "en": "Close a connection silent for this many seconds.",
        "id": "Tutup koneksi yang diam selama sekian detik.",
    },
    "help.opt.header_timeout": {
        "en": "Seconds a request may take to send its headers (and again its body).",
        "id": "Batas detik untuk mengirim header permintaan (dan sekali lagi untuk isinya).",
    },
    "help.opt.max_connections": {
        "en": "Connections open at once (lowered to fit the open-file limit).",
        "id": "Jumlah koneksi terbuka sekaligus (diturunkan sesuai batas berkas terbuka).",
    },
    "help.opt.max_body": {
        "en": "Largest request body in bytes; a larger one is answered 413.",
        "id": "Ukuran isi permintaan terbesar dalam bita; yang lebih besar dijawab 413.",
    },
}
