"""The BSrE-compatible signing API over real HTTP (issue 14): uvicorn on a free loopback
port in this process, httpx sending what the public clients send (multipart fields named
as the gateway names them, HTTP Basic per client application).

Every answer's shape is asserted field by field; every signed letter verifies in esign and
in poppler's pdfsig; errors carry the gateway's own status codes and words."""

from __future__ import annotations

import base64
import io
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image

import attacks
from conftest import EXAMPLES, PASS, OfficeStore, assert_pdfsig_valid, poppler
from esign.app import gateway
from esign.app.verifying import verify_upload
from esign.models import Verdict
from esign.sign import SignOptions
from esign.store import open_store
from esign.web import gateway_shapes as shapes
from esign.web import serving
from esign.web.gateway import ApiConfig, create_api

NIK = "3509120101870001"
OTHER_NIK = "3509124101870002"
SECRET = "kata-sandi-srikandi-1"
AUTH = ("srikandi", SECRET)
LETTER = EXAMPLES / "surat-undangan.pdf"
ID_RE = re.compile(r"^[0-9a-f]{32}$")
TIME_RE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$")


@dataclass(frozen=True)
class Served:
    url: str
    home: Path


def _start(home: Path, **options: Any) -> serving.RunningWeb:
    config = ApiConfig(
        open_store=lambda: open_store(home),
        signing=gateway.ApiSigning(base=SignOptions(location="Jember")),
        **options,
    )
    return serving.start(create_api(config), "127.0.0.1", 0)


@pytest.fixture(scope="module")
def office(office_store: OfficeStore, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The office store with budi's NIK and two client applications."""
    home = office_store.copy_to(tmp_path_factory.mktemp("api") / "store")
    at = datetime.now(UTC)
    with open_store(home) as store:
        gateway.set_nik(store, "budi", NIK, at)
        gateway.add_client(store, "srikandi", SECRET, at)
        gateway.add_client(store, "tnde", SECRET + "-tnde", at)
    return home


@pytest.fixture(scope="module")
def api(office: Path) -> Iterator[Served]:
    running = _start(office)
    yield Served(url=running.url, home=office)
    running.stop()


def _sign(api: Served, auth: tuple[str, str] | None = AUTH, **fields: Any) -> httpx.Response:
    data = {"nik": NIK, "passphrase": PASS, "tampilan": "invisible", **fields}
    files: dict[str, Any] = {}
    pdf = data.pop("file", LETTER.read_bytes())
    if pdf is not None:
        files["file"] = ("surat-undangan.pdf", pdf, "application/pdf")
    image = data.pop("imageTTD", None)
    if image is not None:
        files["imageTTD"] = ("ttd.png", image, "image/png")
    data = {k: str(v) for k, v in data.items() if v is not None}
    return httpx.post(f"{api.url}/api/sign/pdf", data=data, files=files, auth=auth, timeout=60)


def _verified(api: Served, signed: bytes, tmp_path: Path, signatures: int = 1) -> Path:
    """The signed bytes verify in esign (valid, with the office's trust) and in pdfsig."""
    report = verify_upload(
        lambda: open_store(api.home), signed, name="signed.pdf", at=datetime.now(UTC)
    )
    assert report.verdict is Verdict.VALID, report
    path = tmp_path / "signed.pdf"
    path.write_bytes(signed)
    assert_pdfsig_valid(path, signatures)
    return path


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (300, 120), (20, 40, 160, 255)).save(out, "PNG")
    return out.getvalue()


def _field_rect(path: Path) -> tuple[float, ...]:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.fields import enumerate_sig_fields

    with path.open("rb") as fh:
        ((_name, _value, ref),) = list(enumerate_sig_fields(PdfFileReader(fh)))
        return tuple(float(v) for v in ref.get_object()["/Rect"])


# --- v1 signing -----------------------------------------------------------------------------


def test_invisible_signing_answers_the_pdf_with_its_id_and_time(
    api: Served, tmp_path: Path
) -> None:
    r = _sign(api)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/pdf"
    assert ID_RE.match(r.headers["id_dokumen"])
    assert TIME_RE.match(r.headers["signing_time"])
    assert r.content.startswith(b"%PDF")
    path = _verified(api, r.content, tmp_path)
    assert _field_rect(path) == (0, 0, 0, 0)  # invisible


