"""The Technician's week screen (issue 15, point 5) in the real main window: a technician sees their
own week, in Italian, with the holiday, the absence and the chamber's loading; whoever plans tests
switches technician; the week moves with the buttons and the keyboard; the week is saved as a PDF
and previewed for printing. And the request's calendar (.ics) saved from a sample's history, or
refused in Italian when nothing is planned."""

from __future__ import annotations

import datetime as dt

import pytest
from icalendar import Calendar
from integration.lab_rows import TENSILE, make_test_type, planned_request, request_with_tests, week_lab
from PySide6.QtCore import Qt

from frontdesk.db.lab_models import TestJob
from frontdesk.domain.clock import ROME, today_in_rome
from frontdesk.domain.roles import GRANTS, Actor, Permission, Role
from frontdesk.i18n import set_language
from frontdesk.services.lab.calendar import add_absence
from frontdesk.services.lab.technician_week import monday_of
from frontdesk.ui.shell.area_view import DeskContext
from frontdesk.ui.shell.main_window import MainWindow
from frontdesk.ui.tasks import wait_for_idle

MONDAY = dt.date(2026, 12, 7)  # Tuesday 8 December: the Immacolata


def at(day: dt.date, hh: int, mm: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hh, mm, tzinfo=ROME)


@pytest.fixture
def lab(db, admin):
    base = week_lab(db, admin)
    tensile, spray, anna, luca, tr, ns = (base[k] for k in ("tensile", "spray", "anna", "luca", "tr", "ns"))

    def plan(type_id, equipment, start, who, **kw):
        return planned_request(db, admin, type_id, equipment, start, who, **kw)

    tests = dict(
        early=plan(tensile, tr, at(MONDAY, 9), anna, company="Acciaierie Bergamasche"),
        late=plan(tensile, tr, at(MONDAY, 14, 30), anna, company="Officine Meccaniche Brembo"),
        spray=plan(spray, ns, at(MONDAY + dt.timedelta(days=2), 9), anna, hours=48,
                   company="Rubinetterie Valseriana"),
        friday=plan(tensile, tr, at(MONDAY + dt.timedelta(days=4), 10), anna, company="Fonderia Orobica"),
        lucas=plan(tensile, tr, at(MONDAY + dt.timedelta(days=2), 11), luca, company="Tessitura Seriana"),
    )
    add_absence(db, staff_id=anna, starts_on=MONDAY + dt.timedelta(days=3), ends_on=MONDAY + dt.timedelta(days=3),
                reason="ferie", actor=admin)
    return dict(anna=anna, luca=luca, **tests)


def make_window(qtbot, db, actor):
    made = MainWindow()
    qtbot.addWidget(made)
    made.resize(1360, 860)
    made.show()
    made.attach(DeskContext(db=db, actor=actor, desk="R1", is_demo=False))
    return made


@pytest.fixture
def italian(qapp):
    from frontdesk.ui.i18n_qt import install_translators

    set_language("it")
    install_translators("it")
    yield
    set_language("en")
    install_translators("en")


def open_week(qtbot, window, monday=MONDAY):
    window.show_area("lab_week")
    view = window.view("lab_week")
    qtbot.waitUntil(lambda: view.week is not None and view.technician.count() > 0, timeout=5000)
    with qtbot.waitSignal(view.week_shown, timeout=5000):
        view.show_week_of(monday)
    return view


def rows(view):
    """(day heading, [(time, activity, sample...)]) as the tree shows them."""
    found = []
    for i in range(view.days.topLevelItemCount()):
        head = view.days.topLevelItem(i)
        found.append((head.text(0), [tuple(head.child(j).text(c) for c in range(9)) for j in range(head.childCount())]))
    return found


def test_the_area_sits_right_after_the_test_queue(qtbot, db, admin):
    window = make_window(qtbot, db, admin)
    keys = window.area_keys()
    assert keys[keys.index("lab_queue") + 1] == "lab_week"
    wait_for_idle(5000)


def test_a_technician_sees_their_own_week_in_italian(qtbot, db, lab, italian, screenshot, monkeypatch):
    monkeypatch.setitem(GRANTS, Role.LAB_TECHNICIAN, GRANTS[Role.LAB_TECHNICIAN] - {Permission.PLAN_TESTS})
    anna = Actor(desk="R1", role=Role.LAB_TECHNICIAN, staff_id=lab["anna"], name="Anna Bonfanti")
    window = make_window(qtbot, db, anna)
    view = open_week(qtbot, window)
    assert [view.technician.itemText(i) for i in range(view.technician.count())] == [
        "La mia settimana (Anna Bonfanti)"]
    assert not view.technician.isEnabled()  # no one else's week to pick
    assert view.span.text() == "Settimana dal 7 al 13 dicembre 2026"
    days = rows(view)
    assert [d[0].split(" · ")[0] for d in days] == ["Lunedì 7 dicembre", "Martedì 8 dicembre", "Mercoledì 9 dicembre",
                                                    "Giovedì 10 dicembre", "Venerdì 11 dicembre", "Sabato 12 dicembre",
                                                    "Domenica 13 dicembre"]
    assert days[0][0] == "Lunedì 7 dicembre · In servizio · Tempo pianificato: 1 h 30 min"
    assert days[1][0] == "Martedì 8 dicembre · Laboratorio chiuso: Immacolata Concezione"
    assert days[3][0] == "Giovedì 10 dicembre · Assente: ferie"
    assert [(r[0], r[1], r[2], r[7], r[8]) for r in days[0][1]] == [
        ("09:00–09:45", "Esecuzione prova", "TR-01", "Acciaierie Bergamasche", "Pianificata"),
        ("14:30–15:15", "Esecuzione prova", "TR-01", "Officine Meccaniche Brembo", "Pianificata")]
    assert [(r[0], r[1], r[5]) for r in days[2][1]] == [("09:00", "Carico in camera", "Nebbia salina neutra, 48 h")]
    assert [r[1] for r in days[4][1]] == ["Scarico dalla camera", "Esecuzione prova"]
    assert days[3][1] == []  # absent, nothing planned: no "nothing planned" line either
    assert view.status.text() == "Tempo pianificato nella settimana: 2 h 15 min"
    view.days.resizeColumnToContents(0)
    screenshot(window, "lab_week_it.png")
    wait_for_idle(5000)


