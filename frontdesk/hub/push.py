"""Applying pushed operations: once each, merged by the shared rule, checked against the roles.

One PostgreSQL transaction per push. Each operation is first claimed in `hub_applied_op`
(unique on desk, epoch, seq; INSERT ... ON CONFLICT DO NOTHING): an operation already claimed,
by this process or another, is answered from that table and never applied again. The rows the
batch touches are locked in key order (placeholders inserted first for new rows), so concurrent
hub processes serialise per row without deadlocks. The tables' checksums move in the same
transaction (hub.checksums).

An operation is rejected (and kept for a person at the desk) when its table or fields are not
synced, a value holds a NUL character (PostgreSQL cannot store it), it changes a row the hub
never received whole (its creation was refused; a new row may lack only columns with a default
or that may be empty, which a desk on the previous schema does not know: they take that value),
its stamp is malformed or more than an hour
ahead of the hub's clock, or its actor may not write that table:
the actor's role must be allowed at the desk (set at add-desk) and grant one of the table's
permissions (domain.roles, the desks' own rules); the desk itself holds DESK_GRANTS, and may send
the rows of the app's own seed (Policy.seeded: the lab's catalogue, loaded at every desk's set-up),
which the hub takes only while it has no row with that id (superseded after that, so a desk set up
later never brings the seed's values back over the lab manager's edits).
The actor must be an active account the hub holds, and the role the hub holds for it must pass the
same checks (hub.actors: 'unknown_actor' otherwise; a batch's accounts are applied before the rest).
An operation the desk already pushed under an earlier epoch (the same digest: a restored desk's
queue, pushed again under its new epoch) is answered superseded (rejected again if it was rejected)
and not checked or merged again: it changes nothing, even where its actor's right depended on the
record at the time (a desk's first admin, made once).
A change to a row of an append-only table (the audit trail, custody events) that the hub holds is
superseded, whoever made it (nothing is written, so no actor is checked); one that would alter the
row (the desk's copy was changed behind sync's back) also moves the row forward in the log,
unchanged, so that desk's next pull puts its copy back as it was made (sync.apply).
A change whose own fields were all outranked (a stale test status) is answered superseded, even
where its newer bookkeeping (updated_at, updated_desk) is kept.
The stamp's desk is always the authenticated desk's code, whatever the payload says.
A site setting under a key that is not the site's (domain.settings.SITE_KEYS: a desk's own setting
or flag) is rejected; staff accounts follow their own rules and keep usernames unique (hub.staff).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import re
import uuid
from dataclasses import dataclass, replace

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

from frontdesk.config import resources_dir
from frontdesk.db.models import synced_models
from frontdesk.db.outbox import BOOKKEEPING, synced_fields
from frontdesk.domain import hlc
from frontdesk.domain.ids import reference_id
from frontdesk.domain.lab.catalogue import parse_catalogue
from frontdesk.domain.merge import APPLIED, REJECTED, SUPERSEDED, RowState, merge, uniform
from frontdesk.domain.receipts.price_list import parse_price_list
from frontdesk.domain.roles import DESK_GRANTS, GRANTS, Role
from frontdesk.domain.settings import is_site_key
from frontdesk.hub import actors, staff
from frontdesk.hub.checksums import record_changes
from frontdesk.hub.desks import Desk

MODELS = {model.__tablename__: model for model in synced_models()}
FIELDS = {name: frozenset(synced_fields(model)) for name, model in MODELS.items()}


def _fillable(model) -> dict[str, object]:
    """The synced columns a new row may arrive without, with the value they take: a desk on the
    previous schema (the hub accepts it) does not know the columns the newest migration added."""
    out = {}
    for column in model.__table__.columns:
        if column.name not in FIELDS[model.__tablename__]:
            continue
        if column.default is not None and not callable(column.default.arg):
            out[column.name] = column.default.arg
        elif column.server_default is not None and isinstance(getattr(column.server_default, "arg", None), str):
            out[column.name] = column.server_default.arg
        elif column.nullable:
            out[column.name] = None
    return out


FILLABLE = {name: _fillable(model) for name, model in MODELS.items()}
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
    if any(isinstance(value, str) and "\x00" in value for value in op.data.values()):
        return "bad_value"  # PostgreSQL text cannot hold NUL: refused alone, never the whole batch
    if hlc.moment_of(op.hlc) > now + MAX_AHEAD:
        return "stamp_in_future"
    if op.table == "site_setting" and "key" in op.data and not is_site_key(str(op.data["key"])):
        return "not_a_site_setting"  # a desk's own setting or flag (desk_code, is_demo...) never enters
    if op.table == staff.TABLE:
        return staff.refusal(desk, op)
    permissions = model.__sync__.permissions
    staff_id, role_name = op.actor.get("staff_id"), op.actor.get("role")
    if staff_id is None and not role_name:
        allowed = not permissions or permissions & DESK_GRANTS or is_seed_row(op)
        return "" if allowed else "permission_denied"
    try:
        uuid.UUID(str(staff_id))
        role = Role(str(role_name))
    except ValueError:
        return "bad_actor"
    if role not in desk.roles:
        return "role_not_allowed_here"
    return "" if not permissions or permissions & GRANTS[role] else "permission_denied"


@functools.cache
def seed_keys() -> dict[str, frozenset[str]]:
    """The keys of the rows of the app's own seed, per seeded table (Policy.seeded): what every
    desk loads at set-up, read from the same resources the desks read."""
    catalogue = resources_dir().joinpath("lab", "catalogue.json").read_text(encoding="utf-8")
    prices = resources_dir().joinpath("seed", "price_list.csv").read_text(encoding="utf-8")
    return {"lab_test_type": frozenset(spec.code for spec in parse_catalogue(catalogue)),
            "price_item": frozenset(item.code for item in parse_price_list(prices))}


def is_seed_row(op: Op) -> bool:
    """A whole row of the app's own seed (the lab's catalogue, the price list): a seeded table's row whose key is
    one of the seed's and whose id derives from it."""
    key = MODELS[op.table].__sync__.seeded
    if not key or set(op.data) != FIELDS[op.table] or str(op.data[key]) not in seed_keys().get(op.table, ()):
        return False
    try:
        return uuid.UUID(str(op.row_id)) == reference_id(op.table, str(op.data[key]))
    except ValueError:
        return False


