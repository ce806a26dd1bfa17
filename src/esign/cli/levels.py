"""PAdES level options shared by ``sign``, ``timestamp`` and ``extend``: ``--level``,
``--tsa``, ``--tsa-user``, and how they turn into :class:`esign.ltv.LtvOptions`."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from esign.app.trust import store_certificates
from esign.cli.common import Env, option
from esign.errors import StoreError
from esign.keys import Secret

if TYPE_CHECKING:
    from esign.ltv import LtvOptions
    from esign.sign import SignOptions
    from esign.timestamp import TsaClient

F = TypeVar("F", bound=Callable[..., Any])


LEVELS = ["B-B", "B-T", "B-LT", "B-LTA"]


def tsa_options(fn: F) -> F:
    """``--tsa`` and ``--tsa-user`` (the password only from ESIGN_TSA_PASSWORD)."""
    fn = option("--tsa-user", help="help.opt.tsa_user")(fn)
    return option("--tsa", "tsa_url", help="help.opt.tsa")(fn)


def output_options(fn: F) -> F:
    """``-o/--output``, ``--in-place`` and ``--force`` for commands that write a new PDF."""
    fn = option("--force", is_flag=True, help="help.opt.force")(fn)
    fn = option("--in-place", is_flag=True, help="help.opt.in_place")(fn)
    return option(
        "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="help.opt.out"
    )(fn)


def level_options(fn: F) -> F:
    """``--level``, ``--tsa`` and ``--tsa-user``."""
    fn = tsa_options(fn)
    return option(
        "--level",
        type=click.Choice(LEVELS),
        default="B-B",
        show_default=True,
        help="help.opt.level",
    )(fn)


def tsa_client(env: Env, url: str | None, user: str | None) -> TsaClient:
    """The TSA: --tsa > ESIGN_TSA_URL > config tsa-url > {base-url}/tsa."""
    from esign.timestamp import TsaClient

    resolved = env.settings.get("tsa-url", url)
    if not resolved:
        resolved = (env.settings.get("base-url") or "http://127.0.0.1:8080").rstrip("/") + "/tsa"
    password = os.environ.get("ESIGN_TSA_PASSWORD")
    return TsaClient(
        url=resolved,
        user=user,
        password=Secret(password.encode("utf-8")) if password else None,
    )


def ltv_options(env: Env, level: str, url: str | None, user: str | None) -> LtvOptions:
    """Everything ``esign.ltv`` needs for ``level``: the TSA and the store's trust roots."""
    from esign.ltv import LtvOptions, parse_level

    known = store_certificates(None)
    try:
        with env.open_store() as store:
            known = store_certificates(store)
    except StoreError as e:
        if e.key != "store.missing":
            raise
    return LtvOptions(
        level=parse_level(level),
        tsa=tsa_client(env, url, user),
        roots=known.roots,
        other_certs=known.others,
    )


def with_level(
    env: Env, base: SignOptions, *, level: str, tsa_url: str | None, tsa_user: str | None
) -> SignOptions:
    """``base`` with the PAdES level settings (unchanged for B-B)."""
    if level.upper() == "B-B":
        return base
    return dataclasses.replace(base, ltv=ltv_options(env, level, tsa_url, tsa_user))
