"""The site's badge key ring at the hub (DESIGN rule 10).

A desk hands over the keys of its ring (its own signing key, and those it already received) and
gets the site's whole ring back, over the authenticated channel only (the desk's token; TLS in
production). A key id is kept with the first key handed over under it: a later, different key
under the same id (40 random bits: a clash is unlikely, a forger trying to replace a key is not)
is never stored and is named in the answer. Keys are never deleted: old badges keep verifying.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import Engine

from frontdesk.hub.desks import Desk
from frontdesk.hub.models import HubBadgeKey

KEY_ID = re.compile(r"^[A-Z0-9]{1,16}$")  # the desks' rule (services.desk.keyring)
MIN_KEY, MAX_KEY = 16, 64


@dataclass(frozen=True)
class Exchange:
    ring: dict[str, bytes]
    refused: list[str]  # ids handed over with a key other than the site's


def valid_key(key_id: str, key: bytes) -> bool:
    return bool(KEY_ID.match(key_id)) and MIN_KEY <= len(key) <= MAX_KEY


def exchange(engine: Engine, *, desk: Desk, keys: Mapping[str, bytes]) -> Exchange:
    table = HubBadgeKey.__table__
    with engine.begin() as conn:
        if keys:
            conn.execute(insert(table).values([{"key_id": k, "key": v, "desk_id": desk.id}
                                               for k, v in sorted(keys.items())]).on_conflict_do_nothing())
        ring = {row.key_id: bytes(row.key) for row in conn.execute(select(table.c.key_id, table.c.key))}
    return Exchange(ring, sorted(k for k, v in keys.items() if ring.get(k) != v))
