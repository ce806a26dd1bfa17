"""Messages: batches on the PostgreSQL queue (``sign --queue``, ``esign worker``, ``esign
batch``; issue 12, docs/scale.md)."""

MESSAGES: dict[str, dict[str, str]] = {
    # help
    "help.opt.queue": {
        "en": "Submit the batch to the queue of a PostgreSQL store instead of signing here: "
        "`esign worker` processes on any machine sign it (docs/scale.md).",
        "id": "Kirim batch ke antrean penyimpanan PostgreSQL alih-alih menandatanganinya di "
        "sini: proses `esign worker` di komputer mana pun yang menandatanganinya "
        "(docs/scale.md).",
    },
    "help.opt.chunk": {
        "en": "With --queue: letters per job (default 32).",
        "id": "Dengan --queue: jumlah surat per tugas (bawaan 32).",
    },
    "help.worker": {
        "en": "Sign queued batches: take jobs from the PostgreSQL store's queue until stopped "
        "(Ctrl-C finishes the letters in hand). The key's passphrase comes from "
        "--passphrase-file, ESIGN_PASSPHRASE or a question, once at start.",
        "id": "Tandatangani batch dalam antrean: ambil tugas dari antrean penyimpanan "
        "PostgreSQL sampai dihentikan (Ctrl-C menyelesaikan surat yang sedang dikerjakan). "
        "Frasa sandi kunci dibaca dari --passphrase-file, ESIGN_PASSPHRASE atau ditanyakan, "
        "sekali saat mulai.",
    },
    "short.worker": {
        "en": "Sign queued batches (PostgreSQL store).",
        "id": "Tandatangani batch yang ada di antrean.",
    },
    "help.opt.worker_signer": {
        "en": "Sign the queued letters of this signer (repeatable; default: the store's only "
        "signer).",
        "id": "Tandatangani surat dalam antrean milik penanda tangan ini (boleh berulang; "
        "bawaan: satu-satunya penanda tangan di penyimpanan).",
    },
    "help.opt.concurrency": {
        "en": "Jobs this worker runs at the same time (threads; for more processor cores, "
        "start more workers).",
        "id": "Jumlah tugas yang dijalankan bersamaan oleh worker ini (thread; untuk "
        "memakai lebih banyak inti prosesor, jalankan lebih banyak worker).",
    },
    "help.opt.stall": {
        "en": "Seconds without a heartbeat after which a worker is taken for dead and its jobs "
        "run again (default 30).",
        "id": "Detik tanpa tanda hidup sebelum sebuah worker dianggap mati dan tugasnya "
        "dijalankan ulang (bawaan 30).",
    },
    "help.opt.once": {
        "en": "Stop when the queue is empty instead of waiting for new jobs.",
        "id": "Berhenti bila antrean kosong, tidak menunggu tugas baru.",
    },
    "help.batch": {
        "en": "Follow a queued batch: status, wait until it is done, retry what failed.",
        "id": "Pantau batch dalam antrean: status, tunggu sampai selesai, ulangi yang gagal.",
    },
    "short.batch": {
        "en": "Follow queued batches: status, wait, retry.",
        "id": "Pantau batch antrean: status, tunggu, ulangi.",
    },
    "short.batch.retry": {
        "en": "Put failed letters back on the queue.",
        "id": "Masukkan surat yang gagal ke antrean lagi.",
    },
    "short.batch.wait": {
        "en": "Wait until a batch is done, with progress.",
        "id": "Tunggu sampai batch selesai, dengan kemajuan.",
    },
    "short.batch.status": {
        "en": "How far a queued batch is.",
        "id": "Sejauh mana batch dalam antrean.",
    },
    "help.batch.status": {
        "en": "How far a queued batch is: letters signed, failed and waiting.",
        "id": "Sejauh mana batch dalam antrean: surat yang sudah ditandatangani, gagal dan "
        "menunggu.",
    },
    "help.batch.wait": {
        "en": "Wait until a queued batch is done, showing its progress; exit code 20 when a "
        "letter failed.",
        "id": "Tunggu sampai batch dalam antrean selesai sambil menampilkan kemajuannya; kode "
        "keluar 20 bila ada surat yang gagal.",
    },
    "help.batch.retry": {
        "en": "Put the failed letters of a queued batch, and waiting ones no job holds any "
        "more, back on the queue.",
        "id": "Masukkan kembali ke antrean surat yang gagal dari sebuah batch, dan surat "
        "menunggu yang tidak lagi dipegang tugas mana pun.",
    },
    "help.opt.poll": {
        "en": "Seconds between two looks at the batch (default 1).",
        "id": "Jeda dalam detik antara dua kali pemeriksaan batch (bawaan 1).",
    },
    # errors
    "queue.no_local_options": {
        "en": "--resume and -j do not go with --queue: the workers sign, and a folder "
        "submitted again leaves out what is already signed or waiting.",
        "id": "--resume dan -j tidak dapat dipakai bersama --queue: worker yang "
        "menandatangani, dan folder yang dikirim ulang tidak mengikutkan surat yang sudah "
        "ditandatangani atau masih menunggu.",
    },
    "queue.needs_postgres": {
        "en": "The queue needs a PostgreSQL store; this store is a folder ({store}).",
        "id": "Antrean memerlukan penyimpanan PostgreSQL; penyimpanan ini berupa folder ({store}).",
    },
    "queue.needs_postgres.hint": {
        "en": "sign here with `esign sign DIR --out-dir OUT -j N`, or set ESIGN_STORE="
        "postgresql://USER@HOST/DB (docs/scale.md)",
        "id": "tandatangani di sini dengan `esign sign DIR --out-dir OUT -j N`, atau atur "
        "ESIGN_STORE=postgresql://USER@HOST/DB (docs/scale.md)",
    },
    "queue.unreachable": {
        "en": "The queue's database cannot be reached: {detail}",
        "id": "Basis data antrean tidak dapat dihubungi: {detail}",
    },
    "queue.unreachable.hint": {
        "en": "check that PostgreSQL is running and that this machine may connect to it, "
        "then run the command again",
        "id": "pastikan PostgreSQL berjalan dan komputer ini boleh tersambung ke sana, lalu "
        "jalankan perintah ini lagi",
    },
    "queue.schema": {
        "en": "Cannot prepare the queue's tables in the database: {detail}",
        "id": "Tabel antrean di basis data tidak dapat disiapkan: {detail}",
    },
    "queue.unsupported": {
        "en": "A queued batch cannot carry {options} yet; sign it here without --queue.",
        "id": "Batch dalam antrean belum dapat membawa {options}; tandatangani di sini tanpa "
        "--queue.",
    },
    "queue.one_signer": {
        "en": "A queued batch has one signer; a manifest with a signer column is signed here "
        "without --queue.",
        "id": "Batch dalam antrean hanya punya satu penanda tangan; manifes dengan kolom "
        "penanda tangan ditandatangani di sini tanpa --queue.",
    },
    "queue.defer_failed": {
        "en": "Batch {batch} could not be put on the queue: {detail}",
        "id": "Batch {batch} tidak dapat dimasukkan ke antrean: {detail}",
    },
    "queue.retry.hint": {
        "en": "nothing was queued; run the command again",
        "id": "tidak ada yang masuk antrean; jalankan perintah ini lagi",
    },
    "queue.unknown": {
        "en": "There is no queued batch {batch} in this store.",
        "id": "Tidak ada batch {batch} dalam antrean penyimpanan ini.",
    },
    "queue.unknown.hint": {
        "en": "`esign sign DIR --out-dir OUT --queue` prints the id of the batch it submits",
        "id": "`esign sign DIR --out-dir OUT --queue` menampilkan id batch yang dikirimnya",
    },
    "queue.no_consent": {
        "en": "Job for batch {batch} refused: the store records no consent of the signer for it.",
        "id": "Tugas untuk batch {batch} ditolak: penyimpanan tidak mencatat persetujuan "
        "penanda tangan untuk batch itu.",
    },
    "queue.no_key": {
        "en": "Job for batch {batch} refused: this worker holds no key of {id}.",
        "id": "Tugas untuk batch {batch} ditolak: worker ini tidak memegang kunci {id}.",
    },
    "queue.not_a_worker": {
        "en": "Signing jobs run only in `esign worker`.",
        "id": "Tugas penandatanganan hanya berjalan di `esign worker`.",
    },
    "queue.revoked": {
        "en": "The certificate of {id} was revoked; the letter was not signed.",
        "id": "Sertifikat {id} telah dicabut; surat ini tidak ditandatangani.",
    },
    # what the commands say
    "queue.submitted": {
        "en": "Batch {batch}: {letters} letters in {jobs} jobs on the queue. Follow it with "
        "`esign batch wait {batch}`.",
        "en:one": "Batch {batch}: {letters} letter in {jobs} job on the queue. Follow it with "
        "`esign batch wait {batch}`.",
        "id": "Batch {batch}: {letters} surat dalam {jobs} tugas di antrean. Pantau dengan "
        "`esign batch wait {batch}`.",
    },
    "queue.already_signed": {
        "en": "{count} letters were already signed by an earlier batch ({batches}): left out.",
        "en:one": "{count} letter was already signed by an earlier batch ({batches}): left out.",
        "id": "{count} surat sudah ditandatangani oleh batch sebelumnya ({batches}): tidak "
        "diikutkan.",
    },
    "queue.already_queued": {
        "en": "{count} letters are still waiting in an earlier batch ({batches}): left out.",
        "en:one": "{count} letter is still waiting in an earlier batch ({batches}): left out.",
        "id": "{count} surat masih menunggu dalam batch sebelumnya ({batches}): tidak diikutkan.",
    },
    "queue.nothing_left": {
        "en": "Nothing new to submit: every letter is signed or waiting in an earlier batch.",
        "id": "Tidak ada yang baru untuk dikirim: setiap surat sudah ditandatangani atau "
        "masih menunggu dalam batch sebelumnya.",
    },
    "queue.status": {
        "en": "Batch {batch} ({signer}): {signed} of {total} signed, {failed} failed, "
        "{pending} waiting; {jobs} jobs on the queue.",
        "id": "Batch {batch} ({signer}): {signed} dari {total} ditandatangani, {failed} "
        "gagal, {pending} menunggu; {jobs} tugas di antrean.",
    },
    "queue.failed_letter": {
        "en": "failed: {file}: {reason}",
        "id": "gagal: {file}: {reason}",
    },
    "queue.stuck": {
        "en": "{pending} letters wait but no job holds them any more; run `esign batch retry "
        "{batch}`.",
        "en:one": "{pending} letter waits but no job holds it any more; run `esign batch retry "
        "{batch}`.",
        "id": "{pending} surat menunggu tetapi tidak ada lagi tugas yang memegangnya; "
        "jalankan `esign batch retry {batch}`.",
    },
    "queue.waiting_store": {
        "en": "The queue's database does not answer ({detail}); waiting for it...",
        "id": "Basis data antrean tidak menjawab ({detail}); menunggu...",
    },
    "queue.retried": {
        "en": "Batch {batch}: {count} letters back on the queue.",
        "en:one": "Batch {batch}: {count} letter back on the queue.",
        "id": "Batch {batch}: {count} surat dimasukkan kembali ke antrean.",
    },
    "queue.worker_ready": {
        "en": "Worker {name} signs queued letters of {signers}; Ctrl-C stops it after the "
        "letters in hand.",
        "id": "Worker {name} menandatangani surat dalam antrean milik {signers}; Ctrl-C "
        "menghentikannya setelah surat yang sedang dikerjakan.",
    },
    "queue.worker_letter": {
        "en": "{state}: {file}",
        "id": "{state}: {file}",
    },
    "queue.state.signed": {"en": "signed", "id": "ditandatangani"},
    "queue.state.failed": {"en": "failed", "id": "gagal"},
    "queue.state.pending": {"en": "waiting", "id": "menunggu"},
    "queue.worker_token": {
        "en": "The key of {id} is on a token: this worker runs one job at a time.",
        "id": "Kunci {id} berada di token: worker ini menjalankan satu tugas sekaligus.",
    },
}
