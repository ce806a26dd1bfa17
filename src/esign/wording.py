"""Plain-language phrasing shared by every human-facing renderer (terminal and HTML).

No rich, no HTML: only sentences from the catalog, so both reports say the same thing.
"""

from __future__ import annotations

from esign.i18n import t
from esign.models import SignatureReport, Verdict, VerificationReport, from_licensed_provider


def has_legal_standing(sig: SignatureReport) -> bool:
    """Whether to say certified/uncertified at all: only for an electronic signature that is
    not broken (an invalid signature has no legal force to describe)."""
    return (
        sig.kind == "signature"
        and sig.signer_cert is not None
        and sig.verdict in (Verdict.VALID, Verdict.INDETERMINATE)
    )


def legal_standing(sig: SignatureReport) -> str:
    """Certified (licensed provider) or uncertified, in plain words (PP 71/2019 Pasal 60)."""
    if from_licensed_provider(sig):
        return t("verify.certified_yes", root=sig.chain[-1])
    issuer = sig.signer_cert.issuer_dn if sig.signer_cert else t("verify.unknown")
    return t("verify.certified_note", issuer=issuer)


def summary(reports: list[VerificationReport]) -> str:
    """``3 file(s): 2 valid, 1 invalid, ...`` for several files."""
    counts = {v.value: sum(r.verdict is v for r in reports) for v in Verdict}
    return t(
        "verify.summary",
        files=len(reports),
        valid=counts["valid"],
        invalid=counts["invalid"],
        indeterminate=counts["indeterminate"],
        unsigned=counts["unsigned"],
        error=counts["error"],
    )


def indication(sig: SignatureReport) -> str:
    """``TOTAL_FAILED / HASH_FAILURE``."""
    sub = f" / {sig.sub_indication.value}" if sig.sub_indication else ""
    return sig.indication.value + sub
