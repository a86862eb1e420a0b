"""What to print and where: a `PrintJob` carries a drawn document and the printer set for its kind.

The one place that reads which printer Settings names for a kind of document ("badge",
"evacuation", later "receipt"); the UI only paints a job onto that printer (ui.printing). Imports
no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass

from frontdesk.domain.settings import Settings
from frontdesk.services.desk.settings import get_settings


@dataclass(frozen=True)
class PrintJob:
    kind: str  # the kind of document: names its printer in Settings and its folder when saved
    title: str  # the job's name in the print queue, in the user's language, with no personal data
    pdf: bytes
    printer: str  # the printer set in Settings for this kind; "" when none is set (saved instead)


def printer_for(db, *, kind: str, settings: Settings | None = None) -> str:
    """The printer set in Settings for documents of `kind` ("" when none is set); `settings`: the
    desk's, when the caller has just read them."""
    return (settings or get_settings(db)).printers.get(kind, "")


def print_job(db, *, kind: str, title: str, pdf: bytes, settings: Settings | None = None) -> PrintJob:
    return PrintJob(kind=kind, title=title, pdf=pdf, printer=printer_for(db, kind=kind, settings=settings))
