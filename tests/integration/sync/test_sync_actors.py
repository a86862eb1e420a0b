"""The hub checks who acted: an operation's actor must be an active account the hub holds, with the
role the hub holds for it (hub.actors); a desk's first push brings its accounts and their work."""

from __future__ import annotations

import sqlite3
import uuid

import httpx
import pytest
from sync_hub import hub_command, hub_rows, make_desk

from frontdesk.db.models import Host, SiteSetting, StaffMember
from frontdesk.db.outbox import synced_fields
from frontdesk.domain.errors import NotFound, PermissionDenied, ValidationError
from frontdesk.domain.ids import reference_id
from frontdesk.domain.roles import Role
from frontdesk.services.registry.companies import CompanyInput, create_company
from frontdesk.services.staff import accounts as staff
from frontdesk.services.staff.audit import history
from frontdesk.services.sync import rejected
from frontdesk.services.sync import run as sync_run


def _push(desk, ops: list[dict]) -> list[tuple[str, str]]:
    body = {"schema_version": sync_run.HEAD, "epoch": desk.code, "ops": ops}
    answer = httpx.post(f"{desk.hub_url}/v1/push", headers={"Authorization": f"Bearer {desk.token}"}, json=body)
    assert answer.status_code == 200, answer.text
    return [(r["outcome"], r["reason"]) for r in answer.json()["results"]]


def _host_op(seq: int, row: str, actor: dict) -> dict:
    whole = dict.fromkeys(synced_fields(Host), "")
    return {"seq": seq, "table": "host", "row_id": row, "hlc": f"01a23261634{seq:05x}.R1",
            "data": {**whole, "name": f"Host {seq}", "active": 1}, "actor": actor}


def _rejected(desk) -> list[tuple[str, str]]:
    conn = sqlite3.connect(desk.path)
    try:
        return conn.execute("SELECT table_name, reason FROM sync_rejected ORDER BY seq").fetchall()
    finally:
        conn.close()


@pytest.mark.parametrize("batch", [1000, 1], ids=["one batch", "one op per batch"])
def test_a_new_desks_first_push_brings_its_accounts_and_their_work_together(hub, tmp_path, batch):
    desk = make_desk(tmp_path / "R1.sqlite", "R1", hub)
    try:
        clerk = staff.create_staff(desk.db, username="giulia", display_name="Giulia Rota", role=Role.RECEPTION,
                                   password="a-long-password-1", actor=desk.admin)
        signed_in = staff.sign_in(desk.db, username="giulia", password="a-long-password-1").actor
        made = create_company(desk.db, data=CompanyInput(name="Fonderia Orobica", kind="foreign"), actor=signed_in)
        report = desk.sync(batch=batch)
        assert (report.rejected, report.waiting) == (0, 0), _rejected(desk)
        assert report.applied == report.pushed > 3
        assert hub_rows(hub.db_url, "SELECT data->>'name' FROM hub_record WHERE tbl = 'company'") == [(made.name,)]
        accounts = hub_rows(hub.db_url, "SELECT row_id FROM hub_record WHERE tbl = 'staff_member' ORDER BY 1")
        assert accounts == sorted([(clerk.id.hex,), (desk.admin.staff_id.hex,)])
    finally:
        desk.db.dispose()


def test_an_actor_the_hub_does_not_hold_is_refused_and_nothing_is_written(desks, hub):
    a, _b = desks
    a.sync()  # the hub now holds A's admin
    stranger = {"staff_id": str(uuid.uuid4()), "role": "admin"}
    known = {"staff_id": str(a.admin.staff_id), "role": "admin"}
    assert _push(a, [_host_op(9001, "ab" * 16, stranger), _host_op(9002, "cd" * 16, known)]) == [
        ("rejected", "unknown_actor"), ("applied", "")]
    assert hub_rows(hub.db_url, "SELECT row_id FROM hub_record WHERE tbl = 'host'") == [("cd" * 16,)]


def test_an_account_deactivated_at_one_desk_is_refused_from_another_before_it_has_heard(desks, hub):
    a, b = desks
    clerk = staff.create_staff(a.db, username="giulia", display_name="Giulia Rota", role=Role.RECEPTION,
                               password="a-long-password-1", actor=a.admin)
    a.sync(), b.sync()
    at_b = staff.sign_in(b.db, username="giulia", password="a-long-password-1").actor
    staff.set_active(a.db, staff_id=clerk.id, active=False, actor=a.admin)
    assert a.sync().rejected == 0
    create_company(b.db, data=CompanyInput(name="Fatta Dopo", kind="foreign"), actor=at_b)  # B has not pulled yet
    report = b.sync()
    assert report.rejected >= 1 and report.waiting == 0
    assert ("company", "unknown_actor") in _rejected(b)
    assert hub_rows(hub.db_url, "SELECT count(*) FROM hub_record WHERE tbl = 'company'") == [(0,)]


