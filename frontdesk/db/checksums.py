"""The triggers that journal every change to a synced row's checksum contribution (domain.checksum).

A row counts in its table's checksum with its id and its newest stamp, the `hlc` column that the
apply step sets to the hub's newest stamp of the row: a row made here counts once it came back
from the hub (until then its `hlc` is empty). Every INSERT, DELETE, and UPDATE that moves a
row's id or `hlc` appends (table, id, old stamp, new stamp) to `sync_sum_journal`, NULL standing
for "did not count". A table with no `hlc` column (the append-only audit trail, whose rows never
change) counts its rows received from the hub, listed in `sync_received`, with the stamp ''.

Unlike the outbox triggers they fire while pulled changes are applied and for raw SQL too:
whoever writes, the journal knows, so the checksum a verify compares is the rows' own, not a
belief about them. The verify folds the journal into `sync_table_sum` (sync.checksums):
O(changes), never a pass over the table.

A migration that recreates a synced table calls `create_sum_triggers` again, as it does for the
outbox's (db.outbox).
"""

from __future__ import annotations

from frontdesk.db.models import synced_models


def has_stamp(model) -> bool:
    return "hlc" in model.__table__.columns


def _journal(table: str, row_id: str, old: str, new: str) -> str:
    return (f"INSERT INTO sync_sum_journal (table_name, row_id, old_stamp, new_stamp) "
            f"VALUES ({table}, {row_id}, {old}, {new});")


def _summed(table: str) -> str:
    """Journal only once the table has a sum: until its first verify sums it from scratch, nothing
    is written for it (a desk's first full pull is not slowed by a journal it would not read)."""
    return f"EXISTS (SELECT 1 FROM sync_table_sum WHERE table_name = {table})"


_RECEIVED = {
    "sum_received_insert": f"""
        CREATE TRIGGER IF NOT EXISTS sum_received_insert AFTER INSERT ON sync_received
        WHEN {_summed("NEW.table_name")}
        BEGIN {_journal("NEW.table_name", "NEW.row_id", "NULL", "''")} END""",
    "sum_received_delete": f"""
        CREATE TRIGGER IF NOT EXISTS sum_received_delete AFTER DELETE ON sync_received
        WHEN {_summed("OLD.table_name")}
        BEGIN {_journal("OLD.table_name", "OLD.row_id", "''", "NULL")} END"""}


def sum_triggers(models=None) -> dict[str, str]:
    """Name -> CREATE TRIGGER statement, for every synced table with `hlc` (or those of `models`),
    and for `sync_received`."""
    out = dict(_RECEIVED)
    for model in synced_models() if models is None else models:
        if not has_stamp(model):
            continue
        table, quoted = model.__tablename__, f"'{model.__tablename__}'"
        old, new = "nullif(OLD.hlc, '')", "nullif(NEW.hlc, '')"
        out[f"sum_{table}_insert"] = f"""
        CREATE TRIGGER IF NOT EXISTS sum_{table}_insert AFTER INSERT ON {table}
        WHEN {new} IS NOT NULL AND {_summed(quoted)}
        BEGIN {_journal(quoted, "NEW.id", "NULL", new)} END"""
        out[f"sum_{table}_update"] = f"""
        CREATE TRIGGER IF NOT EXISTS sum_{table}_update AFTER UPDATE ON {table}
        WHEN (OLD.id IS NOT NEW.id OR OLD.hlc IS NOT NEW.hlc) AND {_summed(quoted)}
        BEGIN {_journal(quoted, "OLD.id", old, "NULL")} {_journal(quoted, "NEW.id", "NULL", new)} END"""
        out[f"sum_{table}_delete"] = f"""
        CREATE TRIGGER IF NOT EXISTS sum_{table}_delete AFTER DELETE ON {table}
        WHEN {old} IS NOT NULL AND {_summed(quoted)}
        BEGIN {_journal(quoted, "OLD.id", old, "NULL")} END"""
    return out


def create_sum_triggers(execute, models=None) -> None:
    """`execute` is op.execute in a migration, or a connection's exec_driver_sql."""
    for sql in sum_triggers(models).values():
        execute(sql)


def drop_sum_triggers(execute, models=None) -> None:
    for name in sum_triggers(models):
        execute(f"DROP TRIGGER IF EXISTS {name}")
