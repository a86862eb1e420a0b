"""The app's start-up holds every write, sign-in included, until its background integrity check
passes (issue 8, point 4); a damaged, read-only, full or busy database still lets staff sign in to
read and says why nothing is saved (point 5); the banner never claims the database is being
checked once it is not (point 8). Real windows, real files, real mounts."""

from __future__ import annotations

import threading
import time

import pytest
from desk_files import (
    ADMIN_PASSWORD,
    RECEPTION_PASSWORD,
    damage_middle,
    digest,
    make_desk,
    open_visits,
    sign_in_events,
)
from mounts import fill, read_only_bind, tmpfs

from frontdesk.services.desk.setup import init_desk
from frontdesk.services.upkeep import backups
from frontdesk.ui import tasks
from frontdesk.ui.shell.app import DeskStarter
from frontdesk.ui.shell.main_window import MainWindow


def start(qtbot, policies, path) -> tuple[MainWindow, DeskStarter]:
    win = MainWindow()
    qtbot.addWidget(win)
    starter = DeskStarter(win, path, policies=policies)
    win.show()
    qtbot.waitUntil(lambda: starter.sign_in_dialog is not None and starter.sign_in_dialog.isVisible(),
                    timeout=10000)
    return win, starter


def finish(starter: DeskStarter) -> None:
    """Let background work end and close the database (before any mount under it goes away)."""
    tasks.wait_for_idle(10000)
    if starter.guard is not None:
        starter.guard.lock_screen.hide()
    if starter.context is not None:
        starter.policies.close_desk(starter.context.db)
        starter.context.db.dispose()


def sign_in(qtbot, win, starter, username: str, password: str) -> None:
    dialog = starter.sign_in_dialog
    qtbot.waitUntil(dialog.submit_button.isEnabled, timeout=10000)
    dialog.username.setText(username)
    dialog.password.setText(password)
    dialog.submit_button.click()
    qtbot.waitUntil(lambda: win.context is not None, timeout=10000)


@pytest.fixture
def messages():
    """Every message that reached the one error display (the window's banner)."""
    shown: list[str] = []
    tasks.error_display().error_shown.connect(shown.append)
    yield shown
    tasks.error_display().error_shown.disconnect(shown.append)


def test_sign_in_waits_for_the_integrity_check(qtbot, process_policies, tmp_path, monkeypatch):
    path = make_desk(tmp_path / "desk.sqlite")
    gate = threading.Event()
    real = backups.quick_check

    def held_at_the_gate(file):
        gate.wait(20)
        return real(file)

    monkeypatch.setattr(backups, "quick_check", held_at_the_gate)
    signed = sign_in_events(path)  # the admin's, from make_desk's first password
    win, starter = start(qtbot, process_policies, path)
    dialog = starter.sign_in_dialog
    try:
        assert not dialog.submit_button.isEnabled()
        assert dialog.status.isVisible() and dialog.status.text() == "Checking the database..."
        dialog.username.setText("giulia")
        dialog.password.setText(RECEPTION_PASSWORD)
        dialog.submit_button.click()
        qtbot.keyClick(dialog.password, "\r")
        qtbot.wait(300)
        assert win.context is None and sign_in_events(path) == signed  # nothing written before the check
        gate.set()
        qtbot.waitUntil(dialog.submit_button.isEnabled, timeout=10000)
        assert dialog.status.isHidden() and dialog.message.isHidden()
        with qtbot.waitSignal(win.first_data_loaded, timeout=10000):
            dialog.submit_button.click()
        assert win.context.actor.name == "Giulia Rota" and sign_in_events(path) == signed + 1
    finally:
        gate.set()
        finish(starter)


def test_a_damaged_database_lets_staff_read_and_is_never_written(qtbot, process_policies, tmp_path, messages):
    path = make_desk(tmp_path / "desk.sqlite", visitors=150)
    damage_middle(path)
    before = digest(path)
    win, starter = start(qtbot, process_policies, path)
    try:
        dialog = starter.sign_in_dialog
        qtbot.waitUntil(dialog.submit_button.isEnabled, timeout=10000)
        assert "The database is damaged" in dialog.message.text()
        assert dialog.message.text().endswith("You can sign in to look at the data.")
        sign_in(qtbot, win, starter, "giulia", RECEPTION_PASSWORD)
        assert win.context.actor.name == "Giulia Rota"
        qtbot.waitUntil(lambda: "The database is damaged" in win.banner.message(), timeout=10000)
        assert starter.evening_close is None  # the desk's own writing duties do not start
        assert starter.nightly_sync is None and not win.sync_action.isEnabled()
        tasks.wait_for_idle(10000)
        assert not any("Something went wrong" in m for m in messages)
    finally:
        finish(starter)
    assert digest(path) == before  # no sign-in record, no evening close: not one byte changed
    assert open_visits(path) == 1


