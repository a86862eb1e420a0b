"""The receipt as both layouts print it: the `ReceiptDocument` value and its texts (pure).

Imports frontdesk.domain and frontdesk.i18n only; no reportlab, no Qt, no SQLAlchemy.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from frontdesk.domain.receipts.customer import CustomerCopy
from frontdesk.domain.receipts.receipt import Line, ReceiptTotals
from frontdesk.domain.receipts.tax_regimes import ORDINARY, TAX_REGIMES
from frontdesk.domain.receipts.vat import NATURES, TaxGroup
from frontdesk.domain.settings import Settings
from frontdesk.i18n import _, format_datetime, format_number, language

ISSUED, VOIDED = "issued", "voided"


@dataclass(frozen=True)
class PointData:
    """The Point as its receipts name it: the registered data of the site settings."""

    name: str
    address: str  # one line: street, postcode, city (province)
    vat_number: str
    fiscal_code: str
    rea: str
    tax_regime: str = ORDINARY  # the FatturaPA RegimeFiscale code

    @classmethod
    def of(cls, settings: Settings) -> PointData:
        return cls(settings.point_name, settings.point_full_address, settings.point_vat, settings.point_fiscal_code,
                   settings.point_rea, settings.point_tax_regime)


@dataclass(frozen=True)
class ReceiptDocument:
    number: str  # R1-2026-000123
    issued_at: dt.datetime  # aware (UTC); printed in Rome
    point: PointData
    customer: CustomerCopy
    totals: ReceiptTotals  # the lines (the charged stamp duty's among them), VAT groups, stamp duty due/charged
    payment_method: str  # domain.receipts.receipt.PAYMENT_METHODS
    status: str = ISSUED  # ISSUED | VOIDED
    void_reason: str = ""
    voided_at: dt.datetime | None = None
    copy: bool = False  # a reprint

    @property
    def voided(self) -> bool:
        return self.status == VOIDED


def payment_label(method: str) -> str:
    return {"cash": _("Cash"), "card": _("Card"), "transfer": _("Bank transfer"),
            "invoice": _("To be invoiced")}.get(method, method)


def title_text() -> str:
    return _("Non-fiscal receipt")


def number_text(doc: ReceiptDocument) -> str:
    return _("No. {number} of {when}").format(number=doc.number, when=format_datetime(doc.issued_at))


def purpose_text(doc: ReceiptDocument) -> str:
    """What the document is for; "to be invoiced" is not paid yet."""
    if doc.payment_method == "invoice":
        return _("Proof of what was agreed. This is not an invoice.")
    return _("Proof of what was agreed and paid. This is not an invoice.")


def follows_text(doc: ReceiptDocument) -> str:
    """The fiscal document that follows: the invoice, or for a private person the commercial document."""
    if doc.payment_method == "invoice":
        return _("The electronic invoice will follow; payment is due on receiving it.")
    if doc.customer.kind == "private":
        return _("The electronic invoice (or the commercial document) will follow.")
    return _("The electronic invoice will follow.")


def void_text(doc: ReceiptDocument) -> str:
    if doc.voided_at is not None:
        return _("Voided on {when}: {reason}").format(when=format_datetime(doc.voided_at), reason=doc.void_reason)
    return _("Voided: {reason}").format(reason=doc.void_reason)


def marks(doc: ReceiptDocument) -> list[str]:
    """The words stamped on the document: COPY for a reprint, VOIDED for a voided receipt."""
    return ([_("COPY")] if doc.copy else []) + ([_("VOIDED")] if doc.voided else [])


def point_ids(point: PointData) -> list[str]:
    """"VAT no. …", "Fiscal code …", "REA …": those the Point has."""
    return [text.format(value) for value, text in ((point.vat_number, _("VAT no. {}")),
                                                   (point.fiscal_code, _("Fiscal code {}")), (point.rea, _("REA {}")))
            if value]


def point_regime(point: PointData) -> str:
    """The tax regime, printed when it is not the ordinary one (a flat-rate Point says so)."""
    if not point.tax_regime or point.tax_regime == ORDINARY:
        return ""
    regime = next((r for r in TAX_REGIMES if r.code == point.tax_regime), None)
    return _("Tax regime: {regime}").format(regime=regime.label(language()) if regime else point.tax_regime)


def customer_lines(customer: CustomerCopy) -> list[str]:
    """The customer's copy: the name (a person's first and last name), address, VAT number and fiscal code."""
    person = " ".join(p for p in (customer.first_name, customer.last_name) if p)
    name = person if customer.kind == "private" and person else customer.name
    town = " ".join(p for p in (customer.postcode, customer.city) if p)
    town = f"{town} ({customer.province})" if town and customer.province else town
    lines = [name, customer.address, town]
    if customer.country and customer.country.upper() not in ("IT", "ITALIA", "ITALY"):
        lines.append(customer.country)
    if customer.vat_number:
        lines.append(_("VAT no. {}").format(customer.vat_number))
    if customer.fiscal_code:
        lines.append(_("Fiscal code {}").format(customer.fiscal_code))
    return [line for line in lines if line]


def quantity_text(quantity: Decimal) -> str:
    """"2", "1,5": no trailing zeros."""
    exact = quantity.quantize(Decimal(1)) if quantity == quantity.to_integral_value() else quantity.normalize()
    return format_number(exact)


def group_label(group: TaxGroup) -> str:
    """"VAT 22%", or the nature code and its text ("N4 Esenti")."""
    if group.vat_rate:
        return _("VAT {rate}%").format(rate=group.vat_rate)
    return f"{group.nature} {NATURES[group.nature].text}"


def line_description(line: Line) -> str:
    """The charged stamp duty's line is named in the document's language; other lines as entered."""
    return _("Stamp duty") if line.kind == "stamp_duty" else line.description


def stamp_note(doc: ReceiptDocument) -> str:
    """The note when the stamp duty is due but the Point pays it (not charged: no line)."""
    return _("Stamp duty paid by the Point") if doc.totals.stamp_duty_due and not doc.totals.stamp_duty_charged \
        else ""
