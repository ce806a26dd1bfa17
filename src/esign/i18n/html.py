"""Messages: the HTML report."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- HTML audit report -----------------------------------------------------------
    "html.title": {
        "en": "Electronic signature verification report",
        "id": "Laporan verifikasi tanda tangan elektronik",
    },
    "html.checked_at": {"en": "Checked at {when}.", "id": "Diperiksa pada {when}."},
    "html.chain": {"en": "Certificate chain", "id": "Rantai sertifikat"},
    "html.revisions": {"en": "Revisions", "id": "Jumlah revisi"},
    "html.footer": {
        "en": "Made by esign {version}. The verdicts above come from cryptographic checks "
        "of the file; a QR code or a picture of a signature proves nothing by itself.",
        "id": "Dibuat oleh esign {version}. Hasil di atas berasal dari pemeriksaan "
        "kriptografis berkas; kode QR atau gambar tanda tangan saja tidak membuktikan "
        "apa pun.",
    },
    "help.opt.report": {
        "en": "Also write the report to this file (.html: one self-contained page; "
        ".pdf: printable A4, signed by the report-seal e-seal when one is set).",
        "id": "Tulis juga laporan ke berkas ini (.html: satu halaman mandiri; .pdf: A4 "
        "siap cetak, ditandatangani segel report-seal bila diatur).",
    },
    "report.bad_format": {
        "en": "{file}: the report format is chosen by the file name; use .html or .pdf.",
        "id": "{file}: format laporan ditentukan oleh nama berkas; gunakan .html atau .pdf.",
    },
    "report.written": {"en": "Report written to {file}.", "id": "Laporan ditulis ke {file}."},
}
