"""The country picker: an editable list of the countries' names in the desk's language, stored as
their ISO 3166-1 alpha-2 code (domain.addresses). A name typed that is not in the list is handed
to the service as typed, which names the problem. Imports Qt and domain.addresses only."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter

from frontdesk.domain.addresses import country_names


def country_combo() -> QComboBox:
    combo = QComboBox()
    combo.setObjectName("country")
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.addItem("", "")
    for code, name in country_names():
        combo.addItem(name, code)
    completer = QCompleter(combo.model(), combo)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.setCompleter(completer)
    return combo


def country_code(combo: QComboBox) -> str:
    """The chosen country's code; the typed text when it names no country of the list."""
    text = combo.currentText().strip()
    index = combo.findText(text, Qt.MatchFlag.MatchFixedString)  # case-insensitive
    return combo.itemData(index) if index >= 0 else text


def set_country(combo: QComboBox, code: str) -> None:
    index = combo.findData(code)
    combo.setCurrentIndex(index if index >= 0 else 0)
    if index < 0 and code:  # a code the list does not know (a future one): shown as it is stored
        combo.setEditText(code)
