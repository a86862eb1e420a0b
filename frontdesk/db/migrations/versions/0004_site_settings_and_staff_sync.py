"""site settings apart from desk settings; staff accounts and site settings join sync

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01

- New synced table `site_setting` (one row per key of domain.settings.SITE_KEYS, its id derived
  from the key, so every desk writes the same row). The site keys a desk already set move there
  from `setting`, which keeps the desk's own settings and flags (desk_code, series_prefix, is_demo).
- `staff_member` becomes synced (failed sign-ins and locks stay local: db.models).
- As in 0003, the rows already there are queued once (not in a demo database), stamped with their
  last change, so a desk that joins a hub hands over its accounts and site settings; then the
  outbox triggers of the two tables are created.
"""

import datetime as dt
import uuid

import sqlalchemy as sa
from alembic import op

from frontdesk.db.models import SiteSetting, StaffMember
from frontdesk.db.outbox import actor_json, create_sync_triggers, synced_fields
from frontdesk.domain.ids import reference_id
from frontdesk.domain.settings import SITE_KEYS

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def _stamp_sql(moment: str, desk: str) -> str:
    return (f"printf('%016x', CAST((julianday({moment}) - 2440587.5) * 86400000 AS INTEGER) * 65536)"
            f" || '.' || coalesce({desk}, '')")


def upgrade() -> None:
    op.create_table('site_setting',
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_desk', sa.String(length=8), nullable=False),
    sa.Column('updated_desk', sa.String(length=8), nullable=False),
    sa.Column('hlc', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_site_setting')),
    sa.UniqueConstraint('key', name=op.f('uq_site_setting_key'))
    )
    conn = op.get_bind()
    desk = conn.exec_driver_sql("SELECT value FROM setting WHERE key = 'desk_code'").scalar()
    desk = (desk or '""').strip('"')
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")
    for key, value in conn.exec_driver_sql("SELECT key, value FROM setting").fetchall():
        if key in SITE_KEYS:
            conn.exec_driver_sql(
                "INSERT INTO site_setting (id, key, value, created_at, updated_at, created_desk, updated_desk, hlc) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, '')", (reference_id("site_setting", key).hex, key, value, now, now,
                                                     desk, desk))
            conn.exec_driver_sql("DELETE FROM setting WHERE key = ?", (key,))

    demo = conn.exec_driver_sql("SELECT value FROM setting WHERE key = 'is_demo'").scalar() == "true"
    # The accounts and settings made before sync existed go as the desk's first administrator's
    # (the hub accepts staff changes from administrators only, hub.staff).
    admin = conn.exec_driver_sql("SELECT id FROM staff_member WHERE role = 'admin' AND active = 1 "
                                 "AND password_hash <> '' ORDER BY created_at LIMIT 1").scalar()
    actor = actor_json(uuid.UUID(hex=admin), "admin") if admin else "{}"
    for model in (SiteSetting, StaffMember) if not demo else ():
        table = model.__tablename__
        fields = synced_fields(model)
        names = "json_array(" + ", ".join(f"'{f}'" for f in fields) + ")"
        data = "json_object(" + ", ".join(f"'{f}', {f}" for f in fields) + ")"
        conn.exec_driver_sql(
            f"INSERT INTO sync_outbox (table_name, row_id, kind, hlc, fields, data, actor) "
            f"SELECT '{table}', id, 'insert', {_stamp_sql('updated_at', 'updated_desk')}, {names}, {data}, ? "
            f"FROM {table} ORDER BY updated_at", (actor,))
    newest = conn.exec_driver_sql("SELECT max(substr(hlc, 1, 16)) FROM sync_outbox").scalar()
    if newest:  # the clock stays past every stamp queued, so the desk's stamps stay unique
        conn.exec_driver_sql("UPDATE sync_state SET number = max(number, ?) WHERE key = 'clock'", (int(newest, 16),))
    create_sync_triggers(op.execute, (SiteSetting, StaffMember), bind=op.get_bind())


def downgrade() -> None:
    for table in ("site_setting", "staff_member"):
        for kind in ("insert", "update", "scrub"):
            op.execute(f"DROP TRIGGER IF EXISTS sync_{table}_{kind}")
    conn = op.get_bind()
    conn.exec_driver_sql("INSERT OR REPLACE INTO setting (key, value) SELECT key, value FROM site_setting")
    op.drop_table('site_setting')
