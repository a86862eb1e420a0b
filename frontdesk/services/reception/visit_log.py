"""The visit log: visits that happened, filtered, paged, counted and exported (CSV, XLSX).

A visit belongs to the log once it was checked in (on site now, or out); expected visits that
never arrived and cancelled ones are not in it. Newest check-in first. Filters take Rome
calendar days. Pages are read by seeking (keyset): the next page starts after the last row shown,
on (check-in, id) along the check-in index, so page 5,000 of a million visits costs what the first
does (OFFSET read and sorted every row before it: 11 s a page on the large demo database). The
count reads every matching visit and takes longer: screens show it when ready. Showing the log
is read-only (no actor, no audit); exporting it writes visitors' names
to a file, so `export_visits` takes the actor, needs `Permission.EXPORT_VISITS` and is audited
(the audit records the format, the rows and the filters, never the file's path). Imports no Qt.

CSV format choice: UTF-8 with a BOM (Excel detects the encoding only with it) and `;` as the
separator, because Italian Excel uses the comma as decimal separator and therefore splits a
double-clicked .csv on the semicolon (its list separator); a comma-separated file would open as
one column there. Dates are written as the Italian `dd/mm/yyyy` and `HH:MM` in Europe/Rome time.
Cells that a spreadsheet would run as a formula (starting with = + - @) are written as text.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import aliased

from frontdesk.db.models import Association, Company, Host, Service, Visit, Visitor
from frontdesk.domain.clock import ROME, as_utc, rome_day_bounds
from frontdesk.domain.errors import StorageProblem, ValidationError
from frontdesk.domain.roles import Actor, Permission, require
from frontdesk.i18n import _, language
from frontdesk.services.staff import audit
from frontdesk.services.staff.audit import ensure_active

FORMATS = ("csv", "xlsx")
LOGGED = ("on_site", "out")
PAGE = 200
_BATCH = 1000
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class VisitFilters:
    """What the log shows. Days are Rome calendar days, both ends included; None = no bound."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    company_id: uuid.UUID | None = None
    association_id: uuid.UUID | None = None
    service_id: uuid.UUID | None = None


@dataclass(frozen=True)
class VisitRow:
    id: uuid.UUID
    checked_in_at: dt.datetime
    checked_out_at: dt.datetime | None
    status: str
    closed_by_system: bool
    visitor_name: str
    company_name: str
    association_name: str
    service_name: str
    host_name: str


def _columns():
    company = aliased(Company)
    association = aliased(Association)
    service_name = Service.name_it if language() == "it" else Service.name_en
    stmt = (
        select(Visit.id, Visit.checked_in_at, Visit.checked_out_at, Visit.status, Visit.closed_by_system,
               Visitor.first_name, Visitor.last_name, company.name, association.name, service_name, Host.name)
        .join(Visitor, Visit.visitor_id == Visitor.id)
        .join(Service, Visit.service_id == Service.id)
        .outerjoin(Host, Visit.host_id == Host.id)
        .outerjoin(company, Visitor.company_id == company.id)
        .outerjoin(association, company.association_id == association.id)
    )
    return stmt, company


def _check(filters: VisitFilters) -> None:
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        raise ValidationError(_("The start date comes after the end date."), field="date_from")


def _filtered(stmt: Select, filters: VisitFilters, company, *, by_check_in: bool = False) -> Select:
    """The filters' conditions. A company is reached from its visitors (their visits by the visitor's
    index). For pages (`by_check_in`) and for a company, the status is checked row by row (`status
    || ''` is not the status index's column): SQLite then walks the check-in index, or the company's
    visits, instead of every visit with the status (measured: 11 s and 0.7 s a page, now ~10 ms)."""
    seek = by_check_in or filters.company_id is not None
    status = Visit.status.concat("") if seek else Visit.status
    stmt = stmt.where(status.in_(LOGGED), Visit.checked_in_at.is_not(None))
    if filters.date_from:
        stmt = stmt.where(Visit.checked_in_at >= rome_day_bounds(filters.date_from)[0])
    if filters.date_to:
        stmt = stmt.where(Visit.checked_in_at < rome_day_bounds(filters.date_to)[1])
    if filters.company_id:
        stmt = stmt.where(Visit.visitor_id.in_(select(Visitor.id).where(Visitor.company_id == filters.company_id)))
    if filters.association_id:
        stmt = stmt.where(company.association_id == filters.association_id)
    if filters.service_id:
        stmt = stmt.where(Visit.service_id == filters.service_id)
    return stmt


def _row(r) -> VisitRow:
    return VisitRow(r[0], as_utc(r[1]), as_utc(r[2]) if r[2] else None, r[3], bool(r[4]),
                    f"{r[5]} {r[6]}".strip(), r[7] or "", r[8] or "", r[9] or "", r[10] or "")


def _query(filters: VisitFilters, *, by_check_in: bool = False) -> Select:
    _check(filters)
    stmt, company = _columns()
    return _filtered(stmt, filters, company, by_check_in=by_check_in).order_by(Visit.checked_in_at.desc(),
                                                                                Visit.id.desc())


def page_query(filters: VisitFilters, *, after: VisitRow | None = None, limit: int = PAGE) -> Select:
    """The statement of one page: the rows after `after` (the last row of the previous page)."""
    stmt = _query(filters, by_check_in=True)
    if after is not None:
        moment = after.checked_in_at
        stmt = stmt.where(Visit.checked_in_at <= moment,
                          or_(Visit.checked_in_at < moment, and_(Visit.checked_in_at == moment, Visit.id < after.id)))
    return stmt.limit(max(0, limit))


