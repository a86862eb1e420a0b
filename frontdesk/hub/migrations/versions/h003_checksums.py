"""each synced table's checksum, kept as pushes change rows (hub.checksums)

Revision ID: h003c
Revises: h002
Create Date: 2026-12-01

The sums start from the rows already in `hub_record`, computed once in SQL.
"""

import sqlalchemy as sa
from alembic import op

from frontdesk.domain.checksum import MOD
from frontdesk.hub.checksums import FROM_SCRATCH, PLAIN

revision = 'h003c'
down_revision = "h003e"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('hub_table_sum',
    sa.Column('tbl', sa.String(length=40), nullable=False),
    sa.Column('rows', sa.BigInteger(), nullable=False),
    sa.Column('total', sa.Numeric(precision=40, scale=0), nullable=False),
    sa.PrimaryKeyConstraint('tbl', name=op.f('pk_hub_table_sum'))
    )
    op.create_table('hub_table_sum_delta',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False),
    sa.Column('tbl', sa.String(length=40), nullable=False),
    sa.Column('rows', sa.BigInteger(), nullable=False),
    sa.Column('total', sa.BigInteger(), nullable=False),
    sa.Column('txid', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hub_table_sum_delta'))
    )
    conn = op.get_bind()
    for tbl, rows, total in conn.execute(FROM_SCRATCH, {"plain": PLAIN}).all():
        conn.execute(sa.text("INSERT INTO hub_table_sum (tbl, rows, total) VALUES (:t, :r, :s)"),
                     {"t": tbl, "r": rows, "s": int(total) % MOD})


def downgrade() -> None:
    op.drop_table('hub_table_sum_delta')
    op.drop_table('hub_table_sum')