def test_the_signed_letter_downloads_once_and_only_by_its_client(api: Served) -> None:
    signed = _sign(api)
    id = signed.headers["id_dokumen"]
    other = httpx.get(f"{api.url}/api/sign/download/{id}", auth=("tnde", SECRET + "-tnde"))
    assert other.status_code == 404
    first = httpx.get(f"{api.url}/api/sign/download/{id}", auth=AUTH)
    assert first.status_code == 200
    assert first.headers["content-type"] == "application/pdf"
    assert first.content == signed.content
    again = httpx.get(f"{api.url}/api/sign/download/{id}", auth=AUTH)
    assert again.status_code == 404
    assert again.json() == {
        "status_code": 4044,
        "error": "File tidak tersedia, pastikan bahwa dokumen belum di download",
    }


def test_visible_with_a_qr_at_the_clients_corners(api: Served, tmp_path: Path) -> None:
    r = _sign(
        api,
        tampilan="visible",
        image="false",
        linkQR="https://srikandi.example.go.id/verifikasi/123",
        page=1,
        xAxis=300,
        yAxis=120,
        width=560,
        height=230,
        reason="Dokumen ini telah ditandatangani secara elektronik",
    )
    assert r.status_code == 200, r.text
    path = _verified(api, r.content, tmp_path)
    assert _field_rect(path) == (300, 120, 560, 230)  # width/height: the upper-right corner
    report = verify_upload(
        lambda: open_store(api.home), r.content, name="s.pdf", at=datetime.now(UTC)
    )
    sig = report.signatures[0]
    assert sig.reason == "Dokumen ini telah ditandatangani secara elektronik"
    assert sig.location == "Jember"  # the office's default: the client sent none


def test_visible_at_the_tag_with_the_specimen_image(api: Served, tmp_path: Path) -> None:
    r = _sign(
        api,
        tampilan="VISIBLE",
        image="true",
        imageTTD=_png(),
        tag_koordinat="${ttd_pengirim}",
        halaman="terakhir",
        location="Kabupaten Jember",
    )
    assert r.status_code == 200, r.text
    path = _verified(api, r.content, tmp_path)
    x1, y1, x2, y2 = _field_rect(path)
    assert x2 - x1 > 100 and y2 - y1 > 40  # a real block where the tag is
    png = tmp_path / "page"
    import subprocess

    subprocess.run(
        [poppler("pdftoppm"), "-r", "60", "-png", "-singlefile", str(path), str(png)], check=True
    )
    with Image.open(f"{png}.png") as page:
        scale = 60 / 72
        box = (int(x1 * scale), int(page.height - y2 * scale))
        box += (int(x2 * scale), int(page.height - y1 * scale))
        raw = page.convert("RGB").crop(box).tobytes()
        blue = sum(1 for i in range(0, len(raw), 3) if raw[i + 2] > 120 > raw[i])
        assert blue > 200  # the specimen is drawn in the block


def test_base64_answer(api: Served, tmp_path: Path) -> None:
    r = _sign(api, jenis_response="BASE64")
    assert r.status_code == 200, r.text
    body = r.json()
    assert list(body) == ["base64_signed_file"]
    assert ID_RE.match(r.headers["id_dokumen"])
    _verified(api, base64.b64decode(body["base64_signed_file"]), tmp_path)


def test_a_second_signature_keeps_the_first(api: Served, tmp_path: Path) -> None:
    first = _sign(api).content
    r = _sign(api, file=first)
    assert r.status_code == 200, r.text
    _verified(api, r.content, tmp_path, signatures=2)


# --- v1 errors: the gateway's codes and words -----------------------------------------------


@pytest.mark.parametrize(
    ("fields", "http", "body"),
    [
        ({"nik": OTHER_NIK}, 400, {"status_code": 2011, "error": "User tidak terdaftar"}),
        (
            {"passphrase": "salah-sekali"},
            400,
            {"status_code": 2031, "error": "Passphrase anda salah"},
        ),
        ({"nik": None}, 400, {"status_code": 4014, "error": "NIK harus diisi"}),
    ],
    ids=["not-registered", "wrong-passphrase", "no-nik"],
)
def test_signing_errors_have_the_gateways_codes(
    api: Served, fields: dict[str, Any], http: int, body: dict[str, Any]
) -> None:
    r = _sign(api, **fields)
    assert r.status_code == http
    assert r.headers["content-type"] == "application/json"
    assert r.json() == body


def test_a_missing_or_wrong_file_is_a_400_in_the_callers_language(api: Served) -> None:
    r = _sign(api, file=None)
    assert r.status_code == 400
    assert r.json() == {"status_code": 400, "error": "Kirim berkas PDF pada isian formulir 'file'."}
    r = httpx.post(
        f"{api.url}/api/sign/pdf",
        data={"nik": NIK, "passphrase": PASS},
        files={"file": ("a.pdf", b"bukan pdf", "application/pdf")},
        auth=AUTH,
        headers={"Accept-Language": "en"},
    )
    assert r.status_code == 400
    assert r.json() == {"status_code": 400, "error": "The file in 'file' is not a PDF."}


