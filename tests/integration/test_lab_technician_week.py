"""The technician's week (issue 15, point 5): each day's state (at work, absent and why, the lab
closed for a holiday or a closure, not a working day) and items in time order, a chamber's loading
and unloading as moments, the planned hours; who may see whose week; the PDF read back (pdftotext)
in Italian, an absent week and an empty one included, and its first page rendered to look at."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest
from lab_rows import TENSILE, make_test_type, planned_request, request_with_tests, week_lab

from frontdesk.domain.clock import ROME
from frontdesk.domain.errors import NotFound, PermissionDenied
from frontdesk.domain.roles import GRANTS, Actor, Permission, Role
from frontdesk.i18n import set_language
from frontdesk.services.lab.calendar import add_absence, add_closure
from frontdesk.services.lab.technician_week import technician_week, technician_week_pdf, technician_week_print_job

MONDAY = dt.date(2026, 12, 7)  # Tuesday 8 December is the Immacolata, a national holiday
WEDNESDAY, THURSDAY, FRIDAY = (MONDAY + dt.timedelta(days=n) for n in (2, 3, 4))


def at(day: dt.date, hh: int, mm: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hh, mm, tzinfo=ROME)


@pytest.fixture
def lab(db, admin):
    base = week_lab(db, admin)
    tensile, spray, anna, luca, tr, ns = (base[k] for k in ("tensile", "spray", "anna", "luca", "tr", "ns"))

    def plan(type_id, equipment, start, who, **kw):
        return planned_request(db, admin, type_id, equipment, start, who, **kw)

    tests = dict(
        late=plan(tensile, tr, at(MONDAY, 11), anna, company="Officine Meccaniche Brembo"),
        early=plan(tensile, tr, at(MONDAY, 9), anna, company="Acciaierie Bergamasche"),
        before=plan(spray, ns, at(dt.date(2026, 12, 3), 9), anna, hours=96),  # unloaded Monday 9:00
        spray=plan(spray, ns, at(WEDNESDAY, 9), anna, hours=48),  # loaded Wednesday, unloaded Friday
        after=plan(spray, ns, at(FRIDAY, 10), anna, hours=480),  # loaded Friday, unloaded weeks later
        lucas=plan(tensile, tr, at(WEDNESDAY, 14), luca),
        thursday=plan(tensile, tr, at(THURSDAY, 10), anna),  # planned before her leave was entered
    )
    add_absence(db, staff_id=anna, starts_on=THURSDAY, ends_on=THURSDAY, reason="ferie", actor=admin)
    anna_actor = Actor(desk="L1", role=Role.LAB_TECHNICIAN, staff_id=anna, name="Anna Bonfanti")
    return dict(anna=anna, luca=luca, tr=tr, ns=ns, anna_actor=anna_actor, **tests)


def kinds(day):
    return [(i.kind, i.start.astimezone(ROME).strftime("%H:%M"), i.sample_lab_id) for i in day.items]


def test_the_week_has_each_days_state_and_items_in_time_order(db, lab):
    week = technician_week(db, staff_id=lab["anna"], week_start=WEDNESDAY, actor=lab["anna_actor"])
    assert week.name == "Anna Bonfanti"
    assert [d.day for d in week.days] == [MONDAY + dt.timedelta(days=n) for n in range(7)]  # any day: its Monday
    assert [(d.state, d.reason) for d in week.days] == [
        ("working", ""), ("closed", "Immaculate Conception"), ("working", ""), ("absent", "ferie"),
        ("working", ""), ("off", ""), ("off", "")]
    monday, _tue, wednesday, thursday, friday, _sat, _sun = week.days
    # the chamber unloaded first (9:00), then the two tensile runs by start, whatever order they were planned in
    assert [(i.kind, i.start.astimezone(ROME).strftime("%H:%M")) for i in monday.items] == [
        ("unload", "09:00"), ("run", "09:00"), ("run", "11:00")]
    assert [i.company for i in monday.items[1:]] == ["Acciaierie Bergamasche", "Officine Meccaniche Brembo"]
    run = monday.items[1]
    assert (run.machine_code, run.machine_name, run.test_name, run.status, run.end - run.start) == (
        "TR-01", "Zwick Z250", "Tensile test", "scheduled", dt.timedelta(minutes=45))
    assert run.request_number.startswith("R1-LAB-") and run.sample_lab_id.startswith("L1-")
    assert monday.planned_minutes == 90  # two runs of 45 minutes; unloading counts none
    assert [(i.kind, i.hours, i.end) for i in wednesday.items] == [("load", 48, None)]  # Luca's run is not hers
    assert wednesday.planned_minutes == 0
    assert [i.kind for i in thursday.items] == ["run"]  # planned before the leave: still shown on the absent day
    assert [(i.kind, i.test_id) for i in friday.items] == [("unload", lab["spray"]), ("load", lab["after"])]
    assert week.planned_minutes == 135 and not week.absent_all_week


def test_a_closure_of_the_lab_is_named_on_its_day(db, admin, lab):
    add_closure(db, starts_on=FRIDAY, ends_on=FRIDAY, reason="Inventario", actor=admin)
    week = technician_week(db, staff_id=lab["anna"], week_start=MONDAY, actor=admin)
    assert (week.days[4].state, week.days[4].reason) == ("closed", "Inventario")


def test_a_week_that_starts_or_ends_inside_a_chamber_run_shows_only_its_moments_in_that_week(db, lab):
    before = technician_week(db, staff_id=lab["anna"], week_start=dt.date(2026, 11, 30), actor=lab["anna_actor"])
    assert [kinds(d) for d in before.days if d.items] == [[("load", "09:00", kinds(before.days[3])[0][2])]]
    empty = technician_week(db, staff_id=lab["anna"], week_start=dt.date(2026, 12, 14), actor=lab["anna_actor"])
    assert not any(d.items for d in empty.days)  # the 480 h exposure runs all week: nothing to do at it


def test_technicians_working_days_leave_the_others_off(db, admin, lab):
    from frontdesk.services.lab.calendar import set_technician_days

    set_technician_days(db, staff_id=lab["luca"], weekdays="123", actor=admin)
    week = technician_week(db, staff_id=lab["luca"], week_start=MONDAY, actor=admin)
    assert [d.state for d in week.days] == ["working", "closed", "working", "off", "off", "off", "off"]


def test_a_technician_sees_their_own_week_and_a_planner_anyone_s(db, lab, monkeypatch):
    luca = Actor(desk="L1", role=Role.LAB_TECHNICIAN, staff_id=lab["luca"], name="Luca Pesenti")
    assert technician_week(db, staff_id=lab["anna"], week_start=MONDAY, actor=luca).name == "Anna Bonfanti"
    # without PLAN_TESTS, only one's own week
    monkeypatch.setitem(GRANTS, Role.LAB_TECHNICIAN, GRANTS[Role.LAB_TECHNICIAN] - {Permission.PLAN_TESTS})
    assert technician_week(db, staff_id=lab["luca"], week_start=MONDAY, actor=luca).name == "Luca Pesenti"
    set_language("it")
    try:
        with pytest.raises(PermissionDenied, match="Puoi vedere solo la tua settimana di lavoro"):
            technician_week(db, staff_id=lab["anna"], week_start=MONDAY, actor=luca)
        with pytest.raises(PermissionDenied):
            technician_week_pdf(db, staff_id=lab["anna"], week_start=MONDAY, actor=luca)
        reception = Actor(desk="R1", role=Role.RECEPTION, staff_id=lab["luca"], name="Luca Pesenti")
        with pytest.raises(PermissionDenied):  # no RUN_TESTS: not even one's own
            technician_week(db, staff_id=lab["luca"], week_start=MONDAY, actor=reception)
    finally:
        set_language("en")


def test_an_unknown_or_disabled_technician_is_refused(db, admin):
    import uuid

    with pytest.raises(NotFound):
        technician_week(db, staff_id=uuid.uuid4(), week_start=MONDAY, actor=admin)


# --- the PDF ---------------------------------------------------------------------------------------

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


def pdf_text(pdf: bytes, tmp_path) -> str:
    source = tmp_path / "week.pdf"
    source.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(source), "-"], check=True, capture_output=True,
                          text=True).stdout


@needs_poppler
def test_the_pdf_in_italian_holds_the_days_the_items_the_absence_and_the_holiday(db, lab, tmp_path,
                                                                              screenshots_folder):
    set_language("it")
    try:
        pdf = technician_week_pdf(db, staff_id=lab["anna"], week_start=MONDAY, actor=lab["anna_actor"])
        job = technician_week_print_job(db, staff_id=lab["anna"], week_start=MONDAY, actor=lab["anna_actor"])
    finally:
        set_language("en")
    assert pdf.startswith(b"%PDF") and job.kind == "report" and "Anna" not in job.title
    (screenshots_folder / "technician_week.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "100", "-png", "-f", "1", "-l", "1", str(screenshots_folder /
                    "technician_week.pdf"), str(screenshots_folder / "technician_week")], check=True)
    assert list(screenshots_folder.glob("technician_week-*.png"))
    text = pdf_text(pdf, tmp_path)
    flat = " ".join(text.split())
    for expected in ("Settimana di lavoro di Anna Bonfanti", "dal 7 al 13 dicembre 2026", "Lunedì 7 dicembre",
                     "Domenica 13 dicembre", "Assente: ferie", "Laboratorio chiuso: Immacolata Concezione",
                     "Giorno non lavorativo", "Scarico dalla camera", "Carico in camera", "Esecuzione prova",
                     "TR-01", "NS-01", "Acciaierie Bergamasche", "Prova di trazione", "Nebbia salina neutra, 48 h",
                     "09:00–09:45", "11:00–11:45", "Pagina 1 di 1", "Tempo pianificato: 2 h 15 min", "Pianificata",
                     "In servizio"):
        assert expected in flat, expected
    # the days in order, each once
    positions = [flat.index(day) for day in ("Lunedì 7", "Martedì 8", "Mercoledì 9", "Giovedì 10", "Venerdì 11",
                                             "Sabato 12", "Domenica 13")]
    assert positions == sorted(positions)


@needs_poppler
def test_a_technician_absent_all_week_gets_one_clear_page(db, admin, lab, tmp_path):
    add_absence(db, staff_id=lab["luca"], starts_on=dt.date(2026, 12, 14), ends_on=dt.date(2026, 12, 20),
                reason="corso di formazione", actor=admin)
    week = technician_week(db, staff_id=lab["luca"], week_start=dt.date(2026, 12, 16), actor=admin)
    assert week.absent_all_week and not any(d.items for d in week.days)
    set_language("it")
    try:
        pdf = technician_week_pdf(db, staff_id=lab["luca"], week_start=dt.date(2026, 12, 16), actor=admin)
    finally:
        set_language("en")
    flat = " ".join(pdf_text(pdf, tmp_path).split())
    assert "Assente per tutta la settimana." in flat
    assert flat.count("Assente: corso di formazione") == 5
    assert "dal 14 al 20 dicembre 2026" in flat and "Pagina 1 di 1" in flat
    assert "Nessuna attività pianificata" not in flat


@needs_poppler
def test_a_week_with_nothing_planned_says_so(db, admin, lab, tmp_path):
    set_language("it")
    try:
        pdf = technician_week_pdf(db, staff_id=lab["luca"], week_start=dt.date(2026, 12, 28), actor=admin)
    finally:
        set_language("en")
    flat = " ".join(pdf_text(pdf, tmp_path).split())
    assert "Nessuna attività pianificata in questa settimana." in flat
    assert "dal 28 dicembre 2026 al 3 gennaio 2027" in flat and "Pagina 1 di 1" in flat
    assert "Laboratorio chiuso: Capodanno" in flat


@needs_poppler
def test_a_full_week_runs_onto_more_pages_each_numbered_x_of_y(db, lab, tmp_path):
    """Rows written directly (the document's layout is tested here, not the planning rules)."""
    from frontdesk.db.lab_models import TestJob

    tensile = make_test_type(db, **TENSILE)
    ids = request_with_tests(db, tensile, count=60)
    with db.begin() as session:
        for n, test_id in enumerate(ids):
            test = session.get(TestJob, test_id)
            start = at(MONDAY + dt.timedelta(days=2 * (n % 3)), 8) + dt.timedelta(minutes=8 * (n // 3))
            test.equipment_id, test.technician_id, test.status = lab["tr"], lab["luca"], "scheduled"
            test.planned_start, test.planned_end = start, start + dt.timedelta(minutes=8)
    set_language("it")
    try:
        pdf = technician_week_pdf(db, staff_id=lab["luca"], week_start=MONDAY, actor=lab["anna_actor"])
    finally:
        set_language("en")
    text = pdf_text(pdf, tmp_path)
    pages = text.count("\f")
    assert pages >= 2
    for n in range(1, pages + 1):
        assert f"Pagina {n} di {pages}" in text
    assert " ".join(text.split()).count("Esecuzione prova") == 61  # and his own test of Wednesday


@pytest.mark.parametrize(("monday", "italian", "english"), [
    (dt.date(2027, 2, 8), "dall'8 al 14 febbraio 2027", "from 8 to 14 February 2027"),
    (dt.date(2027, 3, 1), "dal 1° al 7 marzo 2027", "from 1 to 7 March 2027"),
    (dt.date(2027, 4, 5), "dal 5 all'11 aprile 2027", "from 5 to 11 April 2027"),
    (dt.date(2027, 5, 31), "dal 31 maggio al 6 giugno 2027", "from 31 May to 6 June 2027"),
])
def test_the_week_is_named_as_italian_writes_days(monday, italian, english):
    from frontdesk.documents.lab.technician_week import week_span

    last = monday + dt.timedelta(days=6)
    assert week_span(monday, last) == english
    set_language("it")
    try:
        assert week_span(monday, last) == italian
    finally:
        set_language("en")


def test_a_run_over_midnight_is_shown_on_both_days_with_each_days_share_of_hours(db, lab):
    """A long run on an ordinary machine (written directly: the planner keeps runs inside working hours)."""
    from frontdesk.db.lab_models import TestJob
    from frontdesk.documents.lab.technician_week import item_time

    tensile = make_test_type(db, **TENSILE)
    [test] = request_with_tests(db, tensile)
    with db.begin() as session:
        row = session.get(TestJob, test)
        row.equipment_id, row.technician_id, row.status = lab["tr"], lab["luca"], "in_progress"
        row.planned_start, row.planned_end = at(WEDNESDAY, 16), at(THURSDAY, 10)
    week = technician_week(db, staff_id=lab["luca"], week_start=MONDAY, actor=lab["anna_actor"])
    wednesday, thursday = week.days[2], week.days[3]
    assert [i.test_id for i in thursday.items] == [test]
    assert wednesday.planned_minutes == 45 + 8 * 60 and thursday.planned_minutes == 10 * 60
    assert item_time(wednesday.items[-1], WEDNESDAY) == "16:00–10/12 10:00"
    assert item_time(thursday.items[0], THURSDAY) == "09/12 16:00–10:00"
