"""Reading and changing the desk's settings (stored in the database, one JSON value per key).

Settings are read with Core statements on the `setting` table, not ORM ones: they are read at
start-up before the first screen shows, and the first ORM statement of a process configures every
mapper first (about 30 ms, measured; services.desk.setup.warm_up does it after start). Pending ORM
changes are flushed first, so a read in a write transaction sees what was just written.

Site settings (domain.settings.SITE_KEYS) are in the synced `site_setting` table, everything else
(this desk's settings and flags) in `setting`; `write_setting` picks the table by the key, so
callers never choose, and a per-desk flag cannot land in a synced table.
"""

from __future__ import annotations

import dataclasses
import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.db.models import Setting, SiteSetting
from frontdesk.domain.ids import reference_id
from frontdesk.domain.roles import Actor, Permission, require
from frontdesk.domain.settings import Settings, is_site_key, validate_change
from frontdesk.services.staff import audit

_FIELDS = {f.name for f in dataclasses.fields(Settings)}


_TABLE = Setting.__table__
_SITE = SiteSetting.__table__


def read_settings(session: Session) -> Settings:
    session.flush()
    desk = {key: value for key, value in session.execute(select(_TABLE.c.key, _TABLE.c.value))
            if not is_site_key(key)}
    site = {key: value for key, value in session.execute(select(_SITE.c.key, _SITE.c.value)) if is_site_key(key)}
    values = {key: json.loads(value) for key, value in {**desk, **site}.items()}
    return Settings(**{k: v for k, v in values.items() if k in _FIELDS})


def get_settings(db) -> Settings:
    with db.read() as session:
        return read_settings(session)


def write_setting(session: Session, key: str, value: object) -> None:
    """Store one setting: a site setting in the synced table, anything else in the desk's own."""
    text = json.dumps(value, ensure_ascii=False)
    if is_site_key(key):
        site = session.get(SiteSetting, reference_id("site_setting", key))
        if site is None:
            session.add(SiteSetting(id=reference_id("site_setting", key), key=key, value=text))
        elif site.value != text:
            site.value = text
        return
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=text))
    else:
        row.value = text


def read_flag(session: Session, key: str, default: object = None) -> object:
    session.flush()
    value = session.scalar(select(_TABLE.c.value).where(_TABLE.c.key == key))
    return default if value is None else json.loads(value)


def update_settings(db, *, changes: dict[str, object], actor: Actor) -> Settings:
    """Validate and store changed settings; audited with before/after values."""
    require(actor, Permission.EDIT_SETTINGS)
    clean = {name: validate_change(name, value) for name, value in changes.items()}
    with db.begin() as session:
        current = read_settings(session)
        diff = {}
        for name, value in clean.items():
            before = getattr(current, name)
            if before != value:
                write_setting(session, name, value)
                diff[name] = [before, value]
        site = {name: change for name, change in diff.items() if is_site_key(name)}
        here = {name: "changed" for name in diff if not is_site_key(name)}
        if site:
            audit.record(session, actor, "settings.update", record_type="setting", record_id="site", changes=site)
        if here:  # the trail (synced) says which of this desk's settings changed, not its paths or printers
            audit.record(session, actor, "settings.update", record_type="setting", record_id=session.info.get(
                "desk", "desk"), changes=here)
        return read_settings(session)
