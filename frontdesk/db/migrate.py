"""Opening the desk database: checks, the pre-migration copy, and Alembic upgrades.

The copy taken before a migration goes to `<data>/pre-migration/`, apart from the backup
rotation, so no rotation ever deletes it. Alembic (about 200 ms to import) is imported only when
a migration is due: a file already at `HEAD` opens with one plain query.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from sqlalchemy import create_engine

from frontdesk.db.engine import Database, check_file_is_sqlite
from frontdesk.domain.errors import DatabaseProblem
from frontdesk.i18n import _
from frontdesk.private_files import narrow_database_files, private_dir, private_file

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
HEAD = "0002"  # the newest migration's revision; a test checks it equals Alembic's head


def alembic_config():
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head() or ""


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def current_revision(path: Path) -> str | None:
    """The file's Alembic revision; None for a new (empty) file or one without Alembic's table."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    check_file_is_sqlite(path)
    try:
        conn = sqlite3.connect(path, timeout=5)
        try:
            has_table = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'").fetchone()
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone() if has_table else None
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:  # file is not a database / malformed
        raise DatabaseProblem(
            _("The database file {name} is damaged or is not a database. Nothing was changed.").format(
                name=path.name)
        ) from exc
    return row[0] if row else None


def quick_check(path: Path) -> bool:
    """PRAGMA quick_check: True when the file is sound."""
    try:
        conn = sqlite3.connect(path, timeout=5)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False
    return rows == [("ok",)]


def consistent_copy(source: Path, target: Path) -> Path:
    """Copy a live database with the SQLite backup API (consistent even while it is written) into
    a private file (0600) in a private folder (0700)."""
    private_dir(target.parent)
    private_file(target)
    src = sqlite3.connect(source, timeout=5)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return target


def migrate(path: Path, *, copies_dir: Path) -> str | None:
    """Bring the file to the head revision. Returns the path of the pre-migration copy, if one was made.

    Refuses a file from a newer app and a damaged file (checked before any change).
    """
    current = current_revision(path)
    if current == HEAD:
        return None
    from alembic import command

    head = head_revision()
    if current is not None and current not in known_revisions():
        raise DatabaseProblem(
            _("This database was written by a newer version of the app. Update the app; "
              "nothing was changed.")
        )
    copy = None
    if current is not None or (path.exists() and path.stat().st_size > 0):
        if not quick_check(path):
            raise DatabaseProblem(
                _("The database file is damaged. Nothing was changed: restore the newest good backup.")
            )
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        copy = consistent_copy(path, copies_dir / f"before-{head}-{stamp}.sqlite")
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.begin() as conn:
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    finally:
        engine.dispose()
    return str(copy) if copy else None


def open_database(path: Path, *, desk: str = "", copies_dir: Path | None = None) -> Database:
    """Check, migrate (after a consistent copy) and open the desk database."""
    path = Path(path)
    check_file_is_sqlite(path)
    private_dir(path.parent, narrow_existing=False)  # a folder the user chose keeps its mode
    if path.exists():
        narrow_database_files(path)
    else:
        private_file(path)  # 0600 before SQLite opens it: its -wal and -shm take the same mode
    migrate(path, copies_dir=copies_dir or path.parent / "pre-migration")
    return Database(path, desk=desk)
