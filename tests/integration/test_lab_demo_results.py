"""The demo's results (demo.lab.result_rows): every test done has version 1 of its results, whose
readings and conditions pass the catalogue's own checks (fields, units, ranges, decimals), and the
results service reads them back."""

from __future__ import annotations

import json
import sqlite3
import uuid

import pytest

from frontdesk.demo.fill import run_demo
from frontdesk.domain.lab.results import ReadingInput, check_conditions, check_readings
from frontdesk.services.desk.setup import open_desk
from frontdesk.services.lab.catalogue import seed_catalogue
from frontdesk.services.lab.results import latest_result


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("labresults")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("FRONTDESK_HOME", str(folder / "home"))
        run_demo(folder / "demo.sqlite", desk="R1", seed=2026)
    return folder / "demo.sqlite"


def test_every_test_done_has_its_result_and_no_other_does(demo):
    conn = sqlite3.connect(demo)
    try:
        done = {i for (i,) in conn.execute("SELECT id FROM lab_test "
                                           "WHERE status IN ('completed', 'verified', 'reported')")}
        with_result = [i for (i,) in conn.execute("SELECT test_id FROM lab_result")]
        assert done and sorted(with_result) == sorted(done)
        # each result names the machine its test ran on, as the results service labels it
        assert conn.execute("SELECT count(*) FROM lab_result r JOIN lab_test t ON t.id = r.test_id "
                            "WHERE r.equipment_id IS NOT t.equipment_id OR r.equipment_label = ''").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM lab_result WHERE round <> 1 OR version <> 1").fetchone()[0] == 0
        assert conn.execute("PRAGMA foreign_key_check(lab_result)").fetchall() == []
    finally:
        conn.close()


def test_the_readings_pass_the_catalogues_checks(demo):
    specs = {s.code: s for s in seed_catalogue()}
    conn = sqlite3.connect(demo)
    try:
        rows = conn.execute("SELECT t.code, r.readings, r.conditions, r.entered_at, s.created_at FROM lab_result r "
                            "JOIN lab_test s ON s.id = r.test_id JOIN lab_test_type t ON t.id = s.test_type_id")
        checked = 0
        for code, readings, conditions, entered_at, asked_at in rows:
            spec = specs[code]
            stored = json.loads(readings)
            again = check_readings(spec.result_fields, {r["code"]: ReadingInput(r["value"], r["uncertainty"])
                                                        for r in stored})
            assert [r.as_dict() for r in again] == stored, code
            assert check_conditions(spec.conditions, json.loads(conditions)) == json.loads(conditions), code
            assert entered_at > asked_at
            checked += 1
        assert checked > 20
    finally:
        conn.close()


def test_the_service_reads_a_demo_result(demo):
    conn = sqlite3.connect(demo)
    try:
        (test_id,) = conn.execute("SELECT test_id FROM lab_result LIMIT 1").fetchone()
    finally:
        conn.close()
    db = open_desk(demo)
    try:
        result = latest_result(db, test_id=uuid.UUID(hex=test_id))
        assert result.version == 1 and result.readings and result.entered_by_name
    finally:
        db.dispose()


def test_the_readings_hang_together(demo):
    """A Charpy mean is the mean of its three specimens; a tensile Rm is above its Rp0,2; a coating's
    minimum, mean and maximum are in order."""
    conn = sqlite3.connect(demo)
    try:
        rows = conn.execute("SELECT t.code, r.readings FROM lab_result r JOIN lab_test s ON s.id = r.test_id "
                            "JOIN lab_test_type t ON t.id = s.test_type_id").fetchall()
    finally:
        conn.close()
    for code, readings in rows:
        value = {r["code"]: float(r["value"]) for r in json.loads(readings) if r["unit"] in ("J", "MPa", "µm")}
        if code == "CHARPY-V":
            assert abs(value["kv_mean"] - (value["kv_1"] + value["kv_2"] + value["kv_3"]) / 3) <= 0.5
        if code == "TENSILE-RT":
            assert value["rm"] > value["rp02"]
        if code.startswith("COAT-"):
            assert value["min"] <= value["mean"] <= value["max"]


def test_a_salt_spray_result_never_outlasts_its_exposure(demo):
    conn = sqlite3.connect(demo)
    try:
        rows = conn.execute("SELECT t.hours, r.readings FROM lab_result r JOIN lab_test t ON t.id = r.test_id "
                            "WHERE t.hours IS NOT NULL").fetchall()
    finally:
        conn.close()
    assert rows
    for hours, readings in rows:
        assert all(int(r["value"]) <= hours for r in json.loads(readings) if r["unit"] == "h"), (hours, readings)
