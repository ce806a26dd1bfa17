"""Queued batches in the store (issue 12): one row per batch (who agreed, how, to what) and one
per letter (its state), so that a job run twice finds what the first run committed.

A letter goes ``pending`` → ``signed`` or ``failed`` exactly once: :meth:`BatchTables.settle`
changes a row only while it is still ``pending``, inside the caller's transaction (the one that
also appends the letter's audit entry). A second run of the same job sees the row settled and
does nothing. The tables are portable SQL; both backends inherit these methods.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any


class ItemState(StrEnum):
    """Where one letter of a queued batch is."""

    PENDING = "pending"
    SIGNED = "signed"
    FAILED = "failed"


@dataclass(frozen=True, slots=True, kw_only=True)
class BatchRecord:
    """One queued batch."""

    id: str
    """The batch id printed at submit."""
    created_at: datetime
    """When it was submitted."""
    signer: str
    """Store id of the signer."""
    consent: str
    """How the signer agreed at submit (``flag``, ``unattended``, ``confirmed``); never empty."""
    recipe: dict[str, Any]
    """The signing options every letter gets (/Reason, /Location, field, role)."""
    overwrite: bool
    """``--force``: existing outputs may be replaced."""
    total: int
    """Letters in the batch."""
    chunk: int
    """Letters per job."""


@dataclass(frozen=True, slots=True, kw_only=True)
class BatchItem:
    """One letter of a queued batch."""

    batch_id: str
    n: int
    """Its number in the batch (0-based)."""
    input: str
    output: str
    state: ItemState
    sha256: str | None = None
    """SHA-256 of the signed output (signed letters)."""
    staged: str | None = None
    """The staged file renamed onto the output after the commit."""
    error: str | None = None
    """Why it failed, one line (failed letters)."""
    worker: str | None = None
    """Which worker settled it (host:pid)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class BatchCounts:
    """How far a batch is."""

    total: int
    pending: int
    signed: int
    failed: int

    @property
    def done(self) -> bool:
        """No letter is pending any more."""
        return self.pending == 0


def _ts(at: datetime) -> str:
    return at.astimezone(UTC).isoformat()


class BatchTables:
    """The store's batch tables (mixed into :class:`esign.store.sqlite.SqliteStore`)."""

    _conn: Any
    transaction: Callable[[], AbstractContextManager[None]]
    """Provided by the store class."""

    def add_batch(self, batch: BatchRecord, items: list[tuple[str, str]]) -> None:
        """Record a batch and its letters (``(input, output)`` each), all ``pending``."""
        if not batch.consent:
            raise ValueError("a batch needs the signer's consent")
        with self.transaction():
            self._conn.execute(
                "INSERT INTO batches (id, created_at, signer, consent, recipe, overwrite, total,"
                " chunk) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    batch.id,
                    _ts(batch.created_at),
                    batch.signer,
                    batch.consent,
                    json.dumps(batch.recipe, sort_keys=True),
                    int(batch.overwrite),
                    batch.total,
                    batch.chunk,
                ),
            )
            self._conn.executemany(
                "INSERT INTO batch_items (batch_id, n, input, output, state)"
                " VALUES (?, ?, ?, ?, ?)",
                [(batch.id, n, i, o, ItemState.PENDING.value) for n, (i, o) in enumerate(items)],
            )

    def batch(self, batch_id: str) -> BatchRecord | None:
        """The batch with this id, or None."""
        row = self._conn.execute(
            "SELECT id, created_at, signer, consent, recipe, overwrite, total, chunk"
            " FROM batches WHERE id = ?",
            (batch_id,),
        ).fetchone()
        if row is None:
            return None
        return BatchRecord(
            id=row[0],
            created_at=datetime.fromisoformat(row[1]),
            signer=row[2],
            consent=row[3],
            recipe=json.loads(row[4]),
            overwrite=bool(row[5]),
            total=int(row[6]),
            chunk=int(row[7]),
        )

    def batch_items(self, batch_id: str, numbers: list[int] | None = None) -> list[BatchItem]:
        """The letters of a batch (only ``numbers``, when given), in order."""
        rows = self._conn.execute(
            "SELECT batch_id, n, input, output, state, sha256, staged, error, worker"
            " FROM batch_items WHERE batch_id = ? ORDER BY n",
            (batch_id,),
        ).fetchall()
        wanted = set(numbers) if numbers is not None else None
        return [_item(r) for r in rows if wanted is None or int(r[1]) in wanted]

    def items_for_outputs(self, outputs: list[str]) -> list[BatchItem]:
        """Letters of any batch writing one of these outputs (a folder submitted again)."""
        found: list[BatchItem] = []
        for start in range(0, len(outputs), 500):
            part = outputs[start : start + 500]
            marks = ", ".join("?" for _ in part)
            rows = self._conn.execute(
                "SELECT batch_id, n, input, output, state, sha256, staged, error, worker"
                f" FROM batch_items WHERE output IN ({marks}) ORDER BY batch_id, n",
                tuple(part),
            ).fetchall()
            found += [_item(r) for r in rows]
        return found

    def batch_counts(self, batch_id: str) -> BatchCounts:
        """Letters per state."""
        rows = self._conn.execute(
            "SELECT state, COUNT(*) FROM batch_items WHERE batch_id = ? GROUP BY state",
            (batch_id,),
        ).fetchall()
        by = {str(r[0]): int(r[1]) for r in rows}
        return BatchCounts(
            total=sum(by.values()),
            pending=by.get(ItemState.PENDING.value, 0),
            signed=by.get(ItemState.SIGNED.value, 0),
            failed=by.get(ItemState.FAILED.value, 0),
        )

    def settle(
        self,
        batch_id: str,
        n: int,
        state: ItemState,
        *,
        at: datetime,
        worker: str,
        sha256: str | None = None,
        staged: str | None = None,
        error: str | None = None,
    ) -> bool:
        """Move a ``pending`` letter to ``state``; False (nothing changed) when another run
        settled it first. Call inside the transaction that appends its audit entry."""
        cursor = self._conn.execute(
            "UPDATE batch_items SET state = ?, sha256 = ?, staged = ?, error = ?, worker = ?,"
            " updated_at = ? WHERE batch_id = ? AND n = ? AND state = ?",
            (
                state.value,
                sha256,
                staged,
                error,
                worker,
                _ts(at),
                batch_id,
                n,
                ItemState.PENDING.value,
            ),
        )
        return int(cursor.rowcount) == 1

    def reopen_failed(self, batch_id: str) -> list[int]:
        """``batch retry``: failed letters back to ``pending``; their numbers."""
        with self.transaction():
            rows = self._conn.execute(
                "SELECT n FROM batch_items WHERE batch_id = ? AND state = ? ORDER BY n",
                (batch_id, ItemState.FAILED.value),
            ).fetchall()
            self._conn.execute(
                "UPDATE batch_items SET state = ?, error = NULL, staged = NULL"
                " WHERE batch_id = ? AND state = ?",
                (ItemState.PENDING.value, batch_id, ItemState.FAILED.value),
            )
        return [int(r[0]) for r in rows]


def _item(row: Any) -> BatchItem:
    return BatchItem(
        batch_id=row[0],
        n=int(row[1]),
        input=row[2],
        output=row[3],
        state=ItemState(row[4]),
        sha256=row[5],
        staged=row[6],
        error=row[7],
        worker=row[8],
    )
