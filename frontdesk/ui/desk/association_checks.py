"""The member-associations setting's editor: the network's associations, each with a tick; ticked
ones' companies pay member prices, none ticked means every association's (domain.lab.requests.is_member).
The list arrives in the background (services.registry.reference); a value set before it arrives
is kept and ticked when it does. Imports Qt and the reference service; never the database."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from frontdesk.services.registry.reference import associations
from frontdesk.ui.tasks import run_in_background

NO_ASSOCIATION_CODE = "none"  # "Nessuna associazione": not an association to tick


class AssociationChecks(QWidget):
    changed = Signal()

    def __init__(self, db, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._wanted: list[str] = []
        self._loaded = False
        self.list = QListWidget()
        self.list.setObjectName("memberAssociations")
        self.list.setMaximumHeight(190)
        self.list.itemChanged.connect(lambda _item: self._on_list_item_changed())
        self.note = QLabel(self.tr("None ticked: the members of every association pay member prices."))
        self.note.setProperty("role", "muted")
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.list)
        layout.addWidget(self.note)
        run_in_background(self, lambda: associations(db), on_success=self._on_associations_loaded)

    def _on_associations_loaded(self, choices) -> None:
        self.list.blockSignals(True)
        for choice in choices:
            if choice.code == NO_ASSOCIATION_CODE:
                continue
            item = QListWidgetItem(choice.name)
            item.setData(Qt.ItemDataRole.UserRole, str(choice.id))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self._loaded = True
        self.set_value(self._wanted)

    def _on_list_item_changed(self) -> None:
        self._wanted = self._ticked()
        self.changed.emit()

    def _ticked(self) -> list[str]:
        items = (self.list.item(i) for i in range(self.list.count()))
        return sorted(str(item.data(Qt.ItemDataRole.UserRole)) for item in items
                      if item.checkState() == Qt.CheckState.Checked)

    def value(self) -> list[str]:
        return self._ticked() if self._loaded else sorted(self._wanted)

    def set_value(self, ids) -> None:
        self._wanted = sorted(str(i) for i in ids)
        self.list.blockSignals(True)
        for i in range(self.list.count()):
            item = self.list.item(i)
            ticked = item.data(Qt.ItemDataRole.UserRole) in self._wanted
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        self.list.blockSignals(False)
