"""The lab's test catalogue as values: a test type, the result fields it produces, the conditions
to record while it runs; parsing and checking them (from resources/lab/catalogue.json or from the
lab manager's form), and the two sums every later step needs: a test's machine time and price.

Uncertainty has one representation: the expanded uncertainty U (coverage factor k = 2, about
95 %), with `relative` False when U is in the field's own unit ("± 4 J") and True when U is in
percent of the result ("± 1.5 % of the value"); None when the catalogue states none.

Numbers that are not counts (ranges, uncertainties) are `Decimal`, never float; money is integer
cents. An exposure chosen per request in whole hours (neutral salt spray) has `hours_min` and
`hours_max` and a price per hour; any other test has a fixed `duration_min` and a price per test.
Pure: imports nothing of SQLAlchemy or Qt.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from frontdesk.domain.errors import ValidationError
from frontdesk.i18n import _

FIELD_TYPES = ("number", "text", "choice")
VAT_RATES = ("22", "10", "5", "4", "0")  # Italian VAT rates, percent, as exact text
HOURS_LIMIT = (1, 5000)  # bounds any exposure's hours must stay within (catalogue and requests)
MAX_DURATION_MIN = 7 * 24 * 60  # a fixed-duration test takes at most a week of machine time
MAX_PRICE_CENTS = 100_000_000  # one million euro: anything above is a typing slip
MAX_DECIMALS = 6
CODE = re.compile(r"^[A-Z0-9][A-Z0-9._-]{0,39}$")
NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")  # a result field's or condition's name, and an equipment kind


@dataclass(frozen=True)
class Uncertainty:
    """The expanded uncertainty U (k = 2): in the field's unit, or in percent of the result."""

    value: Decimal
    relative: bool = False


@dataclass(frozen=True)
class Choice:
    """One allowed answer of a `choice` field: the stored value and its labels."""

    value: str
    label_it: str
    label_en: str


@dataclass(frozen=True)
class ResultField:
    """One result a test produces. `min`/`max`/`decimals`/`uncertainty` belong to numbers only;
    `choices` to choices only."""

    name: str
    label_it: str
    label_en: str
    unit: str = ""
    type: str = "number"
    min: Decimal | None = None
    max: Decimal | None = None
    decimals: int | None = None
    uncertainty: Uncertainty | None = None
    choices: tuple[Choice, ...] = ()


@dataclass(frozen=True)
class Condition:
    """An environmental condition to record while the test runs, with its allowed range."""

    name: str
    label_it: str
    label_en: str
    unit: str = ""
    min: Decimal | None = None
    max: Decimal | None = None


@dataclass(frozen=True)
class TestTypeSpec:
    """A test the lab offers, as the catalogue and the lab manager's form describe it."""

    __test__ = False  # not a pytest test class, whatever its name says

    code: str
    name_it: str
    name_en: str
    standard: str
    method: str = ""
    accredited: bool = False
    equipment_kind: str = ""
    duration_min: int = 0
    prep_min: int = 0
    hours_min: int | None = None
    hours_max: int | None = None
    price_cents: int = 0
    member_price_cents: int = 0
    vat_rate: str = "22"
    result_fields: tuple[ResultField, ...] = ()
    conditions: tuple[Condition, ...] = ()

    @property
    def is_exposure(self) -> bool:
        """Chosen per request in whole hours (priced per hour), rather than of fixed duration."""
        return self.hours_min is not None


# --- the two sums -------------------------------------------------------------------------------

def check_hours(spec: TestTypeSpec, hours: int | None) -> int | None:
    """`hours` checked against the type: a whole number within its bounds for an exposure, None
    for a test of fixed duration. Raises ValidationError."""
    if not spec.is_exposure:
        if hours is not None:
            raise ValidationError(_("This test has a fixed duration: no hours are chosen for it."), field="hours")
        return None
    if hours is None or isinstance(hours, bool) or not isinstance(hours, int) \
            or not spec.hours_min <= hours <= spec.hours_max:
        raise ValidationError(_("The exposure lasts a whole number of hours from {low} to {high}.").format(
            low=spec.hours_min, high=spec.hours_max), field="hours")
    return hours


def machine_minutes(spec: TestTypeSpec, hours: int | None = None) -> int:
    """The machine time of one test: the exposure's hours in minutes, or the fixed duration."""
    chosen = check_hours(spec, hours)
    return chosen * 60 if chosen is not None else spec.duration_min


def price_cents(spec: TestTypeSpec, hours: int | None = None, member: bool = False) -> int:
    """The price of one test without VAT, in cents: per hour for an exposure, else per test; the
    member price when the customer's association qualifies."""
    chosen = check_hours(spec, hours)
    unit = spec.member_price_cents if member else spec.price_cents
    return unit * chosen if chosen is not None else unit


