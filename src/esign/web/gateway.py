"""The BSrE-compatible signing API (issue 14): the national gateway's paths, fields, answers
and status codes, so an e-office application points its base URL here and works unchanged.

Thin over :mod:`esign.app.gateway`: the same signing use case as ``esign sign`` (stamp at
``tag_koordinat``, footer, level, audit entry), run in worker threads, at most
``concurrency`` at once. Every call is answered only to a client application signed in
with HTTP Basic (``esign api-client add``), counted against its rate limit and audited with
its name; bodies are read into memory up to ``max_mb`` and never written anywhere else
than the signing's private temporary folder.
"""

from __future__ import annotations

import base64
import binascii
import logging
import secrets
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar
from urllib.parse import parse_qsl

import anyio
import anyio.to_thread
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp

from esign import i18n
from esign.app import gateway
from esign.app.verifying import verify_upload
from esign.errors import (
    EsignError,
    PassphraseError,
    PinError,
    StoreError,
    TimestampError,
)
from esign.keys import Secret
from esign.models import RevocationPolicy
from esign.store import Store
from esign.web import gateway_shapes as shapes
from esign.web import headers

log = logging.getLogger(__name__)
T = TypeVar("T")
LANGS = ("id", "en")
FAILED_SIGN_INS = 10
"""Failed sign-ins per minute from one address before it is answered 429."""
TEXT_LIMIT = 500
"""Longest text field (reason, location, linkQR, tag)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ApiConfig:
    """What the signing API needs from ``esign serve --api``."""

    open_store: Callable[[], Store]
    """The office's store: officers, client applications, audit log."""
    signing: gateway.ApiSigning
    """The level, footer and block settings every signature is made with."""
    max_mb: int = 20
    """Largest request body, in MB."""
    rate: int = 60
    """Calls per minute per client application."""
    concurrency: int = 2
    """Signings and verifications at once; the others wait their turn."""
    queue_seconds: float = 30.0
    """How long a call waits for a turn before it is answered 503."""
    keep_seconds: float = 3600.0
    """How long a signed letter waits for ``GET /api/sign/download/{id}``."""
    keep_mb: int = 200
    """Signed letters kept for download at most (the oldest go first)."""
    policy: RevocationPolicy = RevocationPolicy.HARD_FAIL
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))


class ApiFailure(Exception):
    """An answer other than success: HTTP status, the gateway's ``status_code``, words."""

    def __init__(self, http: int, code: int, message: str, **headers: str) -> None:
        super().__init__(message)
        self.http, self.code, self.message, self.headers = http, code, message, headers
        self.audited = False
        """Already in the audit log (the signing writes its own entry)."""

    def response(self) -> JSONResponse:
        body = shapes.error_body(self.code, self.message)
        return JSONResponse(body, status_code=self.http, headers=self.headers or None)


def _ours(http: int, key: str, **params: Any) -> ApiFailure:
    """A failure in esign's own words (the HTTP status as its ``status_code``)."""
    return ApiFailure(http, http, i18n.t(key, **params))


def _lang(request: Request) -> str:
    """``?lang=``, then Accept-Language's first of ours, then Indonesian."""
    if request.query_params.get("lang") in LANGS:
        return str(request.query_params["lang"])
    for part in request.headers.get("accept-language", "").split(","):
        tag = part.split(";")[0].strip().lower()[:2]
        if tag in LANGS:
            return tag
    return "id"


# --- the request body -----------------------------------------------------------------------


@dataclass
class Form:
    """A multipart form held in memory: text fields and file parts."""

    fields: dict[str, str] = field(default_factory=dict)
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    """Field name -> (file name, content); the first part of each name."""


