"""The technician's queue opened on the demo database (the `--large` one: 50,000 samples, about a
year of tests run by four technicians on six machines, and the queues of the days around the day it
was made): the first page the screen's lazily fetched model asks for (`queue_page`, QUEUE_PAGE
rows), for the busiest technician's day and the busiest machine's day; p50 and p95 of each run.
Baseline: a raw sqlite3 connection running the same two reads written by hand (no ORM, no values
built), in the same run. Target: under 200 ms.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import time
import uuid

from bench.context import Context, log
from bench.table import Row, Stats, percentile

_COLUMNS = ("SELECT t.id, t.sample_id, s.lab_id, tt.code, tt.name_it, t.equipment_id, e.code, e.name, e.room, "
            "t.planned_start, t.planned_end, t.status, t.paused, t.round, r.priority, r.due_on, t.technician_id, "
            "m.display_name FROM lab_test t JOIN lab_sample s ON s.id = t.sample_id "
            "JOIN lab_request r ON r.id = s.request_id JOIN lab_test_type tt ON tt.id = t.test_type_id "
            "LEFT JOIN lab_equipment e ON e.id = t.equipment_id LEFT JOIN staff_member m ON m.id = t.technician_id ")
_EARLIER = ("WHERE +t.{owner} = ? AND t.status IN ('scheduled', 'in_progress') AND t.planned_start < ? "
            "AND (t.planned_end > ? OR t.status = 'in_progress') ORDER BY t.planned_start, t.id LIMIT ?")
_DURING = ("WHERE t.{owner} = ? AND t.planned_start >= ? AND t.planned_start < ? "
           "AND t.status IN ('scheduled', 'in_progress') ORDER BY t.planned_start, t.id LIMIT ?")


def _stored(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


def _raw_page(conn: sqlite3.Connection, owner: str, ident: str, first: str, last: str, limit: int) -> int:
    rows = conn.execute(_COLUMNS + _EARLIER.format(owner=owner), (ident, first, first, limit)).fetchall()
    if len(rows) < limit:
        rows += conn.execute(_COLUMNS + _DURING.format(owner=owner),
                             (ident, first, last, limit - len(rows))).fetchall()
    return len(rows)


def _busiest_day(conn: sqlite3.Connection) -> dt.date:
    """Today if the demo planned tests on it, else the day it planned most (a demo made days ago)."""
    from frontdesk.domain.clock import rome_day_bounds, today_in_rome

    today = today_in_rome()
    first, last = (_stored(m) for m in rome_day_bounds(today))
    if conn.execute("SELECT count(*) FROM lab_test WHERE status IN ('scheduled', 'in_progress') "
                    "AND planned_start >= ? AND planned_start < ?", (first, last)).fetchone()[0]:
        return today
    day = conn.execute("SELECT substr(planned_start, 1, 10) d FROM lab_test WHERE status IN "
                       "('scheduled', 'in_progress') GROUP BY d ORDER BY count(*) DESC LIMIT 1").fetchone()
    return dt.date.fromisoformat(day[0]) if day else today


def queue_figure(ctx: Context) -> list[Row]:
    from frontdesk.domain.clock import rome_day_bounds
    from frontdesk.services.desk.setup import open_desk
    from frontdesk.services.lab.queue import QUEUE_PAGE, queue_page

    path = ctx.demo_db()
    runs = ctx.runs_for(quick=2, full=5)
    per_run = 20 if ctx.quick else 100
    raw = sqlite3.connect(path)
    day = _busiest_day(raw)
    first, last = (_stored(m) for m in rome_day_bounds(day))
    owners = {}
    for owner in ("technician_id", "equipment_id"):
        found = raw.execute(f"SELECT {owner}, count(*) n FROM lab_test WHERE {owner} IS NOT NULL "
                            f"AND status IN ('scheduled', 'in_progress') AND planned_start >= ? AND planned_start < ? "
                            f"GROUP BY {owner} ORDER BY n DESC LIMIT 1", (first, last)).fetchone()
        if found is None:
            raw.close()
            return [Row("lab queue first page p95 (service call)", None, note="no test planned in the demo database")]
        owners[owner] = found[0]
    history = {owner: raw.execute(f"SELECT count(*) FROM lab_test WHERE {owner} = ?", (ident,)).fetchone()[0]
               for owner, ident in owners.items()}
    for owner, ident in owners.items():
        for part, args in ((_EARLIER, (ident, first, first, QUEUE_PAGE)), (_DURING, (ident, first, last, QUEUE_PAGE))):
            plan = raw.execute("EXPLAIN QUERY PLAN " + _COLUMNS + part.format(owner=owner), args).fetchall()
            log(f"lab queue by {owner}: {' | '.join(p[-1] for p in plan if ' t ' in p[-1])}")
    db = open_desk(path)
    rows: list[Row] = []
    try:
        for owner, label in (("technician_id", "technician"), ("equipment_id", "machine")):
            ident = owners[owner]
            kwargs = {owner: uuid.UUID(hex=ident)}
            shown = len(queue_page(db, day=day, **kwargs))  # the first call imports and warms up
            service_runs, raw_runs = [], []
            for _run in range(runs):
                service, baseline = [], []
                for _i in range(per_run):
                    started = time.perf_counter()
                    queue_page(db, day=day, limit=QUEUE_PAGE, **kwargs)
                    service.append(time.perf_counter() - started)
                    started = time.perf_counter()
                    _raw_page(raw, owner, ident, first, last, QUEUE_PAGE)
                    baseline.append(time.perf_counter() - started)
                service_runs.append(service)
                raw_runs.append(baseline)
            note = (f"{day.isoformat()}: {shown} rows on the first page; {history[owner]:,} tests of the {label} "
                    f"in all; {runs} runs x {per_run}")
            log(f"lab queue by {label}: {note}")
            rows += [
                Row(f"lab queue by {label}, first page p50 (service call)",
                    Stats.of([percentile(r, 50) for r in service_runs]), "raw sqlite3, same reads (p50)",
                    Stats.of([percentile(r, 50) for r in raw_runs]), unit="ms"),
                Row(f"lab queue by {label}, first page p95 (service call)",
                    Stats.of([percentile(r, 95) for r in service_runs]), "raw sqlite3, same reads (p95)",
                    Stats.of([percentile(r, 95) for r in raw_runs]), target="< 200 ms", unit="ms", note=note),
            ]
    finally:
        db.dispose()
        raw.close()
    return rows
