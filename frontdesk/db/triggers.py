"""Triggers that are part of the schema. Migrations create them; batch mode drops them when it
recreates a table, so every migration that touches these tables calls `create_all_triggers`
again, and a test checks they are all present at head."""

from __future__ import annotations

TRIGGERS: dict[str, str] = {
    "audit_event_no_update": """
        CREATE TRIGGER IF NOT EXISTS audit_event_no_update BEFORE UPDATE ON audit_event
        BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END""",
    "audit_event_no_delete": """
        CREATE TRIGGER IF NOT EXISTS audit_event_no_delete BEFORE DELETE ON audit_event
        BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END""",
}


def create_all_triggers(execute) -> None:
    """`execute` is op.execute in a migration, or a connection's exec_driver_sql."""
    for sql in TRIGGERS.values():
        execute(sql)
