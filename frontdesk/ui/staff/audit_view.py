"""The audit trail viewer (lab managers and admins) and the history dialog of one record.

`AuditView` filters by the staff member who acted, the kind of record, a record id and a date
range (Rome days), newest first, at most `LIMIT` events per query. Double-click (or Enter on) an
event to see the whole history of its record. `RecordHistoryDialog(db, actor, record_type,
record_id)` is what a record's own screen opens from its "History" button. Personal fields show
as "changed": their values were never recorded. Both load through the background task helper.

Imports Qt, ui helpers, domain and the audit/staff services; never the database.
"""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import QCoreApplication, QDate, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from frontdesk.domain.clock import rome_day_bounds, today_in_rome
from frontdesk.domain.roles import Actor, Permission
from frontdesk.i18n import format_datetime
from frontdesk.services.staff import accounts as staff
from frontdesk.services.staff import audit
from frontdesk.ui.staff.audit_labels import RECORDS, action_label, actor_label, changes_text, record_label
from frontdesk.ui.tasks import run_in_background
from frontdesk.ui.widgets.table_models import Column, ValueRole, ValueTableModel
from frontdesk.ui.widgets.tables import read_only_table

LIMIT = 500
DEFAULT_DAYS = 30


def translate(context: str, text: str) -> str:
    """QCoreApplication.translate under a name lupdate extracts (context and text must be literals)."""
    return QCoreApplication.translate(context, text)


def audit_columns() -> list[Column]:
    return [
        Column(translate("AuditView", "When"), lambda e: format_datetime(e.at)),
        Column(translate("AuditView", "Desk"), lambda e: e.desk),
        Column(translate("AuditView", "By"), lambda e: actor_label(e.actor_label), tooltip=True),
        Column(translate("AuditView", "Record"), lambda e: record_label(e.record_type)),
        Column(translate("AuditView", "Record ID"), lambda e: e.record_id, tooltip=True),
        Column(translate("AuditView", "Action"), lambda e: action_label(e.action), tooltip=True),
        Column(translate("AuditView", "Changes"), lambda e: changes_text(e.changes), tooltip=True),
    ]


class AuditTableModel(ValueTableModel):
    """Rows are `audit.AuditEntry` values, newest first."""

    def __init__(self, parent=None) -> None:
        super().__init__(audit_columns(), parent)

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid() and index.column() == len(self.columns) - 1:
            entry = self.value(index.row())
            return changes_text(entry.changes, separator="\n") or None if entry else None
        return super().data(index, role)


def _fit_columns(table: QTableView) -> None:
    """Short columns fit their content; the record id and the changes keep a readable width."""
    for column in (0, 1, 2, 3, 5):
        table.resizeColumnToContents(column)
        table.setColumnWidth(column, min(table.columnWidth(column) + 8, 260))


def _table(model: AuditTableModel) -> QTableView:
    table = read_only_table(model)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    for column, width in enumerate((130, 50, 150, 110, 120, 170)):
        table.setColumnWidth(column, width)
    return table


def _denied_label() -> QLabel:
    label = QLabel(translate("AuditView",
                             "Your role cannot see the audit trail. Ask a lab manager or an administrator."))
    label.setObjectName("auditDenied")
    label.setWordWrap(True)
    label.setProperty("role", "muted")
    return label


