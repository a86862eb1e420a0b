"""Who acted: an operation's actor must be a staff account the hub holds, and active.

The role that decides is the one the hub holds for that account, not the one the payload claims:
the hub has the site's latest word on an account (a demotion or a deactivation made at another
desk counts before this desk has heard of it), and a payload can claim anything. The claimed role
is checked first, without the database (hub.push.refusal): an honest desk never claims more than
the person had, so an operation passes only when both allow it. An account the hub does not hold,
or holds as inactive, is refused as 'unknown_actor'; the refused change stays at its desk for a
person to read, who may send it again as themselves (services.sync.rejected).

A desk's first push carries its accounts and what they did, in one batch or several; the outbox
keeps the order of the changes, so an account comes before its first act. Within a batch the
account changes are applied first, in rounds: each round applies those whose actor the hub holds
by then (the desk itself makes its first admin, who then makes the others); the other operations
are then checked against the accounts as they stand after the batch's account changes.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.engine import Connection

from frontdesk.domain.roles import GRANTS, Permission, Role
from frontdesk.hub import staff

UNKNOWN_ACTOR = "unknown_actor"
_ACCOUNTS = text("""
    SELECT row_id, data->>'role' AS role, data->>'active' AS active FROM hub_record
    WHERE tbl = 'staff_member' AND row_id = ANY(CAST(:ids AS text[])) AND data <> '{}'::jsonb""")


@dataclass(frozen=True)
class Account:
    role: str
    active: bool


def account_key(op) -> str | None:
    """The hub's row id of the op's actor: None for the desk itself (no staff id, no role; its own
    rules are hub.push's), '' for a staff id that is no UUID (hub.push.refusal refused it already)."""
    staff_id, role = op.actor.get("staff_id"), op.actor.get("role")
    if staff_id is None and not role:
        return None
    try:
        return uuid.UUID(str(staff_id)).hex
    except ValueError:
        return ""


def accounts(conn: Connection, ops: Iterable) -> dict[str, Account]:
    """The accounts the hub holds for these operations' actors (one query)."""
    ids = sorted({key for op in ops if (key := account_key(op))})  # '' and None: no account
    if not ids:
        return {}
    return {row.row_id: Account(row.role or "", str(row.active).lower() in ("1", "true"))
            for row in conn.execute(_ACCOUNTS, {"ids": ids})}


def refusal(desk, op, known: dict[str, Account], permissions: frozenset[Permission]) -> str:
    """Why the op's actor may not make it, by the hub's own record of the account ('' when it may).
    `permissions`: the table's (any one of them suffices); the desk itself passes here."""
    key = account_key(op)
    if key is None:
        return ""
    account = known.get(key)
    if account is None or not account.active:
        return UNKNOWN_ACTOR
    try:
        role = Role(account.role)
    except ValueError:
        return UNKNOWN_ACTOR
    if role not in desk.roles:
        return "role_not_allowed_here"
    if op.table == staff.TABLE:
        return staff.role_refusal(op, role)
    return "" if not permissions or permissions & GRANTS[role] else "permission_denied"
