"""How the catalogue's values read on screen and are read back from what was typed: prices in
euro ("90,00 €", "1,20 €/h"), durations ("30 min", "2–1008 h"), decimals with the locale's comma,
uncertainties ("1,5 %" relative to the result, "4" in the field's unit). Imports Qt core (for
translations) and frontdesk.i18n; no widgets, no services."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QCoreApplication

from frontdesk.domain.errors import ValidationError
from frontdesk.domain.lab.catalogue import TestTypeSpec, Uncertainty
from frontdesk.i18n import format_money, format_number, language


def translate(context: str, text: str) -> str:
    """QCoreApplication.translate under a name lupdate extracts (context and text must be literals)."""
    return QCoreApplication.translate(context, text)


def euro_text(cents: int) -> str:
    """'90,00 €' in Italian."""
    return format_money(Decimal(cents) / 100)


def price_text(spec: TestTypeSpec, cents: int) -> str:
    """A price as the table shows it: per test, or per hour for an exposure."""
    return translate("CatalogueTexts", "%1/h").replace("%1", euro_text(cents)) if spec.is_exposure else euro_text(cents)


def duration_text(spec: TestTypeSpec) -> str:
    if spec.is_exposure:
        text = translate("CatalogueTexts", "%1–%2 h")
        return text.replace("%1", format_number(spec.hours_min)).replace("%2", format_number(spec.hours_max))
    return translate("CatalogueTexts", "%1 min").replace("%1", format_number(spec.duration_min))


def decimal_text(value: Decimal | int | None) -> str:
    """A number as typed in this language, without grouping ('6,5'); '' for none."""
    if value is None:
        return ""
    text = format(Decimal(value).normalize(), "f")
    return text.replace(".", ",") if language() == "it" else text


def parse_decimal(text: str) -> Decimal | None:
    """What was typed as a number ('6,5', '6.5', '-196'); None when empty; a ValueError otherwise."""
    cleaned = text.strip().replace(" ", "").replace("±", "").replace(",", ".")
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(text) from None
    if not value.is_finite():
        raise ValueError(text)
    return value


def uncertainty_text(uncertainty: Uncertainty | None) -> str:
    if uncertainty is None:
        return ""
    number = decimal_text(uncertainty.value)
    return f"{number} %" if uncertainty.relative else number


def parse_uncertainty(text: str) -> dict | None:
    """'1,5 %' -> relative 1.5; '4' -> 4 in the field's unit; '' -> none (the mapping domain.lab reads)."""
    cleaned = text.strip()
    if not cleaned:
        return None
    relative = cleaned.endswith("%")
    value = parse_decimal(cleaned.rstrip("%"))
    if value is None:
        raise ValueError(text)
    return {"value": value, "relative": relative}


def parse_euro(text: str, *, field: str) -> int:
    """Cents of a price typed in euro: '90', '90,50', '1.234,50', '90.50' (and a '€' left in).
    Raises ValidationError on anything else, beside `field`."""
    cleaned = _plain_number(text.replace("€", "").replace(" ", "").replace("\u00a0", "").strip())
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or value != value.quantize(Decimal("0.01")):
        raise ValidationError(translate("CatalogueTexts", "Type the price in euro, with at most two decimals "
                                                          "(e.g. 90,50)."), field=field)
    return int(value * 100)


def _plain_number(text: str) -> str:
    """'1.234,50' or '1,234.50' -> '1234.50': with both marks the last one is the decimal point; a
    lone mark followed by groups of three digits is the language's thousands separator."""
    if "," in text and "." in text:
        point = "," if text.rfind(",") > text.rfind(".") else "."
        other = "." if point == "," else ","
        return text.replace(other, "").replace(point, ".")
    grouping = "." if language() == "it" else ","
    if re.fullmatch(rf"-?\d{{1,3}}(\{grouping}\d{{3}})+", text):
        return text.replace(grouping, "")
    return text.replace(",", ".")


def money_input_text(cents: int) -> str:
    """A price in the form's editor: '90,00' ('90.00' in English)."""
    return format_number(Decimal(cents) / 100, 2)
