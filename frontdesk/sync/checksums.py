"""This desk's checksum of each synced table (domain.checksum), kept up to date for the verify.

The triggers of db.checksums journal every change of a row's contribution; `table_sums` folds the
journal into `sync_table_sum` in one transaction and empties it: the work is the number of rows
changed since the last verify, not the size of the tables. A table that has no sum yet (a desk
just upgraded) or a journal longer than `SCRATCH_AT` (a first full pull) is summed from scratch
instead, once. `recompute` sums one table from scratch (after a table was fetched again).

A row counts once it came from the hub (db.checksums): the checksums here describe what this
desk received, which is what the hub's describe (hub.checksums: up to the horizon of its pulls).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from frontdesk.db.checksums import has_stamp
from frontdesk.db.engine import Database
from frontdesk.db.models import synced_models
from frontdesk.domain.checksum import Checksum, row_hash, signed
from frontdesk.domain.errors import DatabaseProblem

MODELS = {model.__tablename__: model for model in synced_models()}
SCRATCH_AT = 50_000  # journal rows of one table beyond which summing the table is cheaper


def _contribution(row_id: str, stamp: str | None) -> tuple[int, int]:
    return (0, 0) if stamp is None else (1, row_hash(row_id, stamp))


def _from_scratch(conn: sqlite3.Connection, table: str) -> Checksum:
    query = (f"SELECT id, hlc FROM {table} WHERE hlc <> ''" if has_stamp(MODELS[table])
             else f"SELECT row_id, '' FROM sync_received WHERE table_name = '{table}'")
    rows = total = 0
    for row_id, stamp in conn.execute(query):
        rows += 1
        total += row_hash(row_id, stamp)
    return Checksum(rows, total % 2**64)


def _store(conn: sqlite3.Connection, sums: dict[str, Checksum]) -> None:
    conn.executemany("INSERT OR REPLACE INTO sync_table_sum (table_name, rows, total) VALUES (?, ?, ?)",
                     [(t, c.rows, signed(c.total)) for t, c in sums.items()])


def _in_transaction(db: Database, work: Callable[[sqlite3.Connection], object]):
    if db.writes_held:
        raise DatabaseProblem(db.writes_held)
    conn = db.raw()
    conn.isolation_level = None
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            result = work(conn)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        return result
    finally:
        conn.close()


def _fold(conn: sqlite3.Connection) -> dict[str, Checksum]:
    sums = {t: Checksum(rows, total % 2**64) for t, rows, total in
            conn.execute("SELECT table_name, rows, total FROM sync_table_sum")}
    lengths = dict(conn.execute("SELECT table_name, count(*) FROM sync_sum_journal GROUP BY table_name"))
    scratch = {t for t in MODELS if t not in sums or lengths.get(t, 0) > SCRATCH_AT}
    moved = {t: [0, 0] for t in MODELS if t not in scratch}
    for table, row_id, old, new in conn.execute(
            "SELECT table_name, row_id, old_stamp, new_stamp FROM sync_sum_journal ORDER BY seq"):
        if table in moved:
            (gone_rows, gone), (come_rows, come) = _contribution(row_id, old), _contribution(row_id, new)
            moved[table][0] += come_rows - gone_rows
            moved[table][1] += come - gone
    folded = {t: sums[t].plus(rows, total) for t, (rows, total) in moved.items()}
    folded.update({t: _from_scratch(conn, t) for t in scratch})
    conn.execute("DELETE FROM sync_sum_journal")
    _store(conn, folded)
    return folded


def table_sums(db: Database) -> dict[str, Checksum]:
    """Each synced table's checksum as this desk received it from the hub."""
    return _in_transaction(db, _fold)


def recompute(db: Database, *, table: str) -> None:
    """Sum `table` from scratch (its journal entries are folded in, the others kept)."""
    def work(conn: sqlite3.Connection) -> None:
        _fold(conn)
        _store(conn, {table: _from_scratch(conn, table)})

    _in_transaction(db, work)
