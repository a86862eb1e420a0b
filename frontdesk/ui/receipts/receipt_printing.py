"""What follows the issue of a receipt, the same from the Receipts screen and from a sample intake:
its print preview on the printer set for receipts (issue 16 point 4: printed the same way as every
other document, QtPdf onto QPrinter).

`print_after_issue` draws the receipt in the background (services.receipts.documents.issued_print_job:
A5 or the 80 mm roll, per the desk setting `receipt_layout`), then:
- the receipt printer is set and the system knows it: the print preview opens on it; printing from
  the preview prints; closing it without printing leaves the receipt issued, and the notice says to
  reprint it from the Receipts list;
- no receipt printer is set: as every document, the PDF is saved (and opened) and the notice says where;
- the printer set is missing or fails: the PDF is saved and the failure says where. The receipt is
  issued whatever happens to its paper: the number was given.

Imports Qt, ui.printing, ui.tasks and the receipts' document service; never the database.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QWidget

from frontdesk.services.receipts.documents import issued_print_job, receipt_print_job
from frontdesk.ui.tasks import run_in_background

if TYPE_CHECKING:
    from frontdesk.ui import printing

# ui.printing (QtPrintSupport) is imported when first needed, as the other screens do: not at start-up.

def print_receipt_now(db, receipt_id, copy: bool) -> printing.PrintOutcome:
    """Draw the receipt and print it (or save it, with no printer set): the work of one background task."""
    from frontdesk.ui import printing

    return printing.print_job(receipt_print_job(db, receipt_id=receipt_id, copy=copy))


def not_printed_message(number: str, reason: str) -> str:
    return QCoreApplication.translate(
        "ReceiptPrinting", "Receipt %1 is saved, but it was not printed: %2 Reprint it from the list of receipts.") \
        .replace("%1", number).replace("%2", reason)


def print_after_issue(owner: QWidget, db, receipt, *, notice: Callable[[str], None],
                      preview_opened: Callable[[QWidget], None] | None = None,
                      printed: Callable[[printing.PrintOutcome], None] | None = None,
                      failed: Callable[[str], None] | None = None) -> None:
    """Open the just-issued `receipt` (an IssuedReceipt) in the print preview, or save it (see the module
    docstring). `notice` gets every sentence for the person; `preview_opened` the preview dialog as it
    opens, `printed` the outcome once printed or saved, `failed` the message when it was not."""
    from frontdesk.ui import printing

    receipt_id, number = receipt.id, receipt.number

    def fail(error) -> None:
        message = not_printed_message(number, error.message)
        notice(message)
        if failed is not None:
            failed(message)

    def done(outcome: printing.PrintOutcome) -> None:
        notice(outcome.message)
        if printed is not None:
            printed(outcome)

    def prepare():
        job = issued_print_job(db, receipt=receipt)
        return job, printing.printer_available(job.printer)

    def ready(prepared) -> None:
        job, available = prepared
        if not available:  # none set: saved and opened; set but missing: saved, and PrinterProblem says where
            run_in_background(owner, lambda: printing.print_job(job), on_success=done, on_error=fail, slow=True,
                              key=f"receipt-print:{receipt_id}")
            return
        dialog = printing.make_preview_dialog(owner, job.pdf, job.printer)
        dialog.printer().setDocName(job.title)  # the queue's name for the job: the number, no personal data
        dialog.setWindowTitle(QCoreApplication.translate("ReceiptPrinting", "Receipt %1: print preview")
                              .replace("%1", number))
        # The preview accepts once it has printed; closed otherwise, the receipt stays issued, unprinted.
        dialog.finished.connect(lambda result: closed(result, job.printer))
        dialog.open()
        if preview_opened is not None:
            preview_opened(dialog)

    def closed(result: int, printer_name: str) -> None:
        if result == QDialog.DialogCode.Accepted:
            done(printing.PrintOutcome(True, None, QCoreApplication.translate(
                "ReceiptPrinting", "Receipt %1 sent to the printer “%2”.").replace("%1", number)
                .replace("%2", printer_name)))
        else:
            notice(QCoreApplication.translate(
                "ReceiptPrinting", "Receipt %1 is issued and was not printed: reprint it from the list of receipts "
                "when needed.").replace("%1", number))

    run_in_background(owner, prepare, on_success=ready, on_error=fail, key=f"receipt-after-issue:{receipt_id}")
