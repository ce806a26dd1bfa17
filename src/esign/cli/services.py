"""The office's PKI services: ``cert revoke``, ``ca crl``, ``ca services``, ``serve``,
and the long-term commands ``timestamp`` and ``extend``."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from esign import i18n
from esign.app import admin
from esign.cli.admin import ca as ca_group
from esign.cli.admin import cert as cert_group
from esign.cli.common import (
    Env,
    KeyPassphrase,
    LocalizedCommand,
    json_option,
    option,
    pass_env,
    passphrase_file_option,
    pin_file_option,
    resolve_secret,
    token_pin,
)
from esign.cli.completion import cert_ids
from esign.cli.levels import ltv_options, output_options, tsa_options
from esign.errors import StoreError
from esign.keys import Secret
from esign.pdf import atomic_output, check_input, resolve_output
from esign.render import json as rjson
from esign.render import terminal as report
from esign.store import Store

if TYPE_CHECKING:
    from esign.ltv import LtvOptions
    from esign.server import EsignHTTPServer
    from esign.web.serving import RunningWeb

F = TypeVar("F", bound=Callable[..., Any])


REASONS = (
    "unspecified",
    "keyCompromise",
    "affiliationChanged",
    "superseded",
    "cessationOfOperation",
    "certificateHold",
)
"""RFC 5280 reasons (esign.pki.REVOCATION_REASONS, kept here so --help stays light)."""


def ca_passphrase(env: Env, store: Store, file: Path | None) -> Secret:
    """The CA key's passphrase: --ca-passphrase-file, ESIGN_CA_PASSPHRASE, then a prompt."""
    ca_id = store.ca().id
    return resolve_secret(
        env,
        file=file,
        variable="ESIGN_CA_PASSPHRASE",
        option_name="--ca-passphrase-file",
        prompt=i18n.t("pass.prompt.key", id=ca_id),
        what=i18n.t("pass.prompt.key", id=ca_id),
    )


def _ca_passphrase(env: Env, store: Store, file: Path | None) -> KeyPassphrase:
    """The CA key's passphrase as the app asks for it: from --ca-passphrase-file or
    ESIGN_CA_PASSPHRASE once, or typed at a terminal and asked again after a typo (the
    token's PIN, once, when the CA key is on a token)."""
    store.ca()  # no CA: said before any question
    return KeyPassphrase(env, file, "ESIGN_CA_PASSPHRASE", "--ca-passphrase-file", store=store)


@cert_group.command("revoke", help="help.cert.revoke")
@click.argument("cert_id", shell_complete=cert_ids)
@option(
    "--reason",
    type=click.Choice(list(REASONS)),
    default="unspecified",
    show_default=True,
    help="help.opt.revoke_reason",
)
@passphrase_file_option("--ca-passphrase-file")
@json_option()
@pass_env
def cert_revoke(
    env: Env, cert_id: str, reason: str, ca_passphrase_file: Path | None, as_json: bool
) -> None:
    with env.open_store() as store:
        store.get(cert_id)
        asked = _ca_passphrase(env, store, ca_passphrase_file)  # asked again after a typo
        info = admin.revoke(store, id=cert_id, reason=reason, ca_passphrase=asked, at=env.now())
    if as_json:
        click.echo(rjson.dumps(rjson.to_dict(info)))
    else:
        env.out.print(i18n.t("cert.revoked_done", id=cert_id, reason=reason))


@ca_group.command("crl", help="help.ca.crl")
@option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="help.opt.crl_out",
)
@option("--force", is_flag=True, help="help.opt.force")
@option("--refresh", is_flag=True, help="help.opt.crl_refresh")
@passphrase_file_option("--ca-passphrase-file")
@pass_env
def ca_crl(
    env: Env, output: Path, force: bool, refresh: bool, ca_passphrase_file: Path | None
) -> None:
    from cryptography.hazmat.primitives.serialization import Encoding

    with env.open_store() as store, atomic_output(output, overwrite=force) as fh:
        store.ca()
        der = None if refresh else admin.current_crl(store, env.now())
        if der is None:
            asked = _ca_passphrase(env, store, ca_passphrase_file)
            crl = admin.issue_crl(store, ca_passphrase=asked, at=env.now())
            der = crl.public_bytes(Encoding.DER)
        fh.write(der)
    env.err.print(i18n.t("ca.crl_written", file=output))


