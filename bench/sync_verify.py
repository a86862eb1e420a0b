"""The verify step reads the changes, not the tables: each side's checksums after a few changes,
beside recomputing them from every row (what a verify without kept sums would do each night).

- Desk: an SQLite file with ROWS synced rows (association, raw inserts with stamps), its sums
  computed once; then CHANGED rows get a new stamp. Figure: `table_sums` (folds the journal)
  beside summing every row from scratch (`SELECT id, hlc` + the hash of each row).
- Hub: a scratch PostgreSQL database with ROWS rows in `hub_record`, its sums built; then
  CHANGED pushes' worth of delta rows. Figure: `hub.checksums.checksums` beside `from_scratch`.

    .venv/bin/python -m bench.sync_verify [ROWS] [CHANGED]   # PostgreSQL at 127.0.0.1:5432 (user postgres)

Nothing is asserted: the output is for people.
"""

from __future__ import annotations

import json
import sqlite3
import sys
import tempfile
import time
import uuid
from pathlib import Path

from bench.sync_day import scratch_database


def _best(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def desk_figures(folder: Path, rows: int, changed: int) -> tuple[float, float]:
    from frontdesk.services.desk.setup import init_desk, open_desk
    from frontdesk.sync.checksums import _from_scratch, table_sums

    path = folder / "desk.sqlite"
    init_desk(path, desk="R1")
    db = open_desk(path)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO sync_apply (id) VALUES (1)")
    conn.executemany("INSERT INTO association (id, created_at, updated_at, created_desk, updated_desk, hlc, code, "
                     "name, sort) VALUES (?, '2026-01-01', '2026-01-01', 'R1', 'R1', ?, ?, ?, 0)",
                     [(uuid.uuid4().hex, f"{i:016x}.R1", f"c{i}", f"Associazione {i}") for i in range(rows)])
    conn.execute("DELETE FROM sync_apply")
    conn.execute("COMMIT")
    table_sums(db)  # the first time: from scratch

    def change() -> None:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE association SET hlc = '1' || substr(hlc, 2) WHERE rowid IN "
                     "(SELECT rowid FROM association ORDER BY random() LIMIT ?)", (changed,))
        conn.execute("COMMIT")

    incremental = []
    for _ in range(3):
        change()
        start = time.perf_counter()
        table_sums(db)
        incremental.append(time.perf_counter() - start)
    scratch = _best(lambda: _from_scratch(conn, "association"))
    conn.close()
    db.dispose()
    return min(incremental), scratch


def hub_figures(rows: int, changed: int) -> tuple[float, float]:
    import psycopg

    from frontdesk.domain.merge import RowState
    from frontdesk.hub.checksums import checksums, from_scratch, record_changes
    from frontdesk.hub.database import engine_for, upgrade

    with scratch_database() as url:
        engine = engine_for(url)
        upgrade(engine)
        with psycopg.connect(url) as conn:
            conn.execute("INSERT INTO hub_desk (code, token_hash, roles) VALUES ('R1', 'x', 'admin')")
            with conn.cursor().copy("COPY hub_record (tbl, row_id, data, stamps, desk_id) FROM STDIN") as copy:
                for i in range(rows):
                    stamp = f"{i:016x}.R1"
                    copy.write_row(("visit", uuid.uuid4().hex, json.dumps({"status": "out"}),
                                    json.dumps({"status": stamp}), 1))
        with engine.begin() as conn:
            for tbl, checksum in from_scratch(conn).items():
                conn.exec_driver_sql("INSERT INTO hub_table_sum (tbl, rows, total) VALUES (%s, %s, %s)",
                                     (tbl, checksum.rows, checksum.total))
        timings = []
        for _ in range(3):
            for n in range(changed):  # one delta row per push, as a day of pushes leaves them
                with engine.begin() as conn:
                    row_id = uuid.uuid4().hex
                    record_changes(conn, before={}, after={("visit", row_id): RowState({"status": "out"},
                                                                                      {"status": f"{n:016x}.R2"})})
            start = time.perf_counter()
            checksums(engine)
            timings.append(time.perf_counter() - start)
        with engine.connect() as conn:
            scratch = _best(lambda: from_scratch(conn))
        engine.dispose()
    return min(timings), scratch


def main() -> int:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    changed = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    with tempfile.TemporaryDirectory() as tmp:
        desk_kept, desk_scratch = desk_figures(Path(tmp), rows, changed)
    hub_kept, hub_scratch = hub_figures(rows, changed)
    print(f"{rows:,} rows, {changed} changed since the last verify (best of 3)")
    print(f"{'':28}{'kept sums':>12}{'from scratch':>15}{'ratio':>9}")
    for name, kept, scratch in (("desk (SQLite)", desk_kept, desk_scratch), ("hub (PostgreSQL)", hub_kept,
                                                                              hub_scratch)):
        print(f"{name:28}{kept * 1000:>10.1f}ms{scratch * 1000:>13.1f}ms{scratch / kept:>8.0f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
