"""Each synced table's checksum at the hub (domain.checksum), kept as pushes change rows.

A push adds, in its own transaction, one row per table it changed to `hub_table_sum_delta`: the
change in rows and in the sum of hashes, and its transaction id. Inserts only, so concurrent
pushes never wait on one another for it. Reading the checksums first folds the deltas into
`hub_table_sum` (one reader at a time, under an advisory lock; a reader that does not get it
skips the folding), then reads both tables in one statement: the work is the number of pushes
since the last read, never the size of `hub_record`. `recount` rebuilds them (after `hub_record`
was changed by hand: `frontdesk-hub recount`).

Both count only the transactions below the horizon a pull reads to (hub.pull: the oldest
transaction still running in the hub's database), so the checksums describe what a desk can have pulled. A table with
changes committed above the horizon (a writing transaction still running in the hub's database
holds it back) is named `pending`: a desk cannot tell a difference there from changes it cannot pull yet,
so it leaves that table's verdict to a later run.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

from frontdesk.db.checksums import has_stamp
from frontdesk.db.models import synced_models
from frontdesk.domain.checksum import MOD, Checksum, row_hash, signed
from frontdesk.domain.merge import RowState
from frontdesk.hub.pull import HORIZON

PLAIN = sorted(m.__tablename__ for m in synced_models() if not has_stamp(m))  # counted by presence only
_FOLD_LOCK = 0x66647375  # advisory lock key of the folding
_ADD = text("""
    INSERT INTO hub_table_sum_delta (tbl, rows, total, txid)
    SELECT u.*, pg_current_xact_id()::text::bigint
    FROM unnest(CAST(:tbls AS text[]), CAST(:rows AS bigint[]), CAST(:totals AS bigint[])) AS u""")
_FOLD = text(f"""
    WITH moved AS (DELETE FROM hub_table_sum_delta WHERE txid < ({HORIZON.text})
                   RETURNING tbl, rows, total),
         added AS (SELECT tbl, sum(rows) AS rows, sum(total) AS total FROM moved GROUP BY tbl)
    INSERT INTO hub_table_sum (tbl, rows, total) SELECT tbl, rows, mod(total, {MOD}) FROM added
    ON CONFLICT (tbl) DO UPDATE SET rows = hub_table_sum.rows + excluded.rows,
                                    total = mod(hub_table_sum.total + excluded.total, {MOD})""")
_READ = text(f"""
    WITH h AS (SELECT ({HORIZON.text}) AS horizon)
    SELECT tbl, coalesce(sum(rows) FILTER (WHERE txid < h.horizon), 0),
           coalesce(sum(total) FILTER (WHERE txid < h.horizon), 0), bool_or(txid >= h.horizon)
    FROM (SELECT tbl, rows, total, 0 AS txid FROM hub_table_sum
          UNION ALL SELECT tbl, rows, total, txid FROM hub_table_sum_delta) AS s, h
    GROUP BY tbl""")
FROM_SCRATCH = text("""
    SELECT tbl, count(*), coalesce(sum(('x' || substr(md5(row_id || ' ' || CASE WHEN tbl = ANY(CAST(:plain AS text[]))
        THEN '' ELSE coalesce((SELECT max(value) FROM jsonb_each_text(stamps)), '') END), 1, 16))::bit(64)::bigint), 0)
    FROM hub_record WHERE data <> '{}'::jsonb GROUP BY tbl""")


def newest_stamp(table: str, state: RowState | None) -> str | None:
    """The stamp a row counts with; None when it does not count (a placeholder, no row yet)."""
    if state is None or not state.data:
        return None
    return "" if table in PLAIN else max(state.stamps.values(), default="")


def record_changes(conn: Connection, *, before: Mapping[tuple[str, str], RowState | None],
                   after: Mapping[tuple[str, str], RowState]) -> None:
    """Inside the push's transaction: the checksums' change for rows `before` -> `after`."""
    moved: dict[str, list[int]] = {}
    for key, state in after.items():
        table, row_id = key
        old, new = newest_stamp(table, before.get(key)), newest_stamp(table, state)
        if old == new:
            continue
        delta = moved.setdefault(table, [0, 0])
        if old is not None:
            delta[0] -= 1
            delta[1] -= row_hash(row_id, old)
        if new is not None:
            delta[0] += 1
            delta[1] += row_hash(row_id, new)
    if moved:
        conn.execute(_ADD, {"tbls": list(moved), "rows": [d[0] for d in moved.values()],
                            "totals": [signed(d[1]) for d in moved.values()]})


@dataclass(frozen=True)
class Checksums:
    sums: dict[str, Checksum]
    pending: frozenset[str]  # tables with changes committed above the horizon (not pullable yet)


def checksums(engine: Engine) -> Checksums:
    with engine.begin() as conn:
        if conn.execute(text("SELECT pg_try_advisory_xact_lock(:k)"), {"k": _FOLD_LOCK}).scalar_one():
            conn.execute(_FOLD)
    with engine.connect() as conn:
        rows = conn.execute(_READ).all()
    return Checksums({tbl: Checksum(int(n), int(total) % MOD) for tbl, n, total, _p in rows if n or int(total) % MOD},
                     frozenset(tbl for tbl, _n, _t, pending in rows if pending))


def recount(engine: Engine) -> dict[str, Checksum]:
    """Rebuild the checksums from `hub_record` (`frontdesk-hub recount`, after the record was
    changed by hand): pushes wait the few seconds it takes, then go on."""
    with engine.begin() as conn:
        conn.execute(text("LOCK TABLE hub_record IN SHARE MODE"))  # no push writes meanwhile
        conn.execute(text("LOCK TABLE hub_table_sum_delta, hub_table_sum IN EXCLUSIVE MODE"))
        sums = from_scratch(conn)
        conn.execute(text("DELETE FROM hub_table_sum_delta"))
        conn.execute(text("DELETE FROM hub_table_sum"))
        for tbl, checksum in sums.items():
            conn.execute(text("INSERT INTO hub_table_sum (tbl, rows, total) VALUES (:t, :r, :s)"),
                         {"t": tbl, "r": checksum.rows, "s": checksum.total})
    return sums


def from_scratch(conn: Connection) -> dict[str, Checksum]:
    return {tbl: Checksum(int(rows), int(total) % MOD)
            for tbl, rows, total in conn.execute(FROM_SCRATCH, {"plain": PLAIN})}
