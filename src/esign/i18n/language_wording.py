"""Messages: click's own strings and operating-system errors in the user's language (issue 15).

``click.*`` entries are keyed by click's own English text (its gettext message id: the
``"en"`` text must stay exactly click's, see :mod:`esign.cli.click_i18n`); ``oserror.*`` are
operating-system errors by errno name, for :func:`esign.i18n.os_error`.
"""

MESSAGES: dict[str, dict[str, str]] = {
    # --- click: help ------------------------------------------------------------------
    "click.usage": {"en": "Usage:", "id": "Penggunaan:"},
    "click.options": {"en": "Options", "id": "Opsi"},
    "click.commands": {"en": "Commands", "id": "Perintah"},
    "click.positional": {"en": "Positional arguments", "id": "Argumen posisi"},
    "click.help_option": {
        "en": "Show this message and exit.",
        "id": "Tampilkan pesan ini lalu keluar.",
    },
    "click.version_option": {
        "en": "Show the version and exit.",
        "id": "Tampilkan versi lalu keluar.",
    },
    "click.default": {"en": "default: {default}", "id": "bawaan: {default}"},
    "click.required": {"en": "required", "id": "wajib"},
    "click.env_var": {"en": "env var: {var}", "id": "variabel lingkungan: {var}"},
    "click.dynamic": {"en": "(dynamic)", "id": "(dinamis)"},
    "click.deprecated": {"en": "deprecated", "id": "usang"},
    "click.choose_from": {"en": "Choose from:\n\t{choices}", "id": "Pilih dari:\n\t{choices}"},
    "click.version": {"en": "%(prog)s, version %(version)s", "id": "%(prog)s, versi %(version)s"},
    "usage.options": {"en": "[OPTIONS]", "id": "[OPSI]"},
    "usage.command": {"en": "COMMAND [ARGS]...", "id": "PERINTAH [ARGUMEN]..."},
    # --- click: errors ----------------------------------------------------------------
    "click.error": {"en": "Error: {message}", "id": "Kesalahan: {message}"},
    "click.try_help": {
        "en": "Try '{command} {option}' for help.",
        "id": "Lihat '{command} {option}' untuk bantuan.",
    },
    "click.aborted": {"en": "Aborted!", "id": "Dibatalkan."},
    "click.missing_argument": {"en": "Missing argument", "id": "Argumen belum diisi"},
    "click.missing_option": {"en": "Missing option", "id": "Opsi belum diisi"},
    "click.missing_parameter": {"en": "Missing parameter", "id": "Parameter belum diisi"},
    "click.missing_param_type": {
        "en": "Missing {param_type}",
        "id": "{param_type} belum diisi",
    },
    "click.missing_parameter_named": {
        "en": "Missing parameter: {param_name}",
        "id": "Parameter belum diisi: {param_name}",
    },
    "click.missing_command": {"en": "Missing command.", "id": "Perintah belum diberikan."},
    "click.no_such_option": {
        "en": "No such option {name!r}.",
        "id": "Tidak ada opsi {name!r}.",
    },
    "click.no_such_command": {
        "en": "No such command {name!r}.",
        "id": "Tidak ada perintah {name!r}.",
    },
    "click.did_you_mean": {
        "en": "Did you mean {possibility}?",
        "id": "Maksud Anda {possibility}?",
    },
    "click.did_you_mean_any": {
        "en": "(Did you mean one of: {possibilities}?)",
        "id": "(Maksud Anda salah satu dari: {possibilities}?)",
    },
    "click.invalid_value_for": {
        "en": "Invalid value for {param_hint}: {message}",
        "id": "Nilai tidak sah untuk {param_hint}: {message}",
    },
    "click.invalid_value": {"en": "Invalid value: {message}", "id": "Nilai tidak sah: {message}"},
    "click.unknown_error": {"en": "unknown error", "id": "kesalahan yang tidak diketahui"},
    "click.could_not_open": {
        "en": "Could not open file {filename!r}: {message}",
        "id": "Berkas {filename!r} tidak dapat dibuka: {message}",
    },
    "click.extra_argument": {
        "en": "Got unexpected extra argument ({args})",
        "id": "Ada argumen lebih yang tidak diharapkan ({args})",
    },
    "click.extra_arguments": {
        "en": "Got unexpected extra arguments ({args})",
        "id": "Ada argumen lebih yang tidak diharapkan ({args})",
    },
    "click.option_needs_value": {
        "en": "Option {name!r} requires an argument.",
        "id": "Opsi {name!r} memerlukan nilai.",
    },
    "click.option_needs_values": {
        "en": "Option {name!r} requires {nargs} arguments.",
        "id": "Opsi {name!r} memerlukan {nargs} nilai.",
    },
    "click.option_no_value": {
        "en": "Option {name!r} does not take a value.",
        "id": "Opsi {name!r} tidak menerima nilai.",
    },
    "click.argument_nargs": {
        "en": "Argument {name!r} takes {nargs} values.",
        "id": "Argumen {name!r} menerima {nargs} nilai.",
    },
    "click.not_choice": {
        "en": "{value!r} is not {choice}.",
        "id": "{value!r} bukan {choice}.",
    },
    "click.not_one_of": {
        "en": "{value!r} is not one of {choices}.",
        "id": "{value!r} bukan salah satu dari {choices}.",
    },
    "click.not_in_range": {
        "en": "{value} is not in the range {range}.",
        "id": "{value} di luar rentang {range}.",
    },
    "click.not_number": {
        "en": "{value!r} is not a valid {number_type}.",
        "id": "{value!r} bukan {number_type} yang sah.",
    },
    "click.not_boolean": {
        "en": "{value!r} is not a valid boolean. Recognized values: {states}",
        "id": "{value!r} bukan nilai ya/tidak yang sah. Nilai yang dikenali: {states}",
    },
    "click.not_format": {
        "en": "{value!r} does not match the format {format}.",
        "id": "{value!r} tidak sesuai format {format}.",
    },
    "click.not_formats": {
        "en": "{value!r} does not match the formats {formats}.",
        "id": "{value!r} tidak sesuai format {formats}.",
    },
    "click.path_missing": {
        "en": "{name} {filename!r} does not exist.",
        "id": "{name} {filename!r} tidak ada.",
    },
    "click.path_is_file": {
        "en": "{name} {filename!r} is a file.",
        "id": "{name} {filename!r} adalah berkas, bukan folder.",
    },
    "click.path_is_dir": {
        "en": "{name} {filename!r} is a directory.",
        "id": "{name} {filename!r} adalah folder, bukan berkas.",
    },
    "click.path_unreadable": {
        "en": "{name} {filename!r} is not readable.",
        "id": "{name} {filename!r} tidak dapat dibaca.",
    },
    "click.path_unwritable": {
        "en": "{name} {filename!r} is not writable.",
        "id": "{name} {filename!r} tidak dapat ditulisi.",
    },
    "click.path_not_executable": {
        "en": "{name} {filename!r} is not executable.",
        "id": "{name} {filename!r} tidak dapat dijalankan.",
    },
    "click.file": {"en": "file", "id": "berkas"},
    "click.directory": {"en": "directory", "id": "folder"},
    "click.path": {"en": "path", "id": "jalur"},
    # --- click: prompts ---------------------------------------------------------------
    "click.repeat": {"en": "Repeat for confirmation", "id": "Ulangi untuk konfirmasi"},
    "click.no_match": {
        "en": "Error: The two entered values do not match.",
        "id": "Kesalahan: kedua isian tidak sama.",
    },
    "click.invalid_input": {"en": "Error: invalid input", "id": "Kesalahan: isian tidak sah"},
    "click.continue": {"en": "Do you want to continue?", "id": "Lanjutkan?"},
    "click.press_key": {
        "en": "Press any key to continue...",
        "id": "Tekan tombol apa saja untuk melanjutkan...",
    },
    # --- operating-system errors, by errno ---------------------------------------------
    "oserror.enoent": {"en": "no such file or folder", "id": "berkas atau folder tidak ada"},
    "oserror.eacces": {"en": "permission denied", "id": "akses ditolak"},
    "oserror.eperm": {"en": "operation not permitted", "id": "tindakan tidak diizinkan"},
    "oserror.eisdir": {"en": "it is a folder", "id": "itu sebuah folder"},
    "oserror.enotdir": {"en": "not a folder", "id": "bukan folder"},
    "oserror.eexist": {"en": "it already exists", "id": "sudah ada"},
    "oserror.enospc": {"en": "the disk is full", "id": "disk penuh"},
    "oserror.erofs": {"en": "read-only file system", "id": "sistem berkas hanya-baca"},
    "oserror.eio": {"en": "input/output error", "id": "kesalahan baca/tulis"},
    "oserror.econnrefused": {
        "en": "the connection was refused (is the server running?)",
        "id": "sambungan ditolak (apakah servernya berjalan?)",
    },
    "oserror.econnreset": {
        "en": "the connection was closed by the other side",
        "id": "sambungan diputus oleh pihak lain",
    },
    "oserror.etimedout": {"en": "the connection timed out", "id": "waktu sambungan habis"},
    "oserror.ehostunreach": {
        "en": "the host cannot be reached",
        "id": "host tidak dapat dijangkau",
    },
    "oserror.enetunreach": {
        "en": "the network cannot be reached",
        "id": "jaringan tidak dapat dijangkau",
    },
    "oserror.eaddrinuse": {
        "en": "the address is already in use",
        "id": "alamat sudah dipakai",
    },
    "oserror.eaddrnotavail": {
        "en": "the address is not available on this machine",
        "id": "alamat tidak tersedia di mesin ini",
    },
    # --- wording ----------------------------------------------------------------------
    "help.opt.version": {"en": "Show the version and exit.", "id": "Tampilkan versi lalu keluar."},
    # --- one-line command summaries in --help (at most 45 characters: click's cut) ---
    "short.ca.crl": {
        "en": "Write the CA's current CRL (DER).",
        "id": "Menulis CRL terkini dari CA (DER).",
    },
    "short.ca.services": {
        "en": "Certificates of the TSA and OCSP responder.",
        "id": "Sertifikat TSA dan penjawab OCSP.",
    },
    "short.cert.export": {
        "en": "Write a certificate (PEM) or a .p12.",
        "id": "Menulis sertifikat (PEM) atau .p12.",
    },
    "short.cert.import": {
        "en": "Import a .p12/.pfx from another provider.",
        "id": "Mengimpor .p12/.pfx dari penyelenggara lain.",
    },
    "short.cert.issue": {
        "en": "Issue a certificate and key from the CA.",
        "id": "Menerbitkan sertifikat dan kunci dari CA.",
    },
    "short.cert.rank": {
        "en": "Show or change an officer's rank.",
        "id": "Tampilkan atau ubah pangkat/golongan.",
    },
    "short.cert.revoke": {
        "en": "Revoke a certificate and publish a new CRL.",
        "id": "Mencabut sertifikat, menerbitkan CRL baru.",
    },
    "short.config": {"en": "Settings (config.toml).", "id": "Pengaturan (config.toml)."},
    "short.config.list": {
        "en": "Every setting and where it comes from.",
        "id": "Semua pengaturan dan asal nilainya.",
    },
    "short.extend": {
        "en": "Upgrade a signed letter to B-LT or B-LTA.",
        "id": "Meningkatkan surat ke B-LT atau B-LTA.",
    },
    "short.fields": {
        "en": "Empty signature fields and the signing order.",
        "id": "Kolom tanda tangan kosong dan urutannya.",
    },
    "short.fields.add": {
        "en": "Reserve an empty signature field.",
        "id": "Siapkan kolom tanda tangan kosong.",
    },
    "short.fields.list": {
        "en": "List signature fields and their order.",
        "id": "Daftar kolom tanda tangan dan urutannya.",
    },
    "short.init": {"en": "Create the certificate store.", "id": "Membuat penyimpanan sertifikat."},
    "short.log": {
        "en": "Show or check the audit log.",
        "id": "Menampilkan atau memeriksa log audit.",
    },
    "short.log.anchor": {
        "en": "Record the log's head in the store.",
        "id": "Mencatat kepala log di penyimpanan.",
    },
    "short.log.head": {
        "en": "Print the log's head (HASH:COUNT).",
        "id": "Mencetak kepala log (HASH:JUMLAH).",
    },
    "short.serve": {
        "en": "Run the TSA, OCSP and CRL services (HTTP).",
        "id": "Menjalankan TSA, OCSP dan CRL lewat HTTP.",
    },
    "short.sign": {
        "en": "Sign PDF letters (PAdES B-B to B-LTA).",
        "id": "Menandatangani surat PDF (PAdES).",
    },
    "short.store": {
        "en": "Store administration (copy to PostgreSQL).",
        "id": "Mengelola penyimpanan (salin ke PostgreSQL).",
    },
    "short.store.copy": {
        "en": "Copy a whole store and check the copy.",
        "id": "Salin penyimpanan dan periksa salinannya.",
    },
    "short.timestamp": {
        "en": "Add a document timestamp to a PDF.",
        "id": "Menambahkan cap waktu dokumen ke PDF.",
    },
    "short.trust": {
        "en": "Roots this store trusts when verifying.",
        "id": "Root tepercaya penyimpanan ini.",
    },
    "short.trust.add": {
        "en": "Trust a root or CA certificate (PEM/DER).",
        "id": "Mempercayai root atau CA (PEM/DER).",
    },
    "short.trust.remove": {"en": "Stop trusting a root.", "id": "Berhenti mempercayai root."},
    "short.verify_qr": {
        "en": "Check a printed letter's QR or its code.",
        "id": "Periksa QR surat tercetak atau kodenya.",
    },
}
