"""Who can act: a signed-in staff member (a staff id and a role) or the desk itself (neither).
Any other shape cannot be built, and if it is forced anyway `require` still refuses it."""

from __future__ import annotations

import uuid

import pytest

from frontdesk.domain.errors import PermissionDenied
from frontdesk.domain.roles import DESK_GRANTS, Actor, Permission, Role, require

STAFF_ID = uuid.UUID("01234567-89ab-7def-8123-456789abcdef")


@pytest.mark.parametrize("fields", [
    {"role": Role.ADMIN},  # a role with nobody behind it: it passed every check before
    {"role": None, "staff_id": STAFF_ID},  # somebody without a role
    {"role": "admin", "staff_id": STAFF_ID},  # a role given as text, not a Role
    {"role": Role.ADMIN, "staff_id": str(STAFF_ID)},  # an id given as text
])
def test_an_actor_that_is_neither_a_staff_member_nor_the_desk_cannot_be_made(fields):
    with pytest.raises(ValueError, match="staff member"):
        Actor(desk="R1", **fields)


def test_staff_members_and_the_desk_itself_are_actors():
    member = Actor(desk="R1", role=Role.RECEPTION, staff_id=STAFF_ID, name="Giulia")
    require(member, Permission.CHECK_IN)
    desk = Actor.desk_itself("R1")
    assert desk.is_desk and desk.role is None
    for permission in Permission:
        if permission in DESK_GRANTS:
            require(desk, permission)
        else:
            with pytest.raises(PermissionDenied):
                require(desk, permission)


def test_a_forced_actor_is_still_refused():
    forged = Actor.desk_itself("R1")
    object.__setattr__(forged, "role", Role.ADMIN)  # frozen, but Python lets this through
    for permission in Permission:
        with pytest.raises(PermissionDenied):
            require(forged, permission)
    with pytest.raises(PermissionDenied):
        require(None, Permission.CHECK_OUT)  # type: ignore[arg-type]
