"""``esign sign --backend bsre`` (issue 14, the client half) against esign's own served API:
the two halves check each other. Faults with a small stand-in gateway: down, 429 with
Retry-After, a non-PDF answer; and the gateway's refusals (wrong passphrase, wrong
credentials) reach the signer as exit 19 with the gateway's own words."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner, Result
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from conftest import PASS, assert_pdfsig_valid
from esign.app import bsre, gateway
from esign.cli import cli
from esign.errors import ExitCode, GatewayError
from esign.keys import Secret
from esign.sign import SignOptions
from esign.store import open_store
from esign.web import serving
from esign.web.gateway import ApiConfig, create_api
from services_fixtures import free_port

NIK = "3509120101870001"
SECRET = "kata-sandi-srikandi-1"


@pytest.fixture
def served(store_home: Path) -> Iterator[str]:
    """esign's own API on the office store (budi's NIK, client srikandi)."""
    at = datetime.now(UTC)
    with open_store(store_home) as store:
        gateway.set_nik(store, "budi", NIK, at)
        gateway.add_client(store, "srikandi", SECRET, at)
    config = ApiConfig(
        open_store=lambda: open_store(store_home), signing=gateway.ApiSigning(base=SignOptions())
    )
    running = serving.start(create_api(config), "127.0.0.1", 0)
    yield running.url
    running.stop()


def _env(url: str, **more: str) -> dict[str, str]:
    return {
        "ESIGN_BSRE_URL": url,
        "ESIGN_BSRE_USER": "srikandi",
        "ESIGN_BSRE_PASSWORD": SECRET,
        "ESIGN_BSRE_NIK": NIK,
        "ESIGN_PASSPHRASE": PASS,
        **more,
    }


def run(*args: str, env: dict[str, str]) -> Result:
    return CliRunner().invoke(cli, ["--lang", "en", *args], env=env)


def test_signed_at_the_gateway_written_audited_and_verifying(
    served: str, letter: Path, store_home: Path
) -> None:
    r = run("sign", str(letter), "--backend", "bsre", "--at", "${ttd_pengirim}", env=_env(served))
    assert r.exit_code == 0, r.output
    out = letter.with_name("surat-undangan.signed.pdf")
    assert f"at the BSrE gateway {served} as Budi Santoso, S.Kom., M.T.: {out}" in r.output
    assert_pdfsig_valid(out, 1)
    v = run("verify", "--json", str(out), env={})
    assert v.exit_code == 0 and '"verdict":"valid"' in v.stdout.replace(" ", "")
    with open_store(store_home) as store:
        entries = store.audit_entries()
    (remote,) = [e for e in entries if e.action == "sign.bsre"]
    assert remote.detail["gateway"] == served and remote.detail["nik"] == "350912******0001"
    assert remote.detail["consent"] == "unattended" and remote.detail["tries"] == 1
    # the gateway's own audit (the same store here): its call, by the client's name
    assert any(e.action == "api.call" and e.subject == "srikandi" for e in entries)
    assert PASS not in repr([e.detail for e in entries])


@pytest.mark.parametrize(
    ("more", "needle"),
    [
        ({"ESIGN_PASSPHRASE": "salah-sekali"}, "Passphrase anda salah (2031)"),
        ({"ESIGN_BSRE_PASSWORD": "salah-sekali"}, "(401)"),
        ({"ESIGN_BSRE_NIK": "3509124101870002"}, "User tidak terdaftar (2011)"),
    ],
    ids=["wrong-passphrase", "wrong-credentials", "not-registered"],
)
def test_the_gateways_refusals_are_exit_19_and_nothing_is_written(
    served: str, letter: Path, more: dict[str, str], needle: str
) -> None:
    r = run("sign", str(letter), "--backend", "bsre", env=_env(served, **more))
    assert r.exit_code == ExitCode.GATEWAY == 19, r.output
    assert "refused the letter" in r.output and needle in r.output
    assert sorted(p.name for p in letter.parent.iterdir()) == ["surat-undangan.pdf"]


def test_a_gateway_that_is_down_is_said_at_once(letter: Path, store_home: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    r = run("sign", str(letter), "--backend", "bsre", env=_env(url))
    assert r.exit_code == ExitCode.GATEWAY, r.output
    assert f"Cannot reach the BSrE gateway {url}" in r.output
    assert "sign locally without --backend bsre" in r.output


def test_an_existing_output_is_refused_before_the_letter_is_sent(
    letter: Path, store_home: Path
) -> None:
    out = letter.with_name("surat-undangan.signed.pdf")
    out.write_bytes(b"%PDF-1.7 lama")
    url = f"http://127.0.0.1:{free_port()}"  # nobody there: reaching it would be exit 19
    r = run("sign", str(letter), "--backend", "bsre", env=_env(url))
    assert r.exit_code == ExitCode.OUTPUT, r.output
    assert out.read_bytes() == b"%PDF-1.7 lama"


def test_the_signer_is_asked_first_and_a_no_sends_nothing(
    letter: Path, store_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from esign.cli import common

    monkeypatch.setattr(common, "is_interactive_terminal", lambda: True)
    url = f"http://127.0.0.1:{free_port()}"
    r = CliRunner().invoke(
        cli, ["--lang", "en", "sign", str(letter), "--backend", "bsre"], env=_env(url), input="n\n"
    )
    assert r.exit_code == ExitCode.DECLINED, r.output
    assert f"Send {letter} to the BSrE gateway {url} to be signed as NIK 350912******0001" in (
        r.output
    )


def test_missing_settings_and_options_the_gateway_does_not_take(
    letter: Path, store_home: Path
) -> None:
    r = run("sign", str(letter), "--backend", "bsre", env={"ESIGN_PASSPHRASE": PASS})
    assert r.exit_code == ExitCode.CONFIG
    assert "bsre-url, bsre-user, bsre-nik, ESIGN_BSRE_PASSWORD" in r.output
    env = _env("http://127.0.0.1:1")
    r = run("sign", str(letter), "--backend", "bsre", "--level", "B-LT", "--footer", env=env)
    assert r.exit_code == ExitCode.USAGE
    assert "--level" in r.output and "--footer" in r.output
    r = run("sign", str(letter), str(letter), "--backend", "bsre", env=env)
    assert r.exit_code == ExitCode.USAGE and "one letter at a time" in r.output


# --- faults, with a stand-in gateway -----------------------------------------------------------


class StandIn:
    """Answers the queued responses in order, then 500; records the calls."""

    def __init__(self, answers: list[Response]) -> None:
        self.answers, self.calls = answers, 0

    async def sign(self, request: Request) -> Response:
        await request.body()
        self.calls += 1
        return self.answers.pop(0) if self.answers else JSONResponse({}, status_code=500)


@pytest.fixture
def signed_bytes(served: str, letter: Path) -> bytes:
    """A letter signed by esign's API (what a real gateway would send back)."""
    r = httpx.post(
        f"{served}/api/sign/pdf",
        data={"nik": NIK, "passphrase": PASS},
        files={"file": ("s.pdf", letter.read_bytes(), "application/pdf")},
        auth=("srikandi", SECRET),
        timeout=60,
    )
    assert r.status_code == 200
    return r.content


