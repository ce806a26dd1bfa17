"""esign.store and esign.app.admin: the SQLite store, its permissions, audit chain and the
administrator's operations on it."""

from __future__ import annotations

import itertools
import sqlite3
import stat
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from conftest import CA_PASS, NIP, PASS
from esign import keys, pki
from esign.app import admin
from esign.errors import CertificateError, PassphraseError, StoreError
from esign.keys import KeyType, Secret
from esign.models import CertKind, CertStatus
from esign.store import (
    DB_NAME,
    Store,
    TrustAnchorRecord,
    check_id,
    copy_store,
    create_store,
    open_store,
    verify_audit_chain,
)
from independent_pki import IndependentPki

AT = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)
SECRET = Secret(PASS.encode())
CA_SECRET = Secret(CA_PASS.encode())


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


BACKENDS = ["sqlite", "postgresql"]


def _location(request: pytest.FixtureRequest, isolated_env: Path) -> str:
    """The SQLite folder, or a new database in the test PostgreSQL cluster."""
    if request.param == "postgresql":
        return str(request.getfixturevalue("pg_url"))
    return str(isolated_env)


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, isolated_env: Path) -> Iterator[Store]:
    """A new store on each backend: the backend-neutral tests run on both."""
    with create_store(_location(request, isolated_env), AT) as s:
        yield s


@pytest.fixture
def sqlite_store(isolated_env: Path) -> Iterator[Store]:
    """A new SQLite store, for the tests that edit its file behind its back."""
    with create_store(isolated_env, AT) as s:
        yield s


@pytest.fixture(params=BACKENDS)
def office_copy(request: pytest.FixtureRequest, store_home: Path) -> Iterator[Store]:
    """The office store (CA, officer, seal): its SQLite copy, or that copy moved to
    PostgreSQL with ``esign store copy``."""
    location = str(store_home)
    if request.param == "postgresql":
        location = str(request.getfixturevalue("pg_url"))
        copy_store(store_home, location, AT)
    with open_store(location) as s:
        yield s


@pytest.fixture(scope="module")
def ec_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


@pytest.fixture(scope="module")
def self_signed(ec_key: ec.EllipticCurvePrivateKey) -> x509.Certificate:
    return pki.create_ca(name="Store Test", key=ec_key, at=AT)


def _tamper(store: Store, sql: str, *args: object) -> None:
    """Edit the store's database behind its back (as an attacker with database access)."""
    if store.location.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(store.location, autocommit=True) as conn:
            conn.execute(sql.replace("?", "%s"), args)  # type: ignore[arg-type]
        return
    _raw(Path(store.location) / DB_NAME, sql, *args)


def _raw(conn_path: Path, sql: str, *args: object) -> None:
    conn = sqlite3.connect(conn_path)
    with conn:
        conn.execute(sql, args)
    conn.close()


# --- creating and opening ------------------------------------------------------------------


def test_create_sets_permissions(isolated_env: Path) -> None:
    with create_store(isolated_env, AT) as s:
        assert _mode(isolated_env) == 0o700
        assert _mode(isolated_env / DB_NAME) == 0o600
        s.audit("test", at=AT)  # the WAL file appears with the first write
        for extra in isolated_env.glob(DB_NAME + "-*"):
            assert _mode(extra) & 0o077 == 0, f"{extra.name} is {oct(_mode(extra))}"


def test_create_tightens_an_existing_folder(isolated_env: Path) -> None:
    isolated_env.mkdir(mode=0o755)
    isolated_env.chmod(0o755)
    create_store(isolated_env, AT).close()
    assert _mode(isolated_env) == 0o700


def test_create_twice_refuses(isolated_env: Path) -> None:
    create_store(isolated_env, AT).close()
    before = (isolated_env / DB_NAME).read_bytes()
    with pytest.raises(StoreError) as info:
        create_store(isolated_env, AT)
    assert info.value.key == "store.exists"
    assert str(isolated_env) in str(info.value)
    assert (isolated_env / DB_NAME).read_bytes() == before


