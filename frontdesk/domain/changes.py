"""Which tables the committed transactions of one piece of work changed.

The database (db.engine) notes the tables each transaction touched and, once it has committed,
hands them to `committed`; whoever runs a piece of work (ui.tasks runs each background task so)
collects them with `recording_changes`, then announces exactly those. A transaction rolled back
adds nothing. Works per thread and per task: the recording is a context variable.

Pure Python: imports nothing of the project.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_recording: ContextVar[set[str] | None] = ContextVar("frontdesk_changed_tables", default=None)


@contextmanager
def recording_changes() -> Iterator[set[str]]:
    """Collect the tables changed by the transactions committed inside the block (nested: the inner
    block collects on its own and the outer one sees them too)."""
    outer = _recording.get()
    tables: set[str] = set()
    token = _recording.set(tables)
    try:
        yield tables
    finally:
        _recording.reset(token)
        if outer is not None:
            outer.update(tables)


def committed(tables: Iterable[str]) -> None:
    """A transaction that changed `tables` has committed (called by the database layer)."""
    recording = _recording.get()
    if recording is not None:
        recording.update(tables)
