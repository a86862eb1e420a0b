"""what a receipt needs of its customer

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02

- company gains `postcode`, `province`, `country` (ISO 3166-1 alpha-2) and, for a private person,
  `first_name` and `last_name`; its kinds gain "public" (a public body). Nothing is removed: the
  one-line `address` and `city` stay as they were.
- Existing rows: an Italian company, a private person: country "IT"; a foreign company: no
  country (nobody recorded it). The postcode and the province are read from the old address and
  city only where they are unambiguous (domain.addresses.postcode_and_province_in: "24044 Dalmine
  (BG)"); elsewhere they stay empty, and a receipt for that customer asks for them.
- The fill runs while the company's sync triggers are down: every desk derives the same values from
  the same rows, and queueing them would send the desk itself as the author of company changes,
  which the hub refuses (companies are changed by staff). The hub learns them at the row's next edit.
  The company's sync and checksum triggers are made again for the new columns (db.outbox).
"""

import sqlalchemy as sa
from alembic import op

from frontdesk.db import models
from frontdesk.db.checksums import create_sum_triggers, drop_sum_triggers
from frontdesk.db.outbox import create_sync_triggers, drop_sync_triggers
from frontdesk.domain.addresses import postcode_and_province_in

CHANGED = (models.Company,)
NEW_COLUMNS = (("first_name", 200), ("last_name", 200), ("postcode", 12), ("province", 2), ("country", 2))

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    drop_sync_triggers(op.execute, CHANGED)
    drop_sum_triggers(op.execute, CHANGED)
    with op.batch_alter_table('company', schema=None) as batch_op:
        for name, length in NEW_COLUMNS:
            batch_op.add_column(sa.Column(name, sa.String(length=length), nullable=False, server_default=''))
    op.execute("UPDATE company SET country = 'IT' WHERE kind <> 'foreign'")
    bind = op.get_bind()
    found = []
    for row_id, address, city in bind.execute(sa.text(
            "SELECT id, address, city FROM company WHERE kind <> 'foreign'")).all():
        postcode, province = postcode_and_province_in(address, city)
        if postcode or province:
            found.append({"id": row_id, "postcode": postcode, "province": province})
    if found:
        bind.execute(sa.text("UPDATE company SET postcode = :postcode, province = :province WHERE id = :id"), found)
    create_sync_triggers(op.execute, CHANGED, bind=bind)
    create_sum_triggers(op.execute, CHANGED)


def downgrade() -> None:
    drop_sum_triggers(op.execute, CHANGED)
    drop_sync_triggers(op.execute, CHANGED)
    with op.batch_alter_table('company', schema=None) as batch_op:
        for name, _length in reversed(NEW_COLUMNS):
            batch_op.drop_column(name)
    create_sync_triggers(op.execute, CHANGED, bind=op.get_bind())
    create_sum_triggers(op.execute, CHANGED)
