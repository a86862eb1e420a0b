"""The desk's SQLite engine: pragmas on every connection, the `Database` handle, opening checks.

`Database.begin()` is the one way to get a session (services, sync and hub only). Opening
refuses a file that is not SQLite, is damaged, or was written by a newer app.

Writes are held (`writes_held` says why) until the file's integrity is known to be good
(`mark_checked`), and for good when the file cannot be written; reads go on. SQLite's
operational errors in a session (read-only, disk full, busy, damaged) come out as project
errors with a plain message (db.file_access). Each writing session notes the tables it changed
(ORM flushes and Core insert/update/delete statements alike) and, once committed, hands them to
`domain.changes`, so the UI announces exactly what a write changed. Imports no Qt.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.pool import QueuePool

from frontdesk.db import file_access
from frontdesk.db.models import Synced
from frontdesk.domain import changes
from frontdesk.domain.clock import utcnow
from frontdesk.domain.errors import DatabaseProblem, FrontdeskError
from frontdesk.i18n import _

SQLITE_HEADER = b"SQLite format 3\x00"
CHANGED_TABLES = "changed_tables"  # Session.info key: the tables this transaction wrote
PRAGMAS = (
    "PRAGMA foreign_keys=ON",
    "PRAGMA journal_mode=WAL",
    "PRAGMA busy_timeout=5000",
    "PRAGMA synchronous=FULL",
    "PRAGMA recursive_triggers=ON",  # a REPLACE's implicit delete fires delete triggers (append-only audit)
)


def _on_connect(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    for pragma in PRAGMAS:
        cursor.execute(pragma)
    busy_ms = file_access.busy_timeout_ms()
    if busy_ms != file_access.DEFAULT_BUSY_TIMEOUT_MS:  # FRONTDESK_BUSY_TIMEOUT_MS (tests, support)
        cursor.execute(f"PRAGMA busy_timeout={busy_ms}")
    cursor.close()


def check_file_is_sqlite(path: Path) -> None:
    """Raise DatabaseProblem if an existing file is not an SQLite database."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as handle:
        header = handle.read(16)
    if header != SQLITE_HEADER:
        raise DatabaseProblem(
            _("The file {name} is not a front-desk database. Nothing was changed.").format(name=path.name)
        )


def make_engine(path: Path, *, writer: bool, read_only: bool = False) -> Engine:
    """An engine whose transactions we begin ourselves: IMMEDIATE for writers, so a write never
    fails half-way on a lock another process took after our first read; deferred for readers.
    `read_only` (a file that cannot be written): connections that can read it even where SQLite
    cannot make its working files (file_access.connect_for_reading)."""
    if read_only:
        engine = create_engine("sqlite://", creator=lambda: file_access.connect_for_reading(path),
                               poolclass=QueuePool)
    else:
        engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": file_access.busy_timeout_ms() / 1000})
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "connect", _disable_pysqlite_transactions)
    begin = "BEGIN IMMEDIATE" if writer else "BEGIN"
    event.listen(engine, "begin", lambda conn: conn.exec_driver_sql(begin))
    return engine


