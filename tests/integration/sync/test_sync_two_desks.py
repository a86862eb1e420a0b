"""Two desks and one hub (a real process on a real PostgreSQL): what one desk does reaches the
other, and running again transfers nothing."""

from __future__ import annotations

from frontdesk.services.reception.visits import check_in_new_visitor, on_site
from frontdesk.services.registry.companies import CompanyInput, create_company, search_companies
from frontdesk.services.registry.visitors import VisitorInput, search_visitors


def test_a_visit_made_at_desk_a_is_found_at_desk_b(desks):
    a, b = desks
    company = create_company(a.db, data=CompanyInput(name="Officine Brembo Test", city="Dalmine",
                                                     vat_number="00743110157"), actor=a.admin)
    result = check_in_new_visitor(a.db, visitor=VisitorInput("Nicolò", "Zanchi", company_id=company.id),
                                  service_code="meeting", host_id=None, privacy_notice_shown=True, actor=a.admin)
    report_a = a.sync()
    assert report_a.rejected == 0 and report_a.pushed > 0 and report_a.waiting == 0
    report_b = b.sync()
    assert report_b.pulled > 0 and report_b.rejected == 0

    found = search_visitors(b.db, query="zanc")
    assert [(v.first_name, v.last_name, v.company_name) for v in found] == [("Nicolò", "Zanchi",
                                                                             "Officine Brembo Test")]
    assert [c.name for c in search_companies(b.db, query="brembo")] == ["Officine Brembo Test"]
    visits = {v.id: v for v in on_site(b.db)}
    assert result.visit.id in visits
    assert report_b.differences == {}


def test_syncing_again_transfers_nothing(desks):
    a, b = desks
    create_company(a.db, data=CompanyInput(name="Acciaierie Test", kind="foreign"), actor=a.admin)
    create_company(b.db, data=CompanyInput(name="Fonderie Test", kind="foreign"), actor=b.admin)
    a.sync(), b.sync(), a.sync()
    for desk in (a, b):
        again = desk.sync()
        assert (again.pushed, again.pulled, again.changed, again.waiting) == (0, 0, 0, 0)
        assert again.differences == {}
    assert {c.name for c in search_companies(a.db, query="test")} == {"Acciaierie Test", "Fonderie Test"}
    assert {c.name for c in search_companies(b.db, query="test")} == {"Acciaierie Test", "Fonderie Test"}
