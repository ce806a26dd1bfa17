"""esign.keys.cms: the batch's CMS template gives what pyHanko's own assembly gives.

RSA PKCS#1 v1.5 is deterministic, so the container made from the template must equal
pyHanko's byte for byte; ECDSA is not, so there the parts around the signature must be
equal and the signature must verify over the signed attributes.
"""

from __future__ import annotations

import asyncio
import hashlib
from datetime import UTC, datetime
from typing import Any

import pytest
from asn1crypto import cms
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes, Signer

from esign import pki
from esign.keys import P12Key
from esign.keys import cms as cms_template
from esign.models import SigningRole
from esign.roles import cades_spec

AT = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)


def _officer(key: Any, ca_key: Any, ca: x509.Certificate) -> x509.Certificate:
    return pki.issue_certificate(
        profile=pki.SubjectProfile(name="Budi Santoso", nip="198701012010011001", org="Dinas"),
        public_key=key.public_key(),
        ca_key=ca_key,
        ca_cert=ca,
        at=AT,
    )


@pytest.fixture(scope="module")
def rsa_key() -> P12Key:
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca = pki.create_ca(name="Template CA", key=ca_key, at=AT)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return P12Key(id="budi", private_key=key, cert=_officer(key, ca_key, ca), chain=(ca,))


@pytest.fixture(scope="module")
def ec_key() -> P12Key:
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = pki.create_ca(name="Template CA EC", key=ca_key, at=AT)
    key = ec.generate_private_key(ec.SECP256R1())
    return P12Key(id="budi", private_key=key, cert=_officer(key, ca_key, ca), chain=(ca,))


def _signed_set(info: Any) -> bytes:
    """What the signature covers: the signed attributes as a DER SET, not [0] IMPLICIT."""
    return b"\x31" + info["signed_attrs"].dump()[1:]


def _both(signer: Any, digest: bytes, **kw: Any) -> tuple[bytes, bytes]:
    """(template's container, pyHanko's own) for the same call."""

    async def go() -> tuple[bytes, bytes]:
        fast = await signer.async_sign(digest, "sha256", use_pades=True, **kw)
        own = await Signer.async_sign(signer, digest, "sha256", use_pades=True, **kw)
        return fast.dump(), own.dump()

    return asyncio.run(go())


def test_rsa_container_is_pyhankos_byte_for_byte(rsa_key: P12Key) -> None:
    signer = rsa_key.pyhanko_signer()
    for n in range(3):  # the template is made once and reused for every letter
        digest = hashlib.sha256(b"surat %d" % n).digest()
        settings = PdfCMSSignedAttributes(signing_time=datetime(2026, 12, 4, n, tzinfo=UTC))
        fast, own = _both(signer, digest, signed_attr_settings=settings)
        assert fast == own
    assert signer.templates["sha256"] is not None
    info = cms.ContentInfo.load(fast)["content"]["signer_infos"][0]
    values = {a["type"].native: a["values"][0] for a in info["signed_attrs"]}
    assert values["message_digest"].native == digest


def test_roots_embedded_or_not_each_have_their_own_template(rsa_key: P12Key) -> None:
    digest = hashlib.sha256(b"surat").digest()
    with_roots = _both(rsa_key.pyhanko_signer(embed_roots=True), digest)
    without = _both(rsa_key.pyhanko_signer(embed_roots=False), digest)
    assert with_roots[0] == with_roots[1] and without[0] == without[1]
    assert len(with_roots[0]) > len(without[0])  # the root certificate is in one only


def test_ecdsa_signature_of_varying_length_verifies(ec_key: P12Key) -> None:
    signer = ec_key.pyhanko_signer()
    public = ec_key.cert.public_key()
    assert isinstance(public, ec.EllipticCurvePublicKey)
    lengths = set()
    for n in range(12):  # DER ECDSA signatures are 70-72 bytes: lengths must follow
        digest = hashlib.sha256(b"surat %d" % n).digest()
        fast, own = _both(signer, digest)
        a = cms.ContentInfo.load(fast)["content"]
        b = cms.ContentInfo.load(own)["content"]
        for part in ("version", "digest_algorithms", "encap_content_info", "certificates"):
            assert a[part].dump() == b[part].dump()
        info = a["signer_infos"][0]
        assert info["signed_attrs"].dump() == b["signer_infos"][0]["signed_attrs"].dump()
        signature = info["signature"].native
        lengths.add(len(signature))
        public.verify(signature, _signed_set(info), ec.ECDSA(hashes.SHA256()))
        assert cms.ContentInfo.load(fast).dump(force=True) == fast  # well-formed DER
    assert len(lengths) > 1


def test_a_signing_role_goes_to_pyhanko(rsa_key: P12Key) -> None:
    signer = rsa_key.pyhanko_signer()
    role = SigningRole(on_behalf_of="Bupati Jember")
    settings = PdfCMSSignedAttributes(cades_signed_attrs=cades_spec(role, "Kepala Dinas"))
    assert not cms_template.eligible(
        signer,
        dry_run=False,
        use_pades=True,
        is_pdf_sig=True,
        encap_content_info=None,
        settings=settings,
    )
    digest = hashlib.sha256(b"surat").digest()
    fast, own = _both(signer, digest, signed_attr_settings=settings)
    assert fast == own
    types = [
        a["type"].native
        for a in cms.ContentInfo.load(fast)["content"]["signer_infos"][0]["signed_attrs"]
    ]
    assert "signer_attributes_v2" in types


