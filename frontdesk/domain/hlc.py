"""Hybrid logical clock stamps: `<16 hex digits>.<desk>`, comparable as text.

The number is the wall-clock time in milliseconds times 65536 plus a counter, so a stamp is at
least the time it was made and strictly above every stamp the desk made or received before
(the SQLite triggers of db.outbox compute it the same way). The desk code breaks ties between
desks. Pure Python: no SQLAlchemy, no Qt.
"""

from __future__ import annotations

import datetime as dt

COUNTER_BITS = 16


def logical(moment: dt.datetime) -> int:
    """The clock value of a wall-clock moment (no counter)."""
    return int(moment.timestamp() * 1000) << COUNTER_BITS


def stamp(value: int, desk: str) -> str:
    return f"{value:016x}.{desk}"


def value_of(text: str) -> int:
    """The clock value of a stamp ('' is the zero stamp)."""
    head = text.split(".", 1)[0]
    return int(head, 16) if head else 0


def moment_of(text: str) -> dt.datetime:
    return dt.datetime.fromtimestamp((value_of(text) >> COUNTER_BITS) / 1000, dt.UTC)


def logical_value(ms: int, counter: int = 0) -> int:
    """The clock value of a moment in Unix milliseconds with a counter."""
    return ms << COUNTER_BITS | counter
