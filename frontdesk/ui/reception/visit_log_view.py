"""The Visit log screen: visits that happened, filtered by period, company, association and
purpose, fetched a page at a time as the list scrolls, exported to CSV or Excel in the background.

Imports Qt, ui helpers and the visit_log / reference services; never the database.
"""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from frontdesk.domain.clock import today_in_rome
from frontdesk.domain.roles import Permission
from frontdesk.i18n import format_datetime, format_number, format_time
from frontdesk.services.reception.visit_log import (
    PAGE,
    VisitFilters,
    VisitRow,
    count_visits,
    export_visits,
    list_visits,
)
from frontdesk.services.registry.reference import associations, services
from frontdesk.ui.registry.company_picker import CompanyPicker
from frontdesk.ui.shell.area_view import AreaView, DeskContext
from frontdesk.ui.tasks import run_in_background
from frontdesk.ui.widgets.table_models import Column, PagedTableModel
from frontdesk.ui.widgets.tables import make_table

PERIODS = ("today", "week", "month", "last_month", "year", "all", "custom")


def period_bounds(period: str, today: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """The days a named period covers (both included); (None, None) for all time."""
    if period == "today":
        return today, today
    if period == "week":
        return today - dt.timedelta(days=6), today
    if period == "month":
        return today.replace(day=1), today
    if period == "last_month":
        end = today.replace(day=1) - dt.timedelta(days=1)
        return end.replace(day=1), end
    if period == "year":
        return today.replace(month=1, day=1), today
    return None, None


class VisitLogView(AreaView):
    areas = frozenset({"visits", "visitors", "companies"})

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._db = context.db
        self._status_texts = {"on_site": self.tr("On site"), "out": self.tr("Checked out"),
                              "automatic": self.tr("Checked out (automatic)")}
        title = QLabel(self.tr("Visit log"))
        title.setProperty("role", "title")

        self.period = QComboBox()
        for key, text in zip(PERIODS, (self.tr("Today"), self.tr("Last 7 days"), self.tr("This month"),
                                       self.tr("Last month"), self.tr("This year"), self.tr("All dates"),
                                       self.tr("Choose dates")), strict=True):
            self.period.addItem(text, key)
        self.date_from = QDateEdit()
        self.date_to = QDateEdit()
        self.date_from.setMinimumDate(QDate(2000, 1, 1))
        self.date_from.setSpecialValueText("—")  # shown for "All dates"
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setMinimumWidth(120)
        self.company = CompanyPicker(self._db)
        self.company.setMinimumWidth(240)
        self.association = QComboBox()
        self.association.addItem(self.tr("All associations"), None)
        self.association.setMinimumWidth(220)
        self.purpose = QComboBox()
        self.purpose.addItem(self.tr("All purposes"), None)
        self.purpose.setMinimumWidth(200)

        filters = QGridLayout()
        filters.setHorizontalSpacing(10)
        filters.setVerticalSpacing(4)
        labels = (self.tr("Period"), self.tr("From"), self.tr("To"), self.tr("Company"), self.tr("Association"),
                  self.tr("Purpose"))
        editors = (self.period, self.date_from, self.date_to, self.company, self.association, self.purpose)
        for column, (text, editor) in enumerate(zip(labels, editors, strict=True)):
            label = QLabel(text)
            label.setProperty("role", "muted")
            filters.addWidget(label, 0, column)
            filters.addWidget(editor, 1, column)
        filters.setColumnStretch(3, 2)
        filters.setColumnStretch(4, 1)
        filters.setColumnStretch(5, 1)

        self.model = PagedTableModel([
            Column(self.tr("Checked in"), lambda r: format_datetime(r.checked_in_at)),
            Column(self.tr("Out"), lambda r: format_time(r.checked_out_at) if r.checked_out_at else ""),
            Column(self.tr("Visitor"), lambda r: r.visitor_name, tooltip=True),
            Column(self.tr("Company"), lambda r: r.company_name, tooltip=True),
            Column(self.tr("Association"), lambda r: r.association_name, tooltip=True),
            Column(self.tr("Purpose"), lambda r: r.service_name, tooltip=True),
            Column(self.tr("Host"), lambda r: r.host_name, tooltip=True),
            Column(self.tr("Status"), self._status, tooltip=True),
        ], page_size=PAGE, parent=self)
        self.table = make_table(self.model, fixed=(0, 1, 7))
        self.table.setObjectName("visitTable")
        self.model.total_known.connect(self._on_model_total_known)
        self.model.page_loaded.connect(self._on_model_page_loaded)

        self.summary = QLabel()
        self.summary.setProperty("role", "muted")
        self.export_csv_button = QPushButton(self.tr("Export CSV..."))
        self.export_csv_button.clicked.connect(lambda: self._ask_export("csv"))
        self.export_xlsx_button = QPushButton(self.tr("Export Excel..."))
        self.export_xlsx_button.clicked.connect(lambda: self._ask_export("xlsx"))
        # Exporting writes names to a file: shown only to roles allowed to (the service refuses the others).
        for button in (self.export_csv_button, self.export_xlsx_button):
            button.setVisible(bool(context.actor.can(Permission.EXPORT_VISITS)))
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.export_csv_button)
        bottom.addWidget(self.export_xlsx_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        self._loading_choices = False
        self.period.setCurrentIndex(PERIODS.index("month"))
        self._apply_period()
        self.period.currentIndexChanged.connect(self._on_period_current_index_changed)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self._on_filter_changed)
        self.association.currentIndexChanged.connect(self._on_filter_changed)
        self.purpose.currentIndexChanged.connect(self._on_filter_changed)
        self.company.company_changed.connect(self._on_filter_changed)
        db = self._db
        run_in_background(self, lambda: (associations(db), services(db)), on_success=self._on_choices_loaded)

    def _status(self, row: VisitRow) -> str:
        if row.status == "on_site":
            return self._status_texts["on_site"]
        return self._status_texts["automatic" if row.closed_by_system else "out"]

    # --- filters --------------------------------------------------------------------------------
    def _on_choices_loaded(self, choices) -> None:
        assocs, purposes = choices
        self._loading_choices = True
        for choice in assocs:
            self.association.addItem(choice.name, str(choice.id))
        for choice in purposes:
            self.purpose.addItem(choice.name, str(choice.id))
        self._loading_choices = False

    def _apply_period(self) -> None:
        key = self.period.currentData()
        custom = key == "custom"
        for edit in (self.date_from, self.date_to):
            edit.setEnabled(custom)
        if custom:
            return
        start, end = period_bounds(key, today_in_rome())
        self._loading_choices = True
        self.date_from.setDate(_qdate(start) if start else QDate(2000, 1, 1))
        self.date_to.setDate(_qdate(end) if end else _qdate(today_in_rome()))
        self._loading_choices = False

    def _on_period_current_index_changed(self, _index: int) -> None:
        self._apply_period()
        self._on_filter_changed()

    def filters(self) -> VisitFilters:
        key = self.period.currentData()
        if key == "all":
            start = end = None
        elif key == "custom":
            start, end = self.date_from.date().toPython(), self.date_to.date().toPython()
        else:
            start, end = period_bounds(key, today_in_rome())
        company = self.company.company()
        return VisitFilters(date_from=start, date_to=end, company_id=company.id if company else None,
                            association_id=_uuid(self.association.currentData()),
                            service_id=_uuid(self.purpose.currentData()))

    def set_filters(self, *, period: str | None = None, date_from: dt.date | None = None,
                    date_to: dt.date | None = None) -> None:
        """Choose the period (and dates for "custom") as a user would."""
        self._loading_choices = True
        if period is not None:
            self.period.setCurrentIndex(PERIODS.index(period))
            self._apply_period()
        if date_from is not None:
            self.date_from.setDate(_qdate(date_from))
        if date_to is not None:
            self.date_to.setDate(_qdate(date_to))
        self._loading_choices = False
        self._on_filter_changed()

    def _on_filter_changed(self, *_args) -> None:
        if not self._loading_choices:
            self.reload()

    # --- loading --------------------------------------------------------------------------------
    def reload(self) -> None:
        try:
            filters = self.filters()
            if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
                self.summary.setText(self.tr("The start date comes after the end date."))
                self.model.set_rows([])
                self.data_loaded.emit()
                return
        except ValueError:
            return
        db = self._db
        self.summary.setText(self.tr("Counting…"))  # the rows show as soon as they come; the count when ready
        self.model.set_query(lambda after, limit: list_visits(db, filters=filters, after=after, limit=limit),
                             lambda: count_visits(db, filters=filters))

    def _on_model_page_loaded(self, _loaded: int) -> None:
        self._update_summary()
        self.data_loaded.emit()

    def _on_model_total_known(self, _total: int) -> None:
        self._update_summary()

    def _update_summary(self) -> None:
        total = self.model.total
        if total is None:
            return
        if total == 0:
            self.summary.setText(self.tr("No visits match these filters."))
        elif total == 1:
            self.summary.setText(self.tr("1 visit"))
        else:
            self.summary.setText(self.tr("{n} visits").format(n=format_number(total)))

    # --- export ---------------------------------------------------------------------------------
    def _ask_export(self, fmt: str) -> None:
        stem = self.tr("visits")  # the suggested file name: "visite-2025-03-15.csv" in Italian
        suggested = str(Path.home() / f"{stem}-{today_in_rome():%Y-%m-%d}.{fmt}")
        pattern = self.tr("CSV files (*.csv)") if fmt == "csv" else self.tr("Excel workbooks (*.xlsx)")
        path, _selected = QFileDialog.getSaveFileName(self, self.tr("Export the visit log"), suggested, pattern)
        if path:
            if not path.lower().endswith("." + fmt):
                path += "." + fmt
            self.export_to(Path(path), fmt)

    def export_to(self, path: Path, fmt: str) -> None:
        """Write the filtered log to `path` in the background; a notice says when it is done."""
        filters, db, actor = self.filters(), self._db, self.context.actor
        for button in (self.export_csv_button, self.export_xlsx_button):
            button.setEnabled(False)
        run_in_background(self, lambda: export_visits(db, filters=filters, path=path, fmt=fmt, actor=actor),
                          on_success=lambda n: self._on_exported(path, n),
                          on_finished=self._on_export_finished, key=f"export:{path}")

    def _on_exported(self, path: Path, count: int) -> None:
        self.notice_shown.emit(self.tr("{n} visits exported to {file}.").format(n=format_number(count),
                                                                              file=str(path)))

    def _on_export_finished(self) -> None:
        for button in (self.export_csv_button, self.export_xlsx_button):
            button.setEnabled(True)


def _uuid(text: str | None) -> uuid.UUID | None:
    return uuid.UUID(text) if text else None


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)
