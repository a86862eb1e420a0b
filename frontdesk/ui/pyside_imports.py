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
selection when that line runs. If a PySide6 release no longer has the hook, nothing is changed
(and tests/unit/test_pyside_imports.py fails, which is why pyproject.toml pins PySide6 below the
first release not checked).

Installed and removed by the process policies (ui.process), never by importing a module.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
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


def pyside_hook_owner() -> ModuleType | None:
    """PySide6's module holding the private hook `_mod_uses_pyside` (after PySide6 is imported), or None."""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return None
    return feature


def lift_import_tax() -> Callable | None:
    """Replace the per-import source scan (after PySide6 is imported); returns PySide's own hook
    (for `restore_import_tax`), or None when this PySide6 has no such hook (nothing changed)."""
    feature = pyside_hook_owner()
    if feature is None:
        return None
    original = feature._mod_uses_pyside
    feature._mod_uses_pyside = uses_pyside
    return original


def restore_import_tax(original: Callable) -> None:
    """Put PySide's own hook back (if ours is still the one in place)."""
    feature = pyside_hook_owner()
    if feature is not None and feature._mod_uses_pyside is uses_pyside:
        feature._mod_uses_pyside = original
