"""The verification page in a real browser (issue 13): Debian's chromium, driven by
Playwright with JavaScript switched off, against a real ``esign serve`` subprocess on a free
loopback port. Six letters, both languages; the screenshots in docs/ come from here.

Slow (a subprocess and a browser): few tests, each looking at many things."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from conftest import CA_PASS, PASS, ROOT
from test_cli import esign_exe
from web_fixtures import Letters, letters

__all__ = ["letters"]  # the fixture, used by name

playwright_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = Path("/usr/bin/chromium")
DOCS = ROOT / "docs"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed"),
]


@dataclass
class Served:
    url: str
    proc: subprocess.Popen[bytes]
    log: Path
    stamped: Path
    """The letter signed at B-T with a timestamp from this server's TSA."""


def _wait_for_url(proc: subprocess.Popen[bytes], log: Path) -> str:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        text = log.read_text(encoding="utf-8", errors="replace")
        if m := re.search(r"(http://127\.0\.0\.1:\d+)/verify", text):
            return m.group(1)
        if proc.poll() is not None:
            pytest.fail(f"esign serve ended ({proc.returncode}): {text}")
        time.sleep(0.1)
    pytest.fail("esign serve did not announce the verification page in 60 s")


@pytest.fixture(scope="module")
def served(letters: Letters, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """``esign serve --port 0 --web-port 0`` on the letters' store, until the module ends."""
    base = tmp_path_factory.mktemp("web-serve")
    secret = base / "ca-pass"
    secret.write_text(CA_PASS, encoding="utf-8")
    log = base / "serve.log"
    env = {**os.environ, "ESIGN_HOME": str(letters.home), "ESIGN_LANG": "en"}
    args = ["serve", "--port", "0", "--web-port", "0", "--ca-passphrase-file", str(secret)]
    with log.open("wb") as err:
        proc = subprocess.Popen(
            [esign_exe(), *args], env=env, stdout=err, stderr=err, stdin=subprocess.DEVNULL
        )
    try:
        url = _wait_for_url(proc, log)
        services = re.search(r"(http://127\.0\.0\.1:\d+) \(pid", log.read_text(encoding="utf-8"))
        assert services is not None
        stamped = base / "surat-bercap-waktu.pdf"
        signed = subprocess.run(
            [
                esign_exe(),
                "sign",
                str(letters.unsigned),
                "-o",
                str(stamped),
                "--signer",
                "budi",
                "--level",
                "B-T",
                "--tsa",
                f"{services.group(1)}/tsa",
            ],
            env={**env, "ESIGN_PASSPHRASE": PASS},
            capture_output=True,
            text=True,
            check=False,
            stdin=subprocess.DEVNULL,
        )
        assert signed.returncode == 0, signed.stderr
        yield Served(url=url, proc=proc, log=log, stamped=stamped)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        yield chromium
        chromium.close()


def _page(browser: object, viewport: dict[str, int] | None = None, lang: str = "id") -> object:
    context = browser.new_context(  # type: ignore[attr-defined]
        java_script_enabled=False, viewport=viewport or DESKTOP, locale=lang
    )
    return context.new_page()


def _check(page: object, url: str, path: Path, lang: str) -> tuple[int, str]:
    """Open the form in ``lang``, choose ``path``, press the button: (status, page text)."""
    page.goto(f"{url}/verify?lang={lang}")  # type: ignore[attr-defined]
    page.set_input_files("input[type=file]", str(path))  # type: ignore[attr-defined]
    with page.expect_navigation() as nav:  # type: ignore[attr-defined]
        page.click("button[type=submit]")  # type: ignore[attr-defined]
    status = nav.value.status
    return status, page.inner_text("body")  # type: ignore[attr-defined]


NIP_SHOWN = "NIP 19870101 201001 1 001"

EXPECTED = {
    "id": {
        "valid": [
            "SAH: ditandatangani dan tidak berubah",
            "Budi Santoso, S.Kom., M.T.",
            NIP_SHOWN,
            "Kepala Dinas",
            "tidak tersertifikasi (CA lokal)",
            "Ya: tidak ada perubahan setelah ditandatangani",
            "Tanda tangan 1 dari 1",
        ],
        "tampered": [
            "TIDAK SAH",
            "Tidak: surat diubah setelah ditandatangani",
            "Tanda tangan rusak: nama ini tidak dapat dijadikan pegangan",
            "Tidak berlaku: tanda tangannya rusak.",
        ],
        "covered": [
            "Tidak: surat diubah setelah ditandatangani",
            "Apa yang berubah",
            "Saat ditandatangani",
            "Sekarang",
        ],
        "unsigned": [
            "TIDAK DITANDATANGANI",
            "Kode QR atau gambar tanda tangan pada surat bukanlah tanda tangan",
        ],
        "two": [
            "Tanda tangan 1 dari 2",
            "Tanda tangan 2 dari 2",
            "Budi Santoso",
            "Dinas Kominfo Kabupaten Jember",
        ],
        "not_pdf": ["TIDAK DAPAT DIPERIKSA", "bukan berkas PDF", "bukan hasil pindaian"],
    },
    "en": {
        "valid": [
            "VALID: signed and unchanged",
            "Budi Santoso, S.Kom., M.T.",
            NIP_SHOWN,
            "Kepala Dinas",
            "uncertified (local CA)",
            "Yes: nothing was changed after signing",
            "Signature 1 of 1",
        ],
        "tampered": [
            "INVALID",
            "No: the letter was changed after signing",
            "The signature is broken: do not rely on this name",
            "Does not apply: the signature is broken.",
        ],
        "covered": ["No: the letter was changed after signing", "What changed", "As signed"],
        "unsigned": ["NOT SIGNED", "nothing in this file proves who issued it"],
        "two": [
            "Signature 1 of 2",
            "Signature 2 of 2",
            "Budi Santoso",
            "Dinas Kominfo Kabupaten Jember",
        ],
        "not_pdf": ["COULD NOT CHECK", "is not a PDF", "not a scan or a photo"],
    },
}
STATUS = {
    "valid": 200,
    "tampered": 200,
    "covered": 200,
    "unsigned": 200,
    "two": 200,
    "not_pdf": 422,
}


@pytest.mark.parametrize("lang", ["id", "en"])
def test_six_letters_read_in_the_browser(
    served: Served, browser: object, letters: Letters, lang: str
) -> None:
    page = _page(browser, lang=lang)
    response = page.goto(f"{served.url}/verify")  # type: ignore[attr-defined]
    assert response.status == 200
    # the browser's own language chooses the page's (Accept-Language); Indonesian otherwise
    assert page.get_attribute("html", "lang") == lang  # type: ignore[attr-defined]
    wrong = {
        "id": "Check an electronically signed letter",
        "en": "Periksa surat bertanda tangan elektronik",
    }[lang]
    for name, phrases in EXPECTED[lang].items():
        status, text = _check(page, served.url, getattr(letters, name), lang)
        assert status == STATUS[name], (name, text)
        for phrase in phrases:
            assert phrase in text, (name, phrase, text)
        assert wrong not in text, (name, text)
    # the two signatures come in signing order: the officer, then the office's seal
    _check(page, served.url, letters.two, lang)
    cards = page.locator("article.card h3").all_inner_texts()  # type: ignore[attr-defined]
    assert len(cards) == 2 and cards[0].endswith("1 " + ("dari" if lang == "id" else "of") + " 2")
    names = page.locator("article.card .signer .name").all_inner_texts()  # type: ignore[attr-defined]
    assert names == ["Budi Santoso, S.Kom., M.T.", "Dinas Kominfo Kabupaten Jember"]


def test_default_language_switch_and_screenshots(
    served: Served, browser: object, letters: Letters, tmp_path: Path
) -> None:
    """Screenshots go to tmp_path; ``UPDATE_SCREENSHOTS=1`` refreshes the ones in docs/."""
    phone = _page(browser, PHONE, lang="fr")
    phone.goto(f"{served.url}/verify")  # type: ignore[attr-defined]
    assert phone.get_attribute("html", "lang") == "id"  # type: ignore[attr-defined]
    assert "Berkas Anda diperiksa di memori dan tidak disimpan" in phone.inner_text("body")  # type: ignore[attr-defined]
    with phone.expect_navigation():  # type: ignore[attr-defined]
        phone.click("a.switch")  # type: ignore[attr-defined]
    assert phone.get_attribute("html", "lang") == "en"  # type: ignore[attr-defined]
    assert "never stored" in phone.inner_text("body")  # type: ignore[attr-defined]
    # no script anywhere, and nothing wider than the phone's screen
    _check(phone, served.url, letters.covered, "id")
    assert phone.locator("script").count() == 0  # type: ignore[attr-defined]
    width = phone.evaluate("document.documentElement.scrollWidth")  # type: ignore[attr-defined]
    assert width <= PHONE["width"], f"the report is {width} px wide on a 390 px phone"
    _, text = _check(phone, served.url, served.stamped, "id")
    assert "Waktu tepercaya\n\nYa: " in text and "Tidak ada cap waktu tepercaya" not in text
    assert phone.locator(".answer.yes").count() == 2  # type: ignore[attr-defined]
    answers = phone.inner_text("section.answers")  # type: ignore[attr-defined]
    assert "dari Dinas Kominfo Kab. Jember Root CA Time-Stamp Authority." in answers
    assert "CN=" not in answers  # names a person recognises, not distinguished names
    _, english = _check(_page(browser, PHONE, "en"), served.url, served.stamped, "en")
    assert "Trusted time\n\nYes: " in english
    shots = DOCS if os.environ.get("UPDATE_SCREENSHOTS") == "1" else tmp_path
    phone.screenshot(path=str(shots / "verify-page-phone.png"))  # type: ignore[attr-defined]
    desktop = _page(browser, DESKTOP, lang="id")
    _check(desktop, served.url, letters.covered, "id")
    assert desktop.locator("figure.change img").count() == 2  # type: ignore[attr-defined]
    desktop.screenshot(path=str(shots / "verify-page-desktop.png"))  # type: ignore[attr-defined]
    changed = shots / "verify-page-changed.png"
    desktop.screenshot(path=str(changed), full_page=True)  # type: ignore[attr-defined]
    for png in ("verify-page-phone.png", "verify-page-desktop.png", "verify-page-changed.png"):
        assert (shots / png).stat().st_size > 10_000


def test_huge_upload_is_cut_off_and_the_server_keeps_answering(
    served: Served, letters: Letters
) -> None:
    """200 MB streamed at the default 50 MB limit: 413 in the client's language, the server's
    memory grows by about the limit (measured: 52 MB), never by the 200 MB, and the next
    letter is checked as before."""

    def status_kb() -> int:
        for line in Path(f"/proc/{served.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
        raise AssertionError("no VmHWM")

    before = status_kb()
    chunk = b"%PDF-1.7\n" + b"0" * (1024 * 1024 - 9)

    def body() -> Iterator[bytes]:
        for _ in range(200):
            yield chunk

    headers = {
        "Content-Type": "application/pdf",
        "Content-Length": str(200 * len(chunk)),
        "Accept-Language": "id",
    }
    with httpx.Client(timeout=120) as client:
        r = client.post(f"{served.url}/api/v1/verify", content=body(), headers=headers)
        assert r.status_code == 413
        assert r.json()["error"]["code"] == "too_large"
        assert "lebih besar dari 50 MB" in r.json()["error"]["message"]
        grown = status_kb() - before
        assert grown < 100 * 1024, f"the server grew by {grown} kB for a 200 MB upload"
        ok = client.post(
            f"{served.url}/api/v1/verify",
            files={"file": (letters.valid.name, letters.valid.read_bytes(), "application/pdf")},
        )
        assert ok.status_code == 200 and ok.json()["verdict"] == "valid"
