"""The one background-task helper (DESIGN rule 3), the one error display (rule 2), the data bus (rule 4).

Widgets hand slow work (queries, PDFs, printing, sync) to `run_in_background`; the function runs
on a worker thread and must never touch a widget. Its result or error comes back by signal to the
owner's (GUI) thread. Three lanes, each its own pool: reads (search-as-you-type, lists) share a
small pool; writes run one at a time, in the order they were submitted, because SQLite has one
writer; slow I/O (printing, e-mail with its SMTP time-out, PDF copies on a network folder) has its
own pool, so a printer or a mail server that hangs never delays a search. After a task whose
transactions committed changes, the `DataBus` names the areas of exactly the tables they changed
(recorded by the database session, domain.changes), so each view reloads itself. `NewestWins`
keeps only the newest of a stream of queries.

Background tasks need the process's garbage-collection policy (ui.process): with automatic
collection on, a collection could start on a worker thread and destroy Qt objects there (a task
submitted without it says so in the log).

Imports Qt core, `frontdesk.domain.errors` and `frontdesk.domain.changes`; never widgets, services
or the database.
"""

from __future__ import annotations

import gc
import logging
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QMetaMethod, QObject, QRunnable, QThread, QThreadPool, Signal

from frontdesk.domain.changes import recording_changes
from frontdesk.domain.errors import FrontdeskError

logger = logging.getLogger(__name__)

READ_THREADS = 2
SLOW_IO_THREADS = 2  # a print job and an e-mail at once; neither waits for the other


def generic_failure_message() -> str:
    """What the user sees for an error that is a bug: the details go to the log, not the screen."""
    return QCoreApplication.translate(
        "tasks", "Something went wrong. The error was recorded; please try again or call support."
    )


class ErrorDisplay(QObject):
    """The one place errors reach the user; the main window connects `error_shown` to its display."""

    error_shown = Signal(str)

    def show_message(self, message: str) -> None:
        if not self.isSignalConnected(QMetaMethod.fromSignal(self.error_shown)):
            # Nobody shows it (start-up, command line): at least it is not lost.
            logger.warning("Error for the user, with no display connected: %s", message)
        self.error_shown.emit(message)

    def show_error(self, error: BaseException) -> None:
        """A project error shows its own message; anything else is logged and shown as a generic failure."""
        if isinstance(error, FrontdeskError):
            self.show_message(error.message)
        else:
            logger.error("Unexpected error", exc_info=error)
            self.show_message(generic_failure_message())


class DataBus(QObject):
    """Says which areas ("visits", "samples", ...) a write changed; views reload on it (rule 4)."""

    data_changed = Signal(set)


# The area each table's rows are shown in (the names views list in `areas`); a table not listed
# is announced under its own name.
AREA_OF_TABLE = {
    "visit": "visits", "badge": "visits", "registration": "visits",
    "visitor": "visitors", "visitor_search_term": "visitors",
    "company": "companies", "association": "companies",
    "host": "hosts",
    "setting": "settings", "service": "settings",
    "staff_member": "staff",
    "audit_event": "audit",
}


def areas_of(tables: Iterable[str]) -> set[str]:
    """The data-bus areas of the tables a write changed."""
    return {AREA_OF_TABLE.get(table, table) for table in tables}


_singletons: dict[str, QObject] = {}
_singletons_lock = threading.Lock()


def _singleton(name: str, factory: Callable[[], QObject]) -> Any:
    with _singletons_lock:
        obj = _singletons.get(name)
        if obj is None or not shiboken6.isValid(obj):
            obj = factory()
            app = QCoreApplication.instance()
            if app is not None and obj.thread() != app.thread():
                obj.moveToThread(app.thread())
            _singletons[name] = obj
        return obj


def error_display() -> ErrorDisplay:
    """The application's one error display."""
    return _singleton("error_display", ErrorDisplay)


def data_bus() -> DataBus:
    """The application's one data bus."""
    return _singleton("data_bus", DataBus)


class _Notifier(QObject):
    """Lives as long as the app, in the GUI thread. Workers emit on it with the id of a finished task;
    the GUI thread then takes the outcome from `_outcomes`. No QObject is ever created, owned or
    destroyed by a worker thread: a QObject living in the GUI thread and destroyed from a pool thread
    (the QRunnable's last reference dropped there) crashed the app (PySide6 6.12, seen in gdb)."""

    outcome_ready = Signal(int)


