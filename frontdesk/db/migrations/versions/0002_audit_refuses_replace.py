"""audit_event refuses INSERT OR REPLACE / REPLACE INTO over an existing event

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01

No table changes: the triggers are dropped and created again from frontdesk.db.triggers, so a
file made by an older app gains `audit_event_no_replace` (and any trigger body changed since).
"""

from alembic import op

from frontdesk.db.triggers import create_all_triggers, drop_all_triggers

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    drop_all_triggers(op.execute)
    create_all_triggers(op.execute)


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS audit_event_no_replace")
