"""Messages: command and option help."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- command help ---------------------------------------------------------------
    "help.root": {
        "en": "Sign, verify and timestamp PDF letters with PAdES electronic signatures.\n\n"
        "Start with `esign init`, `esign ca create` and `esign cert issue`; then "
        "`esign sign letter.pdf` and `esign verify letter.signed.pdf`.",
        "id": "Menandatangani, memverifikasi, dan memberi cap waktu surat PDF dengan "
        "tanda tangan elektronik PAdES.\n\nMulai dengan `esign init`, `esign ca create` "
        "dan `esign cert issue`; lalu `esign sign surat.pdf` dan "
        "`esign verify surat.signed.pdf`.",
    },
    "help.init": {
        "en": "Create the certificate store (ESIGN_HOME or the platform data folder).",
        "id": "Membuat penyimpanan sertifikat (ESIGN_HOME atau folder data platform).",
    },
    "help.ca": {
        "en": "The office's own certificate authority.",
        "id": "Otoritas sertifikat milik kantor.",
    },
    "help.ca.create": {
        "en": "Create the office's root CA and trust it. Asks for a new passphrase.",
        "id": "Membuat CA root kantor dan mempercayainya. Meminta frasa sandi baru.",
    },
    "help.ca.show": {
        "en": "Show the store's CA certificate.",
        "id": "Menampilkan sertifikat CA penyimpanan.",
    },
    "help.cert": {
        "en": "Officer and institution-seal certificates.",
        "id": "Sertifikat pejabat dan segel instansi.",
    },
    "help.cert.issue": {
        "en": "Issue a certificate and key to an officer (or a seal) from the store's CA.",
        "id": "Menerbitkan sertifikat dan kunci untuk pejabat (atau segel) dari CA penyimpanan.",
    },
    "help.cert.list": {
        "en": "List the certificates in the store.",
        "id": "Menampilkan daftar sertifikat di penyimpanan.",
    },
    "help.cert.show": {
        "en": "Show one certificate.",
        "id": "Menampilkan satu sertifikat.",
    },
    "help.cert.export": {
        "en": "Write a certificate as PEM (stdout or -o), or with --p12 the key too.",
        "id": "Menulis sertifikat sebagai PEM (stdout atau -o), atau dengan --p12 "
        "beserta kuncinya.",
    },
    "help.cert.import": {
        "en": "Import a PKCS#12 (.p12/.pfx) from another provider (BSrE, Peruri, ...).",
        "id": "Mengimpor PKCS#12 (.p12/.pfx) dari penyelenggara lain (BSrE, Peruri, ...).",
    },
    "help.trust": {
        "en": "Roots this store trusts when verifying.",
        "id": "Root yang dipercaya penyimpanan ini saat verifikasi.",
    },
    "help.trust.add": {
        "en": "Trust a root or CA certificate (PEM or DER file).",
        "id": "Mempercayai sertifikat root atau CA (berkas PEM atau DER).",
    },
    "help.trust.list": {
        "en": "List trusted roots.",
        "id": "Menampilkan daftar root tepercaya.",
    },
    "help.trust.remove": {
        "en": "Stop trusting a root (give at least 8 hex digits of its fingerprint).",
        "id": "Berhenti mempercayai root (berikan minimal 8 digit heksa sidik jarinya).",
    },
    "help.verify": {
        "en": "Verify the signatures in PDF files. Exit 0 only when every signature is "
        "valid and trusted.",
        "id": "Memverifikasi tanda tangan dalam berkas PDF. Keluar 0 hanya bila semua "
        "tanda tangan sah dan tepercaya.",
    },
    "help.config": {
        "en": "Settings (config.toml): signer, reason, location, lang, timezone, base-url.",
        "id": "Pengaturan (config.toml): signer, reason, location, lang, timezone, base-url.",
    },
    "help.config.get": {"en": "Print one setting.", "id": "Menampilkan satu pengaturan."},
    "help.config.set": {"en": "Change one setting.", "id": "Mengubah satu pengaturan."},
    "help.config.unset": {
        "en": "Remove one setting from the file.",
        "id": "Menghapus satu pengaturan dari berkas.",
    },
    "help.config.list": {
        "en": "Show every setting and where its value comes from.",
        "id": "Menampilkan semua pengaturan dan asal nilainya.",
    },
    # --- option help ------------------------------------------------------------------
    "help.opt.lang": {
        "en": "Language of messages: en or id (default: ESIGN_LANG, then the locale).",
        "id": "Bahasa pesan: en atau id (bawaan: ESIGN_LANG, lalu locale).",
    },
    "help.opt.verbose": {
        "en": "Show debug logs and tracebacks (-vv for more).",
        "id": "Tampilkan log debug dan traceback (-vv untuk lebih rinci).",
    },
    "help.opt.nonint": {
        "en": "Never prompt; fail when a passphrase is missing (ESIGN_NON_INTERACTIVE).",
        "id": "Jangan pernah bertanya; gagal bila frasa sandi tidak ada (ESIGN_NON_INTERACTIVE).",
    },
    "help.opt.passphrase_file": {
        "en": "Read the key's passphrase from this file (else ESIGN_PASSPHRASE, else a prompt).",
        "id": "Baca frasa sandi kunci dari berkas ini (selain itu ESIGN_PASSPHRASE, lalu "
        "ditanyakan).",
    },
    "help.opt.ca_pass": {
        "en": "Read the CA key's passphrase from this file (else ESIGN_CA_PASSPHRASE, "
        "else a prompt).",
        "id": "Baca frasa sandi kunci CA dari berkas ini (selain itu ESIGN_CA_PASSPHRASE, "
        "lalu ditanyakan).",
    },
    "help.opt.json": {
        "en": "Print JSON for scripts instead of a table.",
        "id": "Cetak JSON untuk skrip, bukan tabel.",
    },
    "help.opt.ca_name": {
        "en": 'Name of the CA, e.g. "Dinas Kominfo Kab. Jember Root CA".',
        "id": 'Nama CA, misalnya "Dinas Kominfo Kab. Jember Root CA".',
    },
    "help.opt.org": {"en": "Organization (instansi).", "id": "Instansi."},
    "help.opt.id": {
        "en": "Short id in the store (letters, digits, . _ -).",
        "id": "Id singkat di penyimpanan (huruf, angka, . _ -).",
    },
    "help.opt.key": {"en": "Key algorithm and size.", "id": "Algoritma dan ukuran kunci."},
    "help.opt.base_url": {
        "en": "The office's base URL for CRL/OCSP/TSA (saved as the base-url setting).",
        "id": "Alamat dasar kantor untuk CRL/OCSP/TSA (disimpan sebagai pengaturan base-url).",
    },
    "help.opt.name": {
        "en": "Full name with titles, or the institution's name for a seal.",
        "id": "Nama lengkap dengan gelar, atau nama instansi untuk segel.",
    },
    "help.opt.nip": {
        "en": "NIP, 18 digits (spaces allowed).",
        "id": "NIP, 18 digit (boleh berspasi).",
    },
    "help.opt.title": {"en": "Position (jabatan).", "id": "Jabatan."},
    "help.opt.unit": {"en": "Unit (bidang/bagian).", "id": "Unit kerja (bidang/bagian)."},
    "help.opt.email": {"en": "E-mail address.", "id": "Alamat surel."},
    "help.opt.city": {"en": "City (locality).", "id": "Kota (lokasi)."},
    "help.opt.kind": {
        "en": "person (an officer) or seal (the institution's e-seal).",
        "id": "person (pejabat) atau seal (segel elektronik instansi).",
    },
    "help.opt.out": {"en": "Output file.", "id": "Berkas keluaran."},
    "help.opt.p12": {
        "en": "Export key + certificate + chain as PKCS#12, protected by the key's "
        "passphrase (needs -o).",
        "id": "Ekspor kunci + sertifikat + rantai sebagai PKCS#12, dilindungi frasa sandi "
        "kunci (perlu -o).",
    },
    "help.opt.chain": {
        "en": "Include the issuer certificates.",
        "id": "Sertakan sertifikat penerbit.",
    },
    "help.opt.force": {
        "en": "Replace an existing output file.",
        "id": "Timpa berkas keluaran yang sudah ada.",
    },
    "help.opt.trust_root": {
        "en": "Also trust the root certificate included in the file.",
        "id": "Percayai juga sertifikat root yang ada di dalam berkas.",
    },
    "help.opt.in_place": {
        "en": "Replace the input file (atomically) instead of writing a new file beside it.",
        "id": "Ganti berkas masukan (secara atomik), bukan menulis berkas baru di sebelahnya.",
    },
    "help.opt.signer": {
        "en": "Id of the signing certificate (default: the signer setting, or the only one).",
        "id": "Id sertifikat penanda tangan (bawaan: pengaturan signer, atau satu-satunya "
        "yang ada).",
    },
    "help.opt.reason": {
        "en": "/Reason statement (default, in Indonesian: signed electronically by "
        "POSITION (NAME - NIP. NIP)).",
        "id": "Pernyataan /Reason (bawaan: ditandatangani secara elektronik oleh JABATAN "
        "(NAMA - NIP. NIP)).",
    },
    "help.opt.location": {
        "en": "/Location, e.g. the office's city.",
        "id": "/Location, misalnya kota kantor.",
    },
    "help.opt.field": {
        "en": "Signature field to sign (default: a new SignatureN field).",
        "id": "Kolom tanda tangan yang diisi (bawaan: kolom baru SignatureN).",
    },
    "help.opt.trust": {
        "en": "Also trust this root certificate (PEM/DER); may be repeated.",
        "id": "Percayai juga sertifikat root ini (PEM/DER); boleh diulang.",
    },
    "help.opt.no_store": {
        "en": "Do not use the store's trust anchors (only --trust).",
        "id": "Jangan gunakan root tepercaya penyimpanan ini (hanya --trust).",
    },
    "out.p12_needs_file": {
        "en": "--p12 writes a file: name it with -o FILE.p12.",
        "id": "--p12 menulis berkas: beri nama dengan -o BERKAS.p12.",
    },
    "help.commands_heading": {"en": "Commands", "id": "Perintah"},
}
