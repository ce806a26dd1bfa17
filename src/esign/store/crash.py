"""TEST-ONLY crash injection: ``ESIGN_TEST_CRASH_AT=POINT`` kills the process with SIGKILL
when the store reaches ``POINT``, to prove that an operation killed there leaves the store
consistent (tests/test_store_crash.py). ``POINT`` is a write (``add_identity``,
``add_trust_anchor``, ``audit``, ``revoke``, ``add_crl``, ``set_rank``, ...), ``commit``
(just before a transaction commits) or ``committed`` (just after), optionally ``#N`` for
its N-th occurrence in the process (``audit#2``). Unset, it costs one dictionary lookup.
"""

from __future__ import annotations

import os
import signal
from collections import Counter

VARIABLE = "ESIGN_TEST_CRASH_AT"
_seen: Counter[str] = Counter()


def crash_point(name: str) -> None:
    """Die here (SIGKILL, no cleanup) when the test hook names this point."""
    wanted = os.environ.get(VARIABLE)
    if not wanted:
        return
    _seen[name] += 1
    point, _sep, nth = wanted.partition("#")
    if point == name and _seen[name] == (int(nth) if nth.isdigit() else 1):
        os.kill(os.getpid(), signal.SIGKILL)