# Each statement takes whole columns as arrays (unnest): one short statement per batch, parsed once,
# instead of a VALUES list of thousands of parameters or one round trip per row.
_CLAIM = text("""
    INSERT INTO hub_applied_op (desk_id, epoch, seq, outcome, reason, digest)
    SELECT :desk, :epoch, u.seq, 'pending', '', u.digest
    FROM unnest(CAST(:seqs AS bigint[]), CAST(:digests AS text[])) AS u(seq, digest)
    ON CONFLICT DO NOTHING RETURNING seq""")
_ANSWERS = text("""
    SELECT seq, outcome, reason, digest FROM hub_applied_op
    WHERE desk_id = :desk AND epoch = :epoch AND seq = ANY(CAST(:seqs AS bigint[]))""")
_REPLAYS = text("""
    SELECT DISTINCT ON (digest) digest, outcome, reason FROM hub_applied_op
    WHERE desk_id = :desk AND epoch <> :epoch AND outcome <> 'pending' AND digest = ANY(CAST(:digests AS text[]))
    ORDER BY digest, at""")
_OUTCOMES = text("""
    UPDATE hub_applied_op AS a SET outcome = u.outcome, reason = u.reason
    FROM unnest(CAST(:seqs AS bigint[]), CAST(:outcomes AS text[]), CAST(:reasons AS text[])) AS u(seq, outcome, reason)
    WHERE a.desk_id = :desk AND a.epoch = :epoch AND a.seq = u.seq""")
_PLACEHOLDERS = text("""
    INSERT INTO hub_record (tbl, row_id, data, stamps, desk_id)
    SELECT u.tbl, u.row_id, '{}'::jsonb, '{}'::jsonb, :desk
    FROM unnest(CAST(:tbls AS text[]), CAST(:rows AS text[])) AS u(tbl, row_id)
    ON CONFLICT DO NOTHING""")
_LOCK = text("""
    SELECT h.tbl, h.row_id, h.data, h.stamps FROM hub_record AS h
    JOIN unnest(CAST(:tbls AS text[]), CAST(:rows AS text[])) AS u(tbl, row_id) ON h.tbl = u.tbl AND h.row_id = u.row_id
    ORDER BY h.tbl, h.row_id FOR UPDATE OF h""")
# The new states travel as one JSON document (an array of [table, id, data, stamps]): a jsonb[]
# parameter would make psycopg escape every element, the largest part of a push's own time.
_WRITE = text("""
    UPDATE hub_record AS h SET data = u.value -> 2, stamps = u.value -> 3, txid = pg_current_xact_id()::text::bigint,
                               desk_id = :desk, updated_at = now()
    FROM jsonb_array_elements(CAST(:states AS jsonb)) AS u(value)
    WHERE h.tbl = u.value ->> 0 AND h.row_id = u.value ->> 1""")
# A row handed out again as it is (its values, stamps and writer unchanged): it moves forward in the log.
_AGAIN = text("""
    UPDATE hub_record AS h SET txid = pg_current_xact_id()::text::bigint
    FROM unnest(CAST(:tbls AS text[]), CAST(:rows AS text[])) AS u(tbl, row_id)
    WHERE h.tbl = u.tbl AND h.row_id = u.row_id""")
