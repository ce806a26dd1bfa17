"""Messages: the signature block by the kind of letter, Permendagri 1/2023 Pasal 44
(``--doc-type``, issue 16)."""

MESSAGES: dict[str, dict[str, str]] = {
    "help.opt.doc_type": {
        "en": "Kind of letter, for the visible block (Permendagri 1/2023 Pasal 44): "
        "correspondence (letters, memos, invitations; the default) and special (agreements, "
        "powers of attorney, minutes) keep academic titles; regulation (regulations, "
        "decrees) names the signer without them. The regional head, deputy and regional "
        "secretary, and their acting officials, are printed without NIP and pangkat.",
        "id": "Jenis naskah dinas, untuk blok tanda tangan (Permendagri 1/2023 Pasal 44): "
        "correspondence (naskah dinas korespondensi: surat, nota dinas, undangan; bawaan) dan "
        "special (naskah dinas khusus: perjanjian, surat kuasa, berita acara) memakai gelar; "
        "regulation (produk hukum: peraturan, keputusan) menuliskan nama penanda tangan tanpa "
        "gelar. Kepala daerah, wakil kepala daerah dan sekretaris daerah, serta pejabat "
        "pelaksananya, ditulis tanpa NIP dan pangkat.",
    },
    "doctype.without_stamp": {
        "en": "--doc-type shapes the visible signature block: add --stamp (or --at TAG).",
        "id": "--doc-type mengatur blok tanda tangan yang terlihat: tambahkan --stamp (atau "
        "--at TAG).",
    },
    "doctype.consent.regulation": {
        "en": "regulation or decree: the name without academic titles",
        "id": "produk hukum: nama tanpa gelar",
    },
    "doctype.consent.special": {
        "en": "special document (naskah dinas khusus)",
        "id": "naskah dinas khusus",
    },
}