def parse_form(content_type: str, body: bytes) -> Form:
    """The form in ``body`` (BadForm-like ApiFailure 400 when it is not multipart)."""
    kind, options = parse_options_header(content_type)
    if kind == b"application/x-www-form-urlencoded":  # fields only: "no file" said next
        pairs = parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True)
        return Form(fields={k: v.strip() for k, v in reversed(pairs)})
    if kind != b"multipart/form-data" or not options.get(b"boundary"):
        raise _ours(400, "gateway.api.bad_form")
    parts: list[tuple[dict[bytes, bytes], bytearray]] = []
    name, value = bytearray(), bytearray()

    def header_end() -> None:
        parts[-1][0][bytes(name).lower()] = bytes(value)
        name.clear()
        value.clear()

    parser = MultipartParser(
        options[b"boundary"],
        {
            "on_part_begin": lambda: parts.append(({}, bytearray())),
            "on_part_data": lambda b, s, e: parts[-1][1].extend(b[s:e]),
            "on_header_field": lambda b, s, e: name.extend(b[s:e]),
            "on_header_value": lambda b, s, e: value.extend(b[s:e]),
            "on_header_end": header_end,
        },
    )
    try:
        parser.write(body)
        parser.finalize()
    except Exception as e:  # python-multipart's errors: not a multipart body
        raise _ours(400, "gateway.api.bad_form") from e
    form = Form()
    for head, content in parts:
        _, disposition = parse_options_header(head.get(b"content-disposition", b""))
        key = disposition.get(b"name", b"").decode("utf-8", "replace")
        if b"filename" in disposition:
            filename = disposition[b"filename"].decode("utf-8", "replace")
            form.files.setdefault(key, (filename, bytes(content)))
        else:
            form.fields.setdefault(key, content.decode("utf-8", "replace").strip())
    return form


async def read_body(request: Request, limit: int, mb: int) -> bytes:
    """The body, at most ``limit`` bytes (413 beyond; a declared length over it is
    refused before reading)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _ours(413, "gateway.api.too_large", mb=mb)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise _ours(413, "gateway.api.too_large", mb=mb)
    return bytes(body)


# --- limits and the downloads ---------------------------------------------------------------


class RateLimit:
    """At most ``per_minute`` calls per key in each minute (a fixed window)."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self.windows: dict[str, tuple[float, int]] = {}

    def wait(self, key: str, now: float) -> int:
        """0 when the call may go ahead (and counts it), else the seconds to wait."""
        start, count = self.windows.get(key, (now, 0))
        if now - start >= 60:
            start, count = now, 0
        if count >= self.per_minute:
            return max(1, int(60 - (now - start)) + 1)
        self.windows[key] = (start, count + 1)
        if len(self.windows) > 10_000:  # forget the oldest windows, not the limit
            for old in [k for k, (s, _) in self.windows.items() if now - s >= 60]:
                del self.windows[old]
        return 0

    def blocked(self, key: str, now: float) -> int:
        """The seconds ``key`` must wait (0: none), without counting a call."""
        start, count = self.windows.get(key, (now, 0))
        if now - start >= 60 or count < self.per_minute:
            return 0
        return max(1, int(60 - (now - start)) + 1)


class Downloads:
    """Signed letters held for one ``GET /api/sign/download/{id}`` by the client that
    signed them; the oldest go when over ``keep_bytes`` or older than ``keep_seconds``."""

    def __init__(self, keep_seconds: float, keep_bytes: int) -> None:
        self.keep_seconds, self.keep_bytes = keep_seconds, keep_bytes
        self.held: OrderedDict[str, tuple[str, str, bytes, float]] = OrderedDict()

    def put(self, client: str, name: str, data: bytes, now: float) -> str:
        id = secrets.token_hex(16)
        self.held[id] = (client, name, data, now)
        self._expire(now)
        return id

    def take(self, client: str, id: str, now: float) -> tuple[str, bytes] | None:
        self._expire(now)
        held = self.held.get(id)
        if held is None or held[0] != client:
            return None
        del self.held[id]
        return held[1], held[2]

    def _expire(self, now: float) -> None:
        total = sum(len(d) for _, _, d, _ in self.held.values())
        while self.held:
            id, (_, _, data, at) = next(iter(self.held.items()))
            if now - at < self.keep_seconds and total <= self.keep_bytes:
                break
            del self.held[id]
            total -= len(data)


