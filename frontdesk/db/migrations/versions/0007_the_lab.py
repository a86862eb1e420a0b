"""the lab: catalogue, equipment, calendar, intake, tests, custody

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01

The lab's tables (db.lab_models), all synced: their outbox and checksum triggers are created
here. They start empty; the catalogue is loaded from resources/lab/ by the reference loader.
"""

import sqlalchemy as sa
from alembic import op

from frontdesk.db import lab_models as lab
from frontdesk.db.checksums import create_sum_triggers, drop_sum_triggers
from frontdesk.db.outbox import create_sync_triggers, drop_sync_triggers

# The tables that join sync at this revision.
SYNCED_HERE = (lab.TestType, lab.Authorisation, lab.Equipment, lab.Calibration, lab.OutOfService, lab.LabClosure,
               lab.TechnicianDays, lab.Absence, lab.LabRequest, lab.Sample, lab.TestJob, lab.CustodyEvent)


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('lab_closure',
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('reason', sa.String(length=300), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_desk', sa.String(length=8), nullable=False),
    sa.Column('updated_desk', sa.String(length=8), nullable=False),
    sa.Column('hlc', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lab_closure'))
    )
    op.create_table('lab_equipment',
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('room', sa.String(length=100), nullable=False),
    sa.Column('manufacturer', sa.String(length=200), nullable=False),
    sa.Column('model', sa.String(length=200), nullable=False),
    sa.Column('serial', sa.String(length=100), nullable=False),
    sa.Column('firmware', sa.String(length=100), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('continuous', sa.Boolean(), nullable=False),
    sa.Column('hours_from', sa.String(length=5), nullable=False),
    sa.Column('hours_to', sa.String(length=5), nullable=False),
    sa.Column('weekdays', sa.String(length=7), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_desk', sa.String(length=8), nullable=False),
    sa.Column('updated_desk', sa.String(length=8), nullable=False),
    sa.Column('hlc', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lab_equipment')),
    sa.UniqueConstraint('code', name=op.f('uq_lab_equipment_code'))
    )
    with op.batch_alter_table('lab_equipment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_lab_equipment_kind'), ['kind'], unique=False)

    op.create_table('lab_test_type',
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name_it', sa.String(length=200), nullable=False),
    sa.Column('name_en', sa.String(length=200), nullable=False),
    sa.Column('standard', sa.String(length=200), nullable=False),
    sa.Column('method', sa.Text(), nullable=False),
    sa.Column('accredited', sa.Boolean(), nullable=False),
    sa.Column('equipment_kind', sa.String(length=40), nullable=False),
    sa.Column('duration_min', sa.Integer(), nullable=False),
    sa.Column('prep_min', sa.Integer(), nullable=False),
    sa.Column('hours_min', sa.Integer(), nullable=True),
    sa.Column('hours_max', sa.Integer(), nullable=True),
    sa.Column('price_cents', sa.Integer(), nullable=False),
    sa.Column('member_price_cents', sa.Integer(), nullable=False),
    sa.Column('vat_rate', sa.String(length=8), nullable=False),
    sa.Column('result_fields', sa.Text(), nullable=False),
    sa.Column('conditions', sa.Text(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('sort', sa.Integer(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_desk', sa.String(length=8), nullable=False),
    sa.Column('updated_desk', sa.String(length=8), nullable=False),
    sa.Column('hlc', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lab_test_type')),
    sa.UniqueConstraint('code', name=op.f('uq_lab_test_type_code'))
    )
    op.create_table('lab_absence',
    sa.Column('staff_id', sa.Uuid(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('reason', sa.String(length=300), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_desk', sa.String(length=8), nullable=False),
    sa.Column('updated_desk', sa.String(length=8), nullable=False),
    sa.Column('hlc', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['staff_id'], ['staff_member.id'], name=op.f('fk_lab_absence_staff_id_staff_member')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lab_absence'))
    )
    with op.batch_alter_table('lab_absence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_lab_absence_staff_id'), ['staff_id'], unique=False)

    op.create_table('lab_authorisation',
    sa.Column('staff_id', sa.Uuid(), nullable=False),
    sa.Column('test_type_id', sa.Uuid(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_desk', sa.String(length=8), nullable=False),
    sa.Column('updated_desk', sa.String(length=8), nullable=False),
    sa.Column('hlc', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['staff_id'], ['staff_member.id'], name=op.f('fk_lab_authorisation_staff_id_staff_member')),
    sa.ForeignKeyConstraint(['test_type_id'], ['lab_test_type.id'], name=op.f('fk_lab_authorisation_test_type_id_lab_test_type')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lab_authorisation'))
    )
    with op.batch_alter_table('lab_authorisation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_lab_authorisation_staff_id'), ['staff_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_lab_authorisation_test_type_id'), ['test_type_id'], unique=False)

    op.create_table('lab_calibration',
    sa.Column('equipment_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('performed_on', sa.Date(), nullable=False),
    sa.Column('result', sa.String(length=12), nullable=False),
    sa.Column('next_due', sa.Date(), nullable=False),
    sa.Column('certificate', sa.String(length=200), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_desk', sa.String(length=8), nullable=False),
    sa.Column('updated_desk', sa.String(length=8), nullable=False),
    sa.Column('hlc', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['equipment_id'], ['lab_equipment.id'], name=op.f('fk_lab_calibration_equipment_id_lab_equipment')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lab_calibration'))
    )
    with op.batch_alter_table('lab_calibration', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_lab_calibration_equipment_id'), ['equipment_id'], unique=False)

    op.create_table('lab_out_of_service',
    sa.Column('equipment_id', sa.Uuid(), nullable=False),
    sa.Column('starts_at', sa.DateTime(), nullable=False),
    sa.Column('ends_at', sa.DateTime(), nullable=True),
    sa.Column('reason', sa.String(length=300), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_desk', sa.String(length=8), nullable=False),
    sa.Column('updated_desk', sa.String(length=8), nullable=False),
    sa.Column('hlc', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['equipment_id'], ['lab_equipment.id'], name=op.f('fk_lab_out_of_service_equipment_id_lab_equipment')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lab_out_of_service'))
    )
    with op.batch_alter_table('lab_out_of_service', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_lab_out_of_service_equipment_id'), ['equipment_id'], unique=False)

    op.create_table('lab_technician_days',
    sa.Column('staff_id', sa.Uuid(), nullable=False),
    sa.Column('weekdays', sa.String(length=7), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_desk', sa.String(length=8), nullable=False),
    sa.Column('updated_desk', sa.String(length=8), nullable=False),
    sa.Column('hlc', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['staff_id'], ['staff_member.id'], name=op.f('fk_lab_technician_days_staff_id_staff_member')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lab_technician_days')),
    sa.UniqueConstraint('staff_id', name=op.f('uq_lab_technician_days_staff_id'))
    )
    op.create_table('lab_request',
    sa.Column('number', sa.String(length=30), nullable=False),
    sa.Column('company_id', sa.Uuid(), nullable=False),
    sa.Column('contact_id', sa.Uuid(), nullable=True),
    sa.Column('contact_name', sa.String(length=200), nullable=False),
    sa.Column('contact_email', sa.String(length=200), nullable=False),
    sa.Column('contact_phone', sa.String(length=50), nullable=False),
    sa.Column('visit_id', sa.Uuid(), nullable=True),
    sa.Column('received_at', sa.DateTime(), nullable=False),
    sa.Column('received_by', sa.Uuid(), nullable=True),
    sa.Column('received_by_name', sa.String(length=200), nullable=False),
    sa.Column('priority', sa.String(length=8), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('conformity', sa.Boolean(), nullable=False),
    sa.Column('specification', sa.String(length=300), nullable=False),
    sa.Column('decision_rule', sa.String(length=40), nullable=False),
    sa.Column('agreed_at', sa.DateTime(), nullable=True),
    sa.Column('agreed_by', sa.String(length=200), nullable=False),
    sa.Column('member_prices', sa.Boolean(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('cancelled_at', sa.DateTime(), nullable=True),
    sa.Column('cancel_reason', sa.String(length=300), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_desk', sa.String(length=8), nullable=False),
    sa.Column('updated_desk', sa.String(length=8), nullable=False),
    sa.Column('hlc', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['company_id'], ['company.id'], name=op.f('fk_lab_request_company_id_company')),
    sa.ForeignKeyConstraint(['contact_id'], ['visitor.id'], name=op.f('fk_lab_request_contact_id_visitor')),
    sa.ForeignKeyConstraint(['visit_id'], ['visit.id'], name=op.f('fk_lab_request_visit_id_visit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lab_request')),
    sa.UniqueConstraint('number', name=op.f('uq_lab_request_number'))
    )
    with op.batch_alter_table('lab_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_lab_request_company_id'), ['company_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_lab_request_contact_id'), ['contact_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_lab_request_received_at'), ['received_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_lab_request_visit_id'), ['visit_id'], unique=False)

    op.create_table('lab_sample',
    sa.Column('lab_id', sa.String(length=40), nullable=False),
    sa.Column('request_id', sa.Uuid(), nullable=False),
    sa.Column('parent_id', sa.Uuid(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('material', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('condition', sa.Text(), nullable=False),
    sa.Column('deviations', sa.Text(), nullable=False),
    sa.Column('customer_answer', sa.Text(), nullable=False),
    sa.Column('customer_info', sa.Text(), nullable=False),
    sa.Column('label_token', sa.String(length=200), nullable=False),
    sa.Column('received_at', sa.DateTime(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_desk', sa.String(length=8), nullable=False),
    sa.Column('updated_desk', sa.String(length=8), nullable=False),
    sa.Column('hlc', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['parent_id'], ['lab_sample.id'], name=op.f('fk_lab_sample_parent_id_lab_sample')),
    sa.ForeignKeyConstraint(['request_id'], ['lab_request.id'], name=op.f('fk_lab_sample_request_id_lab_request')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lab_sample')),
    sa.UniqueConstraint('lab_id', name=op.f('uq_lab_sample_lab_id'))
    )
    with op.batch_alter_table('lab_sample', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_lab_sample_parent_id'), ['parent_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_lab_sample_request_id'), ['request_id'], unique=False)

    op.create_table('lab_test',
    sa.Column('sample_id', sa.Uuid(), nullable=False),
    sa.Column('test_type_id', sa.Uuid(), nullable=False),
    sa.Column('hours', sa.Integer(), nullable=True),
    sa.Column('parameters', sa.Text(), nullable=False),
    sa.Column('price_cents', sa.Integer(), nullable=False),
    sa.Column('vat_rate', sa.String(length=8), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('equipment_id', sa.Uuid(), nullable=True),
    sa.Column('planned_start', sa.DateTime(), nullable=True),
    sa.Column('planned_end', sa.DateTime(), nullable=True),
    sa.Column('technician_id', sa.Uuid(), nullable=True),
    sa.Column('cancel_reason', sa.String(length=300), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_desk', sa.String(length=8), nullable=False),
    sa.Column('updated_desk', sa.String(length=8), nullable=False),
    sa.Column('hlc', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['equipment_id'], ['lab_equipment.id'], name=op.f('fk_lab_test_equipment_id_lab_equipment')),
    sa.ForeignKeyConstraint(['sample_id'], ['lab_sample.id'], name=op.f('fk_lab_test_sample_id_lab_sample')),
    sa.ForeignKeyConstraint(['technician_id'], ['staff_member.id'], name=op.f('fk_lab_test_technician_id_staff_member')),
    sa.ForeignKeyConstraint(['test_type_id'], ['lab_test_type.id'], name=op.f('fk_lab_test_test_type_id_lab_test_type')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lab_test'))
    )
    with op.batch_alter_table('lab_test', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_lab_test_equipment_id'), ['equipment_id'], unique=False)
        batch_op.create_index('ix_lab_test_equipment_start', ['equipment_id', 'planned_start'], unique=False)
        batch_op.create_index(batch_op.f('ix_lab_test_sample_id'), ['sample_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_lab_test_test_type_id'), ['test_type_id'], unique=False)

    op.create_table('lab_custody_event',
    sa.Column('sample_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('actor_id', sa.Uuid(), nullable=True),
    sa.Column('actor_label', sa.String(length=200), nullable=False),
    sa.Column('location', sa.String(length=200), nullable=False),
    sa.Column('keep_until', sa.Date(), nullable=True),
    sa.Column('test_id', sa.Uuid(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_desk', sa.String(length=8), nullable=False),
    sa.Column('updated_desk', sa.String(length=8), nullable=False),
    sa.Column('hlc', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['sample_id'], ['lab_sample.id'], name=op.f('fk_lab_custody_event_sample_id_lab_sample')),
    sa.ForeignKeyConstraint(['test_id'], ['lab_test.id'], name=op.f('fk_lab_custody_event_test_id_lab_test')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lab_custody_event'))
    )
    with op.batch_alter_table('lab_custody_event', schema=None) as batch_op:
        batch_op.create_index('ix_lab_custody_event_sample_at', ['sample_id', 'at'], unique=False)
    create_sync_triggers(op.execute, SYNCED_HERE, bind=op.get_bind())
    create_sum_triggers(op.execute, SYNCED_HERE)


def downgrade() -> None:
    drop_sum_triggers(op.execute, SYNCED_HERE)
    drop_sync_triggers(op.execute, SYNCED_HERE)
    with op.batch_alter_table('lab_custody_event', schema=None) as batch_op:
        batch_op.drop_index('ix_lab_custody_event_sample_at')

    op.drop_table('lab_custody_event')
    with op.batch_alter_table('lab_test', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_lab_test_test_type_id'))
        batch_op.drop_index(batch_op.f('ix_lab_test_sample_id'))
        batch_op.drop_index('ix_lab_test_equipment_start')
        batch_op.drop_index(batch_op.f('ix_lab_test_equipment_id'))

    op.drop_table('lab_test')
    with op.batch_alter_table('lab_sample', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_lab_sample_request_id'))
        batch_op.drop_index(batch_op.f('ix_lab_sample_parent_id'))

    op.drop_table('lab_sample')
    with op.batch_alter_table('lab_request', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_lab_request_visit_id'))
        batch_op.drop_index(batch_op.f('ix_lab_request_received_at'))
        batch_op.drop_index(batch_op.f('ix_lab_request_contact_id'))
        batch_op.drop_index(batch_op.f('ix_lab_request_company_id'))

    op.drop_table('lab_request')
    op.drop_table('lab_technician_days')
    with op.batch_alter_table('lab_out_of_service', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_lab_out_of_service_equipment_id'))

    op.drop_table('lab_out_of_service')
    with op.batch_alter_table('lab_calibration', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_lab_calibration_equipment_id'))

    op.drop_table('lab_calibration')
    with op.batch_alter_table('lab_authorisation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_lab_authorisation_test_type_id'))
        batch_op.drop_index(batch_op.f('ix_lab_authorisation_staff_id'))

    op.drop_table('lab_authorisation')
    with op.batch_alter_table('lab_absence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_lab_absence_staff_id'))

    op.drop_table('lab_absence')
    op.drop_table('lab_test_type')
    with op.batch_alter_table('lab_equipment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_lab_equipment_kind'))

    op.drop_table('lab_equipment')
    op.drop_table('lab_closure')
    create_sum_triggers(op.execute, ())  # the triggers of sync_received, dropped with the others
