"""The ``esign sign`` options for what a signed letter shows: stamp, footer, certification.

Kept apart from :mod:`esign.cli.signing` so that module only gains a decorator and one
call: :func:`visual_options` adds the options, :func:`with_visual` turns them into
:class:`~esign.sign.SignOptions` fields (for one letter or a whole batch).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from esign import i18n
from esign.cli.common import Env, option
from esign.stamp.doctype import DocType

if TYPE_CHECKING:
    from esign.sign import SignOptions

F = TypeVar("F", bound=Callable[..., Any])


def parse_box_option(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
    if value is None:
        return None
    from esign.stamp.place import parse_box

    try:
        return parse_box(value)
    except ValueError as e:
        raise click.BadParameter(i18n.t("stamp.bad_box")) from e


def visual_options(f: F) -> F:
    """Add ``--stamp --at --page --box --image --no-qr --paraf-every-page --corner --doc-type
    --footer --certify --allow``."""
    decorators = [
        option("--stamp", is_flag=True, help="help.opt.stamp"),
        option("--at", "stamp_at", metavar="TAG", help="help.opt.at"),
        option("--page", "stamp_page", metavar="N|first|last", help="help.opt.page"),
        option(
            "--box", "stamp_box", metavar="X,Y,W,H", callback=parse_box_option, help="help.opt.box"
        ),
        option(
            "--image",
            "stamp_image",
            type=click.Path(dir_okay=False, path_type=Path),
            help="help.opt.image",
        ),
        option("--no-qr", is_flag=True, help="help.opt.no_qr"),
        option("--paraf-every-page", is_flag=True, help="help.opt.paraf_every_page"),
        option(
            "--corner",
            type=click.Choice(["bottom-right", "bottom-left", "top-right", "top-left"]),
            help="help.opt.corner",
        ),
        option(
            "--doc-type",
            type=click.Choice([t.value for t in DocType]),
            help="help.opt.doc_type",
        ),
        option("--footer", is_flag=True, help="help.opt.footer"),
        option("--certify", is_flag=True, help="help.opt.certify"),
        option(
            "--allow",
            type=click.Choice(["none", "forms", "annotations"]),
            default="forms",
            show_default=True,
            help="help.opt.allow",
        ),
    ]
    for decorator in reversed(decorators):
        f = decorator(f)
    return f


def with_visual(
    env: Env,
    base: SignOptions,
    *,
    force: bool,
    stamp: bool,
    stamp_at: str | None,
    stamp_page: str | None,
    stamp_box: Any,
    stamp_image: Path | None,
    no_qr: bool,
    footer: bool,
    certify: bool,
    allow: str,
    paraf_every_page: bool = False,
    corner: str | None = None,
    doc_type: str | None = None,
) -> SignOptions:
    """``base`` with the stamp, paraf, footer, certification and order settings filled in."""
    from esign.app.signing import stamp_profiles
    from esign.stamp import FooterRequest, Placement, StampRequest, read_image

    lang = i18n.document_language()
    verify_url = env.settings.get("verify-url")
    options = replace(base, force_order=force, certify=allow if certify else None)
    stamped = stamp or stamp_at or stamp_page or stamp_box is not None or stamp_image is not None
    if corner is not None and not paraf_every_page:
        raise click.UsageError(i18n.t("paraf.corner_alone"))
    if paraf_every_page:
        if stamped:
            raise click.UsageError(i18n.t("paraf.with_stamp"))
        from esign.stamp.paraf import Corner, ParafRequest

        paraf = ParafRequest(
            corner=Corner(corner or Corner.BOTTOM_RIGHT.value),
            lang=lang,
            timezone=env.settings.timezone(),
        )
        options = replace(options, paraf=paraf)
    block = stamp or stamp_at or stamp_box is not None or stamp_image is not None
    if doc_type is not None and not block:
        raise click.UsageError(i18n.t("doctype.without_stamp"))
    if footer:
        law = env.settings.get("footer-law") == "yes"
        options = replace(
            options, footer=FooterRequest(lang=lang, law_note=law, verify_url=verify_url)
        )
    if block:
        with env.open_store() as store:
            profiles = stamp_profiles(store)
        request = StampRequest(
            placement=Placement(tag=stamp_at, page=stamp_page, box=stamp_box),
            qr=not no_qr,
            verify_url=verify_url,
            image=read_image(stamp_image) if stamp_image is not None else None,
            lang=lang,
            timezone=env.settings.timezone(),
            ranks=profiles.ranks,
            seals=profiles.seals,
            doc_type=DocType(doc_type or DocType.CORRESPONDENCE.value),
        )
        options = replace(options, stamp=request)
    return options
