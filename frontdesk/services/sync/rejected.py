"""The changes the hub refused, for a person: what, why, and what to do (issue 12, point 1).

The outbox keeps a refused operation aside in `sync_rejected` (frontdesk.sync.outbox.settle), so
it never blocks the queue. Here an administrator (EDIT_SETTINGS: who sets up the desk's sync):
- `list_rejected(db, actor=...)`: each refused change with the record's name as people know it
  (the company's name, the visitor's name, the visit's badge number), the fields it set, and the
  hub's reason as a sentence saying what happened and what to do (`REASONS`);
- `dismiss_rejected(db, seq=..., epoch=..., actor=...)`: after reading it, the change is dropped;
  the activity log keeps who dismissed what ("sync.dismiss");
- `resend_rejected(...)`: queued again, where the reason can go away (`RESENDABLE`: the desk's
  allowed roles fixed at the hub, the account now known there, the PC's clock set right...). It
  carries the record's current values of those fields (the whole row when the hub never got it
  whole), a fresh stamp from the desk's clock, and as its actor the person who sends it again:
  they read it and take it on, and the hub checks their role. Logged as "sync.resend".

The row keeps its current values here; nothing is undone locally (the next pull brings the hub's
values where they differ).
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from frontdesk.db.engine import Database
from frontdesk.db.models import synced_models
from frontdesk.db.outbox import BOOKKEEPING, CLOCK_KEY, actor_json, synced_fields
from frontdesk.domain import hlc
from frontdesk.domain.clock import as_utc, utcnow
from frontdesk.domain.errors import NotFound, ValidationError
from frontdesk.domain.roles import Actor, Permission, require
from frontdesk.i18n import _
from frontdesk.services.staff import audit

MODELS = {model.__tablename__: model for model in synced_models()}


def _reasons() -> dict[str, str]:
    """Reason code (hub.push, hub.staff, hub.actors) -> what happened and what to do."""
    return {
        "unknown_table": _("The hub does not know this kind of record: it runs an older version than this desk. "
                           "Ask whoever looks after the hub to update it, then dismiss this change and make it "
                           "again."),
        "unknown_field": _("The hub does not know some of these fields: it runs an older version than this desk. "
                           "Ask whoever looks after the hub to update it, then dismiss this change and make it "
                           "again."),
        "bad_stamp": _("The change reached the hub with an unreadable time stamp. Send it again: it gets a new "
                       "one."),
        "stamp_in_future": _("The change was stamped more than an hour in the future: this PC's clock was wrong "
                             "when it was made. Set the PC's date and time right, then send it again."),
        "not_a_site_setting": _("This setting belongs to this desk only and is never shared with the other desks. "
                                "Nothing is lost here: dismiss this notice."),
        "permission_denied": _("The person who made the change does not have a role that allows it, by the hub's "
                               "record of their account. If the change is right, an administrator can send it "
                               "again; otherwise dismiss it."),
        "role_not_allowed_here": _("The person's role is not among the roles the hub allows at this desk. Ask "
                                   "whoever looks after the hub to allow it for this desk, then send the change "
                                   "again; otherwise dismiss it."),
        "bad_actor": _("The change does not say properly who made it, so the hub refused it. Dismiss it and make "
                       "it again, signed in with your own account."),
        "unknown_actor": _("The hub does not know the account that made the change, or the account has been "
                           "disabled. If the change is right, an administrator can send it again; otherwise "
                           "dismiss it."),
        "incomplete_row": _("The hub never received this record whole (its creation was refused earlier). Send it "
                            "again: the whole record goes."),
        "sequence_reused": _("The hub had already received another change under the same number: this desk's "
                             "queue was restored or copied. Send it again: it gets a new number."),
        "bad_value": _("The hub refused a value of this change: a staff role it does not know, or a character "
                       "it cannot store (often pasted from another program). Dismiss it and enter the value "
                       "again."),
    }


RESENDABLE = frozenset({"bad_stamp", "stamp_in_future", "permission_denied", "role_not_allowed_here",
                        "unknown_actor", "incomplete_row", "sequence_reused"})
WHOLE_ROW = frozenset({"incomplete_row"})  # the hub lacks the record itself: send every field


def explain(reason: str) -> str:
    """A refusal's reason as a sentence for the person at the desk."""
    return _reasons().get(reason) or _("The hub refused this change (reason: {reason}). Dismiss it, or ask "
                                       "whoever looks after the hub.").format(reason=reason)


