"""The staff accounts screen: add an account, reset a password (unlocks), disable and enable."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from screen_helpers import labels_cut_off, styled

from frontdesk.domain.errors import PermissionDenied
from frontdesk.domain.roles import Role
from frontdesk.services.staff import accounts as staff
from frontdesk.ui.staff.staff_view import StaffView
from frontdesk.ui.tasks import wait_for_idle


@pytest.fixture
def desk(db, admin_session):
    return db, admin_session.actor


@pytest.fixture
def view(qtbot, desk):
    db, admin = desk
    widget = StaffView(db, admin)
    qtbot.addWidget(widget)
    widget.resize(900, 420)
    widget.show()
    with qtbot.waitSignal(widget.data_loaded, timeout=5000):
        widget.reload()
    yield widget
    wait_for_idle()


def usernames(view) -> list[str]:
    return [m.username for m in view.model.rows()]


def test_add_an_account(qtbot, view, desk):
    db, _admin = desk
    qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)
    dialog = view.dialog
    qtbot.keyClicks(dialog.display_name, "Marco Locatelli")
    qtbot.keyClicks(dialog.username, "marco")
    dialog.role.setCurrentIndex(dialog.role.findData(Role.LAB_TECHNICIAN.value))
    qtbot.keyClicks(dialog.password, "short")
    qtbot.keyClicks(dialog.repeat, "short")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "at least 8" in dialog.errors.message("password"), timeout=5000)
    wait_for_idle()
    dialog.password.setText("technician-pw")
    dialog.repeat.setText("technician-pw")
    with qtbot.waitSignal(view.data_loaded, timeout=5000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "marco" in usernames(view)
    assert staff.sign_in(db, username="marco", password="technician-pw").actor.role is Role.LAB_TECHNICIAN


def test_reset_unlocks_and_disable_enable(qtbot, view, desk):
    db, admin = desk
    staff.create_staff(db, username="giulia", display_name="Giulia", role=Role.RECEPTION, password="reception-pw",
                       actor=admin)
    for _ in range(5):
        with pytest.raises(PermissionDenied):
            staff.sign_in(db, username="giulia", password="bad-password")
    with qtbot.waitSignal(view.data_loaded, timeout=5000):
        view.reload()
    row = usernames(view).index("giulia")
    assert view.model.index(row, 3).data().startswith("Locked until")
    view.table.selectRow(row)
    assert view.reset_button.isEnabled() and view.active_button.text() == "Disable"
    qtbot.mouseClick(view.reset_button, Qt.MouseButton.LeftButton)
    dialog = view.dialog
    dialog.password.setText("fresh-password")
    dialog.repeat.setText("fresh-passwort")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "different" in dialog.errors.message("password")
    dialog.repeat.setText("fresh-password")
    with qtbot.waitSignal(view.data_loaded, timeout=5000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert view.model.index(usernames(view).index("giulia"), 3).data() == "Active"
    assert staff.sign_in(db, username="giulia", password="fresh-password")

    with qtbot.waitSignal(view.data_loaded, timeout=5000):
        qtbot.mouseClick(view.active_button, Qt.MouseButton.LeftButton)
    assert view.model.index(usernames(view).index("giulia"), 3).data() == "Disabled"
    assert view.active_button.text() == "Enable"
    with qtbot.waitSignal(view.data_loaded, timeout=5000):
        qtbot.mouseClick(view.active_button, Qt.MouseButton.LeftButton)
    assert view.model.index(usernames(view).index("giulia"), 3).data() == "Active"


def test_own_account_cannot_be_disabled_from_the_screen(qtbot, view):
    view.table.selectRow(usernames(view).index("admin"))
    assert not view.active_button.isEnabled()


def test_other_roles_see_a_sentence_and_the_service_refuses(qtbot, desk):
    db, admin = desk
    staff.create_staff(db, username="giulia", display_name="Giulia", role=Role.RECEPTION, password="reception-pw",
                       actor=admin)
    giulia = staff.sign_in(db, username="giulia", password="reception-pw").actor
    widget = StaffView(db, giulia)
    qtbot.addWidget(widget)
    assert not widget.allowed and widget.findChild(QLabel, "staffDenied") is not None
    with pytest.raises(PermissionDenied):
        staff.create_staff(db, username="x", display_name="X", role=Role.ADMIN, password="password-x", actor=giulia)


def test_missing_name_shows_beside_its_field(qtbot, view):
    qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)
    dialog = view.dialog
    dialog.username.setText("anna")
    dialog.password.setText("anna-password")
    dialog.repeat.setText("anna-password")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.errors.message("display_name") != "", timeout=5000)
    assert "required" in dialog.errors.message("display_name")
    wait_for_idle()


def test_model_and_screenshot(qtbot, qtmodeltester, view, screenshot):
    qtmodeltester.check(view.model)
    styled(view)
    view.table.selectRow(0)
    qtbot.wait(50)  # let the layout follow the new font
    screenshot(view, "staff_view.png")
    assert labels_cut_off(view) == []
