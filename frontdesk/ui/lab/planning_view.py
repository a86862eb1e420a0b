"""The Test planning screen: the tests asked for and not yet under way (urgent first, then by the
date the customer needs them), each with its machine and start once planned and its risk in the
automatic plan (late by how much, or why it cannot be planned); Enter or "Plan…" opens the dialog
that plans it (ui.lab.plan_dialog). A line says when the automatic plan was made and what came of
it; at the planning desk "Recompute plan" makes it now, elsewhere the line says where it is made.
Imports Qt, ui helpers, the planning services."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from frontdesk.domain.roles import Permission
from frontdesk.i18n import format_date, format_datetime, format_time, local_time
from frontdesk.services.lab.auto_plan import PlanOutcome, PlanOverview, plan_overview, replan
from frontdesk.services.lab.planning import PlannableTest, plannable_tests
from frontdesk.ui.lab.lab_texts import word
from frontdesk.ui.lab.label_scan import ScanStrip
from frontdesk.ui.lab.plan_dialog import PlanDialog
from frontdesk.ui.shell.area_view import AreaView, DeskContext
from frontdesk.ui.tasks import NewestWins, run_in_background
from frontdesk.ui.widgets.table_models import Column, ValueTableModel
from frontdesk.ui.widgets.tables import make_table


class PlanningView(AreaView):
    area_requested = Signal(str, object)  # a scanned label: ("lab_queue", test id) or ("samples", sample id)
    areas = frozenset({"lab_test", "lab_sample", "lab_request", "lab_equipment", "staff", "lab_plan_run",
                       "settings", "site_setting"})

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._db = context.db
        self._loads = NewestWins()
        self._dialog: QDialog | None = None
        self._risks: dict[uuid.UUID, str] = {}

        title = QLabel(self.tr("Test planning"))
        title.setProperty("role", "title")
        hint = QLabel(self.tr("Choose a test and press Enter to put it on a machine, a day and a technician."))
        hint.setProperty("role", "muted")
        self.plan_button = QPushButton(self.tr("Plan…"))
        self.plan_button.setProperty("primary", True)
        self.plan_button.clicked.connect(self._on_plan_button_clicked)
        self.replan_button = QPushButton(self.tr("Recompute plan"))
        self.replan_button.setObjectName("replanButton")
        self.replan_button.clicked.connect(self._on_replan_button_clicked)
        self.replan_button.hide()  # shown at the planning desk, once known
        self.plan_line = QLabel()
        self.plan_line.setObjectName("planLine")
        self.plan_line.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(hint, 1)
        top.addWidget(self.replan_button)
        top.addWidget(self.plan_button)

        self.model = ValueTableModel([
            Column(self.tr("Sample"), lambda t: t.sample_lab_id),
            Column(self.tr("Company"), lambda t: t.company, tooltip=True),
            Column(self.tr("Test"), lambda t: t.test_name, tooltip=True),
            Column(self.tr("Length"), self._length),
            Column(self.tr("Needed by"), lambda t: format_date(t.due_on) if t.due_on else "—"),
            Column(self.tr("Priority"), lambda t: word(t.priority)),
            Column(self.tr("Status"), lambda t: word(t.status)),
            Column(self.tr("Machine"), lambda t: t.equipment_code),
            Column(self.tr("Start"), lambda t: format_datetime(t.planned_start) if t.planned_start else ""),
            Column(self.tr("Technician"), lambda t: t.technician_name, tooltip=True),
            Column(self.tr("Risk"), self._risk_text, tooltip=True),
        ], self)
        self.table = make_table(self.model, fixed=(0, 3, 4, 5, 6, 7, 8))
        self.table.setObjectName("plannableTable")
        self.table.activated.connect(lambda _i: self._on_plan_button_clicked())
        self.empty = QLabel(self.tr("No test is waiting to be planned."))
        self.empty.setProperty("role", "muted")
        self.empty.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(10)
        self.label_scan = ScanStrip(self._db, [self.table, self.plan_button], actor_source=lambda: self.context.actor)
        self.label_scan.open_requested.connect(self.area_requested)
        heading = QHBoxLayout()
        heading.addWidget(title)
        heading.addWidget(self.label_scan, 1)
        layout.addLayout(heading)
        layout.addLayout(top)
        layout.addWidget(self.plan_line)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)

    def _length(self, t: PlannableTest) -> str:
        if t.hours:
            return self.tr("{hours} h").format(hours=t.hours)
        return self.tr("{minutes} min").format(minutes=t.machine_minutes)

    def focus_first(self) -> None:
        self.table.setFocus()

    def reload(self) -> None:
        ticket, db = self._loads.next(), self._db
        run_in_background(self, lambda: (plannable_tests(db), plan_overview(db)),
                          on_success=self._loads.only_newest(ticket, self._on_loaded))

    def _on_loaded(self, loaded: tuple[list[PlannableTest], PlanOverview]) -> None:
        tests, overview = loaded
        self._show_overview(overview)
        current = self.current_test()
        self.model.set_rows(tests)
        self.empty.setVisible(not tests)
        row = self.model.row_of(lambda t: t.test_id == current.test_id) if current else -1
        if row < 0 and tests:
            row = 0
        if row >= 0:
            self.table.selectRow(row)
        self.data_loaded.emit()

    def _risk_text(self, test: PlannableTest) -> str:
        """Late by how much or why it has no slot, after what moved it (its machine's failure)."""
        parts = [self._risks.get(test.test_id, "")]
        if test.moved_because:
            parts.insert(0, self.tr("Moved: %1").replace("%1", test.moved_because))
        if test.pinned:
            parts.append(self.tr("pinned"))
        return " · ".join(p for p in parts if p)

    def _show_overview(self, overview: PlanOverview) -> None:
        latest = overview.latest
        self._risks = {}
        if latest is not None:
            self._risks.update({item.test_id: self._late_by(item.minutes) for item in latest.late})
            self._risks.update({item.test_id: item.reason for item in latest.unplaced})
        parts = []
        if not overview.planning_desk:
            parts.append(self.tr("No automatic plan: choose the planning desk in Settings."))
        elif not overview.here:
            parts.append(self.tr("The plan is computed at desk {desk}.").format(desk=overview.planning_desk))
        if latest is None:
            if overview.planning_desk:
                parts.append(self.tr("The automatic plan has not been computed yet."))
        else:
            made = local_time(latest.made_at)
            parts.append(self.tr("Plan computed on {day} at {time}").format(
                day=format_date(made.date(), "d MMMM"), time=format_time(made)))
            late, unplaced = len(latest.late), len(latest.unplaced)
            if late:
                parts.append(self.tr("1 test late") if late == 1 else self.tr("{n} tests late").format(n=late))
            if unplaced:
                parts.append(self.tr("1 cannot be planned") if unplaced == 1
                             else self.tr("{n} cannot be planned").format(n=unplaced))
        self.plan_line.setText(" · ".join(parts))
        self.replan_button.setVisible(overview.here and self.context.actor.can(Permission.PLAN_TESTS))

    def _late_by(self, minutes: int) -> str:
        hours = -(-minutes // 60)  # whole hours, rounded up
        days, hours = divmod(hours, 24)
        if not days:
            return self.tr("late by {hours} h").format(hours=hours)
        if not hours:
            return self.tr("late by {days} d").format(days=days)
        return self.tr("late by {days} d {hours} h").format(days=days, hours=hours)

    def _on_replan_button_clicked(self) -> None:
        db, actor = self._db, self.context.actor
        self.replan_button.setEnabled(False)
        run_in_background(self, lambda: replan(db, actor=actor, cause="manual"), on_success=self._on_replanned,
                          on_finished=lambda: self.replan_button.setEnabled(True), write=True,
                          key=f"lab-plan:{id(db)}")

    def _on_replanned(self, outcome: PlanOutcome) -> None:
        self.notice_shown.emit(self.tr("Plan recomputed: {moved} of {tests} tests in new slots.").format(
            moved=outcome.moved, tests=outcome.tests))

    def current_test(self) -> PlannableTest | None:
        index = self.table.selectionModel().currentIndex()
        return self.model.value(index.row()) if index.isValid() else None

    def _on_plan_button_clicked(self) -> PlanDialog | None:
        test = self.current_test()
        if test is None:
            return None
        if self._dialog is not None:
            self._dialog.deleteLater()
        dialog = PlanDialog(self._db, self.context.actor, test, parent=self)
        self._dialog = dialog
        dialog.finished.connect(lambda result: self._on_dialog_finished(dialog, result))
        dialog.open()
        return dialog

    def _on_dialog_finished(self, dialog: PlanDialog, result: int) -> None:
        if result == QDialog.DialogCode.Accepted and dialog.saved is not None:
            self.notice_shown.emit(self.tr("Planned: {sample}, {start}").format(
                sample=dialog._test.sample_lab_id, start=format_datetime(dialog.saved.planned_start)))
