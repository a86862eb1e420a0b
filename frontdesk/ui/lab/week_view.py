"""The Technician's week screen: a technician's planned work day by day, Monday to Sunday
(services.lab.technician_week), with each day's state (absent and why, the lab closed and for
what, not a working day), its runs, and a chamber's loading and unloading; printed (a preview, then
the printer set for reports) or saved as PDF, the same document either way
(documents.lab.technician_week, whose texts the screen shares so paper and screen agree).

A technician sees their own week; whoever plans tests picks anyone's from the combo. Ctrl+Left
and Ctrl+Right move a week, Ctrl+Home comes back to this one. The week reloads itself when tests,
the calendar or the staff change. Imports Qt, ui helpers and the lab's services; never the database.
"""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from frontdesk.documents.lab.technician_week import (
    activity_text,
    day_title,
    duration_text,
    item_time,
    state_text,
    test_text,
    week_span,
)
from frontdesk.domain.clock import today_in_rome
from frontdesk.domain.errors import StorageProblem
from frontdesk.domain.lab.test_status import status_label
from frontdesk.domain.roles import Permission
from frontdesk.services.lab.calendar import technicians
from frontdesk.services.lab.technician_week import (
    TechnicianWeek,
    monday_of,
    technician_week,
    technician_week_pdf,
    technician_week_print_job,
)
from frontdesk.ui.shell.area_view import AreaView, DeskContext
from frontdesk.ui.tasks import NewestWins, run_in_background
from frontdesk.ui.widgets.notice_bar import NoticeBar

DAY_FILL = {"absent": "#fbe3cf", "closed": "#e6e6e6", "off": "#f4f4f4"}


def write_week_pdf(db, *, staff_id: uuid.UUID, week_start: dt.date, actor, path: Path) -> Path:
    """Draw the week and write it to `path` (the work of one background task)."""
    pdf = technician_week_pdf(db, staff_id=staff_id, week_start=week_start, actor=actor)
    try:
        path.write_bytes(pdf)
    except OSError as exc:
        raise StorageProblem(QCoreApplication.translate("WeekView", "The file %1 could not be written: check "
                                                                    "that the folder exists and can be written.")
                             .replace("%1", str(path))) from exc
    return path


