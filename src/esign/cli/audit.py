"""``esign log``: the hash-chained audit log, and ``--check`` to prove it is untouched."""

from __future__ import annotations

from datetime import UTC, datetime

import click

from esign import i18n
from esign.cli.common import Env, LocalizedCommand, json_option, option
from esign.errors import ConfigError, ExitCode
from esign.render import json as rjson
from esign.render import terminal as report
from esign.store import verify_audit_chain


def _since(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as e:
        raise ConfigError("log.bad_since", value=value) from e
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


@click.command("log", cls=LocalizedCommand, help="help.log")
@option("--since", help="help.opt.since")
@option("--check", is_flag=True, help="help.opt.check")
@json_option()
@click.pass_context
def log(ctx: click.Context, since: str | None, check: bool, as_json: bool) -> None:
    env: Env = ctx.obj
    start = _since(since)
    with env.open_store() as store:
        entries = store.audit_entries()
    if check:
        broken = verify_audit_chain(entries)
        if as_json:
            click.echo(
                rjson.dumps(
                    {
                        "ok": broken is None,
                        "entries": len(entries),
                        "first_broken": broken.seq if broken else None,
                    }
                )
            )
        elif broken is None:
            env.out.print(i18n.t("log.ok", count=len(entries)))
        else:
            env.err.print(
                i18n.t("log.broken", seq=broken.seq, at=broken.at.isoformat(), action=broken.action)
            )
        ctx.exit(int(ExitCode.OK if broken is None else ExitCode.INVALID))
    shown = [e for e in entries if start is None or e.at >= start]
    if as_json:
        for entry in shown:
            click.echo(rjson.dumps(rjson.to_dict(entry)))
    else:
        report.render_log(env.out, shown, env.settings.timezone())


COMMANDS = (log,)
