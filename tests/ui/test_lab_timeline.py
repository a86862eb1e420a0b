"""The Lab timeline screen (issue 15, point 4), driven with qtbot on a real SQLite file: day and week,
a test dragged with the mouse and one moved from the keyboard (both pinned in the database), moves
onto a holiday and over a chamber's capacity refused with the Italian reason shown where they were
attempted and nothing changed, two windows moving the same test (the second is told, the first
move stays), the pin toggled with P, a reload after a change pulled by a sync, and screenshots."""

from __future__ import annotations

import datetime as dt
import sys
import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

sys.path.insert(0, str(Path(__file__).parents[1] / "integration"))
from lab_rows import SALT_SPRAY, TENSILE, machine, make_test_type, request_with_tests, technician
from screen_helpers import labels_cut_off, styled

from frontdesk.db.lab_models import PlanRun, TestJob
from frontdesk.domain.clock import ROME, as_utc
from frontdesk.domain.ids import new_id
from frontdesk.domain.roles import Actor, Role
from frontdesk.i18n import set_language
from frontdesk.services.lab.calendar import add_absence
from frontdesk.services.lab.equipment import put_out_of_service
from frontdesk.services.lab.planning import plan_test
from frontdesk.services.lab.timeline import DAY, WEEK
from frontdesk.ui import tasks
from frontdesk.ui.i18n_qt import install_translators
from frontdesk.ui.lab.timeline_canvas import shifted
from frontdesk.ui.lab.timeline_view import TimelineView
from frontdesk.ui.shell.area_list import AREAS
from frontdesk.ui.shell.area_view import DeskContext

TUESDAY = dt.date(2027, 3, 23)
THURSDAY_BEFORE_SAN_GIUSEPPE = dt.date(2027, 3, 18)


def at(day: dt.date, hh: int, mm: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hh, mm, tzinfo=ROME)


def settle(qtbot, ms: int = 50) -> None:
    tasks.wait_for_idle()
    qtbot.wait(ms)
    tasks.wait_for_idle()


@pytest.fixture
def lab(db, admin):
    tensile = make_test_type(db, **TENSILE)
    spray = make_test_type(db, **SALT_SPRAY)
    anna = technician(db, "Anna Bonfanti", authorised_for=(tensile, spray))
    return dict(tensile=tensile, spray=spray, anna=anna,
                ns=machine(db, admin, code="NS-01", kind="salt_spray_chamber", capacity=2, continuous=True,
                           name="Camera a nebbia salina 1000 L"),
                ns2=machine(db, admin, code="NS-02", kind="salt_spray_chamber", capacity=2, continuous=True,
                            name="Camera a nebbia salina 400 L"),
                tr=machine(db, admin, code="TR-01", kind="tensile_machine", name="Zwick Z250"),
                tr2=machine(db, admin, code="TR-02", kind="tensile_machine", name="MTS Criterion C45"))


def planned(db, admin, lab, machine_key, start, *, kind="tensile", hours=None, **request):
    [test] = request_with_tests(db, lab[kind], hours=hours, **request)
    plan_test(db, test_id=test, equipment_id=lab[machine_key], start=start, technician_id=lab["anna"], actor=admin)
    return test


def slot(db, test_id):
    with db.read() as session:
        t = session.get(TestJob, test_id)
        return t.equipment_id, as_utc(t.planned_start), t.pinned


def open_view(qtbot, db, admin, day, span=DAY):
    view = styled(TimelineView(DeskContext(db=db, actor=admin, desk="R1", is_demo=False)))
    qtbot.addWidget(view)
    view.resize(1280, 760)
    view.show()
    view._day, view._span = day, span
    (view.day_button if span == DAY else view.week_button).setChecked(True)
    view.reload()
    settle(qtbot)
    return view


def centre_of(view, test_id) -> QPoint:
    geo = view.canvas.geometry_()
    return geo.bar_rect(*geo.find(test_id)).center().toPoint()


