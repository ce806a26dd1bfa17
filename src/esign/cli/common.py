"""Shared CLI plumbing: localized help, the run context, secrets, the clock, consoles."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from esign import i18n
from esign.config import Settings, home_dir, store_location
from esign.errors import PassphraseError
from esign.sanitize import clean_lines

if TYPE_CHECKING:  # imported where used, to keep `esign --help` fast
    from rich.console import Console

    from esign.keys import Secret
    from esign.store import Store

F = TypeVar("F", bound=Callable[..., Any])


HELP_PARAMS: dict[str, Callable[[], dict[str, str]]] = {}
"""Help texts with a list made from the code (the manifest's columns, the settings' keys):
catalog key -> the values of its placeholders, so the help cannot fall behind the code."""


def _translated(text: str | None) -> str | None:
    if not text or text not in i18n.CATALOG:
        return text
    params = HELP_PARAMS.get(text)
    return i18n.t(text, **params()) if params else i18n.t(text)


def short_key(help_key: str | None) -> str | None:
    """The catalog key of a command's one-line summary in ``--help`` (``short.cert.issue``
    for ``help.cert.issue``), or None when its help's first sentence is short enough."""
    if not help_key:
        return None
    help_key = help_key.removeprefix("flow.")  # flow.help.config: the help with its key list
    if not help_key.startswith("help."):
        return None
    key = "short." + help_key.removeprefix("help.")
    return key if key in i18n.CATALOG else None


class LocalizedOption(click.Option):
    """An option whose help is a catalog key, translated when help is shown."""

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        saved = self.help
        self.help = _translated(saved)
        try:
            return super().get_help_record(ctx)
        finally:
            self.help = saved


_USAGE_WORDS = {"[OPTIONS]": "usage.options", "COMMAND [ARGS]...": "usage.command"}


class LocalizedCommand(click.Command):
    """A command whose help is a catalog key."""

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        # "[OPTIONS]" and "COMMAND [ARGS]..." in the usage line; argument metavars (FILE,
        # CERT_ID) stay: they are names, like the option names.
        pieces = super().collect_usage_pieces(ctx)
        return [i18n.t(_USAGE_WORDS[p]) if p in _USAGE_WORDS else p for p in pieces]

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        # click makes (and keeps) its --help option once, in the language of that moment:
        # word its help again in the language of now (--lang is read after it is made).
        help_option = super().get_help_option(ctx)
        if help_option is not None:
            help_option.help = i18n.by_english("Show this message and exit.")
        return help_option

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        saved = self.help
        self.help = _translated(saved)
        try:
            super().format_help_text(ctx, formatter)
        finally:
            self.help = saved

    def get_short_help_str(self, limit: int = 45) -> str:
        saved_help, saved_short = self.help, self.short_help
        self.help, self.short_help = _translated(saved_help), _translated(saved_short)
        if saved_short is None and self.help is not saved_help:
            self.short_help = _translated(short_key(saved_help))
        try:
            return super().get_short_help_str(limit)
        finally:
            self.help, self.short_help = saved_help, saved_short


class LocalizedGroup(LocalizedCommand, click.Group):
    """A group of localized commands."""

    command_class = LocalizedCommand
    group_class = type


def option(*names: str, **kwargs: Any) -> Callable[[F], F]:
    """``click.option`` with localized help."""
    return click.option(*names, cls=LocalizedOption, **kwargs)


@dataclass
class Env:
    """What every command gets: settings, consoles, flags, the store folder."""

    settings: Settings
    verbose: int = 0
    interactive: bool = True
    _now: datetime | None = field(default=None, repr=False)
    _consoles: dict[str, Console] = field(default_factory=dict, repr=False)
    pin_file: Path | None = None
    """``--pin-file`` of the command (a PKCS#11 token's PIN), set by :func:`pin_file_option`."""
    _pins: dict[str, Secret] = field(default_factory=dict, repr=False)

    @property
    def out(self) -> Console:
        """rich console on stdout (made on first use: rich costs start-up time)."""
        return self._console("out")

    @property
    def err(self) -> Console:
        """rich console on stderr."""
        return self._console("err")

    def _console(self, which: str) -> Console:
        if which not in self._consoles:
            from esign.cli.console import SafeConsole  # no markup; hostile text escaped

            self._consoles[which] = SafeConsole(stderr=which == "err")
        return self._consoles[which]

    def now(self) -> datetime:
        """The clock, read once per command (only the CLI reads it)."""
        if self._now is None:
            self._now = datetime.now(UTC)
        return self._now

    def clock(self) -> datetime:
        """The clock read again (after a question that may have waited for hours): from
        then on it is the command's time (:meth:`now`). The app's signing calls this."""
        self._now = datetime.now(UTC)
        return self._now

    @property
    def home(self) -> Path:
        """The store folder."""
        return home_dir(self.settings.env)

    @property
    def store_location(self) -> str:
        """Where the store is: ``ESIGN_STORE`` / the ``store`` setting, else :attr:`home`."""
        return store_location(self.settings)

    def open_store(self) -> Store:
        """Open the existing store (or explain ``esign init``)."""
        from esign.store import open_store

        return open_store(self.store_location)


