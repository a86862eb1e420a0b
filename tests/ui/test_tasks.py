"""The background-task helper: never blocks, reports on the GUI thread, orders writes, shows errors."""

from __future__ import annotations

import itertools
import logging
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer
from PySide6.QtWidgets import QWidget

from frontdesk.domain.changes import committed
from frontdesk.domain.errors import Conflict
from frontdesk.ui import tasks
from frontdesk.ui.tasks import NewestWins, data_bus, error_display, run_in_background, wait_for_idle

GENERIC = "Something went wrong. The error was recorded; please try again or call support."


@pytest.fixture
def owner(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def shown(qtbot):
    """Messages that reached the one error display during the test."""
    messages: list[str] = []
    error_display().error_shown.connect(messages.append)
    yield messages
    error_display().error_shown.disconnect(messages.append)


@pytest.fixture
def changes():
    seen: list[set[str]] = []
    data_bus().data_changed.connect(seen.append)
    yield seen
    data_bus().data_changed.disconnect(seen.append)


def test_slow_task_does_not_block_the_event_loop(qtbot, owner):
    ticks = 0

    def tick():
        nonlocal ticks
        ticks += 1

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    timer.start()
    results = []
    run_in_background(owner, lambda: time.sleep(0.5) or "done", on_success=results.append)
    qtbot.waitUntil(lambda: results == ["done"], timeout=5000)
    timer.stop()
    assert ticks >= 20, f"the event loop ticked only {ticks} times while the task slept 0.5 s"


def test_function_runs_off_the_gui_thread_and_callback_on_it(qtbot, owner):
    app_thread = QCoreApplication.instance().thread()
    threads = {}

    def work():
        threads["work"] = QThread.currentThread()
        return 42

    def done(value):
        threads["callback"] = QThread.currentThread()
        threads["value"] = value

    run_in_background(owner, work, on_success=done)
    qtbot.waitUntil(lambda: "callback" in threads, timeout=5000)
    assert threads["work"] != app_thread
    assert threads["callback"] == app_thread
    assert threads["value"] == 42


def _raise(error: BaseException):
    def fn():
        raise error

    return fn


def test_project_error_goes_to_on_error_with_its_message(qtbot, owner, shown):
    errors = []
    finished = []
    run_in_background(
        owner,
        _raise(Conflict("Mario Rossi è già registrato in entrata.")),
        on_success=lambda _: pytest.fail("no success expected"),
        on_error=errors.append,
        on_finished=lambda: finished.append(True),
    )
    qtbot.waitUntil(lambda: bool(finished), timeout=5000)
    assert [e.message for e in errors] == ["Mario Rossi è già registrato in entrata."]
    assert shown == []


def test_project_error_without_on_error_goes_to_the_error_display(qtbot, owner):
    with qtbot.waitSignal(error_display().error_shown, timeout=5000) as signal:
        run_in_background(owner, _raise(Conflict("Visita già chiusa.")))
    assert signal.args == ["Visita già chiusa."]


def test_unexpected_error_is_logged_with_traceback_and_shown_generically(qtbot, owner, shown, caplog):
    errors = []
    finished = []
    with caplog.at_level(logging.ERROR, logger="frontdesk.ui.tasks"):
        run_in_background(
            owner, lambda: 1 / 0, on_error=errors.append, on_finished=lambda: finished.append(True)
        )
        qtbot.waitUntil(lambda: bool(finished), timeout=5000)
    assert shown == [GENERIC]
    assert errors == [], "on_error is for project errors; a bug is not the caller's to handle"
    logged = [r for r in caplog.records if r.exc_info and r.exc_info[0] is ZeroDivisionError]
    assert logged, "the bug's traceback must be in the log"
    assert "ZeroDivisionError" in caplog.text and "Traceback" in caplog.text


def test_a_callback_that_raises_is_logged_and_shown_not_fatal(qtbot, owner, shown, caplog):
    def bad_callback(_):
        raise KeyError("oops")

    with caplog.at_level(logging.ERROR, logger="frontdesk.ui.tasks"):
        run_in_background(owner, lambda: 1, on_success=bad_callback)
        assert wait_for_idle(5000)
    assert shown == [GENERIC]
    assert any(r.exc_info and r.exc_info[0] is KeyError for r in caplog.records)


def test_writes_run_one_at_a_time_in_submission_order(qtbot, owner):
    lock = threading.Lock()
    spans: list[tuple[int, float, float]] = []

    def write(n: int):
        def fn():
            start = time.monotonic()
            time.sleep(0.03)
            with lock:
                spans.append((n, start, time.monotonic()))
            return n

        return fn

    done = []
    for n in range(8):
        run_in_background(owner, write(n), write=True, on_success=done.append)
        # reads in between must not disturb the order of writes
        run_in_background(owner, lambda: time.sleep(0.01))
    assert wait_for_idle(10_000)
    assert [n for n, _, _ in spans] == list(range(8))
    assert done == list(range(8))
    for (_, _, end), (_, next_start, _) in itertools.pairwise(spans):
        assert next_start >= end, "two writes overlapped"


def test_reads_run_in_parallel(qtbot, owner):
    both_running = threading.Barrier(2, timeout=5)
    results = []
    for _ in range(2):
        run_in_background(owner, lambda: both_running.wait() >= 0, on_success=results.append)
    assert wait_for_idle(10_000)
    assert results == [True, True]


@pytest.mark.parametrize("how", ["delete", "deleteLater"])
def test_no_callback_when_owner_is_destroyed_while_running(qtbot, how, shown):
    owner = QObject()
    gate = threading.Event()
    called = []
    run_in_background(
        owner,
        lambda: gate.wait(5) and _raise(Conflict("late"))(),
        on_success=called.append,
        on_error=called.append,
        on_finished=lambda: called.append("finished"),
    )
    if how == "delete":
        shiboken6.delete(owner)
    else:
        owner.deleteLater()
        qtbot.waitUntil(lambda: not shiboken6.isValid(owner), timeout=5000)
    gate.set()
    assert wait_for_idle(5000)
    assert called == []
    assert shown == [], "a read whose window is gone is dropped silently"


def test_no_callback_when_owner_dies_after_the_result_was_queued(qtbot):
    owner = QObject()
    called = []
    run_in_background(owner, lambda: "ready", on_success=called.append)
    assert tasks.busy_pools(grace_ms=5000) == []  # the result is now waiting in the event queue
    shiboken6.delete(owner)
    assert wait_for_idle(5000)
    assert called == []


def test_the_bus_names_the_areas_of_the_tables_a_task_committed(qtbot, owner, changes, shown):
    run_in_background(owner, lambda: committed({"visit", "badge", "visitor"}), write=True)
    assert wait_for_idle(5000)
    assert changes == [{"visits", "visitors"}]

    run_in_background(owner, _raise(Conflict("no")), write=True)  # rolled back: nothing committed
    assert wait_for_idle(5000)
    assert changes == [{"visits", "visitors"}], "a failed write changed nothing"
    assert shown == ["no"]

    run_in_background(owner, lambda: None, write=True)  # a write that committed nothing says nothing
    run_in_background(owner, lambda: None)  # nor does a read
    assert wait_for_idle(5000)
    assert changes == [{"visits", "visitors"}]


def test_what_was_committed_before_a_failure_is_announced(qtbot, owner, changes, shown):
    def saves_then_fails():
        committed({"company"})
        raise Conflict("the second step failed")

    run_in_background(owner, saves_then_fails, write=True)
    assert wait_for_idle(5000)
    assert changes == [{"companies"}] and shown == ["the second step failed"]


def test_a_table_without_an_area_is_announced_by_its_own_name(qtbot, owner, changes):
    run_in_background(owner, lambda: committed({"sample"}), write=True)
    assert wait_for_idle(5000)
    assert changes == [{"sample"}]


def test_write_of_a_closed_window_still_announces_change_and_shows_its_error(qtbot, changes, shown):
    gone = QObject()
    gate = threading.Event()
    run_in_background(gone, lambda: (gate.wait(5), committed({"sample"})), write=True)
    run_in_background(gone, lambda: _raise(Conflict("Campione già ritirato."))(), write=True)
    shiboken6.delete(gone)
    gate.set()
    assert wait_for_idle(5000)
    assert changes == [{"sample"}]
    assert shown == ["Campione già ritirato."]


def test_a_task_is_a_write_or_slow_io_not_both(qtbot, owner):
    with pytest.raises(ValueError):
        run_in_background(owner, lambda: None, write=True, slow=True)


def test_slow_io_does_not_delay_a_search(qtbot, owner):
    """Two print jobs hang (a printer, a mail server): a search still answers at once."""
    gate = threading.Event()
    try:
        for _ in range(tasks.SLOW_IO_THREADS):
            run_in_background(owner, lambda: gate.wait(10), slow=True)
        found = []
        start = time.monotonic()
        run_in_background(owner, lambda: "hits", on_success=found.append)
        qtbot.waitUntil(lambda: found == ["hits"], timeout=2000)
        assert time.monotonic() - start < 1.0
        assert tasks.pools()["slow"].activeThreadCount() == tasks.SLOW_IO_THREADS  # still hanging
    finally:
        gate.set()
    assert wait_for_idle(5000)


def test_a_task_without_the_process_policies_is_logged(qtbot, owner, caplog):
    import gc

    gc.enable()  # as if the app had not installed its policies
    try:
        run_in_background(owner, lambda: None)
    finally:
        gc.disable()
    assert wait_for_idle(5000)
    assert "process policies" in caplog.text and "are not installed" in caplog.text


def test_newest_wins_drops_the_answers_to_older_queries(qtbot, owner):
    newest = NewestWins()
    shown: list[str] = []
    gates = {query: threading.Event() for query in ("ro", "ros")}  # as many as there are read threads
    for query in gates:
        ticket = newest.next()
        run_in_background(owner, lambda q=query: (gates[q].wait(5), q)[1],
                          on_success=newest.only_newest(ticket, shown.append))
    gates["ros"].set()  # the newest answers first; the older ones come late
    qtbot.waitUntil(lambda: shown == ["ros"], timeout=3000)
    gates["ro"].set()
    assert wait_for_idle(5000)
    assert shown == ["ros"]
    stale = newest.newest
    newest.next()  # a new query (even one answered at once, like an empty search) makes older ones stale
    assert not newest.is_newest(stale)


def test_same_key_is_ignored_while_running_double_enter(qtbot, owner):
    gate = threading.Event()
    runs = []

    def check_in(n):
        def fn():
            runs.append(n)
            gate.wait(5)
            return n

        return fn

    done = []
    first = run_in_background(owner, check_in(1), write=True, key="checkin:7", on_success=done.append)
    second = run_in_background(owner, check_in(2), write=True, key="checkin:7", on_success=done.append)
    other = run_in_background(owner, check_in(3), write=True, key="checkin:8", on_success=done.append)
    assert first is not None
    assert second is None
    assert other is not None
    gate.set()
    assert wait_for_idle(5000)
    assert runs == [1, 3]
    assert done == [1, 3]
    # once the first has been delivered, the same key is accepted again
    again = run_in_background(owner, check_in(4), write=True, key="checkin:7", on_success=done.append)
    assert again is not None
    assert wait_for_idle(5000)
    assert done == [1, 3, 4]


def test_key_is_released_after_a_failure(qtbot, owner, shown):
    run_in_background(owner, _raise(Conflict("x")), key="k")
    assert wait_for_idle(5000)
    assert run_in_background(owner, lambda: None, key="k") is not None
    assert wait_for_idle(5000)


def test_busy_pools_reports_a_running_task(qtbot, owner):
    gate = threading.Event()
    run_in_background(owner, lambda: gate.wait(5), write=True)
    try:
        report = tasks.busy_pools(grace_ms=100)
        assert report == ["writes (1 running)"]
    finally:
        gate.set()
    assert wait_for_idle(5000)
    assert tasks.busy_pools() == []


def test_conftest_fails_a_test_that_leaks_a_running_pool(tmp_path):
    """Run the real conftest on a test that leaves a task running: that test must be reported."""
    conftest = Path(__file__).resolve().parent.parent / "conftest.py"
    (tmp_path / "conftest.py").write_text(conftest.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "test_leak.py").write_text(
        "import time\n"
        "from PySide6.QtCore import QObject\n"
        "from frontdesk.ui.tasks import run_in_background\n"
        "def test_leaks(qtbot):\n"
        "    owner = QObject()\n"
        "    run_in_background(owner, lambda: time.sleep(3.5))\n"
        "def test_clean(qtbot):\n"
        "    pass\n",
        encoding="utf-8",
    )
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-o", "qt_api=pyside6", "."],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    # test_leaks itself passes, its teardown errors; the next test starts clean
    assert "2 passed, 1 error" in out, out
    assert "ERROR at teardown of test_leaks" in out, out
    assert "left thread pools running" in out and "reads (1 running)" in out, out
