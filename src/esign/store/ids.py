"""Store ids: what an identity may be called."""

from __future__ import annotations

import re

from esign.errors import StoreError

ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


def check_id(identifier: str) -> str:
    """Return ``identifier`` when it is a valid store id, else raise StoreError."""
    if not ID_PATTERN.fullmatch(identifier):
        raise StoreError("store.bad_id", id=identifier)
    return identifier
