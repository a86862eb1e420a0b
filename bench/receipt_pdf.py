"""The receipt figures: a receipt of 20 lines through to PDF bytes, on A5 and on the 80 mm roll.

Measured (issue 16: "a receipt of 20 lines through to PDF bytes, p95, at most 1.5x a bare script
that draws the same layout with no database"): the service path, `issue_receipt` of 20 lines into
a real SQLite desk file (one write transaction: number, rows, audit event, committed with
synchronous=FULL) then its print job's PDF as the desk makes it after issue (`issued_print_job`:
the value the issue returned, with the desk's settings, drawn on A5, the desk's layout). Baseline,
in the same run and loop: a bare script's work, the same 20 lines summed from values in memory
(`receipt_totals`) and drawn with `render_a5`, no database. Also measured: the reprint alone
(`receipt_print_job`: read back from the file and drawn), and the bare drawings of A5 and of the
roll against their absolute targets.

The 20 lines: a business customer, 19 test lines at mixed rates and an exempt (N4) training line;
the stamp duty is charged (its line is the 21st printed). The desk is a fresh migrated database
(the run's template) with the Point's VAT number, fiscal code and REA set, and one customer.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from decimal import Decimal

from bench.context import Context, log, remove_db
from bench.table import Row, Stats, percentile

LINES = 20
POINT = {"point_vat": "03456780166", "point_fiscal_code": "95012340162", "point_rea": "BG-398765"}
CUSTOMER = {"name": "Officine Meccaniche Bergamasche S.r.l.", "vat_number": "01114601006",
            "address": "Via Provinciale 112", "postcode": "24044", "city": "Dalmine", "province": "BG"}


def twenty_lines():
    """The receipt's 20 lines, as the desk enters them."""
    from frontdesk.domain.receipts.receipt import LineInput

    rates = ("22", "22", "10", "4")
    items = [LineInput(f"Prova di trazione UNI EN ISO 6892-1, provetta {n + 1}", Decimal(n % 3 + 1),
                       Decimal("95.00") + n, rates[n % len(rates)], kind="test", source_code="TENSILE-RT")
             for n in range(LINES - 1)]
    items.append(LineInput("Corso sicurezza in laboratorio (8 ore)", Decimal(1), Decimal("180.00"), nature="N4",
                           kind="training"))
    return tuple(items)


def twenty_line_receipt(lines=None):
    """The document the bare script draws from values (Italian texts; the language the desk prints in)."""
    from frontdesk.documents.receipts.receipt_document import PointData
    from frontdesk.documents.receipts.receipt_pdf import ReceiptDocument
    from frontdesk.domain.receipts.customer import CustomerCopy
    from frontdesk.domain.receipts.receipt import receipt_totals
    from frontdesk.domain.settings import Settings

    # as the desk keeps the company's copy: its VAT number is its fiscal code, its country Italy
    customer = CustomerCopy(kind="it", fiscal_code=CUSTOMER["vat_number"], country="IT", **CUSTOMER)
    point = PointData.of(Settings(**POINT))
    return ReceiptDocument("R1-2026-000123", dt.datetime(2026, 12, 2, 9, 42, tzinfo=dt.UTC), point, customer,
                           receipt_totals(lines or twenty_lines(), charge_stamp_duty=True), "transfer")


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


def _desk(ctx: Context):
    """A fresh desk with the Point's fiscal data and the customer: (path, db, actor, company id)."""
    from frontdesk.services.desk.settings import update_settings
    from frontdesk.services.desk.setup import first_admin_actor, open_desk
    from frontdesk.services.registry.companies import CompanyInput, create_company

    path = ctx.fresh_copy("receipt-work.sqlite")
    db = open_desk(path)
    actor = first_admin_actor(db)
    update_settings(db, changes={**POINT, "receipt_layout": "a5", "receipt_charge_stamp_duty": True}, actor=actor)
    company = create_company(db, data=CompanyInput(**CUSTOMER), actor=actor, allow_duplicate=True)
    return path, db, actor, company.id


def _service_and_bare(ctx: Context, runs: int, per_run: int) -> tuple[Stats, Stats, Stats]:
    """p95 per run of: issue + print job's PDF (service path), the reprint's PDF alone, and the bare
    script's sum-and-draw of the same lines, timed one after the other in the same loop."""
    from frontdesk.documents.receipts.receipt_pdf import render_a5
    from frontdesk.services.receipts.documents import issued_print_job, receipt_print_job
    from frontdesk.services.receipts.issue import issue_receipt

    path, db, actor, company_id = _desk(ctx)
    lines = twenty_lines()
    service_runs, reprint_runs, bare_runs = [], [], []
    try:
        for run in range(runs + 1):
            service, reprint, bare = [], [], []
            for _ in range(per_run):
                started = time.perf_counter()
                issued = issue_receipt(db, company_id=company_id, lines=lines, payment="transfer", actor=actor)
                pdf = issued_print_job(db, receipt=issued).pdf
                service.append(time.perf_counter() - started)
                started = time.perf_counter()
                receipt_print_job(db, receipt_id=issued.id, copy=True)
                reprint.append(time.perf_counter() - started)
                started = time.perf_counter()
                bare_pdf = render_a5(twenty_line_receipt(lines))  # the bare script: same lines, no database
                bare.append(time.perf_counter() - started)
            if run == 0:  # the first run warms caches and is discarded; its last PDFs are checked
                _check_same_layout(pdf, bare_pdf)
            else:
                service_runs.append(service)
                reprint_runs.append(reprint)
                bare_runs.append(bare)
    finally:
        db.dispose()
        remove_db(path)
    return tuple(Stats.of([percentile(r, 95) for r in runs_]) for runs_ in (service_runs, reprint_runs, bare_runs))


def _check_same_layout(service_pdf: bytes, bare_pdf: bytes) -> None:
    """The two drawings are the same receipt (only its number, date and time differ, so their sizes
    are within a tenth): the ratio compares like with like."""
    if abs(len(service_pdf) - len(bare_pdf)) > len(bare_pdf) / 10:
        raise RuntimeError(f"service and bare receipts differ: {len(service_pdf)} vs {len(bare_pdf)} bytes")


def measure(ctx: Context) -> list[Row]:
    from frontdesk.documents.receipts.receipt_pdf import render_a5, render_roll
    from frontdesk.i18n import language, set_language

    runs = ctx.runs_for(quick=2, full=5)
    per_run = 5 if ctx.quick else 20
    log(f"receipt of {LINES} lines to PDF: {runs} runs x {per_run} receipts issued and drawn, and bare drawings "
        "per layout (+1 warm-up run) ...")
    before = language()
    set_language("it")
    try:
        service, reprint, bare = _service_and_bare(ctx, runs, per_run)
        doc = twenty_line_receipt()
        a5 = _bare(render_a5, doc, runs, per_run)
        roll = _bare(render_roll, doc, runs, per_run)
    finally:
        set_language(before)
    baseline = f"bare {LINES}-line A5 drawing (same lines, no db) p95"
    return [Row(f"receipt {LINES} lines issued -> A5 PDF p95", service, baseline, bare, target="<= 1.5x", unit="ms"),
            Row(f"receipt {LINES} lines reprint (read back -> PDF) p95", reprint, baseline, bare, target="<= 1.5x",
                unit="ms"),
            Row(f"receipt {LINES} lines, bare A5 drawing p95", a5, target="< 100 ms", unit="ms"),
            Row(f"receipt {LINES} lines, bare 80 mm roll drawing p95", roll, target="< 100 ms", unit="ms")]
