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
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

import anyio
import anyio.to_thread
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
from esign.models import RevocationPolicy, SignResult, VerificationReport
from esign.store import Store
from esign.web import gateway_shapes as shapes
from esign.web import gateway_v1 as v1
from esign.web import gateway_v2 as v2
from esign.web import headers
from esign.web.gateway_limits import Downloads, RateLimit

log = logging.getLogger(__name__)
T = TypeVar("T")
LANGS = ("id", "en")
FAILED_SIGN_INS = 10
"""Failed sign-ins per minute for one client name from one address before 429."""


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


def _lang(request: Request) -> str:
    """``?lang=``, then Accept-Language's first of ours, then Indonesian."""
    if request.query_params.get("lang") in LANGS:
        return str(request.query_params["lang"])
    for part in request.headers.get("accept-language", "").split(","):
        tag = part.split(";")[0].strip().lower()[:2]
        if tag in LANGS:
            return tag
    return "id"


async def read_body(request: Request, limit: int, mb: int) -> bytes:
    """The body, at most ``limit`` bytes (413 beyond; a declared length over it is
    refused before reading)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise shapes.ours(413, "gateway.api.too_large", mb=mb)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise shapes.ours(413, "gateway.api.too_large", mb=mb)
    return bytes(body)


# --- the service ----------------------------------------------------------------------------


def _failure_of(e: Exception) -> shapes.ApiFailure:
    """The gateway's answer to an error of the signing or verification."""
    if isinstance(e, shapes.ApiFailure):
        return e
    if isinstance(e, gateway.UnknownSigner):
        return shapes.ApiFailure(400, *shapes.USER_NOT_FOUND)
    if isinstance(e, gateway.NotIssued):
        return shapes.ApiFailure(400, 400, e.message)
    if isinstance(e, PinError) or (isinstance(e, PassphraseError) and e.key == "pass.wrong"):
        return shapes.ApiFailure(400, *shapes.WRONG_PASSPHRASE)
    if isinstance(e, TimestampError):
        return shapes.ApiFailure(503, 503, e.message)
    if isinstance(e, StoreError):  # the store's path or URL stays in the service's log
        log.error("store error answering the API: %s", e.message)
        return shapes.ours(500, "gateway.api.internal")
    if isinstance(e, EsignError):
        return shapes.ApiFailure(400, 400, e.message)
    log.error("error answering the API", exc_info=e)
    return shapes.ours(500, "gateway.api.internal")


