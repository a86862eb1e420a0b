"""Figures of the reception desk, on a working copy of the demo database (the `--large` one).

- Check-in of a returning visitor through to the badge PDF bytes: the service call `check_in`
  plus `render_badge`, per visitor; baseline: a bare script's work, drawing the same badge (same
  fonts, texts and vector QR) with no database. Target: p95 at most 1.5x the baseline's p95.
- Scan to checked out: from the scanner's Enter in the On-site screen's scan field to the
  on-site list showing one person fewer (real widgets, offscreen, the screen's evacuation-copy
  keeper included). Each scan follows as soon as the screen has finished the previous one's
  work (far quicker than a queue of people at the desk). The median and spread are of each
  run's p95. Baseline: the work the screen cannot avoid, the service call `scan_badge` followed
  by the on-site query `on_site` (the list it shows), for another visitor right after each scan
  in the screen, so that a busy moment of the machine weighs on both. Target: p95 at most 3x
  the baseline's.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import time
import uuid

from bench.context import Context, log, remove_db
from bench.table import Row, Stats, percentile


def _working_copy(ctx: Context):
    source = ctx.demo_db()
    path = ctx.workdir / "reception-work.sqlite"
    remove_db(path)
    src = sqlite3.connect(source)
    dst = sqlite3.connect(path)
    src.backup(dst)
    dst.close()
    src.close()
    return path


def _returning_visitors(path, count: int) -> list[tuple[bytes, str, str | None]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT v.visitor_id, s.code, v.host_id FROM visit v JOIN service s ON s.id = v.service_id "
            "WHERE v.status = 'out' AND v.visitor_id NOT IN (SELECT visitor_id FROM visit WHERE status='on_site') "
            "GROUP BY v.visitor_id ORDER BY max(v.checked_in_at) DESC LIMIT ?", (count,)).fetchall()
    finally:
        conn.close()


def check_in_to_badge(ctx: Context) -> list[Row]:
    from frontdesk.documents.reception.badge import render_badge
    from frontdesk.services.desk.setup import first_admin_actor, open_desk
    from frontdesk.services.reception.visits import check_in, check_out

    path = _working_copy(ctx)
    runs = ctx.runs_for(quick=2, full=5)
    per_run = 10 if ctx.quick else 40
    people = _returning_visitors(path, per_run * (runs + 1))
    db = open_desk(path)
    actor = first_admin_actor(db)
    service_runs, bare_runs = [], []
    log(f"check-in to badge: {runs} runs x {per_run} returning visitors (+1 warm-up run) ...")
    try:
        for run in range(runs + 1):
            batch = people[run * per_run:(run + 1) * per_run]
            times, bare, done = [], [], []
            for visitor_hex, code, host_hex in batch:
                host = uuid.UUID(hex=host_hex) if host_hex else None
                started = time.perf_counter()
                result = check_in(db, visitor_id=uuid.UUID(hex=visitor_hex), service_code=code, host_id=host,
                                  actor=actor)
                render_badge(result.badge.data)
                times.append(time.perf_counter() - started)
                started = time.perf_counter()
                render_badge(result.badge.data)  # the bare script's work: the same badge, no database
                bare.append(time.perf_counter() - started)
                done.append(result.visit.id)
            for visit_id in done:
                check_out(db, visit_id=visit_id, actor=actor)
            if run:  # the first run warms caches and is discarded
                service_runs.append(times)
                bare_runs.append(bare)
    finally:
        db.dispose()
        remove_db(path)
    return [Row("check-in returning visitor -> badge PDF p95", Stats.of([percentile(r, 95) for r in service_runs]),
                "bare badge drawing (same fonts, QR) p95", Stats.of([percentile(r, 95) for r in bare_runs]),
                target="<= 1.5x", unit="ms")]


def scan_to_checked_out(ctx: Context) -> list[Row]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from frontdesk.services.desk.setup import first_admin_actor, is_demo, open_desk
    from frontdesk.services.reception.scans import scan_badge
    from frontdesk.services.reception.visits import check_in, on_site
    from frontdesk.ui import tasks
    from frontdesk.ui.process import ProcessPolicies
    from frontdesk.ui.reception.on_site_view import OnSiteView
    from frontdesk.ui.shell.area_view import DeskContext

    policies = ProcessPolicies().install(hold_collection=False)  # as the app: collection on the GUI thread
    app = QApplication.instance() or QApplication([])
    policies.start()
    path = _working_copy(ctx)
    count = 20 if ctx.quick else 60
    runs = ctx.runs_for(quick=1, full=3)
    people = _returning_visitors(path, 2 * count * runs)
    db = open_desk(path)
    actor = first_admin_actor(db)
    tokens = []
    for visitor_hex, code, _host in people:
        tokens.append(check_in(db, visitor_id=uuid.UUID(hex=visitor_hex), service_code=code, host_id=None,
                               actor=actor).badge.data.token)
    earlier = (dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)).strftime("%Y-%m-%d %H:%M:%S.%f")
    conn = sqlite3.connect(path)
    conn.execute("UPDATE visit SET checked_in_at = ? WHERE status = 'on_site' AND checked_in_at > ?",
                 (earlier, earlier))  # arrived minutes ago, so a scan is a check-out, not a double scan
    conn.commit()
    conn.close()
    context = DeskContext(db=db, actor=actor, desk=db.desk, is_demo=is_demo(db), duties=policies.open_desk(db))
    view = OnSiteView(context)
    view.resize(1200, 700)
    view.show()
    view.reload()
    tasks.wait_for_idle()
    ui_runs, service_runs = [], []
    log(f"scan to checked out: {runs} runs x {count} scans in the On-site screen, each beside a service call ...")
    try:
        for run in range(runs):
            ui_times, service_times = [], []
            batch = tokens[2 * run * count:2 * (run + 1) * count]
            for token, other in zip(batch[::2], batch[1::2], strict=True):
                before = view.model.rowCount()
                view.scan_field.setText(token)
                started = time.perf_counter()
                QCoreApplication.sendEvent(view.scan_field, QKeyEvent(QKeyEvent.Type.KeyPress, Qt.Key.Key_Return,
                                                                      Qt.KeyboardModifier.NoModifier, "\r"))
                deadline = started + 5
                while view.model.rowCount() >= before and time.perf_counter() < deadline:
                    app.processEvents()  # the GUI thread's event loop, as in the app: no extra waiting
                    time.sleep(0.0002)
                ui_times.append(time.perf_counter() - started)
                tasks.wait_for_idle()  # the screen's work for this scan is over before the baseline's
                started = time.perf_counter()
                scan_badge(db, text=other, actor=actor)
                on_site(db)
                service_times.append(time.perf_counter() - started)
            ui_runs.append(ui_times)
            service_runs.append(service_times)
    finally:
        policies.close_desk(db)
        tasks.wait_for_idle()
        view.close()
        view.deleteLater()
        app.processEvents()
        db.dispose()
        policies.close()
        remove_db(path)
    slowest = max(max(times) for times in ui_runs)
    return [Row("scan -> on-site list updated p95 (UI)", Stats.of([percentile(times, 95) for times in ui_runs]),
                "scan_badge + on_site query p95", Stats.of([percentile(times, 95) for times in service_runs]),
                target="<= 3x", unit="ms", note=f"{runs} runs x {count} scans; slowest scan {slowest * 1000:.1f} ms")]


def reception(ctx: Context) -> list[Row]:
    return check_in_to_badge(ctx) + scan_to_checked_out(ctx)

