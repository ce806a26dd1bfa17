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
from dataclasses import dataclass, field, replace
from datetime import datetime, tzinfo
from enum import StrEnum
from pathlib import Path
from zoneinfo import ZoneInfo

from esign import pki
from esign.app import admin, signing
from esign.errors import GatewayError, PassphraseError, PdfInputError
from esign.keys import Secret
from esign.models import CertKind, CertStatus, SignResult
from esign.sign import SignOptions
from esign.stamp import StampRequest
from esign.stamp.place import Box, Placement
from esign.store import Store
from esign.store.ids import check_id

Clock = Callable[[], datetime]

_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**14, 8, 1
"""scrypt's cost (16 MB, about 25 ms per check on a 2-core machine): an attacker with a copy
of the store pays it for every guess."""
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
    return Authenticator().check(store, name, password)


_DUMMY = hash_secret("esign-no-such-client")


class Authenticator:
    """:func:`authenticate` that remembers, for the running service, which password
    matched which stored hash: a known client's next call costs a SHA-256, not a scrypt.
    A wrong password, a new password or a removed client is checked against the store."""

    def __init__(self) -> None:
        self._matched: dict[tuple[str, str], bytes] = {}

    def check(self, store: Store, name: str, password: str) -> bool:
        digest = hashlib.sha256(password.encode("utf-8")).digest()
        for known, stored, _at in store.api_clients():
            if known != name:
                continue
            remembered = self._matched.get((name, stored))
            if remembered is not None and hmac.compare_digest(remembered, digest):
                return True
            if check_secret(password, stored):
                self._matched[(name, stored)] = digest
                return True
            return False
        check_secret(password, _DUMMY)  # the same work for an unknown name
        return False


# --- officers by NIK ------------------------------------------------------------------------


def check_nik_free(store: Store, id: str, nik: str, *, kind: CertKind = CertKind.PERSON) -> str:
    """``nik`` as 16 digits when it is a valid NIK no officer but ``id`` has, for a
    person's certificate (checked before one is issued: nothing asked, nothing made)."""
    if kind is not CertKind.PERSON:
        raise GatewayError("gateway.nik_person_only", id=id, kind=kind.value)
    value = pki.check_nik(nik)
    other = store.identity_by_nik(value)
    if other is not None and other != id:
        raise GatewayError("gateway.nik_taken", nik=value, other=other)
    return value


def set_nik(store: Store, id: str, nik: str | None, at: datetime) -> str | None:
    """Record officer ``id``'s NIK (checked by :func:`esign.pki.check_nik`; None clears)."""
    record = store.get(id)
    if record.kind is not CertKind.PERSON:
        raise GatewayError("gateway.nik_person_only", id=id, kind=record.kind.value)
    value = check_nik_free(store, id, nik) if nik else None
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


class UnknownSigner(GatewayError):
    """No officer of the store has the NIK the client sent."""


class NotIssued(GatewayError):
    """The officer's certificate cannot sign now (revoked, expired, no key)."""


class WrongPassphrase(PassphraseError):
    """The officer's key refused the passphrase the client sent (never asked again)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Looks:
    """What a request asks the signed letter to show (the gateway's visual fields)."""

    visible: bool = False
    """``tampilan=visible``: a signature block; else an invisible signature."""
    image: bytes | None = None
    """``image=true`` with ``imageTTD``: the specimen drawn in the block, without a QR."""
    link: str | None = None
    """``linkQR``: the address the QR opens (esign's signed statement rides along)."""
    page: str | None = None
    """``first``, ``last`` or a 1-based number."""
    box: Box | None = None
    """The block's rectangle, in points from the page's lower-left corner."""
    tag: str | None = None
    """``tag_koordinat``: the placeholder text the block goes over."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ApiSigning:
    """The office's signing settings every API call signs with (``esign serve --api``)."""

    base: SignOptions
    """The level (TSA), footer and the office's /Reason and /Location defaults."""
    verify_url: str | None = None
    """The office's verification page (the QR when the client sends no ``linkQR``)."""
    lang: str = "id"
    """The language of the block and the footer."""
    timezone: tzinfo = field(default_factory=lambda: ZoneInfo("Asia/Jakarta"))
    """The zone of the block's signing time."""


def options_for(
    store: Store,
    setup: ApiSigning,
    looks: Looks,
    *,
    reason: str | None,
    location: str | None,
) -> SignOptions:
    """The CLI's :class:`~esign.sign.SignOptions` for one API request."""
    options = replace(
        setup.base, reason=reason or setup.base.reason, location=location or setup.base.location
    )
    if not looks.visible:
        return options
    profiles = signing.stamp_profiles(store)
    request = StampRequest(
        placement=Placement(tag=looks.tag, page=looks.page, box=None if looks.tag else looks.box),
        qr=looks.image is None,
        verify_url=looks.link or setup.verify_url,
        image=looks.image,
        lang=setup.lang,
        timezone=setup.timezone,
        ranks=profiles.ranks,
        seals=profiles.seals,
    )
    return replace(options, stamp=request)


def nik_of_email(store: Store, email: str) -> str | None:
    """The NIK of the officer whose certificate carries this e-mail (v2 names signers by
    NIK or e-mail); None when no officer with a NIK has it."""
    wanted = email.strip().lower()
    for record in store.identities():
        if (
            record.kind is CertKind.PERSON
            and (pki.identity_of(record.cert).email or "").lower() == wanted
        ):
            nik = store.nik(record.id)
            if nik is not None:
                return nik
    return None


def signer_for(store: Store, nik: str, at: datetime) -> str:
    """The store id of the officer who signs for this NIK, if they can sign now."""
    status, id = user_status(store, nik, at)
    if id is None:
        raise UnknownSigner("gateway.unknown_nik")
    if status is not UserStatus.ISSUE:
        raise NotIssued("gateway.not_issued", status=status.value)
    return id


def sign_bytes(
    store: Store,
    data: bytes,
    *,
    name: str,
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
        source = Path(folder) / _safe_name(name)
        target = source.with_name(source.stem + ".signed.pdf")
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


def _safe_name(name: str) -> str:
    """The client's file name as a plain local one (``surat.pdf`` when nothing is left)."""
    stem = Path(name.replace("\\", "/")).stem
    kept = "".join(c if c.isalnum() or c in "-_." else "_" for c in stem)[:80].strip("._")
    return (kept or "surat") + ".pdf"


def check_image(data: bytes) -> bytes:
    """``data`` when it is a picture the stamp can draw (PNG, JPEG), else PdfInputError."""
    import io

    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as img:
            img.verify()
    except (OSError, UnidentifiedImageError, ValueError) as e:
        raise PdfInputError("stamp.bad_image", file="imageTTD", detail=str(e)) from e
    return data


def masked(nik: str | None) -> str | None:
    """A NIK as logs keep it: region and last four digits only."""
    return _masked(nik)
