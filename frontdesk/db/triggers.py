"""Triggers that are part of the schema. Migrations create them; batch mode drops them when it
recreates a table, so every migration that touches these tables calls `create_all_triggers`
again, and a test checks they are all present at head.

The audit trail is append-only: an UPDATE, a DELETE, and an INSERT that would take the place of an
existing event (`INSERT OR REPLACE`, `REPLACE INTO` with its id or its rowid: SQLite resolves
that conflict by deleting the old row *without* firing delete triggers unless the connection set
`recursive_triggers`, which the app's connections do) are all refused. Triggers stop the app and
careless tools; whoever can write the file can also drop them (see the README)."""

from __future__ import annotations

TRIGGERS: dict[str, str] = {
    "audit_event_no_update": """
        CREATE TRIGGER IF NOT EXISTS audit_event_no_update BEFORE UPDATE ON audit_event
        BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END""",
    "audit_event_no_delete": """
        CREATE TRIGGER IF NOT EXISTS audit_event_no_delete BEFORE DELETE ON audit_event
        BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END""",
    # Fires before REPLACE's conflict resolution, so the old row is still there to be found. In a
    # BEFORE INSERT trigger NEW.rowid is -1 when the statement gives no rowid.
    "audit_event_no_replace": """
        CREATE TRIGGER IF NOT EXISTS audit_event_no_replace BEFORE INSERT ON audit_event
        WHEN EXISTS (SELECT 1 FROM audit_event WHERE id = NEW.id)
          OR (NEW.rowid <> -1 AND EXISTS (SELECT 1 FROM audit_event WHERE rowid = NEW.rowid))
        BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END""",
}


def drop_all_triggers(execute) -> None:
    for name in TRIGGERS:
        execute(f"DROP TRIGGER IF EXISTS {name}")


def create_all_triggers(execute) -> None:
    """`execute` is op.execute in a migration, or a connection's exec_driver_sql."""
    for sql in TRIGGERS.values():
        execute(sql)
