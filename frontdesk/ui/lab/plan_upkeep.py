"""The lab's automatic plan kept up to date while the app runs: every minute, and shortly after a
write or a sync run touched the lab's data, `services.lab.auto_plan.replan_if_due` runs in the
background (in the write lane, as the desk itself). It makes a plan only at the planning desk and
only when one is due (at night, after a change, local or pulled); elsewhere the check is a
settings read. Imports Qt and ui.tasks; the service lazily."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from frontdesk.ui.tasks import data_bus, run_in_background

CHECK_EVERY_MS = 60 * 1000
AFTER_CHANGE_MS = 3 * 1000  # a burst of writes (an intake, a sync run's pages) makes one check
LAB_AREAS = frozenset({"lab_request", "lab_test", "lab_test_type", "lab_equipment", "lab_calibration",
                       "lab_out_of_service", "lab_closure", "lab_technician_days", "lab_absence",
                       "lab_authorisation", "staff", "site_setting", "settings"})


class PlanUpkeep(QObject):
    made = Signal(object)  # services.lab.auto_plan.PlanOutcome of a run it made

    def __init__(self, db, parent: QObject | None = None, *, every_ms: int = CHECK_EVERY_MS,
                 after_change_ms: int = AFTER_CHANGE_MS) -> None:
        super().__init__(parent)
        self._db = db
        self._timer = QTimer(self)
        self._timer.setInterval(every_ms)
        self._timer.timeout.connect(self.check)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(after_change_ms)
        self._soon.timeout.connect(self.check)
        data_bus().data_changed.connect(self._on_bus_data_changed)

    def start(self) -> None:
        self.check()
        self._timer.start()

    def check(self) -> None:
        from frontdesk.services.lab.auto_plan import replan_if_due

        db = self._db
        run_in_background(self, lambda: replan_if_due(db), on_success=self._on_checked, write=True,
                          key=f"lab-plan:{id(db)}")

    def _on_checked(self, outcome) -> None:
        if outcome is not None:
            self.made.emit(outcome)

    def _on_bus_data_changed(self, changed: set) -> None:
        if changed & LAB_AREAS:  # its own run's writes too: the check after it finds nothing due
            self._soon.start()
