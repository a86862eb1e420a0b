"""The "Likely duplicates" tab of Companies and visitors: companies with one VAT number or
Codice Fiscale, visitors with one name and e-mail (services.registry.duplicates), typically
entered at two desks before they synced. Both records are kept; a person opens each one (Enter
or a double click) and corrects it. Keyboard: the list takes the focus, arrows move, Enter opens.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from frontdesk.i18n import format_date, local_time
from frontdesk.services.registry.duplicates import COMPANY, DuplicateGroup, DuplicateMember, likely_duplicates
from frontdesk.ui.tasks import NewestWins, run_in_background
from frontdesk.ui.widgets.table_models import Column, ValueTableModel
from frontdesk.ui.widgets.tables import make_table


@dataclass(frozen=True)
class DuplicateRow:
    group: DuplicateGroup
    member: DuplicateMember
    first: bool  # the group's first row: it says what they share


class DuplicatesTab(QWidget):
    open_requested = Signal(str, uuid.UUID)  # kind (company | visitor), id
    loaded = Signal(int)  # groups found

    def __init__(self, db, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._loads = NewestWins()
        kinds = {COMPANY: self.tr("Company")}
        self.model = ValueTableModel([
            Column(self.tr("What they share"), lambda r: r.group.reason if r.first else "", tooltip=True),
            Column(self.tr("Kind"), lambda r: kinds.get(r.group.kind, self.tr("Visitor"))),
            Column(self.tr("Name"), lambda r: r.member.name, tooltip=True),
            Column(self.tr("City or company"), lambda r: r.member.detail, tooltip=True),
            Column(self.tr("Entered at desk"), lambda r: r.member.created_desk),
            Column(self.tr("Entered on"), lambda r: format_date(local_time(r.member.created_at).date())),
        ], self)
        self.table = make_table(self.model, fixed=(1, 4, 5))
        self.table.setObjectName("duplicatesTable")
        self.table.activated.connect(self._on_table_activated)  # Enter, or a double click
        self.hint = QLabel(self.tr(
            "Records that look like one: the same VAT number, or the same person, entered at two desks. Both "
            "are kept: open each one (Enter or a double click) and correct it."))
        self.hint.setWordWrap(True)
        self.hint.setProperty("role", "muted")
        self.empty = QLabel(self.tr("No likely duplicates: nothing to check."))
        self.empty.setProperty("role", "muted")
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.clicked.connect(lambda: self._on_table_activated(self.table.currentIndex()))
        self.refresh_button = QPushButton(self.tr("Check again"))
        self.refresh_button.clicked.connect(self.reload)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.hint)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._show([])

    def reload(self) -> None:
        ticket, db = self._loads.next(), self._db
        run_in_background(self, lambda: likely_duplicates(db), on_success=self._loads.only_newest(ticket, self._show))

    def _show(self, groups: list[DuplicateGroup]) -> None:
        self.model.set_rows([DuplicateRow(g, m, i == 0) for g in groups for i, m in enumerate(g.members)])
        self.empty.setVisible(not groups)
        self.table.setVisible(bool(groups))
        self.open_button.setEnabled(bool(groups))
        if groups:
            self.table.selectRow(0)
        self.loaded.emit(len(groups))

    def focus_first(self) -> None:
        self.table.setFocus()

    def _on_table_activated(self, index) -> None:
        row = self.model.value(index.row()) if index.isValid() else None
        if row is not None:
            self.open_requested.emit(row.group.kind, row.member.id)
