"""The lab's demo data: requests of the demo companies (their contact a person of the company), their
samples (some cut into specimens) with signed labels, the tests asked and each sample's chain of
custody (received, stored, taken to its tests, then returned, kept as a remnant or disposed for
the older ones), and the results of the tests done (`result_rows`). The normal demo gets a few
dozen requests; `demo --large` about 50,000 samples.
`_plan_tests` puts the tests on the demo machines (demo.lab_equipment) and technicians: the done
ones where they ran, most of the recent ones in the queues of the days around today (scheduled, or
in progress once their start has passed).

Rows are made as demo.rows makes them (SQLite's stored forms, uuid7 ids carrying the row's time)
and added to the same `DemoRows`, after the companies and visitors they refer to. Test types
missing from the database are added (ids from ids.reference_id, codes in TEST_TYPES). Pure
Python apart from `sign` (the label token, given by the caller) and the seed catalogue's file (the
results' fields); no database access, no Qt.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from frontdesk.demo.moments import hlc_stamp, moment_text
from frontdesk.domain.ids import reference_id, uuid7_hex
from frontdesk.domain.lab.catalogue import ResultField
from frontdesk.domain.lab.results import Reading, default_uncertainty
from frontdesk.domain.lab.test_status import stage_of
from frontdesk.services.lab.catalogue import seed_catalogue

# The test types the demo uses: code -> (English name, Italian name, standard, equipment kind,
# minutes, price in cents). The same codes as the catalogue (resources/lab/catalogue.json).
TEST_TYPES = {
    "TENSILE-RT": ("Tensile test at room temperature", "Prova di trazione a temperatura ambiente",
                   "UNI EN ISO 6892-1:2020", "tensile_machine", 45, 9_000),
    "HB": ("Brinell hardness", "Durezza Brinell", "UNI EN ISO 6506-1:2015", "hardness_tester", 20, 4_500),
    "HV": ("Vickers hardness", "Durezza Vickers", "UNI EN ISO 6507-1:2018", "hardness_tester", 30, 5_500),
    "HR": ("Rockwell hardness C", "Durezza Rockwell C", "UNI EN ISO 6508-1:2016", "hardness_tester", 15, 4_000),
    "CHARPY-V": ("Charpy V-notch impact test", "Prova di resilienza Charpy KV", "UNI EN ISO 148-1:2016",
                  "pendulum_impact", 40, 11_000),
    "NSS": ("Neutral salt spray", "Nebbia salina neutra", "UNI EN ISO 9227:2022", "salt_spray_chamber", 0, 150),
    "MICRO": ("Metallographic examination", "Esame metallografico", "", "metallographic_microscope", 90, 16_000),
}
NORMAL_SAMPLES, LARGE_SAMPLES = 90, 50_000
STAFF = ("Laura Pesenti", "Luca Gritti", "Chiara Locatelli", "Matteo Rota")
STORES = ("Magazzino A, ripiano 1", "Magazzino A, ripiano 3", "Magazzino B, ripiano 2", "Cella frigorifera",
          "Armadio campioni 2")
MATERIALS = (("Acciaio S355JR", "Piatto laminato 20x200 mm"), ("Acciaio C45", "Barra tonda Ø 30 mm"),
             ("Acciaio inox AISI 304", "Lamiera 3 mm"), ("Alluminio EN AW-6082 T6", "Profilato estruso"),
             ("Ghisa EN-GJS-400-15", "Getto, flangia DN100"), ("Acciaio 42CrMo4 bonificato", "Albero Ø 50 mm"),
             ("Ottone CW614N", "Barra esagonale 24 mm"), ("Acciaio zincato DX51D+Z275", "Lamiera verniciata"))
CONDITIONS = ("Integro", "Integro, lievi tracce di ossidazione", "Integro, superficie oliata",
              "Marcatura del cliente presente")
SPECS = ("EN 10025-2 S355JR", "EN 10083-2 C45", "EN 10088-2 1.4301", "EN 1563 EN-GJS-400-15")
RULES = ("SIMPLE", "GUARDED_ACCEPT_U")  # codes of domain.lab.requests.DECISION_RULES
_MINUTE, _HOUR, _DAY = 60_000, 3_600_000, 86_400_000

REQUEST_COLS = ("id", "created_at", "updated_at", "created_desk", "updated_desk", "hlc", "number", "company_id",
                "contact_id", "contact_name", "contact_email", "contact_phone", "received_at", "received_by_name",
                "priority", "due_on", "conformity", "specification", "decision_rule", "agreed_at", "agreed_by",
                "member_prices", "status")
SAMPLE_COLS = ("id", "created_at", "updated_at", "created_desk", "updated_desk", "hlc", "lab_id", "request_id",
               "parent_id", "position", "material", "description", "condition", "deviations", "customer_answer",
               "customer_info", "label_token", "received_at")
TEST_COLS = ("id", "created_at", "updated_at", "created_desk", "updated_desk", "hlc", "sample_id", "test_type_id",
             "hours", "price_cents", "vat_rate", "status", "stage")
PLAN_COLS = ("equipment_id", "planned_start", "planned_end", "technician_id", "started_at", "started_by",
             "completed_at", "completed_by", "verified_at")
# The machines each test type runs on (demo.lab_equipment's codes).
MACHINES_OF = {"TENSILE-RT": ("TR-01", "TR-02"), "HB": ("HD-01",), "HV": ("HD-01",), "HR": ("HD-01",),
               "CHARPY-V": ("CH-01",), "NSS": ("NS-01",), "MICRO": ("MG-01",)}
CUSTODY_COLS = ("id", "created_at", "updated_at", "created_desk", "updated_desk", "hlc", "sample_id", "kind", "at",
                "actor_label", "location", "keep_until", "test_id", "notes")
RESULT_COLS = ("id", "created_at", "updated_at", "created_desk", "updated_desk", "hlc", "test_id", "round", "version",
               "readings", "conditions", "deviations", "equipment_id", "equipment_label", "entered_at", "entered_by",
               "entered_by_name", "reason", "external", "provider")
TYPE_COLS = ("id", "created_at", "updated_at", "created_desk", "updated_desk", "hlc", "code", "name_it", "name_en",
             "standard", "equipment_kind", "duration_min", "price_cents", "member_price_cents", "hours_min",
             "hours_max", "accredited", "sort")


@dataclass(frozen=True)
class Contact:
    """A person of a demo company who brings parts: the visitor row's id, name, e-mail, phone, creation."""

    visitor_id: str
    company_id: str
    name: str
    email: str
    phone: str
    since_ms: int


