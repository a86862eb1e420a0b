"""The Test queue screen: a day's tests of a technician ("my queue" by default) or of a machine,
fetched a page at a time (services.lab.queue), and the steps a technician takes from the keyboard:
Start (F5), Pause/Resume (F6), Complete (F7), Enter results… (F8: `results_requested(test_id)`,
which opens the result dialog, ui.lab.result_dialog); F9 switches between
by technician and by machine, Ctrl+Left/Right move a day, Ctrl+Home comes back to today. Enter on a row
starts a planned test, completes one running, resumes a paused one. A refusal (not authorised,
machine out of calibration, already completed by a colleague) shows on the red banner. A sample
label scanned here selects the sample's test planned today. The list reloads itself when tests
or results change, here, in another window or pulled by a sync.

Imports Qt, ui helpers and the lab services; never the database.
"""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from frontdesk.domain.clock import ROME, today_in_rome
from frontdesk.i18n import format_date, format_datetime
from frontdesk.services.lab.queue import QUEUE_PAGE, QueueChoices, QueueRow, queue_choices, queue_page, queue_row
from frontdesk.services.lab.test_run import complete_test, pause_test, resume_test, start_test
from frontdesk.ui.lab.lab_texts import word
from frontdesk.ui.lab.label_scan import ScanStrip
from frontdesk.ui.lab.result_dialog import ResultDialog
from frontdesk.ui.reception.scan_input import ERROR
from frontdesk.ui.shell.area_view import AreaView, DeskContext
from frontdesk.ui.tasks import NewestWins, run_in_background
from frontdesk.ui.widgets.table_models import Column, PagedTableModel, ValueRole
from frontdesk.ui.widgets.tables import make_table

BY_TECHNICIAN, BY_MACHINE = "technician", "machine"
MACHINE_COLUMN, ROOM_COLUMN, TECHNICIAN_COLUMN = 4, 5, 6


