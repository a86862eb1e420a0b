"""The Daily closing screen (issue 16, point 5): the day's figures of this desk and the period's.

Tab *Day*: a Rome day (arrows, PgUp/PgDn, the calendar), its closing on screen (counts, first and
last number per series, totals by payment method and by VAT rate or nature, the voided receipts
with their reasons, missing numbers and series switches) and the closings kept for it ("Kept at
18:05 by Rossi"), with a warning listing what differs now (services.receipts.kept_closings.
closing_changes). *Close the day and print* keeps the closing and opens its print preview on the
A4 printer of Settings (the system's default printer when none is set); *Preview…* draws it
without keeping it; *Print kept copy* draws the selected kept closing again, checked against the
one printed. Tab *Period*: ui.receipts.period_tab.

Loading and PDFs run in the background (ui.tasks); the screen reloads on the data bus when receipts
or kept closings change (also by sync). Imports Qt, ui helpers and the receipts' services; never
the database.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from frontdesk.documents.receipts.receipt_document import payment_label
from frontdesk.domain.clock import today_in_rome
from frontdesk.domain.receipts.vat import tax_text
from frontdesk.i18n import format_datetime, format_money, format_time
from frontdesk.services.receipts.closing import daily_closing
from frontdesk.services.receipts.kept_closings import (
    closing_changes,
    keep_closing_job,
    kept_closing_job,
    kept_closings,
    preview_closing_job,
)
from frontdesk.ui.receipts.figures_tables import figures_table
from frontdesk.ui.receipts.period_tab import PeriodTab
from frontdesk.ui.shell.area_view import AreaView, DeskContext
from frontdesk.ui.tasks import NewestWins, run_in_background


def _load_day(db, actor, day: dt.date):
    """The closing computed now, the kept ones (newest first) and what differs in each: one task's work."""
    closing = daily_closing(db, day=day, actor=actor)
    kept = kept_closings(db, day=day)
    return closing, kept, {k.id: closing_changes(k.closing, closing) for k in kept if k.closing is not None}


