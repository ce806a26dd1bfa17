"""Messages: the gateway-compatible signing API (issue 14): client applications, officers'
NIKs, ``esign serve --api``.

The API's own answers (``User tidak terdaftar``, ``Passphrase anda salah``, ...) are the
national gateway's words, which client applications compare; they live with the routes in
:mod:`esign.web.gateway`, not here.
"""

MESSAGES: dict[str, dict[str, str]] = {
    # --- esign api-client ---------------------------------------------------------------
    "help.api_client": {
        "en": "Client applications allowed to call the signing API (esign serve --api).",
        "id": "Aplikasi klien yang boleh memanggil API penandatanganan (esign serve --api).",
    },
    "short.api_client": {
        "en": "Client applications of the signing API.",
        "id": "Aplikasi klien API penandatanganan.",
    },
    "help.api_client.add": {
        "en": "Record a client application and its password (HTTP Basic): esign api-client "
        "add srikandi --password-file srikandi.pass. Without --password-file the password is "
        "asked twice; only a salted scrypt hash of it is kept.",
        "id": "Catat aplikasi klien beserta kata sandinya (HTTP Basic): esign api-client add "
        "srikandi --password-file srikandi.pass. Tanpa --password-file kata sandi ditanyakan "
        "dua kali; yang disimpan hanya hash scrypt bergaram.",
    },
    "short.api_client.add": {
        "en": "Record a client application.",
        "id": "Catat aplikasi klien.",
    },
    "help.api_client.list": {
        "en": "List the client applications (names and when they were added; never passwords).",
        "id": "Tampilkan aplikasi klien (nama dan kapan dicatat; kata sandi tidak pernah).",
    },
    "short.api_client.list": {
        "en": "List the client applications.",
        "id": "Tampilkan aplikasi klien.",
    },
    "help.api_client.remove": {
        "en": "Remove a client application: its next call is refused (401).",
        "id": "Hapus aplikasi klien: panggilan berikutnya ditolak (401).",
    },
    "short.api_client.remove": {
        "en": "Remove a client application.",
        "id": "Hapus aplikasi klien.",
    },
    "help.opt.password_file": {
        "en": "Read the client's password from the first line of this file (never from the "
        "command line).",
        "id": "Baca kata sandi klien dari baris pertama berkas ini (tidak pernah dari baris "
        "perintah).",
    },
    "gateway.password_prompt": {
        "en": "Password for client application '{name}'",
        "id": "Kata sandi untuk aplikasi klien '{name}'",
    },
    "gateway.password_what": {
        "en": "the password of client application '{name}'",
        "id": "kata sandi aplikasi klien '{name}'",
    },
    "gateway.client_added": {
        "en": "Client application '{name}' recorded; it signs in to the API with HTTP Basic "
        "as '{name}'.",
        "id": "Aplikasi klien '{name}' dicatat; aplikasi ini masuk ke API dengan HTTP Basic "
        "sebagai '{name}'.",
    },
    "gateway.client_removed": {
        "en": "Client application '{name}' removed; its calls are refused from now on.",
        "id": "Aplikasi klien '{name}' dihapus; panggilannya ditolak mulai sekarang.",
    },
    "gateway.no_clients": {
        "en": "No client applications yet: add one with esign api-client add NAME.",
        "id": "Belum ada aplikasi klien: tambahkan dengan esign api-client add NAMA.",
    },
    "gateway.client_line": {
        "en": "{name}  (added {when})",
        "id": "{name}  (dicatat {when})",
    },
    "gateway.client_exists": {
        "en": "A client application named '{name}' already exists; choose another name or "
        "remove it first with esign api-client remove {name}.",
        "id": "Aplikasi klien bernama '{name}' sudah ada; pilih nama lain atau hapus dulu "
        "dengan esign api-client remove {name}.",
    },
    "gateway.client_unknown": {
        "en": "There is no client application named '{name}'; see esign api-client list.",
        "id": "Tidak ada aplikasi klien bernama '{name}'; lihat esign api-client list.",
    },
    "gateway.client_short": {
        "en": "The client's password is too short: use at least {min} characters.",
        "id": "Kata sandi klien terlalu pendek: gunakan paling sedikit {min} karakter.",
    },
    # --- esign cert set-nik -------------------------------------------------------------
    "help.cert.set_nik": {
        "en": "Record the NIK (16 digits) the office's applications name an officer by: "
        "esign cert set-nik budi 3509120101870001. --clear removes it.",
        "id": "Catat NIK (16 digit) yang dipakai aplikasi kantor untuk menyebut seorang "
        "pejabat: esign cert set-nik budi 3509120101870001. --clear menghapusnya.",
    },
    "short.cert.set_nik": {
        "en": "Record an officer's NIK.",
        "id": "Catat NIK seorang pejabat.",
    },
    "help.opt.clear_nik": {
        "en": "Remove the officer's NIK instead of setting one.",
        "id": "Hapus NIK pejabat alih-alih mencatatnya.",
    },
    "gateway.nik_needed": {
        "en": "Give the NIK (16 digits), or --clear to remove it.",
        "id": "Berikan NIK (16 digit), atau --clear untuk menghapusnya.",
    },
    "gateway.nik_set": {
        "en": "NIK {nik} recorded for '{id}'; the API now signs as '{id}' for this NIK.",
        "id": "NIK {nik} dicatat untuk '{id}'; API kini menandatangani sebagai '{id}' untuk "
        "NIK ini.",
    },
    "gateway.nik_cleared": {
        "en": "The NIK of '{id}' was removed; the API no longer signs as '{id}'.",
        "id": "NIK milik '{id}' dihapus; API tidak lagi menandatangani sebagai '{id}'.",
    },
    "gateway.nik_taken": {
        "en": "NIK {nik} is already recorded for '{other}'; remove it there first with "
        "esign cert set-nik {other} --clear.",
        "id": "NIK {nik} sudah tercatat untuk '{other}'; hapus dulu di sana dengan "
        "esign cert set-nik {other} --clear.",
    },
    "gateway.nik_person_only": {
        "en": "'{id}' is a {kind} certificate; a NIK belongs to a person's certificate.",
        "id": "'{id}' adalah sertifikat {kind}; NIK hanya untuk sertifikat perorangan.",
    },
}
