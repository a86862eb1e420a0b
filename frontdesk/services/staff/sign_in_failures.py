"""The memory of wrong sign-ins that cannot be stored on an account.

Unknown usernames (so that they are throttled exactly like real accounts) and every name while
writes are held (the failure count cannot be stored then) are remembered here, in memory. One
`SignInFailures` belongs to one open desk: whoever owns the desk session keeps it (the app's
process policies, ui.process) and hands it to `accounts.sign_in(..., failures=...)`; tests make
their own. Thread-safe: sign-ins run on worker threads.

Imports no Qt and no database.
"""

from __future__ import annotations

import datetime as dt
import threading
from typing import Protocol

CAP = 1000  # names remembered before those whose wait is over are forgotten


class Policy(Protocol):  # accounts.FailurePolicy
    lock_after: int

    def locked_until(self, failures: int, now: dt.datetime) -> dt.datetime | None: ...


class SignInFailures:
    """Wrong attempts per username and the moment until which that name must wait (if any)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_name: dict[str, tuple[int, dt.datetime | None]] = {}

    def waiting(self, username: str, now: dt.datetime) -> tuple[int, dt.datetime] | None:
        """(failures, until) while `username` must still wait; None when it may try."""
        with self._lock:
            failures, until = self._by_name.get(username, (0, None))
        return (failures, until) if until is not None and now < until else None

    def record(self, username: str, now: dt.datetime, policy: Policy) -> tuple[int, dt.datetime | None]:
        """One more wrong attempt of `username`: (failures, until) after it, as `policy` says. A lock
        that ran out starts counting again."""
        with self._lock:
            if len(self._by_name) >= CAP:  # many made-up names: forget the ones whose wait is over
                for stale in [k for k, (_n, until) in self._by_name.items() if until is None or until <= now]:
                    del self._by_name[stale]
            failures, _until = self._by_name.get(username, (0, None))
            failures = 1 if failures >= policy.lock_after else failures + 1
            until = policy.locked_until(failures, now)
            self._by_name[username] = (failures, until)
        return failures, until

    def __len__(self) -> int:
        with self._lock:
            return len(self._by_name)