# --- checking -----------------------------------------------------------------------------------

def _text(value: object, *, field: str, label: str, required: bool = True, max_len: int = 200) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError(_("{label} must be text.").format(label=label), field=field)
    text = " ".join(value.split()) if max_len <= 200 else value.strip()
    if required and not text:
        raise ValidationError(_("{label} is required.").format(label=label), field=field)
    if len(text) > max_len:
        raise ValidationError(_("{label} is too long (at most {n} characters).").format(label=label, n=max_len),
                              field=field)
    return text


def _int(value: object, *, field: str, label: str, low: int, high: int, optional: bool = False) -> int | None:
    if value is None and optional:
        return None
    if isinstance(value, Decimal) and value == value.to_integral_value():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(_("{label} must be a whole number.").format(label=label), field=field)
    if not low <= value <= high:
        raise ValidationError(_("{label}: a whole number from {low} to {high}.").format(label=label, low=low,
                                                                                        high=high), field=field)
    return value


def _cents(value: object, *, field: str, label: str) -> int:
    amount = _int(value, field=field, label=label, low=-MAX_PRICE_CENTS - 1, high=MAX_PRICE_CENTS + 1)
    if amount < 0:
        raise ValidationError(_("{label} cannot be negative.").format(label=label), field=field)
    if amount > MAX_PRICE_CENTS:
        raise ValidationError(_("{label} is too high.").format(label=label), field=field)
    return amount


def _decimal(value: object, *, field: str, label: str) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValidationError(_("{label} must be a number.").format(label=label), field=field)
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        raise ValidationError(_("{label} must be a number.").format(label=label), field=field) from None
    if not number.is_finite():
        raise ValidationError(_("{label} must be a number.").format(label=label), field=field)
    return number


def _range(low: Decimal | None, high: Decimal | None, *, field: str, label: str) -> None:
    if low is not None and high is not None and low > high:
        raise ValidationError(_("{label}: the minimum is above the maximum.").format(label=label), field=field)


def _name(value: object, *, field: str, label: str) -> str:
    text = _text(value, field=field, label=label, max_len=40)
    if not NAME.match(text):
        raise ValidationError(_("{label} is written in lower-case letters, digits and underscores, starting "
                                "with a letter (e.g. {example}).").format(label=label, example="rp02"), field=field)
    return text


def _mapping(value: object, *, what: str) -> Mapping:
    if not isinstance(value, Mapping):
        raise ValidationError(_("{what} is not described correctly.").format(what=what))
    return value


def parse_uncertainty(data: object, *, label: str) -> Uncertainty | None:
    if data is None:
        return None
    item = _mapping(data, what=label)
    value = _decimal(item.get("value"), field="uncertainty", label=_("Uncertainty of {label}").format(label=label))
    if value is None or value < 0:
        raise ValidationError(_("The uncertainty of {label} is a number zero or above.").format(label=label),
                              field="uncertainty")
    relative = item.get("relative", False)
    if not isinstance(relative, bool):
        raise ValidationError(_("The uncertainty of {label} is either relative or in the field's unit.").format(
            label=label), field="uncertainty")
    return Uncertainty(value, relative)


def parse_choice(data: object) -> Choice:
    item = _mapping(data, what=_("A choice"))
    value = _text(item.get("value"), field="choices", label=_("Choice value"), max_len=60)
    label_it = _text(item.get("label_it") or value, field="choices", label=_("Italian label"), max_len=100)
    label_en = _text(item.get("label_en") or value, field="choices", label=_("English label"), max_len=100)
    return Choice(value, label_it, label_en)


