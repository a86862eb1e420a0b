"""The changes the hub refused, on screen (issue 12, point 1): each by the name people know (the
company, the visitor, the visit's badge number), its fields and the reason in words; sent again or
dismissed from the keyboard, through the services (logged); for administrators only; reached from
Settings, the File menu and the status bar's sync line. The hub's answers are settled by the real
outbox code (frontdesk.sync.outbox.settle) on the desk's real SQLite file."""

from __future__ import annotations

import json
import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from frontdesk.domain.roles import Actor, Role
from frontdesk.i18n import set_language
from frontdesk.services.desk.settings import update_settings
from frontdesk.services.registry.visitors import VisitorInput, update_visitor
from frontdesk.services.staff.audit import history
from frontdesk.services.sync.nightly import SyncStatus
from frontdesk.services.sync.rejected import list_rejected
from frontdesk.sync import outbox
from frontdesk.ui import tasks
from frontdesk.ui.i18n_qt import install_translators
from frontdesk.ui.shell.area_view import DeskContext
from frontdesk.ui.shell.main_window import MainWindow
from frontdesk.ui.sync.nightly_sync import NightlySync
from frontdesk.ui.sync.rejected_view import RejectedChangesDialog, open_rejected_changes

MADE, REFUSED, RECORD, FIELDS = range(4)  # the table's columns


def refuse(db, reasons: dict[tuple[str, str], str]) -> None:
    """Answer the outbox as a hub would: the first operation on each (table, row id) named is
    rejected with its reason, everything else applied."""
    ops = outbox.pending(db, limit=100_000)
    results, named = [], dict(reasons)
    for op in ops:
        reason = named.pop((op.table, op.row_id), "")
        results.append({"seq": op.seq, "outcome": "rejected" if reason else "applied", "reason": reason})
    assert not named, named
    outbox.settle(db, epoch="R1", ops=ops, results=results)


def _badge_number(desk, visit_id) -> str:
    conn = sqlite3.connect(desk.db.path)
    try:
        return conn.execute("SELECT number FROM badge WHERE subject_id = ?", (visit_id.hex,)).fetchone()[0]
    finally:
        conn.close()


def _visit_of(desk, visitor) -> str:
    conn = sqlite3.connect(desk.db.path)
    try:
        return conn.execute("SELECT id FROM visit WHERE visitor_id = ? ORDER BY checked_in_at LIMIT 1",
                            (visitor.id.hex,)).fetchone()[0]
    finally:
        conn.close()


@pytest.fixture
def refused(desk):
    """Five refused changes at desk R1: a company, a visitor, a visit, a site setting (all made
    there), and a change to another visitor's e-mail and phone."""
    update_settings(desk.db, changes={"point_name": "Point Dalmine"}, actor=desk.actor)
    setting = next(op for op in outbox.pending(desk.db, limit=100_000) if op.table == "site_setting")
    visit = _visit_of(desk, desk.visitors["mario"])
    refuse(desk.db, {("company", desk.companies["acme"].id.hex): "role_not_allowed_here",
                     ("visitor", desk.visitors["mario"].id.hex): "unknown_actor",
                     ("visit", visit): "stamp_in_future",
                     ("site_setting", setting.row_id): "not_a_site_setting"})
    paolo = desk.visitors["paolo"]
    update_visitor(desk.db, visitor_id=paolo.id, data=VisitorInput("Paolo", "Rossetti", desk.companies["acme"].id,
                                                                 email="paolo@acciaierie.example", phone="035 123"),
                   actor=desk.actor)
    refuse(desk.db, {("visitor", paolo.id.hex): "permission_denied"})
    return visit


def open_dialog(qtbot, desk) -> RejectedChangesDialog:
    dialog = RejectedChangesDialog(desk.db, desk.actor)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.reload()
    tasks.wait_for_idle()
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0, timeout=5000)
    return dialog


def _row_of(dialog, text: str) -> int:
    return next(r for r in range(dialog.model.rowCount()) if text in dialog.model.row_texts(r)[RECORD])


def test_each_refused_change_is_named_as_people_know_it_with_its_fields_and_reason(qtbot, desk, refused):
    dialog = open_dialog(qtbot, desk)
    import uuid

    badge = _badge_number(desk, uuid.UUID(refused))
    records = sorted(dialog.model.row_texts(r)[RECORD] for r in range(dialog.model.rowCount()))
    assert records == sorted(["Company: Acciaierie Bergamasche", "Visitor: Mario Rossi", "Visitor: Paolo Rossetti",
                              f"Visit: {badge} · Mario Rossi", "Setting for the whole site: name of the Point"])
    company = dialog.model.row_texts(_row_of(dialog, "Acciaierie"))
    assert company[FIELDS] == "new record (every field)"
    assert company[MADE] != "—" and company[MADE] <= company[REFUSED]  # same day, Rome time, dd/mm/yyyy hh:mm
    assert dialog.model.row_texts(_row_of(dialog, "Paolo"))[FIELDS] == "e-mail, phone"  # what the change set
    dialog.table.selectRow(_row_of(dialog, "Visit:"))
    assert "clock" in dialog.reason_label.text() and dialog.resend_button.isEnabled()
    dialog.table.selectRow(_row_of(dialog, "Setting for"))
    assert "this desk only" in dialog.reason_label.text() and not dialog.resend_button.isEnabled()
    assert dialog.dismiss_button.isEnabled()


