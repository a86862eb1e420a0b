"""The Test queue refreshes by itself after a sync (issue 14, point 1: "also across desks after a
sync"): a test planned at desk R1 on a machine appears in that machine's queue open at desk R2 when
R2's "Sync now" pulls it, through the real hub."""

from __future__ import annotations

import datetime as dt

from sync_hub import sync_settled
from sync_lab_rows import catalogue_entry, change_test, equipment, intake

from frontdesk.domain.clock import utcnow
from frontdesk.services.desk.settings import update_settings
from frontdesk.services.registry.companies import CompanyInput, create_company
from frontdesk.ui import tasks
from frontdesk.ui.shell.area_view import DeskContext
from frontdesk.ui.shell.main_window import MainWindow
from frontdesk.ui.sync.nightly_sync import NightlySync


def test_a_test_planned_at_another_desk_appears_in_the_queue_after_sync_now(qtbot, hub, desks, tmp_path):
    a, b = desks
    company = create_company(a.db, data=CompanyInput(name="Acme Coda", kind="foreign"), actor=a.admin)
    catalogue_entry(a.db, a.admin, "TENSILE_RT", equipment_kind="tensile")
    machine = equipment(a.db, a.admin, "TR-01")
    made = intake(a.db, a.admin, company_id=company.id)
    sync_settled(hub, a, b)  # R2 knows the machine and the request

    token = tmp_path / "R2.token"
    token.write_text(b.token)
    update_settings(b.db, changes={"hub_url": b.hub_url, "hub_token_file": str(token)}, actor=b.admin)
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.attach(DeskContext(db=b.db, actor=b.admin, desk=b.code, is_demo=False))
    window.show_area("lab_queue")
    view = window.view("lab_queue")
    view.mode.setCurrentIndex(view.mode.findData("machine"))
    qtbot.waitUntil(lambda: view.owner.currentData() == machine and not view.model.is_fetching(), timeout=5000)
    assert view.model.rowCount() == 0

    now = utcnow()
    change_test(a.db, a.admin, made.tests[0], status="scheduled", equipment_id=machine,
                technician_id=a.admin.staff_id, planned_start=now, planned_end=now + dt.timedelta(minutes=45))
    sync_settled(hub, a)
    sync = NightlySync(b.db, b.code, parent=window)
    with qtbot.waitSignal(sync.finished, timeout=30000):
        sync.sync_now()
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=10000)  # no reload asked: the bus told it
    assert view.model.value(0).test_id == made.tests[0]
    tasks.wait_for_idle()
