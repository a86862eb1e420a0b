"""The Visit log screen: filters, lazy paging, export to CSV and XLSX read back."""

from __future__ import annotations

import csv
import datetime as dt
import io
import time

import pytest
from PySide6.QtCore import QModelIndex

from frontdesk.db.models import Visit
from frontdesk.ui import tasks
from frontdesk.ui.reception.visit_log_view import VisitLogView, period_bounds
from frontdesk.ui.shell.area_view import DeskContext
from frontdesk.ui.widgets.table_models import Column, PagedTableModel

START = dt.datetime(2025, 3, 3, 7, 30, tzinfo=dt.UTC)  # Monday 3 March 2025, 08:30 in Rome


@pytest.fixture
def office_start():
    return START


@pytest.fixture
def view(qtbot, db, admin, office):
    widget = VisitLogView(DeskContext(db=db, actor=admin, desk="R1", is_demo=False))
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    tasks.wait_for_idle()
    widget.set_filters(period="all")
    tasks.wait_for_idle()
    yield widget
    tasks.wait_for_idle()


def shown(view, column: int) -> list[str]:
    return [view.model.index(r, column).data() for r in range(view.model.rowCount())]


def test_all_visits_newest_first_with_italian_dates(view):
    assert view.model.rowCount() == 30
    assert view.summary.text() == "30 visits"
    moments = [r.checked_in_at for r in view.model.rows()]
    assert moments == sorted(moments, reverse=True)
    first = view.model.rows()[-1]
    assert first.checked_in_at == START
    last_row = view.model.rowCount() - 1
    assert view.model.index(last_row, 0).data() == "03/03/2025 08:30"  # Rome time, the tables' date style
    assert view.model.index(0, 7).data() == "On site"


def test_custom_dates_filter_rome_days(view):
    view.set_filters(period="custom", date_from=dt.date(2025, 3, 4), date_to=dt.date(2025, 3, 4))
    tasks.wait_for_idle()
    assert {text[:10] for text in shown(view, 0)} == {"04/03/2025"}
    from frontdesk.domain.clock import ROME

    moments = [START + dt.timedelta(hours=5 * n + n % 3) for n in range(30)]  # as the office fixture writes them
    expected = sum(1 for m in moments if m.astimezone(ROME).date() == dt.date(2025, 3, 4))
    assert view.model.rowCount() == expected > 0


def test_reversed_dates_say_so_and_show_nothing(view):
    view.set_filters(period="custom", date_from=dt.date(2025, 3, 9), date_to=dt.date(2025, 3, 1))
    tasks.wait_for_idle()
    assert view.model.rowCount() == 0
    assert "after the end date" in view.summary.text()


def test_association_and_purpose_filters(qtbot, view, office):
    qtbot.waitUntil(lambda: view.association.count() > 1)
    view.association.setCurrentIndex(view.association.findText("Confindustria Bergamo"))
    tasks.wait_for_idle()
    assert view.model.rowCount() > 0
    assert set(shown(view, 4)) == {"Confindustria Bergamo"}
    view.purpose.setCurrentIndex(view.purpose.findText(office["services"][0].name))
    tasks.wait_for_idle()
    assert set(shown(view, 5)) <= {office["services"][0].name}
    view.association.setCurrentIndex(0)
    view.purpose.setCurrentIndex(0)
    tasks.wait_for_idle()
    assert view.model.rowCount() == 30


def test_company_filter_through_the_picker(qtbot, view):
    qtbot.keyClicks(view.company, "panificio")
    qtbot.wait(250)
    tasks.wait_for_idle()
    view.company.choose(0)
    tasks.wait_for_idle()
    assert view.model.rowCount() == 3
    assert set(shown(view, 3)) == {"Panificio Nicolò Locatelli"}
    view.company.clear()
    qtbot.keyClicks(view.company, "x")  # editing the text drops the chosen company
    tasks.wait_for_idle()
    qtbot.wait(250)
    tasks.wait_for_idle()
    assert view.model.rowCount() == 30


