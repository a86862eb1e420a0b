"""Where a command finds the desk's database."""

from __future__ import annotations

from pathlib import Path

from frontdesk import config


def database_path(args) -> Path:
    return Path(args.db) if args.db else config.database_path()
