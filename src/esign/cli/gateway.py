"""``esign api-client add|list|remove`` (the signing API's client applications) and
``esign cert set-nik`` (the NIK an office application names an officer by), issue 14."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

from esign import i18n
from esign.app import gateway
from esign.cli.admin import cert as cert_group
from esign.cli.common import (
    Env,
    LocalizedGroup,
    json_option,
    option,
    pass_env,
    resolve_secret,
)
from esign.cli.completion import cert_ids
from esign.cli.levels import LEVELS
from esign.render import json as rjson

if TYPE_CHECKING:
    from esign.web.serving import RunningWeb

F = TypeVar("F", bound=Callable[..., Any])


@click.group("api-client", cls=LocalizedGroup, help="help.api_client")
def api_client() -> None:
    pass


@api_client.command("add", help="help.api_client.add")
@click.argument("name")
@option(
    "--password-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="help.opt.password_file",
)
@json_option()
@pass_env
def api_client_add(env: Env, name: str, password_file: Path | None, as_json: bool) -> None:
    secret = resolve_secret(
        env,
        file=password_file,
        variable="ESIGN_API_CLIENT_PASSWORD",
        option_name="--password-file",
        prompt=i18n.t("gateway.password_prompt", name=name),
        what=i18n.t("gateway.password_what", name=name),
        confirm=True,
    )
    with env.open_store() as store:
        made = gateway.add_client(store, name, secret.value.decode("utf-8"), env.now())
    if as_json:
        click.echo(rjson.dumps(rjson.to_dict(made)))
    else:
        env.out.print(i18n.t("gateway.client_added", name=made.name))


@api_client.command("list", help="help.api_client.list")
@json_option()
@pass_env
def api_client_list(env: Env, as_json: bool) -> None:
    with env.open_store() as store:
        clients = gateway.list_clients(store)
    if as_json:
        click.echo(rjson.dumps([rjson.to_dict(c) for c in clients]))
        return
    if not clients:
        env.out.print(i18n.t("gateway.no_clients"))
    for c in clients:
        env.out.print(i18n.t("gateway.client_line", name=c.name, when=c.created_at))


@api_client.command("remove", help="help.api_client.remove")
@click.argument("name")
@pass_env
def api_client_remove(env: Env, name: str) -> None:
    with env.open_store() as store:
        gateway.remove_client(store, name, env.now())
    env.out.print(i18n.t("gateway.client_removed", name=name))


@cert_group.command("set-nik", help="help.cert.set_nik")
@click.argument("cert_id", shell_complete=cert_ids)
@click.argument("nik", required=False)
@option("--clear", is_flag=True, help="help.opt.clear_nik")
@pass_env
def cert_set_nik(env: Env, cert_id: str, nik: str | None, clear: bool) -> None:
    if clear == (nik is not None):
        raise click.UsageError(i18n.t("gateway.nik_needed"))
    with env.open_store() as store:
        value = gateway.set_nik(store, cert_id, None if clear else nik, env.now())
    if value is None:
        env.out.print(i18n.t("gateway.nik_cleared", id=cert_id))
    else:
        env.out.print(i18n.t("gateway.nik_set", nik=value, id=cert_id))


COMMANDS = (api_client,)


# --- esign serve --api ----------------------------------------------------------------------


def api_options(f: F) -> F:
    """``--api --api-host --api-port --api-max-mb --api-rate --api-level --api-footer``,
    gathered into one ``api`` argument (None without ``--api``)."""

    def gather(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
        ctx.meta["esign.api"] = value

    decorators = [
        option("--api", is_flag=True, expose_value=False, callback=gather, help="help.opt.api"),
        option("--api-host", default="127.0.0.1", show_default=True, help="help.opt.api_host"),
        option(
            "--api-port",
            type=click.IntRange(0, 65535),
            default=8082,
            show_default=True,
            help="help.opt.api_port",
        ),
        option(
            "--api-max-mb",
            type=click.IntRange(1, 1024),
            default=20,
            show_default=True,
            help="help.opt.api_max_mb",
        ),
        option(
            "--api-rate",
            type=click.IntRange(1, 100_000),
            default=60,
            show_default=True,
            help="help.opt.api_rate",
        ),
        option(
            "--api-level",
            type=click.Choice(LEVELS),
            default="B-B",
            show_default=True,
            help="help.opt.api_level",
        ),
        option("--api-footer", is_flag=True, help="help.opt.api_footer"),
    ]
    for decorator in reversed(decorators):
        f = decorator(f)
    return f


@dataclass(frozen=True)
class ApiServe:
    """The ``--api-*`` options of ``esign serve``."""

    host: str
    port: int
    max_mb: int
    rate: int
    level: str
    footer: bool


def api_serve(ctx: click.Context, options: dict[str, Any]) -> ApiServe | None:
    """The API's options taken out of ``options`` (the command's keyword arguments); None
    when ``--api`` was not given."""
    picked = {k: options.pop(f"api_{k}") for k in ("host", "port", "max_mb", "rate", "level")}
    footer = bool(options.pop("api_footer"))
    if not ctx.meta.get("esign.api"):
        return None
    return ApiServe(footer=footer, **picked)


def start_api(env: Env, serve: ApiServe, max_connections: int) -> RunningWeb:
    """The signing API on its own port, in a thread beside the services."""
    from esign.app.gateway import ApiSigning
    from esign.cli.levels import with_level
    from esign.errors import ConfigError
    from esign.models import RevocationPolicy
    from esign.sign import SignOptions
    from esign.stamp import FooterRequest
    from esign.web import serving
    from esign.web.gateway import ApiConfig, create_api

    settings = env.settings
    lang = i18n.document_language()
    verify_url = settings.get("verify-url")
    base = SignOptions(reason=settings.get("reason"), location=settings.get("location"))
    base = with_level(env, base, level=serve.level, tsa_url=None, tsa_user=None)
    if serve.footer:
        law = settings.get("footer-law") == "yes"
        base = replace(base, footer=FooterRequest(lang=lang, law_note=law, verify_url=verify_url))
    with env.open_store() as store:
        if not gateway.list_clients(store):
            env.err.print(i18n.t("gateway.no_clients_serve"))
    config = ApiConfig(
        open_store=env.open_store,
        signing=ApiSigning(
            base=base, verify_url=verify_url, lang=lang, timezone=settings.timezone()
        ),
        max_mb=serve.max_mb,
        rate=serve.rate,
        policy=RevocationPolicy(settings.get("revocation") or "hard-fail"),
    )
    try:
        api = serving.start(
            create_api(config), serve.host, serve.port, max_connections=max_connections
        )
    except OSError as e:
        raise ConfigError(
            "gateway.bind", host=serve.host, port=serve.port, detail=i18n.os_error(e)
        ) from e
    env.err.print(i18n.t("gateway.listening", url=api.url))
    return api


# --- esign sign --backend bsre ----------------------------------------------------------------

_BSRE_OPTIONS = frozenset(
    {
        "files",
        "output",
        "in_place",
        "force",
        "reason",
        "location",
        "yes",
        "backend",
        "passphrase_file",
        "as_json",
        "stamp",
        "stamp_at",
        "stamp_page",
    }
)
"""The ``esign sign`` options that mean something at the gateway; any other is refused."""


def _bsre_gateway(env: Env) -> Any:
    import os

    from esign import pki
    from esign.app.bsre import Gateway
    from esign.errors import ConfigError
    from esign.keys import Secret

    settings = env.settings
    url, user, nik = (settings.get(k) for k in ("bsre-url", "bsre-user", "bsre-nik"))
    password = os.environ.get("ESIGN_BSRE_PASSWORD", "")
    missing = [
        name
        for name, value in (
            ("bsre-url", url),
            ("bsre-user", user),
            ("bsre-nik", nik),
            ("ESIGN_BSRE_PASSWORD", password),
        )
        if not value
    ]
    if missing:
        raise ConfigError("bsre.settings_missing", missing=", ".join(missing))
    assert url and user and nik
    return Gateway(
        url=url, user=user, password=Secret(password.encode("utf-8")), nik=pki.check_nik(nik)
    )


def _remote_consent(env: Env, file: Path, url: str, nik: str, *, yes: bool) -> str:
    """``flag``, ``unattended`` or ``confirmed`` (the local signing's answers)."""
    from esign.cli import common
    from esign.cli.consent import YES
    from esign.errors import DeclinedError

    if yes:
        return "flag"
    if not env.interactive or not common.is_interactive_terminal():
        return "unattended"
    common.echo(i18n.t("bsre.consent", file=file, url=url, nik=gateway.masked(nik)), err=True)
    try:
        answer = click.prompt(
            i18n.t("consent.prompt"), default="", show_default=False, err=True, prompt_suffix=" "
        )
    except click.Abort as e:
        if isinstance(e.__context__, KeyboardInterrupt):
            raise  # Ctrl-C: the command stops, as at any question
        answer = ""  # Ctrl-D (end of input): no consent
    if answer.strip().lower() not in YES:
        raise DeclinedError("consent.declined")
    return "confirmed"


def backend_option(f: F) -> F:
    """``--backend local|bsre`` on ``esign sign``: with ``bsre`` the command's own body does
    not run; :func:`sign_at_bsre` signs the letter at the gateway instead."""
    import functools

    @functools.wraps(f)
    def dispatch(ctx: click.Context, /, *args: Any, backend: str, **kwargs: Any) -> Any:
        if backend == "bsre":
            return sign_at_bsre(ctx)
        return f(ctx, *args, **kwargs)

    decorated = option(
        "--backend",
        type=click.Choice(["local", "bsre"]),
        default="local",
        show_default=True,
        help="help.opt.backend",
    )(dispatch)
    return cast(F, decorated)


def sign_at_bsre(ctx: click.Context) -> None:
    """``esign sign FILE --backend bsre``: one letter, signed at the office's BSrE gateway
    (the ``sign`` command's parameters read from ``ctx``)."""
    from click.core import ParameterSource

    from esign.app import bsre
    from esign.cli.common import echo
    from esign.pdf import check_input, resolve_output

    env: Env = ctx.obj
    params = ctx.params
    files: tuple[str, ...] = params["files"]
    output: Path | None = params["output"]
    in_place, force = bool(params["in_place"]), bool(params["force"])
    passphrase_file: Path | None = params["passphrase_file"]
    refused = [
        p.opts[-1]
        for p in ctx.command.params
        if p.name not in _BSRE_OPTIONS
        and p.name is not None
        and ctx.get_parameter_source(p.name) is ParameterSource.COMMANDLINE
    ]
    if refused:
        raise click.UsageError(i18n.t("bsre.not_with", options=", ".join(refused)))
    if len(files) != 1:
        raise click.UsageError(i18n.t("bsre.one_file"))
    remote = _bsre_gateway(env)
    file = Path(files[0])
    check_input(file)
    target, _ = resolve_output(file, output, in_place=in_place, force=True)
    looks = bsre.RemoteLooks(
        visible=bool(params.get("stamp") or params.get("stamp_at")),
        tag=params.get("stamp_at"),
        page=params.get("stamp_page"),
        reason=env.settings.get("reason", params["reason"]),
        location=env.settings.get("location", params["location"]),
    )
    with env.open_store() as store:
        given = _remote_consent(env, file, remote.url, remote.nik, yes=bool(params.get("yes")))
        secret = resolve_secret(
            env,
            file=passphrase_file,
            variable="ESIGN_PASSPHRASE",
            option_name="--passphrase-file",
            prompt=i18n.t("bsre.pass_prompt", nik=gateway.masked(remote.nik)),
            what=i18n.t("bsre.pass_what", nik=gateway.masked(remote.nik)),
        )
        result = bsre.sign_remote(
            store,
            input=file,
            output=target,
            overwrite=in_place or force,
            gateway=remote,
            passphrase=secret,
            looks=looks,
            consent=given,
            clock=env.clock,
        )
    if params.get("as_json"):
        click.echo(rjson.dumps(rjson.to_dict(result)))
    else:
        echo(
            i18n.t(
                "bsre.done",
                input=result.input,
                output=result.output,
                signer=result.signer or "?",
                url=result.gateway,
            )
        )
