"""A test report's content as plain values: every item ISO/IEC 17025 7.8 asks of it.

`ReportContent` is what a report said when it was issued. It is stored as JSON in
lab_report.content (`to_json` / `from_json` give back an equal value) and the PDF is drawn from
it alone (documents.lab.test_report), so the same content always draws the same PDF. Values are
kept as data (ISO dates, the readings as entered); the fixed texts come from domain.lab.report_texts
in the report's `language`.

What it holds, by clause: 7.8.2.1 a) title, b) the lab's name and address and where the tests were
performed, c) the report ID (`report_id`, on every page with "page X of Y") and its end, d) the
customer and contact, e) each test's method, f) each item's description, condition and lab ID,
g) receipt date, h) testing dates, i) issue date, m) results with units, n) deviations from the
method, o) who authorised it, p) results from external providers; 7.8.2.2 what the customer
supplied (`customer_info`); 7.8.3.1 test conditions and measurement uncertainty; 7.8.6 the
specification, the results the statement covers and the decision rule; 7.8.8 a revision names the
report it replaces with what changed and why. Tests outside the accreditation scope carry
`accredited` False.

Pure: imports only the standard library.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Reading:
    """One result as entered: its label in the report's language, the value, unit and expanded
    uncertainty U (k = 2) as text ("" when none is stated)."""

    label: str
    value: str
    unit: str = ""
    uncertainty: str = ""


@dataclass(frozen=True)
class Condition:
    """A test condition recorded while the test ran ("Temperature", "23", "°C")."""

    label: str
    value: str
    unit: str = ""


@dataclass(frozen=True)
class TestSection:
    """One test of an item: its method, run and latest results of the current round."""

    __test__ = False  # not a pytest test class, whatever its name says
    name: str
    standard: str
    method: str = ""
    accredited: bool = False
    status: str = "verified"  # verified | reported | cancelled | rejected (these two: not performed)
    not_performed_reason: str = ""
    tested_from: str = ""  # ISO date the test started ("" when not known)
    tested_to: str = ""  # ISO date it was completed
    external: bool = False
    provider: str = ""  # the external laboratory that provided the results
    equipment: str = ""
    conditions: tuple[Condition, ...] = ()
    readings: tuple[Reading, ...] = ()
    deviations: str = ""


@dataclass(frozen=True)
class Item:
    """One item tested (a sample or a specimen), with its tests."""

    lab_id: str
    material: str = ""
    description: str = ""
    condition: str = ""
    received_on: str = ""  # ISO date
    receipt_deviations: str = ""
    customer_answer: str = ""
    customer_info: str = ""  # 7.8.2.2: supplied by the customer, reported as such
    tests: tuple[TestSection, ...] = ()


CONFORMS, DOES_NOT_CONFORM = "conforms", "does_not_conform"
VERDICTS = (CONFORMS, DOES_NOT_CONFORM)


@dataclass(frozen=True)
class Conformity:
    """7.8.6: the statement of conformity: which specification is met or not (`verdict`, one of
    VERDICTS; "" in a report issued before the verdict was asked), the results it covers and the
    decision rule agreed at intake."""

    specification: str
    decision_rule: str  # the rule's label in the report's language
    covers: tuple[str, ...] = ()  # the results it covers: "L1-000042 · Tensile test"
    verdict: str = ""


@dataclass(frozen=True)
class Revision:
    """7.8.8: the report this one replaces, what changed and why."""

    replaces: str  # the replaced report's ID ("L1-000007" or "L1-000007 rev. 1")
    changes: str
    reason: str


@dataclass(frozen=True)
class ReportContent:
    language: str  # it | en
    number: str
    revision: int
    lab_name: str
    lab_address: str
    test_site: str
    customer_name: str
    customer_address: str
    contact_name: str
    contact_email: str
    request_number: str
    issued_on: str  # ISO date
    authorised_by: str
    items: tuple[Item, ...] = ()
    conformity: Conformity | None = None
    revision_of: Revision | None = None

    @property
    def report_id(self) -> str:
        """The unique ID printed on every page: the number, and its revision after the first."""
        return report_id(self.number, self.revision)

    @property
    def tests(self) -> tuple[TestSection, ...]:
        return tuple(test for item in self.items for test in item.tests)

    @property
    def received_on(self) -> str:
        return min((item.received_on for item in self.items if item.received_on), default="")

    @property
    def tested_from(self) -> str:
        return min((t.tested_from for t in self.tests if t.tested_from), default="")

    @property
    def tested_to(self) -> str:
        return max((t.tested_to for t in self.tests if t.tested_to), default="")

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> ReportContent:
        data = json.loads(text)
        items = tuple(_item(i) for i in data.pop("items", ()))
        conformity = data.pop("conformity", None)
        revision = data.pop("revision_of", None)
        if conformity:
            conformity = Conformity(**{**conformity, "covers": tuple(conformity["covers"])})
        return cls(**data, items=items, conformity=conformity, revision_of=Revision(**revision) if revision else None)


def report_id(number: str, revision: int) -> str:
    return number if not revision else f"{number} rev. {revision}"


def _item(data: dict) -> Item:
    tests = tuple(TestSection(**{**t, "conditions": tuple(Condition(**c) for c in t.get("conditions", ())),
                                 "readings": tuple(Reading(**r) for r in t.get("readings", ()))})
                  for t in data.get("tests", ()))
    return Item(**{**data, "tests": tests})


def readings_of(rows: object, labels: dict[str, str]) -> tuple[Reading, ...]:
    """Readings stored on a result ({"code","value","unit","uncertainty"}) as report readings, with
    the labels of the catalogue's fields (`labels`: code -> label; the code when unknown)."""
    if not isinstance(rows, list):
        return ()
    out = []
    for row in rows:
        if not isinstance(row, dict):
            continue
        code = str(row.get("code", ""))
        out.append(Reading(labels.get(code, code), _text(row.get("value")), _text(row.get("unit")),
                           _text(row.get("uncertainty"))))
    return tuple(out)


def conditions_of(values: object, labels: dict[str, tuple[str, str]]) -> tuple[Condition, ...]:
    """Conditions stored on a result ({code: value}) with the catalogue's (label, unit) per code."""
    if not isinstance(values, dict):
        return ()
    return tuple(Condition(labels.get(code, (code, ""))[0], _text(value), labels.get(code, (code, ""))[1])
                 for code, value in values.items())


def _text(value: object) -> str:
    return "" if value is None else str(value)


