"""Messages: the stamp, footer, QR and fields."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- the visible stamp --------------------------------------------------------------
    "stamp.heading": {
        "en": "Electronically signed by:",
        "id": "Ditandatangani secara elektronik oleh:",
    },
    "stamp.bad_page": {
        "en": "{file} has no page {page}: its page count is {pages}; use a number from 1 "
        "to {pages}, first or last.",
        "id": "{file} tidak memiliki halaman {page}: jumlah halamannya {pages}; gunakan "
        "angka 1 sampai {pages}, first, atau last.",
    },
    "stamp.tag_missing": {
        "en": "The placeholder {tag} does not appear in the text of any page.",
        "id": "Penanda {tag} tidak ditemukan dalam teks halaman mana pun.",
    },
    "stamp.tag_missing_page": {
        "en": "The placeholder {tag} does not appear in the text of page {page}.",
        "id": "Penanda {tag} tidak ditemukan dalam teks halaman {page}.",
    },
    "stamp.tag_missing.hint": {
        "en": "check the spelling (pdftotext shows the page text), or place the stamp with "
        "--page and --box",
        "id": "periksa ejaannya (pdftotext menampilkan teks halaman), atau tempatkan blok "
        "tanda tangan dengan --page dan --box",
    },
    "stamp.tag_ambiguous": {
        "en": "The placeholder {tag} appears {count} times (pages {pages}); the stamp "
        "needs exactly one place.",
        "id": "Penanda {tag} muncul {count} kali (halaman {pages}); blok tanda tangan memerlukan "
        "tepat satu tempat.",
    },
    "stamp.tag_ambiguous.hint": {
        "en": "choose the page with --page, or give each signer its own placeholder "
        "(${{ttd_pengirim1}}, ${{ttd_pengirim2}})",
        "id": "pilih halamannya dengan --page, atau beri setiap penanda tangan penanda "
        "sendiri (${{ttd_pengirim1}}, ${{ttd_pengirim2}})",
    },
    "stamp.bad_image": {
        "en": "{file} is not a picture esign can read (PNG or JPEG): {detail}",
        "id": "{file} bukan gambar yang dapat dibaca esign (PNG atau JPEG): {detail}",
    },
    "sign.verification_code": {
        "en": "Verification code (printed under the QR): {code}",
        "id": "Kode verifikasi (tercetak di bawah QR): {code}",
    },
    # --- the footer ---------------------------------------------------------------------
    "footer.statement": {
        "en": "This document has been signed electronically using an electronic "
        "certificate issued by {issuer}.",
        "id": "Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat "
        "elektronik yang diterbitkan oleh {issuer}.",
    },
    "footer.law": {
        "en": "Under Law 11/2008 on Electronic Information and Transactions (UU ITE), "
        "Article 5(1), electronic documents and their printouts are valid legal evidence.",
        "id": "Sesuai UU ITE No. 11 Tahun 2008 Pasal 5 ayat 1, Informasi Elektronik "
        "dan/atau Dokumen Elektronik dan/atau hasil cetaknya merupakan alat bukti hukum "
        "yang sah.",
    },
    "footer.verify": {
        "en": "Check this document at {url}",
        "id": "Keaslian dokumen ini dapat diperiksa di {url}",
    },
    "footer.already_signed": {
        "en": "{file} is already signed: adding a footer now would change what the earlier "
        "signatures cover.",
        "id": "{file} sudah ditandatangani: menambahkan tulisan di kaki halaman sekarang "
        "akan mengubah isi yang dicakup tanda tangan sebelumnya.",
    },
    "footer.already_signed.hint": {
        "en": "the footer goes in with the first signature (the first paraf); sign "
        "without --footer",
        "id": "tulisan di kaki halaman dibubuhkan bersama tanda tangan pertama (paraf pertama); "
        "tandatangani tanpa --footer",
    },
    "certify.not_first": {
        "en": "{file} is already signed; only the first signature can certify a document.",
        "id": "{file} sudah ditandatangani; hanya tanda tangan pertama yang dapat "
        "mensertifikasi dokumen.",
    },
    # --- fields and signing order -------------------------------------------------------
    "fields.exists": {
        "en": "{file} already has a signature field named {field}.",
        "id": "{file} sudah memiliki kolom tanda tangan bernama {field}.",
    },
    "fields.out_of_order": {
        "en": "{file}: the field {field} comes after {missing} in the signing order, "
        "and that is not signed yet.",
        "id": "{file}: kolom {field} berada setelah {missing} dalam urutan "
        "penandatanganan, dan itu belum ditandatangani.",
    },
    "fields.out_of_order.hint": {
        "en": "sign the earlier fields first, or use --force to sign out of order",
        "id": "tandatangani kolom sebelumnya terlebih dahulu, atau gunakan --force untuk "
        "menandatangani di luar urutan",
    },
    "fields.added": {
        "en": "Added the signature field {field} (page {page}, position {order} in the "
        "signing order) to {file}.",
        "id": "Kolom tanda tangan {field} (halaman {page}, urutan ke-{order}) ditambahkan "
        "ke {file}.",
    },
    "fields.none": {
        "en": "{file} has no signature fields.",
        "id": "{file} tidak memiliki kolom tanda tangan.",
    },
    "fields.col.name": {"en": "field", "id": "kolom"},
    "fields.col.order": {"en": "order", "id": "urutan"},
    "fields.col.page": {"en": "page", "id": "halaman"},
    "fields.col.signed": {"en": "signed", "id": "ditandatangani"},
    "fields.yes": {"en": "yes", "id": "ya"},
    "fields.no": {"en": "no", "id": "belum"},
    # --- QR for printed copies ----------------------------------------------------------
    "qr.valid": {
        "en": "VALID: this QR statement was signed by {name} with a certificate from a "
        "trusted issuer.",
        "id": "SAH: pernyataan QR ini ditandatangani oleh {name} dengan sertifikat dari "
        "penerbit tepercaya.",
    },
    "qr.invalid": {
        "en": "INVALID: this QR statement cannot be trusted.",
        "id": "TIDAK SAH: pernyataan QR ini tidak dapat dipercaya.",
    },
    "qr.indeterminate": {
        "en": "CANNOT CONFIRM: the QR statement could not be fully checked.",
        "id": "TIDAK DAPAT DIPASTIKAN: pernyataan QR tidak dapat diperiksa sepenuhnya.",
    },
    "qr.what_it_proves": {
        "en": "What the QR proves: who signed which document (by its SHA-256) and when. "
        "It does not prove that a paper copy is unchanged: compare with the signed PDF "
        "(--pdf), which carries the cryptographic signature.",
        "id": "Yang dibuktikan QR: siapa menandatangani dokumen yang mana (menurut "
        "SHA-256-nya) dan kapan. QR tidak membuktikan bahwa salinan kertas tidak diubah: "
        "bandingkan dengan PDF bertanda tangan (--pdf), yang memuat tanda tangan "
        "kriptografis.",
    },
    "qr.line.signer": {"en": "Signer: {name}", "id": "Penanda tangan: {name}"},
    "qr.line.nip": {"en": "NIP: {nip}", "id": "NIP: {nip}"},
    "qr.line.time": {"en": "Signed at: {when}", "id": "Waktu tanda tangan: {when}"},
    "qr.line.sha": {
        "en": "Document before signing (SHA-256): {sha}",
        "id": "Dokumen sebelum ditandatangani (SHA-256): {sha}",
    },
    "qr.line.code": {"en": "Verification code: {code}", "id": "Kode verifikasi: {code}"},
    "qr.line.issuer": {"en": "Issuer: {issuer}", "id": "Penerbit: {issuer}"},
    "qr.line.pdf_ok": {
        "en": "The PDF contains this document, signed by this certificate.",
        "id": "PDF memuat dokumen ini, ditandatangani dengan sertifikat ini.",
    },
    "qr.not_statement": {
        "en": "The text is not an esign QR statement (or it was damaged).",
        "id": "Teks ini bukan pernyataan QR esign (atau sudah rusak).",
    },
    "qr.unknown_cert": {
        "en": "The signer's certificate is not in this store; ask the issuing office.",
        "id": "Sertifikat penanda tangan tidak ada di penyimpanan ini; tanyakan ke kantor "
        "penerbit.",
    },
    "qr.bad_signature": {
        "en": "The statement's signature does not verify: it was altered or forged.",
        "id": "Tanda tangan pernyataan tidak cocok: pernyataan diubah atau dipalsukan.",
    },
    "qr.cert_not_valid_then": {
        "en": "The certificate was not valid at the stated signing time.",
        "id": "Sertifikat tidak berlaku pada waktu penandatanganan yang dinyatakan.",
    },
    "qr.untrusted": {
        "en": "The certificate does not lead to a trusted root.",
        "id": "Sertifikat tidak mengarah ke root tepercaya.",
    },
    "qr.pdf_mismatch": {
        "en": "The PDF is not the document this statement names, or it holds no "
        "signature by this signer.",
        "id": "PDF bukan dokumen yang disebut pernyataan ini, atau tidak memuat tanda "
        "tangan dari penanda tangan ini.",
    },
    "qr.no_code_in_image": {
        "en": "No QR code could be read in {file}.",
        "id": "Tidak ada kode QR yang dapat dibaca di {file}.",
    },
    # --- help ---------------------------------------------------------------------------
    "help.opt.stamp": {
        "en": "Draw the visible signature block (QR, name, rank, NIP, time).",
        "id": "Gambar blok tanda tangan yang terlihat (QR, nama, pangkat, NIP, waktu).",
    },
    "help.opt.at": {
        "en": "Put the stamp where this placeholder is, e.g. '${ttd_pengirim}'.",
        "id": "Letakkan blok tanda tangan di tempat penanda ini, mis. '${ttd_pengirim}'.",
    },
    "help.opt.page": {
        "en": "Page of the stamp or field: N, first or last (default last).",
        "id": "Halaman blok tanda tangan atau kolom: N, first, atau last (bawaan last).",
    },
    "help.opt.box": {
        "en": "Stamp box x,y,w,h in points from bottom-left (or with mm suffix).",
        "id": "Kotak blok tanda tangan x,y,w,h dalam poin dari kiri bawah (atau akhiran mm).",
    },
    "stamp.bad_box": {
        "en": "x,y,w,h in points from the bottom-left corner, or in millimetres: "
        "120,60,220,95 or 42,21,78,34mm or 42mm,21mm,78mm,34mm",
        "id": "x,y,w,h dalam poin dari sudut kiri bawah, atau dalam milimeter: "
        "120,60,220,95 atau 42,21,78,34mm atau 42mm,21mm,78mm,34mm",
    },
    "help.opt.image": {
        "en": "Specimen signature or seal picture (PNG with transparency, or JPEG).",
        "id": "Gambar spesimen tanda tangan atau cap (PNG transparan, atau JPEG).",
    },
    "help.opt.no_qr": {
        "en": "Leave the QR code out of the stamp.",
        "id": "Jangan sertakan kode QR dalam blok tanda tangan.",
    },
    "help.opt.footer": {
        "en": "Add the e-signature footer to every page (first signature only).",
        "id": "Tambahkan tulisan tanda tangan elektronik di kaki setiap halaman (hanya tanda "
        "tangan pertama).",
    },
    "help.opt.certify": {
        "en": "Certify the document (DocMDP); see --allow.",
        "id": "Sertifikasi dokumen (DocMDP); lihat --allow.",
    },
    "help.opt.allow": {
        "en": "Changes allowed after certifying: none, forms (default) or annotations.",
        "id": "Perubahan yang diizinkan setelah sertifikasi: none, forms (bawaan), atau "
        "annotations.",
    },
    "help.opt.rank": {
        "en": "Pangkat/golongan shown in the stamp, e.g. 'Pembina IV/a' or 'IV/a'.",
        "id": "Pangkat/golongan pada blok tanda tangan, mis. 'Pembina IV/a' atau 'IV/a'.",
    },
    "help.fields": {
        "en": "Empty signature fields and the signing order.",
        "id": "Kolom tanda tangan kosong dan urutan penandatanganan.",
    },
    "help.fields.add": {
        "en": "Reserve an empty signature field (next in the signing order).",
        "id": "Siapkan kolom tanda tangan kosong (berikutnya dalam urutan).",
    },
    "help.fields.list": {
        "en": "List the signature fields, their order and whether they are signed.",
        "id": "Daftar kolom tanda tangan, urutannya, dan apakah sudah ditandatangani.",
    },
    "help.opt.field_name": {
        "en": "Name of the new field, e.g. paraf1.",
        "id": "Nama kolom baru, mis. paraf1.",
    },
    "help.opt.fields_out": {
        "en": "Output file (default FILE.fields.pdf).",
        "id": "Berkas keluaran (bawaan FILE.fields.pdf).",
    },
    "help.verify_qr": {
        "en": "Check a printed letter's QR (text or PNG/JPEG scan) or the code under it.",
        "id": "Periksa QR surat tercetak (teks atau pindaian PNG/JPEG) atau kode di bawahnya.",
    },
    "help.opt.qr_pdf": {
        "en": "Also verify this PDF fully (as esign verify does) and that it is the "
        "document the QR names.",
        "id": "Verifikasi juga PDF ini sepenuhnya (seperti esign verify) dan pastikan PDF ini "
        "adalah dokumen yang disebut QR.",
    },
    "setting.verify_url": {
        "en": "the office's verification page, put in the QR and the footer",
        "id": "halaman verifikasi kantor, dicantumkan di QR dan kaki halaman",
    },
    "setting.footer_law": {
        "en": "add the UU ITE Pasal 5 ayat 1 note to the footer: yes or no",
        "id": "tambahkan catatan UU ITE Pasal 5 ayat 1 di kaki halaman: yes atau no",
    },
}
