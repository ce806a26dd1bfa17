"""Signing through an office's BSrE gateway (issue 14, ``esign sign --backend bsre``): the
letter is sent to the gateway's v1 ``/api/sign/pdf`` as its public clients send it, and
what comes back is checked here (a PDF, one signature more, that signature intact) before
it is written through the same staged output and audit entry as a local signing.

429, 503 and 504 are retried with backoff, honouring ``Retry-After``, as the gateway's own
clients do; a gateway that cannot be reached is said at once.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from esign import pdf
from esign.errors import GatewayError
from esign.keys import Secret
from esign.models import SignatureReport
from esign.store import Store

if TYPE_CHECKING:  # httpx loads click and rich: imported only when a letter is sent
    import httpx

RETRY_STATUSES = frozenset({429, 503, 504})
TRIES = 4
"""Calls at most for one letter (the first and three retries)."""
LONGEST_WAIT = 30.0
"""A ``Retry-After`` beyond this many seconds is not waited for."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Gateway:
    """Where the office's BSrE gateway is and how esign signs in to it."""

    url: str
    """Base URL, e.g. ``https://esign.bssn.go.id`` (``/api/sign/pdf`` is added)."""
    user: str
    password: Secret
    nik: str
    """The signer's NIK at the gateway."""
    timeout: float = 120.0


@dataclass(frozen=True, slots=True, kw_only=True)
class RemoteLooks:
    """The v1 visual fields esign sends (``tampilan``, ``tag_koordinat``, ``halaman``)."""

    visible: bool = False
    tag: str | None = None
    page: str | None = None
    """``first``, ``last`` or a 1-based number."""
    reason: str | None = None
    location: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class RemoteResult:
    """A letter signed at the gateway and written here."""

    input: Path
    output: Path
    gateway: str
    id_dokumen: str | None
    """The gateway's document id (its header), if it sent one."""
    signer: str | None
    """The name in the new signature's certificate."""
    field: str
    sha256_after: str
    tries: int
    """Calls it took (more than 1: the gateway asked to retry)."""


def _fields(gateway: Gateway, passphrase: Secret, looks: RemoteLooks) -> dict[str, str]:
    fields = {
        "nik": gateway.nik,
        "passphrase": passphrase.value.decode("utf-8"),
        "tampilan": "visible" if looks.visible else "invisible",
    }
    if looks.visible:
        if looks.tag:
            fields["tag_koordinat"] = looks.tag
        if looks.page in ("first", "last"):
            fields["halaman"] = "pertama" if looks.page == "first" else "terakhir"
        elif looks.page:
            fields["page"] = looks.page
    for key in ("reason", "location"):
        value = getattr(looks, key)
        if value:
            fields[key] = value
    return fields


def _wait(response: httpx.Response, attempt: int) -> float:
    """Seconds before the next try: ``Retry-After`` (seconds), else 1, 2, 4."""
    given = response.headers.get("retry-after", "")
    if given.strip().isdigit():
        return float(given)
    return float(2 ** (attempt - 1))


def _error_text(response: httpx.Response) -> str:
    """The gateway's own words: ``error`` (or ``message``) of its JSON, else the status."""
    try:
        body = response.json()
    except ValueError:
        return f"HTTP {response.status_code}"
    if isinstance(body, dict):
        code = body.get("status_code")
        text = body.get("error") or body.get("message") or f"HTTP {response.status_code}"
        return f"{text} ({code})" if code is not None else str(text)
    return f"HTTP {response.status_code}"


def call_gateway(
    gateway: Gateway,
    data: bytes,
    name: str,
    passphrase: Secret,
    looks: RemoteLooks,
    *,
    sleep: Callable[[float], None] = time.sleep,
) -> tuple[httpx.Response, int]:
    """The gateway's answer to one signing (after retries) and the number of calls."""
    import httpx

    url = gateway.url.rstrip("/") + "/api/sign/pdf"
    auth = (gateway.user, gateway.password.value.decode("utf-8"))
    attempt = 0
    while True:
        attempt += 1
        try:
            response = httpx.post(
                url,
                data=_fields(gateway, passphrase, looks),
                files={"file": (name, data, "application/pdf")},
                auth=auth,
                timeout=gateway.timeout,
            )
        except httpx.HTTPError as e:
            raise GatewayError("bsre.unreachable", url=gateway.url, detail=type(e).__name__) from e
        wait = _wait(response, attempt)
        if response.status_code not in RETRY_STATUSES or attempt == TRIES or wait > LONGEST_WAIT:
            return response, attempt
        sleep(wait)


def _new_signature(store: Store, before: bytes, after: bytes, at: datetime) -> SignatureReport:
    """The signature the gateway added, checked: one more than before, intact."""
    from esign.app.verifying import verify_upload

    def count(data: bytes) -> list[SignatureReport]:
        report = verify_upload(None, data, name="letter.pdf", at=at)
        return [s for s in report.signatures if s.kind == "signature"]

    old, new = count(before), count(after)
    if len(new) != len(old) + 1:
        raise GatewayError("bsre.no_signature")
    added = new[-1]
    if not (added.intact and added.crypto_valid):
        raise GatewayError("bsre.broken_signature")
    return added


def sign_remote(
    store: Store,
    *,
    input: Path,
    output: Path,
    overwrite: bool,
    gateway: Gateway,
    passphrase: Secret,
    looks: RemoteLooks,
    consent: str,
    clock: Callable[[], datetime],
    sleep: Callable[[float], None] = time.sleep,
) -> RemoteResult:
    """Sign ``input`` at the gateway, check the answer, write ``output`` and audit it."""
    pdf.check_output(output, overwrite=overwrite)
    data = input.read_bytes()
    response, tries = call_gateway(gateway, data, input.name, passphrase, looks, sleep=sleep)
    if response.status_code != 200:
        raise GatewayError("bsre.refused", url=gateway.url, detail=_error_text(response))
    signed = response.content
    if not signed.startswith(b"%PDF"):
        raise GatewayError("bsre.not_pdf", url=gateway.url)
    at = clock()
    added = _new_signature(store, data, signed, at)
    digest = hashlib.sha256(signed).hexdigest()
    document = response.headers.get("id_dokumen") or response.headers.get("id-dokumen")
    with pdf.staged_output(output, overwrite=overwrite) as staged:
        staged.write_bytes(signed)
        store.audit(
            "sign.bsre",
            at=at,
            subject=str(input),
            detail={
                "input": str(input),
                "output": str(output),
                "gateway": gateway.url,
                "nik": f"{gateway.nik[:6]}******{gateway.nik[-4:]}",
                "id_dokumen": document,
                "field": added.field,
                "signer": added.signer.name,
                "sha256_before": hashlib.sha256(data).hexdigest(),
                "sha256_after": digest,
                "consent": consent,
                "tries": tries,
            },
        )
    return RemoteResult(
        input=input,
        output=output,
        gateway=gateway.url,
        id_dokumen=document,
        signer=added.signer.name,
        field=added.field,
        sha256_after=digest,
        tries=tries,
    )
