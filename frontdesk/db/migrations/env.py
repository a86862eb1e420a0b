"""Alembic environment of the desk database: batch mode for SQLite, our naming convention."""

from alembic import context

from frontdesk.db.models import Base

config = context.config
connection = config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
