"""The main window shell: areas by shortcut, status bar, remembered geometry and area, the one
error display, start-up (paint first, then open the desk)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from frontdesk.ui import tasks
from frontdesk.ui.i18n_qt import install_translators
from frontdesk.ui.prefs import ui_settings
from frontdesk.ui.shell.app import DeskStarter, open_desk_context
from frontdesk.ui.shell.area_view import DeskContext
from frontdesk.ui.shell.main_window import AREA_KEY, MainWindow


@pytest.fixture
def context(db, admin):
    return DeskContext(db=db, actor=admin, desk="R1", is_demo=False)


@pytest.fixture
def window(qtbot, context):
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    win.attach(context)
    tasks.wait_for_idle()
    yield win
    tasks.wait_for_idle()


def test_ctrl_number_shortcuts_switch_areas(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # shortcuts fire only in the active window
    for number, key in ((3, "visit_log"), (4, "companies"), (5, "settings"), (1, "reception"), (2, "on_site")):
        qtbot.keyClick(window, getattr(Qt.Key, f"Key_{number}"), Qt.KeyboardModifier.ControlModifier)
        assert window.current_area() == key
        assert window.stack.currentWidget() is window.view(key)
    tasks.wait_for_idle()


def test_areas_are_built_when_first_shown(window):
    assert window.view("settings") is None
    window.show_area("settings")
    assert window.view("settings") is not None
    from frontdesk.ui.reception.reception_view import ReceptionView

    assert isinstance(window.view("reception"), ReceptionView)


def test_status_bar_shows_desk_and_acting_user(window, admin):
    assert window.desk_label.text() == "Desk R1"
    assert admin.name and admin.name in window.user_label.text()
    assert window.demo_badge.isHidden()


def test_demo_badge_shows_for_a_demo_database(qtbot, db, admin):
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    win.attach(DeskContext(db=db, actor=admin, desk="R1", is_demo=True))
    assert win.demo_badge.isVisible() and win.demo_badge.text() == "DEMO"
    tasks.wait_for_idle()


def test_geometry_and_last_area_are_restored(qtbot, context, _frontdesk_home):
    first = MainWindow()
    qtbot.addWidget(first)
    first.show()
    first.attach(context)
    first.resize(900, 707)  # the offscreen screen is 800 px wide: only the height can differ from the default
    first.show_area("settings")
    tasks.wait_for_idle()
    first.close()
    ini = _frontdesk_home / "ui.ini"
    assert ini.exists()
    stored = QSettings(str(ini), QSettings.Format.IniFormat)
    assert stored.value(AREA_KEY) == "settings"

    second = MainWindow()
    qtbot.addWidget(second)
    assert second.height() == 707 != 800
    second.show()
    second.attach(context)
    assert second.current_area() == "settings"
    tasks.wait_for_idle()


def test_unusable_stored_geometry_falls_back_to_a_default_size(qtbot):
    prefs = ui_settings()
    prefs.setValue("main_window/geometry", b"not a geometry")
    prefs.sync()
    win = MainWindow()
    qtbot.addWidget(win)
    assert (win.width(), win.height()) == (1280, 800)


def test_errors_reach_the_banner_without_traceback(window):
    tasks.error_display().show_error(RuntimeError("Traceback: secret internals"))
    text = window.banner.message()
    assert text and "secret" not in text and "Traceback" not in text
    assert window.banner.kind == "error"
    window.banner.dismiss()
    assert window.banner.message() == ""


def test_a_failed_background_task_is_shown_in_the_banner(qtbot, window):
    from frontdesk.domain.errors import ValidationError

    def fail():
        raise ValidationError("The VAT number is not valid.")

    tasks.run_in_background(window, fail)
    tasks.wait_for_idle()
    assert window.banner.message() == "The VAT number is not valid."


def test_view_notices_are_shown_calmly(window):
    window.show_area("companies")
    window.view("companies").notice_shown.emit("Saved: Rossi S.r.l.")
    assert window.banner.kind == "notice" and window.banner.message() == "Saved: Rossi S.r.l."


def test_views_reload_when_the_data_bus_names_their_area(qtbot, window, admin, db):
    from frontdesk.services.registry.companies import CompanyInput, create_company

    window.show_area("companies")
    view = window.view("companies")
    tasks.wait_for_idle()
    assert view.company_model.rowCount() == 0
    tasks.run_in_background(window, lambda: create_company(db, data=CompanyInput(name="Nuova Officina",
                                                                                   kind="foreign"), actor=admin),
                            write=True)  # no `changed=`: the tables it committed are announced
    tasks.wait_for_idle()
    qtbot.waitUntil(lambda: view.company_model.rowCount() == 1, timeout=3000)
    tasks.wait_for_idle()


def test_a_hidden_view_reloads_when_it_is_shown_again(qtbot, window):
    window.show_area("visit_log")
    view = window.view("visit_log")
    tasks.wait_for_idle()
    window.show_area("settings")
    tasks.wait_for_idle()
    with qtbot.assertNotEmitted(view.data_loaded, wait=100):
        tasks.data_bus().data_changed.emit({"visits"})  # hidden: only marked stale
    with qtbot.waitSignal(view.data_loaded, timeout=3000):
        window.show_area("visit_log")
    tasks.wait_for_idle()


def test_start_up_paints_first_then_attaches_the_desk(qtbot, db_path, process_policies):
    win = MainWindow()
    qtbot.addWidget(win)
    starter = DeskStarter(win, db_path, policies=process_policies)
    assert win.context is None and win.message_page.heading.text() == "Opening the database..."
    win.show()
    qtbot.waitUntil(lambda: starter.sign_in_dialog is not None and starter.sign_in_dialog.isVisible(),
                    timeout=10000)
    assert win.context is None  # nothing of the desk is shown before someone signs in
    dialog = starter.sign_in_dialog
    assert dialog.first_run  # a new install: the admin's password is chosen now, there is no default
    dialog.password.setText("first-admin-pw")
    dialog.repeat.setText("first-admin-pw")
    qtbot.waitUntil(dialog.submit_button.isEnabled, timeout=10000)  # once the integrity check passed
    # Start-up's objects are frozen when the first screen shows, not scanned before.
    assert process_policies.garbage.held
    with qtbot.waitSignal(win.first_data_loaded, timeout=10000):
        dialog.submit_button.click()
    assert not process_policies.garbage.held
    assert win.context is not None and win.context.desk == "R1"
    assert win.context.actor.role.value == "admin"
    assert win.desk_label.text() == "Desk R1"
    assert starter.failure is None
    tasks.wait_for_idle()
    process_policies.close_desk(starter.context.db)
    starter.context.db.dispose()


def test_start_up_on_a_file_that_is_not_a_database_says_so(qtbot, tmp_path, process_policies):
    bad = tmp_path / "notes.sqlite"
    bad.write_text("these are not the droids")
    win = MainWindow()
    qtbot.addWidget(win)
    starter = DeskStarter(win, bad, policies=process_policies)
    win.show()
    qtbot.waitUntil(lambda: starter.failure is not None, timeout=10000)
    assert "not a front-desk database" in win.message_page.body.text()
    assert not win.navigation.isEnabled()
    tasks.wait_for_idle()


def test_open_desk_context_reads_desk_actor_and_language(db_path, monkeypatch):
    monkeypatch.delenv("FRONTDESK_LANGUAGE")  # the desk's own setting, Italian by default
    context = open_desk_context(db_path)
    try:
        assert context.desk == "R1" and context.actor.role.value == "admin"
        assert context.language == "it" and context.is_demo is False
    finally:
        context.db.dispose()


def test_translators_for_italian_include_qt_own(qapp):
    loaded = install_translators("it")
    assert any(name.startswith("qtbase_it") for name in loaded)
    assert QApplication.translate("QPlatformTheme", "Cancel") == "Annulla"
    assert install_translators("en") == []
    assert QApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_ctrl_q_quits_and_the_menus_hold_the_usual_entries(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&File", "&Go", "&Help"]
    file_entries = [(a.text(), a.shortcut().toString()) for a in window.file_menu.actions() if not a.isSeparator()]
    assert file_entries == [("&Sync now", ""), ("&Lock the screen", "Ctrl+L"), ("&Quit", "Ctrl+Q")]
    go = [(a.text(), a.shortcut().toString()) for a in window.go_menu.actions() if a.isVisible()]
    assert go[0] == (window.areas[0].title, "Ctrl+1") and len(go) == len(window.area_keys())
    assert "Version" in window.about_text() and "Desk R1" in window.about_text()
    locks = []
    window.lock_requested.connect(lambda: locks.append(True))
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert locks == [True]
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=2000)


def test_the_go_menu_lists_only_the_areas_the_role_may_open(qtbot, db, admin):
    import dataclasses

    from frontdesk.domain.roles import Role

    technician = dataclasses.replace(admin, role=Role.LAB_TECHNICIAN)
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    assert not any(a.isEnabled() for a in win.area_actions.values())  # nothing before the desk opens
    win.attach(DeskContext(db=db, actor=technician, desk="R1", is_demo=False))
    enabled = [k for k, a in win.area_actions.items() if a.isEnabled() and a.isVisible()]
    assert enabled == win.area_keys() and len(enabled) < len(win.areas)  # the staff and audit areas are not theirs
    tasks.wait_for_idle()


def test_window_title_is_not_doubled_and_is_italian(qtbot):
    install_translators("it")
    try:
        win = MainWindow()
        qtbot.addWidget(win)
        win.retranslate()
        assert win.windowTitle() == "Point Dalmine"
        assert QApplication.applicationDisplayName() == "Banco accoglienza"
        assert [a.text() for a in win.menuBar().actions()] == ["&File", "&Vai", "&Aiuto"]
    finally:
        install_translators("en")
