"""the desk's receipts

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02

- receipt (a non-fiscal receipt as issued: number, customer's own copy, payment, totals as decimal
  text, its void) and receipt_line (its lines) join sync: a receipt's status only moves forward
  (issued < voided, the void's fields following it), its lines are append-only (db.receipt_models).
  Both tables get their sync and checksum triggers (db.outbox, db.checksums). No existing row changes.
"""

import sqlalchemy as sa
from alembic import op

from frontdesk.db import receipt_models as receipts
from frontdesk.db.checksums import create_sum_triggers, drop_sum_triggers
from frontdesk.db.outbox import create_sync_triggers, drop_sync_triggers

SYNCED_HERE = (receipts.Receipt, receipts.ReceiptLine)

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def _synced_columns() -> list[sa.Column]:
    return [sa.Column('id', sa.Uuid(), nullable=False),
            sa.Column('created_at', sa.DateTime(), nullable=False),
            sa.Column('updated_at', sa.DateTime(), nullable=False),
            sa.Column('created_desk', sa.String(length=8), nullable=False),
            sa.Column('updated_desk', sa.String(length=8), nullable=False),
            sa.Column('hlc', sa.String(length=32), nullable=False)]


def upgrade() -> None:
    op.create_table('receipt',
    sa.Column('number', sa.String(length=40), nullable=False),
    sa.Column('prefix', sa.String(length=16), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('counter', sa.Integer(), nullable=False),
    sa.Column('issued_at', sa.DateTime(), nullable=False),
    sa.Column('issued_by', sa.Uuid(), nullable=True),
    sa.Column('issued_by_name', sa.String(length=200), nullable=False),
    sa.Column('customer', sa.Text(), nullable=False),
    sa.Column('customer_name', sa.String(length=300), nullable=False),
    sa.Column('company_id', sa.Uuid(), nullable=True),
    sa.Column('request_id', sa.Uuid(), nullable=True),
    sa.Column('payment', sa.String(length=10), nullable=False),
    sa.Column('net', sa.String(length=20), nullable=False),
    sa.Column('vat', sa.String(length=20), nullable=False),
    sa.Column('total', sa.String(length=20), nullable=False),
    sa.Column('stamp_duty_due', sa.Boolean(), nullable=False),
    sa.Column('stamp_duty_charged', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=8), nullable=False),
    sa.Column('void_reason', sa.String(length=300), nullable=False),
    sa.Column('voided_at', sa.DateTime(), nullable=True),
    sa.Column('voided_by', sa.Uuid(), nullable=True),
    sa.Column('voided_by_name', sa.String(length=200), nullable=False),
    *_synced_columns(),
    sa.ForeignKeyConstraint(['company_id'], ['company.id'], name=op.f('fk_receipt_company_id_company')),
    sa.ForeignKeyConstraint(['request_id'], ['lab_request.id'], name=op.f('fk_receipt_request_id_lab_request')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_receipt')),
    sa.UniqueConstraint('number', name=op.f('uq_receipt_number'))
    )
    with op.batch_alter_table('receipt', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_receipt_issued_at'), ['issued_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_receipt_company_id'), ['company_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_receipt_request_id'), ['request_id'], unique=False)
    op.create_table('receipt_line',
    sa.Column('receipt_id', sa.Uuid(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('description', sa.String(length=300), nullable=False),
    sa.Column('quantity', sa.String(length=20), nullable=False),
    sa.Column('unit_price', sa.String(length=20), nullable=False),
    sa.Column('net', sa.String(length=20), nullable=False),
    sa.Column('vat_rate', sa.String(length=6), nullable=False),
    sa.Column('nature', sa.String(length=6), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('source_code', sa.String(length=40), nullable=False),
    *_synced_columns(),
    sa.ForeignKeyConstraint(['receipt_id'], ['receipt.id'], name=op.f('fk_receipt_line_receipt_id_receipt')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_receipt_line'))
    )
    with op.batch_alter_table('receipt_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_receipt_line_receipt_id'), ['receipt_id'], unique=False)
    create_sync_triggers(op.execute, SYNCED_HERE, bind=op.get_bind())
    create_sum_triggers(op.execute, SYNCED_HERE)


def downgrade() -> None:
    drop_sum_triggers(op.execute, SYNCED_HERE)
    drop_sync_triggers(op.execute, SYNCED_HERE)
    op.drop_table('receipt_line')
    op.drop_table('receipt')
