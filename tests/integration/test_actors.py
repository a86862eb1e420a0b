"""Reading personal data in bulk and changing keys: the services take the actor, check the role
and record an audit event (nothing personal in it). A role without a staff member passes nothing."""

from __future__ import annotations

import base64
import datetime as dt
import json
import sqlite3

import pytest

from frontdesk.domain.errors import DatabaseProblem, PermissionDenied
from frontdesk.domain.roles import Actor, Role
from frontdesk.services.desk import keyring
from frontdesk.services.desk.settings import update_settings
from frontdesk.services.reception.visit_log import VisitFilters, export_visits
from frontdesk.services.reception.visits import check_in
from frontdesk.services.registry.hosts import create_host
from frontdesk.services.registry.visitors import VisitorInput, create_visitor
from frontdesk.services.staff import accounts as staff
from frontdesk.services.staff import audit


@pytest.fixture
def desk(db, admin_session, add_staff):
    admin = admin_session.actor
    people = {"admin": admin, "giulia": add_staff("giulia", Role.RECEPTION).actor,
              "elena": add_staff("elena", Role.LAB_MANAGER).actor, "desk": Actor.desk_itself("R1")}
    visitor = create_visitor(db, data=VisitorInput("Zeferino", "Quattrocchi"), actor=admin,
                             privacy_notice_version="2026-01")
    check_in(db, visitor_id=visitor.id, service_code="meeting", host_id=None, actor=admin)
    return db, people


def events(db) -> list[tuple[str, str, str, dict]]:
    conn = sqlite3.connect(db.path)
    try:
        return [(a, t, i, json.loads(c)) for a, t, i, c in
                conn.execute("SELECT action, record_type, record_id, changes FROM audit_event ORDER BY rowid")]
    finally:
        conn.close()


def test_a_role_forced_onto_the_desk_actor_passes_nothing(desk, tmp_path):
    db, _people = desk
    forged = Actor.desk_itself("R1")
    object.__setattr__(forged, "role", Role.ADMIN)  # "Actor(role=ADMIN, staff_id=None)"
    before = events(db)
    attempts = {
        "create_host": lambda: create_host(db, name="Dott. Falso", actor=forged),
        "update_settings": lambda: update_settings(db, changes={"idle_lock_minutes": 3}, actor=forged),
        "list_staff": lambda: staff.list_staff(db, actor=forged),
        "export_visits": lambda: export_visits(db, filters=VisitFilters(), path=tmp_path / "v.csv", fmt="csv",
                                               actor=forged),
        "rotate": lambda: keyring.rotate(db, actor=forged),
    }
    passed = []
    for name, attempt in attempts.items():
        try:
            attempt()
        except PermissionDenied:
            continue
        passed.append(name)
    assert passed == []
    assert events(db) == before and not (tmp_path / "v.csv").exists()


def test_listing_staff_is_for_admins_and_lab_managers_and_is_audited(desk):
    db, people = desk
    for who in ("giulia", "desk"):
        with pytest.raises(PermissionDenied):
            staff.list_staff(db, actor=people[who])
    listed = staff.list_staff(db, actor=people["elena"])
    assert {s.username for s in listed} == {"admin", "giulia", "elena"}
    action, record_type, _record_id, changes = events(db)[-1]
    assert (action, record_type, changes) == ("staff.list", "staff_member", {"rows": 3})
    entry = audit.history(db, actor=people["admin"], record_type="staff_member")[0]
    assert entry.action == "staff.list" and entry.actor_label == "Elena"


def test_the_visit_log_export_is_an_audited_export_of_personal_data(desk, tmp_path):
    db, people = desk
    target = tmp_path / "mario-the-clerk's-folder" / "visite.csv"
    target.parent.mkdir()
    for who in ("giulia", "desk"):
        with pytest.raises(PermissionDenied):
            export_visits(db, filters=VisitFilters(), path=target, fmt="csv", actor=people[who])
    assert list(target.parent.iterdir()) == []
    assert export_visits(db, filters=VisitFilters(), path=target, fmt="csv", actor=people["elena"]) == 1
    assert "Quattrocchi" in target.read_text(encoding="utf-8-sig")
    action, record_type, record_id, changes = events(db)[-1]
    assert (action, record_type, record_id, changes) == ("visit_log.export", "visit_log", "csv", {"rows": 1})
    assert "mario" not in json.dumps(events(db)[-1]) and "Quattrocchi" not in json.dumps(events(db))
    since = dt.date(2020, 1, 1)
    export_visits(db, filters=VisitFilters(date_from=since), path=target, fmt="xlsx", actor=people["admin"])
    assert events(db)[-1][1:] == ("visit_log", "xlsx", {"rows": 1, "date_from": "2020-01-01"})


def test_no_export_appears_while_it_cannot_be_audited(desk, tmp_path):
    db, people = desk
    db.writes_held = "The database is being checked; saving resumes in a moment."
    with pytest.raises(DatabaseProblem):
        export_visits(db, filters=VisitFilters(), path=tmp_path / "v.xlsx", fmt="xlsx", actor=people["admin"])
    assert list(tmp_path.glob("*.xlsx")) == [] and list(tmp_path.glob(".export-*")) == []


def test_rotating_the_badge_key_is_for_admins_and_audited_without_the_keys(desk):
    db, people = desk
    first = keyring.load_keyring()
    before = keyring.keyring_path().read_bytes()
    for who in ("giulia", "elena", "desk"):
        with pytest.raises(PermissionDenied):
            keyring.rotate(db, actor=people[who])
    assert keyring.keyring_path().read_bytes() == before
    new_id = keyring.rotate(db, actor=people["admin"])
    action, record_type, record_id, changes = events(db)[-1]
    assert (action, record_type, record_id) == ("keyring.rotate", "keyring", new_id)
    assert changes == {"current": [first.current_id, new_id], "keys": 2}
    trail = json.dumps(events(db))
    assert not any(base64.b64encode(key).decode() in trail for key in keyring.load_keyring().keys.values())
