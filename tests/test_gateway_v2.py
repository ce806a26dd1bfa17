"""The v2 JSON endpoints of the signing API over real HTTP (issue 14): a small client that
calls them the way the public v2 clients do (``file`` as a list of base64 PDFs,
``signatureProperties`` as a list), asserting the answers field by field and that every
signed letter verifies in esign and pdfsig."""

from __future__ import annotations

import base64
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image

from conftest import EXAMPLES, PASS, OfficeStore, assert_pdfsig_valid
from esign.app import gateway
from esign.app.verifying import verify_upload
from esign.models import Verdict
from esign.sign import SignOptions
from esign.store import open_store
from esign.web import serving
from esign.web.gateway import ApiConfig, create_api

NIK = "3509120101870001"
EMAIL = "budi@jemberkab.go.id"  # in budi's certificate (tests/conftest.py)
SECRET = "kata-sandi-srikandi-1"
LETTER = EXAMPLES / "surat-undangan.pdf"
TIME_RE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$")


class V2Client:
    """Calls the v2 API as the public clients do: JSON, Basic auth, files in base64."""

    def __init__(self, url: str, auth: tuple[str, str] = ("srikandi", SECRET)) -> None:
        self.url, self.auth = url, auth

    def post(self, path: str, payload: dict[str, Any]) -> httpx.Response:
        return httpx.post(
            self.url + path,
            json=payload,
            auth=self.auth,
            headers={"Accept": "application/json"},
            timeout=60,
        )

    def sign(self, files: list[bytes], props: list[dict[str, Any]], **who: Any) -> httpx.Response:
        payload = {
            "nik": NIK,
            "passphrase": PASS,
            **who,
            "signatureProperties": props,
            "file": [base64.b64encode(f).decode() for f in files],
        }
        return self.post("/api/v2/sign/pdf", {k: v for k, v in payload.items() if v is not None})


@dataclass(frozen=True)
class Served:
    client: V2Client
    home: Path


