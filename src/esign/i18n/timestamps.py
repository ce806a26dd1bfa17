"""Messages: timestamps, revocation, LTV."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- timestamps, revocation, LTV ---
    "tsa.failed": {
        "en": "Could not get a timestamp from {url}: {detail}",
        "id": "Tidak dapat memperoleh cap waktu dari {url}: {detail}",
    },
    "tsa.failed.hint": {
        "en": "check that the time-stamp server is running (`esign serve`) and the "
        "address (--tsa, ESIGN_TSA_URL or `esign config set tsa-url`); "
        "nothing was written",
        "id": "pastikan server cap waktu berjalan (`esign serve`) dan "
        "alamatnya (--tsa, ESIGN_TSA_URL atau `esign config set tsa-url`); "
        "tidak ada berkas yang ditulis",
    },
    "ltv.failed": {
        "en": "Could not collect revocation data for {file}: {detail}",
        "id": "Tidak dapat mengumpulkan data pencabutan untuk {file}: {detail}",
    },
    "ltv.failed.hint": {
        "en": "the OCSP/CRL server named in the certificate must be reachable (`esign serve`)",
        "id": "server OCSP/CRL yang tercantum di sertifikat harus dapat dihubungi (`esign serve`)",
    },
    "ltv.not_signed": {
        "en": "{file} has no signature to extend.",
        "id": "{file} tidak memiliki tanda tangan untuk ditingkatkan.",
    },
    "cert.bad_reason": {
        "en": "Unknown revocation reason {reason}; use one of: {choices}.",
        "id": "Alasan pencabutan {reason} tidak dikenal; gunakan salah satu: {choices}.",
    },
    "cert.not_ours": {
        "en": "Certificate {id} was issued by {issuer}, not by this store's CA; "
        "only its issuer can revoke it.",
        "id": "Sertifikat {id} diterbitkan oleh {issuer}, bukan oleh CA penyimpanan"
        " ini; hanya penerbitnya yang dapat mencabutnya.",
    },
    "cert.already_revoked": {
        "en": "Certificate {id} was already revoked on {when}.",
        "id": "Sertifikat {id} sudah dicabut pada {when}.",
    },
    "store.no_services": {
        "en": "The time-stamp and OCSP certificates have not been created yet.",
        "id": "Sertifikat cap waktu dan OCSP belum dibuat.",
    },
    "store.no_services.hint": {
        "en": "run `esign ca services` (or `esign serve`, which creates them)",
        "id": "jalankan `esign ca services` (atau `esign serve`, yang membuatnya)",
    },
    "serve.bind": {
        "en": "Cannot listen on {host}:{port}: {detail}",
        "id": "Layanan tidak dapat dibuka di {host}:{port}: {detail}",
    },
    "cert.revoked_done": {
        "en": "Revoked {id} ({reason}); the CRL and OCSP answers say so from now on.",
        "id": "{id} dicabut ({reason}); CRL dan jawaban OCSP menyatakannya mulai sekarang.",
    },
    "ca.crl_written": {
        "en": "CRL written to {file}",
        "id": "CRL ditulis ke {file}",
    },
    "serve.listening": {
        "en": "Serving /tsa, /ocsp and /crl on {url} (pid {pid}); stop with Ctrl-C or SIGTERM.",
        "id": "Melayani /tsa, /ocsp dan /crl di {url} (pid {pid}); hentikan dengan "
        "Ctrl-C atau SIGTERM.",
    },
    "timestamp.done": {
        "en": "Added a document timestamp to {input} → {output}",
        "id": "Cap waktu dokumen ditambahkan ke {input} → {output}",
    },
    "extend.done": {
        "en": "Extended {input} to PAdES {level} → {output}",
        "id": "{input} ditingkatkan ke PAdES {level} → {output}",
    },
    "setting.tsa_url": {
        "en": "time-stamp authority URL (default: {base-url}/tsa)",
        "id": "alamat otoritas cap waktu (bawaan: {base-url}/tsa)",
    },
    "setting.tsa_policy": {
        "en": "policy OID of the tokens `esign serve` issues",
        "id": "OID kebijakan token yang diterbitkan `esign serve`",
    },
    "config.why.oid": {
        "en": "use a dotted object identifier such as 1.2.3.4",
        "id": "gunakan pengenal objek bertitik seperti 1.2.3.4",
    },
    "help.sign": {
        "en": "Sign a PDF letter (PAdES B-B to B-LTA), writing FILE.signed.pdf beside it.",
        "id": "Menandatangani surat PDF (PAdES B-B sampai B-LTA), menulis "
        "BERKAS.signed.pdf di sebelahnya.",
    },
    "help.cert.revoke": {
        "en": "Revoke a certificate and publish a new CRL (needs the CA passphrase).",
        "id": "Mencabut sertifikat dan menerbitkan CRL baru (perlu frasa sandi CA).",
    },
    "help.opt.revoke_reason": {
        "en": "Why (RFC 5280 reason).",
        "id": "Alasannya (alasan RFC 5280).",
    },
    "help.ca.crl": {
        "en": "Write the CA's current CRL (DER), issuing a fresh one when needed.",
        "id": "Menulis CRL terkini dari CA (DER), menerbitkan yang baru bila perlu.",
    },
    "help.opt.crl_out": {
        "en": "The CRL file to write.",
        "id": "Berkas CRL yang ditulis.",
    },
    "help.opt.crl_refresh": {
        "en": "Issue a fresh CRL even if the current one is still valid.",
        "id": "Terbitkan CRL baru walaupun yang sekarang masih berlaku.",
    },
    "help.ca.services": {
        "en": "Create (once) and show the time-stamp and OCSP responder certificates.",
        "id": "Membuat (sekali) dan menampilkan sertifikat cap waktu dan penjawab OCSP.",
    },
    "help.serve": {
        "en": "Run the time-stamp authority, OCSP responder and CRL over HTTP.",
        "id": "Menjalankan otoritas cap waktu, penjawab OCSP dan CRL melalui HTTP.",
    },
    "help.opt.host": {
        "en": "Address to listen on (loopback unless you say otherwise).",
        "id": "Alamat tempat layanan menerima sambungan (bawaan: hanya mesin ini).",
    },
    "help.opt.port": {
        "en": "TCP port (0 picks a free one).",
        "id": "Port TCP (0 memilih yang kosong).",
    },
    "tsa.none": {
        "en": "No time-stamp authority is configured.",
        "id": "Belum ada otoritas cap waktu yang diatur.",
    },
    "tsa.none.hint": {
        "en": "pass --tsa URL, set ESIGN_TSA_URL, or run `esign config set tsa-url URL`",
        "id": "berikan --tsa URL, atur ESIGN_TSA_URL, atau jalankan `esign config set tsa-url URL`",
    },
    "help.opt.level": {
        "en": "PAdES level: B-B (signature only), B-T (+ timestamp), B-LT (+ "
        "revocation data, verifies offline), B-LTA (+ archive timestamp).",
        "id": "Tingkat PAdES: B-B (tanda tangan saja), B-T (+ cap waktu), B-LT (+ "
        "data pencabutan, dapat diverifikasi luring), B-LTA (+ cap waktu "
        "arsip).",
    },
    "help.opt.tsa": {
        "en": "Time-stamp authority URL (else ESIGN_TSA_URL, tsa-url, {base-url}/tsa).",
        "id": "Alamat otoritas cap waktu (jika tidak: ESIGN_TSA_URL, tsa-url, {base-url}/tsa).",
    },
    "help.opt.tsa_user": {
        "en": "User for a TSA with HTTP basic auth (password from ESIGN_TSA_PASSWORD).",
        "id": "Pengguna untuk TSA dengan HTTP basic auth (sandi dari ESIGN_TSA_PASSWORD).",
    },
    "help.timestamp": {
        "en": "Add a document timestamp to a PDF, writing FILE.timestamped.pdf.",
        "id": "Menambahkan cap waktu dokumen ke PDF, menulis BERKAS.timestamped.pdf.",
    },
    "help.extend": {
        "en": "Upgrade a signed letter to B-LT or B-LTA (renews a B-LTA archive timestamp).",
        "id": "Meningkatkan surat bertanda tangan ke B-LT atau B-LTA (memperbarui "
        "cap waktu arsip B-LTA).",
    },
    "help.opt.extend_level": {
        "en": "Level to reach.",
        "id": "Tingkat yang dituju.",
    },
    "verify.problem.revoked_before_signing": {
        "en": "The signer's certificate was revoked on {when}, before this signature was made.",
        "id": "Sertifikat penanda tangan dicabut pada {when}, sebelum tanda tangan ini dibuat.",
    },
    "verify.problem.revoked_no_poe": {
        "en": "The signer's certificate was revoked on {when}, and no trusted "
        "timestamp proves the signature existed before that.",
        "id": "Sertifikat penanda tangan dicabut pada {when}, dan tidak ada cap "
        "waktu tepercaya yang membuktikan tanda tangan sudah ada sebelumnya.",
    },
    "verify.timestamp_ok": {
        "en": "yes, {when} (TSA: {tsa})",
        "id": "ya, {when} (TSA: {tsa})",
    },
    "verify.timestamp_bad": {
        "en": "present but NOT valid or not trusted: {when} (TSA: {tsa})",
        "id": "ada tetapi TIDAK sah atau tidak tepercaya: {when} (TSA: {tsa})",
    },
    "verify.rev.since": {
        "en": "since {when}",
        "id": "sejak {when}",
    },
    "verify.rev.source.embedded": {
        "en": "answer embedded in the document",
        "id": "jawaban tersimpan di dokumen",
    },
    "verify.rev.source.online": {
        "en": "answer from the issuer's server",
        "id": "jawaban dari server penerbit",
    },
    "verify.field.level": {
        "en": "PAdES level reached",
        "id": "Tingkat PAdES tercapai",
    },
    "help.opt.offline": {
        "en": "Do not fetch revocation data; use the store's register, --crl files and what "
        "the document embeds.",
        "id": "Jangan mengambil data pencabutan; gunakan catatan penyimpanan, berkas --crl, "
        "dan yang tersimpan di dokumen.",
    },
}
