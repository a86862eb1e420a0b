"""Staff accounts: sign-in, the first admin's password, accounts kept by the admin, demo accounts.

Passwords are hashed with Argon2id (argon2-cffi: memory-hard, a random salt per hash) and never
leave this module; the audit records a password change as "changed". Repeated failures slow
down, then lock the account (`FailurePolicy`); the delay is a lock-until moment stored on the
account, never a sleep. Unknown usernames get the same answer as wrong passwords, and their
failures are throttled the same way in memory: in the `SignInFailures` of the open desk, passed
as `failures=` (services.staff.sign_in_failures). There is no default password anywhere: `init`
creates "admin" without one and the first run asks for it.

`ensure_active(session, actor)` is the cheap check other services call inside their own
transaction, so an account disabled while signed in stops working at its next action.

Imports no Qt. Opens its own sessions (it is a service).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import random
import re
import secrets
import string
import uuid
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.db.models import StaffMember
from frontdesk.db.outbox import note_actor
from frontdesk.domain.clock import as_utc, utcnow
from frontdesk.domain.errors import (
    Conflict,
    DatabaseProblem,
    NotFound,
    PermissionDenied,
    StorageProblem,
    ValidationError,
)
from frontdesk.domain.ids import new_id
from frontdesk.domain.roles import Actor, Permission, Role, require
from frontdesk.domain.text import clean
from frontdesk.i18n import _, format_datetime, format_time, local_time
from frontdesk.services.desk.settings import read_flag, write_setting
from frontdesk.services.desk.setup import DEMO_FLAG
from frontdesk.services.staff import audit
from frontdesk.services.staff.audit import ensure_active
from frontdesk.services.staff.sign_in_failures import SignInFailures

MIN_PASSWORD = 8
MAX_PASSWORD = 256
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,59}$")
RECORD = "staff_member"

_hasher = PasswordHasher()  # Argon2id, 64 MiB, 3 passes, 16-byte random salt per hash
_dummy_hash: list[str] = []  # verified against for unknown users, so they cost the same time


@dataclass(frozen=True)
class FailurePolicy:
    """After `slow_after` wrong passwords each next try waits; after `lock_after` the account locks."""

    slow_after: int = 3
    lock_after: int = 5
    delays_s: tuple[int, ...] = (10, 30)  # the wait after failure 3, 4 (the last repeats)
    lock_minutes: int = 15

    def locked_until(self, failures: int, now: dt.datetime) -> dt.datetime | None:
        if failures >= self.lock_after:
            return now + dt.timedelta(minutes=self.lock_minutes)
        if failures >= self.slow_after:
            index = min(failures - self.slow_after, len(self.delays_s) - 1)
            return now + dt.timedelta(seconds=self.delays_s[index])
        return None


POLICY = FailurePolicy()


@dataclass(frozen=True)
class StaffSession:
    """A signed-in staff member: pass `actor` to every service."""

    actor: Actor
    username: str
    signed_in_at: dt.datetime
    not_recorded: str = ""  # why the sign-in could not be written (disk full, database busy...), to show


@dataclass(frozen=True)
class StaffSummary:
    id: uuid.UUID
    username: str
    display_name: str
    role: Role
    active: bool
    has_password: bool
    locked_until: dt.datetime | None
    failed_attempts: int

    @classmethod
    def of(cls, s: StaffMember) -> StaffSummary:
        return cls(s.id, s.username, s.display_name, Role(s.role), s.active, bool(s.password_hash),
                   as_utc(s.locked_until) if s.locked_until else None, s.failed_attempts)


# --- passwords -------------------------------------------------------------------------------

def validate_password(password: str | None) -> str:
    """The password as typed (never trimmed), or ValidationError with a message that says why."""
    text = password or ""
    if not text.strip():
        raise ValidationError(_("The password cannot be empty."), field="password")
    if len(text) < MIN_PASSWORD:
        raise ValidationError(
            _("The password must be at least {n} characters long.").format(n=MIN_PASSWORD), field="password")
    if len(text) > MAX_PASSWORD:
        raise ValidationError(
            _("The password is too long (at most {n} characters).").format(n=MAX_PASSWORD), field="password")
    return text


def _hash(password: str) -> str:
    return _hasher.hash(password)


def _verify(stored: str, password: str) -> bool:
    if not stored:
        _verify_dummy(password)
        return False
    try:
        return _hasher.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _verify_dummy(password: str) -> None:
    if not _dummy_hash:
        _dummy_hash.append(_hasher.hash(secrets.token_hex(16)))
    with contextlib.suppress(VerificationError):
        _hasher.verify(_dummy_hash[0], password)


def _normal_username(username: str | None) -> str:
    return " ".join((username or "").split()).casefold()


def validate_username(username: str | None) -> str:
    name = _normal_username(username)
    if not name:
        raise ValidationError(_("The username is required."), field="username")
    if not USERNAME.match(name):
        raise ValidationError(
            _("The username has 2 to 60 letters, digits, dots, dashes or underscores, without spaces."),
            field="username")
    return name


# --- messages --------------------------------------------------------------------------------

def _wrong_message() -> str:
    return _("Wrong username or password.")


def _wait_message(until: dt.datetime, now: dt.datetime, failures: int) -> str:
    if failures >= POLICY.lock_after:
        when = format_time(until) if local_time(until).date() == local_time(now).date() else format_datetime(until)
        return _("Too many wrong passwords: the account is locked until {time}. "
                 "An administrator can unlock it by resetting the password.").format(time=when)
    seconds = max(1, int((until - now).total_seconds() + 0.999))
    return _("Too many wrong passwords: wait {n} seconds and try again.").format(n=seconds)


def _memory_locked(failures: SignInFailures, username: str, now: dt.datetime) -> str | None:
    waiting = failures.waiting(username, now)
    return _wait_message(waiting[1], now, waiting[0]) if waiting else None


def _memory_failure(failures: SignInFailures, username: str, now: dt.datetime) -> str:
    count, until = failures.record(username, now, POLICY)
    return _wrong_message() if until is None else _wrong_message() + " " + _wait_message(until, now, count)


def _unknown_attempt(failures: SignInFailures, username: str, password: str, now: dt.datetime) -> str:
    _verify_dummy(password)
    return _memory_locked(failures, username, now) or _memory_failure(failures, username, now)


# --- sign-in ---------------------------------------------------------------------------------

def _actor_of(db, member: StaffMember) -> Actor:
    return Actor(desk=db.desk, role=Role(member.role), staff_id=member.id, name=member.display_name,
                 session_id=new_id())


def sign_in(db, *, username: str, password: str, failures: SignInFailures | None = None) -> StaffSession:
    """Check a username and password; returns the session to act with.

    `failures` is the open desk's memory of wrong attempts that cannot be stored on an account
    (unknown names; any name while writes are held). Without it nothing is remembered between
    calls: the app always passes its desk's own.

    Raises PermissionDenied with the reason (wrong username or password, wait N seconds, locked
    until HH:MM, account disabled) and ValidationError for an empty password. Failures are
    committed before the error is raised. When the database cannot take the record (read-only,
    disk full, busy beyond the timeout) the password is still checked, without writing, and the
    session says why the sign-in was not recorded, so that the data can still be read."""
    name = _normal_username(username)
    if not (password or ""):
        raise ValidationError(_("Type your password."), field="password")
    if not name:
        raise ValidationError(_("Type your username."), field="username")
    now = utcnow()
    failures = failures if failures is not None else SignInFailures()
    if db.writes_held:
        return _sign_in_without_writing(db, name, password, now, failures)
    refusal: str | None = None
    try:
        with db.begin() as session:
            member = session.scalars(select(StaffMember).where(StaffMember.username == name)).first()
            if member is None:
                refusal = _unknown_attempt(failures, name, password, now)
            else:
                refusal = _check_password(session, db, member, password, now)
                if refusal is None:
                    result = StaffSession(_actor_of(db, member), member.username, now)
                    audit.record(session, result.actor, "staff.sign_in", record_type=RECORD, record_id=member.id)
    except (StorageProblem, DatabaseProblem) as problem:
        unrecorded = _sign_in_without_writing(db, name, password, now, failures)
        return dataclasses.replace(unrecorded, not_recorded=problem.message)
    if refusal is not None:
        raise PermissionDenied(refusal)
    return result


def _sign_in_without_writing(db, name: str, password: str, now: dt.datetime,
                             failures: SignInFailures) -> StaffSession:
    """While writes are held (integrity check, damaged file): same checks, failures kept in memory."""
    with db.read() as session:
        member = session.scalars(select(StaffMember).where(StaffMember.username == name)).first()
        if member is None:
            raise PermissionDenied(_unknown_attempt(failures, name, password, now))
        locked = as_utc(member.locked_until) if member.locked_until else None
        if locked is not None and now < locked:
            raise PermissionDenied(_wait_message(locked, now, member.failed_attempts))
        waiting = _memory_locked(failures, name, now)
        if waiting:
            raise PermissionDenied(waiting)
        if not _verify(member.password_hash, password):
            raise PermissionDenied(_memory_failure(failures, name, now))
        if not member.active:
            raise PermissionDenied(_("This account has been disabled. Ask an administrator."))
        return StaffSession(_actor_of(db, member), member.username, now)


def _check_password(session: Session, db, member: StaffMember, password: str, now: dt.datetime) -> str | None:
    """None when the password is right and the account usable; else the refusal (state updated)."""
    locked = as_utc(member.locked_until) if member.locked_until else None
    if locked is not None and now < locked:
        return _wait_message(locked, now, member.failed_attempts)
    desk = Actor.desk_itself(db.desk)
    if not _verify(member.password_hash, password):
        before = member.failed_attempts
        failures = 1 if before >= POLICY.lock_after else before + 1  # a lock that ran out starts again
        member.failed_attempts = failures
        member.locked_until = POLICY.locked_until(failures, now)
        action = "staff.locked" if failures >= POLICY.lock_after else "staff.sign_in_failed"
        audit.record_change(session, desk, action, member)
        if member.locked_until is None:
            return _wrong_message()
        return _wrong_message() + " " + _wait_message(member.locked_until, now, failures)
    if not member.active:
        return _("This account has been disabled. Ask an administrator.")
    if member.failed_attempts or member.locked_until:
        member.failed_attempts = 0
        member.locked_until = None
    if _hasher.check_needs_rehash(member.password_hash):
        member.password_hash = _hash(password)
    return None


# --- still allowed? --------------------------------------------------------------------------

def check_still_active(db, *, actor: Actor) -> None:
    """Raise PermissionDenied if the signed-in member was disabled (or changed role) meanwhile."""
    with db.read() as session:
        ensure_active(session, actor)


# --- first run -------------------------------------------------------------------------------

def _first_admin(session: Session) -> StaffMember | None:
    """The admin created by init, while no account has a password yet."""
    if session.scalars(select(StaffMember.id).where(StaffMember.password_hash != "")).first() is not None:
        return None
    return session.scalars(select(StaffMember).where(StaffMember.role == Role.ADMIN.value, StaffMember.active)
                           .order_by(StaffMember.created_at)).first()


def needs_first_admin_password(db) -> bool:
    """True on a fresh install: nobody has a password yet, so the app asks for the admin's."""
    with db.read() as session:
        return _first_admin(session) is not None