def test_long_logs_are_fetched_a_page_at_a_time(qtbot, view, db):
    with db.begin() as session:
        sample = session.query(Visit).first()
        for i in range(420):
            session.add(Visit(visitor_id=sample.visitor_id, service_id=sample.service_id, status="out",
                              checked_in_at=START - dt.timedelta(hours=i + 1)))
    view.reload()
    tasks.wait_for_idle()
    assert view.model.rowCount() == 200 and view.model.total == 450
    assert view.summary.text() == "450 visits"
    assert view.model.canFetchMore(QModelIndex())
    view.table.scrollToBottom()
    qtbot.waitUntil(lambda: view.model.rowCount() == 400 or not view.model.is_fetching(), timeout=3000)
    tasks.wait_for_idle()
    while view.model.canFetchMore(QModelIndex()):
        view.model.fetchMore(QModelIndex())
        tasks.wait_for_idle()
    assert view.model.rowCount() == 450
    ids = [r.id for r in view.model.rows()]
    assert len(set(ids)) == 450


def test_csv_export_reads_back(qtbot, view, tmp_path):
    target = tmp_path / "visite marzo.csv"
    with qtbot.waitSignal(view.notice_shown, timeout=5000) as notice:
        view.export_to(target, "csv")
    tasks.wait_for_idle()
    assert "30 visits exported" in notice.args[0]
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert len(rows) == 31
    assert rows[-1][:2] == ["03/03/2025", "08:30"]
    assert any(r[3] == "Nicolò D'Alessandro" for r in rows[1:])


def test_xlsx_export_reads_back(qtbot, view, tmp_path):
    from openpyxl import load_workbook

    qtbot.waitUntil(lambda: view.association.count() > 1)
    view.association.setCurrentIndex(view.association.findText("Ascom Confcommercio Bergamo"))
    tasks.wait_for_idle()
    target = tmp_path / "visite.xlsx"
    with qtbot.waitSignal(view.notice_shown, timeout=5000):
        view.export_to(target, "xlsx")
    tasks.wait_for_idle()
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    assert rows[0][:4] == ("Date", "Check-in", "Check-out", "Visitor")
    assert len(rows) - 1 == view.model.rowCount() == 3
    assert {r[4] for r in rows[1:]} == {"Panificio Nicolò Locatelli"}
    assert all(isinstance(r[0], dt.datetime) for r in rows[1:])


def test_export_to_a_missing_folder_shows_a_message(qtbot, view, tmp_path):
    with qtbot.waitSignal(tasks.error_display().error_shown, timeout=5000) as shown_error:
        view.export_to(tmp_path / "nowhere" / "v.csv", "csv")
    tasks.wait_for_idle()
    assert "does not exist" in shown_error.args[0]
    assert view.export_csv_button.isEnabled()


def test_only_roles_that_may_export_see_the_export_buttons(qtbot, db, admin, office, view):
    from frontdesk.domain.roles import Role
    from frontdesk.services.staff import accounts as staff

    assert not view.export_csv_button.isHidden() and not view.export_xlsx_button.isHidden()  # the admin's
    staff.create_staff(db, username="giulia", display_name="Giulia", role=Role.RECEPTION, password="giulia-pw-1",
                       actor=admin)
    clerk = staff.sign_in(db, username="giulia", password="giulia-pw-1").actor
    clerk_view = VisitLogView(DeskContext(db=db, actor=clerk, desk="R1", is_demo=False))
    qtbot.addWidget(clerk_view)
    clerk_view.show()
    tasks.wait_for_idle()
    clerk_view.set_filters(period="all")
    tasks.wait_for_idle()
    assert clerk_view.model.rowCount() > 0  # the log is shown to everyone; writing it to a file is not
    assert clerk_view.export_csv_button.isHidden() and clerk_view.export_xlsx_button.isHidden()


def test_period_bounds():
    today = dt.date(2025, 3, 15)
    assert period_bounds("today", today) == (today, today)
    assert period_bounds("week", today) == (dt.date(2025, 3, 9), today)
    assert period_bounds("month", today) == (dt.date(2025, 3, 1), today)
    assert period_bounds("last_month", today) == (dt.date(2025, 2, 1), dt.date(2025, 2, 28))
    assert period_bounds("year", today) == (dt.date(2025, 1, 1), today)
    assert period_bounds("all", today) == (None, None)


