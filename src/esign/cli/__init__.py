"""The ``esign`` command line: parse, resolve secrets, call one core function, render.

The only package that imports click. :func:`main` is the console script: it maps
every :class:`~esign.errors.EsignError` to its exit code and a one-line message;
a traceback appears only with ``-v``.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import Any

import click

from esign import __version__, i18n
from esign.cli.common import Env, LocalizedGroup, option
from esign.errors import EsignError, ExitCode


def _set_lang(ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value:
        i18n.set_language(i18n.resolve_language(value))
    return value


@click.group(cls=LocalizedGroup, help="help.root", context_settings={"max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="esign", message="%(prog)s %(version)s")
@option(
    "--lang",
    type=click.Choice(list(i18n.LANGUAGES)),
    is_eager=True,
    expose_value=False,
    callback=_set_lang,
    help="help.opt.lang",
)
@option("-v", "--verbose", count=True, help="help.opt.verbose")
@option("--non-interactive", is_flag=True, envvar="ESIGN_NON_INTERACTIVE", help="help.opt.nonint")
@click.pass_context
def cli(ctx: click.Context, verbose: int, non_interactive: bool) -> None:
    from rich.console import Console

    from esign.config import Settings

    ctx.meta["verbose"] = verbose
    if verbose:
        logging.basicConfig(
            level=logging.DEBUG if verbose > 1 else logging.INFO,
            format="%(levelname)s %(name)s: %(message)s",
        )
    ctx.obj = Env(
        settings=Settings(),
        out=Console(soft_wrap=True, highlight=False),
        err=Console(stderr=True, soft_wrap=True, highlight=False),
        verbose=verbose,
        interactive=not non_interactive,
    )


def _register() -> None:
    from esign.cli import admin, config_cmds, signing

    for command in (*admin.COMMANDS, *signing.COMMANDS, config_cmds.config):
        cli.add_command(command)


_register()


def _initial_language() -> None:
    """Language from ``ESIGN_LANG``, the config file or the locale, before parsing."""
    lang = os.environ.get("ESIGN_LANG")
    if not lang:
        try:
            from esign.config import Settings

            lang = Settings().get("lang") if _config_has_lang() else None
        except EsignError:
            lang = None
    i18n.set_language(i18n.resolve_language(lang))


def _config_has_lang() -> bool:
    from esign.config import config_path, read_file

    try:
        return "lang" in read_file(config_path())
    except EsignError:
        return False


def _print_error(message: str, hint: str | None = None) -> None:
    prefix = i18n.t("error.prefix")
    click.echo(f"{prefix}: {message}", err=True)
    if hint:
        click.echo(f"{i18n.t('error.hint_prefix')}: {hint}", err=True)


def main(argv: list[str] | None = None) -> Any:
    """Console-script entry point; returns (exits with) a documented exit code."""
    _initial_language()
    args = sys.argv[1:] if argv is None else argv
    verbose = any(a in ("-v", "--verbose") or a.startswith("-vv") for a in args)
    try:
        code = cli.main(args=args, prog_name="esign", standalone_mode=False)
    except click.exceptions.Abort:
        _print_error(i18n.t("error.interrupted"))
        code = ExitCode.INTERRUPTED
    except KeyboardInterrupt:
        _print_error(i18n.t("error.interrupted"))
        code = ExitCode.INTERRUPTED
    except click.ClickException as e:
        e.show()
        code = e.exit_code
    except click.exceptions.Exit as e:
        code = e.exit_code
    except EsignError as e:
        if verbose:
            import traceback

            traceback.print_exc()
        _print_error(e.message, e.hint)
        code = e.exit_code
    except Exception as e:
        if verbose:
            import traceback

            traceback.print_exc()
        _print_error(i18n.t("error.unexpected", detail=f"{type(e).__name__}: {e}"))
        code = ExitCode.ERROR
    sys.exit(int(code or 0))
