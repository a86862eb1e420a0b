"""the lab's runs, results, raw files and reports

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02

- lab_test gains its run: the round (a reopen raises it), the stage (round and status as one
  forward-only number, db.lab_models.stage_of), the pause flag, who started, completed
  and verified it and when, the reopen's reason, and whether it was sent to an external lab.
  Existing tests are in their first round. The table's sync triggers are made again with the new
  columns (db.outbox).
- company gains the language of the lab's reports for that customer (Italian unless set).
- lab_result (result versions), lab_attachment (raw files) and lab_report (issued reports and
  their revisions) join sync, all three append-only.
"""

import sqlalchemy as sa
from alembic import op

from frontdesk.db import lab_models as lab
from frontdesk.db.checksums import create_sum_triggers, drop_sum_triggers
from frontdesk.db.models import Company
from frontdesk.db.outbox import create_sync_triggers, drop_sync_triggers

# The tables that join sync at this revision.
SYNCED_HERE = (lab.TestResult, lab.Attachment, lab.LabReport)

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    drop_sync_triggers(op.execute, (lab.TestJob, Company))
    drop_sum_triggers(op.execute, (lab.TestJob,))
    with op.batch_alter_table('company', schema=None) as batch_op:
        batch_op.add_column(sa.Column('report_language', sa.String(length=5), nullable=False, server_default='it'))
    op.create_table('lab_report',
    sa.Column('number', sa.String(length=40), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('replaces_id', sa.Uuid(), nullable=True),
    sa.Column('request_id', sa.Uuid(), nullable=False),
    sa.Column('sample_id', sa.Uuid(), nullable=True),
    sa.Column('language', sa.String(length=5), nullable=False),
    sa.Column('issued_at', sa.DateTime(), nullable=False),
    sa.Column('authorised_by', sa.Uuid(), nullable=True),
    sa.Column('authorised_by_name', sa.String(length=200), nullable=False),
    sa.Column('customer_name', sa.String(length=300), nullable=False),
    sa.Column('contact_name', sa.String(length=200), nullable=False),
    sa.Column('contact_email', sa.String(length=200), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('changes', sa.Text(), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('pdf_sha256', sa.String(length=64), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_desk', sa.String(length=8), nullable=False),
    sa.Column('updated_desk', sa.String(length=8), nullable=False),
    sa.Column('hlc', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['replaces_id'], ['lab_report.id'], name=op.f('fk_lab_report_replaces_id_lab_report')),
    sa.ForeignKeyConstraint(['request_id'], ['lab_request.id'], name=op.f('fk_lab_report_request_id_lab_request')),
    sa.ForeignKeyConstraint(['sample_id'], ['lab_sample.id'], name=op.f('fk_lab_report_sample_id_lab_sample')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lab_report'))
    )
    with op.batch_alter_table('lab_report', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_lab_report_number'), ['number'], unique=False)
        batch_op.create_index(batch_op.f('ix_lab_report_request_id'), ['request_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_lab_report_sample_id'), ['sample_id'], unique=False)

    op.create_table('lab_attachment',
    sa.Column('test_id', sa.Uuid(), nullable=False),
    sa.Column('round', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('media_type', sa.String(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('content_b64', sa.Text(), nullable=False),
    sa.Column('description', sa.String(length=300), nullable=False),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.Column('added_by', sa.Uuid(), nullable=True),
    sa.Column('added_by_name', sa.String(length=200), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_desk', sa.String(length=8), nullable=False),
    sa.Column('updated_desk', sa.String(length=8), nullable=False),
    sa.Column('hlc', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['test_id'], ['lab_test.id'], name=op.f('fk_lab_attachment_test_id_lab_test')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lab_attachment'))
    )
    with op.batch_alter_table('lab_attachment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_lab_attachment_test_id'), ['test_id'], unique=False)

    op.create_table('lab_result',
    sa.Column('test_id', sa.Uuid(), nullable=False),
    sa.Column('round', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('readings', sa.Text(), nullable=False),
    sa.Column('conditions', sa.Text(), nullable=False),
    sa.Column('deviations', sa.Text(), nullable=False),
    sa.Column('equipment_id', sa.Uuid(), nullable=True),
    sa.Column('equipment_label', sa.String(length=300), nullable=False),
    sa.Column('entered_at', sa.DateTime(), nullable=False),
    sa.Column('entered_by', sa.Uuid(), nullable=True),
    sa.Column('entered_by_name', sa.String(length=200), nullable=False),
    sa.Column('reason', sa.String(length=500), nullable=False),
    sa.Column('external', sa.Boolean(), nullable=False),
    sa.Column('provider', sa.String(length=200), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_desk', sa.String(length=8), nullable=False),
    sa.Column('updated_desk', sa.String(length=8), nullable=False),
    sa.Column('hlc', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['equipment_id'], ['lab_equipment.id'], name=op.f('fk_lab_result_equipment_id_lab_equipment')),
    sa.ForeignKeyConstraint(['test_id'], ['lab_test.id'], name=op.f('fk_lab_result_test_id_lab_test')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lab_result'))
    )
    with op.batch_alter_table('lab_result', schema=None) as batch_op:
        batch_op.create_index('ix_lab_result_test_round', ['test_id', 'round', 'version'], unique=False)

    with op.batch_alter_table('lab_test', schema=None) as batch_op:
        batch_op.add_column(sa.Column('round', sa.Integer(), nullable=False, server_default='1'))
        batch_op.add_column(sa.Column('stage', sa.Integer(), nullable=False, server_default='10'))
        batch_op.add_column(sa.Column('paused', sa.Boolean(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('started_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('started_by', sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column('completed_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('completed_by', sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column('verified_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('verified_by', sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column('reopen_reason', sa.String(length=300), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('subcontracted', sa.Boolean(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('subcontractor', sa.String(length=200), nullable=False, server_default=''))
        batch_op.create_index('ix_lab_test_status', ['status'], unique=False)
        batch_op.create_index('ix_lab_test_technician_start', ['technician_id', 'planned_start'], unique=False)
    ranks = " ".join(f"WHEN '{status}' THEN {rank}" for status, rank in lab.TEST_STATUS_RANK.items())
    op.execute(f"UPDATE lab_test SET stage = 10 + CASE status {ranks} ELSE 0 END")  # before the triggers
    create_sync_triggers(op.execute, (lab.TestJob, Company, *SYNCED_HERE), bind=op.get_bind())
    create_sum_triggers(op.execute, (lab.TestJob, *SYNCED_HERE))


def downgrade() -> None:
    drop_sum_triggers(op.execute, (lab.TestJob, *SYNCED_HERE))
    drop_sync_triggers(op.execute, (lab.TestJob, Company, *SYNCED_HERE))
    with op.batch_alter_table('company', schema=None) as batch_op:
        batch_op.drop_column('report_language')
    op.drop_table('lab_result')
    op.drop_table('lab_attachment')
    op.drop_table('lab_report')
    with op.batch_alter_table('lab_test', schema=None) as batch_op:
        batch_op.drop_index('ix_lab_test_technician_start')
        batch_op.drop_index('ix_lab_test_status')
        for name in ('subcontractor', 'subcontracted', 'reopen_reason', 'verified_by', 'verified_at',
                     'completed_by', 'completed_at', 'started_by', 'started_at', 'paused', 'stage', 'round'):
            batch_op.drop_column(name)
    create_sync_triggers(op.execute, (lab.TestJob, Company), bind=op.get_bind())
    create_sum_triggers(op.execute, (lab.TestJob,))
