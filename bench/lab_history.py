"""A sample's history opened on the demo database (the `--large` one: 50,000 samples with their
tests and custody steps): the service call `sample_history` (everything about the sample, the
first page of its chain of custody, the audit events about it), per sample, for samples chosen at
random plus the one with the longest chain; p50 and p95 of each run. Baseline: a raw sqlite3
connection reading the same rows with the same queries written by hand (no ORM, no values
built), for the same samples, in the same run. Target: p95 under 200 ms.
"""

from __future__ import annotations

import random
import sqlite3
import time
import uuid

from bench.context import Context, log
from bench.table import Row, Stats, percentile

_RAW = (
    ("SELECT * FROM lab_sample WHERE id = ?", "sample"),
    ("SELECT r.*, c.name FROM lab_request r JOIN company c ON c.id = r.company_id WHERE r.id = ?", "request"),
    ("SELECT * FROM lab_sample WHERE id = ?", "parent"),
    ("SELECT * FROM lab_sample WHERE parent_id = ? ORDER BY position, lab_id", "sample_id"),
    ("SELECT t.*, tt.code, tt.name_it, tt.name_en, tt.standard, e.code, e.name, s.display_name FROM lab_test t "
     "JOIN lab_test_type tt ON tt.id = t.test_type_id LEFT JOIN lab_equipment e ON e.id = t.equipment_id "
     "LEFT JOIN staff_member s ON s.id = t.technician_id WHERE t.sample_id = ? ORDER BY t.id", "sample_id"),
    ("SELECT * FROM lab_custody_event WHERE sample_id = ? ORDER BY at DESC, id DESC LIMIT 50", "sample_id"),
)


def _raw_history(conn: sqlite3.Connection, sample_hex: str) -> None:
    sample = conn.execute(_RAW[0][0], (sample_hex,)).fetchone()
    names = [d[0] for d in conn.execute("SELECT * FROM lab_sample LIMIT 0").description]
    row = dict(zip(names, sample, strict=True))
    conn.execute(_RAW[1][0], (row["request_id"],)).fetchall()
    if row["parent_id"]:
        conn.execute(_RAW[2][0], (row["parent_id"],)).fetchall()
    conn.execute(_RAW[3][0], (sample_hex,)).fetchall()
    tests = conn.execute(_RAW[4][0], (sample_hex,)).fetchall()
    custody = conn.execute(_RAW[5][0], (sample_hex,)).fetchall()
    if len(custody) == 50:
        conn.execute("SELECT count(*) FROM lab_custody_event WHERE sample_id = ?", (sample_hex,)).fetchone()
    ids = [str(uuid.UUID(hex=sample_hex))] + [str(uuid.UUID(hex=t[0])) for t in tests]
    conn.execute("SELECT * FROM audit_event WHERE (record_type = 'lab_sample' AND record_id = ?) OR "
                 f"(record_type = 'lab_test' AND record_id IN ({', '.join('?' * (len(ids) - 1)) or 'NULL'})) "
                 "ORDER BY at DESC LIMIT 200", ids).fetchall()


def sample_history_figure(ctx: Context) -> list[Row]:
    from frontdesk.services.desk.setup import first_admin_actor, open_desk
    from frontdesk.services.lab.history import sample_history

    path = ctx.demo_db()
    runs = ctx.runs_for(quick=2, full=5)
    per_run = 10 if ctx.quick else 40
    raw = sqlite3.connect(path)
    total = raw.execute("SELECT count(*) FROM lab_sample").fetchone()[0]
    if not total:
        raw.close()
        return [Row("sample history p95 (service call)", None, note="no samples in the demo database")]
    longest = raw.execute("SELECT sample_id FROM lab_custody_event GROUP BY sample_id "
                          "ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    rng = random.Random(13)
    every = [r[0] for r in raw.execute("SELECT id FROM lab_sample")]
    db = open_desk(path)
    actor = first_admin_actor(db)
    service_runs, raw_runs = [], []
    try:
        sample_history(db, sample_id=uuid.UUID(hex=longest), actor=actor)  # the first call imports and warms up
        for _run in range(runs):
            chosen = [longest, *rng.sample(every, min(per_run - 1, len(every)))]
            service, baseline = [], []
            for ident in chosen:
                started = time.perf_counter()
                sample_history(db, sample_id=uuid.UUID(hex=ident), actor=actor)
                service.append(time.perf_counter() - started)
                started = time.perf_counter()
                _raw_history(raw, ident)
                baseline.append(time.perf_counter() - started)
            service_runs.append(service)
            raw_runs.append(baseline)
    finally:
        db.dispose()
        raw.close()
    log(f"sample history: {total:,} samples, {runs} runs x {per_run}")
    note = f"{total:,} samples; {runs} runs x {per_run} samples (the longest chain among them)"
    return [
        Row("sample history p50 (service call)", Stats.of([percentile(r, 50) for r in service_runs]),
            "raw sqlite3, same rows (p50)", Stats.of([percentile(r, 50) for r in raw_runs]), unit="ms"),
        Row("sample history p95 (service call)", Stats.of([percentile(r, 95) for r in service_runs]),
            "raw sqlite3, same rows (p95)", Stats.of([percentile(r, 95) for r in raw_runs]), target="< 200 ms",
            unit="ms", note=note),
    ]
