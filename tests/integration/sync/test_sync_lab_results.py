"""A test's results, raw files and review steps through the real hub (a process on a real
PostgreSQL) between two lab desks, L1 and L2: result versions entered at both desks all arrive
(append-only: the union), a reopen at one desk outranks a late completion of the old round from the
other (the test's `stage`), a raw file of a few hundred KB arrives whole, and what the hub's
per-table rights do (and do not) check of a technician's writes."""

from __future__ import annotations

import datetime as dt
import hashlib
import os

import pytest
from sync_hub import Desk, make_desk, sync_settled, sync_until
from sync_lab_rows import account, change_test, intake
from test_sync_lab import _clock_ahead, _query, _rows, _same_everywhere

from frontdesk.domain.lab.results import ReadingInput as R
from frontdesk.domain.lab.test_status import stage_of
from frontdesk.domain.roles import Role
from frontdesk.services.lab import results, review
from frontdesk.services.registry.companies import CompanyInput, create_company

T0 = dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC)
WARM = {"temperature": "22"}


class LabSite:
    """Two lab desks, each with a technician and a lab manager; one tensile test under way at both."""

    def __init__(self, tmp_path, hub) -> None:
        self.hub = hub
        self.lab: Desk = make_desk(tmp_path / "L1.sqlite", "L1", hub)
        self.front: Desk = make_desk(tmp_path / "L2.sqlite", "L2", hub)  # `front`: the name _same_everywhere reads
        self.tech = {d.code: account(d.db, d.admin, username=f"tina.{d.code.lower()}", role=Role.LAB_TECHNICIAN)
                     for d in self.desks()}
        self.manager = {d.code: account(d.db, d.admin, username=f"mario.{d.code.lower()}", role=Role.LAB_MANAGER)
                        for d in self.desks()}
        company = create_company(self.lab.db, data=CompanyInput(name="Officine Test", kind="foreign"),
                                 actor=self.lab.admin).id
        self.test = intake(self.lab.db, self.tech["L1"], company_id=company, codes=("TENSILE-RT",), at=T0).tests[0]
        change_test(self.lab.db, self.tech["L1"], self.test, status="in_progress", started_at=T0)
        self.settle()

    def settle(self) -> None:
        sync_settled(self.hub, self.lab, self.front, self.lab)

    def desks(self) -> tuple[Desk, Desk]:
        return self.lab, self.front


@pytest.fixture
def site(tmp_path, hub):
    made = LabSite(tmp_path, hub)
    yield made
    for desk in made.desks():
        desk.db.dispose()


def _versions(desk: Desk, test_id) -> list[tuple]:
    return sorted((v.round, v.version, v.desk, v.readings[0].value)
                  for v in results.result_history(desk.db, test_id=test_id))


def test_result_versions_entered_at_two_desks_all_arrive(site):
    results.submit_result(site.lab.db, test_id=site.test, readings={"rm": R("512")}, conditions=WARM,
                          actor=site.tech["L1"])
    site.settle()
    change_test(site.lab.db, site.tech["L1"], site.test, status="completed")
    site.settle()
    # Both desks offline: each enters its own new version of the same round.
    results.submit_result(site.lab.db, test_id=site.test, readings={"rm": R("515")}, conditions=WARM,
                          reason="Trascrizione", actor=site.tech["L1"])
    results.submit_result(site.front.db, test_id=site.test, readings={"rm": R("516")}, conditions=WARM,
                          reason="Rimisurata", actor=site.tech["L2"])
    site.settle()
    expected = [(1, 1, "L1", "512"), (1, 2, "L1", "515"), (1, 2, "L2", "516")]
    assert _versions(site.lab, site.test) == _versions(site.front, site.test) == expected
    _same_everywhere(site)


def test_a_reopen_at_one_desk_outranks_a_late_completion_of_the_old_round_at_the_other(site):
    results.submit_result(site.lab.db, test_id=site.test, readings={"rm": R("512")}, conditions=WARM,
                          actor=site.tech["L1"])
    change_test(site.lab.db, site.tech["L1"], site.test, status="completed", completed_at=T0)
    review.verify_test(site.lab.db, test_id=site.test, actor=site.manager["L1"])
    review.reopen_test(site.lab.db, test_id=site.test, reason="Provetta difettosa", actor=site.manager["L1"])
    assert site.lab.sync().rejected == 0
    # L2, offline, still in round 1 "in progress", completes it later, its clock ahead.
    _clock_ahead(site.front, 10)
    late = T0 + dt.timedelta(hours=2)
    change_test(site.front.db, site.tech["L2"], site.test, status="completed", completed_at=late,
                completed_by=site.tech["L2"].staff_id)
    report = site.front.sync()
    assert report.rejected == 0 and report.superseded >= 1, report
    site.settle()
    for desk in site.desks():
        assert _query(desk, "SELECT round, status, stage, completed_at, reopen_reason FROM lab_test WHERE id = ?",
                      site.test.hex) == [(2, "scheduled", stage_of(2, "scheduled"), None, "Provetta difettosa")]
    _same_everywhere(site)


def test_a_raw_file_of_a_few_hundred_kb_arrives_whole(site):
    content = os.urandom(300 * 1024)
    info = results.add_attachment(site.lab.db, test_id=site.test, filename="curva.tra", content=content,
                                  actor=site.tech["L1"])
    assert site.lab.sync().rejected == 0
    sync_until(site.front, lambda: _rows(site.front, "lab_attachment") != {})
    arrived, data = results.attachment_content(site.front.db, attachment_id=info.id)
    assert data == content and hashlib.sha256(data).hexdigest() == info.sha256 == arrived.sha256
    _same_everywhere(site)


def test_the_hub_takes_a_technicians_verified_status_it_checks_rights_per_table_not_per_field(site):
    """The services refuse a technician's verification (VERIFY_TESTS); the hub does not: lab_test
    accepts writers with RUN_TESTS, and rights are per table. A desk whose app is bypassed can so
    mark a test verified; the audit event names who did it."""
    results.submit_result(site.lab.db, test_id=site.test, readings={"rm": R("512")}, conditions=WARM,
                          actor=site.tech["L1"])
    change_test(site.lab.db, site.tech["L1"], site.test, status="completed")
    site.settle()
    change_test(site.front.db, site.tech["L2"], site.test, status="verified")  # behind the services' back
    report = site.front.sync()
    assert report.rejected == 0, report
    sync_until(site.lab, lambda: _query(site.lab, "SELECT status FROM lab_test WHERE id = ?",
                                        site.test.hex) == [("verified",)])
