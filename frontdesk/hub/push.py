"""Applying pushed operations: once each, merged by the shared rule, checked against the roles.

One PostgreSQL transaction per push. Each operation is first claimed in `hub_applied_op`
(unique on desk, epoch, seq; INSERT ... ON CONFLICT DO NOTHING): an operation already claimed,
by this process or another, is answered from that table and never applied again. The rows the
batch touches are locked in key order (placeholders inserted first for new rows), so concurrent
hub processes serialise per row without deadlocks.

An operation is rejected (and kept for a person at the desk) when its table or fields are not
synced, it changes a row the hub never received whole (its creation was refused), its stamp is
malformed or more than an hour ahead of the hub's clock, or its actor may not write that table:
the actor's role must be allowed at the desk (set at add-desk) and grant one of the table's
permissions (domain.roles, the desks' own rules); the desk itself holds DESK_GRANTS.
The stamp's desk is always the authenticated desk's code, whatever the payload says.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import uuid
from dataclasses import dataclass

from sqlalchemy import and_, bindparam, delete, literal, select, tuple_, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.engine import Connection, Engine

from frontdesk.db.models import synced_models
from frontdesk.db.outbox import synced_fields
from frontdesk.domain import hlc
from frontdesk.domain.merge import APPLIED, REJECTED, SUPERSEDED, RowState, merge, uniform
from frontdesk.domain.roles import DESK_GRANTS, GRANTS, Role
from frontdesk.hub.desks import Desk
from frontdesk.hub.models import CURRENT_TXID, HubAppliedOp, HubRecord

MODELS = {model.__tablename__: model for model in synced_models()}
FIELDS = {name: frozenset(synced_fields(model)) for name, model in MODELS.items()}
STAMP = re.compile(r"^[0-9a-f]{16}\.[A-Z0-9]{0,4}$")
MAX_AHEAD = dt.timedelta(hours=1)


@dataclass(frozen=True)
class Op:
    seq: int
    table: str
    row_id: str
    hlc: str
    data: dict[str, object]
    actor: dict[str, object]

    def digest(self) -> str:
        body = json.dumps([self.table, self.row_id, self.hlc, self.data, self.actor], sort_keys=True, default=str)
        return hashlib.sha256(body.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Result:
    seq: int
    outcome: str
    reason: str = ""


def refusal(desk: Desk, op: Op, now: dt.datetime) -> str:
    """Why `op` cannot be applied ('' when it can)."""
    model = MODELS.get(op.table)
    if model is None:
        return "unknown_table"
    if not set(op.data) <= FIELDS[op.table]:
        return "unknown_field"
    if not STAMP.match(op.hlc):
        return "bad_stamp"
    if hlc.moment_of(op.hlc) > now + MAX_AHEAD:
        return "stamp_in_future"
    permissions = model.__sync__.permissions
    staff_id, role_name = op.actor.get("staff_id"), op.actor.get("role")
    if staff_id is None and not role_name:
        return "" if not permissions or permissions & DESK_GRANTS else "permission_denied"
    try:
        uuid.UUID(str(staff_id))
        role = Role(str(role_name))
    except ValueError:
        return "bad_actor"
    if role not in desk.roles:
        return "role_not_allowed_here"
    return "" if not permissions or permissions & GRANTS[role] else "permission_denied"


def push(engine: Engine, *, desk: Desk, epoch: str, ops: list[Op]) -> list[Result]:
    ops = list({op.seq: op for op in ops}.values())  # one answer per sequence number
    if not ops:
        return []
    now = dt.datetime.now(dt.UTC)
    with engine.begin() as conn:
        claimed = set(conn.execute(
            pg_insert(HubAppliedOp).values([{"desk_id": desk.id, "epoch": epoch, "seq": op.seq, "outcome": "pending",
                                             "reason": "", "digest": op.digest()} for op in ops])
            .on_conflict_do_nothing().returning(HubAppliedOp.seq)).scalars())
        answers = _earlier_answers(conn, desk, epoch, [op for op in ops if op.seq not in claimed])
        fresh = [op for op in ops if op.seq in claimed]
        results = {op.seq: Result(op.seq, REJECTED, reason) for op in fresh if (reason := refusal(desk, op, now))}
        valid = [op for op in fresh if op.seq not in results]
        results.update(_apply(conn, desk, valid))
        if results:
            conn.execute(update(HubAppliedOp)
                         .where(HubAppliedOp.desk_id == desk.id, HubAppliedOp.epoch == epoch,
                                HubAppliedOp.seq == bindparam("b_seq"))
                         .values(outcome=bindparam("b_outcome"), reason=bindparam("b_reason")),
                         [{"b_seq": r.seq, "b_outcome": r.outcome, "b_reason": r.reason} for r in results.values()])
    return [answers.get(op.seq) or results[op.seq] for op in ops]


def _earlier_answers(conn: Connection, desk: Desk, epoch: str, ops: list[Op]) -> dict[int, Result]:
    """The answers already given to these operations; one whose number was used for a different
    operation is refused (a desk that lost its outbox's counter), never taken for a replay."""
    if not ops:
        return {}
    digests = {op.seq: op.digest() for op in ops}
    rows = conn.execute(select(HubAppliedOp.seq, HubAppliedOp.outcome, HubAppliedOp.reason, HubAppliedOp.digest)
                        .where(HubAppliedOp.desk_id == desk.id, HubAppliedOp.epoch == epoch,
                               HubAppliedOp.seq.in_(list(digests))))
    return {row.seq: Result(row.seq, row.outcome, row.reason) if row.digest == digests[row.seq]
            else Result(row.seq, REJECTED, "sequence_reused") for row in rows}


def _apply(conn: Connection, desk: Desk, ops: list[Op]) -> dict[int, Result]:
    if not ops:
        return {}
    keys = sorted({(op.table, op.row_id) for op in ops})
    conn.execute(pg_insert(HubRecord).values([{"tbl": t, "row_id": r, "data": {}, "stamps": {}, "desk_id": desk.id}
                                              for t, r in keys]).on_conflict_do_nothing())
    rows = conn.execute(select(HubRecord.tbl, HubRecord.row_id, HubRecord.data, HubRecord.stamps)
                        .where(tuple_(HubRecord.tbl, HubRecord.row_id).in_(keys))
                        .order_by(HubRecord.tbl, HubRecord.row_id).with_for_update())
    states = {(row.tbl, row.row_id): RowState(row.data, row.stamps) for row in rows}
    dirty: set[tuple[str, str]] = set()
    results = {}
    for op in sorted(ops, key=lambda o: o.seq):
        key = (op.table, op.row_id)
        if not states[key].data and set(op.data) != FIELDS[op.table]:
            results[op.seq] = Result(op.seq, REJECTED, "incomplete_row")  # a change to a row never received
            continue
        stamp = hlc.stamp(hlc.value_of(op.hlc), desk.code)
        merged = merge(MODELS[op.table].__sync__, states[key], uniform(op.data, stamp))
        results[op.seq] = Result(op.seq, merged.outcome)
        if merged.outcome == APPLIED:
            states[key] = merged.state
            dirty.add(key)
        elif merged.outcome != SUPERSEDED:  # pragma: no cover - merge answers only these two
            raise AssertionError(merged.outcome)
    if dirty:
        conn.execute(update(HubRecord)
                     .where(and_(HubRecord.tbl == bindparam("b_tbl"), HubRecord.row_id == bindparam("b_row")))
                     .values(data=bindparam("b_data"), stamps=bindparam("b_stamps"), txid=CURRENT_TXID,
                             desk_id=desk.id, updated_at=dt.datetime.now(dt.UTC)),
                     [{"b_tbl": t, "b_row": r, "b_data": dict(states[(t, r)].data),
                       "b_stamps": dict(states[(t, r)].stamps)} for t, r in sorted(dirty)])
    # placeholders that no operation filled (every change to the new row was refused)
    conn.execute(delete(HubRecord).where(tuple_(HubRecord.tbl, HubRecord.row_id).in_(keys),
                                         HubRecord.data == literal({}, HubRecord.data.type)))
    return results

