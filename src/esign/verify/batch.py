"""Verify many files, optionally in worker processes; results come back in input order."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime
from pathlib import Path

from esign.models import VerificationReport
from esign.verify import TrustSettings, verify_pdf

_TRUST: TrustSettings | None = None


def _init(trust: TrustSettings) -> None:
    global _TRUST
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _TRUST = trust


def _verify_in_worker(path: Path, at: datetime) -> VerificationReport:
    assert _TRUST is not None
    return verify_pdf(path, trust=_TRUST, at=at, label=str(path))


def verify_all(
    paths: list[Path], *, trust: TrustSettings, at: datetime, workers: int = 1
) -> Iterator[VerificationReport]:
    """Reports for ``paths`` in order; ``workers`` > 1 uses that many processes."""
    if workers <= 1 or len(paths) < 2:
        for path in paths:
            yield verify_pdf(path, trust=trust, at=at, label=str(path))
        return
    import multiprocessing

    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_init, initargs=(trust,)
    ) as pool:
        chunk = max(1, min(16, len(paths) // (workers * 4) or 1))
        yield from pool.map(_verify_in_worker, paths, [at] * len(paths), chunksize=chunk)
