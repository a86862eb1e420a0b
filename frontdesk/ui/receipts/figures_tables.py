"""Small read-only tables of figures for the closing screen: rows of texts, the last one a bold total.

Imports Qt and ui.widgets only; nothing of services or the database.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import itemgetter

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QTableView

from frontdesk.ui.widgets.table_models import Column, ValueTableModel
from frontdesk.ui.widgets.tables import make_table

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class FiguresModel(ValueTableModel):
    """Rows of texts (tuples); with `total` set, the last row is the total and is shown in bold."""

    def __init__(self, titles: Sequence[str], *, right: Sequence[int] = (), parent=None) -> None:
        super().__init__([Column(title, itemgetter(i), align=RIGHT if i in right else Column.align, tooltip=True)
                          for i, title in enumerate(titles)], parent)
        self.total = False
        self.view: QTableView | None = None  # the total's bold font is the view's own, made bold

    def set_figures(self, rows: Sequence[tuple[str, ...]], total: tuple[str, ...] | None = None) -> None:
        self.total = total is not None and bool(rows)
        self.set_rows([*rows, total] if self.total else list(rows))

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.FontRole and self.total and index.row() == self.rowCount() - 1:
            font = QFont(self.view.font()) if self.view is not None else QFont()
            font.setBold(True)
            return font
        return super().data(index, role)

    def texts(self) -> list[tuple[str, ...]]:
        """Every row as shown (tests and screenshots read them)."""
        return [tuple(row) for row in self.rows()]


def figures_table(titles: Sequence[str], *, right: Sequence[int] = (), name: str = "", flexible: int = 0,
                  parent=None) -> tuple[FiguresModel, QTableView]:
    """The table and its model; every column keeps its whole text but `flexible` (a name or a
    description), which takes the width left and is cut when there is none (its tooltip is whole)."""
    model = FiguresModel(titles, right=right, parent=parent)
    table = make_table(model, fixed=tuple(i for i in range(len(titles)) if i != flexible))
    table.setObjectName(name)
    model.view = table
    table.verticalHeader().setVisible(False)
    return model, table
