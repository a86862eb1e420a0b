"""The receipt figures: a receipt of 20 lines drawn to PDF bytes, on A5 and on the 80 mm roll.

Measured now: the bare drawing (`render_a5`, `render_roll`) of a `ReceiptDocument` already in
memory, no database: a business customer, 20 lines at mixed rates with an exempt (N4) training
line, the stamp duty charged. These are the baselines of issue 16's figure "a receipt of 20 lines
through to PDF bytes, at most 1.5x a bare drawing": when the receipt service lands, that figure is
one more Row here, timed in the same loop as `_bare` and compared with the A5 baseline.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from decimal import Decimal

from bench.context import Context, log
from bench.table import Row, Stats, percentile

LINES = 20


def twenty_line_receipt():
    """The document the figures draw (Italian texts; the language the desk prints in)."""
    from frontdesk.documents.receipts.receipt_document import PointData
    from frontdesk.documents.receipts.receipt_pdf import ReceiptDocument
    from frontdesk.domain.receipts.customer import CustomerCopy
    from frontdesk.domain.receipts.receipt import LineInput, receipt_totals
    from frontdesk.domain.settings import Settings

    rates = ("22", "22", "10", "4")
    items = [LineInput(f"Prova di trazione UNI EN ISO 6892-1, provetta {n + 1}", Decimal(n % 3 + 1),
                       Decimal("95.00") + n, rates[n % len(rates)], kind="test") for n in range(LINES - 1)]
    items.append(LineInput("Corso sicurezza in laboratorio (8 ore)", Decimal(1), Decimal("180.00"), nature="N4",
                           kind="training"))
    customer = CustomerCopy(kind="it", name="Officine Meccaniche Bergamasche S.r.l.", vat_number="01114601006",
                            address="Via Provinciale 112", postcode="24044", city="Dalmine", province="BG")
    point = PointData.of(Settings(point_vat="03456780164", point_fiscal_code="95012340166", point_rea="BG-398765"))
    return ReceiptDocument("R1-2026-000123", dt.datetime(2026, 12, 2, 9, 42, tzinfo=dt.UTC), point, customer,
                           receipt_totals(items, charge_stamp_duty=True), "transfer")


def _bare(render: Callable[[object], bytes], doc, runs: int, per_run: int) -> Stats:
    """p95 of each run of `per_run` drawings (a warm-up run first, discarded)."""
    samples = []
    for run in range(runs + 1):
        times = []
        for _ in range(per_run):
            started = time.perf_counter()
            render(doc)
            times.append(time.perf_counter() - started)
        if run:
            samples.append(percentile(times, 95))
    return Stats.of(samples)


def measure(ctx: Context) -> list[Row]:
    from frontdesk.documents.receipts.receipt_pdf import render_a5, render_roll
    from frontdesk.i18n import language, set_language

    runs = ctx.runs_for(quick=2, full=5)
    per_run = 5 if ctx.quick else 20
    log(f"receipt of {LINES} lines to PDF: {runs} runs x {per_run} drawings per layout (+1 warm-up run) ...")
    before = language()
    set_language("it")
    try:
        doc = twenty_line_receipt()
        a5 = _bare(render_a5, doc, runs, per_run)
        roll = _bare(render_roll, doc, runs, per_run)
    finally:
        set_language(before)
    return [Row(f"receipt {LINES} lines, bare A5 drawing p95", a5, target="< 100 ms", unit="ms"),
            Row(f"receipt {LINES} lines, bare 80 mm roll drawing p95", roll, target="< 100 ms", unit="ms")]