def set_first_admin_password(db, *, password: str) -> StaffSession:
    """Set the first admin's password (only while no account has one) and sign them in."""
    validate_password(password)
    hashed = _hash(password)
    with db.begin() as session:
        member = _first_admin(session)
        if member is None:
            raise Conflict(_("The administrator's password has already been set. Sign in instead."))
        member.password_hash = hashed
        member.failed_attempts = 0  # guesses made before the password existed do not count
        member.locked_until = None
        result = StaffSession(_actor_of(db, member), member.username, utcnow())
        # the admin sets their own password: the change syncs as theirs (the hub checks its role)
        note_actor(session, staff_id=member.id, role=Role.ADMIN.value)
        audit.record_change(session, Actor.desk_itself(db.desk), "staff.set_first_password", member)
        audit.record(session, result.actor, "staff.sign_in", record_type=RECORD, record_id=member.id)
        return result


# --- accounts kept by the admin --------------------------------------------------------------

def _staff_for_admin(session: Session, staff_id: uuid.UUID, actor: Actor) -> StaffMember:
    require(actor, Permission.MANAGE_STAFF)
    ensure_active(session, actor)
    member = session.get(StaffMember, staff_id)
    if member is None:
        raise NotFound(_("The staff member no longer exists."))
    return member


def create_staff(db, *, username: str, display_name: str, role: Role | str, password: str,
                 actor: Actor) -> StaffSummary:
    """A new account (admin only). Raises ValidationError, Conflict (username taken)."""
    require(actor, Permission.MANAGE_STAFF)
    name = validate_username(username)
    shown = clean(display_name, label=_("Name"), required=True)
    try:
        role_value = Role(role)
    except ValueError:
        raise ValidationError(_("Choose a role."), field="role") from None
    validate_password(password)
    hashed = _hash(password)
    with db.begin() as session:
        ensure_active(session, actor)
        if session.scalars(select(StaffMember.id).where(StaffMember.username == name)).first() is not None:
            raise Conflict(_("The username {name} is already taken.").format(name=name), field="username")
        member = StaffMember(id=new_id(), username=name, display_name=shown, role=role_value.value,
                             password_hash=hashed, active=True)
        session.add(member)
        audit.record_change(session, actor, "staff.create", member, new=True)
        session.flush()
        return StaffSummary.of(member)


