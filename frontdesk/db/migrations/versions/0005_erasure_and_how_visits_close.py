"""erasure markers on visits and registrations; how a visit was closed, by whom, at which desk

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01

- `visit.closed_by` ('' open, 'system' the evening close, 'person' a check-out by staff): a
  person's check-out outranks the evening close in sync (db.models, Policy.together). Existing
  visits: closed by the system stay 'system'; other visits out with a check-out time are 'person'.
- `visit.checked_out_by`: the staff member who checked the visit out (unknown before: NULL).
- `visit.checked_in_desk`: the desk where the visitor arrived; its evening close is the one that
  closes the visit. Existing visits: the desk that created them.
- `visit.anonymised_at`, `registration.anonymised_at`: set when their visitor is erased, so the
  erasure outranks later changes to their notes (domain.merge.Erasure). Existing rows of a visitor
  already anonymised take the visitor's moment.
The two tables' outbox triggers are dropped first and made again with the new columns; the rows
filled here are not queued (every desk runs this same migration on its own rows).
"""

import sqlalchemy as sa
from alembic import op

from frontdesk.db.models import Registration, Visit
from frontdesk.db.outbox import create_sync_triggers, drop_sync_triggers

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    drop_sync_triggers(op.execute, (Visit, Registration))
    op.add_column('visit', sa.Column('closed_by', sa.String(length=8), nullable=False, server_default=''))
    op.add_column('visit', sa.Column('checked_out_by', sa.Uuid(), nullable=True))
    op.add_column('visit', sa.Column('checked_in_desk', sa.String(length=8), nullable=False, server_default=''))
    op.add_column('visit', sa.Column('anonymised_at', sa.DateTime(), nullable=True))
    op.add_column('registration', sa.Column('anonymised_at', sa.DateTime(), nullable=True))
    conn = op.get_bind()
    conn.exec_driver_sql("UPDATE visit SET closed_by = CASE WHEN closed_by_system THEN 'system' "
                         "WHEN status = 'out' AND checked_out_at IS NOT NULL THEN 'person' ELSE '' END")
    conn.exec_driver_sql("UPDATE visit SET checked_in_desk = created_desk WHERE checked_in_at IS NOT NULL")
    for table in ('visit', 'registration'):
        conn.exec_driver_sql(f"UPDATE {table} SET anonymised_at = (SELECT anonymised_at FROM visitor "
                             f"WHERE visitor.id = {table}.visitor_id)")
    create_sync_triggers(op.execute, (Visit, Registration), bind=op.get_bind())


def downgrade() -> None:
    drop_sync_triggers(op.execute, (Visit, Registration))
    with op.batch_alter_table('registration') as batch:
        batch.drop_column('anonymised_at')
    with op.batch_alter_table('visit') as batch:
        for column in ('anonymised_at', 'checked_in_desk', 'checked_out_by', 'closed_by'):
            batch.drop_column(column)
