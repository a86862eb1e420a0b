"""Staff accounts: first run, sign-in, throttling and lock-out, admin actions, demo accounts."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest

from frontdesk.domain.errors import Conflict, DatabaseProblem, NotFound, PermissionDenied, ValidationError
from frontdesk.domain.roles import Actor, Role
from frontdesk.i18n import format_time, set_language
from frontdesk.services.desk.setup import init_desk, open_desk
from frontdesk.services.staff import accounts as staff
from frontdesk.services.staff import audit
from frontdesk.services.staff.sign_in_failures import SignInFailures

PASSWORD = "admin-password"  # the first admin's, as the admin_session fixture sets it


@pytest.fixture
def admin(admin_session):
    return admin_session  # a StaffSession here: these tests sign in and out


@pytest.fixture
def clock(monkeypatch):
    """A hand-moved clock for the sign-in service."""
    state = {"now": dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC)}
    monkeypatch.setattr(staff, "utcnow", lambda: state["now"])

    class Clock:
        @property
        def now(self):
            return state["now"]

        def advance(self, **delta):
            state["now"] = state["now"] + dt.timedelta(**delta)

    return Clock()


def make_user(db, admin, username="giulia", role=Role.RECEPTION, password="reception-pw"):
    return staff.create_staff(db, username=username, display_name="Giulia Bonfanti", role=role,
                              password=password, actor=admin.actor)


def audit_rows(db) -> list[str]:
    conn = sqlite3.connect(db.path)
    try:
        return [" ".join(str(c) for c in row) for row in conn.execute("SELECT * FROM audit_event")]
    finally:
        conn.close()


# --- first run ------------------------------------------------------------------------------

def test_first_run_asks_for_the_admin_password_and_there_is_no_default(db):
    assert staff.needs_first_admin_password(db)
    for guess in ("admin", "password", "", "admin123"):
        with pytest.raises((PermissionDenied, ValidationError)):
            staff.sign_in(db, username="admin", password=guess)
    with pytest.raises(ValidationError, match="cannot be empty"):
        staff.set_first_admin_password(db, password="")
    with pytest.raises(ValidationError, match="at least 8"):
        staff.set_first_admin_password(db, password="short")
    session = staff.set_first_admin_password(db, password=PASSWORD)
    assert session.actor.role is Role.ADMIN and session.actor.desk == "R1" and session.username == "admin"
    assert not staff.needs_first_admin_password(db)
    with pytest.raises(Conflict):
        staff.set_first_admin_password(db, password="another password")
    assert staff.sign_in(db, username="Admin ", password=PASSWORD).actor.staff_id == session.actor.staff_id


@pytest.mark.real_password_hashing
def test_password_is_stored_as_argon2id_and_never_in_the_audit(db, admin):
    user = make_user(db, admin, password="reception-pw")
    conn = sqlite3.connect(db.path)
    hashes = [h for (h,) in conn.execute("SELECT password_hash FROM staff_member")]
    conn.close()
    assert all(h.startswith("$argon2id$v=19$m=65536,t=3,p=4$") for h in hashes)  # the app's own cost
    assert len(set(hashes)) == len(hashes)  # per-user salt
    rows = "\n".join(audit_rows(db))
    assert "argon2" not in rows and PASSWORD not in rows and "reception-pw" not in rows
    events = audit.history(db, actor=admin.actor, record_type="staff_member", record_id=str(user.id))
    created = {e.action: e.changes for e in events}
    assert created["staff.create"]["password_hash"] == "changed"
    assert created["staff.create"]["display_name"] == "changed"  # personal: never the value
    assert created["staff.create"]["role"] == [None, "reception"]
    first = {e.action: e.changes for e in audit.history(db, actor=admin.actor, record_id=str(admin.actor.staff_id))}
    assert first["staff.set_first_password"]["password_hash"] == "changed"


# --- sign-in --------------------------------------------------------------------------------

def test_sign_in_gives_an_actor_with_a_new_session_each_time(db, admin):
    user = make_user(db, admin)
    first = staff.sign_in(db, username="giulia", password="reception-pw")
    second = staff.sign_in(db, username="GIULIA", password="reception-pw")
    assert first.actor.staff_id == user.id and first.actor.role is Role.RECEPTION
    assert first.actor.name == "Giulia Bonfanti" and first.actor.desk == "R1"
    assert first.actor.session_id != second.actor.session_id
    assert [e.action for e in audit.history(db, actor=admin.actor, record_id=str(user.id))].count("staff.sign_in") == 2


def test_unknown_username_gets_the_same_message_as_a_wrong_password(db, admin):
    make_user(db, admin)
    with pytest.raises(PermissionDenied) as wrong:
        staff.sign_in(db, username="giulia", password="not-her-password")
    with pytest.raises(PermissionDenied) as unknown:
        staff.sign_in(db, username="nobody", password="whatever-pw")
    assert str(wrong.value) == str(unknown.value) == "Wrong username or password."
    assert "nobody" not in "\n".join(audit_rows(db))  # typed names are not recorded


def test_empty_password_or_username_is_refused_plainly(db, admin):
    with pytest.raises(ValidationError, match="Type your password"):
        staff.sign_in(db, username="admin", password="")
    with pytest.raises(ValidationError, match="Type your username"):
        staff.sign_in(db, username="  ", password="something")


def test_failures_slow_down_then_lock_for_15_minutes(db, admin, clock):
    make_user(db, admin)
    for _ in range(2):
        with pytest.raises(PermissionDenied, match=r"^Wrong username or password\.$"):
            staff.sign_in(db, username="giulia", password="bad-password")
    with pytest.raises(PermissionDenied, match="wait 10 seconds"):
        staff.sign_in(db, username="giulia", password="bad-password")
    clock.advance(seconds=4)
    with pytest.raises(PermissionDenied, match="wait 6 seconds"):  # even the right password waits
        staff.sign_in(db, username="giulia", password="reception-pw")
    clock.advance(seconds=7)
    with pytest.raises(PermissionDenied, match="wait 30 seconds"):
        staff.sign_in(db, username="giulia", password="bad-password")
    clock.advance(seconds=31)
    with pytest.raises(PermissionDenied) as locked:
        staff.sign_in(db, username="giulia", password="bad-password")
    until = clock.now + dt.timedelta(minutes=15)
    assert f"locked until {format_time(until)}" in str(locked.value)
    assert "10:15" in str(locked.value)  # 09:00 UTC + 15 min, shown in Rome time (UTC+1 in March)
    clock.advance(minutes=14)
    with pytest.raises(PermissionDenied, match="locked until"):
        staff.sign_in(db, username="giulia", password="reception-pw")
    clock.advance(minutes=2)
    assert staff.sign_in(db, username="giulia", password="reception-pw").actor.role is Role.RECEPTION
    assert [s.failed_attempts for s in staff.list_staff(db, actor=admin.actor) if s.username == "giulia"] == [0]
    assert "staff.locked" in [e.action for e in audit.history(db, actor=admin.actor, record_type="staff_member")]


def test_unknown_usernames_are_throttled_like_real_ones(db, admin, clock):
    failures = SignInFailures()  # the open desk's memory (the app keeps one per desk)
    for _ in range(2):
        with pytest.raises(PermissionDenied, match=r"^Wrong username or password\.$"):
            staff.sign_in(db, username="ghost", password="bad-password", failures=failures)
    with pytest.raises(PermissionDenied, match="wait 10 seconds"):
        staff.sign_in(db, username="ghost", password="bad-password", failures=failures)
    assert len(failures) == 1


def test_the_failure_memory_is_the_one_passed_not_a_module_global(db, admin, clock):
    desk, other = SignInFailures(), SignInFailures()
    for _ in range(3):
        with pytest.raises(PermissionDenied):
            staff.sign_in(db, username="ghost", password="bad-password", failures=desk)
    with pytest.raises(PermissionDenied, match="wait 10 seconds"):
        staff.sign_in(db, username="ghost", password="bad-password", failures=desk)
    with pytest.raises(PermissionDenied, match=r"^Wrong username or password\.$"):  # another desk's memory
        staff.sign_in(db, username="ghost", password="bad-password", failures=other)
    assert len(other) == 1
    clock.advance(seconds=11)  # the wait is over for the first desk too
    with pytest.raises(PermissionDenied, match="wait 30 seconds"):
        staff.sign_in(db, username="ghost", password="bad-password", failures=desk)


def test_admin_reset_unlocks_a_locked_account(db, admin, clock):
    user = make_user(db, admin)
    for _ in range(5):
        clock.advance(minutes=1)
        with pytest.raises(PermissionDenied):
            staff.sign_in(db, username="giulia", password="bad-password")
    with pytest.raises(PermissionDenied, match="locked until"):
        staff.sign_in(db, username="giulia", password="reception-pw")
    summary = staff.reset_password(db, staff_id=user.id, new_password="fresh-password", actor=admin.actor)
    assert summary.locked_until is None and summary.failed_attempts == 0
    assert staff.sign_in(db, username="giulia", password="fresh-password").actor.staff_id == user.id
    events = audit.history(db, actor=admin.actor, record_id=str(user.id))
    reset = [e for e in events if e.action == "staff.reset_password"]
    assert reset and reset[0].changes["password_hash"] == "changed" and reset[0].actor_label == "Amministratore"


# --- disabled, roles ------------------------------------------------------------------------

def test_a_user_disabled_while_signed_in_is_stopped_at_the_next_action(db, admin):
    user = make_user(db, admin, role=Role.ADMIN, username="second")
    signed_in = staff.sign_in(db, username="second", password="reception-pw")
    staff.check_still_active(db, actor=signed_in.actor)
    staff.set_active(db, staff_id=user.id, active=False, actor=admin.actor)
    with pytest.raises(PermissionDenied, match="disabled"):
        staff.check_still_active(db, actor=signed_in.actor)
    with pytest.raises(PermissionDenied, match="disabled"):  # services check it too
        staff.create_staff(db, username="third", display_name="Terzo", role=Role.RECEPTION,
                           password="password-3", actor=signed_in.actor)
    with pytest.raises(PermissionDenied, match="disabled"):
        staff.change_own_password(db, old_password="reception-pw", new_password="newer-password",
                                  actor=signed_in.actor)
    with pytest.raises(PermissionDenied, match="disabled"):  # the right password says why
        staff.sign_in(db, username="second", password="reception-pw")
    with pytest.raises(PermissionDenied, match=r"^Wrong username or password\.$"):  # a wrong one does not
        staff.sign_in(db, username="second", password="wrong-password")
    staff.set_active(db, staff_id=user.id, active=True, actor=admin.actor)
    assert staff.sign_in(db, username="second", password="reception-pw")


def test_roles_without_rights_are_refused_by_the_service(db, admin):
    make_user(db, admin)
    reception = staff.sign_in(db, username="giulia", password="reception-pw").actor
    with pytest.raises(PermissionDenied):
        staff.create_staff(db, username="x1", display_name="X", role=Role.ADMIN, password="password-x",
                           actor=reception)
    with pytest.raises(PermissionDenied):
        staff.reset_password(db, staff_id=admin.actor.staff_id, new_password="takeover-pw", actor=reception)
    with pytest.raises(PermissionDenied):
        staff.set_active(db, staff_id=admin.actor.staff_id, active=False, actor=reception)
    with pytest.raises(PermissionDenied):
        staff.create_staff(db, username="x2", display_name="X", role=Role.ADMIN, password="password-x",
                           actor=Actor.desk_itself("R1"))


def test_an_actor_whose_role_changed_must_sign_in_again(db, admin):
    forged = Actor(desk="R1", role=Role.ADMIN, staff_id=make_user(db, admin).id, name="Giulia")
    with pytest.raises(PermissionDenied, match="sign in again"):
        staff.create_staff(db, username="x3", display_name="X", role=Role.ADMIN, password="password-x",
                           actor=forged)


def test_cannot_disable_oneself_or_the_last_admin(db, admin):
    with pytest.raises(Conflict, match="your own"):
        staff.set_active(db, staff_id=admin.actor.staff_id, active=False, actor=admin.actor)
    other = make_user(db, admin, username="boss", role=Role.ADMIN)
    boss = staff.sign_in(db, username="boss", password="reception-pw")
    staff.set_active(db, staff_id=admin.actor.staff_id, active=False, actor=boss.actor)
    with pytest.raises(Conflict, match="your own"):
        staff.set_active(db, staff_id=other.id, active=False, actor=boss.actor)
    with pytest.raises(NotFound):
        staff.set_active(db, staff_id=staff.new_id(), active=False, actor=boss.actor)


def test_create_staff_validates_its_input(db, admin):
    bad = [
        dict(username="", display_name="A", role=Role.RECEPTION, password="password-1"),
        dict(username="with space", display_name="A", role=Role.RECEPTION, password="password-1"),
        dict(username="ok", display_name="", role=Role.RECEPTION, password="password-1"),
        dict(username="ok", display_name="A", role="janitor", password="password-1"),
        dict(username="ok", display_name="A", role=Role.RECEPTION, password=""),
        dict(username="ok", display_name="A", role=Role.RECEPTION, password="1234567"),
        dict(username="ok", display_name="A", role=Role.RECEPTION, password="        "),
    ]
    for fields in bad:
        with pytest.raises(ValidationError):
            staff.create_staff(db, actor=admin.actor, **fields)
    make_user(db, admin)
    with pytest.raises(Conflict, match="already taken"):
        make_user(db, admin, username="Giulia")
    assert [s.username for s in staff.list_staff(db, actor=admin.actor)] == ["admin", "giulia"]


def test_change_own_password(db, admin):
    make_user(db, admin)
    me = staff.sign_in(db, username="giulia", password="reception-pw").actor
    with pytest.raises(ValidationError, match="current password is wrong"):
        staff.change_own_password(db, old_password="nope-nope", new_password="brand-new-pw", actor=me)
    with pytest.raises(ValidationError, match="at least 8"):
        staff.change_own_password(db, old_password="reception-pw", new_password="short", actor=me)
    with pytest.raises(PermissionDenied):
        staff.change_own_password(db, old_password="x", new_password="brand-new-pw", actor=Actor.desk_itself("R1"))
    staff.change_own_password(db, old_password="reception-pw", new_password="brand-new-pw", actor=me)
    with pytest.raises(PermissionDenied):
        staff.sign_in(db, username="giulia", password="reception-pw")
    assert staff.sign_in(db, username="giulia", password="brand-new-pw")
    events = audit.history(db, actor=admin.actor, record_id=str(me.staff_id))
    changes = [e.changes for e in events if e.action == "staff.change_password"]
    assert changes == [{"password_hash": "changed"}]


def test_sign_in_works_while_writes_are_held_and_writes_nothing(db, admin):
    before = len(audit_rows(db))
    failures = SignInFailures()
    db.writes_held = "checking"
    try:
        assert staff.sign_in(db, username="admin", password=PASSWORD).actor.role is Role.ADMIN
        with pytest.raises(PermissionDenied, match="Wrong username"):
            staff.sign_in(db, username="admin", password="bad-password", failures=failures)
        assert len(failures) == 1  # kept in memory: the account could not be written
        with pytest.raises(DatabaseProblem):
            staff.create_staff(db, username="zz", display_name="Z", role=Role.RECEPTION, password="password-z",
                               actor=admin.actor)
    finally:
        db.writes_held = None
    assert len(audit_rows(db)) == before


# --- demo -----------------------------------------------------------------------------------

def test_demo_accounts_one_per_role_with_printed_passwords(tmp_path):
    path = tmp_path / "demo.sqlite"
    init_desk(path, desk="R1", demo=True)
    db = open_desk(path)
    set_language("en")
    try:
        accounts = staff.create_demo_accounts(db, seed=7)
        assert accounts == staff.create_demo_accounts(db, seed=7)  # deterministic from a seed
        roles = {staff.sign_in(db, username=u, password=p).actor.role for u, p in accounts.items()}
        assert roles == set(Role)
        assert not staff.needs_first_admin_password(db)
        text = "\n".join(audit_rows(db))
        assert not any(p in text for p in accounts.values())
        assert all(json.loads(json.dumps(p)) and len(p) >= staff.MIN_PASSWORD for p in accounts.values())
    finally:
        db.dispose()


def test_demo_accounts_are_refused_on_a_real_database(db):
    with pytest.raises(Conflict, match="demo database"):
        staff.create_demo_accounts(db)
    assert staff.needs_first_admin_password(db)
