"""The one Settings screen: every setting shown, saved through the service (audited), bad values
shown beside their field, read-only for roles that may not change settings."""

from __future__ import annotations

import dataclasses
import uuid

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QGroupBox

from frontdesk.domain.roles import Actor, Role
from frontdesk.domain.settings import Settings
from frontdesk.services.desk.settings import get_settings
from frontdesk.services.staff.audit import history
from frontdesk.ui import printing, tasks
from frontdesk.ui.desk.settings_view import FIELDS, SettingsView
from frontdesk.ui.prefs import cached_language
from frontdesk.ui.shell.area_view import DeskContext


def make_view(qtbot, db, actor) -> SettingsView:
    view = SettingsView(DeskContext(db=db, actor=actor, desk="R1", is_demo=False))
    qtbot.addWidget(view)
    view.resize(1000, 800)
    view.show()
    view.reload()
    tasks.wait_for_idle()
    return view


@pytest.fixture
def view(qtbot, db, admin):
    widget = make_view(qtbot, db, admin)
    yield widget
    tasks.wait_for_idle()


def field(name: str):
    return next(f for f in FIELDS if f.name == name)


def test_every_setting_has_a_row():
    covered = {f.name.split(".")[0] for f in FIELDS}
    assert covered == {f.name for f in dataclasses.fields(Settings)}


def test_current_values_are_shown(view):
    assert view.editors["desk_code"].text() == "R1"
    assert view.editor_value(field("language")) == "it"
    assert view.editors["point_name"].text() == Settings().point_name
    assert view.editor_value(field("checkout_hour")) == "20:00"
    assert view.editor_value(field("printers.badge")) == ""
    assert not view.save_button.isEnabled()


def test_every_printer_field_offers_the_printers_the_system_knows(qtbot, db, admin, monkeypatch):
    class SystemPrinters:  # stands in for QPrinterInfo: this machine has no printer
        @staticmethod
        def availablePrinterNames():
            return ["Zebra ZD421", "Epson-Cassa"]

    monkeypatch.setattr(printing, "QPrinterInfo", SystemPrinters)
    view = make_view(qtbot, db, admin)
    for printer_field in (f for f in FIELDS if f.kind == "printer"):
        combo = view.editors[printer_field.name]
        assert [combo.itemText(i) for i in range(combo.count())][-2:] == ["Zebra ZD421", "Epson-Cassa"]
        assert view.editor_value(printer_field) == ""  # offered, not chosen
    assert not view.save_button.isEnabled()


def test_changes_are_saved_through_the_service_and_audited(qtbot, view, db, admin):
    view.editors["point_name"].setText("Point Dalmine")
    view.editors["checkout_hour"].setTime(QTime(19, 30))
    view.editors["idle_lock_minutes"].setValue(15)
    view.editors["printers.badge"].setEditText("Zebra ZD421")
    view.editors["badge_size"].setCurrentIndex(view.editors["badge_size"].findData("label62"))
    assert view.save_button.isEnabled()
    with qtbot.waitSignal(tasks.data_bus().data_changed, timeout=5000) as changed:
        qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    tasks.wait_for_idle()
    assert "settings" in changed.args[0]
    stored = get_settings(db)
    assert stored.point_name == "Point Dalmine" and stored.checkout_hour == "19:30"
    assert stored.idle_lock_minutes == 15 and stored.badge_size == "label62"
    assert stored.printers == {"badge": "Zebra ZD421"}
    events = history(db, actor=admin, record_type="setting")
    assert events and {e.action for e in events} == {"settings.update"}
    site = [e for e in events if e.record_id == "site"]  # the site's settings, with their values
    assert site[0].changes["checkout_hour"] == ["20:00", "19:30"]
    desk = [e for e in events if e.record_id == "R1"]  # this desk's: which changed, not their values
    assert desk[0].changes["printers"] == "changed"
    assert not view.save_button.isEnabled()


def test_a_too_long_value_is_shown_beside_its_field_and_nothing_is_saved(qtbot, view, db):
    view.editors["point_address"].setText("Via " + "lunghissima " * 40)
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    tasks.wait_for_idle()
    assert "too long" in view.errors.message("point_address")
    assert get_settings(db).point_address == Settings().point_address


def test_undo_changes_restores_the_stored_values(qtbot, view):
    view.editors["smtp_host"].setText("mail.example.it")
    assert view.revert_button.isEnabled()
    qtbot.mouseClick(view.revert_button, Qt.MouseButton.LeftButton)
    assert view.editors["smtp_host"].text() == ""
    assert not view.save_button.isEnabled()


def test_changing_the_language_is_remembered_for_the_next_start(qtbot, view, db):
    view.editors["language"].setCurrentIndex(view.editors["language"].findData("en"))
    with qtbot.waitSignal(view.notice_shown, timeout=5000) as notice:
        qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    tasks.wait_for_idle()
    assert get_settings(db).language == "en"
    assert cached_language() == "en"
    assert "next start" in notice.args[0]


def test_reception_staff_see_the_settings_but_cannot_change_them(qtbot, db):
    clerk = Actor(desk="R1", role=Role.RECEPTION, staff_id=uuid.uuid4(), name="Laura")
    view = make_view(qtbot, db, clerk)
    assert not view.read_only_note.isHidden()
    assert view.save_button.isHidden()
    assert not view.editors["point_name"].isEnabled()
    assert view.editors["point_name"].text() == Settings().point_name
    tasks.wait_for_idle()


def test_the_settings_screen_reloads_when_settings_change_elsewhere(qtbot, view, db, admin):
    from frontdesk.services.desk.settings import update_settings

    tasks.run_in_background(view, lambda: update_settings(db, changes={"hub_url": "https://hub.local"},
                                                          actor=admin), write=True)
    tasks.wait_for_idle()
    qtbot.waitUntil(lambda: view.editors["hub_url"].text() == "https://hub.local", timeout=3000)
    tasks.wait_for_idle()


def test_the_sync_section_holds_the_hub_token_and_ca_files_and_the_nightly_hour(qtbot, view, db, tmp_path,
                                                                                 screenshots_folder):
    box = view.findChild(QGroupBox, "section_sync")
    assert box is not None and box.title() == "Sync"
    assert [f.name for f in FIELDS if f.section == "sync"] == ["hub_url", "hub_token_file", "hub_ca_file",
                                                               "sync_hour"]
    assert view.editor_value(field("sync_hour")) == "02:00"
    view.editors["hub_url"].setText("hub.point.local")  # no scheme: refused beside the field
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    tasks.wait_for_idle()
    assert "https://" in view.errors.message("hub_url")
    assert get_settings(db).hub_url == ""

    view.editors["hub_url"].setText("https://hub.point.local:8470")
    view.editors["hub_token_file"].setText(str(tmp_path / "R1.token"))
    view.editors["hub_ca_file"].setText(str(tmp_path / "site-ca.pem"))
    view.editors["sync_hour"].setTime(QTime(3, 30))
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    tasks.wait_for_idle()
    stored = get_settings(db)
    assert (stored.hub_url, stored.hub_token_file, stored.hub_ca_file, stored.sync_hour) == (
        "https://hub.point.local:8470", str(tmp_path / "R1.token"), str(tmp_path / "site-ca.pem"), "03:30")
    assert box.grab().save(str(screenshots_folder / "settings-sync.png"))
