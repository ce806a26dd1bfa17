"""Messages: a paraf on every page as one signature, the Permendagri 1/2023 signature block
(``--doc-type``) and the pre-flight check before the first signature (issue 16)."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- paraf on every page --------------------------------------------------------------
    "help.opt.paraf_every_page": {
        "en": "Paraf every page with ONE signature: your initials and the time in a corner of "
        "each page (--corner), one field with a widget on each page. Not with --stamp.",
        "id": "Paraf setiap halaman dengan SATU tanda tangan: inisial dan waktu di sudut setiap "
        "halaman (--corner), satu kolom dengan tampilan di setiap halaman. Tidak bersama "
        "--stamp.",
    },
    "help.opt.corner": {
        "en": "Corner of every page for --paraf-every-page, as the page is seen "
        "(default: bottom-right).",
        "id": "Sudut setiap halaman untuk --paraf-every-page, sebagaimana halaman terlihat "
        "(bawaan: bottom-right).",
    },
    "paraf.corner.bottom-right": {"en": "bottom right", "id": "kanan bawah"},
    "paraf.corner.bottom-left": {"en": "bottom left", "id": "kiri bawah"},
    "paraf.corner.top-right": {"en": "top right", "id": "kanan atas"},
    "paraf.corner.top-left": {"en": "top left", "id": "kiri atas"},
    "paraf.consent": {
        "en": "paraf (initials and time) on every page, {corner}, one signature",
        "id": "paraf (inisial dan waktu) di setiap halaman, {corner}, satu tanda tangan",
    },
    "paraf.with_stamp": {
        "en": "--paraf-every-page draws its own small block on every page; it cannot be "
        "combined with --stamp, --at, --page, --box or --image.",
        "id": "--paraf-every-page menggambar bloknya sendiri di setiap halaman; tidak dapat "
        "digabung dengan --stamp, --at, --page, --box atau --image.",
    },
    "paraf.corner_alone": {
        "en": "--corner places the paraf of --paraf-every-page; add --paraf-every-page.",
        "id": "--corner menentukan letak paraf dari --paraf-every-page; tambahkan "
        "--paraf-every-page.",
    },
    "paraf.field_exists": {
        "en": "{file}: the field '{field}' already exists; a paraf on every page makes its own "
        "field. Leave out --field or give a new name.",
        "id": "{file}: kolom '{field}' sudah ada; paraf di setiap halaman membuat kolomnya "
        "sendiri. Hilangkan --field atau beri nama baru.",
    },
    "paraf.signed_pages": {
        "en": "Paraf on {count} pages ({pages}), one signature.",
        "id": "Paraf pada {count} halaman ({pages}), satu tanda tangan.",
    },
    "verify.field.pages": {"en": "Shown on pages", "id": "Tampil pada halaman"},
    "verify.paraf.pages": {
        "en": "{pages} (one signature on {count} pages)",
        "id": "{pages} (satu tanda tangan pada {count} halaman)",
    },
}
