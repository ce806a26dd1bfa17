"""``esign store``: store administration across backends (``store copy``)."""

from __future__ import annotations

import click

from esign import i18n
from esign.app import storage
from esign.cli.common import Env, LocalizedGroup, echo, option, pass_env


@click.group("store", cls=LocalizedGroup, help="help.store")
def store() -> None:
    pass


@store.command("copy", help="help.store.copy")
@option("--from", "source", required=True, help="help.opt.store_from")
@option("--to", "target", required=True, help="help.opt.store_to")
@pass_env
def copy(env: Env, source: str, target: str) -> None:
    result = storage.copy(source, target, env.now())
    echo(i18n.t("store.copied", source=result.source, target=result.target))
    for row in result.counts:
        line = i18n.t("store.copied.table", table=row.table, source=row.source, target=row.target)
        echo(f"  {line}")
    echo(i18n.t("store.copied.chain", head=str(result.head)))


COMMANDS = (store,)
