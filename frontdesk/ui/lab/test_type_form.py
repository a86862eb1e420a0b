"""The form of one test type (the Test catalogue screen's right side): its identity, standard and
method, times, prices and VAT, and two small editable tables, the result fields it produces and
the conditions to record. `spec()` reads what was typed back as a domain.lab.catalogue value; the
service checks it. Read-only for roles that cannot edit the catalogue. Imports Qt, ui helpers and
domain values; never the services or the database."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from frontdesk.domain.errors import ValidationError
from frontdesk.domain.lab.catalogue import (
    FIELD_TYPES,
    VAT_RATES,
    Choice,
    Condition,
    ResultField,
    TestTypeSpec,
    parse_condition,
    parse_result_field,
)
from frontdesk.ui.lab.catalogue_texts import (
    decimal_text,
    money_input_text,
    parse_decimal,
    parse_euro,
    parse_uncertainty,
    uncertainty_text,
)
from frontdesk.ui.lab.lab_texts import KINDS, kind_text
from frontdesk.ui.widgets.forms import FieldErrors

FIELD_COLUMNS = ("name", "label_it", "label_en", "unit", "type", "min", "max", "decimals", "uncertainty", "choices")
CONDITION_COLUMNS = ("name", "label_it", "label_en", "unit", "min", "max")
MAX_MINUTES = 99_999  # the spin boxes' reach; the service's own limits give the message


def translate(context: str, text: str) -> str:
    """QCoreApplication.translate under a name lupdate extracts (context and text must be literals)."""
    return QCoreApplication.translate(context, text)


TYPE_LABELS = {"number": QT_TRANSLATE_NOOP("TestTypeForm", "number"),
               "text": QT_TRANSLATE_NOOP("TestTypeForm", "text"),
               "choice": QT_TRANSLATE_NOOP("TestTypeForm", "choice")}
FIELD_HEADERS = (QT_TRANSLATE_NOOP("TestTypeForm", "Name"), QT_TRANSLATE_NOOP("TestTypeForm", "Italian label"),
                 QT_TRANSLATE_NOOP("TestTypeForm", "English label"), QT_TRANSLATE_NOOP("TestTypeForm", "Unit"),
                 QT_TRANSLATE_NOOP("TestTypeForm", "Type"), QT_TRANSLATE_NOOP("TestTypeForm", "Min"),
                 QT_TRANSLATE_NOOP("TestTypeForm", "Max"), QT_TRANSLATE_NOOP("TestTypeForm", "Decimals"),
                 QT_TRANSLATE_NOOP("TestTypeForm", "Uncertainty U"), QT_TRANSLATE_NOOP("TestTypeForm", "Choices"))
CONDITION_HEADERS = FIELD_HEADERS[:4] + FIELD_HEADERS[5:7]


def type_label(kind: str) -> str:
    return translate("TestTypeForm", TYPE_LABELS[kind]) if kind in TYPE_LABELS else kind


def _headers() -> tuple[list[str], list[str]]:
    return ([translate("TestTypeForm", h) for h in FIELD_HEADERS],
            [translate("TestTypeForm", h) for h in CONDITION_HEADERS])


class TypeDelegate(QStyledItemDelegate):
    """The Type column of the result fields: a list of the three types, shown in this language."""

    def createEditor(self, parent, option, index):
        combo = QComboBox(parent)
        for kind in FIELD_TYPES:
            combo.addItem(type_label(kind), kind)
        return combo

    def setEditorData(self, editor, index):
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.UserRole))))

    def setModelData(self, editor, model, index):
        model.setData(index, editor.currentData(), Qt.ItemDataRole.UserRole)
        model.setData(index, editor.currentText(), Qt.ItemDataRole.DisplayRole)


def _item(text: str, data: object = None) -> QStandardItem:
    item = QStandardItem(text)
    if data is not None:
        item.setData(data, Qt.ItemDataRole.UserRole)
    return item


def _field_items(field: ResultField) -> list[QStandardItem]:
    choices = "; ".join(c.value for c in field.choices)
    return [_item(field.name), _item(field.label_it), _item(field.label_en), _item(field.unit),
            _item(type_label(field.type), field.type), _item(decimal_text(field.min)), _item(decimal_text(field.max)),
            _item("" if field.decimals is None else str(field.decimals)), _item(uncertainty_text(field.uncertainty)),
            _item(choices, field.choices)]


def _condition_items(condition: Condition) -> list[QStandardItem]:
    return [_item(condition.name), _item(condition.label_it), _item(condition.label_en), _item(condition.unit),
            _item(decimal_text(condition.min)), _item(decimal_text(condition.max))]


def _sub_table(model: QStandardItemModel, name: str) -> QTableView:
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)  # scrolls rather than widens the form
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(26)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return table


class TestTypeForm(QWidget):
    """The editors of one test type; `spec()` reads them back."""

    __test__ = False  # not a pytest test class, whatever its name says

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.errors = FieldErrors({"hours": "hours_min", "hours_max": "hours_min"})
        self.editable = True
        self.code = QLineEdit()
        self.code.setMaxLength(40)
        self.name_it = QLineEdit()
        self.name_en = QLineEdit()
        self.standard = QLineEdit()
        self.standard.setPlaceholderText(self.tr("e.g. UNI EN ISO 6892-1:2020"))
        self.method = QPlainTextEdit()
        self.method.setFixedHeight(84)
        self.method.setTabChangesFocus(True)
        self.accredited = QCheckBox(self.tr("Inside the accreditation scope"))
        self.equipment_kind = QComboBox()
        for kind in KINDS:
            self.equipment_kind.addItem(kind_text(kind), kind)
        self.exposure = QCheckBox(self.tr("Exposure in hours, priced per hour"))
        self.exposure.setToolTip(self.tr("The customer chooses the hours of each exposure (salt spray)"))
        self.exposure.toggled.connect(self._on_exposure_toggled)
        self.duration = self._spin(self.tr(" min"))
        self.prep = self._spin(self.tr(" min"))
        self.hours_min = self._spin(self.tr(" h"))
        self.hours_max = self._spin(self.tr(" h"))
        self.price = QLineEdit()
        self.member_price = QLineEdit()
        for editor in (self.price, self.member_price):
            editor.setAlignment(Qt.AlignmentFlag.AlignRight)
            editor.setMaximumWidth(140)
        self.price_unit = QLabel()
        self.price_unit.setProperty("role", "muted")
        self.vat = QComboBox()
        for rate in VAT_RATES:
            self.vat.addItem(f"{rate} %", rate)
        self.vat.setMaximumWidth(100)

        for name in ("code", "name_it", "name_en", "standard", "method", "accredited", "equipment_kind", "exposure",
                     "duration", "prep", "hours_min", "hours_max", "price", "member_price", "vat"):
            getattr(self, name).setObjectName(f"type_{name}")

        field_headers, condition_headers = _headers()
        self.fields_model = QStandardItemModel(0, len(FIELD_COLUMNS), self)
        self.fields_model.setHorizontalHeaderLabels(field_headers)
        self.fields_table = _sub_table(self.fields_model, "resultFieldsTable")
        self.fields_table.setItemDelegateForColumn(FIELD_COLUMNS.index("type"), TypeDelegate(self.fields_table))
        self.conditions_model = QStandardItemModel(0, len(CONDITION_COLUMNS), self)
        self.conditions_model.setHorizontalHeaderLabels(condition_headers)
        self.conditions_table = _sub_table(self.conditions_model, "conditionsTable")
        self.add_field_button = QPushButton(self.tr("Add field"))
        self.add_field_button.clicked.connect(self._on_add_field_button_clicked)
        self.remove_field_button = QPushButton(self.tr("Remove field"))
        self.remove_field_button.clicked.connect(lambda: self._remove_row(self.fields_table))
        self.add_condition_button = QPushButton(self.tr("Add condition"))
        self.add_condition_button.clicked.connect(self._on_add_condition_button_clicked)
        self.remove_condition_button = QPushButton(self.tr("Remove condition"))
        self.remove_condition_button.clicked.connect(lambda: self._remove_row(self.conditions_table))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(14)
        form.addRow(self.tr("Code"), self.errors.row("code", self.code))
        form.addRow(self.tr("Name (Italian)"), self.errors.row("name_it", self.name_it))
        form.addRow(self.tr("Name (English)"), self.errors.row("name_en", self.name_en))
        form.addRow(self.tr("Standard"), self.errors.row("standard", self.standard))
        form.addRow(self.tr("Method"), self.errors.row("method", self.method))
        form.addRow("", self.errors.row("accredited", self.accredited))
        form.addRow(self.tr("Equipment kind"), self.errors.row("equipment_kind", self.equipment_kind))
        form.addRow("", self.exposure)
        self.duration_row = self.errors.row("duration_min", self.duration)
        form.addRow(self.tr("Duration"), self.duration_row)
        form.addRow(self.tr("Preparation"), self.errors.row("prep_min", self.prep))
        hours = QWidget()
        hours_line = QHBoxLayout(hours)
        hours_line.setContentsMargins(0, 0, 0, 0)
        hours_line.addWidget(QLabel(self.tr("from")))
        hours_line.addWidget(self.hours_min)
        hours_line.addWidget(QLabel(self.tr("to")))
        hours_line.addWidget(self.hours_max)
        hours_line.addStretch(1)
        self.hours_row = self.errors.row("hours_min", hours)
        form.addRow(self.tr("Hours of exposure"), self.hours_row)
        prices = QWidget()
        prices_line = QHBoxLayout(prices)
        prices_line.setContentsMargins(0, 0, 0, 0)
        prices_line.addWidget(self.price)
        prices_line.addWidget(self.price_unit)
        prices_line.addStretch(1)
        form.addRow(self.tr("Price (€)"), self.errors.row("price_cents", prices))
        form.addRow(self.tr("Member price (€)"), self.errors.row("member_price_cents", self.member_price))
        form.addRow(self.tr("VAT"), self.errors.row("vat_rate", self.vat))

        fields_title = QLabel(self.tr("Result fields"))
        fields_title.setProperty("role", "subtitle")
        legend = QLabel(self.tr("Uncertainty U: the expanded uncertainty (k = 2), in the field's unit; followed "
                                "by % it is relative to the result. Choices are separated by semicolons."))
        legend.setProperty("role", "muted")
        legend.setWordWrap(True)
        field_buttons = QHBoxLayout()
        field_buttons.addWidget(self.add_field_button)
        field_buttons.addWidget(self.remove_field_button)
        field_buttons.addStretch(1)
        conditions_title = QLabel(self.tr("Conditions to record"))
        conditions_title.setProperty("role", "subtitle")
        condition_buttons = QHBoxLayout()
        condition_buttons.addWidget(self.add_condition_button)
        condition_buttons.addWidget(self.remove_condition_button)
        condition_buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(fields_title)
        layout.addWidget(self.errors.row("result_fields", self.fields_table))
        layout.addWidget(legend)
        layout.addLayout(field_buttons)
        layout.addWidget(conditions_title)
        layout.addWidget(self.errors.row("conditions", self.conditions_table))
        layout.addLayout(condition_buttons)
        self._fields: dict[str, ResultField] = {}
        self._on_exposure_toggled(False)

    @staticmethod
    def _spin(suffix: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(0, MAX_MINUTES)
        spin.setSuffix(suffix)
        spin.setMaximumWidth(120)
        return spin

    # --- filling --------------------------------------------------------------------------------
    def set_spec(self, spec: TestTypeSpec | None, *, new: bool = False) -> None:
        """Show `spec` (None: an empty form); `new`: a test type not yet saved, whose code can be typed."""
        self.errors.clear()
        spec = spec or TestTypeSpec(code="", name_it="", name_en="", standard="", equipment_kind="",
                                    duration_min=30)
        self.code.setText(spec.code)
        self.code.setReadOnly(not new or not self.editable)
        self.code.setToolTip("" if new else self.tr("The code cannot be changed: it identifies the test at "
                                                    "every desk."))
        self.name_it.setText(spec.name_it)
        self.name_en.setText(spec.name_en)
        self.standard.setText(spec.standard)
        for field in (self.name_it, self.name_en, self.standard):
            field.setCursorPosition(0)  # a long name shows its beginning, not its end
        self.method.setPlainText(spec.method)
        self.accredited.setChecked(spec.accredited)
        found = self.equipment_kind.findData(spec.equipment_kind)
        if found < 0 and spec.equipment_kind:  # a kind this screen does not name yet: shown as it is stored
            self.equipment_kind.addItem(spec.equipment_kind, spec.equipment_kind)
            found = self.equipment_kind.count() - 1
        self.equipment_kind.setCurrentIndex(found)
        self.exposure.setChecked(spec.is_exposure)
        self._on_exposure_toggled(spec.is_exposure)
        self.duration.setValue(spec.duration_min)
        self.prep.setValue(spec.prep_min)
        self.hours_min.setValue(spec.hours_min or 0)
        self.hours_max.setValue(spec.hours_max or 0)
        self.price.setText(money_input_text(spec.price_cents))
        self.member_price.setText(money_input_text(spec.member_price_cents))
        self.vat.setCurrentIndex(max(0, self.vat.findData(spec.vat_rate)))
        self.fields_model.removeRows(0, self.fields_model.rowCount())
        for field in spec.result_fields:
            self.fields_model.appendRow(_field_items(field))
        self.conditions_model.removeRows(0, self.conditions_model.rowCount())
        for condition in spec.conditions:
            self.conditions_model.appendRow(_condition_items(condition))
        self._fit_tables()

    def _fit_tables(self) -> None:
        for table, least in ((self.fields_table, 3), (self.conditions_table, 1)):
            _fit_rows(table, least)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self._fit_tables()  # the header and rows change height with the style sheet and the font

    def set_editable(self, editable: bool) -> None:
        self.editable = editable
        for editor in (self.name_it, self.name_en, self.standard, self.price, self.member_price):
            editor.setReadOnly(not editable)
        self.code.setReadOnly(True if not editable else self.code.isReadOnly())
        self.method.setReadOnly(not editable)
        for editor in (self.accredited, self.equipment_kind, self.exposure, self.duration, self.prep, self.hours_min,
                       self.hours_max, self.vat):
            editor.setEnabled(editable)
        triggers = (QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                    | QAbstractItemView.EditTrigger.AnyKeyPressed) if editable \
            else QAbstractItemView.EditTrigger.NoEditTriggers
        for table in (self.fields_table, self.conditions_table):
            table.setEditTriggers(triggers)
        for button in (self.add_field_button, self.remove_field_button, self.add_condition_button,
                       self.remove_condition_button):
            button.setVisible(editable)
        self._on_exposure_toggled(self.exposure.isChecked())

    def _on_exposure_toggled(self, exposure: bool) -> None:
        self.hours_row.setEnabled(exposure and self.editable)
        self.duration.setEnabled(not exposure and self.editable)
        self.price_unit.setText(self.tr("per hour of exposure") if exposure else self.tr("per test"))

    def _on_add_field_button_clicked(self) -> None:
        self.fields_model.appendRow(_field_items(ResultField("", "", "", type="number")))
        self._edit_new_row(self.fields_table)

    def _on_add_condition_button_clicked(self) -> None:
        self.conditions_model.appendRow(_condition_items(Condition("", "", "", "°C")))
        self._edit_new_row(self.conditions_table)

    @staticmethod
    def _edit_new_row(table: QTableView) -> None:
        index = table.model().index(table.model().rowCount() - 1, 0)
        table.setCurrentIndex(index)
        table.edit(index)

    @staticmethod
    def _remove_row(table: QTableView) -> None:
        row = table.currentIndex().row()
        if row >= 0:
            table.model().removeRow(row)

    # --- reading back ---------------------------------------------------------------------------
    def spec(self) -> TestTypeSpec:
        """What the form holds. Raises ValidationError (naming the field) for what cannot be read:
        a price that is not an amount, a number that is not a number, a bad result field."""
        exposure = self.exposure.isChecked()
        return TestTypeSpec(
            code=self.code.text(), name_it=self.name_it.text(), name_en=self.name_en.text(),
            standard=self.standard.text(), method=self.method.toPlainText(), accredited=self.accredited.isChecked(),
            equipment_kind=self.equipment_kind.currentData() or "",
            duration_min=0 if exposure else self.duration.value(), prep_min=self.prep.value(),
            hours_min=self.hours_min.value() if exposure else None,
            hours_max=self.hours_max.value() if exposure else None,
            price_cents=parse_euro(self.price.text(), field="price_cents"),
            member_price_cents=parse_euro(self.member_price.text(), field="member_price_cents"),
            vat_rate=self.vat.currentData(), result_fields=self._result_fields(), conditions=self._conditions())

    def _cells(self, model: QStandardItemModel, row: int, columns: tuple[str, ...]) -> dict[str, QStandardItem]:
        return {name: model.item(row, column) for column, name in enumerate(columns)}

    def _number(self, text: str, *, field: str, label: str):
        try:
            return parse_decimal(text)
        except ValueError:
            raise ValidationError(self.tr("%1 is not a number: “%2”.").replace("%1", label).replace("%2", text),
                                  field=field) from None

    def _result_fields(self) -> tuple[ResultField, ...]:
        names = {"min": self.tr("Min"), "max": self.tr("Max"), "decimals": self.tr("Decimals"),
                 "uncertainty": self.tr("Uncertainty U")}
        fields = []
        for row in range(self.fields_model.rowCount()):
            cells = self._cells(self.fields_model, row, FIELD_COLUMNS)
            text = {name: (item.text() if item else "").strip() for name, item in cells.items()}
            kind = cells["type"].data(Qt.ItemDataRole.UserRole) if cells["type"] else "number"
            label = text["name"] or str(row + 1)
            data: dict[str, object] = {"name": text["name"], "label_it": text["label_it"],
                                       "label_en": text["label_en"], "unit": text["unit"], "type": kind}
            if kind == "number":
                for key in ("min", "max", "decimals"):
                    data[key] = self._number(text[key], field="result_fields", label=f"{label}: {names[key]}")
                try:
                    data["uncertainty"] = parse_uncertainty(text["uncertainty"])
                except ValueError:
                    raise ValidationError(self.tr("%1 is not a number: “%2”.").replace(
                        "%1", f"{label}: {names['uncertainty']}").replace("%2", text["uncertainty"]),
                        field="result_fields") from None
            if kind == "choice":
                known = {c.value: c for c in (cells["choices"].data(Qt.ItemDataRole.UserRole) or ())}
                values = [v.strip() for v in text["choices"].split(";") if v.strip()]
                data["choices"] = [_choice_dict(known.get(v) or Choice(v, v, v)) for v in values]
            fields.append(parse_result_field(data))
        return tuple(fields)

    def _conditions(self) -> tuple[Condition, ...]:
        low, high = self.tr("Min"), self.tr("Max")
        conditions = []
        for row in range(self.conditions_model.rowCount()):
            cells = self._cells(self.conditions_model, row, CONDITION_COLUMNS)
            text = {name: (item.text() if item else "").strip() for name, item in cells.items()}
            label = text["name"] or str(row + 1)
            conditions.append(parse_condition({
                "name": text["name"], "label_it": text["label_it"], "label_en": text["label_en"],
                "unit": text["unit"],
                "min": self._number(text["min"], field="conditions", label=f"{label}: {low}"),
                "max": self._number(text["max"], field="conditions", label=f"{label}: {high}")}))
        return tuple(conditions)


def _fit_rows(table: QTableView, least: int, most: int = 10) -> None:
    """Tall enough for its rows (between `least` and `most`), so a short list needs no scrolling."""
    rows = min(max(table.model().rowCount(), least), most)
    height = (table.horizontalHeader().sizeHint().height() + rows * table.verticalHeader().defaultSectionSize()
              + table.horizontalScrollBar().sizeHint().height() + 2 * table.frameWidth() + 2)
    table.setMinimumHeight(height)
    table.setMaximumHeight(height)


def _choice_dict(choice: Choice) -> dict[str, str]:
    return {"value": choice.value, "label_it": choice.label_it, "label_en": choice.label_en}
