"""The demo desk has a small lab: machines in every calibration state, one out of service, and the
summer closure; none of it waits in the sync outbox (the first automatic plan, made after, does)."""

from __future__ import annotations

import sqlite3

from frontdesk.demo.fill import run_demo
from frontdesk.services.desk.setup import open_desk
from frontdesk.services.lab.calendar import closures
from frontdesk.services.lab.equipment import list_equipment


def test_the_demo_lab_shows_every_state(tmp_path, monkeypatch):
    monkeypatch.setenv("FRONTDESK_HOME", str(tmp_path / "home"))
    path = tmp_path / "demo.sqlite"
    run_demo(path, desk="R1", seed=2026)
    db = open_desk(path)
    try:
        states = {m.code: m.state for m in list_equipment(db)}
        assert states == {"CH-01": "out_of_service", "HD-01": "valid", "MG-01": "lapsed", "NS-01": "valid",
                          "TR-01": "valid", "TR-02": "due_soon"}
        assert [c.reason for c in closures(db)] == ["Chiusura estiva"]
    finally:
        db.dispose()
    with sqlite3.connect(path) as conn:  # the seed catalogue is queued at set-up like every desk's reference data
        queued = dict(conn.execute("SELECT table_name, count(*) FROM sync_outbox WHERE table_name LIKE 'lab_%' "
                                   "AND table_name <> 'lab_test_type' GROUP BY table_name").fetchall())
        moved = conn.execute("SELECT moved FROM lab_plan_run").fetchone()[0]
    # only the desk's first automatic plan, made after the fill, is queued: its run and the slots it wrote
    assert queued == {"lab_plan_run": 1, "lab_test": moved}