def test_paged_model_passes_the_model_tester_while_fetching(qtbot, qtmodeltester, view):
    qtmodeltester.check(view.model, force_py=True)
    tasks.wait_for_idle()
    assert view.model.rowCount() == 30


def test_a_late_page_of_an_older_query_is_dropped(qtbot):
    from PySide6.QtCore import QObject

    owner = QObject()
    model = PagedTableModel([Column("n", str)], page_size=10, parent=owner)

    def slow(after, limit):
        time.sleep(0.4)
        return ["old"] * limit

    model.set_query(slow)
    model.set_query(lambda after, limit: ["new"] * 3)
    tasks.wait_for_idle()
    assert model.rows() == ["new"] * 3
    assert not model.canFetchMore(QModelIndex())  # a short page: the end


def test_rows_show_before_the_count_which_follows_when_ready(qtbot, view, monkeypatch):
    """A count slower than its page: the page shows at once and the label says it is counting;
    the true count replaces it when the background count ends."""
    import threading

    from frontdesk.ui.reception import visit_log_view

    release = threading.Event()
    real_count = visit_log_view.count_visits

    def slow_count(db, *, filters):
        release.wait(10)
        return real_count(db, filters=filters)

    monkeypatch.setattr(visit_log_view, "count_visits", slow_count)
    view.set_filters(period="all")
    qtbot.waitUntil(lambda: view.model.rowCount() == 30, timeout=3000)
    assert view.model.total is None and view.model.is_counting()
    assert view.summary.text() == "Counting…"
    release.set()
    qtbot.waitUntil(lambda: view.model.total == 30, timeout=5000)
    assert view.summary.text() == "30 visits"


def test_the_newest_count_wins_and_counts_never_pile_up(qtbot, monkeypatch):
    """Three queries in a row while the first count is slow: one count runs at a time, the middle
    one is never run, and the total shown is the newest query's."""
    import threading

    from PySide6.QtCore import QObject

    owner = QObject()
    model = PagedTableModel([Column("n", str)], page_size=10, parent=owner)
    release = threading.Event()
    ran: list[str] = []

    def count(name, total, wait=False):
        def run():
            ran.append(name)
            if wait:
                release.wait(10)
            return total
        return run

    model.set_query(lambda after, limit: ["a"] * 2, count("first", 111, wait=True))
    qtbot.waitUntil(lambda: ran == ["first"], timeout=3000)
    model.set_query(lambda after, limit: ["b"] * 2, count("second", 222))
    model.set_query(lambda after, limit: ["c"] * 2, count("third", 3))
    qtbot.waitUntil(lambda: model.rows() == ["c", "c"], timeout=3000)  # the page did not wait for any count
    assert model.total is None and ran == ["first"]
    release.set()
    qtbot.waitUntil(lambda: model.total == 3, timeout=5000)
    tasks.wait_for_idle()
    assert ran == ["first", "third"] and model.total == 3


def test_pages_seek_after_the_last_row_shown(qtbot, view, db):
    """Each page is asked for with the last row already shown (keyset), never an offset."""
    with db.begin() as session:
        sample = session.query(Visit).first()
        for i in range(420):
            session.add(Visit(visitor_id=sample.visitor_id, service_id=sample.service_id, status="out",
                              checked_in_at=START - dt.timedelta(hours=i // 3 + 1)))  # threes share a moment
    asked = []
    view.reload()
    tasks.wait_for_idle()
    real_fetch = view.model._fetch
    view.model._fetch = lambda after, limit: asked.append(after) or real_fetch(after, limit)
    while view.model.canFetchMore(QModelIndex()):
        view.model.fetchMore(QModelIndex())
        tasks.wait_for_idle()
    rows = view.model.rows()
    assert len(rows) == 450 == len({r.id for r in rows})
    assert asked == [rows[199], rows[399]]
    assert [(r.checked_in_at, r.id) for r in rows] == sorted(((r.checked_in_at, r.id) for r in rows), reverse=True)
