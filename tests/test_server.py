"""``esign serve``: RFC 3161 at /tsa, OCSP at /ocsp, the CRL at /crl — on a real threaded
server bound to loopback, under concurrency, with malformed requests, and as a process
that stops cleanly on SIGTERM. Timestamp tokens are checked independently with
``openssl ts -verify``."""

from __future__ import annotations

import base64
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

import pytest
from asn1crypto import cms, core, tsp
from click.testing import CliRunner
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509 import ocsp

from conftest import CA_PASS
from esign.app import admin
from esign.cli import cli
from esign.keys import Secret
from esign.store import open_store
from esign.timestamp import DEFAULT_POLICY
from services_fixtures import RunningServices, free_port, services, services_template

__all__ = ["services", "services_template"]  # fixtures used by name

CA = Secret(CA_PASS.encode())


class Resp(core.Sequence):  # type: ignore[misc]
    """TimeStampResp whose token is optional (asn1crypto's own requires it)."""

    _fields = [  # noqa: RUF012 - asn1crypto's declaration style
        ("status", tsp.PKIStatusInfo),
        ("time_stamp_token", cms.ContentInfo, {"optional": True}),
    ]


def post(url: str, body: bytes, content_type: str, timeout: float = 30) -> tuple[int, str, bytes]:
    req = urllib.request.Request(url, data=body, headers={"Content-Type": content_type})
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        return resp.status, resp.headers["Content-Type"], resp.read()


