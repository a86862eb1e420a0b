"""Figure: the app's resident memory with every screen and every preview opened on the demo
database, beside an empty window's, both measured in the same run (issue 10, point 17).

Each run starts two processes (QT_QPA_PLATFORM=offscreen), one after the other:
  - the app (`python -m bench.figures_memory app DB`): the main window on the demo database (the
    first admin acts, so every area is open to it), every area shown in turn until its data is on
    screen, then every preview the screens offer (today one: the evacuation list's, from the
    On-site screen; there is no badge preview), each shown until its pages are painted, then
    closed and waited for until deleted, twice (what the first preview loads for good, such as the
    PDF libraries and fonts, is not left behind by the second);
  - the baseline (`python -m bench.figures_memory empty`): a bare QMainWindow, shown and painted.
Each prints `MEM <name> <kB>` lines: peak resident memory (ru_maxrss, the kernel's VmHWM) after the
screens and again after the previews, and the resident memory (VmRSS, psutil when installed)
before the first preview opens and after the last one is closed.

Rows: peak with screens only and with the previews too, beside the empty window's peak (target:
at most 150 MB more); resident after the previews are closed, beside the same process before they
opened (what a closed preview leaves behind).
"""

from __future__ import annotations

import gc
import os
import resource
import subprocess
import sys
import time

from bench.context import ROOT, Context, log
from bench.table import Row, Stats

TIMEOUT_S = 600
TARGET_MB = 150
KB_PER_MB = 1024


def _peak_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kB on Linux


def _resident_kb() -> int:
    try:
        import psutil

        return psutil.Process().memory_info().rss // 1024
    except ImportError:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    return 0


def _report(name: str, kb: int) -> None:
    print(f"MEM {name} {kb}", flush=True)


def _pump(ms: int) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _wait_until(condition, timeout_s: float, what: str) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"FAILED {what} within {timeout_s:.0f} s")
        _pump(50)


def probe_empty_window() -> int:
    """The baseline: a bare QApplication with an empty QMainWindow, shown and painted."""
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1280, 800)
    window.show()
    _pump(500)
    gc.collect()
    for mark in ("peak_screens", "peak_all"):
        _report(mark, _peak_kb())
    for mark in ("resident_before_previews", "resident_after_first", "resident"):
        _report(mark, _resident_kb())
    window.close()
    del app
    return 0


def probe_app(db_path: str) -> int:
    """The app on `db_path`: every screen, then every preview, as the module docstring says."""
    from frontdesk.ui import tasks
    from frontdesk.ui.i18n_qt import install_translators
    from frontdesk.ui.shell.app import make_application, open_desk_context
    from frontdesk.ui.shell.main_window import MainWindow

    make_application()
    context = open_desk_context(db_path, check=False)
    install_translators(context.language)
    window = MainWindow()
    window.resize(1280, 800)
    window.retranslate()
    window.show()
    window.attach(context)
    for key in window.area_keys():
        window.show_area(key)
        tasks.wait_for_idle(120_000)
        _pump(300)
    tasks.wait_for_idle(120_000)
    gc.collect()
    _report("peak_screens", _peak_kb())
    _report("resident_before_previews", _resident_kb())

    for mark in ("resident_after_first", "resident"):  # twice: what the first use loads is not a leak
        _preview_evacuation_list(window)
        tasks.wait_for_idle(30_000)
        _pump(500)
        gc.collect()
        _report(mark, _resident_kb())
    _report("peak_all", _peak_kb())

    window.close()
    tasks.shutdown()
    context.db.dispose()
    return 0


def _preview_evacuation_list(window) -> None:
    """The On-site screen's preview: opened, painted, closed, and waited for until deleted."""
    import shiboken6
    from PySide6.QtPrintSupport import QPrintPreviewWidget

    window.show_area("on_site")
    on_site = window.view("on_site")
    opened = []
    on_site.preview_opened.connect(opened.append)
    on_site.preview_evacuation_list()
    _wait_until(lambda: bool(opened), 120, "the evacuation list's preview did not open")
    dialog = opened.pop()
    preview = dialog.findChild(QPrintPreviewWidget)
    _wait_until(lambda: preview.pageCount() > 0, 120, "the preview painted no page")
    print(f"PAGES {preview.pageCount()}", flush=True)
    _pump(500)
    dialog.close()
    _wait_until(lambda: not shiboken6.isValid(dialog), 30, "the closed preview was not deleted")


def _run(command: list[str], env: dict[str, str]) -> tuple[dict[str, float], str]:
    """The MEM lines of one probe process, in MB, and its PAGES line."""
    result = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=TIMEOUT_S)
    marks: dict[str, float] = {}
    pages = ""
    for line in result.stdout.splitlines():
        word, *rest = line.split()
        if word == "MEM":
            marks[rest[0]] = int(rest[1]) / KB_PER_MB
        elif word == "PAGES":
            pages = rest[0]
        elif word == "FAILED":
            raise RuntimeError(" ".join(rest))
    if result.returncode != 0 or "resident" not in marks:
        last = (result.stderr.strip().splitlines() or [f"exit status {result.returncode}"])[-1]
        raise RuntimeError(last[:200])
    return marks, pages


def memory(ctx: Context) -> list[Row]:
    path = ctx.demo_db()
    env = ctx.env()
    app = [sys.executable, "-m", "bench.figures_memory", "app", str(path)]
    empty = [sys.executable, "-m", "bench.figures_memory", "empty"]
    runs = ctx.runs_for(quick=1, full=3)
    log(f"memory: {runs} runs of the app (every screen and preview) and of an empty window ...")
    app_runs, empty_runs, pages = [], [], ""
    for _ in range(runs):
        marks, pages = _run(app, env)
        app_runs.append(marks)
        empty_runs.append(_run(empty, env)[0])

    def stats(samples: list[dict[str, float]], key: str) -> Stats:
        return Stats.of([marks[key] for marks in samples])

    empty_peak = stats(empty_runs, "peak_all")
    rows = []
    for key, label in (("peak_screens", "memory: peak, every screen"),
                       ("peak_all", "memory: peak, every screen and preview")):
        value = stats(app_runs, key)
        rows.append(Row(label, value, "empty QMainWindow (peak)", empty_peak, target=f"<= +{TARGET_MB} MB",
                        unit="MB", note=f"+{value.median - empty_peak.median:.0f} MB over the empty window"
                        + (f"; evacuation preview of {pages} page(s)" if key == "peak_all" else "")))
    after, before = stats(app_runs, "resident"), stats(app_runs, "resident_before_previews")
    second = after.median - stats(app_runs, "resident_after_first").median
    rows.append(Row("memory: resident after the previews are closed", after, "resident before they opened",
                    before, unit="MB", note=f"{after.median - before.median:+.0f} MB left by the closed previews "
                    f"(the second of two previews: {second:+.0f} MB)"))
    return rows


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if sys.argv[1:2] == ["empty"]:
        raise SystemExit(probe_empty_window())
    if sys.argv[1:2] == ["app"] and len(sys.argv) == 3:
        raise SystemExit(probe_app(sys.argv[2]))
    raise SystemExit("usage: python -m bench.figures_memory empty | app DB")