def test_open_missing_store(isolated_env: Path) -> None:
    with pytest.raises(StoreError) as info:
        open_store(isolated_env)
    assert info.value.key == "store.missing"
    assert info.value.hint is not None and "esign init" in info.value.hint
    assert not isolated_env.exists()  # opening never creates


def test_open_corrupt_store(isolated_env: Path) -> None:
    isolated_env.mkdir()
    (isolated_env / DB_NAME).write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError) as info:
        open_store(isolated_env)
    assert info.value.key == "store.corrupt"


def test_open_newer_schema(isolated_env: Path) -> None:
    create_store(isolated_env, AT).close()
    _raw(isolated_env / DB_NAME, "UPDATE meta SET value = '99' WHERE key = 'schema'")
    with pytest.raises(StoreError) as info:
        open_store(isolated_env)
    assert info.value.key == "store.newer"


def test_open_round_trip(isolated_env: Path, self_signed: x509.Certificate) -> None:
    with create_store(isolated_env, AT) as s:
        s.add_identity(id="x", kind=CertKind.CA, cert=self_signed, key_p12=None, at=AT, source="t")
    with open_store(isolated_env) as s:
        record = s.get("x")
    assert record.cert == self_signed
    assert record.kind is CertKind.CA
    assert record.key_ref is None and not record.has_key
    assert record.created_at == AT


# --- ids --------------------------------------------------------------------------------------


@pytest.mark.parametrize("good", ["budi", "a", "Seal.2026", "kepala_dinas-1", "x" * 64, "9"])
def test_check_id_accepts(good: str) -> None:
    assert check_id(good) == good


@pytest.mark.parametrize(
    "bad", ["a/b", "", "x" * 65, "../etc", ".hidden", "-flag", "a b", "budi;", "büdi"]
)
def test_check_id_rejects(bad: str) -> None:
    with pytest.raises(StoreError) as info:
        check_id(bad)
    assert info.value.key == "store.bad_id"
    assert info.value.params == {"id": bad}


@pytest.mark.parametrize("bad", ["budi\n", "budi\r\n", "\nbudi"])
def test_check_id_rejects_newlines(bad: str) -> None:
    """Regression: ``$`` also matches before a trailing newline; check_id uses fullmatch."""
    with pytest.raises(StoreError) as info:
        check_id(bad)
    assert info.value.key == "store.bad_id"


def test_add_identity_duplicate(store: Store, self_signed: x509.Certificate) -> None:
    store.add_identity(id="x", kind=CertKind.CA, cert=self_signed, key_p12=None, at=AT, source="t")
    with pytest.raises(StoreError) as info:
        store.add_identity(
            id="x", kind=CertKind.PERSON, cert=self_signed, key_p12=None, at=AT, source="t"
        )
    assert info.value.key == "store.duplicate_id"
    assert info.value.hint_key == "store.duplicate_id.hint"
    assert [r.id for r in store.identities()] == ["x"]
    assert store.get("x").kind is CertKind.CA


def test_add_identity_bad_id(store: Store, self_signed: x509.Certificate) -> None:
    with pytest.raises(StoreError) as info:
        store.add_identity(
            id="a/b", kind=CertKind.CA, cert=self_signed, key_p12=None, at=AT, source="t"
        )
    assert info.value.key == "store.bad_id"
    assert store.identities() == []


def test_get_unknown(store: Store) -> None:
    with pytest.raises(StoreError) as info:
        store.get("nobody")
    assert info.value.key == "store.unknown_id"
    assert info.value.hint_key == "store.unknown_id.hint"


# --- private keys at rest ------------------------------------------------------------------------


