"""The DSS of a B-LT/B-LTA letter esign makes carries the trust anchor (issue 11:
ETSI EN 319 142-1 wants it when it is available as a certificate; pyHanko's own B-LT
has it), so the letter can be checked years later from what it carries."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from cryptography import x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation.dss import DocumentSecurityStore

from esign.models import Level
from services_fixtures import RunningServices, services, services_template
from test_ltv_verify import check, sign_at

__all__ = ["services", "services_template"]


def _dss_certificates(pdf: Path) -> list[x509.Certificate]:
    dss = DocumentSecurityStore.read_dss(PdfFileReader(io.BytesIO(pdf.read_bytes())))
    return [x509.load_der_x509_certificate(ref.get_object().data) for ref in dss.certs.values()]


@pytest.mark.parametrize("level", [Level.B_LT, Level.B_LTA])
def test_the_dss_carries_the_root(services: RunningServices, letter: Path, level: Level) -> None:
    out = sign_at(services, letter, level, letter.with_name(f"{level.value}.pdf"))
    (root,) = services.roots()
    assert root in _dss_certificates(out)
    assert check(services, out, offline=True).signatures[0].level is level