@pytest.fixture(scope="module")
def api(office_store: OfficeStore, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    home = office_store.copy_to(tmp_path_factory.mktemp("api2") / "store")
    at = datetime.now(UTC)
    with open_store(home) as store:
        gateway.set_nik(store, "budi", NIK, at)
        gateway.add_client(store, "srikandi", SECRET, at)
    config = ApiConfig(
        open_store=lambda: open_store(home), signing=gateway.ApiSigning(base=SignOptions())
    )
    running = serving.start(create_api(config), "127.0.0.1", 0)
    yield Served(client=V2Client(running.url), home=home)
    running.stop()


def _verified(api: Served, signed: bytes, tmp_path: Path, name: str = "s.pdf") -> Path:
    report = verify_upload(lambda: open_store(api.home), signed, name=name, at=datetime.now(UTC))
    assert report.verdict is Verdict.VALID, report
    path = tmp_path / name
    path.write_bytes(signed)
    assert_pdfsig_valid(path, 1)
    return path


def _png() -> str:
    out = io.BytesIO()
    Image.new("RGBA", (300, 120), (160, 20, 20, 255)).save(out, "PNG")
    return base64.b64encode(out.getvalue()).decode()


def test_bulk_invisible_signing_answers_time_and_files(api: Served, tmp_path: Path) -> None:
    r = api.client.sign([LETTER.read_bytes()] * 2, [{"tampilan": "INVISIBLE", "reason": "Setuju"}])
    assert r.status_code == 200, r.text
    body = r.json()
    assert list(body) == ["time", "file"]
    assert TIME_RE.match(body["time"])
    assert len(body["file"]) == 2
    for n, b64 in enumerate(body["file"]):
        _verified(api, base64.b64decode(b64), tmp_path, f"s{n}.pdf")


def test_visible_by_email_at_origin_and_size(api: Served, tmp_path: Path) -> None:
    props = {
        "tampilan": "VISIBLE",
        "imageBase64": _png(),
        "page": 1,
        "originX": 320,
        "originY": 110,
        "width": 220,
        "height": 90,
        "location": "Jember",
    }
    r = api.client.sign([LETTER.read_bytes()], [props], nik=None, email=EMAIL)
    assert r.status_code == 200, r.text
    path = _verified(api, base64.b64decode(r.json()["file"][0]), tmp_path)
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.fields import enumerate_sig_fields

    with path.open("rb") as fh:
        ((_n, _v, ref),) = list(enumerate_sig_fields(PdfFileReader(fh)))
        rect = tuple(float(v) for v in ref.get_object()["/Rect"])
    assert rect == (320, 110, 540, 200)  # v2: origin plus size


def test_visible_at_the_tag(api: Served, tmp_path: Path) -> None:
    props = {"tampilan": "VISIBLE", "tag_koordinat": "${ttd_pengirim}"}
    r = api.client.sign([LETTER.read_bytes()], [props])
    assert r.status_code == 200, r.text
    _verified(api, base64.b64decode(r.json()["file"][0]), tmp_path)


@pytest.mark.parametrize(
    ("who", "props", "http", "body"),
    [
        (
            {"nik": "3509124101870002"},
            [{}],
            400,
            {"status_code": 2011, "error": "User tidak terdaftar"},
        ),
        (
            {"passphrase": "salah-sekali"},
            [{}],
            400,
            {"status_code": 2031, "error": "Passphrase anda salah"},
        ),
        ({"nik": None}, [{}], 400, {"status_code": 4014, "error": "NIK harus diisi"}),
    ],
    ids=["not-registered", "wrong-passphrase", "no-nik"],
)
def test_signing_errors(
    api: Served, who: dict[str, Any], props: list[dict[str, Any]], http: int, body: dict[str, Any]
) -> None:
    r = api.client.sign([LETTER.read_bytes()], props, **who)
    assert r.status_code == http
    assert r.json() == body
    assert "error" in r.json()  # what the v2 clients test


@pytest.mark.parametrize(
    ("payload", "needle"),
    [
        ({"nik": NIK, "passphrase": PASS, "file": []}, "'file'"),
        ({"nik": NIK, "passphrase": PASS, "file": ["bm90IGEgcGRm"]}, "not a PDF"),
        ({"nik": NIK, "totp": "123456", "file": ["x"]}, "TOTP"),
        (
            {"nik": NIK, "passphrase": PASS, "file": ["x"], "signatureProperties": [{}, {}]},
            "signatureProperties",
        ),
    ],
)
def test_bad_requests_name_the_field(api: Served, payload: dict[str, Any], needle: str) -> None:
    r = httpx.post(api.client.url + "/api/v2/sign/pdf?lang=en", json=payload, auth=api.client.auth)
    assert r.status_code == 400, r.text
    assert needle in r.json()["error"]


def test_a_body_that_is_not_json(api: Served) -> None:
    r = httpx.post(
        api.client.url + "/api/v2/sign/pdf",
        content=b"nik=1",
        auth=api.client.auth,
        headers={"Content-Type": "application/json", "Accept-Language": "en"},
    )
    assert r.status_code == 400
    assert r.json() == {"status_code": 400, "error": "Send the request as a JSON object."}


def test_verify_v2_shape(api: Served) -> None:
    signed = base64.b64decode(api.client.sign([LETTER.read_bytes()], [{}]).json()["file"][0])
    r = api.client.post("/api/v2/verify/pdf", {"file": base64.b64encode(signed).decode()})
    assert r.status_code == 200, r.text
    body = r.json()
    assert list(body) == [
        "conclusion", "description", "signatureCount", "signatureInformations", "esign"
    ]  # fmt: skip
    assert body["conclusion"] == "VALID"
    assert body["description"] == "Dokumen valid, Sertifikat yang digunakan terpercaya"
    assert body["signatureCount"] == 1
    (info,) = body["signatureInformations"]
    assert list(info) == [
        "fieldName", "signerName", "signatureFormat", "signatureDate", "reason", "location",
        "certLevelCode", "integrityValid", "certificateTrusted", "ltv", "lastSignature",
        "modified", "timestampInfomation", "certificateDetails",
    ]  # fmt: skip
    assert info["signerName"] == "Budi Santoso, S.Kom., M.T."
    assert info["signatureFormat"] == "PAdES-BASELINE-B"
    assert info["integrityValid"] is True and info["certificateTrusted"] is True
    assert info["ltv"] is False and info["lastSignature"] is True and info["modified"] is False
    assert info["timestampInfomation"] == {"signerName": None, "timestampDate": None}
    (cert,) = info["certificateDetails"]
    assert cert["commonName"] == "Budi Santoso, S.Kom., M.T."
    assert TIME_RE.match(cert["notAfterDate"])
    assert body["esign"] == {"verdict": "valid", "certified": False}
    r = api.client.post(
        "/api/v2/verify/pdf", {"file": base64.b64encode(LETTER.read_bytes()).decode()}
    )
    assert r.json()["conclusion"] == "NO_SIGNATURE"
    assert r.json()["description"] == "Dokumen tidak memiliki tandatangan elektronik"
    assert r.json()["signatureCount"] == 0


def test_user_check_status_by_nik_or_email(api: Served) -> None:
    issue = {
        "status_code": 1111,
        "status": "ISSUE",
        "message": "User sudah terdaftar dan memiliki sertifikat dengan status ISSUE",
    }
    assert api.client.post("/api/v2/user/check/status", {"nik": NIK}).json() == issue
    assert api.client.post("/api/v2/user/check/status", {"email": EMAIL}).json() == issue
    r = api.client.post("/api/v2/user/check/status", {"email": "lain@jemberkab.go.id"})
    assert r.json()["status"] == "NOT_REGISTERED"
    r = api.client.post("/api/v2/user/check/status", {})
    assert r.status_code == 400 and r.json()["status_code"] == 4014
