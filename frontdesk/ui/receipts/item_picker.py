"""The small dialog that takes a receipt line from the price list (the receipt dialog's *From the
price list…*, Ctrl+K): a search field that keeps, as you type, the items whose code or description
hold every word; a list of the lab's tests and the Point's items with their unit, the price for THIS
customer (marked "member price" when it is) and VAT rate or nature code. Enter or a double click
chooses the item and closes (`chosen`: the services.receipts.sellable.SellableItem).

The items are loaded in the background for the customer given (None: list prices). Imports Qt, ui
helpers and the sellable service; never the database.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from frontdesk.domain.receipts.vat import tax_text
from frontdesk.i18n import format_money
from frontdesk.services.receipts.sellable import SellableItem, sellable_items
from frontdesk.ui.tasks import run_in_background
from frontdesk.ui.widgets.table_models import Column, ValueTableModel
from frontdesk.ui.widgets.tables import make_table
from frontdesk.ui.widgets.tax_combo import nature_tip

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def matches(query: str, *texts: str) -> bool:
    """Whether every word of `query` is in one of `texts` (case and accents as typed; '' matches all)."""
    haystack = " ".join(texts).casefold()
    return all(word in haystack for word in query.casefold().split())


class _ItemModel(ValueTableModel):
    TAX_COLUMN = 4

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid() and index.column() == self.TAX_COLUMN:
            value = self.value(index.row())
            return nature_tip(value.nature) or None if value else None
        return super().data(index, role)


class _SearchField(QLineEdit):
    """The search field moves the list's selection with the arrow keys, so the hands stay on it."""

    def __init__(self, picker: ItemPicker) -> None:
        super().__init__()
        self._picker = picker

    def keyPressEvent(self, event) -> None:
        step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 10, Qt.Key.Key_PageUp: -10}.get(
            Qt.Key(event.key()))
        if step is None:
            super().keyPressEvent(event)
            return
        self._picker.move_selection(step)


class ItemPicker(QDialog):
    def __init__(self, db, *, company_id: uuid.UUID | None, customer_name: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("From the price list"))
        self.chosen: SellableItem | None = None
        self._items: tuple[SellableItem, ...] = ()
        self.loaded = False
        self.search = _SearchField(self)
        self.search.setObjectName("pickerSearch")
        self.search.setPlaceholderText(self.tr("Type a code or words of the description…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _text: self._show_rows())
        self.search.returnPressed.connect(self.choose)
        self.for_whom = QLabel(self.tr("Prices for %1").replace("%1", customer_name) if customer_name
                               else self.tr("List prices: no customer chosen yet"))
        self.for_whom.setProperty("role", "muted")
        self.model = _ItemModel([
            Column(self.tr("Code"), lambda i: i.code),
            Column(self.tr("Description"), lambda i: i.description, tooltip=True),
            Column(self.tr("Unit"), lambda i: i.unit_label),
            Column(self.tr("Price"), self._price_text, align=RIGHT),
            Column(self.tr("VAT or nature"), lambda i: tax_text(i.vat_rate, i.nature)),
        ], self)
        self.table = make_table(self.model, fixed=(0, 2, 3, 4))
        self.table.setObjectName("pickerTable")
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # typing stays in the search field
        self.table.doubleClicked.connect(lambda _index: self.choose())
        self.count = QLabel()
        self.count.setProperty("role", "muted")
        self.add_button = QPushButton(self.tr("Add line"))
        self.add_button.setObjectName("pickerAdd")
        self.add_button.setProperty("primary", True)
        self.add_button.clicked.connect(self.choose)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(cancel)
        bottom.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.for_whom)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.resize(900, 480)
        self.search.setFocus()
        run_in_background(self, lambda: sellable_items(db, company_id=company_id), on_success=self._on_loaded)

    def _price_text(self, item: SellableItem) -> str:
        price = format_money(item.unit_price)
        return self.tr("%1 (member price)").replace("%1", price) if item.member else price

    def _on_loaded(self, items: tuple[SellableItem, ...]) -> None:
        self._items = items
        self.loaded = True
        self._show_rows()

    def _show_rows(self) -> None:
        query = self.search.text()
        rows = [i for i in self._items if matches(query, i.code, i.description)]
        self.model.set_rows(rows)
        self.count.setText(self.tr("Items: %1").replace("%1", str(len(rows))) if self.loaded else self.tr("Loading…"))
        if rows:
            self.table.selectRow(0)
        self.add_button.setEnabled(bool(rows))

    def move_selection(self, step: int) -> None:
        rows = self.model.rowCount()
        if rows:
            current = self.table.selectionModel().currentIndex().row()
            self.table.selectRow(min(rows - 1, max(0, current + step)))

    def current(self) -> SellableItem | None:
        index = self.table.selectionModel().currentIndex()
        return self.model.value(index.row()) if index.isValid() else None

    def choose(self) -> None:
        item = self.current()
        if item is not None:
            self.chosen = item
            self.accept()
