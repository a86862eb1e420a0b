"""The evening close while the app runs: catch-up at start, the timer armed for the next close,
visits closed by the system at the hour, the desk acting, and the hour changed in Settings."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from reception_helpers import names_on_site

from frontdesk.db.models import Visit
from frontdesk.domain.clock import ROME
from frontdesk.services.desk.settings import update_settings
from frontdesk.services.reception.visit_log import VisitFilters, list_visits
from frontdesk.services.reception.visits import check_in
from frontdesk.ui.tasks import wait_for_idle
from frontdesk.ui.upkeep.evening_close import MAX_WAIT_MS, EveningClose


class Clock:
    def __init__(self, moment: dt.datetime) -> None:
        self.moment = moment

    def __call__(self) -> dt.datetime:
        return self.moment


def rome(day: dt.date, hh: int, mm: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hh, mm), tzinfo=ROME).astimezone(dt.UTC)


@pytest.fixture
def mario_on_site(desk):
    """Mario checked in at 10:00 Rome today, whatever the hour the tests run at (the evening close
    reads the clock it is given; the check-in's own moment is set back to the morning)."""
    visit = check_in(desk.db, visitor_id=desk.visitors["mario"].id, service_code="meeting", host_id=None,
                     actor=desk.actor).visit
    morning = rome(dt.datetime.now(ROME).date(), 10)
    with desk.db.begin() as session:
        session.get(Visit, visit.id).checked_in_at = morning
    return dataclasses.replace(visit, checked_in_at=morning)


def test_before_the_hour_nothing_closes_and_the_timer_waits(qtbot, desk, mario_on_site):
    day = mario_on_site.checked_in_at.astimezone(ROME).date()
    clock = Clock(mario_on_site.checked_in_at + dt.timedelta(seconds=1))
    close = EveningClose(desk.db, "R1", clock=clock)
    with qtbot.waitSignal(close.armed, timeout=5000) as armed:
        close.start()
    assert armed.args[0] == rome(day, 20)
    assert 0 < close.interval_ms() <= MAX_WAIT_MS
    assert names_on_site(desk.db) == ["Mario Rossi"]
    wait_for_idle()


def test_at_the_hour_open_visits_are_closed_by_the_system(qtbot, desk, mario_on_site):
    day = mario_on_site.checked_in_at.astimezone(ROME).date()
    clock = Clock(rome(day + dt.timedelta(days=1), 8))  # the next morning: the app was not running at 20:00
    close = EveningClose(desk.db, "R1", clock=clock)
    with qtbot.waitSignal(close.closed, timeout=5000) as closed:
        close.start()
    assert closed.args == [1]
    qtbot.waitUntil(lambda: close.next_close is not None, timeout=5000)
    assert close.next_close == rome(day + dt.timedelta(days=1), 20)
    assert names_on_site(desk.db) == []
    visit = next(v for v in list_visits(desk.db, filters=VisitFilters()) if v.id == mario_on_site.id)
    assert visit.closed_by_system
    expected_out = max(rome(day, 20), mario_on_site.checked_in_at)
    assert visit.checked_out_at.replace(tzinfo=dt.UTC) in (expected_out, clock())
    wait_for_idle()


def test_the_timer_firing_at_the_hour_closes(qtbot, desk, mario_on_site):
    day = mario_on_site.checked_in_at.astimezone(ROME).date()
    clock = Clock(mario_on_site.checked_in_at + dt.timedelta(seconds=1))
    close = EveningClose(desk.db, "R1", clock=clock)
    with qtbot.waitSignal(close.armed, timeout=5000):
        close.start()
    clock.moment = rome(day, 20, 1)
    with qtbot.waitSignal(close.closed, timeout=5000):
        close._timer.timeout.emit()
    assert names_on_site(desk.db) == []
    wait_for_idle()


def test_a_new_hour_in_settings_rearms_the_timer(qtbot, desk):
    today = dt.datetime.now(ROME).date()
    clock = Clock(rome(today, 6))
    close = EveningClose(desk.db, "R1", clock=clock)
    with qtbot.waitSignal(close.armed, timeout=5000):
        close.start()
    assert close.next_close == rome(today, 20)
    update_settings(desk.db, changes={"checkout_hour": "18:30"}, actor=desk.actor)
    from frontdesk.ui.tasks import data_bus

    with qtbot.waitSignal(close.armed, timeout=5000):
        data_bus().data_changed.emit({"settings"})
    assert close.next_close == rome(today, 18, 30)
    wait_for_idle()
