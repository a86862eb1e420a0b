"""A test's results as entered, checked against its test type's result fields and conditions
(domain.lab.catalogue), and the rules for a raw file attached to a test. Pure.

How a reading is entered: the value alone, its unit shown fixed beside the field. A unit typed
after the number ("355 MPa") is accepted only when it is the field's own unit (letter case aside):
"355 MPa" where HBW is expected is refused, naming the field. The decimal separator may be a comma.
A number is refused when it is not a number, out of the field's range, or has more decimals than
the field allows (trailing zeros aside: it is kept to the field's decimals). A choice takes one of
its values (or a label of one). A field left empty is not reported; at least one reading is needed.

The uncertainty kept with a reading is the expanded uncertainty U (k = 2) in the field's unit: the
technician's value when given, else the catalogue's (a relative one worked out on the value and
rounded to the field's decimals). Numbers are stored as exact decimal text, never float.
Conditions (the test temperature) are checked the same way: a number, in range, in the unit shown.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from frontdesk.domain.errors import ValidationError
from frontdesk.domain.lab.catalogue import Condition, ResultField, Uncertainty
from frontdesk.i18n import _, language, ngettext

MAX_TEXT = 2000
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024  # 20 MB: a testing machine's export or a micrograph
MAX_FILENAME = 120
_NUMBER = re.compile(r"^\s*([-+−]?(?:\d+(?:[.,]\d*)?|[.,]\d+))\s*(.*?)\s*$")
_UNSAFE = re.compile(r"[\x00-\x1f\x7f<>:\"/\\|?*]")


@dataclass(frozen=True)
class ReadingInput:
    """One reading as typed: the value (with its unit, optionally) and the technician's own
    expanded uncertainty (empty: the catalogue's)."""

    value: str
    uncertainty: str = ""


@dataclass(frozen=True)
class Reading:
    """One reading as stored: `value` exact decimal text for a number, the text or the choice's
    value otherwise; `uncertainty` U in the field's unit ("" when none)."""

    code: str
    value: str
    unit: str
    uncertainty: str = ""

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "value": self.value, "unit": self.unit, "uncertainty": self.uncertainty}


def label_of(item: ResultField | Condition) -> str:
    """A field's or condition's label in the user's language."""
    return item.label_it if language() == "it" else item.label_en


def _plain(number: Decimal) -> str:
    text = format(number, "f")
    return "0" if text in ("-0", "+0") else text


def _decimals(number: Decimal) -> int:
    exponent = number.as_tuple().exponent
    return max(-exponent, 0) if isinstance(exponent, int) else 0


def parse_number(text: str, *, unit: str, label: str) -> Decimal:
    """The number typed for a field or condition of `unit`; a unit typed after it must be `unit`.
    Raises ValidationError naming `label`."""
    match = _NUMBER.match(unicodedata.normalize("NFKC", text or ""))
    if match is None or re.match(r"^[eE][-+]?\d", match.group(2)):  # an exponent ("1e3") is no reading
        raise ValidationError(_("{label}: “{text}” is not a number.").format(label=label, text=(text or "").strip()),
                              field=label)
    typed_unit = match.group(2)
    if typed_unit and typed_unit.casefold() != unicodedata.normalize("NFKC", unit).casefold():
        if unit:
            message = _("{label} is in {unit}, not in {typed}: type the value in {unit}.").format(
                label=label, unit=unit, typed=typed_unit)
        else:
            message = _("{label} has no unit: “{typed}” is not accepted.").format(label=label, typed=typed_unit)
        raise ValidationError(message, field=label)
    try:
        number = Decimal(match.group(1).replace(",", ".").replace("−", "-"))
    except InvalidOperation:
        raise ValidationError(_("{label}: “{text}” is not a number.").format(label=label, text=text.strip()),
                              field=label) from None
    return number


def _in_range(number: Decimal, low: Decimal | None, high: Decimal | None, *, unit: str, label: str) -> None:
    if (low is not None and number < low) or (high is not None and number > high):
        raise ValidationError(_("{label}: {value} is out of range ({range}).").format(
            label=label, value=f"{_plain(number)} {unit}".strip(), range=range_hint(low, high, unit)), field=label)


def range_hint(low: Decimal | None, high: Decimal | None, unit: str) -> str:
    """"10–35 °C", as the dialog hints it ("" when unbounded)."""
    if low is None and high is None:
        return ""
    text = f"{_plain(low) if low is not None else '…'}–{_plain(high) if high is not None else '…'}"
    return f"{text} {unit}".strip()


def default_uncertainty(field: ResultField, value: Decimal) -> str:
    """The catalogue's expanded uncertainty for `value`, in the field's unit ("" when none)."""
    u: Uncertainty | None = field.uncertainty
    if u is None:
        return ""
    amount = abs(value) * u.value / 100 if u.relative else u.value
    if field.decimals is not None:
        amount = amount.quantize(Decimal(1).scaleb(-field.decimals), rounding=ROUND_HALF_UP)
    return _plain(amount)


