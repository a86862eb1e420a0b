"""The hub's engine and schema upgrades (Alembic, under a PostgreSQL advisory lock so that hub
processes started together upgrade once)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
HEAD = "h003c"  # a test checks it equals Alembic's head
_UPGRADE_LOCK = 0x6672_6F6E  # any constant shared by every hub process


def engine_for(url: str, *, pool_size: int = 5) -> Engine:
    """An engine over psycopg 3; a plain postgresql:// URL is taken to mean psycopg."""
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return create_engine(url, pool_size=pool_size, pool_pre_ping=True)


def upgrade(engine: Engine) -> None:
    from alembic import command
    from alembic.config import Config

    with engine.begin() as conn:
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _UPGRADE_LOCK})
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