def _disable_pysqlite_transactions(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None


class Database:
    """A handle on the desk's database file: engine, sessions, and the desk code for stamping rows.

    Until `mark_checked(True)` (the integrity check passed) writes are held with a reason; a file
    that cannot be written (`read_only`) stays held whatever the check says."""

    def __init__(self, path: Path, *, desk: str = "") -> None:
        self.path = Path(path)
        check_file_is_sqlite(self.path)
        self.read_only: Callable[[], str] | None = file_access.write_problem(self.path)
        self.engine = make_engine(self.path, writer=True)
        self.read_engine = make_engine(self.path, writer=False, read_only=self.read_only is not None)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._read_sessions = sessionmaker(self.read_engine)
        self.desk = desk
        self._held: str | Callable[[], str] | None = self.read_only or file_access.checking_message

    @property
    def writes_held(self) -> str | None:
        """Why nothing may be written now (in the current language), or None when writes are allowed."""
        held = self._held
        return held() if callable(held) else held

    @writes_held.setter
    def writes_held(self, reason: str | Callable[[], str] | None) -> None:
        self._held = reason

    def hold_for_check(self) -> None:
        """The integrity check starts: hold writes until `mark_checked`."""
        self._held = self.read_only or file_access.checking_message

    def mark_checked(self, sound: bool) -> None:
        """The integrity check's verdict: writes resume when the file is sound (and writable)."""
        self._held = self.read_only if sound else file_access.damaged_message

    @contextmanager
    def begin(self) -> Iterator[Session]:
        """One transaction: commits when the block ends, rolls back on any exception.

        SQLite's operational errors become project errors (read-only, full, busy...); a file found
        damaged here is never written again."""
        if self.writes_held:
            raise DatabaseProblem(self.writes_held)
        try:
            with self._sessions() as session, session.begin():
                session.info["desk"] = self.desk
                session.info[CHANGED_TABLES] = set()
                yield session
        except (DBAPIError, sqlite3.Error) as exc:
            problem = self._explained(exc)
            if problem is None:
                raise
            raise problem from exc
        changes.committed(session.info[CHANGED_TABLES])  # only now: the commit succeeded

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only session (rolled back at the end)."""
        try:
            with self._read_sessions() as session:
                session.info["desk"] = self.desk
                try:
                    yield session
                finally:
                    session.rollback()
        except (DBAPIError, sqlite3.Error) as exc:
            problem = self._explained(exc)
            if problem is None:
                raise
            raise problem from exc

    def _explained(self, exc: BaseException) -> FrontdeskError | None:
        problem = file_access.explain(exc, self.path)
        if problem is not None and file_access.is_damage(exc):
            self._held = file_access.damaged_message
        return problem

    def raw(self) -> sqlite3.Connection:
        """A plain sqlite3 connection with the same pragmas (backups, integrity checks)."""
        conn = sqlite3.connect(self.path, timeout=file_access.busy_timeout_ms() / 1000)
        _on_connect(conn, None)
        return conn

    def dispose(self) -> None:
        self.engine.dispose()
        self.read_engine.dispose()


def _only_local_changes(obj) -> bool:
    local = obj.__sync__.local if hasattr(obj, "__sync__") else frozenset()
    changed = {attr.key for attr in sa_inspect(obj).attrs if attr.history.has_changes()}
    return bool(local) and changed <= local


@event.listens_for(Session, "before_flush")
def _stamp_desk(session: Session, _context, _instances) -> None:
    desk = session.info.get("desk", "")
    for obj in session.new:
        if isinstance(obj, Synced):
            obj.created_desk = obj.created_desk or desk
            obj.updated_desk = desk
    for obj in session.dirty:
        if isinstance(obj, Synced) and session.is_modified(obj):
            if _only_local_changes(obj):  # a failed sign-in, a lock: this desk's own, not a change to sync
                flag_modified(obj, "updated_at")  # written as it is, so its onupdate does not fire
                continue
            obj.updated_desk = desk
            obj.updated_at = utcnow()


def _note_changed(session: Session, table) -> None:
    noted = session.info.get(CHANGED_TABLES)
    if noted is not None and table is not None:
        noted.add(table.name)


@event.listens_for(Session, "after_flush")
def _note_flushed_tables(session: Session, _context) -> None:
    """The tables of the objects this flush inserted, updated or deleted (still listed here)."""
    for obj in (*session.new, *session.deleted):
        _note_changed(session, getattr(obj, "__table__", None))
    for obj in session.dirty:
        if session.is_modified(obj):
            _note_changed(session, getattr(obj, "__table__", None))


@event.listens_for(Session, "do_orm_execute")
def _note_statement_table(state) -> None:
    """Core insert/update/delete statements run through the session (bulk updates, search terms)."""
    if state.is_insert or state.is_update or state.is_delete:
        _note_changed(state.session, getattr(state.statement, "table", None))
