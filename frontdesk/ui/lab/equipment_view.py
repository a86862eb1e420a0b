"""The Equipment and calendar screen: the lab's machines with their calibration state (coloured),
the selected machine's identity, calibrations and out-of-service periods with their dialogs; and a
second tab with the lab's calendar (ui.lab.lab_calendar_tab).

Everyone in the lab sees it; the buttons that change anything are for who manages equipment (the
services refuse the others anyway). Imports Qt, ui helpers and the lab services; never the database.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from frontdesk.domain.roles import Permission
from frontdesk.i18n import format_date, format_datetime
from frontdesk.services.lab.equipment import (
    EquipmentDetail,
    EquipmentSummary,
    end_out_of_service,
    equipment_kinds,
    get_equipment,
    list_equipment,
)
from frontdesk.ui.lab.equipment_dialog import EquipmentDialog
from frontdesk.ui.lab.lab_calendar_tab import LabCalendarTab
from frontdesk.ui.lab.lab_texts import kind_text, state_colour, state_text, weekdays_text, word
from frontdesk.ui.lab.label_scan import ScanStrip
from frontdesk.ui.lab.record_dialogs import CalibrationDialog, OutOfServiceDialog
from frontdesk.ui.registry.companies_view import ListAndDetail
from frontdesk.ui.shell.area_view import AreaView, DeskContext
from frontdesk.ui.tasks import NewestWins, run_in_background
from frontdesk.ui.widgets.table_models import Column, ValueTableModel
from frontdesk.ui.widgets.tables import make_table

EQUIPMENT_AREAS = frozenset({"lab_equipment", "lab_calibration", "lab_out_of_service"})
CALENDAR_AREAS = frozenset({"lab_closure", "lab_technician_days", "lab_absence", "settings", "staff"})


class StateTableModel(ValueTableModel):
    """Machines, with the calibration state's column in its colour."""

    STATE_COLUMN = 3

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and index.column() == self.STATE_COLUMN:
            value = self.value(index.row())
            return state_colour(value.state) if value else None
        return super().data(index, role)


def _valid_until(m: EquipmentSummary) -> str:
    return format_date(m.valid_until) if m.valid_until else "—"


