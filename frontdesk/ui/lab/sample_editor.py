"""The samples of an intake being typed: one tab per sample (`SamplesEditor`), each a `SampleEditor`
with the sample's fields and the tests asked for it (a test from the catalogue, the hours of an
exposure, its price shown at once).

Holds no rule: the values it gives (`domain.lab.requests.SampleInput`) are checked by the intake
service; prices are shown with the domain's own `line_price`. Imports Qt and frontdesk.domain.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from frontdesk.domain.lab.requests import SampleInput, TestAsked, TestTerms, line_price
from frontdesk.i18n import format_money

DEFAULT_HOURS = 24
MAX_HOURS_TYPED = 99_999  # the spin box lets any number be typed; the service says what is allowed


class SampleEditor(QWidget):
    """One sample: its fields and the tests asked for it."""

    changed = Signal()  # a test, its hours or the price list changed (the totals follow)

    TEXT_FIELDS = ("material", "description", "condition", "deviations", "customer_answer", "customer_info")

    def __init__(self, catalogue: tuple[TestTerms, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._catalogue = catalogue
        self._member = False
        labels = {
            "material": self.tr("Material"),
            "description": self.tr("Description"),
            "condition": self.tr("Condition on receipt"),
            "deviations": self.tr("Deviations noted"),
            "customer_answer": self.tr("Customer's answer"),
            "customer_info": self.tr("Stated by the customer"),
        }
        hints = {
            "material": self.tr("e.g. S355JR steel plate"),
            "condition": self.tr("e.g. intact, light surface rust"),
            "deviations": self.tr("Anything unusual: damage, missing marking, too little material"),
            "customer_answer": self.tr("What the customer decided about the deviations"),
            "customer_info": self.tr("Information the lab does not verify (printed as such)"),
        }
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout()
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(6)
        for key in self.TEXT_FIELDS:
            editor = QLineEdit()
            editor.setObjectName(f"sample_{key}")
            editor.setPlaceholderText(hints.get(key, ""))
            self.fields[key] = editor
            form.addRow(labels[key], editor)

        self.tests = QTableWidget(0, 3)
        self.tests.setObjectName("sampleTests")
        self.tests.setHorizontalHeaderLabels([self.tr("Test asked for"), self.tr("Hours"), self.tr("Net price")])
        header = self.tests.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(1, 84)
        header.resizeSection(2, 110)
        self.tests.verticalHeader().hide()
        self.tests.verticalHeader().setDefaultSectionSize(34)
        self.tests.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tests.setMinimumHeight(150)
        self.add_test_button = QPushButton(self.tr("Add test"))
        self.add_test_button.setObjectName("addTest")
        self.add_test_button.clicked.connect(lambda: self.add_test())
        self.remove_test_button = QPushButton(self.tr("Remove test"))
        self.remove_test_button.setObjectName("removeTest")
        self.remove_test_button.clicked.connect(self.remove_current_test)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_test_button)
        buttons.addWidget(self.remove_test_button)
        buttons.addStretch(1)

        tests_title = QLabel(self.tr("Tests asked for"))
        tests_title.setProperty("role", "subtitle")
        right = QVBoxLayout()
        right.addWidget(tests_title)
        right.addWidget(self.tests, 1)
        right.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(16)
        layout.addLayout(form, 5)
        layout.addLayout(right, 6)

    # --- tests ------------------------------------------------------------------------------------
    def add_test(self, code: str | None = None, hours: int | None = None) -> int:
        """A new row (with `code` chosen when given); returns its index."""
        row = self.tests.rowCount()
        self.tests.insertRow(row)
        combo = QComboBox()
        combo.setObjectName("testChoice")
        combo.setPlaceholderText(self.tr("Choose a test…"))
        self._fill(combo)
        spin = QSpinBox()
        spin.setObjectName("testHours")
        spin.setRange(0, MAX_HOURS_TYPED)
        spin.setSuffix(self.tr(" h"))
        price = QTableWidgetItem("")
        price.setFlags(Qt.ItemFlag.ItemIsEnabled)
        price.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.tests.setCellWidget(row, 0, combo)
        self.tests.setCellWidget(row, 1, spin)
        self.tests.setItem(row, 2, price)
        combo.currentIndexChanged.connect(lambda _i, c=combo, s=spin: self._on_test_chosen(c, s))
        spin.valueChanged.connect(lambda _v: self._update_prices())
        if code is not None:
            combo.setCurrentIndex(combo.findData(code))
        self._on_test_chosen(combo, spin)
        if hours is not None:
            spin.setValue(hours)
        self.tests.setCurrentCell(row, 0)
        combo.setFocus()
        return row

    def remove_current_test(self) -> None:
        row = self.tests.currentRow()
        if row < 0 and self.tests.rowCount():
            row = self.tests.rowCount() - 1
        if row >= 0:
            self.tests.removeRow(row)
            self._update_prices()

    def _fill(self, combo: QComboBox) -> None:
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for index, terms in enumerate(self._catalogue):
            combo.addItem(terms.name, terms.code)
            combo.setItemData(index, terms.standard, Qt.ItemDataRole.ToolTipRole)
        combo.setCurrentIndex(combo.findData(chosen) if chosen is not None else -1)
        combo.blockSignals(False)

    def _terms(self, code) -> TestTerms | None:
        return next((t for t in self._catalogue if t.code == code), None)

    def _on_test_chosen(self, combo: QComboBox, spin: QSpinBox) -> None:
        terms = self._terms(combo.currentData())
        combo.setToolTip(terms.standard if terms is not None else "")
        exposure = terms is not None and terms.is_exposure
        spin.setEnabled(exposure)
        spin.blockSignals(True)
        if exposure:
            low = terms.hours_min or 1
            high = terms.hours_max or MAX_HOURS_TYPED
            spin.setValue(min(max(DEFAULT_HOURS, low), high))
            spin.setSpecialValueText("")
        else:
            spin.setSpecialValueText("—")
            spin.setValue(0)
        spin.blockSignals(False)
        self._update_prices()

    def _rows(self) -> list[tuple[TestTerms | None, int | None]]:
        rows = []
        for row in range(self.tests.rowCount()):
            terms = self._terms(self.tests.cellWidget(row, 0).currentData())
            spin = self.tests.cellWidget(row, 1)
            rows.append((terms, spin.value() if terms is not None and terms.is_exposure else None))
        return rows

    def _update_prices(self) -> None:
        for row, (terms, hours) in enumerate(self._rows()):
            text = format_money(line_price(terms, hours, member=self._member)) if terms is not None else ""
            self.tests.item(row, 2).setText(text)
        self.changed.emit()

    # --- values -----------------------------------------------------------------------------------
    def set_catalogue(self, catalogue: tuple[TestTerms, ...]) -> None:
        self._catalogue = catalogue
        for row in range(self.tests.rowCount()):
            self._fill(self.tests.cellWidget(row, 0))
        self._update_prices()

    def set_member(self, member: bool) -> None:
        self._member = member
        self._update_prices()

    def lines(self) -> list[tuple[TestTerms, int | None]]:
        """The tests chosen, with their hours (None for a fixed test)."""
        return [(terms, hours) for terms, hours in self._rows() if terms is not None]

    def value(self) -> SampleInput:
        texts = {key: editor.text() for key, editor in self.fields.items()}
        return SampleInput(**texts, tests=tuple(TestAsked(terms.code, hours) for terms, hours in self.lines()))

    def set_text(self, key: str, text: str) -> None:
        self.fields[key].setText(text)

    def test_count(self) -> int:
        return self.tests.rowCount()


class SamplesEditor(QWidget):
    """The intake's samples, one tab each ("Sample 1", "Sample 2", ...), with add and remove."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._catalogue: tuple[TestTerms, ...] = ()
        self._member = False
        self.tabs = QTabWidget()
        self.tabs.setObjectName("sampleTabs")
        self.add_button = QPushButton(self.tr("Add sample"))
        self.add_button.setObjectName("addSample")
        self.add_button.clicked.connect(lambda: self.add_sample())
        self.remove_button = QPushButton(self.tr("Remove sample"))
        self.remove_button.setObjectName("removeSample")
        self.remove_button.clicked.connect(self.remove_current)
        title = QLabel(self.tr("Samples"))
        title.setProperty("role", "subtitle")
        header = QHBoxLayout()
        header.addWidget(title)
        header.addStretch(1)
        header.addWidget(self.add_button)
        header.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.tabs)
        self.reset()

    def editors(self) -> list[SampleEditor]:
        return [self.tabs.widget(i) for i in range(self.tabs.count())]

    def add_sample(self) -> SampleEditor:
        editor = SampleEditor(self._catalogue)
        editor.set_member(self._member)
        editor.changed.connect(self.changed)
        self.tabs.addTab(editor, "")
        self._retitle()
        self.tabs.setCurrentWidget(editor)
        editor.add_test()  # an empty row to choose the first test in
        editor.fields["material"].setFocus()
        self.changed.emit()
        return editor

    def remove_current(self) -> None:
        if self.tabs.count() <= 1:
            return  # an intake has at least one sample: clear it instead
        index = self.tabs.currentIndex()
        widget = self.tabs.widget(index)
        self.tabs.removeTab(index)
        widget.deleteLater()
        self._retitle()
        self.changed.emit()

    def _retitle(self) -> None:
        for index in range(self.tabs.count()):
            self.tabs.setTabText(index, self.tr("Sample %1").replace("%1", str(index + 1)))
        self.remove_button.setEnabled(self.tabs.count() > 1)

    def reset(self) -> None:
        while self.tabs.count():
            widget = self.tabs.widget(0)
            self.tabs.removeTab(0)
            widget.deleteLater()
        self.add_sample()

    def set_catalogue(self, catalogue: tuple[TestTerms, ...]) -> None:
        self._catalogue = catalogue
        for editor in self.editors():
            editor.set_catalogue(catalogue)

    def set_member(self, member: bool) -> None:
        self._member = member
        for editor in self.editors():
            editor.set_member(member)

    def values(self) -> tuple[SampleInput, ...]:
        return tuple(editor.value() for editor in self.editors())

    def lines(self) -> list[tuple[TestTerms, int | None]]:
        return [line for editor in self.editors() for line in editor.lines()]
