"""ui.process: the process-wide policies are installed by one object, never by an import, and
undone when it closes; garbage is collected on the GUI thread only; each open desk has one
evacuation-copy keeper whose quit handler waits a bounded time."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import threading
import time

from PySide6.QtCore import QCoreApplication

from frontdesk.ui.process import ProcessPolicies
from frontdesk.ui.tasks import pools, wait_for_idle


def run_fresh(code: str) -> dict:
    """Run `code` in a fresh interpreter; it prints one JSON line."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                            env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_importing_the_ui_installs_nothing():
    state = run_fresh("""
        import gc, json, sys
        gc.collect()  # (a collection moves the interpreter's immortal objects to the frozen generation)
        frozen_at_start = gc.get_freeze_count()
        import frontdesk.ui, frontdesk.ui.process, frontdesk.ui.tasks, frontdesk.ui.shell.app
        import frontdesk.ui.reception.reception_view, frontdesk.ui.reception.evacuation_copy
        import shibokensupport.feature as feature
        gc.collect()
        print(json.dumps({"gc_enabled": gc.isenabled(), "frozen": gc.get_freeze_count() - frozen_at_start,
                          "hook": feature._mod_uses_pyside.__module__}))
    """)
    assert state["gc_enabled"] and state["frozen"] == 0
    assert state["hook"] != "frontdesk.ui.pyside_imports"


def test_the_policies_undo_what_they_installed_when_closed():
    state = run_fresh("""
        import gc, json
        from PySide6.QtWidgets import QApplication
        from frontdesk.ui.process import ProcessPolicies
        import shibokensupport.feature as feature

        original = feature._mod_uses_pyside
        gc.collect()  # (a collection moves the interpreter's immortal objects to the frozen generation)
        frozen_before = gc.get_freeze_count()
        app = QApplication([])
        policies = ProcessPolicies().install()
        policies.start()
        installed = {"gc_enabled": gc.isenabled(), "hook": feature._mod_uses_pyside.__module__,
                     "held": policies.garbage.held}
        policies.garbage.release(freeze=True)
        installed["frozen"] = gc.get_freeze_count() > frozen_before
        policies.close()
        closed = {"gc_enabled": gc.isenabled(), "hook_is_pysides": feature._mod_uses_pyside is original,
                  "frozen": gc.get_freeze_count() - frozen_before}
        print(json.dumps({"installed": installed, "closed": closed}))
    """)
    assert state["installed"] == {"gc_enabled": False, "hook": "frontdesk.ui.pyside_imports", "held": True,
                                  "frozen": True}
    assert state["closed"] == {"gc_enabled": True, "hook_is_pysides": True, "frozen": 0}


def test_cyclic_garbage_made_by_a_task_is_collected_on_the_gui_thread():
    """In a fresh interpreter, as the app starts: the collector's state is process-wide, and what
    earlier tests in a worker left (hundreds of widgets, frozen objects) made this check depend on
    which files ran before it."""
    state = run_fresh("""
        import gc, json, threading, time
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtWidgets import QApplication, QWidget
        from frontdesk.ui.process import ProcessPolicies

        app = QApplication([])
        policies = ProcessPolicies().install(hold_collection=False)
        policies.start()
        from frontdesk.ui.tasks import run_in_background, wait_for_idle

        owner = QWidget()
        finalized_on = []

        class Cycle:
            def __del__(self):
                finalized_on.append(threading.get_ident())

        def make_garbage():
            for _ in range(3000):  # far past gen-0's threshold: a collection would start on this thread
                item = Cycle()
                item.me = item

        run_in_background(owner, make_garbage)
        wait_for_idle()
        enabled = gc.isenabled()
        deadline = time.monotonic() + 10
        while len(finalized_on) < 3000 and time.monotonic() < deadline:  # the policies' timer collects them
            QCoreApplication.processEvents()
            time.sleep(0.01)
        main = threading.main_thread().ident
        print(json.dumps({"gc_enabled": enabled, "finalized": len(finalized_on),
                          "on_gui_thread": sorted({t == main for t in finalized_on})}))
        policies.close()
    """)
    assert state == {"gc_enabled": False, "finalized": 3000, "on_gui_thread": [True]}


