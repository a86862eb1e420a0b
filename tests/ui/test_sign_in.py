"""The sign-in dialog and its first-run variant, driven from the keyboard with qtbot."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from screen_helpers import labels_cut_off, styled

from frontdesk.domain.roles import Role
from frontdesk.i18n import set_language
from frontdesk.services.desk.setup import init_desk, open_desk
from frontdesk.services.staff import accounts as staff
from frontdesk.ui.staff.sign_in_dialog import SignInDialog
from frontdesk.ui.tasks import wait_for_idle


@pytest.fixture
def fresh_db(tmp_path):
    """A second desk, whose first admin has no password yet."""
    path = tmp_path / "fresh.sqlite"
    init_desk(path, desk="R1")
    database = open_desk(path)
    yield database
    database.dispose()


@pytest.fixture
def ready_db(db, add_staff):
    """A desk with the admin's password set and Giulia (reception, "reception-pw")."""
    add_staff("giulia", Role.RECEPTION, display_name="Giulia Bonfanti", password="reception-pw")
    return db


def make(qtbot, db, **kwargs) -> SignInDialog:
    dialog = SignInDialog(db, desk="R1", **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def enter(qtbot, widget) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def test_keyboard_only_sign_in(qtbot, ready_db):
    dialog = make(qtbot, ready_db)
    assert dialog.username.hasFocus()
    qtbot.keyClicks(dialog.username, "giulia")
    enter(qtbot, dialog.username)  # Enter after the username moves on, without complaining
    assert dialog.password.hasFocus() and dialog.message.isHidden()
    qtbot.keyClicks(dialog.password, "reception-pw")
    with qtbot.waitSignal(dialog.signed_in, timeout=5000) as signal:
        enter(qtbot, dialog.password)
    session = signal.args[0]
    assert session.actor.role is Role.RECEPTION and session.actor.name == "Giulia Bonfanti"
    assert dialog.staff_session is session and dialog.result() == SignInDialog.DialogCode.Accepted
    wait_for_idle()


def test_wrong_password_is_explained_and_cleared(qtbot, ready_db):
    dialog = make(qtbot, ready_db)
    qtbot.keyClicks(dialog.username, "giulia")
    qtbot.keyClicks(dialog.password, "not-it-at-all")
    enter(qtbot, dialog.password)
    qtbot.waitUntil(lambda: not dialog.message.isHidden() and dialog.submit_button.isEnabled(), timeout=5000)
    assert dialog.message.text() == "Wrong username or password."
    assert dialog.password.text() == "" and dialog.password.hasFocus() and dialog.isVisible()
    assert dialog.staff_session is None
    wait_for_idle()


def test_unknown_user_reads_the_same(qtbot, ready_db):
    dialog = make(qtbot, ready_db)
    qtbot.keyClicks(dialog.username, "nobody")
    qtbot.keyClicks(dialog.password, "whatever-pw")
    enter(qtbot, dialog.password)
    qtbot.waitUntil(lambda: not dialog.message.isHidden(), timeout=5000)
    assert dialog.message.text() == "Wrong username or password."
    wait_for_idle()


def test_empty_fields_are_asked_for(qtbot, ready_db):
    dialog = make(qtbot, ready_db)
    qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "Type your username." and dialog.username.hasFocus()
    qtbot.keyClicks(dialog.username, "giulia")
    qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "Type your password."
    wait_for_idle()


def test_disabled_account_is_told_plainly(qtbot, ready_db):
    admin = staff.sign_in(ready_db, username="admin", password="admin-password")
    giulia = next(s for s in staff.list_staff(ready_db, actor=admin.actor) if s.username == "giulia")
    staff.set_active(ready_db, staff_id=giulia.id, active=False, actor=admin.actor)
    dialog = make(qtbot, ready_db, username="giulia")
    assert dialog.password.hasFocus()  # the username was given: straight to the password
    qtbot.keyClicks(dialog.password, "reception-pw")
    enter(qtbot, dialog.password)
    qtbot.waitUntil(lambda: not dialog.message.isHidden(), timeout=5000)
    assert "disabled" in dialog.message.text()
    wait_for_idle()


def test_first_run_sets_the_admin_password_twice(qtbot, fresh_db):
    assert staff.needs_first_admin_password(fresh_db)
    dialog = make(qtbot, fresh_db, first_run=True)
    assert dialog.username.text() == "admin" and dialog.username.isReadOnly() and dialog.password.hasFocus()
    qtbot.keyClicks(dialog.password, "first-password")
    enter(qtbot, dialog.password)
    assert dialog.repeat.hasFocus()
    qtbot.keyClicks(dialog.repeat, "first-passwort")
    enter(qtbot, dialog.repeat)
    assert "different" in dialog.message.text() and dialog.password.text() == "" and dialog.password.hasFocus()
    qtbot.keyClicks(dialog.password, "short")
    enter(qtbot, dialog.password)
    qtbot.keyClicks(dialog.repeat, "short")
    enter(qtbot, dialog.repeat)
    qtbot.waitUntil(lambda: "at least 8" in dialog.message.text(), timeout=5000)
    wait_for_idle()
    qtbot.keyClicks(dialog.password, "first-password")
    enter(qtbot, dialog.password)
    qtbot.keyClicks(dialog.repeat, "first-password")
    with qtbot.waitSignal(dialog.signed_in, timeout=5000) as signal:
        enter(qtbot, dialog.repeat)
    assert signal.args[0].actor.role is Role.ADMIN
    assert not staff.needs_first_admin_password(fresh_db)
    assert staff.sign_in(fresh_db, username="admin", password="first-password")
    wait_for_idle()


def test_the_styled_dialogs_show_their_texts_whole(qtbot, ready_db, fresh_db, screenshot):
    dialog = styled(make(qtbot, ready_db))
    qtbot.keyClicks(dialog.username, "giulia")
    qtbot.keyClicks(dialog.password, "bad-password")
    enter(qtbot, dialog.password)
    qtbot.waitUntil(lambda: not dialog.message.isHidden() and dialog.submit_button.isEnabled(), timeout=5000)
    dialog.adjustSize()
    screenshot(dialog, "sign_in.png")
    assert "Wrong username or password." in dialog.message.text() and labels_cut_off(dialog) == []
    first = styled(SignInDialog(fresh_db, first_run=True))
    qtbot.addWidget(first)
    first.show()
    first.adjustSize()
    screenshot(first, "sign_in_first_run.png")
    assert labels_cut_off(first) == []
    wait_for_idle()


def test_a_demo_database_says_on_its_sign_in_screen_how_to_sign_in(qtbot, tmp_path):
    path = tmp_path / "demo.sqlite"
    init_desk(path, desk="R1", demo=True)
    db = open_desk(path)
    set_language("en")
    try:
        accounts = staff.create_demo_accounts(db, seed=3)
        shown = staff.demo_sign_in(db)
        assert shown == accounts and set(shown) == {"admin", "reception", "tecnico", "responsabile"}
        dialog = make(qtbot, db, demo_accounts=shown)
        assert dialog.demo_hint.isVisible()
        assert f"admin, password {accounts['admin']}" in dialog.demo_hint.text()
        qtbot.keyClicks(dialog.username, "reception")
        qtbot.keyClicks(dialog.password, accounts["reception"])  # what the screen says works
        with qtbot.waitSignal(dialog.signed_in, timeout=10000):
            qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    finally:
        wait_for_idle()
        db.dispose()


def test_a_real_database_shows_no_demo_accounts(qtbot, ready_db):
    with ready_db.begin() as session:  # even if its settings held some, a real desk shows none
        from frontdesk.services.desk.settings import write_setting

        write_setting(session, staff.DEMO_PASSWORDS_KEY, {"admin": "leaked"})
    assert staff.demo_sign_in(ready_db) == {}
    dialog = make(qtbot, ready_db)
    assert not dialog.demo_hint.isVisible()
