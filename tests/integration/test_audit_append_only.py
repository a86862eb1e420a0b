"""The audit trail is append-only against every SQL way of overwriting a row: UPDATE, DELETE, and
an INSERT that would take an existing event's place (INSERT OR REPLACE, REPLACE INTO, an upsert),
through the app's own connections and through a plain connection a careless tool would open."""

from __future__ import annotations

import sqlite3

import pytest
from alembic import command
from sqlalchemy import create_engine, text

from frontdesk.db.migrate import HEAD, alembic_config, current_revision, open_database
from frontdesk.services.registry.hosts import create_host

COLUMNS = "id, at, desk, actor_id, actor_label, record_type, record_id, action, changes"
FORGED = "'2026-01-01 00:00:00', 'R1', NULL, 'nobody', 'host', 'x', 'host.create', '{}'"
OVERWRITES = {
    "insert or replace, same id": f"INSERT OR REPLACE INTO audit_event ({COLUMNS}) VALUES (:id, {FORGED})",
    "replace into, same id": f"REPLACE INTO audit_event ({COLUMNS}) VALUES (:id, {FORGED})",
    "upsert on the id": f"INSERT INTO audit_event ({COLUMNS}) VALUES (:id, {FORGED}) "
                        "ON CONFLICT(id) DO UPDATE SET action = excluded.action",
    "insert or replace, same rowid": f"INSERT OR REPLACE INTO audit_event (rowid, {COLUMNS}) "
                                     f"VALUES (:rowid, 'ffffffffffffffffffffffffffffffff', {FORGED})",
}


def rows(path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT rowid, * FROM audit_event ORDER BY rowid").fetchall()
    finally:
        conn.close()


def connect(db, how: str) -> sqlite3.Connection:
    """The app's raw connection (its pragmas), or a bare one as any SQLite tool would open."""
    return db.raw() if how == "app" else sqlite3.connect(db.path)


@pytest.mark.parametrize("how", ["app", "plain"])
@pytest.mark.parametrize("statement", list(OVERWRITES))
def test_no_statement_overwrites_an_audit_event(db, admin, how, statement):
    create_host(db, name="Dott.ssa Rota", actor=admin)
    before = rows(db.path)
    rowid, event_id = before[-1][0], before[-1][1]
    conn = connect(db, how)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute(OVERWRITES[statement].replace(":id", f"'{event_id}'").replace(":rowid", str(rowid)))
        conn.commit()
    finally:
        conn.close()
    assert rows(db.path) == before


@pytest.mark.parametrize("how", ["app", "plain"])
def test_update_and_delete_are_refused_and_new_events_still_append(db, admin, how):
    create_host(db, name="Dott.ssa Rota", actor=admin)
    before = rows(db.path)
    conn = connect(db, how)
    try:
        for sql in ("UPDATE audit_event SET action = 'x'", "UPDATE OR REPLACE audit_event SET action = 'x'",
                    "DELETE FROM audit_event"):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                conn.execute(sql)
    finally:
        conn.close()
    create_host(db, name="Ing. Carrara", actor=admin)  # the app's own inserts are unaffected
    after = rows(db.path)
    assert after[:len(before)] == before and len(after) == len(before) + 1


def test_the_apps_connections_fire_delete_triggers_on_replace(db):
    """recursive_triggers: REPLACE's implicit delete meets the delete trigger too (belt and braces)."""
    for engine in (db.engine, db.read_engine):
        with engine.connect() as conn:
            assert conn.execute(text("PRAGMA recursive_triggers")).scalar() == 1
    conn = db.raw()
    try:
        assert conn.execute("PRAGMA recursive_triggers").fetchone() == (1,)
    finally:
        conn.close()


def test_a_file_from_before_the_fix_gains_the_trigger_when_opened(tmp_path):
    path = tmp_path / "old.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:  # the schema an older app wrote: revision 0001, without the new trigger
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        conn.exec_driver_sql("DROP TRIGGER IF EXISTS audit_event_no_replace")
        conn.exec_driver_sql(f"INSERT INTO audit_event ({COLUMNS}) VALUES ('{'a' * 32}', {FORGED})")
    engine.dispose()
    assert current_revision(path) == "0001"

    db = open_database(path, desk="R1")
    try:
        assert current_revision(path) == HEAD
        conn = sqlite3.connect(path)
        try:
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
            assert "audit_event_no_replace" in names
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                conn.execute(f"REPLACE INTO audit_event ({COLUMNS}) VALUES ('{'a' * 32}', {FORGED})")
        finally:
            conn.close()
    finally:
        db.dispose()
