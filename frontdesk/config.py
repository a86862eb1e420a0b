"""Where things live: the data folder, the database file, resources.

Imports nothing of the app and nothing of Qt. Settings that users change live in the
database (services.settings); this module only knows paths and environment overrides.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "frontdesk"


def data_dir() -> Path:
    """The user's data folder; FRONTDESK_HOME overrides it (tests, portable installs)."""
    home = os.environ.get("FRONTDESK_HOME")
    path = Path(home) if home else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_path() -> Path:
    """The desk's SQLite file; FRONTDESK_DB overrides it."""
    override = os.environ.get("FRONTDESK_DB")
    return Path(override) if override else data_dir() / "frontdesk.sqlite"


def resources_dir() -> Path:
    """`resources/` beside the package, or inside the PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def secrets_dir() -> Path:
    """Folder for secrets (badge keys) kept out of the database file; mode 0700."""
    path = data_dir() / "secrets"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(path, 0o700)
    return path


def documents_dir() -> Path:
    """Where PDFs go when no printer is configured."""
    path = data_dir() / "documents"
    path.mkdir(parents=True, exist_ok=True)
    return path


def language_override() -> str:
    """FRONTDESK_LANGUAGE ("it" or "en") overrides the desk's language setting (support, tests)."""
    value = os.environ.get("FRONTDESK_LANGUAGE", "")
    return value if value in ("it", "en") else ""
