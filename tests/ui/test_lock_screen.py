"""The idle watcher and the lock screen: locking after idle time, switching staff member without
closing the app, and badge scans that still check visitors out (as the desk) while locked."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
from screen_helpers import labels_cut_off, styled
from sqlalchemy import select, update

from frontdesk.db.models import Visit
from frontdesk.domain.roles import Actor, Role
from frontdesk.services.reception.visits import check_in, on_site
from frontdesk.services.registry.visitors import VisitorInput, create_visitor
from frontdesk.services.staff import audit
from frontdesk.ui.reception.scan_input import ScanHandler
from frontdesk.ui.shell.idle_watcher import IdleWatcher
from frontdesk.ui.staff.lock_screen import LockScreen
from frontdesk.ui.tasks import wait_for_idle


@pytest.fixture
def desk(db, admin_session, add_staff):
    add_staff("giulia", Role.RECEPTION, display_name="Giulia Bonfanti", password="reception-pw")
    return db, admin_session


@pytest.fixture
def window(qtbot):
    main = QMainWindow()
    main.setCentralWidget(QLabel("Mario Rossi — Acciaierie Bergamasche (personal data on screen)"))
    main.resize(1000, 680)
    qtbot.addWidget(main)
    main.show()
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    return main


@pytest.fixture
def lock(qtbot, desk, window):
    db, admin = desk
    screen = LockScreen(db, window)
    qtbot.addWidget(screen)
    screen.lock(admin)
    qtbot.waitUntil(screen.isActiveWindow)
    yield screen
    wait_for_idle()
    screen.hide()  # closeEvent refuses to close a lock screen: hide it so later tests get the keyboard


def type_keys(qtbot, text: str) -> None:
    """Type where the focus is, as a keyboard or a scanner does."""
    for ch in text:
        qtbot.keyClick(QApplication.focusWidget(), ch)


def test_idle_watcher_fires_once_after_the_idle_time_and_input_postpones_it(qtbot, window):
    watcher = IdleWatcher(minutes=10, parent=window)
    assert watcher.timeout_ms == 600_000
    watcher.set_timeout_ms(300)
    fired = []
    watcher.idle.connect(lambda: fired.append(True))
    for _ in range(4):  # keep typing: no lock
        qtbot.wait(120)
        qtbot.keyClick(window, Qt.Key.Key_Shift)
    assert fired == []
    qtbot.mouseMove(window, QPoint(10, 10))
    with qtbot.waitSignal(watcher.idle, timeout=2000):
        pass
    qtbot.wait(500)
    assert fired == [True] and watcher.is_paused()  # once per idle period
    watcher.resume()
    with qtbot.waitSignal(watcher.idle, timeout=2000):
        pass
    watcher.stop()


def test_lock_covers_the_window_and_escape_does_not_unlock(qtbot, lock, window):
    assert lock.is_locked() and lock.isModal()
    assert lock.geometry().contains(window.geometry().center())
    assert lock.geometry().width() >= window.width() and lock.geometry().height() >= window.height()
    assert QApplication.focusWidget() is lock.scan_field
    assert "Amministratore was signed in" in lock.who.text() and lock.username.text() == "admin"
    qtbot.keyClick(lock.scan_field, Qt.Key.Key_Escape)
    qtbot.keyClick(lock, Qt.Key.Key_Escape)
    lock.close()
    assert lock.is_locked()


def test_wrong_password_keeps_it_locked(qtbot, lock):
    lock.password.setFocus()
    qtbot.keyClicks(lock.password, "wrong-password")
    qtbot.keyClick(lock.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not lock.message.isHidden() and lock.password.isEnabled(), timeout=5000)
    assert lock.message.text() == "Wrong username or password." and lock.is_locked()
    assert lock.password.text() == ""
    lock.username.clear()
    qtbot.mouseClick(lock.unlock_button, Qt.MouseButton.LeftButton)
    assert lock.message.text() == "Type your username."


def test_another_staff_member_switches_in_without_closing_the_app(qtbot, lock, window):
    lock.username.setFocus()
    lock.username.selectAll()
    type_keys(qtbot, "giulia")
    qtbot.keyClick(lock.username, Qt.Key.Key_Return)  # Enter after the username: on to the password
    assert QApplication.focusWidget() is lock.password
    type_keys(qtbot, "reception-pw")
    with qtbot.waitSignal(lock.unlocked, timeout=5000) as signal:
        qtbot.keyClick(lock.password, Qt.Key.Key_Return)
    session = signal.args[0]
    assert session.actor.role is Role.RECEPTION and session.actor.name == "Giulia Bonfanti"
    assert not lock.is_locked() and window.isVisible()


@pytest.fixture
def visit_token(desk):
    db, admin = desk
    visitor = create_visitor(db, data=VisitorInput("Mario", "Rossi"), actor=admin.actor,
                             privacy_notice_version="2026-01")
    token = check_in(db, visitor_id=visitor.id, service_code="meeting", host_id=None,
                     actor=admin.actor).badge.data.token
    with db.begin() as session:  # checked in a while ago, so the scan is a check-out, not a double scan
        for visit in session.scalars(select(Visit)):
            session.execute(update(Visit).where(Visit.id == visit.id)
                            .values(checked_in_at=visit.checked_in_at - dt.timedelta(minutes=30)))
    return token


def test_a_badge_scanned_while_locked_checks_the_visit_out_as_the_desk(qtbot, desk, lock, visit_token):
    db, admin = desk
    handler = ScanHandler(db, lambda: Actor.desk_itself(db.desk), lock.banner, parent=lock)
    lock.scanned.connect(handler.submit)  # the main window's wiring
    assert len(on_site(db)) == 1
    # The focus is on the button: a scanner types anyway and the text reaches the scan field.
    lock.unlock_button.setFocus()
    with qtbot.waitSignal(handler.scan_finished, timeout=5000) as finished:
        type_keys(qtbot, visit_token.lower())  # Caps Lock does not matter
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert finished.args[0] == "ok", finished.args[1]
    assert on_site(db) == [] and lock.is_locked() and lock.banner.kind() == "ok"
    checkout = [e for e in audit.history(db, actor=admin.actor, record_type="visit") if "check_out" in e.action]
    assert checkout and checkout[0].actor_label == "Desk R1"
    assert lock.scan_field.text() == ""
    wait_for_idle()


def test_a_badge_scanned_into_the_username_field_is_routed_not_typed(qtbot, lock):
    seen = []
    lock.scanned.connect(seen.append)
    lock.username.setFocus()
    lock.username.clear()
    type_keys(qtbot, "FDB1.V.ABC")
    qtbot.keyClick(lock.username, Qt.Key.Key_Return)
    assert seen == ["FDB1.V.ABC"] and lock.username.text() == ""
    lock.scan_field.setFocus()
    for ch in "FDS1.X":  # accented or not, sent as key events with text
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(lock.scan_field, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))
    qtbot.keyClick(lock.scan_field, Qt.Key.Key_Return)
    assert seen == ["FDB1.V.ABC", "FDS1.X"]


def test_lock_after_idle_then_unlock_and_resume(qtbot, desk, window):
    db, admin = desk
    watcher = IdleWatcher(parent=window)
    watcher.set_timeout_ms(200)
    screen = LockScreen(db, window)
    qtbot.addWidget(screen)
    watcher.idle.connect(lambda: screen.lock(admin))
    screen.unlocked.connect(lambda _s: watcher.resume())
    qtbot.waitUntil(screen.is_locked, timeout=3000)
    screen.password.setFocus()
    qtbot.keyClicks(screen.password, "admin-password")
    with qtbot.waitSignal(screen.unlocked, timeout=5000):
        qtbot.keyClick(screen.password, Qt.Key.Key_Return)
    assert not watcher.is_paused()
    qtbot.waitUntil(screen.is_locked, timeout=3000)  # idle again: locks again
    watcher.stop()
    wait_for_idle()


def test_a_wrong_password_and_a_scan_show_on_the_styled_lock_screen(qtbot, lock, screenshot):
    styled(lock)
    lock.setStyleSheet(lock.styleSheet() + "QDialog#lockScreen { background: #2b3a4a; }")
    lock.password.setFocus()
    qtbot.keyClicks(lock.password, "wrong-password")
    qtbot.keyClick(lock.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not lock.message.isHidden() and lock.password.isEnabled(), timeout=5000)
    lock.show_scan_result("ok", "Mario Rossi checked out at 17:42")
    screenshot(lock, "lock_screen.png")
    assert "Wrong username or password." in lock.message.text()
    assert lock.banner.kind() == "ok" and lock.banner.message() == "Mario Rossi checked out at 17:42"
    assert labels_cut_off(lock) == []
