"""The change log, read in commit order: `hub_record` rows by the id of the transaction that last
wrote them.

A bare sequence would skip rows: a transaction that took a lower number can commit after a
higher one was already read. Here a page holds only rows whose transaction id is below the
oldest transaction still running in the hub's database, all of them committed; a row written
later gets a larger id and comes in a later page. The cursor is the last (txid, table, row id)
sent, so pages never overlap and nothing is skipped. A row written again moves forward in the log
(the log holds each row once, at its newest state).

The horizon (_HORIZON) is the oldest of the statement's snapshot's running transactions that are
still running in this database when the statement reads the server's activity (after the
snapshot was taken), else the snapshot's xmax. Transaction ids are the whole server's: the bare
pg_snapshot_xmin would let any write in any other database of the server (another application's
batch, CREATE DATABASE) hold back every desk's pull for as long as it runs (seen in the fault
tests). A transaction of the snapshot no longer listed has ended, so its rows are visible to the
page's query that follows; one of another database never writes here.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, literal, select, text, tuple_
from sqlalchemy.engine import Engine

from frontdesk.hub.models import HubRecord

_XMIN = text("""
    SELECT coalesce(
        (SELECT min(x) FROM pg_snapshot_xip(pg_current_snapshot()) AS x
         WHERE x::text::bigint % 4294967296 IN (
             SELECT backend_xid::text::bigint FROM pg_stat_activity
             WHERE datname = current_database() AND backend_xid IS NOT NULL
             UNION ALL SELECT transaction::text::bigint FROM pg_prepared_xacts WHERE database = current_database())),
        pg_snapshot_xmax(pg_current_snapshot()))::text::bigint""")  # see the module's docstring
EMPTY = {}


@dataclass(frozen=True)
class Cursor:
    txid: int = 0
    tbl: str = ""
    row_id: str = ""


@dataclass(frozen=True)
class Page:
    rows: list[dict[str, object]]
    cursor: Cursor
    more: bool


def pull(engine: Engine, *, after: Cursor, limit: int) -> Page:
    with engine.connect() as conn:
        horizon = conn.execute(_XMIN).scalar_one()
        rows = conn.execute(
            select(HubRecord.tbl, HubRecord.row_id, HubRecord.data, HubRecord.stamps, HubRecord.txid)
            .where(tuple_(HubRecord.txid, HubRecord.tbl, HubRecord.row_id)
                   > tuple_(literal(after.txid), literal(after.tbl), literal(after.row_id)),
                   HubRecord.txid < horizon, HubRecord.data != literal(EMPTY, HubRecord.data.type))
            .order_by(HubRecord.txid, HubRecord.tbl, HubRecord.row_id).limit(limit)).all()
    if not rows:
        return Page([], after, False)
    last = rows[-1]
    return Page([{"table": r.tbl, "row_id": r.row_id, "data": r.data, "stamps": r.stamps} for r in rows],
                Cursor(last.txid, last.tbl, last.row_id), len(rows) == limit)


def counts(engine: Engine) -> dict[str, int]:
    """Rows per synced table in the site's record."""
    with engine.connect() as conn:
        rows = conn.execute(select(HubRecord.tbl, func.count()).where(
            HubRecord.data != literal(EMPTY, HubRecord.data.type)).group_by(HubRecord.tbl))
        return {tbl: n for tbl, n in rows}
