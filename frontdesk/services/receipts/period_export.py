"""The period's figures written to a file for the accounting office: CSV or Excel (issue 16, point 5).

`export_period` sums the period (services.receipts.closing.period_figures), draws the file in memory
and writes it beside the target, then renames it into place: the file appears whole or not at all
(a full disk or a read-only folder leaves nothing half-written, and an earlier file of that name
untouched). `period_file_stem` proposes the file's name ("2026-11" for a whole month).

Imports no Qt. Plain values in, plain values out.
"""

from __future__ import annotations

import calendar
import datetime as dt
from pathlib import Path

from frontdesk.domain.errors import StorageProblem, ValidationError
from frontdesk.domain.roles import Actor
from frontdesk.i18n import _
from frontdesk.private_files import write_atomic
from frontdesk.services.receipts.closing import period_csv, period_figures, period_xlsx

FORMATS = ("csv", "xlsx")


def month_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day of `day`'s month."""
    return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])


def period_file_stem(first: dt.date, last: dt.date) -> str:
    """"2026-11" for a whole month, "2026-11-03_2026-11-17" otherwise."""
    if (first, last) == month_of(first):
        return f"{first:%Y-%m}"
    return f"{first.isoformat()}_{last.isoformat()}"


def export_period(db, *, first: dt.date, last: dt.date, path: Path | str, fmt: str, actor: Actor) -> int:
    """Write the figures of `first`..`last` to `path` as CSV or XLSX; return the count of receipts summed.
    Raises ValidationError (a bad period or format), PermissionDenied, StorageProblem (nothing written)."""
    if fmt not in FORMATS:
        raise ValidationError(_("Choose CSV or Excel (XLSX) for the export."))
    figures = period_figures(db, first=first, last=last, actor=actor)
    data = period_csv(figures) if fmt == "csv" else period_xlsx(figures)
    target = Path(path)
    if not target.parent.is_dir():
        raise StorageProblem(_("The folder {folder} does not exist.").format(folder=target.parent))
    try:
        write_atomic(target, data)  # a temporary file beside it, renamed over it: never half a file
    except OSError as exc:
        raise StorageProblem(_("Cannot write the file {name}: {reason}").format(
            name=target.name, reason=exc.strerror or exc)) from exc
    return figures.receipts
