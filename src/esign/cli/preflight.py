"""``esign check FILE``: pre-flight alone (issue 16); nothing is written."""

from __future__ import annotations

from pathlib import Path

import click

from esign.app import preflight
from esign.cli.common import LocalizedCommand, echo, json_option


@click.command("check", cls=LocalizedCommand, help="help.check")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@json_option()
@click.pass_context
def check(ctx: click.Context, /, file: Path, as_json: bool) -> None:
    from esign.render import preflight as words

    report = preflight.check_letter(file)
    code = preflight.exit_code(report)
    if as_json:
        from esign.render import json as rjson

        click.echo(rjson.dumps(words.as_json(report, code)))
    else:
        for line in words.lines(report, code):
            echo(line)
    ctx.exit(code)


COMMANDS = [check]
