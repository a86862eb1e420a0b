"""append-only tables: a row changed behind the app's back is queued (and put back by sync)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01

The outbox's UPDATE trigger, which append-only tables lacked (db.outbox): a custody event changed
by a tool or a script is now sent, answered superseded by the hub, and handed back as it was made
(hub.push, sync.apply), instead of staying different from every other desk's copy unnoticed (the
checksums count ids and stamps, not values). The audit trail's UPDATE is refused before it happens
(db.triggers), so its new trigger never fires.
"""

from alembic import op

from frontdesk.db.models import synced_models
from frontdesk.db.outbox import create_sync_triggers

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def _append_only():
    return tuple(model for model in synced_models() if model.__sync__.append_only)


def upgrade() -> None:
    create_sync_triggers(op.execute, _append_only())  # IF NOT EXISTS: only the new UPDATE triggers


def downgrade() -> None:
    for model in _append_only():
        op.execute(f"DROP TRIGGER IF EXISTS sync_{model.__tablename__}_update")
