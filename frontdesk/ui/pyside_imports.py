"""Lifts PySide6's tax on every later import (about 20% of the app's start-up imports).

Importing PySide6 replaces `builtins.__import__` with shiboken's `__feature_import__`, which after
every module import calls `shibokensupport.feature._mod_uses_pyside(module)`: it reads the
module's whole source with `inspect.getsource` and searches it for "PySide6", to know which
modules may switch on PySide's optional `from __feature__ import snake_case, true_property`.
Measured here (PySide6 6.12): importing SQLAlchemy, the models, the services and the first screen
after PySide6 takes ~750 ms with the scan and ~600 ms without (napari/napari#8584 describes the
same cost).

The app uses no `__feature__`. So the scan is replaced by a look at the module's name: PySide6's
own modules and this package's `ui` layer (the only ones that import Qt, an import-linter
contract) are marked as PySide users, everything else as not. A module that does select a
feature still gets it: `feature_import` records the selection when it runs. If a PySide6 release
no longer has the hook, nothing is changed.
"""

from __future__ import annotations

import sys

PYSIDE_USERS = ("PySide6", "shiboken6", "frontdesk.ui")


def uses_pyside(module) -> bool:
    """What the source scan would say, judged by the module's name."""
    name = getattr(module, "__name__", "") or ""
    return name.startswith(PYSIDE_USERS)


def lift_import_tax() -> bool:
    """Replace the per-import source scan (after PySide6 is imported); True if it was replaced."""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    feature._mod_uses_pyside = uses_pyside
    return True
