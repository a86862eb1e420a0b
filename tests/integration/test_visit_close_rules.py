"""How a visit was closed (issue 12, point 4): a check-out by a person records `closed_by`
'person' and who did it, the evening close 'system' and nobody; the evening close closes only the
visits that arrived at its desk; migration 0005 carries existing visits over."""

from __future__ import annotations

import datetime as dt
import sqlite3

from alembic import command
from sqlalchemy import create_engine, update

from frontdesk.db.migrate import alembic_config, open_database
from frontdesk.db.models import Registration, Visit
from frontdesk.db.outbox import drop_sync_triggers
from frontdesk.domain.clock import ROME
from frontdesk.domain.roles import Actor
from frontdesk.services.reception.visits import check_in, check_out, close_open_visits, on_site
from frontdesk.services.registry.visitors import VisitorInput, create_visitor


def _visitor(db, admin, surname: str):
    return create_visitor(db, data=VisitorInput("Mario", surname), actor=admin, privacy_notice_version="2026-01").id


def _row(db, visit_id):
    with db.read() as session:
        v = session.get(Visit, visit_id)
        return v.status, v.closed_by, v.checked_out_by, v.closed_by_system, v.checked_in_desk


def _next_morning(moment: dt.datetime) -> dt.datetime:
    return dt.datetime.combine(moment.astimezone(ROME).date() + dt.timedelta(days=1), dt.time(8), tzinfo=ROME)


def test_a_person_and_the_evening_close_record_who_closed_the_visit(db, admin):
    by_hand = check_in(db, visitor_id=_visitor(db, admin, "Rossi"), service_code="meeting", host_id=None,
                       actor=admin).visit
    left_open = check_in(db, visitor_id=_visitor(db, admin, "Bianchi"), service_code="meeting", host_id=None,
                         actor=admin).visit
    assert _row(db, by_hand.id)[4] == db.desk  # the desk where the visitor arrived
    check_out(db, visit_id=by_hand.id, actor=admin)
    assert close_open_visits(db, actor=Actor.desk_itself(db.desk), now=_next_morning(left_open.checked_in_at)) == 1
    assert _row(db, by_hand.id) == ("out", "person", admin.staff_id, False, db.desk)
    assert _row(db, left_open.id) == ("out", "system", None, True, db.desk)


def test_the_evening_close_leaves_another_desks_visitors_alone(db, admin):
    mine = check_in(db, visitor_id=_visitor(db, admin, "Rossi"), service_code="meeting", host_id=None,
                    actor=admin).visit
    theirs = check_in(db, visitor_id=_visitor(db, admin, "Bianchi"), service_code="meeting", host_id=None,
                      actor=admin).visit
    with db.begin() as session:  # as if this visitor arrived at desk L1 and the visit came by sync
        session.execute(update(Visit).where(Visit.id == theirs.id).values(checked_in_desk="L1"))
    assert close_open_visits(db, actor=Actor.desk_itself(db.desk), now=_next_morning(mine.checked_in_at)) == 1
    assert [v.id for v in on_site(db)] == [theirs.id]
    assert _row(db, mine.id)[:2] == ("out", "system")


def test_migration_0005_keeps_how_existing_visits_were_closed(tmp_path):
    path = tmp_path / "old.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    at = "'2026-11-30 09:00:00.000000'"
    stamps = "'2026-11-30 10:00:00.000000', '2026-11-30 10:00:00.000000', 'R1', 'R1', ''"
    with engine.begin() as conn:  # a desk made by an app at revision 0004
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0004")
        drop_sync_triggers(conn.exec_driver_sql, (Visit, Registration))  # (made from today's models)
        conn.exec_driver_sql(
            "INSERT INTO visitor (id, first_name, last_name, email, phone, search_key, privacy_notice_version, "
            "newsletter_consent, anonymised_at, created_at, updated_at, created_desk, updated_desk, hlc) VALUES "
            f"('a1', 'Anonimo', '', '', '', '', '', 0, {at}, {stamps}), ('b2', 'Mario', 'Rossi', '', '', '', '', 0, "
            f"NULL, {stamps})")
        for vid, visitor, status, out, system in (("v1", "b2", "out", at, 1), ("v2", "b2", "out", at, 0),
                                                  ("v3", "b2", "on_site", "NULL", 0), ("v4", "a1", "out", at, 0)):
            conn.exec_driver_sql(
                "INSERT INTO visit (id, visitor_id, service_id, status, checked_in_at, checked_out_at, "
                "closed_by_system, notes, cancel_reason, created_at, updated_at, created_desk, updated_desk, hlc) "
                f"VALUES ('{vid}', '{visitor}', 's', '{status}', {at}, {out}, {system}, '', '', {stamps})")
        conn.exec_driver_sql("DELETE FROM sync_outbox")
    engine.dispose()
    open_database(path, desk="R1").dispose()
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT id, closed_by, checked_out_by, checked_in_desk, anonymised_at IS NOT NULL "
                            "FROM visit ORDER BY id").fetchall()
        queued = conn.execute("SELECT count(*) FROM sync_outbox").fetchone()[0]
        conn.execute("UPDATE visit SET closed_by = 'person' WHERE id = 'v3'")  # the triggers are back
        fields = conn.execute("SELECT fields FROM sync_outbox").fetchall()
    finally:
        conn.close()
    assert rows == [("v1", "system", None, "R1", 0), ("v2", "person", None, "R1", 0), ("v3", "", None, "R1", 0),
                    ("v4", "person", None, "R1", 1)]
    assert queued == 0 and fields == [('["closed_by"]',)]
