"""After the desk opens: the integrity check in the background (writes held until it passes),
then the daily backup and retention, again every hour in case the day changed.

`integrity_known(sound, problem)` says how the check went, with `problem` the reason nothing can
be saved ("" when writes resume): the sign-in dialog waits for it. A database that cannot be
written (damaged, read-only, unreadable) is said once, calmly, in the window's banner (a damaged
one names the newest good backup), and the daily work, which writes, does not run.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from frontdesk.ui.tasks import error_display, run_in_background

HOUR_MS = 60 * 60 * 1000


class Upkeep(QObject):
    integrity_known = Signal(bool, str)  # sound, why nothing can be saved ("" when it can)

    def __init__(self, db, parent: QObject) -> None:
        super().__init__(parent)
        self._db = db
        self.checked: bool | None = None  # result of the integrity check, once known
        self._timer = QTimer(self)
        self._timer.setInterval(HOUR_MS)
        self._timer.timeout.connect(self._on_timer_timeout)

    def start(self) -> None:
        from frontdesk.services.upkeep.backups import integrity_check

        db = self._db
        run_in_background(self, lambda: integrity_check(db), on_success=self._on_checked,
                          on_error=self._on_check_failed, key=f"integrity:{id(self)}")

    def _on_checked(self, ok: bool) -> None:
        self.checked = ok
        problem = self._db.writes_held or ""
        self.integrity_known.emit(ok, problem)
        if not ok:
            from frontdesk.services.upkeep.backups import backup_folder, newest_good_backup

            db = self._db
            run_in_background(self, lambda: newest_good_backup(backup_folder(db), desk=db.desk),
                              on_success=self._on_newest_backup_found)
            return
        if problem:  # sound but read-only: the daily work would only fail
            error_display().show_message(problem)
            return
        self._run_daily()
        self._timer.start()

    def _on_check_failed(self, error) -> None:
        self.checked = False
        self.integrity_known.emit(False, error.message)
        error_display().show_message(error.message)

    def _on_newest_backup_found(self, path) -> None:
        message = self._db.writes_held or ""
        if path is not None:
            message += " " + self.tr("Newest good backup: %1").replace("%1", str(path))
        error_display().show_message(message)

    def _on_timer_timeout(self) -> None:
        self._run_daily()

    def _run_daily(self) -> None:
        from frontdesk.services.upkeep.daily import daily_upkeep

        db = self._db
        run_in_background(self, lambda: daily_upkeep(db), write=True, key=f"upkeep:{id(self)}")
