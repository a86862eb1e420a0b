"""The visit log service on a real SQLite file: filters, paging, counting, CSV and XLSX export."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools

import pytest

from frontdesk.db.models import Host, Service, Visit
from frontdesk.domain.errors import StorageProblem, ValidationError
from frontdesk.i18n import set_language
from frontdesk.services.desk.setup import first_admin_actor, init_desk, open_desk
from frontdesk.services.reception import visit_log
from frontdesk.services.reception.visit_log import VisitFilters, count_visits, export_visits, list_visits
from frontdesk.services.registry.companies import CompanyInput, create_company
from frontdesk.services.registry.reference import associations, services
from frontdesk.services.registry.visitors import VisitorInput, create_visitor

UTC = dt.UTC


@pytest.fixture
def office(tmp_path):
    """Two companies in two associations, three visitors, visits over three days."""
    set_language("it")
    path = tmp_path / "d.sqlite"
    init_desk(path, desk="R1")
    db = open_desk(path)
    actor = first_admin_actor(db)
    assoc = {a.code: a for a in associations(db)}
    svc = {s.code: s for s in services(db)}
    acme = create_company(db, data=CompanyInput(name="Acciaierie Bergamasche", vat_number="00743110157",
                                                association_id=assoc["confindustria"].id), actor=actor)
    forno = create_company(db, data=CompanyInput(name="=HYPERLINK(\"x\") Forno", kind="foreign",
                                                 association_id=assoc["confartigianato"].id), actor=actor)
    nicolo = create_visitor(db, data=VisitorInput("Nicolò", "D'Alessandro", acme.id), actor=actor,
                            privacy_notice_version="2026-01")
    anna = create_visitor(db, data=VisitorInput("Anna", "Bianchi", forno.id), actor=actor,
                          privacy_notice_version="2026-01")
    solo = create_visitor(db, data=VisitorInput("Piero", "Senza", None), actor=actor, privacy_notice_version="2026-01")
    with db.begin() as session:
        host = Host(name="Dott.ssa Rota", organisation="Point")
        session.add(host)
        session.flush()

        def visit(who, code, when, out=None, status="out", system=False):
            session.add(Visit(visitor_id=who.id, service_id=svc[code].id, host_id=host.id, status=status,
                              checked_in_at=when, checked_out_at=out, closed_by_system=system))

        # 2025-03-10 23:30 UTC is 2025-03-11 00:30 in Rome: it belongs to the 11th.
        visit(nicolo, "materials_testing", dt.datetime(2025, 3, 10, 8, 0, tzinfo=UTC),
              dt.datetime(2025, 3, 10, 9, 15, tzinfo=UTC))
        visit(anna, "training", dt.datetime(2025, 3, 10, 23, 30, tzinfo=UTC),
              dt.datetime(2025, 3, 11, 19, 0, tzinfo=UTC), system=True)
        visit(solo, "meeting", dt.datetime(2025, 3, 12, 14, 5, tzinfo=UTC), None, status="on_site")
        visit(nicolo, "training", None, None, status="expected")
        visit(anna, "training", dt.datetime(2025, 3, 12, 7, 0, tzinfo=UTC), None, status="cancelled")
    yield {"db": db, "acme": acme, "forno": forno, "assoc": assoc, "svc": svc, "actor": actor}
    db.dispose()


def test_log_lists_checked_in_visits_newest_first(office):
    rows = list_visits(office["db"], filters=VisitFilters())
    assert [r.visitor_name for r in rows] == ["Piero Senza", "Anna Bianchi", "Nicolò D'Alessandro"]
    assert count_visits(office["db"], filters=VisitFilters()) == 3
    top = rows[0]
    assert top.status == "on_site" and top.checked_out_at is None and top.company_name == ""
    assert rows[1].association_name == "Confartigianato Imprese Bergamo"
    assert rows[1].service_name == "Professional training" and rows[1].host_name == "Dott.ssa Rota"
    assert rows[2].checked_in_at.tzinfo is not None


def test_date_filter_uses_rome_days(office):
    db = office["db"]
    day = VisitFilters(date_from=dt.date(2025, 3, 11), date_to=dt.date(2025, 3, 11))
    assert [r.visitor_name for r in list_visits(db, filters=day)] == ["Anna Bianchi"]
    assert count_visits(db, filters=day) == 1
    tenth = VisitFilters(date_from=dt.date(2025, 3, 10), date_to=dt.date(2025, 3, 10))
    assert [r.visitor_name for r in list_visits(db, filters=tenth)] == ["Nicolò D'Alessandro"]
    since = VisitFilters(date_from=dt.date(2025, 3, 11))
    assert count_visits(db, filters=since) == 2


def test_company_association_purpose_filters(office):
    db = office["db"]
    assert [r.visitor_name for r in list_visits(db, filters=VisitFilters(company_id=office["acme"].id))] == [
        "Nicolò D'Alessandro"]
    by_assoc = VisitFilters(association_id=office["assoc"]["confartigianato"].id)
    assert [r.visitor_name for r in list_visits(db, filters=by_assoc)] == ["Anna Bianchi"]
    assert count_visits(db, filters=by_assoc) == 1
    by_service = VisitFilters(service_id=office["svc"]["training"].id)
    assert count_visits(db, filters=by_service) == 1  # the expected and the cancelled ones are not in the log
    both = VisitFilters(service_id=office["svc"]["training"].id, company_id=office["acme"].id)
    assert list_visits(db, filters=both) == [] and count_visits(db, filters=both) == 0


def test_paging_is_stable_and_complete(office):
    db = office["db"]
    with db.begin() as session:
        service = session.query(Service).first()
        visitor_id = session.query(Visit).first().visitor_id
        base = dt.datetime(2024, 1, 1, 9, tzinfo=UTC)
        for i in range(450):
            session.add(Visit(visitor_id=visitor_id, service_id=service.id, status="out",
                              checked_in_at=base + dt.timedelta(minutes=i // 2)))  # pairs share a moment
    assert count_visits(db, filters=VisitFilters()) == 453
    seen, after = [], None
    for _page in range(3):
        page = list_visits(db, filters=VisitFilters(), after=after, limit=200)
        seen.extend(page)
        after = page[-1] if page else None
    assert list_visits(db, filters=VisitFilters(), after=after, limit=200) == []
    assert len(seen) == 453 == len({r.id for r in seen})
    rows = list_visits(db, filters=VisitFilters(), limit=1000)
    assert seen == rows  # seeking page by page gives the one list, ties (same moment) broken by id
    assert all((a.checked_in_at, a.id) > (b.checked_in_at, b.id) for a, b in itertools.pairwise(rows))
    for filters in (VisitFilters(company_id=office["acme"].id), VisitFilters(date_from=dt.date(2024, 1, 1),
                                                                            date_to=dt.date(2024, 1, 1))):
        whole = list_visits(db, filters=filters, limit=1000)
        first = list_visits(db, filters=filters, limit=7)
        assert first + list_visits(db, filters=filters, after=first[-1], limit=1000) == whole


def _plan(office, filters: VisitFilters, after=None) -> list[str]:
    import sqlite3

    from sqlalchemy.dialects import sqlite as sqlite_dialect

    sql = str(visit_log.page_query(filters, after=after).compile(dialect=sqlite_dialect.dialect(),
                                                                 compile_kwargs={"literal_binds": True}))
    conn = sqlite3.connect(office["db"].path)
    try:
        return [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql)]
    finally:
        conn.close()


def test_an_all_dates_page_walks_the_check_in_index(office):
    """The plan of an "all dates" page, the first and one further on: it walks the check-in index
    (newest first, stopping at the page's rows), reaches the rest by primary key, and never sorts
    the whole log (only ties of one moment, by id) nor reads it by status."""
    rows = list_visits(office["db"], filters=VisitFilters())
    for after in (None, rows[1]):
        plan = _plan(office, VisitFilters(), after)
        assert plan[0].startswith("SEARCH visit USING INDEX ix_visit_checked_in_at"), plan
        assert all(step.startswith("SEARCH") or step == "USE TEMP B-TREE FOR RIGHT PART OF ORDER BY"
                   for step in plan), plan
        assert not any("ix_visit_status" in step for step in plan), plan
    company = _plan(office, VisitFilters(company_id=office["acme"].id))  # from the company's visitors
    assert any("ix_visitor_company_id" in step for step in company), company
    assert any("ix_visit_visitor_in" in step for step in company), company
    assert not any(step.startswith("SCAN") or "ix_visit_status" in step for step in company), company


def test_reversed_dates_are_refused(office):
    bad = VisitFilters(date_from=dt.date(2025, 3, 12), date_to=dt.date(2025, 3, 1))
    with pytest.raises(ValidationError):
        list_visits(office["db"], filters=bad)
    with pytest.raises(ValidationError):
        count_visits(office["db"], filters=bad)


def test_csv_export_has_bom_semicolons_italian_dates_and_no_formulas(office, tmp_path):
    target = tmp_path / "visite.csv"
    assert export_visits(office["db"], filters=VisitFilters(), path=target, fmt="csv", actor=office["actor"]) == 3
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0] == visit_log.headers() and len(rows[0]) == 9
    assert len(rows) == 4
    nicolo = rows[3]
    assert nicolo[:3] == ["10/03/2025", "09:00", "10:15"]  # Rome is UTC+1 in March
    assert nicolo[3] == "Nicolò D'Alessandro" and nicolo[4] == "Acciaierie Bergamasche"
    anna = rows[2]
    assert anna[0] == "11/03/2025" and anna[1] == "00:30"
    assert anna[4].startswith("'=")  # would be a formula in Excel: written as text
    assert rows[1][2] == ""  # still on site


def test_xlsx_export_reads_back(office, tmp_path):
    from openpyxl import load_workbook

    target = tmp_path / "visite.xlsx"
    assert export_visits(office["db"], filters=VisitFilters(company_id=office["forno"].id), path=target,
                         fmt="xlsx", actor=office["actor"]) == 1
    sheet = load_workbook(target).active
    values = list(sheet.iter_rows(values_only=True))
    assert len(values) == 2
    row = values[1]
    assert row[0] == dt.datetime(2025, 3, 11, 0, 30) and row[2] == dt.datetime(2025, 3, 11, 20, 0)
    assert row[4] == '=HYPERLINK("x") Forno'  # text, not a formula
    assert sheet.cell(2, 5).data_type == "s"
    assert sheet.cell(2, 1).number_format == "dd/mm/yyyy"


def test_export_refuses_unknown_format_and_missing_folder(office, tmp_path):
    with pytest.raises(ValidationError):
        export_visits(office["db"], filters=VisitFilters(), path=tmp_path / "x.pdf", fmt="pdf", actor=office["actor"])
    with pytest.raises(StorageProblem):
        export_visits(office["db"], filters=VisitFilters(), path=tmp_path / "nope" / "x.csv", fmt="csv",
                      actor=office["actor"])
    assert not list(tmp_path.glob(".export-*"))


def test_export_in_english(office, tmp_path):
    set_language("en")
    try:
        target = tmp_path / "v.csv"
        export_visits(office["db"], filters=VisitFilters(), path=target, fmt="csv", actor=office["actor"])
        header = target.read_text(encoding="utf-8-sig").splitlines()[0]
        assert header == "Date;Check-in;Check-out;Visitor;Company;Association;Purpose;Host;Status"
        assert visit_log.status_label(list_visits(office["db"], filters=VisitFilters())[1]) == \
            "Checked out automatically"
    finally:
        set_language("it")