class Task(QRunnable):
    """Runs one function on a pool thread; its outcome and the function itself are handed to the GUI
    thread, so everything the function captured is released there, not on the worker."""

    def __init__(self, fn: Callable[[], Any], ident: int, *, lane: str = "reads", key: str | None = None) -> None:
        super().__init__()
        self.fn: Callable[[], Any] | None = fn
        self.ident = ident
        self.lane = lane
        self.key = key
        self._name_text = _callable_name(fn, key)
        self._notifier = _notifier()  # made on the GUI thread, before the task starts

    def run(self) -> None:
        fn, self.fn = self.fn, None
        with recording_changes() as changed:
            try:
                outcome: tuple[str, Any] = ("ok", fn())
            except BaseException as exc:  # every failure must come back to the GUI thread
                if not isinstance(exc, FrontdeskError):
                    logger.error("Background task %s failed", self._name_text, exc_info=exc)
                outcome = ("error", exc)
        with _lock:
            # The GUI thread drops `fn` (and what it captured). Tables committed before a failure
            # are announced too: what was saved must show.
            _outcomes[self.ident] = (outcome, frozenset(changed), fn)
        del fn, outcome
        self._notifier.outcome_ready.emit(self.ident)


def _callable_name(fn: Callable[[], Any], key: str | None) -> str:
    name = getattr(fn, "__qualname__", repr(fn))
    return f"{name} [{key}]" if key else name


class _Delivery:
    """Hands a task's outcome to its callbacks on the GUI thread, if the owner still exists."""

    def __init__(self, owner: QObject, *, on_success, on_error, on_finished, write: bool, key: str | None) -> None:
        self._owner = owner
        self._on_success = on_success
        self._on_error = on_error
        self._on_finished = on_finished
        self._write = write
        self._key = key

    def _owner_alive(self) -> bool:
        return shiboken6.isValid(self._owner)

    def deliver(self, kind: str, payload: Any, changed: frozenset[str]) -> None:
        try:
            if kind == "ok":
                if self._on_success is not None and self._owner_alive():
                    _call_safely(self._on_success, payload)
            else:
                self._failed(payload)
            if changed:
                data_bus().data_changed.emit(areas_of(changed))
            if self._on_finished is not None and self._owner_alive():
                _call_safely(self._on_finished)
        finally:
            if self._key is not None:
                with _lock:
                    _running_keys.discard(self._key)

    def _failed(self, error: BaseException) -> None:
        alive = self._owner_alive()
        if isinstance(error, FrontdeskError) and self._on_error is not None and alive:
            _call_safely(self._on_error, error)
        elif alive or self._write:
            # A failed write is shown even when its window has gone: the user must not believe it was saved.
            if isinstance(error, FrontdeskError):
                error_display().show_message(error.message)
            else:
                error_display().show_message(generic_failure_message())  # already logged by the worker
        else:
            logger.info("Result of a read dropped, its window is gone: %s", error)


def _call_safely(callback: Callable[..., object], *args: object) -> None:
    """A callback that raises must not take the event loop down; it goes to the error display."""
    try:
        callback(*args)
    except FrontdeskError as exc:
        error_display().show_message(exc.message)
    except Exception as exc:
        logger.error("Callback %r failed", callback, exc_info=exc)
        error_display().show_message(generic_failure_message())


_lock = threading.Lock()
_deliveries: dict[int, _Delivery] = {}
_outcomes: dict[int, tuple[tuple[str, Any], frozenset[str], Any]] = {}
_running_keys: set[str] = set()
_next_ident = 0

_read_pool = QThreadPool()
_read_pool.setObjectName("frontdesk-reads")
_read_pool.setMaxThreadCount(READ_THREADS)
_write_pool = QThreadPool()
_write_pool.setObjectName("frontdesk-writes")
_write_pool.setMaxThreadCount(1)  # SQLite has one writer; one thread also keeps writes in order
_slow_pool = QThreadPool()
_slow_pool.setObjectName("frontdesk-slow-io")
_slow_pool.setMaxThreadCount(SLOW_IO_THREADS)
_lanes = {"reads": _read_pool, "writes": _write_pool, "slow": _slow_pool}


def _notifier() -> _Notifier:
    notifier = _singleton("_notifier", _Notifier)
    if not getattr(notifier, "_connected", False):
        notifier.outcome_ready.connect(_on_outcome_ready)
        notifier._connected = True
    return notifier


def _on_outcome_ready(ident: int) -> None:
    """GUI thread: the task `ident` has finished; deliver its outcome and release what it held."""
    with _lock:
        delivery = _deliveries.pop(ident, None)
        outcome, changed, fn = _outcomes.pop(ident, (None, frozenset(), None))
    if delivery is not None and outcome is not None:
        delivery.deliver(*outcome, changed)
    del fn