def test_a_dry_run_goes_to_pyhanko(rsa_key: P12Key) -> None:
    signer = rsa_key.pyhanko_signer()
    assert not cms_template.eligible(
        signer,
        dry_run=True,
        use_pades=True,
        is_pdf_sig=True,
        encap_content_info=None,
        settings=None,
    )


def test_signature_covers_the_signed_attributes(rsa_key: P12Key) -> None:
    digest = hashlib.sha256(b"surat").digest()
    fast, _own = _both(rsa_key.pyhanko_signer(), digest)
    info = cms.ContentInfo.load(fast)["content"]["signer_infos"][0]
    public = rsa_key.cert.public_key()
    assert isinstance(public, rsa.RSAPublicKey)
    public.verify(
        info["signature"].native,
        _signed_set(info),
        padding.PKCS1v15(),
        hashes.SHA256(),
    )
    tampered = bytearray(info["signature"].native)
    tampered[-1] ^= 1
    with pytest.raises(InvalidSignature):
        public.verify(bytes(tampered), _signed_set(info), padding.PKCS1v15(), hashes.SHA256())


# --- the time-stamp authority's tokens ------------------------------------------------------


def _tsa(key_kind: str, serials: Any) -> Any:
    from esign.timestamp import TimestampAuthority

    if key_kind == "rsa":
        ca_key: Any = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        key: Any = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    else:
        ca_key, key = (
            ec.generate_private_key(ec.SECP256R1()),
            ec.generate_private_key(ec.SECP256R1()),
        )
    ca = pki.create_ca(name="TSA Test CA", key=ca_key, at=AT)
    cert = pki.issue_service_certificate(
        service="tsa", public_key=key.public_key(), ca_key=ca_key, ca_cert=ca, at=AT, base_url=None
    )
    handle = P12Key(id="tsa", private_key=key, cert=cert, chain=(ca,))
    return TimestampAuthority(handle, record=serials)


def _request(message: bytes, *, nonce: int = 7, cert_req: bool = True) -> bytes:
    from asn1crypto import algos, tsp

    return tsp.TimeStampReq(
        {
            "version": 1,
            "message_imprint": {
                "hash_algorithm": algos.DigestAlgorithm({"algorithm": "sha256"}),
                "hashed_message": hashlib.sha256(message).digest(),
            },
            "nonce": nonce,
            "cert_req": cert_req,
        }
    ).dump()


@pytest.mark.parametrize("cert_req", [True, False])
def test_tsa_token_is_pyhankos_byte_for_byte(
    monkeypatch: pytest.MonkeyPatch, cert_req: bool
) -> None:
    fast = _tsa("rsa", lambda _record: 41)
    assert fast._template is not None
    slow = _tsa("rsa", lambda _record: 41)
    monkeypatch.setattr(slow, "_template", None)
    slow.key, slow._signer, slow._tsa_name = fast.key, fast._signer, fast._tsa_name
    at = datetime(2026, 12, 4, 15, 1, 2, 345678, tzinfo=UTC)
    body = _request(b"surat", cert_req=cert_req)
    answer = fast.respond(body, at=at, requester="127.0.0.1")
    assert answer == slow.respond(body, at=at, requester="127.0.0.1")
    from asn1crypto import tsp

    token = tsp.TimeStampResp.load(answer)["time_stamp_token"]["content"]
    assert bool(token["certificates"].native) is cert_req
    info = token["encap_content_info"]["content"].parsed
    assert info["serial_number"].native == 41 and info["nonce"].native == 7


def test_tsa_answers_many_threads_at_once_each_its_own_token() -> None:
    import itertools
    import threading

    from asn1crypto import tsp
    from pyhanko.sign.validation.generic_cms import validate_tst_signed_data
    from pyhanko_certvalidator import ValidationContext

    counter = itertools.count(1)
    lock = threading.Lock()

    def serial(_record: Any) -> int:
        with lock:
            return next(counter)

    tsa = _tsa("ec", serial)
    assert tsa._template is not None
    answers: dict[int, bytes] = {}

    def client(n: int) -> None:
        for i in range(10):
            nonce = n * 100 + i
            body = _request(b"surat %d" % nonce, nonce=nonce)
            answers[nonce] = tsa.respond(body, at=datetime.now(UTC), requester="127.0.0.1")

    threads = [threading.Thread(target=client, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(answers) == 80
    serials = set()
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives.serialization import Encoding

    root = asn1_x509.Certificate.load(tsa.key.chain[0].public_bytes(Encoding.DER))
    for nonce, answer in answers.items():
        resp = tsp.TimeStampResp.load(answer)
        assert resp["status"]["status"].native == "granted"
        signed = resp["time_stamp_token"]["content"]
        info = signed["encap_content_info"]["content"].parsed
        assert info["nonce"].native == nonce
        assert (
            info["message_imprint"]["hashed_message"].native
            == hashlib.sha256(b"surat %d" % nonce).digest()
        )
        serials.add(info["serial_number"].native)
        status = asyncio.run(
            validate_tst_signed_data(
                signed,
                ValidationContext(trust_roots=[root], allow_fetching=False),
                lambda _algorithm, n=nonce: hashlib.sha256(b"surat %d" % n).digest(),
            )
        )
        assert status["intact"] and status["valid"], status
        assert status["trust_problem_indic"] is None, status
    assert len(serials) == 80
