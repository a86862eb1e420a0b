"""The automatic plan across desks, through the real hub: R1 is the planning desk. A request taken
in at R2 reaches R1, whose plan becomes due ("change": a pulled row, whatever its timestamps); the
plan R1 makes (slots and its run) reaches R2, where the plan cannot be made. R1's own rows coming
back from the hub do not make another run due."""

from __future__ import annotations

import pytest
from sync_hub import sync_settled
from sync_lab_rows import calibration, catalogue_entry, equipment, intake, writing

from frontdesk.db.lab_models import Authorisation, TestJob
from frontdesk.domain.clock import today_in_rome
from frontdesk.domain.errors import Conflict
from frontdesk.domain.ids import reference_id
from frontdesk.services.desk.settings import update_settings
from frontdesk.services.lab.auto_plan import latest_run, plan_due, replan, replan_if_due
from frontdesk.services.registry.companies import CompanyInput, create_company


def _slot(desk, test_id):
    with desk.db.read() as session:
        job = session.get(TestJob, test_id)
        return job.status, job.equipment_id, job.planned_start, job.planned_end, job.technician_id


def test_the_plan_made_at_the_planning_desk_reaches_the_other_desk(hub, desks):
    r1, r2 = desks
    type_id = catalogue_entry(r1.db, r1.admin, "TENSILE_RT", equipment_kind="tensile", duration_min=45)
    machine = equipment(r1.db, r1.admin, "TR-01")
    calibration(r1.db, r1.admin, machine, on=today_in_rome())
    with writing(r1.db, r1.admin, "lab.authorisation") as session:  # R1's admin runs tensile tests
        session.add(Authorisation(id=reference_id("lab_authorisation", f"{r1.admin.staff_id}:{type_id}"),
                                  staff_id=r1.admin.staff_id, test_type_id=type_id, active=True))
    update_settings(r1.db, changes={"lab_planning_desk": "R1"}, actor=r1.admin)
    assert replan_if_due(r1.db).tests == 0  # the first run of the day
    company = create_company(r2.db, data=CompanyInput(name="Acme Piano", kind="foreign"), actor=r2.admin)
    sync_settled(hub, r1, r2)
    assert plan_due(r1.db) is None

    made = intake(r2.db, r2.admin, company_id=company.id)  # taken in at R2
    sync_settled(hub, r2, r1)
    assert plan_due(r1.db) == "change"  # pulled rows
    outcome = replan_if_due(r1.db)
    assert outcome.tests == 1 and outcome.moved == 1
    planned = _slot(r1, made.tests[0])
    assert planned[:2] == ("scheduled", machine) and planned[4] == r1.admin.staff_id

    sync_settled(hub, r1, r2)
    assert plan_due(r1.db) is None  # its own rows came back: nothing new to plan
    assert _slot(r2, made.tests[0]) == planned
    assert latest_run(r2.db) == latest_run(r1.db) and latest_run(r2.db).cause == "change"
    assert plan_due(r2.db) is None
    with pytest.raises(Conflict, match="desk R1"):
        replan(r2.db, actor=r2.admin, cause="manual")
