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


DATABASE_NAME = "frontdesk.sqlite"
DEMO_SUFFIX = "-demo"


def data_dir_path() -> Path:
    """Where the data folder is, without creating it: FRONTDESK_HOME, else the user's data folder."""
    home = os.environ.get("FRONTDESK_HOME")
    return Path(home) if home else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    """The data folder, made (private to the user) when missing: for what the app writes there."""
    return private_dir(data_dir_path())


def database_path() -> Path:
    """The desk's SQLite file (FRONTDESK_DB overrides it). Creates nothing: a command that finds no
    database leaves no folder behind."""
    override = os.environ.get("FRONTDESK_DB")
    return Path(override) if override else data_dir_path() / DATABASE_NAME


def demo_dir_path() -> Path:
    """The demo's own data folder, beside the real one and never inside it: `frontdesk-demo` next
    to `frontdesk` (or `<FRONTDESK_HOME>-demo`). Its database, badge keys, backups and documents
    never mix with a real desk's."""
    home = data_dir_path()
    return home.with_name(home.name + DEMO_SUFFIX)


def use_demo() -> Path:
    """Switch this process (and the processes it starts) to the demo's data folder (`--demo`):
    FRONTDESK_HOME becomes it and FRONTDESK_DB, which names a real desk's file, is ignored.
    Returns the demo database's path."""
    demo = demo_dir_path()
    os.environ["FRONTDESK_HOME"] = str(demo)
    os.environ.pop("FRONTDESK_DB", None)
    return demo / DATABASE_NAME


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
