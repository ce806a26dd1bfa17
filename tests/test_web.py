"""The verification page and ``POST /api/v1/verify`` over real HTTP (issue 13): uvicorn on a
free loopback port in this process, httpx as the client, the letters of web_fixtures.

The answers are the ``esign verify --json`` object; bad input is a 4xx answer in the
client's language, and the server answers the next request as before."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from esign.cli import cli
from esign.store import open_store
from esign.web import WebConfig, create_app, serving
from web_fixtures import Letters, letters

__all__ = ["letters"]  # the fixture, used by name


def _serve(letters: Letters, **options: object) -> serving.RunningWeb:
    config = WebConfig(open_store=lambda: open_store(letters.home), **options)  # type: ignore[arg-type]
    return serving.start(create_app(config), "127.0.0.1", 0)


@pytest.fixture(scope="module")
def url(letters: Letters) -> Iterator[str]:
    web = _serve(letters)
    yield web.url
    web.stop()


def _pdf(path: Path) -> dict[str, tuple[str, bytes, str]]:
    return {"file": (path.name, path.read_bytes(), "application/pdf")}


def post(url: str, path: Path, *, lang: str = "id", page: bool = False) -> httpx.Response:
    where = "/verify" if page else "/api/v1/verify"
    return httpx.post(f"{url}{where}?lang={lang}", files=_pdf(path), timeout=60)


# --- the page ---------------------------------------------------------------------------------


def test_the_form_is_indonesian_by_default_and_carries_the_security_headers(url: str) -> None:
    r = httpx.get(f"{url}/verify")
    assert r.status_code == 200
    assert '<html lang="id">' in r.text
    assert "Periksa surat bertanda tangan elektronik" in r.text
    assert "tidak disimpan" in r.text and "50 MB" in r.text
    assert "<script" not in r.text.lower()
    csp = r.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert "script-src" not in csp and "unsafe-inline" not in csp  # no script may run at all
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["cache-control"] == "no-store"
    assert "server" not in r.headers
    css = httpx.get(f"{url}/static/style.css")
    assert css.status_code == 200 and css.headers["x-content-type-options"] == "nosniff"


def test_english_by_switch_or_by_the_browsers_language(url: str) -> None:
    english = httpx.get(f"{url}/verify?lang=en")
    assert '<html lang="en">' in english.text and "never stored" in english.text
    assert 'href="/verify?lang=id"' in english.text  # the switch back
    by_browser = httpx.get(f"{url}/verify", headers={"Accept-Language": "en-GB,en;q=0.8"})
    assert '<html lang="en">' in by_browser.text
    other = httpx.get(f"{url}/verify", headers={"Accept-Language": "fr-FR,de;q=0.5"})
    assert '<html lang="id">' in other.text
    home = httpx.get(f"{url}/?lang=en")
    assert home.status_code == 303 and home.headers["location"] == "/verify?lang=en"


def test_the_report_page_answers_the_four_questions_first(url: str, letters: Letters) -> None:
    r = post(url, letters.valid, page=True)
    assert r.status_code == 200
    text = r.text
    order = [
        "SAH: ditandatangani dan tidak berubah",
        "Ditandatangani oleh",
        "Budi Santoso, S.Kom., M.T.",
        "NIP 19870101 201001 1 001",
        "Kepala Dinas",
        "sertifikat dari Dinas Kominfo Kab. Jember Root CA",
        "tidak tersertifikasi (CA lokal)",
        "Tidak berubah sejak ditandatangani",
        "Waktu tepercaya",
        "Tidak ada cap waktu tepercaya",
        "Validasi jangka panjang",
        "Tidak (PAdES-B-B)",
        "Setiap tanda tangan, berurutan",
        "Tanda tangan 1 dari 1",
    ]
    at = [text.find(phrase) for phrase in order]
    assert -1 not in at, [p for p, i in zip(order, at, strict=True) if i == -1]
    assert at == sorted(at)


def test_a_hostile_file_name_is_shown_inert(url: str, letters: Letters) -> None:
    name = "<img src=x onerror=alert(1)>\u202egpj.pdf"
    files = {"file": (name, letters.valid.read_bytes(), "application/pdf")}
    r = httpx.post(f"{url}/verify", files=files, timeout=60)
    assert r.status_code == 200
    assert "<img src=x" not in r.text and "&lt;img src=x" in r.text
    assert "\u202e" not in r.text


def test_answers_that_differ_by_signature_are_numbered_like_the_signers() -> None:
    from esign.web.view import _numbered

    assert _numbered(["Ya.", "Ya."]) == ("Ya.",)
    assert _numbered(["Ya.", "Tidak."]) == ("1. Ya.", "2. Tidak.")
    assert _numbered([]) == ()


# --- the JSON API -----------------------------------------------------------------------------


def _cli_json(letters: Letters, path: Path) -> dict[str, object]:
    result = CliRunner().invoke(
        cli, ["--lang", "en", "verify", "--json", str(path)], env={"ESIGN_HOME": str(letters.home)}
    )
    data = json.loads(result.output.splitlines()[0])
    assert isinstance(data, dict)
    return data


def _comparable(data: dict[str, object]) -> dict[str, object]:
    """Without what differs by nature: the file's name and the moment of checking."""
    return {k: v for k, v in data.items() if k not in ("file", "checked_at")}


