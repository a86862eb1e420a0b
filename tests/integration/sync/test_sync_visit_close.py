"""A person's check-out beats the evening close across desks (issue 12, point 4): whether it was
stamped before or after desk A's close, after every desk syncs the person's check-out time and
who made it stand everywhere; and a desk's evening close leaves another desk's visitors alone."""

from __future__ import annotations

import datetime as dt

from sync_hub import hub_rows, sync_settled

from frontdesk.db.models import Visit
from frontdesk.domain.clock import ROME
from frontdesk.domain.roles import Actor
from frontdesk.services.reception.visits import check_in_new_visitor as arrive
from frontdesk.services.reception.visits import check_out, close_open_visits, on_site
from frontdesk.services.registry.visitors import VisitorInput


def _arrive(desk, surname: str):
    return arrive(desk.db, visitor=VisitorInput("Mario", surname), service_code="meeting", host_id=None,
                  privacy_notice_shown=True, actor=desk.admin).visit


def _evening_close(desk, checked_in_at: dt.datetime) -> int:
    morning = dt.datetime.combine(checked_in_at.astimezone(ROME).date() + dt.timedelta(days=1), dt.time(8),
                                  tzinfo=ROME)
    return close_open_visits(desk.db, actor=Actor.desk_itself(desk.code), now=morning)


def _closed(desk, visit_id):
    with desk.db.read() as session:
        v = session.get(Visit, visit_id)
        return v.status, v.closed_by, v.checked_out_by, v.checked_out_at, v.closed_by_system


def test_a_persons_check_out_beats_the_evening_close_everywhere(desks, hub):
    a, b = desks
    first, second, third = _arrive(a, "Rossi"), _arrive(a, "Bianchi"), _arrive(a, "Verdi")
    sync_settled(hub, a, b)
    assert {v.id for v in on_site(b.db)} == {first.id, second.id, third.id}
    # Desk B's own evening close leaves desk A's visitors alone.
    assert _evening_close(b, first.checked_in_at) == 0

    # B records a real check-out before A's evening close (by stamp) and one after it.
    check_out(b.db, visit_id=second.id, actor=b.admin)
    assert _evening_close(a, first.checked_in_at) == 3
    check_out(b.db, visit_id=first.id, actor=b.admin)
    by_b = {v: _closed(b, v)[3] for v in (first.id, second.id)}

    for _round in range(2):
        sync_settled(hub, a, b)
    for desk in (a, b):
        for visit_id in (first.id, second.id):
            assert _closed(desk, visit_id) == ("out", "person", b.admin.staff_id, by_b[visit_id], False)
        assert _closed(desk, third.id)[:3] == ("out", "system", None)  # nobody checked this one out
    rows = dict(hub_rows(hub.db_url, "SELECT row_id, data->>'closed_by' FROM hub_record WHERE tbl = 'visit'"))
    assert rows == {first.id.hex: "person", second.id.hex: "person", third.id.hex: "system"}
