"""Messages: findings of the verification rules (esign.verify.rules) added with the rules."""

MESSAGES: dict[str, dict[str, str]] = {
    "verify.problem.crypto_detail": {
        "en": "The signature value does not verify with the signer's key. ({detail})",
        "id": "Nilai tanda tangan tidak cocok dengan kunci penanda tangan. ({detail})",
    },
}