@pytest.mark.parametrize(
    ("fields", "needle"),
    [
        ({"tampilan": "kadang"}, "'tampilan'"),
        ({"tampilan": "visible", "xAxis": 300, "yAxis": 200, "width": 100, "height": 50}, "corner"),
        ({"tampilan": "visible", "image": "true"}, "imageTTD"),
        ({"tampilan": "visible", "linkQR": "javascript:alert(1)"}, "linkQR"),
        ({"tampilan": "visible", "halaman": "semua"}, "'halaman'"),
    ],
)
def test_bad_visual_fields_are_named(api: Served, fields: dict[str, Any], needle: str) -> None:
    r = _sign_en(api, **fields)
    assert r.status_code == 400, r.text
    assert r.json()["status_code"] == 400
    assert needle in r.json()["error"]


def _sign_en(api: Served, **fields: Any) -> httpx.Response:
    data = {"nik": NIK, "passphrase": PASS, **{k: str(v) for k, v in fields.items()}}
    files = {"file": ("s.pdf", LETTER.read_bytes(), "application/pdf")}
    return httpx.post(
        f"{api.url}/api/sign/pdf?lang=en", data=data, files=files, auth=AUTH, timeout=60
    )


@pytest.mark.parametrize(
    "auth", [None, ("srikandi", "salah"), ("tidak-ada", SECRET)], ids=["none", "wrong", "unknown"]
)
def test_bad_credentials_are_401_with_a_basic_challenge(
    api: Served, auth: tuple[str, str] | None
) -> None:
    r = _sign(api, auth=auth)
    assert r.status_code == 401
    assert r.headers["www-authenticate"].startswith('Basic realm="esign"')
    assert r.json()["status_code"] == 401
    r = httpx.get(f"{api.url}/api/user/status/{NIK}", auth=auth)
    assert r.status_code == 401


def test_unknown_addresses_and_methods_answer_json(api: Served) -> None:
    r = httpx.get(f"{api.url}/api/sign/tidak-ada", auth=AUTH)
    assert r.status_code == 404 and r.json()["status_code"] == 404
    r = httpx.get(f"{api.url}/api/sign/pdf", auth=AUTH)
    assert r.status_code == 405 and r.json()["status_code"] == 405


# --- v1 verify and status -------------------------------------------------------------------


def _verify(api: Served, pdf: bytes, name: str = "signed.pdf") -> httpx.Response:
    files = {"signed_file": (name, pdf, "application/pdf")}
    return httpx.post(f"{api.url}/api/sign/verify", files=files, auth=AUTH, timeout=60)


