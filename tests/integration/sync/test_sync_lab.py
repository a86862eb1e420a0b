"""The lab's tables through the real hub (a process on a real PostgreSQL) between a lab desk (L1)
and a reception desk (R1): a request arrives whole, custody events are the union of both desks'
(append-only: a changed one is put back), a test's status only moves forward while other fields
still merge, lab IDs never collide, the catalogue and the machines are the lab manager's, and the
verify's checksums agree on every lab table."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
import time

import pytest
from sync_hub import Desk, hub_rows, make_desk, sync_settled, sync_until
from sync_lab_rows import (
    Intake,
    account,
    calibration,
    catalogue_entry,
    change_equipment,
    change_test,
    change_test_type,
    custody,
    equipment,
    intake,
)

from frontdesk.db.lab_models import LAB_MODELS
from frontdesk.db.outbox import synced_fields
from frontdesk.domain.checksum import Checksum
from frontdesk.domain.lab import sample_tokens
from frontdesk.domain.roles import Role
from frontdesk.hub import database as hub_database
from frontdesk.hub.checksums import checksums as hub_checksums
from frontdesk.hub.checksums import from_scratch
from frontdesk.services.desk.keyring import load_keyring
from frontdesk.services.desk.settings import update_settings
from frontdesk.services.desk.setup import open_desk
from frontdesk.services.registry.companies import CompanyInput, create_company
from frontdesk.services.sync.rejected import list_rejected
from frontdesk.services.upkeep import backups
from frontdesk.sync.checksums import _from_scratch, table_sums

LAB_TABLES = tuple(model.__tablename__ for model in LAB_MODELS)
T0 = dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC)


class Site:
    """L1 (the lab) and R1 (reception), each with its people; the catalogue made at L1 by the lab
    manager and a customer made at R1, both already at both desks."""

    def __init__(self, tmp_path, hub) -> None:
        self.hub = hub
        self.lab: Desk = make_desk(tmp_path / "L1.sqlite", "L1", hub)
        self.front: Desk = make_desk(tmp_path / "R1.sqlite", "R1", hub)
        self.manager = account(self.lab.db, self.lab.admin, username="mario.manager", role=Role.LAB_MANAGER)
        self.technician = account(self.lab.db, self.lab.admin, username="tina.tecnica", role=Role.LAB_TECHNICIAN)
        self.reception = account(self.front.db, self.front.admin, username="rita.reception", role=Role.RECEPTION)
        self.types = {code: catalogue_entry(self.lab.db, self.manager, code) for code in ("TENSILE_RT", "HARDNESS_HBW")}
        self.company = create_company(self.front.db, data=CompanyInput(name="Officine Test", kind="foreign"),
                                      actor=self.front.admin).id
        self.settle()

    def settle(self) -> None:
        sync_settled(self.hub, self.lab, self.front, self.lab)

    def desks(self) -> tuple[Desk, Desk]:
        return self.lab, self.front


@pytest.fixture
def site(tmp_path, hub):
    made = Site(tmp_path, hub)
    yield made
    for desk in made.desks():
        desk.db.dispose()


def _rows(desk: Desk, table: str) -> dict[str, dict]:
    """The synced fields of every row of `table` at the desk, by id."""
    model = next(m for m in LAB_MODELS if m.__tablename__ == table)
    fields = synced_fields(model)
    conn = sqlite3.connect(desk.path)
    try:
        return {row[0]: dict(zip(fields, row[1:], strict=True))
                for row in conn.execute(f"SELECT id, {', '.join(fields)} FROM {table}")}
    finally:
        conn.close()


def _query(desk: Desk, sql: str, *params) -> list[tuple]:
    conn = sqlite3.connect(desk.path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def _hub_data(site: Site, table: str) -> dict[str, dict]:
    return {row_id: data for row_id, data in hub_rows(site.hub.db_url, "SELECT row_id, data FROM hub_record "
                                                      "WHERE tbl = %s AND data <> '{}'::jsonb", table)}


def _same_everywhere(site: Site) -> None:
    """Every lab table holds the same rows, field for field, at both desks and at the hub."""
    for table in LAB_TABLES:
        lab, front, hub = _rows(site.lab, table), _rows(site.front, table), _hub_data(site, table)
        assert lab == front, table
        assert set(hub) == set(lab), table
        for row_id, data in hub.items():
            assert {k: lab[row_id][k] for k in data} == data, (table, row_id)


def _whole(desk: Desk, made: Intake) -> dict[str, int]:
    request = made.request_id.hex
    return {
        "request": len(_query(desk, "SELECT 1 FROM lab_request WHERE id = ?", request)),
        "samples": len(_query(desk, "SELECT 1 FROM lab_sample WHERE request_id = ?", request)),
        "tests": len(_query(desk, "SELECT 1 FROM lab_test t JOIN lab_sample s ON s.id = t.sample_id "
                                  "WHERE s.request_id = ?", request)),
        "events": len(_query(desk, "SELECT 1 FROM lab_custody_event e JOIN lab_sample s ON s.id = e.sample_id "
                                   "WHERE s.request_id = ?", request)),
    }


def test_a_request_made_at_reception_arrives_whole_at_the_lab_and_the_reverse(site):
    made = intake(site.front.db, site.reception, company_id=site.company, codes=("TENSILE_RT", "HARDNESS_HBW"),
                  samples=2, at=T0)
    custody(site.front.db, site.reception, made.samples[0], "stored", at=T0 + dt.timedelta(minutes=5))
    assert site.front.sync().rejected == 0
    sync_until(site.lab, lambda: _whole(site.lab, made)["events"] == 3)
    assert _whole(site.lab, made) == {"request": 1, "samples": 2, "tests": 4, "events": 3}
    assert _query(site.lab, "SELECT number, contact_name, received_by_name FROM lab_request") == [
        (made.number, "Ing. Paola Rota", "Rita.Reception")]

    back = intake(site.lab.db, site.technician, company_id=site.company, codes=("HARDNESS_HBW",), at=T0)
    assert site.lab.sync().rejected == 0
    sync_until(site.front, lambda: _whole(site.front, back)["events"] == 1)
    assert _whole(site.front, back) == {"request": 1, "samples": 1, "tests": 1, "events": 1}
    site.settle()
    _same_everywhere(site)
    assert {n for (n,) in _query(site.front, "SELECT created_desk FROM lab_sample")} == {"L1", "R1"}


def _chain(desk: Desk, sample_hex: str) -> list[tuple]:
    return _query(desk, "SELECT kind, location, created_desk FROM lab_custody_event WHERE sample_id = ? "
                        "ORDER BY at, id", sample_hex)


def test_custody_events_made_offline_at_both_desks_are_the_union_in_time_order(site):
    made = intake(site.front.db, site.reception, company_id=site.company, at=T0)
    site.settle()
    sample = made.samples[0]
    # Both desks offline, their steps interleaved in time.
    custody(site.front.db, site.reception, sample, "stored", at=T0 + dt.timedelta(minutes=10), location="Scaffale R")
    custody(site.lab.db, site.technician, sample, "to_test", at=T0 + dt.timedelta(minutes=20), location="Trazione")
    custody(site.front.db, site.reception, sample, "returned", at=T0 + dt.timedelta(minutes=30), location="Banco")
    custody(site.lab.db, site.technician, sample, "remnant", at=T0 + dt.timedelta(minutes=5), location="Officina")
    site.settle()
    expected = [("received", "Accettazione", "R1"), ("remnant", "Officina", "L1"), ("stored", "Scaffale R", "R1"),
                ("to_test", "Trazione", "L1"), ("returned", "Banco", "R1")]
    assert _chain(site.lab, sample.hex) == _chain(site.front, sample.hex) == expected
    _same_everywhere(site)


def test_a_custody_event_changed_at_a_desk_is_superseded_at_the_hub_and_put_back(site):
    made = intake(site.front.db, site.reception, company_id=site.company, at=T0)
    site.settle()
    event = made.events[0].hex
    original = _rows(site.lab, "lab_custody_event")[event]
    conn = sqlite3.connect(site.lab.path)  # behind the app's back (a tool, a careless script)
    conn.execute("UPDATE lab_custody_event SET location = 'Altrove', at = '2026-11-30 08:00:00.000000' "
                 "WHERE id = ?", (event,))
    conn.commit()
    conn.close()

    report = site.lab.sync()
    assert (report.applied, report.superseded, report.rejected) == (0, 1, 0), report
    assert _hub_data(site, "lab_custody_event")[event] == original  # the hub kept the event as it was made
    sync_until(site.lab, lambda: _rows(site.lab, "lab_custody_event")[event] == original)  # and it is back here
    site.settle()
    _same_everywhere(site)
    again = site.lab.sync()
    assert (again.pushed, again.pulled, again.differences) == (0, 0, {})


def _status(desk: Desk, test_hex: str) -> tuple:
    return _query(desk, "SELECT status, price_cents FROM lab_test WHERE id = ?", test_hex)[0]


def _clock_ahead(desk: Desk, minutes: int) -> None:
    """Stamps made at this desk from now on read a clock `minutes` ahead (as on a PC set wrong)."""
    moment = int((time.time() + minutes * 60) * 1000) * 65536
    conn = sqlite3.connect(desk.path)
    conn.execute("UPDATE sync_state SET number = max(number, ?) WHERE key = 'clock'", (moment,))
    conn.commit()
    conn.close()


def test_a_tests_status_only_moves_forward_while_its_other_fields_still_merge(site):
    made = intake(site.front.db, site.reception, company_id=site.company, at=T0)
    site.settle()
    job = made.tests[0]
    change_test(site.lab.db, site.technician, job, status="scheduled")
    change_test(site.lab.db, site.technician, job, status="in_progress")
    assert site.lab.sync().rejected == 0
    # R1, offline, still has it "requested": it agrees a new price, then (stale) schedules it, both
    # with a clock ahead of L1's: the price wins by its stamp, the status loses by its rank.
    _clock_ahead(site.front, 10)
    change_test(site.front.db, site.reception, job, price_cents=9_500)
    change_test(site.front.db, site.reception, job, status="scheduled")
    assert _status(site.front, job.hex) == ("scheduled", 9_500)
    report = site.front.sync()
    assert (report.applied, report.superseded, report.rejected) == (1 + 2, 1, 0), report  # + the two audit events
    site.settle()
    assert _status(site.lab, job.hex) == _status(site.front, job.hex) == ("in_progress", 9_500)
    _same_everywhere(site)


def test_lab_ids_made_offline_at_two_desks_never_collide(site):
    here = [intake(site.front.db, site.reception, company_id=site.company, samples=3, at=T0) for _ in range(2)]
    there = [intake(site.lab.db, site.technician, company_id=site.company, samples=3, at=T0) for _ in range(2)]
    site.settle()
    made = here + there
    lab_ids = [lab_id for m in made for lab_id in m.lab_ids]
    numbers = [m.number for m in made]
    assert len(set(lab_ids)) == 12 and len(set(numbers)) == 4
    assert {i.split("-")[0] for m in here for i in m.lab_ids} == {"R1"}
    assert {i.split("-")[0] for m in there for i in m.lab_ids} == {"L1"}
    for desk in site.desks():
        assert sorted(i for (i,) in _query(desk, "SELECT lab_id FROM lab_sample")) == sorted(lab_ids)
        assert sorted(n for (n,) in _query(desk, "SELECT number FROM lab_request")) == sorted(numbers)
    _same_everywhere(site)


def test_reception_cannot_change_the_catalogue_or_the_machines_at_the_hub_a_lab_manager_can(site):
    tensile = site.types["TENSILE_RT"]
    machine = equipment(site.lab.db, site.manager, "TR-01", capacity=1)
    site.settle()
    # Reception's desk writes them (a service would have refused: here straight to the database).
    change_test_type(site.front.db, site.reception, tensile, price_cents=1)
    stray = equipment(site.front.db, site.reception, "HB-99", kind="hardness")
    change_equipment(site.front.db, site.reception, machine, room="Cantina")
    report = site.front.sync()
    assert report.rejected == 3, report
    refused = {(r["table_name"], r["reason"]) for r in _refused(site.front)}
    assert refused == {("lab_test_type", "permission_denied"), ("lab_equipment", "permission_denied")}
    assert len(list_rejected(site.front.db, actor=site.front.admin)) == 3
    assert _hub_data(site, "lab_test_type")[tensile.hex]["price_cents"] == 12_000
    assert stray.hex not in _hub_data(site, "lab_equipment")
    assert _hub_data(site, "lab_equipment")[machine.hex]["room"] == ""

    # The lab manager's changes apply, and reach reception.
    change_test_type(site.lab.db, site.manager, tensile, price_cents=13_500)
    change_equipment(site.lab.db, site.manager, machine, room="Laboratorio prove meccaniche")
    calibration(site.lab.db, site.manager, machine, on=dt.date(2026, 11, 2))
    report = site.lab.sync()
    assert report.rejected == 0 and report.applied >= 3, report
    sync_until(site.front, lambda: _rows(site.front, "lab_calibration") != {})
    assert _rows(site.front, "lab_test_type")[tensile.hex]["price_cents"] == 13_500
    assert _rows(site.front, "lab_equipment")[machine.hex]["room"] == "Laboratorio prove meccaniche"


def _refused(desk: Desk) -> list[dict]:
    conn = sqlite3.connect(desk.path)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute("SELECT table_name, row_id, reason FROM sync_rejected")]
    finally:
        conn.close()


def test_the_verify_agrees_on_every_lab_table_after_sync(site):
    machine = equipment(site.lab.db, site.manager, "TR-01")
    calibration(site.lab.db, site.manager, machine, on=dt.date(2026, 11, 2))
    made = intake(site.front.db, site.reception, company_id=site.company, codes=("TENSILE_RT", "HARDNESS_HBW"),
                  samples=2, at=T0)
    site.settle()
    custody(site.lab.db, site.technician, made.samples[0], "to_test", at=T0 + dt.timedelta(hours=1))
    change_test(site.lab.db, site.technician, made.tests[0], status="scheduled", equipment_id=machine)
    site.settle()

    engine = hub_database.engine_for(site.hub.db_url)
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:  # the hub folds its checksum deltas as it is asked
            kept = hub_checksums(engine).sums
            if hub_rows(site.hub.db_url, "SELECT count(*) FROM hub_table_sum_delta") == [(0,)]:
                break
            time.sleep(0.2)
        with engine.connect() as conn:
            assert kept == from_scratch(conn)
    finally:
        engine.dispose()
    lab_sums = {t: kept[t] for t in LAB_TABLES if t in kept}
    assert set(lab_sums) == set(LAB_TABLES) - {"lab_authorisation", "lab_out_of_service", "lab_closure",
                                               "lab_technician_days", "lab_absence", "lab_result",
                                               "lab_attachment", "lab_report", "lab_plan_run"}  # left empty here
    assert lab_sums["lab_custody_event"].rows == 3 and lab_sums["lab_test"].rows == 4
    for desk in site.desks():
        report = desk.sync()
        assert (report.differences, report.refetched) == ({}, ()), report
        here = table_sums(desk.db)
        assert {t: here[t] for t in lab_sums} == lab_sums, desk.code
        assert all(here[t] == Checksum() for t in LAB_TABLES if t not in lab_sums), desk.code
        conn = desk.db.raw()
        try:
            assert {t: _from_scratch(conn, t) for t in LAB_TABLES} == {t: here[t] for t in LAB_TABLES}
        finally:
            conn.close()


def test_one_machine_code_given_offline_at_two_desks_does_not_stop_sync(site):
    """Inventory codes are typed by people, the machines' ids are random: both machines reach both
    desks (a UNIQUE code at the desk made every later pull fail there), for the lab manager to fix."""
    other_manager = account(site.front.db, site.front.admin, username="marta.manager", role=Role.LAB_MANAGER)
    ours = equipment(site.lab.db, site.manager, "TR-01", name="Trazione 100 kN")
    theirs = equipment(site.front.db, other_manager, "TR-01", name="Trazione 250 kN")
    site.settle()
    for desk in site.desks():
        machines = _rows(desk, "lab_equipment")
        assert {i: (m["code"], m["name"]) for i, m in machines.items()} == {
            ours.hex: ("TR-01", "Trazione 100 kN"), theirs.hex: ("TR-01", "Trazione 250 kN")}, desk.code
    change_equipment(site.front.db, other_manager, theirs, code="TR-02")
    site.settle()
    assert sorted(m["code"] for m in _rows(site.lab, "lab_equipment").values()) == ["TR-01", "TR-02"]
    _same_everywhere(site)


def test_samples_numbered_offline_in_a_series_used_before_a_restore_take_new_lab_ids(site, tmp_path, monkeypatch):
    """A restore on a new PC where a person types a series the desk had already left: samples and
    requests numbered offline before the hub could say take new numbers at the next sync (their
    labels signed again), as badges do; otherwise their lab IDs repeat and every desk's pulls fail
    on them (lab IDs are UNIQUE at the desk)."""
    front = site.front
    token_file = tmp_path / "R1.token"
    token_file.write_text(front.token)
    update_settings(front.db, changes={"hub_url": front.hub_url, "hub_token_file": str(token_file)},
                    actor=front.admin)
    intake(front.db, site.reception, company_id=site.company, at=T0, labelled=True)
    assert front.sync().rejected == 0
    backup = backups.backup_now(front.db, actor=front.admin, kind="manual").path
    copied = tmp_path / "usb" / backup.name
    copied.parent.mkdir()
    copied.write_bytes(backup.read_bytes())
    front.db.dispose()
    try:
        assert backups.restore(front.path, backup).series_prefix == "R1-B"  # the hub gave it
    finally:
        front.db = open_desk(front.path)
    first = intake(front.db, site.reception, company_id=site.company, at=T0, labelled=True)
    assert (first.lab_ids, first.number) == (("R1-B-000001",), "R1-B-000001")
    site.settle()

    # The PC dies; on a new PC, with the hub down, a person types the series the desk had left.
    new_pc = tmp_path / "new-pc" / "frontdesk.sqlite"
    monkeypatch.setenv("FRONTDESK_HOME", str(new_pc.parent))
    front.db.dispose()
    site.hub.stop()
    assert backups.restore(new_pc, copied, after_series="R1").series_prefix == "R1-B"
    front.path, front.db = new_pc, open_desk(new_pc)
    again = intake(front.db, site.reception, company_id=site.company, samples=2, at=T0, labelled=True)
    assert again.lab_ids == ("R1-B-000001", "R1-B-000002") and again.number == "R1-B-000001"
    site.hub.start()

    report = front.sync()
    assert report.rejected == 0, report
    assert any("2 samples received here since the restore" in w and "R1-B-000001 -> R1-C-000001" in w
               and "R1-B-000002 -> R1-C-000002" in w for w in report.warnings), report.warnings
    assert any("1 lab request made here" in w and "R1-B-000001 -> R1-C-000001" in w for w in report.warnings)
    site.settle()
    lab_ids = sorted(d["lab_id"] for d in _hub_data(site, "lab_sample").values())
    assert lab_ids == ["R1-000001", "R1-B-000001", "R1-C-000001", "R1-C-000002"]
    assert sorted(d["number"] for d in _hub_data(site, "lab_request").values()) == [
        "R1-000001", "R1-B-000001", "R1-C-000001"]
    _same_everywhere(site)
    keys = load_keyring().keys
    for sample_id, lab_id in zip(again.samples, ("R1-C-000001", "R1-C-000002"), strict=True):
        token = _rows(site.lab, "lab_sample")[sample_id.hex]["label_token"]
        assert sample_tokens.verify(token, keys) == sample_tokens.SampleClaim(sample_id, lab_id,
                                                                               load_keyring().current_id)


def test_the_seed_catalogue_reaches_the_hub_once_and_never_undoes_the_lab_managers_edit(site, tmp_path):
    """Every desk loads the catalogue of resources/lab/ at set-up, as the desk itself (no one signed
    in): the hub takes those rows from the first desk only; a desk set up later sends them too and
    is answered superseded, so the price the lab manager changed meanwhile stays, and reaches it."""
    from frontdesk.domain.ids import reference_id
    from frontdesk.services.lab.catalogue import get_test_type, update_test_type

    hb = reference_id("lab_test_type", "HB")
    assert _hub_data(site, "lab_test_type")[hb.hex]["code"] == "HB"  # from the first desk's set-up
    spec = get_test_type(site.lab.db, test_type_id=hb).spec
    edited = dataclasses.replace(spec, price_cents=spec.price_cents + 1000)
    update_test_type(site.lab.db, test_type_id=hb, spec=edited, actor=site.manager)
    site.settle()
    later = make_desk(tmp_path / "R2.sqlite", "R2", site.hub)
    try:
        reports = sync_until(later, lambda: get_test_type(later.db, test_type_id=hb).spec.price_cents
                             == edited.price_cents)
        assert sum(r.rejected for r in reports) == 0 and sum(r.superseded for r in reports) >= 15
        site.settle()
        for desk in (*site.desks(), later):
            assert get_test_type(desk.db, test_type_id=hb).spec.price_cents == edited.price_cents
        assert _hub_data(site, "lab_test_type")[hb.hex]["price_cents"] == edited.price_cents
    finally:
        later.db.dispose()


def test_the_desk_itself_may_send_only_the_seeds_own_rows(site):
    """A test type made or changed with no one signed in (a script, a forged queue) is refused: only
    a whole row under the id its code derives (the seed) passes as the desk's own."""
    from frontdesk.domain.roles import Actor

    desk_itself = Actor.desk_itself("L1")
    made = catalogue_entry(site.lab.db, desk_itself, "HOMEMADE")
    change_test_type(site.lab.db, desk_itself, reference_id_of("HB"), price_cents=1)
    reports = sync_until(site.lab, lambda: True)
    assert sum(r.rejected for r in reports) == 2
    assert made.hex not in _hub_data(site, "lab_test_type")
    assert _hub_data(site, "lab_test_type")[reference_id_of("HB").hex]["price_cents"] != 1