@dataclass
class LabRows:
    tables: dict[str, tuple[tuple[str, ...], list]]
    requests: int
    samples: int
    numbered: int  # samples that took a number of the desk's series (not specimens)


def lab_rows(*, large: bool, seed: int, desk: str, prefix: str, now_ms: int, contacts: list[Contact],
             existing_types: set[str], sign: Callable[[uuid.UUID, str], str]) -> LabRows:
    """The lab's rows for a demo desk `desk` (numbers under its series `prefix`) whose people are `contacts`."""
    rng = random.Random(seed * 7 + 13)
    bits = random.Random().getrandbits
    target = LARGE_SAMPLES if large else NORMAL_SAMPLES
    type_ids = {code: reference_id("lab_test_type", code).hex for code in TEST_TYPES}
    codes = list(TEST_TYPES)
    made_ms = now_ms - 400 * _DAY
    types = [(type_ids[c], moment_text(made_ms), moment_text(made_ms), desk, desk, hlc_stamp(made_ms, desk), c, it, en,
              std, kind, minutes, price, price * 85 // 100, 2 if c == "NSS" else None,
              1008 if c == "NSS" else None, 1, i)
             for i, (c, (en, it, std, kind, minutes, price)) in enumerate(TEST_TYPES.items())
             if c not in existing_types]

    requests, samples, tests, custody = [], [], [], []
    out = _Out(samples, tests, custody, rng, bits, sign, desk, now_ms, type_ids)
    eligible = [c for c in contacts if c.since_ms < now_ms - 2 * _DAY]
    number = serial = 0
    while len(samples) < target:
        number += 1
        who = eligible[rng.randrange(len(eligible))]
        # Taken in on a weekday morning at least 2 days after the person first came, up to today.
        start = max(who.since_ms + _DAY, now_ms - 365 * _DAY)
        at = start + int((now_ms - start - _HOUR) * rng.random() ** 0.7)
        at -= at % _MINUTE
        age_days = (now_ms - at) // _DAY
        rid = uuid7_hex(at, bits(80))
        urgent = rng.random() < 0.15
        conformity = rng.random() < 0.4
        due = dt.date(1970, 1, 1) + dt.timedelta(days=(at + (7 if urgent else 20) * _DAY) // _DAY)
        when = moment_text(at)
        requests.append((rid, when, when, desk, desk, hlc_stamp(at, desk),
                         f"{prefix}-{number:06d}", who.company_id, who.visitor_id, who.name, who.email, who.phone,
                         when, STAFF[rng.randrange(len(STAFF))], "urgent" if urgent else "normal",
                         due.isoformat(), int(conformity), SPECS[rng.randrange(len(SPECS))] if conformity else "",
                         RULES[rng.randrange(2)] if conformity else "", moment_text(at + 5 * _MINUTE), who.name, 0,
                         "open"))
        for position in range(1, 1 + rng.choice((1, 1, 1, 2, 2, 3, 4))):
            if len(samples) >= target:
                break
            serial += 1  # specimens take no number of the series: they carry their parent's lab ID with "-n"
            lab_id = f"{prefix}-{serial:06d}"
            material, description = MATERIALS[rng.randrange(len(MATERIALS))]
            chosen = rng.sample(codes, rng.choice((1, 1, 2, 2, 3)))
            specimens = min(2 if "TENSILE-RT" in chosen and rng.random() < 0.3 else 0, target - len(samples) - 1)
            parent = _sample(out, at=at + position * _MINUTE, age_days=age_days, lab_id=lab_id, request_id=rid,
                             parent=None, position=position, material=material, description=description,
                             codes=chosen)
            for n in range(1, specimens + 1):
                _sample(out, at=at + (position + n) * _MINUTE + _HOUR, age_days=age_days, lab_id=f"{lab_id}-{n}",
                        request_id=rid, parent=parent, position=n, material=material,
                        description=f"Provetta {n} ricavata da {lab_id}", codes=["TENSILE-RT"])
    tests = _plan_tests(tests, rng, now_ms, {type_ids[c]: c for c in codes})
    for rows in (samples, tests, custody):
        rows.sort(key=_first)  # in id (time) order: each index grows at its end, as at a real desk
    tables = {}
    if types:
        tables["lab_test_type"] = (TYPE_COLS, types)
    tables["lab_request"] = (REQUEST_COLS, requests)
    tables["lab_sample"] = (SAMPLE_COLS, samples)
    tables["lab_test"] = (TEST_COLS + PLAN_COLS, tests)
    tables["lab_custody_event"] = (CUSTODY_COLS, custody)
    tables["lab_result"] = (RESULT_COLS, result_rows(tests, rng=rng, bits=bits, desk=desk, now_ms=now_ms))
    return LabRows(tables, len(requests), len(samples), serial)


def _first(row: tuple) -> str:
    return row[0]


def _plan_tests(tests: list, rng: random.Random, now_ms: int, code_of: dict[str, str]) -> list:
    """The tests with their plan (PLAN_COLS appended): a test done ran on a machine of its kind, by
    one of the demo technicians, a day or two after it came in; 3 in 4 of the tests still asked for
    are planned from yesterday to the day after tomorrow, in working hours (from 08:00 Rome, as
    UTC in winter), in progress once their start has passed, else scheduled."""
    from frontdesk.demo.lab_equipment import TECHNICIANS

    technicians = [reference_id("staff_member", name).hex for name in TECHNICIANS]
    today_ms = now_ms - now_ms % _DAY
    planned = []
    for row in tests:
        code, status, hours = code_of[row[7]], row[11], row[8]
        minutes = hours * 60 if hours else max(TEST_TYPES[code][4], 15)
        machine = reference_id("lab_equipment", rng.choice(MACHINES_OF[code])).hex
        who = technicians[rng.randrange(len(technicians))]
        if status in ("completed", "verified"):
            start = _ms(row[1]) + rng.randrange(1, 3) * _DAY
            start = start - start % _DAY + 7 * _HOUR + rng.randrange(16) * 30 * _MINUTE
        elif rng.random() < 0.75:
            start = today_ms + rng.randrange(-1, 3) * _DAY + 7 * _HOUR + rng.randrange(16) * 30 * _MINUTE
            status = "in_progress" if start <= now_ms else "scheduled"
        else:
            planned.append((*row, None, None, None, None, None, None, None, None, None))
            continue
        end = start + minutes * _MINUTE
        started = (moment_text(start), who) if status != "scheduled" else (None, None)
        done = (moment_text(end), who) if status in ("completed", "verified") else (None, None)
        verified = moment_text(min(end + _DAY, now_ms - _HOUR)) if status == "verified" else None  # the next day
        planned.append((*row[:11], status, stage_of(1, status), machine, moment_text(start), moment_text(end), who,
                        *started, *done, verified))
    return planned


@dataclass
class _Out:
    """Where _sample puts its rows, and what it needs to make them."""

    samples: list
    tests: list
    custody: list
    rng: random.Random
    bits: Callable[[int], int]
    sign: Callable[[uuid.UUID, str], str]
    desk: str
    now_ms: int
    type_ids: dict[str, str]


def _sample(out: _Out, *, at, age_days, lab_id, request_id, parent, position, material, description, codes) -> str:
    """One sample (or specimen) with its tests and its chain of custody; returns its id (hex)."""
    samples, tests, custody, rng, bits = out.samples, out.tests, out.custody, out.rng, out.bits
    desk, now_ms, type_ids = out.desk, out.now_ms, out.type_ids
    sid_hex = uuid7_hex(at, bits(80))
    deviation = rng.random() < 0.1
    when = moment_text(at)
    samples.append((sid_hex, when, when, desk, desk, hlc_stamp(at, desk), lab_id, request_id,
                    parent, position, material, description, CONDITIONS[rng.randrange(len(CONDITIONS))],
                    "Marcatura illeggibile" if deviation else "", "Procedere comunque" if deviation else "",
                    "Colata dichiarata dal cliente" if rng.random() < 0.3 else "",
                    out.sign(uuid.UUID(hex=sid_hex), lab_id), when))
    staff = STAFF[rng.randrange(len(STAFF))]
    moment = at

    def step(kind: str, after_ms: int, location: str = "", keep_until: str | None = None, test_id: str | None = None,
             notes: str = "") -> None:
        nonlocal moment
        if moment + after_ms >= now_ms:
            return  # not yet happened
        moment += after_ms
        when = moment_text(moment)
        custody.append((uuid7_hex(moment, bits(80)), when, when, desk, desk,
                        hlc_stamp(moment, desk), sid_hex, kind, when, staff, location, keep_until,
                        test_id, notes))

    step("received", 0, "Accettazione")
    step("stored", 20 * _MINUTE, STORES[rng.randrange(len(STORES))])
    done = age_days > 14
    for code in codes:
        test_at = at + _MINUTE
        tid = uuid7_hex(test_at, bits(80))
        status = "verified" if done else ("completed" if age_days > 5 else "requested")
        hours = rng.choice((24, 96, 240, 480)) if code == "NSS" else None
        price = TEST_TYPES[code][5] * (hours or 1)
        test_when = moment_text(test_at)
        tests.append((tid, test_when, test_when, desk, desk, hlc_stamp(test_at, desk), sid_hex,
                      type_ids[code], hours, price, "22", status, stage_of(1, status)))
        if status in ("completed", "verified"):
            step("to_test", rng.randrange(1, 3) * _DAY, "Sala prove", test_id=tid)
            step("stored", 3 * _HOUR, STORES[rng.randrange(len(STORES))])
    if done:
        end = rng.random()
        if end < 0.4:
            step("returned", 7 * _DAY, notes="Ritirato dal cliente")
        elif end < 0.75:
            keep = dt.date(1970, 1, 1) + dt.timedelta(days=(moment + 97 * _DAY) // _DAY)
            step("remnant", 7 * _DAY, "Armadio residui", keep_until=keep.isoformat())
        else:
            step("disposed", 7 * _DAY, notes="Smaltito come rottame metallico")
    return sid_hex


# --- results ------------------------------------------------------------------------------------

DONE = frozenset({"completed", "verified", "reported"})


def _machine_labels() -> dict[str, str]:
    """Each demo machine's id (hex) -> its label as a result records it (services.lab.results:
    "code — name — serial")."""
    from frontdesk.demo.lab_equipment import MACHINES

    return {reference_id("lab_equipment", code).hex: " — ".join(part for part in (code, name, serial) if part)
            for code, _kind, name, _room, _maker, _model, serial, *_rest in MACHINES}
VARIANTS = 24  # readings made per test type, then picked from: the large demo's results stay cheap
SKIPPED_FIELDS = frozenset({"reh", "rel"})  # the tensile demo reports Rp0,2 rather than ReH/ReL
TYPICAL = {"rp02": (280, 420), "rm": (430, 620), "a": (18, 32), "z": (45, 68), "kv_1": (60, 140), "kv_2": (60, 140),
           "kv_3": (60, 140), "hbw": (140, 260), "hv": (150, 420), "hr": (22, 55), "mean": (70, 110),
           "min": (55, 65), "max": (115, 130), "ra": (0.4, 3.2), "rz": (3, 18)}  # values a lab sees daily
CHARPY_TEMPERATURES = (Decimal(-20), Decimal(0), Decimal(20))
TEXTS = {"appearance": "Nessuna corrosione del metallo base", "etchant": "Nital 2 %",
         "microstructure": "Ferrite e perlite a grana fine", "defects": "Nessuno", "notes": "Nessuna"}


def _reading(rng: random.Random, field: ResultField) -> Reading | None:
    """A plausible reading of a field, inside its range and to its decimals (None: left empty)."""
    if field.name in SKIPPED_FIELDS:
        return None
    if field.type == "choice":
        return Reading(field.name, field.choices[rng.randrange(len(field.choices))].value, field.unit)
    if field.type == "text":
        return Reading(field.name, TEXTS.get(field.name, "Conforme"), field.unit)
    low, high = field.min or Decimal(0), field.max if field.max is not None else Decimal(100)
    if field.name in TYPICAL:
        low, high = (Decimal(str(v)) for v in TYPICAL[field.name])
        share = rng.random()
    else:
        share = 0.15 + 0.25 * rng.random()
    places = Decimal(1).scaleb(-(field.decimals or 0))
    value = (low + (high - low) * Decimal(str(round(share, 4)))).quantize(places)
    return Reading(field.name, format(value, "f"), field.unit, default_uncertainty(field, value))


def _variants(rng: random.Random) -> dict[str, list[tuple[str, str]]]:
    """Per test type code: (readings JSON, conditions JSON) pairs within the catalogue's fields."""
    made = {}
    for spec in seed_catalogue():
        pairs = []
        for _ in range(VARIANTS):
            read = {f.name: r for f, r in ((f, _reading(rng, f)) for f in spec.result_fields) if r is not None}
            if "kv_mean" in read:  # the mean of the three specimens, as the lab reports it
                field = next(f for f in spec.result_fields if f.name == "kv_mean")
                mean = (sum(Decimal(read[k].value) for k in ("kv_1", "kv_2", "kv_3")) / 3).quantize(Decimal(1))
                read["kv_mean"] = Reading(field.name, format(mean, "f"), field.unit, default_uncertainty(field, mean))
            readings = [r.as_dict() for r in read.values()]
            conditions = {}
            for c in spec.conditions:
                low, high = c.min if c.min is not None else Decimal(20), c.max if c.max is not None else Decimal(25)
                middle = low + (high - low) * Decimal(str(round(0.35 + 0.3 * rng.random(), 2)))
                if high - low > 40:  # a test temperature chosen per product standard (Charpy)
                    middle = CHARPY_TEMPERATURES[rng.randrange(len(CHARPY_TEMPERATURES))]
                conditions[c.name] = format(middle.quantize(Decimal("0.1")), "f")
            pairs.append((json.dumps(readings, ensure_ascii=False), json.dumps(conditions, ensure_ascii=False)))
        made[spec.code] = pairs
    return made


def result_rows(tests: list[tuple], *, rng: random.Random, bits: Callable[[int], int], desk: str,
                now_ms: int) -> list[tuple]:
    """Version 1 of the results of every test done (completed, verified, reported), entered a day or
    two after the test was asked, by one of the lab's people; its readings respect the catalogue's
    fields and ranges (resources/lab/catalogue.json)."""
    variants = _variants(rng)
    codes = {reference_id("lab_test_type", code).hex: code for code in variants}
    labels = _machine_labels()
    rows = []
    for test in tests:
        status, type_id = test[11], test[7]
        if status not in DONE or type_id not in codes:
            continue
        at = min(_ms(test[1]) + rng.randrange(20, 50) * _HOUR, now_ms - _HOUR)
        when = moment_text(at)
        readings, conditions = variants[codes[type_id]][rng.randrange(VARIANTS)]
        if test[8]:  # an exposure of `hours`: rust cannot first appear after it ended
            readings = _within_exposure(readings, test[8])
        machine = test[13] if len(test) > 13 else None  # the machine it ran on (_plan_tests)
        rows.append((uuid7_hex(at, bits(80)), when, when, desk, desk, hlc_stamp(at, desk), test[0], 1, 1,
                     readings, conditions, "", machine, labels.get(machine, ""), when, None,
                     STAFF[rng.randrange(len(STAFF))], "", 0, ""))
    rows.sort(key=_first)
    return rows


def _within_exposure(readings: str, hours: int) -> str:
    """The readings (JSON) with any value in hours ("h") no later than the exposure's end."""
    rows = json.loads(readings)
    for row in rows:
        if row.get("unit") == "h" and int(row["value"]) > hours:
            row["value"] = str(hours)
    return json.dumps(rows, ensure_ascii=False)


def contacts_of(visitor_rows: list, *, limit: int, seed: int) -> list[Contact]:
    """Up to `limit` people who came at least once (demo.rows' visitor rows), chosen by `seed`."""
    came = [row for row in visitor_rows if row[12]]
    rng = random.Random(seed)
    chosen = came if len(came) <= limit else rng.sample(came, limit)
    return [Contact(row[0], row[11], f"{row[6]} {row[7]}", row[8], row[9], _ms(row[1])) for row in chosen]


def _ms(text: str) -> int:
    moment = dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)
    return int(moment.timestamp() * 1000)
