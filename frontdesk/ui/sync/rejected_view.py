"""The changes the hub refused, for an administrator: when, which record, which fields, why, and
what to do; each can be sent again (where the reason can go away) or dismissed after reading.

Reached from Settings (Sync section), from File > Refused changes, and by clicking the status bar's
sync line when it counts refused changes (ui.sync.nightly_sync). The services decide and explain
(services.sync.rejected); this screen only paints, naming records and fields with the activity
log's labels (ui.staff.audit_labels). Keyboard: arrows choose a change, Alt+S sends it again,
Alt+D dismisses it (Italian: Alt+I, Alt+A), Esc closes.

Imports Qt, ui helpers and the service; never the database.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from frontdesk.domain.roles import Permission
from frontdesk.i18n import format_datetime
from frontdesk.ui.staff.audit_labels import action_label, field_label, record_label
from frontdesk.ui.tasks import run_in_background
from frontdesk.ui.widgets.forms import form_error_label
from frontdesk.ui.widgets.table_models import Column, ValueTableModel
from frontdesk.ui.widgets.tables import make_table

PERMISSION = Permission.EDIT_SETTINGS  # the services' own check (services.sync.rejected)


def record_text(change) -> str:
    """'Company: Fonderia Orobica', 'Visit: R1-000042 · Mario Rossi', 'Setting for the whole site: ...'."""
    kind = record_label(change.table)
    if change.table == "site_setting":
        name = field_label(change.label)
    elif change.table == "audit_event":
        name = action_label(change.label)
    else:
        name = change.label
    return f"{kind}: {name}" if name else kind


def fields_text(change) -> str:
    if change.whole:
        return QCoreApplication.translate("RejectedChanges", "new record (every field)")
    return ", ".join(field_label(name) for name in change.fields) or "—"


class RejectedChangesDialog(QDialog):
    changed = Signal()  # a change was dismissed or sent again

    def __init__(self, db, actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rejectedChangesDialog")
        self._db, self._actor = db, actor
        self.setWindowTitle(self.tr("Changes refused by the hub"))
        self.resize(900, 560)

        intro = QLabel(self.tr("These changes were made at this desk and refused by the hub: the other desks do "
                               "not have them. Choose one to read why, then send it again or dismiss it."))
        intro.setWordWrap(True)
        self.empty_note = QLabel(self.tr("No refused changes: everything made at this desk reached the hub."))
        self.empty_note.setObjectName("rejectedEmpty")
        self.empty_note.hide()
        self.model = ValueTableModel([
            Column(self.tr("Made on"), lambda c: format_datetime(c.made) if c.made else "—"),
            Column(self.tr("Refused on"), lambda c: format_datetime(c.at)),
            Column(self.tr("Record"), record_text, tooltip=True),
            Column(self.tr("Fields"), fields_text, tooltip=True),
        ], self)
        self.table = make_table(self.model, fixed=(0, 1))
        self.table.setObjectName("rejectedTable")
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)

        self.reason_box = QGroupBox(self.tr("Why the hub refused it"))
        self.reason_label = QLabel()
        self.reason_label.setObjectName("rejectedReason")
        self.reason_label.setWordWrap(True)
        self.reason_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reason_label.setMinimumHeight(self.reason_label.fontMetrics().lineSpacing() * 3)
        self.resend_button = QPushButton(self.tr("&Send again"))
        self.resend_button.setObjectName("resendButton")
        self.resend_button.setToolTip(self.tr("Queue it again with the record's current values; it goes at the "
                                              "next sync, as yours"))
        self.resend_button.clicked.connect(self._on_resend_button_clicked)
        self.dismiss_button = QPushButton(self.tr("&Dismiss"))
        self.dismiss_button.setObjectName("dismissButton")
        self.dismiss_button.setToolTip(self.tr("Remove it from this list; the activity log keeps who did it"))
        self.dismiss_button.clicked.connect(self._on_dismiss_button_clicked)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.resend_button)
        actions.addWidget(self.dismiss_button)
        box_layout = QVBoxLayout(self.reason_box)
        box_layout.addWidget(self.reason_label)
        box_layout.addLayout(actions)

        self.form_error = form_error_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(10)
        layout.addWidget(intro)
        layout.addWidget(self.form_error)
        layout.addWidget(self.empty_note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.reason_box)
        layout.addWidget(buttons)
        self._show_current(None)

    # --- loading --------------------------------------------------------------------------------
    def reload(self) -> None:
        from frontdesk.services.sync.rejected import list_rejected

        db, actor = self._db, self._actor
        run_in_background(self, lambda: list_rejected(db, actor=actor), on_success=self._on_rows_loaded,
                          on_error=self._on_failed)

    def _on_rows_loaded(self, rows: list) -> None:
        current = self.current()
        self.model.set_rows(rows)
        self.empty_note.setVisible(not rows)
        self.table.setVisible(bool(rows))
        if rows:
            row = max(0, self.model.row_of(lambda c: current is not None and (c.seq, c.epoch) == (current.seq,
                                                                                                 current.epoch)))
            self.table.selectRow(row)
            self.table.setFocus()
        self._show_current(self.current())

    def current(self):
        index = self.table.currentIndex()
        return self.model.value(index.row()) if index.isValid() else None

    def _on_current_row_changed(self, *_args) -> None:
        self._show_current(self.current())

    def _show_current(self, change) -> None:
        self.reason_label.setText(change.explanation if change is not None else "")
        self.reason_box.setEnabled(change is not None)
        self.resend_button.setEnabled(change is not None and change.can_resend)
        self.dismiss_button.setEnabled(change is not None)

    # --- actions --------------------------------------------------------------------------------
    def _on_resend_button_clicked(self) -> None:
        from frontdesk.services.sync.rejected import resend_rejected

        self._act(resend_rejected)

    def _on_dismiss_button_clicked(self) -> None:
        from frontdesk.services.sync.rejected import dismiss_rejected

        self._act(dismiss_rejected)

    def _act(self, service) -> None:
        change = self.current()
        if change is None:
            return
        self.form_error.hide()
        db, actor = self._db, self._actor
        self.resend_button.setEnabled(False)
        self.dismiss_button.setEnabled(False)
        run_in_background(self, lambda: service(db, seq=change.seq, epoch=change.epoch, actor=actor), write=True,
                          key=f"rejected:{change.epoch}:{change.seq}", on_success=self._on_acted,
                          on_error=self._on_failed, on_finished=self.reload)

    def _on_acted(self, _result) -> None:
        self.changed.emit()

    def _on_failed(self, error) -> None:
        self.form_error.setText(error.message)
        self.form_error.show()


def open_rejected_changes(parent: QWidget, db, actor) -> RejectedChangesDialog | None:
    """The dialog for `actor` (an administrator), loading; None for a role that may not see it."""
    if actor is None or not actor.can(PERMISSION):
        return None
    dialog = RejectedChangesDialog(db, actor, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    dialog.reload()
    return dialog
