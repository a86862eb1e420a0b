"""the lab's automatic plan

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02

- lab_test gains `pinned` (the automatic plan leaves its slot) and a flag for the lab manager with
  its reason (`plan_flag`, `plan_flag_reason`: moved off a machine that went out of service, or
  interrupted by it). Existing tests are neither pinned nor flagged.
- lab_request gains the report date promised at intake (`promised_on`); older requests have none.
- lab_plan_run (each computation of the plan, with what it could not place and what will be late)
  joins sync, append-only. The changed tables' sync triggers are made again (db.outbox).
"""

import sqlalchemy as sa
from alembic import op

from frontdesk.db import lab_models as lab
from frontdesk.db.checksums import create_sum_triggers, drop_sum_triggers
from frontdesk.db.outbox import create_sync_triggers, drop_sync_triggers

CHANGED = (lab.TestJob, lab.LabRequest)
SYNCED_HERE = (lab.PlanRun,)

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    drop_sync_triggers(op.execute, CHANGED)
    drop_sum_triggers(op.execute, CHANGED)
    op.create_table('lab_plan_run',
    sa.Column('made_at', sa.DateTime(), nullable=False),
    sa.Column('made_by', sa.Uuid(), nullable=True),
    sa.Column('made_by_name', sa.String(length=200), nullable=False),
    sa.Column('cause', sa.String(length=12), nullable=False),
    sa.Column('tests', sa.Integer(), nullable=False),
    sa.Column('moved', sa.Integer(), nullable=False),
    sa.Column('late', sa.Integer(), nullable=False),
    sa.Column('unplaced', sa.Integer(), nullable=False),
    sa.Column('elapsed_ms', sa.Integer(), nullable=False),
    sa.Column('details', sa.Text(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_desk', sa.String(length=8), nullable=False),
    sa.Column('updated_desk', sa.String(length=8), nullable=False),
    sa.Column('hlc', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lab_plan_run'))
    )
    with op.batch_alter_table('lab_plan_run', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_lab_plan_run_made_at'), ['made_at'], unique=False)
    with op.batch_alter_table('lab_test', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pinned', sa.Boolean(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('plan_flag', sa.String(length=12), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('plan_flag_reason', sa.String(length=300), nullable=False, server_default=''))
    with op.batch_alter_table('lab_request', schema=None) as batch_op:
        batch_op.add_column(sa.Column('promised_on', sa.Date(), nullable=True))
    create_sync_triggers(op.execute, (*CHANGED, *SYNCED_HERE), bind=op.get_bind())
    create_sum_triggers(op.execute, (*CHANGED, *SYNCED_HERE))


def downgrade() -> None:
    drop_sum_triggers(op.execute, (*CHANGED, *SYNCED_HERE))
    drop_sync_triggers(op.execute, (*CHANGED, *SYNCED_HERE))
    op.drop_table('lab_plan_run')
    with op.batch_alter_table('lab_request', schema=None) as batch_op:
        batch_op.drop_column('promised_on')
    with op.batch_alter_table('lab_test', schema=None) as batch_op:
        for name in ('plan_flag_reason', 'plan_flag', 'pinned'):
            batch_op.drop_column(name)
    create_sync_triggers(op.execute, CHANGED, bind=op.get_bind())
    create_sum_triggers(op.execute, CHANGED)