@pytest.mark.parametrize("name", ["valid", "covered", "two"])
def test_the_api_answers_the_same_object_as_verify_json(
    url: str, letters: Letters, name: str
) -> None:
    path = getattr(letters, name)
    r = post(url, path, lang="en")
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/json"
    api = r.json()
    assert api["schema"] == 1 and api["file"] == path.name
    cli_data = _cli_json(letters, path)
    strip = [_comparable(d) for d in (api, cli_data)]
    for d in strip:  # the signing time is the same; the revocation check's moment is not
        for sig in d.get("signatures", []):  # type: ignore[union-attr]
            sig.pop("revocation_checked_at", None)
    assert strip[0] == strip[1]


def test_the_api_takes_the_pdf_as_the_request_body_too(url: str, letters: Letters) -> None:
    r = httpx.post(
        f"{url}/api/v1/verify?name=surat.pdf",
        content=letters.two.read_bytes(),
        headers={"Content-Type": "application/pdf"},
        timeout=60,
    )
    assert r.status_code == 200
    data = r.json()
    assert data["file"] == "surat.pdf" and data["verdict"] == "valid"
    assert [s["signer"]["name"] for s in data["signatures"]] == [
        "Budi Santoso, S.Kom., M.T.",
        "Dinas Kominfo Kabupaten Jember",
    ]


@pytest.mark.parametrize(
    ("name", "verdict"),
    [("tampered", "invalid"), ("covered", "changed"), ("unsigned", "unsigned")],
)
def test_the_api_verdicts(url: str, letters: Letters, name: str, verdict: str) -> None:
    r = post(url, getattr(letters, name))
    assert r.status_code == 200
    assert r.json()["verdict"] == verdict


# --- bad input --------------------------------------------------------------------------------