def test_private_key_is_not_stored_in_clear(
    sqlite_store: Store,
    isolated_env: Path,
    ec_key: ec.EllipticCurvePrivateKey,
    self_signed: x509.Certificate,
) -> None:
    blob = keys.seal_key(ec_key, self_signed, SECRET)
    sqlite_store.add_identity(
        id="k", kind=CertKind.SEAL, cert=self_signed, key_p12=blob, at=AT, source="t"
    )
    der = ec_key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    scalar = ec_key.private_numbers().private_value.to_bytes(32, "big")
    files = sorted(isolated_env.glob(DB_NAME + "*"))
    assert files, "no database files found"
    raw = b"".join(f.read_bytes() for f in files)  # store.db and its WAL
    assert blob in raw  # the sealed blob *is* there (so the scan looks in the right place)
    assert der not in raw
    assert scalar not in raw
    ref = sqlite_store.get("k").key_ref
    assert ref == "p12:k"
    stored = sqlite_store.sealed_key(ref)
    assert stored == blob
    with pytest.raises(PassphraseError):
        keys.open_key(stored, Secret(b"wrong-passphrase"), "k")
    assert keys.open_key(stored, SECRET, "k").public_key() == ec_key.public_key()


def test_office_keys_are_not_stored_in_clear(office_copy: Store, store_home: Path) -> None:
    raw = b"".join(f.read_bytes() for f in store_home.glob(DB_NAME + "*"))
    for id_, secret in (("budi", SECRET), ("ca", CA_SECRET)):
        record = office_copy.get(id_)
        assert record.key_ref is not None
        key = keys.open_key(office_copy.sealed_key(record.key_ref), secret, id_)
        der = key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        assert der not in raw, f"{id_}'s key is stored in clear"


# --- audit log --------------------------------------------------------------------------------


def _fill_audit(store: Store) -> None:
    for n in range(1, 5):
        store.audit(
            f"act{n}",
            at=AT + timedelta(minutes=n),
            identity="budi",
            subject="CN=Budi",
            detail={"n": n, "teks": "Surat ü"},
        )


def test_audit_chain_holds(store: Store) -> None:
    _fill_audit(store)
    entries = store.audit_entries()
    assert [e.action for e in entries] == ["init", "act1", "act2", "act3", "act4"]
    assert entries[0].prev_hash == "0" * 64
    for earlier, later in itertools.pairwise(entries):
        assert later.prev_hash == earlier.hash
        assert later.seq > earlier.seq
    assert len({e.hash for e in entries}) == len(entries)
    assert entries[2].detail == {"n": 2, "teks": "Surat ü"}
    assert entries[2].at == AT + timedelta(minutes=2)
    assert verify_audit_chain(entries) is None


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("detail", '{"n": 99, "teks": "Surat ü"}'),
        ("action", "act-forged"),
        ("identity", "mallory"),
        ("subject", "CN=Mallory"),
        ("at", "2020-01-01T00:00:00+00:00"),
    ],
)
def test_audit_chain_detects_an_edited_row(store: Store, column: str, value: str) -> None:
    _fill_audit(store)
    target = store.audit_entries()[2]
    _tamper(
        store,
        f"UPDATE audit_log SET {column} = ? WHERE seq = ?",
        value,
        target.seq,
    )
    broken = verify_audit_chain(store.audit_entries())
    assert broken is not None
    assert broken.seq == target.seq


def test_audit_chain_detects_a_deleted_row(store: Store) -> None:
    _fill_audit(store)
    entries = store.audit_entries()
    _tamper(store, "DELETE FROM audit_log WHERE seq = ?", entries[2].seq)
    broken = verify_audit_chain(store.audit_entries())
    assert broken is not None
    assert broken.seq == entries[3].seq  # the entry after the gap no longer links


