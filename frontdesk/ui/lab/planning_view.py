"""The Test planning screen: the tests asked for and not yet under way (urgent first, then by the
date the customer needs them), each with its machine and start once planned; Enter or "Plan…"
opens the dialog that plans it (ui.lab.plan_dialog). Imports Qt, ui helpers, the planning service."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from frontdesk.i18n import format_date, format_datetime
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
    areas = frozenset({"lab_test", "lab_sample", "lab_request", "lab_equipment", "staff"})

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._db = context.db
        self._loads = NewestWins()
        self._dialog: QDialog | None = None

        title = QLabel(self.tr("Test planning"))
        title.setProperty("role", "title")
        hint = QLabel(self.tr("Choose a test and press Enter to put it on a machine, a day and a technician."))
        hint.setProperty("role", "muted")
        self.plan_button = QPushButton(self.tr("Plan…"))
        self.plan_button.setProperty("primary", True)
        self.plan_button.clicked.connect(self._on_plan_button_clicked)
        top = QHBoxLayout()
        top.addWidget(hint, 1)
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
        run_in_background(self, lambda: plannable_tests(db),
                          on_success=self._loads.only_newest(ticket, self._on_loaded))

    def _on_loaded(self, tests: list[PlannableTest]) -> None:
        current = self.current_test()
        self.model.set_rows(tests)
        self.empty.setVisible(not tests)
        row = self.model.row_of(lambda t: t.test_id == current.test_id) if current else -1
        if row < 0 and tests:
            row = 0
        if row >= 0:
            self.table.selectRow(row)
        self.data_loaded.emit()

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