BAD = {
    "not_pdf": ("bukan berkas PDF", "is not a PDF"),
    "truncated": ("rusak atau terpotong", "damaged or truncated"),
    "encrypted": ("terenkripsi", "encrypted"),
    "nested": ("lebih dari 100 tingkat", "more than 100 levels"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_files_are_a_4xx_answer_in_the_users_language(
    url: str, letters: Letters, name: str
) -> None:
    path = getattr(letters, name)
    for lang, expected in zip(("id", "en"), BAD[name], strict=True):
        api = post(url, path, lang=lang)
        assert api.status_code == 422
        assert api.json()["verdict"] == "error"
        assert expected in api.json()["error"], api.json()["error"]
        page = post(url, path, lang=lang, page=True)
        assert page.status_code == 422
        assert expected in page.text
        assert f'<html lang="{lang}">' in page.text
        assert ("TIDAK DAPAT DIPERIKSA" if lang == "id" else "COULD NOT CHECK") in page.text
    assert post(url, letters.valid).json()["verdict"] == "valid"  # and it answers on


def test_requests_that_are_not_an_upload(url: str) -> None:
    empty = httpx.post(f"{url}/api/v1/verify", files={"other": ("x.pdf", b"%PDF-1.7")})
    assert empty.status_code == 400
    assert empty.json()["error"]["code"] == "no_file"
    assert "Belum ada berkas" in empty.json()["error"]["message"]
    text = httpx.post(
        f"{url}/api/v1/verify?lang=en", content=b"hi", headers={"Content-Type": "text/plain"}
    )
    assert text.status_code == 400 and text.json()["error"]["code"] == "bad_form"
    broken = httpx.post(
        f"{url}/verify",
        content=b"--x\r\nnot a header\r\n",
        headers={"Content-Type": "multipart/form-data; boundary=x"},
    )
    assert broken.status_code == 400 and "Permintaan tidak dapat dibaca" in broken.text
    get = httpx.get(f"{url}/api/v1/verify?lang=en")
    assert get.status_code == 405 and get.json()["error"]["code"] == "method"
    missing = httpx.get(f"{url}/nowhere")
    assert missing.status_code == 404 and "Tidak ada halaman di alamat ini" in missing.text
    assert missing.headers["content-security-policy"].endswith("frame-ancestors 'none'")


def test_an_upload_over_the_limit_is_refused_and_the_next_is_checked(letters: Letters) -> None:
    web = _serve(letters, upload_mb=1)
    try:
        big = b"%PDF-1.7\n" + b"0" * (3 * 1024 * 1024)
        files = {"file": ("besar.pdf", big, "application/pdf")}
        api = httpx.post(f"{web.url}/api/v1/verify", files=files, timeout=60)
        assert api.status_code == 413
        assert api.json()["error"] == {
            "code": "too_large",
            "message": api.json()["error"]["message"],
        }
        assert "lebih besar dari 1 MB" in api.json()["error"]["message"]
        page = httpx.post(f"{web.url}/verify?lang=en", files=files, timeout=60)
        assert page.status_code == 413 and "larger than 1 MB" in page.text
        assert "Largest file: 1 MB." in page.text
        assert post(web.url, letters.valid).json()["verdict"] == "valid"
    finally:
        web.stop()


def test_uploads_in_memory_are_bounded_and_the_rest_wait_or_are_told_busy(
    letters: Letters,
) -> None:
    """One verification at a time admits two uploads into memory; a third, while both are
    still arriving, is answered 503 after the queue wait, in its language."""
    web = _serve(letters, concurrency=1, queue_seconds=0.5)
    release = threading.Event()
    data = letters.valid.read_bytes()
    answers: list[int] = []

    def slow_body() -> Iterator[bytes]:
        yield data[:1000]
        release.wait(30)
        yield data[1000:]

    def slow_client() -> None:
        r = httpx.post(
            f"{web.url}/api/v1/verify",
            content=slow_body(),
            headers={"Content-Type": "application/pdf", "Content-Length": str(len(data))},
            timeout=60,
        )
        answers.append(r.status_code)

    slow = [threading.Thread(target=slow_client) for _ in range(2)]
    try:
        for thread in slow:
            thread.start()
        busy = None
        for _ in range(50):  # until both slow uploads are admitted
            busy = post(web.url, letters.valid, lang="en")
            if busy.status_code == 503:
                break
        assert busy is not None and busy.status_code == 503
        assert busy.json()["error"]["code"] == "busy"
        assert "busy" in busy.json()["error"]["message"]
    finally:
        release.set()
        for thread in slow:
            thread.join(60)
    assert answers == [200, 200]
    assert post(web.url, letters.valid).json()["verdict"] == "valid"
    web.stop()


def test_the_error_object_in_docs_json_is_what_the_api_says() -> None:
    from esign import i18n

    text = (Path(__file__).resolve().parents[1] / "docs" / "json.md").read_text("utf-8")
    section = text[text.index("## `POST /api/v1/verify`") :]
    example = json.loads(section.split("```json\n", 1)[1].split("\n```", 1)[0])
    with i18n.language("id"):
        message = i18n.t("web.error.too_large", mb=50)
    assert example == {"schema": 1, "error": {"code": "too_large", "message": message}}
