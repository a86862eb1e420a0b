"""Window geometry and view preferences (QSettings, an INI file in the data folder).

Only what the window looks like lives here (DESIGN rule 9): geometry, the last area, column
widths, and a cache of the language so the first paint, before the database is open, is already
in the user's language. Every real setting lives in the database (services.desk.settings).
Imports Qt core and frontdesk.config only.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

from frontdesk.config import data_dir

ORGANISATION = "Point Dalmine"
APPLICATION = "frontdesk"
LANGUAGE_KEY = "ui/language"


def ui_settings() -> QSettings:
    """The preferences file: `<data folder>/ui.ini`, so FRONTDESK_HOME isolates it too."""
    return QSettings(str(data_dir() / "ui.ini"), QSettings.Format.IniFormat)


def cached_language() -> str:
    value = ui_settings().value(LANGUAGE_KEY, "it")
    return value if value in ("it", "en") else "it"


def remember_language(lang: str) -> None:
    prefs = ui_settings()
    prefs.setValue(LANGUAGE_KEY, lang)
    prefs.sync()
