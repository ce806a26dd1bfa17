"""Shell completion of what only the office's data knows: certificate ids and setting keys.

click's ``shell_complete`` callbacks. They read the store read-only (no migration, no
journal) and never fail: a missing or locked store completes to nothing.
"""

from __future__ import annotations

import click
from click.shell_completion import CompletionItem


def cert_ids(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """The store's certificate ids starting with ``incomplete``."""
    try:
        from esign.config import Settings, store_location
        from esign.store import identity_ids

        ids = identity_ids(store_location(Settings()))
    except Exception:  # completion must never print a traceback into the shell
        return []
    return [CompletionItem(i) for i in ids if i.startswith(incomplete)]


def setting_keys(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """The keys of the settings table starting with ``incomplete``."""
    from esign.config import SETTINGS

    return [CompletionItem(s.key, help=None) for s in SETTINGS if s.key.startswith(incomplete)]
