"""The desk's outbox (db.outbox triggers) and the apply step (sync.apply), on real SQLite files:
every synced write is queued with its changed fields and its actor, desk-only data never is,
applying pulled rows queues nothing, and the triggers survive every migration."""

from __future__ import annotations

import json
import sqlite3
import uuid

import pytest
from alembic import command
from sqlalchemy import create_engine

from frontdesk.db.migrate import HEAD, alembic_config, current_revision, open_database
from frontdesk.db.outbox import sync_triggers
from frontdesk.domain import hlc
from frontdesk.domain.errors import PermissionDenied
from frontdesk.domain.ids import reference_id
from frontdesk.services.desk.settings import update_settings
from frontdesk.services.registry.companies import CompanyInput, create_company, update_company
from frontdesk.services.registry.visitors import search_visitors
from frontdesk.services.staff import accounts as staff
from frontdesk.sync import outbox
from frontdesk.sync.apply import apply_page, read_cursor


def _outbox(path) -> list[dict]:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT seq, table_name, row_id, kind, hlc, fields, data, actor FROM sync_outbox "
                            "ORDER BY seq").fetchall()
    finally:
        conn.close()
    return [{"seq": r[0], "table": r[1], "row_id": r[2], "kind": r[3], "hlc": r[4], "fields": json.loads(r[5]),
             "data": json.loads(r[6]), "actor": json.loads(r[7]) if r[7] else None} for r in rows]


