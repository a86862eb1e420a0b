"""The nightly sync in the app (issue 12, point 6): the status bar's line, "Sync now" with its busy
state, a hub that is down (the client's message in the banner, nothing changed), and the timer
armed for the nightly hour. The runs against a real hub are in tests/integration/sync/."""

from __future__ import annotations

import datetime as dt
import socket
import sqlite3

import pytest

from frontdesk.domain.clock import ROME
from frontdesk.services.desk.settings import update_settings
from frontdesk.services.sync.nightly import SyncStatus
from frontdesk.ui import tasks
from frontdesk.ui.i18n_qt import install_translators
from frontdesk.ui.shell.area_view import DeskContext
from frontdesk.ui.shell.main_window import MainWindow
from frontdesk.ui.sync.nightly_sync import MAX_WAIT_MS, NightlySync, status_text


def rome(day: dt.date, hh: int, mm: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hh, mm), tzinfo=ROME).astimezone(dt.UTC)


class Clock:
    def __init__(self, moment: dt.datetime) -> None:
        self.moment = moment

    def __call__(self) -> dt.datetime:
        return self.moment


@pytest.fixture
def window(qtbot, db, admin):
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    win.attach(DeskContext(db=db, actor=admin, desk="R1", is_demo=False))
    tasks.wait_for_idle()
    yield win
    tasks.wait_for_idle()


def _outbox(db_path) -> int:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute("SELECT count(*) FROM sync_outbox").fetchone()[0]
    finally:
        conn.close()


def test_the_status_line_says_when_and_what_waits():
    day = dt.date(2026, 3, 10)
    now = rome(day, 11)
    assert status_text(SyncStatus(None, 3, 0), now) == "Last sync: never · waiting: 3"
    assert status_text(SyncStatus(rome(day, 2), 3, 1), now) == "Last sync: today 02:00 · waiting: 3 · refused: 1"
    assert status_text(SyncStatus(rome(day - dt.timedelta(days=1), 23, 5), 0, 0), now) == \
        "Last sync: yesterday 23:05 · waiting: 0"
    assert status_text(SyncStatus(rome(dt.date(2026, 2, 27), 2), 0, 0), now) == \
        "Last sync: 27/02/2026 02:00 · waiting: 0"


def test_the_status_line_in_italian(qapp):
    install_translators("it")
    try:
        day = dt.date(2026, 3, 10)
        assert status_text(SyncStatus(rome(day, 2), 3, 1), rome(day, 11)) == \
            "Ultima sincronizzazione: oggi 02:00 · in attesa: 3 · rifiutate: 1"
        assert status_text(SyncStatus(None, 0, 0), rome(day, 11)) == "Ultima sincronizzazione: mai · in attesa: 0"
    finally:
        install_translators("en")


def test_without_a_hub_nothing_runs_no_line_shows_and_the_timer_waits_for_the_hour(qtbot, window, db):
    clock = Clock(rome(dt.date(2026, 3, 10), 11))
    assert not window.sync_action.isEnabled()  # nothing runs syncs yet (as on a database held read-only)
    window.show_area("settings")
    tasks.wait_for_idle()
    assert not window.view("settings").sync_button.isEnabled()
    sync = NightlySync(db, "R1", parent=window, clock=clock)
    sync.show_in(window)
    assert window.sync_action.isEnabled() and window.view("settings").sync_button.isEnabled()
    with qtbot.waitSignal(sync.armed, timeout=5000) as armed:
        sync.start()
    assert armed.args[0] == rome(dt.date(2026, 3, 11), 2)
    assert 0 < sync.interval_ms() <= MAX_WAIT_MS
    qtbot.waitUntil(lambda: sync.status is not None, timeout=5000)
    assert not sync.status.configured and not window.sync_label.isVisible()
    assert not sync.busy


@pytest.fixture
def hub_down(db, admin, tmp_path):
    """Settings that name a hub nobody answers for."""
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    token = tmp_path / "hub.token"
    token.write_text("a-token\n")
    update_settings(db, changes={"hub_url": f"http://127.0.0.1:{port}", "hub_token_file": str(token)}, actor=admin)


def test_sync_now_with_the_hub_down_shows_the_clients_message_and_changes_nothing(
        qtbot, window, db, db_path, hub_down, shown_errors):
    sync = NightlySync(db, "R1", parent=window)
    sync.show_in(window)
    sync.refresh_status()
    qtbot.waitUntil(lambda: window.sync_label.isVisible(), timeout=5000)
    waiting = _outbox(db_path)
    assert window.sync_label.text() == f"Last sync: never · waiting: {waiting}"
    assert window.sync_action.isEnabled() and window.sync_action.text() == "&Sync now"

    with qtbot.waitSignal(sync.busy_changed, timeout=5000) as started:
        window.sync_action.trigger()
    assert started.args == [True]
    assert not window.sync_action.isEnabled() and window.sync_action.text() == "Syncing..."
    window.sync_action.trigger()  # a second press while it runs does nothing
    qtbot.waitUntil(lambda: not sync.busy, timeout=15000)
    qtbot.waitUntil(lambda: window.sync_label.text().startswith("Last sync"), timeout=5000)
    assert any("does not answer" in message for message in shown_errors)
    assert len(shown_errors) == 1
    assert window.sync_action.isEnabled() and window.sync_action.text() == "&Sync now"
    assert _outbox(db_path) == waiting
    assert window.sync_label.text() == f"Last sync: never · waiting: {waiting}"


def test_the_settings_sync_section_has_its_own_sync_now_button(qtbot, window, db, hub_down, shown_errors):
    sync = NightlySync(db, "R1", parent=window)
    sync.show_in(window)
    window.show_area("settings")
    tasks.wait_for_idle()
    view = window.view("settings")
    assert view.sync_button.isEnabled() and view.sync_button.text() == "Sync now"
    with qtbot.waitSignal(sync.busy_changed, timeout=5000):
        view.sync_button.click()
    assert not view.sync_button.isEnabled() and view.sync_button.text() == "Syncing..."
    assert not window.sync_action.isEnabled()
    qtbot.waitUntil(lambda: not sync.busy, timeout=15000)
    assert view.sync_button.isEnabled() and view.sync_button.text() == "Sync now"
    assert any("does not answer" in message for message in shown_errors)
    tasks.wait_for_idle()
