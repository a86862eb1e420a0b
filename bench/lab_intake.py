"""The sample intake figure: an intake of 3 samples and 6 tests through to the labels' PDF bytes.

Measured: the service call `take_in` (one transaction: the request, 3 samples with their signed
label tokens, 6 tests with their prices, 3 custody steps, the audit events, committed with
synchronous=FULL) followed by `render_labels` of its three labels. Baseline, in the same run and
loop: a bare script's work, drawing the same three labels (same fonts, texts and vector QR, with
reportlab and qrcode) from values already in memory, no database. Target: p95 at most 1.5x the
baseline's p95. The desk is a fresh migrated database (the run's template) with the test types
of tests/lab_helpers.py (the catalogue's codes) and one customer.
"""

from __future__ import annotations

import sqlite3
import time

from bench.context import Context, log, remove_db
from bench.table import Row, Stats, percentile


def _working_copy(ctx: Context):
    path = ctx.workdir / "lab-intake-work.sqlite"
    remove_db(path)
    src = sqlite3.connect(ctx.template())
    dst = sqlite3.connect(path)
    src.backup(dst)
    dst.close()
    src.close()
    return path


def measure(ctx: Context) -> list[Row]:
    from frontdesk.documents.lab.label import render_labels
    from frontdesk.services.desk.setup import first_admin_actor, open_desk
    from frontdesk.services.lab.intake import take_in
    from tests.lab_helpers import add_test_types, customer, three_samples

    path = _working_copy(ctx)
    runs = ctx.runs_for(quick=2, full=5)
    per_run = 10 if ctx.quick else 40
    db = open_desk(path)
    actor = first_admin_actor(db)
    add_test_types(db)
    company, _person = customer(db, actor)
    intake = three_samples(company.id)
    service_runs, bare_runs = [], []
    log(f"lab intake to labels: {runs} runs x {per_run} intakes of 3 samples and 6 tests (+1 warm-up run) ...")
    try:
        for run in range(runs + 1):
            times, bare = [], []
            for _ in range(per_run):
                started = time.perf_counter()
                done = take_in(db, intake=intake, actor=actor)
                render_labels(done.labels())
                times.append(time.perf_counter() - started)
                labels = done.labels()
                started = time.perf_counter()
                render_labels(labels)  # the bare script's work: the same three labels, no database
                bare.append(time.perf_counter() - started)
            if run:  # the first run warms caches and is discarded
                service_runs.append(times)
                bare_runs.append(bare)
    finally:
        db.dispose()
        remove_db(path)
    return [Row("lab intake 3 samples/6 tests -> labels PDF p95", Stats.of([percentile(r, 95) for r in service_runs]),
                "bare 3-label drawing (same fonts, QR) p95", Stats.of([percentile(r, 95) for r in bare_runs]),
                target="<= 1.5x", unit="ms")]