def reset_password(db, *, staff_id: uuid.UUID, new_password: str, actor: Actor) -> StaffSummary:
    """Set someone's password and unlock the account (admin only)."""
    require(actor, Permission.MANAGE_STAFF)
    validate_password(new_password)
    hashed = _hash(new_password)
    with db.begin() as session:
        member = _staff_for_admin(session, staff_id, actor)
        member.password_hash = hashed
        member.failed_attempts = 0
        member.locked_until = None
        audit.record_change(session, actor, "staff.reset_password", member)
        session.flush()
        return StaffSummary.of(member)


def set_active(db, *, staff_id: uuid.UUID, active: bool, actor: Actor) -> StaffSummary:
    """Disable or re-enable an account (admin only). Nobody disables their own account, so the
    last active administrator always stays (only an active administrator may call this)."""
    with db.begin() as session:
        member = _staff_for_admin(session, staff_id, actor)
        if not active and member.id == actor.staff_id:
            raise Conflict(_("You cannot disable your own account."))
        if member.active != bool(active):
            member.active = bool(active)
            audit.record_change(session, actor, "staff.enable" if active else "staff.disable", member)
            session.flush()
        return StaffSummary.of(member)


def change_own_password(db, *, old_password: str, new_password: str, actor: Actor) -> None:
    """A signed-in member changes their own password (the current one is asked again)."""
    if actor.staff_id is None:
        raise PermissionDenied(_("Sign in to change your password."))
    validate_password(new_password)
    if new_password == old_password:
        raise ValidationError(_("The new password must be different from the current one."), field="password")
    hashed = _hash(new_password)
    with db.begin() as session:
        ensure_active(session, actor)
        member = session.get(StaffMember, actor.staff_id)
        if member is None or not _verify(member.password_hash, old_password or ""):
            raise ValidationError(_("The current password is wrong."), field="old_password")
        member.password_hash = hashed
        audit.record_change(session, actor, "staff.change_password", member)