def test_read_only_drive_lets_staff_sign_in_to_read_and_says_why(qtbot, process_policies, tmp_path, messages):
    folder = tmp_path / "data"
    folder.mkdir()
    path = make_desk(folder / "desk.sqlite")
    signed = sign_in_events(path)
    with read_only_bind(folder):
        win, starter = start(qtbot, process_policies, path)
        try:
            dialog = starter.sign_in_dialog
            qtbot.waitUntil(dialog.submit_button.isEnabled, timeout=10000)
            assert "is read-only" in dialog.message.text() and "damaged" not in dialog.message.text()
            sign_in(qtbot, win, starter, "giulia", RECEPTION_PASSWORD)
            qtbot.waitUntil(lambda: "is read-only" in win.banner.message(), timeout=10000)
            assert "drive that holds the database" in win.banner.message()
            assert not any("Something went wrong" in m for m in messages)
        finally:
            finish(starter)
    assert sign_in_events(path) == signed and open_visits(path) == 1


def test_a_first_run_on_a_read_only_drive_cannot_set_the_password_and_says_why(qtbot, process_policies, tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    init_desk(folder / "desk.sqlite", desk="R1")
    with read_only_bind(folder):
        _win, starter = start(qtbot, process_policies, folder / "desk.sqlite")
        try:
            dialog = starter.sign_in_dialog
            assert dialog.first_run
            qtbot.waitUntil(lambda: dialog.status.isHidden(), timeout=10000)
            assert "is read-only" in dialog.message.text()
            assert "cannot be saved until this is solved" in dialog.message.text()
            assert not dialog.submit_button.isEnabled()
        finally:
            finish(starter)


def test_a_full_disk_still_lets_staff_sign_in_and_says_the_disk_is_full(qtbot, process_policies, tmp_path, messages):
    with tmpfs(tmp_path / "disk", size="8m") as disk:
        path = make_desk(disk / "desk.sqlite")
        signed = sign_in_events(path)
        win, starter = start(qtbot, process_policies, path)
        try:
            qtbot.waitUntil(starter.sign_in_dialog.submit_button.isEnabled, timeout=10000)
            tasks.wait_for_idle(10000)  # today's backup is taken; then the disk fills up
            fill(disk)
            sign_in(qtbot, win, starter, "giulia", RECEPTION_PASSWORD)
            qtbot.waitUntil(lambda: "is full" in win.banner.message(), timeout=10000)
            assert f"The disk that holds the database ({disk})" in win.banner.message()
            tasks.wait_for_idle(10000)
            assert not any("Something went wrong" in m for m in messages)
        finally:
            finish(starter)
        assert sign_in_events(path) == signed and open_visits(path) == 1


def test_a_database_busy_past_the_timeout_still_lets_staff_sign_in_and_says_why(
        qtbot, process_policies, tmp_path, messages, monkeypatch):
    import sqlite3

    monkeypatch.setenv("FRONTDESK_BUSY_TIMEOUT_MS", "300")
    path = make_desk(tmp_path / "desk.sqlite")
    signed = sign_in_events(path)
    win, starter = start(qtbot, process_policies, path)
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        qtbot.waitUntil(starter.sign_in_dialog.submit_button.isEnabled, timeout=10000)
        tasks.wait_for_idle(10000)
        holder.execute("BEGIN IMMEDIATE")  # another program keeps writing
        sign_in(qtbot, win, starter, "giulia", RECEPTION_PASSWORD)
        qtbot.waitUntil(lambda: "Another program is using the database" in win.banner.message(), timeout=10000)
        tasks.wait_for_idle(10000)
        assert not any("Something went wrong" in m for m in messages)
    finally:
        holder.close()
        finish(starter)
    assert sign_in_events(path) == signed


def test_the_banner_never_says_being_checked_after_a_start_with_an_evening_close_to_catch_up(
        qtbot, process_policies, tmp_path, monkeypatch, messages):
    path = make_desk(tmp_path / "desk.sqlite")  # Anna's visit from yesterday is still open
    real = backups.quick_check

    def slow(file):  # a large database: the check takes a while
        time.sleep(1.0)
        return real(file)

    monkeypatch.setattr(backups, "quick_check", slow)
    win, starter = start(qtbot, process_policies, path)
    try:
        sign_in(qtbot, win, starter, "admin", ADMIN_PASSWORD)
        qtbot.waitUntil(lambda: open_visits(path) == 0, timeout=10000)  # the catch-up closed it: saving works
        tasks.wait_for_idle(10000)
        assert starter.context.db.writes_held is None
        assert not any("being checked" in m for m in messages)
        assert win.banner.message() == ""
    finally:
        finish(starter)
