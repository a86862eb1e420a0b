"""The dialog of one price list item (the Price list screen's New and Edit): its code, kind, the
Point's service it is of, Italian and English names, the unit the quantity counts, the price and the
member price in euro, and its VAT rate or, sold without VAT, its nature code (the shared tax combo).

Saving asks the service (create or update) on the writer lane; a refusal shows in red beside its
field (or on the dialog's message line) and nothing is saved. On success the dialog closes with
`saved` set. The code of an item already saved is shown read-only: old receipts name it.

Imports Qt, ui helpers, the receipts' domain values and the price list service; never the database.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from frontdesk.domain.errors import FrontdeskError
from frontdesk.domain.receipts.price_list import ITEM_KINDS, UNITS, PriceItemSpec, unit_label
from frontdesk.domain.receipts.receipt import line_kind_label
from frontdesk.services.receipts import price_list
from frontdesk.ui.lab.catalogue_texts import money_input_text, parse_euro
from frontdesk.ui.tasks import run_in_background
from frontdesk.ui.widgets.forms import FieldErrors, form_error_label
from frontdesk.ui.widgets.tax_combo import chosen_tax, select_tax, tax_combo


class PriceItemDialog(QDialog):
    """`item`: the PriceItemSummary to edit, or None for a new item. `services`: the Point's services
    (services.registry.reference.Choice) the item may belong to."""

    def __init__(self, db, actor, *, item: price_list.PriceItemSummary | None, services,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._actor, self._item = db, actor, item
        self.saved: price_list.PriceItemSummary | None = None
        self.setWindowTitle(self.tr("New price list item") if item is None
                            else self.tr("Price list item %1").replace("%1", item.code))
        self.errors = FieldErrors({"nature": "vat_rate"})
        self.code = QLineEdit()
        self.code.setMaxLength(40)
        self.code.setPlaceholderText(self.tr("e.g. ROOM-HALFDAY"))
        self.kind = QComboBox()
        for kind in ITEM_KINDS:
            self.kind.addItem(line_kind_label(kind), kind)
        self.service = QComboBox()
        self.service.addItem(self.tr("(none)"), "")
        for choice in services:
            self.service.addItem(choice.name, choice.code)
        self.name_it = QLineEdit()
        self.name_en = QLineEdit()
        self.unit = QComboBox()
        for unit in UNITS:
            self.unit.addItem(unit_label(unit), unit)
        self.price = QLineEdit()
        self.member_price = QLineEdit()
        for editor in (self.price, self.member_price):
            editor.setAlignment(Qt.AlignmentFlag.AlignRight)
            editor.setMaximumWidth(140)
        self.tax = tax_combo()
        for name in ("code", "kind", "service", "name_it", "name_en", "unit", "price", "member_price", "tax"):
            getattr(self, name).setObjectName(f"item_{name}")
        self.error = form_error_label()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.addRow(self.tr("Code"), self.errors.row("code", self.code))
        form.addRow(self.tr("Kind"), self.errors.row("kind", self.kind))
        form.addRow(self.tr("Service"), self.errors.row("service", self.service))
        form.addRow(self.tr("Name (Italian)"), self.errors.row("name_it", self.name_it))
        form.addRow(self.tr("Name (English)"), self.errors.row("name_en", self.name_en))
        form.addRow(self.tr("Unit"), self.errors.row("unit", self.unit))
        form.addRow(self.tr("Price (€)"), self.errors.row("price_cents", self.price))
        form.addRow(self.tr("Member price (€)"), self.errors.row("member_price_cents", self.member_price))
        form.addRow(self.tr("VAT or nature"), self.errors.row("vat_rate", self.tax))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Save"))
        self.save_button.setObjectName("savePriceItem")
        self.save_button.setDefault(True)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.error)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(620, 0)
        self._fill(item.spec if item else PriceItemSpec(code="", kind="service", service_code="", name_it="",
                                                        name_en=""))
        (self.code if item is None else self.name_it).setFocus()

    def _fill(self, spec: PriceItemSpec) -> None:
        self.code.setText(spec.code)
        self.code.setReadOnly(self._item is not None)
        if self._item is not None:
            self.code.setToolTip(self.tr("The code cannot be changed: receipts already issued name it."))
        self.kind.setCurrentIndex(max(0, self.kind.findData(spec.kind)))
        found = self.service.findData(spec.service_code)
        if found < 0:  # a service no longer offered: shown as stored
            self.service.addItem(spec.service_code, spec.service_code)
            found = self.service.count() - 1
        self.service.setCurrentIndex(found)
        self.name_it.setText(spec.name_it)
        self.name_en.setText(spec.name_en)
        for editor in (self.name_it, self.name_en):
            editor.setCursorPosition(0)  # a long name shows its beginning
        self.unit.setCurrentIndex(max(0, self.unit.findData(spec.unit)))
        self.price.setText(money_input_text(spec.price_cents))
        self.member_price.setText(money_input_text(spec.member_price_cents))
        select_tax(self.tax, spec.vat_rate, spec.nature)

    def spec(self) -> PriceItemSpec:
        """What the dialog holds; ValidationError (beside its field) for a price that is not an amount."""
        vat_rate, nature = chosen_tax(self.tax)
        return PriceItemSpec(
            code=self.code.text(), kind=self.kind.currentData(), service_code=self.service.currentData() or "",
            name_it=self.name_it.text(), name_en=self.name_en.text(), unit=self.unit.currentData(),
            price_cents=parse_euro(self.price.text(), field="price_cents"),
            member_price_cents=parse_euro(self.member_price.text(), field="member_price_cents"),
            vat_rate=vat_rate, nature=nature)

    def save(self) -> None:
        self.errors.clear()
        self.error.hide()
        try:
            spec = self.spec()
        except FrontdeskError as error:
            self._on_refused(error)
            return
        db, actor, item = self._db, self._actor, self._item
        if item is None:
            def work():
                return price_list.create_price_item(db, spec=spec, actor=actor)
        else:
            def work():
                return price_list.update_price_item(db, item_id=item.id, spec=spec, actor=actor)
        self.save_button.setEnabled(False)
        run_in_background(self, work, write=True, key="price-item-save", on_success=self._on_saved,
                          on_error=self._on_refused, on_finished=lambda: self.save_button.setEnabled(True))

    def _on_refused(self, error: FrontdeskError) -> None:
        self.errors.show_error(error, self.error)

    def _on_saved(self, saved: price_list.PriceItemSummary) -> None:
        self.saved = saved
        self.accept()
