"""The administrator's and officer's store operations, composed from pki, keys and store.

One function per user action; each takes the time ``at`` and the secrets it
needs as :class:`~esign.keys.Secret`, and records itself in the audit log.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Protocol, TypeVar

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from esign import keys, pki, revocation
from esign.errors import CertificateError, PassphraseError, PinError, StoreError
from esign.keys import KeyHandle, KeyType, Secret, issuer_key
from esign.models import CertInfo, CertKind, TrustAnchor
from esign.store import IdentityRecord, Store, check_id

CA_ID = "ca"

T = TypeVar("T")


class Passphrase(Protocol):
    """The passphrase of the key with this store id.

    After a wrong one it is called again with that error (``wrong``): a caller that will
    not ask again (a script, a file, no tries left) raises it (or a clearer one) instead.
    """

    def __call__(self, id: str, wrong: PassphraseError | None = None, /) -> Secret: ...


def with_passphrase(passphrase: Passphrase, id: str, use: Callable[[Secret], T]) -> T:
    """``use(secret)`` with the passphrase of ``id``, asked again after each wrong one for as
    long as ``passphrase`` answers (every failure still waits and is audited by the unlock)."""
    wrong: PassphraseError | None = None
    while True:
        secret = passphrase(id) if wrong is None else passphrase(id, wrong)
        try:
            return use(secret)
        except PassphraseError as e:
            if e.key != "pass.wrong":
                raise
            wrong = e


def info(record: IdentityRecord, at: datetime, rank: str | None = None) -> CertInfo:
    """The store record as a report object (with the profile's rank when given)."""
    found = pki.cert_info(
        record.cert,
        at=at,
        id=record.id,
        kind=record.kind,
        has_key=record.has_key,
        revoked_at=record.revoked_at,
    )
    return replace(found, rank=rank) if rank else found


def show(store: Store, id: str, at: datetime) -> CertInfo:
    """One certificate of the store, with its profile."""
    return info(store.get(id), at, store.rank(id))


def set_rank(store: Store, id: str, rank: str | None, at: datetime) -> CertInfo:
    """Record (or with None clear) an officer's pangkat/golongan, e.g. after a promotion.

    The rank is printed in the stamp but is not part of the certificate, so a promotion
    needs no new certificate. Seals and the CA have none.
    """
    from esign.stamp.text import format_rank

    record = store.get(id)
    if record.kind is not CertKind.PERSON:
        raise CertificateError("cert.rank_person_only", id=id, kind=record.kind.value)
    before = store.rank(id)
    value = format_rank(rank)
    store.set_rank(id, value)
    store.audit(
        "cert.rank",
        at=at,
        identity=id,
        subject=pki.dn(record.cert.subject),
        detail={"before": before, "after": value},
    )
    return show(store, id, at)


def create_ca(
    store: Store,
    *,
    name: str,
    passphrase: Secret,
    at: datetime,
    org: str | None = None,
    key_type: KeyType = KeyType.RSA3072,
    id: str = CA_ID,
) -> CertInfo:
    """Create the office's root CA and trust it."""
    existing = store.has_ca()
    if existing is not None:
        raise StoreError("store.ca_exists", id=existing.id)
    check_id(id)
    key = keys.generate_key(key_type)
    cert = pki.create_ca(name=name, key=key, at=at, org=org)
    blob = keys.seal_key(key, cert, passphrase, friendly_name=id)
    with store.transaction():  # the CA, its trust anchor and the audit entry, or none
        store.add_identity(
            id=id, kind=CertKind.CA, cert=cert, key_p12=blob, at=at, source="created"
        )
        store.add_trust_anchor(cert, pki.fingerprint(cert), "ca create", at)
        store.audit(
            "ca.create",
            at=at,
            identity=id,
            subject=pki.dn(cert.subject),
            detail={"fingerprint": pki.fingerprint(cert)},
        )
    return info(store.get(id), at)


@dataclass(frozen=True, slots=True)
class _NewKey:
    """A key made for a new certificate: in memory (sealed into the store once certified)
    or on a PKCS#11 token (the certificate is stored beside it; the store keeps a ref)."""

    public: Any
    key: Any = None
    """The private key, for a file key; None on a token."""
    token_ref: Any = None
    secret: Secret | None = None
    """The token's PIN, for a token key."""

    @property
    def ref(self) -> str | None:
        return None if self.token_ref is None else str(self.token_ref)

    @staticmethod
    def generate(token: str | None, label: str, key_type: KeyType, pin: Secret) -> _NewKey:
        if token is None:
            key = keys.generate_key(key_type)
            return _NewKey(public=key.public_key(), key=key)
        from esign.keys import pkcs11

        token_ref, public = pkcs11.generate(token, label, key_type, pin)
        return _NewKey(public=public, token_ref=token_ref, secret=pin)

    def keep(
        self,
        cert: x509.Certificate,
        passphrase: Secret,
        *,
        chain: list[x509.Certificate],
        friendly_name: str,
    ) -> bytes | None:
        """The sealed PKCS#12 for a file key (with ``passphrase``); None for a token key,
        whose certificate goes onto the token instead."""
        if self.token_ref is None:
            return keys.seal_key(
                self.key, cert, passphrase, chain=chain, friendly_name=friendly_name
            )
        from esign.keys import pkcs11

        assert self.secret is not None
        pkcs11.store_certificate(self.token_ref, cert, self.secret)
        return None


def issue(
    store: Store,
    *,
    id: str,
    profile: pki.SubjectProfile,
    ca_passphrase: Secret | Passphrase,
    passphrase: Secret | Callable[[], Secret],
    at: datetime,
    base_url: str | None,
    key_type: KeyType = KeyType.RSA2048,
    rank: str | None = None,
    token: str | None = None,
) -> CertInfo:
    """Issue a certificate (and a fresh key sealed with ``passphrase``) from the store's CA;
    the identity, its rank and the audit entry are one transaction.

    With ``token`` the key is generated on that PKCS#11 token (not extractable) and
    ``passphrase`` is the token's PIN; the store keeps only the ``pkcs11:`` reference.
    Either secret may be a question: the CA's is asked (again after a wrong one) and
    checked before the new key's is asked."""
    if profile.kind is CertKind.CA:
        raise StoreError("store.is_ca", id=id)
    ca = check_can_issue(store, id)
    if isinstance(ca_passphrase, Secret):
        ca_key = unlock_record(store, ca, ca_passphrase, at)
    else:
        ca_key = with_passphrase(ca_passphrase, ca.id, lambda s: unlock_record(store, ca, s, at))
    if not isinstance(passphrase, Secret):
        passphrase = passphrase()
    new = _NewKey.generate(token, id, key_type, passphrase)
    cert = pki.issue_certificate(
        profile=profile,
        public_key=new.public,
        ca_key=issuer_key(ca_key),
        ca_cert=ca.cert,
        at=at,
        base_url=base_url,
    )
    blob = new.keep(cert, passphrase, chain=[ca.cert], friendly_name=id)
    ref = new.ref
    with store.transaction():
        store.add_identity(
            id=id,
            kind=profile.kind,
            cert=cert,
            key_p12=blob,
            at=at,
            source="issued",
            chain=(ca.cert,),
            issuer_id=ca.id,
            key_ref=ref,
        )
        if rank:
            from esign.stamp.text import format_rank

            store.set_rank(id, format_rank(rank))
        store.audit(
            "cert.issue",
            at=at,
            identity=id,
            subject=pki.dn(cert.subject),
            detail={
                "serial": format(cert.serial_number, "x"),
                "kind": profile.kind.value,
                "fingerprint": pki.fingerprint(cert),
                **({"token": token} if token is not None else {}),
            },
        )
    return info(store.get(id), at, store.rank(id))


def check_can_issue(store: Store, id: str) -> IdentityRecord:
    """The store's CA record, if a certificate ``id`` can be issued (before any passphrase
    is asked): a valid id, not yet taken, and a CA to issue it."""
    ca = store.ca()
    check_id(id)
    if id in {r.id for r in store.identities()}:
        raise StoreError("store.duplicate_id", hint_key="store.duplicate_id.hint", id=id)
    return ca


def import_p12(
    store: Store,
    *,
    id: str,
    data: bytes,
    file: str,
    passphrase: Secret,
    at: datetime,
    kind: CertKind = CertKind.PERSON,
    to_token: str | None = None,
    pin: Secret | None = None,
) -> CertInfo:
    """Import a key and certificate from another provider; the key keeps its passphrase.

    With ``to_token`` the key goes onto that PKCS#11 token instead (sensitive, not
    extractable; ``pin`` is the token's PIN) and the store keeps only the reference."""
    check_id(id)
    contents = keys.read_p12(data, passphrase, file)
    blob: bytes | None = None
    ref: str | None = None
    if to_token is not None:
        from esign.keys import pkcs11

        if pin is None:
            raise PassphraseError("pass.empty")
        token_ref = pkcs11.import_key(to_token, id, contents.key, pin)
        pkcs11.store_certificate(token_ref, contents.cert, pin)
        ref = str(token_ref)
    else:
        blob = keys.seal_key(
            contents.key, contents.cert, passphrase, chain=contents.chain, friendly_name=id
        )
    detail: dict[str, object] = {
        "file": Path(file).name,
        "fingerprint": pki.fingerprint(contents.cert),
    }
    if to_token is not None:
        detail["token"] = to_token
    with store.transaction():
        store.add_identity(
            id=id,
            kind=kind,
            cert=contents.cert,
            key_p12=blob,
            at=at,
            source=f"imported:{Path(file).name}",
            chain=tuple(contents.chain),
            key_ref=ref,
        )
        store.audit(
            "cert.import",
            at=at,
            identity=id,
            subject=pki.dn(contents.cert.subject),
            detail=detail,
        )
    return info(store.get(id), at)


def list_certs(store: Store, at: datetime) -> list[CertInfo]:
    """Every certificate in the store."""
    return [info(r, at, store.rank(r.id)) for r in store.identities()]


def export_pem(store: Store, id: str, *, chain: bool = False) -> bytes:
    """The certificate (and optionally its chain) as PEM."""
    record = store.get(id)
    certs = [record.cert, *record.chain] if chain else [record.cert]
    return b"".join(c.public_bytes(Encoding.PEM) for c in certs)


def check_can_export(store: Store, id: str) -> IdentityRecord:
    """The record of ``id`` if its key can be exported (before asking its passphrase): a
    key sealed in the store, not one on a token."""
    record = store.get(id)
    if record.key_ref is None:
        raise StoreError("store.no_key", id=id)
    token = keys.token_of(record.key_ref)
    if token is not None:
        raise StoreError("token.no_export", id=id, token=token)
    return record


def export_p12(
    store: Store, id: str, passphrase: Secret, at: datetime, export_passphrase: Secret | None = None
) -> bytes:
    """Key, certificate and chain as PKCS#12, protected by the key's own passphrase."""
    record = check_can_export(store, id)
    assert record.key_ref is not None
    try:
        blob = keys.reseal(
            store.sealed_key(record.key_ref),
            passphrase,
            id,
            cert=record.cert,
            chain=record.chain,
            new_passphrase=export_passphrase,
        )
    except PassphraseError:
        _audit_wrong_passphrase(store, id, at)
        raise
    store.audit("cert.export", at=at, identity=id, detail={"format": "pkcs12"})
    return blob


def signing_ids(store: Store) -> list[str]:
    """Ids of identities that can sign letters (person or seal, key in store)."""
    return [r.id for r in store.identities() if r.kind is not CertKind.CA and r.has_key]


def choose_signer(store: Store, wanted: str | None) -> str:
    """``wanted``, or the only signing identity; errors say what to do."""
    if wanted:
        store.get(wanted)
        return wanted
    ids = signing_ids(store)
    if not ids:
        raise StoreError("store.no_signer", hint_key="store.no_signer.hint")
    if len(ids) > 1:
        raise StoreError(
            "store.many_signers", hint_key="store.many_signers.hint", ids=", ".join(ids)
        )
    return ids[0]


def check_can_sign(store: Store, id: str, at: datetime) -> IdentityRecord:
    """The record of ``id`` if it may sign now (before asking for a passphrase)."""
    record = store.get(id)
    if record.kind is CertKind.CA:
        raise StoreError("store.is_ca", id=id)
    if record.key_ref is None:
        raise StoreError("store.no_key", id=id)
    pki.check_signing_cert(record.cert, id, at, record.revoked_at)
    return record


def unlock(store: Store, id: str, passphrase: Secret, at: datetime) -> KeyHandle:
    """Unlock ``id``'s key for signing; refuses CA, revoked and expired certificates."""
    return unlock_record(store, check_can_sign(store, id, at), passphrase, at)


def _audit_wrong_passphrase(store: Store, id: str, at: datetime, reason: str = "") -> None:
    detail: dict[str, object] = {"reason": reason or "wrong passphrase"}
    store.audit("key.unlock_failed", at=at, identity=id, detail=detail)


def key_token(store: Store, id: str) -> str | None:
    """The label of the token that holds ``id``'s key (None: a key sealed in the store)."""
    return keys.token_of(store.get(id).key_ref)


def unlock_key(
    store: Store,
    *,
    id: str,
    ref: str,
    cert: x509.Certificate,
    chain: tuple[x509.Certificate, ...],
    passphrase: Secret,
    at: datetime,
) -> KeyHandle:
    """Unlock the key ``ref``; a wrong passphrase is logged (``key.unlock_failed``) and
    raises PassphraseError. A key sealed with older, weaker parameters is re-sealed."""
    try:
        handle = keys.open_ref(
            ref, passphrase, id=id, cert=cert, chain=chain, sealed=store.sealed_key
        )
    except PassphraseError:
        _audit_wrong_passphrase(store, id, at)
        raise
    except PinError as e:
        _audit_wrong_passphrase(store, id, at, "locked PIN" if "locked" in e.key else "wrong PIN")
        raise
    if ref.startswith("p12:"):
        blob = store.sealed_key(ref)
        if keys.needs_reseal(blob):
            store.replace_sealed_key(ref, keys.reseal(blob, passphrase, id, cert=cert, chain=chain))
    return handle


def unlock_record(
    store: Store, record: IdentityRecord, passphrase: Secret, at: datetime
) -> KeyHandle:
    """Unlock the key of a store identity (see :func:`unlock_key`)."""
    if record.key_ref is None:
        raise StoreError("store.no_key", id=record.id)
    return unlock_key(
        store,
        id=record.id,
        ref=record.key_ref,
        cert=record.cert,
        chain=record.chain,
        passphrase=passphrase,
        at=at,
    )


# --- trust anchors ----------------------------------------------------------------------------


def read_certificate_file(path: Path) -> x509.Certificate:
    """A certificate from a PEM or DER file, with a clear error."""
    try:
        return pki.load_certificate(path.read_bytes())
    except FileNotFoundError as e:
        raise CertificateError("pdf.missing", file=path) from e
    except (OSError, ValueError) as e:
        raise CertificateError("cert.bad_file", file=path) from e


def trust_add(store: Store, path: Path, at: datetime) -> TrustAnchor:
    """Trust the CA certificate in ``path``."""
    cert = read_certificate_file(path)
    if not pki.is_ca(cert):
        raise CertificateError("trust.not_ca", file=path)
    fp = pki.fingerprint(cert)
    if store.add_trust_anchor(cert, fp, path.name, at):
        store.audit(
            "trust.add",
            at=at,
            subject=pki.dn(cert.subject),
            detail={"fingerprint": fp, "file": path.name},
        )
    return _anchor(fp, cert, path.name)


def _anchor(fp: str, cert: x509.Certificate, source: str) -> TrustAnchor:
    return TrustAnchor(
        fingerprint=fp,
        subject_dn=pki.dn(cert.subject),
        not_after=cert.not_valid_after_utc,
        source=source,
    )


def trust_chain_root(store: Store, id: str, at: datetime) -> TrustAnchor | None:
    """Trust the self-signed root at the top of an imported identity's chain, if any."""
    record = store.get(id)
    roots = [c for c in record.chain if c.issuer == c.subject and pki.is_ca(c)]
    if not roots:
        return None
    cert = roots[-1]
    fp = pki.fingerprint(cert)
    if store.add_trust_anchor(cert, fp, f"cert import {id}", at):
        store.audit(
            "trust.add",
            at=at,
            subject=pki.dn(cert.subject),
            detail={"fingerprint": fp, "from": id},
        )
    return _anchor(fp, cert, f"cert import {id}")


def trust_list(store: Store) -> list[TrustAnchor]:
    """The store's trust anchors."""
    return [_anchor(a.fingerprint, a.cert, a.source) for a in store.trust_anchors()]


def trust_remove(store: Store, ref: str, at: datetime) -> TrustAnchor:
    """Stop trusting the anchor whose fingerprint starts with ``ref`` (at least 8 hex digits)."""
    ref = ref.lower().replace(":", "")
    matches = [a for a in store.trust_anchors() if len(ref) >= 8 and a.fingerprint.startswith(ref)]
    if len(matches) != 1:
        raise StoreError("trust.unknown", hint_key="trust.unknown.hint", ref=ref)
    fp, cert, src = matches[0].fingerprint, matches[0].cert, matches[0].source
    store.remove_trust_anchor(fp)
    store.audit("trust.remove", at=at, subject=pki.dn(cert.subject), detail={"fingerprint": fp})
    return _anchor(fp, cert, src)


def trust_roots(store: Store) -> list[x509.Certificate]:
    """Certificates to use as trust roots when verifying."""
    return [a.cert for a in store.trust_anchors()]


def known_certificates(store: Store) -> list[x509.Certificate]:
    """Every certificate the store holds (helps chain building for imported identities)."""
    certs: list[x509.Certificate] = []
    for record in store.identities():
        certs.append(record.cert)
        certs.extend(record.chain)
    return certs


# --- revocation and CRLs ------------------------------------------------------------------


def _ca_key(
    store: Store, ca_passphrase: Secret | Passphrase, at: datetime
) -> tuple[IdentityRecord, KeyHandle]:
    """The CA and its unlocked key (a :data:`Passphrase` is asked again after a wrong one)."""
    ca = store.ca()
    if isinstance(ca_passphrase, Secret):
        return ca, unlock_record(store, ca, ca_passphrase, at)
    return ca, with_passphrase(ca_passphrase, ca.id, lambda s: unlock_record(store, ca, s, at))


def issue_crl(
    store: Store, *, ca_passphrase: Secret | Passphrase, at: datetime
) -> x509.CertificateRevocationList:
    """Sign, store and return a fresh CRL listing every certificate revoked in the store."""
    ca, ca_key = _ca_key(store, ca_passphrase, at)
    return _issue_crl(store, ca, ca_key, at)


def _issue_crl(
    store: Store, ca: IdentityRecord, ca_key: KeyHandle, at: datetime
) -> x509.CertificateRevocationList:
    with store.transaction():  # the number, the CRL and its audit entry together
        entries = [
            pki.RevokedEntry(serial=r.serial, revoked_at=r.revoked_at, reason=r.reason)
            for r in store.revoked_entries(ca.cert)
        ]
        number = store.next_crl_number()
        crl = pki.build_crl(
            ca_key=issuer_key(ca_key), ca_cert=ca.cert, revoked=entries, at=at, number=number
        )
        store.add_crl(ca.id, crl.public_bytes(Encoding.DER), at, at + pki.CRL_VALIDITY)
        store.audit(
            "ca.crl",
            at=at,
            identity=ca.id,
            subject=pki.dn(ca.cert.subject),
            detail={"number": number, "revoked": len(entries)},
        )
    return crl


def revoke(
    store: Store, *, id: str, reason: str, ca_passphrase: Secret | Passphrase, at: datetime
) -> CertInfo:
    """Revoke a certificate the store's CA issued, and publish a new CRL at once."""
    if reason not in pki.REVOCATION_REASONS:
        choices = ", ".join(pki.REVOCATION_REASONS)
        raise CertificateError("cert.bad_reason", reason=reason, choices=choices)
    record = store.get(id)
    ca = store.ca()
    if record.kind is CertKind.CA:
        raise StoreError("store.is_ca", id=id)
    if record.cert.issuer != ca.cert.subject:
        raise CertificateError("cert.not_ours", id=id, issuer=pki.dn(record.cert.issuer))
    if record.revoked_at is not None:
        raise CertificateError("cert.already_revoked", id=id, when=record.revoked_at)
    ca, ca_key = _ca_key(store, ca_passphrase, at)  # before changing anything: wrong passphrase
    with store.transaction():  # revoked, logged and published in the CRL, or none of it
        store.revoke(id, at, reason)
        store.audit(
            "cert.revoke",
            at=at,
            identity=id,
            subject=pki.dn(record.cert.subject),
            detail={"serial": format(record.cert.serial_number, "x"), "reason": reason},
        )
        _issue_crl(store, ca, ca_key, at)
    return info(store.get(id), at)


def current_crl(store: Store, at: datetime) -> bytes | None:
    """The newest stored CRL (DER) while it is still current at ``at``, else None."""
    latest = store.latest_crl()
    if latest is None:
        return None
    return latest.der if at < latest.next_update - CRL_REFRESH_MARGIN else None


CRL_REFRESH_MARGIN = timedelta(days=1)
"""A CRL is reissued when less than this remains before its nextUpdate."""


def revocation_register(store: Store, at: datetime) -> revocation.StoreRegister | None:
    """The store's own record of every certificate its CA issued (identities and service
    certificates) and which are revoked: what the verifier consults first, offline too."""
    ca = store.has_ca()
    if ca is None:
        return None
    entries: dict[int, revocation.RegisterEntry] = {}
    for record in store.identities():
        if record.cert.issuer == ca.cert.subject and record.cert != ca.cert:
            entries[record.cert.serial_number] = revocation.RegisterEntry(
                revoked_at=record.revoked_at, reason=record.revocation_reason
            )
    for service in store.services():
        if service.cert.issuer == ca.cert.subject:
            entries.setdefault(service.cert.serial_number, revocation.RegisterEntry())
    return revocation.StoreRegister(issuer=ca.cert, entries=entries, as_of=at)


# --- service certificates (time-stamp authority, OCSP responder) -------------------------


def ensure_services(
    store: Store,
    *,
    ca_passphrase: Secret,
    at: datetime,
    base_url: str | None,
    key_type: KeyType = KeyType.P256,
    token: str | None = None,
    pin: Secret | None = None,
) -> list[CertInfo]:
    """Create the TSA and OCSP responder certificates the first time they are needed.

    Their keys are sealed with the CA's passphrase, so the administrator keeps one secret;
    with ``token`` they are generated on that PKCS#11 token instead (labels
    ``esign-service-tsa`` and ``esign-service-ocsp``), unlocked with its ``pin``.
    """
    ca, ca_key = _ca_key(store, ca_passphrase, at)
    existing = {service.name for service in store.services()}
    for name in pki.SERVICES:
        if name in existing:
            continue
        if token is not None and pin is None:
            raise PassphraseError("pass.empty")
        new = _NewKey.generate(token, f"{SERVICE_LABEL}{name}", key_type, pin or ca_passphrase)
        cert = pki.issue_service_certificate(
            service=name,
            public_key=new.public,
            ca_key=issuer_key(ca_key),
            ca_cert=ca.cert,
            at=at,
            base_url=base_url,
        )
        sealed = new.keep(cert, ca_passphrase, chain=[ca.cert], friendly_name=name)
        blob = b"" if sealed is None else sealed  # services.key_p12 is NOT NULL
        ref = new.ref
        with store.transaction():
            if store.add_service(name, cert, blob, ca.id, at, key_ref=ref):
                store.audit(
                    "service.create",
                    at=at,
                    identity=name,
                    subject=pki.dn(cert.subject),
                    detail={
                        "serial": format(cert.serial_number, "x"),
                        "fingerprint": pki.fingerprint(cert),
                    },
                )
    return service_infos(store, at)


def service_infos(store: Store, at: datetime) -> list[CertInfo]:
    """The service certificates, as report objects."""
    return [
        pki.cert_info(service.cert, at=at, id=service.name, kind=CertKind.SEAL, has_key=True)
        for service in store.services()
    ]


@dataclass(frozen=True, slots=True)
class ServiceKeys:
    """Unlocked keys the server needs: the CA (for CRLs), the TSA and the OCSP responder."""

    ca: KeyHandle
    tsa: KeyHandle
    ocsp: KeyHandle


SERVICE_LABEL = "esign-service-"
"""Token label prefix of service keys (``esign-service-tsa``)."""


def service_tokens(store: Store) -> list[str]:
    """Labels of the tokens that hold service keys (empty: all sealed in the store)."""
    labels = [keys.token_of(service.key_ref) for service in store.services()]
    return sorted({label for label in labels if label is not None})


def unlock_services(
    store: Store, ca_passphrase: Secret, at: datetime, pin: Secret | None = None
) -> ServiceKeys:
    """Unlock the CA, TSA and OCSP keys (run :func:`ensure_services` first); ``pin`` opens
    the service keys that are on a token."""
    ca, ca_key = _ca_key(store, ca_passphrase, at)
    found = {service.name: service for service in store.services()}
    missing = [name for name in pki.SERVICES if name not in found]
    if missing:
        raise StoreError("store.no_services", hint_key="store.no_services.hint")
    unlocked = {
        name: unlock_key(
            store,
            id=name,
            ref=service.key_ref,
            cert=service.cert,
            chain=(ca.cert,),
            passphrase=pin
            if pin is not None and keys.token_of(service.key_ref) is not None
            else ca_passphrase,
            at=at,
        )
        for name, service in found.items()
    }
    return ServiceKeys(ca=ca_key, tsa=unlocked["tsa"], ocsp=unlocked["ocsp"])


def refresh_crl(store: Store, ca_key: KeyHandle, at: datetime) -> bytes:
    """Issue a fresh CRL with an already unlocked CA key (the server's); returns DER."""
    crl = _issue_crl(store, store.ca(), ca_key, at)
    return crl.public_bytes(Encoding.DER)
