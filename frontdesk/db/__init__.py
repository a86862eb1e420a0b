"""Desk models, the engine with its pragmas, and the Alembic migrations. No Qt."""