@ca_group.command("services", help="help.ca.services")
@option("--token", metavar="LABEL", help="help.opt.token")
@passphrase_file_option("--ca-passphrase-file")
@pin_file_option()
@json_option()
@pass_env
def ca_services(
    env: Env, token: str | None, ca_passphrase_file: Path | None, as_json: bool
) -> None:
    with env.open_store() as store:
        store.ca()
        infos = admin.service_infos(store, env.now())
        if len(infos) < 2:
            secret = ca_passphrase(env, store, ca_passphrase_file)
            infos = admin.ensure_services(
                store,
                ca_passphrase=secret,
                at=env.now(),
                base_url=env.settings.get("base-url"),
                token=token,
                pin=token_pin(env, token) if token else None,
            )
    if as_json:
        click.echo(rjson.dumps([rjson.cert_json(i) for i in infos]))
    else:
        report.render_cert_list(env.out, infos, env.settings.timezone())


def _request_log() -> None:
    """One line per request on stderr, whatever the library-log settings (-v adds more)."""
    logger = logging.getLogger("esign.server")
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False


@click.command("serve", cls=LocalizedCommand, help="help.serve")
@option("--host", default="127.0.0.1", show_default=True, help="help.opt.host")
@option(
    "--port", type=click.IntRange(0, 65535), default=8080, show_default=True, help="help.opt.port"
)
@option(
    "--idle-timeout",
    type=click.FloatRange(0.1, 3600),
    default=10,
    show_default=True,
    help="help.opt.idle_timeout",
)
@option(
    "--header-timeout",
    type=click.FloatRange(0.1, 3600),
    default=10,
    show_default=True,
    help="help.opt.header_timeout",
)
@option(
    "--max-connections",
    type=click.IntRange(1, 10000),
    default=64,
    show_default=True,
    help="help.opt.max_connections",
)
@option(
    "--max-body",
    type=click.IntRange(1024, 64 * 1024),
    default=64 * 1024,
    show_default=True,
    help="help.opt.max_body",
)
@option("--web-host", default="127.0.0.1", show_default=True, help="help.opt.web_host")
@option(
    "--web-port",
    type=click.IntRange(0, 65535),
    default=8081,
    show_default=True,
    help="help.opt.web_port",
)
@option("--no-web", is_flag=True, help="help.opt.no_web")
@passphrase_file_option("--ca-passphrase-file")
@pin_file_option()
@pass_env
def serve(
    env: Env,
    host: str,
    port: int,
    idle_timeout: float,
    header_timeout: float,
    max_connections: int,
    max_body: int,
    web_host: str,
    web_port: int,
    no_web: bool,
    ca_passphrase_file: Path | None,
) -> None:
    from datetime import UTC, datetime

    from esign import server
    from esign.timestamp import DEFAULT_POLICY

    _request_log()
    with env.open_store() as store:
        secret = ca_passphrase(env, store, ca_passphrase_file)
        admin.ensure_services(
            store, ca_passphrase=secret, at=env.now(), base_url=env.settings.get("base-url")
        )
        tokens = admin.service_tokens(store)  # service keys on a token: its PIN, once
        pin = token_pin(env, tokens[0]) if tokens else None
        keys = admin.unlock_services(store, secret, env.now(), pin)
        store.audit("serve.start", at=env.now(), detail={"host": host, "port": port})
    config = server.ServiceConfig(
        home=env.store_location,
        keys=keys,
        clock=lambda: datetime.now(UTC),
        policy=env.settings.get("tsa-policy") or DEFAULT_POLICY,
        limits=server.Limits(
            idle_timeout=idle_timeout,
            header_timeout=header_timeout,
            max_connections=max_connections,
            max_body=max_body,
        ),
    )
    try:
        httpd = server.make_server(host, port, config)
    except OSError as e:
        from esign.errors import ConfigError

        raise ConfigError("serve.bind", host=host, port=port, detail=i18n.os_error(e)) from e
    env.err.print(i18n.t("serve.listening", url=httpd.url, pid=os.getpid()))
    _serve(env, httpd, None if no_web else (web_host, web_port), max_connections)
    with env.open_store() as store:
        store.audit("serve.stop", at=datetime.now(UTC), detail={"host": host, "port": port})


