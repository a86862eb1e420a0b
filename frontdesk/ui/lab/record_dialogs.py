"""Small dialogs of the lab screens: a calibration or verification of a machine, an out-of-service
period, and a period of days (a closure of the lab, a technician's absence). Each runs its write in
the background and shows the service's message inside itself. Imports Qt, ui helpers, services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from frontdesk.domain.clock import ROME, today_in_rome
from frontdesk.i18n import _
from frontdesk.ui.lab.lab_texts import word
from frontdesk.ui.tasks import run_in_background
from frontdesk.ui.widgets.forms import FieldErrors, form_error_label


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def date_edit(day: dt.date) -> QDateEdit:
    edit = QDateEdit(to_qdate(day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setMaximumWidth(150)
    return edit


def moment_edit(moment: dt.datetime) -> QDateTimeEdit:
    local = moment.astimezone(ROME)
    edit = QDateTimeEdit(QDateTime(to_qdate(local.date()), QTime(local.hour, local.minute)))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy HH:mm")
    edit.setMaximumWidth(190)
    return edit


def moment_of(edit: QDateTimeEdit) -> dt.datetime:
    """The edit's Rome wall-clock time as an aware moment."""
    value = edit.dateTime()
    day, clock = value.date(), value.time()
    return dt.datetime(day.year(), day.month(), day.day(), clock.hour(), clock.minute(), tzinfo=ROME)


