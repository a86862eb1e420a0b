"""Reading and changing the desk's settings (stored in the database, one JSON value per key).

Settings are read with Core statements on the `setting` table, not ORM ones: they are read at
start-up before the first screen shows, and the first ORM statement of a process configures every
mapper first (about 30 ms, measured; services.desk.setup.warm_up does it after start). Pending ORM
changes are flushed first, so a read in a write transaction sees what was just written.
"""

from __future__ import annotations

import dataclasses
import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.db.models import Setting
from frontdesk.domain.roles import Actor, Permission, require
from frontdesk.domain.settings import Settings, validate_change
from frontdesk.services.staff import audit

_FIELDS = {f.name for f in dataclasses.fields(Settings)}


_TABLE = Setting.__table__


def read_settings(session: Session) -> Settings:
    session.flush()
    rows = session.execute(select(_TABLE.c.key, _TABLE.c.value))
    values = {key: json.loads(value) for key, value in rows}
    return Settings(**{k: v for k, v in values.items() if k in _FIELDS})


def get_settings(db) -> Settings:
    with db.read() as session:
        return read_settings(session)


def write_setting(session: Session, key: str, value: object) -> None:
    row = session.get(Setting, key)
    text = json.dumps(value, ensure_ascii=False)
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
        if diff:
            audit.record(session, actor, "settings.update", record_type="setting", record_id="desk",
                         changes=diff)
        return read_settings(session)
