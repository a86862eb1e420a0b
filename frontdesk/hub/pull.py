"""The change log, read in commit order: `hub_record` rows by the id of the transaction that last
wrote them.

A bare sequence would skip rows: a transaction that took a lower number can commit after a
higher one was already read. Here a page holds only rows whose transaction id is below the
oldest transaction still running in the hub's database (`HORIZON`), all of them committed; a row
written later gets a larger id and comes in a later page. The cursor is the last (txid, table,
row id) sent, so pages never overlap and nothing is skipped. A row written again moves forward in
the log (the log holds each row once, at its newest state).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import Text, cast, func, literal, select, text, tuple_
from sqlalchemy.engine import Engine

from frontdesk.hub.models import HubRecord

# The oldest transaction still running *in this database*: transaction ids are shared by every
# database of the PostgreSQL server, and a long transaction elsewhere (a report, another app, a
# DROP DATABASE) must not hold the change log back. A running transaction is skipped only when
# pg_stat_activity names it as another database's (read after the snapshot: one that ended
# meanwhile, or that this role may not see, counts as this database's, which only delays a row).
# backend_xid is 32-bit: compared with the snapshot's xid8 modulo 2**32.
HORIZON = text("""
    SELECT coalesce(
        (SELECT min(x::text::bigint) FROM pg_snapshot_xip(snap.s) AS x
         WHERE x::text::bigint % 4294967296 NOT IN (
             SELECT backend_xid::text::bigint FROM pg_stat_activity
             WHERE backend_xid IS NOT NULL AND datname IS DISTINCT FROM current_database())),
        pg_snapshot_xmax(snap.s)::text::bigint)
    FROM (SELECT pg_current_snapshot() AS s) AS snap""")
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


@dataclass(frozen=True)
class RawPage:
    """A page as PostgreSQL wrote it: each row already JSON text, so the API sends it as it is
    (no decoding and re-encoding of a million rows' values in Python during a first sync)."""
    rows_json: list[str]
    cursor: Cursor
    more: bool

    def body(self) -> str:
        """The page as the API's JSON answer: {"rows": [...], "cursor": {...}, "more": ...}."""
        return (f'{{"rows":[{",".join(self.rows_json)}],"cursor":{json.dumps(self.cursor.__dict__)},'
                f'"more":{"true" if self.more else "false"}}}')


_ROW_JSON = cast(func.json_build_object(literal("table"), HubRecord.tbl, literal("row_id"), HubRecord.row_id,
                                        literal("data"), HubRecord.data, literal("stamps"), HubRecord.stamps), Text)


def pull_raw(engine: Engine, *, after: Cursor, limit: int, table: str | None = None) -> RawPage:
    """The next page of the log after `after`; with `table`, of that table's rows only (a desk
    whose checksum of the table differs fetches it again from cursor 0)."""
    with engine.connect() as conn:
        horizon = conn.execute(HORIZON).scalar_one()
        query = (select(HubRecord.txid, HubRecord.tbl, HubRecord.row_id, _ROW_JSON)
                 .where(tuple_(HubRecord.txid, HubRecord.tbl, HubRecord.row_id)
                        > tuple_(literal(after.txid), literal(after.tbl), literal(after.row_id)),
                        HubRecord.txid < horizon, HubRecord.data != literal(EMPTY, HubRecord.data.type)))
        if table is not None:
            query = query.where(HubRecord.tbl == table)
        rows = conn.execute(query.order_by(HubRecord.txid, HubRecord.tbl, HubRecord.row_id).limit(limit)).all()
    if not rows:
        return RawPage([], after, False)
    last = rows[-1]
    return RawPage([r[3] for r in rows], Cursor(last.txid, last.tbl, last.row_id), len(rows) == limit)


def pull(engine: Engine, *, after: Cursor, limit: int, table: str | None = None) -> Page:
    raw = pull_raw(engine, after=after, limit=limit, table=table)
    return Page([json.loads(row) for row in raw.rows_json], raw.cursor, raw.more)
