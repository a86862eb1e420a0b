"""A field to pick a company by typing part of its name (search-as-you-type, in the background).

The user types; after a short pause the matching companies appear under the field; choosing
one sets `company()`. Editing the text again clears the choice. Imports Qt, ui.tasks and the
companies service (its search verb).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from frontdesk.services.registry.companies import CompanySummary, search_companies
from frontdesk.ui.tasks import NewestWins, run_in_background

DEBOUNCE_MS = 120
SummaryRole = Qt.ItemDataRole.UserRole + 1
NameRole = Qt.ItemDataRole.UserRole + 2  # what the field shows once a company is chosen


def company_line(company: CompanySummary) -> str:
    extra = " · ".join(p for p in (company.city, company.vat_number) if p)
    return f"{company.name}  —  {extra}" if extra else company.name


class CompanyPicker(QLineEdit):
    company_changed = Signal(object)  # CompanySummary | None

    def __init__(self, db, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._company: CompanySummary | None = None
        self._searches = NewestWins()
        self.setPlaceholderText(self.tr("Search a company"))
        self.setClearButtonEnabled(True)
        self._model = QStandardItemModel(self)
        self._completer = QCompleter(self._model, self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setCompletionRole(NameRole)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setWidget(self)
        self._completer.activated[QModelIndex].connect(self._on_completer_activated)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._search)
        self.textEdited.connect(self._on_text_edited)

    def company(self) -> CompanySummary | None:
        return self._company

    def set_company(self, company: CompanySummary | None) -> None:
        self._company = company
        self.setText(company.name if company else "")
        self.company_changed.emit(company)

    def candidates(self) -> list[CompanySummary]:
        """What the popup offers now (tests and keyboard users)."""
        return [self._model.item(r).data(SummaryRole) for r in range(self._model.rowCount())]

    def choose(self, row: int) -> None:
        self._on_completer_activated(self._model.index(row, 0))

    def _on_text_edited(self, text: str) -> None:
        if self._company is not None and text != self._company.name:
            self._company = None
            self.company_changed.emit(None)
        self._timer.start()

    def _search(self) -> None:
        ticket, query, db = self._searches.next(), self.text(), self._db
        if not query.strip():
            self._model.clear()
            self._completer.popup().hide()
            return
        run_in_background(self, lambda: search_companies(db, query=query, limit=15),
                          on_success=self._searches.only_newest(ticket, self._on_found))

    def _on_found(self, found: list[CompanySummary]) -> None:
        self._model.clear()
        for company in found:
            item = QStandardItem(company_line(company))
            item.setData(company.name, NameRole)
            item.setData(company, SummaryRole)
            self._model.appendRow(item)
        if found and self.hasFocus():
            self._completer.complete()
        elif not found:
            self._completer.popup().hide()

    def _on_completer_activated(self, index: QModelIndex) -> None:
        company = index.data(SummaryRole) if index.isValid() else None
        if company is not None:
            self._timer.stop()
            self.set_company(company)
