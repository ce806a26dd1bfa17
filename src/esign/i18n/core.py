"""Messages: errors, store, certificates, passphrases, output: the core messages."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- generic -------------------------------------------------------------------
    "error.generic": {
        "en": "Something went wrong: {detail}",
        "id": "Terjadi kesalahan: {detail}",
    },
    "error.unexpected": {
        "en": "Unexpected error: {detail}. Run again with -v for details and report it.",
        "id": "Kesalahan tak terduga: {detail}. Jalankan lagi dengan -v untuk detail dan laporkan.",
    },
    "error.interrupted": {
        "en": "Interrupted; nothing was written.",
        "id": "Dihentikan; tidak ada berkas yang ditulis.",
    },
    "error.prefix": {"en": "error", "id": "Kesalahan"},
    "error.hint_prefix": {"en": "hint", "id": "saran"},
    # --- store ---------------------------------------------------------------------
    "store.missing": {
        "en": "No esign store at {path}.",
        "id": "Belum ada penyimpanan esign di {path}.",
    },
    "store.missing.hint": {
        "en": "Run `esign init` first (or set ESIGN_HOME to an existing store).",
        "id": "Jalankan `esign init` terlebih dahulu (atau arahkan ESIGN_HOME ke penyimpanan "
        "yang ada).",
    },
    "store.exists": {
        "en": "An esign store already exists at {path}; nothing was changed.",
        "id": "Penyimpanan esign sudah ada di {path}; tidak ada yang diubah.",
    },
    "store.corrupt": {
        "en": "The store at {path} cannot be read: {detail}",
        "id": "Penyimpanan di {path} tidak dapat dibaca: {detail}",
    },
    "store.newer": {
        "en": "The store at {path} was written by a newer esign (schema {found}); upgrade esign.",
        "id": "Penyimpanan di {path} ditulis oleh esign yang lebih baru (skema {found}); "
        "perbarui esign.",
    },
    "store.created": {
        "en": "Created the esign store at {path}.",
        "id": "Penyimpanan esign dibuat di {path}.",
    },
    "store.unknown_id": {
        "en": "There is no certificate with id '{id}' in the store.",
        "id": "Tidak ada sertifikat dengan id '{id}' di penyimpanan.",
    },
    "store.unknown_id.hint": {
        "en": "Run `esign cert list` to see the ids.",
        "id": "Jalankan `esign cert list` untuk melihat daftar id.",
    },
    "store.duplicate_id": {
        "en": "The id '{id}' is already used in the store.",
        "id": "Id '{id}' sudah dipakai di penyimpanan.",
    },
    "store.duplicate_id.hint": {
        "en": "Choose another --id.",
        "id": "Pilih --id lain.",
    },
    "store.bad_id": {
        "en": "'{id}' is not a valid id: use 1-64 letters, digits, '.', '_' or '-'.",
        "id": "'{id}' bukan id yang sah: gunakan 1-64 huruf, angka, '.', '_' atau '-'.",
    },
    "store.no_ca": {
        "en": "The store has no certificate authority yet.",
        "id": "Penyimpanan belum memiliki otoritas sertifikat (CA).",
    },
    "store.no_ca.hint": {
        "en": 'Run `esign ca create --name "..."` first.',
        "id": 'Jalankan `esign ca create --name "..."` terlebih dahulu.',
    },
    "store.ca_exists": {
        "en": "The store already has a certificate authority ({id}).",
        "id": "Penyimpanan sudah memiliki otoritas sertifikat ({id}).",
    },
    "store.no_key": {
        "en": "The store holds no private key for '{id}'; it cannot sign.",
        "id": "Penyimpanan tidak menyimpan kunci privat untuk '{id}'; tidak dapat menandatangani.",
    },
    "store.no_signer": {
        "en": "The store has no signing certificate.",
        "id": "Penyimpanan belum memiliki sertifikat penanda tangan.",
    },
    "store.no_signer.hint": {
        "en": "Issue one with `esign cert issue` or import one with `esign cert import`.",
        "id": "Terbitkan dengan `esign cert issue` atau impor dengan `esign cert import`.",
    },
    "store.many_signers": {
        "en": "The store has several signing certificates ({ids}); say which one signs.",
        "id": "Penyimpanan memiliki beberapa sertifikat penanda tangan ({ids}); tentukan "
        "yang mana.",
    },
    "store.many_signers.hint": {
        "en": "Use --signer ID, or set a default: `esign config set signer ID`.",
        "id": "Gunakan --signer ID, atau atur bawaan: `esign config set signer ID`.",
    },
    "store.not_a_ca": {
        "en": "'{id}' is not a certificate authority.",
        "id": "'{id}' bukan otoritas sertifikat.",
    },
    "store.is_ca": {
        "en": "'{id}' is the certificate authority; officers and seals sign letters, not the CA.",
        "id": "'{id}' adalah otoritas sertifikat; surat ditandatangani pejabat atau segel, "
        "bukan CA.",
    },
    "trust.unknown": {
        "en": "No trust anchor matches '{ref}'.",
        "id": "Tidak ada root tepercaya penyimpanan ini yang cocok dengan '{ref}'.",
    },
    "trust.unknown.hint": {
        "en": "Run `esign trust list` to see fingerprints.",
        "id": "Jalankan `esign trust list` untuk melihat sidik jari.",
    },
    "trust.not_ca": {
        "en": "{file} is not a CA certificate; only roots and CAs can be trust anchors.",
        "id": "{file} bukan sertifikat CA; hanya root dan CA yang dapat menjadi root tepercaya.",
    },
    # --- certificates / keys ---------------------------------------------------------
    "cert.bad_file": {
        "en": "{file} is not a certificate in PEM or DER form.",
        "id": "{file} bukan sertifikat berformat PEM atau DER.",
    },
    "cert.bad_p12": {
        "en": "{file} could not be opened as PKCS#12: the passphrase is wrong or the file is "
        "damaged.",
        "id": "{file} tidak dapat dibuka sebagai PKCS#12: frasa sandi salah atau berkas rusak.",
    },
    "cert.p12_no_key": {
        "en": "{file} holds no private key with its certificate.",
        "id": "{file} tidak berisi kunci privat beserta sertifikatnya.",
    },
    "cert.bad_nip": {
        "en": "'{nip}' is not a valid NIP: {why}.",
        "id": "'{nip}' bukan NIP yang sah: {why}.",
    },
    "cert.bad_nip.hint": {
        "en": "A NIP has 18 digits: birth date YYYYMMDD, start YYYYMM, sex 1 or 2, sequence NNN.",
        "id": "NIP terdiri dari 18 digit: tanggal lahir YYYYMMDD, TMT YYYYMM, jenis kelamin "
        "1 atau 2, nomor urut NNN.",
    },
    "nip.length": {"en": "it must have exactly 18 digits", "id": "harus tepat 18 digit"},
    "nip.birth": {
        "en": "the first 8 digits are not a real birth date",
        "id": "8 digit pertama bukan tanggal lahir yang benar",
    },
    "nip.start": {
        "en": "digits 9-14 are not a real start year and month",
        "id": "digit 9-14 bukan tahun dan bulan TMT yang benar",
    },
    "nip.sex": {"en": "digit 15 must be 1 or 2", "id": "digit ke-15 harus 1 atau 2"},
    "nip.sequence": {
        "en": "the last 3 digits (sequence) cannot be 000",
        "id": "3 digit terakhir (nomor urut) tidak boleh 000",
    },
    "cert.bad_nik": {
        "en": "'{nik}' is not a valid NIK: {why}.",
        "id": "'{nik}' bukan NIK yang sah: {why}.",
    },
    "cert.bad_nik.hint": {
        "en": "A NIK has 16 digits: province, regency and district codes (2 digits each), "
        "birth date DDMMYY (a woman's day plus 40), sequence NNNN. Copy it from the KTP.",
        "id": "NIK terdiri dari 16 digit: kode provinsi, kabupaten/kota dan kecamatan (masing-"
        "masing 2 digit), tanggal lahir DDMMYY (tanggal ditambah 40 untuk perempuan), nomor urut "
        "NNNN. Salin dari KTP-el.",
    },
    "nik.length": {"en": "it must have exactly 16 digits", "id": "harus tepat 16 digit"},
    "nik.province": {
        "en": "the first 2 digits are not a province code (11-99)",
        "id": "2 digit pertama bukan kode provinsi (11-99)",
    },
    "nik.region": {
        "en": "digits 3-6 (regency and district codes) cannot be 00",
        "id": "digit 3-6 (kode kabupaten/kota dan kecamatan) tidak boleh 00",
    },
    "nik.birth": {
        "en": "digits 7-12 are not a real birth date DDMMYY",
        "id": "digit 7-12 bukan tanggal lahir DDMMYY yang benar",
    },
    "nik.sequence": {
        "en": "the last 4 digits (sequence) cannot be 0000",
        "id": "4 digit terakhir (nomor urut) tidak boleh 0000",
    },
    "cert.bad_key_type": {
        "en": "Unknown key type '{key}'; use one of: {choices}.",
        "id": "Jenis kunci '{key}' tidak dikenal; gunakan salah satu dari: {choices}.",
    },
    "cert.expired": {
        "en": "The certificate of '{id}' expired on {when}; it can no longer sign.",
        "id": "Sertifikat '{id}' kedaluwarsa pada {when}; tidak dapat lagi menandatangani.",
    },
    "cert.expired.hint": {
        "en": "Ask the administrator for a new certificate (`esign cert issue`).",
        "id": "Minta sertifikat baru kepada administrator (`esign cert issue`).",
    },
    "cert.not_yet_valid": {
        "en": "The certificate of '{id}' is not valid before {when}.",
        "id": "Sertifikat '{id}' baru berlaku mulai {when}.",
    },
    "cert.revoked": {
        "en": "The certificate of '{id}' was revoked on {when}; it can no longer sign.",
        "id": "Sertifikat '{id}' telah dicabut pada {when}; tidak dapat lagi menandatangani.",
    },
    "cert.no_signing_usage": {
        "en": "The certificate of '{id}' does not allow document signing (key usage).",
        "id": "Sertifikat '{id}' tidak mengizinkan penandatanganan dokumen (key usage).",
    },
    "cert.issued": {
        "en": "Issued certificate '{id}' to {name} (valid until {until}).",
        "id": "Sertifikat '{id}' diterbitkan untuk {name} (berlaku sampai {until}).",
    },
    "cert.imported": {
        "en": "Imported '{id}': {name}, issued by {issuer}.",
        "id": "Sertifikat '{id}' diimpor: {name}, diterbitkan oleh {issuer}.",
    },
    "cert.exported": {
        "en": "Wrote {file}.",
        "id": "Berkas {file} ditulis.",
    },
    "ca.created": {
        "en": "Created certificate authority '{name}' (valid until {until}); it is now a trust "
        "anchor of this store.",
        "id": "Otoritas sertifikat '{name}' dibuat (berlaku sampai {until}); kini menjadi "
        "root tepercaya penyimpanan ini.",
    },
    "trust.added": {
        "en": "Trusting {subject} ({fingerprint}).",
        "id": "Kini mempercayai {subject} ({fingerprint}).",
    },
    "trust.removed": {
        "en": "No longer trusting {subject}.",
        "id": "Tidak lagi mempercayai {subject}.",
    },
    # --- passphrases ------------------------------------------------------------------
    "pass.wrong": {
        "en": "Wrong passphrase for the key of '{id}'.",
        "id": "Frasa sandi untuk kunci '{id}' salah.",
    },
    "pass.wrong.hint": {
        "en": "Check ESIGN_PASSPHRASE or --passphrase-file; each key has its own passphrase.",
        "id": "Periksa ESIGN_PASSPHRASE atau --passphrase-file; setiap kunci memiliki frasa "
        "sandinya sendiri.",
    },
    "pass.empty": {
        "en": "An empty passphrase is not allowed.",
        "id": "Frasa sandi kosong tidak diizinkan.",
    },
    "pass.short": {
        "en": "The new passphrase is too short: use at least {min} characters.",
        "id": "Frasa sandi baru terlalu pendek: gunakan sedikitnya {min} karakter.",
    },
    "pass.mismatch": {
        "en": "The two passphrases do not match.",
        "id": "Kedua frasa sandi tidak sama.",
    },
    "pass.needed": {
        "en": "No passphrase was given for {what}, and prompting is off.",
        "id": "Tidak ada frasa sandi untuk {what}, dan permintaan interaktif dimatikan.",
    },
    "pass.what.key": {"en": "the key of '{id}'", "id": "kunci '{id}'"},
    "pass.needed.hint": {
        "en": "Set {env} or use {option}.",
        "id": "Atur {env} atau gunakan {option}.",
    },
    "pass.file_unreadable": {
        "en": "Cannot read the passphrase file {file}: {detail}",
        "id": "Berkas frasa sandi {file} tidak dapat dibaca: {detail}",
    },
    "pass.prompt.key": {
        "en": "Passphrase for the key of '{id}'",
        "id": "Frasa sandi untuk kunci '{id}'",
    },
    "pass.prompt.new": {
        "en": "New passphrase for the key of '{id}'",
        "id": "Frasa sandi baru untuk kunci '{id}'",
    },
    "pass.prompt.confirm": {
        "en": "Repeat the passphrase",
        "id": "Ulangi frasa sandi",
    },
    "pass.prompt.p12": {
        "en": "Passphrase of {file}",
        "id": "Frasa sandi {file}",
    },
    # --- PDF input / output -------------------------------------------------------------
    "pdf.missing": {
        "en": "{file} does not exist.",
        "id": "{file} tidak ada.",
    },
    "pdf.not_file": {
        "en": "{file} is not a file.",
        "id": "{file} bukan sebuah berkas.",
    },
    "pdf.unreadable": {
        "en": "{file} cannot be read: {detail}",
        "id": "{file} tidak dapat dibaca: {detail}",
    },
    "pdf.not_pdf": {
        "en": "{file} is not a PDF file.",
        "id": "{file} bukan berkas PDF.",
    },
    "pdf.damaged": {
        "en": "{file} is a damaged or truncated PDF: {detail}",
        "id": "{file} adalah PDF yang rusak atau terpotong: {detail}",
    },
    "pdf.damaged.hint": {
        "en": "Export the letter to PDF again and retry.",
        "id": "Ekspor ulang surat ke PDF lalu coba lagi.",
    },
    "pdf.encrypted": {
        "en": "{file} is encrypted with a password; esign does not sign encrypted PDFs.",
        "id": "{file} dienkripsi dengan kata sandi; esign tidak menandatangani PDF terenkripsi.",
    },
    "pdf.encrypted.hint": {
        "en": "Save an unprotected copy of the letter and sign that.",
        "id": "Simpan salinan surat tanpa proteksi lalu tandatangani salinan itu.",
    },
    "out.exists": {
        "en": "{file} already exists; nothing was written.",
        "id": "{file} sudah ada; tidak ada yang ditulis.",
    },
    "out.exists.hint": {
        "en": "Use --force to replace it, or -o to choose another name.",
        "id": "Gunakan --force untuk menimpanya, atau -o untuk memilih nama lain.",
    },
    "out.unwritable": {
        "en": "Cannot write {file}: {detail}",
        "id": "Tidak dapat menulis {file}: {detail}",
    },
    "out.same_as_input": {
        "en": "The output {file} is the input itself.",
        "id": "Berkas keluaran {file} sama dengan berkas masukan.",
    },
    "out.same_as_input.hint": {
        "en": "Use --in-place to replace the original on purpose.",
        "id": "Gunakan --in-place bila memang ingin mengganti berkas asli.",
    },
    "out.conflict": {
        "en": "--in-place and -o/--output cannot be used together.",
        "id": "--in-place dan -o/--output tidak dapat dipakai bersamaan.",
    },
    # --- signing ------------------------------------------------------------------------
    "sign.failed": {
        "en": "Signing {file} failed: {detail}",
        "id": "Penandatanganan {file} gagal: {detail}",
    },
    "sign.field_exists": {
        "en": "{file} already has a signed field named '{field}'.",
        "id": "{file} sudah memiliki kolom tanda tangan terisi bernama '{field}'.",
    },
    "sign.done": {
        "en": "Signed {input} as {signer}; wrote {output}.",
        "id": "{input} ditandatangani oleh {signer}; hasil ditulis ke {output}.",
    },
    "sign.default_reason": {
        "en": "Signed electronically by {who}",
        "id": "Dokumen ini telah ditandatangani secara elektronik oleh {who}",
    },
    # --- verification ---------------------------------------------------------------------
    "verify.require_valid": {
        "en": "{file}: the signatures are not valid (verdict: {verdict}).",
        "id": "{file}: tanda tangan tidak sah (hasil: {verdict}).",
    },
    "verify.trust_file_bad": {
        "en": "{file} is not a certificate that can be trusted (PEM or DER).",
        "id": "{file} bukan sertifikat yang dapat dipercaya (PEM atau DER).",
    },
    "verify.verdict.valid": {
        "en": "VALID: signed and unchanged since signing",
        "id": "SAH: ditandatangani dan tidak berubah sejak ditandatangani",
    },
    "verify.verdict.invalid": {
        "en": "INVALID: the signature is broken or the letter was changed after signing",
        "id": "TIDAK SAH: tanda tangan rusak atau surat diubah setelah ditandatangani",
    },
    "verify.verdict.indeterminate": {
        "en": "CANNOT CONFIRM: the signature is intact, but its signer cannot be confirmed",
        "id": "TIDAK DAPAT DIPASTIKAN: tanda tangan utuh, tetapi penanda tangannya tidak "
        "dapat dipastikan",
    },
    "verify.verdict.unsigned": {
        "en": "NOT SIGNED: this file has no electronic signature",
        "id": "TIDAK DITANDATANGANI: berkas ini tidak memiliki tanda tangan elektronik",
    },
    "verify.verdict.error": {
        "en": "COULD NOT CHECK: the file could not be read",
        "id": "TIDAK DAPAT DIPERIKSA: berkas tidak dapat dibaca",
    },
    "verify.q.signer": {"en": "Signer's name", "id": "Nama penanda tangan"},
    "verify.q.unchanged": {
        "en": "Unchanged since signing",
        "id": "Tidak berubah sejak ditandatangani",
    },
    "verify.q.timestamp": {"en": "Trusted timestamp", "id": "Cap waktu tepercaya"},
    "verify.q.ltv": {"en": "Long-term validation", "id": "Validasi jangka panjang (LTV)"},
    "verify.yes": {"en": "yes", "id": "ya"},
    "verify.no": {"en": "no", "id": "tidak"},
    "verify.unknown": {"en": "unknown", "id": "tidak diketahui"},
    "verify.field.field": {"en": "Field", "id": "Kolom"},
    "verify.field.nip": {"en": "NIP", "id": "NIP"},
    "verify.field.title": {"en": "Position", "id": "Jabatan"},
    "verify.field.org": {"en": "Organization", "id": "Instansi"},
    "verify.field.signed_at": {
        "en": "Signed at (signer's clock)",
        "id": "Waktu tanda tangan (jam penanda tangan)",
    },
    "verify.field.intact": {"en": "Bytes intact", "id": "Isi utuh"},
    "verify.field.crypto": {"en": "Signature valid", "id": "Tanda tangan valid"},
    "verify.field.trusted": {"en": "Trusted issuer", "id": "Penerbit tepercaya"},
    "verify.field.cert_valid": {
        "en": "Certificate valid at signing",
        "id": "Sertifikat berlaku saat menandatangani",
    },
    "verify.field.modifications": {
        "en": "Changes after signing",
        "id": "Perubahan setelah ditandatangani",
    },
    "verify.field.coverage": {"en": "Covers", "id": "Cakupan"},
    "verify.field.indication": {"en": "ETSI indication", "id": "Indikasi ETSI"},
    "verify.field.issuer": {"en": "Issued by", "id": "Diterbitkan oleh"},
    "verify.field.revocation": {"en": "Revocation", "id": "Pencabutan"},
    "verify.field.reason": {"en": "Reason", "id": "Alasan"},
    "verify.field.certified": {
        "en": "Signature kind",
        "id": "Jenis tanda tangan",
    },
    "verify.certified_note": {
        "en": "uncertified (issued by {issuer}, not a licensed Indonesian provider known to "
        "esign); legally valid, with less evidential weight than a certified signature",
        "id": "tidak tersertifikasi (diterbitkan oleh {issuer}, bukan PSrE berinduk yang "
        "dikenal esign); tetap sah secara hukum, dengan kekuatan pembuktian lebih rendah "
        "daripada tanda tangan tersertifikasi",
    },
    "verify.certified_yes": {
        "en": "certified: issued under {root}, a licensed Indonesian provider (PSrE)",
        "id": "tersertifikasi: diterbitkan di bawah {root}, PSrE berinduk Indonesia",
    },
    "verify.mod.none": {"en": "none", "id": "tidak ada"},
    "verify.mod.allowed": {
        "en": "only allowed changes (later signatures, form filling)",
        "id": "hanya perubahan yang diizinkan (tanda tangan berikutnya, isian formulir)",
    },
    "verify.mod.disallowed": {
        "en": "CHANGED in a way the signature does not allow",
        "id": "DIUBAH dengan cara yang tidak diizinkan tanda tangan",
    },
    "verify.cov.entire_file": {"en": "the whole file", "id": "seluruh berkas"},
    "verify.cov.entire_revision": {
        "en": "the whole document as it was signed (later revisions appended)",
        "id": "seluruh dokumen saat ditandatangani (revisi berikutnya ditambahkan)",
    },
    "verify.cov.partial": {
        "en": "only PART of the file (suspicious)",
        "id": "hanya SEBAGIAN berkas (mencurigakan)",
    },
    "verify.cov.unknown": {"en": "unknown", "id": "tidak diketahui"},
    "verify.rev.good": {"en": "not revoked", "id": "tidak dicabut"},
    "verify.rev.revoked": {"en": "REVOKED", "id": "DICABUT"},
    "verify.rev.unknown": {"en": "unknown", "id": "tidak diketahui"},
    "verify.rev.not_checked": {
        "en": "not checked (no revocation data)",
        "id": "tidak diperiksa (tidak ada data pencabutan)",
    },
    "verify.no_timestamp": {
        "en": "no (the time comes from the signer's computer)",
        "id": "tidak (waktu berasal dari komputer penanda tangan)",
    },
    "verify.problem.hash": {
        "en": "The signed bytes were changed: the digest does not match.",
        "id": "Isi yang ditandatangani telah diubah: nilai hash tidak cocok.",
    },
    "verify.problem.crypto": {
        "en": "The signature value does not verify with the signer's key.",
        "id": "Nilai tanda tangan tidak cocok dengan kunci penanda tangan.",
    },
    "verify.problem.untrusted": {
        "en": "The signer's certificate does not chain to a trusted root.",
        "id": "Sertifikat penanda tangan tidak berinduk pada root tepercaya.",
    },
    "verify.problem.untrusted.hint": {
        "en": "If you know this issuer, trust its root: `esign trust add ROOT.pem` or --trust.",
        "id": "Bila Anda mengenal penerbit ini, percayai root-nya: `esign trust add ROOT.pem` "
        "atau --trust.",
    },
    "verify.problem.expired": {
        "en": "The signer's certificate has expired and no trusted timestamp proves the "
        "signature was made before.",
        "id": "Sertifikat penanda tangan telah kedaluwarsa dan tidak ada cap waktu tepercaya "
        "yang membuktikan tanda tangan dibuat sebelumnya.",
    },
    "verify.problem.expired_no_revinfo": {
        "en": "The signer's certificate has expired since; the timestamp proves when it was "
        "signed, but the letter carries no revocation answer from that time (B-LT would).",
        "id": "Sertifikat penanda tangan kini sudah kedaluwarsa; cap waktu membuktikan kapan "
        "surat ditandatangani, tetapi surat tidak memuat jawaban status pencabutan dari waktu "
        "itu (B-LT memuatnya).",
    },
    "verify.problem.expired_at_timestamp": {
        "en": "The signer's certificate was not valid at the time the timestamp proves.",
        "id": "Sertifikat penanda tangan tidak berlaku pada waktu yang dibuktikan cap waktu.",
    },
    "verify.problem.revoked": {
        "en": "The signer's certificate is revoked.",
        "id": "Sertifikat penanda tangan telah dicabut.",
    },
    "verify.problem.cert_invalid_at_signing": {
        "en": "The certificate was not valid at the claimed signing time.",
        "id": "Sertifikat tidak berlaku pada waktu penandatanganan yang diklaim.",
    },
    "verify.problem.modified": {
        "en": "The document was changed after signing in a way the signature does not allow.",
        "id": "Dokumen diubah setelah ditandatangani dengan cara yang tidak diizinkan.",
    },
    "verify.problem.coverage": {
        "en": "The signature does not cover the whole document it belongs to.",
        "id": "Tanda tangan tidak mencakup seluruh dokumen tempatnya berada.",
    },
    "verify.problem.format": {
        "en": "The signature is malformed: {detail}",
        "id": "Tanda tangan cacat format: {detail}",
    },
    "verify.problem.chain": {
        "en": "The certificate chain failed validation: {detail}",
        "id": "Rantai sertifikat gagal divalidasi: {detail}",
    },
    "verify.problem.no_cert": {
        "en": "The signature does not carry the signer's certificate.",
        "id": "Tanda tangan tidak memuat sertifikat penanda tangan.",
    },
    "verify.problem.usage": {
        "en": "The signer's certificate is not meant for signing documents: {detail}",
        "id": "Sertifikat penanda tangan tidak diperuntukkan bagi penandatanganan dokumen: "
        "{detail}",
    },
    "verify.note.repaired": {
        "en": "The file's structure is damaged; it was read in tolerant mode.",
        "id": "Struktur berkas rusak; berkas dibaca dalam mode toleran.",
    },
    "verify.note.not_pdf": {
        "en": "not a PDF file",
        "id": "bukan berkas PDF",
    },
    "verify.summary": {
        "en": "{files} files: {valid} valid, {invalid} invalid, {indeterminate} cannot confirm, "
        "{unsigned} unsigned, {error} could not check",
        "en:one": "{files} file: {valid} valid, {invalid} invalid, {indeterminate} cannot "
        "confirm, {unsigned} unsigned, {error} could not check",
        "id": "{files} berkas: {valid} sah, {invalid} tidak sah, {indeterminate} tidak dapat "
        "dipastikan, {unsigned} tidak ditandatangani, {error} tidak dapat diperiksa",
    },
    "verify.signature_n": {"en": "Signature {n} of {total}", "id": "Tanda tangan {n} dari {total}"},
    "verify.timestamp_n": {
        "en": "Document timestamp {n} of {total}",
        "id": "Cap waktu dokumen {n} dari {total}",
    },
    # --- config -----------------------------------------------------------------------------
    "config.unknown_key": {
        "en": "Unknown setting '{key}'; settings are: {keys}.",
        "id": "Pengaturan '{key}' tidak dikenal; pengaturan yang ada: {keys}.",
    },
    "config.bad_value": {
        "en": "'{value}' is not a valid value for {key}: {why}",
        "id": "'{value}' bukan nilai yang sah untuk {key}: {why}",
    },
    "config.bad_file": {
        "en": "The settings file {path} is not valid TOML: {detail}",
        "id": "Berkas pengaturan {path} bukan TOML yang sah: {detail}",
    },
    "config.not_set": {
        "en": "{key} is not set.",
        "id": "{key} belum diatur.",
    },
    "config.saved": {
        "en": "Set {key} = {value} in {path}.",
        "id": "{key} = {value} disimpan di {path}.",
    },
    "config.why.lang": {"en": "use en or id", "id": "gunakan en atau id"},
    "config.why.timezone": {
        "en": "use an IANA zone such as Asia/Jakarta, Asia/Makassar or Asia/Jayapura",
        "id": "gunakan zona IANA seperti Asia/Jakarta, Asia/Makassar atau Asia/Jayapura",
    },
    "config.why.url": {
        "en": "use an http:// or https:// address",
        "id": "gunakan alamat http:// atau https://",
    },
    # --- table headers -------------------------------------------------------------------------
    "col.id": {"en": "ID", "id": "ID"},
    "col.kind": {"en": "Kind", "id": "Jenis"},
    "col.name": {"en": "Name", "id": "Nama"},
    "col.nip": {"en": "NIP", "id": "NIP"},
    "col.title": {"en": "Position", "id": "Jabatan"},
    "col.rank": {"en": "Rank", "id": "Pangkat/golongan"},
    "col.org": {"en": "Organization", "id": "Instansi"},
    "col.not_after": {"en": "Valid until", "id": "Berlaku sampai"},
    "col.status": {"en": "Status", "id": "Status"},
    "col.fingerprint": {"en": "SHA-256 fingerprint", "id": "Sidik jari SHA-256"},
    "col.subject": {"en": "Subject", "id": "Subjek"},
    "col.source": {"en": "Source", "id": "Sumber"},
    "col.issuer": {"en": "Issuer", "id": "Penerbit"},
    "col.serial": {"en": "Serial", "id": "Nomor seri"},
    "col.not_before": {"en": "Valid from", "id": "Berlaku mulai"},
    "col.key": {"en": "Key", "id": "Kunci"},
    "col.unit": {"en": "Unit", "id": "Unit"},
    "col.email": {"en": "E-mail", "id": "Surel"},
    "col.key_in_store": {"en": "Private key in store", "id": "Kunci privat tersimpan"},
    "col.setting": {"en": "Setting", "id": "Pengaturan"},
    "col.value": {"en": "Value", "id": "Nilai"},
    "col.origin": {"en": "From", "id": "Asal"},
    "status.active": {"en": "active", "id": "aktif"},
    "status.revoked": {"en": "revoked", "id": "dicabut"},
    "status.expired": {"en": "expired", "id": "kedaluwarsa"},
    "status.not_yet_valid": {"en": "not yet valid", "id": "belum berlaku"},
    "kind.ca": {"en": "CA", "id": "CA"},
    "kind.person": {"en": "person", "id": "perorangan"},
    "kind.seal": {"en": "seal", "id": "segel"},
    "empty.certs": {
        "en": "The store holds no certificates yet.",
        "id": "Penyimpanan belum berisi sertifikat.",
    },
    "empty.trust": {
        "en": "The store trusts no roots yet.",
        "id": "Penyimpanan belum mempercayai root apa pun.",
    },
}
