"""``verify_pdf`` against 69 real signed PDFs made by other tools (../shared/corpus).

One test per MANIFEST.tsv row (one signature). The corpus is used in place, never
copied; without it the module is skipped. Trust is not scored: no roots are given,
so good signatures come out ``indeterminate`` (unknown root), never ``invalid``.
Known gaps are ``xfail(strict=True)`` with the reason, so a fix shows up as XPASS.
"""

from __future__ import annotations

import csv
import functools
import time
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from conftest import CORPUS
from esign.models import Modifications, SignatureReport, SubIndication, Verdict, VerificationReport
from esign.verify import TrustSettings, verify_pdf

MANIFEST = CORPUS / "MANIFEST.tsv"
AT = datetime(2026, 11, 25, tzinfo=UTC)
PER_FILE_BUDGET_S = 30.0

pytestmark = pytest.mark.skipif(
    not MANIFEST.is_file(), reason=f"signed-PDF practice corpus not found at {CORPUS}"
)

NOT_VALID = {"INVALID", "MANIPULATED", "UNPARSEABLE", "UNVERIFIABLE"}
GOOD = {"VALID", "VALID_ALLOWED_CHANGES"}
# Correct but untrusted: no roots are configured, and many certificates have expired.
UNTRUSTED = {
    SubIndication.NO_CERTIFICATE_CHAIN_FOUND,
    SubIndication.OUT_OF_BOUNDS_NO_POE,
    SubIndication.OUT_OF_BOUNDS_NOT_REVOKED,
    SubIndication.EXPIRED,
}
MODIFICATIONS = {m.value: m for m in Modifications}

_UNKNOWN_OID = (
    "asn1crypto/pyHanko do not know the signature algorithm OID {oid}; esign reports "
    "indeterminate (unsupported algorithm) with crypto_valid false instead of checking it"
)
KNOWN_GAPS: dict[tuple[str, int], str] = {
    ("dss_plain-ecdsa.pdf", 1): _UNKNOWN_OID.format(
        oid="0.4.0.127.0.7.1.1.4.1.3 (BSI plain ECDSA)"
    ),
    ("itext_rsa-sha3-256.pdf", 1): _UNKNOWN_OID.format(
        oid="2.16.840.1.101.3.4.3.14 (RSA PKCS#1 v1.5 with SHA3-256)"
    ),
}


@dataclass(frozen=True)
class Row:
    file: str
    sig: int
    field: str
    intact: str
    crypto_valid: str
    modified: str
    overall: str
    confidence: str
    notes: str


def _rows() -> list[Row]:
    if not MANIFEST.is_file():
        return []
    with MANIFEST.open(newline="", encoding="utf-8") as f:
        return [
            Row(
                file=r["file"],
                sig=int(r["sig"]),
                field=r["field"],
                intact=r["intact"],
                crypto_valid=r["crypto_valid"],
                modified=r["modified_after_signing"],
                overall=r["overall"],
                confidence=r["confidence"],
                notes=r["notes"],
            )
            for r in csv.DictReader(f, delimiter="\t")
        ]


def _params() -> list[object]:
    out = []
    for row in _rows():
        gap = KNOWN_GAPS.get((row.file, row.sig))
        marks = [pytest.mark.xfail(strict=True, reason=gap)] if gap else []
        out.append(pytest.param(row, id=f"{row.file}#{row.sig}", marks=marks))
    return out


@functools.cache
def _verify(file: str) -> tuple[VerificationReport, float]:
    start = time.monotonic()
    report = verify_pdf(CORPUS / file, trust=TrustSettings(offline=True), at=AT)
    return report, time.monotonic() - start


def _match(report: VerificationReport, row: Row) -> SignatureReport | None:
    by_name = [s for s in report.signatures if s.field == row.field]
    if by_name:
        return by_name[0]
    if row.sig <= len(report.signatures):
        return report.signatures[row.sig - 1]
    return None


def _yes_no(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


@pytest.mark.parametrize("row", _params())
def test_corpus_signature(row: Row) -> None:
    report, elapsed = _verify(row.file)
    assert elapsed < PER_FILE_BUDGET_S, f"{row.file} took {elapsed:.1f} s"
    sig = _match(report, row)
    context = f"{row.file}#{row.sig}: {report.verdict} {report.error or ''} {sig}"

    if row.overall in NOT_VALID:
        assert report.verdict is not Verdict.VALID, context
        assert sig is None or sig.verdict is not Verdict.VALID, context
    if row.intact == "no" and sig is not None:
        assert sig.verdict is not Verdict.VALID, context

    if row.overall in GOOD:
        assert sig is not None, context
        assert sig.intact and sig.crypto_valid, context
        # "valid, but changed after signing" is no false alarm: the signature stands
        assert sig.verdict in (Verdict.VALID, Verdict.CHANGED, Verdict.INDETERMINATE), context
        assert sig.modifications is not Modifications.DISALLOWED, context
        if sig.verdict is Verdict.INDETERMINATE and sig.fully_checked:
            allowed = set(UNTRUSTED)
            if "weak-algo" in row.notes:
                allowed.add(SubIndication.CRYPTO_CONSTRAINTS_FAILURE)
            assert sig.sub_indication in allowed, context

    if row.confidence == "high":
        _expect(sig, report, "intact", _yes_no(row.intact), context)
        # Where the digest does not match, the manifest's crypto_valid folds both checks
        # together and its "modified" counts only appended revisions; esign reports the
        # signature value on its own and the changes after signing as unknown (issue 11).
        digest_ok = row.intact != "no"
        crypto = _yes_no(row.crypto_valid) if digest_ok else None
        _expect(sig, report, "crypto_valid", crypto, context)
        modified = MODIFICATIONS.get(row.modified) if digest_ok else None
        _expect(sig, report, "modifications", modified, context)
        if not digest_ok and sig is not None:
            assert sig.modifications is Modifications.UNKNOWN, context


def _expect(
    sig: SignatureReport | None,
    report: VerificationReport,
    name: str,
    expected: object,
    context: str,
) -> None:
    """``sig.<name>`` is ``expected``; a negative expectation is also met by a file that
    could not be checked at all (verdict error, nothing claimed)."""
    if expected is None:
        return
    if sig is None and report.verdict is Verdict.ERROR:
        assert expected in (False, Modifications.DISALLOWED), context
        return
    assert sig is not None, context
    assert getattr(sig, name) is expected, context


def test_corpus_manifest_is_complete() -> None:
    rows = _rows()
    assert len({r.file for r in rows}) == 69
    assert all((CORPUS / r.file).is_file() for r in rows)
