"""Usernames are unique across the site: when two desks each made an account with one username
(each desk's first `admin`, made at init), the account the hub received first keeps it and the
other takes the name of its desk: `admin` made at desk R2 becomes `admin.r2` (then `admin.r2.2`,
... if that is taken too). Its id, password, role and history stay: the person who set up desk R2
signs in as `admin.r2` from then on. Shared by the hub (which decides) and the desks (which make
room while the hub's decision is on its way)."""

from __future__ import annotations

from collections.abc import Collection

MAX_USERNAME = 60


def desk_username(username: str, desk: str, taken: Collection[str]) -> str:
    """The name an account called `username`, made at `desk`, takes when `username` is taken."""
    base = f"{username}.{(desk or 'x').lower()}"[:MAX_USERNAME]
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        suffix = f".{n}"
        candidate = base[:MAX_USERNAME - len(suffix)] + suffix
    return candidate