def test_a_planner_switches_technician_and_moves_week(qtbot, db, admin, lab):
    window = make_window(qtbot, db, admin)
    view = open_week(qtbot, window)
    names = [view.technician.itemText(i) for i in range(view.technician.count())]
    assert "Anna Bonfanti" in names and "Luca Pesenti" in names and view.technician.isEnabled()
    with qtbot.waitSignal(view.week_shown, timeout=5000) as shown:
        view.technician.setCurrentIndex(names.index("Luca Pesenti"))
    assert shown.args[0].name == "Luca Pesenti"
    assert [d.day for d in shown.args[0].days if d.items] == [MONDAY + dt.timedelta(days=2)]
    monday, _holiday, wednesday = rows(view)[:3]
    assert monday == ("Monday 7 December · At work", [("Nothing planned.",) + ("",) * 8])
    assert wednesday[0].startswith("Wednesday 9 December") and wednesday[1][0][7] == "Tessitura Seriana"
    with qtbot.waitSignal(view.week_shown, timeout=5000) as shown:
        view.next_button.click()
    assert view.monday == MONDAY + dt.timedelta(days=7) and shown.args[0].first == view.monday
    assert view.span.text() == "Week from 14 to 20 December 2026"
    with qtbot.waitSignal(view.week_shown, timeout=5000):
        qtbot.keyClick(view.days, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(view.week_shown, timeout=5000):
        qtbot.keyClick(view.days, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert view.monday == MONDAY - dt.timedelta(days=7)
    assert view.status.text() == "Nothing planned this week."
    with qtbot.waitSignal(view.week_shown, timeout=5000):
        qtbot.keyClick(view.days, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert view.monday == monday_of(today_in_rome())
    with qtbot.waitSignal(view.week_shown, timeout=5000):
        view.previous_button.click()
    assert view.monday == monday_of(today_in_rome()) - dt.timedelta(days=7)
    wait_for_idle(5000)


def test_the_week_is_saved_as_a_pdf_and_previewed_for_printing(qtbot, db, admin, lab, tmp_path):
    window = make_window(qtbot, db, admin)
    view = open_week(qtbot, window)
    target = tmp_path / "settimana.pdf"
    with qtbot.waitSignal(view.pdf_saved, timeout=10000):
        view.save_pdf_to(target)
    assert target.read_bytes().startswith(b"%PDF") and target.stat().st_size > 5000
    assert str(target) in view.status.text()
    with qtbot.waitSignal(view.preview_opened, timeout=10000) as opened:
        view.print_button.click()
    dialog = opened.args[0]
    assert dialog.isVisible()
    dialog.close()
    wait_for_idle(5000)


def test_a_failed_save_says_so_and_writes_nothing(qtbot, db, admin, lab, tmp_path):
    window = make_window(qtbot, db, admin)
    view = open_week(qtbot, window)
    view.save_pdf_to(tmp_path / "missing-folder" / "w.pdf")
    qtbot.waitUntil(lambda: view.notice.isVisible(), timeout=10000)
    assert "could not be written" in view.notice.message()
    assert not (tmp_path / "missing-folder").exists()
    wait_for_idle(5000)


# --- the request's calendar, from a sample's history ------------------------------------------------

def open_history(qtbot, window, test_id):
    with window.context.db.read() as session:
        sample_id = session.get(TestJob, test_id).sample_id
    window.show_area("samples")
    samples = window.view("samples")
    with qtbot.waitSignal(samples.history.loaded, timeout=5000):
        samples.open_sample(sample_id)
    return samples


def test_the_requests_calendar_is_saved_from_a_samples_history(qtbot, db, admin, lab, tmp_path, italian,
                                                               screenshot):
    window = make_window(qtbot, db, admin)
    samples = open_history(qtbot, window, lab["spray"])
    button = samples.history.calendar_button
    assert button.text() == "Calendario per il cliente (.ics)…"
    assert button.focusPolicy() & Qt.FocusPolicy.TabFocus and button.isEnabled()
    screenshot(window, "lab_sample_calendar_button_it.png")
    target = tmp_path / "richiesta.ics"
    with qtbot.waitSignal(samples.history.calendar_saved, timeout=5000):
        samples.history.save_calendar_to(target)
    [event] = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert str(event["summary"]).startswith("Prova Nebbia salina neutra, 48 h – campione L1-")
    assert samples.banner.isVisible() and "Calendario salvato in" in samples.banner.message()
    wait_for_idle(5000)


def test_a_request_with_nothing_planned_is_refused_on_the_banner_in_italian(qtbot, db, admin, lab, tmp_path,
                                                                            italian):
    tensile = make_test_type(db, **TENSILE)
    [test] = request_with_tests(db, tensile)
    window = make_window(qtbot, db, admin)
    samples = open_history(qtbot, window, test)
    with qtbot.waitSignal(samples.history.calendar_failed, timeout=5000):
        samples.history.save_calendar_to(tmp_path / "vuoto.ics")
    assert samples.banner.message() == "Nessuna prova di questa richiesta è ancora pianificata."
    assert not (tmp_path / "vuoto.ics").exists()
    wait_for_idle(5000)
