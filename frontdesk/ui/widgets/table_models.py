"""Table models: adapters over lists of frozen values (DESIGN rule 5). No logic, no database.

- `ValueTableModel`: a short list handed over whole (search results, a company's visitors).
- `PagedTableModel`: a long list fetched lazily, a page at a time, through the background task
  helper (`canFetchMore`/`fetchMore`); the newest query wins (ui.tasks.NewestWins): a page or a
  count of an older query that arrives late is dropped.
Each column is (title, text of a value, optional alignment). Imports Qt and ui.tasks only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from frontdesk.ui.tasks import NewestWins, run_in_background

ValueRole = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    title: str
    text: Callable[[Any], str]
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    tooltip: bool = False  # show the text as tooltip too (long names, notes)


class ValueTableModel(QAbstractTableModel):
    """Rows are frozen value objects; columns say how to show them."""

    def __init__(self, columns: Sequence[Column], parent=None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._rows: list[Any] = []

    # Qt's interface ---------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        value = self._rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(value)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip:
            return column.text(value) or None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align.value)
        if role == ValueRole:
            return value
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return self.columns[section].title
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return section + 1
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # Ours ---------------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_texts(self, row: int) -> list[str] | None:
        """Each cell's text in `row`, all shown in the view's own font, for ColumnFit to measure
        without a round trip through Qt per cell; None when a subclass changes `data` (fonts)."""
        if type(self).data is not ValueTableModel.data or not 0 <= row < len(self._rows):
            return None
        value = self._rows[row]
        return [column.text(value) for column in self.columns]

    def value(self, row: int) -> Any:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, predicate: Callable[[Any], bool]) -> int:
        return next((i for i, v in enumerate(self._rows) if predicate(v)), -1)


class PagedTableModel(ValueTableModel):
    """Fetches pages of rows in the background as the view scrolls; counts them apart.

    `fetch_page(after, limit)` returns the `limit` rows that follow the row `after` (None: the
    first page), so a query can seek rather than skip (keyset paging). The count may take longer
    than a page: the rows show first, `total` stays None until it arrives (`total_known`). At most
    one count runs at a time; a newer query's count waits for it and replaces any count still
    waiting, so counts never hold the read threads pages need (the newest request wins)."""

    page_loaded = Signal(int)  # rows now loaded
    total_known = Signal(int)  # how many rows the query matches

    def __init__(self, columns: Sequence[Column], *, page_size: int = 200, parent=None) -> None:
        super().__init__(columns, parent)
        self.page_size = page_size
        self._fetch: Callable[[Any | None, int], list[Any]] | None = None
        self._queries = NewestWins()
        self._fetching = False
        self._exhausted = True
        self._page_arrived = False
        self._counting = False
        self._count_waiting: tuple[int, Callable[[], int]] | None = None
        self.total: int | None = None

    def set_query(self, fetch_page: Callable[[Any | None, int], list[Any]],
                  count: Callable[[], int] | None = None) -> None:
        """Start over with a new query: `fetch_page(after, limit)` and `count()` run in the background."""
        ticket = self._queries.next()
        self.beginResetModel()
        self._rows = []
        self._fetch = fetch_page
        self._fetching = False
        self._exhausted = False
        self.total = None
        self.endResetModel()
        self.fetchMore(QModelIndex())
        self._count_waiting = None
        if count is not None:
            self._start_count(ticket, count)

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._fetch is not None and not self._exhausted and not self._fetching

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        self._page_arrived = False
        ticket, offset, fetch, size = self._queries.newest, len(self._rows), self._fetch, self.page_size
        after = self._rows[-1] if self._rows else None
        run_in_background(self, lambda: fetch(after, size),
                          on_success=self._queries.only_newest(ticket, lambda rows: self._on_page(offset, rows)),
                          on_finished=self._queries.only_newest(ticket, self._on_page_finished))

    def is_fetching(self) -> bool:
        return self._fetching

    def is_counting(self) -> bool:
        return self._counting

    def _on_page(self, offset: int, rows: list[Any]) -> None:
        if offset != len(self._rows):
            return  # a duplicate: dropped
        self._page_arrived = True
        if len(rows) < self.page_size:
            self._exhausted = True
        if rows:
            self.beginInsertRows(QModelIndex(), offset, offset + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        self.page_loaded.emit(len(self._rows))

    def _on_page_finished(self) -> None:
        self._fetching = False
        if not self._page_arrived:
            self._exhausted = True  # the fetch failed (shown by the error display): stop asking

    def _start_count(self, ticket: int, count: Callable[[], int]) -> None:
        if self._counting:
            self._count_waiting = (ticket, count)  # runs when the count in progress ends
            return
        self._counting = True
        run_in_background(self, count, on_success=self._queries.only_newest(ticket, self._on_count),
                          on_finished=self._on_count_finished)

    def _on_count_finished(self) -> None:
        self._counting = False
        waiting, self._count_waiting = self._count_waiting, None
        if waiting is not None and waiting[0] == self._queries.newest:
            self._start_count(*waiting)

    def _on_count(self, total: int) -> None:
        self.total = total
        self.total_known.emit(total)
