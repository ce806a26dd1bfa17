"""The message catalog: every user-facing sentence, in English and Indonesian.

One dictionary, one key per message, both languages side by side so neither can
fall behind (``tests/test_i18n.py`` fails when a language is missing or the
placeholders differ). stdlib only: :mod:`esign.errors` renders through it.
"""

from __future__ import annotations

import locale
import os
import string
from typing import Any

LANGUAGES = ("en", "id")
DEFAULT_LANGUAGE = "en"

_current = DEFAULT_LANGUAGE
_chosen: str | None = None


def resolve_language(flag: str | None = None, env: dict[str, str] | None = None) -> str:
    """Pick the language: ``--lang``, then ``ESIGN_LANG``, then the locale, then English."""
    environ = os.environ if env is None else env
    for candidate in (flag, environ.get("ESIGN_LANG")):
        if candidate:
            code = candidate.strip().lower()[:2]
            if code in LANGUAGES:
                return code
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(var)
        if value:
            return "id" if value.lower().startswith(("id", "in_")) else DEFAULT_LANGUAGE
    try:
        loc = locale.getlocale(locale.LC_MESSAGES)[0] or ""
    except (AttributeError, ValueError):  # pragma: no cover - platform without LC_MESSAGES
        loc = ""
    return "id" if loc.lower().startswith("id") else DEFAULT_LANGUAGE


def set_language(lang: str, *, chosen: bool = False) -> None:
    """Set the language for every later message.

    ``chosen``: the user asked for it (``--lang``, ``ESIGN_LANG``, the config file), not
    just the locale; only a chosen language changes what is written into documents.
    """
    global _current, _chosen
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}")
    _current = lang
    _chosen = lang if chosen else None


def document_language() -> str:
    """The language of text written into letters (stamp, footer): Indonesian unless the
    user explicitly chose another; the UI language alone (e.g. from the locale) does not
    turn an Indonesian letter's signature block into English."""
    return _chosen or "id"


def get_language() -> str:
    """The language messages are rendered in."""
    return _current


def t(message_key: str, /, *, lang: str | None = None, **params: Any) -> str:
    """Render message ``message_key`` with ``params`` in ``lang`` (default: current)."""
    entry = CATALOG.get(message_key)
    if entry is None:
        return message_key
    template = entry[lang or _current]
    return template.format(**params) if params else template