def list_staff(db, *, actor: Actor) -> list[StaffSummary]:
    """Every account, active first (administrators, and lab managers for the audit trail's filter).
    Names of people in bulk: the read is audited, in the same transaction, so it is refused while
    the database cannot be written (an unaudited read of personal data never happens)."""
    require(actor, Permission.LIST_STAFF)
    with db.begin() as session:
        ensure_active(session, actor)
        rows = session.scalars(select(StaffMember).order_by(StaffMember.active.desc(), StaffMember.display_name))
        people = [StaffSummary.of(m) for m in rows]
        audit.record(session, actor, "staff.list", record_type=RECORD, record_id="",
                     changes={"rows": len(people)})
        return people


# --- demo ------------------------------------------------------------------------------------

DEMO_ACCOUNTS = (
    ("admin", "Amministratore", Role.ADMIN),
    ("reception", "Giulia Bonfanti", Role.RECEPTION),
    ("tecnico", "Marco Locatelli", Role.LAB_TECHNICIAN),
    ("responsabile", "Elena Pesenti", Role.LAB_MANAGER),
)


def _demo_password(rng: random.Random) -> str:
    alphabet = string.ascii_lowercase + string.digits
    return "-".join("".join(rng.choice(alphabet) for _i in range(4)) for _j in range(3))


DEMO_PASSWORDS_KEY = "demo_passwords"


def create_demo_accounts(db, *, seed: int | None = None) -> dict[str, str]:
    """One account per role on a demo database, with generated passwords (returned to be printed).

    The passwords are also kept in the demo database's settings, so that its sign-in screen can say
    how to sign in (demo data, demo people: nothing there is secret). Running it again gives the
    accounts new passwords. Refused on a real (non-demo) database."""
    rng = random.Random(seed) if seed is not None else random.SystemRandom()
    passwords = {username: _demo_password(rng) for username, _name, _role in DEMO_ACCOUNTS}
    hashes = {username: _hash(password) for username, password in passwords.items()}
    desk = Actor.desk_itself(db.desk)
    with db.begin() as session:
        if not read_flag(session, DEMO_FLAG, False):
            raise Conflict(_("Demo accounts can only be created in a demo database."))
        for username, display_name, role in DEMO_ACCOUNTS:
            member = session.scalars(select(StaffMember).where(StaffMember.username == username)).first()
            new = member is None
            if new:
                member = StaffMember(id=new_id(), username=username, display_name=display_name, role=role.value)
                session.add(member)
            member.password_hash = hashes[username]
            member.active = True
            member.failed_attempts = 0
            member.locked_until = None
            audit.record_change(session, desk, "staff.create" if new else "staff.reset_password", member, new=new)
        write_setting(session, DEMO_PASSWORDS_KEY, passwords)
    return passwords


def demo_sign_in(db) -> dict[str, str]:
    """On a demo database, the demo accounts and their passwords, for the sign-in screen; {} on a
    real one (whatever its settings hold)."""
    with db.read() as session:
        if not read_flag(session, DEMO_FLAG, False):
            return {}
        accounts = read_flag(session, DEMO_PASSWORDS_KEY, {})
    return {str(k): str(v) for k, v in accounts.items()} if isinstance(accounts, dict) else {}
