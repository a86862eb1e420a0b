"""The audit viewer and the history of one record, on a real SQLite file."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLabel
from screen_helpers import labels_cut_off, styled

from frontdesk.domain.clock import today_in_rome
from frontdesk.domain.roles import Role
from frontdesk.services.privacy import rights
from frontdesk.services.registry.companies import CompanyInput, create_company, update_company
from frontdesk.services.registry.visitors import VisitorInput, create_visitor, update_visitor
from frontdesk.services.staff import audit
from frontdesk.ui.staff.audit_view import AuditTableModel, AuditView, RecordHistoryDialog, changes_text
from frontdesk.ui.tasks import wait_for_idle
from frontdesk.ui.widgets.table_models import ValueRole


@pytest.fixture
def desk(db, admin_session, add_staff):
    admin = admin_session.actor
    giulia = add_staff("giulia", Role.RECEPTION, display_name="Giulia Bonfanti").actor
    manager = add_staff("elena", Role.LAB_MANAGER, display_name="Elena Pesenti").actor
    company = create_company(db, data=CompanyInput("Fonderia Orobica", kind="foreign"), actor=giulia)
    update_company(db, company_id=company.id, data=CompanyInput("Fonderia Orobica Srl", kind="foreign"),
                   actor=giulia)
    visitor = create_visitor(db, data=VisitorInput("Mario", "Rossi", company_id=company.id), actor=giulia,
                             privacy_notice_version="2026-01")
    update_visitor(db, visitor_id=visitor.id, data=VisitorInput("Mario", "Rossini", company_id=company.id),
                   actor=admin)
    rights.erase_person(db, visitor_id=visitor.id, reason="request 12", actor=admin)
    return db, {"admin": admin, "giulia": giulia, "manager": manager, "company": company, "visitor": visitor}


def show_view(qtbot, db, actor) -> AuditView:
    view = AuditView(db, actor)
    qtbot.addWidget(view)
    view.resize(1200, 600)
    view.show()
    wait_for_idle()
    return view


def load(qtbot, view) -> list:
    with qtbot.waitSignal(view.data_loaded, timeout=5000):
        view.reload()
    return view.model.rows()


def test_model_passes_the_model_tester(qtmodeltester, desk):
    db, people = desk
    model = AuditTableModel()
    model.set_rows(audit.history(db, actor=people["admin"]))
    qtmodeltester.check(model)
    assert model.rowCount() > 5 and model.columnCount() == 7


def test_filters_by_person_record_and_dates(qtbot, desk):
    db, people = desk
    view = show_view(qtbot, db, people["manager"])
    assert view.allowed
    everything = load(qtbot, view)
    assert {e.action for e in everything} >= {"company.create", "visitor.update", "privacy.erase", "staff.sign_in"}

    view.person.setCurrentIndex(view.person.findData(str(people["giulia"].staff_id)))
    by_giulia = load(qtbot, view)
    assert by_giulia and {e.actor_label for e in by_giulia} == {"Giulia Bonfanti"}
    assert {e.action for e in by_giulia} == {"company.create", "company.update", "visitor.create", "staff.sign_in"}

    view.person.setCurrentIndex(0)
    view.record_type.setCurrentIndex(view.record_type.findData("company"))
    companies = load(qtbot, view)
    assert [e.action for e in companies] == ["company.update", "company.create"]  # newest first
    row = view.model.index(0, 6).data()
    assert "name: Fonderia Orobica → Fonderia Orobica Srl" in row

    view.record_type.setCurrentIndex(0)
    view.record_id.setText(str(people["visitor"].id))
    qtbot.keyClick(view.record_id, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: all(e.record_id == str(people["visitor"].id) for e in view.model.rows()), timeout=5000)
    wait_for_idle()
    assert [e.action for e in view.model.rows()] == ["privacy.erase", "visitor.update", "visitor.create"]

    tomorrow = today_in_rome().toordinal() + 1
    view.date_from.setDate(QDate.fromJulianDay(QDate(1, 1, 1).toJulianDay() + tomorrow - 1))
    view.date_to.setDate(view.date_from.date())
    assert load(qtbot, view) == []
    assert view.summary.text() == "0 events"


def test_personal_values_never_show(qtbot, desk):
    db, people = desk
    view = show_view(qtbot, db, people["admin"])
    view.record_id.setText(str(people["visitor"].id))
    load(qtbot, view)
    texts = [view.model.index(r, c).data() for r in range(view.model.rowCount()) for c in range(7)]
    joined = " ".join(texts)
    assert "Rossi" not in joined and "Rossini" not in joined
    assert "surname: changed (value not recorded)" in joined
    assert changes_text({"role": [None, "admin"], "active": [True, False]}) == ("active: yes → no; "
                                                                                "role: — → administrator")


def test_reception_cannot_see_the_audit_trail(qtbot, desk):
    db, people = desk
    view = show_view(qtbot, db, people["giulia"])
    assert not view.allowed and view.findChild(QLabel, "auditDenied") is not None
    view.reload()  # does nothing
    assert view.model.rowCount() == 0
    dialog = RecordHistoryDialog(db, people["giulia"], "company", people["company"].id)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 0


def test_history_of_one_record_from_the_table_and_from_its_screen(qtbot, desk):
    db, people = desk
    view = show_view(qtbot, db, people["manager"])
    view.record_type.setCurrentIndex(view.record_type.findData("company"))
    load(qtbot, view)
    view.table.setCurrentIndex(view.model.index(0, 0))
    view.table.doubleClicked.emit(view.model.index(0, 0))
    dialog = view.opened_history
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2, timeout=5000)
    assert [dialog.model.data(dialog.model.index(r, 0), ValueRole).action for r in range(2)] == \
        ["company.update", "company.create"]
    dialog.close()

    direct = RecordHistoryDialog(db, people["admin"], "staff_member", people["giulia"].staff_id)
    qtbot.addWidget(direct)
    with qtbot.waitSignal(direct.data_loaded, timeout=5000) as loaded:
        direct.show()
    assert loaded.args[0] >= 2  # created, signed in
    wait_for_idle()


def test_styled_trail_and_record_history(qtbot, desk, screenshot):
    db, people = desk
    view = show_view(qtbot, db, people["admin"])
    styled(view)
    assert load(qtbot, view)
    screenshot(view, "audit_view.png")
    assert labels_cut_off(view) == []
    dialog = styled(RecordHistoryDialog(db, people["admin"], "visitor", people["visitor"].id))
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.data_loaded, timeout=5000):
        dialog.show()
    screenshot(dialog, "record_history.png")
    assert dialog.model.rowCount() > 0 and labels_cut_off(dialog) == []
