"""The app's session: sign-in at start, roles hide areas, the idle lock, a badge scanned while
locked, and another staff member switching in without closing the app."""

import datetime as dt

import pytest

from frontdesk.domain.roles import Role
from frontdesk.services.reception.visits import check_in_new_visitor, on_site
from frontdesk.services.registry.visitors import VisitorInput
from frontdesk.services.staff import accounts as staff
from frontdesk.services.staff.audit import history
from frontdesk.ui import tasks
from frontdesk.ui.shell.app import DeskStarter
from frontdesk.ui.shell.main_window import MainWindow


@pytest.fixture
def started(qtbot, db_path, process_policies):
    from frontdesk.services.desk.setup import open_desk

    db = open_desk(db_path)
    admin = staff.set_first_admin_password(db, password="admin-password").actor
    staff.create_staff(db, username="giulia", display_name="Giulia Rota", role=Role.RECEPTION,
                       password="reception-pw", actor=admin)
    db.dispose()
    win = MainWindow()
    qtbot.addWidget(win)
    starter = DeskStarter(win, db_path, policies=process_policies)
    win.show()
    qtbot.waitUntil(lambda: starter.sign_in_dialog is not None and starter.sign_in_dialog.isVisible(),
                    timeout=10000)
    yield win, starter
    tasks.wait_for_idle()
    if starter.guard is not None:
        starter.guard.lock_screen.hide()
    if starter.context is not None:
        process_policies.close_desk(starter.context.db)
        starter.context.db.dispose()


def _sign_in(qtbot, win, dialog, username, password):
    assert not dialog.first_run
    dialog.username.setText(username)
    dialog.password.setText(password)
    qtbot.waitUntil(dialog.submit_button.isEnabled, timeout=10000)  # once the integrity check passed
    with qtbot.waitSignal(win.first_data_loaded, timeout=10000):
        dialog.submit_button.click()


def test_wrong_password_keeps_the_desk_hidden(qtbot, started):
    win, starter = started
    dialog = starter.sign_in_dialog
    dialog.username.setText("giulia")
    dialog.password.setText("nope-nope")
    qtbot.waitUntil(dialog.submit_button.isEnabled, timeout=10000)
    dialog.submit_button.click()
    qtbot.waitUntil(lambda: dialog.message.isVisible() and dialog.message.text() != "", timeout=10000)
    assert "Wrong username or password" in dialog.message.text()
    assert win.context is None and dialog.isVisible()


def test_reception_role_does_not_see_admin_areas(qtbot, started):
    win, starter = started
    _sign_in(qtbot, win, starter.sign_in_dialog, "giulia", "reception-pw")
    assert win.context.actor.name == "Giulia Rota"
    assert "User: Giulia Rota" in win.user_label.text()
    keys = win.area_keys()
    assert "staff" not in keys and "audit" not in keys and "reception" in keys
    win.show_area("staff")
    assert win.current_area() != "staff"


def test_lock_scan_while_locked_and_switch_user(qtbot, started):
    win, starter = started
    _sign_in(qtbot, win, starter.sign_in_dialog, "admin", "admin-password")
    assert "staff" in win.area_keys() and "audit" in win.area_keys()
    assert starter.evening_close is not None  # the desk-wide evening close runs whatever screen is open
    assert starter.nightly_sync is not None and win.sync_action.isEnabled()  # and the nightly sync
    db = starter.context.db
    visit = check_in_new_visitor(db, visitor=VisitorInput(first_name="Anna", last_name="Bianchi"),
                                 service_code="meeting", host_id=None, privacy_notice_shown=True,
                                 actor=starter.context.actor)
    earlier = (dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)).strftime("%Y-%m-%d %H:%M:%S.%f")
    conn = db.raw()
    conn.execute("UPDATE visit SET checked_in_at = ?", (earlier,))  # arrived five minutes ago
    conn.commit()
    conn.close()
    win.lock_requested.emit()
    lock = starter.guard.lock_screen
    qtbot.waitUntil(lock.is_locked)
    # A badge scanned while locked checks the visit out, as done by the desk.
    starter.guard.scans.submit(visit.badge.data.token)
    tasks.wait_for_idle()
    assert on_site(db) == []
    event = history(db, actor=starter.context.actor, record_type="visit", record_id=str(visit.visit.id))[0]
    assert (event.action, event.actor_label) == ("visit.check_out", "Desk R1")
    # Another staff member signs in at the lock screen: the window is now theirs.
    lock.username.setText("giulia")
    lock.password.setText("reception-pw")
    with qtbot.waitSignal(lock.unlocked, timeout=10000):
        lock.unlock_button.click()
    qtbot.waitUntil(lambda: win.context.actor.name == "Giulia Rota", timeout=5000)
    assert not lock.is_locked()
    assert "staff" not in win.area_keys()


def test_the_desk_remembers_wrong_sign_ins_from_the_sign_in_dialog_to_the_lock_screen(qtbot, started):
    """Made-up names are throttled by the open desk's memory, not the dialog's: three wrong tries at
    start-up make the same name wait at the lock screen too."""
    win, starter = started
    dialog = starter.sign_in_dialog
    qtbot.waitUntil(dialog.submit_button.isEnabled, timeout=10000)
    for _ in range(3):
        dialog.username.setText("ghost")
        dialog.password.setText("guess-guess")
        dialog.submit_button.click()
        qtbot.waitUntil(lambda: dialog.submit_button.isEnabled() and dialog.message.text() != "", timeout=10000)
    assert "wait 10 seconds" in dialog.message.text()
    _sign_in(qtbot, win, dialog, "giulia", "reception-pw")
    win.lock_requested.emit()
    lock = starter.guard.lock_screen
    qtbot.waitUntil(lock.is_locked)
    lock.username.setText("ghost")
    lock.password.setText("guess-guess")
    lock.unlock_button.click()
    qtbot.waitUntil(lambda: not lock.message.isHidden() and lock.password.isEnabled(), timeout=10000)
    assert "Too many wrong passwords: wait" in lock.message.text()
    assert len(starter.context.duties.sign_in_failures) == 1
