"""Messages: consent, seal, acceptance."""

MESSAGES: dict[str, dict[str, str]] = {
    "help.opt.seal": {
        "en": "An institution e-seal (same as --kind seal): needs --org; --name defaults to it.",
        "id": "Segel elektronik instansi (sama dengan --kind seal): perlu --org; --name "
        "bawaannya sama.",
    },
    "help.opt.on_behalf_of": {
        "en": "Sign on behalf of this official (a.n.), e.g. 'Bupati Jember': "
        "shown above your position in the stamp and in /Reason.",
        "id": "Tanda tangan atas nama pejabat ini (a.n.), mis. 'Bupati Jember': "
        "tampil di atas jabatan Anda pada blok tanda tangan dan di /Reason.",
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
        'pangkat: esign cert rank budi "Pembina Tingkat I (IV/b)". Blok tanda tangan '
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
        "id": "Pangkat '{id}': {rank}. Blok tanda tangan mulai sekarang mencetaknya.",
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
        "id": "Letakkan kolom di tempat penanda ini (dengan --box: hanya ukurannya).",
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
    "consent.pages": {"en": "{count} pages", "en:one": "{count} page", "id": "{count} halaman"},
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
        "id": "Tandatangani? (ya/tidak)",
    },
    "consent.declined": {
        "en": "Not signed: the signer did not confirm. Nothing was written.",
        "id": "Dibatalkan; tidak ada berkas yang ditandatangani.",
    },
}
