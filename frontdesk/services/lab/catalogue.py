"""The lab's test catalogue and who is authorised for which method: loading the seed catalogue
(resources/lab/catalogue.json), reading it, the lab manager's edits, and the authorisations
(ISO/IEC 17025 6.2.5: the lab authorises its personnel for each method and keeps the record).

Every row's id is derived from its code (a test type) or its pair (an authorisation) through
domain.ids.reference_id, so desks that load or grant the same thing share one row. Loading again
only adds codes not yet present: the lab manager's edits are never overwritten. Edits need
Permission.EDIT_LAB_CATALOGUE and are audited with each changed field's before and after.

Reading the catalogue and the authorisation grid needs no permission: every role sees the catalogue,
and the grid names only the lab's own staff (technicians and managers), the record of their
competence every planner needs.

Verbs take keyword arguments and return frozen values; one transaction each. No Qt.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from frontdesk.config import resources_dir
from frontdesk.db.lab_models import Authorisation, TestType
from frontdesk.db.models import StaffMember
from frontdesk.domain.errors import Conflict, NotFound, ValidationError
from frontdesk.domain.ids import reference_id
from frontdesk.domain.lab.catalogue import (
    TestTypeSpec,
    conditions_from_json,
    conditions_to_json,
    fields_from_json,
    fields_to_json,
    parse_catalogue,
    validated,
)
from frontdesk.domain.roles import Actor, Permission, Role, require, role_label
from frontdesk.i18n import _, language
from frontdesk.services.staff import audit

SEED = ("lab", "catalogue.json")
LAB_ROLES = (Role.LAB_TECHNICIAN.value, Role.LAB_MANAGER.value)  # who may be authorised for a method
SORT_STEP = 10


@dataclass(frozen=True)
class TestTypeSummary:
    """A test type of the catalogue as stored: its id, what it is (`spec`), whether it is offered."""

    __test__ = False  # not a pytest test class, whatever its name says

    id: uuid.UUID
    spec: TestTypeSpec
    active: bool
    sort: int
    updated_at: dt.datetime | None = None

    @property
    def code(self) -> str:
        return self.spec.code

    @property
    def name(self) -> str:
        """The name in the desk's language."""
        return self.spec.name_it if language() == "it" else self.spec.name_en

    @classmethod
    def of(cls, row: TestType) -> TestTypeSummary:
        return cls(row.id, spec_of(row), bool(row.active), row.sort, row.updated_at)


@dataclass(frozen=True)
class Technician:
    """A member of the lab's staff who may be authorised for methods."""

    id: uuid.UUID
    name: str
    role: Role

    @property
    def role_label(self) -> str:
        return role_label(self.role)


@dataclass(frozen=True)
class AuthorisationSummary:
    staff_id: uuid.UUID
    test_type_id: uuid.UUID
    active: bool


@dataclass(frozen=True)
class AuthorisationGrid:
    """The lab's technicians (rows) by the catalogue's active test types (columns), and the pairs
    (staff id, test type id) currently authorised."""

    technicians: tuple[Technician, ...]
    test_types: tuple[TestTypeSummary, ...]
    granted: frozenset[tuple[uuid.UUID, uuid.UUID]]

    def is_granted(self, staff_id: uuid.UUID, test_type_id: uuid.UUID) -> bool:
        return (staff_id, test_type_id) in self.granted


def spec_of(row: TestType) -> TestTypeSpec:
    return TestTypeSpec(
        code=row.code, name_it=row.name_it, name_en=row.name_en, standard=row.standard, method=row.method,
        accredited=bool(row.accredited), equipment_kind=row.equipment_kind, duration_min=row.duration_min,
        prep_min=row.prep_min, hours_min=row.hours_min, hours_max=row.hours_max, price_cents=row.price_cents,
        member_price_cents=row.member_price_cents, vat_rate=row.vat_rate,
        result_fields=fields_from_json(row.result_fields), conditions=conditions_from_json(row.conditions))


def _columns(spec: TestTypeSpec) -> dict[str, object]:
    """The columns of a test type from its checked spec."""
    values = {f.name: getattr(spec, f.name) for f in dataclasses.fields(spec)
              if f.name not in ("result_fields", "conditions")}
    values["result_fields"] = fields_to_json(spec.result_fields)
    values["conditions"] = conditions_to_json(spec.conditions)
    return values


# --- the seed -----------------------------------------------------------------------------------

def seed_catalogue() -> tuple[TestTypeSpec, ...]:
    """The test types shipped in resources/lab/catalogue.json, checked."""
    return parse_catalogue(resources_dir().joinpath(*SEED).read_text(encoding="utf-8"))


