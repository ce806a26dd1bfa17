"""Messages: the trust path (issue 19): who may sign, chain constraints, odd names."""

MESSAGES: dict[str, dict[str, str]] = {
    "cert.bad_name_length": {
        "en": "The {field} is {length} characters long; a certificate allows at most {limit}.",
        "id": "Isian {field} sepanjang {length} karakter; sertifikat hanya membolehkan paling "
        "banyak {limit}.",
    },
    "cert.bad_name_char": {
        "en": "The {field} '{value}' contains a character certificates cannot carry "
        "({char}: a control character, emoji or unassigned character); use letters, digits "
        "and punctuation.",
        "id": "Isian {field} '{value}' memuat karakter yang tidak dapat dimuat sertifikat "
        "({char}: karakter kendali, emoji, atau karakter tak terdaftar); gunakan huruf, angka, "
        "dan tanda baca.",
    },
    "cert.field.name": {"en": "name", "id": "nama"},
    "cert.field.org": {"en": "organization", "id": "instansi"},
    "cert.field.unit": {"en": "unit", "id": "unit kerja"},
    "cert.field.title": {"en": "title", "id": "jabatan"},
    "cert.field.city": {"en": "city", "id": "kota"},
    "cert.field.nip": {"en": "NIP", "id": "NIP"},
    "verify.note.trust_cert_skipped": {
        "en": "A certificate in the trust list was skipped because its name cannot be "
        "compared ({subject}: {detail}); letters it issued cannot be confirmed.",
        "id": "Satu sertifikat dalam daftar kepercayaan dilewati karena namanya tidak dapat "
        "dibandingkan ({subject}: {detail}); surat yang diterbitkannya tidak dapat "
        "dikonfirmasi.",
    },
    "verify.problem.signer_is_ca": {
        "en": "The signing certificate belongs to a certificate authority (CA:TRUE), not to "
        "a person or seal; a CA key issues certificates and must not sign documents.",
        "id": "Sertifikat penanda tangan milik otoritas sertifikat (CA:TRUE), bukan milik "
        "orang atau segel; kunci CA menerbitkan sertifikat dan tidak boleh menandatangani "
        "dokumen.",
    },
    "verify.problem.signer_key_usage": {
        "en": "The signing certificate's key usage ({usages}) allows neither "
        "digitalSignature nor nonRepudiation, so it may not sign documents.",
        "id": "Penggunaan kunci sertifikat penanda tangan ({usages}) tidak memuat "
        "digitalSignature maupun nonRepudiation, sehingga tidak boleh menandatangani "
        "dokumen.",
    },
    "verify.problem.signer_no_key_usage": {
        "en": "The signing certificate has no key usage extension, so nothing says it may "
        "sign documents (digitalSignature or nonRepudiation).",
        "id": "Sertifikat penanda tangan tidak memiliki ekstensi penggunaan kunci, sehingga "
        "tidak ada yang menyatakan sertifikat itu boleh menandatangani dokumen "
        "(digitalSignature atau nonRepudiation).",
    },
    "verify.problem.signer_extended_usage": {
        "en": "The signing certificate's extended key usage ({usages}) does not allow "
        "signing documents (it would need e.g. emailProtection, documentSigning or "
        "anyExtendedKeyUsage).",
        "id": "Penggunaan kunci lanjutan sertifikat penanda tangan ({usages}) tidak "
        "membolehkan penandatanganan dokumen (perlu misalnya emailProtection, "
        "documentSigning, atau anyExtendedKeyUsage).",
    },
    "verify.problem.tsa_extended_usage": {
        "en": "The time-stamp certificate's extended key usage ({usages}) does not include "
        "timeStamping.",
        "id": "Penggunaan kunci lanjutan sertifikat cap waktu ({usages}) tidak memuat "
        "timeStamping.",
    },
    "verify.problem.chain_constraints": {
        "en": "The certificate chain breaks a constraint set by a certificate authority "
        "(path length or name constraints): {detail}",
        "id": "Rantai sertifikat melanggar batasan yang ditetapkan otoritas sertifikat "
        "(panjang jalur atau batasan nama): {detail}",
    },
}
