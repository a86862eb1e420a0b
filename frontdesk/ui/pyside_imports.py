"""Lifts PySide6's tax on every later import (about 20% of the app's start-up imports).

Importing PySide6 replaces `builtins.__import__` with shiboken's `__feature_import__`, which after
every module import calls `shibokensupport.feature._mod_uses_pyside(module)`: it reads the
module's whole source with `inspect.getsource` and searches it for "PySide6", to know which
modules may switch on PySide's optional `from __feature__ import snake_case, true_property`.
Measured here (PySide6 6.12): importing SQLAlchemy, the models, the services and the first screen
after PySide6 takes ~750 ms with the scan and ~600 ms without (napari/napari#8584 describes the
same cost).

The scan is replaced by a look at what the module holds once imported: PySide6's own modules,
and modules whose namespace holds something of PySide6 (a class, a function or a module they
imported from it), are PySide users; everything else is not. Reading a dictionary costs
microseconds where reading and searching the source cost milliseconds. A module that selects a
feature (`from __feature__ import snake_case`) still gets it: `feature_import` records the
selection when that line runs. If a PySide6 release no longer has the hook, nothing is changed.
"""

from __future__ import annotations

import sys
from types import ModuleType

PYSIDE = ("PySide6", "shiboken6")


def uses_pyside(module) -> bool:
    """What the source scan would say, judged by the module's name and what its namespace holds."""
    name = getattr(module, "__name__", "") or ""
    if name.startswith(PYSIDE):
        return True
    try:
        values = list(vars(module).values())
    except TypeError:
        return False
    for value in values:
        if isinstance(value, ModuleType):
            owner = value.__name__
        else:
            try:
                owner = getattr(value, "__module__", None)
            except Exception:  # an odd object (a proxy): it says nothing about PySide
                continue
        if isinstance(owner, str) and owner.startswith(PYSIDE):
            return True
    return False


def lift_import_tax() -> bool:
    """Replace the per-import source scan (after PySide6 is imported); True if it was replaced."""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    feature._mod_uses_pyside = uses_pyside
    return True
