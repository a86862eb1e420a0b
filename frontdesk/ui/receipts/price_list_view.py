"""The Price list screen: the Point's items besides the lab's tests (courses, rooms, other services)
in a table, with their kind, unit, price, member price and VAT rate or nature code; withdrawn
items greyed. *New item…* (Ctrl+N) and *Edit…* (Enter, double-click) open ui.receipts.
price_item_dialog; *Withdraw* / *Bring back* never deletes (receipts already issued name the
code). The filter box keeps the rows whose code or name hold every word typed.

Shown to roles with Permission.EDIT_PRICE_LIST (ui.shell.area_list); reloads when the data bus
names the price list or the services. Imports Qt, ui helpers and the price list services; never the
database.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from frontdesk.domain.receipts.price_list import unit_label
from frontdesk.domain.receipts.receipt import line_kind_label
from frontdesk.domain.receipts.vat import tax_text
from frontdesk.services.receipts import price_list
from frontdesk.services.registry.reference import services
from frontdesk.ui.lab.catalogue_texts import euro_text
from frontdesk.ui.receipts.item_picker import matches
from frontdesk.ui.receipts.price_item_dialog import PriceItemDialog
from frontdesk.ui.shell.area_view import AreaView, DeskContext
from frontdesk.ui.tasks import NewestWins, run_in_background
from frontdesk.ui.widgets.table_models import Column, ValueTableModel
from frontdesk.ui.widgets.tables import make_table
from frontdesk.ui.widgets.tax_combo import nature_tip

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
WITHDRAWN = QColor("#8a8a8a")


class PriceItemModel(ValueTableModel):
    """Items of the price list, the withdrawn ones greyed; the VAT column's tooltip is the nature's text."""

    TAX_COLUMN = 7

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        value = self.value(index.row()) if index.isValid() else None
        if value is not None and role == Qt.ItemDataRole.ForegroundRole and not value.active:
            return QBrush(WITHDRAWN)
        if value is not None and role == Qt.ItemDataRole.ToolTipRole and index.column() == self.TAX_COLUMN:
            return nature_tip(value.spec.nature) or None
        return super().data(index, role)


class PriceListView(AreaView):
    item_saved = Signal(object)  # PriceItemSummary
    dialog_opened = Signal(QWidget)  # the item's dialog, just opened (tests, screenshots)
    areas = frozenset({"price_item", "service"})

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._db, self._actor = context.db, context.actor
        self._loads = NewestWins()
        self._items: list[price_list.PriceItemSummary] = []
        self._services = []
        self._select_id = None
        self.dialog: PriceItemDialog | None = None

        title = QLabel(self.tr("Price list"))
        title.setProperty("role", "title")
        note = QLabel(self.tr("Courses, rooms and other services; the lab's tests are priced in the Test catalogue."))
        note.setProperty("role", "muted")
        note.setWordWrap(True)
        self.filter = QLineEdit()
        self.filter.setObjectName("priceListFilter")
        self.filter.setPlaceholderText(self.tr("Filter by code or name…"))
        self.filter.setClearButtonEnabled(True)
        self.filter.setMinimumWidth(260)
        self.filter.textChanged.connect(lambda _text: self._show_rows())
        self.new_button = QPushButton(self.tr("New item…"))
        self.new_button.setObjectName("newPriceItem")
        self.new_button.setProperty("primary", True)
        self.new_button.setToolTip(self.tr("Ctrl+N"))
        self.new_button.clicked.connect(self.new_item)
        QShortcut(QKeySequence("Ctrl+N"), self, activated=self.new_item)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.filter)
        top.addWidget(self.new_button)

        self.model = PriceItemModel([
            Column(self.tr("Code"), lambda i: i.code),
            Column(self.tr("Name"), lambda i: i.name if i.active else self.tr("%1 (withdrawn)").replace("%1", i.name),
                   tooltip=True),
            Column(self.tr("Kind"), lambda i: line_kind_label(i.spec.kind)),  # the Point's service: in the dialog
            Column(self.tr("Unit"), lambda i: unit_label(i.spec.unit)),
            Column(self.tr("Price"), lambda i: euro_text(i.spec.price_cents), align=RIGHT),
            Column(self.tr("Member price"), lambda i: euro_text(i.spec.member_price_cents), align=RIGHT),
            Column(self.tr("VAT or nature"), lambda i: tax_text(i.spec.vat_rate, i.spec.nature)),
        ], self)
        self.table = make_table(self.model, fixed=(0, 2, 3, 4, 5, 6))
        self.table.setObjectName("priceListTable")
        self.table.doubleClicked.connect(lambda _index: self.edit_item())
        self.table.activated.connect(lambda _index: self.edit_item())  # Enter on a row
        self.table.selectionModel().currentRowChanged.connect(lambda *_args: self._update_buttons())
        self.summary = QLabel()
        self.summary.setProperty("role", "muted")
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.setObjectName("editPriceItem")
        self.edit_button.setToolTip(self.tr("Enter"))
        self.edit_button.clicked.connect(self.edit_item)
        self.active_button = QPushButton(self.tr("Withdraw"))
        self.active_button.setObjectName("activePriceItem")
        self.active_button.clicked.connect(self.toggle_active)
        actions = QHBoxLayout()
        actions.addWidget(self.summary, 1)
        actions.addWidget(self.edit_button)
        actions.addWidget(self.active_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        self._update_buttons()

    def focus_first(self) -> None:
        self.table.setFocus()

    # --- loading --------------------------------------------------------------------------------

    def reload(self) -> None:
        ticket, db = self._loads.next(), self._db
        run_in_background(self, lambda: (price_list.list_price_items(db), services(db)),
                          on_success=self._loads.only_newest(ticket, self._on_loaded))

    def _on_loaded(self, loaded) -> None:
        self._items, self._services = loaded
        self._show_rows()
        self.data_loaded.emit()

    def _show_rows(self) -> None:
        current = self.current_item()
        keep = self._select_id or (current.id if current else None)
        self._select_id = None
        query = self.filter.text()
        rows = [i for i in self._items if matches(query, i.code, i.spec.name_it, i.spec.name_en)]
        self.model.set_rows(rows)
        withdrawn = sum(1 for i in rows if not i.active)
        text = self.tr("Items: %1").replace("%1", str(len(rows)))
        if withdrawn:
            text += " · " + self.tr("withdrawn: %1").replace("%1", str(withdrawn))
        self.summary.setText(text)
        row = self.model.row_of(lambda i: i.id == keep) if keep else -1
        if row < 0 and rows:
            row = 0
        if row >= 0:
            self.table.selectRow(row)
        self._update_buttons()

    def current_item(self) -> price_list.PriceItemSummary | None:
        index = self.table.selectionModel().currentIndex()
        return self.model.value(index.row()) if index.isValid() else None

    def _update_buttons(self) -> None:
        item = self.current_item()
        self.edit_button.setEnabled(item is not None)
        self.active_button.setEnabled(item is not None)
        self.active_button.setText(self.tr("Bring back") if item is not None and not item.active
                                   else self.tr("Withdraw"))

    # --- new, edit, withdraw --------------------------------------------------------------------

    def new_item(self) -> PriceItemDialog:
        return self._open(None)

    def edit_item(self) -> PriceItemDialog | None:
        item = self.current_item()
        return self._open(item) if item is not None else None

    def _open(self, item) -> PriceItemDialog:
        if self.dialog is not None:
            self.dialog.deleteLater()
        dialog = PriceItemDialog(self._db, self._actor, item=item, services=self._services, parent=self)
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._on_saved(dialog.saved))
        dialog.open()
        self.dialog_opened.emit(dialog)
        return dialog

    def _on_saved(self, saved: price_list.PriceItemSummary) -> None:
        self._select_id = saved.id
        self.notice_shown.emit(self.tr("%1 saved").replace("%1", saved.code))
        self.item_saved.emit(saved)
        self.reload()

    def toggle_active(self) -> None:
        item = self.current_item()
        if item is None:
            return
        db, actor, active = self._db, self._actor, not item.active
        self._select_id = item.id
        run_in_background(self, lambda: price_list.set_price_item_active(db, item_id=item.id, active=active,
                                                                         actor=actor),
                          write=True, key=f"price-item-active:{item.id}", on_success=lambda _s: self.reload())