# --- the service ----------------------------------------------------------------------------


def _failure_of(e: Exception) -> ApiFailure:
    """The gateway's answer to an error of the signing or verification."""
    if isinstance(e, ApiFailure):
        return e
    if isinstance(e, gateway.UnknownSigner):
        return ApiFailure(400, *shapes.USER_NOT_FOUND)
    if isinstance(e, gateway.NotIssued):
        return ApiFailure(400, 400, e.message)
    if isinstance(e, PinError) or (isinstance(e, PassphraseError) and e.key == "pass.wrong"):
        return ApiFailure(400, *shapes.WRONG_PASSPHRASE)
    if isinstance(e, TimestampError):
        return ApiFailure(503, 503, e.message)
    if isinstance(e, StoreError):
        log.error("store error answering the API: %s", e.message)
        return ApiFailure(500, 500, e.message)
    if isinstance(e, EsignError):
        return ApiFailure(400, 400, e.message)
    log.error("error answering the API", exc_info=e)
    return _ours(500, "gateway.api.internal")


class _Api:
    def __init__(self, config: ApiConfig) -> None:
        self.config = config
        self.limit = config.max_mb * 1024 * 1024
        self.slots = anyio.Semaphore(config.concurrency)
        self.threads = anyio.CapacityLimiter(config.concurrency)
        self.auth_threads = anyio.CapacityLimiter(2)
        self.rates = RateLimit(config.rate)
        self.failed = RateLimit(FAILED_SIGN_INS)
        self.downloads = Downloads(config.keep_seconds, config.keep_mb * 1024 * 1024)
        self.authenticator = gateway.Authenticator()

    # -- around every call -------------------------------------------------------------

    async def client(self, request: Request) -> str:
        """The signed-in client application (401 otherwise; 429 after many failures)."""
        host = request.client.host if request.client else "-"
        blocked = self.failed.blocked(host, time.monotonic())
        if blocked:
            raise self._too_many(blocked)
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        name = password = ""
        if scheme.lower() == "basic":
            try:
                name, _, password = base64.b64decode(token, validate=True).decode().partition(":")
            except (binascii.Error, UnicodeDecodeError):
                name = password = ""
        ok = bool(name and password) and await anyio.to_thread.run_sync(
            self._authenticate, name, password, limiter=self.auth_threads
        )
        if not ok:
            self.failed.wait(host, time.monotonic())
            await self.audited(request, name[:64] or "-", 401, action="api.refused")
            raise ApiFailure(
                401,
                401,
                i18n.t("gateway.api.unauthorized"),
                **{"WWW-Authenticate": 'Basic realm="esign", charset="UTF-8"'},
            )
        self.failed.windows.pop(host, None)
        wait = self.rates.wait(name, time.monotonic())
        if wait:
            log.warning("API client %s over its rate limit", name)
            raise self._too_many(wait)
        return name

    def _authenticate(self, name: str, password: str) -> bool:
        with self.config.open_store() as store:
            return self.authenticator.check(store, name, password)

    @staticmethod
    def _too_many(seconds: int) -> ApiFailure:
        failure = _ours(429, "gateway.api.rate", seconds=seconds)
        failure.headers["Retry-After"] = str(seconds)
        return failure

    async def audited(
        self, request: Request, client: str, status: int, *, action: str = "api.call", **more: Any
    ) -> None:
        """One audit entry for the call (in a worker thread: the store may wait on a lock)."""
        detail = {"client": client, "endpoint": _endpoint(request), "status": status, **more}

        def write() -> None:
            with self.config.open_store() as store:
                store.audit(action, at=self.config.clock(), subject=client, detail=detail)

        try:
            await anyio.to_thread.run_sync(write, limiter=self.auth_threads)
        except EsignError as e:
            log.error("could not audit an API call: %s", e.message)

    async def work(self, lang: str, job: Callable[[], T]) -> T:
        """``job`` in a worker thread, in ``lang``, once a slot is free (503 after
        ``queue_seconds``)."""

        def run() -> T:
            with i18n.language(lang):
                return job()

        try:
            with anyio.fail_after(self.config.queue_seconds):
                await self.slots.acquire()
        except TimeoutError as e:
            raise _ours(503, "gateway.api.busy") from e
        try:
            return await anyio.to_thread.run_sync(run, limiter=self.threads)
        finally:
            self.slots.release()

    async def answer(
        self,
        request: Request,
        call: Callable[[Request, str], Awaitable[tuple[Response, dict[str, Any]]]],
        *,
        audit: bool = True,
    ) -> Response:
        """Sign-in, the call, its audit entry; every failure as the gateway's JSON."""
        lang = _lang(request)
        with i18n.language(lang):
            try:
                client = await self.client(request)
            except ApiFailure as e:
                return e.response()
            try:
                response, detail = await call(request, client)
            except Exception as e:
                failure = _failure_of(e)
                if not failure.audited:
                    await self.audited(request, client, failure.http, code=failure.code)
                return failure.response()
            if audit:
                await self.audited(request, client, response.status_code, **detail)
            return response

    # -- v1 ----------------------------------------------------------------------------

    async def sign_pdf(self, request: Request) -> Response:
        return await self.answer(request, self._sign_pdf, audit=False)

    async def _sign_pdf(self, request: Request, client: str) -> tuple[Response, dict[str, Any]]:
        body = await read_body(request, self.limit, self.config.max_mb)
        form = parse_form(request.headers.get("content-type", ""), body)
        del body
        name, data = _pdf_part(form, "file")
        nik = form.fields.get("nik", "")
        if not nik:
            raise ApiFailure(400, *shapes.NIK_MISSING)
        secret = _passphrase(form.fields.get("passphrase", ""))
        looks = _v1_looks(form)
        reason, location = _text(form, "reason"), _text(form, "location")
        signed, result = await self.work(
            _lang(request),
            lambda: self._sign(client, nik, secret, data, name, looks, reason, location),
        )
        tz = self.config.signing.timezone
        id = self.downloads.put(client, name, signed, time.monotonic())
        heads = {
            "id_dokumen": id,
            "signing_time": shapes.when(result.signed_at, tz) or "",
            "Content-Disposition": f'attachment; filename="{_signed_name(name)}"',
        }
        if form.fields.get("jenis_response", "").upper() == "BASE64":
            b64 = base64.b64encode(signed).decode("ascii")
            response: Response = JSONResponse({"base64_signed_file": b64}, headers=heads)
        else:
            response = Response(signed, media_type="application/pdf", headers=heads)
        return response, {}

    def _sign(
        self,
        client: str,
        nik: str,
        secret: Secret,
        data: bytes,
        name: str,
        looks: gateway.Looks,
        reason: str | None,
        location: str | None,
    ) -> tuple[bytes, Any]:
        """In a worker thread: the officer by NIK, the CLI's signing, one audit entry."""
        config = self.config
        with config.open_store() as store:
            at = config.clock()
            detail: dict[str, object] = {
                "client": client,
                "endpoint": "/api/sign/pdf",
                "nik": gateway.masked(nik[:16]),
            }
            try:
                signer = gateway.signer_for(store, nik, at)
                options = gateway.options_for(
                    store, config.signing, looks, reason=reason, location=location
                )
                signed, result = gateway.sign_bytes(
                    store,
                    data,
                    name=name,
                    signer=signer,
                    passphrase=secret,
                    options=options,
                    client=client,
                    clock=config.clock,
                )
            except Exception as e:
                failure = _failure_of(e)
                detail |= {"status": failure.http, "code": failure.code}
                store.audit("api.call", at=config.clock(), subject=client, detail=detail)
                failure.audited = True
                raise failure from e
            detail |= {"status": 200, "signer": signer, "field": result.field}
            store.audit("api.call", at=config.clock(), subject=client, detail=detail)
        return signed, result

    async def download(self, request: Request) -> Response:
        return await self.answer(request, self._download)

    async def _download(self, request: Request, client: str) -> tuple[Response, dict[str, Any]]:
        id = request.path_params["id"]
        held = self.downloads.take(client, id, time.monotonic())
        if held is None:
            raise ApiFailure(404, *shapes.NOT_AVAILABLE)
        name, data = held
        heads = {"id_dokumen": id, "Content-Disposition": f'attachment; filename="{name}"'}
        return Response(data, media_type="application/pdf", headers=heads), {"id_dokumen": id}

    async def verify(self, request: Request) -> Response:
        return await self.answer(request, self._verify)

    async def _verify(self, request: Request, client: str) -> tuple[Response, dict[str, Any]]:
        body = await read_body(request, self.limit, self.config.max_mb)
        form = parse_form(request.headers.get("content-type", ""), body)
        name, data = _pdf_part(form, "signed_file")
        report = await self.work(_lang(request), lambda: self._report(data, name))
        shape = shapes.verify_v1(report, self.config.signing.timezone)
        return JSONResponse(shape), {"verdict": report.verdict.value}

    def _report(self, data: bytes, name: str) -> Any:
        at = self.config.clock()
        return verify_upload(
            self.config.open_store, data, name=name, at=at, policy=self.config.policy
        )

    async def status(self, request: Request) -> Response:
        return await self.answer(request, self._status)

    async def _status(self, request: Request, client: str) -> tuple[Response, dict[str, Any]]:
        nik = request.path_params["nik"]
        status = await self.work(_lang(request), lambda: self._user_status(nik))
        return JSONResponse(_status_v1(status)), {"nik": gateway.masked(nik[:16])}

    def _user_status(self, nik: str) -> gateway.UserStatus:
        with self.config.open_store() as store:
            return gateway.user_status(store, nik, self.config.clock())[0]


