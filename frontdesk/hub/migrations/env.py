"""Alembic environment of the hub's PostgreSQL database."""

from alembic import context

from frontdesk.hub.models import HubBase

config = context.config
connection = config.attributes["connection"]
context.configure(connection=connection, target_metadata=HubBase.metadata, compare_type=True)
with context.begin_transaction():
    context.run_migrations()
