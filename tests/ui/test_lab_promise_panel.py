"""The intake screen's expected report date on a real desk with a lab and a stored plan: each test line
and the whole request get their date, which follows the tests and the priority as they change, turns
red with the days it misses past the date needed, and is stored with the request when accepted; a
desk with no lab says there is no plan."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
from reception_helpers import show_view

sys.path.insert(0, str(Path(__file__).parents[1] / "integration"))
from lab_rows import SALT_SPRAY, TENSILE, machine, make_test_type, request_with_tests, technician

from frontdesk.db.lab_models import TestJob
from frontdesk.domain.clock import ROME, today_in_rome
from frontdesk.domain.lab.calendar import LabCalendar
from frontdesk.i18n import format_date
from frontdesk.services.registry.companies import get_company
from frontdesk.ui.lab import intake_view
from frontdesk.ui.lab.intake_view import IntakeView
from frontdesk.ui.lab.promise_panel import LINE_DATE
from frontdesk.ui.style import ERROR
from frontdesk.ui.tasks import wait_for_idle

BUSY_DAYS = 12


def fill_tensile_days(db, type_id, machine_id, technician_id) -> None:
    """The tensile machine planned full (08:00-17:00) on BUSY_DAYS working days from today, with normal tests."""
    calendar, day = LabCalendar(), today_in_rome() - dt.timedelta(days=1)
    tests = request_with_tests(db, type_id, count=BUSY_DAYS)
    with db.begin() as session:
        for test_id in tests:
            day = calendar.next_working_day(day)
            job = session.get(TestJob, test_id)
            job.status, job.equipment_id, job.technician_id = "scheduled", machine_id, technician_id
            job.planned_start = dt.datetime.combine(day, dt.time(8), tzinfo=ROME).astimezone(dt.UTC)
            job.planned_end = dt.datetime.combine(day, dt.time(17), tzinfo=ROME).astimezone(dt.UTC)


@pytest.fixture
def lab_desk(desk):
    db, actor = desk.db, desk.actor
    tensile = make_test_type(db, **TENSILE)
    spray = make_test_type(db, **SALT_SPRAY)
    anna = technician(db, "Anna Bonfanti", authorised_for=(tensile, spray))
    tr = machine(db, actor, code="TR-01", kind="tensile_machine")
    machine(db, actor, code="NS-01", kind="salt_spray_chamber", capacity=3, continuous=True)
    fill_tensile_days(db, tensile, tr, anna)
    return desk


def _view(qtbot, desk) -> IntakeView:
    view = show_view(qtbot, IntakeView(desk.context), size=(1280, 900))
    wait_for_idle()
    return view


def _choose(editor, row: int, code: str, hours: int | None = None) -> None:
    combo = editor.tests.cellWidget(row, 0)
    combo.setCurrentIndex(combo.findData(code))
    if hours is not None:
        editor.tests.cellWidget(row, 1).setValue(hours)


def _shown(qtbot, view, count: int):
    """The promise once the panel shows `count` lines (after its debounce)."""
    panel = view.promise
    qtbot.waitUntil(lambda: not panel._timer.isActive() and panel._promise is not None
                    and len(panel._promise.lines) == count, timeout=5000)
    return panel._promise


def _column(view, column: int) -> list[str]:
    """The texts of the panel's test lines: their names (0) or dates (1)."""
    grid, texts = view.promise._lines, []
    while grid.itemAtPosition(len(texts), column) is not None:
        texts.append(grid.itemAtPosition(len(texts), column).widget().text())
    return texts