class GatewayApi:
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
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        name = password = ""
        if scheme.lower() == "basic":
            try:
                name, _, password = base64.b64decode(token, validate=True).decode().partition(":")
            except (binascii.Error, UnicodeDecodeError):
                name = password = ""
        # by address and name: behind the reverse proxy every client has one address, and
        # one application's wrong password must not lock out the others
        host = request.client.host if request.client else "-"
        guesser = f"{host} {name[:64]}"
        blocked = self.failed.blocked(guesser, time.monotonic())
        if blocked:
            raise self._too_many(blocked)
        ok = bool(name and password) and await anyio.to_thread.run_sync(
            self._authenticate, name, password, limiter=self.auth_threads
        )
        if not ok:
            self.failed.wait(guesser, time.monotonic())
            await self.audited(request, name[:64] or "-", 401, action="api.refused")
            raise shapes.ApiFailure(
                401,
                401,
                i18n.t("gateway.api.unauthorized"),
                **{"WWW-Authenticate": 'Basic realm="esign", charset="UTF-8"'},
            )
        self.failed.windows.pop(guesser, None)
        wait = self.rates.wait(name, time.monotonic())
        if wait:
            log.warning("API client %s over its rate limit", name)
            raise self._too_many(wait)
        return name

    def _authenticate(self, name: str, password: str) -> bool:
        with self.config.open_store() as store:
            return self.authenticator.check(store, name, password)

    @staticmethod
    def _too_many(seconds: int) -> shapes.ApiFailure:
        failure = shapes.ours(429, "gateway.api.rate", seconds=seconds)
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
            raise shapes.ours(503, "gateway.api.busy") from e
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
            except shapes.ApiFailure as e:
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
        form = v1.parse_form(request.headers.get("content-type", ""), body)
        del body
        name, data = v1.pdf_part(form, "file")
        nik = form.fields.get("nik", "")
        if not nik:
            raise shapes.ApiFailure(400, *shapes.NIK_MISSING)
        secret = v1.passphrase(form.fields.get("passphrase", ""))
        looks = v1.looks(form)
        reason, location = v1.text(form, "reason"), v1.text(form, "location")
        signed, result = await self.work(
            _lang(request),
            lambda: self.sign_one(client, nik, secret, data, name, looks, reason, location),
        )
        tz = self.config.signing.timezone
        id = self.downloads.put(client, name, signed, time.monotonic())
        heads = {
            "id_dokumen": id,
            "signing_time": shapes.when(result.signed_at, tz) or "",
            "Content-Disposition": f'attachment; filename="{v1.signed_name(name)}"',
        }
        if form.fields.get("jenis_response", "").upper() == "BASE64":
            b64 = base64.b64encode(signed).decode("ascii")
            response: Response = JSONResponse({"base64_signed_file": b64}, headers=heads)
        else:
            response = Response(signed, media_type="application/pdf", headers=heads)
        return response, {}

    def sign_one(
        self,
        client: str,
        nik: str,
        secret: Secret,
        data: bytes,
        name: str,
        looks: gateway.Looks,
        reason: str | None,
        location: str | None,
        endpoint: str = "/api/sign/pdf",
    ) -> tuple[bytes, SignResult]:
        """In a worker thread: the officer by NIK, the CLI's signing, one audit entry."""
        config = self.config
        with config.open_store() as store:
            at = config.clock()
            detail: dict[str, object] = {
                "client": client,
                "endpoint": endpoint,
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
            detail |= {
                "status": 200,
                "signer": signer,
                "file": name,
                "field": result.field,
                "sha256_after": result.sha256_after,  # the same as the sign entry's
            }
            store.audit(
                "api.call", at=config.clock(), identity=signer, subject=client, detail=detail
            )
        return signed, result

    async def download(self, request: Request) -> Response:
        return await self.answer(request, self._download)

    async def _download(self, request: Request, client: str) -> tuple[Response, dict[str, Any]]:
        id = request.path_params["id"]
        held = self.downloads.take(client, id, time.monotonic())
        if held is None:
            raise shapes.ApiFailure(404, *shapes.NOT_AVAILABLE)
        name, data = held
        heads = {"id_dokumen": id, "Content-Disposition": f'attachment; filename="{name}"'}
        return Response(data, media_type="application/pdf", headers=heads), {"id_dokumen": id}

    async def verify(self, request: Request) -> Response:
        return await self.answer(request, self._verify)

    async def _verify(self, request: Request, client: str) -> tuple[Response, dict[str, Any]]:
        body = await read_body(request, self.limit, self.config.max_mb)
        form = v1.parse_form(request.headers.get("content-type", ""), body)
        name, data = v1.pdf_part(form, "signed_file")
        report = await self.work(_lang(request), lambda: self.report(data, name))
        shape = shapes.verify_v1(report, self.config.signing.timezone)
        return JSONResponse(shape), {"verdict": report.verdict.value}

    def report(self, data: bytes, name: str) -> VerificationReport:
        at = self.config.clock()
        return verify_upload(
            self.config.open_store, data, name=name, at=at, policy=self.config.policy
        )

    async def status(self, request: Request) -> Response:
        return await self.answer(request, self._status)

    async def _status(self, request: Request, client: str) -> tuple[Response, dict[str, Any]]:
        nik = request.path_params["nik"]
        status = await self.work(_lang(request), lambda: self.user_status(nik))
        return JSONResponse(status_body(status)), {"nik": gateway.masked(nik[:16])}

    def user_status(self, nik: str) -> gateway.UserStatus:
        with self.config.open_store() as store:
            return gateway.user_status(store, nik, self.config.clock())[0]

    # -- v2 ----------------------------------------------------------------------------

    async def _json(self, request: Request) -> dict[str, Any]:
        """The JSON body (base64 takes a third more room than the PDF it carries)."""
        limit = self.limit * 4 // 3 + 64 * 1024
        return v2.read_json(await read_body(request, limit, self.config.max_mb))

    async def sign_v2(self, request: Request) -> Response:
        return await self.answer(request, self._sign_v2, audit=False)

    async def _sign_v2(self, request: Request, client: str) -> tuple[Response, dict[str, Any]]:
        parsed = v2.parse_sign(await self._json(request))

        def job() -> list[tuple[bytes, SignResult]]:
            nik = parsed.nik or self.nik_of_email(parsed.email or "")
            if nik is None:
                raise gateway.UnknownSigner("gateway.unknown_nik")
            return [
                self.sign_one(
                    client,
                    nik,
                    parsed.passphrase,
                    item.data,
                    f"dokumen-{n}.pdf",
                    item.looks,
                    item.reason,
                    item.location,
                    endpoint="/api/v2/sign/pdf",
                )
                for n, item in enumerate(parsed.items, start=1)
            ]

        done = await self.work(_lang(request), job)
        body = {
            "time": shapes.when(done[-1][1].signed_at, self.config.signing.timezone),
            "file": [base64.b64encode(signed).decode("ascii") for signed, _ in done],
        }
        return JSONResponse(body), {}

    def nik_of_email(self, email: str) -> str | None:
        with self.config.open_store() as store:
            return gateway.nik_of_email(store, email)

    async def verify_v2(self, request: Request) -> Response:
        return await self.answer(request, self._verify_v2)

    async def _verify_v2(self, request: Request, client: str) -> tuple[Response, dict[str, Any]]:
        data = v2.pdf_of((await self._json(request)).get("file"), "file")
        report = await self.work(_lang(request), lambda: self.report(data, "dokumen.pdf"))
        shape = shapes.verify_v2(report, self.config.signing.timezone)
        return JSONResponse(shape), {"verdict": report.verdict.value}

    async def status_v2(self, request: Request) -> Response:
        return await self.answer(request, self._status_v2)

    async def _status_v2(self, request: Request, client: str) -> tuple[Response, dict[str, Any]]:
        nik, email = v2.parse_status(await self._json(request))

        def job() -> gateway.UserStatus:
            found = nik or self.nik_of_email(email or "")
            return self.user_status(found) if found else gateway.UserStatus.NOT_REGISTERED

        status = await self.work(_lang(request), job)
        return JSONResponse(status_body(status)), {"nik": gateway.masked((nik or "")[:16] or None)}


def _endpoint(request: Request) -> str:
    """The path as its route names it (``/api/user/status/{nik}``: no NIK in the log)."""
    path = request.url.path
    for key, value in request.path_params.items():
        path = path.replace(str(value), "{" + key + "}")
    return path[:200]


def status_body(status: gateway.UserStatus) -> dict[str, Any]:
    if status is gateway.UserStatus.ISSUE:
        code, message = shapes.STATUS_ISSUE
    elif status is gateway.UserStatus.NOT_REGISTERED:
        code, message = shapes.STATUS_NOT_REGISTERED
    else:
        code = shapes.STATUS_OTHER
        message = f"User sudah terdaftar dan memiliki sertifikat dengan status {status.value}"
    return {"status_code": code, "status": status.value, "message": message}


# --- the application ------------------------------------------------------------------------


def create_api(config: ApiConfig) -> ASGIApp:
    """The signing API as an ASGI application."""
    api = GatewayApi(config)

    async def http_error(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        if status >= 500:
            log.error("error answering %s", request.url.path, exc_info=exc)
        key = {404: "gateway.api.not_found", 405: "gateway.api.method"}.get(
            status, "gateway.api.internal"
        )
        with i18n.language(_lang(request)):
            return shapes.ours(status, key).response()

    app = Starlette(
        routes=[
            Route("/api/sign/pdf", api.sign_pdf, methods=["POST"]),
            Route("/api/sign/download/{id}", api.download, methods=["GET"]),
            Route("/api/sign/verify", api.verify, methods=["POST"]),
            Route("/api/user/status/{nik}", api.status, methods=["GET"]),
            Route("/api/v2/sign/pdf", api.sign_v2, methods=["POST"]),
            Route("/api/v2/verify/pdf", api.verify_v2, methods=["POST"]),
            Route("/api/v2/user/check/status", api.status_v2, methods=["POST"]),
        ],
        exception_handlers={HTTPException: http_error, Exception: http_error},
    )
    return headers.SecurityHeaders(app)
