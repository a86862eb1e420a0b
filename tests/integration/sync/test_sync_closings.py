"""Kept daily closings across two desks through the real hub: R1's closing reaches R2 with its content,
and R2 draws the same PDF again (the SHA-256 kept at R1 matches); each desk's closings stay its own
(kept_closings by desk), a day closed twice keeps both rows at both desks; a receipt voided at R2
after R1 closed its day shows at R1 as a change against the kept closing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sync_hub import sync_settled

from frontdesk.domain.clock import today_in_rome
from frontdesk.domain.receipts.receipt import LineInput
from frontdesk.services.receipts.closing import daily_closing
from frontdesk.services.receipts.issue import issue_receipt, void_receipt
from frontdesk.services.receipts.kept_closings import closing_changes, keep_closing, kept_closing_pdf, kept_closings
from frontdesk.services.registry.companies import CompanyInput, create_company

LINE = LineInput("Prova di trazione", Decimal("1"), Decimal("120.00"), vat_rate="22", kind="test",
                 source_code="TENSILE")


def test_a_kept_closing_reaches_the_other_desk_and_is_drawn_there_identically(hub, desks):
    r1, r2 = desks
    company = create_company(r1.db, data=CompanyInput(
        name="Rota Meccanica S.r.l.", vat_number="01114601006", address="Via Roma 5", postcode="24044",
        city="Dalmine", province="BG"), actor=r1.admin, allow_duplicate=True)
    first = issue_receipt(r1.db, company_id=company.id, lines=(LINE,), payment="card", actor=r1.admin)
    issue_receipt(r1.db, company_id=company.id, lines=(LINE,), payment="cash", actor=r1.admin)
    day = today_in_rome()
    kept = keep_closing(r1.db, day=day, actor=r1.admin)
    again = keep_closing(r1.db, day=day, actor=r1.admin, now=kept.made_at + dt.timedelta(minutes=5))
    sync_settled(hub, r1, r2)

    there = kept_closings(r2.db, day=day, desk="R1")
    assert [k.id for k in there] == [again.id, kept.id]
    assert there[1].closing == kept.closing and there[1].pdf_sha256 == kept.pdf_sha256
    assert kept_closing_pdf(r2.db, closing_id=kept.id) == kept.pdf
    assert kept_closings(r2.db, day=day) == []  # R2 has closed nothing of its own

    own = keep_closing(r2.db, day=day, actor=r2.admin)
    assert own.closing.desk == "R2" and own.closing.issued == 0
    void_receipt(r2.db, receipt_id=first.id, reason="Cliente sbagliato", actor=r2.admin)
    sync_settled(hub, r2, r1)
    assert [k.id for k in kept_closings(r1.db, day=day, desk="R2")] == [own.id]
    assert [k.id for k in kept_closings(r1.db, day=day)] == [again.id, kept.id]
    changes = closing_changes(kept.closing, daily_closing(r1.db, day=day, actor=r1.admin))
    assert any(first.number in change and "Cliente sbagliato" in change for change in changes)