def test_audit_chain_detects_a_rehashed_row_that_breaks_the_link(store: Store) -> None:
    """Rewriting one row *and* its own hash still breaks the next row's link."""
    from esign.store.audit import entry_hash as _entry_hash

    _fill_audit(store)
    target = store.audit_entries()[2]
    body = '{"n": 99, "teks": "Surat ü"}'
    forged = _entry_hash(
        target.prev_hash,
        target.at.isoformat(),
        target.action,
        target.identity,
        target.subject,
        body,
    )
    _tamper(
        store,
        "UPDATE audit_log SET detail = ?, hash = ? WHERE seq = ?",
        body,
        forged,
        target.seq,
    )
    broken = verify_audit_chain(store.audit_entries())
    assert broken is not None
    assert broken.seq == target.seq + 1


# --- trust anchors (store level) ------------------------------------------------------------


def test_trust_anchors_add_list_remove(store: Store, self_signed: x509.Certificate) -> None:
    fp = pki.fingerprint(self_signed)
    assert store.trust_anchors() == []
    assert store.add_trust_anchor(self_signed, fp, "test", AT) is True
    assert store.add_trust_anchor(self_signed, fp, "again", AT) is False
    assert store.trust_anchors() == [
        TrustAnchorRecord(fingerprint=fp, cert=self_signed, source="test")
    ]
    store.remove_trust_anchor(fp)
    assert store.trust_anchors() == []


# --- admin: the CA ---------------------------------------------------------------------------


def test_create_ca_is_trusted_and_audited(store: Store) -> None:
    info = admin.create_ca(
        store, name="Kominfo Root", passphrase=CA_SECRET, at=AT, key_type=KeyType.P256
    )
    assert info.id == "ca"
    assert info.kind is CertKind.CA
    assert info.has_key
    anchors = admin.trust_list(store)
    assert [a.fingerprint for a in anchors] == [info.fingerprint]
    assert anchors[0].source == "ca create"
    assert admin.trust_roots(store) == [store.ca().cert]
    assert [e.action for e in store.audit_entries()] == ["init", "ca.create"]
    with pytest.raises(StoreError) as err:
        admin.create_ca(store, name="Second", passphrase=CA_SECRET, at=AT, key_type=KeyType.P256)
    assert err.value.key == "store.ca_exists"


def test_issue_requires_a_ca(store: Store) -> None:
    with pytest.raises(StoreError) as info:
        admin.issue(
            store,
            id="budi",
            profile=pki.SubjectProfile(name="Budi", nip=NIP),
            ca_passphrase=CA_SECRET,
            passphrase=SECRET,
            at=AT,
            base_url=None,
            key_type=KeyType.P256,
        )
    assert info.value.key == "store.no_ca"
    assert info.value.hint_key == "store.no_ca.hint"
    assert store.identities() == []


def test_issue_with_wrong_ca_passphrase_writes_nothing(office_copy: Store) -> None:
    before = len(office_copy.identities())
    with pytest.raises(PassphraseError) as info:
        admin.issue(
            office_copy,
            id="ani",
            profile=pki.SubjectProfile(name="Ani"),
            ca_passphrase=Secret(b"not-the-ca-passphrase"),
            passphrase=SECRET,
            at=AT,
            base_url=None,
            key_type=KeyType.P256,
        )
    assert info.value.key == "pass.wrong"
    assert len(office_copy.identities()) == before


def test_issue_duplicate_id(office_copy: Store) -> None:
    with pytest.raises(StoreError) as info:
        admin.issue(
            office_copy,
            id="budi",
            profile=pki.SubjectProfile(name="Budi Lain"),
            ca_passphrase=CA_SECRET,
            passphrase=SECRET,
            at=AT,
            base_url=None,
            key_type=KeyType.P256,
        )
    assert info.value.key == "store.duplicate_id"


