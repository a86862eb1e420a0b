"""Starting the desktop app: `run_gui(db_path)`.

Order matters for start-up time (DESIGN "Start-up cost"): the QApplication, the style, the Qt
translators and the main window shell are made and painted first; only then is the database
opened and its data loaded, on a worker thread (importing SQLAlchemy alone takes ~240 ms).
So nothing of services, the database or PDFs is imported at module level here.

Benchmark mode (`bench_startup=True`) prints two lines on stdout and quits:
    PAINTED <time.time() when the main window's first paint finished>
    READY <time.time() when the first area shows its data>
The values are absolute wall-clock seconds (Unix epoch, float): the benchmark subtracts the
timestamp it took just before spawning the process, so interpreter start-up counts too.
If the desk cannot be opened it prints `FAILED <message>` and returns 1.

After the desk opens, the sign-in dialog asks who works (on a new install: the admin's first
password). Benchmark mode skips it and acts as the first administrator, as the issue asks.

Nothing is written before the database's integrity is known: the desk opens with writes held,
the integrity check starts at once in the background (ui.upkeep.startup_checks), and the sign-in dialog, whose
sign-in writes its record, waits for it. The desk's own writing duties (evening close, daily
backup) start only once the check passed on a database that can be written.

The process-wide policies (ui.process: garbage collection, PySide's import shim, the per-desk
duties) are made by whoever starts the app (cli.gui, before these imports) and handed to `run_gui`.
"""

from __future__ import annotations

import dataclasses
import logging
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from frontdesk.config import language_override, resources_dir
from frontdesk.ui import tasks
from frontdesk.ui.i18n_qt import install_translators
from frontdesk.ui.prefs import APPLICATION, ORGANISATION, cached_language, remember_language
from frontdesk.ui.process import ProcessPolicies
from frontdesk.ui.shell.area_view import DeskContext
from frontdesk.ui.shell.main_window import MainWindow
from frontdesk.ui.style import apply_style

logger = logging.getLogger(__name__)


def open_desk_context(db_path: Path, *, check: bool = True) -> DeskContext:
    """Open the desk and find who acts (worker thread; imports the services lazily).

    `check=False` (the app's start-up) leaves the integrity check to the caller: writes are held
    until it passes."""
    from frontdesk.i18n import desk_language
    from frontdesk.services.desk.settings import get_settings
    from frontdesk.services.desk.setup import first_admin_actor, is_demo, open_desk

    db = open_desk(Path(db_path), check=check)
    try:
        settings = get_settings(db)
        return DeskContext(db=db, actor=first_admin_actor(db), desk=db.desk, is_demo=is_demo(db),
                           language=desk_language(settings.language))
    except BaseException:
        db.dispose()
        raise


class _FirstPaint(QObject):
    """Calls back once, right after the watched widget's first paint has been handled."""

    def __init__(self, watched: QObject, callback) -> None:
        super().__init__(watched)
        self._callback = callback
        self._done = False
        watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._done:
            self._done = True
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._callback)
        return False


