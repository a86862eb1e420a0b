"""sync fixes for the lab: append-only rows changed behind the app's back; machine codes not UNIQUE

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01

- The outbox's UPDATE trigger, which append-only tables lacked (db.outbox): a custody event changed
  by a tool or a script is now sent, answered superseded by the hub, and handed back as it was made
  (hub.push, sync.apply), instead of staying different from every other desk's copy unnoticed (the
  checksums count ids and stamps, not values). The audit trail's UPDATE is refused before it
  happens (db.triggers), so its new trigger never fires.
- lab_equipment.code loses its UNIQUE constraint (a plain index instead): two desks may give one
  inventory code to two machines offline, and a desk receiving the second one would fail to apply
  every page from then on. The table is recreated (batch), so its triggers are made again.
"""

from alembic import op

from frontdesk.db import lab_models as lab
from frontdesk.db.checksums import create_sum_triggers, drop_sum_triggers
from frontdesk.db.models import AuditEvent
from frontdesk.db.outbox import create_sync_triggers, drop_sync_triggers

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def _append_only():
    """The append-only tables at this revision (named here: later tables get their triggers whole)."""
    return (AuditEvent, lab.CustodyEvent)


def upgrade() -> None:
    # IF NOT EXISTS: only the new UPDATE triggers
    create_sync_triggers(op.execute, _append_only(), bind=op.get_bind())
    drop_sync_triggers(op.execute, (lab.Equipment,))
    drop_sum_triggers(op.execute, (lab.Equipment,))
    with op.batch_alter_table('lab_equipment') as batch:
        batch.drop_constraint(batch.f('uq_lab_equipment_code'), type_='unique')
        batch.create_index(batch.f('ix_lab_equipment_code'), ['code'], unique=False)
    create_sync_triggers(op.execute, (lab.Equipment,), bind=op.get_bind())
    create_sum_triggers(op.execute, (lab.Equipment,))


def downgrade() -> None:
    drop_sync_triggers(op.execute, (lab.Equipment,))
    drop_sum_triggers(op.execute, (lab.Equipment,))
    with op.batch_alter_table('lab_equipment') as batch:
        batch.drop_index(batch.f('ix_lab_equipment_code'))
        batch.create_unique_constraint(batch.f('uq_lab_equipment_code'), ['code'])
    create_sync_triggers(op.execute, (lab.Equipment,), bind=op.get_bind())
    create_sum_triggers(op.execute, (lab.Equipment,))
    for model in _append_only():
        op.execute(f"DROP TRIGGER IF EXISTS sync_{model.__tablename__}_update")
