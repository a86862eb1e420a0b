"""A sample intake as values: what the customer asks for, the rules it must meet, and its money.

`IntakeInput` holds a request (company, contact, priority, date needed, conformity, agreement, the
report date promised at the desk) with its samples (`SampleInput`) and the tests asked for each
(`TestAsked`, by catalogue code, with the hours of an exposure). `check_intake` applies the rules
that need no database (ISO/IEC 17025 7.1: the customer agreed to methods, prices and, for a
statement of conformity, the decision rule and the specification it refers to); `check_test` the
rules of one test against its catalogue terms (`TestTerms`: an exposure's hours within the type's
bounds). `line_price` and `totals` do the money: Decimal euros, cents rounded half-up, VAT per
rate on the sum of that rate's lines (as an Italian invoice computes it).

Pure: imports only the standard library, frontdesk.domain and frontdesk.i18n.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from frontdesk.domain.errors import ValidationError
from frontdesk.domain.ids import reference_id
from frontdesk.domain.receipts.vat import cents
from frontdesk.i18n import _

PRIORITIES = ("normal", "urgent")
NO_ASSOCIATION = reference_id("association", "none")  # resources/seed/associations.csv: "Nessuna associazione"


def is_member(association_id: uuid.UUID | None, members: Iterable[str] = ()) -> bool:
    """Whether a company of this association pays member prices: one of `members` (the site
    setting `member_associations`, ids as text); with none set, any association but "none"."""
    if association_id is None:
        return False
    chosen = {str(m) for m in members}
    return str(association_id) in chosen if chosen else association_id != NO_ASSOCIATION


@dataclass(frozen=True)
class DecisionRule:
    """A decision rule a customer may agree to for a statement of conformity."""

    code: str
    label_it: str
    label_en: str

    def label(self, language: str) -> str:
        return self.label_it if language == "it" else self.label_en


# The rules offered at intake. Source: ISO/IEC 17025:2017 7.1.3 and 7.8.6 (the rule is agreed
# with the customer unless inherent in the specification) and ILAC G8:09/2019 "Guidelines on
# Decision Rules and Statements of Conformity", 4.2: simple acceptance (guard band w = 0, the
# measured value against the limit), guarded acceptance (w = U, expanded uncertainty at k = 2:
# "pass" only when the value is inside the limit by at least U), guarded rejection (w = U:
# "fail" only when outside by at least U); and the rule the product standard itself sets.
DECISION_RULES: tuple[DecisionRule, ...] = (
    DecisionRule("SIMPLE", "Accettazione semplice (w = 0), ILAC G8:09/2019 4.2.1",
                 "Simple acceptance (w = 0), ILAC G8:09/2019 4.2.1"),
    DecisionRule("GUARDED_ACCEPT_U", "Accettazione con banda di guardia w = U (k = 2), ILAC G8:09/2019 4.2.2",
                 "Guarded acceptance, w = U (k = 2), ILAC G8:09/2019 4.2.2"),
    DecisionRule("GUARDED_REJECT_U", "Rifiuto con banda di guardia w = U (k = 2), ILAC G8:09/2019 4.2.2",
                 "Guarded rejection, w = U (k = 2), ILAC G8:09/2019 4.2.2"),
    DecisionRule("SPECIFICATION", "Regola fissata dalla specifica o norma di prodotto (ISO/IEC 17025 7.1.3)",
                 "Rule set by the specification or product standard (ISO/IEC 17025 7.1.3)"),
)
_RULES = {rule.code: rule for rule in DECISION_RULES}


def decision_rule(code: str) -> DecisionRule | None:
    return _RULES.get(code)


@dataclass(frozen=True)
class TestAsked:
    """One test asked for a sample: the catalogue code, and the hours of an exposure (salt spray)."""

    __test__ = False  # not a pytest test class, whatever its name says
    code: str
    hours: int | None = None


@dataclass(frozen=True)
class SampleInput:
    """One sample as received. `customer_info`: what the customer stated and the lab did not
    verify (ISO/IEC 17025 7.8.2.2: reported as such)."""

    material: str = ""
    description: str = ""
    condition: str = ""
    deviations: str = ""
    customer_answer: str = ""
    customer_info: str = ""
    tests: tuple[TestAsked, ...] = ()


@dataclass(frozen=True)
class IntakeInput:
    """What the intake screen sends: the request, its contact copies and its samples."""

    company_id: uuid.UUID | None
    samples: tuple[SampleInput, ...]
    contact_id: uuid.UUID | None = None
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    visit_id: uuid.UUID | None = None
    priority: str = "normal"
    due_on: dt.date | None = None
    conformity: bool = False
    specification: str = ""
    decision_rule: str = ""
    agreed: bool = False
    agreed_by: str = ""
    notes: str = ""
    promised_on: dt.date | None = None  # the report date shown at the desk when the customer agreed


@dataclass(frozen=True)
class TestTerms:
    """What the catalogue says of a test type, as intake needs it (prices in cents)."""

    __test__ = False
    code: str
    name: str
    standard: str = ""
    accredited: bool = False
    hours_min: int | None = None  # an exposure chosen in whole hours; None: a fixed test
    hours_max: int | None = None
    price_cents: int = 0  # per test, or per hour of exposure
    member_price_cents: int = 0
    vat_rate: str = "22"

    @property
    def is_exposure(self) -> bool:
        return self.hours_min is not None or self.hours_max is not None


def sample_field(number: int) -> str:
    """The `field` of an error about sample `number` (from 1): "sample.2", so a screen can show it."""
    return f"sample.{number}"


def check_intake(intake: IntakeInput, *, today: dt.date) -> None:
    """Raise ValidationError (Italian when the language is) for the first rule `intake` breaks.

    `today` is the Rome calendar day. The tests' codes and hours are checked against the
    catalogue by `check_test`, where the catalogue is at hand."""
    if intake.company_id is None:
        raise ValidationError(_("Choose the customer's company."), field="company")
    if not intake.samples:
        raise ValidationError(_("Add at least one sample."), field="samples")
    for number, sample in enumerate(intake.samples, start=1):
        if not (sample.material.strip() or sample.description.strip()):
            raise ValidationError(_("Sample {n} has neither a material nor a description.").format(n=number),
                                  field=sample_field(number))
        if not sample.tests:
            raise ValidationError(_("Sample {n} has no tests asked for.").format(n=number), field=sample_field(number))
    if intake.priority not in PRIORITIES:
        raise ValidationError(_("The priority is either normal or urgent."), field="priority")
    if intake.due_on is not None and intake.due_on < today:
        raise ValidationError(_("The date the results are needed is in the past."), field="due_on")
    if intake.promised_on is not None and intake.promised_on < today:
        raise ValidationError(_("The expected report date is in the past: wait for it to be computed again."),
                              field="promised_on")
    if intake.conformity:
        if not intake.specification.strip():
            raise ValidationError(_("A statement of conformity needs the specification it refers to "
                                    "(for example EN 10025-2 S355JR)."), field="specification")
        if intake.decision_rule not in _RULES:
            raise ValidationError(_("A statement of conformity needs the decision rule agreed with the "
                                    "customer."), field="decision_rule")
    if not intake.agreed:
        raise ValidationError(_("The customer must agree to the methods, prices and decision rule."),
                              field="agreed")
    if not intake.agreed_by.strip():
        raise ValidationError(_("Write the name of who agreed for the customer."), field="agreed_by")


def check_test(terms: TestTerms, asked: TestAsked, *, sample_number: int) -> None:
    """An exposure needs its hours, within the type's bounds; a fixed test takes none."""
    if not terms.is_exposure:
        if asked.hours is not None:
            raise ValidationError(_("Sample {n}: {test} takes no hours.").format(n=sample_number, test=terms.name),
                                  field=sample_field(sample_number))
        return
    low = terms.hours_min if terms.hours_min is not None else 1
    high = terms.hours_max
    if asked.hours is None:
        raise ValidationError(_("Sample {n}: write the hours of {test}.").format(n=sample_number, test=terms.name),
                              field=sample_field(sample_number))
    if asked.hours < low or (high is not None and asked.hours > high):
        raise ValidationError(
            _("Sample {n}: {test} lasts from {low} to {high} hours, not {hours}.").format(
                n=sample_number, test=terms.name, low=low, high=high if high is not None else "…",
                hours=asked.hours),
            field=sample_field(sample_number))