def reference_id_of(code: str):
    from frontdesk.domain.ids import reference_id

    return reference_id("lab_test_type", code)


def _issued_report(desk: Desk, actor, made) -> object:
    """The report of an intake's request, its tests verified first (the reports service)."""
    from frontdesk.services.lab.reports import issue_report

    for test_id in made.tests:
        change_test(desk.db, actor, test_id, status="verified")
    return issue_report(desk.db, request_id=made.request_id, sample_id=None, language="it", actor=actor,
                        verdict="conforms")


def test_reports_issued_offline_in_a_series_used_before_a_restore_take_new_numbers(site, tmp_path, monkeypatch):
    """As the samples above: a report numbered offline under the series the desk had left takes a
    number of the new one at the next sync, drawn again with it (its fingerprint still checks), and
    the person is told to send it again; otherwise two reports would carry one number."""
    from frontdesk.services.lab.reports import report_content, report_pdf

    front = site.front
    backup = backups.backup_now(front.db, actor=front.admin, kind="manual").path
    copied = tmp_path / "usb" / backup.name
    copied.parent.mkdir()
    copied.write_bytes(backup.read_bytes())
    front.db.dispose()
    try:
        assert backups.restore(front.path, backup).series_prefix == "R1-B"  # the hub gave it
    finally:
        front.db = open_desk(front.path)
    first = _issued_report(front, front.admin, intake(front.db, site.reception, company_id=site.company, at=T0))
    assert first.number == "R1-B-000001"
    site.settle()

    # The PC dies; on a new PC, with the hub down, a person types the series the desk had left.
    new_pc = tmp_path / "new-pc" / "frontdesk.sqlite"
    monkeypatch.setenv("FRONTDESK_HOME", str(new_pc.parent))
    front.db.dispose()
    site.hub.stop()
    assert backups.restore(new_pc, copied, after_series="R1").series_prefix == "R1-B"
    front.path, front.db = new_pc, open_desk(new_pc)
    again = _issued_report(front, front.admin, intake(front.db, site.reception, company_id=site.company, at=T0))
    assert again.number == "R1-B-000001"  # the same number as the first PC's report
    site.hub.start()

    report = front.sync()
    assert report.rejected == 0, report
    assert any("1 test report issued here since the restore" in w and "R1-B-000001 -> R1-C-000001" in w
               for w in report.warnings), report.warnings
    site.settle()
    assert sorted(d["number"] for d in _hub_data(site, "lab_report").values()) == ["R1-B-000001", "R1-C-000001"]
    printed = report_pdf(front.db, report_id=again.id)
    assert printed.matches_issued and printed.report_id == "R1-C-000001"
    assert report_content(site.lab.db, report_id=again.id).number == "R1-C-000001"  # as it reached the lab
    _same_everywhere(site)