def load_lab_catalogue(session: Session, specs: tuple[TestTypeSpec, ...] | None = None) -> int:
    """Inside the caller's transaction (desk set-up): add the seed's test types whose code (and
    derived id) is not there yet; rows already present are left exactly as they are, so the lab
    manager's edits survive. Returns how many were added."""
    specs = seed_catalogue() if specs is None else specs
    existing = set(session.scalars(select(TestType.code)))
    ids = set(session.scalars(select(TestType.id)))
    added = 0
    for position, spec in enumerate(specs, start=1):
        row_id = reference_id("lab_test_type", spec.code)
        if spec.code in existing or row_id in ids:
            continue
        session.add(TestType(id=row_id, active=True, sort=position * SORT_STEP, **_columns(spec)))
        added += 1
    session.flush()
    return added


# --- reading ------------------------------------------------------------------------------------

def list_test_types(db, *, include_inactive: bool = True) -> list[TestTypeSummary]:
    """The catalogue in its order (withdrawn types too, unless `include_inactive` is False)."""
    with db.read() as session:
        stmt = select(TestType).order_by(TestType.sort, TestType.code)
        if not include_inactive:
            stmt = stmt.where(TestType.active)
        return [TestTypeSummary.of(row) for row in session.scalars(stmt)]


def _test_type(session: Session, test_type_id: uuid.UUID) -> TestType:
    row = session.get(TestType, test_type_id)
    if row is None:
        raise NotFound(_("The test type no longer exists."))
    return row


def get_test_type(db, *, test_type_id: uuid.UUID) -> TestTypeSummary:
    with db.read() as session:
        return TestTypeSummary.of(_test_type(session, test_type_id))


# --- the lab manager's edits --------------------------------------------------------------------

def create_test_type(db, *, spec: TestTypeSpec, actor: Actor) -> TestTypeSummary:
    """Add a test type to the catalogue, last in its order. Raises ValidationError, Conflict (the
    code is taken), PermissionDenied."""
    require(actor, Permission.EDIT_LAB_CATALOGUE)
    checked = validated(spec)
    with db.begin() as session:
        audit.ensure_active(session, actor)
        row_id = reference_id("lab_test_type", checked.code)
        taken = session.scalar(select(TestType.id).where(TestType.code == checked.code))
        if taken is not None or session.get(TestType, row_id) is not None:
            raise Conflict(_("A test type with code {code} already exists.").format(code=checked.code), field="code")
        last = session.scalar(select(func.max(TestType.sort))) or 0
        row = TestType(id=row_id, active=True, sort=last + SORT_STEP, **_columns(checked))
        session.add(row)
        audit.record_change(session, actor, "lab_test_type.create", row, new=True)
        session.flush()
        return TestTypeSummary.of(row)


def update_test_type(db, *, test_type_id: uuid.UUID, spec: TestTypeSpec, actor: Actor) -> TestTypeSummary:
    """Change a test type (everything but its code, from which its id is derived). Each changed
    field is audited with its value before and after; an edit that changes nothing writes nothing."""
    require(actor, Permission.EDIT_LAB_CATALOGUE)
    checked = validated(spec)
    with db.begin() as session:
        audit.ensure_active(session, actor)
        row = _test_type(session, test_type_id)
        if checked.code != row.code:
            raise ValidationError(_("The code of a test type cannot be changed: add a new test type and "
                                    "withdraw this one."), field="code")
        for key, value in _columns(checked).items():
            if getattr(row, key) != value:
                setattr(row, key, value)
        changes = audit.changes_of(row)
        if changes:
            audit.record(session, actor, "lab_test_type.update", record_type=TestType.__tablename__,
                         record_id=row.id, changes=changes)
            session.flush()
        return TestTypeSummary.of(row)


def set_test_type_active(db, *, test_type_id: uuid.UUID, active: bool, actor: Actor) -> TestTypeSummary:
    """Offer a test type again, or withdraw it (kept for the records; no new request can ask for it)."""
    require(actor, Permission.EDIT_LAB_CATALOGUE)
    with db.begin() as session:
        audit.ensure_active(session, actor)
        row = _test_type(session, test_type_id)
        if bool(row.active) != bool(active):
            row.active = bool(active)
            audit.record_change(session, actor, "lab_test_type.activate" if active else "lab_test_type.withdraw",
                                row)
            session.flush()
        return TestTypeSummary.of(row)


# --- authorisations -----------------------------------------------------------------------------

def authorisation_id(staff_id: uuid.UUID, test_type_id: uuid.UUID) -> uuid.UUID:
    return reference_id("lab_authorisation", f"{staff_id}:{test_type_id}")


