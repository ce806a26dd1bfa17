"""Messages: roles (a.n., u.b., Plt., Plh.) recorded in the store, the check at signing and
what verify says about a signature's claim (issue 16, delegation checked against roles)."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- esign role ---------------------------------------------------------------------
    "help.role": {
        "en": "Roles for signing a.n./u.b./Plt./Plh.",
        "id": "Peran untuk tanda tangan a.n./u.b./Plt./Plh.",
    },
    "help.role.grant": {
        "en": 'Record a role of an officer: esign role grant sekda --post "Sekretaris Daerah" '
        '--may-sign-for "Bupati Jember" [--from 2026-03-01 --until 2026-03-31]. Prints the '
        "grant's number (for role revoke).",
        "id": 'Catat peran seorang pejabat: esign role grant sekda --post "Sekretaris Daerah" '
        '--may-sign-for "Bupati Jember" [--from 2026-03-01 --until 2026-03-31]. Menampilkan '
        "nomor pemberian peran (untuk role revoke).",
    },
    "help.role.list": {
        "en": "List the recorded roles (of one officer when an id is given), revoked ones too.",
        "id": "Tampilkan peran yang tercatat (milik satu pejabat bila id diberikan), termasuk "
        "yang sudah dicabut.",
    },
    "help.role.revoke": {
        "en": "Revoke a role by the number 'role grant' printed; letters signed while it held "
        "stay confirmed.",
        "id": "Cabut peran dengan nomor yang ditampilkan 'role grant'; surat yang "
        "ditandatangani selama peran berlaku tetap terkonfirmasi.",
    },
    "short.role.grant": {
        "en": "Record a role of an officer.",
        "id": "Catat peran seorang pejabat.",
    },
    "short.role.list": {"en": "List the recorded roles.", "id": "Tampilkan peran yang tercatat."},
    "short.role.revoke": {
        "en": "Revoke a role by its number.",
        "id": "Cabut peran dengan nomornya.",
    },
    "help.opt.post": {
        "en": "The post the officer holds, e.g. 'Sekretaris Daerah' (with --acting: the post "
        "they act in).",
        "id": "Jabatan yang dipegang pejabat, mis. 'Sekretaris Daerah' (dengan --acting: "
        "jabatan yang dilaksanakannya).",
    },
    "help.opt.may_sign_for": {
        "en": "The post they may sign for: a.n. (or u.b., under an a.n.), e.g. 'Bupati Jember'.",
        "id": "Jabatan yang boleh ditandatangani atas namanya: a.n. (atau u.b., di bawah a.n.), "
        "mis. 'Bupati Jember'.",
    },
    "help.opt.role_acting": {
        "en": "The officer is Plt. (acting, the post is vacant) or Plh. (deputy, the holder is "
        "away) in --post.",
        "id": "Pejabat adalah Plt. (jabatan kosong) atau Plh. (pejabat berhalangan) pada --post.",
    },
    "help.opt.role_from": {
        "en": "First day the role holds (YYYY-MM-DD, in the configured time zone).",
        "id": "Hari pertama peran berlaku (YYYY-MM-DD, menurut zona waktu pengaturan).",
    },
    "help.opt.role_until": {
        "en": "Last day the role holds, that whole day included (YYYY-MM-DD).",
        "id": "Hari terakhir peran berlaku, sepanjang hari itu (YYYY-MM-DD).",
    },
    "role.granted": {
        "en": "Grant {grant}: {id} as {what} ({window}).",
        "id": "Peran {grant}: {id} sebagai {what} ({window}).",
    },
    "role.revoked": {
        "en": "Grant {grant} of {id} revoked; letters signed before stay confirmed.",
        "id": "Peran {grant} milik {id} dicabut; surat yang ditandatangani sebelumnya tetap "
        "terkonfirmasi.",
    },
    "role.already_revoked": {
        "en": "Grant {grant} of {id} was already revoked on {when}.",
        "id": "Peran {grant} milik {id} sudah dicabut pada {when}.",
    },
    "role.none": {
        "en": "No roles recorded: delegated signatures (a.n., u.b., Plt., Plh.) are not checked.",
        "id": "Belum ada peran tercatat: tanda tangan a.n., u.b., Plt., Plh. tidak diperiksa.",
    },
    "role.window_backwards": {
        "en": "--until {until} is before --from {start}.",
        "id": "--until {until} lebih awal dari --from {start}.",
    },
    "role.empty_post": {
        "en": "--post needs the name of a post, e.g. 'Sekretaris Daerah'.",
        "id": "--post memerlukan nama jabatan, mis. 'Sekretaris Daerah'.",
    },
    "role.window_always": {"en": "no end date", "id": "tanpa batas waktu"},
    "role.window_from": {"en": "from {start}", "id": "mulai {start}"},
    "role.window_until": {"en": "until {until}", "id": "sampai {until}"},
    "role.window_both": {"en": "{start} to {until}", "id": "{start} s.d. {until}"},
    "role.holds": {"en": "{post}", "id": "{post}"},
    "role.holds_for": {
        "en": "{post}, may sign for {target}",
        "id": "{post}, boleh menandatangani a.n. {target}",
    },
    "role.person_only": {
        "en": "'{id}' is a {kind} certificate: only officers hold roles.",
        "id": "'{id}' adalah sertifikat {kind}: hanya pejabat yang memegang peran.",
    },
    "role.unknown_grant": {
        "en": "There is no role grant number {id} in this store.",
        "id": "Tidak ada peran bernomor {id} di penyimpanan ini.",
    },
    "role.unknown_grant.hint": {
        "en": "List them with: esign role list",
        "id": "Lihat daftarnya dengan: esign role list",
    },
    "col.grant": {"en": "No.", "id": "No."},
    "col.post": {"en": "Post", "id": "Jabatan"},
    "col.may_sign_for": {"en": "May sign for", "id": "Boleh a.n."},
    "col.role_days": {"en": "Days", "id": "Masa berlaku"},
    "col.role_state": {"en": "State", "id": "Keadaan"},
    "role.state.active": {"en": "in force", "id": "berlaku"},
    "role.state.not_yet": {"en": "not yet", "id": "belum berlaku"},
    "role.state.ended": {"en": "ended", "id": "berakhir"},
    "role.state.revoked": {"en": "revoked", "id": "dicabut"},
    # --- the check at signing -----------------------------------------------------------
    "role.refused.acting": {
        "en": "'{id}' may not sign as {part} on {when}: no role of this store says so.",
        "id": "'{id}' tidak boleh menandatangani sebagai {part} pada {when}: tidak ada peran "
        "tercatat yang mengizinkannya.",
    },
    "role.refused.for": {
        "en": "'{id}' may not sign {part} on {when}: no role of this store allows it.",
        "id": "'{id}' tidak boleh menandatangani {part} pada {when}: tidak ada peran tercatat "
        "yang mengizinkannya.",
    },
    "role.refused.chain": {
        "en": "'{id}' may not sign u.b. as asked on {when}: no role of this store lets {part}.",
        "id": "'{id}' tidak boleh menandatangani u.b. seperti diminta pada {when}: tidak ada "
        "peran tercatat untuk {part}.",
    },
    "role.refused.in_file": {
        "en": "{file}: {detail}",
        "id": "{file}: {detail}",
    },
    "role.refused.hint": {
        "en": "Nothing was signed. See the roles with 'esign role list {id}'; an administrator "
        "records one with 'esign role grant'.",
        "id": "Tidak ada yang ditandatangani. Lihat perannya dengan 'esign role list {id}'; "
        "administrator mencatatnya dengan 'esign role grant'.",
    },
    "role.unchecked": {
        "en": "Warning: this store records no roles, so the a.n./u.b./Plt./Plh. statement was "
        "not checked (record them with 'esign role grant').",
        "id": "Peringatan: penyimpanan ini belum mencatat peran, sehingga pernyataan "
        "a.n./u.b./Plt./Plh. tidak diperiksa (catat dengan 'esign role grant').",
    },
    # --- verify -------------------------------------------------------------------------
    "verify.field.delegation": {"en": "Signed for", "id": "Kewenangan"},
    "verify.delegation.confirmed": {
        "en": "{statement} (confirmed by this office's roles)",
        "id": "{statement} (sesuai peran yang tercatat di kantor ini)",
    },
    "verify.delegation.not_confirmed": {
        "en": "{statement} (NOT confirmed by this office's roles)",
        "id": "{statement} (TIDAK sesuai peran yang tercatat di kantor ini)",
    },
    "verify.delegation.unknown": {
        "en": "{statement} (not checked: no roles of this signer known here)",
        "id": "{statement} (tidak diperiksa: peran penanda tangan ini tidak tercatat di sini)",
    },
    "verify.problem.delegation_not_confirmed": {
        "en": "The signature states '{statement}', but this office's roles did not allow "
        "'{id}' {part} at {when}.",
        "id": "Tanda tangan menyatakan '{statement}', tetapi peran yang tercatat di kantor ini "
        "tidak mengizinkan '{id}' {part} pada {when}.",
    },
}
