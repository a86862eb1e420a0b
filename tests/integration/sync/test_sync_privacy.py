"""Erasure and retention travel like any change (phase 1): an erasure at one desk leaves the name
nowhere in the hub's database and nowhere at the other desk once both have synced; the desk's
own nightly retention (acting as the desk itself) is accepted by the hub."""

from __future__ import annotations

import datetime as dt
import sqlite3

import psycopg
from sync_hub import outbox_size

from frontdesk.db.models import Visit, Visitor
from frontdesk.domain.roles import Actor
from frontdesk.services.privacy import retention, rights
from frontdesk.services.reception.visits import check_in_new_visitor
from frontdesk.services.registry.visitors import VisitorInput, search_visitors

NAME = "Ermenegilda", "Capoferri"


def _hub_text(db_url: str) -> str:
    with psycopg.connect(db_url) as conn:
        tables = [r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
        return "\n".join(str(row) for table in tables for row in conn.execute(f'SELECT * FROM "{table}"'))


def _desk_text(path) -> str:
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return "\n".join(str(row) for table in tables for row in conn.execute(f'SELECT * FROM "{table}"'))
    finally:
        conn.close()


def test_an_erasure_at_one_desk_reaches_the_hub_and_the_other_desk(desks, hub):
    a, b = desks
    visit = check_in_new_visitor(a.db, visitor=VisitorInput(*NAME, email="e.capoferri@example.it"),
                                 service_code="meeting", host_id=None, privacy_notice_shown=True, actor=a.admin,
                                 notes="accompagnata dalla figlia").visit
    a.sync(), b.sync()
    assert [v.last_name for v in search_visitors(b.db, query="capof")] == ["Capoferri"]
    assert NAME[1] in _hub_text(hub.db_url)

    rights.erase_person(a.db, visitor_id=visit.visitor_id, reason="Richiesta n. 7", actor=a.admin)
    report = a.sync()
    assert report.rejected == 0
    b.sync()
    for text in (_hub_text(hub.db_url), _desk_text(a.path), _desk_text(b.path)):
        assert NAME[0] not in text and NAME[1] not in text and "figlia" not in text and "example.it" not in text
    assert search_visitors(b.db, query="capof") == []


def test_the_desks_own_retention_is_accepted_by_the_hub(desks, hub):
    a, b = desks
    visit = check_in_new_visitor(a.db, visitor=VisitorInput(*NAME), service_code="meeting", host_id=None,
                                 privacy_notice_shown=True, actor=a.admin).visit
    old = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    with a.db.begin() as session:  # it all happened long ago
        session.get(Visit, visit.id).status = "out"
        session.get(Visitor, visit.visitor_id).last_visit_at = old
    assert retention.apply_retention(a.db, actor=Actor.desk_itself("R1")).anonymised == 1
    report = a.sync()
    assert (report.rejected, outbox_size(a)) == (0, 0)
    b.sync()
    assert NAME[1] not in _hub_text(hub.db_url) and NAME[1] not in _desk_text(b.path)
