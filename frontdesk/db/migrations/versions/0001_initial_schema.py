"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-25
"""

from alembic import op
import sqlalchemy as sa

from frontdesk.db.triggers import TRIGGERS, create_all_triggers



revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('association',
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('sort', sa.Integer(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_desk', sa.String(length=8), nullable=False),
    sa.Column('updated_desk', sa.String(length=8), nullable=False),
    sa.Column('hlc', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_association')),
    sa.UniqueConstraint('code', name=op.f('uq_association_code'))
    )
    op.create_table('audit_event',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('desk', sa.String(length=8), nullable=False),
    sa.Column('actor_id', sa.Uuid(), nullable=True),
    sa.Column('actor_label', sa.String(length=200), nullable=False),
    sa.Column('record_type', sa.String(length=40), nullable=False),
    sa.Column('record_id', sa.String(length=40), nullable=False),
    sa.Column('action', sa.String(length=60), nullable=False),
    sa.Column('changes', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_event'))
    )
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_event_actor_id'), ['actor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_event_at'), ['at'], unique=False)
        batch_op.create_index('ix_audit_event_record', ['record_type', 'record_id'], unique=False)

    op.create_table('badge',
    sa.Column('number', sa.String(length=30), nullable=False),
    sa.Column('subject_kind', sa.String(length=12), nullable=False),
    sa.Column('subject_id', sa.Uuid(), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('valid_to', sa.Date(), nullable=False),
    sa.Column('key_id', sa.String(length=40), nullable=False),
    sa.Column('superseded_at', sa.DateTime(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_desk', sa.String(length=8), nullable=False),
    sa.Column('updated_desk', sa.String(length=8), nullable=False),
    sa.Column('hlc', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_badge')),
    sa.UniqueConstraint('number', name=op.f('uq_badge_number'))
    )
    with op.batch_alter_table('badge', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_badge_subject_id'), ['subject_id'], unique=False)

    op.create_table('host',
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('organisation', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.Column('phone', sa.String(length=50), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_desk', sa.String(length=8), nullable=False),
    sa.Column('updated_desk', sa.String(length=8), nullable=False),
    sa.Column('hlc', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_host'))
    )
    op.create_table('number_series',
    sa.Column('name', sa.String(length=30), nullable=False),
    sa.Column('prefix', sa.String(length=12), nullable=False),
    sa.Column('last_value', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('name', 'prefix', name=op.f('pk_number_series'))
    )
    op.create_table('service',
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name_it', sa.String(length=200), nullable=False),
    sa.Column('name_en', sa.String(length=200), nullable=False),
    sa.Column('sort', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_desk', sa.String(length=8), nullable=False),
    sa.Column('updated_desk', sa.String(length=8), nullable=False),
    sa.Column('hlc', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service')),
    sa.UniqueConstraint('code', name=op.f('uq_service_code'))
    )
    op.create_table('setting',
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_setting'))
    )
    op.create_table('staff_member',
    sa.Column('username', sa.String(length=60), nullable=False),
    sa.Column('display_name', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('password_hash', sa.String(length=300), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('failed_attempts', sa.Integer(), nullable=False),
    sa.Column('locked_until', sa.DateTime(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_desk', sa.String(length=8), nullable=False),
    sa.Column('updated_desk', sa.String(length=8), nullable=False),
    sa.Column('hlc', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_member')),
    sa.UniqueConstraint('username', name=op.f('uq_staff_member_username'))
    )
    op.create_table('company',
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('name_key', sa.String(length=200), nullable=False),
    sa.Column('search_key', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('vat_number', sa.String(length=20), nullable=False),
    sa.Column('fiscal_code', sa.String(length=20), nullable=False),
    sa.Column('sdi_code', sa.String(length=7), nullable=False),
    sa.Column('pec', sa.String(length=200), nullable=False),
    sa.Column('address', sa.String(length=300), nullable=False),
    sa.Column('city', sa.String(length=100), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.Column('phone', sa.String(length=50), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('association_id', sa.Uuid(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_desk', sa.String(length=8), nullable=False),
    sa.Column('updated_desk', sa.String(length=8), nullable=False),
    sa.Column('hlc', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['association_id'], ['association.id'], name=op.f('fk_company_association_id_association')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_company'))
    )
    with op.batch_alter_table('company', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_company_name_key'), ['name_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_company_vat_number'), ['vat_number'], unique=False)

    op.create_table('visitor',
    sa.Column('first_name', sa.String(length=200), nullable=False),
    sa.Column('last_name', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.Column('phone', sa.String(length=50), nullable=False),
    sa.Column('search_key', sa.Text(), nullable=False),
    sa.Column('company_id', sa.Uuid(), nullable=True),
    sa.Column('last_visit_at', sa.DateTime(), nullable=True),
    sa.Column('privacy_notice_version', sa.String(length=20), nullable=False),
    sa.Column('privacy_ack_at', sa.DateTime(), nullable=True),
    sa.Column('newsletter_consent', sa.Boolean(), nullable=False),
    sa.Column('anonymised_at', sa.DateTime(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_desk', sa.String(length=8), nullable=False),
    sa.Column('updated_desk', sa.String(length=8), nullable=False),
    sa.Column('hlc', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['company_id'], ['company.id'], name=op.f('fk_visitor_company_id_company')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visitor'))
    )
    with op.batch_alter_table('visitor', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_visitor_company_id'), ['company_id'], unique=False)
        batch_op.create_index('ix_visitor_recency', ['last_visit_at', 'search_key', 'id'], unique=False)

    op.create_table('registration',
    sa.Column('visitor_id', sa.Uuid(), nullable=False),
    sa.Column('service_id', sa.Uuid(), nullable=False),
    sa.Column('host_id', sa.Uuid(), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('valid_to', sa.Date(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('cancelled_at', sa.DateTime(), nullable=True),
    sa.Column('cancel_reason', sa.String(length=300), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_desk', sa.String(length=8), nullable=False),
    sa.Column('updated_desk', sa.String(length=8), nullable=False),
    sa.Column('hlc', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['host_id'], ['host.id'], name=op.f('fk_registration_host_id_host')),
    sa.ForeignKeyConstraint(['service_id'], ['service.id'], name=op.f('fk_registration_service_id_service')),
    sa.ForeignKeyConstraint(['visitor_id'], ['visitor.id'], name=op.f('fk_registration_visitor_id_visitor')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_registration'))
    )
    with op.batch_alter_table('registration', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_registration_valid_to'), ['valid_to'], unique=False)
        batch_op.create_index(batch_op.f('ix_registration_visitor_id'), ['visitor_id'], unique=False)

    op.create_table('visitor_search_term',
    sa.Column('term', sa.String(length=100), nullable=False),
    sa.Column('last_visit_at', sa.String(length=32), nullable=False),
    sa.Column('visitor_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['visitor_id'], ['visitor.id'], name=op.f('fk_visitor_search_term_visitor_id_visitor'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('term', 'last_visit_at', 'visitor_id', name=op.f('pk_visitor_search_term'))
    )
    with op.batch_alter_table('visitor_search_term', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_visitor_search_term_visitor_id'), ['visitor_id'], unique=False)

    op.create_table('visit',
    sa.Column('visitor_id', sa.Uuid(), nullable=False),
    sa.Column('service_id', sa.Uuid(), nullable=False),
    sa.Column('host_id', sa.Uuid(), nullable=True),
    sa.Column('registration_id', sa.Uuid(), nullable=True),
    sa.Column('expected_on', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('checked_in_at', sa.DateTime(), nullable=True),
    sa.Column('checked_out_at', sa.DateTime(), nullable=True),
    sa.Column('closed_by_system', sa.Boolean(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('cancel_reason', sa.String(length=300), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_desk', sa.String(length=8), nullable=False),
    sa.Column('updated_desk', sa.String(length=8), nullable=False),
    sa.Column('hlc', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['host_id'], ['host.id'], name=op.f('fk_visit_host_id_host')),
    sa.ForeignKeyConstraint(['registration_id'], ['registration.id'], name=op.f('fk_visit_registration_id_registration')),
    sa.ForeignKeyConstraint(['service_id'], ['service.id'], name=op.f('fk_visit_service_id_service')),
    sa.ForeignKeyConstraint(['visitor_id'], ['visitor.id'], name=op.f('fk_visit_visitor_id_visitor')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visit'))
    )
    with op.batch_alter_table('visit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_visit_checked_in_at'), ['checked_in_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_visit_expected_on'), ['expected_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_visit_registration_id'), ['registration_id'], unique=False)
        batch_op.create_index('ix_visit_status', ['status'], unique=False)
        batch_op.create_index('ix_visit_visitor_in', ['visitor_id', 'checked_in_at'], unique=False)

    create_all_triggers(op.execute)


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    with op.batch_alter_table('visit', schema=None) as batch_op:
        batch_op.drop_index('ix_visit_visitor_in')
        batch_op.drop_index('ix_visit_status')
        batch_op.drop_index(batch_op.f('ix_visit_registration_id'))
        batch_op.drop_index(batch_op.f('ix_visit_expected_on'))
        batch_op.drop_index(batch_op.f('ix_visit_checked_in_at'))

    op.drop_table('visit')
    with op.batch_alter_table('visitor_search_term', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_visitor_search_term_visitor_id'))

    op.drop_table('visitor_search_term')
    with op.batch_alter_table('registration', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_registration_visitor_id'))
        batch_op.drop_index(batch_op.f('ix_registration_valid_to'))

    op.drop_table('registration')
    with op.batch_alter_table('visitor', schema=None) as batch_op:
        batch_op.drop_index('ix_visitor_recency')
        batch_op.drop_index(batch_op.f('ix_visitor_company_id'))

    op.drop_table('visitor')
    with op.batch_alter_table('company', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_company_vat_number'))
        batch_op.drop_index(batch_op.f('ix_company_name_key'))

    op.drop_table('company')
    op.drop_table('staff_member')
    op.drop_table('setting')
    op.drop_table('service')
    op.drop_table('number_series')
    op.drop_table('host')
    with op.batch_alter_table('badge', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_badge_subject_id'))

    op.drop_table('badge')
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_event_record')
        batch_op.drop_index(batch_op.f('ix_audit_event_at'))
        batch_op.drop_index(batch_op.f('ix_audit_event_actor_id'))

    op.drop_table('audit_event')
    op.drop_table('association')
