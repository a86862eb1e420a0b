"""The app's read-only tables, set up one way: whole-row single selection, no editing, alternating
rows, no grid, no word wrap, no row numbers; and columns laid out from their content and the
table's width (`ColumnFit`): when everything fits, each column gets what its content needs and the
spare width goes to the text columns; when it does not, the widest text columns give way first, so
a short column (a date, a status) is never cut while a name is, and no column stays half empty
while another is cut.

Imports Qt only.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

PADDING = 18  # pixels beside a cell's text (margins, the sort arrow's room in a header)
MIN_CHARS = 6  # a text column shrinks to no less than this many characters


def share_width(needs: list[int], available: int, *, fixed: set[int], minimum: int) -> list[int]:
    """Widths for columns that need `needs` pixels within `available` pixels.

    Fixed columns always get what they need. If the rest fits, the spare width is shared among the
    other columns in proportion to their needs. If not, the other columns are capped at one width
    (the widest give way first; none below `minimum` unless it needs less)."""
    widths = list(needs)
    flexible = [i for i in range(len(needs)) if i not in fixed]
    if not flexible:
        return widths
    room = available - sum(needs[i] for i in fixed)
    wanted = sum(needs[i] for i in flexible)
    if wanted <= room:
        spare = room - wanted
        for i in flexible:
            widths[i] = needs[i] + spare * needs[i] // max(1, wanted)
        return widths
    # Water-filling: the largest cap such that sum(min(need, cap)) fits the room.
    low, high = minimum, max(needs[i] for i in flexible)
    while low < high:
        cap = (low + high + 1) // 2
        if sum(min(needs[i], cap) for i in flexible) <= room:
            low = cap
        else:
            high = cap - 1
    for i in flexible:
        widths[i] = min(needs[i], low)
    return widths


class ColumnFit(QObject):
    """Keeps a table's column widths fitted to its content and width (see the module docstring).

    `fixed` columns are never cut (dates, times, statuses). Recomputed when the rows or the width
    change; at most 1,000 rows around the visible ones are measured (as Qt does), so a lazily
    fetched model of a million rows costs no more than that."""

    def __init__(self, table: QTableView, *, fixed: tuple[int, ...] = ()) -> None:
        super().__init__(table)
        self._table = table
        self._fixed = set(fixed)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit)
        header = table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        model = table.model()
        self._widths: dict[int, list[int]] = {}  # row -> each cell's text width in its font (see needs)
        self._widths_font = ""
        self._metrics: dict[str, QFontMetrics] = {}
        self._advances: dict[tuple[str, str], int] = {}
        for signal in (model.modelReset, model.layoutChanged, model.dataChanged, model.rowsRemoved,
                       model.rowsMoved, model.columnsInserted, model.columnsRemoved):
            signal.connect(self._forget_widths)
        model.rowsInserted.connect(self._on_rows_inserted)
        for signal in (model.modelReset, model.rowsInserted, model.layoutChanged, model.dataChanged):
            signal.connect(self._timer.start)
        table.viewport().installEventFilter(self)

    def _forget_widths(self, *_args) -> None:
        self._widths.clear()

    def _on_rows_inserted(self, _parent, first: int, _last: int) -> None:
        if self._widths and first <= max(self._widths):
            self._widths.clear()  # rows moved down: the cache is by row number (appended pages keep it)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._timer.start()
        return False

    def needs(self) -> list[int]:
        """What each column needs: its header, and its widest cell among the rows Qt's own
        `sizeHintForColumn` measures (the same result). Cells are compared by their text's width in
        their font, and only the widest of each column is asked of the delegate (margins, style
        sheet): asking it for every cell cost ~25 ms of the GUI thread after each reload of a
        90-row list, measured. Text widths are kept by row until the rows change, so a page
        appended to a long list measures only its own rows (200 ms a page otherwise)."""
        table, header, model = self._table, self._table.horizontalHeader(), self._table.model()
        columns = model.columnCount()
        base = table.font()
        if base.key() != self._widths_font:
            self._widths.clear()
            self._widths_font = base.key()
        widest = [(-1, -1)] * columns  # (text width, row) of each column's widest cell
        for row in self._measured_rows():
            widths = self._widths.get(row)
            if widths is None or len(widths) != columns:
                widths = self._widths[row] = self._text_widths(row, columns, base)
            for column, width in enumerate(widths):
                if width > widest[column][0]:
                    widest[column] = (width, row)
        out = []
        for column in range(columns):
            if table.isColumnHidden(column):
                out.append(0)
                continue
            width, row = widest[column]
            content = table.sizeHintForIndex(model.index(row, column)).width() if width >= 0 else 0
            out.append(max(header.sectionSizeFromContents(column).width(), content) + 2)
        return out

    def _text_widths(self, row: int, columns: int, base: QFont) -> list[int]:
        """Each cell's text width in its own font (-1: no text). A model with `row_texts(row)`
        (ValueTableModel) gives a row's texts in one call, all in the view's font."""
        model = self._table.model()
        row_texts = getattr(model, "row_texts", None)
        texts = row_texts(row) if row_texts is not None else None
        if texts is not None and len(texts) == columns:
            key = self._widths_font
            return [self._advance(base, key, str(text)) if text else -1 for text in texts]
        out = []
        for column in range(columns):
            index = model.index(row, column)
            text = model.data(index, Qt.ItemDataRole.DisplayRole)
            if text is None or text == "":
                out.append(-1)
                continue
            font = model.data(index, Qt.ItemDataRole.FontRole)
            font = font if isinstance(font, QFont) else base
            out.append(self._advance(font, font.key(), str(text)))
        return out

    def _advance(self, font: QFont, key: str, text: str) -> int:
        """The width of `text` in `font` (whose key is `key`), remembered: names of companies,
        purposes and hosts repeat."""
        width = self._advances.get((key, text))
        if width is None:
            metrics = self._metrics.get(key)
            if metrics is None:
                metrics = self._metrics[key] = QFontMetrics(font)
            if len(self._advances) > 50_000:
                self._advances.clear()
            width = self._advances[(key, text)] = metrics.horizontalAdvance(text)
        return width

    def _measured_rows(self) -> list[int]:
        """The rows `QTableView.sizeHintForColumn` measures: the visible ones, then alternately one
        above and one below them, up to the vertical header's resize precision (1,000 rows)."""
        table, count = self._table, self._table.model().rowCount()
        if count == 0:
            return []
        top = max(0, table.rowAt(0))
        bottom = table.rowAt(table.viewport().height()) if table.isVisible() else -1
        if bottom < 0:
            bottom = count - 1
        rows = [r for r in range(top, bottom + 1) if not table.isRowHidden(r)]
        limit = table.verticalHeader().resizeContentsPrecision()
        above, below = top, bottom
        while len(rows) != limit and (above > 0 or below < count - 1):
            if above > 0:
                above -= 1
                if not table.isRowHidden(above):
                    rows.append(above)
            if below < count - 1 and len(rows) != limit:
                below += 1
                if not table.isRowHidden(below):
                    rows.append(below)
        return rows

    def fit(self) -> None:
        table = self._table
        needs = self.needs()
        available = table.viewport().width()
        minimum = table.fontMetrics().horizontalAdvance("0") * MIN_CHARS + PADDING
        hidden = {i for i in range(len(needs)) if table.isColumnHidden(i)}
        widths = share_width(needs, available, fixed=self._fixed | hidden, minimum=minimum)
        for column, width in enumerate(widths):
            if column not in hidden:
                table.setColumnWidth(column, width)


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


def make_table(model: QAbstractItemModel, *, fixed: tuple[int, ...] = ()) -> QTableView:
    """A read-only table whose columns are fitted to their content and the table's width; `fixed`
    columns (dates, statuses) are never cut."""
    table = read_only_table(model)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    table.column_fit = ColumnFit(table, fixed=fixed)
    return table