def test_verify_answers_the_gateways_shape(api: Served) -> None:
    r = _verify(api, _sign(api, reason="Disetujui").content)
    assert r.status_code == 200, r.text
    body = r.json()
    assert list(body) == [
        "nama_dokumen", "jumlah_signature", "notes", "details", "summary", "esign"
    ]  # fmt: skip
    assert body["nama_dokumen"] == "signed.pdf"
    assert body["jumlah_signature"] == 1
    assert body["summary"] == "DOCUMENT VALID !!!"
    assert body["notes"] == shapes.NOTE_NO_TSA  # B-B: no timestamp, said as the gateway says
    assert body["esign"] == {"verdict": "valid", "certified": False}
    (detail,) = body["details"]
    assert list(detail) == ["info_tsa", "signature_field", "info_signer", "signature_document"]
    assert detail["info_tsa"] == {"name": None, "tsa_cert_validity": None}
    assert detail["signature_field"] == "Signature1"
    signer = detail["info_signer"]
    assert list(signer) == [
        "issuer_dn", "signer_name", "signer_cert_validity", "signer_dn", "cert_user_certified"
    ]  # fmt: skip
    assert signer["signer_name"] == "Budi Santoso, S.Kom., M.T."
    assert "Root CA" in signer["issuer_dn"] and "CN=Budi Santoso" in signer["signer_dn"]
    assert re.match(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d to \d{4}-", signer["signer_cert_validity"])
    assert signer["cert_user_certified"] is False  # the office's own CA: uncertified
    doc = detail["signature_document"]
    assert list(doc) == [
        "signed_using_tsa", "reason", "document_integrity", "signature_value", "signed_in",
        "location", "hash_value",
    ]  # fmt: skip
    assert doc["signed_using_tsa"] is False
    assert doc["document_integrity"] is True
    assert doc["reason"] == "Disetujui" and doc["location"] == "Jember"
    assert TIME_RE.match(doc["signed_in"])


def test_verify_of_a_changed_and_an_unsigned_letter(api: Served, tmp_path: Path) -> None:
    signed, changed = tmp_path / "s.pdf", tmp_path / "changed.pdf"
    signed.write_bytes(_sign(api).content)
    attacks.flip_byte_in_signed_range(signed, changed)
    body = _verify(api, changed.read_bytes(), "changed.pdf").json()
    assert body["summary"] == "DOCUMENT NOT VALID !!!"
    assert body["notes"] == "Konten Dokumen mengalami perubahan oleh pihak yang tidak berhak"
    assert body["details"][0]["signature_document"]["document_integrity"] is False
    assert body["esign"]["verdict"] == "invalid"
    body = _verify(api, LETTER.read_bytes(), "surat.pdf").json()
    assert body == {
        "nama_dokumen": "surat.pdf",
        "jumlah_signature": 0,
        "notes": None,
        "details": [],
        "summary": None,
        "esign": {"verdict": "unsigned", "certified": False},
    }


def test_user_status(api: Served) -> None:
    r = httpx.get(f"{api.url}/api/user/status/{NIK}", auth=AUTH)
    assert r.status_code == 200
    assert r.json() == {
        "status_code": 1111,
        "status": "ISSUE",
        "message": "User sudah terdaftar dan memiliki sertifikat dengan status ISSUE",
    }
    r = httpx.get(f"{api.url}/api/user/status/{OTHER_NIK}", auth=AUTH)
    assert r.json() == {
        "status_code": 1110,
        "status": "NOT_REGISTERED",
        "message": "User belum terdaftar",
    }


# --- audit, limits ----------------------------------------------------------------------------


def test_every_call_is_audited_with_the_client_and_never_the_passphrase(api: Served) -> None:
    with open_store(api.home) as store:
        before = len(store.audit_entries())
    assert _sign(api).status_code == 200
    assert _sign(api, passphrase="salah-sekali").status_code == 400
    assert httpx.get(f"{api.url}/api/user/status/{NIK}", auth=AUTH).status_code == 200
    assert _sign(api, auth=("srikandi", "tebakan")).status_code == 401
    with open_store(api.home) as store:
        entries = store.audit_entries()[before:]
    calls = [e for e in entries if e.action.startswith("api.")]
    assert [(e.action, e.subject, e.detail["status"]) for e in calls] == [
        ("api.call", "srikandi", 200),
        ("api.call", "srikandi", 400),
        ("api.call", "srikandi", 200),
        ("api.refused", "srikandi", 401),
    ]
    assert calls[0].detail["signer"] == "budi" and calls[0].detail["nik"] == "350912******0001"
    assert calls[1].detail["code"] == 2031
    (signed,) = [e for e in entries if e.action == "sign"]
    assert signed.detail["consent"] == "api:srikandi"
    assert signed.subject.endswith("surat-undangan.pdf")
    assert calls[0].identity == "budi" and calls[0].detail["file"] == "surat-undangan.pdf"
    assert calls[0].detail["sha256_after"] == signed.detail["sha256_after"]
    text = repr([e.detail for e in entries])
    assert PASS not in text and "salah-sekali" not in text and NIK not in text


def test_a_body_over_the_limit_is_413_and_the_next_call_is_answered(
    office: Path,
) -> None:
    running = _start(office, max_mb=1)
    try:
        big = LETTER.read_bytes() + b"%" * (2 * 1024 * 1024)
        r = httpx.post(
            f"{running.url}/api/sign/verify",
            files={"signed_file": ("big.pdf", big, "application/pdf")},
            auth=AUTH,
        )
        assert r.status_code == 413
        assert r.json()["status_code"] == 413 and "1 MB" in r.json()["error"]
        r = httpx.post(
            f"{running.url}/api/sign/verify",
            files={"signed_file": ("s.pdf", LETTER.read_bytes(), "application/pdf")},
            auth=AUTH,
        )
        assert r.status_code == 200
    finally:
        running.stop()


def test_the_rate_limit_answers_429_with_retry_after(office: Path) -> None:
    running = _start(office, rate=2)
    try:
        url = f"{running.url}/api/user/status/{NIK}"
        assert [httpx.get(url, auth=AUTH).status_code for _ in range(2)] == [200, 200]
        r = httpx.get(url, auth=AUTH)
        assert r.status_code == 429
        assert 1 <= int(r.headers["retry-after"]) <= 61
        assert r.json()["status_code"] == 429
        other = httpx.get(url, auth=("tnde", SECRET + "-tnde"))
        assert other.status_code == 200  # per client application
    finally:
        running.stop()


def test_repeated_failed_sign_ins_are_slowed_to_429(office: Path) -> None:
    running = _start(office)
    try:
        url = f"{running.url}/api/user/status/{NIK}"
        codes = [httpx.get(url, auth=("srikandi", f"tebak-{n}")).status_code for n in range(11)]
        assert codes == [401] * 10 + [429]
        assert httpx.get(url, auth=AUTH).status_code == 429  # no more guesses this minute
        other = httpx.get(url, auth=("tnde", SECRET + "-tnde"))
        assert other.status_code == 200  # the other applications behind the same proxy
    finally:
        running.stop()


# --- esign serve --api, end to end ------------------------------------------------------------


@pytest.mark.slow
def test_esign_serve_api_signs_at_b_t_with_the_footer_through_its_own_tsa(
    store_home: Path, tmp_path: Path
) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    from click.testing import CliRunner

    from conftest import CA_PASS, pdf_text
    from esign.cli import cli
    from services_fixtures import free_port

    secret = tmp_path / "srikandi.pass"
    secret.write_text(SECRET + "\n", encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(cli, ["cert", "set-nik", "budi", NIK]).exit_code == 0
    r = runner.invoke(cli, ["api-client", "add", "srikandi", "--password-file", str(secret)])
    assert r.exit_code == 0, r.output
    port, api_port = free_port(), free_port()
    exe = shutil.which("esign") or str(Path(sys.executable).parent / "esign")
    env = {
        **os.environ,
        "ESIGN_HOME": str(store_home),
        "ESIGN_CA_PASSPHRASE": CA_PASS,
        "ESIGN_TSA_URL": f"http://127.0.0.1:{port}/tsa",
    }
    args = ["serve", "--port", str(port), "--no-web", "--api", "--api-port", str(api_port)]
    proc = subprocess.Popen(
        [exe, *args, "--api-level", "B-T", "--api-footer"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    served = Served(url=f"http://127.0.0.1:{api_port}", home=store_home)
    try:
        for _ in range(300):
            try:
                httpx.get(f"{served.url}/api/user/status/{NIK}", auth=AUTH)
                break
            except httpx.TransportError:
                time.sleep(0.05)
        r = _sign(served)
        assert r.status_code == 200, r.text
        path = _verified(served, r.content, tmp_path)
        assert "ditandatangani secara elektronik" in pdf_text(path)  # the footer
        body = _verify(served, r.content).json()
        assert body["notes"] == shapes.NOTE_VALID
        assert body["details"][0]["signature_document"]["signed_using_tsa"] is True
        assert body["details"][0]["info_tsa"]["name"]
        proc.send_signal(signal.SIGTERM)
        _out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert f"Signing API (BSrE-compatible) at http://127.0.0.1:{api_port}/api/sign/pdf" in err
    assert SECRET not in err and PASS not in err


# --- several applications at once, and the store on PostgreSQL --------------------------------


def test_signings_at_once_all_verify_and_keep_one_audit_chain(api: Served, tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from esign.store import verify_audit_chain

    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(lambda _n: _sign(api), range(4)))
    assert [r.status_code for r in answers] == [200] * 4
    for n, r in enumerate(answers):
        (tmp_path / str(n)).mkdir()
        _verified(api, r.content, tmp_path / str(n))
    assert len({r.headers["id_dokumen"] for r in answers}) == 4
    with open_store(api.home) as store:
        assert verify_audit_chain(store.audit_entries()) is None


def test_the_api_on_a_postgresql_store(office: Path, pg_url: str, tmp_path: Path) -> None:
    from esign.store import copy_store

    copy_store(office, pg_url, datetime.now(UTC))
    config = ApiConfig(
        open_store=lambda: open_store(pg_url), signing=gateway.ApiSigning(base=SignOptions())
    )
    running = serving.start(create_api(config), "127.0.0.1", 0)
    try:
        served = Served(url=running.url, home=office)
        r = _sign(served)
        assert r.status_code == 200, r.text
        _verified(served, r.content, tmp_path)
        assert _sign(served, auth=("srikandi", "salah")).status_code == 401
    finally:
        running.stop()
    with open_store(pg_url) as store:
        actions = [(e.action, e.subject) for e in store.audit_entries()]
    assert ("api.call", "srikandi") in actions and ("api.refused", "srikandi") in actions
