"""What goes wrong between a desk and the hub ends with a clear message and changes nothing, or
converges at the next run: tokens, the hub down, old schemas, wrong clocks, replays, roles."""

from __future__ import annotations

import datetime as dt
import sqlite3

import httpx
import pytest
from sync_hub import HubProcess, hub_rows, make_desk, outbox_size

from frontdesk.db.models import Host
from frontdesk.db.outbox import synced_fields
from frontdesk.domain.errors import SyncError
from frontdesk.domain.roles import Role
from frontdesk.i18n import set_language
from frontdesk.services.registry.companies import (
    CompanyInput,
    create_company,
    get_company,
    search_companies,
    update_company,
)
from frontdesk.services.staff import accounts as staff
from frontdesk.services.sync import run as sync_run
from frontdesk.sync.client import HubClient, HubRefused, SchemaNotAccepted


def _state(desk) -> tuple:
    conn = sqlite3.connect(desk.path)
    try:
        return (conn.execute("SELECT count(*), coalesce(max(seq), 0) FROM sync_outbox").fetchone(),
                conn.execute("SELECT key, value FROM sync_state WHERE key <> 'clock' ORDER BY key").fetchall())
    finally:
        conn.close()


def test_a_forged_or_revoked_token_is_refused_with_a_clear_message(desks, hub):
    a, _b = desks
    create_company(a.db, data=CompanyInput(name="Acme", kind="foreign"), actor=a.admin)
    before = _state(a)
    with pytest.raises(HubRefused, match="refused this desk's token"):
        a.sync(token="forged-" + a.token[7:])
    assert _state(a) == before
    hub.revoke_desk("R1")
    with pytest.raises(HubRefused, match="revoked or is not valid"):
        a.sync()
    assert _state(a) == before
    assert hub_rows(hub.db_url, "SELECT count(*) FROM hub_record WHERE tbl = 'company'") == [(0,)]


def test_the_hub_down_gives_a_clear_italian_message_and_changes_nothing(desks, hub):
    a, _b = desks
    create_company(a.db, data=CompanyInput(name="Acme", kind="foreign"), actor=a.admin)
    before = _state(a)
    hub.stop()
    set_language("it")
    with pytest.raises(SyncError) as error:
        a.sync()
    assert "non risponde" in error.value.message and "non è stato cambiato nulla" in error.value.message
    assert _state(a) == before


def test_the_same_desk_code_with_another_desks_token_is_refused(desks):
    a, b = desks
    with pytest.raises(SyncError, match="knows this token as desk R2, but this is desk R1"):
        a.sync(token=b.token)


def test_a_schema_the_hub_does_not_accept_keeps_the_outbox(desks, monkeypatch):
    a, _b = desks
    create_company(a.db, data=CompanyInput(name="Acme", kind="foreign"), actor=a.admin)
    before = _state(a)
    monkeypatch.setattr(sync_run, "HEAD", "0001")  # a desk two versions behind
    with pytest.raises(SchemaNotAccepted, match="Update the app"):
        a.sync()
    assert _state(a) == before


def test_a_desk_on_the_previous_schema_is_accepted_and_its_new_rows_take_the_newest_columns_defaults(desks, hub):
    """The hub accepts the previous desk schema: a new visit sent without the columns the newest
    migration added (0005: how the visit closed, its arrival desk, its erasure marker) is applied,
    those columns taking their defaults; a new row missing a column with no default is still refused."""
    from frontdesk.hub.app import ACCEPTED_SCHEMAS
    from frontdesk.services.reception.visits import check_in_new_visitor
    from frontdesk.services.registry.visitors import VisitorInput
    from frontdesk.sync import outbox

    a, _b = desks
    check_in_new_visitor(a.db, visitor=VisitorInput("Ada", "Rota"), service_code="meeting", host_id=None,
                         privacy_notice_shown=True, actor=a.admin)
    newest = {"closed_by", "checked_out_by", "checked_in_desk", "anonymised_at"}
    ops = []
    for op in outbox.pending(a.db, limit=1000):
        data = {k: v for k, v in op.data.items() if not (op.table == "visit" and k in newest)}
        ops.append({**op.as_json(), "data": data})
    assert any(op["table"] == "visit" for op in ops)
    with HubClient(hub.url, a.token) as client:
        results = client.push(schema_version=ACCEPTED_SCHEMAS[1], epoch="OLD1", ops=ops)
        assert {r["outcome"] for r in results} == {"applied"}
        assert hub_rows(hub.db_url, "SELECT data->>'closed_by', data->>'checked_in_desk', data->'anonymised_at' "
                                    "FROM hub_record WHERE tbl = 'visit'") == [("", "", None)]
        visitor = next(op for op in ops if op["table"] == "visitor")
        headless = {**visitor, "seq": 10_000, "row_id": "cd" * 16,
                    "data": {k: v for k, v in visitor["data"].items() if k != "last_name"}}
        assert client.push(schema_version=ACCEPTED_SCHEMAS[1], epoch="OLD1", ops=[headless])[0]["reason"] == \
            "incomplete_row"