@dataclass(frozen=True)
class RejectedChange:
    seq: int
    epoch: str
    made: dt.datetime | None  # UTC: when the change was made, by its stamp (this PC's clock then)
    at: dt.datetime  # UTC: when the hub's refusal reached this desk
    table: str  # the record's kind (the UI names it)
    row_id: str
    label: str  # the record as people know it; a site setting's key, an activity event's code
    fields: tuple[str, ...]  # the fields the change set (bookkeeping left out)
    whole: bool  # the change made the record (it set every field)
    reason: str  # the hub's code
    explanation: str
    can_resend: bool


def list_rejected(db: Database, *, actor: Actor) -> list[RejectedChange]:
    """The refused changes, newest first."""
    require(actor, Permission.EDIT_SETTINGS)
    with db.read() as session:
        rows = session.execute(text("SELECT seq, epoch, table_name, row_id, hlc, data, reason, at FROM sync_rejected "
                                    "ORDER BY at DESC, seq DESC")).all()
        return [_change(session, *row) for row in rows]


def _change(session: Session, seq: int, epoch: str, table: str, row_id: str, stamp: str, data: str, reason: str,
            at: object) -> RejectedChange:
    values = json.loads(data or "{}")
    every = set(synced_fields(MODELS[table])) if table in MODELS else set()
    return RejectedChange(
        seq=seq, epoch=epoch, made=_made(stamp), at=_moment(at), table=table, row_id=row_id,
        label=_label(session, table, row_id, values),
        fields=tuple(name for name in values if name not in BOOKKEEPING), whole=bool(every) and every <= set(values),
        reason=reason, explanation=explain(reason), can_resend=_resendable(reason, table))


def dismiss_rejected(db: Database, *, seq: int, epoch: str, actor: Actor) -> None:
    """Drop a refused change after a person read it (recorded in the activity log)."""
    require(actor, Permission.EDIT_SETTINGS)
    with db.begin() as session:
        table, row_id, _data, reason = _one(session, seq, epoch)
        session.execute(text("DELETE FROM sync_rejected WHERE seq = :seq AND epoch = :epoch"),
                        {"seq": seq, "epoch": epoch})
        audit.record(session, actor, "sync.dismiss", record_type=table, record_id=_record_id(row_id),
                     changes={"reason": reason})


def resend_rejected(db: Database, *, seq: int, epoch: str, actor: Actor) -> None:
    """Queue a refused change again, with the record's current values and a fresh stamp, as `actor`'s."""
    require(actor, Permission.EDIT_SETTINGS)
    with db.begin() as session:
        table, row_id, data, reason = _one(session, seq, epoch)
        if not _resendable(reason, table):
            raise ValidationError(_("This change cannot be sent again: {why}").format(why=explain(reason)))
        model = MODELS[table]
        every = synced_fields(model)
        sent = every if reason in WHOLE_ROW else [name for name in every if name in json.loads(data or "{}")]
        values = ", ".join(f"'{name}', {name}" for name in every)
        current = session.execute(text(f"SELECT json_object({values}) FROM {table} WHERE id = :row"),
                                  {"row": row_id}).scalar()
        if current is None:
            raise NotFound(_("This record is no longer at this desk, so the change cannot be sent again. "
                             "Dismiss it."))
        stamp = _next_stamp(session, session.info.get("desk") or actor.desk)
        session.execute(text(
            "INSERT INTO sync_outbox (table_name, row_id, kind, hlc, fields, data, actor) "
            "VALUES (:table, :row, :kind, :hlc, :fields, :data, :actor)"),
            {"table": table, "row": row_id, "kind": "insert" if sent == every else "update", "hlc": stamp,
             "fields": json.dumps(sent), "data": current,
             "actor": actor_json(actor.staff_id, actor.role.value if actor.role else None)})
        session.execute(text("DELETE FROM sync_rejected WHERE seq = :seq AND epoch = :epoch"),
                        {"seq": seq, "epoch": epoch})
        audit.record(session, actor, "sync.resend", record_type=table, record_id=_record_id(row_id),
                     changes={"reason": reason})


