"""The lab calendar tab of the Equipment and calendar screen: the lab's closures, its technicians'
working days and absences, and the next days the lab is closed as it sees them (public holidays,
the patron saint's day of its municipality, its closures). Imports Qt, ui helpers, lab services."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from frontdesk.i18n import format_date
from frontdesk.services.lab import calendar as lab_calendar
from frontdesk.ui.lab.equipment_dialog import WeekdayPicker
from frontdesk.ui.lab.lab_texts import weekdays_text, word
from frontdesk.ui.lab.record_dialogs import PeriodDialog, RecordDialog
from frontdesk.ui.shell.area_view import DeskContext
from frontdesk.ui.tasks import NewestWins, run_in_background
from frontdesk.ui.widgets.table_models import Column, ValueTableModel
from frontdesk.ui.widgets.tables import make_table


def _period(first, last) -> str:
    return format_date(first) if first == last else f"{format_date(first)} – {format_date(last)}"


class WeekdaysDialog(RecordDialog):
    """A technician's working weekdays."""

    def __init__(self, db, actor, technician, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Working days: {name}").format(name=technician.name), parent)
        self._db, self._actor, self._technician = db, actor, technician
        self.weekdays = WeekdayPicker()
        self.weekdays.set_value(technician.weekdays)
        self.add_row(self.tr("Working days"), "weekdays", self.weekdays)

    def work(self):
        db, actor, staff_id, days = self._db, self._actor, self._technician.staff_id, self.weekdays.value()
        return lambda: lab_calendar.set_technician_days(db, staff_id=staff_id, weekdays=days, actor=actor)


class LabCalendarTab(QWidget):
    def __init__(self, context: DeskContext, *, may_manage: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._actor, self._may_manage = context.db, context.actor, may_manage
        self._loads = NewestWins()
        self.dialog: QDialog | None = None

        self.closure_model = ValueTableModel([
            Column(self.tr("Days"), lambda c: _period(c.starts_on, c.ends_on)),
            Column(self.tr("Reason"), lambda c: c.reason, tooltip=True),
        ], self)
        self.closure_table = make_table(self.closure_model, fixed=(0,))
        self.closure_table.setObjectName("closureTable")
        self.add_closure_button = QPushButton(self.tr("Add closure"))
        self.add_closure_button.clicked.connect(self._on_add_closure_clicked)
        self.withdraw_closure_button = QPushButton(self.tr("Withdraw closure"))
        self.withdraw_closure_button.clicked.connect(self._on_withdraw_closure_clicked)

        self.technician_model = ValueTableModel([
            Column(self.tr("Technician"), lambda t: t.name, tooltip=True),
            Column(self.tr("Working days"), lambda t: weekdays_text(t.weekdays)),
            Column(self.tr("Absences"), lambda t: "; ".join(
                _period(a.starts_on, a.ends_on) + (f" ({a.reason})" if a.reason else "") for a in t.absences) or "—",
                tooltip=True),
        ], self)
        self.technician_table = make_table(self.technician_model, fixed=(1,))
        self.technician_table.setObjectName("technicianTable")
        self.technician_table.activated.connect(lambda _i: self._on_days_clicked())
        self.days_button = QPushButton(self.tr("Working days…"))
        self.days_button.clicked.connect(self._on_days_clicked)
        self.absence_button = QPushButton(self.tr("Add absence"))
        self.absence_button.clicked.connect(self._on_absence_clicked)
        self.withdraw_absence_button = QPushButton(self.tr("Withdraw next absence"))
        self.withdraw_absence_button.clicked.connect(self._on_withdraw_absence_clicked)

        self.days_off_model = ValueTableModel([
            Column(self.tr("Day"), lambda d: format_date(d.day, "EEE dd/MM/yyyy")),
            Column(self.tr("Why"), lambda d: d.name, tooltip=True),
            Column(self.tr("Kind"), lambda d: word(d.kind)),
        ], self)
        self.days_off_table = make_table(self.days_off_model, fixed=(0, 2))
        self.days_off_table.setObjectName("daysOffTable")
        self.place = QLabel()
        self.place.setProperty("role", "muted")
        self.place.setWordWrap(True)

        grid = QGridLayout(self)
        grid.setContentsMargins(8, 8, 8, 8)
        grid.setHorizontalSpacing(16)
        grid.addWidget(self._titled(self.tr("Lab closures"), self.closure_table,
                                    [self.add_closure_button, self.withdraw_closure_button]), 0, 0)
        grid.addWidget(self._titled(self.tr("Technicians"), self.technician_table,
                                    [self.days_button, self.absence_button, self.withdraw_absence_button]), 1, 0)
        days_off = self._titled(self.tr("Next days the lab is closed"), self.days_off_table, [])
        days_off.layout().insertWidget(1, self.place)
        grid.addWidget(days_off, 0, 1, 2, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        for button in (self.add_closure_button, self.withdraw_closure_button, self.days_button, self.absence_button,
                       self.withdraw_absence_button):
            button.setVisible(may_manage)

    def _titled(self, title: str, table, buttons: list[QPushButton]) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel(title)
        label.setProperty("role", "subtitle")
        layout.addWidget(label)
        layout.addWidget(table, 1)
        if buttons:
            row = QHBoxLayout()
            for button in buttons:
                row.addWidget(button)
            row.addStretch(1)
            layout.addLayout(row)
        return box

    # --- loading ----------------------------------------------------------------------------------
    def reload(self) -> None:
        ticket, db = self._loads.next(), self._db

        def work():
            calendar = lab_calendar.lab_calendar(db)
            return (lab_calendar.closures(db), lab_calendar.technicians(db),
                    lab_calendar.upcoming_days_off(db, days=366), calendar)

        run_in_background(self, work, on_success=self._loads.only_newest(ticket, self._on_loaded))

    def _on_loaded(self, loaded) -> None:
        closures, technicians, days_off, calendar = loaded
        self.closure_model.set_rows(closures)
        self.technician_model.set_rows(technicians)
        self.days_off_model.set_rows(days_off)
        day, month = int(calendar.patron_day[3:]), int(calendar.patron_day[:2])
        self.place.setText(self.tr("Public holidays in Italy, the patron saint's day of {place} ({day}/{month}) and "
                                   "the lab's closures. Weekends are not listed.").format(
            place=calendar.municipality, day=f"{day:02d}", month=f"{month:02d}"))

    # --- actions ----------------------------------------------------------------------------------
    def _selected(self, table, model):
        index = table.currentIndex()
        return model.value(index.row()) if index.isValid() else None

    def _open(self, dialog: QDialog) -> QDialog:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.open()
        return dialog

    def _on_add_closure_clicked(self) -> QDialog:
        db, actor = self._db, self._actor
        return self._open(PeriodDialog(
            self.tr("Add closure"), lambda first, last, reason: lab_calendar.add_closure(
                db, starts_on=first, ends_on=last, reason=reason, actor=actor),
            note=self.tr("Days the whole lab is closed (summer closure, inventory): no test is planned on them."),
            parent=self))

    def _on_withdraw_closure_clicked(self) -> None:
        closure = self._selected(self.closure_table, self.closure_model)
        if closure is None:
            return
        db, actor = self._db, self._actor
        run_in_background(self, lambda: lab_calendar.withdraw_closure(db, closure_id=closure.id, actor=actor),
                          write=True, key=f"withdraw-closure:{closure.id}")

    def _on_days_clicked(self) -> QDialog | None:
        technician = self._selected(self.technician_table, self.technician_model)
        if technician is None or not self._may_manage:
            return None
        return self._open(WeekdaysDialog(self._db, self._actor, technician, parent=self))

    def _on_absence_clicked(self) -> QDialog | None:
        technician = self._selected(self.technician_table, self.technician_model)
        if technician is None:
            return None
        db, actor = self._db, self._actor
        return self._open(PeriodDialog(
            self.tr("Absence: {name}").format(name=technician.name),
            lambda first, last, reason: lab_calendar.add_absence(
                db, staff_id=technician.staff_id, starts_on=first, ends_on=last, reason=reason, actor=actor),
            parent=self))

    def _on_withdraw_absence_clicked(self) -> None:
        technician = self._selected(self.technician_table, self.technician_model)
        if technician is None or not technician.absences:
            return
        absence = technician.absences[0]
        db, actor = self._db, self._actor
        run_in_background(self, lambda: lab_calendar.withdraw_absence(db, absence_id=absence.id, actor=actor),
                          write=True, key=f"withdraw-absence:{absence.id}")