def _clear_outbox(path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM sync_outbox")
    conn.commit()
    conn.close()


def test_a_write_is_queued_with_its_changed_fields_and_its_actor(db, db_path, admin):
    _clear_outbox(db_path)
    company = create_company(db, data=CompanyInput(name="Acme", kind="foreign", city="Lyon"), actor=admin)
    update_company(db, company_id=company.id, data=CompanyInput(name="Acme", kind="foreign", city="Paris"),
                   actor=admin)
    queued = _outbox(db_path)
    companies = [op for op in queued if op["table"] == "company"]
    assert [op["kind"] for op in companies] == ["insert", "update"]
    assert {op["row_id"] for op in companies} == {company.id.hex}
    assert "city" in companies[1]["fields"] and "name" not in companies[1]["fields"]
    assert companies[1]["data"]["city"] == "Paris"
    assert companies[0]["hlc"] < companies[1]["hlc"] and companies[1]["hlc"].endswith(".R1")
    assert {op["table"] for op in queued} == {"company", "audit_event"}
    expected_actor = {"staff_id": str(admin.staff_id), "role": "admin"}
    assert all(op["actor"] == expected_actor for op in queued)


def test_desk_only_data_is_never_queued(db, db_path, admin):
    _clear_outbox(db_path)
    update_settings(db, changes={"printers": {"badge": "Zebra"}, "backup_folder": "/tmp/x", "language": "en",
                                 "hub_url": "https://hub.example"}, actor=admin)
    assert {op["table"] for op in _outbox(db_path)} <= {"audit_event"}


def test_site_settings_are_queued_one_row_per_key_and_desk_settings_stay_in_the_desk_table(db, db_path, admin):
    _clear_outbox(db_path)
    update_settings(db, changes={"retention_visitor_months": 36, "printers": {"badge": "Zebra"}}, actor=admin)
    queued = [op for op in _outbox(db_path) if op["table"] == "site_setting"]
    assert [(op["row_id"], op["data"]["key"], op["data"]["value"]) for op in queued] == [
        (reference_id("site_setting", "retention_visitor_months").hex, "retention_visitor_months", "36")]
    assert queued[0]["actor"] == {"staff_id": str(admin.staff_id), "role": "admin"}
    conn = sqlite3.connect(db_path)
    try:
        desk_keys = {k for (k,) in conn.execute("SELECT key FROM setting")}
        site_keys = {k for (k,) in conn.execute("SELECT key FROM site_setting")}
    finally:
        conn.close()
    assert {"printers", "desk_code"} <= desk_keys and "retention_visitor_months" not in desk_keys
    assert site_keys == {"retention_visitor_months"}


def test_an_account_is_queued_without_its_failed_sign_ins_and_a_lock_queues_nothing(db, db_path, admin):
    _clear_outbox(db_path)
    staff.create_staff(db, username="giulia", display_name="Giulia Rota", role="reception",
                       password="a-long-password-1", actor=admin)
    accounts = [op for op in _outbox(db_path) if op["table"] == "staff_member"]
    assert [op["data"]["username"] for op in accounts] == ["giulia"]
    assert not {"failed_attempts", "locked_until"} & set(accounts[0]["data"])
    _clear_outbox(db_path)
    for _attempt in range(staff.POLICY.slow_after):
        with pytest.raises(PermissionDenied):
            staff.sign_in(db, username="giulia", password="wrong-password")
    conn = sqlite3.connect(db_path)
    try:
        locked = conn.execute("SELECT failed_attempts, locked_until FROM staff_member WHERE username = 'giulia'"
                              ).fetchone()
    finally:
        conn.close()
    assert locked[0] == staff.POLICY.slow_after and locked[1] is not None  # locked for a while
    conn = sqlite3.connect(db_path)
    try:
        stamped = conn.execute("SELECT updated_at, updated_desk FROM staff_member WHERE username = 'giulia'"
                               ).fetchone()
        queued_at = accounts[0]["data"]["updated_at"]
    finally:
        conn.close()
    assert stamped[0] == queued_at  # a lock is not a change of the account: the desk equals the hub
    assert {op["table"] for op in _outbox(db_path)} <= {"audit_event"}


def _page_row(table: str, row_id: str, data: dict, stamp: str) -> dict:
    return {"table": table, "row_id": row_id, "data": data, "stamps": dict.fromkeys(data, stamp)}


def test_pulled_rows_are_applied_without_being_queued_and_are_found_at_once(db, db_path):
    _clear_outbox(db_path)
    visitor_id = uuid.uuid4().hex
    stamp = hlc.stamp(hlc.logical_value(1_900_000_000_000), "R2")
    data = {"first_name": "Gianmaria", "last_name": "Testa", "email": "", "phone": "", "search_key": "gianmaria testa",
            "company_id": None, "last_visit_at": "2026-12-01 09:00:00.000000", "privacy_notice_version": "2026-01",
            "privacy_ack_at": None, "newsletter_consent": 0, "anonymised_at": None,
            "created_at": "2026-12-01 09:00:00.000000", "updated_at": "2026-12-01 09:00:00.000000",
            "created_desk": "R2", "updated_desk": "R2"}
    cursor = {"txid": 7, "tbl": "visitor", "row_id": visitor_id}
    assert apply_page(db, rows=[_page_row("visitor", visitor_id, data, stamp)], cursor=cursor) == 1
    assert _outbox(db_path) == []
    assert [v.last_name for v in search_visitors(db, query="gianm tes")] == ["Testa"]
    assert read_cursor(db) == cursor
    # the clock moved past the stamp received: the next local change outranks it
    conn = sqlite3.connect(db_path)
    clock = conn.execute("SELECT number FROM sync_state WHERE key = 'clock'").fetchone()[0]
    conn.close()
    assert clock >= hlc.value_of(stamp)
    # the same page again changes nothing
    assert apply_page(db, rows=[_page_row("visitor", visitor_id, data, stamp)], cursor=cursor) == 0


def test_a_change_still_waiting_here_beats_an_older_pulled_value(db, db_path, admin):
    company = create_company(db, data=CompanyInput(name="Acme", kind="foreign", city="Lyon"), actor=admin)
    _clear_outbox(db_path)  # the creation was pushed; the change of city was not
    update_company(db, company_id=company.id, data=CompanyInput(name="Acme", kind="foreign", city="Paris"),
                   actor=admin)
    older = hlc.stamp(hlc.logical_value(1_000_000_000_000), "R2")
    newer = hlc.stamp(hlc.logical_value(4_000_000_000_000), "R2")
    apply_page(db, rows=[_page_row("company", company.id.hex, {"city": "Milano", "phone": "035"}, older)],
               cursor={"txid": 1, "tbl": "", "row_id": ""})
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT city, phone FROM company WHERE id = ?", (company.id.hex,)).fetchone() == (
        "Paris", "035")  # city: ours is newer and not yet pushed; phone: nobody here changed it
    conn.close()
    apply_page(db, rows=[_page_row("company", company.id.hex, {"city": "Roma"}, newer)],
               cursor={"txid": 2, "tbl": "", "row_id": ""})
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT city FROM company WHERE id = ?", (company.id.hex,)).fetchone() == ("Roma",)
    conn.close()


def test_the_outbox_reader_sends_only_the_changed_fields(db, db_path, admin):
    _clear_outbox(db_path)
    company = create_company(db, data=CompanyInput(name="Acme", kind="foreign"), actor=admin)
    update_company(db, company_id=company.id, data=CompanyInput(name="Acme", kind="foreign", phone="035 1"),
                   actor=admin)
    ops = [op for op in outbox.pending(db, limit=10) if op.table == "company"]
    assert "name" in ops[0].data and set(ops[1].data) >= {"phone"} and "name" not in ops[1].data


