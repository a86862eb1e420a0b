"""the price list and the kept daily closings

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02

- price_item (the Point's price list besides the lab's tests: courses, rooms, other services) joins
  sync, last-writer-wins per field, seeded by code like the lab's catalogue (the desk's set-up loads
  resources/seed/price_list.csv, services.receipts.price_list).
- receipt_closing (a daily closing as it was kept, with a copy of its figures) joins sync,
  append-only.
Both get their sync and checksum triggers (db.outbox, db.checksums). No existing row changes.
"""

import sqlalchemy as sa
from alembic import op

from frontdesk.db import receipt_models as receipts
from frontdesk.db.checksums import create_sum_triggers, drop_sum_triggers
from frontdesk.db.outbox import create_sync_triggers, drop_sync_triggers

SYNCED_HERE = (receipts.PriceItem, receipts.ReceiptClosing)

revision = '0013'
down_revision = '0012'
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
    op.create_table('price_item',
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('service_id', sa.Uuid(), nullable=True),
    sa.Column('name_it', sa.String(length=200), nullable=False),
    sa.Column('name_en', sa.String(length=200), nullable=False),
    sa.Column('unit', sa.String(length=12), nullable=False),
    sa.Column('price_cents', sa.Integer(), nullable=False),
    sa.Column('member_price_cents', sa.Integer(), nullable=False),
    sa.Column('vat_rate', sa.String(length=8), nullable=False),
    sa.Column('nature', sa.String(length=6), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('sort', sa.Integer(), nullable=False),
    *_synced_columns(),
    sa.ForeignKeyConstraint(['service_id'], ['service.id'], name=op.f('fk_price_item_service_id_service')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_price_item')),
    sa.UniqueConstraint('code', name=op.f('uq_price_item_code'))
    )
    op.create_table('receipt_closing',
    sa.Column('desk', sa.String(length=8), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('made_at', sa.DateTime(), nullable=False),
    sa.Column('made_by', sa.Uuid(), nullable=True),
    sa.Column('made_by_name', sa.String(length=200), nullable=False),
    sa.Column('issued', sa.Integer(), nullable=False),
    sa.Column('valid', sa.Integer(), nullable=False),
    sa.Column('total', sa.String(length=20), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('pdf_sha256', sa.String(length=64), nullable=False),
    *_synced_columns(),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_receipt_closing'))
    )
    with op.batch_alter_table('receipt_closing', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_receipt_closing_day'), ['day'], unique=False)
    create_sync_triggers(op.execute, SYNCED_HERE, bind=op.get_bind())
    create_sum_triggers(op.execute, SYNCED_HERE)


def downgrade() -> None:
    drop_sum_triggers(op.execute, SYNCED_HERE)
    drop_sync_triggers(op.execute, SYNCED_HERE)
    op.drop_table('receipt_closing')
    op.drop_table('price_item')
