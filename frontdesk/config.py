"""Where things live: the data folder, the database file, resources.

Imports nothing of the app but `private_files`, and nothing of Qt. Settings that users change
live in the database (services.desk.settings); this module only knows paths and environment overrides.
The data folder and the folders in it are private to the user (0700 on POSIX; see private_files).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

from frontdesk.private_files import private_dir

APP_NAME = "frontdesk"


def data_dir() -> Path:
    """The user's data folder, private to the user; FRONTDESK_HOME overrides it (tests, portable
    installs)."""
    home = os.environ.get("FRONTDESK_HOME")
    path = Path(home) if home else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    return private_dir(path)


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
    return private_dir(data_dir() / "secrets")


def documents_dir() -> Path:
    """Where PDFs go when no printer is configured (they hold names: private, like the data folder)."""
    return private_dir(data_dir() / "documents")


def language_override() -> str:
    """FRONTDESK_LANGUAGE ("it" or "en") overrides the desk's language setting (support, tests)."""
    value = os.environ.get("FRONTDESK_LANGUAGE", "")
    return value if value in ("it", "en") else ""
