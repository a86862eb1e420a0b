"""The sample intake figure: an intake of 3 samples and 6 tests through to the labels' PDF bytes.

Measured: the service call `take_in` (one transaction: the request, 3 samples with their signed
label tokens, 6 tests with their prices, 3 custody steps, the audit events, committed with
synchronous=FULL) followed by `render_labels` of its three labels. Baseline, in the same run and
loop: a bare script's work, drawing the same three labels (same fonts, texts and vector QR, with
reportlab and qrcode) from values already in memory, no database. Target: p95 at most 1.5x the
baseline's p95. The desk is a fresh migrated database (the run's template) with the test types
of the seed catalogue (resources/lab/catalogue.json) and one customer.
"""

from __future__ import annotations

import time

from bench.context import Context, log, remove_db
from bench.table import Row, Stats, percentile


def measure(ctx: Context) -> list[Row]:
    from frontdesk.documents.lab.label import render_labels
    from frontdesk.services.desk.setup import first_admin_actor, open_desk
    from frontdesk.services.lab.intake import take_in

    path = ctx.fresh_copy("lab-intake-work.sqlite")
    runs = ctx.runs_for(quick=2, full=5)
    per_run = 10 if ctx.quick else 40
    db = open_desk(path)
    actor = first_admin_actor(db)
    intake = _three_samples(_customer(db, actor))
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


def _customer(db, actor):
    """A company of the bench (its id) to take the samples in for."""
    from frontdesk.services.registry.companies import CompanyInput, create_company

    return create_company(db, data=CompanyInput(name="Officine Meccaniche Bergamasche S.r.l.",
                                                vat_number="01114601006", city="Dalmine"),
                          actor=actor, allow_duplicate=True).id


def _three_samples(company_id):
    """An intake of 3 samples and 6 tests of the seed catalogue (one a 240 h salt-spray exposure), agreed."""
    import datetime as dt

    from frontdesk.domain.clock import today_in_rome
    from frontdesk.domain.lab.requests import IntakeInput, SampleInput, TestAsked

    samples = (
        SampleInput(material="Acciaio S355JR", description="Piatto 20 x 200 x 300 mm, colata 4471",
                    condition="Integro", tests=(TestAsked("TENSILE-RT"), TestAsked("CHARPY-V"), TestAsked("HB"))),
        SampleInput(material="Acciaio zincato", description="Staffa zincata a caldo", condition="Integra",
                    customer_info="Zincatura 85 µm dichiarata", tests=(TestAsked("NSS", 240),)),
        SampleInput(material="42CrMo4 bonificato", description="Albero Ø 40 mm",
                    tests=(TestAsked("HR"), TestAsked("MICRO"))),
    )
    return IntakeInput(company_id=company_id, samples=samples, contact_name="Nicolò Bergamelli",
                       contact_email="n.bergamelli@omb.example", priority="urgent",
                       due_on=today_in_rome() + dt.timedelta(days=14), conformity=True,
                       specification="EN 10025-2 S355JR", decision_rule="SIMPLE", agreed=True,
                       agreed_by="Nicolò Bergamelli")
