"""The hub's rules for staff accounts (staff_member), on top of the generic checks of hub.push.

Who may write an account:
- an actor whose role grants MANAGE_STAFF (an administrator, allowed at that desk);
- the account's own holder, for their password only (changing it, or the hash renewed at sign-in);
- the desk itself, once: its first `admin`, made by `frontdesk init` before anybody signed in.
  Only as a new row, made at that desk, with username `admin` and role admin, while the hub holds
  no other account made at that desk (one bootstrap account per desk, not a way to add admins).
Usernames stay unique across the site: an account arriving with a username another account holds
at the hub takes its desk's name (domain.staff_names): each desk's own `admin` after the first
becomes `admin.<desk>`; the account keeps its id, password and role.
"""

from __future__ import annotations

import uuid

from sqlalchemy import text
from sqlalchemy.engine import Connection

from frontdesk.db.outbox import BOOKKEEPING
from frontdesk.domain import hlc
from frontdesk.domain.merge import RowState
from frontdesk.domain.roles import GRANTS, Permission, Role
from frontdesk.domain.staff_names import desk_username

TABLE = "staff_member"
SELF_SERVICE = frozenset({"password_hash"}) | BOOKKEEPING
_LOCK = text("SELECT pg_advisory_xact_lock(hashtext('hub.staff_member.username'))")
_HOLDERS = text("SELECT row_id, data->>'username' FROM hub_record WHERE tbl = 'staff_member' AND data <> '{}'::jsonb")
_MADE_HERE = text("""SELECT 1 FROM hub_record WHERE tbl = 'staff_member' AND data->>'created_desk' = :code
                     AND row_id <> :row AND data <> '{}'::jsonb LIMIT 1""")


def refusal(desk, op) -> str:
    """Why `op` on an account cannot be applied ('' when it can), before looking at the record."""
    if "role" in op.data and op.data["role"] not in {r.value for r in Role}:
        return "bad_value"
    staff_id, role_name = op.actor.get("staff_id"), op.actor.get("role")
    if staff_id is None and not role_name:
        return "" if _bootstrap_shape(desk, op) else "permission_denied"
    try:
        uuid.UUID(str(staff_id))
        role = Role(str(role_name))
    except ValueError:
        return "bad_actor"
    if role not in desk.roles:
        return "role_not_allowed_here"
    return role_refusal(op, role)


def role_refusal(op, role: Role) -> str:
    """Whether `role` lets the op's actor write this account: an administrator any, a holder their own
    password ('' when it does). Checked on the claimed role, then on the hub's (hub.actors)."""
    if Permission.MANAGE_STAFF in GRANTS[role]:
        return ""
    own = str(op.actor.get("staff_id")).replace("-", "") == op.row_id
    return "" if own and set(op.data) <= SELF_SERVICE else "permission_denied"


def _bootstrap_shape(desk, op) -> bool:
    return (op.data.get("username") == "admin" and op.data.get("role") == Role.ADMIN.value
            and op.data.get("created_desk") == desk.code and Role.ADMIN in desk.roles)


def record_refusal(conn: Connection, desk, op, current: RowState) -> str:
    """The checks that need the hub's record: a desk-itself write must be its bootstrap account, new."""
    if op.actor.get("staff_id") is not None or op.actor.get("role"):
        return ""
    if current.data:
        return "permission_denied"
    made_here = conn.execute(_MADE_HERE, {"code": desk.code, "row": op.row_id}).first()
    return "permission_denied" if made_here else ""


def lock_usernames(conn: Connection) -> None:
    """Serialise the username check between hub processes (for this transaction)."""
    conn.execute(_LOCK)


def unique_username(conn: Connection, desk, state: RowState, row_id: str, pending: dict[str, str]) -> RowState:
    """`state` (merged, about to be written) with its username made unique across the site.
    `pending`: row id -> username of accounts written earlier in this batch, not yet in the table."""
    username = state.data.get("username")
    holders = {r: name for r, name in conn.execute(_HOLDERS)}
    holders.update(pending)
    holders.pop(row_id, None)
    if username not in holders.values():
        return state
    new = desk_username(str(username), str(state.data.get("created_desk") or desk.code), set(holders.values()))
    stamp = hlc.stamp(hlc.value_of(state.stamps.get("username", "")) + 1, desk.code)
    return RowState({**state.data, "username": new}, {**state.stamps, "username": stamp})
