"""The change log, read in commit order: `hub_record` rows by the id of the transaction that last
wrote them.

A bare sequence would skip rows: a transaction that took a lower number can commit after a
higher one was already read. Here a page holds only rows whose transaction id is below the
oldest transaction still running (pg_snapshot_xmin of the current snapshot), all of them
committed; a row written later gets a larger id and comes in a later page. The cursor is the
last (txid, table, row id) sent, so pages never overlap and nothing is skipped. A row written
again moves forward in the log (the log holds each row once, at its newest state).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import literal, select, text, tuple_
from sqlalchemy.engine import Engine

from frontdesk.hub.models import HubRecord

_XMIN = text("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint")
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


def pull(engine: Engine, *, after: Cursor, limit: int, table: str | None = None) -> Page:
    """The next page of the log after `after`; with `table`, of that table's rows only (a desk
    whose checksum of the table differs fetches it again from cursor 0)."""
    with engine.connect() as conn:
        horizon = conn.execute(_XMIN).scalar_one()
        query = (select(HubRecord.tbl, HubRecord.row_id, HubRecord.data, HubRecord.stamps, HubRecord.txid)
                 .where(tuple_(HubRecord.txid, HubRecord.tbl, HubRecord.row_id)
                        > tuple_(literal(after.txid), literal(after.tbl), literal(after.row_id)),
                        HubRecord.txid < horizon, HubRecord.data != literal(EMPTY, HubRecord.data.type)))
        if table is not None:
            query = query.where(HubRecord.tbl == table)
        rows = conn.execute(query.order_by(HubRecord.txid, HubRecord.tbl, HubRecord.row_id).limit(limit)).all()
    if not rows:
        return Page([], after, False)
    last = rows[-1]
    return Page([{"table": r.tbl, "row_id": r.row_id, "data": r.data, "stamps": r.stamps} for r in rows],
                Cursor(last.txid, last.tbl, last.row_id), len(rows) == limit)