class WeekView(AreaView):
    week_shown = Signal(object)  # the TechnicianWeek on screen
    pdf_saved = Signal(object)  # the Path written
    preview_opened = Signal(QWidget)  # the print preview, just opened
    areas = frozenset({"lab_test", "lab_sample", "lab_request", "lab_equipment", "lab_closure", "lab_absence",
                       "lab_technician_days", "staff", "settings", "companies"})

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._db = context.db
        self._actor = context.actor
        self._monday = monday_of(today_in_rome())
        self._loads, self._choice_loads = NewestWins(), NewestWins()
        self.week: TechnicianWeek | None = None

        title = QLabel(self.tr("Week of work"))
        title.setProperty("role", "title")
        self.technician = QComboBox()
        self.technician.setObjectName("weekTechnician")
        self.technician.setMinimumWidth(240)
        self.technician.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        technician_label = QLabel(self.tr("&Technician"))
        technician_label.setBuddy(self.technician)
        self.previous_button = QPushButton(self.tr("◀ Previous week"))
        self.previous_button.setObjectName("previousWeek")
        self.this_button = QPushButton(self.tr("This week"))
        self.this_button.setObjectName("thisWeek")
        self.next_button = QPushButton(self.tr("Next week ▶"))
        self.next_button.setObjectName("nextWeek")
        self.previous_button.setToolTip(self.tr("The week before (Ctrl+Left)"))
        self.this_button.setToolTip(self.tr("Back to this week (Ctrl+Home)"))
        self.next_button.setToolTip(self.tr("The week after (Ctrl+Right)"))
        self.span = QLabel()
        self.span.setObjectName("weekSpan")
        self.span.setProperty("role", "subtitle")
        heading = QHBoxLayout()
        heading.addWidget(title)
        heading.addSpacing(16)
        heading.addWidget(self.span, 1)
        filters = QHBoxLayout()
        filters.addWidget(technician_label)
        filters.addWidget(self.technician)
        filters.addSpacing(12)
        for button in (self.previous_button, self.this_button, self.next_button):
            filters.addWidget(button)
        filters.addStretch(1)

        self.days = QTreeWidget()
        self.days.setObjectName("weekDays")
        self.days.setHeaderLabels([self.tr("Time"), self.tr("Activity"), self.tr("Machine"), self.tr("Room"),
                                   self.tr("Sample"), self.tr("Test"), self.tr("Request"), self.tr("Customer"),
                                   self.tr("Status")])
        self.days.setRootIsDecorated(False)
        self.days.setItemsExpandable(False)
        self.days.setUniformRowHeights(True)
        self.days.setAlternatingRowColors(False)
        header = self.days.header()
        header.setStretchLastSection(False)
        for column in range(self.days.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(7, QHeaderView.ResizeMode.Stretch)
        self.notice = NoticeBar()

        self.print_button = QPushButton(self.tr("Print week…"))
        self.print_button.setObjectName("printWeek")
        self.print_button.setProperty("primary", True)
        self.save_button = QPushButton(self.tr("Save PDF…"))
        self.save_button.setObjectName("saveWeek")
        self.status = QLabel()
        self.status.setObjectName("weekStatus")
        self.status.setProperty("role", "muted")
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(10)
        layout.addLayout(heading)
        layout.addLayout(filters)
        layout.addWidget(self.notice)
        layout.addWidget(self.days, 1)
        layout.addLayout(buttons)

        self.previous_button.clicked.connect(lambda: self.move_week(-1))
        self.next_button.clicked.connect(lambda: self.move_week(1))
        self.this_button.clicked.connect(self.this_week)
        self.print_button.clicked.connect(self.preview_week)
        self.save_button.clicked.connect(self._ask_save)
        self.technician.currentIndexChanged.connect(lambda _i: self.reload_week())
        for keys, slot in (("Ctrl+Left", lambda: self.move_week(-1)), ("Ctrl+Right", lambda: self.move_week(1)),
                           ("Ctrl+Home", self.this_week)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self._update_span()

    # --- what is shown --------------------------------------------------------------------------
    def focus_first(self) -> None:
        self.days.setFocus()

    @property
    def monday(self) -> dt.date:
        return self._monday

    def move_week(self, weeks: int) -> None:
        self._monday += dt.timedelta(weeks=weeks)
        self._update_span()
        self.reload_week()

    def this_week(self) -> None:
        self._monday = monday_of(today_in_rome())
        self._update_span()
        self.reload_week()

    def show_week_of(self, day: dt.date) -> None:
        self._monday = monday_of(day)
        self._update_span()
        self.reload_week()

    def _update_span(self) -> None:
        text = week_span(self._monday, self._monday + dt.timedelta(days=6))
        self.span.setText(self.tr("Week %1").replace("%1", text))

    def selected_staff(self) -> uuid.UUID | None:
        return self.technician.currentData()

    def reload(self) -> None:
        """Reload whose weeks can be shown, then the week."""
        ticket, db = self._choice_loads.next(), self._db
        if not self._actor.can(Permission.PLAN_TESTS):
            self._on_technicians_loaded([])
            return
        run_in_background(self, lambda: technicians(db),
                          on_success=self._choice_loads.only_newest(ticket, self._on_technicians_loaded))

    def _on_technicians_loaded(self, found) -> None:
        current = self.technician.currentData()
        mine = self._actor.staff_id
        self.technician.blockSignals(True)
        self.technician.clear()
        if mine is not None and (not found or any(t.staff_id == mine for t in found)):
            self.technician.addItem(self.tr("My week (%1)").replace("%1", self._actor.label), mine)
        for t in found:
            if t.staff_id != mine:
                self.technician.addItem(t.name, t.staff_id)
        index = next((i for i in range(self.technician.count()) if self.technician.itemData(i) == current), 0)
        self.technician.setCurrentIndex(index)  # by equality: findData does not match a uuid
        self.technician.setEnabled(self.technician.count() > 1)
        self.technician.blockSignals(False)
        self.reload_week()

    def reload_week(self) -> None:
        staff_id, monday, db, actor = self.selected_staff(), self._monday, self._db, self._actor
        ticket = self._loads.next()
        if staff_id is None:
            self._show(None)
            return
        run_in_background(self, lambda: technician_week(db, staff_id=staff_id, week_start=monday, actor=actor),
                          on_success=self._loads.only_newest(ticket, self._show),
                          on_error=self._loads.only_newest(ticket, self._on_load_failed))

    def _on_load_failed(self, error) -> None:
        self._show(None)
        self.notice.show_message(error.message)

    def _show(self, week: TechnicianWeek | None) -> None:
        self.week = week
        self.days.clear()
        self.print_button.setEnabled(week is not None)
        self.save_button.setEnabled(week is not None)
        if week is None:
            self.data_loaded.emit()
            return
        self.notice.hide()
        total = duration_text(week.planned_minutes) if week.planned_minutes else ""
        if week.absent_all_week:
            self.status.setText(self.tr("Absent all week."))
        elif not any(d.items for d in week.days):
            self.status.setText(self.tr("Nothing planned this week."))
        else:
            self.status.setText(self.tr("%1 planned this week").replace("%1", total) if total else "")
        bold = QFont(self.days.font())
        bold.setBold(True)
        for day in week.days:
            hours = self.tr("%1 planned").replace("%1", duration_text(day.planned_minutes)) \
                if day.planned_minutes else ""
            text = " · ".join(p for p in (day_title(day.day), state_text(day), hours) if p)
            head = QTreeWidgetItem(self.days, [text])
            head.setFirstColumnSpanned(True)
            head.setFont(0, bold)
            head.setData(0, Qt.ItemDataRole.UserRole, day.day)
            if day.state in DAY_FILL:
                head.setBackground(0, QBrush(QColor(DAY_FILL[day.state])))
            for item in day.items:
                status = status_label(item.status)
                cells = [item_time(item, day.day), activity_text(item), item.machine_code, item.room,
                         item.sample_lab_id, test_text(item), item.request_number, item.company,
                         status[:1].upper() + status[1:]]
                row = QTreeWidgetItem(head, cells)
                for column, text in enumerate(cells):
                    row.setToolTip(column, text)  # a narrow window elides the long ones
                row.setToolTip(2, f"{item.machine_code} {item.machine_name}".strip())  # the code is on the machine
            if not day.items and day.state == "working":
                empty = QTreeWidgetItem(head, [self.tr("Nothing planned.")])
                empty.setFirstColumnSpanned(True)
                empty.setForeground(0, QBrush(QColor("#666666")))
        self.days.expandAll()
        self.week_shown.emit(week)
        self.data_loaded.emit()

    # --- printing and saving --------------------------------------------------------------------
    def preview_week(self) -> None:
        """Draw the week and show it in the print preview (print from there, on the report printer)."""
        staff_id, monday, db, actor = self.selected_staff(), self._monday, self._db, self._actor
        if staff_id is None:
            return
        self.status.setText(self.tr("Preparing the week for printing…"))
        run_in_background(self, lambda: technician_week_print_job(db, staff_id=staff_id, week_start=monday,
                                                                  actor=actor),
                          on_success=self._on_preview_ready, on_error=lambda e: self.notice.show_message(e.message),
                          key=f"lab-week-print:{staff_id}:{monday}")

    def _on_preview_ready(self, job) -> None:
        from frontdesk.ui import printing

        self.status.clear()
        dialog = printing.make_preview_dialog(self, job.pdf, job.printer or None)
        dialog.open()
        self.preview_opened.emit(dialog)

    def _ask_save(self) -> None:
        week = self.week
        if week is None:
            return
        stem = self.tr("week")  # the suggested file name: "settimana-2026-12-07-Anna Bonfanti.pdf" in Italian
        suggested = str(Path.home() / f"{stem}-{week.first:%Y-%m-%d}-{week.name}.pdf")
        path, _selected = QFileDialog.getSaveFileName(self, self.tr("Save the week as PDF"), suggested,
                                                      self.tr("PDF files (*.pdf)"))
        if path:
            if not path.lower().endswith(".pdf"):
                path += ".pdf"
            self.save_pdf_to(Path(path))

    def save_pdf_to(self, path: Path) -> None:
        """Write the shown week's PDF to `path` in the background; the status line says where."""
        staff_id, monday, db, actor = self.selected_staff(), self._monday, self._db, self._actor
        if staff_id is None:
            return
        run_in_background(self, lambda: write_week_pdf(db, staff_id=staff_id, week_start=monday, actor=actor,
                                                        path=path),
                          on_success=self._on_pdf_saved, on_error=lambda e: self.notice.show_message(e.message),
                          slow=True, key=f"lab-week-save:{path}")

    def _on_pdf_saved(self, path: Path) -> None:
        message = self.tr("Week saved as %1").replace("%1", str(path))
        self.status.setText(message)
        self.notice_shown.emit(message)
        self.pdf_saved.emit(path)