def _endpoint(request: Request) -> str:
    """The path as its route names it (``/api/user/status/{nik}``: no NIK in the log)."""
    path = request.url.path
    for key, value in request.path_params.items():
        path = path.replace(str(value), "{" + key + "}")
    return path[:200]


def _status_v1(status: gateway.UserStatus) -> dict[str, Any]:
    if status is gateway.UserStatus.ISSUE:
        code, message = shapes.STATUS_ISSUE
    elif status is gateway.UserStatus.NOT_REGISTERED:
        code, message = shapes.STATUS_NOT_REGISTERED
    else:
        code = shapes.STATUS_OTHER
        message = f"User sudah terdaftar dan memiliki sertifikat dengan status {status.value}"
    return {"status_code": code, "status": status.value, "message": message}


# --- fields ---------------------------------------------------------------------------------


def _pdf_part(form: Form, key: str) -> tuple[str, bytes]:
    """The PDF in file part ``key`` (400 when missing or not a PDF)."""
    name, data = form.files.get(key, ("", b""))
    if not data:
        raise _ours(400, "gateway.api.no_file", field=key)
    if b"%PDF-" not in data[:1024]:
        raise _ours(400, "gateway.api.not_pdf", field=key)
    name = name.replace("\\", "/").rsplit("/", 1)[-1].strip()[:200] or "dokumen.pdf"
    return name, data