def _serve(
    env: Env, httpd: EsignHTTPServer, web: tuple[str, int] | None, max_connections: int
) -> None:
    """Answer until SIGINT/SIGTERM: the services, and the verification page unless ``web``
    is None (``--no-web``); the page finishes its requests in flight before the end."""
    from esign import server

    running = None if web is None else _start_web(env, *web, max_connections)
    try:
        server.serve_until_signalled(httpd)
    finally:
        if running is not None:
            running.stop()


def _start_web(env: Env, host: str, port: int, max_connections: int) -> RunningWeb:
    """The verification page (issue 13) on its own port, in a thread beside the services."""
    from esign.errors import ConfigError
    from esign.models import RevocationPolicy
    from esign.web import WebConfig, create_app, serving

    config = WebConfig(
        open_store=env.open_store,
        timezone=env.settings.timezone(),
        upload_mb=int(env.settings.get("web-upload-mb") or 50),
        concurrency=int(env.settings.get("web-concurrency") or 4),
        policy=RevocationPolicy(env.settings.get("revocation") or "hard-fail"),
    )
    try:
        web = serving.start(create_app(config), host, port, max_connections=max_connections)
    except OSError as e:
        raise ConfigError("web.bind", host=host, port=port, detail=i18n.os_error(e)) from e
    env.err.print(i18n.t("web.listening", url=web.url))
    return web


@click.command("timestamp", cls=LocalizedCommand, help="help.timestamp")
@click.argument("file", type=click.Path(path_type=Path))
@output_options
@tsa_options
@json_option()
@pass_env
def timestamp(
    env: Env,
    file: Path,
    output: Path | None,
    in_place: bool,
    force: bool,
    tsa_url: str | None,
    tsa_user: str | None,
    as_json: bool,
) -> None:
    from esign.ltv import timestamp_document

    target, overwrite = _target(file, output, in_place, force, ".timestamped")
    options = ltv_options(env, "B-LTA", tsa_url, tsa_user)
    sha = timestamp_document(file, target, options, overwrite=overwrite)
    _audit(env, "timestamp", file, target, sha, options)
    if as_json:
        click.echo(rjson.dumps({"input": str(file), "output": str(target), "sha256": sha}))
    else:
        env.out.print(i18n.t("timestamp.done", input=file, output=target))


@click.command("extend", cls=LocalizedCommand, help="help.extend")
@click.argument("file", type=click.Path(path_type=Path))
@option(
    "--level",
    type=click.Choice(["B-LT", "B-LTA"]),
    default="B-LT",
    show_default=True,
    help="help.opt.extend_level",
)
@output_options
@tsa_options
@json_option()
@pass_env
def extend(
    env: Env,
    file: Path,
    level: str,
    output: Path | None,
    in_place: bool,
    force: bool,
    tsa_url: str | None,
    tsa_user: str | None,
    as_json: bool,
) -> None:
    from esign.ltv import extend_document

    target, overwrite = _target(file, output, in_place, force, f".{level.lower()}")
    options = ltv_options(env, level, tsa_url, tsa_user)
    sha = extend_document(file, target, options, overwrite=overwrite)
    _audit(env, "extend", file, target, sha, options)
    if as_json:
        data = {"input": str(file), "output": str(target), "level": level.upper(), "sha256": sha}
        click.echo(rjson.dumps(data))
    else:
        env.out.print(i18n.t("extend.done", input=file, level=level.upper(), output=target))


def _target(
    file: Path, output: Path | None, in_place: bool, force: bool, suffix: str
) -> tuple[Path, bool]:
    check_input(file)
    if output is None and not in_place:
        output = file.with_name(f"{file.stem}{suffix}{file.suffix or '.pdf'}")
    return resolve_output(file, output, in_place=in_place, force=force)


def _audit(env: Env, action: str, file: Path, target: Path, sha: str, options: LtvOptions) -> None:
    try:
        with env.open_store() as store:
            detail: dict[str, object] = {
                "input": str(file),
                "output": str(target),
                "sha256_after": sha,
            }
            if options.tsa is not None:
                detail["tsa"] = options.tsa.url
            store.audit(action, at=env.now(), subject=str(file), detail=detail)
    except StoreError as e:
        if e.key != "store.missing":
            raise


COMMANDS = (serve, timestamp, extend)
