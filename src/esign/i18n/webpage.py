"""Messages: the verification page and its JSON API (``esign serve``, issue 13)."""

MESSAGES: dict[str, dict[str, str]] = {
    # serve and its settings
    "help.opt.web_host": {
        "en": "Address of the verification page (127.0.0.1: this computer only).",
        "id": "Alamat halaman verifikasi (127.0.0.1: hanya komputer ini).",
    },
    "help.opt.web_port": {
        "en": "Port of the verification page (0: any free port).",
        "id": "Port halaman verifikasi (0: port mana saja yang bebas).",
    },
    "help.opt.no_web": {
        "en": "Serve only /tsa, /ocsp and /crl, without the verification page.",
        "id": "Layani /tsa, /ocsp dan /crl saja, tanpa halaman verifikasi.",
    },
    "setting.web_upload_mb": {
        "en": "verification page: largest PDF accepted for checking, in MB",
        "id": "halaman verifikasi: ukuran PDF terbesar yang diterima untuk diperiksa, dalam MB",
    },
    "setting.web_concurrency": {
        "en": "verification page: verifications run at the same time (others wait their turn)",
        "id": "halaman verifikasi: jumlah pemeriksaan yang berjalan bersamaan (yang lain "
        "menunggu giliran)",
    },
    "web.listening": {
        "en": "Verification page on {url}/verify (JSON API: {url}/api/v1/verify).",
        "id": "Halaman verifikasi di {url}/verify (API JSON: {url}/api/v1/verify).",
    },
    "web.bind": {
        "en": "Cannot open the verification page on {host}:{port}: {detail}. Choose another "
        "--web-port, or stop the program that uses it.",
        "id": "Halaman verifikasi tidak dapat dibuka di {host}:{port}: {detail}. Pilih "
        "--web-port lain, atau hentikan program yang memakainya.",
    },
    # the page
    "web.title": {
        "en": "Check an electronically signed letter",
        "id": "Periksa surat bertanda tangan elektronik",
    },
    "web.intro": {
        "en": "Choose the PDF you received. This page checks every electronic signature in "
        "it: who signed, whether the letter is unchanged since signing, the trusted time and "
        "long-term validation.",
        "id": "Pilih berkas PDF yang Anda terima. Halaman ini memeriksa setiap tanda tangan "
        "elektronik di dalamnya: siapa yang menandatangani, apakah surat tidak berubah sejak "
        "ditandatangani, cap waktu tepercaya, dan validasi jangka panjang.",
    },
    "web.choose": {"en": "PDF file", "id": "Berkas PDF"},
    "web.submit": {"en": "Check", "id": "Periksa"},
    "web.limit": {
        "en": "Largest file: {mb} MB.",
        "id": "Ukuran berkas paling besar {mb} MB.",
    },
    "web.not_stored": {
        "en": "Your file is checked in memory and never stored: it is gone when the answer "
        "is shown.",
        "id": "Berkas Anda diperiksa di memori dan tidak disimpan: berkas dihapus begitu "
        "hasil ditampilkan.",
    },
    "web.qr_note": {
        "en": "A QR code or a picture of a signature is not a signature: only the check of "
        "the PDF file shows whether it is signed and unchanged.",
        "id": "Kode QR atau gambar tanda tangan bukanlah tanda tangan: hanya pemeriksaan "
        "berkas PDF yang menunjukkan apakah surat ditandatangani dan tidak berubah.",
    },
    "web.switch": {"en": "Bahasa Indonesia", "id": "English"},
    "web.switch_label": {"en": "Language", "id": "Bahasa"},
    "web.again": {"en": "Check another file", "id": "Periksa berkas lain"},
    "web.footer": {
        "en": "esign {version}. The answer describes the file as checked at {when}.",
        "id": "esign {version}. Hasil ini menggambarkan berkas saat diperiksa pada {when}.",
    },
    # the report: the four answers first
    "web.result": {"en": "Result for {file}", "id": "Hasil pemeriksaan {file}"},
    "web.answers": {"en": "What to check", "id": "Yang perlu diperiksa"},
    "web.a.signed_by": {"en": "Signed by", "id": "Ditandatangani oleh"},
    "web.a.unchanged": {
        "en": "Unchanged since signing",
        "id": "Tidak berubah sejak ditandatangani",
    },
    "web.a.time": {"en": "Trusted time", "id": "Waktu tepercaya"},
    "web.a.ltv": {"en": "Long-term validation", "id": "Validasi jangka panjang (LTV)"},
    "web.nip": {"en": "NIP {nip}", "id": "NIP {nip}"},
    "web.issuer": {"en": "certificate from {issuer}", "id": "sertifikat dari {issuer}"},
    "web.local_ca": {
        "en": "uncertified (local CA)",
        "id": "tidak tersertifikasi (CA lokal)",
    },
    "web.signer.broken": {
        "en": "The signature is broken: do not rely on this name.",
        "id": "Tanda tangan rusak: nama ini tidak dapat dijadikan pegangan.",
    },
    "web.signer.unconfirmed": {
        "en": "The signer could not be confirmed: ask the sending office.",
        "id": "Penanda tangan tidak dapat dipastikan: tanyakan kepada instansi pengirim.",
    },
    "web.unchanged.yes": {
        "en": "Yes: nothing was changed after signing.",
        "id": "Ya: tidak ada perubahan setelah ditandatangani.",
    },
    "web.unchanged.allowed": {
        "en": "Yes: only later signatures or allowed additions follow; the signed text is "
        "as it was.",
        "id": "Ya: sesudahnya hanya ada tanda tangan berikutnya atau tambahan yang diizinkan; "
        "isi yang ditandatangani tetap seperti semula.",
    },
    "web.unchanged.no": {
        "en": "No: the letter was changed after signing.",
        "id": "Tidak: surat diubah setelah ditandatangani.",
    },
    "web.unchanged.unknown": {
        "en": "Could not be determined.",
        "id": "Tidak dapat dipastikan.",
    },
    "web.time.yes": {
        "en": "Yes: {when}, from {tsa}.",
        "id": "Ya: {when}, dari {tsa}.",
    },
    "web.time.no": {
        "en": "No trusted timestamp: the time ({when}) is the signer's own computer clock.",
        "id": "Tidak ada cap waktu tepercaya: waktunya ({when}) menurut jam komputer penanda "
        "tangan sendiri.",
    },
    "web.ltv.yes": {
        "en": "Yes ({level}): the letter carries what is needed to check it in years to come.",
        "id": "Ya ({level}): surat memuat bahan yang diperlukan untuk diperiksa bertahun-tahun "
        "kemudian.",
    },
    "web.ltv.no": {
        "en": "No ({level}): the letter does not carry what is needed to check it once its "
        "certificates have expired.",
        "id": "Tidak ({level}): surat tidak memuat bahan yang diperlukan untuk memeriksanya "
        "lagi setelah sertifikatnya habis masa berlaku.",
    },
    "web.moot": {
        "en": "Does not apply: the signature is broken.",
        "id": "Tidak berlaku: tanda tangannya rusak.",
    },
    "web.none_signed": {
        "en": "A QR code or a picture of a signature on the letter is not an electronic "
        "signature: nothing in this file proves who issued it or that it is unchanged.",
        "id": "Kode QR atau gambar tanda tangan pada surat bukanlah tanda tangan elektronik: "
        "tidak ada apa pun dalam berkas ini yang membuktikan siapa penerbitnya atau bahwa "
        "isinya tidak berubah.",
    },
    "web.changes": {"en": "What changed", "id": "Apa yang berubah"},
    "web.signatures": {"en": "Each signature, in order", "id": "Setiap tanda tangan, berurutan"},
    "web.details": {"en": "Technical details", "id": "Rincian teknis"},
    # errors
    "web.error.title": {
        "en": "The file could not be checked",
        "id": "Berkas tidak dapat diperiksa",
    },
    "web.error.next": {
        "en": "Choose the PDF file exactly as you received it (not a scan or a photo of "
        "the printout). If it will not open, ask the sender to send it again.",
        "id": "Pilih berkas PDF persis seperti yang Anda terima (bukan hasil pindaian atau "
        "foto cetakannya). Bila berkas tetap tidak dapat dibuka, mintalah pengirim "
        "mengirimkannya kembali.",
    },
    "web.error.no_file": {
        "en": "No file was sent. Choose a PDF file, then press Check.",
        "id": "Belum ada berkas yang dikirim. Pilih berkas PDF, lalu tekan Periksa.",
    },
    "web.error.too_large": {
        "en": "The file is larger than {mb} MB, the limit of this service. Send a smaller "
        "file, or ask the office that sent the letter to check it for you.",
        "id": "Berkas lebih besar dari {mb} MB, batas layanan ini. Kirim berkas yang lebih "
        "kecil, atau mintalah instansi pengirim surat memeriksakannya untuk Anda.",
    },
    "web.error.bad_form": {
        "en": "The request could not be read. Send the PDF as a file upload (multipart/form-"
        "data, field `file`) or as the request body (Content-Type: application/pdf).",
        "id": "Permintaan tidak dapat dibaca. Kirim PDF sebagai unggahan berkas "
        "(multipart/form-data, kolom `file`) atau sebagai isi permintaan "
        "(Content-Type: application/pdf).",
    },
    "web.error.busy": {
        "en": "The service is busy checking other files. Try again in a minute.",
        "id": "Layanan sedang memeriksa berkas lain. Silakan coba lagi sebentar lagi.",
    },
    "web.error.not_found": {
        "en": "There is no page at this address. Open /verify to check a letter.",
        "id": "Tidak ada halaman di alamat ini. Buka /verify untuk memeriksa surat.",
    },
    "web.error.method": {
        "en": "This address does not accept that request. Open /verify to check a letter.",
        "id": "Alamat ini tidak menerima permintaan tersebut. Buka /verify untuk memeriksa surat.",
    },
    "web.error.internal": {
        "en": "Something went wrong while checking. Try again; if it happens again, tell "
        "the office that runs this service.",
        "id": "Terjadi kesalahan saat memeriksa. Silakan coba lagi; bila terulang, beri tahu "
        "kantor pengelola layanan ini.",
    },
}