def _number_reading(field: ResultField, entered: ReadingInput, label: str) -> Reading:
    number = parse_number(entered.value, unit=field.unit, label=label)
    if field.decimals is not None:
        if _decimals(number.normalize()) > field.decimals:
            message = (_("{label}: a whole number, without decimals.") if field.decimals == 0
                       else ngettext("{label}: at most {n} decimal.", "{label}: at most {n} decimals.",
                                     field.decimals))
            raise ValidationError(message.format(label=label, n=field.decimals), field=label)
        number = number.quantize(Decimal(1).scaleb(-field.decimals))
    _in_range(number, field.min, field.max, unit=field.unit, label=label)
    uncertainty = default_uncertainty(field, number)
    if (entered.uncertainty or "").strip():
        own = parse_number(entered.uncertainty, unit=field.unit, label=_("Uncertainty of {label}").format(label=label))
        if own < 0:
            raise ValidationError(_("The uncertainty of {label} is a number zero or above.").format(label=label),
                                  field=label)
        uncertainty = _plain(own)
    return Reading(field.name, _plain(number), field.unit, uncertainty)


def _choice_reading(field: ResultField, text: str, label: str) -> Reading:
    wanted = text.casefold()
    for choice in field.choices:
        if wanted in (choice.value.casefold(), choice.label_it.casefold(), choice.label_en.casefold()):
            return Reading(field.name, choice.value, field.unit)
    allowed = ", ".join(c.label_it if language() == "it" else c.label_en for c in field.choices)
    raise ValidationError(_("{label}: “{text}” is not one of the choices ({allowed}).").format(
        label=label, text=text, allowed=allowed), field=label)


def check_readings(fields: tuple[ResultField, ...], entered: Mapping[str, ReadingInput]) -> tuple[Reading, ...]:
    """The readings entered, checked against the test type's result fields, in the fields' order.
    Empty fields are left out; at least one reading is needed. Raises ValidationError naming the field."""
    known = {f.name for f in fields}
    unknown = sorted(set(entered) - known)
    if unknown:
        raise ValidationError(_("This test has no result “{name}”.").format(name=unknown[0]), field=unknown[0])
    readings = []
    for field in fields:
        item = entered.get(field.name)
        text = " ".join((item.value if item else "").split())
        if not text:
            if item is not None and (item.uncertainty or "").strip():
                raise ValidationError(_("{label}: an uncertainty without a value.").format(label=label_of(field)),
                                      field=field.name)
            continue
        label = label_of(field)
        if len(text) > MAX_TEXT:
            raise ValidationError(_("{label} is too long (at most {n} characters).").format(label=label, n=MAX_TEXT),
                                  field=field.name)
        if field.type == "number":
            readings.append(_number_reading(field, item, label))
        elif field.type == "choice":
            readings.append(_choice_reading(field, text, label))
        else:
            readings.append(Reading(field.name, text, field.unit))
    if not readings:
        raise ValidationError(_("Enter at least one result."), field="readings")
    return tuple(readings)


def check_conditions(conditions: tuple[Condition, ...], entered: Mapping[str, str], *,
                     required: bool = True) -> dict[str, str]:
    """The conditions recorded ({name: exact decimal text}), each a number in its range and unit;
    every condition is required unless `required` is False (results from an external lab)."""
    unknown = sorted(set(entered) - {c.name for c in conditions})
    if unknown:
        raise ValidationError(_("This test records no condition “{name}”.").format(name=unknown[0]), field=unknown[0])
    recorded: dict[str, str] = {}
    for condition in conditions:
        label = label_of(condition)
        text = (entered.get(condition.name) or "").strip()
        if not text:
            if required:
                raise ValidationError(_("{label} is required.").format(label=label), field=condition.name)
            continue
        number = parse_number(text, unit=condition.unit, label=label)
        _in_range(number, condition.min, condition.max, unit=condition.unit, label=label)
        recorded[condition.name] = _plain(number)
    return recorded


def check_reason(reason: str, *, version: int) -> str:
    """The reason for a new version: required from version 2 on (version 1 keeps none)."""
    text = " ".join((reason or "").split())
    if version > 1 and not text:
        raise ValidationError(_("A result already exists: say why this new version replaces it."), field="reason")
    if len(text) > 500:
        raise ValidationError(_("{label} is too long (at most {n} characters).").format(label=_("Reason"), n=500),
                              field="reason")
    return text if version > 1 else ""


def clean_filename(name: str) -> str:
    """A raw file's name made safe to store and to save again: the last path part, no control
    characters or characters Windows refuses, no leading dots, at most 120 characters (its
    extension kept). Raises ValidationError when nothing is left."""
    base = re.split(r"[/\\]", unicodedata.normalize("NFC", name or ""))[-1]
    base = " ".join(_UNSAFE.sub("_", base).split()).lstrip(". ").rstrip(". ")
    if len(base) > MAX_FILENAME:
        stem, dot, ext = base.rpartition(".")
        ext = ext[:16] if dot and stem else ""
        base = f"{base[:MAX_FILENAME - len(ext) - 1].rstrip()}.{ext}" if ext else base[:MAX_FILENAME]
    if not base.strip("_"):
        raise ValidationError(_("The file has no usable name."), field="filename")
    return base


def check_attachment_size(size: int) -> None:
    """An empty file or one over 20 MB is refused."""
    if size <= 0:
        raise ValidationError(_("The file is empty: nothing to attach."), field="content")
    if size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(_("The file is {size} MB: at most {limit} MB can be attached.").format(
            size=f"{size / 1024 / 1024:.1f}".replace(".", ","), limit=MAX_ATTACHMENT_BYTES // (1024 * 1024)),
            field="content")