class SkewedClient(HubClient):
    """The real hub, as seen from a PC whose clock is `skew` behind it."""

    def __init__(self, *args, skew: dt.timedelta, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.skew = skew

    def handshake(self, **kwargs) -> dict:
        answer = super().handshake(**kwargs)
        answer["hub_time"] = (dt.datetime.fromisoformat(answer["hub_time"]) + self.skew).isoformat()
        return answer


def test_a_clock_two_hours_wrong_is_refused_and_five_minutes_is_reported(desks):
    a, _b = desks
    create_company(a.db, data=CompanyInput(name="Acme", kind="foreign"), actor=a.admin)
    before = _state(a)
    set_language("it")
    with SkewedClient(a.hub_url, a.token, skew=dt.timedelta(hours=2)) as client, pytest.raises(SyncError) as error:
        a.sync(client=client)
    assert "orologio" in error.value.message and "120" in error.value.message
    assert _state(a) == before
    set_language("en")
    with SkewedClient(a.hub_url, a.token, skew=dt.timedelta(minutes=5)) as client:
        report = a.sync(client=client)
    assert report.pushed > 0 and report.warnings and "5 minutes" in report.warnings[0]


def test_two_desks_editing_different_fields_of_one_company_offline_both_keep_their_change(desks):
    a, b = desks
    made = create_company(a.db, data=CompanyInput(name="Acme", kind="foreign", city="Lyon"), actor=a.admin)
    a.sync(), b.sync()
    base = get_company(b.db, company_id=made.id)
    update_company(a.db, company_id=made.id, data=CompanyInput(name="Acme", kind="foreign", city="Paris"),
                   actor=a.admin)
    update_company(b.db, company_id=made.id, data=CompanyInput(name="Acme", kind="foreign", city=base.city,
                                                               phone="+33 1 23 45"), actor=b.admin)
    a.sync(), b.sync(), a.sync()
    for desk in (a, b):
        company = get_company(desk.db, company_id=made.id)
        assert (company.city, company.phone) == ("Paris", "+33 1 23 45")


def test_a_replayed_push_applies_nothing_twice_even_at_another_hub_process(desks, hub, tmp_path):
    a, _b = desks
    create_company(a.db, data=CompanyInput(name="Acme", kind="foreign"), actor=a.admin)
    sent: list[dict] = []

    class Recording(HubClient):
        def push(self, **kwargs):
            sent.append(kwargs)
            return super().push(**kwargs)

    with Recording(a.hub_url, a.token) as client:
        first = a.sync(client=client)
    assert first.applied > 0
    log_before = hub_rows(hub.db_url, "SELECT tbl, row_id, txid, data FROM hub_record ORDER BY 1, 2")
    ops_before = hub_rows(hub.db_url, "SELECT count(*) FROM hub_applied_op")
    second = HubProcess(hub.db_url, log=tmp_path / "hub2.log")  # stateless: a second process, same PostgreSQL
    second.start()
    try:
        with HubClient(second.url, a.token) as client:
            for request in sent:
                again = client.push(**request)
                assert [r["outcome"] for r in again] == ["applied"] * len(request["ops"])
                assert {r["seq"] for r in again} == {op["seq"] for op in request["ops"]}
    finally:
        second.stop()
    assert hub_rows(hub.db_url, "SELECT tbl, row_id, txid, data FROM hub_record ORDER BY 1, 2") == log_before
    assert hub_rows(hub.db_url, "SELECT count(*) FROM hub_applied_op") == ops_before


def test_an_actor_whose_role_is_not_allowed_at_the_desk_is_rejected_and_does_not_block(hub, tmp_path):
    desk = make_desk(tmp_path / "L1.sqlite", "L1", hub, roles="admin")
    try:
        clerk = staff.create_staff(desk.db, username="giulia", display_name="Giulia Rota", role=Role.RECEPTION,
                                   password="a-long-password-1", actor=desk.admin)
        signed_in = staff.sign_in(desk.db, username="giulia", password="a-long-password-1").actor
        assert clerk is not None
        refused = create_company(desk.db, data=CompanyInput(name="Made By Reception", kind="foreign"),
                                 actor=signed_in)
        accepted = create_company(desk.db, data=CompanyInput(name="Made By Admin", kind="foreign"), actor=desk.admin)
        report = desk.sync()
        assert report.rejected >= 2 and report.waiting == 0 and outbox_size(desk) == 0  # company + its audit...
        conn = sqlite3.connect(desk.path)
        kept = conn.execute("SELECT table_name, row_id, reason FROM sync_rejected WHERE table_name = 'company'"
                            ).fetchall()
        conn.close()
        assert kept == [("company", refused.id.hex, "role_not_allowed_here")]
        names = hub_rows(hub.db_url, "SELECT data->>'name' FROM hub_record WHERE tbl = 'company'")
        assert names == [(accepted.name,)]
        assert any("refused by the hub" in note for note in report.notes())
    finally:
        desk.db.dispose()


def test_a_payload_cannot_claim_another_desk_a_role_the_desk_does_not_allow_or_half_a_row(hub, tmp_path):
    office = make_desk(tmp_path / "R4.sqlite", "R4", hub)  # the accounts are made where an admin may work
    clerk = staff.create_staff(office.db, username="giulia", display_name="Giulia Rota", role=Role.RECEPTION,
                               password="a-long-password-1", actor=office.admin)
    office.sync()
    office.db.dispose()
    desk = make_desk(tmp_path / "R5.sqlite", "R5", hub, roles="reception")
    try:
        whole = dict.fromkeys(synced_fields(Host), "")
        op = {"seq": 1, "table": "host", "row_id": "ab" * 16, "hlc": "01a2326163400003.R9",
              "data": {**whole, "name": "Claimed", "active": 1}, "actor": {"staff_id": str(clerk.id),
                                                                          "role": "reception"}}
        admin_op = {**op, "seq": 2, "row_id": "cd" * 16, "actor": {"staff_id": str(office.admin.staff_id),
                                                                   "role": "admin"}}
        partial = {**op, "seq": 3, "row_id": "ef" * 16, "data": {"phone": "035"}}  # a change to a row never sent
        body = {"schema_version": sync_run.HEAD, "epoch": "R5", "ops": [op, admin_op, partial]}
        answer = httpx.post(f"{hub.url}/v1/push", headers={"Authorization": f"Bearer {desk.token}"}, json=body).json()
        assert [(r["outcome"], r["reason"]) for r in answer["results"]] == [
            ("applied", ""), ("rejected", "role_not_allowed_here"), ("rejected", "incomplete_row")]
        assert hub_rows(hub.db_url, "SELECT row_id FROM hub_record WHERE tbl = 'host'") == [("ab" * 16,)]
        stamps = hub_rows(hub.db_url, "SELECT stamps->>'name' FROM hub_record WHERE row_id = %s", "ab" * 16)
        assert stamps == [("01a2326163400003.R5",)]  # the desk that sent it, whatever the payload said
    finally:
        desk.db.dispose()


def test_a_page_interrupted_half_way_leaves_nothing_applied_and_the_next_run_converges(desks, monkeypatch):
    from frontdesk.sync import apply as apply_step

    a, b = desks
    for n in range(5):
        create_company(a.db, data=CompanyInput(name=f"Interrupted {n}", kind="foreign"), actor=a.admin)
    a.sync()
    before = _state(b)
    real, calls = apply_step._apply_row, []

    def dies_on_the_fourth_row(conn, row, *rest):
        calls.append(row)
        if len(calls) == 4:
            raise RuntimeError("the desk was switched off")
        return real(conn, row, *rest)

    monkeypatch.setattr(apply_step, "_apply_row", dies_on_the_fourth_row)
    with pytest.raises(RuntimeError):
        b.sync()
    assert _state(b)[1] == before[1]  # the watermark did not move
    conn = sqlite3.connect(b.path)
    assert conn.execute("SELECT count(*) FROM company").fetchone() == (0,)  # nor did any row of the page
    conn.close()
    monkeypatch.setattr(apply_step, "_apply_row", real)
    report = b.sync()
    assert report.differences == {} and report.waiting == 0
    assert sorted(c.name for c in search_companies(b.db, query="interrupted")) == [f"Interrupted {n}" for n in range(5)]
