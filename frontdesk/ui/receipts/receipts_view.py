"""The Receipts screen: the day's receipts (Rome), with the day chosen by arrows or the calendar.

*New receipt…* (Ctrl+N) opens the dialog (ui.receipts.receipt_dialog); once issued, the receipt opens
in the print preview on the printer set for receipts, or is saved when none is set
(ui.receipts.receipt_printing, shared with the sample intake). A receipt not printed, or a printer
that fails after the number was given, never undoes the receipt: it stays listed and *Reprint*
prints it again, marked COPY. *Preview…* shows the copy in the print preview. *Void receipt…* asks
the reason (required) and marks it voided; it keeps its number.
The service refuses what may not be done (a void of a void) and its message goes to the red banner.

Imports Qt, ui helpers and the receipts' services; never the database.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from frontdesk.documents.receipts.receipt_document import payment_label
from frontdesk.domain.clock import today_in_rome
from frontdesk.i18n import format_money, format_time
from frontdesk.services.desk.settings import get_settings
from frontdesk.services.receipts.documents import ReceiptRow, list_receipts, receipt_print_job
from frontdesk.services.receipts.issue import void_receipt
from frontdesk.ui.receipts.receipt_dialog import ReceiptDialog
from frontdesk.ui.receipts.receipt_printing import not_printed_message, print_after_issue, print_receipt_now
from frontdesk.ui.shell.area_view import AreaView, DeskContext
from frontdesk.ui.tasks import NewestWins, run_in_background
from frontdesk.ui.widgets.table_models import Column, ValueTableModel
from frontdesk.ui.widgets.tables import make_table

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class VoidDialog(QDialog):
    """Why the receipt is voided: required, kept with it."""

    def __init__(self, number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Void receipt %1").replace("%1", number))
        hint = QLabel(self.tr("Receipt %1 keeps its number and is marked voided. Why is it voided?")
                      .replace("%1", number))
        hint.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("voidReason")
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(80)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Void receipt"))
        self.ok_button.setEnabled(False)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.reason.textChanged.connect(lambda: self.ok_button.setEnabled(bool(self.reason.toPlainText().strip())))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.reason)
        layout.addWidget(buttons)
        self.resize(460, 220)


class ReceiptsView(AreaView):
    receipt_issued = Signal(object)  # IssuedReceipt
    receipt_printed = Signal(object)  # ui.printing.PrintOutcome
    print_failed = Signal(str)
    receipt_voided = Signal(object)  # IssuedReceipt
    preview_opened = Signal(QWidget)  # a preview dialog just opened: the copy's, or the receipt's just issued
    areas = frozenset({"receipt", "settings"})

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._db = context.db
        self._actor = context.actor
        self._loads = NewestWins()
        self._charge_stamp_duty = True
        self._dialog: QDialog | None = None

        title = QLabel(self.tr("Receipts"))
        title.setProperty("role", "title")
        self.previous_button = QPushButton("◀")
        self.previous_button.setToolTip(self.tr("Previous day"))
        self.previous_button.clicked.connect(lambda: self._move(-1))
        self.day = QDateEdit()
        self.day.setObjectName("receiptsDay")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.day.setMinimumWidth(130)
        today = today_in_rome()
        self.day.setDate(QDate(today.year, today.month, today.day))
        self.day.dateChanged.connect(lambda _d: self.reload())
        self.next_button = QPushButton("▶")
        self.next_button.setToolTip(self.tr("Next day"))
        self.next_button.clicked.connect(lambda: self._move(1))
        self.today_button = QPushButton(self.tr("Today"))
        self.today_button.clicked.connect(self._go_today)
        self.new_button = QPushButton(self.tr("New receipt…"))
        self.new_button.setObjectName("newReceipt")
        self.new_button.setProperty("primary", True)
        self.new_button.setToolTip(self.tr("Ctrl+N"))
        self.new_button.clicked.connect(self.new_receipt)
        QShortcut(QKeySequence("Ctrl+N"), self, activated=self.new_receipt)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        for widget in (self.previous_button, self.day, self.next_button, self.today_button):
            top.addWidget(widget)
        top.addSpacing(16)
        top.addWidget(self.new_button)

        self.model = ValueTableModel([
            Column(self.tr("Number"), lambda r: r.number),
            Column(self.tr("Time"), lambda r: format_time(r.issued_at)),
            Column(self.tr("Customer"), lambda r: r.customer_name, tooltip=True),
            Column(self.tr("Total"), lambda r: format_money(r.total), align=RIGHT),
            Column(self.tr("Payment"), lambda r: payment_label(r.payment)),
            Column(self.tr("Status"), self._status, tooltip=True),
        ], self)
        self.table = make_table(self.model, fixed=(0, 1, 3, 4))
        self.table.setObjectName("receiptsTable")
        self.summary = QLabel()
        self.summary.setProperty("role", "muted")
        self.preview_button = QPushButton(self.tr("Preview…"))
        self.preview_button.setObjectName("previewReceipt")
        self.preview_button.clicked.connect(self.preview)
        self.reprint_button = QPushButton(self.tr("Reprint"))
        self.reprint_button.setObjectName("reprintReceipt")
        self.reprint_button.clicked.connect(self.reprint)
        self.void_button = QPushButton(self.tr("Void receipt…"))
        self.void_button.setObjectName("voidReceipt")
        self.void_button.clicked.connect(self.void)
        actions = QHBoxLayout()
        actions.addWidget(self.summary, 1)
        actions.addWidget(self.preview_button)
        actions.addWidget(self.reprint_button)
        actions.addWidget(self.void_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)

    def _status(self, row: ReceiptRow) -> str:
        if row.voided:
            return self.tr("Voided: %1").replace("%1", row.void_reason)
        return self.tr("Issued")

    def focus_first(self) -> None:
        self.table.setFocus()

    # --- the day ---------------------------------------------------------------------------------

    def current_day(self) -> dt.date:
        return self.day.date().toPython()

    def _move(self, days: int) -> None:
        self.day.setDate(self.day.date().addDays(days))

    def _go_today(self) -> None:
        today = today_in_rome()
        self.day.setDate(QDate(today.year, today.month, today.day))

    def reload(self) -> None:
        ticket, db, day = self._loads.next(), self._db, self.current_day()
        run_in_background(self, lambda: (list_receipts(db, day=day), get_settings(db).receipt_charge_stamp_duty),
                          on_success=self._loads.only_newest(ticket, self._on_loaded))

    def _on_loaded(self, loaded) -> None:
        rows, self._charge_stamp_duty = loaded
        current = self.current_receipt()
        self.model.set_rows(rows)
        issued = [r for r in rows if not r.voided]
        self.summary.setText(self.tr("%n receipt(s) issued", "", len(issued)) + " · "
                             + self.tr("total %1").replace("%1", format_money(sum((r.total for r in issued), 0))))
        row = self.model.row_of(lambda r: r.id == current.id) if current else -1
        if row < 0 and rows:
            row = len(rows) - 1
        if row >= 0:
            self.table.selectRow(row)
        self.data_loaded.emit()

    def current_receipt(self) -> ReceiptRow | None:
        index = self.table.selectionModel().currentIndex()
        return self.model.value(index.row()) if index.isValid() else None

    # --- issue, print, void ----------------------------------------------------------------------

    def new_receipt(self) -> ReceiptDialog:
        if self._dialog is not None:
            self._dialog.deleteLater()
        dialog = ReceiptDialog(self._db, self._actor, charge_stamp_duty=self._charge_stamp_duty, parent=self)
        self._dialog = dialog
        dialog.accepted.connect(lambda: self._on_issued(dialog.issued))
        dialog.open()
        dialog.company.setFocus()
        return dialog

    def _on_issued(self, receipt) -> None:
        self.notice_shown.emit(self.tr("Receipt %1 issued").replace("%1", receipt.number))
        self.receipt_issued.emit(receipt)
        self._go_today()
        self.reload()
        print_after_issue(self, self._db, receipt, notice=self.notice_shown.emit,
                          preview_opened=self.preview_opened.emit, printed=self.receipt_printed.emit,
                          failed=self.print_failed.emit)

    def reprint(self) -> None:
        row = self.current_receipt()
        if row is not None:
            self._print(row.id, row.number, copy=True)

    def preview(self) -> None:
        """The receipt drawn as a COPY in the print preview (print from there)."""
        row = self.current_receipt()
        if row is None:
            return
        db = self._db
        run_in_background(self, lambda: receipt_print_job(db, receipt_id=row.id, copy=True),
                          on_success=self._on_preview_ready, key=f"receipt-preview:{row.id}")

    def _on_preview_ready(self, job) -> None:
        from frontdesk.ui import printing

        dialog = printing.make_preview_dialog(self, job.pdf, job.printer or None)
        dialog.open()
        self.preview_opened.emit(dialog)

    def _print(self, receipt_id, number: str, *, copy: bool) -> None:
        db = self._db
        run_in_background(self, lambda: print_receipt_now(db, receipt_id, copy),
                          on_success=self._on_printed, on_error=lambda error: self._on_print_failed(number, error),
                          slow=True, key=f"receipt-print:{receipt_id}")

    def _on_printed(self, outcome) -> None:
        self.notice_shown.emit(outcome.message)
        self.receipt_printed.emit(outcome)

    def _on_print_failed(self, number: str, error) -> None:
        message = not_printed_message(number, error.message)
        self.notice_shown.emit(message)
        self.print_failed.emit(message)

    def void(self) -> VoidDialog | None:
        row = self.current_receipt()
        if row is None:
            return None
        if self._dialog is not None:
            self._dialog.deleteLater()
        dialog = VoidDialog(row.number, self)
        self._dialog = dialog
        dialog.accepted.connect(lambda: self._on_void_accepted(row, dialog.reason.toPlainText()))
        dialog.open()
        return dialog

    def _on_void_accepted(self, row: ReceiptRow, reason: str) -> None:
        db, actor = self._db, self._actor
        run_in_background(self, lambda: void_receipt(db, receipt_id=row.id, reason=reason, actor=actor),
                          on_success=self._on_voided, write=True, key=f"receipt-void:{row.id}")

    def _on_voided(self, receipt) -> None:
        self.notice_shown.emit(self.tr("Receipt %1 voided").replace("%1", receipt.number))
        self.receipt_voided.emit(receipt)
        self.reload()