class EquipmentView(AreaView):
    area_requested = Signal(str, object)  # a scanned label: ("lab_queue", test id) or ("samples", sample id)
    areas = EQUIPMENT_AREAS | CALENDAR_AREAS

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._db = context.db
        self._may_manage = context.actor.can(Permission.MANAGE_EQUIPMENT)
        self._details = NewestWins()
        self._lists = NewestWins()
        self._detail: EquipmentDetail | None = None
        self._select_id = None
        self._dialog: QDialog | None = None

        title = QLabel(self.tr("Equipment and calendar"))
        title.setProperty("role", "title")
        self.tabs = QTabWidget()
        self.tabs.addTab(self._machines_tab(), self.tr("Machines"))
        self.calendar_tab = LabCalendarTab(context, may_manage=self._may_manage)
        self.tabs.addTab(self.calendar_tab, self.tr("Lab calendar"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(10)
        self.label_scan = ScanStrip(self._db, [self.table], actor_source=lambda: self.context.actor)
        self.label_scan.open_requested.connect(self.area_requested)
        heading = QHBoxLayout()
        heading.addWidget(title)
        heading.addWidget(self.label_scan, 1)
        layout.addLayout(heading)
        layout.addWidget(self.tabs, 1)
        QShortcut(QKeySequence.StandardKey.New, self, activated=self._on_new_button_clicked)
        self._show_detail(None)

    # --- building -------------------------------------------------------------------------------
    def _machines_tab(self) -> QWidget:
        self.new_button = QPushButton(self.tr("New machine"))
        self.new_button.setProperty("primary", True)
        self.new_button.clicked.connect(self._on_new_button_clicked)
        self.new_button.setVisible(self._may_manage)
        top = QHBoxLayout()
        hint = QLabel(self.tr("A machine may be used up to its calibration's next due day included."))
        hint.setProperty("role", "muted")
        top.addWidget(hint, 1)
        top.addWidget(self.new_button)

        self.model = StateTableModel([
            Column(self.tr("Code"), lambda m: m.code),
            Column(self.tr("Name"), lambda m: m.name, tooltip=True),
            Column(self.tr("Kind"), lambda m: kind_text(m.kind), tooltip=True),
            Column(self.tr("Calibration"), lambda m: state_text(m.state)),
            Column(self.tr("Valid until"), _valid_until),
        ], self)
        self.table = make_table(self.model, fixed=(0, 3, 4))
        self.table.setObjectName("equipmentTable")
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.table.activated.connect(lambda _i: self._on_edit_button_clicked())

        self.detail = QFrame()
        self.detail.setObjectName("card")
        self.detail_title = QLabel()
        self.detail_title.setProperty("role", "subtitle")
        self.detail_title.setWordWrap(True)
        self.detail_state = QLabel()
        self.detail_state.setObjectName("equipmentState")
        self.detail_state.setWordWrap(True)
        self.fields: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setHorizontalSpacing(14)
        for key, label in (("kind", self.tr("Kind")), ("room", self.tr("Room")),
                           ("identity", self.tr("Manufacturer and model")), ("serial", self.tr("Serial number")),
                           ("firmware", self.tr("Firmware or software")), ("capacity", self.tr("Capacity")),
                           ("hours", self.tr("Working hours"))):
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setTextFormat(Qt.TextFormat.PlainText)
            self.fields[key] = value
            form.addRow(label, value)
        self.edit_button = QPushButton(self.tr("Edit machine"))
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.calibration_button = QPushButton(self.tr("Add calibration"))
        self.calibration_button.clicked.connect(self._on_calibration_button_clicked)
        self.out_button = QPushButton(self.tr("Out of service…"))
        self.out_button.clicked.connect(self._on_out_button_clicked)
        self.back_button = QPushButton(self.tr("Back in service"))
        self.back_button.clicked.connect(self._on_back_button_clicked)
        buttons = QGridLayout()  # two by two: the detail stays narrow enough for the list's names
        for i, button in enumerate((self.edit_button, self.calibration_button, self.out_button, self.back_button)):
            button.setVisible(self._may_manage)
            buttons.addWidget(button, i // 2, i % 2)
        buttons.setColumnStretch(2, 1)
        detail_layout = QVBoxLayout(self.detail)
        detail_layout.addWidget(self.detail_title)
        detail_layout.addWidget(self.detail_state)
        detail_layout.addLayout(form)
        detail_layout.addLayout(buttons)

        self.calibration_model = ValueTableModel([
            Column(self.tr("Performed on"), lambda c: format_date(c.performed_on)),
            Column(self.tr("Kind"), lambda c: word(c.kind)),
            Column(self.tr("Result"), lambda c: word(c.result)),
            Column(self.tr("Next due"), lambda c: format_date(c.next_due)),
            Column(self.tr("Certificate"), lambda c: c.certificate, tooltip=True),
        ], self)
        self.calibration_table = make_table(self.calibration_model, fixed=(0, 3))
        self.calibration_table.setObjectName("calibrationTable")
        self.outage_model = ValueTableModel([
            Column(self.tr("From"), lambda o: format_datetime(o.starts_at)),
            Column(self.tr("Until"), lambda o: format_datetime(o.ends_at) if o.ends_at else self.tr("further notice")),
            Column(self.tr("Reason"), lambda o: o.reason, tooltip=True),
        ], self)
        self.outage_table = make_table(self.outage_model, fixed=(0, 1))
        self.outage_table.setObjectName("outageTable")
        self.empty = QLabel(self.tr("Choose a machine to see its identity, calibrations and out-of-service periods."))
        self.empty.setProperty("role", "muted")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(8, 0, 0, 0)
        right_layout.addWidget(self.empty)
        right_layout.addWidget(self.detail)
        self.calibrations_title = QLabel(self.tr("Calibrations and verifications"))
        self.calibrations_title.setProperty("role", "subtitle")
        right_layout.addWidget(self.calibrations_title)
        right_layout.addWidget(self.calibration_table, 2)
        self.outages_title = QLabel(self.tr("Out of service"))
        self.outages_title.setProperty("role", "subtitle")
        right_layout.addWidget(self.outages_title)
        right_layout.addWidget(self.outage_table, 1)

        splitter = ListAndDetail(list_share=0.6)
        splitter.addWidget(self.table)
        splitter.addWidget(right)
        splitter.setChildrenCollapsible(False)
        tab = QWidget()
        tab_layout = QVBoxLayout(tab)
        tab_layout.setContentsMargins(8, 8, 8, 8)
        tab_layout.addLayout(top)
        tab_layout.addWidget(splitter, 1)
        return tab

    def focus_first(self) -> None:
        self.table.setFocus()

    # --- loading ----------------------------------------------------------------------------------
    def reload(self) -> None:
        ticket, db = self._lists.next(), self._db
        run_in_background(self, lambda: list_equipment(db), on_success=self._lists.only_newest(ticket, self._on_list))
        self.calendar_tab.reload()

    def _on_list(self, machines: list[EquipmentSummary]) -> None:
        current = self.current_machine()
        keep = self._select_id or (current.id if current else None)
        self._select_id = None
        self.model.set_rows(machines)
        row = self.model.row_of(lambda m: m.id == keep) if keep else -1
        if row < 0 and machines:
            row = 0
        if row >= 0:
            self.table.selectRow(row)
            self._load_detail(self.model.value(row))
        else:
            self._show_detail(None)
        self.data_loaded.emit()

    def current_machine(self) -> EquipmentSummary | None:
        index = self.table.selectionModel().currentIndex()
        return self.model.value(index.row()) if index.isValid() else None

    def _on_current_row_changed(self, current, _previous) -> None:
        self._load_detail(self.model.value(current.row()) if current.isValid() else None)

    def _load_detail(self, machine: EquipmentSummary | None) -> None:
        ticket = self._details.next()
        if machine is None:
            self._show_detail(None)
            return
        db = self._db
        run_in_background(self, lambda: get_equipment(db, equipment_id=machine.id),
                          on_success=self._details.only_newest(ticket, self._show_detail))

    def _show_detail(self, detail: EquipmentDetail | None) -> None:
        self._detail = detail
        shown = detail is not None
        for widget in (self.detail, self.calibrations_title, self.calibration_table, self.outages_title,
                       self.outage_table):
            widget.setVisible(shown)
        self.empty.setVisible(not shown)
        if detail is None:
            self.calibration_model.set_rows([])
            self.outage_model.set_rows([])
            return
        m = detail.equipment
        self.detail_title.setText(m.label + ("" if m.active else "  " + self.tr("(retired)")))
        state = state_text(m.state)
        if m.state == "out_of_service":
            state += ": " + m.out_of_service_reason
        elif m.valid_until:
            state += " · " + self.tr("usable up to {day}").format(day=format_date(m.valid_until, "text"))
        self.detail_state.setText(state)
        self.detail_state.setStyleSheet(f"color: {state_colour(m.state).name()}; font-weight: 600;")
        self.fields["kind"].setText(kind_text(m.kind))
        self.fields["room"].setText(m.room or "—")
        self.fields["identity"].setText(" ".join(p for p in (m.manufacturer, m.model) if p) or "—")
        self.fields["serial"].setText(m.serial or "—")
        self.fields["firmware"].setText(m.firmware or "—")
        capacity = self.tr("{n} at once").format(n=m.capacity)
        if m.continuous:
            capacity += " · " + self.tr("runs without interruption")
        self.fields["capacity"].setText(capacity)
        self.fields["hours"].setText(f"{weekdays_text(m.weekdays)}, {m.hours_from}–{m.hours_to}")
        self.calibration_model.set_rows(detail.calibrations)
        self.outage_model.set_rows(detail.out_of_service)
        self.back_button.setEnabled(self._open_outage() is not None)

    def _open_outage(self):
        """The out-of-service period not over yet (open-ended, or ending later), if any."""
        if self._detail is None:
            return None
        now = dt.datetime.now(dt.UTC)
        return next((o for o in self._detail.out_of_service if o.ends_at is None or o.ends_at > now), None)

    # --- dialogs --------------------------------------------------------------------------------
    def _keep(self, dialog: QDialog) -> QDialog:
        if self._dialog is not None:
            self._dialog.deleteLater()
        self._dialog = dialog
        dialog.finished.connect(lambda result: self._on_dialog_finished(dialog, result))
        dialog.open()
        return dialog

    def _on_dialog_finished(self, dialog: QDialog, result: int) -> None:
        if result == QDialog.DialogCode.Accepted and isinstance(getattr(dialog, "saved", None), EquipmentSummary):
            self._select_id = dialog.saved.id
            self.notice_shown.emit(self.tr("Saved: {name}").format(name=dialog.saved.label))

    def _open_machine_dialog(self, machine: EquipmentSummary | None) -> None:
        db, actor = self._db, self.context.actor
        run_in_background(self, lambda: equipment_kinds(db), on_success=lambda kinds: self._keep(
            EquipmentDialog(db, actor, machine, kinds=kinds, parent=self)))

    def _on_new_button_clicked(self) -> None:
        if self._may_manage:
            self._open_machine_dialog(None)

    def _on_edit_button_clicked(self) -> None:
        if self._may_manage and self._detail is not None:
            self._open_machine_dialog(self._detail.equipment)

    def _on_calibration_button_clicked(self) -> QDialog | None:
        if self._detail is None:
            return None
        return self._keep(CalibrationDialog(self._db, self.context.actor, self._detail.equipment, parent=self))

    def _on_out_button_clicked(self) -> QDialog | None:
        if self._detail is None:
            return None
        return self._keep(OutOfServiceDialog(self._db, self.context.actor, self._detail.equipment, parent=self))

    def _on_back_button_clicked(self) -> None:
        outage = self._open_outage()
        if outage is None:
            return
        db, actor = self._db, self.context.actor
        now = dt.datetime.now(dt.UTC)
        run_in_background(self, lambda: end_out_of_service(db, outage_id=outage.id, ends_at=now, actor=actor),
                          write=True, key=f"back-in-service:{outage.id}",
                          on_success=lambda _r: self.notice_shown.emit(self.tr("Back in service.")))
