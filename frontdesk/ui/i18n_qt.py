"""Qt's side of translation: the app's `.qm` catalogue and Qt's own `qtbase_<lang>`.

One language choice (the `language` setting) drives this and frontdesk.i18n (gettext, Babel).
English is the source language, so for "en" no catalogue is loaded. Imports Qt core only.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from frontdesk.config import resources_dir

_installed: list[QTranslator] = []


def catalogue_path(lang: str):
    return resources_dir() / "i18n" / f"frontdesk_{lang}.qm"


def install_translators(lang: str) -> list[str]:
    """Replace the installed translators by those for `lang`; return the catalogues loaded."""
    app = QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(QLocale(QLocale.Language.Italian if lang == "it" else QLocale.Language.English,
                               QLocale.Country.Italy if lang == "it" else QLocale.Country.UnitedKingdom))
    loaded: list[str] = []
    if lang == "en":
        return loaded
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    candidates = [(f"qtbase_{lang}", qt_dir), (str(catalogue_path(lang)), "")]
    for name, folder in candidates:
        translator = QTranslator(app)
        if translator.load(name, folder) if folder else translator.load(name):
            app.installTranslator(translator)
            _installed.append(translator)
            loaded.append(name)
    return loaded
