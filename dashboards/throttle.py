"""Login throttling: a user name or an address with too many failed logins in a window is locked until the
oldest of those failures leaves the window; no password is hashed for a locked login.

Kept in the server process (one process serves the dashboards, see app.serve), so a restart forgets it.
"""

import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field


@dataclass
class LoginThrottle:
    failures_per_user: int = 5
    failures_per_address: int = 20
    window_seconds: float = 15 * 60
    _failures: dict[str, deque] = field(default_factory=lambda: defaultdict(deque))
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def _keys(self, name: str, address: str) -> dict[str, int]:
        return {f"user:{name}": self.failures_per_user, f"address:{address}": self.failures_per_address}

    def seconds_locked(self, name: str, address: str, now: float | None = None) -> float:
        """How long the login of `name` from `address` stays locked (0: not locked)."""
        now = time.monotonic() if now is None else now
        with self._lock:
            waits = [self._wait(key, limit, now) for key, limit in self._keys(name, address).items()]
        return max(waits)

    def _wait(self, key: str, limit: int, now: float) -> float:
        failures = self._failures.get(key)
        if failures is None:
            return 0.0
        while failures and failures[0] <= now - self.window_seconds:
            failures.popleft()
        if not failures:
            del self._failures[key]
        if len(failures) < limit:
            return 0.0
        return failures[-limit] + self.window_seconds - now

    def failed(self, name: str, address: str, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        with self._lock:
            for key in self._keys(name, address):
                self._failures[key].append(now)

    def succeeded(self, name: str) -> None:
        with self._lock:
            self._failures.pop(f"user:{name}", None)
