"""esign's own long-term letters explain every change after signing (issue 11, "wrong
explanations"): a B-LTA letter made seconds earlier must not show "change that cannot be
explained: object N rewritten" for its own DSS and document-timestamp updates, nor after a
second signature on top of the B-LTA letter, nor after the archive timestamp is renewed
(``esign extend --level B-LTA`` on a B-LTA letter)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from conftest import pdfsig_report
from esign.ltv import LtvOptions, extend_document
from esign.models import ChangeKind, Level, Modifications, Verdict, VerificationReport
from esign.timestamp import TsaClient
from services_fixtures import RunningServices, services, services_template
from test_ltv_verify import check, sign_at

__all__ = ["services", "services_template"]

pytestmark = pytest.mark.slow


def _explained(report: VerificationReport) -> None:
    """Every signature verifies and every change after it is one esign can name."""
    assert report.verdict is Verdict.VALID, [s.problems for s in report.signatures]
    for sig in report.signatures:
        kinds = {c.kind for c in sig.changes}
        assert ChangeKind.OTHER not in kinds, (sig.field, sig.modification_details)
        assert ChangeKind.ANALYSIS not in kinds, (sig.field, sig.modification_details)
        assert not any(c.visible for c in sig.changes), (sig.field, sig.changes)
        assert sig.modifications in (Modifications.NONE, Modifications.ALLOWED), sig


def test_b_lta_then_a_second_signature_then_renewal_explain_every_change(
    services: RunningServices, letter: Path, tmp_path: Path
) -> None:
    first = sign_at(services, letter, Level.B_LTA, tmp_path / "lta.pdf")
    report = check(services, first)
    _explained(report)
    assert [s.kind for s in report.signatures] == ["signature", "timestamp"]
    assert {c.kind for c in report.signatures[0].changes} >= {ChangeKind.DSS}

    second = sign_at(services, first, Level.B_LTA, tmp_path / "lta-2.pdf")
    report = check(services, second)
    _explained(report)
    assert [s.kind for s in report.signatures] == [
        "signature",
        "timestamp",
        "signature",
        "timestamp",
    ]
    assert ChangeKind.SIGNATURE in {c.kind for c in report.signatures[0].changes}

    options = LtvOptions(
        level=Level.B_LTA, tsa=TsaClient(url=services.url + "/tsa"), roots=services.roots()
    )
    renewed = tmp_path / "lta-renewed.pdf"
    extend_document(second, renewed, options)
    report = check(services, renewed)
    _explained(report)
    assert len(report.signatures) == 5 and report.signatures[-1].kind == "timestamp"
    out = pdfsig_report(renewed)  # poppler checks the two signatures, not timestamps
    assert out.count("Signature Validation: Signature is Valid.") == 2 and "#5:" in out, out
    assert datetime.now(UTC) >= report.signatures[-1].timestamp.time  # type: ignore[union-attr]
