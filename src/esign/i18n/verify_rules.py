"""Messages: findings of the verification rules (esign.verify.rules) added with the rules."""

MESSAGES: dict[str, dict[str, str]] = {
    "verify.problem.crypto_detail": {
        "en": "The signature value does not verify with the signer's key. ({detail})",
        "id": "Nilai tanda tangan tidak cocok dengan kunci penanda tangan. ({detail})",
    },
    "verify.problem.level_subfilter": {
        "en": "Not a PAdES baseline signature: its sub-filter is {subfilter}, not "
        "ETSI.CAdES.detached (ETSI EN 319 142-1).",
        "id": "Bukan tanda tangan PAdES baseline: sub-filternya {subfilter}, bukan "
        "ETSI.CAdES.detached (ETSI EN 319 142-1).",
    },
    "verify.problem.level_signing_time": {
        "en": "Not a PAdES baseline signature: it carries a signing-time attribute, which "
        "PAdES forbids (the time belongs in the signature dictionary).",
        "id": "Bukan tanda tangan PAdES baseline: memuat atribut signing-time yang dilarang "
        "PAdES (waktu seharusnya di kamus tanda tangan).",
    },
    "verify.problem.level_no_signing_certificate": {
        "en": "Not a PAdES baseline signature: the signed attributes do not bind the signing "
        "certificate (no signing-certificate-v2).",
        "id": "Bukan tanda tangan PAdES baseline: atribut yang ditandatangani tidak mengikat "
        "sertifikat penanda tangan (tidak ada signing-certificate-v2).",
    },
    "verify.level.none": {
        "en": "none (not PAdES baseline)",
        "id": "tidak ada (bukan PAdES baseline)",
    },
    "verify.problem.weak_algorithm": {
        "en": "The signature uses {algo}, which the validation policy no longer accepts "
        "(too weak to prove the letter was not altered); this says nothing about the "
        "certificate chain.",
        "id": "Tanda tangan memakai {algo}, yang tidak lagi diterima kebijakan validasi "
        "(terlalu lemah untuk membuktikan surat tidak diubah); hal ini tidak menyangkut "
        "rantai sertifikat.",
    },
    "verify.mod.not_analysed": {
        "en": "unknown: the signed bytes themselves were changed",
        "id": "tidak diketahui: isi yang ditandatangani itu sendiri telah diubah",
    },
}
