"""Restores and epochs (issue 12, point 3): a desk restored from a three-day-old backup gets its
new number series from the hub (or picks it and has the next handshake settle it), its later work
comes back at the first pull, nothing is applied twice at the hub, and no number is issued twice.

Real hub process on the real PostgreSQL, real desk files, real backups and restores.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import time
import uuid
from pathlib import Path

import httpx
from sync_hub import Desk, hub_rows

from frontdesk.db.migrate import HEAD
from frontdesk.services.desk.settings import update_settings
from frontdesk.services.desk.setup import open_desk
from frontdesk.services.reception.visits import check_in_new_visitor, check_out
from frontdesk.services.registry.companies import CompanyInput, create_company, get_company, update_company
from frontdesk.services.registry.visitors import VisitorInput
from frontdesk.services.upkeep import backups
from frontdesk.sync.client import HubClient


def _sync(desk: Desk, pg_url: str):
    """A run, once the hub's change log can be read to its end: a pull reads only rows below the
    oldest transaction running on the server (hub.pull), and this PostgreSQL is shared with other
    tests, whose transactions would otherwise leave this pull short for a moment."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        newest, horizon = hub_rows(pg_url, "SELECT coalesce(max(txid), 0), "
                                           "pg_snapshot_xmin(pg_current_snapshot())::text::bigint FROM hub_record")[0]
        if newest < horizon:
            break
        time.sleep(0.05)
    return desk.sync()


def _visit(desk: Desk, last: str):
    """Check a new visitor in at `desk`; the CheckInResult (its badge carries the number)."""
    return check_in_new_visitor(desk.db, visitor=VisitorInput("Anna", last), service_code="meeting", host_id=None,
                                privacy_notice_shown=True, actor=desk.admin)


def _use_hub_settings(desk: Desk, folder: Path) -> None:
    """The desk's own hub settings, as an administrator sets them (the restore reads them)."""
    token_file = folder / f"{desk.code}.token"
    token_file.write_text(desk.token)
    update_settings(desk.db, changes={"hub_url": desk.hub_url, "hub_token_file": str(token_file)},
                    actor=desk.admin)


def _three_days_old(backup: Path) -> Path:
    """The backup as if taken three days ago (its name carries the time it was taken)."""
    taken = backups.parse_name(backup).taken_at - dt.timedelta(days=3)
    older = backup.with_name(f"frontdesk-R1-{taken.strftime(backups.STAMP)}.sqlite")
    backup.rename(older)
    os.utime(older, (taken.timestamp(), taken.timestamp()))
    return older


def _restore(desk: Desk, backup: Path, **kwargs) -> backups.RestoreResult:
    """Close the desk (the app must be closed), restore, open it again as the app does."""
    desk.db.dispose()
    try:
        return backups.restore(desk.path, backup, **kwargs)
    finally:
        desk.db = open_desk(desk.path)