class QueueView(AreaView):
    results_requested = Signal(object)  # a test's id: opens the result dialog (open_results)
    areas = frozenset({"lab_test", "lab_result", "lab_sample", "lab_equipment", "staff", "lab_authorisation"})

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._db = context.db
        self._actor = context.actor
        self._choices = QueueChoices((), ())
        self._choice_loads = NewestWins()
        self._wanted_test: uuid.UUID | None = None  # select it once loaded (a scan, another screen)
        self.results_dialog: ResultDialog | None = None
        self.results_requested.connect(self.open_results)

        title = QLabel(self.tr("Test queue"))
        title.setProperty("role", "title")
        self.day = QDateEdit()
        self.day.setObjectName("queueDay")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd/MM/yyyy")
        self._set_day(today_in_rome())
        self.mode = QComboBox()
        self.mode.setObjectName("queueMode")
        self.mode.addItem(self.tr("By technician"), BY_TECHNICIAN)
        self.mode.addItem(self.tr("By machine"), BY_MACHINE)
        self.owner = QComboBox()
        self.owner.setObjectName("queueOwner")
        self.owner.setMinimumWidth(240)
        self.owner.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.day.setToolTip(self.tr("Ctrl+Left, Ctrl+Right: the day before, the day after; Ctrl+Home: today"))
        self.mode.setToolTip(self.tr("F9 switches between by technician and by machine"))
        day_label = QLabel(self.tr("&Day"))
        day_label.setBuddy(self.day)
        filters = QHBoxLayout()
        filters.addWidget(day_label)
        filters.addWidget(self.day)
        filters.addSpacing(12)
        filters.addWidget(self.mode)
        filters.addWidget(self.owner)
        filters.addStretch(1)

        self.model = PagedTableModel([
            Column(self.tr("Start"), lambda r: self._when(r.planned_start)),
            Column(self.tr("End"), lambda r: self._when(r.planned_end)),
            Column(self.tr("Sample"), lambda r: r.sample_lab_id),
            Column(self.tr("Test"), lambda r: r.test_name, tooltip=True),
            Column(self.tr("Machine"), lambda r: f"{r.machine_code} {r.machine_name}".strip(), tooltip=True),
            Column(self.tr("Room"), lambda r: r.room),
            Column(self.tr("Technician"), lambda r: r.technician_name, tooltip=True),
            Column(self.tr("Status"), self._status),
            Column(self.tr("Priority"), lambda r: word(r.priority)),
            Column(self.tr("Needed by"), lambda r: format_date(r.due_on) if r.due_on else "—"),
        ], page_size=QUEUE_PAGE, parent=self)
        self.table = make_table(self.model, fixed=(0, 1, 2, 7, 9))
        self.table.setObjectName("queueTable")
        self.table.activated.connect(self._on_table_activated)
        self.empty = QLabel(self.tr("No test in this queue on that day."))
        self.empty.setProperty("role", "muted")
        self.empty.hide()

        self.start_button = QPushButton(self.tr("Start (F5)"))
        self.pause_button = QPushButton(self.tr("Pause (F6)"))
        self.complete_button = QPushButton(self.tr("Complete (F7)"))
        self.results_button = QPushButton(self.tr("Enter results… (F8)"))
        self.start_button.setProperty("primary", True)
        buttons = QHBoxLayout()
        for button, key, slot in ((self.start_button, Qt.Key.Key_F5, self.start_current),
                                  (self.pause_button, Qt.Key.Key_F6, self.pause_or_resume_current),
                                  (self.complete_button, Qt.Key.Key_F7, self.complete_current),
                                  (self.results_button, Qt.Key.Key_F8, self.request_results)):
            button.clicked.connect(slot)
            self._shortcut(QKeySequence(key), slot)
            buttons.addWidget(button)
        self._shortcut(QKeySequence(Qt.Key.Key_F9), self.switch_mode)
        self._shortcut(QKeySequence("Ctrl+Left"), lambda: self.move_day(-1))
        self._shortcut(QKeySequence("Ctrl+Right"), lambda: self.move_day(1))
        self._shortcut(QKeySequence("Ctrl+Home"), lambda: self._set_day(today_in_rome()))
        buttons.addStretch(1)
        hint = QLabel(self.tr("Enter starts the chosen test, or completes it once running."))
        hint.setProperty("role", "muted")
        buttons.addWidget(hint)

        self.label_scan = ScanStrip(self._db, [self.table, self.start_button, self.pause_button,
                                               self.complete_button, self.results_button],
                                    actor_source=lambda: self._actor)
        self.label_scan.open_requested.connect(self._on_label_scan_open_requested)
        self.banner = self.label_scan.banner
        heading = QHBoxLayout()
        heading.addWidget(title)
        heading.addWidget(self.label_scan, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(10)
        layout.addLayout(heading)
        layout.addLayout(filters)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        self.day.dateChanged.connect(lambda _d: self.reload_rows())
        self.mode.currentIndexChanged.connect(lambda _i: self._fill_owner())
        self.owner.currentIndexChanged.connect(lambda _i: self.reload_rows())
        self.model.page_loaded.connect(self._on_model_page_loaded)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._update_buttons())
        self._update_buttons()

    def _shortcut(self, keys: QKeySequence, slot) -> None:
        shortcut = QShortcut(keys, self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)

    # --- what is shown --------------------------------------------------------------------------
    def switch_mode(self) -> None:
        self.mode.setCurrentIndex(1 - self.mode.currentIndex())

    def move_day(self, days: int) -> None:
        self._set_day(self.selected_day() + dt.timedelta(days=days))

    def focus_first(self) -> None:
        self.table.setFocus()

    def selected_day(self) -> dt.date:
        return self.day.date().toPython()

    def _set_day(self, day: dt.date) -> None:
        self.day.setDate(QDate(day.year, day.month, day.day))

    def _when(self, moment: dt.datetime | None) -> str:
        if moment is None:
            return ""
        same_day = moment.astimezone(ROME).date() == self.selected_day()
        return format_datetime(moment, "HH:mm" if same_day else "dd/MM HH:mm")

    def _status(self, r: QueueRow) -> str:
        text = word(r.status)
        if r.round > 1:  # reopened by the lab manager: a new round of the test
            text = self.tr("{status}, round {round}").format(status=text, round=r.round)
        return self.tr("{status}, paused").format(status=text) if r.paused else text

    def reload(self) -> None:
        """Reload the choices (technicians, machines), then the list."""
        ticket, db = self._choice_loads.next(), self._db
        run_in_background(self, lambda: queue_choices(db),
                          on_success=self._choice_loads.only_newest(ticket, self._on_choices_loaded))

    def _on_choices_loaded(self, choices: QueueChoices) -> None:
        self._choices = choices
        self._fill_owner()

    def _fill_owner(self, wanted: uuid.UUID | None = None) -> None:
        current = wanted or self.owner.currentData()
        self.owner.blockSignals(True)
        self.owner.clear()
        if self.mode.currentData() == BY_TECHNICIAN:
            mine = self._actor.staff_id
            if mine is not None:
                self.owner.addItem(self.tr("My queue ({name})").format(name=self._actor.label), mine)
            for t in self._choices.technicians:
                if t.staff_id != mine:
                    self.owner.addItem(t.name, t.staff_id)
        else:
            for m in self._choices.machines:
                self.owner.addItem(m.label, m.id)
        index = next((i for i in range(self.owner.count()) if self.owner.itemData(i) == current), 0)
        self.owner.setCurrentIndex(index)  # by equality: findData does not match a uuid
        self.owner.blockSignals(False)
        self.reload_rows()

    def reload_rows(self) -> None:
        owner, day, db = self.owner.currentData(), self.selected_day(), self._db
        by_technician = self.mode.currentData() == BY_TECHNICIAN
        for column, hidden in ((MACHINE_COLUMN, not by_technician), (ROOM_COLUMN, not by_technician),
                               (TECHNICIAN_COLUMN, by_technician)):  # the queue's owner is said once, above
            self.table.setColumnHidden(column, hidden)
        self.table.column_fit.fit()
        if owner is None:
            self.model.set_query(lambda _after, _limit: [])
            return
        key = "technician_id" if by_technician else "equipment_id"
        self.model.set_query(lambda after, limit: queue_page(db, day=day, after=after, limit=limit,
                                                             **{key: owner}))

    def _on_bus_data_changed(self, changed: set) -> None:
        if self.areas & set(changed) and self.isVisible():
            self._wanted_test = self._wanted_test or self._current_id()
        super()._on_bus_data_changed(changed)

    def _on_model_page_loaded(self, _rows: int) -> None:
        self.empty.setVisible(self.model.rowCount() == 0)
        wanted = self._wanted_test
        row = self.model.row_of(lambda r: r.test_id == wanted) if wanted else -1
        if row >= 0:
            self._wanted_test = None
        elif self.table.currentIndex().row() < 0 and self.model.rowCount():
            row = 0
        if row >= 0:
            self.table.selectRow(row)
        self._update_buttons()
        self.data_loaded.emit()

    def current_row(self) -> QueueRow | None:
        index = self.table.currentIndex()
        return self.model.index(index.row(), 0).data(ValueRole) if index.isValid() else None

    def _current_id(self) -> uuid.UUID | None:
        row = self.current_row()
        return row.test_id if row else None

    def _update_buttons(self) -> None:
        row = self.current_row()
        running = row is not None and row.status == "in_progress"
        self.start_button.setEnabled(row is not None and row.status == "scheduled")
        self.pause_button.setEnabled(running)
        self.pause_button.setText(self.tr("Resume (F6)") if running and row.paused else self.tr("Pause (F6)"))
        self.complete_button.setEnabled(running and not row.paused)
        self.results_button.setEnabled(running)

    # --- opening a test -------------------------------------------------------------------------
    def open_with(self, test_id: uuid.UUID) -> None:
        """Show the queue holding this test today (its technician's, else its machine's) and select it."""
        db = self._db
        run_in_background(self, lambda: queue_row(db, test_id=test_id), on_success=self._show_test)

    def _show_test(self, row: QueueRow | None) -> None:
        if row is None:
            return
        self._wanted_test = row.test_id
        by_technician = row.technician_id is not None
        self.mode.blockSignals(True)
        self.mode.setCurrentIndex(self.mode.findData(BY_TECHNICIAN if by_technician else BY_MACHINE))
        self.mode.blockSignals(False)
        self.day.blockSignals(True)
        self._set_day(today_in_rome())
        self.day.blockSignals(False)
        self._fill_owner(row.technician_id if by_technician else row.equipment_id)

    def _on_label_scan_open_requested(self, area: str, argument: object) -> None:
        if area == "lab_queue":
            self.open_with(argument)
        else:
            self.banner.show_result(ERROR, self.tr("This sample has no test planned today."))

    # --- the steps ------------------------------------------------------------------------------
    def _on_table_activated(self, _index) -> None:
        row = self.current_row()
        if row is None:
            return
        if row.status == "scheduled":
            self.start_current()
        elif row.paused:
            self.pause_or_resume_current()
        else:
            self.complete_current()

    def start_current(self) -> None:
        self._take(start_test, "scheduled")

    def pause_or_resume_current(self) -> None:
        row = self.current_row()
        if row is not None:
            self._take(resume_test if row.paused else pause_test, "in_progress")

    def complete_current(self) -> None:
        self._take(complete_test, "in_progress")

    def _take(self, step, status: str) -> None:
        row = self.current_row()
        if row is None or row.status != status:
            return
        db, actor, test_id = self._db, self._actor, row.test_id
        self._wanted_test = test_id
        self.banner.hide()
        run_in_background(self, lambda: step(db, test_id=test_id, actor=actor), write=True,
                          on_error=lambda error: self.banner.show_result(ERROR, error.message),
                          key=f"lab-test-step:{test_id}")

    def open_results(self, test_id: uuid.UUID) -> None:
        """The result dialog of the test, window-modal over the queue (the list reloads when it saves)."""
        self.results_dialog = ResultDialog(self.context, test_id, self)
        self.results_dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.results_dialog.open()

    def request_results(self) -> None:
        row = self.current_row()
        if row is not None and row.status == "in_progress":
            self.results_requested.emit(row.test_id)

