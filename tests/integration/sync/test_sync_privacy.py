"""Erasure and retention travel like any change: an erasure at one desk leaves the name nowhere in
the hub's database and nowhere at the other desk once both have synced, and outranks an edit made
offline at another desk after it (by the clock) and a replayed old push (domain.merge, Erasure);
the desk's own nightly retention (acting as the desk itself) is accepted by the hub."""

from __future__ import annotations

import datetime as dt
import sqlite3

import psycopg
from sync_hub import hub_rows, outbox_size, sync_settled

from frontdesk.db.migrate import HEAD
from frontdesk.db.models import ANONYMOUS, Registration, Visit, Visitor
from frontdesk.domain import hlc
from frontdesk.domain.roles import Actor
from frontdesk.services.privacy import retention, rights
from frontdesk.services.reception.visits import check_in_new_visitor
from frontdesk.services.registry.visitors import VisitorInput, get_visitor, search_visitors, update_visitor
from frontdesk.sync import outbox
from frontdesk.sync.apply import apply_page, read_cursor
from frontdesk.sync.client import HubClient

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
    sync_settled(hub, a, b)
    assert [v.last_name for v in search_visitors(b.db, query="capof")] == ["Capoferri"]
    assert NAME[1] in _hub_text(hub.db_url)

    rights.erase_person(a.db, visitor_id=visit.visitor_id, reason="Richiesta n. 7", actor=a.admin)
    sync_settled(hub, a, b)
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
    sync_settled(hub, a)
    assert outbox_size(a) == 0
    sync_settled(hub, b)
    assert NAME[1] not in _hub_text(hub.db_url) and NAME[1] not in _desk_text(b.path)


def _hub_everywhere(db_url: str) -> str:
    """Every row of every table of the hub's database, each cast to text (JSON columns included)."""
    with psycopg.connect(db_url) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT table_schema || '.' || quote_ident(table_name) FROM information_schema.tables "
            "WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')")]
        assert "public.hub_record" in tables and "public.hub_applied_op" in tables
        return "\n".join(row[0] for table in tables for row in conn.execute(f"SELECT t::text FROM {table} AS t"))


def _later_clock(path, minutes: int) -> None:
    """The desk's hybrid clock moved on, as if its PC's clock ran `minutes` ahead (within the hour
    the hub accepts): its next change is stamped after everything else."""
    conn = sqlite3.connect(path)
    try:
        ahead = hlc.logical(dt.datetime.now(dt.UTC) + dt.timedelta(minutes=minutes))
        conn.execute("UPDATE sync_state SET number = max(number, ?) WHERE key = 'clock'", (ahead,))
        conn.commit()
    finally:
        conn.close()


def _hub_row(db_url: str, table: str, row_id) -> dict:
    [(data, stamps)] = hub_rows(db_url, "SELECT data, stamps FROM hub_record WHERE tbl = %s AND row_id = %s",
                                table, row_id.hex)
    return {"table": table, "row_id": row_id.hex, "data": data, "stamps": stamps}


