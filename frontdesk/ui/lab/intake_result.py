"""What follows an intake once it is written: its labels printed, and its receipts offered.

`IntakeResult` shows the request number and the lab IDs given, prints the labels on the printer
set for sample labels (ui.printing, in the slow-I/O lane; with none set they are saved and
opened; a printer that fails never undoes the intake: "Print again" is offered), and offers the
intake receipt (the acknowledgement of the samples, services.lab.intake_documents): preview (and
print from it), print on the report printer, or save as PDF.

To whoever may issue receipts it also offers the payment receipt in one step (issue 16): the
request's tests as lines (services.receipts.request_lines) in the receipt dialog with the
customer and the request filled in; a request that already has a receipt asks first. Once issued,
the receipt goes to its print preview as from the Receipts screen (ui.receipts.receipt_printing).

Imports Qt, ui.printing, ui.tasks, the receipts' ui and the lab's and receipts' services; never the
database.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from frontdesk.domain.roles import Permission
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
    preview_opened = Signal(QWidget)  # the intake receipt's preview dialog, just opened
    notice_shown = Signal(str)
    receipt_dialog_opened = Signal(QWidget)  # the payment receipt's dialog, filled in
    receipt_question_asked = Signal(QWidget)  # "the request already has a receipt: issue another?"
    payment_receipt_issued = Signal(object)  # IssuedReceipt
    payment_preview_opened = Signal(QWidget)  # its print preview, just opened
    payment_receipt_printed = Signal(object)  # ui.printing.PrintOutcome (printed, or saved with no printer set)
    payment_print_failed = Signal(str)

    def __init__(self, db, parent: QWidget | None = None, *, actor=None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self._db = db
        self._actor = actor
        self._summary = None
        self._dialog = None
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
        # "Intake receipt": the acknowledgement of the samples, not the receipt of a payment.
        self.preview_button = QPushButton(self.tr("Preview intake receipt"))
        self.preview_button.setObjectName("previewReceipt")
        self.preview_button.clicked.connect(self.preview_receipt)
        self.print_button = QPushButton(self.tr("Print intake receipt"))
        self.print_button.setObjectName("printReceipt")
        self.print_button.clicked.connect(self.print_receipt)
        self.save_button = QPushButton(self.tr("Save intake receipt as PDF"))
        self.save_button.setObjectName("saveReceipt")
        self.save_button.clicked.connect(self.save_receipt)
        self.payment_button = QPushButton(self.tr("Issue payment receipt…"))
        self.payment_button.setObjectName("issuePaymentReceipt")
        self.payment_button.setToolTip(self.tr("The receipt of what the customer pays, with the request's tests "
                                               "filled in"))
        self.payment_button.clicked.connect(self.issue_payment_receipt)
        self.payment_button.setVisible(actor is not None and actor.can(Permission.ISSUE_RECEIPTS))
        top = QHBoxLayout()
        top.addWidget(self.status_label, 1)
        top.addWidget(self.labels_button)
        top.addWidget(self.payment_button)
        documents = QHBoxLayout()
        documents.addStretch(1)
        for button in (self.preview_button, self.print_button, self.save_button):
            documents.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.notice_bar)
        layout.addLayout(top)
        layout.addLayout(documents)
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
        message = self.tr("Intake receipt saved as %1").replace("%1", str(path))
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

    # --- the payment receipt, in one step ------------------------------------------------------

    def issue_payment_receipt(self) -> None:
        """Load the request's receipt lines in the background, then open the receipt dialog filled in."""
        if self._summary is None or self._actor is None:
            return
        from frontdesk.services.desk.settings import get_settings
        from frontdesk.services.receipts.request_lines import request_receipt

        db, request_id = self._db, self._summary.request_id
        self.payment_button.setEnabled(False)
        run_in_background(self, lambda: (request_receipt(db, request_id=request_id),
                                         get_settings(db).receipt_charge_stamp_duty),
                          on_success=self._on_receipt_lines,
                          on_error=lambda error: self.notice_bar.show_message(error.message),
                          on_finished=lambda: self.payment_button.setEnabled(True),
                          key=f"lab-payment-receipt:{request_id}")

    def _on_receipt_lines(self, loaded) -> None:
        made, charge_stamp_duty = loaded
        if not made.existing:
            self._open_receipt_dialog(made, charge_stamp_duty)
            return
        numbers = ", ".join(made.existing)
        question = (self.tr("The request already has the receipt %1: issue another one?") if len(made.existing) == 1
                    else self.tr("The request already has the receipts %1: issue another one?")).replace("%1", numbers)
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Issue payment receipt"), question,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        another = box.button(QMessageBox.StandardButton.Yes)
        another.setText(self.tr("Issue another"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("Cancel"))
        box.setDefaultButton(QMessageBox.StandardButton.No)  # a second receipt for the same tests is the exception
        box.setObjectName("anotherReceiptQuestion")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(_result: int) -> None:
            if box.clickedButton() is another:
                self._open_receipt_dialog(made, charge_stamp_duty)

        box.finished.connect(answered)
        box.open()
        self.receipt_question_asked.emit(box)

    def _open_receipt_dialog(self, made, charge_stamp_duty: bool) -> None:
        from frontdesk.ui.receipts.receipt_dialog import ReceiptDialog

        if self._dialog is not None:
            self._dialog.deleteLater()
        dialog = ReceiptDialog(self._db, self._actor, charge_stamp_duty=charge_stamp_duty, parent=self,
                               company_id=made.company_id, lines=made.lines, request_id=made.request_id)
        self._dialog = dialog
        dialog.resize(max(dialog.width(), 1040), dialog.height())  # a test's name and standard on one line
        dialog.accepted.connect(lambda: self._on_payment_receipt_issued(dialog.issued))
        dialog.open()
        dialog.payment.setFocus()  # customer and lines are filled in: how the customer pays is left to choose
        self.receipt_dialog_opened.emit(dialog)

    def _on_payment_receipt_issued(self, receipt) -> None:
        from frontdesk.ui.receipts.receipt_printing import print_after_issue

        message = self.tr("Receipt %1 issued").replace("%1", receipt.number)
        self.status_label.setText(message)
        self.notice_shown.emit(message)
        self.payment_receipt_issued.emit(receipt)
        print_after_issue(self, self._db, receipt, notice=self._payment_notice,
                          preview_opened=self.payment_preview_opened.emit,
                          printed=self.payment_receipt_printed.emit, failed=self.payment_print_failed.emit)

    def _payment_notice(self, message: str) -> None:
        self.status_label.setText(message)
        self.notice_shown.emit(message)