def check_tests(intake: IntakeInput, types: Mapping[str, TestTerms]) -> None:
    """`check_test` for every test of every sample; an unknown code is refused too."""
    for number, sample in enumerate(intake.samples, start=1):
        for asked in sample.tests:
            terms = types.get(asked.code)
            if terms is None:
                raise unknown_test(asked.code, number)
            check_test(terms, asked, sample_number=number)


def unknown_test(code: str, sample_number: int) -> ValidationError:
    return ValidationError(_("Sample {n}: the test {code} is not in the lab's catalogue.").format(
        n=sample_number, code=code), field=sample_field(sample_number))


def line_price(terms: TestTerms, hours: int | None, *, member: bool) -> Decimal:
    """The net price of one test in euros: the price (member price for a member's company), times
    the hours for an exposure."""
    unit = Decimal(terms.member_price_cents if member else terms.price_cents) / 100
    if terms.is_exposure:
        unit *= hours or 0
    return cents(unit)


@dataclass(frozen=True)
class VatLine:
    rate: str  # percent, exact text ("22")
    base: Decimal  # the rate's lines, net
    vat: Decimal


@dataclass(frozen=True)
class Totals:
    net: Decimal
    vat_lines: tuple[VatLine, ...] = field(default_factory=tuple)

    @property
    def vat(self) -> Decimal:
        return sum((line.vat for line in self.vat_lines), Decimal("0.00"))

    @property
    def total(self) -> Decimal:
        return self.net + self.vat


def totals(lines: Iterable[tuple[Decimal, str]]) -> Totals:
    """Net, VAT per rate (on the sum of that rate's lines, half-up) and total of (net, rate) lines."""
    bases: dict[str, Decimal] = {}
    for net, rate in lines:
        bases[rate] = bases.get(rate, Decimal("0.00")) + cents(net)
    vat_lines = tuple(VatLine(rate, base, cents(base * Decimal(rate) / 100))
                      for rate, base in sorted(bases.items(), key=lambda item: Decimal(item[0])))
    return Totals(cents(sum(bases.values(), Decimal("0.00"))), vat_lines)