def _signed_name(name: str) -> str:
    stem = name[:-4] if name.lower().endswith(".pdf") else name
    kept = "".join(c if c.isalnum() or c in "-_." else "_" for c in stem)
    return f"{kept or 'dokumen'}_signed.pdf"


def _passphrase(text: str) -> Secret:
    if not text:
        raise _ours(400, "gateway.api.no_passphrase")
    return Secret(text.encode("utf-8"))


def _bad(key: str, detail: str) -> ApiFailure:
    return _ours(400, "gateway.api.bad_field", field=key, detail=detail)


def _text(form: Form, key: str) -> str | None:
    value = " ".join(form.fields.get(key, "").split())
    if len(value) > TEXT_LIMIT:
        raise _bad(key, i18n.t("gateway.api.too_long", max=TEXT_LIMIT))
    return value or None


def _number(form: Form, key: str) -> float | None:
    value = form.fields.get(key, "")
    if not value:
        return None
    try:
        number = float(value.replace(",", "."))
    except ValueError as e:
        raise _bad(key, i18n.t("gateway.api.number")) from e
    if not 0 <= number <= 14_400:
        raise _bad(key, i18n.t("gateway.api.number"))
    return number


def _choice(value: str, key: str, choices: dict[str, str]) -> str:
    found = choices.get(value.strip().lower())
    if found is None:
        listed = ", ".join(sorted(set(choices)))
        raise _bad(key, i18n.t("gateway.api.choices", choices=listed))
    return found


