"""The figures the benchmark prints, in order. Adding a figure: write one function
`measure(ctx: Context) -> list[Row]` in a bench/figures_*.py module and add one line here.
A figure in ON_REQUEST runs only when named (`--only NAME`).
"""

from __future__ import annotations

from collections.abc import Callable

from bench import (
    figures_bundle,
    figures_demo,
    figures_memory,
    figures_reception,
    figures_search,
    figures_startup,
    figures_sync_first,
    figures_sync_push,
    figures_visit_log,
    lab_history,
    lab_intake,
    lab_promise,
    lab_queue,
    lab_replan,
    lab_report,
    lab_schedule,
    lab_schedule_optimum,
    receipt_pdf,
    sync_day,
)
from bench.context import Context
from bench.table import Row

Figure = Callable[[Context], list[Row]]

FIGURES: dict[str, Figure] = {
    "demo": figures_demo.demo_vs_executemany,
    "search": figures_search.search_as_you_type,
    "startup": figures_startup.startup,
    "reception": figures_reception.reception,
    "visit_log": figures_visit_log.visit_log_all_dates,
    "lab_history": lab_history.sample_history_figure,
    "lab_intake": lab_intake.measure,
    "lab_report": lab_report.measure,
    "lab_queue": lab_queue.queue_figure,
    "lab_schedule": lab_schedule.measure,
    "lab_replan": lab_replan.measure,
    "lab_promise": lab_promise.measure,
    "lab_schedule_optimum": lab_schedule_optimum.measure,  # OR-Tools, an extra: says so and skips without it
    "receipt_pdf": receipt_pdf.measure,
    "bundle": figures_bundle.bundle,
    "memory": figures_memory.memory,
    "sync_day": sync_day.measure,
    "sync_push": figures_sync_push.push_throughput,
    "sync_first": figures_sync_first.first_full_sync,
}
# Measured only when named with --only (long, or heavy on a shared server).
ON_REQUEST = frozenset({"sync_first"})