def list_visits(db, *, filters: VisitFilters, after: VisitRow | None = None, limit: int = PAGE) -> list[VisitRow]:
    """One page of the log, newest check-in first: the first page, or the one after the row `after`."""
    stmt = page_query(filters, after=after, limit=limit)
    with db.read() as session:
        return [_row(r) for r in session.execute(stmt)]


def count_visits(db, *, filters: VisitFilters) -> int:
    """How many visits the filters match. An association is counted from its companies' visitors
    (their visits by the visitor's index: ~1 s for a sixth of the large demo's visits, not 11 s)."""
    _check(filters)
    stmt = _filtered(select(func.count()).select_from(Visit), replace(filters, association_id=None), Company)
    if filters.association_id:
        members = (select(Visitor.id).join(Company, Visitor.company_id == Company.id)
                   .where(Company.association_id == filters.association_id))
        stmt = stmt.where(Visit.visitor_id.in_(members))
    with db.read() as session:
        return int(session.scalar(stmt) or 0)


def _all_rows(session, filters: VisitFilters) -> Iterator[VisitRow]:
    stmt = _query(filters).execution_options(yield_per=_BATCH)
    for r in session.execute(stmt):
        yield _row(r)


def _filters_for_audit(filters: VisitFilters) -> dict[str, str]:
    """The filters of an export as the audit keeps them (dates and record ids, nothing personal)."""
    return {name: str(value) for name, value in vars(filters).items() if value is not None}


def status_label(row: VisitRow) -> str:
    if row.status == "on_site":
        return _("On site")
    if row.closed_by_system:
        return _("Checked out automatically")
    return _("Checked out")


def headers() -> list[str]:
    return [_("Date"), _("Check-in"), _("Check-out"), _("Visitor"), _("Company"), _("Association"),
            _("Purpose"), _("Host"), _("Status")]


def _local(moment: dt.datetime | None) -> dt.datetime | None:
    return None if moment is None else moment.astimezone(ROME)


def _text(value: str) -> str:
    """A cell a spreadsheet shows as typed, never evaluates."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def _csv_cells(row: VisitRow) -> list[str]:
    start, end = _local(row.checked_in_at), _local(row.checked_out_at)
    return [start.strftime("%d/%m/%Y"), start.strftime("%H:%M"), end.strftime("%H:%M") if end else "",
            *(_text(v) for v in (row.visitor_name, row.company_name, row.association_name, row.service_name,
                                 row.host_name, status_label(row)))]


def _write_csv(handle, rows: Iterator[VisitRow]) -> int:
    handle.write("\ufeff")
    writer = csv.writer(handle, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(headers())
    count = 0
    for row in rows:
        writer.writerow(_csv_cells(row))
        count += 1
    return count


def _write_xlsx(path: Path, rows: Iterator[VisitRow]) -> int:
    from openpyxl import Workbook  # imported here: only the export needs it
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Visits"))
    for letter, width in zip("ABCDEFGHI", (12, 8, 8, 28, 34, 30, 26, 24, 24), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for title in headers():
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = bold
        header.append(cell)
    sheet.append(header)

    def text_cell(value: str) -> WriteOnlyCell:
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"  # never a formula, whatever the text starts with
        return cell

    def time_cell(moment: dt.datetime | None, fmt: str) -> WriteOnlyCell:
        cell = WriteOnlyCell(sheet, value=moment.replace(tzinfo=None) if moment else None)
        cell.number_format = fmt
        return cell

    count = 0
    for row in rows:
        start, end = _local(row.checked_in_at), _local(row.checked_out_at)
        sheet.append([
            time_cell(start, "dd/mm/yyyy"), time_cell(start, "hh:mm"), time_cell(end, "hh:mm"),
            *(text_cell(v) for v in (row.visitor_name, row.company_name, row.association_name,
                                     row.service_name, row.host_name, status_label(row))),
        ])
        count += 1
    sheet.auto_filter.ref = f"A1:I{count + 1}"
    book.save(path)
    return count


def export_visits(db, *, filters: VisitFilters, path: Path | str, fmt: str, actor: Actor) -> int:
    """Write every visit the filters match to `path` as CSV or XLSX; return how many.

    The file appears whole or not at all: it is written beside the target and renamed, and only
    after the export's audit event is committed (a file nobody can account for never appears).
    Raises PermissionDenied, ValidationError, StorageProblem, DatabaseProblem (writes held).
    """
    require(actor, Permission.EXPORT_VISITS)
    if fmt not in FORMATS:
        raise ValidationError(_("Choose CSV or Excel (XLSX) for the export."))
    _check(filters)
    target = Path(path)
    if not target.parent.is_dir():
        raise StorageProblem(_("The folder {folder} does not exist.").format(folder=target.parent))
    with db.read() as session:
        ensure_active(session, actor)
    try:
        fd, temp_name = tempfile.mkstemp(prefix=".export-", suffix="." + fmt, dir=target.parent)
    except OSError as exc:
        raise StorageProblem(_("Cannot write in the folder {folder}.").format(folder=target.parent)) from exc
    temp = Path(temp_name)
    try:
        with db.read() as session:  # one snapshot; no write lock held while the file is written
            if fmt == "csv":
                with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                    count = _write_csv(handle, _all_rows(session, filters))
            else:
                os.close(fd)
                count = _write_xlsx(temp, _all_rows(session, filters))
        with db.begin() as session:  # audited before the file appears under its name
            audit.record(session, actor, "visit_log.export", record_type="visit_log", record_id=fmt,
                         changes={"rows": count, **_filters_for_audit(filters)})
        os.replace(temp, target)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise StorageProblem(_("Cannot write the file {name}: {reason}").format(
            name=target.name, reason=exc.strerror or exc)) from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return count
