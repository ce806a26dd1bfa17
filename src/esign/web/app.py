"""The routes: the page (``/verify``), its JSON twin (``/api/v1/verify``), the stylesheet.

Thin over :func:`esign.app.verifying.verify_upload`: one report object, rendered as a page
or as the ``esign verify --json`` object. Each request runs in its own language (a context
variable); verifications run in worker threads, at most ``concurrency`` at once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import anyio
import anyio.to_thread
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp

from esign import __version__, i18n
from esign.models import JSON_SCHEMA_VERSION, RevocationPolicy, Verdict, VerificationReport
from esign.render import json as rjson
from esign.render import wording
from esign.sanitize import clean_lines
from esign.store import Store
from esign.web import headers, upload
from esign.web.view import ReportView, report_view

log = logging.getLogger(__name__)
T = TypeVar("T")
HERE = Path(__file__).parent
LANGS = ("id", "en")
"""Indonesian first: the page's default."""
ADMITTED = 2
"""Uploads held in memory at once, per verification slot: one checked, one read or waiting."""


@dataclass(frozen=True, slots=True, kw_only=True)
class WebConfig:
    """What the verification page needs from ``esign serve``."""

    open_store: Callable[[], Store] | None
    """The office's store (trust anchors, certificates, revocation register); None: none."""
    timezone: ZoneInfo = field(default_factory=lambda: ZoneInfo("Asia/Jakarta"))
    upload_mb: int = 50
    """Largest upload, in MB (the ``web-upload-mb`` setting)."""
    concurrency: int = 4
    """Verifications at once (``web-concurrency``); the others wait their turn."""
    queue_seconds: float = 30.0
    """How long a request waits for a turn before it is answered 503."""
    policy: RevocationPolicy = RevocationPolicy.HARD_FAIL
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))


def _lang(request: Request, form: dict[str, str] | None = None) -> str:
    """``?lang=``, then the form's ``lang``, then Accept-Language's first of ours, then id."""
    for value in (request.query_params.get("lang"), (form or {}).get("lang")):
        if value in LANGS:
            return value
    accepted = request.headers.get("accept-language", "")
    for part in accepted.split(","):
        tag = part.split(";")[0].strip().lower()[:2]
        if tag in LANGS:
            return tag
    return "id"


