"""esign.keys: sealing keys as PKCS#12, passphrases as Secret, foreign PKCS#12 files."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12

from esign import keys, pki
from esign.errors import CertificateError, PassphraseError
from esign.keys import KeyType, Secret
from independent_pki import IndependentPki

AT = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)
PASS = Secret(b"officer-passphrase-1")
WRONG = Secret(b"officer-passphrase-2")


@pytest.fixture(scope="module")
def rsa_key() -> rsa.RSAPrivateKey:
    key = keys.generate_key(KeyType.RSA2048)
    assert isinstance(key, rsa.RSAPrivateKey)
    return key


@pytest.fixture(scope="module")
def ec_key() -> ec.EllipticCurvePrivateKey:
    key = keys.generate_key(KeyType.P256)
    assert isinstance(key, ec.EllipticCurvePrivateKey)
    return key


def _self_signed(key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey) -> x509.Certificate:
    return pki.create_ca(name="Key Test", key=key, at=AT)


def _der(key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


@pytest.fixture(scope="module", params=["p256", "rsa2048"])
def sealed(
    request: pytest.FixtureRequest,
    rsa_key: rsa.RSAPrivateKey,
    ec_key: ec.EllipticCurvePrivateKey,
) -> tuple[rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey, x509.Certificate, bytes]:
    key = ec_key if request.param == "p256" else rsa_key
    cert = _self_signed(key)
    return key, cert, keys.seal_key(key, cert, PASS, friendly_name="budi")


# --- seal / open ----------------------------------------------------------------------


def test_round_trip(sealed: tuple[object, x509.Certificate, bytes]) -> None:
    key, _cert, blob = sealed
    opened = keys.open_key(blob, PASS, "budi")
    assert _der(opened) == _der(key)  # type: ignore[arg-type]


def test_wrong_passphrase(sealed: tuple[object, x509.Certificate, bytes]) -> None:
    _key, _cert, blob = sealed
    with pytest.raises(PassphraseError) as info:
        keys.open_key(blob, WRONG, "budi")
    assert info.value.key == "pass.wrong"
    assert info.value.hint_key == "pass.wrong.hint"
    assert info.value.params == {"id": "budi"}
    assert "budi" in str(info.value)


def test_sealed_blob_is_pkcs12_that_needs_the_passphrase(
    sealed: tuple[object, x509.Certificate, bytes],
) -> None:
    key, cert, blob = sealed
    assert _der(key) not in blob  # type: ignore[arg-type]
    bundle = pkcs12.load_pkcs12(blob, PASS.value)
    assert bundle.key is not None
    assert _der(bundle.key) == _der(key)  # type: ignore[arg-type]
    assert bundle.cert is not None
    assert bundle.cert.certificate == cert
    assert bundle.cert.friendly_name == b"budi"
    with pytest.raises(ValueError):
        pkcs12.load_key_and_certificates(blob, WRONG.value)
    with pytest.raises((ValueError, TypeError)):
        pkcs12.load_key_and_certificates(blob, None)


def test_seal_keeps_the_chain(ec_key: ec.EllipticCurvePrivateKey) -> None:
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = pki.create_ca(name="Chain CA", key=ca_key, at=AT)
    cert = pki.issue_certificate(
        profile=pki.SubjectProfile(name="Budi"),
        public_key=ec_key.public_key(),
        ca_key=ca_key,
        ca_cert=ca,
        at=AT,
    )
    blob = keys.seal_key(ec_key, cert, PASS, chain=[ca])
    contents = keys.read_p12(blob, PASS, "budi.p12")
    assert contents.cert == cert
    assert contents.chain == [ca]


def test_kdf_rounds() -> None:
    assert keys.KDF_ROUNDS >= 600_000


def test_seal_refuses_other_key_types() -> None:
    from cryptography.hazmat.primitives.asymmetric import ed25519

    key = ed25519.Ed25519PrivateKey.generate()
    cert = pki.create_ca(name="Ed", key=key, at=AT)
    with pytest.raises(CertificateError) as info:
        keys.seal_key(key, cert, PASS)
    assert info.value.key == "cert.bad_key_type"


# --- Secret -----------------------------------------------------------------------------


def test_secret_never_shows_its_value() -> None:
    secret = Secret(b"hunter2-rahasia")
    for text in (repr(secret), str(secret), f"{secret}", f"{secret!r}", repr([secret])):
        assert "hunter2" not in text
        assert "***" in text
    assert secret.value == b"hunter2-rahasia"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("rahasia", b"rahasia"),
        ("rahasia\n", b"rahasia"),
        ("rahasia\r\n", b"rahasia"),
        ("rahasia\n\n", b"rahasia\n"),  # exactly one trailing newline is dropped
        (" rahasia ", b" rahasia "),  # spaces are part of the passphrase
        ("kata sandi ü", "kata sandi ü".encode()),
    ],
)
def test_secret_from_text(text: str, value: bytes) -> None:
    assert Secret.from_text(text).value == value


@pytest.mark.parametrize("text", ["", "\n", "\r\n"])
def test_secret_from_text_rejects_empty(text: str) -> None:
    with pytest.raises(PassphraseError) as info:
        Secret.from_text(text)
    assert info.value.key == "pass.empty"


# --- key types -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [("p256", KeyType.P256), ("P-256", KeyType.P256), ("RSA-2048", KeyType.RSA2048)],
)
def test_parse_key_type(name: str, expected: KeyType) -> None:
    assert keys.parse_key_type(name) is expected


def test_parse_key_type_rejects_unknown() -> None:
    with pytest.raises(CertificateError) as info:
        keys.parse_key_type("dsa1024")
    assert info.value.key == "cert.bad_key_type"
    assert "p256" in info.value.params["choices"]


def test_describe_key(rsa_key: rsa.RSAPrivateKey, ec_key: ec.EllipticCurvePrivateKey) -> None:
    assert keys.describe_key(rsa_key) == "RSA-2048"
    assert keys.describe_key(rsa_key.public_key()) == "RSA-2048"
    assert keys.describe_key(ec_key) == "EC-P256"


# --- foreign PKCS#12 ----------------------------------------------------------------------


def test_read_p12_from_the_independent_pki(independent: IndependentPki) -> None:
    chain = [independent.intermediate.cert, independent.root.cert]
    data = independent.signer.p12(b"pw", chain=chain)
    contents = keys.read_p12(data, Secret(b"pw"), "siti.p12")
    assert contents.cert == independent.signer.cert
    assert contents.key.public_key() == independent.signer.key.public_key()
    assert set(contents.chain) == set(chain)
    assert "pw" not in repr(contents) and "key=" not in repr(contents)


def test_read_p12_wrong_passphrase(independent: IndependentPki) -> None:
    data = independent.signer.p12(b"pw")
    with pytest.raises(PassphraseError) as info:
        keys.read_p12(data, Secret(b"not-pw"), "siti.p12")
    assert info.value.key == "cert.bad_p12"
    assert info.value.params == {"file": "siti.p12"}


def test_read_p12_damaged_file() -> None:
    with pytest.raises(PassphraseError) as info:
        keys.read_p12(b"\x30\x03garbage", Secret(b"pw"), "broken.p12")
    assert info.value.key == "cert.bad_p12"


def test_read_p12_without_key(independent: IndependentPki) -> None:
    data = pkcs12.serialize_key_and_certificates(
        b"only-cert",
        None,
        None,
        [independent.signer.cert],
        serialization.BestAvailableEncryption(b"pw"),
    )
    with pytest.raises(CertificateError) as info:
        keys.read_p12(data, Secret(b"pw"), "cert-only.p12")
    assert info.value.key == "cert.p12_no_key"
