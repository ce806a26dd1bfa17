"""Pre-flight in words and as JSON (``esign check``, ``esign sign --repair``).

The findings carry codes and parameters (:mod:`esign.preflight`); the sentences are chosen
here, in the current language. No rich: plain lines, like ``esign sign``'s.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from esign import i18n
from esign.models import JSON_SCHEMA_VERSION
from esign.preflight import Code, Finding, PreflightReport


def sentence(finding: Finding) -> str:
    """What ``finding`` means and what to do, one sentence or two."""
    params: dict[str, Any] = dict(finding.params)
    key = f"preflight.{finding.code.value}"
    if finding.code is Code.PDFA:
        key = "preflight.pdfa_kept" if params.get("kept") == "yes" else "preflight.pdfa_lost"
    count = params.get("count")
    if isinstance(count, int):
        return i18n.tn(key, count, **params)
    return i18n.t(key, **params)


def lines(report: PreflightReport, exit_code: int) -> list[str]:
    """``esign check``'s lines: the verdict, each finding, what to do next."""
    file = str(report.file)
    refused = len(report.refused)
    if report.signatures:
        head = i18n.tn("check.signed", report.signatures, file=file, count=report.signatures)
    elif refused:
        head = i18n.tn("check.refused", refused, file=file, count=refused)
    else:
        head = i18n.t("check.ready", file=file)
    out = [head]
    out += [
        f"  {i18n.t(f'preflight.severity.{f.severity.value}')}: {sentence(f)}"
        for f in report.findings
    ]
    if exit_code and report.repairable:
        out.append(i18n.t("check.repair_hint", file=file))
    elif exit_code:
        out.append(i18n.t("check.author_hint"))
    return out


def changes(codes: Sequence[str]) -> str:
    """What a repair changed, as a list in words (``repair.<code>``)."""
    return "; ".join(i18n.t(f"repair.{code}") for code in codes)


def as_json(report: PreflightReport, exit_code: int) -> dict[str, Any]:
    """The ``esign check --json`` object (schema 1, docs/json.md)."""
    return {
        "schema": JSON_SCHEMA_VERSION,
        "file": str(report.file),
        "ready": not report.stops_signing,
        "exit_code": exit_code,
        "signatures": report.signatures,
        "looks_signed": report.looks_signed,
        "repairable": report.repairable and not report.ok,
        "pdfa": report.pdfa,
        "pdfa_kept": report.pdfa_kept,
        "findings": [
            {
                "code": f.code.value,
                "severity": f.severity.value,
                "repairable": f.repairable,
                "params": dict(f.params),
                "message": sentence(f),
            }
            for f in report.findings
        ],
    }
