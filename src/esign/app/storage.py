"""Moving a store: ``esign store copy`` (an office's folder to the shared PostgreSQL)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from esign.store import CopyReport, copy_store


def copy(source: str | Path, target: str | Path, at: datetime) -> CopyReport:
    """Copy the whole store at ``source`` into the empty ``target``; the report carries the
    row counts of both and the audit head both end at (checked after the copy)."""
    return copy_store(source, target, at)
