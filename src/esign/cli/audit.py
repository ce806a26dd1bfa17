"""``esign log``: the hash-chained audit log; ``--check`` says what the chain (and a head
kept elsewhere, or a stored anchor) proves; ``log head`` and ``log anchor`` record heads."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import click

from esign import auditlog, i18n
from esign.cli.common import Env, LocalizedGroup, json_option, option
from esign.errors import ConfigError, ExitCode
from esign.render import json as rjson
from esign.render import terminal as report
from esign.store import AuditHead, HeadCheck, parse_head
from esign.store.audit import HeadResult, TokenCheck


def _since(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as e:
        raise ConfigError("log.bad_since", value=value) from e
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _head(value: str | None) -> AuditHead | None:
    if value is None:
        return None
    try:
        return parse_head(value)
    except ValueError as e:
        raise ConfigError("log.bad_head", value=value) from e


@click.group("log", cls=LocalizedGroup, help="help.log", invoke_without_command=True, chain=False)
@option("--since", help="help.opt.since")
@option("--check", is_flag=True, help="help.opt.check")
@option("--head", "given_head", metavar="HASH:COUNT", help="help.opt.log_head")
@json_option()
@click.pass_context
def log(
    ctx: click.Context, since: str | None, check: bool, given_head: str | None, as_json: bool
) -> None:
    if ctx.invoked_subcommand is not None:
        return
    env: Env = ctx.obj
    start = _since(since)
    head = _head(given_head)
    if check or head is not None:
        with env.open_store() as store:
            result = auditlog.check_log(store, head, at=env.now())
        _render_check(env, result, as_json)
        ctx.exit(int(ExitCode.OK if result.ok else ExitCode.INVALID))
    with env.open_store() as store:
        entries = store.audit_entries()
    shown = [e for e in entries if start is None or e.at >= start]
    if as_json:
        for entry in shown:
            click.echo(rjson.dumps(rjson.to_dict(entry)))
    else:
        report.render_log(env.out, shown, env.settings.timezone())


def _head_json(found: HeadResult) -> dict[str, object]:
    anchor = found.anchor
    return {
        "head": str(found.head),
        "result": found.result.value,
        "at": anchor.at.isoformat() if anchor else None,
        "tsa": anchor.tsa if anchor else None,
        "token": found.token.value if found.token else None,
        "token_time": (
            t.isoformat()
            if anchor and anchor.token and (t := auditlog.token_time(anchor.token))
            else None
        ),
    }


def _head_line(found: HeadResult, have: int) -> str:
    kind = "given" if found.anchor is None else "anchor"
    key = f"log.{kind}.{found.result.value}"
    params: dict[str, Any] = {
        "count": found.head.count,
        "hash": found.head.hash[:16],
        "have": have,
        "later": max(0, have - found.head.count),
    }
    anchor = found.anchor
    if anchor is not None:
        params["at"] = anchor.at.isoformat()
        when = auditlog.token_time(anchor.token) if anchor.token else None
        stamp = {"time": when.isoformat() if when else "?", "url": anchor.tsa}
        params["tsa"] = (
            i18n.t("log.anchor.no_tsa")
            if found.token is None
            else i18n.t(f"log.anchor.tsa.{found.token.value}", **stamp)
        )
    return i18n.t(key, **params)


def _render_check(env: Env, result: auditlog.LogCheck, as_json: bool) -> None:
    broken = result.first_broken
    if as_json:
        click.echo(
            rjson.dumps(
                {
                    "ok": result.ok,
                    "entries": result.entries,
                    "first_broken": broken.seq if broken else None,
                    "head": str(result.head),
                    "given_head": _head_json(result.given) if result.given else None,
                    "anchors": [_head_json(a) for a in result.anchors],
                    "truncation_checked": bool(result.given or result.anchors),
                }
            )
        )
        return
    if broken is not None:
        env.err.print(
            i18n.t("log.broken", seq=broken.seq, at=broken.at.isoformat(), action=broken.action)
        )
    else:
        env.out.print(i18n.t("log.ok", count=result.entries))
    for found in [*([result.given] if result.given else []), *result.anchors[-1:]]:
        line = _head_line(found, result.entries)
        fine = found.result is HeadCheck.MATCHES and found.token is not TokenCheck.INVALID
        (env.out if fine else env.err).print(line)
    bad_anchors = [
        a
        for a in result.anchors[:-1]
        if a.result is not HeadCheck.MATCHES or a.token is TokenCheck.INVALID
    ]
    for found in bad_anchors:
        env.err.print(_head_line(found, result.entries))
    if result.given is None and not result.anchors:
        env.out.print(i18n.t("log.no_anchor"))
    elif result.given is None:
        env.out.print(i18n.t("log.anchor.same_store"))


@log.command("head", help="help.log.head")
@json_option()
@click.pass_obj
def log_head(env: Env, as_json: bool) -> None:
    with env.open_store() as store:
        head = store.audit_head()
    if as_json:
        click.echo(rjson.dumps({"head": str(head), "entries": head.count, "hash": head.hash}))
    else:
        click.echo(str(head))


@log.command("anchor", help="help.log.anchor")
@option("--tsa", "tsa_url", help="help.opt.log_tsa")
@json_option()
@click.pass_obj
def log_anchor(env: Env, tsa_url: str | None, as_json: bool) -> None:
    from esign.cli.levels import tsa_client

    configured = tsa_url or env.settings.get("tsa-url")
    tsa = tsa_client(env, configured, None) if configured else None
    with env.open_store() as store:
        anchor = auditlog.anchor_log(store, at=env.now(), tsa=tsa)
    if as_json:
        click.echo(
            rjson.dumps({"head": str(anchor.head), "at": anchor.at.isoformat(), "tsa": anchor.tsa})
        )
    else:
        env.out.print(
            i18n.t(
                "log.anchored",
                head=str(anchor.head),
                tsa=i18n.t("log.anchor.tsa", time=when.isoformat(), url=anchor.tsa)
                if anchor.token and (when := auditlog.token_time(anchor.token))
                else i18n.t("log.anchor.no_tsa"),
            )
        )


COMMANDS = (log,)
