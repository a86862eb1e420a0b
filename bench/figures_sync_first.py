"""Figure: the first full sync of a new desk from a hub holding 1M visits, against raw copies.

The hub holds the `frontdesk demo --large` data set of one desk (20,000 companies, 200,000
visitors, 1,000,000 visits, hosts: the same generator, `generate_rows`), loaded straight into
`hub_record` with COPY (values and per-field stamps as a desk would have pushed them). A new
desk, just initialised, runs its first sync against a real `frontdesk-hub serve` process:
handshake, keys, pull of every page, apply (the visitors' search index included), verify. The
figure is that whole run.

The baseline, in the same run: a raw psycopg COPY out of the same rows of `hub_record`, plus a
raw sqlite3 executemany of the same rows (and their search-index rows) into the same desk schema
with its indexes (an initialised desk, one transaction, the outbox triggers held off as the
apply step holds them). Target: within 3x.

Not in a default run (about 10 minutes, and its million-row load holds back the change log of
every other hub database on the PostgreSQL server while it runs: see bench/hub_server.py):
`python -m bench.run --only sync_first` (with --quick: the normal demo size, 24,000 visits).
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
import time
from pathlib import Path

from bench.context import Context, log
from bench.table import Row, Stats

SOURCE, NEW = "R1", "N1"


def hub_rows(rows, desk: str):
    """(table, id, data JSON, stamps JSON) of every synced row of the demo data set `rows`."""
    from frontdesk.db.models import synced_models
    from frontdesk.db.outbox import synced_fields
    from frontdesk.domain import hlc

    models = {model.__tablename__: model for model in synced_models()}
    for name, (columns, data) in rows.tables.items():
        model = models.get(name)
        if model is None:
            continue  # the search index: each desk builds its own
        fields = synced_fields(model)
        position = {c: i for i, c in enumerate(columns)}
        defaults = {c.name: c.default.arg if c.default is not None and getattr(c.default, "is_scalar", False)
                    else None for c in model.__table__.columns}
        stamp_at = position["hlc"]
        for row in data:
            stamp = hlc.stamp(hlc.logical_value(int(str(row[stamp_at]).split("-")[0])), desk)
            values = {f: row[position[f]] if f in position else defaults[f] for f in fields}
            yield name, row[position["id"]], json.dumps(values), json.dumps(dict.fromkeys(fields, stamp))


def load_hub(db_url: str, rows, desk_id: int) -> tuple[int, float]:
    """COPY the data set into hub_record; returns (rows, seconds)."""
    import psycopg

    started = time.perf_counter()
    count = 0
    with psycopg.connect(db_url) as conn:
        with conn.cursor() as cur, cur.copy("COPY hub_record (tbl, row_id, data, stamps, desk_id) FROM STDIN") as copy:
            for tbl, row_id, data, stamps in hub_rows(rows, SOURCE):
                copy.write_row((tbl, row_id, data, stamps, desk_id))
                count += 1
        conn.commit()
        conn.autocommit = True
        conn.execute("VACUUM ANALYZE hub_record")
    return count, time.perf_counter() - started


def copy_out(db_url: str) -> float:
    """Seconds to read every row of hub_record with a raw COPY out."""
    import psycopg

    started = time.perf_counter()
    with psycopg.connect(db_url) as conn, conn.cursor() as cur, cur.copy(
            "COPY (SELECT tbl, row_id, data, stamps FROM hub_record ORDER BY txid, tbl, row_id) TO STDOUT") as copy:
        for _block in copy:
            pass
    return time.perf_counter() - started


def sqlite_executemany(path: Path, rows) -> float:
    """Seconds to insert the data set (its search index included) with plain sqlite3."""
    from frontdesk.db.engine import PRAGMAS
    from frontdesk.db.outbox import not_queued
    from frontdesk.demo.fill import insert_statements

    statements = insert_statements(rows)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        for pragma in PRAGMAS:
            conn.execute(pragma)
        started = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        with not_queued(conn):
            for _table, sql, data in statements:
                conn.executemany(sql, data)
        conn.execute("COMMIT")
        return time.perf_counter() - started
    finally:
        conn.close()


def _desk_counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("company", "visitor", "visit", "host", "visitor_search_term")}
    finally:
        conn.close()


def first_full_sync(ctx: Context) -> list[Row]:
    from bench.hub_server import SERVER, hub_process, postgres_problem, scratch_database
    from frontdesk.demo.fill import read_refs
    from frontdesk.demo.rows import generate_rows
    from frontdesk.domain.roles import Actor, Role
    from frontdesk.hub.database import engine_for, upgrade
    from frontdesk.hub.desks import add_desk
    from frontdesk.hub.models import HubDesk
    from frontdesk.services.desk.setup import init_desk, open_desk
    from frontdesk.services.sync import run_sync

    size = "1M visits" if ctx.large else "24k visits (quick)"
    label = f"first full sync of a new desk, hub with {size}"
    if problem := postgres_problem():
        return [Row(label, None, note=f"skipped: no PostgreSQL at {SERVER} ({problem[:80]})")]
    folder = Path(tempfile.mkdtemp(prefix="first-sync-", dir=ctx.workdir))
    source = folder / "source.sqlite"
    init_desk(source, desk=SOURCE)
    db = open_desk(source)
    try:
        with db.read() as session:
            refs = read_refs(session, desk=SOURCE)
    finally:
        db.dispose()
    log(f"{label}: generating the data set ...")
    rows = generate_rows(ctx.large, 2026, refs=refs)
    with scratch_database() as db_url:
        engine = engine_for(db_url)
        upgrade(engine)
        add_desk(engine, code=SOURCE, roles=frozenset(Role))
        token = add_desk(engine, code=NEW, roles=frozenset(Role))
        with engine.connect() as conn:
            source_id = conn.execute(HubDesk.__table__.select().where(HubDesk.code == SOURCE)).one().id
        engine.dispose()
        log(f"{label}: loading the hub with COPY ...")
        loaded, load_s = load_hub(db_url, rows, source_id)
        log(f"{label}: {loaded:,} rows loaded in {load_s:.1f} s; the new desk syncs ...")
        with hub_process(db_url, folder / "hub.log") as url:
            path = folder / "new-desk.sqlite"
            init_desk(path, desk=NEW)
            desk = open_desk(path)
            try:
                started = time.perf_counter()
                report = run_sync(desk, hub_url=url, token=token, actor=Actor.desk_itself(NEW))
                sync_s = time.perf_counter() - started
            finally:
                desk.dispose()
        counts = _desk_counts(path)
        if counts["visit"] != rows.count("visit") or counts["visitor"] != rows.count("visitor"):
            raise RuntimeError(f"the new desk holds {counts}, not the hub's rows")
        if report.differences:
            raise RuntimeError(f"verify found differences: {report.differences}")
        log(f"{label}: synced in {sync_s:.1f} s; baseline ...")
        out_s = copy_out(db_url)
    baseline_path = folder / "baseline.sqlite"
    init_desk(baseline_path, desk="B1")
    lite_s = sqlite_executemany(baseline_path, rows)
    note = (f"{report.pulled:,} rows pulled ({counts['visit']:,} visits, {counts['visitor']:,} visitors, "
            f"{counts['company']:,} companies; {counts['visitor_search_term']:,} search-index rows built); "
            f"baseline = COPY out {out_s:.1f} s + sqlite3 executemany {lite_s:.1f} s; hub loaded by COPY in "
            f"{load_s:.1f} s")
    return [Row(label, Stats.of([sync_s]), "raw COPY out + sqlite3 executemany", Stats.of([out_s + lite_s]),
                target="<= 3x", note=note)]
