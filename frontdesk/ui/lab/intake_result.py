"""What follows an intake once it is written: its labels printed, and its receipt offered.

`IntakeResult` shows the request number and the lab IDs given, prints the labels on the printer
set for sample labels (ui.printing, in the slow-I/O lane; with none set they are saved and
opened; a printer that fails never undoes the intake: "Print again" is offered), and offers the
intake receipt: preview (and print from it), print on the report printer, or save as PDF.

Imports Qt, ui.printing, ui.tasks and the lab's document services; never the database.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from frontdesk.ui.tasks import run_in_background
from frontdesk.ui.widgets.notice_bar import NoticeBar


def print_labels_now(db, sample_ids) -> object:
    """Draw the labels and print them: the work of one background task."""
    from frontdesk.services.lab.intake_documents import labels_print_job
    from frontdesk.ui import printing

    return printing.print_job(labels_print_job(db, sample_ids=sample_ids))


def print_receipt_now(db, request_id) -> object:
    from frontdesk.services.lab.intake_documents import receipt_print_job
    from frontdesk.ui import printing

    return printing.print_job(receipt_print_job(db, request_id=request_id))


def save_receipt_now(db, request_id) -> object:
    from frontdesk.services.lab.intake_documents import receipt_print_job
    from frontdesk.ui import printing

    job = receipt_print_job(db, request_id=request_id)
    return printing.save_document(job.pdf, "lab_receipt")


class IntakeResult(QFrame):
    labels_printed = Signal(object)  # ui.printing.PrintOutcome
    label_print_failed = Signal(str)
    receipt_saved = Signal(object)  # Path
    preview_opened = Signal(QWidget)  # the receipt's preview dialog, just opened
    notice_shown = Signal(str)

    def __init__(self, db, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self._db = db
        self._summary = None
        self.summary_label = QLabel()
        self.summary_label.setObjectName("intakeResult")
        self.summary_label.setWordWrap(True)
        self.summary_label.setProperty("role", "subtitle")
        self.status_label = QLabel()
        self.status_label.setObjectName("intakeLabelStatus")
        self.status_label.setProperty("role", "muted")
        self.status_label.setWordWrap(True)
        self.notice_bar = NoticeBar()
        self.labels_button = QPushButton(self.tr("Print labels again"))
        self.labels_button.setObjectName("reprintLabels")
        self.labels_button.clicked.connect(self.print_labels)
        self.preview_button = QPushButton(self.tr("Preview receipt"))
        self.preview_button.setObjectName("previewReceipt")
        self.preview_button.clicked.connect(self.preview_receipt)
        self.print_button = QPushButton(self.tr("Print receipt"))
        self.print_button.setObjectName("printReceipt")
        self.print_button.clicked.connect(self.print_receipt)
        self.save_button = QPushButton(self.tr("Save receipt as PDF"))
        self.save_button.setObjectName("saveReceipt")
        self.save_button.clicked.connect(self.save_receipt)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label, 1)
        for button in (self.labels_button, self.preview_button, self.print_button, self.save_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.notice_bar)
        layout.addLayout(buttons)
        self.hide()

    def show_intake(self, summary) -> None:
        self._summary = summary
        ids = ", ".join(s.lab_id for s in summary.samples)
        self.summary_label.setText(self.tr("Request %1 accepted. Samples: %2").replace("%1", summary.number)
                                   .replace("%2", ids))
        self.status_label.clear()
        self.notice_bar.hide()
        self.show()

    def print_labels(self) -> None:
        if self._summary is None:
            return
        db, ids = self._db, self._summary.sample_ids
        self.status_label.setText(self.tr("Printing the labels…"))
        run_in_background(self, lambda: print_labels_now(db, ids), on_success=self._on_labels_printed,
                          on_error=self._on_labels_failed, key=f"lab-labels:{self._summary.number}", slow=True)

    def _on_labels_printed(self, outcome) -> None:
        self.status_label.setText(outcome.message)
        self.labels_printed.emit(outcome)

    def _on_labels_failed(self, error) -> None:
        self.status_label.clear()
        self.notice_bar.show_message(error.message, self.tr("Print again"), self.print_labels)
        self.label_print_failed.emit(error.message)

    def print_receipt(self) -> None:
        if self._summary is None:
            return
        db, request_id = self._db, self._summary.request_id
        run_in_background(self, lambda: print_receipt_now(db, request_id),
                          on_success=lambda outcome: self.status_label.setText(outcome.message),
                          on_error=lambda error: self.notice_bar.show_message(error.message),
                          key=f"lab-receipt:{request_id}", slow=True)

    def save_receipt(self) -> None:
        if self._summary is None:
            return
        db, request_id = self._db, self._summary.request_id
        run_in_background(self, lambda: save_receipt_now(db, request_id), on_success=self._on_receipt_saved,
                          on_error=lambda error: self.notice_bar.show_message(error.message),
                          key=f"lab-receipt-save:{request_id}", slow=True)

    def _on_receipt_saved(self, path) -> None:
        message = self.tr("Receipt saved as %1").replace("%1", str(path))
        self.status_label.setText(message)
        self.notice_shown.emit(message)
        self.receipt_saved.emit(path)

    def preview_receipt(self) -> None:
        if self._summary is None:
            return
        from frontdesk.services.lab.intake_documents import receipt_print_job

        db, request_id = self._db, self._summary.request_id
        run_in_background(self, lambda: receipt_print_job(db, request_id=request_id),
                          on_success=self._on_preview_ready,
                          on_error=lambda error: self.notice_bar.show_message(error.message),
                          key=f"lab-receipt-preview:{request_id}")

    def _on_preview_ready(self, job) -> None:
        from frontdesk.ui import printing

        dialog = printing.make_preview_dialog(self, job.pdf, job.printer or None)
        dialog.open()
        self.preview_opened.emit(dialog)