def test_triggers_survive_every_migration_and_existing_rows_are_queued_once(tmp_path):
    path = tmp_path / "old.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    old_association = uuid.uuid4().hex
    with engine.begin() as conn:  # a desk made by an app at revision 0001, with a company in it
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        stamp_cols = "created_at, updated_at, created_desk, updated_desk, hlc"
        now = "'2026-11-30 10:00:00.000000', '2026-11-30 10:00:00.000000', 'R1', 'R1', ''"
        conn.exec_driver_sql(f"INSERT INTO association (id, code, name, sort, {stamp_cols}) "
                             f"VALUES ('{old_association}', 'cna', 'CNA', 1, {now})")
        conn.exec_driver_sql(
            f"INSERT INTO company (id, name, name_key, search_key, kind, vat_number, fiscal_code, sdi_code, pec, "
            f"address, city, email, phone, notes, association_id, {stamp_cols}) VALUES "
            f"('{'c' * 32}', 'Old Srl', 'old srl', 'old srl', 'foreign', '', '', '', '', '', '', '', '', '', "
            f"'{old_association}', {now})")
    engine.dispose()
    db = open_database(path, desk="R1")
    db.dispose()
    assert current_revision(path) == HEAD
    conn = sqlite3.connect(path)
    try:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
        assert set(sync_triggers()) <= names
        new_association = reference_id("association", "cna").hex
        assert conn.execute("SELECT association_id FROM company").fetchone() == (new_association,)
        queued = conn.execute("SELECT table_name, row_id, kind, actor FROM sync_outbox ORDER BY seq").fetchall()
        assert queued == [("association", new_association, "insert", "{}"), ("company", "c" * 32, "insert", "{}")]
    finally:
        conn.close()


def test_a_sequence_number_is_never_used_twice_even_after_the_outbox_empties(db, db_path, admin):
    create_company(db, data=CompanyInput(name="Acme", kind="foreign"), actor=admin)
    highest = max(op["seq"] for op in _outbox(db_path))
    _clear_outbox(db_path)
    create_company(db, data=CompanyInput(name="Beta", kind="foreign"), actor=admin)
    assert min(op["seq"] for op in _outbox(db_path)) > highest


def test_a_demo_database_upgraded_queues_none_of_its_rows(tmp_path):
    path = tmp_path / "demo.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002")
        conn.exec_driver_sql("INSERT INTO setting (key, value) VALUES ('is_demo', 'true')")
        conn.exec_driver_sql(
            "INSERT INTO host (id, name, organisation, email, phone, active, created_at, updated_at, created_desk, "
            "updated_desk, hlc) VALUES ('" + "d" * 32 + "', 'Demo Host', '', '', '', 1, '2026-11-30 10:00:00.000000', "
            "'2026-11-30 10:00:00.000000', 'R1', 'R1', '')")
    engine.dispose()
    open_database(path, desk="R1").dispose()
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT count(*) FROM sync_outbox").fetchone() == (0,)
    finally:
        conn.close()


def test_upgrading_to_0004_moves_site_settings_and_queues_accounts_as_the_first_admins(tmp_path):
    path = tmp_path / "old.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    admin_id = uuid.uuid4()
    with engine.begin() as conn:  # a desk made by an app at revision 0003: site and desk settings in `setting`
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0003")
        conn.exec_driver_sql("INSERT INTO setting (key, value) VALUES ('desk_code', '\"R1\"'), "
                             "('retention_visitor_months', '36'), ('printers', '{\"badge\": \"Zebra\"}')")
        stamps = "'2026-11-30 10:00:00.000000', '2026-11-30 10:00:00.000000', 'R1', 'R1', ''"
        conn.exec_driver_sql(
            "INSERT INTO staff_member (id, username, display_name, role, password_hash, active, failed_attempts, "
            f"locked_until, created_at, updated_at, created_desk, updated_desk, hlc) VALUES "
            f"('{admin_id.hex}', 'admin', 'Amministratore', 'admin', 'hash', 1, 2, NULL, {stamps})")
        conn.exec_driver_sql("DELETE FROM sync_outbox")
    engine.dispose()
    db = open_database(path, desk="R1")
    db.dispose()
    conn = sqlite3.connect(path)
    try:
        assert {k for (k,) in conn.execute("SELECT key FROM setting")} == {"desk_code", "printers"}
        assert conn.execute("SELECT id, key, value FROM site_setting").fetchall() == [
            (reference_id("site_setting", "retention_visitor_months").hex, "retention_visitor_months", "36")]
        queued = conn.execute("SELECT table_name, data, actor FROM sync_outbox ORDER BY seq").fetchall()
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
    finally:
        conn.close()
    assert [t for t, _d, _a in queued] == ["site_setting", "staff_member"]
    account = json.loads(queued[1][1])
    assert account["username"] == "admin" and "failed_attempts" not in account
    assert {json.loads(a)["staff_id"] for _t, _d, a in queued} == {str(admin_id)}
    assert {"sync_staff_member_update", "sync_site_setting_insert"} <= names
