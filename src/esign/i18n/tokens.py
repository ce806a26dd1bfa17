"""Messages: keys on PKCS#11 tokens (cert issue --token, cert import --to-token, PINs)."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- PINs -------------------------------------------------------------------------
    "token.pin_wrong": {
        "en": "Token '{token}' did not accept the PIN. esign does not try a PIN twice: a "
        "token locks itself after a few wrong ones.",
        "id": "Token '{token}' menolak PIN tersebut. esign tidak mencoba PIN dua kali: token "
        "akan terkunci setelah beberapa kali PIN salah.",
    },
    "token.pin_wrong.hint": {
        "en": "Check the PIN, then run the command once more.",
        "id": "Periksa PIN, lalu jalankan perintah sekali lagi.",
    },
    "token.pin_locked": {
        "en": "Token '{token}' is locked after too many wrong PINs.",
        "id": "Token '{token}' terkunci karena terlalu banyak PIN salah.",
    },
    "token.pin_locked.hint": {
        "en": "The token's security officer must unlock it (with the SO PIN) or reset the "
        "user PIN with the token's own tool.",
        "id": "Petugas keamanan token harus membukanya (dengan SO PIN) atau mengatur ulang "
        "PIN pengguna dengan aplikasi token tersebut.",
    },
    "token.pin_prompt": {
        "en": "PIN of token '{token}'",
        "id": "PIN token '{token}'",
    },
    "token.pin_what": {
        "en": "the PIN of token '{token}'",
        "id": "PIN token '{token}'",
    },
    # --- the module and the token -----------------------------------------------------
    "token.no_module": {
        "en": "No PKCS#11 module is set, and {default} is not installed.",
        "id": "Modul PKCS#11 belum diatur, dan {default} tidak terpasang.",
    },
    "token.no_module.hint": {
        "en": "Set the token's module: esign config set pkcs11-module /path/to/module.so",
        "id": "Atur modul token: esign config set pkcs11-module /lokasi/modul.so",
    },
    "token.bad_module": {
        "en": "The PKCS#11 module {path} could not be loaded: {detail}",
        "id": "Modul PKCS#11 {path} tidak dapat dimuat: {detail}",
    },
    "token.not_found": {
        "en": "No token labelled '{token}' is connected (module {module}).",
        "id": "Tidak ada token berlabel '{token}' yang terhubung (modul {module}).",
    },
    "token.not_found.hint": {
        "en": "Plug the token in, or list the tokens with: pkcs11-tool --module {module} -L",
        "id": "Pasang tokennya, atau lihat daftar token dengan: pkcs11-tool --module {module} -L",
    },
    "token.error": {
        "en": "Token '{token}' reported an error: {detail}.",
        "id": "Token '{token}' melaporkan kesalahan: {detail}.",
    },
    "token.key_exists": {
        "en": "Token '{token}' already holds a key labelled '{object}'.",
        "id": "Token '{token}' sudah berisi kunci berlabel '{object}'.",
    },
    "token.key_missing": {
        "en": "The key '{object}' is not on token '{token}'.",
        "id": "Kunci '{object}' tidak ada di token '{token}'.",
    },
    "token.key_missing.hint": {
        "en": "Connect the token the key was made on; a key on a token cannot be copied.",
        "id": "Hubungkan token tempat kunci itu dibuat; kunci di dalam token tidak dapat disalin.",
    },
    "token.no_export": {
        "en": "The key of '{id}' is on token '{token}' and cannot be exported.",
        "id": "Kunci '{id}' berada di token '{token}' dan tidak dapat diekspor.",
    },
    "token.batch_one_worker": {
        "en": "The key of '{id}' is on a token: the batch signs with one process (-j 1), "
        "through the token's one session.",
        "id": "Kunci '{id}' berada di token: paket ditandatangani dengan satu proses (-j 1), "
        "melalui satu sesi token.",
    },
    # --- options and settings ---------------------------------------------------------
    "help.opt.token": {
        "en": "Generate the key on the PKCS#11 token with this label (it never leaves it) "
        "instead of sealing it in the store.",
        "id": "Buat kunci di token PKCS#11 berlabel ini (kunci tidak pernah keluar dari "
        "token), bukan disegel di penyimpanan.",
    },
    "help.opt.to_token": {
        "en": "Put the imported key on the PKCS#11 token with this label (not extractable).",
        "id": "Simpan kunci yang diimpor ke token PKCS#11 berlabel ini (tidak dapat diambil "
        "kembali).",
    },
    "help.opt.pin_file": {
        "en": "Read the token's PIN from this file (else ESIGN_PKCS11_PIN, else a prompt).",
        "id": "Baca PIN token dari berkas ini (selain itu ESIGN_PKCS11_PIN, lalu ditanyakan).",
    },
    "setting.pkcs11_module": {
        "en": "PKCS#11 module of the office's tokens (default: SoftHSM2 when installed)",
        "id": "modul PKCS#11 untuk token kantor (bawaan: SoftHSM2 bila terpasang)",
    },
}
