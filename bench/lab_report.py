"""The test report figure: the report of one sample with 5 verified tests, to PDF bytes.

Measured: the service call `issue_report` (one transaction: the scope's rows and latest results
read, the content built, the PDF drawn and fingerprinted, the number taken, the 5 tests moved to
"reported", the audit event, committed with synchronous=FULL), and `report_pdf` (a reprint: the
stored content read back and drawn again, its SHA-256 checked). Baseline, in the same run and
loop: a bare script's work, drawing the same report (same layout, fonts and texts) from a
`ReportContent` already in memory, no database. Target: p95 at most 1.5x the baseline's p95.
The desk is a fresh migrated database (the run's template, seed catalogue) with one customer;
the samples and their verified results are written before the timing starts.
"""

from __future__ import annotations

import json
import time

from bench.context import Context, log, remove_db
from bench.table import Row, Stats, percentile

FIVE_TESTS = ("TENSILE-RT", "HB", "HV", "CHARPY-V", "MICRO")
READINGS = {
    "TENSILE-RT": ([{"code": "reh", "value": "371", "unit": "MPa", "uncertainty": "7"},
                    {"code": "rm", "value": "512.5", "unit": "MPa", "uncertainty": "10"},
                    {"code": "a", "value": "24.5", "unit": "%", "uncertainty": "0.5"}], {"temperature": "23"}),
    "HB": ([{"code": "hbw", "value": "152", "unit": "HBW", "uncertainty": "4"}], {"temperature": "22"}),
    "HV": ([{"code": "hv", "value": "161", "unit": "HV", "uncertainty": "5"}], {"temperature": "22"}),
    "CHARPY-V": ([{"code": f"kv_{n}", "value": "50", "unit": "J", "uncertainty": "3"} for n in (1, 2, 3)],
                 {"test_temperature": "-20"}),
    "MICRO": ([{"code": "microstructure", "value": "Ferrite e perlite a bande", "unit": "", "uncertainty": ""}], {}),
}


def _verified_samples(db, actor, count: int):
    """One request of `count` samples with the 5 tests each, verified with results: (request id, sample ids)."""
    from frontdesk.db.lab_models import TestJob, TestResult, TestType
    from frontdesk.domain.clock import utcnow
    from frontdesk.domain.ids import new_id
    from frontdesk.domain.lab.requests import IntakeInput, SampleInput, TestAsked
    from frontdesk.services.lab.intake import take_in
    from frontdesk.services.registry.companies import CompanyInput, create_company

    company = create_company(db, data=CompanyInput(name="Officine Meccaniche Bergamasche S.r.l.",
                                                   vat_number="01114601006", city="Dalmine"),
                             actor=actor, allow_duplicate=True)
    sample = SampleInput(material="Acciaio S355JR", description="Piatto 20 x 200 x 300 mm, colata 4471",
                         condition="Integro", customer_info="Colata 4471 dichiarata dal cliente",
                         tests=tuple(TestAsked(code) for code in FIVE_TESTS))
    done = take_in(db, intake=IntakeInput(company_id=company.id, samples=(sample,) * count,
                                          contact_name="Nicolò Bergamelli", contact_email="n.bergamelli@omb.example",
                                          conformity=True, specification="EN 10025-2 S355JR", decision_rule="SIMPLE",
                                          agreed=True, agreed_by="Nicolò Bergamelli"), actor=actor)
    now = utcnow()
    with db.begin() as session:
        for job, code in session.execute(_select_tests(TestJob, TestType, done.sample_ids)).all():
            readings, conditions = READINGS[code]
            session.add(TestResult(id=new_id(), test_id=job.id, round=1, version=1, readings=json.dumps(readings),
                                   conditions=json.dumps(conditions), equipment_label="TR-01 Zwick Z250, s/n 187402",
                                   entered_at=now, entered_by_name="Laura Pesenti"))
            job.status, job.started_at, job.completed_at, job.verified_at = "verified", now, now, now
    return done.request_id, done.sample_ids


def _select_tests(test_job, test_type, sample_ids):
    from sqlalchemy import select

    return (select(test_job, test_type.code).join(test_type, test_type.id == test_job.test_type_id)
            .where(test_job.sample_id.in_(sample_ids)))


def measure(ctx: Context) -> list[Row]:
    from frontdesk.documents.lab.test_report import render_test_report
    from frontdesk.domain.lab.report_content import CONFORMS
    from frontdesk.services.desk.setup import first_admin_actor, open_desk
    from frontdesk.services.lab.reports import issue_report, report_content, report_pdf

    path = ctx.fresh_copy("lab-report-work.sqlite")
    runs = ctx.runs_for(quick=2, full=5)
    per_run = 5 if ctx.quick else 20
    db = open_desk(path)
    actor = first_admin_actor(db)
    issue_runs, reprint_runs, bare_runs = [], [], []
    log(f"lab report of one sample with 5 tests: {runs} runs x {per_run} reports (+1 warm-up run) ...")
    try:
        request_id, sample_ids = _verified_samples(db, actor, (runs + 1) * per_run)
        pending = list(sample_ids)
        for run in range(runs + 1):
            issued, reprinted, bare = [], [], []
            for _ in range(per_run):
                started = time.perf_counter()
                report = issue_report(db, request_id=request_id, sample_id=pending.pop(), language="it", actor=actor,
                                      verdict=CONFORMS)
                issued.append(time.perf_counter() - started)
                started = time.perf_counter()
                report_pdf(db, report_id=report.id)
                reprinted.append(time.perf_counter() - started)
                content = report_content(db, report_id=report.id)
                started = time.perf_counter()
                render_test_report(content)  # the bare script's work: the same report, no database
                bare.append(time.perf_counter() - started)
            if run:  # the first run warms caches and is discarded
                issue_runs.append(issued)
                reprint_runs.append(reprinted)
                bare_runs.append(bare)
    finally:
        db.dispose()
        remove_db(path)
    bare_stats = Stats.of([percentile(r, 95) for r in bare_runs])
    return [Row("lab report 1 sample/5 tests issued -> PDF p95", Stats.of([percentile(r, 95) for r in issue_runs]),
                "bare report drawing (same layout, no db) p95", bare_stats, target="<= 1.5x", unit="ms"),
            Row("lab report reprint (content read, SHA checked) p95",
                Stats.of([percentile(r, 95) for r in reprint_runs]),
                "bare report drawing (same layout, no db) p95", bare_stats, target="<= 1.5x", unit="ms")]
