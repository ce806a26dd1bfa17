"""Pre-flight as a use case: ``esign check``, and the gate ``esign sign`` passes first.

Both read the file within the input limits (:mod:`esign.limits`), as every read of an
input does. The gate runs before any question to the signer, so a letter that will be
refused costs no passphrase; :func:`esign.sign.sign_pdf` checks (and repairs) again as it
signs, on the very bytes it signs.
"""

from __future__ import annotations

from pathlib import Path

from esign import limits as input_limits
from esign import pdf
from esign.preflight import PreflightReport, check
from esign.preflight.repair import check_repairable, refusal
from esign.sign import PreflightMode


def check_letter(file: Path) -> PreflightReport:
    """What pre-flight finds in ``file`` (nothing is written); an input limit the file
    exceeds is that limit's error, as in ``sign`` and ``verify``."""
    pdf.check_input(file)
    bounds = input_limits.active()
    with input_limits.reading(file, bounds):
        raw = file.read_bytes()
        report = check(file, raw)
        if report.refused:  # the limits speak first (their reason is the precise one)
            input_limits.check_pdf_bytes(raw, bounds)
        return report


def exit_code(report: PreflightReport) -> int:
    """``esign check``'s exit code: 0 when a signature may follow, else that of the
    refusal ``esign sign`` would give (21; 6 for a file no reader opens or a password)."""
    return int(refusal(report).exit_code) if report.stops_signing else 0


def gate(file: Path, mode: PreflightMode | None) -> None:
    """Refuse now what signing ``file`` in ``mode`` would refuse later: in ``check`` mode
    any refusal of a first signature; in ``repair`` mode what a rewrite cannot settle (a
    password, a dynamic XFA form, a file that looks signed). None: no pre-flight."""
    if mode is None:
        return
    report = check_letter(file)
    if not report.stops_signing or report.engine_decides:
        return  # a file no reader opens: the signing engine says what is wrong with it
    if mode is PreflightMode.CHECK:
        raise refusal(report)
    check_repairable(report)
