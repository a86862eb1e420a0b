"""Actions on one visitor or company from its own screen: its history in the audit trail (lab
managers and admins) and the data-subject requests of GDPR (admins): export everything held about
a person (JSON and a readable PDF, saved in the documents folder under a name without personal
data) and erase it by anonymisation, with a reason. The services check the role again.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QInputDialog, QLineEdit, QMessageBox, QPushButton, QWidget

from frontdesk.ui.tasks import run_in_background


def save_person_export(export) -> Path:
    """Worker thread: the PDF in documents/privacy/ and the JSON beside it (same name, .json)."""
    from frontdesk.ui.printing import save_document

    pdf_path = save_document(export.pdf_bytes, "privacy")
    pdf_path.with_suffix(".json").write_bytes(export.json_bytes)
    return pdf_path


class RecordActions(QWidget):
    """Buttons for the selected record; `record()` returns (record_type, id, title) or None."""

    notice_shown = Signal(str)  # a calm confirmation for the window's banner

    def __init__(self, context, record, *, privacy: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._record = record
        self.dialog = None
        self.last_export: Path | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        actor = context.actor
        self.history_button = QPushButton(self.tr("History…"))
        self.history_button.clicked.connect(self._on_history_button_clicked)
        self.history_button.setVisible(actor.can("view_audit"))
        self.export_button = QPushButton(self.tr("Export personal data…"))
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.erase_button = QPushButton(self.tr("Erase personal data…"))
        self.erase_button.clicked.connect(self._on_erase_button_clicked)
        for button in (self.export_button, self.erase_button):
            button.setVisible(privacy and actor.can("privacy_requests"))
        layout.addWidget(self.history_button)
        layout.addWidget(self.export_button)
        layout.addWidget(self.erase_button)
        layout.addStretch(1)

    def _on_history_button_clicked(self) -> None:
        from frontdesk.ui.staff.audit_view import RecordHistoryDialog

        chosen = self._record()
        if chosen is None:
            return
        record_type, record_id, title = chosen
        self.dialog = RecordHistoryDialog(self._context.db, self._context.actor, record_type, record_id,
                                          title=title, parent=self)
        self.dialog.open()

    def _on_export_button_clicked(self) -> None:
        from frontdesk.services.privacy.rights import export_person

        chosen = self._record()
        if chosen is None:
            return
        db, actor, visitor_id = self._context.db, self._context.actor, chosen[1]
        run_in_background(self, lambda: save_person_export(export_person(db, visitor_id=visitor_id, actor=actor)),
                          on_success=self._on_exported, key=f"export:{visitor_id}")

    def _on_exported(self, path: Path) -> None:
        from frontdesk.ui.printing import open_document

        self.last_export = path
        self.notice_shown.emit(self.tr("Personal data exported to %1 (and the .json beside it).")
                               .replace("%1", str(path)))
        open_document(path)

    def _on_erase_button_clicked(self) -> None:
        from frontdesk.services.privacy.rights import erase_person

        chosen = self._record()
        if chosen is None:
            return
        _record_type, visitor_id, title = chosen
        reason, ok = QInputDialog.getText(
            self, self.tr("Erase personal data"),
            self.tr("The personal data of %1 will be replaced by \"Anonimo\"; visits stay for the statistics. "
                    "This cannot be undone.\n\nReason (e.g. the request's reference, without names):")
            .replace("%1", title), QLineEdit.EchoMode.Normal)
        if not ok:
            return
        db, actor = self._context.db, self._context.actor
        run_in_background(self, lambda: erase_person(db, visitor_id=visitor_id, reason=reason, actor=actor),
                          write=True, on_success=self._on_erased,
                          key=f"erase:{visitor_id}")

    def _on_erased(self, erasure) -> None:
        """Says what the erasure left and why (receipts are fiscal records, lab requests keep their contact)."""
        text = "\n\n".join((self.tr("The personal data were erased."), *erasure.kept()))
        QMessageBox.information(self, self.tr("Erase personal data"), text)