pass_env = click.make_pass_decorator(Env)


_FALLS_BACK = ("ESIGN_CA_PASSPHRASE", "ESIGN_SEAL_PASSPHRASE")
"""Variables that ESIGN_PASSPHRASE stands in for when they are not set."""


TRIES = 3
"""Tries a person at a terminal has for a passphrase (a typo must not end the command);
a script, a file or a variable has one."""


def _given_secret(file: Path | None, variable: str) -> Secret | None:
    """The passphrase from ``--…-file`` or the environment, or None: a question it is."""
    from esign.keys import Secret

    if file is not None:
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            detail = i18n.os_error(e) if isinstance(e, OSError) else str(e)
            raise PassphraseError("pass.file_unreadable", file=file, detail=detail) from e
        return Secret.from_text(text.splitlines()[0] if text.strip() else "")
    if os.environ.get(variable):
        return Secret.from_text(os.environ[variable])
    if variable in _FALLS_BACK and os.environ.get("ESIGN_PASSPHRASE"):
        # One variable is enough for a script that uses one passphrase everywhere.
        return Secret.from_text(os.environ["ESIGN_PASSPHRASE"])
    return None


def _hidden(prompt: str) -> str:
    text: str = click.prompt(clean_lines(prompt), hide_input=True, err=True)
    return text


def _try_again(problem: PassphraseError, left: int) -> None:
    line = i18n.t("flow.try_again", problem=problem.message, left=left)
    echo(f"{i18n.t('error.prefix')}: {line}", err=True)


def _tries() -> int:
    return TRIES if is_interactive_terminal() else 1


def _ask_new(prompt: str) -> Secret:
    """A new passphrase, typed twice; a short or mismatched one is asked again at a terminal."""
    from esign.keys import MIN_PASSPHRASE, Secret

    tries, attempt = _tries(), 0
    while True:
        attempt += 1
        problem: PassphraseError | None = None
        try:
            secret = Secret.from_text(_hidden(prompt))
        except PassphraseError as e:  # empty
            problem = e
        else:
            if len(secret.value) < MIN_PASSPHRASE:
                problem = PassphraseError(
                    "pass.short", hint_key="flow.pass.new_hint", min=MIN_PASSPHRASE
                )
            elif _hidden(i18n.t("pass.prompt.confirm")) != secret.value.decode("utf-8"):
                problem = PassphraseError(
                    "pass.mismatch", hint_key="flow.pass.new_hint", min=MIN_PASSPHRASE
                )
            else:
                return secret
        if attempt >= tries:
            raise problem
        _try_again(problem, tries - attempt)


def resolve_secret(
    env: Env,
    *,
    file: Path | None,
    variable: str,
    option_name: str,
    prompt: str,
    what: str,
    confirm: bool = False,
) -> Secret:
    """A passphrase from ``--…-file``, then the environment variable, then a hidden prompt
    (``confirm``: a new one, typed twice, asked again after a typo at a terminal)."""
    from esign.keys import MIN_PASSPHRASE, Secret

    secret = _given_secret(file, variable)
    if secret is None:
        if not env.interactive:
            raise PassphraseError(
                "pass.needed",
                hint_key="pass.needed.hint",
                what=what,
                env=variable,
                option=option_name,
            )
        if confirm:
            return _ask_new(prompt)
        secret = Secret.from_text(_hidden(prompt))
    if confirm and len(secret.value) < MIN_PASSPHRASE:
        raise PassphraseError("pass.short", min=MIN_PASSPHRASE)
    return secret


