"""Opening the desk database: pragmas, migrations equal to the models, triggers, bad files."""

import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text

from frontdesk.db.migrate import head_revision, migrate, open_database
from frontdesk.db.models import Base
from frontdesk.db.triggers import TRIGGERS
from frontdesk.domain.errors import DatabaseProblem
from frontdesk.services.desk.setup import init_desk, open_desk


def test_migrated_schema_equals_the_models(db_path):
    engine = create_engine(f"sqlite:///{db_path}")
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    engine.dispose()
    assert diff == []


def test_every_trigger_exists_at_head(db_path):
    conn = sqlite3.connect(db_path)
    names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
    conn.close()
    assert set(TRIGGERS) <= names


def test_every_connection_has_the_pragmas(db):
    for engine in (db.engine, db.read_engine):
        with engine.connect() as conn:
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
            assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 5000


def test_audit_table_is_append_only(db, admin):
    from frontdesk.services.registry.hosts import create_host

    create_host(db, name="Giulia Rota", actor=admin)
    conn = db.raw()
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE audit_event SET action='x'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM audit_event")
    conn.close()


def test_a_file_that_is_not_a_database_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_bytes(b"this is a shopping list, not a database\n" * 10)
    before = path.read_bytes()
    with pytest.raises(DatabaseProblem, match="not a front-desk database"):
        init_desk(path, desk="R1")
    with pytest.raises(DatabaseProblem):
        open_desk(path)
    assert path.read_bytes() == before


def test_a_damaged_database_is_refused_before_any_migration(tmp_path):
    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t(x)")
    conn.executemany("INSERT INTO t VALUES (?)", [("x" * 500,)] * 400)
    conn.commit()
    conn.close()
    data = bytearray(path.read_bytes())
    data[4096: 4096 + 12] = b"\x07" * 12  # corrupt the b-tree header of the second page
    path.write_bytes(bytes(data))
    with pytest.raises(DatabaseProblem):
        migrate(path, copies_dir=tmp_path / "copies")
    assert path.read_bytes() == bytes(data)


def test_a_database_from_a_newer_app_is_refused(db_path):
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE alembic_version SET version_num='9999_future'")
    conn.commit()
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(DatabaseProblem, match="newer version"):
        open_desk(db_path)
    assert db_path.read_bytes() == before


def test_upgrade_takes_a_consistent_copy_first(tmp_path):
    path = tmp_path / "desk.sqlite"
    init_desk(path, desk="R1")
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM alembic_version")  # pretend an older app wrote it: no revision yet
    conn.commit()
    conn.close()
    # A file with tables but no revision is treated as needing migration: a copy is kept first.
    # Re-running 0001 on existing tables fails, and the copy must exist and the file stay intact.
    copies = tmp_path / "copies"
    with pytest.raises(Exception):  # noqa: B017 - the upgrade itself fails on existing tables
        migrate(path, copies_dir=copies)
    kept = list(copies.glob("before-*.sqlite"))
    assert len(kept) == 1 and sqlite3.connect(kept[0]).execute("PRAGMA quick_check").fetchone() == ("ok",)


def test_new_database_is_at_head(tmp_path):
    db = open_database(tmp_path / "x.sqlite", desk="R1")
    conn = sqlite3.connect(tmp_path / "x.sqlite")
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head_revision()
    conn.close()
    db.dispose()


def test_init_refuses_a_bad_desk_code_and_a_different_desk_after_numbers(tmp_path, db_path, db, admin):
    from frontdesk.domain.errors import ValidationError
    from frontdesk.services.reception.visits import check_in_new_visitor
    from frontdesk.services.registry.visitors import VisitorInput

    with pytest.raises(ValidationError):
        init_desk(tmp_path / "y.sqlite", desk="reception one")
    check_in_new_visitor(db, visitor=VisitorInput(first_name="Anna", last_name="Bianchi"),
                         service_code="meeting", host_id=None, privacy_notice_shown=True, actor=admin)
    with pytest.raises(ValidationError, match="belongs to desk R1"):
        init_desk(db_path, desk="R2")
    assert init_desk(db_path, desk="r1").desk == "R1"  # re-running init on the same desk is fine


def test_head_constant_matches_the_migrations():
    from frontdesk.db.migrate import HEAD

    assert head_revision() == HEAD


def test_opening_a_current_database_does_not_import_alembic(db_path):
    import subprocess
    import sys

    code = ("import sys; from frontdesk.services.desk.setup import open_desk; "
            f"open_desk({str(db_path)!r}); print('alembic' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_the_tests_copy_of_a_new_desk_is_what_init_makes(tmp_path, db_path):
    """tests/desk_template.py copies one initialised file per test process: the copy has the same
    schema, the same rows in every table, the same journal mode and passes its check."""
    made = tmp_path / "made.sqlite"
    init_desk(made, desk="R1")

    def portrait(path):
        conn = sqlite3.connect(path)
        try:
            schema = sorted(conn.execute("SELECT type, name, sql FROM sqlite_master"))
            counts = {name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
                      for (kind, name, _sql) in schema if kind == "table"}
            mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
            check = conn.execute("PRAGMA integrity_check").fetchone()[0]
            return schema, counts, mode, check
        finally:
            conn.close()

    assert portrait(db_path) == portrait(made)
    assert portrait(db_path)[3] == "ok"
