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
    "help.opt.nik": {
        "en": "The officer's NIK (16 digits), for the signing API (esign cert set-nik later).",
        "id": "NIK pejabat (16 digit), untuk API penandatanganan (nanti: esign cert set-nik).",
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
    # --- the API's own answers (those the national gateway has no words for) ------------
    "gateway.unknown_nik": {
        "en": "No officer of this office has that NIK; record it with esign cert set-nik.",
        "id": "Tidak ada pejabat kantor ini dengan NIK tersebut; catat dengan esign cert set-nik.",
    },
    "gateway.not_issued": {
        "en": "The officer's certificate has status {status}; only ISSUE can sign.",
        "id": "Sertifikat pejabat berstatus {status}; hanya status ISSUE yang dapat "
        "menandatangani.",
    },
    "gateway.api.no_file": {
        "en": "Send the PDF in the form field '{field}'.",
        "id": "Kirim berkas PDF pada isian formulir '{field}'.",
    },
    "gateway.api.not_pdf": {
        "en": "The file in '{field}' is not a PDF.",
        "id": "Berkas pada '{field}' bukan PDF.",
    },
    "gateway.api.no_passphrase": {
        "en": "Send the signer's passphrase in the field 'passphrase'.",
        "id": "Kirim passphrase penanda tangan pada isian 'passphrase'.",
    },
    "gateway.api.bad_field": {
        "en": "The field '{field}' has a value this service does not take: {detail}.",
        "id": "Isian '{field}' berisi nilai yang tidak diterima layanan ini: {detail}.",
    },
    "gateway.api.corner": {
        "en": "width and height are the upper-right corner (x, y) of the box, so they must be "
        "larger than xAxis and yAxis",
        "id": "width dan height adalah sudut kanan atas (x, y) kotak, jadi harus lebih besar "
        "dari xAxis dan yAxis",
    },
    "gateway.api.text": {
        "en": "a text",
        "id": "sebuah teks",
    },
    "gateway.api.image_base64": {
        "en": "a PNG or JPEG picture in base64",
        "id": "gambar PNG atau JPEG dalam base64",
    },
    "gateway.api.size": {
        "en": "width and height are the size of the box and must be above 0",
        "id": "width dan height adalah ukuran kotak dan harus lebih dari 0",
    },
    "gateway.api.totp": {
        "en": "This service signs with the officer's passphrase, not a TOTP; send 'passphrase'.",
        "id": "Layanan ini menandatangani dengan passphrase pejabat, bukan TOTP; kirim "
        "'passphrase'.",
    },
    "gateway.api.max_files": {
        "en": "at most {max} files in one request",
        "id": "paling banyak {max} berkas dalam satu permintaan",
    },
    "gateway.api.props": {
        "en": "one entry for every file, or one entry per file",
        "id": "satu entri untuk semua berkas, atau satu entri per berkas",
    },
    "gateway.api.choices": {
        "en": "one of {choices}",
        "id": "salah satu dari {choices}",
    },
    "gateway.api.number": {
        "en": "a number",
        "id": "sebuah angka",
    },
    "gateway.api.image_needed": {
        "en": "image=true needs the specimen in 'imageTTD'",
        "id": "image=true memerlukan gambar spesimen pada 'imageTTD'",
    },
    "gateway.api.link": {
        "en": "an http:// or https:// address",
        "id": "alamat http:// atau https://",
    },
    "gateway.api.too_long": {
        "en": "at most {max} characters",
        "id": "paling banyak {max} karakter",
    },
    "gateway.api.too_large": {
        "en": "The request is larger than {mb} MB; send a smaller file.",
        "id": "Permintaan lebih besar dari {mb} MB; kirim berkas yang lebih kecil.",
    },
    "gateway.api.bad_form": {
        "en": "Send the request as multipart/form-data.",
        "id": "Kirim permintaan sebagai multipart/form-data.",
    },
    "gateway.api.bad_json": {
        "en": "Send the request as a JSON object.",
        "id": "Kirim permintaan sebagai objek JSON.",
    },
    "gateway.api.unauthorized": {
        "en": "Sign in with the client application's name and password (HTTP Basic).",
        "id": "Masuk dengan nama dan kata sandi aplikasi klien (HTTP Basic).",
    },
    "gateway.api.rate": {
        "en": "Too many requests; try again in {seconds} seconds.",
        "id": "Terlalu banyak permintaan; coba lagi dalam {seconds} detik.",
    },
    "gateway.api.busy": {
        "en": "The signing service is busy; try again in a moment.",
        "id": "Layanan penandatanganan sedang sibuk; coba lagi sebentar lagi.",
    },
    "gateway.api.internal": {
        "en": "The signing service failed on this request; the office's administrator finds "
        "the details in the service's log.",
        "id": "Layanan penandatanganan gagal memproses permintaan ini; administrator kantor "
        "dapat melihat rinciannya di log layanan.",
    },
    "gateway.api.not_found": {
        "en": "There is no such address in this API.",
        "id": "Alamat tersebut tidak ada di API ini.",
    },
    "gateway.api.method": {
        "en": "This address does not take that method.",
        "id": "Alamat ini tidak menerima metode tersebut.",
    },
    # --- esign serve --api --------------------------------------------------------------
    "help.opt.api": {
        "en": "Also serve the BSrE-compatible signing API (docs/api.md) for the office's "
        "applications.",
        "id": "Layani juga API penandatanganan yang kompatibel dengan BSrE (docs/api.md) untuk "
        "aplikasi kantor.",
    },
    "help.opt.api_host": {
        "en": "Address the signing API listens on (put a TLS reverse proxy in front of it).",
        "id": "Alamat tempat API penandatanganan menerima permintaan (pasang reverse proxy TLS "
        "di depannya).",
    },
    "help.opt.api_port": {
        "en": "Port of the signing API.",
        "id": "Port API penandatanganan.",
    },
    "help.opt.api_max_mb": {
        "en": "Largest request the signing API reads, in MB.",
        "id": "Permintaan terbesar yang dibaca API penandatanganan, dalam MB.",
    },
    "help.opt.api_rate": {
        "en": "Calls per minute each client application may make (more are answered 429).",
        "id": "Jumlah panggilan per menit untuk tiap aplikasi klien (selebihnya dijawab 429).",
    },
    "help.opt.api_level": {
        "en": "PAdES level of the API's signatures (B-T and up use the TSA setting).",
        "id": "Level PAdES tanda tangan dari API (B-T ke atas memakai pengaturan TSA).",
    },
    "help.opt.api_footer": {
        "en": "Add the e-signature footer line to every page of letters signed through the "
        "API (first signature only).",
        "id": "Tambahkan tulisan tanda tangan elektronik di kaki setiap halaman surat yang "
        "ditandatangani lewat API (hanya tanda tangan pertama).",
    },
    "gateway.listening": {
        "en": "Signing API (BSrE-compatible) at {url}/api/sign/pdf",
        "id": "API penandatanganan (kompatibel BSrE) di {url}/api/sign/pdf",
    },
    "gateway.bind": {
        "en": "The signing API cannot listen on {host}:{port}: {detail}. Choose another "
        "--api-port.",
        "id": "API penandatanganan tidak dapat dijalankan di {host}:{port}: {detail}. Pilih "
        "--api-port lain.",
    },
    "gateway.no_clients_serve": {
        "en": "No client application is recorded, so every API call is refused: add one with "
        "esign api-client add NAME.",
        "id": "Belum ada aplikasi klien yang dicatat, jadi setiap panggilan API ditolak: "
        "tambahkan dengan esign api-client add NAMA.",
    },
    # --- esign sign --backend bsre -------------------------------------------------------
    "help.opt.backend": {
        "en": "Where the letter is signed: local (this store's key) or bsre (the office's BSrE "
        "gateway: the settings bsre-url, bsre-user, bsre-nik and ESIGN_BSRE_PASSWORD).",
        "id": "Tempat surat ditandatangani: local (kunci di penyimpanan ini) atau bsre (gateway "
        "BSrE kantor: pengaturan bsre-url, bsre-user, bsre-nik dan ESIGN_BSRE_PASSWORD).",
    },
    "setting.bsre_url": {
        "en": "the office's BSrE gateway (sign --backend bsre)",
        "id": "gateway BSrE kantor (sign --backend bsre)",
    },
    "setting.bsre_user": {
        "en": "client user name at the BSrE gateway (password: ESIGN_BSRE_PASSWORD)",
        "id": "nama pengguna klien di gateway BSrE (kata sandi: ESIGN_BSRE_PASSWORD)",
    },
    "setting.bsre_nik": {
        "en": "the signer's NIK at the BSrE gateway",
        "id": "NIK penanda tangan di gateway BSrE",
    },
    "bsre.settings_missing": {
        "en": "Signing at the BSrE gateway needs {missing}: set them with esign config set (the "
        "password only in ESIGN_BSRE_PASSWORD).",
        "id": "Penandatanganan di gateway BSrE memerlukan {missing}: atur dengan esign config "
        "set (kata sandi hanya lewat ESIGN_BSRE_PASSWORD).",
    },
    "bsre.not_with": {
        "en": "--backend bsre signs one letter as the gateway does; it does not take {options}.",
        "id": "--backend bsre menandatangani satu surat sesuai cara gateway; opsi {options} "
        "tidak dapat dipakai.",
    },
    "bsre.one_file": {
        "en": "--backend bsre signs one letter at a time: give one PDF file.",
        "id": "--backend bsre menandatangani satu surat setiap kali: berikan satu berkas PDF.",
    },
    "bsre.consent": {
        "en": "Send {file} to the BSrE gateway {url} to be signed as NIK {nik}.",
        "id": "Kirim {file} ke gateway BSrE {url} untuk ditandatangani sebagai NIK {nik}.",
    },
    "bsre.pass_prompt": {
        "en": "BSrE passphrase of NIK {nik}",
        "id": "Passphrase BSrE untuk NIK {nik}",
    },
    "bsre.pass_what": {
        "en": "the BSrE passphrase of NIK {nik}",
        "id": "passphrase BSrE untuk NIK {nik}",
    },
    "bsre.done": {
        "en": "Signed {input} at the BSrE gateway {url} as {signer}: {output}",
        "id": "{input} ditandatangani di gateway BSrE {url} sebagai {signer}: {output}",
    },
    "bsre.unreachable": {
        "en": "Cannot reach the BSrE gateway {url} ({detail}); nothing was signed. Check the "
        "address (bsre-url) and the network, or sign locally without --backend bsre.",
        "id": "Gateway BSrE {url} tidak dapat dihubungi ({detail}); tidak ada yang "
        "ditandatangani. Periksa alamatnya (bsre-url) dan jaringan, atau tandatangani secara "
        "lokal tanpa --backend bsre.",
    },
    "bsre.refused": {
        "en": "The BSrE gateway {url} refused the letter: {detail}. Nothing was written.",
        "id": "Gateway BSrE {url} menolak surat: {detail}. Tidak ada berkas yang ditulis.",
    },
    "bsre.not_pdf": {
        "en": "The BSrE gateway {url} answered something that is not a PDF; nothing was written.",
        "id": "Gateway BSrE {url} menjawab dengan sesuatu yang bukan PDF; tidak ada berkas yang "
        "ditulis.",
    },
    "bsre.no_signature": {
        "en": "The letter the BSrE gateway sent back does not carry one new signature; nothing "
        "was written.",
        "id": "Surat yang dikirim kembali oleh gateway BSrE tidak memuat satu tanda tangan baru; "
        "tidak ada berkas yang ditulis.",
    },
    "bsre.broken_signature": {
        "en": "The signature the BSrE gateway added does not verify; nothing was written.",
        "id": "Tanda tangan yang ditambahkan gateway BSrE tidak valid; tidak ada berkas yang "
        "ditulis.",
    },
}