def _resendable(reason: str, table: str) -> bool:
    return reason in RESENDABLE and table in MODELS


def _one(session: Session, seq: int, epoch: str) -> tuple[str, str, str, str]:
    row = session.execute(text("SELECT table_name, row_id, data, reason FROM sync_rejected "
                               "WHERE seq = :seq AND epoch = :epoch"), {"seq": seq, "epoch": epoch}).first()
    if row is None:
        raise NotFound(_("This refused change is no longer in the list (someone dealt with it already)."))
    return row[0], row[1], row[2], row[3]


def _next_stamp(session: Session, desk: str) -> str:
    """A stamp from the desk's hybrid clock, moved past the wall clock and every earlier stamp
    (the outbox triggers do the same)."""
    clock = session.execute(text("SELECT number FROM sync_state WHERE key = :key"), {"key": CLOCK_KEY}).scalar()
    value = max(int(clock or 0) + 1, hlc.logical(utcnow()))
    session.execute(text("UPDATE sync_state SET number = :value WHERE key = :key"),
                    {"value": value, "key": CLOCK_KEY})
    return hlc.stamp(value, desk)


def _record_id(row_id: str) -> str:
    try:
        return str(uuid.UUID(row_id))
    except ValueError:
        return row_id


def _made(stamp: str) -> dt.datetime | None:
    try:
        return hlc.moment_of(stamp) if hlc.value_of(stamp) else None
    except (ValueError, OverflowError, OSError):  # a stamp the hub called unreadable
        return None


def _moment(value: object) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return as_utc(value)
    return as_utc(dt.datetime.fromisoformat(str(value)))


def _current(session: Session, table: str, row_id: str) -> dict[str, object]:
    if table not in MODELS:
        return {}
    row = session.execute(text(f"SELECT * FROM {table} WHERE id = :row"), {"row": row_id}).mappings().first()
    return dict(row) if row else {}


def _label(session: Session, table: str, row_id: str, data: dict[str, object]) -> str:
    """The record as people know it, from its current values here (else from the change)."""
    row = {**data, **_current(session, table, row_id)}
    if table == "visitor":
        return f"{row.get('first_name') or ''} {row.get('last_name') or ''}".strip()
    if table == "visit":
        number = session.execute(text("SELECT number FROM badge WHERE subject_id = :row "
                                      "ORDER BY superseded_at IS NULL DESC, created_at DESC LIMIT 1"),
                                 {"row": row_id}).scalar()
        person = _label(session, "visitor", str(row.get("visitor_id") or ""), {})
        return " · ".join(part for part in (number, person) if part)
    if table == "registration":
        return _label(session, "visitor", str(row.get("visitor_id") or ""), {}) or str(row.get("title") or "")
    if table == "badge":
        return str(row.get("number") or "")
    if table == "service":
        return str(row.get("name_it") or row.get("code") or "")
    if table == "site_setting":
        return str(row.get("key") or "")
    if table == "staff_member":
        name, username = row.get("display_name") or "", row.get("username") or ""
        return f"{name} ({username})" if name and username else str(name or username)
    if table == "audit_event":
        return str(row.get("action") or "")
    return str(row.get("name") or "")
