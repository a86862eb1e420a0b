"""The self-test's "resources" step: every file the app needs is found (services.desk.resources), and
so are Qt's catalogues for each language but English: the app's own `frontdesk_<lang>.qm` and Qt's
`qtbase_<lang>.qm` (standard dialogs), which the bundle must carry from PySide6.

Prints one line per resource, found or missing; raises naming what is missing. Imports Qt core,
services.desk.resources and ui.i18n_qt.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLibraryInfo, QTranslator

from frontdesk.config import resources_dir
from frontdesk.i18n import SUPPORTED
from frontdesk.services.desk.resources import Resource, check_resources
from frontdesk.ui.i18n_qt import catalogue_path

_KINDS = {  # Resource.kind -> what the line says (English sources, marked for lupdate)
    "font": QT_TRANSLATE_NOOP("SelfTest", "font"),
    "translation": QT_TRANSLATE_NOOP("SelfTest", "translation"),
    "locale data": QT_TRANSLATE_NOOP("SelfTest", "locale data"),
    "migrations": QT_TRANSLATE_NOOP("SelfTest", "migrations"),
    "privacy notice": QT_TRANSLATE_NOOP("SelfTest", "privacy notice"),
    "seed catalogue": QT_TRANSLATE_NOOP("SelfTest", "seed catalogue"),
    "icon": QT_TRANSLATE_NOOP("SelfTest", "icon"),
}


def translate(context: str, text: str) -> str:
    """QCoreApplication.translate under a name lupdate extracts (context and text must be literals)."""
    return QCoreApplication.translate(context, text)


def _kind(kind: str) -> str:
    source = _KINDS.get(kind)
    return QCoreApplication.translate("SelfTest", source) if source else kind


def qt_catalogues() -> list[Resource]:
    """The .qm catalogues Qt loads for each language but English (ui.i18n_qt)."""
    found: list[Resource] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for lang in SUPPORTED:
        if lang == "en":
            continue
        ours = catalogue_path(lang)
        name = ours.relative_to(resources_dir()).as_posix()
        loaded = QTranslator().load(str(ours))
        problem = translate("SelfTest", "not loadable: %1").replace("%1", str(ours))
        found.append(Resource("translation", name, loaded, "" if loaded else problem))
        loaded = QTranslator().load(f"qtbase_{lang}", qt_dir)
        found.append(Resource("translation", f"qtbase_{lang}.qm (Qt)", loaded,
                              "" if loaded else translate("SelfTest", "not loadable from %1").replace("%1", qt_dir)))
    return found


def check_resources_step() -> str:
    """Print each resource's line; return the summary, or raise RuntimeError naming what is missing."""
    resources = [*check_resources(), *qt_catalogues()]
    found, lacking = translate("SelfTest", "found"), translate("SelfTest", "MISSING")
    width = max(len(found), len(lacking))
    for resource in resources:
        status = (found if resource.found else lacking).ljust(width)
        detail = f" ({resource.detail})" if resource.detail else ""
        print(f"     {status} {_kind(resource.kind)}: {resource.name}{detail}")
    missing = [resource.name for resource in resources if not resource.found]
    if missing:
        raise RuntimeError(translate("SelfTest", "%1 of %2 resources missing: %3").replace("%1", str(len(missing)))
                           .replace("%2", str(len(resources))).replace("%3", ", ".join(missing)))
    return translate("SelfTest", "all %1 resources found in %2").replace("%1", str(len(resources))).replace(
        "%2", str(resources_dir()))