@dataclass
class KeyPassphrase:
    """The app's :class:`~esign.app.admin.Passphrase` for existing keys: ``--…-file``, the
    variable, else a question. A wrong answer typed at a terminal is asked again, up to
    :data:`TRIES` times per key; one from a file or variable is not (it would be the same)."""

    env: Env
    file: Path | None
    variable: str = "ESIGN_PASSPHRASE"
    option_name: str = "--passphrase-file"
    asked: dict[str, int] = field(default_factory=dict)
    """How often each key's passphrase was typed."""
    store: Store | None = None
    """When given, a key on a PKCS#11 token is unlocked with its token's PIN instead (asked
    once, never again after a wrong one: tokens lock)."""

    def __call__(self, id: str, wrong: PassphraseError | None = None, /) -> Secret:
        if self.store is not None:
            from esign.app.admin import key_token

            token = key_token(self.store, id)
            if token is not None:
                if wrong is not None:
                    raise wrong
                return token_pin(self.env, token)
        if wrong is not None:
            typed = self.asked.get(id, 0)
            if not typed:
                raise wrong  # from a file or variable: its hint names them
            person = PassphraseError("pass.wrong", hint_key="flow.pass.wrong_hint", id=id)
            if typed >= TRIES or not is_interactive_terminal():
                raise person from wrong
            _try_again(wrong, TRIES - typed)
        if self.asked.get(id, 0) == 0:
            given = _given_secret(self.file, self.variable)
            if given is not None:
                return given
        from esign.keys import Secret

        if not self.env.interactive:
            raise PassphraseError(
                "pass.needed",
                hint_key="pass.needed.hint",
                what=i18n.t("pass.what.key", id=id),
                env=self.variable,
                option=self.option_name,
            )
        self.asked[id] = self.asked.get(id, 0) + 1
        return Secret.from_text(_hidden(i18n.t("pass.prompt.key", id=id)))


def key_passphrase(env: Env, file: Path | None, id: str) -> Secret:
    """The passphrase of an existing key."""
    return resolve_secret(
        env,
        file=file,
        variable="ESIGN_PASSPHRASE",
        option_name="--passphrase-file",
        prompt=i18n.t("pass.prompt.key", id=id),
        what=i18n.t("pass.what.key", id=id),
    )


def token_pin(env: Env, token: str) -> Secret:
    """The PIN of a PKCS#11 token: ``--pin-file``, then ``ESIGN_PKCS11_PIN``, then a hidden
    prompt; asked once per token and command (never from argv)."""
    if token not in env._pins:
        env._pins[token] = resolve_secret(
            env,
            file=env.pin_file,
            variable="ESIGN_PKCS11_PIN",
            option_name="--pin-file",
            prompt=i18n.t("token.pin_prompt", token=token),
            what=i18n.t("token.pin_what", token=token),
        )
    return env._pins[token]


def pin_file_option() -> Callable[[F], F]:
    """The ``--pin-file`` option (a PKCS#11 token's PIN): kept on the :class:`Env`, so
    commands ask :func:`token_pin` for a PIN only when a key turns out to be on a token."""

    def keep(ctx: click.Context, _param: click.Parameter, value: Path | None) -> None:
        env = ctx.find_object(Env)
        if env is not None:
            env.pin_file = value

    return option(
        "--pin-file",
        type=click.Path(dir_okay=False, path_type=Path),
        expose_value=False,
        callback=keep,
        help="help.opt.pin_file",
    )


def passphrase_file_option(name: str = "--passphrase-file") -> Callable[[F], F]:
    """The ``--passphrase-file`` option."""
    return option(
        name,
        type=click.Path(dir_okay=False, path_type=Path),
        help="help.opt.passphrase_file" if name == "--passphrase-file" else "help.opt.ca_pass",
    )


def json_option() -> Callable[[F], F]:
    """The ``--json`` flag."""
    return option("--json", "as_json", is_flag=True, help="help.opt.json")


def echo(message: str, *, err: bool = False) -> None:
    """A plain line for people (not JSON), without loading rich: any control, format or
    separator character in it (from a hostile name or file name) shown escaped."""
    click.echo(clean_lines(message), err=err)


def is_interactive_terminal() -> bool:
    """Whether a person can answer a question: stdin and stderr are both terminals.

    Scripts, pipes and CliRunner are not; tests patch this function.
    """
    try:
        return sys.stdin.isatty() and sys.stderr.isatty()
    except (AttributeError, ValueError):  # closed or replaced streams
        return False