def _rows(desk: Desk, sql: str) -> list[tuple]:
    conn = sqlite3.connect(desk.path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def _hub_badge_numbers(pg_url: str) -> list[str]:
    return [n for (n,) in hub_rows(pg_url, "SELECT data->>'number' FROM hub_record WHERE tbl = 'badge'")]


def test_a_desk_restored_from_a_three_day_old_backup_gets_its_later_work_back_and_never_repeats_a_number(
        desks, hub, pg_url, tmp_path):
    a, b = desks
    _use_hub_settings(a, tmp_path)
    first = _visit(a, "Prima")
    company = create_company(a.db, data=CompanyInput(name="Officine Rota", kind="foreign"), actor=a.admin)
    assert _sync(a, pg_url).rejected == 0
    late_edit = _visit(a, "InCoda")  # made before the backup, pushed after it: in the backup's outbox
    backup = _three_days_old(backups.backup_now(a.db, actor=a.admin, kind="manual").path)
    conn = sqlite3.connect(backup)
    queued_in_backup = conn.execute("SELECT count(*) FROM sync_outbox").fetchone()[0]
    conn.close()
    assert queued_in_backup > 0

    after = [_visit(a, f"Dopo{i}") for i in range(3)]  # the work the restore loses locally
    check_out(a.db, visit_id=first.visit.id, actor=a.admin)
    data = get_company(a.db, company_id=company.id)
    update_company(a.db, company_id=company.id, actor=a.admin,
                   data=CompanyInput(name=data.name, kind=data.kind, city="Dalmine"))
    assert _sync(a, pg_url).rejected == 0
    assert _sync(b, pg_url).rejected == 0
    numbers_before = _hub_badge_numbers(pg_url)
    hub_rows_before = hub_rows(pg_url, "SELECT count(*) FROM hub_record")[0][0]
    applied_before = hub_rows(pg_url, "SELECT count(*) FROM hub_applied_op WHERE outcome = 'applied'")[0][0]

    result = _restore(a, backup)
    assert result.series_from_hub and result.series_prefix == "R1-B" and result.previous_prefix == "R1"
    assert hub_rows(pg_url, "SELECT e.epoch FROM hub_epoch e JOIN hub_desk d ON d.id = e.desk_id "
                            "WHERE d.code = 'R1' ORDER BY e.epoch") == [("R1",), ("R1-B",)]
    assert not any("could not be reached" in w for w in result.warnings)
    assert _rows(a, f"SELECT count(*) FROM visit WHERE id = '{after[0].visit.id.hex}'") == [(0,)]  # lost here

    report = _sync(a, pg_url)
    assert report.rejected == 0 and report.waiting == 0 and report.warnings == ()
    # The backup's queued operations went again under the new epoch and changed nothing: the hub's
    # rows are the same ones; what it applied is the restore's own audit event.
    assert (report.pushed, report.superseded, report.applied) == (queued_in_backup + 1, queued_in_backup, 1)
    assert hub_rows(pg_url, "SELECT count(*) FROM hub_record")[0][0] == hub_rows_before + 1
    assert hub_rows(pg_url, "SELECT count(*) FROM hub_applied_op WHERE outcome = 'applied'")[0][0] \
        == applied_before + report.applied == applied_before + 1
    assert hub_rows(pg_url, "SELECT count(*) FROM hub_applied_op WHERE epoch = 'R1-B'")[0][0] == report.pushed
    # The first pull brought the desk's own later work back.
    for later in (*after, late_edit):
        assert _rows(a, f"SELECT b.number FROM visit v JOIN badge b ON b.subject_id = v.id "
                        f"WHERE v.id = '{later.visit.id.hex}'") == [(later.badge.data.number,)]
    assert _rows(a, f"SELECT status FROM visit WHERE id = '{first.visit.id.hex}'") == [("out",)]
    assert get_company(a.db, company_id=company.id).city == "Dalmine"

    again = _visit(a, "Nuova")
    assert again.badge.data.number == "R1-B-000001"
    assert _sync(a, pg_url).rejected == 0 and _sync(b, pg_url).rejected == 0
    numbers = _hub_badge_numbers(pg_url)
    assert len(numbers) == len(set(numbers)) == len(numbers_before) + 1
    for desk in (a, b):
        assert sorted(n for (n,) in _rows(desk, "SELECT number FROM badge")) == sorted(numbers)
        assert _rows(desk, "SELECT count(*) FROM visit") == [(len(numbers),)]
    again_report = _sync(a, pg_url)
    assert (again_report.pushed, again_report.changed, again_report.warnings) == (0, 0, ())


def test_with_the_hub_down_the_restore_picks_the_series_here_and_the_next_sync_registers_it(
        desks, hub, pg_url, tmp_path):
    a, _b = desks
    _use_hub_settings(a, tmp_path)
    _visit(a, "Prima")
    assert _sync(a, pg_url).rejected == 0
    backup = backups.backup_now(a.db, actor=a.admin, kind="manual").path
    _visit(a, "Dopo")
    assert _sync(a, pg_url).rejected == 0

    hub.stop()
    result = _restore(a, backup)
    assert result.series_prefix == "R1-B" and not result.series_from_hub
    assert any("could not be reached" in w and "chosen on this PC" in w for w in result.warnings)
    assert _visit(a, "Offline").badge.data.number == "R1-B-000001"

    hub.start()
    report = _sync(a, pg_url)
    assert report.rejected == 0 and report.waiting == 0 and report.warnings == ()
    assert hub_rows(pg_url, "SELECT epoch, epoch_id IS NOT NULL FROM hub_epoch ORDER BY epoch") \
        == [("R1", True), ("R1-B", True)]
    numbers = _hub_badge_numbers(pg_url)
    assert len(numbers) == len(set(numbers)) == 3


def test_a_series_the_hub_saw_used_after_the_backup_is_refused_and_the_desk_moves_to_a_new_one(
        desks, hub, pg_url, tmp_path, monkeypatch):
    a, _b = desks
    _use_hub_settings(a, tmp_path)
    _visit(a, "Prima")
    assert _sync(a, pg_url).rejected == 0
    backup = backups.backup_now(a.db, actor=a.admin, kind="manual").path
    stick = tmp_path / "usb"
    stick.mkdir()
    copied = stick / backup.name
    copied.write_bytes(backup.read_bytes())

    assert _restore(a, backup).series_prefix == "R1-B"  # the hub gave it
    used_b = _visit(a, "SerieB").badge.data.number
    assert used_b == "R1-B-000001"
    assert _sync(a, pg_url).rejected == 0

    # The PC dies. On a new PC, with the hub down and no ledger, a person types the wrong series.
    new_pc = tmp_path / "new-pc" / "frontdesk.sqlite"
    monkeypatch.setenv("FRONTDESK_HOME", str(new_pc.parent))
    a.db.dispose()
    hub.stop()
    result = backups.restore(new_pc, copied, after_series="R1")
    assert result.series_prefix == "R1-B" and not result.series_from_hub  # collides, unknown to this PC
    a.path, a.db = new_pc, open_desk(new_pc)
    repeated = _visit(a, "Ripetuto").badge.data.number
    assert repeated == used_b  # issued offline before the hub could say: the report says so below

    hub.start()
    under_b = hub_rows(pg_url, "SELECT count(*) FROM hub_applied_op WHERE epoch = 'R1-B'")
    report = _sync(a, pg_url)
    assert report.rejected == 0 and report.waiting == 0 and report.pushed > 0  # the run went on
    assert hub_rows(pg_url, "SELECT count(*) FROM hub_applied_op WHERE epoch = 'R1-B'") == under_b  # not under R1-B
    assert any("already seen the number series R1-B" in w and "R1-C" in w for w in report.warnings)
    assert any("1 badge printed here since the restore" in w and "R1-B-000001 -> R1-C-000001" in w
               for w in report.warnings)
    assert _visit(a, "Dopo").badge.data.number == "R1-C-000002"
    assert _sync(a, pg_url).warnings == ()
    assert hub_rows(pg_url, "SELECT epoch FROM hub_epoch ORDER BY epoch") == [("R1",), ("R1-B",), ("R1-C",)]
    numbers = sorted(_hub_badge_numbers(pg_url))
    assert numbers == ["R1-000001", "R1-B-000001", "R1-C-000001", "R1-C-000002"]  # each once
    assert sorted(n for (n,) in _rows(a, "SELECT number FROM badge")) == numbers
    assert _rows(a, "SELECT count(*) FROM sync_outbox") == [(0,)]


def test_the_series_endpoint_gives_one_series_per_database_and_only_the_desks_own(desks, hub, pg_url):
    a, b = desks
    ids = [uuid.uuid4().hex for _ in range(2)]
    with HubClient(a.hub_url, a.token) as client:
        first = client.new_series(epoch_id=ids[0], used=["R1"])
        assert first == "R1-B"
        assert client.new_series(epoch_id=ids[0], used=["R1"]) == "R1-B"  # the answer was lost: same series
        assert client.new_series(epoch_id=ids[1], used=["R1", "R1-E"]) == "R1-F"  # above what the desk says
        refused = httpx.post(f"{hub.url}/v1/series", json={"epoch_id": ids[1], "used": ["R2"]},
                             headers={"Authorization": f"Bearer {a.token}"})
        assert refused.status_code == 422 and refused.json()["detail"]["code"] == "not_this_desks_series"
        handshake = httpx.post(f"{hub.url}/v1/handshake", headers={"Authorization": f"Bearer {a.token}"}, json={
            "schema_version": HEAD, "desk_time": dt.datetime.now(dt.UTC).isoformat(), "epoch": "R2",
            "epoch_id": ids[0]})
        assert handshake.status_code == 200 and handshake.json()["desk"] == "R1"  # the desk sees it is not R2
        older = httpx.post(f"{hub.url}/v1/handshake", headers={"Authorization": f"Bearer {a.token}"}, json={
            "schema_version": HEAD, "desk_time": dt.datetime.now(dt.UTC).isoformat()})
        assert older.status_code == 200  # a desk that does not present its series yet still syncs
    assert hub_rows(pg_url, "SELECT count(*) FROM hub_epoch WHERE epoch = 'R2'") == [(0,)]
    with HubClient(b.hub_url, b.token) as client:
        assert client.new_series(epoch_id=ids[0], used=[]) == "R2-B"  # another desk's series are its own


def test_a_series_spelled_the_old_way_counts_as_its_generation(desks):
    a, _b = desks
    with HubClient(a.hub_url, a.token) as client:
        assert client.new_series(epoch_id=uuid.uuid4().hex, used=["R1", "R1b"]) == "R1-C"


def test_on_a_new_pc_without_any_ledger_the_hub_gives_the_series_and_nobody_is_asked(
        desks, hub, pg_url, tmp_path, monkeypatch):
    a, _b = desks
    _use_hub_settings(a, tmp_path)  # in the backup too: the new PC reads them there
    _visit(a, "Prima")
    backup = backups.backup_now(a.db, actor=a.admin, kind="manual").path
    assert _restore(a, backup).series_prefix == "R1-B"
    assert _visit(a, "SerieB").badge.data.number == "R1-B-000001"
    assert _sync(a, pg_url).rejected == 0
    stick = tmp_path / "usb"
    stick.mkdir()
    copied = stick / backup.name
    copied.write_bytes(backup.read_bytes())

    new_pc = tmp_path / "new-pc" / "frontdesk.sqlite"
    monkeypatch.setenv("FRONTDESK_HOME", str(new_pc.parent))
    a.db.dispose()
    result = backups.restore(new_pc, copied)  # no ledger, no database: without the hub it would ask
    assert result.series_from_hub and result.series_prefix == "R1-C"
    a.path, a.db = new_pc, open_desk(new_pc)
    assert _visit(a, "Nuova").badge.data.number == "R1-C-000001"
    report = _sync(a, pg_url)
    assert report.rejected == 0 and report.warnings == ()
    numbers = _hub_badge_numbers(pg_url)
    assert len(numbers) == len(set(numbers)) == 3


def test_a_desk_without_a_hub_restores_as_before_with_nothing_to_say_about_the_hub(desks, tmp_path):
    _a, b = desks
    backup = backups.backup_now(b.db, actor=b.admin, kind="manual").path
    result = _restore(b, backup)
    assert (result.series_prefix, result.series_from_hub) == ("R2-B", False)
    assert not any("hub" in w for w in result.warnings)