_KEPT = text("""
    SELECT h.tbl, h.row_id, h.data FROM hub_record AS h
    JOIN unnest(CAST(:tbls AS text[]), CAST(:rows AS text[])) AS u(tbl, row_id) ON h.tbl = u.tbl AND h.row_id = u.row_id
    WHERE h.data <> '{}'::jsonb""")
_UNUSED = text("""
    DELETE FROM hub_record AS h USING unnest(CAST(:tbls AS text[]), CAST(:rows AS text[])) AS u(tbl, row_id)
    WHERE h.tbl = u.tbl AND h.row_id = u.row_id AND h.data = '{}'::jsonb""")


def push(engine: Engine, *, desk: Desk, epoch: str, ops: list[Op]) -> list[Result]:
    ops = list({op.seq: op for op in ops}.values())  # one answer per sequence number
    if not ops:
        return []
    now = dt.datetime.now(dt.UTC)
    digests = {op.seq: op.digest() for op in ops}
    with engine.begin() as conn:
        claimed = set(conn.execute(_CLAIM, {"desk": desk.id, "epoch": epoch, "seqs": list(digests),
                                            "digests": list(digests.values())}).scalars())
        answers = _earlier_answers(conn, desk, epoch, {s: d for s, d in digests.items() if s not in claimed})
        results = _replays(conn, desk, epoch, {op.seq: digests[op.seq] for op in ops if op.seq in claimed})
        fresh = [op for op in ops if op.seq in claimed and op.seq not in results]
        results.update(_changes_to_kept_rows(conn, fresh))
        fresh = [op for op in fresh if op.seq not in results]
        results.update({op.seq: Result(op.seq, REJECTED, reason) for op in fresh
                        if (reason := refusal(desk, op, now))})
        valid = [op for op in fresh if op.seq not in results]
        results.update(_apply_by_known_actors(conn, desk, valid))
        if results:
            done = list(results.values())
            conn.execute(_OUTCOMES, {"desk": desk.id, "epoch": epoch, "seqs": [r.seq for r in done],
                                     "outcomes": [r.outcome for r in done], "reasons": [r.reason for r in done]})
    return [answers.get(op.seq) or results[op.seq] for op in ops]


def _apply_by_known_actors(conn: Connection, desk: Desk, ops: list[Op]) -> dict[int, Result]:
    """`ops` applied once their actor is an account the hub holds (hub.actors): the batch's account
    changes first, in rounds (each round those whose actor is known by then), then the others."""
    results: dict[int, Result] = {}
    waiting = sorted((op for op in ops if op.table == staff.TABLE), key=lambda o: o.seq)
    while waiting:
        known = actors.accounts(conn, waiting)
        ready = [op for op in waiting if not actors.refusal(desk, op, known, MODELS[op.table].__sync__.permissions)]
        if not ready:
            break
        results.update(_apply(conn, desk, ready))
        waiting = [op for op in waiting if op.seq not in results]
    others = waiting + [op for op in ops if op.table != staff.TABLE]
    known = actors.accounts(conn, others)
    for op in others:
        if reason := actors.refusal(desk, op, known, MODELS[op.table].__sync__.permissions):
            results[op.seq] = Result(op.seq, REJECTED, reason)
    results.update(_apply(conn, desk, [op for op in others if op.seq not in results]))
    return results


def _replays(conn: Connection, desk: Desk, epoch: str, digests: dict[int, str]) -> dict[int, Result]:
    """Operations this desk pushed before under another epoch: superseded now (or rejected again)."""
    if not digests:
        return {}
    earlier = {row.digest: row for row in conn.execute(_REPLAYS, {"desk": desk.id, "epoch": epoch,
                                                                  "digests": list(set(digests.values()))})}
    return {seq: Result(seq, REJECTED, earlier[d].reason) if earlier[d].outcome == REJECTED
            else Result(seq, SUPERSEDED) for seq, d in digests.items() if d in earlier}


def _earlier_answers(conn: Connection, desk: Desk, epoch: str, digests: dict[int, str]) -> dict[int, Result]:
    """The answers already given to these operations; one whose number was used for a different
    operation is refused (a desk that lost its outbox's counter), never taken for a replay."""
    if not digests:
        return {}
    rows = conn.execute(_ANSWERS, {"desk": desk.id, "epoch": epoch, "seqs": list(digests)})
    return {row.seq: Result(row.seq, row.outcome, row.reason) if row.digest == digests[row.seq]
            else Result(row.seq, REJECTED, "sequence_reused") for row in rows}