class DeskStarter(QObject):
    """Opens the desk after the first paint and attaches it to the window."""

    def __init__(self, window: MainWindow, db_path: Path, *, policies: ProcessPolicies, bench: bool = False) -> None:
        super().__init__(window)
        self.window = window
        self.policies = policies
        self.db_path = Path(db_path)
        self.bench = bench
        self.context: DeskContext | None = None
        self.failure: str | None = None
        self.sign_in_dialog = None
        self.guard = None
        self.upkeep = None
        self.evening_close = None
        self.nightly_sync = None
        self._started = False
        policies.garbage.hold()  # until the first screen has its data (then frozen)
        window.first_data_loaded.connect(self._on_window_first_data_loaded)
        _FirstPaint(window.message_page.heading, self._on_first_paint)
        QTimer.singleShot(500, self.start)  # in case no paint event arrives (minimised start)

    def _on_first_paint(self) -> None:
        if self.bench:
            print(f"PAINTED {time.time():.6f}", flush=True)
        self.start()

    def start(self) -> None:
        if self._started:
            return
        self._started = True
        tasks.run_in_background(self.window, lambda: open_desk_context(self.db_path, check=False),
                                on_success=self._on_desk_opened, on_error=self._on_desk_failed,
                                on_finished=self._on_open_finished)

    def _on_desk_opened(self, context: DeskContext) -> None:
        context = dataclasses.replace(context, duties=self.policies.open_desk(context.db))
        self.context = context
        if context.language != cached_language():
            install_translators(context.language)
            remember_language(context.language)
            self.window.retranslate()
        if self.bench:  # signed in by the benchmark option: neither the dialog nor hashing counts
            self.window.attach(context)
            return
        from frontdesk.ui.upkeep.startup_checks import Upkeep

        self.upkeep = Upkeep(context.db, self.window)
        self._ask_sign_in(context)
        self.upkeep.integrity_known.connect(self.sign_in_dialog.database_checked)
        self.upkeep.start()

    def _ask_sign_in(self, context: DeskContext) -> None:
        from frontdesk.services.staff.accounts import demo_sign_in, needs_first_admin_password
        from frontdesk.ui.staff.sign_in_dialog import SignInDialog

        dialog = SignInDialog(context.db, first_run=needs_first_admin_password(context.db), desk=context.desk,
                              checking=True, demo_accounts=demo_sign_in(context.db) if context.is_demo else None,
                              failures=context.duties.sign_in_failures, parent=self.window)
        dialog.signed_in.connect(lambda session: self._on_signed_in(context, session))
        dialog.rejected.connect(self.window.close)  # "Quit" at the sign-in closes the app
        self.sign_in_dialog = dialog
        dialog.open()

    def _on_signed_in(self, context: DeskContext, session) -> None:
        from frontdesk.services.desk.settings import get_settings
        from frontdesk.ui.shell.session_guard import SessionGuard
        from frontdesk.ui.upkeep.evening_close import EveningClose

        self.context = dataclasses.replace(context, actor=session.actor)
        self.window.attach(self.context)
        if session.not_recorded:  # signed in to read: the database could not take the sign-in's record
            tasks.error_display().show_message(session.not_recorded)
        minutes = get_settings(context.db).idle_lock_minutes
        self.guard = SessionGuard(self.window, self.context, session, idle_minutes=minutes)
        # Desk-wide duties, whatever screen is open: the evening close at the check-out hour (only on a
        # database that was checked and can be written: sign-in waited for the check), and the copy of
        # the evacuation list rewritten after every change; the lab's automatic plan at the planning desk.
        if not context.db.writes_held:
            self.evening_close = EveningClose(context.db, context.desk, parent=self.window)
            self.evening_close.start()
            self._start_sync(context)
            self._start_plan_upkeep(context)
        context.duties.keep_evacuation_copy()

    def _start_sync(self, context: DeskContext) -> None:
        """The nightly sync (catching up at start when due), "Sync now" and the status bar's line."""
        from frontdesk.ui.sync.nightly_sync import NightlySync

        sync = NightlySync(context.db, context.desk, parent=self.window)
        sync.show_in(self.window)
        self.nightly_sync = sync
        sync.start()

    def _start_plan_upkeep(self, context: DeskContext) -> None:
        """The lab's automatic plan, remade at the planning desk when due (ui.lab.plan_upkeep)."""
        from frontdesk.ui.lab.plan_upkeep import PlanUpkeep

        self.plan_upkeep = PlanUpkeep(context.db, parent=self.window)
        self.plan_upkeep.start()

    def _on_desk_failed(self, error) -> None:
        self.policies.garbage.release(freeze=False)
        self.failure = error.message
        self.window.show_startup_failure(error.message)
        if self.bench:
            print(f"FAILED {error.message}", flush=True)
            QApplication.exit(1)

    def _on_open_finished(self) -> None:
        if self.context is None and self.failure is None:  # an unexpected error, already logged
            self.policies.garbage.release(freeze=False)
            self.failure = tasks.generic_failure_message()
            self.window.show_startup_failure(self.failure)
            if self.bench:
                print(f"FAILED {self.failure}", flush=True)
                QApplication.exit(1)

    def _on_window_first_data_loaded(self) -> None:
        # Everything loaded so far lives as long as the app: keep it out of the garbage collector's
        # scans, whose pauses (up to ~50 ms measured) would otherwise land on keystrokes.
        self.policies.garbage.release(freeze=True)
        if self.bench:
            print(f"READY {time.time():.6f}", flush=True)
            QTimer.singleShot(0, QApplication.quit)
            return
        # What start-up left for later (the ORM's mappers, the PDF libraries), now, in the background.
        from frontdesk.services.desk.setup import warm_up

        tasks.run_in_background(self, warm_up, on_success=lambda _none: self.policies.garbage.freeze())


def make_application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APPLICATION)
    app.setOrganizationName(ORGANISATION)
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "frontdesk.png")))
    apply_style(app)
    install_translators(language_override() or cached_language())
    return app


def run_gui(db_path: Path | str, *, policies: ProcessPolicies, bench_startup: bool = False) -> int:
    """Show the main window on the desk database at `db_path`; return the exit code. `policies`
    are installed (and later closed) by the caller; the GUI thread collects garbage from here on."""
    app = make_application()
    policies.start()
    window = MainWindow()
    starter = DeskStarter(window, Path(db_path), policies=policies, bench=bench_startup)
    window.show()
    try:
        code = app.exec()
    finally:
        window.save_preferences()
        if starter.context is not None:
            policies.close_desk(starter.context.db)  # its last evacuation copy, bounded
        tasks.shutdown()
        if starter.context is not None:
            starter.context.db.dispose()
    if starter.failure and bench_startup:
        return 1
    return int(code)
