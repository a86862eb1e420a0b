"""Reading the outbox in order and settling what the hub answered.

An answered operation (applied or superseded) leaves the outbox; a rejected one moves to
`sync_rejected` for a person to see, so it never blocks the operations behind it. An operation
the hub never answered (the connection broke) stays and is sent again: the hub answers a replay
from its record without applying it twice.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import text

from frontdesk.db.engine import Database
from frontdesk.db.models import synced_models
from frontdesk.domain.merge import REJECTED

MODELS = {model.__tablename__: model for model in synced_models()}


@dataclass(frozen=True)
class PendingOp:
    seq: int
    table: str
    row_id: str
    hlc: str
    data: dict[str, object]  # the fields this change set, as stored
    actor: dict[str, object]

    def as_json(self) -> dict[str, object]:
        return {"seq": self.seq, "table": self.table, "row_id": self.row_id, "hlc": self.hlc,
                "data": self.data, "actor": self.actor}


def pending(db: Database, *, limit: int) -> list[PendingOp]:
    with db.read() as session:
        rows = session.execute(text("SELECT seq, table_name, row_id, hlc, fields, data, actor FROM sync_outbox "
                                    "ORDER BY seq LIMIT :limit"), {"limit": limit}).all()
    ops = []
    for seq, table, row_id, stamp, fields, data, actor in rows:
        values = json.loads(data)
        names = _carried(table, json.loads(fields))
        ops.append(PendingOp(seq, table, row_id, stamp, {name: values.get(name) for name in names if name in values},
                             json.loads(actor) if actor else {}))
    return ops


def _carried(table: str, names: list[str]) -> list[str]:
    """The fields a change carries: those it changed and every field that moves together with
    one of them (domain.merge, Policy.together), as the row was written."""
    model = MODELS.get(table)
    if model is None or not model.__sync__.together:
        return names
    return sorted(model.__sync__.with_groups(names))


def waiting(db: Database) -> int:
    with db.read() as session:
        return session.execute(text("SELECT count(*) FROM sync_outbox")).scalar_one()


def rejected(db: Database) -> int:
    with db.read() as session:
        return session.execute(text("SELECT count(*) FROM sync_rejected")).scalar_one()


def settle(db: Database, *, epoch: str, ops: list[PendingOp], results: list[dict[str, object]]) -> None:
    """Remove the answered operations from the outbox in one transaction, keeping the rejected ones."""
    by_seq = {op.seq: op for op in ops}
    answered = [(by_seq[int(r["seq"])], r) for r in results if int(r["seq"]) in by_seq]  # type: ignore[arg-type]
    rejected = [{"seq": op.seq, "epoch": epoch, "table": op.table, "row": op.row_id, "hlc": op.hlc,
                 "data": json.dumps(op.data, ensure_ascii=False), "reason": str(r.get("reason", ""))[:200]}
                for op, r in answered if r["outcome"] == REJECTED]
    with db.begin() as session:
        if rejected:
            session.execute(text(
                "INSERT OR REPLACE INTO sync_rejected (seq, epoch, table_name, row_id, hlc, data, reason, at) "
                "VALUES (:seq, :epoch, :table, :row, :hlc, :data, :reason, strftime('%Y-%m-%d %H:%M:%f000', 'now'))"),
                rejected)
        if answered:
            session.execute(text("DELETE FROM sync_outbox WHERE seq IN (SELECT value FROM json_each(:seqs))"),
                            {"seqs": json.dumps([op.seq for op, _r in answered])})
