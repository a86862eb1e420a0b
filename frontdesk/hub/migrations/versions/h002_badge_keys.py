"""the site's badge key ring

Revision ID: h002
Revises: h001
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = 'h002'
down_revision = 'h001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('hub_badge_key',
    sa.Column('key_id', sa.String(length=16), nullable=False),
    sa.Column('key', sa.LargeBinary(), nullable=False),
    sa.Column('desk_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['desk_id'], ['hub_desk.id'], name=op.f('fk_hub_badge_key_desk_id_hub_desk')),
    sa.PrimaryKeyConstraint('key_id', name=op.f('pk_hub_badge_key'))
    )


def downgrade() -> None:
    op.drop_table('hub_badge_key')
