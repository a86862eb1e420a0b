"""The self-test's "resources" step: every file the app needs is found (services.desk.resources), and
so are Qt's catalogues for each language but English: the app's own `frontdesk_<lang>.qm` and Qt's
`qtbase_<lang>.qm` (standard dialogs), which the bundle must carry from PySide6.

Prints one line per resource, found or missing; raises naming what is missing. Imports Qt core,
services.desk.resources and ui.i18n_qt.
"""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QTranslator

from frontdesk.config import resources_dir
from frontdesk.i18n import SUPPORTED
from frontdesk.services.desk.resources import Resource, check_resources
from frontdesk.ui.i18n_qt import catalogue_path


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
        found.append(Resource("translation", name, loaded, "" if loaded else f"not loadable: {ours}"))
        loaded = QTranslator().load(f"qtbase_{lang}", qt_dir)
        found.append(Resource("translation", f"qtbase_{lang}.qm (Qt)", loaded,
                              "" if loaded else f"not loadable from {qt_dir}"))
    return found


def check_resources_step() -> str:
    """Print each resource's line; return the summary, or raise RuntimeError naming what is missing."""
    resources = [*check_resources(), *qt_catalogues()]
    for resource in resources:
        status = "found  " if resource.found else "MISSING"
        detail = f" ({resource.detail})" if resource.detail else ""
        print(f"     {status} {resource.kind}: {resource.name}{detail}")
    missing = [resource.name for resource in resources if not resource.found]
    if missing:
        raise RuntimeError(f"{len(missing)} of {len(resources)} resources missing: {', '.join(missing)}")
    return f"all {len(resources)} resources found in {resources_dir()}"