def drag(canvas, start: QPoint, end: QPoint) -> None:
    QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for fraction in (0.25, 0.5, 0.75, 1.0):
        point = start + (end - start) * fraction
        QTest.mouseMove(canvas, QPoint(int(point.x()), int(point.y())))
    QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)


@pytest.fixture
def italian(qapp):
    set_language("it")
    install_translators("it")
    yield
    set_language("en")
    install_translators("en")


def test_the_area_follows_test_planning_for_who_plans_tests(qapp, italian):
    keys = [a.key for a in AREAS]
    area = AREAS[keys.index("lab_timeline")]
    assert keys.index("lab_timeline") == keys.index("lab_planning") + 1
    assert (area.permission, area.title) == ("plan_tests", "Piano del laboratorio")
    assert area.allowed_for(Actor("R1", Role.LAB_MANAGER, staff_id=uuid.uuid4()))
    assert not area.allowed_for(Actor("R1", Role.RECEPTION, staff_id=uuid.uuid4()))


def test_day_and_week_switch_and_move_through_the_calendar(qtbot, db, admin, lab):
    tuesday = planned(db, admin, lab, "tr", at(TUESDAY, 9))
    wednesday = planned(db, admin, lab, "tr", at(TUESDAY + dt.timedelta(days=1), 9))
    view = open_view(qtbot, db, admin, TUESDAY)
    timeline = view.canvas.timeline()
    assert (timeline.span, timeline.first) == (DAY, TUESDAY)
    assert [lane.code for lane in timeline.lanes] == ["NS-01", "NS-02", "TR-01", "TR-02"]
    assert [b.test_id for b in timeline.lanes[2].bars] == [tuesday]
    assert view.range_label.text() == "Tuesday 23 March 2027"
    view.week_button.click()
    settle(qtbot)
    timeline = view.canvas.timeline()
    assert (timeline.span, timeline.first, timeline.last) == (WEEK, dt.date(2027, 3, 22), dt.date(2027, 3, 28))
    assert [b.test_id for b in timeline.lanes[2].bars] == [tuesday, wednesday]
    assert view.range_label.text() == "22 March to 28 March 2027"
    view.next_button.click()
    settle(qtbot)
    assert view.canvas.timeline().first == dt.date(2027, 3, 29)
    view.day_button.click()  # the day the week was reached from, a week on
    settle(qtbot)
    assert (view.canvas.timeline().span, view.canvas.timeline().first) == (DAY, dt.date(2027, 3, 30))
    view.previous_button.click()
    settle(qtbot)
    assert view.canvas.timeline().first == dt.date(2027, 3, 29)
    assert view.plan_label.text() == "No automatic plan computed yet"


def test_a_test_dragged_to_a_free_slot_is_moved_and_pinned(qtbot, db, admin, lab):
    test = planned(db, admin, lab, "tr", at(TUESDAY, 9))
    view = open_view(qtbot, db, admin, TUESDAY)
    geo = view.canvas.geometry_()
    start = centre_of(view, test)
    shift = geo.x_of(as_utc(at(TUESDAY, 11, 5))) - geo.x_of(as_utc(at(TUESDAY, 9)))  # snaps to 11:00
    target_lane = geo.lane_of(lab["tr2"])
    end = QPoint(int(start.x() + shift), int(target_lane.top + target_lane.height / 2))
    drag(view.canvas, start, end)
    settle(qtbot)
    assert slot(db, test) == (lab["tr2"], as_utc(at(TUESDAY, 11)), True)
    [bar] = view.canvas.geometry_().lane_of(lab["tr2"]).lane.bars  # the timeline reloaded itself
    assert (bar.test_id, bar.start, bar.pinned) == (test, as_utc(at(TUESDAY, 11)), True)
    assert not view.banner.isVisible() and not view.canvas.bubble.isVisible()


