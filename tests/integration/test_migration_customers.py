"""Migration 0011 (what a receipt needs of its customer) on a desk file made at revision 0010: every
company keeps what it had; Italian companies and people are in Italy, foreign ones have no country
yet; the postcode and the province are read from the old address only where unambiguous; nothing is
queued for sync by the migration, and the rebuilt triggers queue the new columns."""

import sqlite3

from alembic import command
from sqlalchemy import create_engine

from frontdesk.db.checksums import sum_triggers
from frontdesk.db.migrate import HEAD, alembic_config, migrate
from frontdesk.db.models import Company
from frontdesk.db.outbox import sync_triggers

STAMPS = {"created_at": "2026-01-01", "updated_at": "2026-01-01", "created_desk": "R1", "updated_desk": "R1",
          "hlc": ""}
EMPTY = dict.fromkeys(("vat_number", "fiscal_code", "sdi_code", "pec", "email", "phone", "notes", "search_key"), "")
OLD = [  # (id, name, kind, address, city)
    (1, "Rota Meccanica S.r.l.", "it", "Via Roma 5, 24044 Dalmine (BG)", "Dalmine"),
    (2, "Fonderia Orobica", "it", "Via Serio 3", "24068 Seriate (bg)"),
    (3, "Officine Brembo", "it", "Via Milano 1", "Treviglio (BG)"),
    (4, "Due Sedi S.p.A.", "it", "Via Roma 5, 24044 Dalmine (BG), uffici 20121 Milano (MI)", ""),
    (5, "Mario Rossi", "private", "Via Garibaldi 3", "24121 Bergamo"),
    (6, "Müller GmbH", "foreign", "Industriestraße 4, 80331 München", "München (BY)"),
    (7, "Senza Indirizzo", "it", "", ""),
]


def _id(n: int) -> str:
    return f"{n:032x}"


def _desk_at_0010(tmp_path):
    path = tmp_path / "old.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0010")
    engine.dispose()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO sync_apply (id) VALUES (1)")  # rows as if pulled: nothing queued
    for n, name, kind, address, city in OLD:
        row = {**STAMPS, **EMPTY, "id": _id(n), "name": name, "name_key": name.lower(), "kind": kind,
               "address": address, "city": city}
        conn.execute(f"INSERT INTO company ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                     tuple(row.values()))
    conn.execute("DELETE FROM sync_apply")
    conn.commit()
    conn.close()
    return path


def test_companies_migrate_without_loss_and_gain_what_can_be_read(tmp_path):
    path = _desk_at_0010(tmp_path)
    migrate(path, copies_dir=tmp_path / "copies")
    conn = sqlite3.connect(path)
    rows = {int(r[0], 16): r[1:] for r in conn.execute(
        "SELECT id, name, kind, address, city, postcode, province, country, first_name, last_name FROM company")}
    for n, name, kind, address, city in OLD:  # nothing lost
        assert rows[n][:4] == (name, kind, address, city)
    assert {n: r[4:7] for n, r in rows.items()} == {
        1: ("24044", "BG", "IT"),
        2: ("24068", "BG", "IT"),
        3: ("", "BG", "IT"),  # no postcode written
        4: ("", "", "IT"),  # two of each: no guess
        5: ("24121", "", "IT"),
        6: ("", "", ""),  # a foreign company's country was never recorded; its address is not read
        7: ("", "", "IT"),
    }
    assert {r[7:] for r in rows.values()} == {("", "")}  # first and last name: the person types them
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (HEAD,)
    assert conn.execute("SELECT count(*) FROM sync_outbox").fetchone() == (0,)  # the fill is not sent
    conn.execute("UPDATE company SET postcode = '24047', province = 'BG' WHERE id = ?", (_id(3),))
    data, fields = conn.execute("SELECT data, fields FROM sync_outbox WHERE table_name = 'company'").fetchone()
    assert '"postcode":"24047"' in data and '"country":"IT"' in data and "postcode" in fields
    triggers = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                                 "AND tbl_name = 'company'")}
    conn.close()
    assert triggers == set(sync_triggers((Company,))) | {n for n in sum_triggers((Company,)) if "company" in n}


def test_the_migration_goes_down_and_up_again(tmp_path):
    path = _desk_at_0010(tmp_path)
    migrate(path, copies_dir=tmp_path / "copies")
    engine = create_engine(f"sqlite:///{path}")
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0010")
    engine.dispose()
    conn = sqlite3.connect(path)
    columns = {row[1] for row in conn.execute("PRAGMA table_info(company)")}
    assert not {"postcode", "province", "country", "first_name", "last_name"} & columns
    assert conn.execute("SELECT count(*) FROM company").fetchone() == (len(OLD),)
    conn.close()
    migrate(path, copies_dir=tmp_path / "copies")
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT postcode, province FROM company WHERE id = ?", (_id(1),)).fetchone() == ("24044",
                                                                                                       "BG")
    conn.close()