def _changes_to_kept_rows(conn: Connection, ops: list[Op]) -> dict[int, Result]:
    """Changes to rows of append-only tables that the hub holds (an UPDATE made at a desk behind the
    app's back: the operation carries the fields it changed, not the whole row): superseded, whoever
    made them, with no check of their actor (nothing is written), and each row such a change would
    alter is handed out again (moved forward in the log, unchanged), so that the desk's next pull
    puts its copy back as it was made (sync.apply). Inserts (whole rows) take the usual way."""
    changes = [op for op in ops if op.table in MODELS and MODELS[op.table].__sync__.append_only
               and set(op.data) < FIELDS[op.table]]
    if not changes:
        return {}
    keys = sorted({(op.table, op.row_id) for op in changes})
    kept = {(row.tbl, row.row_id): row.data for row in conn.execute(
        _KEPT, {"tbls": [t for t, _r in keys], "rows": [r for _t, r in keys]})}
    results = {op.seq: Result(op.seq, SUPERSEDED) for op in changes if (op.table, op.row_id) in kept}
    again = sorted({(op.table, op.row_id) for op in changes if op.seq in results
                    and _differs(op.data, kept[(op.table, op.row_id)])})
    if again:
        conn.execute(_AGAIN, {"tbls": [t for t, _r in again], "rows": [r for _t, r in again]})
    return results


def _apply(conn: Connection, desk: Desk, ops: list[Op]) -> dict[int, Result]:
    if not ops:
        return {}
    keys = sorted({(op.table, op.row_id) for op in ops})
    columns = {"tbls": [t for t, _r in keys], "rows": [r for _t, r in keys], "desk": desk.id}
    conn.execute(_PLACEHOLDERS, columns)
    states = {(row.tbl, row.row_id): RowState(row.data, row.stamps) for row in conn.execute(_LOCK, columns)}
    before = dict(states)
    dirty: set[tuple[str, str]] = set()
    again: set[tuple[str, str]] = set()
    results = {}
    names: dict[str, str] = {}  # accounts' usernames written by this batch
    if any(op.table == staff.TABLE for op in ops):
        staff.lock_usernames(conn)
    for op in sorted(ops, key=lambda o: o.seq):
        key = (op.table, op.row_id)
        if not states[key].data and set(op.data) != FIELDS[op.table]:
            missing = FIELDS[op.table] - set(op.data)
            if not missing <= set(FILLABLE[op.table]):
                results[op.seq] = Result(op.seq, REJECTED, "incomplete_row")  # a change to a row never received
                continue
            op = replace(op, data={**{n: FILLABLE[op.table][n] for n in missing}, **op.data})
        if op.table == staff.TABLE and (reason := staff.record_refusal(conn, desk, op, states[key])):
            results[op.seq] = Result(op.seq, REJECTED, reason)
            continue
        if states[key].data and not op.actor.get("staff_id") and is_seed_row(op):
            results[op.seq] = Result(op.seq, SUPERSEDED)  # the seed again, from a desk set up later
            continue
        stamp = hlc.stamp(hlc.value_of(op.hlc), desk.code)
        merged = merge(MODELS[op.table].__sync__, states[key], uniform(op.data, stamp))
        # A change whose own fields were all outranked is answered superseded, even though its
        # bookkeeping (updated_at, updated_desk), newer, is kept: a stale test status, say.
        results[op.seq] = Result(op.seq, SUPERSEDED if merged.changed <= BOOKKEEPING else merged.outcome)
        if merged.outcome == APPLIED:
            state = merged.state
            if op.table == staff.TABLE and "username" in merged.changed:
                state = staff.unique_username(conn, desk, state, op.row_id, names)
                names[op.row_id] = str(state.data["username"])
            states[key] = state
            dirty.add(key)
        elif merged.outcome != SUPERSEDED:  # pragma: no cover - merge answers only these two
            raise AssertionError(merged.outcome)
        elif MODELS[op.table].__sync__.append_only and _differs(op.data, states[key].data):
            again.add(key)  # a row of an append-only table changed at the desk: it gets the row back
    if dirty:
        written = sorted(dirty)
        conn.execute(_WRITE, {"desk": desk.id, "states": json.dumps(
            [[t, r, dict(states[(t, r)].data), dict(states[(t, r)].stamps)] for t, r in written])})
        record_changes(conn, before=before, after={k: states[k] for k in written})
    again -= dirty
    if again:
        conn.execute(_AGAIN, {"tbls": [t for t, _r in sorted(again)], "rows": [r for _t, r in sorted(again)]})
    unused = [k for k in keys if not states[k].data]  # placeholders no operation filled (all refused)
    if unused:
        conn.execute(_UNUSED, {"tbls": [t for t, _r in unused], "rows": [r for _t, r in unused]})
    return results


def _differs(change: dict[str, object], data: object) -> bool:
    """Whether a change to a row of an append-only table would alter it (a desk's copy was changed
    behind sync's back: the change is superseded, and the row goes out again so that desk pulls the
    row as it was made; a replayed insert alters nothing)."""
    return any(name not in data or data[name] != value for name, value in change.items())  # type: ignore[operator]
