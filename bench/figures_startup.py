"""Figure: start-up of the app on the demo database, in two steps, each beside its baseline.

Protocol (frontdesk/ui/shell/app.py): `python -m frontdesk --db PATH gui --bench-startup` under
QT_QPA_PLATFORM=offscreen prints `PAINTED <time.time()>` after the main window's first paint and
`READY <time.time()>` when the first screen shows its data, then quits. The benchmark takes
time.time() just before spawning and subtracts it, so interpreter start-up counts. The baselines
in bench/baselines/ print the same lines: (1) a bare process importing PySide6.QtWidgets showing an
empty QMainWindow, for "painted"; (2) the same with sqlalchemy.orm imported, for "interactive".
Warm cache: one discarded warm-up run of each process; runs interleave app and baselines. The
app's own modules are byte-compiled first, as an installed app has them (pip compiles installed
packages; an editable install under PYTHONDONTWRITEBYTECODE=1, as on this machine kind, would
otherwise compile every module from source at every start, while the baselines' SQLAlchemy and
PySide6 come compiled). Target: each step within 1.5x its baseline.
"""

from __future__ import annotations

import compileall
import subprocess
import sys
import time
from pathlib import Path

from bench.context import ROOT, Context, log
from bench.table import Row, Stats

BASELINES = Path(__file__).resolve().parent / "baselines"
TIMEOUT_S = 60


class NotReady(Exception):
    """The process did not follow the protocol (e.g. the app's entry point is not ready)."""


def timed_start(command: list[str], env: dict[str, str]) -> dict[str, float]:
    """Seconds from spawn to each PAINTED/READY mark the process prints."""
    started = time.time()
    proc = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    marks: dict[str, float] = {}
    try:
        out, err = proc.communicate(timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        raise NotReady(f"no exit within {TIMEOUT_S} s") from None
    for line in out.splitlines():
        word, _, value = line.partition(" ")
        if word in ("PAINTED", "READY"):
            marks[word] = float(value) - started
        elif word == "FAILED":
            raise NotReady(value)
    if "PAINTED" not in marks or "READY" not in marks:
        last = (err.strip().splitlines() or [f"exit status {proc.returncode}"])[-1]
        raise NotReady(last[:160])
    return marks


def startup(ctx: Context) -> list[Row]:
    path = ctx.demo_db()
    env = ctx.env()
    app = [sys.executable, "-m", "frontdesk", "--db", str(path), "gui", "--bench-startup"]
    bare = [sys.executable, str(BASELINES / "bare_window.py")]
    orm = [sys.executable, str(BASELINES / "window_with_orm.py")]
    runs = ctx.runs_for(quick=2, full=10)
    painted_label = "start-up: main window painted"
    ready_label = "start-up: first screen interactive with data"
    compileall.compile_dir(ROOT / "frontdesk", quiet=1)
    log(f"start-up: {runs} runs (+1 warm-up) of the app and both baselines ...")
    try:
        timed_start(app, env)
    except NotReady as exc:
        note = f"app entry point not ready: {exc}"
        return [Row(painted_label, None, note=note), Row(ready_label, None, note=note)]
    timed_start(bare, env)
    timed_start(orm, env)
    app_runs, bare_runs, orm_runs = [], [], []
    for _ in range(runs):
        app_runs.append(timed_start(app, env))
        bare_runs.append(timed_start(bare, env))
        orm_runs.append(timed_start(orm, env))
    return [
        Row(painted_label, Stats.of([m["PAINTED"] for m in app_runs]), "bare QMainWindow painted",
            Stats.of([m["PAINTED"] for m in bare_runs]), target="<= 1.5x", unit="ms"),
        Row(ready_label, Stats.of([m["READY"] for m in app_runs]), "QMainWindow + sqlalchemy.orm",
            Stats.of([m["READY"] for m in orm_runs]), target="<= 1.5x", unit="ms"),
    ]