def test_the_role_the_hub_holds_wins_over_the_role_a_payload_claims(desks, hub):
    a, _b = desks
    clerk = staff.create_staff(a.db, username="giulia", display_name="Giulia Rota", role=Role.RECEPTION,
                               password="a-long-password-1", actor=a.admin)
    a.sync()
    whole = dict.fromkeys(synced_fields(SiteSetting), "")
    claims_admin = {"seq": 9001, "table": "site_setting", "row_id": reference_id("site_setting", "point_name").hex,
                    "hlc": "01a2326163400003.R1", "data": {**whole, "key": "point_name", "value": '"Altro"'},
                    "actor": {"staff_id": str(clerk.id), "role": "admin"}}
    made_up_account = {"seq": 9002, "table": "staff_member", "row_id": "ef" * 16, "hlc": "01a2326163400004.R1",
                       "data": {**dict.fromkeys(synced_fields(StaffMember), ""), "username": "intruso",
                                "display_name": "X", "role": "admin", "password_hash": "x", "active": 1,
                                "created_desk": "R1"},
                       "actor": {"staff_id": str(clerk.id), "role": "admin"}}
    assert _push(a, [claims_admin, made_up_account]) == [("rejected", "permission_denied")] * 2
    assert hub_rows(hub.db_url, "SELECT count(*) FROM hub_record WHERE tbl = 'site_setting' OR row_id = %s",
                    "ef" * 16) == [(0,)]


def test_a_refused_change_is_read_by_name_sent_again_by_an_admin_or_dismissed_and_logged(hub, tmp_path):
    desk = make_desk(tmp_path / "L1.sqlite", "L1", hub, roles="admin")
    try:
        staff.create_staff(desk.db, username="giulia", display_name="Giulia Rota", role=Role.RECEPTION,
                           password="a-long-password-1", actor=desk.admin)
        clerk = staff.sign_in(desk.db, username="giulia", password="a-long-password-1").actor
        made = create_company(desk.db, data=CompanyInput(name="Fonderia Orobica", kind="foreign"), actor=clerk)
        assert desk.sync().rejected == 3  # the company, and her sign-in and the company's activity-log events
        refused = {(c.table, c.label): c for c in rejected.list_rejected(desk.db, actor=desk.admin)}
        assert set(refused) == {("company", "Fonderia Orobica"), ("audit_event", "company.create"),
                                ("audit_event", "staff.sign_in")}
        company = refused["company", "Fonderia Orobica"]
        assert (company.label, company.reason, company.whole, company.can_resend) == (
            "Fonderia Orobica", "role_not_allowed_here", True, True)
        assert "allow" in company.explanation
        with pytest.raises(PermissionDenied):
            rejected.list_rejected(desk.db, actor=clerk)

        report = desk.sync()  # nothing is sent again by itself
        assert (report.pushed, report.rejected) == (0, 0)
        rejected.resend_rejected(desk.db, seq=company.seq, epoch=company.epoch, actor=desk.admin)
        report = desk.sync()  # sent again as the administrator's, whose role the desk allows
        assert (report.pushed, report.applied, report.rejected) == (2, 2, 0)  # the company and the resend's event
        assert hub_rows(hub.db_url, "SELECT data->>'name' FROM hub_record WHERE tbl = 'company' AND row_id = %s",
                        made.id.hex) == [("Fonderia Orobica",)]
        log = history(desk.db, actor=desk.admin, record_type="company", record_id=str(made.id))
        assert [(e.action, e.actor_label) for e in log if e.action.startswith("sync.")] == [
            ("sync.resend", desk.admin.label)]

        for bad in (("ZZ9", "admin"), ("L1", "porter")):  # an unknown desk, an unknown role: said, nothing changed
            out = hub_command("set-roles", bad[0], "--roles", bad[1], db_url=hub.db_url, check=False)
            assert out.returncode == 2 and ("No active desk" in out.stderr or "Unknown role" in out.stderr)
        assert hub_rows(hub.db_url, "SELECT roles FROM hub_desk WHERE code = 'L1'") == [("admin",)]
        hub_command("set-roles", "L1", "--roles", "reception,admin", db_url=hub.db_url)  # from now on
        create_company(desk.db, data=CompanyInput(name="Forno Bianchi", kind="foreign"), actor=clerk)
        assert desk.sync().rejected == 0
        left = rejected.list_rejected(desk.db, actor=desk.admin)
        assert sorted(c.label for c in left) == ["company.create", "staff.sign_in"]
        for event in left:
            rejected.dismiss_rejected(desk.db, seq=event.seq, epoch=event.epoch, actor=desk.admin)
        assert rejected.list_rejected(desk.db, actor=desk.admin) == []
        dismissed = history(desk.db, actor=desk.admin, record_type="audit_event")
        assert [(e.action, e.actor_label) for e in dismissed] == [("sync.dismiss", desk.admin.label)] * 2
        with pytest.raises(NotFound):
            rejected.dismiss_rejected(desk.db, seq=event.seq, epoch=event.epoch, actor=desk.admin)
    finally:
        desk.db.dispose()


def test_a_change_that_can_never_pass_cannot_be_sent_again_and_changes_nothing(hub, tmp_path):
    desk = make_desk(tmp_path / "R1.sqlite", "R1", hub)
    try:
        conn = sqlite3.connect(desk.path)
        with conn:
            conn.execute("INSERT INTO sync_rejected (seq, epoch, table_name, row_id, hlc, data, reason, at) "
                         "VALUES (7, 'R1', 'site_setting', 'ab', '01a2326163400003.R1', '{\"key\": \"is_demo\"}', "
                         "'not_a_site_setting', '2026-12-01 10:00:00.000000')")
        conn.close()
        change = rejected.list_rejected(desk.db, actor=desk.admin)[0]
        assert not change.can_resend and "this desk only" in change.explanation
        with pytest.raises(ValidationError, match="cannot be sent again"):
            rejected.resend_rejected(desk.db, seq=7, epoch="R1", actor=desk.admin)
        assert [c.seq for c in rejected.list_rejected(desk.db, actor=desk.admin)] == [7]
    finally:
        desk.db.dispose()
