"""Migration 0009 (the lab's runs, results, raw files, reports): an existing file keeps its tests,
in their first round, and every synced table's triggers at head carry exactly its columns."""

import sqlite3

from alembic import command
from sqlalchemy import create_engine

from frontdesk.db.migrate import alembic_config, migrate
from frontdesk.db.outbox import sync_triggers


def _normalised(sql: str) -> str:
    return " ".join(sql.replace("IF NOT EXISTS ", "").split())


def test_the_sync_triggers_at_head_are_those_the_models_make(db_path):
    conn = sqlite3.connect(db_path)
    have = dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"))
    conn.close()
    wanted = sync_triggers()
    assert {name for name in wanted if _normalised(have.get(name, "")) != _normalised(wanted[name])} == set()


def _id(n: int) -> str:
    return f"{n:032x}"


STAMPS = {"created_at": "2026-01-01", "updated_at": "2026-01-01", "created_desk": "R1", "updated_desk": "R1",
          "hlc": ""}
TEXTS = dict.fromkeys(("vat_number", "fiscal_code", "sdi_code", "pec", "address", "city", "email", "phone",
                       "notes", "search_key"), "")
ROWS = (
    ("company", {"id": _id(1), "name": "Acme", "name_key": "acme", "kind": "it", **TEXTS}),
    ("lab_test_type", {"id": _id(2), "code": "HB", "name_it": "Brinell", "name_en": "Brinell", "standard": "",
                       "method": "", "accredited": 1, "equipment_kind": "hardness", "duration_min": 10, "prep_min": 0,
                       "price_cents": 0, "member_price_cents": 0, "vat_rate": "22", "result_fields": "[]",
                       "conditions": "[]", "active": 1, "sort": 0}),
    ("lab_request", {"id": _id(3), "number": "R1-000001", "company_id": _id(1), "contact_name": "",
                     "contact_email": "", "contact_phone": "", "received_at": "2026-01-01", "received_by_name": "",
                     "priority": "normal", "conformity": 0, "specification": "", "decision_rule": "", "agreed_by": "",
                     "member_prices": 0, "notes": "", "status": "open", "cancel_reason": ""}),
    ("lab_sample", {"id": _id(4), "lab_id": "R1-000001", "request_id": _id(3), "position": 1, "material": "",
                    "description": "", "condition": "", "deviations": "", "customer_answer": "", "customer_info": "",
                    "label_token": "", "received_at": "2026-01-01"}),
    ("lab_test", {"id": _id(5), "sample_id": _id(4), "test_type_id": _id(2), "parameters": "{}",
                  "price_cents": 1000, "vat_rate": "22", "status": "completed", "cancel_reason": ""}),
)


def test_a_file_at_0008_keeps_its_tests_in_their_first_round(tmp_path):
    path = tmp_path / "old.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0008")
    engine.dispose()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO sync_apply (id) VALUES (1)")
    for table, row in ROWS:
        row = {**STAMPS, **row}
        marks = ", ".join("?" * len(row))
        conn.execute(f"INSERT INTO {table} ({', '.join(row)}) VALUES ({marks})", tuple(row.values()))
    conn.execute("DELETE FROM sync_apply")
    conn.commit()
    conn.close()
    migrate(path, copies_dir=tmp_path / "copies")
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT status, round, paused, subcontracted FROM lab_test").fetchall() == [
        ("completed", 1, 0, 0)]
    assert conn.execute("SELECT report_language FROM company").fetchall() == [("it",)]
    assert conn.execute("SELECT stage FROM lab_test").fetchall() == [(13,)]  # round 1, completed
    conn.execute("UPDATE lab_test SET paused = 1")  # the rebuilt triggers queue the new column
    assert '"paused":1' in conn.execute("SELECT data FROM sync_outbox WHERE table_name = 'lab_test'").fetchone()[0]
    conn.close()
