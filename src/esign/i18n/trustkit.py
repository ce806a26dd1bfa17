"""Messages: ``esign trust export-kit`` and its one-page guide for readers (issue 16)."""

MESSAGES: dict[str, dict[str, str]] = {
    "help.trust.export_kit": {
        "en": "Write the office root's trust kit for readers. DIR gets the root as PEM, .cer "
        "and .p7c, its fingerprints, and a one-page guide (Indonesian and English) on "
        "trusting it in Adobe Reader, Foxit, Windows and browsers.",
        "id": "Tulis paket kepercayaan sertifikat root. DIR berisi sertifikat root kantor "
        "dalam bentuk PEM, .cer dan .p7c, sidik jarinya, dan panduan satu halaman (Indonesia "
        "dan Inggris) cara mempercayainya di Adobe Reader, Foxit, Windows dan peramban.",
    },
    "help.opt.kit_force": {
        "en": "Replace the kit's files if DIR already has them.",
        "id": "Timpa berkas paket bila sudah ada di DIR.",
    },
    "trustkit.written": {
        "en": "Wrote the trust kit for {subject} to {folder}:",
        "id": "Paket kepercayaan untuk {subject} ditulis ke {folder}:",
    },
    "trustkit.fingerprint": {
        "en": "SHA-256 fingerprint (read it out when a reader calls): {fingerprint}",
        "id": "Sidik jari SHA-256 (bacakan bila pembaca menelepon): {fingerprint}",
    },
    "trustkit.no_ca": {
        "en": "This store has no CA yet: create it with 'esign init' or 'esign ca create'.",
        "id": "Penyimpanan ini belum memiliki CA: buat dengan 'esign init' atau 'esign ca create'.",
    },
    # --- the guide (both languages on one page) --------------------------------------------
    "trustkit.guide.title": {
        "en": "Trusting the electronic signatures of {org}",
        "id": "Mempercayai tanda tangan elektronik {org}",
    },
    "trustkit.guide.intro": {
        "en": "Letters of {org} are signed with certificates from the office's own "
        "certification authority (a local CA, not certified by a PSrE). Until your PDF reader "
        'trusts its root, it shows the signatures as "validity unknown". Trust the root '
        "once, as below, after comparing its fingerprint with the office by phone.",
        "id": "Naskah {org} ditandatangani dengan sertifikat dari otoritas sertifikat milik "
        "kantor sendiri (CA lokal, tidak tersertifikasi PSrE). Sebelum aplikasi PDF Anda "
        'mempercayai sertifikat rootnya, tanda tangan ditampilkan "validitas tidak '
        'diketahui". Percayai sertifikat root sekali saja dengan cara di bawah, setelah '
        "mencocokkan sidik jarinya dengan kantor melalui telepon.",
    },
    "trustkit.guide.root": {"en": "Root certificate", "id": "Sertifikat root"},
    "trustkit.guide.sha256": {"en": "SHA-256 fingerprint", "id": "Sidik jari SHA-256"},
    "trustkit.guide.sha1": {
        "en": 'SHA-1 (Windows "Thumbprint")',
        "id": 'SHA-1 ("Thumbprint" di Windows)',
    },
    "trustkit.guide.adobe": {
        "en": "<b>Adobe Acrobat Reader:</b> Edit &gt; Preferences &gt; Signatures &gt; "
        "Identities &amp; Trusted Certificates &gt; More &gt; Trusted Certificates &gt; "
        "Import; choose <b>{p7c}</b>, Import. Select the certificate, Edit Trust, tick "
        '"Use this certificate as a trusted root", OK. Reopen the letter.',
        "id": "<b>Adobe Acrobat Reader:</b> Edit &gt; Preferences &gt; Signatures &gt; "
        "Identities &amp; Trusted Certificates &gt; More &gt; Trusted Certificates &gt; "
        "Import; pilih <b>{p7c}</b>, Import. Pilih sertifikatnya, Edit Trust, centang "
        '"Use this certificate as a trusted root", OK. Buka kembali naskahnya.',
    },
    "trustkit.guide.foxit": {
        "en": "<b>Foxit PDF Reader:</b> Protect &gt; Trusted Certificates &gt; Add; choose "
        "<b>{cer}</b>. Reopen the letter.",
        "id": "<b>Foxit PDF Reader:</b> Protect &gt; Trusted Certificates &gt; Add; pilih "
        "<b>{cer}</b>. Buka kembali naskahnya.",
    },
    "trustkit.guide.windows": {
        "en": "<b>Windows</b> (and readers that use its store): double-click <b>{cer}</b>, "
        'Install Certificate, Current User, "Place all certificates in the following '
        'store", Trusted Root Certification Authorities, Finish; check that the thumbprint '
        "Windows shows is the SHA-1 above. In the certificate's properties you may keep only "
        '"Document Signing" among its purposes.',
        "id": "<b>Windows</b> (dan aplikasi yang memakai penyimpanannya): klik dua kali "
        '<b>{cer}</b>, Install Certificate, Current User, "Place all certificates in the '
        'following store", Trusted Root Certification Authorities, Finish; pastikan '
        "thumbprint yang ditampilkan Windows sama dengan SHA-1 di atas. Pada properti "
        'sertifikat, tujuan penggunaannya dapat dibatasi pada "Document Signing" saja.',
    },
    "trustkit.guide.browsers": {
        "en": "<b>Browsers</b> (Chrome, Edge, Firefox) show a PDF but do not check its "
        "signatures: open the letter in one of the readers above, or check it on the "
        "office's verification page{url}.",
        "id": "<b>Peramban</b> (Chrome, Edge, Firefox) dapat menampilkan PDF tetapi tidak "
        "memeriksa tanda tangannya: buka naskah dengan salah satu aplikasi di atas, atau "
        "periksa di halaman verifikasi kantor{url}.",
    },
    "trustkit.guide.files": {
        "en": "Files of this kit: {files}.",
        "id": "Berkas dalam paket ini: {files}.",
    },
    "trustkit.guide.footer": {
        "en": "Made by esign {version} on {date}. Trust only a root whose fingerprint the "
        "office confirmed.",
        "id": "Dibuat oleh esign {version} pada {date}. Percayai hanya sertifikat root yang "
        "sidik jarinya sudah dikonfirmasi kantor.",
    },
}
