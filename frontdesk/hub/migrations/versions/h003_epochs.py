"""the number series (epochs) each desk has used; operations found by digest across epochs

Revision ID: h003e
Revises: h002
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = 'h003e'
down_revision = 'h002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('hub_epoch',
    sa.Column('desk_id', sa.Integer(), nullable=False),
    sa.Column('epoch', sa.String(length=20), nullable=False),
    sa.Column('epoch_id', sa.String(length=32), nullable=True),
    sa.Column('first_seen', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['desk_id'], ['hub_desk.id'], name=op.f('fk_hub_epoch_desk_id_hub_desk')),
    sa.PrimaryKeyConstraint('desk_id', 'epoch', name=op.f('pk_hub_epoch'))
    )
    op.create_index('ix_hub_applied_op_replay', 'hub_applied_op', ['desk_id', 'digest'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_hub_applied_op_replay', table_name='hub_applied_op')
    op.drop_table('hub_epoch')