def parse_result_field(data: object) -> ResultField:
    """A result field from its mapping (the JSON's shape). Raises ValidationError."""
    item = _mapping(data, what=_("A result field"))
    name = _name(item.get("name"), field="result_fields", label=_("The result field's name"))
    label_it = _text(item.get("label_it"), field="result_fields", label=_("Italian label of {name}").format(name=name))
    label_en = _text(item.get("label_en"), field="result_fields", label=_("English label of {name}").format(name=name))
    unit = _text(item.get("unit"), field="result_fields", label=_("Unit of {name}").format(name=name),
                 required=False, max_len=20)
    kind = item.get("type", "number")
    if kind not in FIELD_TYPES:
        raise ValidationError(_("The result field {name} has an unknown type “{kind}”: it is a number, a text or "
                                "a choice.").format(name=name, kind=kind), field="result_fields")
    if kind != "number":
        if any(item.get(key) is not None for key in ("min", "max", "decimals", "uncertainty")):
            raise ValidationError(_("The result field {name} is not a number: it has no range, decimals or "
                                    "uncertainty.").format(name=name), field="result_fields")
        choices = tuple(parse_choice(c) for c in item.get("choices") or ())
        if kind == "choice":
            values = [c.value for c in choices]
            if len(values) < 2 or len(set(values)) != len(values):
                raise ValidationError(_("The result field {name} needs at least two different choices.").format(
                    name=name), field="result_fields")
        elif choices:
            raise ValidationError(_("Only a choice field has choices ({name}).").format(name=name),
                                  field="result_fields")
        return ResultField(name, label_it, label_en, unit, kind, choices=choices)
    if item.get("choices"):
        raise ValidationError(_("Only a choice field has choices ({name}).").format(name=name), field="result_fields")
    low = _decimal(item.get("min"), field="result_fields", label=_("Minimum of {name}").format(name=name))
    high = _decimal(item.get("max"), field="result_fields", label=_("Maximum of {name}").format(name=name))
    _range(low, high, field="result_fields", label=name)
    decimals = _int(item.get("decimals"), field="result_fields", label=_("Decimals of {name}").format(name=name),
                    low=0, high=MAX_DECIMALS, optional=True)
    uncertainty = parse_uncertainty(item.get("uncertainty"), label=name)
    return ResultField(name, label_it, label_en, unit, kind, low, high, decimals, uncertainty)


def parse_condition(data: object) -> Condition:
    """A condition to record from its mapping. Raises ValidationError."""
    item = _mapping(data, what=_("A condition"))
    name = _name(item.get("name"), field="conditions", label=_("The condition's name"))
    label_it = _text(item.get("label_it"), field="conditions", label=_("Italian label of {name}").format(name=name))
    label_en = _text(item.get("label_en"), field="conditions", label=_("English label of {name}").format(name=name))
    unit = _text(item.get("unit"), field="conditions", label=_("Unit of {name}").format(name=name),
                 required=False, max_len=20)
    low = _decimal(item.get("min"), field="conditions", label=_("Minimum of {name}").format(name=name))
    high = _decimal(item.get("max"), field="conditions", label=_("Maximum of {name}").format(name=name))
    _range(low, high, field="conditions", label=name)
    return Condition(name, label_it, label_en, unit, low, high)


def _unique(names: Iterable[str], *, field: str) -> None:
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise ValidationError(_("The name {name} is used twice.").format(name=name), field=field)
        seen.add(name)


def validated(spec: TestTypeSpec) -> TestTypeSpec:
    """`spec` checked and cleaned (spaces trimmed, code in capitals). Raises ValidationError naming
    the field (`field` is the attribute's name)."""
    code = _text(spec.code, field="code", label=_("Code"), max_len=40).upper()
    if not CODE.match(code):
        raise ValidationError(_("The code is made of capital letters, digits, dots, hyphens and underscores "
                                "(e.g. TENSILE-RT)."), field="code")
    name_it = _text(spec.name_it, field="name_it", label=_("Italian name"))
    name_en = _text(spec.name_en, field="name_en", label=_("English name"))
    standard = _text(spec.standard, field="standard", label=_("Standard"))
    method = _text(spec.method, field="method", label=_("Method"), required=False, max_len=2000)
    equipment_kind = _name(spec.equipment_kind, field="equipment_kind", label=_("Equipment kind"))
    if not isinstance(spec.accredited, bool):
        raise ValidationError(_("Say whether the test is inside the accreditation scope."), field="accredited")
    prep = _int(spec.prep_min, field="prep_min", label=_("Preparation time (minutes)"), low=0, high=MAX_DURATION_MIN)
    hours_min = _int(spec.hours_min, field="hours_min", label=_("Minimum hours"), low=HOURS_LIMIT[0],
                     high=HOURS_LIMIT[1], optional=True)
    hours_max = _int(spec.hours_max, field="hours_max", label=_("Maximum hours"), low=HOURS_LIMIT[0],
                     high=HOURS_LIMIT[1], optional=True)
    if (hours_min is None) != (hours_max is None):
        raise ValidationError(_("An exposure in hours has both a minimum and a maximum number of hours."),
                              field="hours_min" if hours_min is None else "hours_max")
    if hours_min is not None and hours_min > hours_max:
        raise ValidationError(_("The minimum number of hours is above the maximum."), field="hours_min")
    # A fixed test takes at least a minute; an exposure's machine time comes from the hours chosen.
    duration = _int(spec.duration_min, field="duration_min", label=_("Duration (minutes)"),
                    low=1 if hours_min is None else 0, high=MAX_DURATION_MIN)
    price = _cents(spec.price_cents, field="price_cents", label=_("Price"))
    member = _cents(spec.member_price_cents, field="member_price_cents", label=_("Member price"))
    if member > price:
        raise ValidationError(_("The member price is above the price."), field="member_price_cents")
    vat = str(spec.vat_rate).strip()
    if vat not in VAT_RATES:
        raise ValidationError(_("The VAT rate {rate} is not an Italian rate (percent: {rates}).").format(
            rate=vat, rates=", ".join(VAT_RATES)), field="vat_rate")
    fields = tuple(spec.result_fields)
    if not fields:
        raise ValidationError(_("A test produces at least one result field."), field="result_fields")
    _unique((f.name for f in fields), field="result_fields")
    conditions = tuple(spec.conditions)
    _unique((c.name for c in conditions), field="conditions")
    return TestTypeSpec(code, name_it, name_en, standard, method, spec.accredited, equipment_kind, duration, prep,
                        hours_min, hours_max, price, member, vat, fields, conditions)


