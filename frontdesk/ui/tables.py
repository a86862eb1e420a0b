"""The app's read-only tables, set up one way: whole-row single selection, no editing, alternating
rows, no grid, no word wrap, no row numbers. Screens add their own column sizing on top.

Imports Qt only.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


def read_only_table(model: QAbstractItemModel, *, row_height: int = 28, name: str = "") -> QTableView:
    """A calm read-only table showing `model`, `row_height` pixels a row."""
    table = QTableView()
    if name:
        table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(row_height)
    return table


def make_table(model: QAbstractItemModel, *, stretch: tuple[int, ...] = (0,),
               widths: dict[int, int] | None = None) -> QTableView:
    """A read-only table whose `stretch` columns share the free width; `widths` gives other columns
    a width in characters; the rest can be resized by hand."""
    table = read_only_table(model)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setStretchLastSection(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    char = table.fontMetrics().horizontalAdvance("0")
    for column, chars in (widths or {}).items():
        table.setColumnWidth(column, char * chars + 18)
    for column in stretch:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    return table
