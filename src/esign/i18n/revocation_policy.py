"""Messages: revocation sources, the hard-fail / soft-fail policy, ``--crl`` (issue 11)."""

MESSAGES: dict[str, dict[str, str]] = {
    "verify.problem.revocation_unknown": {
        "en": "No revocation answer could be had for {who}: nothing proves the certificate "
        "was not revoked. Try again when the issuer's OCSP/CRL server answers, or hand "
        "its CRL in with --crl (policy hard-fail).",
        "id": "Status pencabutan {who} tidak dapat diperoleh: tidak ada yang membuktikan "
        "sertifikat belum dicabut. Coba lagi setelah server OCSP/CRL penerbit menjawab, atau "
        "berikan CRL-nya dengan --crl (kebijakan hard-fail).",
    },
    "verify.problem.revocation_failed": {
        "en": "The revocation check could not run (policy hard-fail).",
        "id": "Pemeriksaan status pencabutan tidak dapat dijalankan (kebijakan hard-fail).",
    },
    "verify.problem.tsa_revoked": {
        "en": "The time-stamp authority's certificate {cert} was revoked on {when}: its "
        "timestamp proves nothing.",
        "id": "Sertifikat otoritas cap waktu {cert} dicabut pada {when}: cap waktunya tidak "
        "membuktikan apa pun.",
    },
    "verify.problem.tsa_unknown": {
        "en": "The revocation status of the time-stamp authority is unknown, so its timestamp "
        "cannot prove when the letter was signed (policy hard-fail).",
        "id": "Status pencabutan otoritas cap waktu tidak diketahui, sehingga cap waktunya "
        "tidak dapat membuktikan kapan surat ditandatangani (kebijakan hard-fail).",
    },
    "verify.problem.revoked_before_signing_ca": {
        "en": "The issuing CA's certificate {ca} was revoked on {when}, before this signature "
        "was made.",
        "id": "Sertifikat CA penerbit {ca} dicabut pada {when}, sebelum tanda tangan ini dibuat.",
    },
    "verify.problem.revoked_no_poe_ca": {
        "en": "The issuing CA's certificate {ca} was revoked on {when}, and no trusted "
        "timestamp proves the signature existed before that.",
        "id": "Sertifikat CA penerbit {ca} dicabut pada {when}, dan tidak ada cap waktu "
        "tepercaya yang membuktikan tanda tangan sudah ada sebelumnya.",
    },
    "revocation.crl_unreadable": {
        "en": "Cannot read the CRL file {file}: {detail}",
        "id": "Berkas CRL {file} tidak dapat dibaca: {detail}",
    },
    "revocation.crl_bad": {
        "en": "{file} is not a CRL (PEM or DER expected).",
        "id": "{file} bukan CRL (diharapkan PEM atau DER).",
    },
    "revocation.failure.unreachable": {
        "en": "{source} could not be reached",
        "id": "{source} tidak dapat dihubungi",
    },
    "revocation.failure.no_source": {
        "en": "nowhere to ask ({source})",
        "id": "tidak ada sumber yang dapat ditanya ({source})",
    },
    "revocation.failure.bad_response": {
        "en": "{source} gave an answer that cannot be read",
        "id": "{source} memberi jawaban yang tidak dapat dibaca",
    },
    "revocation.failure.untrusted": {
        "en": "{source}: the answer is not signed by the certificate's issuer",
        "id": "{source}: jawaban tidak ditandatangani oleh penerbit sertifikat",
    },
    "revocation.failure.stale": {
        "en": "{source}: the answer is out of date",
        "id": "{source}: jawaban sudah kedaluwarsa",
    },
    "revocation.failure.no_status": {
        "en": "{source} does not know the certificate",
        "id": "{source} tidak mengenal sertifikat ini",
    },
    "revocation.failure.line": {
        "en": "{cert}: {what}",
        "id": "{cert}: {what}",
    },
    "revocation.source.embedded": {
        "en": "the answers embedded in the document",
        "id": "jawaban yang tersimpan di dokumen",
    },
    "revocation.source.store": {
        "en": "this office's store",
        "id": "penyimpanan kantor ini",
    },
    "revocation.source.offline": {
        "en": "--offline: nothing is fetched",
        "id": "--offline: tidak ada yang diambil",
    },
    "revocation.source.online": {
        "en": "the certificate names no OCSP or CRL address",
        "id": "sertifikat tidak mencantumkan alamat OCSP atau CRL",
    },
    "revocation.source.chain": {
        "en": "the issuer's certificate is not available",
        "id": "sertifikat penerbit tidak tersedia",
    },
    "verify.rev.source.store": {
        "en": "answer from this office's store",
        "id": "jawaban dari penyimpanan kantor ini",
    },
    "verify.rev.source.crl_file": {
        "en": "answer from a CRL file given with --crl",
        "id": "jawaban dari berkas CRL yang diberikan dengan --crl",
    },
    "verify.rev.policy": {
        "en": "policy {policy}",
        "id": "kebijakan {policy}",
    },
    "help.opt.crl": {
        "en": "Use this CRL file (PEM/DER) for the revocation check, also offline; "
        "may be repeated. Its signature, issuer and freshness are checked.",
        "id": "Gunakan berkas CRL ini (PEM/DER) untuk pemeriksaan pencabutan, juga saat "
        "luring; boleh diulang. Tanda tangan, penerbit, dan kebaruannya diperiksa.",
    },
    "help.opt.revocation": {
        "en": "When no revocation answer can be had: hard-fail (default: indeterminate, "
        "exit 4) or soft-fail (accept, as Adobe does). A known revocation always counts.",
        "id": "Bila status pencabutan tidak dapat diperoleh: hard-fail (bawaan: tidak dapat "
        "dipastikan, kode keluar 4) atau soft-fail (tetap sah bila status pencabutan tidak "
        "dapat diperiksa, seperti Adobe). Pencabutan "
        "yang diketahui selalu berlaku.",
    },
    "setting.revocation": {
        "en": "revocation policy of verify when no answer can be had: hard-fail | soft-fail",
        "id": "kebijakan pencabutan untuk verify bila tidak ada jawaban: hard-fail (tidak dapat "
        "dipastikan) | soft-fail (tetap sah bila status pencabutan tidak dapat diperiksa)",
    },
}
