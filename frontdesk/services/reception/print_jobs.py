"""The reception's documents as print jobs: a visitor's badge and the evacuation list, drawn and
paired with the printer set for them in Settings (services.desk.printers)."""

from __future__ import annotations

from frontdesk.documents.reception.badge import render_badge
from frontdesk.i18n import _
from frontdesk.services.desk.printers import PrintJob, print_job
from frontdesk.services.reception.badges import IssuedBadge
from frontdesk.services.reception.evacuation import evacuation_pdf


def badge_print_job(db, *, badge: IssuedBadge) -> PrintJob:
    """The badge drawn, for the badge printer. The job is named by the badge number, not the person."""
    return print_job(db, kind="badge", title=_("Badge {number}").format(number=badge.data.number),
                     pdf=render_badge(badge.data))


def evacuation_print_job(db) -> PrintJob:
    """Who is on site now, drawn as the evacuation list, for the printer set for it."""
    return print_job(db, kind="evacuation", title=_("Evacuation list"), pdf=evacuation_pdf(db))
