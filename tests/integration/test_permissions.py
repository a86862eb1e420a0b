"""The permission matrix: every role (and the desk itself) against every writing service.

The expected answers are written out below by hand; a second test checks the table agrees with
`domain.roles.GRANTS`, so a change to the grants must be made knowingly in both places. A refusal
must come from the service itself (called directly, no UI) and must write nothing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

import pytest

from frontdesk.domain.errors import PermissionDenied
from frontdesk.domain.roles import DESK_GRANTS, GRANTS, Actor, Permission, Role
from frontdesk.i18n import set_language
from frontdesk.services import backups, privacy, staff
from frontdesk.services.companies import CompanyInput, create_company, update_company
from frontdesk.services.settings import update_settings
from frontdesk.services.setup import init_desk, open_desk
from frontdesk.services.visitors import VisitorInput, create_visitor, update_visitor

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
    company = create_company(db, data=CompanyInput("Matrice Srl", kind="private"), actor=admin)
    visitor = create_visitor(db, data=VisitorInput("Mario", "Matrice"), actor=admin)
    victim = create_visitor(db, data=VisitorInput("Da", "Cancellare"), actor=admin)
    target = staff.create_staff(db, username="target", display_name="Target", role=Role.RECEPTION,
                                password="target-password", actor=admin)
    folder = tmp_path / "backups"
    folder.mkdir(exist_ok=True)
    return {
        "create_company": lambda: create_company(db, data=CompanyInput("Nuova Srl", kind="private"), actor=actor),
        "update_company": lambda: update_company(db, company_id=company.id,
                                                 data=CompanyInput("Matrice Due Srl", kind="private"), actor=actor),
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
        "export_person": lambda: privacy.export_person(db, visitor_id=visitor.id, actor=actor),
        "erase_person": lambda: privacy.erase_person(db, visitor_id=victim.id, reason="richiesta n. 1",
                                                     actor=actor),
        "apply_retention": lambda: privacy.apply_retention(db, actor=actor),
        "backup_now": lambda: backups.backup_now(db, folder=folder, actor=actor),
    }


@pytest.mark.parametrize("who", WHO)
def test_every_role_against_every_writing_service(who, tmp_path):
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
    finally:
        db.dispose()
