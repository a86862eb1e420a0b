"""The Samples screen: the samples list (newest first, fetched a page at a time as it scrolls,
searched by lab ID or company) and, in the same screen, one sample's history
(ui.lab.sample_history_view). A sample label scanned anywhere on the screen opens its history
(ui.lab.label_scan); a badge or another lab's label shows the reason on the red banner.

Imports Qt, ui helpers and the lab services; never the database.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from frontdesk.i18n import format_datetime
from frontdesk.services.lab.history import SAMPLES_PAGE, SampleRow, find_samples
from frontdesk.ui.lab.custody_dialog import kind_text
from frontdesk.ui.lab.label_scan import LabelScan
from frontdesk.ui.lab.sample_history_view import SampleHistoryView
from frontdesk.ui.reception.scan_input import ERROR, OK, ScanBanner, ScanField, looks_like_badge
from frontdesk.ui.shell.area_view import AreaView, DeskContext
from frontdesk.ui.widgets.table_models import Column, PagedTableModel, ValueRole
from frontdesk.ui.widgets.tables import make_table

DEBOUNCE_MS = 150


class SamplesView(AreaView):
    areas = frozenset({"lab_sample", "lab_custody_event", "lab_request", "lab_test", "companies"})

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._db = context.db
        title = QLabel(self.tr("Samples"))
        title.setProperty("role", "title")
        self.search = ScanField()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("Search by lab ID or company, or scan a sample label"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumHeight(34)
        self.banner = ScanBanner(self)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addSpacing(16)
        top.addWidget(self.search, 1)

        self.model = PagedTableModel([
            Column(self.tr("Lab ID"), lambda r: r.lab_id),
            Column(self.tr("Received"), lambda r: format_datetime(r.received_at)),
            Column(self.tr("Company"), lambda r: r.company_name, tooltip=True),
            Column(self.tr("Material"), lambda r: r.material, tooltip=True),
            Column(self.tr("Description"), lambda r: r.description, tooltip=True),
            Column(self.tr("Request"), lambda r: r.request_number),
            Column(self.tr("Tests"), lambda r: str(r.tests)),
            Column(self.tr("Custody"), lambda r: kind_text(r.last_kind) if r.last_kind else ""),
        ], page_size=SAMPLES_PAGE, parent=self)
        self.table = make_table(self.model, fixed=(0, 1, 5, 6, 7))
        self.table.setObjectName("sampleTable")
        self.table.activated.connect(self._on_table_activated)
        self.hint = QLabel(self.tr("Enter or double-click opens a sample's history; scanning its label does too."))
        self.hint.setProperty("role", "muted")
        list_page = QWidget()
        list_layout = QVBoxLayout(list_page)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(self.table, 1)
        list_layout.addWidget(self.hint)

        self.history = SampleHistoryView(self._db, context.actor)
        self.history.back_requested.connect(self.show_list)
        self.history.sample_opened.connect(self.open_sample)
        self.history.load_failed.connect(self._on_history_load_failed)
        self.history.calendar_saved.connect(lambda message: self.banner.show_result(OK, message))
        self.history.calendar_failed.connect(lambda message: self.banner.show_result(ERROR, message))
        self.stack = QStackedWidget()
        self.stack.addWidget(list_page)
        self.stack.addWidget(self.history)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.stack, 1)

        self.scan = LabelScan(self._db, self.search, self.banner, [self.table, *self.history.step_buttons.values(),
                                                                   self.history.back_button], parent=self)
        self.scan.sample_scanned.connect(lambda sample: self.open_sample(sample.sample_id))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.reload)
        self.search.textEdited.connect(self._on_search_text_edited)
        self.search.submitted.connect(self._on_search_submitted)
        self.search.moved.connect(self._on_search_moved)
        self.model.page_loaded.connect(lambda _n: self.data_loaded.emit())
        self.reload()

    def focus_first(self) -> None:
        self.search.setFocus()

    # --- the list -------------------------------------------------------------------------------
    def reload(self) -> None:
        db, typed = self._db, self.search.text()
        self.model.set_query(lambda after, limit: find_samples(db, text=typed, after=after, limit=limit))

    def _on_search_text_edited(self, text: str) -> None:
        if looks_like_badge(text):
            return  # a scan on its way: it opens a history, not a search
        self.show_list()
        self._timer.start()

    def _on_search_submitted(self, _text: str) -> None:
        self._timer.stop()
        if self.stack.currentWidget() is self.history:
            self.show_list()
        row = self.table.currentIndex().row()
        if row >= 0:
            self._open_row(row)  # Enter after choosing a row with the arrows opens it
        else:
            self.reload()

    def _on_search_moved(self, rows: int) -> None:
        count = self.model.rowCount()
        if not count:
            return
        row = max(0, min(count - 1, self.table.currentIndex().row() + rows))
        self.table.selectRow(row)

    def _on_table_activated(self, index) -> None:
        self._open_row(index.row())

    def _open_row(self, row: int) -> None:
        value: SampleRow | None = self.model.index(row, 0).data(ValueRole)
        if value is not None:
            self.open_sample(value.id)

    # --- the history ----------------------------------------------------------------------------
    def open_with(self, sample_id: uuid.UUID) -> None:
        """Another lab screen scanned this sample's label (the main window's `area_requested`)."""
        self.open_sample(sample_id)

    def open_sample(self, sample_id: uuid.UUID) -> None:
        """Show the sample's history (a scan, a double-click, a specimen chosen)."""
        self.history.show_sample(sample_id)
        self.stack.setCurrentWidget(self.history)

    def show_list(self) -> None:
        self.stack.setCurrentIndex(0)

    def _on_history_load_failed(self, message: str) -> None:
        self.banner.show_result(ERROR, message)
        self.show_list()
