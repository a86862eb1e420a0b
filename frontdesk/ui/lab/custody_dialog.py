"""The small dialog that records one custody step (store at, take to test, return to the customer,
keep as remnant until, dispose, receive again), and the words the lab screens use for steps and
test statuses.

The dialog asks only what its step needs (where; until when; which test; notes), runs
services.lab.custody.record_custody on the writer lane and shows a refusal beside its field, or
on its own message line. Imports Qt, ui helpers and the custody service; never the database.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from frontdesk.domain.clock import today_in_rome
from frontdesk.services.lab.custody import record_custody
from frontdesk.ui.tasks import run_in_background
from frontdesk.ui.widgets.forms import FieldErrors, form_error_label

KIND_TEXTS = {
    "received": QT_TRANSLATE_NOOP("Custody", "Received"),
    "stored": QT_TRANSLATE_NOOP("Custody", "Stored"),
    "to_test": QT_TRANSLATE_NOOP("Custody", "Taken to test"),
    "returned": QT_TRANSLATE_NOOP("Custody", "Returned to the customer"),
    "remnant": QT_TRANSLATE_NOOP("Custody", "Kept as remnant"),
    "disposed": QT_TRANSLATE_NOOP("Custody", "Disposed of"),
}
STATUS_TEXTS = {
    "requested": QT_TRANSLATE_NOOP("Custody", "Requested"),
    "scheduled": QT_TRANSLATE_NOOP("Custody", "Scheduled"),
    "in_progress": QT_TRANSLATE_NOOP("Custody", "In progress"),
    "completed": QT_TRANSLATE_NOOP("Custody", "Completed"),
    "verified": QT_TRANSLATE_NOOP("Custody", "Verified"),
    "reported": QT_TRANSLATE_NOOP("Custody", "Reported"),
    "cancelled": QT_TRANSLATE_NOOP("Custody", "Cancelled"),
    "rejected": QT_TRANSLATE_NOOP("Custody", "Rejected"),
}
_TITLES = {
    "received": QT_TRANSLATE_NOOP("Custody", "Sample %1 received again"),
    "stored": QT_TRANSLATE_NOOP("Custody", "Store sample %1"),
    "to_test": QT_TRANSLATE_NOOP("Custody", "Take sample %1 to a test"),
    "returned": QT_TRANSLATE_NOOP("Custody", "Return sample %1 to the customer"),
    "remnant": QT_TRANSLATE_NOOP("Custody", "Keep sample %1 as a remnant"),
    "disposed": QT_TRANSLATE_NOOP("Custody", "Dispose of sample %1"),
}


def kind_text(kind: str) -> str:
    return QCoreApplication.translate("Custody", KIND_TEXTS[kind]) if kind in KIND_TEXTS else kind


def status_text(status: str) -> str:
    return QCoreApplication.translate("Custody", STATUS_TEXTS[status]) if status in STATUS_TEXTS else status


class CustodyDialog(QDialog):
    """Records one step of `kind` for the sample of `history` (services.lab.history.SampleHistory)."""

    recorded = Signal(object)  # services.lab.custody.CustodyStep

    def __init__(self, db, actor, history, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._actor, self._history, self.kind = db, actor, history, kind
        self.setWindowTitle(QCoreApplication.translate("Custody", _TITLES[kind]).replace("%1", history.lab_id))
        self.setMinimumWidth(460)
        self.errors = FieldErrors()
        self.form_error = form_error_label()
        form = QFormLayout()
        form.setHorizontalSpacing(14)
        self.location = QLineEdit()
        self.location.setObjectName("location")
        self.location.setMaxLength(200)
        self.keep_until = QDateEdit()
        self.keep_until.setObjectName("keepUntil")
        self.keep_until.setCalendarPopup(True)
        self.keep_until.setDisplayFormat("dd/MM/yyyy")
        self.test = QComboBox()
        self.test.setObjectName("test")
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(80)
        if kind != "disposed":
            placeholder = {"stored": self.tr("Store, shelf (e.g. Magazzino A, ripiano 3)"),
                           "to_test": self.tr("Room or machine (optional)"),
                           "remnant": self.tr("Where the remnant is kept (optional)")}.get(kind, self.tr("Optional"))
            self.location.setPlaceholderText(placeholder)
            form.addRow(self.tr("Where"), self.errors.row("location", self.location))
        if kind == "remnant":
            self.keep_until.setMinimumDate(_qdate(today_in_rome()))
            self.keep_until.setDate(_qdate(today_in_rome() + dt.timedelta(days=90)))
            form.addRow(self.tr("Keep until"), self.errors.row("keep_until", self.keep_until))
        if kind == "to_test":
            self.test.addItem(self.tr("(no test in particular)"), None)
            for test in history.tests:
                if test.status not in ("cancelled", "rejected"):
                    self.test.addItem(f"{test.name} — {status_text(test.status)}", test.id)
            form.addRow(self.tr("Test"), self.errors.row("test_id", self.test))
        notes_label = self.tr("Why it is back (required)") if kind == "received" else self.tr("Notes")
        if kind == "returned":
            self.notes.setPlaceholderText(self.tr("To whom, and how (e.g. collected by Mr Rossi)"))
        if kind == "disposed":
            warning = QLabel(self.tr("Disposal is final: nothing can be recorded for this sample afterwards."))
            warning.setWordWrap(True)
            warning.setProperty("role", "muted")
            form.addRow(warning)
        form.addRow(notes_label, self.errors.row("notes", self.notes))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Record"))
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form_error)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def _on_buttons_accepted(self) -> None:
        self.errors.clear()
        self.form_error.hide()
        db, actor, kind, sample_id = self._db, self._actor, self.kind, self._history.id
        location = self.location.text() if kind != "disposed" else ""
        keep_until = self.keep_until.date().toPython() if kind == "remnant" else None
        test_id = self.test.currentData() if kind == "to_test" else None
        notes = self.notes.toPlainText()
        self.save_button.setEnabled(False)
        run_in_background(self, lambda: record_custody(db, sample_id=sample_id, kind=kind, location=location,
                                                       keep_until=keep_until, test_id=test_id, notes=notes,
                                                       actor=actor),
                          write=True, on_success=self._on_recorded, on_error=self._on_refused,
                          on_finished=lambda: self.save_button.setEnabled(True), key=f"custody:{sample_id}")

    def _on_recorded(self, step) -> None:
        self.recorded.emit(step)
        self.accept()

    def _on_refused(self, error) -> None:
        self.errors.show_error(error, self.form_error)


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)
