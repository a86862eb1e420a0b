"""Receipt set-ups shared by the receipts' tests: a customer complete enough for a receipt, and lines."""

from __future__ import annotations

from decimal import Decimal

from frontdesk.domain.receipts.receipt import LineInput
from frontdesk.services.registry.companies import CompanyInput, create_company

VAT = "01114601006"


def customer(db, actor, name: str = "Rota Meccanica S.r.l."):
    """An Italian company with everything a receipt needs; its CompanySummary."""
    return create_company(db, data=CompanyInput(name=name, vat_number=VAT, address="Via Roma 5", postcode="24044",
                                                city="Dalmine", province="BG"), actor=actor, allow_duplicate=True)


def tensile(quantity: str = "1", price: str = "100.00") -> LineInput:
    return LineInput("Prova di trazione", Decimal(quantity), Decimal(price), vat_rate="22", kind="test",
                     source_code="TENSILE")
