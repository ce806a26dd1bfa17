"""Messages: the key and store seams (key references, store URLs) and audit-log heads."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- keys -------------------------------------------------------------------------
    "key.bad_ref": {
        "en": "'{ref}' is not a key reference (expected p12:ID or pkcs11:...).",
        "id": "'{ref}' bukan rujukan kunci (seharusnya p12:ID atau pkcs11:...).",
    },
    "key.scheme_unavailable": {
        "en": "Keys of the kind '{scheme}' ({ref}) are not available in this version of esign.",
        "id": "Kunci jenis '{scheme}' ({ref}) belum tersedia pada versi esign ini.",
    },
    "key.unsupported": {
        "en": "This key cannot do that: {detail}.",
        "id": "Kunci ini tidak dapat melakukannya: {detail}.",
    },
    # --- store ------------------------------------------------------------------------
    "store.bad_url": {
        "en": "'{url}' is not a store location: give a folder or sqlite:///FOLDER.",
        "id": "'{url}' bukan lokasi penyimpanan: berikan folder atau sqlite:///FOLDER.",
    },
    # --- audit-log heads ----------------------------------------------------------------
    "help.log.head": {
        "en": "Print the log's head as HASH:COUNT; keep it outside the store to detect "
        "later removals.",
        "id": "Cetak kepala log sebagai HASH:JUMLAH; simpan di luar penyimpanan untuk "
        "mendeteksi penghapusan kemudian.",
    },
    "help.log.anchor": {
        "en": "Record the log's head in the store, time-stamped by the office TSA when one "
        "is configured (tsa-url or --tsa).",
        "id": "Catat kepala log di penyimpanan, dibubuhi cap waktu oleh TSA kantor bila "
        "dikonfigurasi (tsa-url atau --tsa).",
    },
    "help.opt.log_head": {
        "en": "A head printed earlier by 'esign log head': check that the log still holds it.",
        "id": "Kepala log yang dicetak sebelumnya oleh 'esign log head': pastikan log "
        "masih memuatnya.",
    },
    "help.opt.log_tsa": {
        "en": "Time-stamp authority URL for the anchor (default: the tsa-url setting).",
        "id": "URL otoritas cap waktu untuk jangkar (bawaan: pengaturan tsa-url).",
    },
    "log.bad_head": {
        "en": "'{value}' is not a log head; give HASH:COUNT as 'esign log head' prints it.",
        "id": "'{value}' bukan kepala log; berikan HASH:JUMLAH seperti yang dicetak "
        "'esign log head'.",
    },
    "log.given.matches": {
        "en": "The log still holds the head you gave (entry {count}, {hash}…): entries 1 to "
        "{count} are exactly as they were then; {later} entries were added since.",
        "id": "Log masih memuat kepala yang Anda berikan (entri {count}, {hash}…): entri 1 "
        "sampai {count} sama persis seperti saat itu; {later} entri ditambahkan sejak itu.",
    },
    "log.given.truncated": {
        "en": "The log was cut short: it has {have} entries, but the head you gave had "
        "{count}. Entries were removed at the end.",
        "id": "Log telah dipotong: log memuat {have} entri, tetapi kepala yang Anda berikan "
        "memuat {count}. Entri di bagian akhir telah dihapus.",
    },
    "log.given.diverged": {
        "en": "The log was rewritten: entry {count} no longer has the hash of the head you "
        "gave ({hash}…).",
        "id": "Log telah ditulis ulang: entri {count} tidak lagi memiliki hash kepala yang "
        "Anda berikan ({hash}…).",
    },
    "log.anchor.matches": {
        "en": "The newest stored anchor ({at}, {count} entries; {tsa}) is still in the log: "
        "entries 1 to {count} are as they were then; {later} added since.",
        "id": "Jangkar tersimpan terbaru ({at}, {count} entri; {tsa}) masih ada di log: "
        "entri 1 sampai {count} tetap seperti saat itu; {later} ditambahkan sejak itu.",
    },
    "log.anchor.truncated": {
        "en": "The log was cut short: the anchor of {at} recorded {count} entries, the log "
        "now has {have} ({tsa}). Entries were removed at the end.",
        "id": "Log telah dipotong: jangkar {at} mencatat {count} entri, kini log memuat "
        "{have} ({tsa}). Entri di bagian akhir telah dihapus.",
    },
    "log.anchor.diverged": {
        "en": "The log was rewritten: entry {count} no longer has the hash the anchor of "
        "{at} recorded ({hash}…; {tsa}).",
        "id": "Log telah ditulis ulang: entri {count} tidak lagi memiliki hash yang dicatat "
        "jangkar {at} ({hash}…; {tsa}).",
    },
    "log.anchor.tsa": {
        "en": "time-stamped {time} by {url}",
        "id": "dibubuhi cap waktu {time} oleh {url}",
    },
    "log.anchor.tsa.trusted": {
        "en": "time-stamped {time} by {url}, signature verified",
        "id": "dibubuhi cap waktu {time} oleh {url}, tanda tangannya terverifikasi",
    },
    "log.anchor.tsa.unknown": {
        "en": "time-stamped {time} by {url}, a TSA this store does not trust: the time is "
        "not vouched for",
        "id": "dibubuhi cap waktu {time} oleh {url}, TSA yang tidak dipercaya penyimpanan "
        "ini: waktunya tidak dapat dijamin",
    },
    "log.anchor.tsa.invalid": {
        "en": "its time-stamp token is FORGED or altered (not over this head, or its "
        "signature fails): treat the anchor as tampered with",
        "id": "token cap waktunya PALSU atau telah diubah (bukan atas kepala log ini, atau "
        "tanda tangannya gagal): anggap jangkar ini telah dimanipulasi",
    },
    "log.anchor.no_tsa": {
        "en": "no time-stamp",
        "id": "tanpa cap waktu",
    },
    "log.anchor.same_store": {
        "en": "Stored anchors live in the same database: whoever can edit it can remove "
        "them too. Compare with a head kept elsewhere (--head) for proof.",
        "id": "Jangkar tersimpan berada di basis data yang sama: siapa pun yang dapat "
        "mengubahnya dapat pula menghapusnya. Bandingkan dengan kepala log yang disimpan di "
        "tempat lain (--head) sebagai bukti.",
    },
    "log.no_anchor": {
        "en": "Nothing to compare the end of the log with: keep 'esign log head' somewhere "
        "else (a register, an e-mail) and check with --head, or run 'esign log anchor'.",
        "id": "Tidak ada pembanding untuk akhir log: simpan hasil 'esign log head' di tempat "
        "lain (buku register, surel) lalu periksa dengan --head, atau jalankan "
        "'esign log anchor'.",
    },
    "log.anchored": {
        "en": "Anchored the audit log at {head} ({tsa}).",
        "id": "Kepala log audit dijangkarkan pada {head} ({tsa}).",
    },
}
