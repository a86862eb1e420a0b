"""Likely duplicates across desks: one VAT number entered at two desks as two companies is kept
twice (at the hub and at both desks) and the sync that brings the second says so."""

from __future__ import annotations

from sync_hub import hub_rows, sync_until

from frontdesk.services.registry.companies import CompanyInput, create_company
from frontdesk.services.registry.duplicates import likely_duplicates


def test_one_vat_number_entered_at_two_desks_is_kept_twice_and_reported(desks, hub):
    a, b = desks
    create_company(a.db, data=CompanyInput(name="Acciaierie Bergamasche S.p.A.", vat_number="00743110157"),
                   actor=a.admin)
    create_company(b.db, data=CompanyInput(name="Acciaierie Bergamasche", vat_number="00743110157"),
                   actor=b.admin)
    first = a.sync()
    assert first.new_duplicates == 0
    for desk in (b, a):
        reports = sync_until(desk, lambda d=desk: len(likely_duplicates(d.db)) == 1)
        assert [r.new_duplicates for r in reports][-1] == 1 and sum(r.new_duplicates for r in reports) == 1
        assert any("1 new group of likely duplicates" in note for note in reports[-1].notes())
    for desk in desks:
        (group,) = likely_duplicates(desk.db)
        assert sorted(m.name for m in group.members) == ["Acciaierie Bergamasche", "Acciaierie Bergamasche S.p.A."]
        assert sorted(m.created_desk for m in group.members) == ["R1", "R2"]
    assert hub_rows(hub.db_url, "SELECT count(*) FROM hub_record WHERE tbl = 'company' "
                                "AND data->>'vat_number' = '00743110157'") == [(2,)]
    assert a.sync().new_duplicates == 0  # nothing new the next time