class RecordDialog(QDialog):
    """A form, its message line and Save / Cancel; `work()` is the write, run in the background."""

    def __init__(self, title: str, parent: QWidget | None = None, aliases: dict[str, str] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        self.saved = None
        self.errors = FieldErrors(aliases)
        self.form_error = form_error_label()
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # Translated in this class's own context: `self.tr` would look in the subclass's.
        self.save_button = QPushButton(QCoreApplication.translate("RecordDialog", "Save"))
        self.save_button.setProperty("primary", True)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        cancel = QPushButton(QCoreApplication.translate("RecordDialog", "Cancel"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(self.form_error)
        layout.addLayout(self.form)
        layout.addLayout(buttons)

    def add_row(self, label: str, key: str, editor: QWidget) -> None:
        self.form.addRow(label, self.errors.row(key, editor))

    def work(self) -> Callable[[], object]:
        raise NotImplementedError

    def _on_save_button_clicked(self) -> None:
        self.errors.clear()
        self.form_error.hide()
        work = self.work()
        self.save_button.setEnabled(False)
        run_in_background(self, work, write=True, key=f"lab-record:{id(self)}", on_success=self._on_saved,
                          on_error=lambda error: self.errors.show_error(error, self.form_error),
                          on_finished=lambda: self.save_button.setEnabled(True))

    def _on_saved(self, value) -> None:
        self.saved = value
        self.accept()


class CalibrationDialog(RecordDialog):
    """A calibration or verification of one machine: when, result, next due, certificate."""

    def __init__(self, db, actor, machine, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Add calibration: {machine}").format(machine=machine.label), parent,
                         {_("Certificate"): "certificate", _("Notes"): "notes"})
        self._db, self._actor, self._machine = db, actor, machine
        today = today_in_rome()
        self.kind = QComboBox()
        for code in ("calibration", "verification"):
            self.kind.addItem(word(code), code)
        self.performed_on = date_edit(today)
        self.outcome = QComboBox()
        for code in ("pass", "fail"):
            self.outcome.addItem(word(code), code)
        self.next_due = date_edit(today.replace(year=today.year + 1) if not (today.month == 2 and today.day == 29)
                                  else today + dt.timedelta(days=365))
        self.certificate = QLineEdit()
        self.certificate.setPlaceholderText(self.tr("Number and issuer, e.g. LAT 123 0456/26"))
        self.notes = QLineEdit()
        self.add_row(self.tr("Kind"), "kind", self.kind)
        self.add_row(self.tr("Performed on"), "performed_on", self.performed_on)
        self.add_row(self.tr("Result"), "result", self.outcome)
        self.add_row(self.tr("Next due"), "next_due", self.next_due)
        hint = QLabel(self.tr("The machine may be used up to that day included."))
        hint.setProperty("role", "muted")
        hint.setWordWrap(True)
        self.form.addRow("", hint)
        self.add_row(self.tr("Certificate"), "certificate", self.certificate)
        self.add_row(self.tr("Notes"), "notes", self.notes)

    def work(self):
        from frontdesk.services.lab.equipment import add_calibration

        db, actor, machine_id = self._db, self._actor, self._machine.id
        values = dict(kind=self.kind.currentData(), result=self.outcome.currentData(),
                      performed_on=from_qdate(self.performed_on.date()), next_due=from_qdate(self.next_due.date()),
                      certificate=self.certificate.text(), notes=self.notes.text())
        return lambda: add_calibration(db, equipment_id=machine_id, actor=actor, **values)


class OutOfServiceDialog(RecordDialog):
    """A period the machine cannot be used, from a moment, until another or until further notice."""

    def __init__(self, db, actor, machine, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Out of service: {machine}").format(machine=machine.label), parent,
                         {_("Reason"): "reason"})
        self._db, self._actor, self._machine = db, actor, machine
        now = dt.datetime.now(dt.UTC).replace(second=0, microsecond=0)
        self.starts_at = moment_edit(now)
        self.open_ended = QCheckBox(self.tr("Until further notice"))
        self.open_ended.setChecked(True)
        self.ends_at = moment_edit(now + dt.timedelta(days=1))
        self.ends_at.setEnabled(False)
        self.open_ended.toggled.connect(lambda on: self.ends_at.setEnabled(not on))
        until = QWidget()
        until_layout = QHBoxLayout(until)
        until_layout.setContentsMargins(0, 0, 0, 0)
        until_layout.addWidget(self.ends_at)
        until_layout.addWidget(self.open_ended)
        until_layout.addStretch(1)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("e.g. load cell under repair"))
        self.add_row(self.tr("From"), "starts_at", self.starts_at)
        self.add_row(self.tr("Until"), "ends_at", until)
        self.add_row(self.tr("Reason"), "reason", self.reason)

    def work(self):
        from frontdesk.services.lab.equipment import put_out_of_service

        db, actor, machine_id = self._db, self._actor, self._machine.id
        starts_at = moment_of(self.starts_at)
        ends_at = None if self.open_ended.isChecked() else moment_of(self.ends_at)
        reason = self.reason.text()
        return lambda: put_out_of_service(db, equipment_id=machine_id, starts_at=starts_at, ends_at=ends_at,
                                          reason=reason, actor=actor)


class PeriodDialog(RecordDialog):
    """Days from one to another with a reason: a closure of the lab, or a technician's absence.
    `save(starts_on, ends_on, reason)` is the service call."""

    def __init__(self, title: str, save: Callable[[dt.date, dt.date, str], object], *, note: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(title, parent, {_("Reason"): "reason"})
        self._save = save
        today = today_in_rome()
        if note:
            hint = QLabel(note)
            hint.setProperty("role", "muted")
            hint.setWordWrap(True)
            self.form.addRow(hint)
        self.starts_on = date_edit(today)
        self.ends_on = date_edit(today)
        self.starts_on.dateChanged.connect(self._on_starts_on_changed)
        self.reason = QLineEdit()
        self.add_row(self.tr("First day"), "starts_on", self.starts_on)
        self.add_row(self.tr("Last day"), "ends_on", self.ends_on)
        self.add_row(self.tr("Reason"), "reason", self.reason)

    def _on_starts_on_changed(self, day: QDate) -> None:
        if self.ends_on.date() < day:
            self.ends_on.setDate(day)

    def work(self):
        save = self._save
        first, last, reason = from_qdate(self.starts_on.date()), from_qdate(self.ends_on.date()), self.reason.text()
        return lambda: save(first, last, reason)