def test_office_store_contents(office_copy: Store) -> None:
    now = datetime.now(UTC)
    certs = {c.id: c for c in admin.list_certs(office_copy, now)}
    assert list(certs) == ["ca", "budi", "seal"]
    assert certs["budi"].subject.nip == NIP
    assert certs["budi"].kind is CertKind.PERSON
    assert certs["seal"].kind is CertKind.SEAL
    assert all(c.status is CertStatus.ACTIVE for c in certs.values())
    budi = office_copy.get("budi")
    budi.cert.verify_directly_issued_by(office_copy.ca().cert)
    assert budi.chain == (office_copy.ca().cert,)
    assert verify_audit_chain(office_copy.audit_entries()) is None


# --- admin: choosing and unlocking a signer ---------------------------------------------------


def test_choose_signer_none(store: Store) -> None:
    admin.create_ca(store, name="Root", passphrase=CA_SECRET, at=AT, key_type=KeyType.P256)
    with pytest.raises(StoreError) as info:
        admin.choose_signer(store, None)
    assert info.value.key == "store.no_signer"
    assert info.value.hint_key == "store.no_signer.hint"


def test_choose_signer_one(store: Store, independent: IndependentPki) -> None:
    admin.import_p12(
        store,
        id="siti",
        data=independent.signer.p12(b"pw"),
        file="siti.p12",
        passphrase=Secret(b"pw"),
        at=AT,
    )
    assert admin.choose_signer(store, None) == "siti"


def test_choose_signer_many(office_copy: Store) -> None:
    with pytest.raises(StoreError) as info:
        admin.choose_signer(office_copy, None)
    assert info.value.key == "store.many_signers"
    assert info.value.params["ids"] == "budi, seal"
    assert info.value.hint_key == "store.many_signers.hint"
    assert admin.choose_signer(office_copy, "seal") == "seal"
    with pytest.raises(StoreError) as unknown:
        admin.choose_signer(office_copy, "nobody")
    assert unknown.value.key == "store.unknown_id"


def test_unlock(office_copy: Store) -> None:
    now = datetime.now(UTC)
    signing = admin.unlock(office_copy, "budi", SECRET, now)
    assert signing.id == "budi"
    assert signing.cert == office_copy.get("budi").cert
    signature = signing.sign(b"surat", "sha256")  # through the handle: the key stays inside
    public = signing.cert.public_key()
    assert isinstance(public, ec.EllipticCurvePublicKey)
    public.verify(signature, b"surat", ec.ECDSA(hashes.SHA256()))
    assert "key=" not in repr(signing)
    with pytest.raises(PassphraseError) as info:
        admin.unlock(office_copy, "budi", Secret(b"wrong-passphrase"), now)
    assert info.value.key == "pass.wrong"


def test_unlock_refuses_the_ca(office_copy: Store) -> None:
    with pytest.raises(StoreError) as info:
        admin.unlock(office_copy, "ca", CA_SECRET, datetime.now(UTC))
    assert info.value.key == "store.is_ca"


def test_revoked_certificate_cannot_sign(office_copy: Store) -> None:
    now = datetime.now(UTC)
    admin.check_can_sign(office_copy, "budi", now)
    office_copy.revoke("budi", now - timedelta(seconds=1), "keyCompromise")
    record = office_copy.get("budi")
    assert record.revoked_at is not None
    assert record.revocation_reason == "keyCompromise"
    with pytest.raises(CertificateError) as info:
        admin.check_can_sign(office_copy, "budi", now)
    assert info.value.key == "cert.revoked"
    with pytest.raises(CertificateError):
        admin.unlock(office_copy, "budi", SECRET, now)
    assert admin.info(record, now).status is CertStatus.REVOKED
    admin.check_can_sign(office_copy, "seal", now)  # others are unaffected


def test_expired_certificate_cannot_sign(office_copy: Store) -> None:
    later = office_copy.get("budi").cert.not_valid_after_utc + timedelta(seconds=1)
    with pytest.raises(CertificateError) as info:
        admin.check_can_sign(office_copy, "budi", later)
    assert info.value.key == "cert.expired"


# --- admin: importing a foreign PKCS#12 and trusting its root ------------------------------


