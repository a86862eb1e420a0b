"""The process-wide policies of the desktop app, installed and owned by one object.

`ProcessPolicies` is made once when the app starts (cli.gui, before the app's own imports; the
self-test and tools/screenshots.py make theirs; each UI test gets its own), and `close()` undoes
everything it installed. Importing this module changes nothing and imports no Qt.

- Garbage collection (`GarbagePolicy`). Python's cyclic collector runs in whichever thread happens
  to allocate; a Qt wrapper collected on a pool thread destroys its QObject there, which crashed
  the app (a segfault "Garbage-collecting" inside a background task). So automatic collection is
  off while the policies are installed, and the GUI thread collects on a timer, following the
  usual thresholds. Start-up holds collection altogether (its imports make little garbage; ~30 ms
  of scans saved) and, once the first screen has its data, freezes what start-up made: it lives
  as long as the app, and the collector's scans of it (up to ~50 ms) would land on keystrokes.
- PySide's import shim (ui.pyside_imports): lifts PySide6's per-import source scan, about 20% of
  start-up's imports. It replaces a private PySide hook; pyproject.toml pins PySide6 below the
  first release not checked, and tests/unit/test_pyside_imports.py fails when the hook is gone.
- Per open desk (`DeskDuties`): the keeper of the evacuation list's copy (one per desk, whatever
  screen shows it) and the memory of wrong sign-ins that cannot be stored on an account.

Imports Qt only inside its methods; the sign-in memory when a desk opens, the evacuation keeper
when first asked for.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable
from typing import Any

logger = logging.getLogger(__name__)

GC_INTERVAL_MS = 250
DESK_CLOSE_WAIT_MS = 3000  # at most, for the evacuation copy when a desk closes


class GarbagePolicy:
    """Automatic collection off; collection steps on the GUI thread's timer; held during start-up."""

    def __init__(self) -> None:
        self._was_enabled: bool | None = None  # None: not installed
        self._held = False
        self._frozen = False
        self._timer = None

    @property
    def installed(self) -> bool:
        return self._was_enabled is not None

    @property
    def held(self) -> bool:
        return self._held

    def install(self, *, held: bool = True) -> None:
        """Turn automatic collection off (before the app's imports); `held`: no collection at all
        until `release()`."""
        if self.installed:
            return
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._held = held

    def start(self) -> None:
        """Collect on the GUI thread from now on (call on the GUI thread, with a QCoreApplication)."""
        from PySide6.QtCore import QTimer

        if self._timer is not None:
            return
        self._timer = QTimer()
        self._timer.setObjectName("frontdesk-gc")
        self._timer.setInterval(GC_INTERVAL_MS)
        self._timer.timeout.connect(self.collect_step)
        self._timer.start()

    def hold(self, held: bool = True) -> None:
        self._held = held

    def release(self, *, freeze: bool = True) -> None:
        """Start-up is over: keep what it made out of the scans (`freeze`), then collect again."""
        if freeze:
            self.freeze()
        self._held = False

    def freeze(self) -> None:
        gc.freeze()
        self._frozen = True

    def collect_step(self) -> None:
        """One collection step on the GUI thread, of the generation the thresholds call for."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        if self._held or counts[0] < thresholds[0]:
            return
        generation = 0
        if counts[1] >= thresholds[1]:
            generation = 2 if counts[2] >= thresholds[2] else 1
        gc.collect(generation)

    def close(self) -> None:
        """Stop the timer, unfreeze what it froze, and give collection back as it was before `install`.
        (Freezing cannot be undone in part; nothing else in the app freezes objects.)"""
        if self._timer is not None:
            self._timer.stop()
            self._timer.timeout.disconnect(self.collect_step)
            self._timer.deleteLater()
            self._timer = None
        if self._frozen:
            gc.unfreeze()
        self._frozen = False
        if self._was_enabled is not None:
            gc.collect()
            if self._was_enabled:
                gc.enable()
        self._was_enabled = None
        self._held = False


class ImportShim:
    """PySide6's per-import source scan replaced by a look at the module (ui.pyside_imports)."""

    def __init__(self) -> None:
        self._original: Callable | None = None

    @property
    def installed(self) -> bool:
        return self._original is not None

    def install(self) -> bool:
        """Import PySide6 (its import hook comes with it) and lift the scan; False when this PySide6
        has no such hook (then start-up is only slower; the pin in pyproject.toml prevents it)."""
        import PySide6.QtCore  # noqa: F401  (loads shiboken's import hook)

        from frontdesk.ui.pyside_imports import lift_import_tax

        if self.installed:
            return True
        self._original = lift_import_tax()
        if self._original is None:
            logger.warning("PySide6 has no shibokensupport.feature._mod_uses_pyside: imports stay slow")
        return self.installed

    def close(self) -> None:
        if self._original is not None:
            from frontdesk.ui.pyside_imports import restore_import_tax

            restore_import_tax(self._original)
            self._original = None