def test_from_the_keyboard_a_change_is_sent_again_and_another_dismissed_both_logged(qtbot, desk, refused):
    dialog = open_dialog(qtbot, desk)
    dialog.activateWindow()
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Home)
    target = _row_of(dialog, "Acciaierie")
    while dialog.table.currentIndex().row() != target:
        qtbot.keyClick(dialog.table, Qt.Key.Key_Down)
    assert "allows at this desk" in dialog.reason_label.text()
    waiting = outbox.waiting(desk.db)
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)  # &Send again
    tasks.wait_for_idle()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 4, timeout=5000)
    assert not any("Acciaierie" in dialog.model.row_texts(r)[RECORD] for r in range(4))
    again = [op for op in outbox.pending(desk.db, limit=100_000) if op.table == "company"]
    assert len(again) == 1 and again[0].row_id == desk.companies["acme"].id.hex
    assert again[0].actor == {"staff_id": str(desk.actor.staff_id), "role": "admin"}
    assert again[0].data["name"] == "Acciaierie Bergamasche"
    assert outbox.waiting(desk.db) == waiting + 2  # the change and the activity-log event saying who sent it

    dialog.table.setFocus()
    target = _row_of(dialog, "Setting for")
    while dialog.table.currentIndex().row() != target:
        qtbot.keyClick(dialog.table, Qt.Key.Key_Up if dialog.table.currentIndex().row() > target else Qt.Key.Key_Down)
    assert not dialog.resend_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)  # nothing: it cannot be sent again
    tasks.wait_for_idle()
    assert dialog.model.rowCount() == 4
    qtbot.keyClick(dialog, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)  # &Dismiss
    tasks.wait_for_idle()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 3, timeout=5000)
    assert sorted(c.table for c in list_rejected(desk.db, actor=desk.actor)) == ["visit", "visitor", "visitor"]
    actions = [(e.action, e.record_type) for e in history(desk.db, actor=desk.actor) if e.action.startswith("sync.")]
    assert sorted(actions) == [("sync.dismiss", "site_setting"), ("sync.resend", "company")]
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_with_nothing_refused_the_screen_says_so(qtbot, desk):
    dialog = RejectedChangesDialog(desk.db, desk.actor)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.reload()
    tasks.wait_for_idle()
    qtbot.waitUntil(lambda: dialog.empty_note.isVisible(), timeout=5000)
    assert not dialog.table.isVisible() and not dialog.dismiss_button.isEnabled()


def test_only_an_administrator_sees_them(qtbot, desk, refused):
    clerk = Actor(desk="R1", role=Role.RECEPTION, staff_id=desk.actor.staff_id, name="Giulia")
    assert open_rejected_changes(None, desk.db, clerk) is None
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.attach(DeskContext(db=desk.db, actor=clerk, desk="R1", is_demo=False))
    tasks.wait_for_idle()
    sync = NightlySync(desk.db, "R1", parent=window)
    sync.show_in(window)
    assert not sync.rejected_link.action.isEnabled()
    window.show_area("reception")
    tasks.wait_for_idle()


def test_the_status_bar_line_and_the_file_menu_open_them(qtbot, desk, refused):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.attach(desk.context)
    tasks.wait_for_idle()
    sync = NightlySync(desk.db, "R1", parent=window)
    sync.show_in(window)
    sync.status_changed.emit(SyncStatus(None, 0, 5))
    assert window.sync_label.isVisible() and "refused: 5" in window.sync_label.text()
    assert sync.rejected_link.action.isEnabled() and sync.rejected_link.action.text() == "&Refused changes (5)..."
    qtbot.mouseClick(window.sync_label, Qt.MouseButton.LeftButton)
    tasks.wait_for_idle()
    dialog = sync.rejected_link.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 5, timeout=5000)
    dialog.close()
    sync.rejected_link.action.trigger()
    tasks.wait_for_idle()
    assert sync.rejected_link.dialog is not dialog and sync.rejected_link.dialog.isVisible()
    sync.rejected_link.dialog.close()


def test_settings_opens_them_for_an_administrator(qtbot, desk, refused):
    from frontdesk.ui.desk.settings_view import SettingsView

    view = SettingsView(desk.context)
    qtbot.addWidget(view)
    view.show()
    view.reload()
    tasks.wait_for_idle()
    assert view.rejected_button.isVisible()
    view.rejected_button.setFocus()
    qtbot.keyClick(view.rejected_button, Qt.Key.Key_Space)
    tasks.wait_for_idle()
    qtbot.waitUntil(lambda: view.rejected_dialog.model.rowCount() == 5, timeout=5000)
    view.rejected_dialog.close()


@pytest.fixture
def italian(qapp):
    set_language("it")
    install_translators("it")
    yield
    set_language("en")
    install_translators("en")


def test_the_screen_in_italian(qtbot, desk, refused, italian, screenshot):
    dialog = open_dialog(qtbot, desk)
    dialog.resize(900, 560)
    dialog.table.selectRow(_row_of(dialog, "Acciaierie"))
    QApplication.processEvents()
    assert dialog.windowTitle() == "Modifiche rifiutate dall'hub"
    texts = [dialog.model.row_texts(r) for r in range(dialog.model.rowCount())]
    assert any(t[RECORD] == "Azienda: Acciaierie Bergamasche" and t[FIELDS] == "nuovo record (tutti i campi)"
               for t in texts)
    assert any(t[RECORD] == "Impostazione di tutta la sede: nome del Point" for t in texts)
    assert dialog.reason_label.text().startswith("Il ruolo della persona")
    assert dialog.resend_button.text() == "&Invia di nuovo" and dialog.dismiss_button.text() == "&Archivia"
    path = screenshot(dialog, "rejected-changes-it.png")
    assert path.stat().st_size > 0
    print(json.dumps({"screenshot": str(path)}))