def test_the_panel_shows_each_line_and_the_request_and_follows_the_edits(qtbot, lab_desk):
    view = _view(qtbot, lab_desk)
    panel = view.promise
    qtbot.waitUntil(lambda: panel._state == panel.READY, timeout=10000)
    assert panel.status_label.text() == "Choose the tests to see when the report can be issued."
    first = view.samples.editors()[0]
    _choose(first, 0, "TENSILE")
    normal = _shown(qtbot, view, 1)
    busy_until = today_in_rome() - dt.timedelta(days=1)
    for _day in range(BUSY_DAYS):
        busy_until = LabCalendar().next_working_day(busy_until)
    assert normal.lines[0].end.date() > busy_until  # behind every planned test: the machine is full till then
    assert _column(view, 1) == [format_date(normal.lines[0].report_on, LINE_DATE)]
    assert panel.request_label.text() == "Whole request: " + format_date(normal.report_on, "full")
    assert _column(view, 0) == ["Sample 1 · Tensile test"]

    view.priority.setCurrentIndex(view.priority.findData("urgent"))  # passes the normal tests after two days
    urgent = _shown(qtbot, view, 1)
    qtbot.waitUntil(lambda: panel._promise.report_on < normal.report_on, timeout=5000)
    assert panel.request_label.text() == "Whole request: " + format_date(panel._promise.report_on, "full")
    assert urgent.report_on is not None

    second = view.samples.add_sample()
    _choose(second, 0, "NSS", 240)
    both = _shown(qtbot, view, 2)
    assert both.report_on == max(line.report_on for line in both.lines)
    assert _column(view, 0) == ["Sample 1 · Tensile test", "Sample 2 · Neutral salt spray, 240 h"]
    assert _column(view, 1) == [format_date(line.report_on, LINE_DATE) for line in both.lines]
    assert not panel.late_label.isVisible() and ERROR not in panel.request_label.styleSheet()

    view.due_check.setChecked(True)
    view.due_date.setDate(view.due_date.minimumDate().currentDate())  # today: the report comes later
    qtbot.waitUntil(lambda: panel.late_label.isVisible(), timeout=5000)
    days = (panel._promise.report_on - today_in_rome()).days
    assert panel.late_label.text() == f"Past the date needed by {days} days"
    assert ERROR in panel.request_label.styleSheet()

    # Accepted: the request keeps the date shown.
    view.due_check.setChecked(False)
    shown = _shown(qtbot, view, 2).report_on
    view.company.set_company(get_company(lab_desk.db, company_id=lab_desk.companies["acme"].id))
    view.contact.setEditText("Mario Rossi")
    first.fields["material"].setText("Acciaio S355JR")
    second.fields["material"].setText("Acciaio zincato")
    view.agreed.setChecked(True)
    view.agreed_by.setText("Mario Rossi")
    with qtbot.waitSignal(view.intake_taken, timeout=10000):
        view.accept_button.click()
    conn = lab_desk.db.raw()
    try:
        stored = conn.execute("SELECT promised_on FROM lab_request WHERE number LIKE 'R1-0%'").fetchone()[0]
    finally:
        conn.close()
    assert stored == shown.isoformat()
    wait_for_idle()


def test_a_desk_without_machines_says_no_plan_is_available(qtbot, desk):
    view = _view(qtbot, desk)
    panel = view.promise
    qtbot.waitUntil(lambda: panel._state == panel.UNAVAILABLE, timeout=10000)
    assert panel.status_label.text() == "No lab plan available" and panel.status_label.isVisible()
    assert view.intake_value().promised_on is None


def test_a_board_older_than_ten_minutes_is_read_again_at_the_next_edit(qtbot, lab_desk, monkeypatch):
    view = _view(qtbot, lab_desk)
    panel = view.promise
    qtbot.waitUntil(lambda: panel._state == panel.READY, timeout=10000)
    first = panel._board
    later = first.made_at + dt.timedelta(minutes=11)
    monkeypatch.setattr(intake_view, "utcnow", lambda: later)
    _choose(view.samples.editors()[0], 0, "TENSILE")
    qtbot.waitUntil(lambda: panel._board is not first and panel._promise is not None, timeout=10000)
    wait_for_idle()


def test_a_board_that_fails_to_load_leaves_no_plan_shown(qtbot, lab_desk, monkeypatch, shown_errors):
    def broken(_db):
        raise RuntimeError("disk gone")

    monkeypatch.setattr(intake_view, "_promise_board", broken)
    view = _view(qtbot, lab_desk)
    panel = view.promise
    qtbot.waitUntil(lambda: panel._state == panel.UNAVAILABLE, timeout=10000)
    assert panel.status_label.text() == "No lab plan available"
    assert len(shown_errors) == 1 and "disk gone" not in shown_errors[0]  # a bug: logged, a generic message shown
