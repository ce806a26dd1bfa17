"""Signing levels B-T, B-LT, B-LTA against ``esign serve`` on loopback; ``esign timestamp``
and ``esign extend``; a TSA that is down or answers garbage. Every signature is checked
by pdfsig, and the signature-timestamp token by ``openssl ts -verify``."""

from __future__ import annotations

import contextlib
import json
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from asn1crypto import cms
from click.testing import CliRunner, Result
from cryptography.hazmat.primitives import serialization

from conftest import PASS, assert_pdfsig_valid
from esign.cli import cli
from esign.errors import ExitCode
from esign.timestamp import TsaClient
from services_fixtures import RunningServices, free_port, services, services_template

__all__ = ["services", "services_template"]


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def sign(letter: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    return run(
        "sign", str(letter), "--signer", "ani", "--json", *args,
        env={"ESIGN_PASSPHRASE": PASS, **(env or {})},
    )  # fmt: skip


def signatures(path: Path) -> list[Any]:
    from pyhanko.pdf_utils.reader import PdfFileReader

    with path.open("rb") as fh:
        reader = PdfFileReader(fh)
        sigs = list(reader.embedded_signatures)
        dss = "/DSS" in reader.root
        return [(s.sig_object_type, s.signer_info, dss) for s in sigs]


def signature_token(path: Path) -> tuple[bytes, cms.ContentInfo]:
    """The signature value and the RFC 3161 token in its unsigned attributes."""
    _type, signer_info, _dss = signatures(path)[0]
    attrs = {a["type"].native: a["values"][0] for a in signer_info["unsigned_attrs"]}
    return signer_info["signature"].native, attrs["signature_time_stamp_token"]


def openssl_token_ok(tmp: Path, data: bytes, token: cms.ContentInfo, run_: RunningServices) -> str:
    (tmp / "sig.bin").write_bytes(data)
    (tmp / "token.der").write_bytes(token.dump())
    (tmp / "ca.pem").write_bytes(run_.keys.ca.cert.public_bytes(serialization.Encoding.PEM))
    (tmp / "tsa.pem").write_bytes(run_.keys.tsa.cert.public_bytes(serialization.Encoding.PEM))
    result = subprocess.run(
        ["openssl", "ts", "-verify", "-token_in", "-in", str(tmp / "token.der"), "-data",
         str(tmp / "sig.bin"), "-CAfile", str(tmp / "ca.pem"), "-untrusted", str(tmp / "tsa.pem")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    return result.stdout + result.stderr


@pytest.mark.parametrize("level", ["B-T", "B-LT", "B-LTA"])
def test_sign_at_level(services: RunningServices, letter: Path, tmp_path: Path, level: str) -> None:
    r = sign(letter, "--level", level, "--tsa", services.url + "/tsa")
    assert r.exit_code == 0, r.output
    out = letter.with_suffix(".signed.pdf")
    assert json.loads(r.stdout)["level"] == level
    assert_pdfsig_valid(out, 1)
    found = signatures(out)
    assert found[0][0] == "/Sig"
    assert found[0][2] is (level != "B-T")  # B-LT and up carry a DSS
    if level == "B-LTA":
        assert [f[0] for f in found] == ["/Sig", "/DocTimeStamp"]
    value, token = signature_token(out)
    assert "Verification: OK" in openssl_token_ok(tmp_path, value, token, services)


def test_tsa_url_from_base_url(services: RunningServices, letter: Path) -> None:
    r = sign(letter, "--level", "B-T", env={"ESIGN_BASE_URL": services.url})
    assert r.exit_code == 0, r.output


def test_tsa_url_from_config(services: RunningServices, letter: Path) -> None:
    assert run("config", "set", "tsa-url", services.url + "/tsa").exit_code == 0
    assert sign(letter, "--level", "B-T").exit_code == 0


def test_tsa_down_is_a_timestamp_error_and_writes_nothing(
    services: RunningServices, letter: Path
) -> None:
    dead = f"http://127.0.0.1:{free_port()}/tsa"
    r = sign(letter, "--level", "B-T", "--tsa", dead)
    assert r.exit_code == ExitCode.TIMESTAMP
    lines = [line for line in r.stderr.splitlines() if line.strip()]
    assert lines[0].startswith(f"error: Could not get a timestamp from {dead}:")
    assert lines[1].startswith("hint: ")
    assert not letter.with_suffix(".signed.pdf").exists()
    assert [p.name for p in letter.parent.iterdir()] == [letter.name]


@contextlib.contextmanager
def stub_tsa(handler: type[BaseHTTPRequestHandler], **state: Any) -> Iterator[tuple[str, Any]]:
    """A throwaway loopback HTTP server with ``handler`` (``state`` set on the server, where
    the handler reads it); yields its /tsa URL and the server."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    for name, value in state.items():
        setattr(httpd, name, value)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/tsa", httpd
    finally:
        httpd.shutdown()
        httpd.server_close()


class _Garbage(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        body = b"this is not a TimeStampResp"
        self.send_response(200)
        self.send_header("Content-Type", self.server.content_type)  # type: ignore[attr-defined]
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.mark.parametrize("content_type", ["application/timestamp-reply", "text/html"])
def test_tsa_answering_garbage(services: RunningServices, letter: Path, content_type: str) -> None:
    with stub_tsa(_Garbage, content_type=content_type) as (url, _server):
        r = sign(letter, "--level", "B-LTA", "--tsa", url)
    assert r.exit_code == ExitCode.TIMESTAMP, r.output
    assert r.stderr.startswith(f"error: Could not get a timestamp from {url}")
    assert not letter.with_suffix(".signed.pdf").exists()


class _Flaky(BaseHTTPRequestHandler):
    """Forwards to the office's TSA (``server.upstream``), except on the requests (counted
    from 1) listed in ``server.drop`` (the connection is dropped, no answer at all),
    ``server.fail`` (HTTP 500) and ``server.slow`` (the answer comes after 3 seconds)."""

    def do_POST(self) -> None:
        import socket
        import time
        import urllib.request

        server: Any = self.server
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        server.count += 1
        if server.count in server.drop:
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)  # the client sees it at once
            return
        if server.count in server.fail:
            self.send_error(500)
            return
        if server.count in server.slow:
            time.sleep(3)
        request = urllib.request.Request(
            server.upstream, data=body, headers={"Content-Type": "application/timestamp-query"}
        )
        with urllib.request.urlopen(request, timeout=5) as answer:
            reply = answer.read()
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)
        except OSError:
            pass  # the client gave up waiting

    def log_message(self, *args: object) -> None:
        pass


def flaky(services: RunningServices, **numbers: set[int]) -> Any:
    state = {"drop": set(), "fail": set(), "slow": set(), **numbers}
    return stub_tsa(_Flaky, count=0, upstream=services.url + "/tsa", **state)


def test_tsa_timing_out_mid_signature_is_a_timestamp_error_not_an_output_error(
    services: RunningServices, letter: Path
) -> None:
    """A timeout is an OSError in Python; it must not pass for "cannot write the output".
    The first request (the pre-flight token) is answered; the later ones time out while the
    output is being written."""
    from datetime import UTC, datetime

    from esign.errors import TimestampError
    from esign.ltv import LtvOptions
    from esign.models import Level
    from esign.sign import SignOptions, sign_pdf

    out = letter.with_name("slow.pdf")
    with flaky(services, slow={2, 3}) as (url, server):
        ltv = LtvOptions(level=Level.B_T, tsa=TsaClient(url=url, timeout=1.0))
        with pytest.raises(TimestampError) as caught:
            sign_pdf(
                letter, out, services.signer, at=datetime.now(UTC), options=SignOptions(ltv=ltv)
            )
    assert caught.value.exit_code == ExitCode.TIMESTAMP
    assert server.count == 3  # pre-flight, timeout, asked again
    assert not out.exists()
    assert sorted(p.name for p in letter.parent.iterdir()) == [letter.name]


@pytest.mark.parametrize(
    ("drop", "fail", "signed", "requests"),
    [
        ({2}, set(), True, 3),  # one dropped connection: asked again, signed
        ({2, 3}, set(), False, 3),  # dropped twice: a timestamp error after one retry
        (set(), {2}, False, 2),  # an HTTP error is an answer: not asked again
    ],
)
def test_a_dropped_connection_is_asked_again_once(
    services: RunningServices,
    letter: Path,
    drop: set[int],
    fail: set[int],
    signed: bool,
    requests: int,
) -> None:
    with flaky(services, drop=drop, fail=fail) as (url, server):
        r = sign(letter, "--level", "B-T", "--tsa", url)
    assert server.count == requests
    out = letter.with_suffix(".signed.pdf")
    if signed:
        assert r.exit_code == 0, r.output
        assert_pdfsig_valid(out, 1)
    else:
        assert r.exit_code == ExitCode.TIMESTAMP, r.output
        assert not out.exists()


def test_timestamp_command(services: RunningServices, letter: Path) -> None:
    r = run("timestamp", str(letter), "--tsa", services.url + "/tsa", "--json")
    assert r.exit_code == 0, r.output
    out = Path(json.loads(r.stdout)["output"])
    assert out.name == "surat-undangan.timestamped.pdf"
    assert [f[0] for f in signatures(out)] == ["/DocTimeStamp"]
    dead = f"http://127.0.0.1:{free_port()}/tsa"
    r = run("timestamp", str(letter), "-o", str(letter.with_name("x.pdf")), "--tsa", dead)
    assert r.exit_code == ExitCode.TIMESTAMP
    assert not letter.with_name("x.pdf").exists()


def test_extend_b_t_to_b_lt_then_b_lta_then_renew(services: RunningServices, letter: Path) -> None:
    tsa = services.url + "/tsa"
    assert sign(letter, "--level", "B-T", "--tsa", tsa).exit_code == 0
    signed = letter.with_suffix(".signed.pdf")
    r = run("extend", str(signed), "--level", "B-LT", "-o", str(letter.with_name("lt.pdf")))
    assert r.exit_code == 0, r.output
    lt = letter.with_name("lt.pdf")
    assert signatures(lt)[0][2] is True
    assert_pdfsig_valid(lt, 1)
    r = run(
        "extend", str(lt), "--level", "B-LTA", "--tsa", tsa, "-o", str(letter.with_name("lta.pdf"))
    )
    assert r.exit_code == 0, r.output
    lta = letter.with_name("lta.pdf")
    assert [f[0] for f in signatures(lta)] == ["/Sig", "/DocTimeStamp"]
    r = run("extend", str(lta), "--level", "B-LTA", "--tsa", tsa, "--in-place")
    assert r.exit_code == 0, r.output
    assert [f[0] for f in signatures(lta)] == ["/Sig", "/DocTimeStamp", "/DocTimeStamp"]
    assert_pdfsig_valid(lta, 1)


def test_extend_refuses_an_unsigned_file(services: RunningServices, letter: Path) -> None:
    r = run("extend", str(letter), "--level", "B-LT")
    assert r.exit_code == ExitCode.INPUT
    assert "no signature to extend" in r.stderr


def test_level_choices_and_basic_auth_client() -> None:
    r = run("sign", "--help")
    assert "[B-B|B-T|B-LT|B-LTA]" in r.output
    assert run("sign", "x.pdf", "--level", "B-X").exit_code == ExitCode.USAGE
    from esign.keys import Secret

    client = TsaClient(url="http://127.0.0.1:9/tsa", user="kantor", password=Secret(b"rahasia"))
    assert "rahasia" not in repr(client)
    headers = client.timestamper().request_headers()
    assert headers["Authorization"] == "Basic a2FudG9yOnJhaGFzaWE="  # kantor:rahasia
    assert headers["Content-Type"] == "application/timestamp-query"


def test_parallel_batch_at_b_t(services: RunningServices, tmp_path: Path) -> None:
    """Forked workers sign with TSA settings they inherited (they do not pickle)."""
    import shutil

    from conftest import EXAMPLES

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for n in range(4):
        shutil.copy(EXAMPLES / "surat-undangan.pdf", inbox / f"s{n}.pdf")
    r = run(
        "sign",
        str(inbox),
        "--out-dir",
        str(tmp_path / "out"),
        "-j",
        "2",
        "--level",
        "B-T",
        "--tsa",
        f"{services.url}/tsa",
        env={"ESIGN_PASSPHRASE": PASS},
    )
    assert r.exit_code == 0, r.output
    r = run("verify", "--json", str(tmp_path / "out"))
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    assert len(lines) == 4
    for line in lines:
        sig = line["signatures"][0]
        assert line["verdict"] == "valid" and sig["level"] == "B-T"
        assert sig["timestamp"]["valid"] is True


def test_one_worker_b_t_batch_signs_on_threads_and_reports_in_order(
    services: RunningServices, tmp_path: Path
) -> None:
    """At -j1 a B-T batch still has many letters in flight (threads of one worker process):
    the results come in input order, each letter has its own token, all verify."""
    import shutil

    from conftest import EXAMPLES

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    names = [f"s{n:02d}.pdf" for n in range(12)]
    for name in names:
        shutil.copy(EXAMPLES / "surat-undangan.pdf", inbox / name)
    out = tmp_path / "out"
    r = run(
        "sign", str(inbox), "--out-dir", str(out), "-j", "1", "--level", "B-T",
        "--tsa", f"{services.url}/tsa", "--json", env={"ESIGN_PASSPHRASE": PASS},
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    assert [Path(x["input"]).name for x in lines] == names
    assert all(x["status"] == "signed" for x in lines)
    outputs = [out / Path(n).with_suffix(".signed.pdf").name for n in names]
    tokens = {signature_token(o)[1].dump() for o in outputs}
    assert len(tokens) == len(names)
    assert_pdfsig_valid(out / "s00.signed.pdf", 1)
    r = run("verify", "--json", str(out))
    assert [json.loads(x)["verdict"] for x in r.stdout.splitlines()] == ["valid"] * len(names)