def get(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as resp:
            return resp.status, resp.headers["Content-Type"], resp.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers["Content-Type"], e.read()


def ts_request(
    data: bytes,
    *,
    nonce: int | None = 12345,
    cert_req: bool = True,
    algorithm: str = "sha256",
    policy: str | None = None,
) -> bytes:
    fields: dict[str, object] = {
        "version": "v1",
        "message_imprint": {
            "hash_algorithm": {"algorithm": algorithm},
            "hashed_message": hashlib.new(algorithm, data).digest(),
        },
        "cert_req": cert_req,
    }
    if nonce is not None:
        fields["nonce"] = nonce
    if policy is not None:
        fields["req_policy"] = policy
    return tsp.TimeStampReq(fields).dump()


def check_token(token: cms.ContentInfo, tsa: x509.Certificate, data: bytes) -> tsp.TSTInfo:
    """Verify a token with cryptography alone: imprint, messageDigest, signature."""
    signed = token["content"]
    tst_der = signed["encap_content_info"]["content"].contents
    tst = tsp.TSTInfo.load(tst_der)
    assert tst["message_imprint"]["hashed_message"].native == hashlib.sha256(data).digest()
    signer_info = signed["signer_infos"][0]
    attrs = {a["type"].native: a["values"][0].native for a in signer_info["signed_attrs"]}
    assert attrs["content_type"] == "tst_info"
    assert attrs["message_digest"] == hashlib.sha256(tst_der).digest()
    assert "signing_certificate_v2" in attrs
    public = tsa.public_key()
    assert isinstance(public, ec.EllipticCurvePublicKey)
    public.verify(
        signer_info["signature"].native,
        signer_info["signed_attrs"].untag().dump(),
        ec.ECDSA(hashes.SHA256()),
    )
    return tst


def openssl_verify(tmp: Path, reply: bytes, data: bytes, running: RunningServices) -> str:
    (tmp / "data.bin").write_bytes(data)
    (tmp / "reply.tsr").write_bytes(reply)
    (tmp / "ca.pem").write_bytes(running.keys.ca.cert.public_bytes(serialization.Encoding.PEM))
    (tmp / "tsa.pem").write_bytes(running.keys.tsa.cert.public_bytes(serialization.Encoding.PEM))
    result = subprocess.run(
        [
            "openssl", "ts", "-verify", "-data", str(tmp / "data.bin"), "-in",
            str(tmp / "reply.tsr"), "-CAfile", str(tmp / "ca.pem"), "-untrusted",
            str(tmp / "tsa.pem"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip
    return result.stdout + result.stderr


# --- TSA --------------------------------------------------------------------------------------


def test_tsa_grants_a_token_openssl_verifies(services: RunningServices, tmp_path: Path) -> None:
    data = b"Surat undangan rapat koordinasi"
    status, ctype, body = post(
        services.url + "/tsa", ts_request(data), "application/timestamp-query"
    )
    assert (status, ctype) == (200, "application/timestamp-reply")
    resp = Resp.load(body)
    assert resp["status"]["status"].native == "granted"
    tst = check_token(resp["time_stamp_token"], services.keys.tsa.cert, data)
    assert tst["nonce"].native == 12345
    assert tst["policy"].native == DEFAULT_POLICY
    assert abs((tst["gen_time"].native - datetime.now(UTC)).total_seconds()) < 30
    assert "Verification: OK" in openssl_verify(tmp_path, body, data, services)
    with open_store(services.home) as store:
        tokens = store.timestamp_tokens()
    assert [t.serial for t in tokens] == [tst["serial_number"].native]
    assert (tokens[0].hash_algorithm, tokens[0].imprint) == (
        "sha256",
        hashlib.sha256(data).hexdigest(),
    )
    assert tokens[0].requester == "127.0.0.1"


def test_tsa_honours_cert_req_and_missing_nonce(services: RunningServices) -> None:
    data = b"x"
    body = post(
        services.url + "/tsa",
        ts_request(data, nonce=None, cert_req=False),
        "application/timestamp-query",
    )[2]
    resp = Resp.load(body)
    token = resp["time_stamp_token"]
    assert token["content"]["certificates"].native is None
    tst = check_token(token, services.keys.tsa.cert, data)
    assert tst["nonce"].native is None
    with_cert = Resp.load(
        post(services.url + "/tsa", ts_request(data), "application/timestamp-query")[2]
    )
    assert len(with_cert["time_stamp_token"]["content"]["certificates"]) >= 1


@pytest.mark.parametrize(
    ("body", "fail_info"),
    [
        (b"", "bad_data_format"),
        (b"garbage, not DER", "bad_data_format"),
        (b"\x30\x03\x02\x01\x01", "bad_data_format"),
        (ts_request(b"x", algorithm="sha1"), "bad_alg"),
        (ts_request(b"x", algorithm="md5"), "bad_alg"),
        (ts_request(b"x", policy="1.2.3.4"), "unaccepted_policy"),
    ],
    ids=["empty", "garbage", "truncated", "sha1", "md5", "policy"],
)
def test_tsa_rejects_malformed_requests(
    services: RunningServices, body: bytes, fail_info: str
) -> None:
    status, ctype, reply = post(services.url + "/tsa", body, "application/timestamp-query")
    assert (status, ctype) == (200, "application/timestamp-reply")
    info = Resp.load(reply)["status"]
    assert info["status"].native == "rejection"
    assert fail_info in info["fail_info"].native


def test_tsa_rejects_a_wrong_imprint_length(services: RunningServices) -> None:
    req = tsp.TimeStampReq(
        {
            "version": "v1",
            "message_imprint": {
                "hash_algorithm": {"algorithm": "sha256"},
                "hashed_message": b"\x00" * 20,
            },
        }
    ).dump()
    reply = post(services.url + "/tsa", req, "application/timestamp-query")[2]
    info = Resp.load(reply)["status"]
    assert info["status"].native == "rejection"
    assert "bad_data_format" in info["fail_info"].native


def test_200_concurrent_timestamp_requests(services: RunningServices, tmp_path: Path) -> None:
    n = 200
    barrier = threading.Barrier(n)
    results: list[tuple[bytes, bytes] | BaseException] = [b""] * n  # type: ignore[list-item]

    def worker(i: int) -> None:
        data = f"letter {i}".encode()
        try:
            barrier.wait(30)
            reply = post(
                services.url + "/tsa",
                ts_request(data, nonce=i + 1),
                "application/timestamp-query",
                timeout=60,
            )[2]
            results[i] = (data, reply)
        except BaseException as e:
            results[i] = e

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(n)]
    start = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    elapsed = time.monotonic() - start
    errors = [r for r in results if isinstance(r, BaseException)]
    assert not errors, errors[:3]
    serials = []
    for i, item in enumerate(results):
        assert isinstance(item, tuple)
        data, reply = item
        resp = Resp.load(reply)
        assert resp["status"]["status"].native == "granted"
        tst = check_token(resp["time_stamp_token"], services.keys.tsa.cert, data)
        assert tst["nonce"].native == i + 1
        serials.append(tst["serial_number"].native)
    assert len(set(serials)) == n
    with open_store(services.home) as store:
        assert sorted(t.serial for t in store.timestamp_tokens()) == sorted(serials)
    # openssl agrees on a sample
    data, reply = results[n // 2]  # type: ignore[misc]
    assert "Verification: OK" in openssl_verify(tmp_path, reply, data, services)
    print(f"\n200 concurrent timestamp requests answered in {elapsed:.2f} s")
    assert elapsed < 60


# --- OCSP and CRL -----------------------------------------------------------------------------


def ocsp_request(
    cert: x509.Certificate, issuer: x509.Certificate, nonce: bytes | None = None
) -> bytes:
    builder = ocsp.OCSPRequestBuilder().add_certificate(cert, issuer, hashes.SHA1())
    if nonce:
        builder = builder.add_extension(x509.OCSPNonce(nonce), critical=False)
    return builder.build().public_bytes(serialization.Encoding.DER)


def ocsp_answer(services: RunningServices, body: bytes) -> ocsp.OCSPResponse:
    status, ctype, reply = post(services.url + "/ocsp", body, "application/ocsp-request")
    assert (status, ctype) == (200, "application/ocsp-response")
    return ocsp.load_der_ocsp_response(reply)


def test_ocsp_good_then_revoked_at_once(services: RunningServices) -> None:
    ca = services.keys.ca.cert
    cert = services.signer.cert
    resp = ocsp_answer(services, ocsp_request(cert, ca, nonce=b"0123456789abcdef"))
    assert resp.response_status is ocsp.OCSPResponseStatus.SUCCESSFUL
    assert resp.certificate_status is ocsp.OCSPCertStatus.GOOD
    assert resp.serial_number == cert.serial_number
    assert (
        resp.extensions.get_extension_for_class(x509.OCSPNonce).value.nonce == b"0123456789abcdef"
    )
    responder = resp.certificates[0]
    assert responder == services.keys.ocsp.cert
    responder.public_key().verify(  # type: ignore[call-arg, union-attr]
        resp.signature, resp.tbs_response_bytes, ec.ECDSA(hashes.SHA256())
    )
    with open_store(services.home) as store:
        admin.revoke(
            store, id="ani", reason="keyCompromise", ca_passphrase=CA, at=datetime.now(UTC)
        )
    resp = ocsp_answer(services, ocsp_request(cert, ca))
    assert resp.certificate_status is ocsp.OCSPCertStatus.REVOKED
    assert resp.revocation_reason is x509.ReasonFlags.key_compromise
    # GET /ocsp/{base64} gives the same answer
    encoded = base64.b64encode(ocsp_request(cert, ca)).decode()
    status, _ctype, reply = get(services.url + "/ocsp/" + urllib.request.quote(encoded, safe=""))
    assert status == 200
    assert ocsp.load_der_ocsp_response(reply).certificate_status is ocsp.OCSPCertStatus.REVOKED
    # and the CRL lists it
    status, ctype, der = get(services.url + "/crl")
    assert (status, ctype) == (200, "application/pkix-crl")
    crl = x509.load_der_x509_crl(der)
    assert crl.is_signature_valid(ca.public_key())  # type: ignore[arg-type]
    assert crl.get_revoked_certificate_by_serial_number(cert.serial_number) is not None


def test_ocsp_unknown_and_malformed(services: RunningServices) -> None:
    stranger_key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "Stranger CA")])
    stranger = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(stranger_key.public_key())
        .serial_number(services.signer.cert.serial_number)
        .not_valid_before(datetime(2025, 1, 1, tzinfo=UTC))
        .not_valid_after(datetime(2035, 1, 1, tzinfo=UTC))
        .sign(stranger_key, hashes.SHA256())
    )
    resp = ocsp_answer(services, ocsp_request(stranger, stranger))
    assert resp.certificate_status is ocsp.OCSPCertStatus.UNKNOWN
    for body in (b"", b"not an OCSP request", b"\x30\x00"):
        assert ocsp_answer(services, body).response_status is (
            ocsp.OCSPResponseStatus.MALFORMED_REQUEST
        )
    _status, _ctype, reply = get(services.url + "/ocsp/!!notbase64!!")
    assert ocsp.load_der_ocsp_response(reply).response_status is (
        ocsp.OCSPResponseStatus.MALFORMED_REQUEST
    )


