"""The ``esign`` command line: parse, resolve secrets, call one core function, render.

The only package that imports click. :func:`main` is the console script: it maps
every :class:`~esign.errors.EsignError` to its exit code and a one-line message;
a traceback appears only with ``-v``.
"""

from __future__ import annotations

import contextlib
import logging
import os
import typing
from typing import Any

import click

from esign import __version__, i18n
from esign.cli import click_i18n
from esign.cli.common import Env, LocalizedGroup, LocalizedOption, option, short_key
from esign.errors import DeclinedError, EsignError, ExitCode

click_i18n.install()  # click's own words (Usage:, Error:, …) in the user's language


def _set_lang(ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value:
        i18n.set_language(i18n.resolve_language(value), chosen=True)
    return value


class EsignFailure(click.ClickException):
    """An EsignError on its way out: one line (and a hint) on stderr, its own exit code."""

    def __init__(
        self, message: str, hint: str | None, exit_code: int, *, prefix: bool = True
    ) -> None:
        super().__init__(message)
        self.hint = hint
        self.exit_code = exit_code  # type: ignore[misc]
        self.prefix = prefix

    def show(self, file: Any = None) -> None:
        from esign.sanitize import clean  # a message may quote a hostile name: one safe line

        line = clean(self.message)
        # A deliberate "no" is the signer's choice, not an error: no "error:" before it.
        click.echo(f"{i18n.t('error.prefix')}: {line}" if self.prefix else line, err=True)
        if self.hint:
            click.echo(f"{i18n.t('error.hint_prefix')}: {clean(self.hint)}", err=True)


# Top-level commands: name -> (module, catalog key of the one-line help). Modules are
# imported only when a command runs (or its own --help is asked for), so that
# `esign --version` and `esign --help` start without pyHanko, cryptography or rich.
LAZY_COMMANDS: dict[str, tuple[str, str]] = {
    "api-client": ("esign.cli.gateway", "help.api_client"),
    "batch": ("esign.cli.queue_cmds", "help.batch"),
    "ca": ("esign.cli.admin", "help.ca"),
    "cert": ("esign.cli.admin", "help.cert"),
    "check": ("esign.cli.preflight", "help.check"),
    "config": ("esign.cli.config_cmds", "flow.help.config"),
    "extend": ("esign.cli.services", "help.extend"),
    "fields": ("esign.cli.fields", "help.fields"),
    "init": ("esign.cli.admin", "help.init"),
    "log": ("esign.cli.audit", "help.log"),
    "role": ("esign.cli.roles", "help.role"),
    "serve": ("esign.cli.services", "help.serve"),
    "sign": ("esign.cli.signing", "help.sign"),
    "store": ("esign.cli.store_cmds", "help.store"),
    "timestamp": ("esign.cli.services", "help.timestamp"),
    "trust": ("esign.cli.admin", "help.trust"),
    "verify": ("esign.cli.signing", "help.verify"),
    "verify-qr": ("esign.cli.fields", "help.verify_qr"),
    "worker": ("esign.cli.queue_cmds", "help.worker"),
}


class RootGroup(LocalizedGroup):
    """Maps every error to its exit code in one place; tracebacks only with -v.

    Commands load lazily (see ``LAZY_COMMANDS``); the command list in ``--help`` comes
    from the catalog without importing them.
    """

    _loaded: typing.ClassVar[set[str]] = set()

    # Modules that add subcommands to another module's groups (`cert revoke`, `ca crl`).
    EXTENDS: typing.ClassVar[dict[str, tuple[str, ...]]] = {
        "esign.cli.admin": ("esign.cli.services", "esign.cli.gateway")
    }

    def load(self, module: str) -> None:
        """Import one command module (and its extensions) and register its commands."""
        import importlib

        for name in (module, *self.EXTENDS.get(module, ())):
            if name in RootGroup._loaded:
                continue
            RootGroup._loaded.add(name)
            for command in importlib.import_module(name).COMMANDS:
                self.add_command(command)

    def load_all(self) -> None:
        """Import every command module (tests, shell completion of everything)."""
        for module in dict.fromkeys(m for m, _ in LAZY_COMMANDS.values()):
            self.load(module)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(LAZY_COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in LAZY_COMMANDS:
            self.load(LAZY_COMMANDS[cmd_name][0])
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(len(n) for n in names)
        rows = [(n, _short_help(i18n.t(_summary_key(n)), limit)) for n in names]
        with formatter.section(i18n.t("help.commands_heading")):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit):
            raise
        except click.Abort as e:
            # Ctrl-C (or end of input) at a question: click would say "Aborted!" in English
            # and exit 1, the "bug" code; a person who stopped at a question gets 130.
            raise EsignFailure(i18n.t("flow.cancelled"), None, ExitCode.INTERRUPTED) from e
        except EsignError as e:
            _trace(ctx)
            declined = isinstance(e, DeclinedError)
            raise EsignFailure(e.message, e.hint, e.exit_code, prefix=not declined) from e
        except BrokenPipeError:
            # The reader went away (`esign log | head`): stop quietly, like other Unix tools.
            from esign.cli.streams import silence_stdout

            silence_stdout()
            raise click.exceptions.Exit(141) from None
        except KeyboardInterrupt as e:
            raise EsignFailure(i18n.t("error.interrupted"), None, ExitCode.INTERRUPTED) from e
        except Exception as e:
            _trace(ctx)
            detail = f"{type(e).__name__}: {e}"
            raise EsignFailure(
                i18n.t("error.unexpected", detail=detail), None, ExitCode.ERROR
            ) from e


def _summary_key(name: str) -> str:
    help_key = LAZY_COMMANDS[name][1]
    return short_key(help_key) or help_key


def _short_help(text: str, limit: int) -> str:
    """The first sentence, cut at a word boundary with "..." when longer than ``limit``."""
    first = text.split("\n\n")[0].replace("\n", " ")
    end = first.find(". ")
    sentence = first[: end + 1] if end != -1 else first
    if len(sentence) <= limit:
        return sentence
    words, out = sentence.split(), ""
    for word in words:
        candidate = f"{out} {word}".strip()
        if len(candidate) + 3 > limit:
            break
        out = candidate
    return out + "..."


def _trace(ctx: click.Context) -> None:
    if ctx.meta.get("verbose"):
        import traceback

        traceback.print_exc()


@click.group(cls=RootGroup, help="help.root", context_settings={"max_content_width": 100})
@click.version_option(
    __version__,
    "--version",
    prog_name="esign",
    message="%(prog)s %(version)s",
    cls=LocalizedOption,
    help="help.opt.version",
)
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
    from esign.config import Settings

    ctx.meta["verbose"] = verbose
    if not verbose:
        # Libraries (pyHanko, cryptography) log warnings with tracebacks and emit Python
        # warnings (e.g. about odd certificates in a verified file); without -v they stay
        # quiet, since every result they describe reaches the user through our own report.
        import warnings

        logging.getLogger().addHandler(logging.NullHandler())
        logging.getLogger().setLevel(logging.CRITICAL + 1)
        warnings.simplefilter("ignore")
    else:
        logging.basicConfig(
            level=logging.DEBUG if verbose > 1 else logging.INFO,
            format="%(levelname)s %(name)s: %(message)s",
        )
    settings = Settings()
    with contextlib.suppress(EsignError, ValueError, KeyError):  # reported where it is used
        i18n.set_timezone(settings.timezone())  # every date the command writes, in this zone
    ctx.obj = Env(
        settings=settings,
        verbose=verbose,
        interactive=not non_interactive,
    )


def _initial_language() -> None:
    """Language from ``ESIGN_LANG``, the config file or the locale, before parsing."""
    lang = os.environ.get("ESIGN_LANG")
    if not lang:
        try:
            from esign.config import Settings

            lang = Settings().get("lang") if _config_has_lang() else None
        except EsignError:
            lang = None
    i18n.set_language(i18n.resolve_language(lang), chosen=bool(lang))


def _config_has_lang() -> bool:
    from esign.config import config_path, read_file

    try:
        return "lang" in read_file(config_path())
    except EsignError:
        return False


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point; exits with a documented exit code."""
    _initial_language()
    try:
        cli.main(args=argv, prog_name="esign")
    finally:
        from esign.cli.streams import flush_stdout

        flush_stdout()  # a reader that went away (`| head -1`) changes neither code nor stderr
