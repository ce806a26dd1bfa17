"""The gateway-compatible API as use cases (issue 14): client applications, officers by NIK,
signing and verifying letters held in memory.

The HTTP surface (:mod:`esign.web.gateway`) and the CLI (``esign api-client``, ``cert
set-nik``) call these. Signing goes through :func:`esign.app.signing.sign_letter`, the
CLI's own path (stamp, footer, levels, audit), on a private temporary folder.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from esign import pki
from esign.app import admin, signing
from esign.errors import GatewayError, PassphraseError
from esign.keys import Secret
from esign.models import CertKind, CertStatus, SignResult, VerificationReport
from esign.sign import SignOptions
from esign.store import Store
from esign.store.ids import check_id

Clock = Callable[[], datetime]

_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**14, 8, 1
"""scrypt's cost (16 MB, about 50 ms per check): an attacker with the store's copy pays the
same for every guess."""
MIN_SECRET = 12
"""The shortest client password ``api-client add`` takes."""


# --- client applications (HTTP Basic) -------------------------------------------------------


def hash_secret(password: str) -> str:
    """A salted scrypt hash of ``password``: ``scrypt$N$r$p$salt$hash`` (base64)."""
    salt = os.urandom(16)
    digest = hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=_SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P, dklen=32
    )
    b64 = base64.b64encode
    return f"scrypt${_SCRYPT_N}${_SCRYPT_R}${_SCRYPT_P}${b64(salt).decode()}${b64(digest).decode()}"


def check_secret(password: str, stored: str) -> bool:
    """Whether ``password`` matches a :func:`hash_secret` value (constant-time compare)."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        got = hashlib.scrypt(
            password.encode("utf-8"),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=32,
        )
    except ValueError:
        return False
    return hmac.compare_digest(got, base64.b64decode(digest))


@dataclass(frozen=True, slots=True, kw_only=True)
class ApiClient:
    """A client application allowed to call the API (its password only as a hash)."""

    name: str
    created_at: datetime


def add_client(store: Store, name: str, password: str, at: datetime) -> ApiClient:
    """Record a client application; GatewayError when the name is taken."""
    check_id(name)
    if len(password) < MIN_SECRET:
        raise GatewayError("gateway.client_short", min=MIN_SECRET)
    with store.transaction():
        if not store.add_api_client(name, hash_secret(password), at):
            raise GatewayError("gateway.client_exists", name=name)
        store.audit("api.client_add", at=at, subject=name, detail={"client": name})
    return ApiClient(name=name, created_at=at)


def list_clients(store: Store) -> list[ApiClient]:
    """Every client application, by name."""
    return [ApiClient(name=n, created_at=at) for n, _hash, at in store.api_clients()]


def remove_client(store: Store, name: str, at: datetime) -> None:
    """Forget a client application; GatewayError when there is none by that name."""
    with store.transaction():
        if not store.remove_api_client(name):
            raise GatewayError("gateway.client_unknown", name=name)
        store.audit("api.client_remove", at=at, subject=name, detail={"client": name})


def authenticate(store: Store, name: str, password: str) -> bool:
    """Whether ``name``/``password`` are a recorded client application's credentials."""
    for known, stored, _at in store.api_clients():
        if hmac.compare_digest(known.encode(), name.encode()):
            return check_secret(password, stored)
    check_secret(password, hash_secret("-"))  # the same work for an unknown name
    return False


# --- officers by NIK ------------------------------------------------------------------------


def set_nik(store: Store, id: str, nik: str | None, at: datetime) -> str | None:
    """Record officer ``id``'s NIK (checked by :func:`esign.pki.check_nik`; None clears)."""
    record = store.get(id)
    if record.kind is not CertKind.PERSON:
        raise GatewayError("gateway.nik_person_only", id=id, kind=record.kind.value)
    value = pki.check_nik(nik) if nik else None
    other = store.identity_by_nik(value) if value else None
    if other is not None and other != id:
        raise GatewayError("gateway.nik_taken", nik=value, other=other)
    before = store.nik(id)
    with store.transaction():
        store.set_nik(id, value, at)
        store.audit(
            "cert.set_nik",
            at=at,
            identity=id,
            detail={"before": _masked(before), "after": _masked(value)},
        )
    return value


def _masked(nik: str | None) -> str | None:
    """A NIK as the audit log keeps it: region and last four digits only."""
    return None if nik is None else f"{nik[:6]}******{nik[-4:]}"


class UserStatus(StrEnum):
    """The gateway's certificate states (v2 names) that esign can be in."""

    ISSUE = "ISSUE"
    EXPIRED = "EXPIRED"
    REVOKE = "REVOKE"
    NO_CERTIFICATE = "NO_CERTIFICATE"
    NOT_REGISTERED = "NOT_REGISTERED"


def user_status(store: Store, nik: str, at: datetime) -> tuple[UserStatus, str | None]:
    """The status of the officer with this NIK and their store id (None: unknown NIK)."""
    digits = nik.replace(" ", "").replace(".", "")
    id = store.identity_by_nik(digits)
    if id is None:
        return UserStatus.NOT_REGISTERED, None
    record = store.get(id)
    if record.key_ref is None:
        return UserStatus.NO_CERTIFICATE, id
    found = admin.info(record, at)
    if found.status is CertStatus.REVOKED:
        return UserStatus.REVOKE, id
    if found.status is not CertStatus.ACTIVE:
        return UserStatus.EXPIRED, id
    return UserStatus.ISSUE, id


# --- signing and verifying bytes --------------------------------------------------------


class WrongPassphrase(PassphraseError):
    """The officer's key refused the passphrase the client sent (never asked again)."""


def sign_bytes(
    store: Store,
    data: bytes,
    *,
    signer: str,
    passphrase: Secret,
    options: SignOptions,
    client: str,
    clock: Clock,
) -> tuple[bytes, SignResult]:
    """Sign a letter held in memory as ``signer`` on behalf of API client ``client``:
    :func:`esign.app.signing.sign_letter` on a private temporary folder, so the stamp,
    footer, level and audit entry are the CLI's; returns the signed bytes."""

    def once(id: str, wrong: PassphraseError | None = None) -> Secret:
        if wrong is not None:
            raise WrongPassphrase("pass.wrong", id=id)
        return passphrase

    with tempfile.TemporaryDirectory(prefix="esign-api-") as folder:
        source, target = Path(folder) / "surat.pdf", Path(folder) / "surat.signed.pdf"
        source.write_bytes(data)
        result = signing.sign_letter(
            store,
            input=source,
            output=target,
            overwrite=False,
            signer=signer,
            options=options,
            consent=lambda _intents: f"api:{client}",
            passphrase=once,
            clock=clock,
        )
        return target.read_bytes(), result


def verify_bytes(store: Store, data: bytes, *, name: str, at: datetime) -> VerificationReport:
    """``esign verify`` of an upload with the store's trust (never written anywhere)."""
    from esign.app.trust import trust_settings
    from esign.verify.core import verify_data

    return verify_data(data, name=name, trust=trust_settings(store, at=at), at=at)
