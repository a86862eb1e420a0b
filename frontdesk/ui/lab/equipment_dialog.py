"""The machine dialog: create or edit a machine of the lab (identity, room, capacity, whether it
runs continuously, working hours and weekdays), with messages beside the fields.

Saving runs in the background (a write). Imports Qt, ui helpers and the equipment service."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from frontdesk.i18n import _
from frontdesk.services.lab.equipment import EquipmentInput, EquipmentSummary, create_equipment, update_equipment
from frontdesk.ui.lab.lab_texts import weekday_name
from frontdesk.ui.tasks import run_in_background
from frontdesk.ui.widgets.forms import FieldErrors, form_error_label


def _service_labels() -> dict[str, str]:
    return {_("Code"): "code", _("Kind"): "kind", _("Name"): "name", _("Room"): "room",
            _("Manufacturer"): "manufacturer", _("Model"): "model", _("Serial number"): "serial",
            _("Firmware or software"): "firmware", _("Notes"): "notes", "hours_from": "hours_to"}


class WeekdayPicker(QWidget):
    """Seven check boxes, Monday to Sunday; `value()` is ISO weekdays ("12345")."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.boxes = []
        for day in range(1, 8):
            box = QCheckBox(weekday_name(day))
            self.boxes.append(box)
            layout.addWidget(box)
        layout.addStretch(1)

    def set_value(self, days: str) -> None:
        for day, box in enumerate(self.boxes, start=1):
            box.setChecked(str(day) in days)

    def value(self) -> str:
        return "".join(str(day) for day, box in enumerate(self.boxes, start=1) if box.isChecked())


class EquipmentDialog(QDialog):
    def __init__(self, db, actor, machine: EquipmentSummary | None = None, *, kinds: list[str] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._actor, self._machine = db, actor, machine
        self.saved: EquipmentSummary | None = None
        self.setWindowTitle(self.tr("Edit machine") if machine else self.tr("New machine"))
        self.setMinimumWidth(700)
        self.errors = FieldErrors(_service_labels())
        self.form_error = form_error_label()

        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("Inventory code, e.g. TR-01"))
        self.name = QLineEdit()
        self.kind = QComboBox()
        self.kind.setEditable(True)
        self.kind.addItems(list(kinds))
        self.kind.setCurrentText(machine.kind if machine else "")
        self.kind.setToolTip(self.tr("The kind of machine the tests of the catalogue ask for"))
        self.room = QLineEdit()
        self.manufacturer = QLineEdit()
        self.model = QLineEdit()
        self.serial = QLineEdit()
        self.firmware = QLineEdit()
        self.capacity = QSpinBox()
        self.capacity.setRange(1, 1000)
        self.capacity.setMaximumWidth(120)
        self.continuous = QCheckBox(self.tr("Runs without interruption (nights and holidays included)"))
        self.continuous.setToolTip(self.tr("Like a salt-spray chamber: loaded and unloaded in working hours, "
                                           "it runs the whole exposure through nights and holidays"))
        self.hours_from = QTimeEdit()
        self.hours_to = QTimeEdit()
        for edit in (self.hours_from, self.hours_to):
            edit.setDisplayFormat("HH:mm")
            edit.setMaximumWidth(110)
        hours = QWidget()
        hours_layout = QHBoxLayout(hours)
        hours_layout.setContentsMargins(0, 0, 0, 0)
        hours_layout.addWidget(self.hours_from)
        hours_layout.addWidget(self.hours_to)
        hours_layout.addStretch(1)
        self.weekdays = WeekdayPicker()
        self.active = QCheckBox(self.tr("In use (untick when the machine is retired)"))
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(56)
        self.notes.setTabChangesFocus(True)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for label, key, editor in (
            (self.tr("Code"), "code", self.code), (self.tr("Name"), "name", self.name),
            (self.tr("Kind"), "kind", self.kind), (self.tr("Room"), "room", self.room),
            (self.tr("Manufacturer"), "manufacturer", self.manufacturer), (self.tr("Model"), "model", self.model),
            (self.tr("Serial number"), "serial", self.serial),
            (self.tr("Firmware or software"), "firmware", self.firmware),
            (self.tr("Capacity (tests at once)"), "capacity", self.capacity),
            ("", "continuous", self.continuous),
            (self.tr("Working hours"), "hours_to", hours), (self.tr("Working days"), "weekdays", self.weekdays),
            ("", "active", self.active), (self.tr("Notes"), "notes", self.notes),
        ):
            form.addRow(label, self.errors.row(key, editor))

        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setProperty("primary", True)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(self.form_error)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self._fill(machine)

    def _fill(self, m: EquipmentSummary | None) -> None:
        self.capacity.setValue(m.capacity if m else 1)
        self.hours_from.setTime(QTime.fromString(m.hours_from if m else "08:00", "HH:mm"))
        self.hours_to.setTime(QTime.fromString(m.hours_to if m else "17:00", "HH:mm"))
        self.weekdays.set_value(m.weekdays if m else "12345")
        self.active.setChecked(m.active if m else True)
        if m is None:
            return
        for editor, value in ((self.code, m.code), (self.name, m.name), (self.room, m.room),
                              (self.manufacturer, m.manufacturer), (self.model, m.model), (self.serial, m.serial),
                              (self.firmware, m.firmware)):
            editor.setText(value)
        self.continuous.setChecked(m.continuous)
        self.notes.setPlainText(m.notes)

    def data(self) -> EquipmentInput:
        return EquipmentInput(
            code=self.code.text(), kind=self.kind.currentText(), name=self.name.text(), room=self.room.text(),
            manufacturer=self.manufacturer.text(), model=self.model.text(), serial=self.serial.text(),
            firmware=self.firmware.text(), capacity=self.capacity.value(), continuous=self.continuous.isChecked(),
            hours_from=self.hours_from.time().toString("HH:mm"), hours_to=self.hours_to.time().toString("HH:mm"),
            weekdays=self.weekdays.value(), active=self.active.isChecked(), notes=self.notes.toPlainText())

    def _on_save_button_clicked(self) -> None:
        self.errors.clear()
        self.form_error.hide()
        data, db, actor, machine = self.data(), self._db, self._actor, self._machine
        if machine is None:
            def work():
                return create_equipment(db, data=data, actor=actor)
        else:
            def work():
                return update_equipment(db, equipment_id=machine.id, data=data, actor=actor)
        self.save_button.setEnabled(False)
        run_in_background(self, work, write=True, key=f"equipment-save:{machine.id if machine else id(self)}",
                          on_success=self._on_saved, on_error=self._on_save_failed,
                          on_finished=lambda: self.save_button.setEnabled(True))

    def _on_saved(self, machine: EquipmentSummary) -> None:
        self.saved = machine
        self.accept()

    def _on_save_failed(self, error) -> None:
        self.errors.show_error(error, self.form_error)
