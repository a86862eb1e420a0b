"""Expected visitors: who is expected today, registering a visit ahead (one day, or a date range
with one badge valid throughout, e.g. a three-day course), and importing an attendee list from
CSV with a report of the rows that could not be imported (the good rows are imported).

Every read and write runs in the background (services.reception.expected). Imports Qt, ui helpers and
the expected/visitors services; never the database.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from frontdesk.domain.clock import today_in_rome
from frontdesk.i18n import TEXT, _, format_date
from frontdesk.ui.reception.reception_choices import PurposeHostFields, ReceptionChoices
from frontdesk.ui.tasks import NewestWins, run_in_background
from frontdesk.ui.widgets.forms import FieldErrors, form_error_label

SEARCH_DELAY_MS = 120
VisitorRole = Qt.ItemDataRole.UserRole + 1


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def _date_edit(day: dt.date) -> QDateEdit:
    edit = QDateEdit(_qdate(day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    return edit


class ExpectedDialog(QDialog):
    def __init__(self, db, actor, choices: ReceptionChoices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._actor, self._choices = db, actor, choices
        self._visitor = None
        self._searches = NewestWins()
        self.report = None  # the last ImportReport
        self.setWindowTitle(self.tr("Expected visitors"))
        self.resize(820, 620)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_today_tab(), self.tr("Expected today"))
        self.tabs.addTab(self._build_register_tab(), self.tr("Register ahead"))
        self.tabs.addTab(self._build_import_tab(), self.tr("Import a list (CSV)"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.reload_today()

    # --- today ------------------------------------------------------------------------------------
    def _build_today_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.today_table = QTableWidget(0, 4)
        self.today_table.setObjectName("expectedToday")
        self.today_table.setHorizontalHeaderLabels([self.tr("Visitor"), self.tr("Company"), self.tr("Purpose"),
                                                    self.tr("Host")])
        self.today_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.today_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.today_table.verticalHeader().hide()
        self.today_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.today_table)
        return page

    def reload_today(self) -> None:
        from frontdesk.services.reception.expected import expected_today

        db = self._db
        run_in_background(self, lambda: expected_today(db), on_success=self._on_today_loaded)

    def _on_today_loaded(self, entries) -> None:
        self.today_table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            purpose = f"{entry.service_name} · {entry.title}" if entry.title else entry.service_name
            for column, text in enumerate((entry.visitor.full_name, entry.visitor.company_name, purpose,
                                           entry.host_name)):
                self.today_table.setItem(row, column, QTableWidgetItem(text))

    # --- register ahead ---------------------------------------------------------------------------
    def _build_register_tab(self) -> QWidget:
        page = QWidget()
        self.errors = FieldErrors({"day_to": "day_to", "day_from": "day_from", "service": "purpose",
                                   _("Title"): "title", _("Notes"): "notes"})
        self.register_error = form_error_label()
        self.register_done = QLabel()
        self.register_done.setObjectName("registerDone")
        self.register_done.setStyleSheet("QLabel#registerDone { color: #1e6b3a; font-weight: 600; }")
        self.register_done.setWordWrap(True)
        self.register_done.hide()

        self.visitor_search = QLineEdit()
        self.visitor_search.setObjectName("visitorSearch")
        self.visitor_search.setPlaceholderText(self.tr("Type the name or surname"))
        self.visitor_search.setClearButtonEnabled(True)
        self.visitor_search.textEdited.connect(lambda _text: self._search_timer.start())
        self.new_person_button = QPushButton(self.tr("New person..."))
        self.new_person_button.setAutoDefault(False)
        self.new_person_button.clicked.connect(self._on_new_person_button_clicked)
        search_row = QHBoxLayout()
        search_row.setContentsMargins(0, 0, 0, 0)
        search_row.addWidget(self.visitor_search, 1)
        search_row.addWidget(self.new_person_button)
        search_box = QWidget()
        search_box.setLayout(search_row)
        self.visitor_list = QListWidget()
        self.visitor_list.setObjectName("visitorResults")
        self.visitor_list.setMaximumHeight(130)
        self.visitor_list.currentItemChanged.connect(self._on_visitor_list_current_item_changed)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._search_visitors)

        self.fields = PurposeHostFields(self)
        self.fields.set_choices(self._choices, self.tr("No host"))
        today = today_in_rome()
        self.day_from = _date_edit(today)
        self.day_from.setObjectName("dayFrom")
        self.day_to = _date_edit(today)
        self.day_to.setObjectName("dayTo")
        self.day_from.dateChanged.connect(self._on_day_from_date_changed)
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("For a course over several days, e.g. \"Corso saldatura\""))
        self.notes = QLineEdit()
        self.notes.setPlaceholderText(self.tr("Optional"))
        self.register_button = QPushButton(self.tr("Register"))
        self.register_button.setObjectName("registerAhead")
        self.register_button.setProperty("primary", True)
        self.register_button.setAutoDefault(False)
        self.register_button.clicked.connect(self.register)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.addRow(self.tr("Visitor"), self.errors.row("visitor", search_box))
        form.addRow("", self.visitor_list)
        form.addRow(self.tr("Purpose"), self.errors.row("purpose", self.fields.purpose))
        form.addRow(self.tr("Host"), self.errors.row("host", self.fields.host))
        form.addRow(self.tr("From"), self.errors.row("day_from", self.day_from))
        form.addRow(self.tr("To"), self.errors.row("day_to", self.day_to))
        form.addRow(self.tr("Title"), self.errors.row("title", self.title))
        form.addRow(self.tr("Notes"), self.errors.row("notes", self.notes))
        row = QHBoxLayout()
        row.addWidget(self.register_done, 1)
        row.addWidget(self.register_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.register_error)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addLayout(row)
        return page

    def _on_day_from_date_changed(self, day: QDate) -> None:
        if self.day_to.date() < day:
            self.day_to.setDate(day)

    def _search_visitors(self) -> None:
        from frontdesk.services.registry.visitors import search_visitors

        ticket, query, db = self._searches.next(), self.visitor_search.text(), self._db
        if not query.strip():
            self.visitor_list.clear()
            return
        run_in_background(self, lambda: search_visitors(db, query=query, limit=20),
                          on_success=self._searches.only_newest(ticket, self._on_visitors_found))

    def _on_visitors_found(self, found) -> None:
        self.visitor_list.clear()
        for visitor in found:
            self._add_visitor_item(visitor)
        if found:
            self.visitor_list.setCurrentRow(0)

    def _add_visitor_item(self, visitor) -> QListWidgetItem:
        text = f"{visitor.full_name}  —  {visitor.company_name}" if visitor.company_name else visitor.full_name
        item = QListWidgetItem(text)
        item.setData(VisitorRole, visitor)
        self.visitor_list.addItem(item)
        return item

    def _on_visitor_list_current_item_changed(self, current, _previous) -> None:
        self._visitor = current.data(VisitorRole) if current is not None else None

    def _on_new_person_button_clicked(self) -> None:
        from frontdesk.ui.registry.visitor_dialog import VisitorDialog

        dialog = VisitorDialog(self._db, self._actor, parent=self)
        dialog.finished.connect(lambda _result: self._on_visitor_dialog_finished(dialog))
        dialog.open()
        self.visitor_dialog = dialog

    def _on_visitor_dialog_finished(self, dialog) -> None:
        if dialog.saved is not None:
            self.visitor_list.clear()
            self.visitor_list.setCurrentItem(self._add_visitor_item(dialog.saved))

    def select_visitor(self, visitor) -> None:
        """Choose `visitor` (a VisitorSummary) as if found and clicked."""
        self.visitor_list.clear()
        self.visitor_list.setCurrentItem(self._add_visitor_item(visitor))

    def register(self) -> None:
        from frontdesk.services.reception.expected import register_visit

        self.errors.clear()
        self.register_error.hide()
        self.register_done.hide()
        visitor = self._visitor
        if visitor is None:
            self.errors.show("visitor", self.tr("Find the visitor and choose them in the list, "
                                                "or add a new person."))
            return
        db, actor = self._db, self._actor
        code, host_id = self.fields.service_code(), self.fields.host_id()
        day_from, day_to = _pydate(self.day_from.date()), _pydate(self.day_to.date())
        title, notes = self.title.text(), self.notes.text()
        task = run_in_background(
            self,
            lambda: register_visit(db, visitor_id=visitor.id, service_code=code, host_id=host_id,
                                   day_from=day_from, day_to=day_to, title=title, notes=notes, actor=actor),
            on_success=lambda _id: self._on_registered(visitor, day_from, day_to),
            on_error=self._on_register_failed,
            on_finished=lambda: self.register_button.setEnabled(True),
            write=True, key=f"register-ahead:{id(self)}",
        )
        if task is not None:
            self.register_button.setEnabled(False)

    def _on_registered(self, visitor, day_from: dt.date, day_to: dt.date) -> None:
        days = format_date(day_from, TEXT) if day_from == day_to else \
            f"{format_date(day_from, TEXT)} – {format_date(day_to, TEXT)}"
        self.register_done.setText(self.tr("Registered: {name}, {days}.").format(name=visitor.full_name, days=days))
        self.register_done.show()
        self.visitor_list.clear()
        self.visitor_search.clear()
        self._visitor = None
        self.notes.clear()
        self.visitor_search.setFocus()  # dates, purpose and title stay: the next attendee of the course
        self.reload_today()

    def _on_register_failed(self, error) -> None:
        self.errors.show_error(error, self.register_error)

    # --- import -----------------------------------------------------------------------------------
    def _build_import_tab(self) -> QWidget:
        page = QWidget()
        explanation = QLabel(self.tr(
            "A CSV file with one person per row, comma or semicolon separated, with a header row. "
            "Required columns: nome, cognome, dal. Optional: al, azienda, partita_iva, email, "
            "telefono, servizio, referente, titolo. Dates as 25/11/2026. A row with a date range "
            "gets one badge valid for all its days. The good rows are imported; the others are "
            "listed below with the reason."))
        explanation.setWordWrap(True)
        explanation.setProperty("role", "muted")
        self.default_service = QComboBox()
        for service in self._choices.services:
            self.default_service.addItem(service.name, service.code)
        index = self.default_service.findData("training")
        self.default_service.setCurrentIndex(max(0, index))
        self.import_button = QPushButton(self.tr("Choose the file and import..."))
        self.import_button.setObjectName("importCsv")
        self.import_button.setProperty("primary", True)
        self.import_button.setAutoDefault(False)
        self.import_button.clicked.connect(self._on_import_button_clicked)
        self.import_summary = QLabel()
        self.import_summary.setObjectName("importSummary")
        self.import_summary.setWordWrap(True)
        self.import_summary.setStyleSheet("QLabel#importSummary { font-weight: 600; }")
        self.import_errors = QTableWidget(0, 2)
        self.import_errors.setObjectName("importErrors")
        self.import_errors.setHorizontalHeaderLabels([self.tr("Line"), self.tr("Problem")])
        self.import_errors.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.import_errors.verticalHeader().hide()
        self.import_errors.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.import_errors.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.import_errors.setWordWrap(True)
        self.import_errors.hide()
        form = QFormLayout()
        form.addRow(self.tr("Purpose when the file has none"), self.default_service)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.import_button)
        layout = QVBoxLayout(page)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(self.import_summary)
        layout.addWidget(self.import_errors, 1)
        return page

    def _on_import_button_clicked(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, self.tr("Attendee list"), "",
                                                    self.tr("CSV files (*.csv *.txt);;All files (*)"))
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        from frontdesk.services.reception.expected import import_expected_csv

        db, actor, service = self._db, self._actor, self.default_service.currentData() or "training"
        unreadable = self.tr("The file {name} could not be read: {reason}")

        def work():
            try:
                data = Path(path).read_bytes()
            except OSError as exc:
                from frontdesk.domain.errors import StorageProblem

                raise StorageProblem(unreadable.format(name=Path(path).name, reason=exc.strerror or exc)) from exc
            return import_expected_csv(db, data=data, actor=actor, default_service=service)

        self.import_summary.setText(self.tr("Importing..."))
        self.import_errors.hide()
        task = run_in_background(self, work, on_success=self._on_imported, on_error=self._on_import_failed,
                                 on_finished=lambda: self.import_button.setEnabled(True),
                                 write=True, key=f"import-expected:{id(self)}")
        if task is not None:
            self.import_button.setEnabled(False)

    def _on_imported(self, report) -> None:
        self.report = report
        summary = self.tr("1 row imported.") if report.imported == 1 else \
            self.tr("%n rows imported.", "", report.imported)
        if report.errors:
            summary += " " + (self.tr("1 row not imported:") if len(report.errors) == 1 else
                              self.tr("%n rows not imported:", "", len(report.errors)))
        self.import_summary.setText(summary)
        self.import_errors.setRowCount(len(report.errors))
        for row, (line, message) in enumerate(report.errors):
            number = QTableWidgetItem(str(line))
            number.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.import_errors.setItem(row, 0, number)
            self.import_errors.setItem(row, 1, QTableWidgetItem(message))
        self.import_errors.resizeRowsToContents()
        self.import_errors.setVisible(bool(report.errors))
        self.reload_today()

    def _on_import_failed(self, error) -> None:
        self.report = None
        self.import_summary.setText(error.message)