def run_in_background[T](
    owner: QObject,
    fn: Callable[[], T],
    *,
    on_success: Callable[[T], object] | None = None,
    on_error: Callable[[FrontdeskError], object] | None = None,
    on_finished: Callable[[], object] | None = None,
    write: bool = False,
    slow: bool = False,
    key: str | None = None,
) -> Task | None:
    """Run `fn()` off the GUI thread and report back on the GUI thread (where `owner` lives).

    - `on_success(result)` after it returns; `on_error(error)` when it raises a FrontdeskError
      (without `on_error` the message goes to the error display). Any other exception is logged
      with its traceback and shown as a generic failure. `on_finished()` runs last either way
      (re-enable a button there).
    - If `owner` is destroyed before the outcome arrives, no callback runs. A failed write is still
      shown on the error display, and what was committed is still announced.
    - `write=True` queues the function behind earlier writes; they run one at a time, in order.
      `slow=True` (printing, e-mail, file copies) runs it in the slow-I/O lane, never in the reads'.
    - Whatever the lane, once the outcome is delivered `data_bus().data_changed` names the areas of
      the tables the function's committed transactions changed (nothing when none did).
    - `key` ("checkin:<id>") guards against double Enter: while a task with the same key has not
      finished delivering, another submission with that key is ignored and None is returned.
    """
    global _next_ident
    if write and slow:
        raise ValueError("a task is either a write or slow I/O, not both")
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("run_in_background needs a running QApplication")
    if owner.thread() != app.thread():
        raise RuntimeError("run_in_background reports to the GUI thread: the owner must live there")
    if gc.isenabled():  # a start-up that forgot them (or work submitted after they were closed)
        logger.warning("Background task with automatic garbage collection on: the process policies "
                       "(frontdesk.ui.process.ProcessPolicies) are not installed")
    _notifier()
    with _lock:
        if key is not None:
            if key in _running_keys:
                logger.debug("Task %s already running; repeated submission ignored", key)
                return None
            _running_keys.add(key)
        _next_ident += 1
        ident = _next_ident
        _deliveries[ident] = _Delivery(owner, on_success=on_success, on_error=on_error, on_finished=on_finished,
                                       write=write, key=key)
    lane = "writes" if write else "slow" if slow else "reads"
    task = Task(fn, ident, lane=lane, key=key)
    _lanes[lane].start(task)
    return task


def pools() -> dict[str, QThreadPool]:
    """The helper's pools by name (for leak checks in tests and at exit)."""
    return dict(_lanes)


def busy_pools(grace_ms: int = 0, extra: dict[str, QThreadPool] | None = None) -> list[str]:
    """Names of the pools still running a task after waiting up to `grace_ms`; empty when all are idle."""
    named = {**pools(), **(extra or {})}
    deadline = time.monotonic() + grace_ms / 1000
    for pool in named.values():
        pool.waitForDone(max(0, int((deadline - time.monotonic()) * 1000)))
    return [
        f"{name} ({pool.activeThreadCount()} running)"
        for name, pool in named.items()
        if pool.activeThreadCount() > 0
    ]


def wait_for_idle(timeout_ms: int = 5000) -> bool:
    """Wait until every submitted task has run; on the GUI thread, also deliver their outcomes.

    Returns False if something was still running (or undelivered) when `timeout_ms` ran out.
    """
    deadline = time.monotonic() + timeout_ms / 1000
    app = QCoreApplication.instance()
    on_app_thread = app is not None and QThread.currentThread() == app.thread()
    while True:
        idle = not busy_pools(grace_ms=max(0, int((deadline - time.monotonic()) * 1000)))
        if not on_app_thread:
            return idle
        QCoreApplication.sendPostedEvents()
        QCoreApplication.processEvents()
        with _lock:
            delivered = not _deliveries
        if idle and delivered:
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.005)


def shutdown(timeout_ms: int = 30000) -> bool:
    """At application exit: drop reads not yet started, let writes and slow I/O (a print job, an
    e-mail, the evacuation copy) finish: nothing half-saved, nothing asked for silently dropped."""
    _read_pool.clear()
    deadline = time.monotonic() + timeout_ms / 1000
    done = all(pool.waitForDone(max(0, int((deadline - time.monotonic()) * 1000)))
               for pool in (_write_pool, _slow_pool, _read_pool))
    if not done:
        logger.warning("Background tasks still running at exit: %s", ", ".join(busy_pools()))
    return done


class NewestWins:
    """"The newest query wins": of a stream of queries (search-as-you-type, the selected row's
    details), only the answer to the newest one is shown; answers to older ones arriving late are
    dropped.

        ticket = self._search.next()            # a new query: every older ticket goes stale
        run_in_background(self, work, on_success=self._search.only_newest(ticket, self._on_found))

    Lives on the GUI thread (tickets are taken and checked there)."""

    def __init__(self) -> None:
        self._newest = 0

    def next(self) -> int:
        """A ticket for a new query; every ticket taken before is stale from now on."""
        self._newest += 1
        return self._newest

    @property
    def newest(self) -> int:
        """The ticket of the newest query (0 before the first)."""
        return self._newest

    def is_newest(self, ticket: int) -> bool:
        return ticket == self._newest

    def only_newest(self, ticket: int, callback: Callable[..., object]) -> Callable[..., None]:
        """`callback` (with whatever arguments it is given), called only while `ticket` is still the newest."""

        def deliver(*args: Any) -> None:
            if ticket == self._newest:
                callback(*args)

        return deliver