def test_an_erasure_outranks_a_later_offline_edit_and_a_replayed_push(desks, hub):
    a, b = desks
    secrets = (*NAME, "e.capoferri@example.it", "035 123456", "333 7654321", "capoferri.new@example.it",
               "accompagnata dalla figlia")
    visit = check_in_new_visitor(a.db, visitor=VisitorInput(*NAME, email=secrets[2], phone=secrets[3]),
                                 service_code="meeting", host_id=None, privacy_notice_shown=True, actor=a.admin,
                                 notes=secrets[6]).visit
    old_push = [op.as_json() for op in outbox.pending(a.db, limit=1000)  # as first sent, names and all
                if op.table in ("visitor", "visit")]
    sync_settled(hub, a, b)
    assert get_visitor(b.db, visitor_id=visit.visitor_id).phone == secrets[3]

    # Desk B, offline, changes the phone and e-mail; its clock runs ahead, so its change is stamped
    # after the erasure that desk A makes next.
    _later_clock(b.path, 30)
    update_visitor(b.db, visitor_id=visit.visitor_id, actor=b.admin,
                   data=VisitorInput(*NAME, email=secrets[5], phone=secrets[4]))
    rights.erase_person(a.db, visitor_id=visit.visitor_id, reason="Richiesta n. 7", actor=a.admin)
    sync_settled(hub, a)

    # The hub's erased row reaches B while B's own edit still waits in its outbox: it does not
    # bring the phone back here, and what waits holds no personal value any more.
    apply_page(b.db, rows=[_hub_row(hub.db_url, "visitor", visit.visitor_id)], cursor=read_cursor(b.db))
    assert get_visitor(b.db, visitor_id=visit.visitor_id).phone == ""
    assert outbox_size(b) >= 1 and secrets[4] not in _desk_text(b.path)

    # An old push replayed: under its own epoch it is answered from the record as it was then
    # (applied once, never again); under a new one (a desk restored from a backup) the merge finds
    # it outranked by the erasure. Neither brings a value back.
    with HubClient(hub.url, a.token) as client:
        epoch = hub_rows(hub.db_url, "SELECT epoch FROM hub_applied_op LIMIT 1")[0][0]
        for replay_epoch, answer in ((epoch, "applied"), (epoch + "Z", "superseded")):
            answers = client.push(schema_version=HEAD, epoch=replay_epoch, ops=old_push)
            assert {r["outcome"] for r in answers} == {answer}
    assert not [value for value in secrets if value in _hub_everywhere(hub.db_url)]

    for _round in range(2):
        sync_settled(hub, a, b)
    for where, text in (("hub", _hub_everywhere(hub.db_url)), ("desk A", _desk_text(a.path)),
                        ("desk B", _desk_text(b.path))):
        found = [value for value in secrets if value in text]
        assert found == [], f"{where} still holds {found}"
    # Nothing was hard-deleted: the visitor and the visit are still there, anonymised, everywhere.
    for desk in (a, b):
        person = get_visitor(desk.db, visitor_id=visit.visitor_id)
        assert (person.first_name, person.last_name, person.phone, person.email) == (ANONYMOUS, "", "", "")
        with desk.db.read() as session:
            assert session.get(Visitor, visit.visitor_id).anonymised_at is not None
            assert session.get(Visit, visit.id).anonymised_at is not None
        assert outbox_size(desk) == 0
    [(data,)] = hub_rows(hub.db_url, "SELECT data FROM hub_record WHERE tbl = 'visitor' AND row_id = %s",
                         visit.visitor_id.hex)
    assert data["first_name"] == ANONYMOUS and data["anonymised_at"] and data["phone"] == ""
    assert search_visitors(b.db, query="capof") == []
    for path in (a.path, b.path):  # an erased visitor has no search words at any desk
        conn = sqlite3.connect(path)
        try:
            assert conn.execute("SELECT count(*) FROM visitor_search_term WHERE visitor_id = ?",
                                (visit.visitor_id.hex,)).fetchone() == (0,)
        finally:
            conn.close()


def test_an_offline_note_on_an_erased_visitors_registration_stays_cleared(desks, hub):
    """Visits and registrations carry the erasure too: a note typed at another desk after the
    erasure (by the clock) never reaches the hub or comes back."""
    from frontdesk.domain.clock import today_in_rome
    from frontdesk.services.reception.expected import register_visit

    a, b = desks
    visitor = check_in_new_visitor(a.db, visitor=VisitorInput(*NAME), service_code="meeting", host_id=None,
                                   privacy_notice_shown=True, actor=a.admin).visit.visitor_id
    today = today_in_rome()
    registration = register_visit(a.db, visitor_id=visitor, service_code="meeting", host_id=None, day_from=today,
                                  day_to=today + dt.timedelta(days=2), title="Corso", actor=a.admin)
    sync_settled(hub, a, b)
    _later_clock(b.path, 30)
    with b.db.begin() as session:
        session.get(Registration, registration).notes = "figlia di Capoferri"
    rights.erase_person(a.db, visitor_id=visitor, reason="Richiesta n. 8", actor=a.admin)
    for _round in range(2):
        sync_settled(hub, a, b)
    for text in (_hub_everywhere(hub.db_url), _desk_text(a.path), _desk_text(b.path)):
        assert "figlia" not in text and NAME[1] not in text