def placeholders(template: str) -> set[str]:
    """The ``{name}`` fields a template uses (for the completeness test)."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


CATALOG: dict[str, dict[str, str]] = {
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
    "error.prefix": {"en": "error", "id": "galat"},
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
        "id": "Tidak ada jangkar kepercayaan yang cocok dengan '{ref}'.",
    },
    "trust.unknown.hint": {
        "en": "Run `esign trust list` to see fingerprints.",
        "id": "Jalankan `esign trust list` untuk melihat sidik jari.",
    },
    "trust.not_ca": {
        "en": "{file} is not a CA certificate; only roots and CAs can be trust anchors.",
        "id": "{file} bukan sertifikat CA; hanya root dan CA yang dapat menjadi jangkar "
        "kepercayaan.",
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
        "id": "Sertifikat '{id}' belum berlaku sebelum {when}.",
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
        "jangkar kepercayaan penyimpanan ini.",
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
        "en": "not checked (no revocation data; soft-fail)",
        "id": "tidak diperiksa (tidak ada data pencabutan; soft-fail)",
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
        "en": "{files} file(s): {valid} valid, {invalid} invalid, {indeterminate} cannot confirm, "
        "{unsigned} unsigned, {error} could not check",
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

CATALOG.update(
    {
        # --- command help ---------------------------------------------------------------
        "help.root": {
            "en": "Sign, verify and timestamp PDF letters with PAdES electronic signatures.\n\n"
            "Start with `esign init`, `esign ca create` and `esign cert issue`; then "
            "`esign sign letter.pdf` and `esign verify letter.signed.pdf`.",
            "id": "Menandatangani, memverifikasi, dan memberi cap waktu surat PDF dengan "
            "tanda tangan elektronik PAdES.\n\nMulai dengan `esign init`, `esign ca create` "
            "dan `esign cert issue`; lalu `esign sign surat.pdf` dan "
            "`esign verify surat.signed.pdf`.",
        },
        "help.init": {
            "en": "Create the certificate store (ESIGN_HOME or the platform data folder).",
            "id": "Membuat penyimpanan sertifikat (ESIGN_HOME atau folder data platform).",
        },
        "help.ca": {
            "en": "The office's own certificate authority.",
            "id": "Otoritas sertifikat milik kantor.",
        },
        "help.ca.create": {
            "en": "Create the office's root CA and trust it. Asks for a new passphrase.",
            "id": "Membuat CA root kantor dan mempercayainya. Meminta frasa sandi baru.",
        },
        "help.ca.show": {
            "en": "Show the store's CA certificate.",
            "id": "Menampilkan sertifikat CA penyimpanan.",
        },
        "help.cert": {
            "en": "Officer and institution-seal certificates.",
            "id": "Sertifikat pejabat dan segel instansi.",
        },
        "help.cert.issue": {
            "en": "Issue a certificate and key to an officer (or a seal) from the store's CA.",
            "id": "Menerbitkan sertifikat dan kunci untuk pejabat (atau segel) dari CA "
            "penyimpanan.",
        },
        "help.cert.list": {
            "en": "List the certificates in the store.",
            "id": "Menampilkan daftar sertifikat di penyimpanan.",
        },
        "help.cert.show": {
            "en": "Show one certificate.",
            "id": "Menampilkan satu sertifikat.",
        },
        "help.cert.export": {
            "en": "Write a certificate as PEM (stdout or -o), or with --p12 the key too.",
            "id": "Menulis sertifikat sebagai PEM (stdout atau -o), atau dengan --p12 "
            "beserta kuncinya.",
        },
        "help.cert.import": {
            "en": "Import a PKCS#12 (.p12/.pfx) from another provider (BSrE, Peruri, ...).",
            "id": "Mengimpor PKCS#12 (.p12/.pfx) dari penyelenggara lain (BSrE, Peruri, ...).",
        },
        "help.trust": {
            "en": "Roots this store trusts when verifying.",
            "id": "Root yang dipercaya penyimpanan ini saat verifikasi.",
        },
        "help.trust.add": {
            "en": "Trust a root or CA certificate (PEM or DER file).",
            "id": "Mempercayai sertifikat root atau CA (berkas PEM atau DER).",
        },
        "help.trust.list": {
            "en": "List trusted roots.",
            "id": "Menampilkan daftar root tepercaya.",
        },
        "help.trust.remove": {
            "en": "Stop trusting a root (give at least 8 hex digits of its fingerprint).",
            "id": "Berhenti mempercayai root (berikan minimal 8 digit heksa sidik jarinya).",
        },
        "help.sign": {
            "en": "Sign a PDF letter (PAdES B-B), writing FILE.signed.pdf beside it.",
            "id": "Menandatangani surat PDF (PAdES B-B), menulis BERKAS.signed.pdf di sebelahnya.",
        },
        "help.verify": {
            "en": "Verify the signatures in PDF files. Exit 0 only when every signature is "
            "valid and trusted.",
            "id": "Memverifikasi tanda tangan dalam berkas PDF. Keluar 0 hanya bila semua "
            "tanda tangan sah dan tepercaya.",
        },
        "help.config": {
            "en": "Settings (config.toml): signer, reason, location, lang, timezone, base-url.",
            "id": "Pengaturan (config.toml): signer, reason, location, lang, timezone, base-url.",
        },
        "help.config.get": {"en": "Print one setting.", "id": "Menampilkan satu pengaturan."},
        "help.config.set": {"en": "Change one setting.", "id": "Mengubah satu pengaturan."},
        "help.config.unset": {
            "en": "Remove one setting from the file.",
            "id": "Menghapus satu pengaturan dari berkas.",
        },
        "help.config.list": {
            "en": "Show every setting and where its value comes from.",
            "id": "Menampilkan semua pengaturan dan asal nilainya.",
        },
        # --- option help ------------------------------------------------------------------
        "help.opt.lang": {
            "en": "Language of messages: en or id (default: ESIGN_LANG, then the locale).",
            "id": "Bahasa pesan: en atau id (bawaan: ESIGN_LANG, lalu locale).",
        },
        "help.opt.verbose": {
            "en": "Show debug logs and tracebacks (-vv for more).",
            "id": "Tampilkan log debug dan traceback (-vv untuk lebih rinci).",
        },
        "help.opt.nonint": {
            "en": "Never prompt; fail when a passphrase is missing (ESIGN_NON_INTERACTIVE).",
            "id": "Jangan pernah bertanya; gagal bila frasa sandi tidak ada "
            "(ESIGN_NON_INTERACTIVE).",
        },
        "help.opt.passphrase_file": {
            "en": "Read the key's passphrase from this file (else ESIGN_PASSPHRASE, else a "
            "prompt).",
            "id": "Baca frasa sandi kunci dari berkas ini (selain itu ESIGN_PASSPHRASE, lalu "
            "ditanyakan).",
        },
        "help.opt.ca_pass": {
            "en": "Read the CA key's passphrase from this file (else ESIGN_CA_PASSPHRASE, "
            "else a prompt).",
            "id": "Baca frasa sandi kunci CA dari berkas ini (selain itu ESIGN_CA_PASSPHRASE, "
            "lalu ditanyakan).",
        },
        "help.opt.json": {
            "en": "Print JSON for scripts instead of a table.",
            "id": "Cetak JSON untuk skrip, bukan tabel.",
        },
        "help.opt.ca_name": {
            "en": 'Name of the CA, e.g. "Dinas Kominfo Kab. Jember Root CA".',
            "id": 'Nama CA, misalnya "Dinas Kominfo Kab. Jember Root CA".',
        },
        "help.opt.org": {"en": "Organization (instansi).", "id": "Instansi."},
        "help.opt.id": {
            "en": "Short id in the store (letters, digits, . _ -).",
            "id": "Id singkat di penyimpanan (huruf, angka, . _ -).",
        },
        "help.opt.key": {"en": "Key algorithm and size.", "id": "Algoritma dan ukuran kunci."},
        "help.opt.base_url": {
            "en": "The office's base URL for CRL/OCSP/TSA (saved as the base-url setting).",
            "id": "Alamat dasar kantor untuk CRL/OCSP/TSA (disimpan sebagai pengaturan base-url).",
        },
        "help.opt.name": {
            "en": "Full name with titles, or the institution's name for a seal.",
            "id": "Nama lengkap dengan gelar, atau nama instansi untuk segel.",
        },
        "help.opt.nip": {
            "en": "NIP, 18 digits (spaces allowed).",
            "id": "NIP, 18 digit (boleh berspasi).",
        },
        "help.opt.title": {"en": "Position (jabatan).", "id": "Jabatan."},
        "help.opt.unit": {"en": "Unit (bidang/bagian).", "id": "Unit kerja (bidang/bagian)."},
        "help.opt.email": {"en": "E-mail address.", "id": "Alamat surel."},
        "help.opt.city": {"en": "City (locality).", "id": "Kota (lokasi)."},
        "help.opt.kind": {
            "en": "person (an officer) or seal (the institution's e-seal).",
            "id": "person (pejabat) atau seal (segel elektronik instansi).",
        },
        "help.opt.out": {"en": "Output file.", "id": "Berkas keluaran."},
        "help.opt.p12": {
            "en": "Export key + certificate + chain as PKCS#12, protected by the key's "
            "passphrase (needs -o).",
            "id": "Ekspor kunci + sertifikat + rantai sebagai PKCS#12, dilindungi frasa sandi "
            "kunci (perlu -o).",
        },
        "help.opt.chain": {
            "en": "Include the issuer certificates.",
            "id": "Sertakan sertifikat penerbit.",
        },
        "help.opt.force": {
            "en": "Replace an existing output file.",
            "id": "Timpa berkas keluaran yang sudah ada.",
        },
        "help.opt.trust_root": {
            "en": "Also trust the root certificate included in the file.",
            "id": "Percayai juga sertifikat root yang ada di dalam berkas.",
        },
        "help.opt.in_place": {
            "en": "Replace the input file (atomically) instead of writing a new file beside it.",
            "id": "Ganti berkas masukan (secara atomik), bukan menulis berkas baru di sebelahnya.",
        },
        "help.opt.signer": {
            "en": "Id of the signing certificate (default: the signer setting, or the only one).",
            "id": "Id sertifikat penanda tangan (bawaan: pengaturan signer, atau satu-satunya "
            "yang ada).",
        },
        "help.opt.reason": {
            "en": "/Reason statement (default, in Indonesian: signed electronically by "
            "POSITION (NAME - NIP. NIP)).",
            "id": "Pernyataan /Reason (bawaan: ditandatangani secara elektronik oleh JABATAN "
            "(NAMA - NIP. NIP)).",
        },
        "help.opt.location": {
            "en": "/Location, e.g. the office's city.",
            "id": "/Location, misalnya kota kantor.",
        },
        "help.opt.field": {
            "en": "Signature field to sign (default: a new SignatureN field).",
            "id": "Kolom tanda tangan yang diisi (bawaan: kolom baru SignatureN).",
        },
        "help.opt.trust": {
            "en": "Also trust this root certificate (PEM/DER); may be repeated.",
            "id": "Percayai juga sertifikat root ini (PEM/DER); boleh diulang.",
        },
        "help.opt.no_store": {
            "en": "Do not use the store's trust anchors (only --trust).",
            "id": "Jangan gunakan jangkar kepercayaan penyimpanan (hanya --trust).",
        },
        "out.p12_needs_file": {
            "en": "--p12 writes a file: name it with -o FILE.p12.",
            "id": "--p12 menulis berkas: beri nama dengan -o BERKAS.p12.",
        },
    }
)

CATALOG.update(
    {
        # --- batch ------------------------------------------------------------------------
        "batch.progress": {"en": "Signing", "id": "Menandatangani"},
        "batch.summary": {
            "en": "{total} letter(s): {signed} signed, {skipped} skipped, {failed} failed.",
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
)

CATALOG.update(
    {
        # --- audit log ----------------------------------------------------------------------
        "help.log": {
            "en": "Show the hash-chained audit log; --check proves it is untouched.",
            "id": "Menampilkan log audit berantai hash; --check membuktikan log tidak diubah.",
        },
        "help.opt.since": {
            "en": "Only entries at or after this time (ISO 8601, e.g. 2026-03-01).",
            "id": "Hanya entri pada atau setelah waktu ini (ISO 8601, mis. 2026-03-01).",
        },
        "help.opt.check": {
            "en": "Verify the hash chain; exit 3 and name the first broken entry if tampered.",
            "id": "Verifikasi rantai hash; keluar 3 dan sebutkan entri rusak pertama bila diubah.",
        },
        "log.ok": {
            "en": "The audit log is intact ({count} entries).",
            "id": "Log audit utuh ({count} entri).",
        },
        "log.broken": {
            "en": "The audit log was changed: entry {seq} ({at}, {action}) does not match the "
            "chain.",
            "id": "Log audit telah diubah: entri {seq} ({at}, {action}) tidak cocok dengan "
            "rantainya.",
        },
        "log.bad_since": {
            "en": "'{value}' is not a date; use ISO 8601 such as 2026-03-01 or "
            "2026-03-01T08:00+07:00.",
            "id": "'{value}' bukan tanggal; gunakan ISO 8601 seperti 2026-03-01 atau "
            "2026-03-01T08:00+07:00.",
        },
        "col.seq": {"en": "#", "id": "#"},
        "col.time": {"en": "Time", "id": "Waktu"},
        "col.action": {"en": "Action", "id": "Tindakan"},
        "col.identity": {"en": "Identity", "id": "Identitas"},
    }
)

CATALOG.update(
    {
        # --- HTML audit report -----------------------------------------------------------
        "html.title": {
            "en": "Electronic signature verification report",
            "id": "Laporan verifikasi tanda tangan elektronik",
        },
        "html.checked_at": {"en": "Checked at {when}.", "id": "Diperiksa pada {when}."},
        "html.chain": {"en": "Certificate chain", "id": "Rantai sertifikat"},
        "html.revisions": {"en": "Revisions", "id": "Jumlah revisi"},
        "html.footer": {
            "en": "Made by esign {version}. The verdicts above come from cryptographic checks "
            "of the file; a QR code or a picture of a signature proves nothing by itself.",
            "id": "Dibuat oleh esign {version}. Hasil di atas berasal dari pemeriksaan "
            "kriptografis berkas; kode QR atau gambar tanda tangan saja tidak membuktikan "
            "apa pun.",
        },
        "help.opt.report": {
            "en": "Also write the report to this file (.html: one self-contained page; "
            ".pdf: printable A4, signed by the report-seal e-seal when one is set).",
            "id": "Tulis juga laporan ke berkas ini (.html: satu halaman mandiri; .pdf: A4 "
            "siap cetak, ditandatangani segel report-seal bila diatur).",
        },
        "report.bad_format": {
            "en": "{file}: the report format is chosen by the file name; use .html or .pdf.",
            "id": "{file}: format laporan ditentukan oleh nama berkas; gunakan .html atau .pdf.",
        },
        "report.written": {"en": "Report written to {file}.", "id": "Laporan ditulis ke {file}."},
    }
)

CATALOG.update({"help.commands_heading": {"en": "Commands", "id": "Perintah"}})

CATALOG.update(
    {
        "setting.signer": {
            "en": "default signer id for `esign sign`",
            "id": "id penanda tangan bawaan untuk `esign sign`",
        },
        "setting.reason": {
            "en": "default /Reason written into signatures",
            "id": "/Reason bawaan yang ditulis ke tanda tangan",
        },
        "setting.location": {
            "en": "default /Location (the office's city)",
            "id": "/Location bawaan (kota kantor)",
        },
        "setting.lang": {"en": "language: en or id", "id": "bahasa: en atau id"},
        "setting.timezone": {
            "en": "time zone for dates shown to people (Asia/Jakarta = WIB)",
            "id": "zona waktu untuk tanggal yang ditampilkan (Asia/Jakarta = WIB)",
        },
        "setting.base_url": {
            "en": "the office's base URL for CRL/OCSP/TSA services",
            "id": "alamat dasar kantor untuk layanan CRL/OCSP/TSA",
        },
    }
)

CATALOG.update(
    {
        "verify.note.hybrid": {
            "en": "The file mixes cross-reference tables and streams (a hybrid file); it was "
            "read in tolerant mode.",
            "id": "Berkas mencampur tabel dan stream referensi silang (berkas hibrida); berkas "
            "dibaca dalam mode toleran.",
        },
        "verify.note.raw_scan": {
            "en": "The PDF structure could not be read ({detail}); signatures were found by "
            "scanning the file's bytes, so changes after signing could not be analysed.",
            "id": "Struktur PDF tidak dapat dibaca ({detail}); tanda tangan ditemukan dengan "
            "memindai isi berkas, sehingga perubahan setelah penandatanganan tidak dapat "
            "dianalisis.",
        },
        "verify.encrypted_password": {
            "en": "{file} is encrypted and needs a password to open; its signatures could not "
            "be checked.",
            "id": "{file} terenkripsi dan memerlukan kata sandi untuk dibuka; tanda tangannya "
            "tidak dapat diperiksa.",
        },
        "verify.problem.byterange": {
            "en": "The signed byte range is malformed: {detail}.",
            "id": "Rentang byte yang ditandatangani cacat: {detail}.",
        },
        "verify.problem.eddsa_digest": {
            "en": "The {algo} signature uses the {digest} digest; the standard (RFC 8419) "
            "requires {required}.",
            "id": "Tanda tangan {algo} memakai digest {digest}; standar (RFC 8419) "
            "mewajibkan {required}.",
        },
        "verify.problem.unknown_algorithm": {
            "en": "The signature algorithm {algo} is not supported, so the signature value "
            "could not be checked.",
            "id": "Algoritma tanda tangan {algo} tidak didukung, sehingga nilai tanda tangan "
            "tidak dapat diperiksa.",
        },
        "verify.problem.legacy": {
            "en": "Legacy sub-filter {subfilter}: the signature value verifies, but it relies on "
            "SHA-1, which is no longer accepted, and the certificate chain was not checked.",
            "id": "Sub-filter lama {subfilter}: nilai tanda tangan cocok, tetapi bergantung pada "
            "SHA-1 yang tidak lagi diterima, dan rantai sertifikat tidak diperiksa.",
        },
        "verify.problem.partial_check": {
            "en": "Only the signed bytes and the signature value could be checked: {detail}",
            "id": "Hanya isi yang ditandatangani dan nilai tanda tangan yang dapat diperiksa: "
            "{detail}",
        },
        "verify.problem.unreadable_update": {
            "en": "The document was changed after signing and the later changes cannot be read "
            "(malformed update); they are treated as not allowed.",
            "id": "Dokumen diubah setelah ditandatangani dan perubahan itu tidak dapat dibaca "
            "(pembaruan cacat); perubahan dianggap tidak diizinkan.",
        },
    }
)  # verify: corpus hardening

CATALOG.update(
    {
        # --- the visible stamp --------------------------------------------------------------
        "stamp.heading": {
            "en": "Electronically signed by:",
            "id": "Ditandatangani secara elektronik oleh:",
        },
        "stamp.bad_page": {
            "en": "{file} has no page {page}: it has {pages} page(s); use a number from 1 to "
            "{pages}, first or last.",
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
            "id": "periksa ejaannya (pdftotext menampilkan teks halaman), atau tempatkan stempel "
            "dengan --page dan --box",
        },
        "stamp.tag_ambiguous": {
            "en": "The placeholder {tag} appears {count} times (pages {pages}); the stamp "
            "needs exactly one place.",
            "id": "Penanda {tag} muncul {count} kali (halaman {pages}); stempel memerlukan "
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
            "id": "{file} sudah ditandatangani: menambahkan footer sekarang akan mengubah isi "
            "yang dicakup tanda tangan sebelumnya.",
        },
        "footer.already_signed.hint": {
            "en": "the footer goes in with the first signature (the first paraf); sign "
            "without --footer",
            "id": "footer dibubuhkan bersama tanda tangan pertama (paraf pertama); tanda "
            "tangani tanpa --footer",
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
            "id": "tanda tangani kolom sebelumnya terlebih dahulu, atau gunakan --force untuk "
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
            "id": "Sertifikat tidak mengarah ke akar tepercaya.",
        },
        "qr.pdf_mismatch": {
            "en": "The PDF is not the document this statement names, or it holds no valid "
            "signature by this signer.",
            "id": "PDF bukan dokumen yang disebut pernyataan ini, atau tidak memuat tanda "
            "tangan sah dari penanda tangan ini.",
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
            "id": "Letakkan stempel di tempat penanda ini, mis. '${ttd_pengirim}'.",
        },
        "help.opt.page": {
            "en": "Page of the stamp or field: N, first or last (default last).",
            "id": "Halaman stempel atau kolom: N, first, atau last (bawaan last).",
        },
        "help.opt.box": {
            "en": "Stamp box x,y,w,h in points from bottom-left (or with mm suffix).",
            "id": "Kotak stempel x,y,w,h dalam poin dari kiri bawah (atau akhiran mm).",
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
            "id": "Jangan sertakan kode QR dalam stempel.",
        },
        "help.opt.footer": {
            "en": "Add the e-signature footer to every page (first signature only).",
            "id": "Tambahkan footer tanda tangan elektronik di setiap halaman (hanya tanda "
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
            "id": "Pangkat/golongan pada stempel, mis. 'Pembina IV/a' atau 'IV/a'.",
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
            "en": "Check the QR statement of a printed letter (text, or a PNG/JPEG scan).",
            "id": "Periksa pernyataan QR surat tercetak (teks, atau pindaian PNG/JPEG).",
        },
        "help.opt.qr_pdf": {
            "en": "Also check that this signed PDF is the document the QR names.",
            "id": "Periksa juga bahwa PDF bertanda tangan ini adalah dokumen yang disebut QR.",
        },
        "setting.verify_url": {
            "en": "the office's verification page, put in the QR and the footer",
            "id": "halaman verifikasi kantor, dicantumkan di QR dan footer",
        },
        "setting.footer_law": {
            "en": "add the UU ITE Pasal 5 ayat 1 note to the footer: yes or no",
            "id": "tambahkan catatan UU ITE Pasal 5 ayat 1 di footer: yes atau no",
        },
    }
)  # stamp, footer, QR, fields


CATALOG.update(
    {
        # --- timestamps, revocation, LTV ---
        "tsa.failed": {
            "en": "Could not get a timestamp from {url}: {detail}",
            "id": "Tidak dapat memperoleh cap waktu dari {url}: {detail}",
        },
        "tsa.failed.hint": {
            "en": "check that the time-stamp server is running (`esign serve`) and the "
            "address (--tsa, ESIGN_TSA_URL or `esign config set tsa-url`); "
            "nothing was written",
            "id": "periksa bahwa server cap waktu berjalan (`esign serve`) dan "
            "alamatnya (--tsa, ESIGN_TSA_URL atau `esign config set tsa-url`); "
            "tidak ada berkas yang ditulis",
        },
        "ltv.failed": {
            "en": "Could not collect revocation data for {file}: {detail}",
            "id": "Tidak dapat mengumpulkan data pencabutan untuk {file}: {detail}",
        },
        "ltv.failed.hint": {
            "en": "the OCSP/CRL server named in the certificate must be reachable (`esign serve`)",
            "id": "server OCSP/CRL yang tercantum di sertifikat harus dapat dihubungi "
            "(`esign serve`)",
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
            "id": "Tidak dapat mendengarkan di {host}:{port}: {detail}",
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
            "id": "Alamat untuk mendengarkan (loopback kecuali ditentukan lain).",
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
            "id": "berikan --tsa URL, atur ESIGN_TSA_URL, atau jalankan `esign config "
            "set tsa-url URL`",
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
            "en": "Do not fetch revocation data; use only what the document embeds.",
            "id": "Jangan mengambil data pencabutan; gunakan hanya yang tersimpan di dokumen.",
        },
    }
)  # timestamps, revocation, LTV

CATALOG.update(
    {
        "revision.out_of_range": {
            "en": "{file} has {count} signature(s); there is no signature {number}.",
            "id": "{file} memiliki {count} tanda tangan; tidak ada tanda tangan ke-{number}.",
        },
        "revision.needs_one_file": {
            "en": "--revision works on exactly one file and needs -o/--output.",
            "id": "--revision hanya untuk tepat satu berkas dan memerlukan -o/--output.",
        },
        "revision.written": {
            "en": "Wrote the version signature {number} covers ({size} bytes) to {file}.",
            "id": "Versi yang dicakup tanda tangan ke-{number} ({size} bita) ditulis ke {file}.",
        },
        "help.opt.revision": {
            "en": "Write the exact version signature N (1 = first signed) covers to -o FILE.",
            "id": "Tulis versi persis yang dicakup tanda tangan ke-N (1 = yang pertama) "
            "ke -o BERKAS.",
        },
        "help.opt.revision_out": {
            "en": "Where --revision writes the signed version.",
            "id": "Tempat --revision menulis versi yang ditandatangani.",
        },
    }
)  # attacks, revisions

CATALOG.update(
    {
        "change.line": {"en": "{what}: {where}", "id": "{what}: {where}"},
        "change.kind.page_content": {"en": "page content changed", "id": "isi halaman diubah"},
        "change.kind.page_resources": {
            "en": "page resources (fonts, images, XObjects) changed",
            "id": "sumber daya halaman (huruf, gambar, XObject) diubah",
        },
        "change.kind.page_geometry": {
            "en": "page size, crop or rotation changed",
            "id": "ukuran, potongan, atau rotasi halaman diubah",
        },
        "change.kind.pages": {
            "en": "pages added, removed or reordered",
            "id": "halaman ditambah, dihapus, atau diubah urutannya",
        },
        "change.kind.optional_content": {
            "en": "visibility of layers (optional content) changed",
            "id": "tampilan lapisan (konten opsional) diubah",
        },
        "change.kind.annotation_changed": {
            "en": "an annotation shown when signed was changed",
            "id": "anotasi yang tampak saat ditandatangani diubah",
        },
        "change.kind.annotation_removed": {
            "en": "an annotation shown when signed was removed",
            "id": "anotasi yang tampak saat ditandatangani dihapus",
        },
        "change.kind.field_changed": {
            "en": "a form field filled in when signed was changed",
            "id": "isian formulir yang sudah terisi saat ditandatangani diubah",
        },
        "change.kind.annotation_added": {"en": "annotation added", "id": "anotasi ditambahkan"},
        "change.kind.field_filled": {
            "en": "empty form field filled in",
            "id": "isian formulir yang kosong diisi",
        },
        "change.kind.field_added": {"en": "form field added", "id": "isian formulir ditambahkan"},
        "change.kind.signature": {
            "en": "signature or document timestamp added",
            "id": "tanda tangan atau cap waktu dokumen ditambahkan",
        },
        "change.kind.metadata": {
            "en": "document metadata changed",
            "id": "metadata dokumen diubah",
        },
        "change.kind.structure": {
            "en": "document structure for screen readers (tags) updated",
            "id": "struktur dokumen untuk pembaca layar (tag) diperbarui",
        },
        "change.kind.dss": {
            "en": "validation data (DSS) added or updated",
            "id": "data validasi (DSS) ditambahkan atau diperbarui",
        },
        "change.kind.other": {
            "en": "change that cannot be explained",
            "id": "perubahan yang tidak dapat dijelaskan",
        },
        "change.kind.analysis": {"en": "pyHanko's analysis", "id": "analisis pyHanko"},
        "change.at.page_count": {
            "en": "{signed} page(s) when signed, {now} now",
            "id": "{signed} halaman saat ditandatangani, {now} sekarang",
        },
        "change.at.page_entry": {"en": "page {page}, {target}", "id": "halaman {page}, {target}"},
        "change.at.annotation": {
            "en": "page {page}, annotation {target} (object {object})",
            "id": "halaman {page}, anotasi {target} (objek {object})",
        },
        "change.at.field": {
            "en": "field “{target}” on page {page}",
            "id": "isian “{target}” di halaman {page}",
        },
        "change.at.field_value": {
            "en": "value of field “{target}”",
            "id": "nilai isian “{target}”",
        },
        "change.at.catalog_entry": {
            "en": "document catalog, {target}",
            "id": "katalog dokumen, {target}",
        },
        "change.at.object": {"en": "object {object}", "id": "objek {object}"},
        "change.at.object_freed": {
            "en": "object {object} was removed or cannot be read",
            "id": "objek {object} dihapus atau tidak dapat dibaca",
        },
        "change.at.object_rewritten": {
            "en": "object {object} rewritten",
            "id": "objek {object} ditulis ulang",
        },
        "change.at.level": {
            "en": "modification level {target}",
            "id": "tingkat perubahan {target}",
        },
        "change.at.note": {"en": "{target}", "id": "{target}"},
        "setting.report_seal": {
            "en": "store id of the e-seal that signs PDF reports (verify --report out.pdf)",
            "id": "id segel elektronik di penyimpanan yang menandatangani laporan PDF "
            "(verify --report out.pdf)",
        },
        "help.opt.seal_pass": {
            "en": "Read the e-seal's passphrase (for a signed PDF report) from this file.",
            "id": "Baca frasa sandi segel elektronik (untuk laporan PDF bertanda tangan) dari "
            "berkas ini.",
        },
        "pass.what.seal": {
            "en": "the e-seal key of '{id}'",
            "id": "kunci segel elektronik '{id}'",
        },
        "pass.prompt.seal": {
            "en": "Passphrase for the e-seal key of '{id}' (signs the report)",
            "id": "Frasa sandi kunci segel elektronik '{id}' (menandatangani laporan)",
        },
        "report.seal_not_seal": {
            "en": "The report-seal setting names '{id}', which is not an e-seal identity.",
            "id": "Pengaturan report-seal menyebut '{id}', yang bukan identitas segel elektronik.",
        },
        "report.seal_not_seal.hint": {
            "en": "Issue one with `esign cert issue --id ID --seal --org ORG`, then "
            "`esign config set report-seal ID`.",
            "id": "Terbitkan dengan `esign cert issue --id ID --seal --org ORG`, lalu "
            "`esign config set report-seal ID`.",
        },
        "report.seal_reason": {
            "en": "Verification report sealed electronically by {name}",
            "id": "Laporan verifikasi disegel secara elektronik oleh {name}",
        },
        "report.written_sealed": {
            "en": "Report written to {file}, signed with the e-seal '{id}'.",
            "id": "Laporan ditulis ke {file}, ditandatangani dengan segel elektronik '{id}'.",
        },
        "report.written_unsigned": {
            "en": "Report written to {file}, unsigned: no e-seal is configured "
            "(esign config set report-seal ID).",
            "id": "Laporan ditulis ke {file}, tanpa tanda tangan: belum ada segel elektronik "
            "(esign config set report-seal ID).",
        },
        "pdf.sealed": {
            "en": "This report is signed with the electronic seal of {name}. Check it with "
            "`esign verify` or a PDF reader: any change after sealing shows.",
            "id": "Laporan ini ditandatangani dengan segel elektronik {name}. Periksa dengan "
            "`esign verify` atau aplikasi pembaca PDF: perubahan setelah disegel akan terlihat.",
        },
        "pdf.unsealed": {
            "en": "This report is not signed: it records what esign found, but nothing "
            "proves it was not changed afterwards.",
            "id": "Laporan ini tidak ditandatangani: isinya mencatat temuan esign, tetapi tidak "
            "ada yang membuktikan laporan ini tidak diubah sesudahnya.",
        },
        "pdf.page": {"en": "Page {n}", "id": "Halaman {n}"},
        "pdf.file": {"en": "File", "id": "Berkas"},
        "pass.wrong.seal_hint": {
            "en": "Check ESIGN_SEAL_PASSPHRASE (or ESIGN_PASSPHRASE) or --seal-passphrase-file; "
            "the e-seal key has its own passphrase.",
            "id": "Periksa ESIGN_SEAL_PASSPHRASE (atau ESIGN_PASSPHRASE) atau "
            "--seal-passphrase-file; kunci segel elektronik memiliki frasa sandinya sendiri.",
        },
        "report.no_folder": {
            "en": "the folder does not exist",
            "id": "foldernya tidak ada",
        },
    }
)  # PDF report, change details

CATALOG.update(
    {
        "help.opt.seal": {
            "en": "An institution e-seal (same as --kind seal): needs --org; "
            "--name defaults to it.",
            "id": "Segel elektronik instansi (sama dengan --kind seal): perlu --org; --name "
            "bawaannya sama.",
        },
        "help.opt.on_behalf_of": {
            "en": "Sign on behalf of this official (a.n.), e.g. 'Bupati Jember': "
            "shown above your position in the stamp and in /Reason.",
            "id": "Tanda tangan atas nama pejabat ini (a.n.), mis. 'Bupati Jember': "
            "tampil di atas jabatan Anda pada stempel dan di /Reason.",
        },
        "help.opt.via": {
            "en": "With --on-behalf-of: the position in between (u.b.), e.g. 'Sekretaris Daerah'.",
            "id": "Bersama --on-behalf-of: jabatan di antaranya (u.b.), mis. 'Sekretaris Daerah'.",
        },
        "help.opt.acting": {
            "en": "Sign as acting (plt: the post is vacant) or day-to-day deputy "
            "(plh: the holder is away); 'Plt.'/'Plh.' goes before your position.",
            "id": "Tanda tangan sebagai pelaksana tugas (plt: jabatan kosong) atau "
            "pelaksana harian (plh: pejabat berhalangan); 'Plt.'/'Plh.' di depan jabatan.",
        },
        "sign.via_needs_on_behalf": {
            "en": "--via (u.b.) needs --on-behalf-of (a.n.): u.b. is written under an a.n.",
            "id": "--via (u.b.) memerlukan --on-behalf-of (a.n.): u.b. ditulis di bawah a.n.",
        },
        "help.cert.rank": {
            "en": "Show or change an officer's rank (pangkat/golongan), e.g. after a "
            'promotion: esign cert rank budi "Pembina Tingkat I (IV/b)". The stamp prints '
            "it; the certificate does not change.",
            "id": "Tampilkan atau ubah pangkat/golongan pejabat, mis. setelah kenaikan "
            'pangkat: esign cert rank budi "Pembina Tingkat I (IV/b)". Stempel '
            "mencetaknya; sertifikat tidak berubah.",
        },
        "help.opt.rank_clear": {
            "en": "Remove the recorded rank (heads of region print none).",
            "id": "Hapus pangkat yang tercatat (kepala daerah tidak mencantumkannya).",
        },
        "cert.rank_both": {
            "en": "Give a rank or --clear, not both.",
            "id": "Berikan pangkat atau --clear, jangan keduanya.",
        },
        "cert.rank_none": {
            "en": "No rank is recorded for '{id}'.",
            "id": "Tidak ada pangkat yang tercatat untuk '{id}'.",
        },
        "cert.rank_set": {
            "en": "Rank of '{id}': {rank}. Stamps signed from now on print it.",
            "id": "Pangkat '{id}': {rank}. Stempel yang ditandatangani mulai sekarang mencetaknya.",
        },
        "cert.rank_person_only": {
            "en": "'{id}' is a {kind} certificate: only officers have a rank.",
            "id": "'{id}' adalah sertifikat {kind}: hanya pejabat yang memiliki pangkat.",
        },
        "help.opt.yes": {
            "en": "Do not ask for confirmation on a terminal (the signer has already agreed).",
            "id": "Jangan meminta konfirmasi di terminal (penanda tangan sudah setuju).",
        },
        "cert.seal_needs_org": {
            "en": "A seal is the institution's certificate: give its organization with --org.",
            "id": "Segel adalah sertifikat instansi: sebutkan instansinya dengan --org.",
        },
        "cert.seal_no_person": {
            "en": "A seal names no person: --nip, --title and --rank are for officers only.",
            "id": "Segel tidak memuat orang: --nip, --title dan --rank hanya untuk pejabat.",
        },
        "cert.seal_kind_conflict": {
            "en": "--seal and --kind person contradict each other; use one of them.",
            "id": "--seal dan --kind person saling bertentangan; gunakan salah satunya.",
        },
        "cert.person_needs_name": {
            "en": "An officer's certificate needs --name (full name with titles).",
            "id": "Sertifikat pejabat memerlukan --name (nama lengkap dengan gelar).",
        },
        "help.opt.field_at": {
            "en": "Put the field where this placeholder is (with --box: only its size counts).",
            "id": "Letakkan kolom di tempat placeholder ini (dengan --box: hanya ukurannya).",
        },
        "stamp.heading.seal": {
            "en": "Electronically sealed by:",
            "id": "Disegel secara elektronik oleh:",
        },
        "consent.heading": {
            "en": "You are about to sign:",
            "id": "Anda akan menandatangani:",
        },
        "consent.file": {"en": "File", "id": "Berkas"},
        "consent.pages": {"en": "{count} page(s)", "id": "{count} halaman"},
        "consent.more": {
            "en": "… and {count} more ({total} files)",
            "id": "… dan {count} lainnya ({total} berkas)",
        },
        "consent.total": {"en": "Total", "id": "Jumlah"},
        "consent.signer": {"en": "Signer", "id": "Penanda tangan"},
        "consent.nip": {"en": "NIP", "id": "NIP"},
        "consent.title": {"en": "Position", "id": "Jabatan"},
        "consent.reason": {"en": "Reason", "id": "Alasan"},
        "consent.level": {"en": "Level", "id": "Tingkat"},
        "consent.role": {"en": "Signing as", "id": "Sebagai"},
        "consent.prompt": {
            "en": "Sign? [y/N]",
            "id": "Tandatangani? [y/T]",
        },
        "consent.declined": {
            "en": "Not signed: the signer did not confirm. Nothing was written.",
            "id": "Tidak ditandatangani: penanda tangan tidak mengonfirmasi. Tidak ada yang "
            "ditulis.",
        },
    }
)  # consent, seal, acceptance
