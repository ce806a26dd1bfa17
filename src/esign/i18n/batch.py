"""Messages: batch signing."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- batch ------------------------------------------------------------------------
    "batch.progress": {"en": "Signing", "id": "Menandatangani"},
    "batch.summary": {
        "en": "{total} letters: {signed} signed, {skipped} skipped, {failed} failed.",
        "en:one": "{total} letter: {signed} signed, {skipped} skipped, {failed} failed.",
        "id": "{total} surat: {signed} ditandatangani, {skipped} dilewati, {failed} gagal.",
    },
    "batch.nothing": {
        "en": "No PDF files to sign were found.",
        "id": "Tidak ditemukan berkas PDF untuk ditandatangani.",
    },
    "batch.no_single_output": {
        "en": "-o/--output and --in-place are for one file; use --out-dir for several.",
        "id": "-o/--output dan --in-place untuk satu berkas; gunakan --out-dir untuk "
        "beberapa berkas.",
    },
    "batch.manifest_header": {
        "en": "The manifest {file} needs an 'input' column and only these columns: "
        "{columns} (unknown: {unknown}).",
        "id": "Manifes {file} memerlukan kolom 'input' dan hanya kolom berikut: {columns} "
        "(tidak dikenal: {unknown}).",
    },
    "batch.manifest_rows": {
        "en": "The manifest {file} has bad rows (line: column or missing file): {rows}. "
        "Nothing was signed.",
        "id": "Manifes {file} memiliki baris yang salah (baris: kolom atau berkas yang "
        "tidak ada): {rows}. Tidak ada yang ditandatangani.",
    },
    "error.interrupted_batch": {
        "en": "Interrupted after {done} of {total} letters; no half-written files were left.",
        "id": "Dihentikan setelah {done} dari {total} surat; tidak ada berkas setengah jadi "
        "yang tertinggal.",
    },
    "sign.no_input": {
        "en": "Name at least one FILE, folder or pattern, or use --manifest.",
        "id": "Sebutkan sedikitnya satu BERKAS, folder atau pola, atau gunakan --manifest.",
    },
    "help.opt.out_dir": {
        "en": "Write signed letters into this folder (batch).",
        "id": "Tulis surat bertanda tangan ke folder ini (batch).",
    },
    "help.opt.manifest": {
        "en": "CSV with one row per letter: input, output, signer, reason, location, field.",
        "id": "CSV satu baris per surat: input, output, signer, reason, location, field.",
    },
    "help.opt.recursive": {
        "en": "Include PDFs in subfolders of the folders named.",
        "id": "Sertakan PDF di subfolder dari folder yang disebut.",
    },
    "help.opt.jobs": {
        "en": "Worker processes for a batch.",
        "id": "Jumlah proses pekerja untuk batch.",
    },
    "help.opt.resume": {
        "en": "Skip letters whose output already exists and verifies.",
        "id": "Lewati surat yang keluarannya sudah ada dan terverifikasi.",
    },
}
