"""The signing API's limits and its held downloads: a fixed-window rate limit per client
application (and per address for failed sign-ins), and the signed letters waiting for one
``GET /api/sign/download/{id}``."""

from __future__ import annotations

import secrets
from collections import OrderedDict

# --- limits and the downloads ---------------------------------------------------------------


class RateLimit:
    """At most ``per_minute`` calls per key in each minute (a fixed window)."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self.windows: dict[str, tuple[float, int]] = {}

    def wait(self, key: str, now: float) -> int:
        """0 when the call may go ahead (and counts it), else the seconds to wait."""
        start, count = self.windows.get(key, (now, 0))
        if now - start >= 60:
            start, count = now, 0
        if count >= self.per_minute:
            return max(1, int(60 - (now - start)) + 1)
        self.windows[key] = (start, count + 1)
        if len(self.windows) > 10_000:  # forget the oldest windows, not the limit
            for old in [k for k, (s, _) in self.windows.items() if now - s >= 60]:
                del self.windows[old]
        return 0

    def blocked(self, key: str, now: float) -> int:
        """The seconds ``key`` must wait (0: none), without counting a call."""
        start, count = self.windows.get(key, (now, 0))
        if now - start >= 60 or count < self.per_minute:
            return 0
        return max(1, int(60 - (now - start)) + 1)


class Downloads:
    """Signed letters held for one ``GET /api/sign/download/{id}`` by the client that
    signed them; the oldest go when over ``keep_bytes`` or older than ``keep_seconds``."""

    def __init__(self, keep_seconds: float, keep_bytes: int) -> None:
        self.keep_seconds, self.keep_bytes = keep_seconds, keep_bytes
        self.held: OrderedDict[str, tuple[str, str, bytes, float]] = OrderedDict()

    def put(self, client: str, name: str, data: bytes, now: float) -> str:
        id = secrets.token_hex(16)
        self.held[id] = (client, name, data, now)
        self._expire(now)
        return id

    def take(self, client: str, id: str, now: float) -> tuple[str, bytes] | None:
        self._expire(now)
        held = self.held.get(id)
        if held is None or held[0] != client:
            return None
        del self.held[id]
        return held[1], held[2]

    def _expire(self, now: float) -> None:
        total = sum(len(d) for _, _, d, _ in self.held.values())
        while self.held:
            id, (_, _, data, at) = next(iter(self.held.items()))
            if now - at < self.keep_seconds and total <= self.keep_bytes:
                break
            del self.held[id]
            total -= len(data)
