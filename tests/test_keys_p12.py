"""esign.keys: the KeyHandle seam, PKCS#12 keys at rest (MAC work factor, wrong-passphrase
delay and audit), worker unlocks that never carry the sealed key or show the passphrase."""

from __future__ import annotations

import pickle
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.serialization import pkcs12

from esign import keys, pki
from esign.app import admin
from esign.errors import PassphraseError, SigningError
from esign.keys import KeyHandle, KeyRef, KeyScheme, KeyType, KeyUnlock, P12Key, Secret
from esign.keys import p12 as p12_module
from esign.store import open_store

AT = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)
PASS = Secret("kata-sandi-petugas ñ".encode())
CA_PASS = Secret(b"ca-passphrase-123")
OFFICER = Secret(b"officer-passphrase-1")


@pytest.fixture(scope="module")
def ec_pair() -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = ec.generate_private_key(ec.SECP256R1())
    return key, pki.create_ca(name="Key Test", key=key, at=AT)


@pytest.fixture(scope="module")
def rsa_pair() -> tuple[rsa.RSAPrivateKey, x509.Certificate]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key, pki.create_ca(name="Key Test RSA", key=key, at=AT)


@pytest.fixture(scope="module")
def blob(ec_pair: tuple[ec.EllipticCurvePrivateKey, x509.Certificate]) -> bytes:
    key, cert = ec_pair
    return keys.seal_key(key, cert, PASS, friendly_name="budi")


# --- the MAC costs a guesser what the encryption costs --------------------------------------


def test_mac_has_the_work_factor_of_the_encryption(blob: bytes) -> None:
    # One PKCS#12-KDF iteration is one SHA-256 compression, one PBKDF2-HMAC round two.
    assert keys.MAC_ROUNDS == 2 * keys.KDF_ROUNDS
    assert keys.mac_iterations(blob) == keys.MAC_ROUNDS
    assert not keys.needs_reseal(blob)


def test_cryptography_alone_writes_the_cheap_mac(
    ec_pair: tuple[ec.EllipticCurvePrivateKey, x509.Certificate],
) -> None:
    """What the fix replaces: the builder's MAC runs 2,048 iterations (a ~5,800 guesses/s
    shortcut around the 600,000 PBKDF2 rounds)."""
    key, cert = ec_pair
    cheap = pkcs12.serialize_key_and_certificates(
        b"x", key, cert, None, p12_module._encryption(PASS)
    )
    assert keys.mac_iterations(cheap) == 2048
    assert keys.needs_reseal(cheap)