def test_crl_is_issued_on_demand_and_unknown_routes_404(services: RunningServices) -> None:
    status, _ctype, der = get(services.url + "/crl")
    assert status == 200
    crl = x509.load_der_x509_crl(der)
    assert len(crl) == 0
    assert get(services.url + "/crl")[2] == der  # stored, not reissued per request
    assert get(services.url + "/nothing")[0] == 404
    assert get(services.url + "/")[0] == 200


# --- the command ------------------------------------------------------------------------------


def test_serve_help() -> None:
    r = CliRunner().invoke(cli, ["serve", "--help"])
    assert r.exit_code == 0
    assert "--host" in r.output and "--port" in r.output and "127.0.0.1" in r.output


def test_serve_process_answers_and_stops_on_sigterm(store_home: Path) -> None:
    exe = shutil.which("esign") or str(Path(sys.executable).parent / "esign")
    port = free_port()
    env = {**os.environ, "ESIGN_HOME": str(store_home), "ESIGN_CA_PASSPHRASE": CA_PASS}
    proc = subprocess.Popen(
        [exe, "serve", "--port", str(port), "--no-web"],  # the page: tests/test_web_page.py
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                if get(url + "/")[0] == 200:
                    break
            except OSError:
                time.sleep(0.05)
        reply = post(url + "/tsa", ts_request(b"hello"), "application/timestamp-query")[2]
        assert Resp.load(reply)["status"]["status"].native == "granted"
        proc.send_signal(signal.SIGTERM)
        _out, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert f"Serving /tsa, /ocsp and /crl on http://127.0.0.1:{port}" in err
    assert '"POST /tsa HTTP/1.1" 200' in err
    assert "received SIGTERM, stopping" in err
    with open_store(store_home) as store:
        actions = [e.action for e in store.audit_entries()]
    assert "service.create" in actions and actions[-1] == "serve.stop"
