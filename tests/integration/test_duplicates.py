"""Likely duplicates (services.registry.duplicates) on a real SQLite file: one VAT number or
Codice Fiscale on two companies, one name and e-mail on two visitors; both records kept."""

from __future__ import annotations

from frontdesk.services.privacy.rights import erase_person
from frontdesk.services.registry.companies import CompanyInput, create_company
from frontdesk.services.registry.duplicates import COMPANY, VISITOR, duplicate_keys, likely_duplicates
from frontdesk.services.registry.visitors import VisitorInput, create_visitor


def _company(db, admin, name: str, **fields):
    return create_company(db, data=CompanyInput(name=name, **fields), actor=admin, allow_duplicate=True)


def test_nothing_is_listed_when_nothing_looks_alike(db, admin):
    _company(db, admin, "Officine Zanetti", vat_number="01114601006")
    _company(db, admin, "Carpenteria Rota", vat_number="02545940161")
    create_visitor(db, data=VisitorInput("Giulia", "Bonomi", email="giulia@example.it"), actor=admin)
    create_visitor(db, data=VisitorInput("Giulia", "Bonomi", email="g.bonomi@example.it"), actor=admin)
    create_visitor(db, data=VisitorInput("Marco", "Rossi"), actor=admin)
    create_visitor(db, data=VisitorInput("Marco", "Rossi"), actor=admin)  # no e-mail: no natural key
    assert likely_duplicates(db) == [] and duplicate_keys(db) == frozenset()


def test_one_vat_number_or_codice_fiscale_on_two_companies_and_one_person_twice_are_listed(db, admin):
    first = _company(db, admin, "Acciaierie Bergamasche S.p.A.", vat_number="00743110157", city="Dalmine")
    second = _company(db, admin, "Acciaierie Bergamasche", vat_number="00743110157", city="Bergamo")
    _company(db, admin, "", kind="private", first_name="Mario", last_name="Rossi", fiscal_code="RSSMRA80A01H501U")
    _company(db, admin, "", kind="private", first_name="Rossi", last_name="Mario", fiscal_code="RSSMRA80A01H501U")
    one = create_visitor(db, data=VisitorInput("Nicolò", "Zanchi", email="n.zanchi@example.it"), actor=admin)
    two = create_visitor(db, data=VisitorInput("Nicolò", "Zanchi ", email="N.Zanchi@example.it",
                                               company_id=first.id), actor=admin)

    groups = likely_duplicates(db)
    assert [(g.kind, g.reason) for g in groups] == [
        (COMPANY, "Same VAT number 00743110157"), (COMPANY, "Same Codice Fiscale RSSMRA80A01H501U"),
        (VISITOR, "Same name and e-mail n.zanchi@example.it")]
    assert [m.id for m in groups[0].members] == [first.id, second.id]  # oldest first, both kept
    assert [m.detail for m in groups[0].members] == ["Dalmine", "Bergamo"]
    assert {m.id for m in groups[2].members} == {one.id, two.id}
    assert all(m.created_desk == "R1" for g in groups for m in g.members)
    assert duplicate_keys(db) == frozenset(g.key for g in groups)


def test_an_erased_person_is_no_longer_a_likely_duplicate(db, admin):
    one = create_visitor(db, data=VisitorInput("Nicolò", "Zanchi", email="n.zanchi@example.it"), actor=admin)
    create_visitor(db, data=VisitorInput("Nicolò", "Zanchi", email="n.zanchi@example.it"), actor=admin)
    assert len(likely_duplicates(db)) == 1
    erase_person(db, visitor_id=one.id, reason="Richiesta dell'interessato", actor=admin)
    assert likely_duplicates(db) == []
