"""The dialog that plans one test: a machine of the right kind, a day and a start time, a technician
authorised for the method; the machine's bookings that day listed beneath. When the plan is refused
the reason appears under the fields, in the dialog, not in a popup. Imports Qt, ui helpers and the
planning service."""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from frontdesk.domain.clock import ROME, today_in_rome
from frontdesk.i18n import format_date, format_datetime, format_time
from frontdesk.services.lab.planning import (
    PlannableTest,
    PlannedTest,
    PlanningChoices,
    machine_bookings,
    plan_test,
    planning_choices,
)
from frontdesk.ui.lab.lab_texts import kind_text
from frontdesk.ui.lab.record_dialogs import date_edit, from_qdate
from frontdesk.ui.tasks import NewestWins, run_in_background
from frontdesk.ui.widgets.table_models import Column, ValueTableModel
from frontdesk.ui.widgets.tables import make_table


class PlanDialog(QDialog):
    def __init__(self, db, actor, test: PlannableTest, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._actor, self._test = db, actor, test
        self._bookings = NewestWins()
        self.saved: PlannedTest | None = None
        self.setWindowTitle(self.tr("Plan test: {sample}").format(sample=test.sample_lab_id))
        self.setMinimumWidth(640)

        heading = QLabel(f"{test.sample_lab_id} · {test.test_name} · {test.company}")
        heading.setProperty("role", "subtitle")
        heading.setWordWrap(True)
        if test.hours:
            length = self.tr("Exposure of {hours} h, through nights and holidays; loaded and unloaded in "
                             "working hours.").format(hours=test.hours)
        else:
            length = self.tr("{minutes} min on the machine, after {prep} min of preparation.").format(
                minutes=test.machine_minutes, prep=test.prep_min)
        self.length = QLabel(length)
        self.length.setProperty("role", "muted")
        self.length.setWordWrap(True)

        self.machine = QComboBox()
        self.machine.setObjectName("machine")
        start = test.planned_start.astimezone(ROME) if test.planned_start else None
        self.day = date_edit(start.date() if start else today_in_rome() + dt.timedelta(days=1))
        self.time = QTimeEdit(QTime(start.hour, start.minute) if start else QTime(9, 0))
        self.time.setDisplayFormat("HH:mm")
        self.time.setMaximumWidth(110)
        self.technician = QComboBox()
        self.technician.setObjectName("technician")
        self.ends = QLabel()
        self.ends.setProperty("role", "muted")
        self.refusal = QLabel()
        self.refusal.setObjectName("refusal")
        self.refusal.setProperty("role", "field-error")
        self.refusal.setWordWrap(True)
        self.refusal.hide()

        when = QWidget()
        when_layout = QHBoxLayout(when)
        when_layout.setContentsMargins(0, 0, 0, 0)
        when_layout.addWidget(self.day)
        when_layout.addWidget(self.time)
        when_layout.addWidget(self.ends, 1)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Machine"), self.machine)
        form.addRow(self.tr("Day and start"), when)
        form.addRow(self.tr("Technician"), self.technician)

        self.booking_title = QLabel()
        self.booking_title.setProperty("role", "subtitle")
        self.booking_model = ValueTableModel([
            Column(self.tr("From"), lambda b: format_datetime(b.start)),
            Column(self.tr("To"), lambda b: format_datetime(b.end)),
            Column(self.tr("Sample"), lambda b: b.sample_lab_id),
            Column(self.tr("Test"), lambda b: b.test_name, tooltip=True),
            Column(self.tr("Technician"), lambda b: b.technician_name, tooltip=True),
        ], self)
        self.booking_table = make_table(self.booking_model, fixed=(0, 1, 2))
        self.booking_table.setObjectName("bookingTable")
        self.booking_table.setMinimumHeight(140)
        self.booking_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.save_button = QPushButton(self.tr("Plan"))
        self.save_button.setProperty("primary", True)
        self.save_button.setDefault(True)
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(heading)
        layout.addWidget(self.length)
        layout.addLayout(form)
        layout.addWidget(self.refusal)
        layout.addWidget(self.booking_title)
        layout.addWidget(self.booking_table, 1)
        layout.addLayout(buttons)

        self.machine.currentIndexChanged.connect(self._on_choice_changed)
        self.day.dateChanged.connect(self._on_choice_changed)
        self.time.timeChanged.connect(self._on_time_changed)
        self.technician.currentIndexChanged.connect(self._clear_refusal)
        run_in_background(self, lambda: planning_choices(db, test_id=test.test_id), on_success=self._on_choices)
        self._on_time_changed()

    # --- choices ----------------------------------------------------------------------------------
    def _on_choices(self, choices: PlanningChoices) -> None:
        self.machine.blockSignals(True)
        for m in choices.machines:
            self.machine.addItem(m.label, str(m.id))
        if self._test.equipment_id is not None:
            self.machine.setCurrentIndex(max(0, self.machine.findData(str(self._test.equipment_id))))
        self.machine.blockSignals(False)
        if not choices.machines:
            self.machine.addItem(self.tr("No machine of kind “{kind}” is in use").format(
                kind=kind_text(self._test.equipment_kind)), None)
        if not choices.technicians:
            self.technician.addItem(self.tr("Nobody is authorised for this method"), None)
        for t in choices.technicians:
            self.technician.addItem(t.name, str(t.staff_id))
        if self._test.technician_id is not None:
            self.technician.setCurrentIndex(max(0, self.technician.findData(str(self._test.technician_id))))
        self.save_button.setEnabled(bool(choices.machines))
        self._on_choice_changed()

    def start(self) -> dt.datetime:
        day, clock = from_qdate(self.day.date()), self.time.time()
        return dt.datetime.combine(day, dt.time(clock.hour(), clock.minute()), tzinfo=ROME)

    def _on_time_changed(self, *_args) -> None:
        end = self.start() + dt.timedelta(minutes=self._test.machine_minutes)
        same_day = end.astimezone(ROME).date() == self.start().date()
        self.ends.setText(self.tr("ends at {time}").format(time=format_time(end)) if same_day else
                          self.tr("ends on {moment}").format(moment=format_datetime(end, "text")))
        self._clear_refusal()

    def _on_choice_changed(self, *_args) -> None:
        self._on_time_changed()
        machine_id, day = self.machine.currentData(), from_qdate(self.day.date())
        self.booking_title.setText(self.tr("Booked on this machine on {day}").format(day=format_date(day, "text")))
        ticket = self._bookings.next()
        if machine_id is None:
            self.booking_model.set_rows([])
            return
        db, equipment_id = self._db, uuid.UUID(machine_id)
        run_in_background(self, lambda: machine_bookings(db, equipment_id=equipment_id, day=day),
                          on_success=self._bookings.only_newest(ticket, self.booking_model.set_rows))

    def _clear_refusal(self, *_args) -> None:
        self.refusal.hide()
        self.refusal.clear()

    # --- saving -----------------------------------------------------------------------------------
    def _on_save_button_clicked(self) -> None:
        machine_id, technician_id = self.machine.currentData(), self.technician.currentData()
        if machine_id is None:
            return
        self._clear_refusal()
        db, actor, test_id, start = self._db, self._actor, self._test.test_id, self.start()
        equipment_id = uuid.UUID(machine_id)
        staff_id = uuid.UUID(technician_id) if technician_id else None
        self.save_button.setEnabled(False)
        run_in_background(self, lambda: plan_test(db, test_id=test_id, equipment_id=equipment_id, start=start,
                                                  technician_id=staff_id, actor=actor),
                          write=True, key=f"plan-test:{test_id}", on_success=self._on_saved,
                          on_error=self._on_refused, on_finished=lambda: self.save_button.setEnabled(True))

    def _on_saved(self, planned: PlannedTest) -> None:
        self.saved = planned
        self.accept()

    def _on_refused(self, error) -> None:
        self.refusal.setText(error.message)
        self.refusal.show()