class AuditView(QWidget):
    """Who changed what and when: filters, a table of events, the history of one record."""

    data_loaded = Signal(int)  # events shown

    def __init__(self, db, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.setObjectName("auditView")
        self.model = AuditTableModel(self)
        title = QLabel(self.tr("Audit trail"))
        title.setProperty("role", "title")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(title)
        self.allowed = actor.can(Permission.VIEW_AUDIT)
        if not self.allowed:
            layout.addWidget(_denied_label())
            layout.addStretch(1)
            return

        self.person = QComboBox()
        self.person.setObjectName("auditPerson")
        self.person.addItem(self.tr("Anyone"), None)
        self.record_type = QComboBox()
        self.record_type.setObjectName("auditRecordType")
        self.record_type.addItem(self.tr("Any record"), None)
        for kind in RECORDS:
            self.record_type.addItem(record_label(kind), kind)
        self.record_id = QLineEdit()
        self.record_id.setObjectName("auditRecordId")
        self.record_id.setPlaceholderText(self.tr("Record ID (optional)"))
        self.record_id.setClearButtonEnabled(True)
        self.record_id.returnPressed.connect(self.reload)
        today = today_in_rome()
        self.date_from = QDateEdit(QDate(today - dt.timedelta(days=DEFAULT_DAYS)))
        self.date_to = QDateEdit(QDate(today))
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
        self.show_button = QPushButton(self.tr("Show"))
        self.show_button.setProperty("primary", True)
        self.show_button.clicked.connect(self.reload)
        filters = QHBoxLayout()
        for label, widget in ((self.tr("Person"), self.person), (self.tr("Record"), self.record_type),
                              (None, self.record_id), (self.tr("From"), self.date_from),
                              (self.tr("To"), self.date_to)):
            if label:
                caption = QLabel(label)
                caption.setBuddy(widget)
                filters.addWidget(caption)
            filters.addWidget(widget, 1 if widget is self.record_id else 0)
        filters.addWidget(self.show_button)

        self.table = _table(self.model)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.table.activated.connect(self._on_table_double_clicked)
        self.summary = QLabel()
        self.summary.setObjectName("auditSummary")
        self.summary.setProperty("role", "muted")
        self.history_button = QPushButton(self.tr("History of this record…"))
        self.history_button.clicked.connect(lambda: self._on_table_double_clicked(self.table.currentIndex()))
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.history_button)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self._load_people()

    def _load_people(self) -> None:
        db, actor = self._db, self._actor
        # An audited read (names in bulk): queued with the writes, as SQLite has one writer.
        run_in_background(self, lambda: staff.list_staff(db, actor=actor), on_success=self._on_people_loaded,
                          write=True)

    def _on_people_loaded(self, people) -> None:
        for member in people:
            self.person.addItem(f"{member.display_name} ({member.username})", str(member.id))

    def filters(self) -> dict[str, object]:
        """The query the filters describe (arguments of audit.history)."""
        start = self.date_from.date().toPython()
        end = self.date_to.date().toPython()
        if end < start:
            start, end = end, start
        return {
            "actor_id": uuid.UUID(self.person.currentData()) if self.person.currentData() else None,
            "record_type": self.record_type.currentData(),
            "record_id": self.record_id.text().strip() or None,
            "since": rome_day_bounds(start)[0],
            "until": rome_day_bounds(end)[1],
            "limit": LIMIT,
        }

    def reload(self) -> None:
        if not self.allowed:
            return
        db, query, actor = self._db, self.filters(), self._actor
        self.show_button.setEnabled(False)
        run_in_background(self, lambda: audit.history(db, actor=actor, **query), on_success=self._on_loaded,
                          on_finished=lambda: self.show_button.setEnabled(True))

    def _on_loaded(self, entries) -> None:
        self.model.set_rows(entries)
        _fit_columns(self.table)
        if len(entries) >= LIMIT:
            self.summary.setText(self.tr("The newest %1 events are shown: narrow the filters to see older ones.")
                                 .replace("%1", str(LIMIT)))
        else:
            self.summary.setText(self.tr("%1 events").replace("%1", str(len(entries))))
        self.data_loaded.emit(len(entries))

    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        entry = self.model.data(index, ValueRole) if index.isValid() else None
        if entry is None:
            return
        dialog = RecordHistoryDialog(self._db, self._actor, entry.record_type, entry.record_id, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.opened_history = dialog


class RecordHistoryDialog(QDialog):
    """Every audit event of one record, newest first."""

    data_loaded = Signal(int)

    def __init__(self, db, actor: Actor, record_type: str, record_id: object, *, title: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recordHistory")
        self.setWindowTitle(self.tr("History"))
        self.resize(960, 480)
        heading = QLabel(title or self.tr("History of %1 %2").replace("%1", record_label(record_type).lower())
                         .replace("%2", str(record_id)))
        heading.setProperty("role", "subtitle")
        heading.setWordWrap(True)
        self.model = AuditTableModel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        if not actor.can(Permission.VIEW_AUDIT):
            layout.addWidget(_denied_label())
            layout.addStretch(1)
            layout.addLayout(buttons)
            return
        self.table = _table(self.model)
        self.table.hideColumn(3)  # the record is the same on every row
        self.table.hideColumn(4)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        query = {"record_type": record_type, "record_id": str(record_id), "limit": 10_000}
        run_in_background(self, lambda: audit.history(db, actor=actor, **query), on_success=self._on_loaded)

    def _on_loaded(self, entries) -> None:
        self.model.set_rows(entries)
        _fit_columns(self.table)
        self.data_loaded.emit(len(entries))
