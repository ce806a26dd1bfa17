"""Messages: the PostgreSQL store, the ``store`` setting and ``esign store copy``."""

MESSAGES: dict[str, dict[str, str]] = {
    "setting.store": {
        "en": "Where the store is: a folder, sqlite:///FOLDER or postgresql://USER@HOST/DB "
        "(default: the store folder, ESIGN_HOME).",
        "id": "Lokasi penyimpanan: folder, sqlite:///FOLDER atau postgresql://USER@HOST/DB "
        "(bawaan: folder penyimpanan, ESIGN_HOME).",
    },
    "config.why.store": {
        "en": "give a folder, sqlite:///FOLDER or postgresql://USER@HOST/DB",
        "id": "berikan folder, sqlite:///FOLDER atau postgresql://USER@HOST/DB",
    },
    "store.pg_password": {
        "en": "The store URL {url} contains a password; esign does not take passwords in a "
        "URL (they end up in shell history, process lists and logs).",
        "id": "URL penyimpanan {url} memuat kata sandi; esign tidak menerima kata sandi di "
        "dalam URL (kata sandi akan tercatat di riwayat shell, daftar proses dan log).",
    },
    "store.pg_password.hint": {
        "en": "Remove it from the URL and put it in the PostgreSQL password file "
        "(~/.pgpass, mode 0600: host:port:database:user:password, or PGPASSFILE) or in a "
        "service file (~/.pg_service.conf or PGSERVICEFILE, then postgresql:///?service=NAME).",
        "id": "Hapus dari URL dan simpan di berkas kata sandi PostgreSQL (~/.pgpass, mode "
        "0600: host:port:database:user:password, atau PGPASSFILE) atau di berkas layanan "
        "(~/.pg_service.conf atau PGSERVICEFILE, lalu postgresql:///?service=NAMA).",
    },
    "store.pg_unreachable": {
        "en": "Cannot connect to the PostgreSQL store {url}: {detail}",
        "id": "Tidak dapat terhubung ke penyimpanan PostgreSQL {url}: {detail}",
    },
    "store.pg_unreachable.hint": {
        "en": "Check that the server is running and reachable, the database exists "
        "(createdb) and its password is in ~/.pgpass or the service file.",
        "id": "Pastikan server berjalan dan dapat dijangkau, basis datanya sudah ada "
        "(createdb) dan kata sandinya ada di ~/.pgpass atau berkas layanan.",
    },
    "store.pg_error": {
        "en": "The PostgreSQL store {url} refused the change: {detail}",
        "id": "Penyimpanan PostgreSQL {url} menolak perubahan: {detail}",
    },
    "store.copy_not_empty": {
        "en": "The target {target} is not empty ({entries} audit entries, {identities} "
        "certificates); esign copies only into an empty store.",
        "id": "Tujuan {target} tidak kosong ({entries} entri log audit, {identities} "
        "sertifikat); esign hanya menyalin ke penyimpanan yang kosong.",
    },
    "store.copy_not_empty.hint": {
        "en": "Give a new, empty database (createdb) as --to; do not run 'esign init' on it first.",
        "id": "Berikan basis data baru yang kosong (createdb) sebagai --to; jangan jalankan "
        "'esign init' padanya terlebih dahulu.",
    },
    "store.copy_same": {
        "en": "The source and the target are the same store ({target}).",
        "id": "Sumber dan tujuan adalah penyimpanan yang sama ({target}).",
    },
    "store.copy_source_broken": {
        "en": "The audit log of {source} is broken at entry {seq}; nothing was copied.",
        "id": "Log audit {source} rusak pada entri {seq}; tidak ada yang disalin.",
    },
    "store.copy_count": {
        "en": "The copy of table {table} has {target} rows but the source has {source}; "
        "nothing was copied.",
        "id": "Salinan tabel {table} memuat {target} baris padahal sumbernya {source}; "
        "tidak ada yang disalin.",
    },
    "store.copy_chain": {
        "en": "The copied audit log does not match the source (entry {seq}; source head "
        "{source_head}, copy {target_head}); nothing was copied.",
        "id": "Log audit salinan tidak sesuai dengan sumbernya (entri {seq}; kepala sumber "
        "{source_head}, salinan {target_head}); tidak ada yang disalin.",
    },
    "store.copied": {
        "en": "Copied the store {source} to {target}.",
        "id": "Penyimpanan {source} disalin ke {target}.",
    },
    "store.copied.table": {
        "en": "{table}: {target} rows (source {source})",
        "id": "{table}: {target} baris (sumber {source})",
    },
    "store.copied.chain": {
        "en": "The audit chain of the copy is intact and ends at the source's head {head}.",
        "id": "Rantai log audit salinan utuh dan berakhir pada kepala sumber {head}.",
    },
    "help.store": {
        "en": "Store administration: copy a store to another backend (PostgreSQL).",
        "id": "Administrasi penyimpanan: salin penyimpanan ke backend lain (PostgreSQL).",
    },
    "help.store.copy": {
        "en": "Copy a whole store (an office's folder) into an empty store or PostgreSQL "
        "database, then check the row counts and the audit chain of the copy.",
        "id": "Salin seluruh penyimpanan (folder kantor) ke penyimpanan atau basis data "
        "PostgreSQL yang kosong, lalu periksa jumlah baris dan rantai log audit salinannya.",
    },
    "help.opt.store_from": {
        "en": "The store to copy: a folder, sqlite:///FOLDER or postgresql://USER@HOST/DB.",
        "id": "Penyimpanan yang disalin: folder, sqlite:///FOLDER atau postgresql://USER@HOST/DB.",
    },
    "help.opt.store_to": {
        "en": "The empty target: postgresql://USER@HOST/DB (or a new folder).",
        "id": "Tujuan yang kosong: postgresql://USER@HOST/DB (atau folder baru).",
    },
}
