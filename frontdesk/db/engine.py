"""The desk's SQLite engine: pragmas on every connection, the `Database` handle, opening checks.

`Database.begin()` is the one way to get a session (services, sync and hub only). Opening
refuses a file that is not SQLite, is damaged, or was written by a newer app.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.db.models import Synced
from frontdesk.domain.clock import utcnow
from frontdesk.domain.errors import DatabaseProblem
from frontdesk.i18n import _

SQLITE_HEADER = b"SQLite format 3\x00"
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


def make_engine(path: Path, *, writer: bool) -> Engine:
    """An engine whose transactions we begin ourselves: IMMEDIATE for writers, so a write never
    fails half-way on a lock another process took after our first read; deferred for readers."""
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": 5})
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "connect", _disable_pysqlite_transactions)
    begin = "BEGIN IMMEDIATE" if writer else "BEGIN"
    event.listen(engine, "begin", lambda conn: conn.exec_driver_sql(begin))
    return engine


def _disable_pysqlite_transactions(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None


class Database:
    """A handle on the desk's database file: engine, sessions, and the desk code for stamping rows."""

    def __init__(self, path: Path, *, desk: str = "") -> None:
        self.path = Path(path)
        check_file_is_sqlite(self.path)
        self.engine = make_engine(self.path, writer=True)
        self.read_engine = make_engine(self.path, writer=False)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._read_sessions = sessionmaker(self.read_engine)
        self.desk = desk
        self.writes_held: str | None = None  # a reason, while the integrity check has not passed

    @contextmanager
    def begin(self) -> Iterator[Session]:
        """One transaction: commits when the block ends, rolls back on any exception."""
        if self.writes_held:
            raise DatabaseProblem(self.writes_held)
        with self._sessions() as session, session.begin():
            session.info["desk"] = self.desk
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only session (rolled back at the end)."""
        with self._read_sessions() as session:
            session.info["desk"] = self.desk
            try:
                yield session
            finally:
                session.rollback()

    def raw(self) -> sqlite3.Connection:
        """A plain sqlite3 connection with the same pragmas (backups, integrity checks)."""
        conn = sqlite3.connect(self.path, timeout=5)
        _on_connect(conn, None)
        return conn

    def dispose(self) -> None:
        self.engine.dispose()
        self.read_engine.dispose()


@event.listens_for(Session, "before_flush")
def _stamp_desk(session: Session, _context, _instances) -> None:
    desk = session.info.get("desk", "")
    for obj in session.new:
        if isinstance(obj, Synced):
            obj.created_desk = obj.created_desk or desk
            obj.updated_desk = desk
    for obj in session.dirty:
        if isinstance(obj, Synced) and session.is_modified(obj):
            obj.updated_desk = desk
            obj.updated_at = utcnow()
