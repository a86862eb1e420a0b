"""Columns laid out from their content and the table's width (ui.widgets.tables.ColumnFit)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QModelIndex

from frontdesk.ui.widgets.table_models import Column, ValueTableModel
from frontdesk.ui.widgets.tables import make_table, share_width


@given(needs=st.lists(st.integers(10, 600), min_size=1, max_size=8), available=st.integers(100, 2000),
       data=st.data())
def test_share_width_never_cuts_a_fixed_column_and_cuts_the_widest_first(needs, available, data):
    fixed = set(data.draw(st.lists(st.integers(0, len(needs) - 1), max_size=2)))
    widths = share_width(needs, available, fixed=fixed, minimum=60)
    assert all(widths[i] == needs[i] for i in fixed)
    flexible = [i for i in range(len(needs)) if i not in fixed]
    room = available - sum(needs[i] for i in fixed)
    if sum(needs[i] for i in flexible) <= room:
        assert all(widths[i] >= needs[i] for i in flexible)  # nothing cut, spare shared out
        if flexible:
            assert sum(widths) <= available and available - sum(widths) < len(flexible)
    else:
        cut = [i for i in flexible if widths[i] < needs[i]]
        kept = [i for i in flexible if widths[i] == needs[i]]
        # A column is cut only if it needs more than any column left whole.
        assert all(needs[c] >= needs[k] for c in cut for k in kept)
        assert all(widths[i] >= min(needs[i], 60) for i in flexible)
        if all(needs[i] >= 60 for i in flexible) and room >= 60 * len(flexible):
            assert sum(widths[i] for i in flexible) <= room


@dataclass(frozen=True)
class Row:
    name: str
    company: str
    status: str


@pytest.mark.parametrize("width", [500, 900])
def test_a_table_fits_its_columns_to_content_and_width(qtbot, width):
    rows = [Row("Maria Giovanna Previtali Bonfanti", "Calcestruzzi Previtali S.p.A. — Stabilimento di Dalmine",
                "Checked out"), Row("Ugo Re", "Acme", "On site")]
    model = ValueTableModel([Column("Name", lambda r: r.name), Column("Company", lambda r: r.company),
                             Column("Status", lambda r: r.status)])
    table = make_table(model, fixed=(2,))
    qtbot.addWidget(table)
    table.resize(width, 300)
    table.show()
    model.set_rows(rows)
    qtbot.waitUntil(lambda: table.columnWidth(2) == table.column_fit.needs()[2], timeout=2000)
    needs = table.column_fit.needs()
    widths = [table.columnWidth(i) for i in range(3)]
    assert widths[2] == needs[2]  # the status is never cut
    assert sum(widths) <= table.viewport().width() + 1
    if sum(needs) <= table.viewport().width():
        assert widths[0] >= needs[0] and widths[1] >= needs[1]  # everything whole, spare shared
    else:
        assert widths[1] < needs[1]  # the widest text gives way first
        assert widths[0] >= min(needs[0], widths[1])


class BoldFirstRow(ValueTableModel):
    def data(self, index, role=0):
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QFont

        if role == Qt.ItemDataRole.FontRole and index.row() == 0:
            font = QFont()
            font.setBold(True)
            font.setPointSize(font.pointSize() + 4)
            return font
        return super().data(index, role)


@pytest.mark.parametrize(("visible", "copies"), [(True, 30), (False, 30), (True, 260)])
def test_what_a_column_needs_is_what_qt_measures_for_it(qtbot, visible, copies):
    """ColumnFit asks the delegate only for each column's widest cell: the needs are the same as
    Qt's own measure of every visible cell (sizeHintForColumn), fonts of single cells included."""
    names = ["Ugo Re", "Maria Giovanna Previtali Bonfanti", "Ada Li", "Zoë Ødegård-Łukasiewicz", ""] * copies
    rows = [Row(name, f"Company {i % 7} " + "x" * (i % 13), "On site" if i % 2 else "Checked out")
            for i, name in enumerate(names)]
    model = BoldFirstRow([Column("Name", lambda r: r.name), Column("Company", lambda r: r.company),
                          Column("Status", lambda r: r.status)])
    table = make_table(model, fixed=(2,))
    qtbot.addWidget(table)
    table.resize(700, 300)
    if visible:
        table.show()
    model.set_rows(rows)
    header = table.horizontalHeader()

    def same_as_qt() -> None:
        for first in (0, 40, model.rowCount() - 20):  # with 1,300 rows, Qt measures only 1,000 of them
            table.scrollTo(model.index(max(0, first), 0), table.ScrollHint.PositionAtTop)
            qt = [max(header.sectionSizeFromContents(c).width(), table.sizeHintForColumn(c)) + 2 for c in range(3)]
            assert table.column_fit.needs() == qt

    same_as_qt()
    longer = Row("Maria Giovanna Previtali Bonfanti de' Medici di Toscana", "Acme", "On site")
    model.beginInsertRows(QModelIndex(), len(rows), len(rows))  # a page appended: widths kept by row
    model._rows.append(longer)
    model.endInsertRows()
    same_as_qt()
    model.set_rows([Row("Ada", "B", "On site"), *rows[:3]])  # new rows: the widths kept are forgotten
    same_as_qt()
    model.beginInsertRows(QModelIndex(), 0, 0)  # a row inserted above: the rows below move
    model._rows.insert(0, longer)
    model.endInsertRows()
    same_as_qt()
