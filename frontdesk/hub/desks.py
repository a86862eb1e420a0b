"""The desks a hub knows: registration (the token is shown once; only its SHA-256 is kept),
revocation, and finding a desk by the token it presents. A desk is known by its token only."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.sql import func

from frontdesk.domain.errors import Conflict, NotFound, ValidationError
from frontdesk.domain.roles import Role
from frontdesk.hub.models import HubDesk
from frontdesk.i18n import _

DESK_CODE = re.compile(r"^[A-Z][A-Z0-9]{0,3}$")  # the desks' own rule (services.setup)


@dataclass(frozen=True)
class Desk:
    id: int
    code: str
    roles: frozenset[Role]


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def parse_roles(text: str) -> frozenset[Role]:
    names = [part.strip() for part in (text or "").split(",") if part.strip()]
    try:
        roles = frozenset(Role(name) for name in names)
    except ValueError:
        raise ValidationError(_("Unknown role. Roles are: {roles}.").format(
            roles=", ".join(role.value for role in Role))) from None
    if not roles:
        raise ValidationError(_("Name at least one staff role allowed at this desk."))
    return roles


def add_desk(engine: Engine, *, code: str, roles: frozenset[Role]) -> str:
    """Register a desk; returns its token (shown once, never stored). Refuses a code in use."""
    code = (code or "").strip().upper()
    if not DESK_CODE.match(code):
        raise ValidationError(_("The desk code is a letter followed by up to 3 letters or digits, e.g. R1."))
    token = secrets.token_urlsafe(32)
    try:
        with engine.begin() as conn:
            conn.execute(HubDesk.__table__.insert().values(
                code=code, token_hash=token_hash(token), roles=",".join(sorted(r.value for r in roles))))
    except IntegrityError:
        raise Conflict(_("A desk with code {code} is already registered at this hub.").format(code=code)) from None
    return token


def revoke_desk(engine: Engine, *, code: str) -> None:
    with engine.begin() as conn:
        done = conn.execute(update(HubDesk).where(HubDesk.code == code.strip().upper(), HubDesk.revoked_at.is_(None))
                            .values(revoked_at=func.now())).rowcount
    if not done:
        raise NotFound(_("No active desk with code {code} at this hub.").format(code=code))


def set_roles(engine: Engine, *, code: str, roles: frozenset[Role]) -> None:
    """Change the staff roles allowed at an active desk (changes it refused can then be sent again)."""
    with engine.begin() as conn:
        done = conn.execute(update(HubDesk).where(HubDesk.code == code.strip().upper(), HubDesk.revoked_at.is_(None))
                            .values(roles=",".join(sorted(r.value for r in roles)))).rowcount
    if not done:
        raise NotFound(_("No active desk with code {code} at this hub.").format(code=code))


def desk_for_token(engine: Engine, token: str) -> Desk | None:
    """The active desk holding `token`, or None (unknown, forged or revoked)."""
    if not token:
        return None
    with engine.connect() as conn:
        row = conn.execute(select(HubDesk.id, HubDesk.code, HubDesk.roles)
                           .where(HubDesk.token_hash == token_hash(token), HubDesk.revoked_at.is_(None))).first()
    if row is None:
        return None
    return Desk(row.id, row.code, frozenset(Role(r) for r in row.roles.split(",") if r))
