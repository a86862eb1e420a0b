"""the hub's first schema: desks, applied operations, the site's record

Revision ID: h001
Revises:
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = 'h001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('hub_desk',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=8), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('roles', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hub_desk')),
    sa.UniqueConstraint('code', name=op.f('uq_hub_desk_code')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_hub_desk_token_hash'))
    )
    op.create_table('hub_applied_op',
    sa.Column('desk_id', sa.Integer(), nullable=False),
    sa.Column('epoch', sa.String(length=20), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('outcome', sa.String(length=12), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.Column('digest', sa.String(length=64), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['desk_id'], ['hub_desk.id'], name=op.f('fk_hub_applied_op_desk_id_hub_desk')),
    sa.PrimaryKeyConstraint('desk_id', 'epoch', 'seq', name=op.f('pk_hub_applied_op'))
    )
    op.create_table('hub_record',
    sa.Column('tbl', sa.String(length=40), nullable=False),
    sa.Column('row_id', sa.String(length=40), nullable=False),
    sa.Column('data', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('stamps', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('txid', sa.BigInteger(), server_default=sa.text('(pg_current_xact_id()::text::bigint)'),
              nullable=False),
    sa.Column('desk_id', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['desk_id'], ['hub_desk.id'], name=op.f('fk_hub_record_desk_id_hub_desk')),
    sa.PrimaryKeyConstraint('tbl', 'row_id', name=op.f('pk_hub_record'))
    )
    op.create_index('ix_hub_record_log', 'hub_record', ['txid', 'tbl', 'row_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_hub_record_log', table_name='hub_record')
    op.drop_table('hub_record')
    op.drop_table('hub_applied_op')
    op.drop_table('hub_desk')