def _page(form: Form) -> str | None:
    page, halaman = form.fields.get("page", ""), form.fields.get("halaman", "")
    if page:
        if not page.strip().isdigit() or int(page) < 1:
            raise _bad("page", i18n.t("gateway.api.number"))
        return str(int(page))
    if halaman:
        if halaman.strip().isdigit() and int(halaman) >= 1:
            return str(int(halaman))
        return _choice(halaman, "halaman", {"pertama": "first", "terakhir": "last"})
    return None


def _box(form: Form) -> Any:
    """``xAxis``/``yAxis`` the lower-left corner, ``width``/``height`` the upper-right one
    (as the gateway's clients send them); None when absent or all zero."""
    from esign.stamp.place import Box

    values = [_number(form, k) for k in ("xAxis", "yAxis", "width", "height")]
    if all(v is None or v == 0 for v in values):
        return None
    x, y, right, top = (v or 0.0 for v in values)
    if right <= x or top <= y:
        raise _bad("width", i18n.t("gateway.api.corner"))
    return Box(x=x, y=y, w=right - x, h=top - y)


def _link(form: Form) -> str | None:
    link = _text(form, "linkQR")
    if link and not link.lower().startswith(("http://", "https://")):
        raise _bad("linkQR", i18n.t("gateway.api.link"))
    return link


def _v1_looks(form: Form) -> gateway.Looks:
    """The visual fields of a v1 request."""
    shown = _choice(
        form.fields.get("tampilan") or "invisible",
        "tampilan",
        {"visible": "visible", "invisible": "invisible"},
    )
    if shown == "invisible":
        return gateway.Looks()
    image = None
    wants_image = form.fields.get("image", "false").strip().lower() == "true"
    if wants_image:
        _, image = form.files.get("imageTTD", ("", b""))
        if not image:
            raise _bad("imageTTD", i18n.t("gateway.api.image_needed"))
        gateway.check_image(image)
    return gateway.Looks(
        visible=True,
        image=image,
        link=None if wants_image else _link(form),
        page=_page(form),
        box=_box(form),
        tag=_text(form, "tag_koordinat"),
    )


# --- the application ------------------------------------------------------------------------


def create_api(config: ApiConfig) -> ASGIApp:
    """The signing API as an ASGI application."""
    api = _Api(config)

    async def http_error(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        if status >= 500:
            log.error("error answering %s", request.url.path, exc_info=exc)
        key = {404: "gateway.api.not_found", 405: "gateway.api.method"}.get(
            status, "gateway.api.internal"
        )
        with i18n.language(_lang(request)):
            return _ours(status, key).response()

    app = Starlette(
        routes=[
            Route("/api/sign/pdf", api.sign_pdf, methods=["POST"]),
            Route("/api/sign/download/{id}", api.download, methods=["GET"]),
            Route("/api/sign/verify", api.verify, methods=["POST"]),
            Route("/api/user/status/{nik}", api.status, methods=["GET"]),
        ],
        exception_handlers={HTTPException: http_error, Exception: http_error},
    )
    return headers.SecurityHeaders(app)
