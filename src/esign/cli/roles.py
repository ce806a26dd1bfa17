"""``esign role grant|list|revoke``: who may sign a.n./u.b. or as Plt./Plh. for which post."""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from typing import Any

import click

from esign import i18n
from esign.app import roles
from esign.cli.common import Env, LocalizedGroup, json_option, option, pass_env
from esign.cli.completion import cert_ids
from esign.models import Acting
from esign.render import json as rjson
from esign.render import terminal as report
from esign.store import RoleGrant

_DAY = click.DateTime(formats=["%Y-%m-%d"])


@click.group("role", cls=LocalizedGroup, help="help.role")
def role() -> None:
    pass


def _text(value: str | None) -> str | None:
    return (" ".join(value.split()) or None) if value is not None else None


def window_text(grant: RoleGrant, tz: tzinfo) -> str:
    """``1 Mar 2026 to 31 Mar 2026``, ``from ...``, ``until ...`` or ``no end date``."""
    start, until = roles.grant_days(grant, tz)
    if start and until:
        return i18n.t("role.window_both", start=start, until=until)
    if start:
        return i18n.t("role.window_from", start=start)
    if until:
        return i18n.t("role.window_until", until=until)
    return i18n.t("role.window_always")


def _what(grant: RoleGrant) -> str:
    post = f"{grant.acting.prefix} {grant.post}" if grant.acting else grant.post
    if grant.may_sign_for:
        return i18n.t("role.holds_for", post=post, target=grant.may_sign_for)
    return i18n.t("role.holds", post=post)


def _days(start: datetime | None, until: datetime | None) -> tuple[date | None, date | None]:
    first, last = (start.date() if start else None), (until.date() if until else None)
    if first and last and last < first:
        raise click.UsageError(i18n.t("role.window_backwards", start=first, until=last))
    return first, last


@role.command("grant", help="help.role.grant")
@click.argument("cert_id", shell_complete=cert_ids)
@option("--post", required=True, metavar="TEXT", help="help.opt.post")
@option("--may-sign-for", metavar="TEXT", help="help.opt.may_sign_for")
@option("--acting", type=click.Choice([a.value for a in Acting]), help="help.opt.role_acting")
@option("--from", "start", type=_DAY, metavar="YYYY-MM-DD", help="help.opt.role_from")
@option("--until", type=_DAY, metavar="YYYY-MM-DD", help="help.opt.role_until")
@json_option()
@pass_env
def role_grant(
    env: Env,
    cert_id: str,
    post: str,
    may_sign_for: str | None,
    acting: str | None,
    start: datetime | None,
    until: datetime | None,
    as_json: bool,
) -> None:
    post_text = _text(post)
    if post_text is None:
        raise click.UsageError(i18n.t("role.empty_post"))
    tz = env.settings.timezone()
    valid_from, valid_until = roles.day_window(*_days(start, until), tz)
    with env.open_store() as store:
        made = roles.grant(
            store,
            cert_id,
            post=post_text,
            may_sign_for=_text(may_sign_for),
            acting=Acting(acting) if acting else None,
            valid_from=valid_from,
            valid_until=valid_until,
            at=env.now(),
        )
    if as_json:
        click.echo(rjson.dumps(_grant_json(made, env.now())))
        return
    window = window_text(made, tz)
    env.out.print(
        i18n.t("role.granted", grant=made.id, id=cert_id, what=_what(made), window=window)
    )


def _grant_json(grant: RoleGrant, at: datetime) -> dict[str, Any]:
    return {**rjson.to_dict(grant), "state": roles.state(grant, at).value}


@role.command("list", help="help.role.list")
@click.argument("cert_id", required=False, shell_complete=cert_ids)
@json_option()
@pass_env
def role_list(env: Env, cert_id: str | None, as_json: bool) -> None:
    with env.open_store() as store:
        if cert_id is not None:
            store.get(cert_id)  # an unknown id is an error, not an empty list
        grants = store.role_grants(cert_id)
    at, tz = env.now(), env.settings.timezone()
    if as_json:
        click.echo(rjson.dumps([_grant_json(g, at) for g in grants]))
        return
    rows = [
        report.RoleRow(
            grant=g, window=window_text(g, tz), state=i18n.t(f"role.state.{roles.state(g, at)}")
        )
        for g in grants
    ]
    report.render_role_list(env.out, rows)


@role.command("revoke", help="help.role.revoke")
@click.argument("grant_id", type=click.IntRange(min=1), metavar="NUMBER")
@pass_env
def role_revoke(env: Env, grant_id: int) -> None:
    with env.open_store() as store:
        done = roles.revoke(store, grant_id, env.now())
    g = done.grant
    if done.now_revoked:
        env.out.print(i18n.t("role.revoked", grant=g.id, id=g.identity_id))
    else:
        env.out.print(
            i18n.t("role.already_revoked", grant=g.id, id=g.identity_id, when=g.revoked_at)
        )


COMMANDS = (role,)
