"""sync outbox, its triggers, and reference rows with the same ids at every desk

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01

- Associations and services get the ids every desk gives them (domain.ids.reference_id), and
  the rows that refer to them follow, so that desks share one row per code through the hub.
- New tables: sync_outbox, sync_rejected, sync_apply, sync_state (the hybrid clock starts at
  the newest change already in the file, or now).
- Every row already in a synced table is queued once, stamped with its last change, so a desk
  that joins a hub hands over what it has (not in a demo database, whose rows are never queued);
  then the outbox triggers (db.outbox) are created.
No synced table is recreated, so no trigger is dropped.
"""

import datetime as dt

import sqlalchemy as sa
from alembic import op

from frontdesk.db.models import Association, AuditEvent, Badge, Company, Host, Registration, Service, Visit, Visitor
from frontdesk.db.outbox import CLOCK_KEY, create_sync_triggers, drop_sync_triggers, synced_fields
from frontdesk.domain.hlc import logical
from frontdesk.domain.ids import reference_id

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

# The tables that sync from this revision on (0004 adds staff accounts and site settings).
SYNCED_HERE = (Association, Service, Company, Host, Visitor, Registration, Visit, Badge, AuditEvent)
_REFERENCES = {"association": [("company", "association_id")],
               "service": [("visit", "service_id"), ("registration", "service_id")]}


def _stamp_sql(moment: str, desk: str) -> str:
    return (f"printf('%016x', CAST((julianday({moment}) - 2440587.5) * 86400000 AS INTEGER) * 65536)"
            f" || '.' || coalesce({desk}, '')")


def upgrade() -> None:
    conn = op.get_bind()
    for table, referrers in _REFERENCES.items():
        for old, code in conn.exec_driver_sql(f"SELECT id, code FROM {table}").fetchall():
            new = reference_id(table, code).hex
            if new == old:
                continue
            conn.exec_driver_sql(f"UPDATE {table} SET id = ? WHERE id = ?", (new, old))
            for referrer, column in referrers:
                conn.exec_driver_sql(f"UPDATE {referrer} SET {column} = ? WHERE {column} = ?", (new, old))

    op.create_table('sync_outbox',
    sa.Column('seq', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('table_name', sa.String(length=40), nullable=False),
    sa.Column('row_id', sa.String(length=40), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('hlc', sa.String(length=40), nullable=False),
    sa.Column('fields', sa.Text(), nullable=False),
    sa.Column('data', sa.Text(), nullable=False),
    sa.Column('actor', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_sync_outbox')),
    sqlite_autoincrement=True,
    )
    op.create_index('ix_sync_outbox_row', 'sync_outbox', ['table_name', 'row_id'], unique=False)
    op.create_table('sync_rejected',
    sa.Column('seq', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('epoch', sa.String(length=20), nullable=False),
    sa.Column('table_name', sa.String(length=40), nullable=False),
    sa.Column('row_id', sa.String(length=40), nullable=False),
    sa.Column('hlc', sa.String(length=40), nullable=False),
    sa.Column('data', sa.Text(), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('seq', 'epoch', name=op.f('pk_sync_rejected'))
    )
    op.create_table('sync_apply',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_apply'))
    )
    op.create_table('sync_state',
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_sync_state'))
    )

    demo = conn.exec_driver_sql("SELECT value FROM setting WHERE key = 'is_demo'").scalar() == "true"
    for model in SYNCED_HERE if not demo else ():  # demo data is never queued (services.demo)
        table = model.__tablename__
        present = {row[1] for row in conn.exec_driver_sql(f"PRAGMA table_info({table})")}
        fields = [f for f in synced_fields(model) if f in present]  # not the columns later migrations add
        moment, desk = ("at", "desk") if table == "audit_event" else ("updated_at", "updated_desk")
        names = "json_array(" + ", ".join(f"'{f}'" for f in fields) + ")"
        data = "json_object(" + ", ".join(f"'{f}', {f}" for f in fields) + ")"
        conn.exec_driver_sql(
            f"INSERT INTO sync_outbox (table_name, row_id, kind, hlc, fields, data, actor) "
            f"SELECT '{table}', id, 'insert', {_stamp_sql(moment, desk)}, {names}, {data}, '{{}}' "
            f"FROM {table} ORDER BY {moment}")
    newest = conn.exec_driver_sql("SELECT max(substr(hlc, 1, 16)) FROM sync_outbox").scalar()
    start = max(int(newest, 16) if newest else 0, logical(dt.datetime.now(dt.UTC)))
    conn.exec_driver_sql("INSERT INTO sync_state (key, value, number) VALUES (?, '', ?)", (CLOCK_KEY, start))
    create_sync_triggers(op.execute, SYNCED_HERE, bind=op.get_bind())


def downgrade() -> None:
    drop_sync_triggers(op.execute, SYNCED_HERE)
    op.drop_table('sync_state')
    op.drop_table('sync_apply')
    op.drop_table('sync_rejected')
    op.drop_index('ix_sync_outbox_row', table_name='sync_outbox')
    op.drop_table('sync_outbox')
