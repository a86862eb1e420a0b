"""The Authorisations tab of the Test catalogue screen: the lab's technicians (rows) by the active
methods (columns), a tick where a person is authorised (ISO/IEC 17025 6.2.5). A lab manager ticks
or unticks a box (mouse or space bar) and the grant or revocation runs in the background; the box
shows the new state at once and goes back, with the error shown, if the service refuses. Others
see the grid read-only. Imports Qt, ui helpers and services.lab.catalogue; never the database."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QPersistentModelIndex, QPoint, QRect, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from frontdesk.services.lab import catalogue as lab
from frontdesk.ui.tasks import error_display, run_in_background

_Index = QModelIndex | QPersistentModelIndex


class AuthorisationModel(QAbstractTableModel):
    """Adapter over an AuthorisationGrid: a checkable cell per (technician, test type)."""

    toggled = Signal(object, object, bool)  # staff id, test type id, now authorised

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.grid = lab.AuthorisationGrid((), (), frozenset())
        self.editable = False
        self._pending: dict[tuple[uuid.UUID, uuid.UUID], bool] = {}  # shown before the service answers

    def set_grid(self, grid: lab.AuthorisationGrid) -> None:
        self.beginResetModel()
        self.grid = grid
        self._pending.clear()
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.grid.technicians)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.grid.test_types)

    def pair(self, index: _Index) -> tuple[uuid.UUID, uuid.UUID]:
        return self.grid.technicians[index.row()].id, self.grid.test_types[index.column()].id

    def is_checked(self, row: int, column: int) -> bool:
        key = self.pair(self.index(row, column))
        return self._pending.get(key, key in self.grid.granted)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.CheckStateRole:
            checked = self.is_checked(index.row(), index.column())
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            person, kind = self.grid.technicians[index.row()], self.grid.test_types[index.column()]
            return f"{person.name} — {kind.code}: {kind.name}"
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not self.editable or role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        key = self.pair(index)
        if checked == self.is_checked(index.row(), index.column()):
            return False
        self._pending[key] = checked
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.toggled.emit(key[0], key[1], checked)
        return True

    def settle(self, staff_id: uuid.UUID, test_type_id: uuid.UUID, granted: bool) -> None:
        """The service's answer for one cell: what is stored now (`granted`)."""
        key = (staff_id, test_type_id)
        self._pending.pop(key, None)
        updated = set(self.grid.granted)
        (updated.add if granted else updated.discard)(key)
        self.grid = lab.AuthorisationGrid(self.grid.technicians, self.grid.test_types, frozenset(updated))
        self._changed(key)

    def forget(self, staff_id: uuid.UUID, test_type_id: uuid.UUID) -> None:
        """A refused toggle: the cell shows what is stored again."""
        self._pending.pop((staff_id, test_type_id), None)
        self._changed((staff_id, test_type_id))

    def _changed(self, key: tuple[uuid.UUID, uuid.UUID]) -> None:
        rows = [i for i, t in enumerate(self.grid.technicians) if t.id == key[0]]
        columns = [i for i, t in enumerate(self.grid.test_types) if t.id == key[1]]
        if rows and columns:
            index = self.index(rows[0], columns[0])
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsUserCheckable if self.editable else flags

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.grid.test_types):
            kind = self.grid.test_types[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return kind.code
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{kind.name}\n{kind.spec.standard}"
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self.grid.technicians):
            person = self.grid.technicians[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return person.name
            if role == Qt.ItemDataRole.ToolTipRole:
                return person.role_label
        return None


class CentredCheckDelegate(QStyledItemDelegate):
    """A check box in the middle of its cell, ticked by a click anywhere in the cell or the space bar."""

    def paint(self, painter, option, index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        style = opt.widget.style() if opt.widget else QApplication.style()
        checked = index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        size = style.subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, opt, opt.widget).size()
        opt.features &= ~QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        box = QStyleOptionViewItem(opt)
        rect = QRect(QPoint(0, 0), size)
        rect.moveCenter(option.rect.center())
        box.rect = rect
        box.state = (opt.state & ~QStyle.StateFlag.State_HasFocus) | (
            QStyle.StateFlag.State_On if checked else QStyle.StateFlag.State_Off)
        style.drawPrimitive(QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck, box, painter, opt.widget)

    def editorEvent(self, event, model, option, index) -> bool:
        if not index.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            return False
        kind = event.type()
        if kind == QEvent.Type.MouseButtonRelease:
            if event.button() != Qt.MouseButton.LeftButton or not option.rect.contains(event.position().toPoint()):
                return False
        elif kind == QEvent.Type.MouseButtonDblClick:
            return True  # a double click is two clicks on one box, not an edit
        elif kind == QEvent.Type.KeyPress:
            if event.key() not in (Qt.Key.Key_Space, Qt.Key.Key_Select):
                return False
        else:
            return False
        checked = index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        new = Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked
        return model.setData(index, new.value, Qt.ItemDataRole.CheckStateRole)


class AuthorisationsTab(QWidget):
    """The grid and a sentence on how to use it."""

    loaded = Signal()

    def __init__(self, db, actor, *, editable: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.model = AuthorisationModel(self)
        self.model.editable = editable
        self.model.toggled.connect(self._on_model_toggled)
        self.hint = QLabel(self.tr("Tick a box to authorise a person for a method; untick it to withdraw the "
                                   "authorisation. Each change is recorded in the audit trail.") if editable
                           else self.tr("Who is authorised for which method. Only the lab manager can change it."))
        self.hint.setProperty("role", "muted")
        self.hint.setWordWrap(True)
        self.empty = QLabel(self.tr("No lab technicians or lab managers yet: an administrator adds their accounts "
                                    "in Staff accounts."))
        self.empty.setProperty("role", "muted")
        self.empty.setWordWrap(True)
        self.empty.hide()
        self.table = QTableView()
        self.table.setObjectName("authorisationTable")
        self.table.setModel(self.model)
        self.table.setItemDelegate(CentredCheckDelegate(self.table))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.hint)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)

    def reload(self) -> None:
        db = self._db
        run_in_background(self, lambda: lab.authorisations(db), on_success=self._on_loaded)

    def _on_loaded(self, grid: lab.AuthorisationGrid) -> None:
        self.model.set_grid(grid)
        self.empty.setVisible(not grid.technicians)
        self.loaded.emit()

    def _on_model_toggled(self, staff_id: uuid.UUID, test_type_id: uuid.UUID, granted: bool) -> None:
        db, actor = self._db, self._actor
        verb = lab.grant_authorisation if granted else lab.revoke_authorisation

        def failed(error) -> None:
            self.model.forget(staff_id, test_type_id)
            error_display().show_message(error.message)

        run_in_background(self, lambda: verb(db, staff_id=staff_id, test_type_id=test_type_id, actor=actor),
                          write=True, on_success=lambda saved: self.model.settle(staff_id, test_type_id, saved.active),
                          on_error=failed)