def test_start_up_holds_collection_until_released(qtbot, process_policies):
    import gc

    garbage = process_policies.garbage
    finalized: list[int] = []

    class Cycle:
        def __del__(self) -> None:
            finalized.append(1)

    garbage.hold()
    try:
        for _ in range(gc.get_threshold()[0] + 10):
            item = Cycle()
            item.me = item
        del item
        garbage.collect_step()
        assert finalized == []
    finally:
        garbage.release(freeze=False)
    garbage.collect_step()
    qtbot.waitUntil(lambda: len(finalized) > 0, timeout=5000)


def test_one_keeper_per_open_desk_whatever_screen_asks(qtbot, process_policies, db):
    duties = process_policies.open_desk(db)
    assert process_policies.open_desk(db) is duties
    assert duties.evacuation is duties.evacuation
    other = ProcessPolicies()  # a second object owns its own, never a shared registry
    assert other.open_desk(db) is not duties
    process_policies.close_desk(db)
    assert process_policies.open_desk(db) is not duties
    wait_for_idle()


def test_the_quit_handler_waits_a_bounded_time_for_a_copy_that_hangs(qtbot, process_policies, db, monkeypatch):
    from frontdesk.ui.reception import evacuation_copy

    gate = threading.Event()
    monkeypatch.setattr(evacuation_copy, "_write_copy", lambda _db: gate.wait(30))
    monkeypatch.setattr(evacuation_copy, "QUIT_WAIT_MS", 300)
    keeper = process_policies.open_desk(db).evacuation
    keeper.refresh()  # the folder hangs (a network share gone away)
    try:
        assert pools()["slow"].waitForDone(100) is False  # the copy is slow I/O: its own lane
        start = time.monotonic()
        QCoreApplication.instance().aboutToQuit.emit()
        waited = time.monotonic() - start
        assert 0.25 < waited < 1.5
        assert keeper._running  # given up, not finished
    finally:
        gate.set()
    assert wait_for_idle(5000)
    assert not keeper._running


def test_closing_a_desk_waits_at_most_its_bound(qtbot, process_policies, db, monkeypatch):
    from frontdesk.ui.reception import evacuation_copy

    gate = threading.Event()
    monkeypatch.setattr(evacuation_copy, "_write_copy", lambda _db: gate.wait(30))
    keeper = process_policies.open_desk(db).evacuation
    keeper.refresh()
    try:
        start = time.monotonic()
        process_policies.close_desk(db, timeout_ms=200)
        assert time.monotonic() - start < 1.0
    finally:
        gate.set()
    assert wait_for_idle(5000)


def test_the_app_entry_installs_the_policies_before_the_app_and_closes_them_after(tmp_path):
    state = run_fresh(f"""
        import gc, json, sys, types

        seen = {{}}

        def hook():
            return sys.modules["shibokensupport.feature"]._mod_uses_pyside.__module__

        def run_gui(path, *, policies, bench_startup):  # stands in for ui.shell.app, imported by cmd_gui
            seen.update(gc_enabled=gc.isenabled(), hook=hook(),
                        held=policies.garbage.held, path=str(path))
            return 0

        sys.modules["frontdesk.ui.shell.app"] = types.SimpleNamespace(run_gui=run_gui)
        from frontdesk.cli.gui import cmd_gui

        code = cmd_gui(types.SimpleNamespace(db={str(tmp_path / "desk.sqlite")!r}, bench_startup=False))
        seen.update(code=code, gc_enabled_after=gc.isenabled(), hook_after=hook())
        print(json.dumps(seen))
    """)
    assert state["code"] == 0 and state["path"].endswith("desk.sqlite")
    assert not state["gc_enabled"] and state["held"] and state["hook"] == "frontdesk.ui.pyside_imports"
    assert state["gc_enabled_after"] and state["hook_after"] != "frontdesk.ui.pyside_imports"


def test_quit_then_desk_close_wait_no_longer_than_one_bound_in_all(qtbot, process_policies, db, monkeypatch):
    from frontdesk.ui.reception import evacuation_copy

    gate = threading.Event()
    monkeypatch.setattr(evacuation_copy, "_write_copy", lambda _db: gate.wait(30))
    monkeypatch.setattr(evacuation_copy, "QUIT_WAIT_MS", 400)
    process_policies.open_desk(db).evacuation.refresh()
    try:
        start = time.monotonic()
        QCoreApplication.instance().aboutToQuit.emit()
        process_policies.close_desk(db, timeout_ms=400)  # as run_gui does after the event loop ends
        assert time.monotonic() - start < 0.9
    finally:
        gate.set()
    assert wait_for_idle(5000)
