"""Site settings and staff accounts across desks (issue 12, point 2), with a real hub process on a
real PostgreSQL: site settings follow the last admin who changed them, desk settings and flags
never leave the desk; an account made at one desk signs in at the other, its locks stay local; the
two desks' own first `admin` accounts both survive, under distinct usernames; the hub re-checks
every change to an account against the admin role."""

from __future__ import annotations

import sqlite3

import httpx
import pytest
from sync_hub import hub_rows

from frontdesk.db.models import SiteSetting, StaffMember
from frontdesk.db.outbox import synced_fields
from frontdesk.domain.errors import PermissionDenied
from frontdesk.domain.ids import reference_id
from frontdesk.domain.roles import Role
from frontdesk.services.desk.settings import get_settings, update_settings
from frontdesk.services.staff import accounts as staff
from frontdesk.services.sync import run as sync_run


def _desk_value(desk, sql: str, *params):
    conn = sqlite3.connect(desk.path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def test_a_site_setting_changed_at_a_reaches_b_and_desk_settings_and_flags_never_leave(desks, hub):
    a, b = desks
    update_settings(a.db, changes={"retention_visitor_months": 36, "point_name": "Point Dalmine",
                                   "printers": {"badge": "Zebra-A"}, "backup_folder": "/srv/backup-a"},
                    actor=a.admin)
    a.sync(), b.sync()
    at_b = get_settings(b.db)
    assert (at_b.retention_visitor_months, at_b.point_name) == (36, "Point Dalmine")
    assert at_b.printers == {} and at_b.backup_folder == "" and at_b.desk_code == "R2"
    keys = {k for (k,) in hub_rows(hub.db_url, "SELECT data->>'key' FROM hub_record WHERE tbl = 'site_setting'")}
    assert keys == {"retention_visitor_months", "point_name"}
    everything = " ".join(str(d) for (d,) in hub_rows(hub.db_url, "SELECT data::text FROM hub_record"))
    for desk_only in ("Zebra-A", "backup-a", "is_demo", "series_prefix", "desk_code"):
        assert desk_only not in everything  # the audit trail says a printer changed at R1, not which

    update_settings(b.db, changes={"retention_visitor_months": 18}, actor=b.admin)  # later: the last writer wins
    b.sync(), a.sync()
    assert get_settings(a.db).retention_visitor_months == 18 == get_settings(b.db).retention_visitor_months


def test_the_hub_refuses_a_desk_flag_sent_as_a_site_setting_and_a_site_setting_from_a_receptionist(desks, hub):
    a, _b = desks
    whole = dict.fromkeys(synced_fields(SiteSetting), "")
    flag = {"seq": 1, "table": "site_setting", "row_id": reference_id("site_setting", "is_demo").hex,
            "hlc": "01a2326163400003.R1", "data": {**whole, "key": "is_demo", "value": "true"},
            "actor": {"staff_id": str(a.admin.staff_id), "role": "admin"}}
    by_clerk = {**flag, "seq": 2, "row_id": reference_id("site_setting", "point_name").hex,
                "data": {**whole, "key": "point_name", "value": '"Altro"'},
                "actor": {"staff_id": "0" * 32, "role": "reception"}}
    body = {"schema_version": sync_run.HEAD, "epoch": "R1", "ops": [flag, by_clerk]}
    answer = httpx.post(f"{hub.url}/v1/push", headers={"Authorization": f"Bearer {a.token}"}, json=body).json()
    assert [(r["outcome"], r["reason"]) for r in answer["results"]] == [
        ("rejected", "not_a_site_setting"), ("rejected", "permission_denied")]
    assert hub_rows(hub.db_url, "SELECT count(*) FROM hub_record WHERE tbl = 'site_setting'") == [(0,)]


def test_an_account_made_at_a_signs_in_at_b_and_a_lock_at_b_stays_at_b(desks, hub):
    a, b = desks
    staff.create_staff(a.db, username="giulia", display_name="Giulia Rota", role=Role.RECEPTION,
                       password="a-long-password-1", actor=a.admin)
    a.sync(), b.sync()
    session = staff.sign_in(b.db, username="giulia", password="a-long-password-1")
    assert session.actor.role is Role.RECEPTION and session.actor.name == "Giulia Rota"

    for _attempt in range(staff.POLICY.slow_after):
        with pytest.raises(PermissionDenied):
            staff.sign_in(b.db, username="giulia", password="not-her-password")
    with pytest.raises(PermissionDenied, match="wait"):
        staff.sign_in(b.db, username="giulia", password="a-long-password-1")
    report = b.sync()
    a.sync()
    assert report.rejected == 0
    assert _desk_value(a, "SELECT failed_attempts, locked_until FROM staff_member WHERE username = 'giulia'") == [
        (0, None)]
    assert staff.sign_in(a.db, username="giulia", password="a-long-password-1").actor.role is Role.RECEPTION
    assert hub_rows(hub.db_url, "SELECT count(*) FROM hub_record WHERE tbl = 'staff_member' AND "
                    "(data ? 'failed_attempts' OR data ? 'locked_until')") == [(0,)]
    assert _desk_value(b, "SELECT failed_attempts FROM staff_member WHERE username = 'giulia'") == [
        (staff.POLICY.slow_after,)]
    with pytest.raises(PermissionDenied, match="wait"):  # still waiting at B
        staff.sign_in(b.db, username="giulia", password="a-long-password-1")


def test_each_desks_first_admin_survives_the_first_to_reach_the_hub_keeps_admin(desks, hub):
    a, b = desks  # both made their own `admin` at init, with their own passwords
    a.sync(), b.sync(), a.sync()
    again = b.sync()
    assert (again.pushed, again.pulled, again.rejected) == (0, 0, 0)
    for desk in (a, b):
        names = dict(_desk_value(desk, "SELECT id, username FROM staff_member"))
        assert names == {a.admin.staff_id.hex: "admin", b.admin.staff_id.hex: "admin.r2"}, desk.code
    usernames = hub_rows(hub.db_url, "SELECT data->>'username' FROM hub_record WHERE tbl = 'staff_member' "
                         "ORDER BY 1")
    assert usernames == [("admin",), ("admin.r2",)]
    for desk in (a, b):  # the person who set desk R2 up signs in anywhere, under the new name
        assert staff.sign_in(desk.db, username="admin.r2", password="admin-password-R2").actor.staff_id == \
            b.admin.staff_id
        assert staff.sign_in(desk.db, username="admin", password="admin-password-R1").actor.staff_id == \
            a.admin.staff_id
        with pytest.raises(PermissionDenied):
            staff.sign_in(desk.db, username="admin", password="admin-password-R2")


def test_the_hub_checks_changes_to_accounts_against_the_admin_role(desks, hub):
    a, b = desks
    clerk = staff.create_staff(a.db, username="giulia", display_name="Giulia Rota", role=Role.RECEPTION,
                               password="a-long-password-1", actor=a.admin)
    a.sync(), b.sync()
    signed_in = staff.sign_in(b.db, username="giulia", password="a-long-password-1").actor
    staff.change_own_password(b.db, old_password="a-long-password-1", new_password="another-password-2",
                              actor=signed_in)
    assert b.sync().rejected == 0  # her own password: allowed
    a.sync()
    assert staff.sign_in(a.db, username="giulia", password="another-password-2").actor.staff_id == clerk.id

    whole = dict.fromkeys(synced_fields(StaffMember), "")
    made_up = {**whole, "username": "intruso", "display_name": "X", "role": "admin", "password_hash": "x",
               "active": 1, "created_desk": "R2"}
    ops = [
        # a receptionist makes herself an administrator
        {"seq": 9001, "table": "staff_member", "row_id": clerk.id.hex, "hlc": "01a2326163400003.R2",
         "data": {"role": "admin"}, "actor": {"staff_id": str(clerk.id), "role": "reception"}},
        # a receptionist makes a new account
        {"seq": 9002, "table": "staff_member", "row_id": "ab" * 16, "hlc": "01a2326163400004.R2",
         "data": made_up, "actor": {"staff_id": str(clerk.id), "role": "reception"}},
        # the desk itself adds a second "first admin"
        {"seq": 9003, "table": "staff_member", "row_id": "cd" * 16, "hlc": "01a2326163400005.R2",
         "data": {**made_up, "username": "admin"}, "actor": {}},
        # the desk itself changes an account
        {"seq": 9004, "table": "staff_member", "row_id": clerk.id.hex, "hlc": "01a2326163400006.R2",
         "data": {"active": 0}, "actor": {}},
    ]
    body = {"schema_version": sync_run.HEAD, "epoch": "R2", "ops": ops}
    answer = httpx.post(f"{hub.url}/v1/push", headers={"Authorization": f"Bearer {b.token}"}, json=body).json()
    assert [(r["outcome"], r["reason"]) for r in answer["results"]] == [("rejected", "permission_denied")] * 4
    assert hub_rows(hub.db_url, "SELECT data->>'role', data->>'active' FROM hub_record WHERE row_id = %s",
                    clerk.id.hex) == [("reception", "1")]
    assert hub_rows(hub.db_url, "SELECT count(*) FROM hub_record WHERE row_id IN (%s, %s)", "ab" * 16, "cd" * 16
                    ) == [(0,)]
