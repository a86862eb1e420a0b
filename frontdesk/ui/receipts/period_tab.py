"""The Period tab of the Daily closing screen: the valid receipts of every desk between two days,
by service, by VAT rate or nature and by association, with their totals, and exported for the
accounting office as CSV or Excel (services.receipts.period_export: the file appears whole or not at
all). A period that ends before it begins is refused in the red line, with the exports disabled.

Imports Qt, ui helpers and the receipts' services; never the database.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
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
from frontdesk.domain.receipts.receipt import line_kind_label
from frontdesk.domain.receipts.vat import tax_text
from frontdesk.i18n import format_money, format_number
from frontdesk.services.receipts.closing import period_figures
from frontdesk.services.receipts.period_export import export_period, month_of, period_file_stem
from frontdesk.ui.receipts.figures_tables import figures_table
from frontdesk.ui.shell.area_view import DeskContext
from frontdesk.ui.tasks import NewestWins, run_in_background


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class PeriodTab(QWidget):
    loaded = Signal()
    exported = Signal(object)  # the Path written
    export_failed = Signal(str)
    notice_shown = Signal(str)

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._actor = context.db, context.actor
        self._loads = NewestWins()
        self.figures = None

        first, last = month_of(today_in_rome())
        self.first = self._date_edit("periodFirst", first)
        self.last = self._date_edit("periodLast", last)
        self.summary = QLabel()
        self.summary.setObjectName("periodSummary")
        self.summary.setProperty("role", "subtitle")
        self.error = QLabel()
        self.error.setObjectName("periodError")
        self.error.setProperty("role", "field-error")
        self.error.setVisible(False)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(QLabel(self.tr("From")))
        top.addWidget(self.first)
        top.addWidget(QLabel(self.tr("to")))
        top.addWidget(self.last)

        self.service_model, self.service_table = figures_table(
            [self.tr("Kind"), self.tr("Code"), self.tr("Service"), self.tr("Quantity"), self.tr("Taxable")],
            right=(3, 4), name="periodServices", flexible=2, parent=self)
        self.tax_model, self.tax_table = figures_table(
            [self.tr("VAT or nature"), self.tr("Taxable"), self.tr("VAT"), self.tr("Total")], right=(1, 2, 3),
            name="periodTaxes", parent=self)
        self.association_model, self.association_table = figures_table(
            [self.tr("Association"), self.tr("Receipts"), self.tr("Taxable"), self.tr("Total")],
            right=(1, 2, 3), name="periodAssociations", parent=self)  # VAT: in the exports, not to cut the names
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(4)
        for text, table, row, column, span in ((self.tr("By service"), self.service_table, 0, 0, 2),
                                               (self.tr("By VAT rate or nature"), self.tax_table, 2, 0, 1),
                                               (self.tr("By association"), self.association_table, 2, 1, 1)):
            heading = QLabel(text)
            heading.setProperty("role", "heading")
            grid.addWidget(heading, row, column, 1, span)
            grid.addWidget(table, row + 1, column, 1, span)
        grid.setRowStretch(1, 3)
        grid.setRowStretch(3, 2)
        grid.setColumnStretch(0, 4)  # the associations' names need the room more than the rates
        grid.setColumnStretch(1, 5)

        self.export_csv_button = QPushButton(self.tr("Export CSV…"))
        self.export_csv_button.setObjectName("exportPeriodCsv")
        self.export_csv_button.clicked.connect(lambda: self.choose_file("csv"))
        self.export_xlsx_button = QPushButton(self.tr("Export Excel…"))
        self.export_xlsx_button.setObjectName("exportPeriodXlsx")
        self.export_xlsx_button.clicked.connect(lambda: self.choose_file("xlsx"))
        actions = QHBoxLayout()
        actions.addWidget(self.error, 1)
        actions.addStretch(0)
        actions.addWidget(self.export_csv_button)
        actions.addWidget(self.export_xlsx_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(top)
        layout.addLayout(grid, 1)
        layout.addLayout(actions)

    def _date_edit(self, name: str, day: dt.date) -> QDateEdit:
        edit = QDateEdit()
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd/MM/yyyy")
        edit.setMinimumWidth(130)
        edit.setDate(_qdate(day))
        edit.dateChanged.connect(lambda _d: self.reload())
        return edit

    def period(self) -> tuple[dt.date, dt.date]:
        return self.first.date().toPython(), self.last.date().toPython()

    def set_period(self, first: dt.date, last: dt.date) -> None:
        for edit, day in ((self.first, first), (self.last, last)):
            edit.blockSignals(True)
            edit.setDate(_qdate(day))
            edit.blockSignals(False)
        self.reload()

    # --- the figures -----------------------------------------------------------------------------

    def reload(self) -> None:
        ticket, db, actor, (first, last) = self._loads.next(), self._db, self._actor, self.period()
        run_in_background(self, lambda: period_figures(db, first=first, last=last, actor=actor),
                          on_success=self._loads.only_newest(ticket, self._on_loaded),
                          on_error=self._loads.only_newest(ticket, self._on_refused))

    def _on_refused(self, error) -> None:
        self.figures = None
        for model in (self.service_model, self.tax_model, self.association_model):
            model.set_figures([])
        self.summary.setText("")
        self._show_error(error.message)
        self.loaded.emit()

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))
        for button in (self.export_csv_button, self.export_xlsx_button):
            button.setEnabled(self.figures is not None)

    def _on_loaded(self, figures) -> None:
        self.figures = figures
        self._show_error("")
        self.summary.setText(self.tr("Every desk · valid receipts %1 · total %2").replace(
            "%1", str(figures.receipts)).replace("%2", format_money(figures.total)))
        services = figures.by_service
        self.service_model.set_figures(
            [(line_kind_label(s.kind), s.code, s.description, _quantity(s.quantity), format_money(s.net))
             for s in services],
            (self.tr("Total"), "", "", "", format_money(sum((s.net for s in services), Decimal("0.00")))))
        self.tax_model.set_figures(
            [(tax_text(t.vat_rate, t.nature), format_money(t.base),
              format_money(t.vat) if t.vat_rate else "—", format_money(t.total)) for t in figures.by_tax],
            (self.tr("Total"), format_money(figures.net), format_money(figures.vat), format_money(figures.total)))
        self.association_model.set_figures(
            [(a.association or self.tr("No association"), str(a.receipts), format_money(a.net), format_money(a.total))
             for a in figures.by_association],
            (self.tr("Total"), str(figures.receipts), format_money(figures.net), format_money(figures.total)))
        self.loaded.emit()

    # --- export ----------------------------------------------------------------------------------

    def suggested_name(self, fmt: str) -> str:
        """"ricevute-2026-11.csv" in Italian for a whole month."""
        stem = self.tr("receipts")  # the file's name: "ricevute-2026-11.csv" in Italian
        return f"{stem}-{period_file_stem(*self.period())}.{fmt}"

    def choose_file(self, fmt: str) -> None:
        pattern = self.tr("CSV files (*.csv)") if fmt == "csv" else self.tr("Excel workbooks (*.xlsx)")
        suggested = str(Path.home() / self.suggested_name(fmt))
        path, _selected = QFileDialog.getSaveFileName(self, self.tr("Export the period's figures"), suggested, pattern)
        if path:
            if not path.lower().endswith("." + fmt):
                path += "." + fmt
            self.export_to(Path(path), fmt)

    def export_to(self, path: Path, fmt: str) -> None:
        """Write the period's figures to `path` in the background; a notice says when it is done."""
        db, actor, (first, last) = self._db, self._actor, self.period()
        for button in (self.export_csv_button, self.export_xlsx_button):
            button.setEnabled(False)
        run_in_background(self, lambda: export_period(db, first=first, last=last, path=path, fmt=fmt, actor=actor),
                          on_success=lambda _n: self._on_exported(path), on_error=self._on_export_failed,
                          on_finished=lambda: self._show_error(self.error.text()), slow=True,
                          key=f"period-export:{path}")

    def _on_exported(self, path: Path) -> None:
        self.notice_shown.emit(self.tr("The period's figures are saved in %1.").replace("%1", str(path)))
        self.exported.emit(path)

    def _on_export_failed(self, error) -> None:
        self.error.setText(error.message)
        self.error.setVisible(True)
        self.export_failed.emit(error.message)


def _quantity(quantity: Decimal) -> str:
    return format_number(quantity)
