"""``esign config get|set|unset|list`` over the TOML settings file."""

from __future__ import annotations

import textwrap

import click

from esign import i18n
from esign.cli.common import HELP_PARAMS, Env, LocalizedGroup, json_option, pass_env
from esign.cli.completion import setting_keys
from esign.config import SPECS, validate, write_setting
from esign.errors import ConfigError
from esign.render import json as rjson
from esign.render import terminal as report


def _key_list() -> dict[str, str]:
    """Every key of the settings table (names, in backticks as in the README), wrapped
    without breaking a key at its hyphen."""
    lines = textwrap.wrap(", ".join(f"`{k}`" for k in SPECS), width=66, break_on_hyphens=False)
    return {"keys": "\n  ".join(lines)}


HELP_PARAMS["flow.help.config"] = _key_list


@click.group("config", cls=LocalizedGroup, help="flow.help.config")
def config() -> None:
    pass


def _known(key: str) -> str:
    if key not in SPECS:
        raise ConfigError("config.unknown_key", key=key, keys=", ".join(SPECS))
    return key


@config.command("get", help="help.config.get")
@click.argument("key", shell_complete=setting_keys)
@pass_env
def config_get(env: Env, key: str) -> None:
    value = env.settings.get(_known(key))
    if value is None:
        raise ConfigError("config.not_set", key=key)
    click.echo(value)


@config.command("set", help="help.config.set")
@click.argument("key", shell_complete=setting_keys)
@click.argument("value")
@pass_env
def config_set(env: Env, key: str, value: str) -> None:
    value = validate(_known(key), value)
    write_setting(env.settings.path, key, value)
    env.out.print(i18n.t("config.saved", key=key, value=value, path=env.settings.path))


@config.command("unset", help="help.config.unset")
@click.argument("key", shell_complete=setting_keys)
@pass_env
def config_unset(env: Env, key: str) -> None:
    write_setting(env.settings.path, _known(key), None)


@config.command("list", help="help.config.list")
@json_option()
@pass_env
def config_list(env: Env, as_json: bool) -> None:
    rows = env.settings.all()
    if as_json:
        click.echo(rjson.dumps({r.key: r.value for r in rows}))
    else:
        report.render_settings(env.out, [(r.key, r.value, r.origin) for r in rows])


COMMANDS = (config,)