def parse_test_type(data: object) -> TestTypeSpec:
    """A test type from its mapping (one entry of the catalogue file). Raises ValidationError."""
    item = _mapping(data, what=_("A test type"))
    fields = item.get("result_fields") or []
    conditions = item.get("conditions") or []
    if not isinstance(fields, list) or not isinstance(conditions, list):
        raise ValidationError(_("The result fields and the conditions are lists."))
    return validated(TestTypeSpec(
        code=item.get("code"), name_it=item.get("name_it"), name_en=item.get("name_en"),
        standard=item.get("standard"), method=item.get("method") or "", accredited=item.get("accredited", False),
        equipment_kind=item.get("equipment_kind"), duration_min=item.get("duration_min", 0),
        prep_min=item.get("prep_min", 0), hours_min=item.get("hours_min"), hours_max=item.get("hours_max"),
        price_cents=item.get("price_cents"), member_price_cents=item.get("member_price_cents"),
        vat_rate=item.get("vat_rate", "22"),
        result_fields=tuple(parse_result_field(f) for f in fields),
        conditions=tuple(parse_condition(c) for c in conditions)))


def parse_catalogue(text: str) -> tuple[TestTypeSpec, ...]:
    """Every test type of a catalogue file (JSON text), in its order. Raises ValidationError naming
    the entry at fault; codes must be unique."""
    try:
        data = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise ValidationError(_("The catalogue is not valid JSON (line {line}).").format(line=exc.lineno)) from None
    entries = data.get("test_types") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ValidationError(_("The catalogue has no list of test types."))
    specs: list[TestTypeSpec] = []
    for position, entry in enumerate(entries, start=1):
        code = entry.get("code") if isinstance(entry, dict) else None
        try:
            specs.append(parse_test_type(entry))
        except ValidationError as exc:
            raise ValidationError(_("Catalogue, test {which}: {message}").format(
                which=code or f"#{position}", message=exc.message), field=exc.field) from None
    codes: set[str] = set()
    for spec in specs:
        if spec.code in codes:
            raise ValidationError(_("The code {code} is used twice in the catalogue.").format(code=spec.code),
                                  field="code")
        codes.add(spec.code)
    return tuple(specs)


# --- storage form (JSON text in the result_fields and conditions columns) ------------------------

def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def field_to_dict(field: ResultField) -> dict[str, object]:
    return {"name": field.name, "label_it": field.label_it, "label_en": field.label_en, "unit": field.unit,
            "type": field.type, "min": _number(field.min), "max": _number(field.max), "decimals": field.decimals,
            "uncertainty": None if field.uncertainty is None else {
                "value": _number(field.uncertainty.value), "relative": field.uncertainty.relative},
            "choices": [{"value": c.value, "label_it": c.label_it, "label_en": c.label_en} for c in field.choices]}


def condition_to_dict(condition: Condition) -> dict[str, object]:
    return {"name": condition.name, "label_it": condition.label_it, "label_en": condition.label_en,
            "unit": condition.unit, "min": _number(condition.min), "max": _number(condition.max)}


def fields_to_json(fields: Iterable[ResultField]) -> str:
    return json.dumps([field_to_dict(f) for f in fields], ensure_ascii=False)


def conditions_to_json(conditions: Iterable[Condition]) -> str:
    return json.dumps([condition_to_dict(c) for c in conditions], ensure_ascii=False)


def fields_from_json(text: str) -> tuple[ResultField, ...]:
    return tuple(parse_result_field(f) for f in json.loads(text or "[]", parse_float=Decimal))


def conditions_from_json(text: str) -> tuple[Condition, ...]:
    return tuple(parse_condition(c) for c in json.loads(text or "[]", parse_float=Decimal))
