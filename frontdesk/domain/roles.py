"""Staff roles, the acting identity (`Actor`) and what each role may do.

The services are the guard: each writing service, and each one that reads personal data in bulk
or changes keys, calls `require(actor, permission)`. An actor is either a signed-in staff member
(a staff id and a role) or the desk itself for automatic work (neither); any other combination
cannot be made, and `require` refuses it too.
"""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass

from frontdesk.domain.errors import PermissionDenied
from frontdesk.i18n import _


class Role(enum.StrEnum):
    RECEPTION = "reception"
    LAB_TECHNICIAN = "lab_technician"
    LAB_MANAGER = "lab_manager"
    ADMIN = "admin"


def role_label(role: Role) -> str:
    return {
        Role.RECEPTION: _("Reception"),
        Role.LAB_TECHNICIAN: _("Lab technician"),
        Role.LAB_MANAGER: _("Lab manager"),
        Role.ADMIN: _("Administrator"),
    }[role]


class Permission(enum.StrEnum):
    EDIT_COMPANIES = "edit_companies"
    EDIT_VISITORS = "edit_visitors"
    CHECK_IN = "check_in"
    CHECK_OUT = "check_out"
    EDIT_HOSTS = "edit_hosts"
    EDIT_SETTINGS = "edit_settings"
    MANAGE_STAFF = "manage_staff"
    VIEW_AUDIT = "view_audit"
    PRIVACY_REQUESTS = "privacy_requests"
    BACKUP = "backup"
    APPLY_RETENTION = "apply_retention"  # the nightly anonymisation of visitors past retention
    LIST_STAFF = "list_staff"  # the staff accounts (names, roles, lock state) as a list
    EXPORT_VISITS = "export_visits"  # the visit log written to a file: names leave the app
    ROTATE_KEYS = "rotate_keys"  # a new badge-signing key
    LAB_INTAKE = "lab_intake"  # take samples in: requests, samples, tests asked, labels
    RECORD_CUSTODY = "record_custody"  # a step of a sample's chain of custody (stored, returned...)
    PLAN_TESTS = "plan_tests"  # put a test on a machine, a day and a technician
    EDIT_LAB_CATALOGUE = "edit_lab_catalogue"  # test types, prices, who is authorised for which method
    MANAGE_EQUIPMENT = "manage_equipment"  # machines, calibrations, out of service, the lab's calendar
    RUN_TESTS = "run_tests"  # start, pause and complete a test, enter its results, attach raw files
    VERIFY_TESTS = "verify_tests"  # verify or reject results, cancel, reopen, send a test to an external lab
    ISSUE_REPORTS = "issue_reports"  # authorise, issue, revise and send the lab's test reports
    ISSUE_RECEIPTS = "issue_receipts"  # issue and void the desk's receipts, keep the daily closing
    EDIT_PRICE_LIST = "edit_price_list"  # the Point's price list: training, rooms, other services


_ALL = frozenset(Permission)
_FRONT = frozenset({Permission.EDIT_COMPANIES, Permission.EDIT_VISITORS, Permission.CHECK_IN,
                    Permission.CHECK_OUT, Permission.EDIT_HOSTS, Permission.BACKUP})
_LAB = frozenset({Permission.LAB_INTAKE, Permission.RECORD_CUSTODY, Permission.PLAN_TESTS, Permission.RUN_TESTS})
GRANTS: dict[Role, frozenset[Permission]] = {
    Role.RECEPTION: _FRONT | {Permission.LAB_INTAKE, Permission.RECORD_CUSTODY, Permission.ISSUE_RECEIPTS},
    Role.LAB_TECHNICIAN: frozenset({Permission.EDIT_COMPANIES, Permission.EDIT_VISITORS,
                                    Permission.CHECK_OUT, Permission.BACKUP}) | _LAB,
    Role.LAB_MANAGER: _FRONT | _LAB | {Permission.VIEW_AUDIT, Permission.LIST_STAFF, Permission.EXPORT_VISITS,
                                       Permission.EDIT_LAB_CATALOGUE, Permission.MANAGE_EQUIPMENT,
                                       Permission.VERIFY_TESTS, Permission.ISSUE_REPORTS},
    Role.ADMIN: _ALL,
}
# What the desk itself may do with nobody signed in (automatic close, scan while locked, nightly jobs,
# the lab's automatic plan at the planning desk: its slots and its run travel as the desk's changes).
DESK_GRANTS = frozenset({Permission.CHECK_OUT, Permission.BACKUP, Permission.APPLY_RETENTION, Permission.PLAN_TESTS})


@dataclass(frozen=True)
class Actor:
    """Who performs an action: a signed-in staff member, or the desk itself."""

    desk: str
    role: Role | None
    staff_id: uuid.UUID | None = None
    name: str = ""
    session_id: uuid.UUID | None = None

    def __post_init__(self) -> None:
        if not _valid(self):
            raise ValueError("an Actor is a staff member (staff_id and role) or the desk itself (neither)")

    @property
    def is_desk(self) -> bool:
        return self.staff_id is None

    @property
    def label(self) -> str:
        return self.name if self.staff_id else _("Desk {desk}").format(desk=self.desk)

    @classmethod
    def desk_itself(cls, desk: str) -> Actor:
        return cls(desk=desk, role=None)

    def can(self, permission: Permission) -> bool:
        if self.role is None:
            return permission in DESK_GRANTS
        return permission in GRANTS[self.role]


def _valid(actor: object) -> bool:
    if not isinstance(actor, Actor):
        return False
    if actor.staff_id is None:
        return actor.role is None
    return isinstance(actor.staff_id, uuid.UUID) and isinstance(actor.role, Role)


def require(actor: Actor, permission: Permission) -> None:
    """Refuse (PermissionDenied) unless `actor` is a staff member whose role grants `permission`,
    or the desk itself and the permission is one the desk has. Checks the actor's shape again:
    a frozen dataclass can still be forced (object.__setattr__), a refusal cannot."""
    if not _valid(actor) or not actor.can(permission):
        raise PermissionDenied(_("Your role does not allow this action."))
