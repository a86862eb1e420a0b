"""Figure: the Visit log with "All dates" on the demo database (the `--large` one: a million visits).

The screen (real widgets, offscreen, at full size 1600x1000) opens on "All dates" and is scrolled
to the end of its loaded rows, page after page, as a user dragging the scroll bar: each sample is
the time from asking for a page (the period chosen, or the scroll reaching the end) to its 200 rows
on screen. Baseline: the same page's SQL (the statement `visit_log.page_query` makes, after the
same last row) with the stdlib sqlite3 module, timed beside each page. Target: every page (max)
under 200 ms; the count arrives apart, and its time is in the note.
"""

from __future__ import annotations

import os
import sqlite3
import time

from bench.context import Context, log
from bench.table import Row, Stats, percentile


def _raw_page(conn: sqlite3.Connection, filters, after) -> float:
    from sqlalchemy.dialects import sqlite as sqlite_dialect

    from frontdesk.services.reception.visit_log import page_query

    sql = str(page_query(filters, after=after).compile(dialect=sqlite_dialect.dialect(),
                                                       compile_kwargs={"literal_binds": True}))
    started = time.perf_counter()
    conn.execute(sql).fetchall()
    return time.perf_counter() - started


def visit_log_all_dates(ctx: Context) -> list[Row]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from frontdesk.services.desk.setup import first_admin_actor, is_demo, open_desk
    from frontdesk.services.reception.visit_log import VisitFilters
    from frontdesk.ui import tasks
    from frontdesk.ui.reception.visit_log_view import VisitLogView
    from frontdesk.ui.shell.area_view import DeskContext

    app = QApplication.instance() or QApplication([])
    path = ctx.demo_db()
    runs = ctx.runs_for(quick=1, full=3)
    pages = 4 if ctx.quick else 15
    db = open_desk(path)
    raw = sqlite3.connect(path)
    actor = first_admin_actor(db)
    view = VisitLogView(DeskContext(db=db, actor=actor, desk=db.desk, is_demo=is_demo(db)))
    view.resize(1600, 1000)
    view.show()
    tasks.wait_for_idle(60_000)
    filters = VisitFilters()
    ui_runs, raw_runs, counts = [], [], []
    log(f"visit log, all dates: {runs} runs x {pages} pages of 200 rows at full size ...")

    def wait(condition, limit_s: float = 60) -> None:
        deadline = time.perf_counter() + limit_s
        while not condition() and time.perf_counter() < deadline:
            app.processEvents()
            time.sleep(0.0002)

    try:
        for _run in range(runs):
            view.set_filters(period="month")
            tasks.wait_for_idle(60_000)
            ui_times, raw_times = [], []
            started = time.perf_counter()
            view.set_filters(period="all")
            wait(lambda: view.model.rowCount() >= 200)
            ui_times.append(time.perf_counter() - started)
            counting = time.perf_counter()
            raw_times.append(_raw_page(raw, filters, None))
            for _page in range(pages - 1):
                loaded = view.model.rowCount()
                last = view.model.rows()[-1]
                started = time.perf_counter()
                view.table.scrollToBottom()  # the view asks the model for more, as when the bar is dragged
                wait(lambda loaded=loaded: view.model.rowCount() > loaded)
                ui_times.append(time.perf_counter() - started)
                raw_times.append(_raw_page(raw, filters, last))
            wait(lambda: view.model.total is not None)
            counts.append(time.perf_counter() - counting)
            ui_runs.append(ui_times)
            raw_runs.append(raw_times)
            total = view.model.total
    finally:
        tasks.wait_for_idle(60_000)
        view.close()
        view.deleteLater()
        app.processEvents()
        raw.close()
        db.dispose()
    slowest = ", ".join(f"page {r.index(max(r)) + 1} {max(r) * 1000:.0f}" for r in ui_runs)
    note = (f"{total:,} visits; {runs} runs x {pages} pages; slowest of each run (ms): {slowest}; the count came "
            f"{min(counts) * 1000:.0f}-{max(counts) * 1000:.0f} ms after the first page was asked for, "
            f"the rows before it")
    return [
        Row("visit log, all dates: page on screen p50 (UI)", Stats.of([percentile(r, 50) for r in ui_runs]),
            "raw sqlite3, same page (p50)", Stats.of([percentile(r, 50) for r in raw_runs]), unit="ms"),
        Row("visit log, all dates: page on screen max (UI)", Stats.of([max(r) for r in ui_runs]),
            "raw sqlite3, same page (max)", Stats.of([max(r) for r in raw_runs]), target="< 200 ms", unit="ms",
            note=note),
    ]
