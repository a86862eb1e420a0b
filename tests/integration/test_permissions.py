"""The permission matrix: every role (and the desk itself) against every writing service, and
every service that reads personal data in bulk or changes keys (those are audited too).

The expected answers are written out below by hand; a second test checks the table agrees with
`domain.roles.GRANTS`, so a change to the grants must be made knowingly in both places. A refusal
must come from the service itself (called directly, no UI) and must write nothing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Callable

import pytest

from frontdesk.domain.errors import PermissionDenied
from frontdesk.domain.roles import DESK_GRANTS, GRANTS, Actor, Permission, Role
from frontdesk.i18n import set_language
from frontdesk.services.desk import keyring
from frontdesk.services.desk.settings import update_settings
from frontdesk.services.desk.setup import init_desk, open_desk
from frontdesk.services.privacy import retention, rights
from frontdesk.services.reception.badges import reprint_badge
from frontdesk.services.reception.expected import import_expected_csv, register_visit
from frontdesk.services.reception.scans import scan_badge
from frontdesk.services.reception.visit_log import VisitFilters, export_visits
from frontdesk.services.reception.visits import check_in, check_in_new_visitor, check_out, close_open_visits
from frontdesk.services.registry.companies import CompanyInput, create_company, update_company
from frontdesk.services.registry.hosts import create_host
from frontdesk.services.registry.visitors import VisitorInput, create_visitor, update_visitor
from frontdesk.services.staff import accounts as staff
from frontdesk.services.upkeep import backups

DESK = "desk"
WHO = (Role.RECEPTION.value, Role.LAB_TECHNICIAN.value, Role.LAB_MANAGER.value, Role.ADMIN.value, DESK)

# service:                  reception  technician  manager  admin  desk
EXPECTED: dict[str, tuple[bool, bool, bool, bool, bool]] = {
    "create_company":       (True,     True,       True,    True,  False),
    "update_company":       (True,     True,       True,    True,  False),
    "create_visitor":       (True,     True,       True,    True,  False),
    "update_visitor":       (True,     True,       True,    True,  False),
    "update_settings":      (False,    False,      False,   True,  False),
    "create_staff":         (False,    False,      False,   True,  False),
    "reset_password":       (False,    False,      False,   True,  False),
    "set_active":           (False,    False,      False,   True,  False),
    "change_own_password":  (True,     True,       True,    True,  False),
    "export_person":        (False,    False,      False,   True,  False),
    "erase_person":         (False,    False,      False,   True,  False),
    "apply_retention":      (False,    False,      False,   True,  True),
    "backup_now":           (True,     True,       True,    True,  True),
    "check_in":             (True,     False,      True,    True,  False),
    "check_in_new_visitor": (True,     False,      True,    True,  False),
    "check_out":            (True,     True,       True,    True,  True),
    "scan_badge":           (True,     True,       True,    True,  True),
    "reprint_badge":        (True,     False,      True,    True,  False),
    "register_visit":       (True,     False,      True,    True,  False),
    "import_expected_csv":  (True,     False,      True,    True,  False),
    "create_host":          (True,     False,      True,    True,  False),
    "close_open_visits":    (True,     True,       True,    True,  True),
    "list_staff":           (False,    False,      True,    True,  False),
    "export_visits":        (False,    False,      True,    True,  False),
    "rotate_keys":          (False,    False,      False,   True,  False),
}

# The permission each service checks (None: any signed-in staff member, never the desk).
PERMISSION: dict[str, Permission | None] = {
    "create_company": Permission.EDIT_COMPANIES, "update_company": Permission.EDIT_COMPANIES,
    "create_visitor": Permission.EDIT_VISITORS, "update_visitor": Permission.EDIT_VISITORS,
    "update_settings": Permission.EDIT_SETTINGS, "create_staff": Permission.MANAGE_STAFF,
    "reset_password": Permission.MANAGE_STAFF, "set_active": Permission.MANAGE_STAFF,
    "change_own_password": None, "export_person": Permission.PRIVACY_REQUESTS,
    "erase_person": Permission.PRIVACY_REQUESTS, "apply_retention": Permission.APPLY_RETENTION,
    "backup_now": Permission.BACKUP,
    "check_in": Permission.CHECK_IN, "check_in_new_visitor": Permission.CHECK_IN,
    "check_out": Permission.CHECK_OUT, "scan_badge": Permission.CHECK_OUT, "reprint_badge": Permission.CHECK_IN,
    "register_visit": Permission.CHECK_IN, "import_expected_csv": Permission.CHECK_IN,
    "create_host": Permission.EDIT_HOSTS, "close_open_visits": Permission.CHECK_OUT,
    "list_staff": Permission.LIST_STAFF, "export_visits": Permission.EXPORT_VISITS,
    "rotate_keys": Permission.ROTATE_KEYS,
}
PASSWORD = "password-of-role"


def test_the_table_agrees_with_the_grants():
    for service, row in EXPECTED.items():
        permission = PERMISSION[service]
        for who, allowed in zip(WHO, row, strict=True):
            if permission is None:
                grant = who != DESK
            elif who == DESK:
                grant = permission in DESK_GRANTS
            else:
                grant = permission in GRANTS[Role(who)]
            assert grant == allowed, f"{service} for {who}: table says {allowed}, grants say {grant}"
    assert set(PERMISSION) == set(EXPECTED)


def audit_count(path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM audit_event").fetchone()[0]
    finally:
        conn.close()


def calls(db, actor: Actor, admin: Actor, tmp_path) -> dict[str, Callable[[], object]]:
    """One call per service, each with fresh valid input prepared by the admin."""
    company = create_company(db, data=CompanyInput("Matrice Srl", kind="foreign"), actor=admin)
    visitor = create_visitor(db, data=VisitorInput("Mario", "Matrice"), actor=admin, privacy_notice_version="2026-01")
    victim = create_visitor(db, data=VisitorInput("Da", "Cancellare"), actor=admin)
    target = staff.create_staff(db, username="target", display_name="Target", role=Role.RECEPTION,
                                password="target-password", actor=admin)
    folder = tmp_path / "backups"
    folder.mkdir(exist_ok=True)

    def arrived(first: str, minutes_ago: int):
        person = create_visitor(db, data=VisitorInput(first, "Presente"), actor=admin, privacy_notice_version="2026-01")
        result = check_in(db, visitor_id=person.id, service_code="meeting", host_id=None, actor=admin)
        when = (dt.datetime.now(dt.UTC) - dt.timedelta(minutes=minutes_ago)).strftime("%Y-%m-%d %H:%M:%S.%f")
        conn = sqlite3.connect(db.path)
        conn.execute("UPDATE visit SET checked_in_at = ? WHERE id = ?", (when, result.visit.id.hex))
        conn.commit()
        conn.close()
        return result

    returning = create_visitor(db, data=VisitorInput("Rita", "Ritorno"), actor=admin, privacy_notice_version="2026-01")
    leaving, scanned, reprinted = arrived("Lea", 30), arrived("Sam", 30), arrived("Rino", 30)
    arrived("Ugo", 60 * 30)  # left open since yesterday: the evening close takes it
    tomorrow = dt.datetime.now(dt.UTC).date() + dt.timedelta(days=2)
    attendees = f"nome;cognome;dal\nAda;Lista;{tomorrow:%d/%m/%Y}\n".encode()
    return {
        "create_company": lambda: create_company(db, data=CompanyInput("Nuova Srl", kind="foreign"), actor=actor),
        "update_company": lambda: update_company(db, company_id=company.id,
                                                 data=CompanyInput("Matrice Due Srl", kind="foreign"), actor=actor),
        "create_visitor": lambda: create_visitor(db, data=VisitorInput("Luca", "Nuovo"), actor=actor),
        "update_visitor": lambda: update_visitor(db, visitor_id=visitor.id, data=VisitorInput("Mario", "Matrici"),
                                                 actor=actor),
        "update_settings": lambda: update_settings(db, changes={"idle_lock_minutes": 7}, actor=actor),
        "create_staff": lambda: staff.create_staff(db, username="newbie", display_name="Nuovo",
                                                   role=Role.RECEPTION, password="newbie-password", actor=actor),
        "reset_password": lambda: staff.reset_password(db, staff_id=target.id, new_password="reset-password",
                                                       actor=actor),
        "set_active": lambda: staff.set_active(db, staff_id=target.id, active=False, actor=actor),
        "change_own_password": lambda: staff.change_own_password(db, old_password=PASSWORD,
                                                                 new_password="changed-password", actor=actor),
        "export_person": lambda: rights.export_person(db, visitor_id=visitor.id, actor=actor),
        "erase_person": lambda: rights.erase_person(db, visitor_id=victim.id, reason="richiesta n. 1",
                                                     actor=actor),
        "apply_retention": lambda: retention.apply_retention(db, actor=actor),
        "backup_now": lambda: backups.backup_now(db, folder=folder, actor=actor),
        "check_in": lambda: check_in(db, visitor_id=returning.id, service_code="meeting", host_id=None, actor=actor),
        "check_in_new_visitor": lambda: check_in_new_visitor(
            db, visitor=VisitorInput("Nina", "Nuova"), service_code="meeting", host_id=None,
            privacy_notice_shown=True, actor=actor),
        "check_out": lambda: check_out(db, visit_id=leaving.visit.id, actor=actor),
        "scan_badge": lambda: scan_badge(db, text=scanned.badge.data.token, actor=actor),
        "reprint_badge": lambda: reprint_badge(db, visit_id=reprinted.visit.id, actor=actor),
        "register_visit": lambda: register_visit(db, visitor_id=returning.id, service_code="training",
                                                 host_id=None, day_from=tomorrow, actor=actor),
        "import_expected_csv": lambda: import_expected_csv(db, data=attendees, actor=actor),
        "create_host": lambda: create_host(db, name="Dott. Nuovo Referente", actor=actor),
        "close_open_visits": lambda: _close_as(db, actor),
        "list_staff": lambda: staff.list_staff(db, actor=actor),
        "export_visits": lambda: export_visits(db, filters=VisitFilters(), path=folder / "visite.csv", fmt="csv",
                                               actor=actor),
        "rotate_keys": lambda: keyring.rotate(db, actor=actor),
    }


def _close_as(db, actor):
    closed = close_open_visits(db, actor=actor)
    assert closed >= 1, "the visit left open yesterday is closed"


@contextlib.contextmanager
def desk_as(who: str, tmp_path):
    """A new desk database, its admin, and the actor `who` signed in (or the desk itself)."""
    path = tmp_path / "desk.sqlite"
    init_desk(path, desk="R1")
    db = open_desk(path)
    set_language("en")
    try:
        admin = staff.set_first_admin_password(db, password=PASSWORD).actor
        if who == DESK:
            actor = Actor.desk_itself("R1")
        elif who == Role.ADMIN.value:
            actor = admin
        else:
            staff.create_staff(db, username=who.replace("_", ""), display_name=who, role=Role(who),
                               password=PASSWORD, actor=admin)
            actor = staff.sign_in(db, username=who.replace("_", ""), password=PASSWORD).actor
        yield path, db, admin, actor
    finally:
        db.dispose()


@pytest.mark.parametrize("who", WHO)
def test_every_role_against_every_writing_service(who, tmp_path):
    with desk_as(who, tmp_path) as (path, db, admin, actor):
        wrong = []
        for service, call in calls(db, actor, admin, tmp_path).items():
            allowed = EXPECTED[service][WHO.index(who)]
            before = audit_count(path)
            try:
                call()
            except PermissionDenied:
                if allowed:
                    wrong.append(f"{service}: refused but should be allowed")
                elif audit_count(path) != before:
                    wrong.append(f"{service}: refused but wrote")
            else:
                if not allowed:
                    wrong.append(f"{service}: allowed but should be refused")
                elif audit_count(path) == before:
                    wrong.append(f"{service}: allowed but not audited")
        assert wrong == [], f"{who}: " + "; ".join(wrong)


# Reading the audit trail (it names who did what):  reception  technician  manager  admin  desk
READ_AUDIT = dict(zip(WHO, (False, False, True, True, False), strict=True))


@pytest.mark.parametrize("who", WHO)
def test_the_audit_trail_is_read_by_lab_managers_and_admins_only(who, tmp_path):
    from frontdesk.services.staff.audit import history

    with desk_as(who, tmp_path) as (_path, db, _admin, actor):
        if READ_AUDIT[who]:
            assert [e.action for e in history(db, actor=actor, record_type="staff_member")]
        else:
            with pytest.raises(PermissionDenied):
                history(db, actor=actor)