def test_a_test_moved_from_the_keyboard_waits_for_enter_and_esc_cancels(qtbot, db, admin, lab):
    test = planned(db, admin, lab, "tr", at(TUESDAY, 9))
    other = planned(db, admin, lab, "tr2", at(TUESDAY, 14))
    view = open_view(qtbot, db, admin, TUESDAY)
    canvas = view.canvas
    canvas.setFocus()
    qtbot.waitUntil(canvas.hasFocus)
    assert canvas.selected_bar().test_id == test  # the first bar, when the focus arrives
    QTest.keyClick(canvas, Qt.Key.Key_Tab)
    assert canvas.selected_bar().test_id == other
    QTest.keyClick(canvas, Qt.Key.Key_Up)  # the nearest bar in the lane above
    assert canvas.selected_bar().test_id == test
    for _ in range(3):
        QTest.keyClick(canvas, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    QTest.keyClick(canvas, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)  # TR-02, the next of its kind
    assert canvas.pending_move() == (lab["tr2"], as_utc(at(TUESDAY, 9, 45)))
    QTest.keyClick(canvas, Qt.Key.Key_Escape)
    assert canvas.pending_move() is None
    settle(qtbot)
    assert slot(db, test) == (lab["tr"], as_utc(at(TUESDAY, 9)), False)  # nothing asked, nothing changed
    for _ in range(4):
        QTest.keyClick(canvas, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    QTest.keyClick(canvas, Qt.Key.Key_Return)
    settle(qtbot)
    assert slot(db, test) == (lab["tr"], as_utc(at(TUESDAY, 10)), True)
    assert canvas.selected_bar().test_id == test and canvas.pending_move() is None


def test_a_move_onto_the_patron_saint_s_day_is_refused_at_the_drop_point_in_italian(qtbot, db, admin, lab, italian):
    test = planned(db, admin, lab, "tr", at(THURSDAY_BEFORE_SAN_GIUSEPPE, 9))
    view = open_view(qtbot, db, admin, THURSDAY_BEFORE_SAN_GIUSEPPE, WEEK)
    geo = view.canvas.geometry_()
    start = centre_of(view, test)
    end = QPoint(int(start.x() + geo.x_of(as_utc(at(THURSDAY_BEFORE_SAN_GIUSEPPE, 9)) + dt.timedelta(days=1))
                     - geo.x_of(as_utc(at(THURSDAY_BEFORE_SAN_GIUSEPPE, 9)))), start.y())
    drag(view.canvas, start, end)
    settle(qtbot)
    bubble = view.canvas.bubble
    assert bubble.isVisible()
    assert bubble.text() == ("Non può iniziare in quel momento: il laboratorio è chiuso venerdì 19 marzo 2027 "
                             "(Festa del patrono di Dalmine).")
    assert bubble.geometry().left() <= end.x() <= bubble.geometry().right()  # over the lane, where it was dropped
    assert 0 < end.y() - bubble.geometry().bottom() < 40
    assert view.banner.message() == bubble.text()
    assert slot(db, test) == (lab["tr"], as_utc(at(THURSDAY_BEFORE_SAN_GIUSEPPE, 9)), False)  # nothing changed
    assert view.canvas.pending_move() is None  # the bar went back
    assert view.canvas.geometry_().find(test)[1].start == as_utc(at(THURSDAY_BEFORE_SAN_GIUSEPPE, 9))


def test_a_move_onto_easter_monday_from_the_keyboard_is_refused(qtbot, db, admin, lab, italian):
    test = planned(db, admin, lab, "tr", at(dt.date(2027, 3, 30), 9))
    view = open_view(qtbot, db, admin, dt.date(2027, 3, 30), WEEK)
    canvas = view.canvas
    canvas.setFocus()
    qtbot.waitUntil(canvas.hasFocus)
    QTest.keyClick(canvas, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)  # a day earlier in a week
    assert canvas.pending_move() == (lab["tr"], as_utc(at(dt.date(2027, 3, 29), 9)))
    point = canvas.target_point()
    QTest.keyClick(canvas, Qt.Key.Key_Enter)
    settle(qtbot)
    assert "Lunedì dell'Angelo" in canvas.bubble.text() and canvas.bubble.isVisible()
    assert canvas.bubble.geometry().left() <= point.x() <= canvas.bubble.geometry().right()
    assert slot(db, test) == (lab["tr"], as_utc(at(dt.date(2027, 3, 30), 9)), False)


def test_a_move_to_a_day_the_technician_is_away_shows_why(qtbot, db, admin, lab):
    test = planned(db, admin, lab, "tr", at(TUESDAY, 9))
    add_absence(db, staff_id=lab["anna"], starts_on=TUESDAY + dt.timedelta(days=1),
                ends_on=TUESDAY + dt.timedelta(days=1), reason="Corso ACCREDIA", actor=admin)
    view = open_view(qtbot, db, admin, TUESDAY, WEEK)
    view.canvas.select(test)
    QTest.keyClick(view.canvas, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    QTest.keyClick(view.canvas, Qt.Key.Key_Return)
    settle(qtbot)
    assert view.canvas.bubble.text() == ("Anna Bonfanti is not at work on Wednesday 24 March 2027: "
                                         "they are absent (Corso ACCREDIA).")
    assert slot(db, test) == (lab["tr"], as_utc(at(TUESDAY, 9)), False)


def test_a_day_step_keeps_the_wall_clock_across_the_change_to_summer_time():
    friday = as_utc(at(dt.date(2027, 3, 26), 9))  # the clocks go forward on Sunday 28 March
    assert shifted(friday, dt.timedelta(days=4)) == as_utc(at(dt.date(2027, 3, 30), 9))
    assert shifted(friday, dt.timedelta(minutes=-15)) == as_utc(at(dt.date(2027, 3, 26), 8, 45))


def test_a_keyboard_move_stops_at_the_edge_of_what_is_shown(qtbot, db, admin, lab):
    test = planned(db, admin, lab, "tr", at(dt.date(2027, 3, 26), 9))
    view = open_view(qtbot, db, admin, dt.date(2027, 3, 26), WEEK)
    view.canvas.select(test)
    for _ in range(3):  # Saturday, Sunday, then not past the week's end
        QTest.keyClick(view.canvas, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert view.canvas.pending_move() == (lab["tr"], as_utc(at(dt.date(2027, 3, 28), 9)))


def test_a_lab_without_machines_says_where_to_add_them(qtbot, db, admin):
    view = open_view(qtbot, db, admin, TUESDAY)
    assert view.empty.isVisible() and view.canvas.timeline().lanes == ()


def test_a_move_over_a_chamber_s_capacity_is_refused_and_nothing_changes(qtbot, db, admin, lab, italian):
    for _ in range(2):
        planned(db, admin, lab, "ns", at(TUESDAY, 9), kind="spray", hours=48)
    third = planned(db, admin, lab, "ns2", at(TUESDAY, 9), kind="spray", hours=48)
    view = open_view(qtbot, db, admin, TUESDAY)
    canvas = view.canvas
    canvas.setFocus()
    canvas.select(third)
    QTest.keyClick(canvas, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert canvas.pending_move() == (lab["ns"], as_utc(at(TUESDAY, 9)))
    QTest.keyClick(canvas, Qt.Key.Key_Return)
    settle(qtbot)
    assert canvas.bubble.text() == ("NS-01 Camera a nebbia salina 1000 L non ha posti liberi in quel periodo: contiene "
                                    "2 prove alla volta e 2 sono già prenotate in quell'intervallo.")
    assert view.banner.message() == canvas.bubble.text()
    assert slot(db, third) == (lab["ns2"], as_utc(at(TUESDAY, 9)), False)
    assert canvas.geometry_().lane_of(lab["ns"]).lane.peak_load == 2


def test_two_windows_moving_the_same_test_the_second_is_told_and_the_first_move_stays(qtbot, db, admin, lab,
                                                                                       italian):
    test = planned(db, admin, lab, "tr", at(TUESDAY, 9))
    first, second = open_view(qtbot, db, admin, TUESDAY), open_view(qtbot, db, admin, TUESDAY)
    for view, steps in ((first, 4), (second, 8)):  # both still show it at 09:00
        view.canvas.select(test)
        for _ in range(steps):
            QTest.keyClick(view.canvas, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    QTest.keyClick(first.canvas, Qt.Key.Key_Return)
    QTest.keyClick(second.canvas, Qt.Key.Key_Return)  # saved after the first, in order
    settle(qtbot)
    assert second.canvas.bubble.text().startswith("Qualcun altro ha appena pianificato o spostato questa prova")
    assert second.banner.message() == second.canvas.bubble.text()
    assert not first.canvas.bubble.isVisible()
    assert slot(db, test) == (lab["tr"], as_utc(at(TUESDAY, 10)), True)
    assert second.canvas.geometry_().find(test)[1].start == as_utc(at(TUESDAY, 10))  # reloaded: the new slot


def test_p_pins_and_unpins_the_selected_test(qtbot, db, admin, lab):
    test = planned(db, admin, lab, "tr", at(TUESDAY, 9))
    running = planned(db, admin, lab, "tr", at(TUESDAY, 13))
    with db.begin() as session:
        session.get(TestJob, running).status = "in_progress"
    view = open_view(qtbot, db, admin, TUESDAY)
    view.canvas.select(test)
    QTest.keyClick(view.canvas, Qt.Key.Key_P)
    settle(qtbot)
    assert slot(db, test)[2] is True and view.canvas.selected_bar().pinned
    QTest.keyClick(view.canvas, Qt.Key.Key_P)
    settle(qtbot)
    assert slot(db, test)[2] is False and not view.canvas.selected_bar().pinned
    view.canvas.select(running)
    QTest.keyClick(view.canvas, Qt.Key.Key_P)
    settle(qtbot)
    assert view.banner.message() == "Only a planned test that has not started can be pinned."
    QTest.keyClick(view.canvas, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert view.canvas.pending_move() is None  # a test under way does not move


def test_a_test_under_way_cannot_be_dragged(qtbot, db, admin, lab):
    running = planned(db, admin, lab, "tr", at(TUESDAY, 9))
    with db.begin() as session:
        session.get(TestJob, running).status = "in_progress"
    view = open_view(qtbot, db, admin, TUESDAY)
    start = centre_of(view, running)
    drag(view.canvas, start, start + QPoint(200, 0))
    settle(qtbot)
    assert slot(db, running)[1] == as_utc(at(TUESDAY, 9)) and not view.canvas.bubble.isVisible()


def test_the_timeline_reloads_when_a_sync_pull_changes_lab_tests(qtbot, db, admin, lab):
    view = open_view(qtbot, db, admin, TUESDAY)
    assert all(not lane.bars for lane in view.canvas.timeline().lanes)
    test = planned(db, admin, lab, "tr", at(TUESDAY, 9))  # written elsewhere: no task of this window
    tasks.data_bus().data_changed.emit({"lab_test"})  # as the sync announces what it pulled
    settle(qtbot)
    assert view.canvas.geometry_().find(test) is not None


def test_the_timeline_reloads_when_shown_again(qtbot, db, admin, lab):
    view = open_view(qtbot, db, admin, TUESDAY)
    view.hide()
    test = planned(db, admin, lab, "tr", at(TUESDAY, 9))
    view.show()
    settle(qtbot)
    assert view.canvas.geometry_().find(test) is not None


def test_the_tooltip_of_a_late_flagged_test_says_why(qtbot, db, admin, lab):
    test = planned(db, admin, lab, "tr", at(TUESDAY, 9), company="Fonderia Orobica", priority="urgent",
                   due_on=dt.date(2027, 3, 22))
    with db.begin() as session:
        row = session.get(TestJob, test)
        row.plan_flag, row.plan_flag_reason = "moved", "Cella di carico guasta"
    view = open_view(qtbot, db, admin, TUESDAY)
    text = view.canvas.tooltip_at(centre_of(view, test))
    assert "Fonderia Orobica" in text and "Technician: Anna Bonfanti" in text
    assert "Needed by: Mon 22 Mar 2027" in text and "Late by 9 h 45 min" in text
    assert "Moved by the plan: Cella di carico guasta" in text and "Urgent" in text


def test_screenshots_in_italian(qtbot, db, admin, lab, italian, screenshots_folder):
    wednesday = TUESDAY + dt.timedelta(days=1)
    companies = ("Acciaierie Bergamasche", "Fonderia Orobica", "Tubi Dalmine Service", "Meccanica Brembana")
    for i, hour in enumerate((8, 9, 11, 14)):
        planned(db, admin, lab, "tr", at(TUESDAY, hour), company=companies[i], due_on=dt.date(2027, 3, 26))
    late = planned(db, admin, lab, "tr2", at(TUESDAY, 10), company="Fonderia Orobica", priority="urgent",
                   due_on=dt.date(2027, 3, 22))
    flagged = planned(db, admin, lab, "tr2", at(TUESDAY, 13, 30), company="Meccanica Brembana")
    with db.begin() as session:
        session.get(TestJob, flagged).plan_flag = "moved"
        session.get(TestJob, flagged).plan_flag_reason = "TR-01 fuori servizio"
        session.get(TestJob, late).status = "in_progress"
        session.add(PlanRun(id=new_id(), made_at=as_utc(at(TUESDAY, 7, 10)), cause="night", late=1, unplaced=2,
                            tests=12))
    pinned = planned(db, admin, lab, "tr", at(wednesday, 10), company="Tubi Dalmine Service")
    plan_test(db, test_id=pinned, equipment_id=lab["tr"], start=at(wednesday, 10), technician_id=lab["anna"],
              actor=admin, pin=True)
    for day, hour, hours in ((dt.date(2027, 3, 22), 9, 72), (TUESDAY, 9, 48), (dt.date(2027, 3, 25), 10, 24)):
        planned(db, admin, lab, "ns", at(day, hour), kind="spray", hours=hours, company="Zincatura Seriana")
    machine(db, admin, code="HD-01", kind="hardness_tester", name="Durometro universale",
            calibrated_until=dt.date(2027, 3, 25))
    put_out_of_service(db, equipment_id=lab["ns2"], starts_at=at(TUESDAY, 12), ends_at=at(dt.date(2027, 3, 25), 17),
                       reason="Ugello nebulizzatore intasato", actor=admin)
    view = open_view(qtbot, db, admin, TUESDAY)
    view.canvas.select(pinned)
    assert labels_cut_off(view) == []
    view.grab().save(str(screenshots_folder / "lab_timeline_day.png"))
    view.week_button.click()
    settle(qtbot)
    view.canvas.select(late)
    view.grab().save(str(screenshots_folder / "lab_timeline_week.png"))
    view.canvas.select(pinned)
    for _ in range(4):  # to Easter Sunday
        QTest.keyClick(view.canvas, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    QTest.keyClick(view.canvas, Qt.Key.Key_Return)
    settle(qtbot)
    assert "Pasqua" in view.canvas.bubble.text()
    view.grab().save(str(screenshots_folder / "lab_timeline_refused.png"))
    assert view.plan_label.text() == "Piano calcolato il 23 marzo alle 07:10 (primo calcolo del giorno)"
    assert view.counts_label.text() == "In ritardo: 1 · Non collocate: 2"
    print("screenshots in", screenshots_folder)
