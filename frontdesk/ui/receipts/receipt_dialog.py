"""The "New receipt" dialog: the customer, the lines typed in, the live totals, how the customer pays.

Each line: description, quantity, unit price in euros and its VAT rate or, for a line without VAT,
its nature code with the law's text. *From the price list…* (Ctrl+K, ui.receipts.item_picker) adds a
line of the lab's tests or the Point's price list at this customer's price (the member price when
their association qualifies); when the customer changes, such lines whose price was not edited by
hand take the new customer's price, and lines typed by hand stay as they are. The totals follow every
edit (domain.receipts.receipt.receipt_totals with the site's stamp-duty setting; the stamp duty's line
shows when due). "Issue and print" asks the
service; any refusal (a bad line, cash over the limit, a customer lacking data) shows in red here and
nothing is saved. On success the dialog closes with `issued` set: the screen opens its print preview
(ui.receipts.receipt_printing).

Imports Qt, ui helpers and the receipts' domain, issue and sellable services; never the database.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from frontdesk.documents.receipts.receipt_document import payment_label
from frontdesk.domain.errors import ValidationError
from frontdesk.domain.receipts.receipt import PAYMENT_METHODS, LineInput, receipt_totals
from frontdesk.i18n import format_money, language
from frontdesk.services.receipts.issue import issue_receipt
from frontdesk.services.receipts.sellable import SellableItem, sellable_items
from frontdesk.services.registry.companies import get_company
from frontdesk.ui.receipts.item_picker import ItemPicker
from frontdesk.ui.registry.company_picker import CompanyPicker
from frontdesk.ui.tasks import NewestWins, run_in_background
from frontdesk.ui.widgets.tax_combo import chosen_tax, select_tax, tax_combo

DESCRIPTION, QUANTITY, PRICE, TAX = range(4)


def _text(amount: Decimal) -> str:
    """An amount as the desk types it: a decimal comma in Italian ("1,5"; "120,00")."""
    text = format(amount, "f")
    return text.replace(".", ",") if language() == "it" else text


def _number(text: str) -> Decimal | str:
    """The typed number ("1,5" or "1.5") as Decimal; the text itself when it is not one (the domain refuses it)."""
    try:
        return Decimal(text.strip().replace(",", "."))
    except InvalidOperation:
        return text


SOURCE = Qt.ItemDataRole.UserRole  # on a line's description: (kind, source_code) of the catalogue it came from
PRICED = Qt.ItemDataRole.UserRole + 1  # on a catalogue line's description: the price text the catalogue gave it


class ReceiptDialog(QDialog):
    """`company_id`, `lines` and `request_id` fill the dialog in advance (a sample intake's receipt:
    its customer and its tests, services.receipts); the person still checks them and chooses how
    the customer pays."""

    def __init__(self, db, actor, *, charge_stamp_duty: bool, parent: QWidget | None = None,
                 company_id=None, lines: tuple[LineInput, ...] = (), request_id=None) -> None:
        super().__init__(parent)
        self._db, self._actor, self._charge = db, actor, charge_stamp_duty
        self._request_id = request_id
        self._prices = NewestWins()  # a customer switch's new prices: the newest customer's win
        self.picker: ItemPicker | None = None
        self.issued = None  # the IssuedReceipt, once issued
        self.setWindowTitle(self.tr("New receipt"))
        self.company = CompanyPicker(db)
        self.company.setObjectName("receiptCustomer")
        self.company.setPlaceholderText(self.tr("Type the customer's name…"))
        self.lines = QTableWidget(0, 4)
        self.lines.setObjectName("receiptLines")
        self.lines.setHorizontalHeaderLabels([self.tr("Description"), self.tr("Quantity"), self.tr("Unit price (€)"),
                                              self.tr("VAT or nature")])
        header = self.lines.horizontalHeader()
        header.setSectionResizeMode(DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        for column, width in ((QUANTITY, 90), (PRICE, 160), (TAX, 230)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            self.lines.setColumnWidth(column, width)
        self.lines.verticalHeader().setDefaultSectionSize(30)
        self.lines.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.lines.setTabKeyNavigation(True)
        self.lines.itemChanged.connect(self._update_totals)
        self.lines.currentCellChanged.connect(self._on_current_cell_changed)
        self.add_button = QPushButton(self.tr("Add line"))
        self.add_button.setObjectName("addLine")
        self.add_button.clicked.connect(lambda: self.add_line())
        self.remove_button = QPushButton(self.tr("Remove line"))
        self.remove_button.setObjectName("removeLine")
        self.remove_button.clicked.connect(self.remove_line)
        self.pick_button = QPushButton(self.tr("From the price list…"))
        self.pick_button.setObjectName("fromPriceList")
        self.pick_button.setToolTip(self.tr("Ctrl+K"))
        self.pick_button.clicked.connect(self.open_picker)
        line_buttons = QHBoxLayout()
        line_buttons.addWidget(self.pick_button)
        line_buttons.addWidget(self.add_button)
        line_buttons.addWidget(self.remove_button)
        line_buttons.addStretch(1)
        self.totals = QLabel()
        self.totals.setObjectName("receiptTotals")
        self.totals.setWordWrap(True)
        self.payment = QComboBox()
        self.payment.setObjectName("receiptPayment")
        for method in PAYMENT_METHODS:
            self.payment.addItem(payment_label(method), method)  # as the receipt prints it
        self.error = QLabel()
        self.error.setObjectName("receiptError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020; font-weight: 600;")
        self.error.hide()
        self.issue_button = QPushButton(self.tr("Issue and print"))
        self.issue_button.setObjectName("issueReceipt")
        self.issue_button.setProperty("primary", True)
        self.issue_button.setDefault(True)
        self.issue_button.clicked.connect(self.issue)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+L"), self, activated=lambda: self.add_line())
        QShortcut(QKeySequence("Ctrl+K"), self, activated=self.open_picker)
        self.add_button.setToolTip(self.tr("Ctrl+L"))
        form = QFormLayout()
        form.addRow(self.tr("&Customer"), self.company)
        pay_form = QFormLayout()
        pay_form.addRow(self.tr("&Payment"), self.payment)
        bottom = QHBoxLayout()
        bottom.addLayout(pay_form)
        bottom.addStretch(1)
        bottom.addWidget(cancel)
        bottom.addWidget(self.issue_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.lines, 1)
        layout.addLayout(line_buttons)
        layout.addWidget(self.totals)
        layout.addWidget(self.error)
        layout.addLayout(bottom)
        self.resize(860, 520)
        if company_id is not None:
            self.company.set_company(get_company(db, company_id=company_id))
        for line in lines:
            self.add_line(line.description, _text(line.quantity), _text(line.unit_price), line.vat_rate, line.nature,
                          kind=line.kind, source_code=line.source_code)
        if not lines:
            self.add_line()
        self.company.company_changed.connect(self._on_company_changed)
        self._update_totals()

    # --- the lines -------------------------------------------------------------------------------

    def add_line(self, description: str = "", quantity: str = "1", price: str = "", vat_rate: str = "22",
                 nature: str = "", *, kind: str = "typed", source_code: str = "") -> int:
        """A line at the end; `kind` and `source_code` say which catalogue's item it is ("typed": by hand)."""
        row = self.lines.rowCount()
        self.lines.blockSignals(True)
        self.lines.insertRow(row)
        for column, text in ((DESCRIPTION, description), (QUANTITY, quantity), (PRICE, price)):
            item = QTableWidgetItem(text)
            if column != DESCRIPTION:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.lines.setItem(row, column, item)
        self.lines.item(row, DESCRIPTION).setData(SOURCE, (kind, source_code))
        self.lines.blockSignals(False)
        combo = tax_combo()
        select_tax(combo, vat_rate, nature)
        combo.currentIndexChanged.connect(self._update_totals)
        self.lines.setCellWidget(row, TAX, combo)
        self.lines.setCurrentCell(row, DESCRIPTION)
        self._update_totals()
        return row

    def _on_current_cell_changed(self, row: int, column: int, _row: int, _column: int) -> None:
        """Tab through a line reaches its VAT combo too (a cell widget is not in the table's own chain)."""
        if column == TAX and row >= 0:
            self.lines.cellWidget(row, TAX).setFocus()

    def remove_line(self) -> None:
        row = self.lines.currentRow()
        if row >= 0:
            self.lines.removeRow(row)
            self._update_totals()

    def line_inputs(self) -> tuple[LineInput, ...]:
        inputs = []
        for row in range(self.lines.rowCount()):
            def text(column: int, row: int = row) -> str:
                item = self.lines.item(row, column)
                return item.text() if item else ""
            vat_rate, nature = chosen_tax(self.lines.cellWidget(row, TAX))
            source = self.lines.item(row, DESCRIPTION)
            kind, code = (source.data(SOURCE) if source is not None else None) or ("typed", "")
            inputs.append(LineInput(text(DESCRIPTION), _number(text(QUANTITY)), _number(text(PRICE)),
                                    vat_rate=vat_rate, nature=nature, kind=kind, source_code=code))
        return tuple(inputs)

    # --- lines from the price list ----------------------------------------------------------------

    def open_picker(self) -> ItemPicker:
        """The price list's picker for the customer chosen now; the item chosen becomes a line."""
        if self.picker is not None:
            self.picker.deleteLater()
        company = self.company.company()
        picker = ItemPicker(self._db, company_id=company.id if company else None,
                            customer_name=company.name if company else "", parent=self)
        self.picker = picker
        picker.accepted.connect(lambda: self.add_item(picker.chosen))
        picker.open()
        return picker

    def add_item(self, item: SellableItem | None, quantity: str = "1") -> int:
        """A line of `item` at its price for this customer, in place of an empty line left at the end."""
        if item is None:
            return -1
        last = self.lines.rowCount() - 1
        if last >= 0 and self._is_blank(last):
            self.lines.removeRow(last)
        price = _text(item.unit_price)
        row = self.add_line(item.description, quantity, price, item.vat_rate, item.nature, kind=item.kind,
                            source_code=item.code)
        # Only a line the picker priced follows the customer; lines given in advance (a sample intake's)
        # carry the price agreed at intake, an exposure's hours included, and keep it.
        self.lines.item(row, DESCRIPTION).setData(PRICED, price)
        self.lines.setCurrentCell(row, QUANTITY)
        return row

    def _is_blank(self, row: int) -> bool:
        return all(not (self.lines.item(row, c).text().strip() if self.lines.item(row, c) else "")
                   for c in (DESCRIPTION, PRICE)) and self.line_inputs()[row].kind == "typed"

    def _catalogue_rows(self) -> list[int]:
        """The lines taken from a catalogue whose price is still the one the catalogue gave."""
        rows = []
        for row in range(self.lines.rowCount()):
            description, price = self.lines.item(row, DESCRIPTION), self.lines.item(row, PRICE)
            if description is None or price is None:
                continue
            kind, _code = description.data(SOURCE) or ("typed", "")
            if kind != "typed" and description.data(PRICED) == price.text():
                rows.append(row)
        return rows

    def _on_company_changed(self, company) -> None:
        if not self._catalogue_rows():
            return
        db, company_id = self._db, company.id if company is not None else None
        ticket = self._prices.next()
        run_in_background(self, lambda: sellable_items(db, company_id=company_id),
                          on_success=self._prices.only_newest(ticket, self._reprice))

    def _reprice(self, items: tuple[SellableItem, ...]) -> None:
        """The catalogue lines not edited by hand take these prices (the new customer's)."""
        by_source = {(i.kind, i.code): i for i in items}
        self.lines.blockSignals(True)
        for row in self._catalogue_rows():
            item = by_source.get(tuple(self.lines.item(row, DESCRIPTION).data(SOURCE)))
            if item is not None:
                price = _text(item.unit_price)
                self.lines.item(row, PRICE).setText(price)
                self.lines.item(row, DESCRIPTION).setData(PRICED, price)
        self.lines.blockSignals(False)
        self.lines.viewport().update()
        self._update_totals()

    def _update_totals(self, *_args) -> None:
        try:
            totals = receipt_totals(self.line_inputs(), charge_stamp_duty=self._charge)
        except ValidationError as refused:
            self.totals.setText(self.tr("Totals: complete the lines (%1)").replace("%1", refused.message))
            self.totals.setProperty("role", "muted")
            return
        parts = [self.tr("Taxable %1").replace("%1", format_money(totals.tax.net)),
                 self.tr("VAT %1").replace("%1", format_money(totals.tax.vat))]
        if totals.stamp_duty_charged:
            parts.append(self.tr("Stamp duty %1 (included)").replace("%1", format_money(Decimal("2.00"))))
        elif totals.stamp_duty_due:
            parts.append(self.tr("Stamp duty due, paid by the Point"))
        parts.append("<b>" + self.tr("Total %1").replace("%1", format_money(totals.total)) + "</b>")
        self.totals.setText(" · ".join(parts))

    # --- issuing -----------------------------------------------------------------------------------

    def issue(self) -> None:
        company = self.company.company()
        db, actor, lines, payment = self._db, self._actor, self.line_inputs(), self.payment.currentData()
        request_id = self._request_id
        self.error.hide()
        self.issue_button.setEnabled(False)
        run_in_background(self, lambda: issue_receipt(db, company_id=company.id if company else None, lines=lines,
                                                      payment=payment, actor=actor, request_id=request_id),
                          on_success=self._on_issued, on_error=self._on_refused,
                          on_finished=lambda: self.issue_button.setEnabled(True), write=True, key="receipt-issue")

    def _on_refused(self, error) -> None:
        self.error.setText(error.message)
        self.error.show()

    def _on_issued(self, receipt) -> None:
        self.issued = receipt
        self.accept()
