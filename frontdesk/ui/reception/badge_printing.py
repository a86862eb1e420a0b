"""Drawing a visitor badge and printing it, in the background, after the check-in has committed.

`BadgePrinting.print_badge(badge, visit_id)` gets the badge's print job (services.reception.print_jobs:
the PDF and the printer set in Settings for badges) and paints it (`ui.printing.print_job`; with no
printer set, the PDF is saved under the documents folder and opened). A missing or failing printer never undoes the
check-in: `print_failed(visit_id, message)` lets the screen offer "Reprint", and
`reprint(visit_id)` issues a new badge (new number; the old one stops working) and prints it.

Imports Qt, ui.tasks, ui.printing and the reception services; never the database.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QObject, Signal

from frontdesk.ui.tasks import run_in_background


def print_badge_now(db, badge) -> object:
    """Draw `badge` (an IssuedBadge) and print it: the work of one background task."""
    from frontdesk.services.reception.print_jobs import badge_print_job
    from frontdesk.ui import printing

    return printing.print_job(badge_print_job(db, badge=badge))


class BadgePrinting(QObject):
    """Prints badges off the GUI thread and says how it went."""

    printed = Signal(object, object)  # visit id, PrintOutcome (printed, or saved with no printer set)
    print_failed = Signal(object, str)  # visit id, message (the check-in stays; offer a reprint)

    def __init__(self, db, actor_source, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor_source = actor_source

    def print_badge(self, badge, visit_id: uuid.UUID) -> None:
        db = self._db
        run_in_background(
            self,
            lambda: print_badge_now(db, badge),
            on_success=lambda outcome: self.printed.emit(visit_id, outcome),
            on_error=lambda error: self.print_failed.emit(visit_id, error.message),
            key=f"badge-print:{badge.data.number}",
            slow=True,
        )

    def reprint(self, visit_id: uuid.UUID) -> bool:
        """A new badge for a visitor on site, then printed; False if a reprint of it is already running."""
        from frontdesk.services.reception.badges import reprint_badge

        db, actor = self._db, self._actor_source()
        task = run_in_background(
            self,
            lambda: reprint_badge(db, visit_id=visit_id, actor=actor),
            on_success=lambda badge: self.print_badge(badge, visit_id),
            on_error=lambda error: self.print_failed.emit(visit_id, error.message),
            write=True,
            key=f"badge-reprint:{visit_id}",
        )
        return task is not None
