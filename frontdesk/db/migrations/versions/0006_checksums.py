"""checksums of the synced tables, kept as rows change (sync's verify step)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01

- `sync_table_sum`: each synced table's checksum as this desk holds it (domain.checksum).
- `sync_sum_journal`: what changed since the last verify, filled by the triggers of db.checksums.
- `sync_received`: the audit events received from the hub. A desk that has pulled before has
  received every event of its own not waiting in the outbox (or refused): those are listed.
The sums start empty: the first verify computes each table's from scratch once, then keeps it
up to date from the journal. No synced table is recreated, so no trigger is dropped.
"""

import sqlalchemy as sa
from alembic import op

from frontdesk.db import models as m
from frontdesk.db.checksums import create_sum_triggers, drop_sum_triggers

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

# The tables that sync at this revision (a later one adds the triggers of its own tables).
SYNCED_HERE = (m.Association, m.Service, m.Company, m.Host, m.Visitor, m.Registration, m.Visit, m.Badge,
               m.SiteSetting, m.StaffMember, m.AuditEvent)


def upgrade() -> None:
    op.create_table('sync_table_sum',
    sa.Column('table_name', sa.String(length=40), nullable=False),
    sa.Column('rows', sa.Integer(), nullable=False),
    sa.Column('total', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('table_name', name=op.f('pk_sync_table_sum'))
    )
    op.create_table('sync_sum_journal',
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('table_name', sa.String(length=40), nullable=False),
    sa.Column('row_id', sa.String(length=40), nullable=False),
    sa.Column('old_stamp', sa.String(length=40), nullable=True),
    sa.Column('new_stamp', sa.String(length=40), nullable=True),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_sync_sum_journal')),
    sqlite_autoincrement=True
    )
    op.create_table('sync_received',
    sa.Column('table_name', sa.String(length=40), nullable=False),
    sa.Column('row_id', sa.String(length=40), nullable=False),
    sa.PrimaryKeyConstraint('table_name', 'row_id', name=op.f('pk_sync_received'))
    )
    conn = op.get_bind()
    if conn.exec_driver_sql("SELECT 1 FROM sync_state WHERE key = 'pull_cursor'").first():
        conn.exec_driver_sql(
            "INSERT INTO sync_received (table_name, row_id) SELECT 'audit_event', id FROM audit_event WHERE id NOT IN "
            "(SELECT row_id FROM sync_outbox WHERE table_name = 'audit_event' UNION "
            "SELECT row_id FROM sync_rejected WHERE table_name = 'audit_event')")
    create_sum_triggers(op.execute, SYNCED_HERE)


def downgrade() -> None:
    drop_sum_triggers(op.execute, SYNCED_HERE)
    op.drop_table('sync_received')
    op.drop_table('sync_sum_journal')
    op.drop_table('sync_table_sum')