def test_openssl_reads_the_mac_and_the_key(blob: bytes, tmp_path: Path) -> None:
    """The independent referee: OpenSSL verifies our recomputed MAC (a wrong MAC or a
    wrong iteration count fails here) and decrypts the key."""
    path = tmp_path / "budi.p12"
    path.write_bytes(blob)
    secret = tmp_path / "pass.txt"
    secret.write_bytes(PASS.value)
    info = subprocess.run(
        ["openssl", "pkcs12", "-in", str(path), "-info", "-noout", "-passin", f"file:{secret}"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert info.returncode == 0, info.stderr
    assert "MAC: sha256, Iteration 1200000" in info.stderr
    assert "Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC, Iteration 600000" in info.stderr
    wrong = tmp_path / "wrong.txt"
    wrong.write_bytes(b"not-the-passphrase")
    refused = subprocess.run(
        ["openssl", "pkcs12", "-in", str(path), "-info", "-noout", "-passin", f"file:{wrong}"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert refused.returncode != 0
    assert "mac verify error" in refused.stderr.lower()


def test_non_ascii_passphrase_round_trips(
    blob: bytes, ec_pair: tuple[ec.EllipticCurvePrivateKey, x509.Certificate]
) -> None:
    key, _cert = ec_pair
    opened = keys.open_key(blob, PASS, "budi")
    assert opened.public_key() == key.public_key()
    with pytest.raises(PassphraseError):
        keys.open_key(blob, Secret(b"kata-sandi-petugas n"), "budi")


# --- wrong passphrases: a growing delay, and the audit log -----------------------------------


def test_failure_delay_grows_and_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ESIGN_PASSPHRASE_DELAY")
    assert p12_module.failure_delay(1) == p12_module.FAILURE_DELAY == 0.5
    assert p12_module.failure_delay(2) == 1.0
    assert p12_module.failure_delay(3) == 2.0
    assert p12_module.failure_delay(10) == p12_module.FAILURE_DELAY_MAX
    monkeypatch.setenv("ESIGN_PASSPHRASE_DELAY", "0.01")
    assert p12_module.failure_delay(1) == 0.01
    assert p12_module.failure_delay(3) == 0.04


def test_wrong_passphrase_waits(blob: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    slept: list[float] = []
    monkeypatch.setattr(p12_module.time, "sleep", slept.append)
    monkeypatch.setattr(p12_module, "_failures", 0)
    for _ in range(3):
        with pytest.raises(PassphraseError):
            keys.open_key(blob, Secret(b"wrong-wrong"), "budi")
    assert slept == [0.001, 0.002, 0.004]
    keys.open_key(blob, PASS, "budi")  # a right one does not wait
    assert len(slept) == 3


def test_wrong_passphrase_is_audited(store_home: Path) -> None:
    now = datetime.now(UTC)
    with open_store(store_home) as store:
        before = len(store.audit_entries())
        with pytest.raises(PassphraseError):
            admin.unlock(store, "budi", Secret(b"wrong-passphrase"), now)
        with pytest.raises(PassphraseError):
            admin.revoke(
                store, id="budi", reason="keyCompromise", ca_passphrase=Secret(b"nope-nope"), at=now
            )
        entries = store.audit_entries()[before:]
        assert store.get("budi").revoked_at is None
    assert [(e.action, e.identity) for e in entries] == [
        ("key.unlock_failed", "budi"),
        ("key.unlock_failed", "ca"),
    ]
    assert all("wrong-passphrase" not in str(e.detail) for e in entries)


# --- the handle ------------------------------------------------------------------------


def test_p12_key_is_a_handle_that_signs(
    ec_pair: tuple[ec.EllipticCurvePrivateKey, x509.Certificate],
    rsa_pair: tuple[rsa.RSAPrivateKey, x509.Certificate],
) -> None:
    ec_key, ec_cert = ec_pair
    handle = P12Key(id="e", private_key=ec_key, cert=ec_cert)
    assert isinstance(handle, KeyHandle)
    ec_cert.public_key().verify(  # type: ignore[call-arg, union-attr]
        handle.sign(b"surat", "sha384"), b"surat", ec.ECDSA(hashes.SHA384())
    )
    rsa_key, rsa_cert = rsa_pair
    signature = P12Key(id="r", private_key=rsa_key, cert=rsa_cert).sign(b"surat", "sha256")
    rsa_key.public_key().verify(signature, b"surat", padding.PKCS1v15(), hashes.SHA256())
    with pytest.raises(SigningError):
        handle.sign(b"surat", "md5")
    assert "private_key" not in repr(handle)


@pytest.mark.parametrize("pair", ["ec_pair", "rsa_pair"])
def test_issuer_key_signs_certificates_through_the_handle(
    pair: str, request: pytest.FixtureRequest
) -> None:
    """cryptography's builders sign through ``KeyHandle.sign`` (what a PKCS#11 key needs):
    the adapter never exports the key."""
    key, cert = request.getfixturevalue(pair)
    calls: list[str] = []

    class Counting(P12Key):
        def sign(self, data: bytes, hash_algorithm: str) -> bytes:
            calls.append(hash_algorithm)
            return super().sign(data, hash_algorithm)

    adapter = keys.issuer_key(Counting(id="ca", private_key=key, cert=cert))
    leaf = ec.generate_private_key(ec.SECP256R1())
    issued = pki.issue_certificate(
        profile=pki.SubjectProfile(name="Ani"),
        public_key=leaf.public_key(),
        ca_key=adapter,
        ca_cert=cert,
        at=AT,
    )
    issued.verify_directly_issued_by(cert)
    assert calls == ["sha256"]
    with pytest.raises(SigningError):
        adapter.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )


def test_key_refs() -> None:
    assert KeyRef.parse("p12:budi") == KeyRef(KeyScheme.P12, "budi")
    assert str(KeyRef.parse("pkcs11:token=BSrE;object=budi")) == "pkcs11:token=BSrE;object=budi"
    for bad in ("budi", "p12:", "file:/etc/passwd"):
        with pytest.raises(SigningError) as info:
            KeyRef.parse(bad)
        assert info.value.key == "key.bad_ref"


def test_incomplete_pkcs11_refs_are_refused(ec_pair: tuple[object, x509.Certificate]) -> None:
    with pytest.raises(SigningError) as info:
        keys.open_ref(
            "pkcs11:object=budi",
            PASS,
            id="budi",
            cert=ec_pair[1],
            chain=(),
            sealed=lambda ref: b"",
        )
    assert info.value.key == "key.bad_ref"  # a token reference needs token, object and id


# --- worker unlocks --------------------------------------------------------------------


def test_worker_unlock_carries_a_reference_not_the_key(store_home: Path) -> None:
    from esign.batch import unlock_in_worker

    with open_store(store_home) as store:
        record = store.get("budi")
        blob = store.sealed_key(record.key_ref or "")
    unlock = KeyUnlock(store=str(store_home), id="budi", ref="p12:budi", passphrase=OFFICER)
    assert repr(unlock) == (
        f"KeyUnlock(store={str(store_home)!r}, id='budi', ref='p12:budi', passphrase=Secret(***))"
    )
    assert OFFICER.value.decode() not in repr(unlock) + str(unlock)
    wire = pickle.dumps(unlock)  # what a spawned worker receives over its pipe
    assert blob not in wire
    handle = unlock_in_worker(pickle.loads(wire))
    assert handle.id == "budi" and handle.cert == record.cert
    record.cert.public_key().verify(  # type: ignore[call-arg, union-attr]
        handle.sign(b"x", "sha256"), b"x", ec.ECDSA(hashes.SHA256())
    )


def test_old_blob_is_resealed_on_first_unlock(isolated_env: Path) -> None:
    """A store written before this fix (2,048 MAC iterations) is brought up to today's
    parameters the first time the right passphrase opens the key."""
    from esign.store import create_store

    key = keys.generate_key(KeyType.P256)
    with create_store(isolated_env, AT) as store:
        admin.create_ca(store, name="Root", passphrase=CA_PASS, at=AT, key_type=KeyType.P256)
        ca = store.ca()
        assert ca.key_ref is not None
        cert = pki.issue_certificate(
            profile=pki.SubjectProfile(name="Budi"),
            public_key=key.public_key(),
            ca_key=keys.issuer_key(admin.unlock_record(store, ca, CA_PASS, AT)),
            ca_cert=ca.cert,
            at=AT,
        )
        old = pkcs12.serialize_key_and_certificates(
            b"budi", key, cert, [ca.cert], p12_module._encryption(OFFICER)
        )
        store.add_identity(
            id="budi", kind=pki.CertKind.PERSON, cert=cert, key_p12=old, at=AT, source="t"
        )
        assert keys.needs_reseal(store.sealed_key("p12:budi"))
        admin.unlock(store, "budi", OFFICER, AT)
        fresh = store.sealed_key("p12:budi")
    assert keys.mac_iterations(fresh) == keys.MAC_ROUNDS
    assert keys.open_key(fresh, OFFICER, "budi").public_key() == key.public_key()