class DeskDuties:
    """What the process keeps for one open desk database, whatever screen is open."""

    def __init__(self, db: Any) -> None:
        from frontdesk.services.staff.sign_in_failures import SignInFailures

        self.db = db
        self.sign_in_failures = SignInFailures()
        self._evacuation = None

    @property
    def evacuation(self):
        """The keeper of this desk's evacuation-list copy (ui.reception.evacuation_copy)."""
        return self.keep_evacuation_copy()

    def keep_evacuation_copy(self):
        """Start keeping the copy current, if not yet (on the GUI thread; the first copy follows a
        moment later); returns the keeper."""
        if self._evacuation is None:
            from frontdesk.ui.reception.evacuation_copy import FIRST_DELAY_MS, EvacuationCopyKeeper

            self._evacuation = EvacuationCopyKeeper(self.db)
            self._evacuation.schedule(FIRST_DELAY_MS)  # the list may have changed while the app was closed
        return self._evacuation

    def close(self, timeout_ms: int = DESK_CLOSE_WAIT_MS) -> None:
        """Finish a copy in progress (at most `timeout_ms`), then stop keeping it."""
        keeper, self._evacuation = self._evacuation, None
        if keeper is not None:
            keeper.finish(timeout_ms)
            keeper.close()
            keeper.deleteLater()


class ProcessPolicies:
    """Installs and owns the process-wide policies; `close()` (or leaving a `with` block) undoes them.

        policies = ProcessPolicies().install()    # before the app's imports: GC held, import shim
        app = make_application(); policies.start()  # the GUI thread collects from now on
        duties = policies.open_desk(db)            # per desk: evacuation copy, sign-in failures
        ...
        policies.close()
    """

    def __init__(self) -> None:
        self.garbage = GarbagePolicy()
        self.imports = ImportShim()
        self._desks: dict[Any, DeskDuties] = {}  # by the database handle itself (identity)

    def install(self, *, hold_collection: bool = True) -> ProcessPolicies:
        self.garbage.install(held=hold_collection)
        self.imports.install()
        return self

    def start(self) -> None:
        """The QApplication exists: collect on its (GUI) thread from now on."""
        self.garbage.start()

    def open_desk(self, db: Any) -> DeskDuties:
        """The duties of the open desk `db` (the same object for the same handle)."""
        duties = self._desks.get(db)
        if duties is None:
            duties = self._desks[db] = DeskDuties(db)
        return duties

    def close_desk(self, db: Any, timeout_ms: int = DESK_CLOSE_WAIT_MS) -> None:
        duties = self._desks.pop(db, None)
        if duties is not None:
            duties.close(timeout_ms)

    def close(self, timeout_ms: int = DESK_CLOSE_WAIT_MS) -> None:
        """Close every desk's duties (each waits at most `timeout_ms`), then undo the policies."""
        for duties in list(self._desks.values()):
            duties.close(timeout_ms)
        self._desks.clear()
        self.imports.close()
        self.garbage.close()

    def __enter__(self) -> ProcessPolicies:
        return self.install()

    def __exit__(self, *_exc) -> None:
        self.close()
