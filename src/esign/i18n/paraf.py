"""Messages: a paraf on every page as one signature, the Permendagri 1/2023 signature block
(``--doc-type``) and the pre-flight check before the first signature (issue 16)."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- paraf on every page --------------------------------------------------------------
    "help.opt.paraf_every_page": {
        "en": "Paraf every page with ONE signature: your initials and the time in a corner of "
        "each page (--corner), one field with a widget on each page. Not with --stamp.",
        "id": "Paraf setiap halaman dengan SATU tanda tangan: inisial dan waktu di sudut setiap "
        "halaman (--corner), satu kolom dengan tampilan di setiap halaman. Tidak bersama "
        "--stamp.",
    },
    "help.opt.corner": {
        "en": "Corner of every page for --paraf-every-page, as the page is seen "
        "(default: bottom-right).",
        "id": "Sudut setiap halaman untuk --paraf-every-page, sebagaimana halaman terlihat "
        "(bawaan: bottom-right).",
    },
    "paraf.corner.bottom-right": {"en": "bottom right", "id": "kanan bawah"},
    "paraf.corner.bottom-left": {"en": "bottom left", "id": "kiri bawah"},
    "paraf.corner.top-right": {"en": "top right", "id": "kanan atas"},
    "paraf.corner.top-left": {"en": "top left", "id": "kiri atas"},
    "paraf.consent": {
        "en": "paraf (initials and time) on every page, {corner}, one signature",
        "id": "paraf (inisial dan waktu) di setiap halaman, {corner}, satu tanda tangan",
    },
    "paraf.with_stamp": {
        "en": "--paraf-every-page draws its own small block on every page; it cannot be "
        "combined with --stamp, --at, --page, --box or --image.",
        "id": "--paraf-every-page menggambar bloknya sendiri di setiap halaman; tidak dapat "
        "digabung dengan --stamp, --at, --page, --box atau --image.",
    },
    "paraf.corner_alone": {
        "en": "--corner places the paraf of --paraf-every-page; add --paraf-every-page.",
        "id": "--corner menentukan letak paraf dari --paraf-every-page; tambahkan "
        "--paraf-every-page.",
    },
    "paraf.field_exists": {
        "en": "{file}: the field '{field}' already exists; a paraf on every page makes its own "
        "field. Leave out --field or give a new name.",
        "id": "{file}: kolom '{field}' sudah ada; paraf di setiap halaman membuat kolomnya "
        "sendiri. Hilangkan --field atau beri nama baru.",
    },
    "paraf.signed_pages": {
        "en": "Paraf on {count} pages ({pages}), one signature.",
        "id": "Paraf pada {count} halaman ({pages}), satu tanda tangan.",
    },
    "verify.field.pages": {"en": "Shown on pages", "id": "Tampil pada halaman"},
    "verify.paraf.pages": {
        "en": "{pages} (one signature on {count} pages)",
        "id": "{pages} (satu tanda tangan pada {count} halaman)",
    },
}

MESSAGES |= {
    # --- pre-flight: esign check, sign --repair ------------------------------------------
    "help.check": {
        "en": "Check a PDF before its first signature (pre-flight): broken or hybrid "
        "cross-reference, object streams readers disagree on, encryption, JavaScript, XFA, "
        "fonts not embedded, a PDF/A claim. Exit 0 when it can be signed as it is, 21 when "
        "something must be settled first (esign sign --repair, or the author).",
        "id": "Periksa PDF sebelum tanda tangan pertamanya (pra-periksa): tabel referensi "
        "silang rusak atau hibrida, aliran objek yang dibaca berbeda oleh pembaca, enkripsi, "
        "JavaScript, XFA, huruf yang tidak disematkan, klaim PDF/A. Keluar 0 bila dapat "
        "ditandatangani apa adanya, 21 bila ada yang harus dibereskan dahulu (esign sign "
        "--repair, atau pembuat berkas).",
    },
    "short.check": {
        "en": "Pre-flight: is a PDF fit to be signed?",
        "id": "Pra-periksa: layakkah PDF ditandatangani?",
    },
    "help.opt.repair": {
        "en": "When pre-flight finds what must be settled before the first signature, rewrite "
        "the letter once (new cross-reference, no scripts, no encryption, no XFA) and sign "
        "the rewrite; what changed is shown. A letter already signed is never rewritten: it is "
        "signed as it is.",
        "id": "Bila pra-periksa menemukan hal yang harus dibereskan sebelum tanda tangan "
        "pertama, tulis ulang naskah sekali (referensi silang baru, tanpa skrip, tanpa "
        "enkripsi, tanpa XFA) lalu tandatangani hasilnya; perubahannya ditampilkan. "
        "Naskah yang sudah ditandatangani tidak pernah ditulis ulang: naskah itu "
        "ditandatangani apa adanya.",
    },
    "preflight.severity.refuse": {"en": "must be settled", "id": "harus dibereskan"},
    "preflight.severity.warn": {"en": "warning", "id": "peringatan"},
    "preflight.severity.info": {"en": "note", "id": "catatan"},
    "preflight.unreadable": {
        "en": "pypdf cannot read the file ({detail}); signing leaves it to the signing "
        "engine, which refuses it or signs it as it reads it.",
        "id": "pypdf tidak dapat membaca berkas ({detail}); penandatanganan menyerahkannya "
        "kepada mesin penanda tangan, yang menolaknya atau menandatanganinya sebagaimana ia "
        "membacanya.",
    },
    "preflight.encrypted": {
        "en": "The file is encrypted ({detail}), although it opens without a password: a "
        "signature would be encrypted with it, and the owner's restrictions may forbid "
        "signing. --repair writes it unencrypted.",
        "id": "Berkas terenkripsi ({detail}), walaupun terbuka tanpa kata sandi: tanda "
        "tangan akan ikut terenkripsi, dan pembatasan pemilik dapat melarang penandatanganan. "
        "--repair menuliskannya tanpa enkripsi.",
    },
    "preflight.encrypted_password": {
        "en": "The file is encrypted with a password: nothing in it can be checked or signed. "
        "Ask the author for the unencrypted original.",
        "id": "Berkas dienkripsi dengan kata sandi: isinya tidak dapat diperiksa maupun "
        "ditandatangani. Mintalah naskah asli yang tidak terenkripsi kepada pembuatnya.",
    },
    "preflight.xref_broken": {
        "en": "The cross-reference table is broken ({detail}): readers rebuild it each in "
        "their own way and may show different content. --repair writes a new one.",
        "id": "Tabel referensi silang rusak ({detail}): setiap pembaca membangunnya ulang "
        "dengan caranya sendiri dan dapat menampilkan isi yang berbeda. --repair menuliskan "
        "tabel baru.",
    },
    "preflight.xref_hybrid": {
        "en": (
            "The file is a hybrid whose two cross-reference tables disagree on {count} objects "
            "({objects}): a PDF 1.4 reader and a newer one show different objects. --repair "
            "writes one table every reader reads the same way (keeping the classic table's "
            "objects, as pypdf and poppler read them)."
        ),
        "en:one": (
            "The file is a hybrid whose two cross-reference tables disagree on {count} object "
            "({objects}): a PDF 1.4 reader and a newer one show different objects. --repair "
            "writes one table every reader reads the same way (keeping the classic table's "
            "objects, as pypdf and poppler read them)."
        ),
        "id": "Berkas berjenis hibrida yang kedua tabel referensi silangnya berbeda untuk "
        "{count} objek ({objects}): pembaca PDF 1.4 dan pembaca yang lebih baru menampilkan "
        "objek yang berbeda. --repair menuliskan satu tabel yang dibaca sama oleh semua "
        "pembaca (mempertahankan objek tabel klasik, sebagaimana dibaca pypdf dan poppler).",
    },
    "preflight.xref_hybrid_agrees": {
        "en": "The file is a hybrid (a classic cross-reference table with a cross-reference "
        "stream beside it, as some word processors write them); the two agree on every object "
        "both list, but the signing engine does not sign a file with two kinds of table. "
        "--repair writes one.",
        "id": "Berkas berjenis hibrida (tabel referensi silang klasik dengan aliran referensi "
        "silang di sampingnya, seperti yang ditulis sebagian pengolah kata); keduanya sama untuk "
        "setiap objek yang dicantumkan keduanya, tetapi mesin penanda tangan tidak "
        "menandatangani berkas dengan dua jenis tabel. --repair menuliskan satu tabel.",
    },
    "preflight.refused.xref_hybrid_agrees": {
        "en": "{file} is a hybrid-reference file (two kinds of cross-reference table), which "
        "the signing engine does not sign. Not signed.",
        "id": "{file} berkas referensi hibrida (dua jenis tabel referensi silang), yang tidak "
        "ditandatangani oleh mesin penanda tangan. Tidak ditandatangani.",
    },
    "preflight.objstm_disagree": {
        "en": (
            "{count} objects ({objects}) are kept in an object stream and also written out "
            "plainly with other content: readers disagree on which one the letter shows. "
            "--repair keeps the object streams' version (what current readers show)."
        ),
        "en:one": (
            "{count} object ({objects}) is kept in an object stream and also written out "
            "plainly with other content: readers disagree on which one the letter shows. "
            "--repair keeps the object streams' version (what current readers show)."
        ),
        "id": "{count} objek ({objects}) disimpan dalam aliran objek dan juga ditulis biasa "
        "dengan isi lain: pembaca berbeda pendapat tentang mana yang ditampilkan. --repair "
        "mempertahankan versi aliran objek (yang ditampilkan pembaca masa kini).",
    },
    "preflight.javascript": {
        "en": (
            "The file holds {count} scripts or actions that run code, start a program or send"
            " data: what it shows could change after signing. --repair removes them."
        ),
        "en:one": (
            "The file holds {count} script or action that runs code, starts a program or "
            "sends data: what it shows could change after signing. --repair removes it."
        ),
        "id": "Berkas memuat {count} skrip atau aksi yang menjalankan kode, membuka program "
        "atau mengirim data: tampilannya dapat berubah setelah ditandatangani. --repair "
        "menghapusnya.",
    },
    "preflight.open_action": {
        "en": "The file runs an action when it opens ({action}). --repair removes it.",
        "id": "Berkas menjalankan aksi saat dibuka ({action}). --repair menghapusnya.",
    },
    "preflight.xfa": {
        "en": "The file carries an XFA form: readers that show XFA draw it instead of the "
        "signed pages. --repair removes the XFA (the ordinary form fields stay).",
        "id": "Berkas memuat formulir XFA: pembaca yang menampilkan XFA menggambarnya sebagai "
        "pengganti halaman yang ditandatangani. --repair menghapus XFA (kolom formulir biasa "
        "tetap ada).",
    },
    "preflight.xfa_dynamic": {
        "en": "The file is a dynamic XFA form: its pages exist only in the XFA, so what a "
        "signature covers is not what readers show. Ask the author for a flattened PDF "
        "(print to PDF).",
        "id": "Berkas berupa formulir XFA dinamis: halamannya hanya ada di dalam XFA, sehingga "
        "yang dicakup tanda tangan bukan yang ditampilkan pembaca. Mintalah PDF yang sudah "
        "diratakan (cetak ke PDF) kepada pembuatnya.",
    },
    "preflight.fonts_not_embedded": {
        "en": (
            "{count} fonts are not embedded ({fonts}): another computer and a printout draw "
            "substitutes. Signing goes on; for an exact printout export the letter again with"
            " fonts embedded."
        ),
        "en:one": (
            "{count} font is not embedded ({fonts}): another computer and a printout draw "
            "substitutes. Signing goes on; for an exact printout export the letter again with"
            " fonts embedded."
        ),
        "id": "{count} huruf tidak disematkan ({fonts}): komputer lain dan hasil cetak "
        "menggantinya dengan huruf lain. Penandatanganan tetap berjalan; agar hasil cetak "
        "persis, ekspor ulang naskah dengan huruf disematkan.",
    },
    "preflight.pdfa_kept": {
        "en": "The file claims PDF/A-{claim}. An esign signature keeps the claim: it is "
        "appended as an incremental update, carries the XMP metadata forward, and draws its "
        "block with embedded fonts on a printable widget (for PDF/A-1: no picture with "
        "transparency in --image). Not checked by a PDF/A validator.",
        "id": "Berkas mengaku PDF/A-{claim}. Tanda tangan esign mempertahankan klaim itu: "
        "ditambahkan sebagai pembaruan bertahap, metadata XMP diteruskan, dan bloknya digambar "
        "dengan huruf tersemat pada tampilan yang ikut tercetak (untuk PDF/A-1: tanpa gambar "
        "transparan pada --image). Tidak diperiksa dengan validator PDF/A.",
    },
    "preflight.pdfa_lost": {
        "en": "The file claims PDF/A-{claim}, but PDF/A forbids encryption: the claim is not "
        "true now, and a signature does not make it so (--repair removes the encryption).",
        "id": "Berkas mengaku PDF/A-{claim}, padahal PDF/A melarang enkripsi: klaim itu kini "
        "tidak benar, dan tanda tangan tidak membenarkannya (--repair menghapus enkripsi).",
    },
    "preflight.refused.encrypted": {
        "en": "{file} is encrypted ({detail}); pre-flight refuses it before the first signature.",
        "id": "{file} terenkripsi ({detail}); pra-periksa menolaknya sebelum tanda tangan pertama.",
    },
    "preflight.refused.encrypted_password": {
        "en": "{file} is encrypted with a password; esign does not sign encrypted PDFs.",
        "id": "{file} dienkripsi dengan kata sandi; esign tidak menandatangani PDF terenkripsi.",
    },
    "preflight.refused.xref_broken": {
        "en": "{file}: the cross-reference table is broken ({detail}); readers may show "
        "different content. Not signed.",
        "id": "{file}: tabel referensi silang rusak ({detail}); pembaca dapat menampilkan isi "
        "yang berbeda. Tidak ditandatangani.",
    },
    "preflight.refused.xref_hybrid": {
        "en": (
            "{file} is a hybrid-reference file whose tables disagree on {count} objects "
            "({objects}): older and newer readers show different content. Not signed."
        ),
        "en:one": (
            "{file} is a hybrid-reference file whose tables disagree on {count} object "
            "({objects}): older and newer readers show different content. Not signed."
        ),
        "id": "{file} berkas referensi hibrida yang tabelnya berbeda untuk {count} objek "
        "({objects}): pembaca lama dan baru menampilkan isi yang berbeda. Tidak "
        "ditandatangani.",
    },
    "preflight.refused.objstm_disagree": {
        "en": (
            "{file}: {count} objects ({objects}) read differently by different readers "
            "(object streams). Not signed."
        ),
        "en:one": (
            "{file}: {count} object ({objects}) read differently by different readers (object"
            " streams). Not signed."
        ),
        "id": "{file}: {count} objek ({objects}) dibaca berbeda oleh pembaca yang berbeda "
        "(aliran objek). Tidak ditandatangani.",
    },
    "preflight.refused.javascript": {
        "en": (
            "{file} holds {count} scripts or risky actions; what it shows could change after "
            "signing. Not signed."
        ),
        "en:one": (
            "{file} holds {count} script or risky action; what it shows could change after "
            "signing. Not signed."
        ),
        "id": "{file} memuat {count} skrip atau aksi berisiko; tampilannya dapat berubah "
        "setelah ditandatangani. Tidak ditandatangani.",
    },
    "preflight.refused.open_action": {
        "en": "{file} runs an action when it opens ({action}). Not signed.",
        "id": "{file} menjalankan aksi saat dibuka ({action}). Tidak ditandatangani.",
    },
    "preflight.refused.xfa": {
        "en": "{file} carries an XFA form that readers may show instead of the signed pages. "
        "Not signed.",
        "id": "{file} memuat formulir XFA yang dapat ditampilkan pembaca sebagai pengganti "
        "halaman yang ditandatangani. Tidak ditandatangani.",
    },
    "preflight.refused.xfa_dynamic": {
        "en": "{file} is a dynamic XFA form: its pages exist only in the XFA. Not signed.",
        "id": "{file} berupa formulir XFA dinamis: halamannya hanya ada di dalam XFA. Tidak "
        "ditandatangani.",
    },
    "preflight.hint.repair": {
        "en": "see what was found with `esign check {file}`; sign with --repair to rewrite "
        "the letter once before the first signature",
        "id": "lihat temuannya dengan `esign check {file}`; tandatangani dengan --repair untuk "
        "menulis ulang naskah sekali sebelum tanda tangan pertama",
    },
    "preflight.hint.author": {
        "en": "a rewrite cannot settle this: ask the author for a new PDF (see `esign check "
        "{file}`)",
        "id": "penulisan ulang tidak dapat membereskannya: mintalah PDF baru kepada pembuatnya "
        "(lihat `esign check {file}`)",
    },
    "preflight.signed_no_repair": {
        "en": "{file} holds a signature's byte range although no signed field was found: a "
        "rewrite could break a signature, so --repair does not touch it. Not signed.",
        "id": "{file} memuat rentang bita tanda tangan walaupun tidak ditemukan kolom yang "
        "sudah ditandatangani: penulisan ulang dapat merusak tanda tangan, sehingga --repair "
        "tidak menyentuhnya. Tidak ditandatangani.",
    },
    "preflight.repair_failed": {
        "en": "{file} could not be rewritten ({detail}). Not signed.",
        "id": "{file} tidak dapat ditulis ulang ({detail}). Tidak ditandatangani.",
    },
    "preflight.hint.signed": {
        "en": "ask the author for the letter as it was before any signature",
        "id": "mintalah naskah kepada pembuatnya dalam keadaan sebelum ditandatangani",
    },
    "repair.rewritten": {
        "en": "written anew with one cross-reference table, without object streams",
        "id": "ditulis ulang dengan satu tabel referensi silang, tanpa aliran objek",
    },
    "repair.decrypted": {"en": "encryption removed", "id": "enkripsi dihapus"},
    "repair.scripts_removed": {
        "en": "scripts and risky actions removed",
        "id": "skrip dan aksi berisiko dihapus",
    },
    "repair.open_action_removed": {
        "en": "the action on opening removed",
        "id": "aksi saat dibuka dihapus",
    },
    "repair.xfa_removed": {"en": "the XFA form removed", "id": "formulir XFA dihapus"},
    "sign.repaired": {
        "en": "Repaired before the first signature: {changes}. The original file is unchanged.",
        "id": "Diperbaiki sebelum tanda tangan pertama: {changes}. Berkas asli tidak berubah.",
    },
    "sign.repaired_in_place": {
        "en": "Repaired before the first signature: {changes}.",
        "id": "Diperbaiki sebelum tanda tangan pertama: {changes}.",
    },
    "check.ready": {
        "en": "{file}: ready for its first signature; nothing must be settled.",
        "id": "{file}: siap untuk tanda tangan pertama; tidak ada yang harus dibereskan.",
    },
    "check.refused": {
        "en": ("{file}: {count} things must be settled before the first signature."),
        "en:one": ("{file}: {count} thing must be settled before the first signature."),
        "id": "{file}: {count} hal harus dibereskan sebelum tanda tangan pertama.",
    },
    "check.repair_hint": {
        "en": "`esign sign {file} --repair` rewrites it once and signs the rewrite "
        "(the original stays as it is).",
        "id": "`esign sign {file} --repair` menulis ulang sekali dan menandatangani hasilnya "
        "(berkas asli tetap apa adanya).",
    },
    "check.author_hint": {
        "en": "A rewrite cannot settle all of it: ask the author for a new PDF.",
        "id": "Penulisan ulang tidak dapat membereskan semuanya: mintalah PDF baru kepada "
        "pembuatnya.",
    },
    "check.signed": {
        "en": (
            "{file} is already signed ({count} signatures): pre-flight is for the first "
            "signature; this file must not be rewritten, and later signatures are not refused"
            " for what is found here."
        ),
        "en:one": (
            "{file} is already signed ({count} signature): pre-flight is for the first "
            "signature; this file must not be rewritten, and later signatures are not refused"
            " for what is found here."
        ),
        "id": "{file} sudah ditandatangani ({count} tanda tangan): pra-periksa untuk tanda "
        "tangan pertama; berkas ini tidak boleh ditulis ulang, dan tanda tangan berikutnya "
        "tidak ditolak karena temuan di sini.",
    },
}
