"""The signer's consent (UU ITE Pasal 11(1)f, PP 71/2019 Pasal 59(3)f): show what is about
to be signed, by whom and why, and ask "Sign? [y/N]" before the key is used.

Only a person at a terminal is asked (stdin and stderr are terminals, no
``--non-interactive``); ``--yes`` answers for them. Scripts are never asked. A "no" (or
Enter, or end of input) raises :class:`~esign.errors.DeclinedError` before any passphrase is
read or any file is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

from esign import i18n
from esign.app.signing import Consent, Intent, default_reason
from esign.cli import common
from esign.cli.common import Env
from esign.errors import DeclinedError
from esign.sanitize import clean
from esign.sign import SignOptions
from esign.store import Store

if TYPE_CHECKING:
    from cryptography import x509

YES = frozenset({"y", "yes", "ya"})
SHOWN_FILES = 8
"""A batch lists this many files, then says how many more."""


def asker(env: Env, store: Store, *, yes: bool) -> Consent:
    """The :data:`~esign.app.signing.Consent` callback of a command: :func:`consent`."""
    return lambda intents: consent(env, store, intents, yes=yes)


def consent(env: Env, store: Store, intents: Sequence[Intent], *, yes: bool) -> str:
    """Ask the signer to confirm; returns how consent was given, for the audit log.

    ``"flag"`` (``--yes``), ``"unattended"`` (no terminal: a script) or ``"confirmed"``.
    """
    if yes:
        return "flag"
    if not env.interactive or not common.is_interactive_terminal():
        return "unattended"
    click.echo(_summary(store, intents), err=True)
    try:
        answer = click.prompt(
            i18n.t("consent.prompt"), default="", show_default=False, err=True, prompt_suffix=" "
        )
    except click.Abort as e:
        click.echo("", err=True)
        if isinstance(e.__context__, KeyboardInterrupt):
            raise  # Ctrl-C: the command stops (130, "cancelled"), like at any question
        answer = ""  # Ctrl-D (end of input): no consent
    if answer.strip().lower() not in YES:
        raise DeclinedError("consent.declined")
    return "confirmed"


def _summary(store: Store, intents: Sequence[Intent]) -> str:
    from esign.pdf import page_count
    from esign.pki import format_nip, identity_of

    rows: list[tuple[str, str]] = []
    for signer in dict.fromkeys(i.signer for i in intents):
        mine = [i for i in intents if i.signer == signer]
        who = identity_of(store.get(signer).cert)
        rows.append(("consent.signer", who.name or signer))
        if who.nip:
            rows.append(("consent.nip", format_nip(who.nip)))
        if who.title:
            rows.append(("consent.title", who.title))
        reasons = dict.fromkeys(
            i.options.reason or default_reason(who.title, who.name, who.nip, i.options.role)
            for i in mine
        )
        for reason in list(reasons)[:3]:
            rows.append(("consent.reason", reason))
        for role in dict.fromkeys(i.options.role for i in mine if i.options.role):
            position = role.position(who.title) or ""
            rows.append(("consent.role", " ".join((*role.block_lines(), position))))
        level = mine[0].options.ltv.level.value if mine[0].options.ltv else "B-B"
        rows.append(("consent.level", level))
        total = 0
        for n, intent in enumerate(mine):
            pages = page_count(intent.file)
            total += pages or 0
            if n < SHOWN_FILES:
                shown = pages if pages is not None else "?"
                count = i18n.tn("consent.pages", pages or 0, count=shown)
                rows.append(("consent.file", f"{intent.file} ({count})"))
                if intent.output is not None:
                    rows.append(("flow.consent.output", str(intent.output)))
        for placement in dict.fromkeys(_placement(i.options) for i in mine):
            rows.append(("flow.consent.stamp", placement))
        for footer in dict.fromkeys(_footer(i.options, store.get(signer).cert) for i in mine):
            rows.append(("flow.consent.footer", footer))
        if len(mine) > SHOWN_FILES:
            more = i18n.t("consent.more", count=len(mine) - SHOWN_FILES, total=len(mine))
            rows.append(("consent.file", more))
        if len(mine) > 1:
            rows.append(("consent.total", i18n.tn("consent.pages", total, count=total)))
    return _format(i18n.t("consent.heading"), rows)


def _format(heading: str, rows: list[tuple[str, str]]) -> str:
    """The heading, then one aligned ``label: value`` row each; a long value wraps under
    itself (names and file names shown escaped)."""
    import shutil
    import textwrap

    labels = [i18n.t(key) + ":" for key, _ in rows]
    width = max([12, *map(len, labels)])
    room = max(30, shutil.get_terminal_size().columns - width - 4)
    lines = [heading]
    for label, (_, value) in zip(labels, rows, strict=True):
        wrapped = textwrap.wrap(clean(value), room, break_on_hyphens=False) or [""]
        lines.append(f"  {label:<{width}} {wrapped[0]}")
        lines.extend(f"  {'':<{width}} {more}" for more in wrapped[1:])
    return "\n".join(lines)


def _placement(options: SignOptions) -> str:
    """Where the visible block goes, as asked: at a tag, in a box, or the default corner."""
    if options.paraf is not None:
        return i18n.t("paraf.consent", corner=i18n.t(f"paraf.corner.{options.paraf.corner.value}"))
    if options.stamp is None:
        return i18n.t("flow.stamp.none")
    where_text = _where(options)
    kind = options.stamp.doc_type.value
    if kind == "correspondence":
        return where_text
    return f"{where_text}; {i18n.t(f'doctype.consent.{kind}')}"


def _where(options: SignOptions) -> str:
    assert options.stamp is not None
    where = options.stamp.placement
    page = where.page or "last"
    if page in ("first", "last"):
        shown = i18n.t(f"flow.page.{page}")
    else:
        shown = i18n.t("flow.page.number", number=page)
    if where.tag:
        if where.page:
            return i18n.t("flow.stamp.tag_page", tag=where.tag, page=shown)
        return i18n.t("flow.stamp.tag", tag=where.tag)
    if where.box is not None:
        mm = 72 / 25.4
        box = ", ".join(
            f"{v / mm:.0f}" for v in (where.box.x, where.box.y, where.box.w, where.box.h)
        )
        return i18n.t("flow.stamp.box", page=shown, box=box)
    return i18n.t("flow.stamp.corner", page=shown)


def _footer(options: SignOptions, cert: x509.Certificate) -> str:
    """The footer line every page will carry, or "none"."""
    if options.footer is None:
        return i18n.t("flow.footer.none")
    from esign.stamp.footer import footer_lines

    return " ".join(footer_lines(options.footer, cert))