def _stand_in(answers: list[Response]) -> tuple[StandIn, serving.RunningWeb]:
    fake = StandIn(answers)
    app = Starlette(routes=[Route("/api/sign/pdf", fake.sign, methods=["POST"])])
    return fake, serving.start(app, "127.0.0.1", 0)


def _sign_remote(store_home: Path, letter: Path, url: str, waits: list[float]) -> Any:
    remote = bsre.Gateway(url=url, user="srikandi", password=Secret(SECRET.encode()), nik=NIK)
    with open_store(store_home) as store:
        return bsre.sign_remote(
            store,
            input=letter,
            output=letter.with_name("out.pdf"),
            overwrite=False,
            gateway=remote,
            passphrase=Secret(PASS.encode()),
            looks=bsre.RemoteLooks(),
            consent="flag",
            clock=lambda: datetime.now(UTC),
            sleep=waits.append,
        )


def test_429_and_503_are_retried_honouring_retry_after(
    signed_bytes: bytes, letter: Path, store_home: Path
) -> None:
    busy = JSONResponse({"status_code": 429, "error": "x"}, 429, headers={"Retry-After": "3"})
    overloaded = JSONResponse({"error": "sibuk"}, status_code=503)
    pdf = Response(signed_bytes, media_type="application/pdf", headers={"id_dokumen": "abc"})
    fake, running = _stand_in([busy, overloaded, pdf])
    waits: list[float] = []
    try:
        result = _sign_remote(store_home, letter, running.url, waits)
    finally:
        running.stop()
    assert waits == [3.0, 2.0]  # Retry-After, then the backoff
    assert fake.calls == 3 and result.tries == 3 and result.id_dokumen == "abc"
    assert letter.with_name("out.pdf").read_bytes() == signed_bytes


def test_a_gateway_that_stays_busy_is_a_refusal_after_four_tries(
    letter: Path, store_home: Path
) -> None:
    fake, running = _stand_in([JSONResponse({"error": "sibuk"}, status_code=504)] * 4)
    waits: list[float] = []
    try:
        with pytest.raises(GatewayError, match="sibuk"):
            _sign_remote(store_home, letter, running.url, waits)
    finally:
        running.stop()
    assert fake.calls == 4 and waits == [1.0, 2.0, 4.0]
    assert not letter.with_name("out.pdf").exists()


@pytest.mark.parametrize(
    ("body", "media", "needle"),
    [
        (b"<html>Login</html>", "text/html", "not a PDF"),
        (None, "application/pdf", "one new signature"),  # the letter sent back unsigned
    ],
)
def test_an_answer_that_is_not_a_signed_pdf_writes_nothing(
    letter: Path, store_home: Path, body: bytes | None, media: str, needle: str
) -> None:
    content = letter.read_bytes() if body is None else body
    _fake, running = _stand_in([Response(content, media_type=media)])
    try:
        with pytest.raises(GatewayError, match=needle):
            _sign_remote(store_home, letter, running.url, [])
    finally:
        running.stop()
    assert not letter.with_name("out.pdf").exists()