def test_import_p12_and_trust_chain_root(store: Store, independent: IndependentPki) -> None:
    chain = [independent.intermediate.cert, independent.root.cert]
    info = admin.import_p12(
        store,
        id="siti",
        data=independent.signer.p12(b"pw", chain=chain),
        file="/somewhere/siti.p12",
        passphrase=Secret(b"pw"),
        at=AT,
    )
    assert info.id == "siti"
    assert info.subject.name == "Siti Rahayu"
    assert info.has_key
    record = store.get("siti")
    assert record.source == "imported:siti.p12"
    assert record.cert == independent.signer.cert
    assert set(record.chain) == set(chain)
    key = keys.open_key(store.sealed_key(record.key_ref or ""), Secret(b"pw"), "siti")
    assert key.public_key() == independent.signer.key.public_key()

    assert admin.trust_list(store) == []
    anchor = admin.trust_chain_root(store, "siti", AT)
    assert anchor is not None
    assert anchor.fingerprint == pki.fingerprint(independent.root.cert)
    assert admin.trust_roots(store) == [independent.root.cert]
    again = admin.trust_chain_root(store, "siti", AT)
    assert again == anchor
    assert len(admin.trust_list(store)) == 1
    actions = [e.action for e in store.audit_entries()]
    assert actions == ["init", "cert.import", "trust.add"]  # trusting twice is one entry
    assert independent.intermediate.cert in admin.known_certificates(store)


def test_import_p12_wrong_passphrase_writes_nothing(
    store: Store, independent: IndependentPki
) -> None:
    with pytest.raises(PassphraseError) as info:
        admin.import_p12(
            store,
            id="siti",
            data=independent.signer.p12(b"pw"),
            file="siti.p12",
            passphrase=Secret(b"nope"),
            at=AT,
        )
    assert info.value.key == "cert.bad_p12"
    assert store.identities() == []


def test_trust_chain_root_without_chain(store: Store, independent: IndependentPki) -> None:
    admin.import_p12(
        store,
        id="siti",
        data=independent.signer.p12(b"pw"),
        file="siti.p12",
        passphrase=Secret(b"pw"),
        at=AT,
    )
    assert admin.trust_chain_root(store, "siti", AT) is None
    assert admin.trust_list(store) == []


# --- admin: trust anchors from files ----------------------------------------------------------


def test_trust_add_and_remove(store: Store, tmp_path: Path, independent: IndependentPki) -> None:
    root_file = tmp_path / "root.pem"
    root_file.write_bytes(independent.root.cert_pem())
    anchor = admin.trust_add(store, root_file, AT)
    assert anchor.source == "root.pem"
    assert anchor.fingerprint == pki.fingerprint(independent.root.cert)
    admin.trust_add(store, root_file, AT)  # idempotent
    assert len(admin.trust_list(store)) == 1

    with pytest.raises(StoreError) as short:
        admin.trust_remove(store, anchor.fingerprint[:7], AT)  # too short to be safe
    assert short.value.key == "trust.unknown"
    removed = admin.trust_remove(store, anchor.fingerprint[:12].upper(), AT)
    assert removed.fingerprint == anchor.fingerprint
    assert admin.trust_list(store) == []
    assert [e.action for e in store.audit_entries()] == ["init", "trust.add", "trust.remove"]


def test_trust_add_refuses_end_entity_and_garbage(
    store: Store, tmp_path: Path, independent: IndependentPki
) -> None:
    leaf = tmp_path / "siti.der"
    leaf.write_bytes(independent.signer.cert_der())
    with pytest.raises(CertificateError) as info:
        admin.trust_add(store, leaf, AT)
    assert info.value.key == "trust.not_ca"
    junk = tmp_path / "junk.pem"
    junk.write_bytes(b"hello")
    with pytest.raises(CertificateError) as info:
        admin.trust_add(store, junk, AT)
    assert info.value.key == "cert.bad_file"
    assert admin.trust_list(store) == []