def _lab_member(session: Session, staff_id: uuid.UUID) -> StaffMember:
    member = session.get(StaffMember, staff_id)
    if member is None:
        raise NotFound(_("The staff member no longer exists."))
    if member.role not in LAB_ROLES:
        raise ValidationError(_("{name} is not lab staff ({role}): only lab technicians and lab managers can be "
                                "authorised for a method.").format(name=member.display_name,
                                                                   role=role_label(Role(member.role))),
                              field="staff_id")
    return member


def _set_authorisation(db, staff_id: uuid.UUID, test_type_id: uuid.UUID, active: bool,
                       actor: Actor) -> AuthorisationSummary:
    require(actor, Permission.EDIT_LAB_CATALOGUE)
    with db.begin() as session:
        audit.ensure_active(session, actor)
        _test_type(session, test_type_id)
        row_id = authorisation_id(staff_id, test_type_id)
        row = session.get(Authorisation, row_id)
        if active:
            member = _lab_member(session, staff_id)
            if not member.active:
                raise ValidationError(_("{name}'s account is disabled: enable it before authorising them.").format(
                    name=member.display_name), field="staff_id")
        elif row is None:
            if session.get(StaffMember, staff_id) is None:
                raise NotFound(_("The staff member no longer exists."))
            return AuthorisationSummary(staff_id, test_type_id, False)  # nothing to revoke
        if row is None:
            row = Authorisation(id=row_id, staff_id=staff_id, test_type_id=test_type_id, active=True)
            session.add(row)
            audit.record_change(session, actor, "lab_authorisation.grant", row, new=True)
        elif bool(row.active) != active:
            row.active = active
            audit.record_change(session, actor, "lab_authorisation.grant" if active else "lab_authorisation.revoke",
                                row)
        session.flush()
        return AuthorisationSummary(staff_id, test_type_id, bool(row.active))


def grant_authorisation(db, *, staff_id: uuid.UUID, test_type_id: uuid.UUID, actor: Actor) -> AuthorisationSummary:
    """Authorise a lab technician or manager for a method (granting again changes nothing).
    Raises ValidationError (not lab staff, account disabled), NotFound, PermissionDenied."""
    return _set_authorisation(db, staff_id, test_type_id, True, actor)


def revoke_authorisation(db, *, staff_id: uuid.UUID, test_type_id: uuid.UUID, actor: Actor) -> AuthorisationSummary:
    """Withdraw an authorisation (kept, inactive, for the records; revoking again changes nothing)."""
    return _set_authorisation(db, staff_id, test_type_id, False, actor)


def _technicians(session: Session) -> list[Technician]:
    staff = StaffMember.__table__
    rows = session.execute(select(staff.c.id, staff.c.display_name, staff.c.role)
                           .where(staff.c.active, staff.c.role.in_(LAB_ROLES))
                           .order_by(staff.c.display_name, staff.c.id))
    return [Technician(r.id, r.display_name, Role(r.role)) for r in rows]


def authorisations(db) -> AuthorisationGrid:
    """The grid of the lab's active staff by the active test types, with who is authorised for what."""
    with db.read() as session:
        technicians = _technicians(session)
        types = [TestTypeSummary.of(row) for row in session.scalars(
            select(TestType).where(TestType.active).order_by(TestType.sort, TestType.code))]
        granted = frozenset((r.staff_id, r.test_type_id) for r in session.execute(
            select(Authorisation.staff_id, Authorisation.test_type_id).where(Authorisation.active)))
        return AuthorisationGrid(tuple(technicians), tuple(types), granted)


def authorised_technicians(db, *, test_type_id: uuid.UUID) -> list[Technician]:
    """The active lab staff authorised for a test type, by name."""
    with db.read() as session:
        _test_type(session, test_type_id)
        staff = StaffMember.__table__
        rows = session.execute(
            select(staff.c.id, staff.c.display_name, staff.c.role)
            .join(Authorisation, Authorisation.staff_id == staff.c.id)
            .where(Authorisation.test_type_id == test_type_id, Authorisation.active, staff.c.active,
                   staff.c.role.in_(LAB_ROLES))
            .order_by(staff.c.display_name, staff.c.id))
        return [Technician(r.id, r.display_name, Role(r.role)) for r in rows]


def is_authorised_in(session: Session, *, staff_id: uuid.UUID, test_type_id: uuid.UUID) -> bool:
    """Inside the caller's transaction (planning): whether an active lab staff member holds an
    active authorisation for the test type."""
    row = session.get(Authorisation, authorisation_id(staff_id, test_type_id))
    if row is None or not row.active:
        return False
    member = session.get(StaffMember, staff_id)
    return member is not None and bool(member.active) and member.role in LAB_ROLES


def is_authorised(db, *, staff_id: uuid.UUID, test_type_id: uuid.UUID) -> bool:
    with db.read() as session:
        return is_authorised_in(session, staff_id=staff_id, test_type_id=test_type_id)
