"""The sync outbox's triggers, generated from the synced models' declarations (`__sync__`).

Every INSERT on a synced table, and every UPDATE that changes one of its synced fields, appends
a row to `sync_outbox` in the same transaction: the table, the row id, the fields it changed, the
row as written (JSON, the values as SQLite stores them) and a hybrid-logical-clock stamp
(domain.hlc) taken from `sync_state['clock']`, which the trigger advances to at least the wall
clock and strictly past every stamp made or received before. No code path can bypass them.

A row of an append-only table (the audit trail, custody events) is never changed by the app, but
one changed behind its back (a tool, a script) is queued like any change: the hub answers it
superseded and hands the row out again as it was made (hub.push), which puts it back here.

Applying pulled changes does not queue them again: the apply step keeps a row in `sync_apply`
for the length of its transaction and the triggers' WHEN skips while it is there.

Personal values never outlive their row: when a personal field changes, the row's changes still
waiting (or kept aside as rejected) take the new value (`_scrub_trigger`).

Who acted: the services' audit (`note_actor`, called by every audited write) names the actor of
the transaction; just before the commit its outbox rows that have none get it. Rows written
without an actor (migrations, tools) go as the desk itself.

Batch migrations recreate tables and drop their triggers: a migration that alters a synced table
calls `create_sync_triggers` again (a test upgrades from the first migration and checks them).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event, inspect, text
from sqlalchemy.orm import Session

from frontdesk.db.models import synced_models

NOT_SENT = frozenset({"id", "hlc"})  # the key travels apart; the hlc column is the desk's own
BOOKKEEPING = frozenset({"created_at", "updated_at", "created_desk", "updated_desk"})  # not a change alone
CLOCK_KEY = "clock"
_NOW = "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536"


def synced_fields(model, present: frozenset[str] | None = None) -> list[str]:
    """The columns of a synced table that travel, in table order; with `present`, only those of
    them the table has (a migration builds the triggers of the table as it is at its revision)."""
    local = model.__sync__.local
    return [c.name for c in model.__table__.columns if c.name not in NOT_SENT and c.name not in local
            and (present is None or c.name in present)]


def _desk_of(model) -> str:
    return "NEW.desk" if "desk" in model.__table__.columns else "NEW.updated_desk"


def _outbox_insert(model, kind: str, fields_sql: str, fields: list[str]) -> str:
    table = model.__tablename__
    data = ", ".join(f"'{name}', NEW.{name}" for name in fields)
    return f"""
        UPDATE sync_state SET number = max(number + 1, {_NOW}) WHERE key = '{CLOCK_KEY}';
        INSERT INTO sync_outbox (table_name, row_id, kind, hlc, fields, data)
        VALUES ('{table}', NEW.id, '{kind}',
                printf('%016x', (SELECT number FROM sync_state WHERE key = '{CLOCK_KEY}'))
                  || '.' || coalesce({_desk_of(model)}, ''),
                {fields_sql}, json_object({data}));"""


def _triggers_of(model, present: frozenset[str] | None) -> dict[str, str]:
    table = model.__tablename__
    fields = synced_fields(model, present)
    not_applying = "NOT EXISTS (SELECT 1 FROM sync_apply)"
    all_fields = "json_array(" + ", ".join(f"'{name}'" for name in fields) + ")"
    triggers = {
        f"sync_{table}_insert": f"""
        CREATE TRIGGER IF NOT EXISTS sync_{table}_insert AFTER INSERT ON {table}
        WHEN {not_applying}
        BEGIN{_outbox_insert(model, "insert", all_fields, fields)}
        END"""}
    changed = " OR ".join(f"OLD.{name} IS NOT NEW.{name}" for name in fields if name not in BOOKKEEPING)
    changed_list = ("(SELECT json_group_array(name) FROM ("
                    + " UNION ALL ".join(f"SELECT '{name}' AS name WHERE OLD.{name} IS NOT NEW.{name}"
                                         for name in fields) + "))")
    triggers[f"sync_{table}_update"] = f"""
        CREATE TRIGGER IF NOT EXISTS sync_{table}_update AFTER UPDATE ON {table}
        WHEN {not_applying} AND ({changed})
        BEGIN{_outbox_insert(model, "update", changed_list, fields)}
        END"""
    return triggers


def _scrub_trigger(model, present: frozenset[str] | None) -> dict[str, str]:
    """When a personal field changes (an edit, an erasure, the retention's anonymisation), the
    changes of that row still waiting in the outbox, or kept aside as rejected, take its new value:
    no copy of a value the row no longer holds stays in the file. Fires while applying pulled
    changes too (an erasure made at another desk)."""
    table = model.__tablename__
    personal = [c.name for c in model.__table__.columns
                if c.info.get("personal") and c.name in synced_fields(model, present)]
    if not personal:
        return {}
    changed = " OR ".join(f"OLD.{name} IS NOT NEW.{name}" for name in personal)
    values = ", ".join(f"'$.{name}', NEW.{name}" for name in personal)
    return {f"sync_{table}_scrub": f"""
        CREATE TRIGGER IF NOT EXISTS sync_{table}_scrub AFTER UPDATE ON {table}
        WHEN {changed}
        BEGIN
        UPDATE sync_outbox SET data = json_replace(data, {values}) WHERE table_name = '{table}' AND row_id = NEW.id;
        UPDATE sync_rejected SET data = json_replace(data, {values}) WHERE table_name = '{table}' AND row_id = NEW.id;
        END"""}


def sync_triggers(models=None, bind=None) -> dict[str, str]:
    """Name -> CREATE TRIGGER statement, for every synced table (or those of `models`); with
    `bind` (a migration's connection), over the columns each table has there and then."""
    out: dict[str, str] = {}
    for model in synced_models() if models is None else models:
        present = None
        if bind is not None:
            present = frozenset(c["name"] for c in inspect(bind).get_columns(model.__tablename__))
        out.update(_triggers_of(model, present))
        out.update(_scrub_trigger(model, present))
    return out


def drop_sync_triggers(execute, models=None) -> None:
    for name in sync_triggers(models):
        execute(f"DROP TRIGGER IF EXISTS {name}")


def create_sync_triggers(execute, models=None, bind=None) -> None:
    """`execute` is op.execute in a migration, or a connection's exec_driver_sql. A migration
    names the tables that sync at its revision (`models`), and passes its connection (`bind`) so
    that a column a later revision adds is left out of the triggers until that revision makes
    them again (SQLite checks every trigger when a later migration renames a table)."""
    for sql in sync_triggers(models, bind).values():
        execute(sql)


@contextmanager
def not_queued(conn) -> Iterator[None]:
    """Inside the caller's transaction on a plain sqlite3 connection: writes made in the block are
    not queued (bulk loads of demo data; the apply step holds the same flag)."""
    conn.execute("INSERT INTO sync_apply (id) VALUES (1)")
    try:
        yield
    finally:
        conn.execute("DELETE FROM sync_apply")


def actor_json(staff_id: object, role: str | None) -> str:
    """How the outbox records who acted: {} for the desk itself."""
    if staff_id is None:
        return "{}"
    return json.dumps({"staff_id": str(staff_id), "role": role or ""}, sort_keys=True)


def note_actor(session: Session, *, staff_id: object, role: str | None) -> None:
    """The actor of this transaction's changes (the first one named wins)."""
    session.info.setdefault("sync_actor", actor_json(staff_id, role))


@event.listens_for(Session, "before_commit")
def _attribute_outbox_rows(session: Session) -> None:
    actor = session.info.pop("sync_actor", None)
    if actor is not None:
        session.flush()  # before_commit comes before the commit's own flush: the audit row too
        session.execute(text("UPDATE sync_outbox SET actor = :actor WHERE actor IS NULL"), {"actor": actor})