class DayTab(QWidget):
    """The closing of one day (see the module docstring)."""

    loaded = Signal()
    kept = Signal(object)  # KeptClosing
    preview_opened = Signal(QWidget)  # the print preview dialog, just opened
    notice_shown = Signal(str)

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._actor = context.db, context.actor
        self._loads = NewestWins()
        self.closing = None
        self.kept_list: list = []
        self.changes: dict = {}

        self.previous_button = QPushButton("◀")
        self.previous_button.setToolTip(self.tr("Previous day (PgUp)"))
        self.previous_button.clicked.connect(lambda: self.move(-1))
        self.day = QDateEdit()
        self.day.setObjectName("closingDay")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.day.setMinimumWidth(130)
        self.go_today()
        self.day.dateChanged.connect(lambda _d: self.reload())
        self.next_button = QPushButton("▶")
        self.next_button.setToolTip(self.tr("Next day (PgDn)"))
        self.next_button.clicked.connect(lambda: self.move(1))
        self.today_button = QPushButton(self.tr("Today"))
        self.today_button.clicked.connect(self.go_today)
        for key, days in ((Qt.Key.Key_PageUp, -1), (Qt.Key.Key_PageDown, 1)):
            shortcut = QShortcut(QKeySequence(key), self, activated=lambda days=days: self.move(days))
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.summary = QLabel()
        self.summary.setObjectName("closingSummary")
        self.summary.setProperty("role", "subtitle")
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        for widget in (self.previous_button, self.day, self.next_button, self.today_button):
            top.addWidget(widget)

        self.series_model, self.series_table = figures_table(
            [self.tr("Series"), self.tr("Receipts"), self.tr("First number"), self.tr("Last number")], right=(1,),
            name="closingSeries", parent=self)
        self.numbering = QLabel()
        self.numbering.setObjectName("closingNumbering")
        self.numbering.setProperty("role", "field-error")
        self.numbering.setWordWrap(True)
        self.payment_model, self.payment_table = figures_table(
            [self.tr("Payment method"), self.tr("Receipts"), self.tr("Total")], right=(1, 2),
            name="closingPayments", parent=self)
        self.tax_model, self.tax_table = figures_table(
            [self.tr("VAT rate or nature"), self.tr("Taxable"), self.tr("VAT"), self.tr("Total")], right=(1, 2, 3),
            name="closingTaxes", parent=self)
        self.voided_model, self.voided_table = figures_table(
            [self.tr("Number"), self.tr("Voided at"), self.tr("Total"), self.tr("Reason")], right=(2,),
            name="closingVoided", parent=self)
        self.kept_model, self.kept_table = figures_table(
            [self.tr("Kept closing"), self.tr("Receipts"), self.tr("Total"), self.tr("Compared with now")],
            right=(1, 2), name="keptClosings", parent=self)
        self.kept_table.selectionModel().currentRowChanged.connect(lambda *_: self._show_changes())
        self.changes_label = QLabel()
        self.changes_label.setObjectName("closingChanges")
        self.changes_label.setProperty("role", "field-error")
        self.changes_label.setWordWrap(True)

        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(4)
        cells = ((self.tr("Numbers issued"), self.series_table, 0, 0), (self.tr("By payment method"),
                 self.payment_table, 0, 1), (self.tr("By VAT rate or nature"), self.tax_table, 2, 0),
                 (self.tr("Voided receipts"), self.voided_table, 2, 1))
        for text, table, row, column in cells:
            heading = QLabel(text)
            heading.setProperty("role", "heading")
            grid.addWidget(heading, row, column)
            grid.addWidget(table, row + 1, column)
        grid.addWidget(self.numbering, 4, 0, 1, 2)
        kept_heading = QLabel(self.tr("Closings kept for this day"))
        kept_heading.setProperty("role", "heading")
        grid.addWidget(kept_heading, 5, 0, 1, 2)
        grid.addWidget(self.kept_table, 6, 0, 1, 2)
        grid.addWidget(self.changes_label, 7, 0, 1, 2)
        for row, stretch in ((1, 3), (3, 3), (6, 2)):
            grid.setRowStretch(row, stretch)

        self.preview_button = QPushButton(self.tr("Preview…"))
        self.preview_button.setObjectName("previewClosing")
        self.preview_button.clicked.connect(self.preview)
        self.print_kept_button = QPushButton(self.tr("Print kept copy…"))
        self.print_kept_button.setObjectName("printKeptClosing")
        self.print_kept_button.clicked.connect(self.print_kept)
        self.close_button = QPushButton(self.tr("Close the day and print…"))
        self.close_button.setObjectName("keepClosing")
        self.close_button.setProperty("primary", True)
        self.close_button.clicked.connect(self.close_day)
        actions = QHBoxLayout()
        actions.addStretch(1)
        for button in (self.preview_button, self.print_kept_button, self.close_button):
            actions.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(top)
        layout.addLayout(grid, 1)
        layout.addLayout(actions)

    # --- the day ---------------------------------------------------------------------------------

    def current_day(self) -> dt.date:
        return self.day.date().toPython()

    def move(self, days: int) -> None:
        self.day.setDate(self.day.date().addDays(days))

    def go_today(self) -> None:
        today = today_in_rome()
        self.day.setDate(QDate(today.year, today.month, today.day))

    def reload(self) -> None:
        ticket, db, actor, day = self._loads.next(), self._db, self._actor, self.current_day()
        self.close_button.setEnabled(day <= today_in_rome())  # a day still to come cannot be closed
        run_in_background(self, lambda: _load_day(db, actor, day), on_success=self._loads.only_newest(
            ticket, self._on_loaded))

    def _on_loaded(self, loaded) -> None:
        closing, self.kept_list, self.changes = loaded
        self.closing = closing
        voided = len(closing.voided)
        self.summary.setText(self.tr("Desk %1 · issued %2 · voided %3 · valid %4 · total %5").replace(
            "%1", closing.desk).replace("%2", str(closing.issued)).replace("%3", str(voided)).replace(
            "%4", str(closing.valid)).replace("%5", format_money(closing.total)))
        self.series_model.set_figures([(s.series, str(s.count), s.first, s.last) for s in closing.series])
        notes = [self.tr("After the restore the numbering continues in series %1.").replace("%1", s)
                 for s in closing.switches]
        notes += [self.tr("%1: missing number (no receipt of this desk carries it).").replace("%1", n)
                  for n in closing.gaps]
        self.numbering.setText("\n".join(notes))
        self.numbering.setVisible(bool(notes))
        self.payment_model.set_figures(
            [(payment_label(m.payment), str(m.count), format_money(m.total))
             for m in closing.by_payment],
            (self.tr("Total"), str(sum(m.count for m in closing.by_payment)), format_money(closing.total)))
        self.tax_model.set_figures(
            [(tax_text(t.vat_rate, t.nature), format_money(t.base), format_money(t.vat) if t.vat_rate else "—",
              format_money(t.total)) for t in closing.by_tax],
            (self.tr("Total"), format_money(closing.net), format_money(closing.vat), format_money(closing.total)))
        self.voided_model.set_figures([(v.number, format_datetime(v.voided_at), format_money(v.total), v.reason)
                                       for v in closing.voided])
        self.kept_model.set_figures([self._kept_row(k) for k in self.kept_list])
        if self.kept_list:
            self.kept_table.selectRow(0)
        self._show_changes()
        self.loaded.emit()

    def _kept_row(self, kept) -> tuple[str, ...]:
        if today_in_rome(kept.made_at) == kept.day:  # kept on the day itself: its time is enough
            when = self.tr("Kept at %1 by %2").replace("%1", format_time(kept.made_at))
        else:
            when = self.tr("Kept on %1 by %2").replace("%1", format_datetime(kept.made_at))
        when = when.replace("%2", kept.made_by_name)
        if kept.closing is None:  # altered: its figures are not shown
            return when, "—", "—", self.tr("Not valid")
        changes = self.changes[kept.id]
        state = self.tr("Differs (%1)").replace("%1", str(len(changes))) if changes else self.tr("Same")
        return when, str(kept.closing.valid), format_money(kept.closing.total), state

    def current_kept(self):
        index = self.kept_table.selectionModel().currentIndex()
        return self.kept_list[index.row()] if index.isValid() and index.row() < len(self.kept_list) else None

    def _show_changes(self) -> None:
        kept = self.current_kept()
        changes = self.changes.get(kept.id, ()) if kept else ()
        self.print_kept_button.setEnabled(kept is not None and kept.closing is not None)
        if kept is None:
            text = self.tr("This day has not been closed yet.") if self.closing and self.closing.issued else ""
        elif kept.closing is None:
            text = kept.problem
        elif changes:
            text = self.tr("The receipts differ from the kept closing:") + "\n" + "\n".join(
                "• " + change for change in changes)
        else:
            text = ""
        self.changes_label.setText(text)
        self.changes_label.setVisible(bool(text))

    # --- keep, preview, print --------------------------------------------------------------------

    def close_day(self) -> None:
        db, actor, day = self._db, self._actor, self.current_day()
        self.close_button.setEnabled(False)
        run_in_background(self, lambda: keep_closing_job(db, day=day, actor=actor), on_success=self._on_kept,
                          on_finished=lambda: self.close_button.setEnabled(self.current_day() <= today_in_rome()),
                          write=True, key=f"closing-keep:{day}")

    def _on_kept(self, result) -> None:
        kept, job = result
        self.notice_shown.emit(self.tr("The closing of %1 is kept.").replace("%1", kept.day.strftime("%d/%m/%Y")))
        self.kept.emit(kept)
        self._open_preview(job)

    def preview(self) -> None:
        db, actor, day = self._db, self._actor, self.current_day()
        run_in_background(self, lambda: preview_closing_job(db, day=day, actor=actor), on_success=self._open_preview,
                          key=f"closing-preview:{day}")

    def print_kept(self) -> None:
        kept = self.current_kept()
        if kept is not None:
            db = self._db
            run_in_background(self, lambda: kept_closing_job(db, closing_id=kept.id), on_success=self._open_preview,
                              key=f"closing-kept:{kept.id}")

    def _open_preview(self, job) -> None:
        from frontdesk.ui import printing

        dialog = printing.make_preview_dialog(self, job.pdf, job.printer or None)
        dialog.open()
        self.preview_opened.emit(dialog)


class ClosingView(AreaView):
    """The two tabs: Day and Period."""

    areas = frozenset({"receipt", "receipt_closing", "settings", "companies"})

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        title = QLabel(self.tr("Daily closing"))
        title.setProperty("role", "title")
        self.day_tab = DayTab(context, self)
        self.period_tab = PeriodTab(context, self)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.day_tab, self.tr("Day"))
        self.tabs.addTab(self.period_tab, self.tr("Period"))
        for tab in (self.day_tab, self.period_tab):
            tab.notice_shown.connect(self.notice_shown)
        self.day_tab.loaded.connect(self.data_loaded)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)

    def focus_first(self) -> None:
        self.day_tab.day.setFocus()

    def reload(self) -> None:
        self.day_tab.reload()
        self.period_tab.reload()