def _clean(value: Any) -> Any:
    """Every text the page shows, bidi overrides and control characters made visible
    (:func:`esign.sanitize.clean_lines`) before Jinja escapes it; markup is ours."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return clean_lines(value)
    return value


class _Service:
    def __init__(self, config: WebConfig) -> None:
        self.config = config
        self.slots = anyio.Semaphore(config.concurrency)
        self.threads = anyio.CapacityLimiter(config.concurrency)
        self.admitted = anyio.Semaphore(ADMITTED * config.concurrency)
        """Requests holding an upload in memory (being read, waiting, or being checked):
        memory stays under about ``ADMITTED * concurrency * upload_mb`` whatever comes."""
        self.limit = config.upload_mb * 1024 * 1024
        self.jinja = Environment(
            loader=FileSystemLoader(HERE / "templates"),
            autoescape=select_autoescape(default=True),
            finalize=_clean,
        )
        self.jinja.globals["t"] = i18n.t

    def page(self, request: Request, name: str, lang: str, status: int, **ctx: Any) -> Response:
        other = "en" if lang == "id" else "id"
        html = self.jinja.get_template(name).render(
            lang=lang,
            switch_url=f"/verify?lang={other}",
            upload_mb=self.config.upload_mb,
            version=__version__,
            **ctx,
        )
        return Response(html, status_code=status, media_type="text/html; charset=utf-8")

    async def checked(self, lang: str, work: Callable[[], T]) -> T:
        """``work`` in a worker thread, in ``lang``, once one of the ``concurrency`` slots
        is free (TimeoutError after ``queue_seconds``): verification and anything as heavy
        (the pictures of changes) never runs on the event loop."""

        def run() -> T:
            with i18n.language(lang):
                return work()

        with anyio.fail_after(self.config.queue_seconds):
            await self.slots.acquire()
        try:
            return await anyio.to_thread.run_sync(run, limiter=self.threads)
        finally:
            self.slots.release()

    def verify_now(self, data: bytes, name: str) -> VerificationReport:
        """``esign verify`` of the upload, with the store's trust, at the service's clock
        (in a worker thread: see :meth:`checked`)."""
        from esign.app.verifying import verify_upload

        at = self.config.clock()
        return verify_upload(
            self.config.open_store, data, name=name, at=at, policy=self.config.policy
        )

    async def verify(self, data: bytes, name: str, lang: str) -> VerificationReport:
        """The report of the upload, its texts in ``lang``."""
        return await self.checked(lang, lambda: self.verify_now(data, name))

    async def read(self, request: Request, lang: str) -> tuple[upload.Upload | None, str, int]:
        """The upload, or None with the error key and status."""
        try:
            sent = await upload.read_upload(request, self.limit)
        except upload.TooLarge:
            return None, "web.error.too_large", 413
        except upload.NoFile:
            return None, "web.error.no_file", 400
        except upload.BadForm:
            return None, "web.error.bad_form", 400
        if len(sent.data) > self.limit:
            return None, "web.error.too_large", 413
        return sent, "", 200

    # -- the routes ----------------------------------------------------------------------

    async def index(self, request: Request) -> Response:
        lang = request.query_params.get("lang")
        return RedirectResponse("/verify" + (f"?lang={lang}" if lang in LANGS else ""), 303)

    async def form(self, request: Request) -> Response:
        lang = _lang(request)
        with i18n.language(lang):
            return self.page(request, "verify.html", lang, 200)

    async def admit(self) -> bool:
        """A place for one more upload in memory, waiting at most ``queue_seconds``."""
        try:
            with anyio.fail_after(self.config.queue_seconds):
                await self.admitted.acquire()
        except TimeoutError:
            return False
        return True

    async def post_page(self, request: Request) -> Response:
        if not await self.admit():
            lang = _lang(request)
            with i18n.language(lang):
                message = i18n.t("web.error.busy")
                return self.page(request, "error.html", lang, 503, message=message)
        try:
            return await self._post_page(request)
        finally:
            self.admitted.release()

    async def post_api(self, request: Request) -> Response:
        if not await self.admit():
            with i18n.language(_lang(request)):
                return api_error("web.error.busy", 503)
        try:
            return await self._post_api(request)
        finally:
            self.admitted.release()

    async def _post_page(self, request: Request) -> Response:
        sent, key, status = await self.read(request, _lang(request))
        lang = _lang(request, sent.fields if sent else None)
        with i18n.language(lang):
            if sent is None:
                message = i18n.t(key, mb=self.config.upload_mb)
                return self.page(request, "error.html", lang, status, message=message)
            tz = self.config.timezone

            def work() -> tuple[VerificationReport, ReportView]:
                report = self.verify_now(sent.data, sent.name)
                return report, report_view(report, tz, sent.data)

            try:
                report, view = await self.checked(lang, work)
            except TimeoutError:
                return self.page(request, "error.html", lang, 503, message=i18n.t("web.error.busy"))
            status = 422 if report.verdict is Verdict.ERROR else 200
            when = wording.local_time(report.checked_at, tz)
            return self.page(request, "report.html", lang, status, report=view, checked=when)

    async def _post_api(self, request: Request) -> Response:
        lang = _lang(request)
        sent, key, status = await self.read(request, lang)
        with i18n.language(lang):
            if sent is None:
                return api_error(key, status, mb=self.config.upload_mb)
            try:
                report = await self.verify(sent.data, sent.name, lang)
            except TimeoutError:
                return api_error("web.error.busy", 503)
            status = 422 if report.verdict is Verdict.ERROR else 200
            return JSONResponse(rjson.verification_json(report, lang), status_code=status)


def api_error(key: str, status: int, **params: Any) -> JSONResponse:
    """``{"schema": 1, "error": {"code": ..., "message": ...}}`` in the request's language."""
    code = key.removeprefix("web.error.")
    body = {
        "schema": JSON_SCHEMA_VERSION,
        "error": {"code": code, "message": i18n.t(key, **params)},
    }
    return JSONResponse(body, status_code=status)


def create_app(config: WebConfig) -> ASGIApp:
    """The verification page and its JSON API as an ASGI application."""
    service = _Service(config)

    async def http_error(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        if status >= 500:
            log.error("error answering %s", request.url.path, exc_info=exc)
        key = {404: "web.error.not_found", 405: "web.error.method"}.get(
            status, "web.error.internal"
        )
        lang = _lang(request)
        with i18n.language(lang):
            if request.url.path.startswith("/api/"):
                return api_error(key, status)
            return service.page(request, "error.html", lang, status, message=i18n.t(key))

    app = Starlette(
        routes=routes(service),
        exception_handlers={HTTPException: http_error, Exception: http_error},
    )
    return headers.SecurityHeaders(app)  # outermost: the 500 page carries them too


def routes(service: _Service) -> list[BaseRoute]:
    """Every address the service answers. A further surface (a module of its own, given
    ``service`` for its pages, verification and uploads) adds its routes here, one line."""
    return [
        Route("/", service.index),
        Route("/verify", service.form, methods=["GET"]),
        Route("/verify", service.post_page, methods=["POST"]),
        Route("/api/v1/verify", service.post_api, methods=["POST"]),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
