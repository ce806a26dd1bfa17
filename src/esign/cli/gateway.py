"""``esign api-client add|list|remove`` (the signing API's client applications) and
``esign cert set-nik`` (the NIK an office application names an officer by), issue 14."""

from __future__ import annotations

from pathlib import Path

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
from esign.render import json as rjson


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
