"""Opening the desk database: checks, the pre-migration copy, and Alembic upgrades.

The copy taken before a migration goes to `<data>/pre-migration/`, apart from the backup
rotation, so no rotation ever deletes it. Alembic (about 200 ms to import) is imported only when
a migration is due: a file already at `HEAD` opens with one plain query.

Checks read through read-only connections (db.file_access), so a file on a read-only drive is
read, not reported as damaged; only SQLite's "malformed"/"not a database" answers mean damage.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.exc import DBAPIError

from frontdesk.db import file_access
from frontdesk.db.engine import Database, check_file_is_sqlite
from frontdesk.domain.errors import DatabaseProblem, StorageProblem
from frontdesk.i18n import _
from frontdesk.private_files import narrow_database_files, private_dir, private_file

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
HEAD = "0013"  # the newest migration's revision; a test checks it equals Alembic's head


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
        conn = file_access.connect_for_reading(path)
        try:
            has_table = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'").fetchone()
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone() if has_table else None
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        problem = None if file_access.is_damage(exc) else file_access.explain(exc, path)
        if problem is not None:  # read-only folder, busy, cannot open: not damage
            raise problem from exc
        raise DatabaseProblem(
            _("The database file {name} is damaged or is not a database. Nothing was changed.").format(
                name=path.name)
        ) from exc
    return row[0] if row else None


def quick_check(path: Path) -> bool:
    """PRAGMA quick_check through a read-only connection: True when the file is sound, False when
    it is damaged. A file that cannot be read for another reason (busy, cannot be opened) raises
    the project error that says so, rather than being called damaged."""
    try:
        conn = file_access.connect_for_reading(path)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        problem = None if file_access.is_damage(exc) else file_access.explain(exc, path)
        if problem is not None:
            raise problem from exc
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


def migrate(path: Path, *, copies_dir: Path, create: bool = True) -> str | None:
    """Bring the file to the head revision. Returns the path of the pre-migration copy, if one was made.

    Refuses a file from a newer app and a damaged file (checked before any change), and, without
    `create`, a file that is not a front-desk database yet (no schema revision).
    """
    current = current_revision(path)
    if current == HEAD:
        return None
    if current is None and not create:
        raise DatabaseProblem(
            _("The file {name} is not a front-desk database. Nothing was changed.").format(name=path.name))
    from alembic import command

    head = head_revision()
    if current is not None and current not in known_revisions():
        raise DatabaseProblem(
            _("This database was written by a newer version of the app. Update the app; "
              "nothing was changed.")
        )
    has_data = path.exists() and path.stat().st_size > 0
    cannot_write = file_access.write_problem(path)
    if cannot_write is not None and not has_data:
        raise StorageProblem(cannot_write())
    if cannot_write is not None:
        raise StorageProblem(
            _("This database was made by an older version of the app and must be upgraded, but it cannot be "
              "written to. Ask support to make it writable, then start the app again; nothing was changed."))
    copy = None
    if current is not None or has_data:
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
    except (DBAPIError, sqlite3.Error) as exc:
        problem = file_access.explain(exc, path)
        if problem is None:
            raise
        raise problem from exc
    finally:
        engine.dispose()
    return str(copy) if copy else None


def open_database(path: Path, *, desk: str = "", copies_dir: Path | None = None, check: bool = True,
                  create: bool = True) -> Database:
    """Check, migrate (after a consistent copy) and open the desk database.

    With `check` (the command line, init, restore) the file's quick_check runs first and a damaged
    file is refused. Without it (the app's start-up, where it would cost ~0.4 s on a large file),
    writes stay held until the caller's background integrity check passes (`Database.mark_checked`).
    Without `create`, a file that is not a front-desk database yet is refused, unchanged.
    """
    path = Path(path)
    check_file_is_sqlite(path)
    if create:
        with contextlib.suppress(OSError):  # a folder that cannot be written: migrate() says so plainly
            private_dir(path.parent, narrow_existing=False)  # a folder the user chose keeps its mode
    if path.exists():
        narrow_database_files(path)
    elif create:
        with contextlib.suppress(OSError):
            private_file(path)  # 0600 before SQLite opens it: its -wal and -shm take the same mode
    copy = migrate(path, copies_dir=copies_dir or path.parent / "pre-migration", create=create)
    if check and copy is None and not quick_check(path):  # a migration's copy came after its own check
        raise DatabaseProblem(file_access.damaged_message())
    db = Database(path, desk=desk)
    if check:
        db.mark_checked(True)
    return db
