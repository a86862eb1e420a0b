"""The activity log's labels: every event code, kind of record and field name the services record
has one (read from the services' own code), and they read in Italian."""

from __future__ import annotations

import ast
import dataclasses
import re
from pathlib import Path

import pytest

from frontdesk.db import models
from frontdesk.domain.settings import Settings
from frontdesk.services.reception.visit_log import VisitFilters
from frontdesk.services.staff.audit import _SKIP
from frontdesk.ui.staff import audit_labels
from frontdesk.ui.staff.audit_labels import action_label, actor_label, changes_text, field_label, record_label

ROOT = Path(__file__).resolve().parents[2] / "frontdesk"
CODE = re.compile(r'"([a-z_]+\.[a-z_]+)"')
AUDITED = (models.Company, models.Visitor, models.Host, models.Registration, models.Visit, models.Badge,
           models.StaffMember)
DEMO_COUNTS = ("companies", "visitors", "visits", "hosts", "search_terms", "seed")  # demo.fill's changes


def _sources():
    for path in sorted(ROOT.rglob("*.py")):
        if "ui" not in path.relative_to(ROOT).parts:
            yield path, path.read_text(encoding="utf-8")


def recorded_codes() -> set[str]:
    """Event codes in the lines that record an event (audit.record..., action = ..., anonymise_visitor)."""
    codes = set()
    for _path, text in _sources():
        for line in text.splitlines():
            if "audit.record" in line or "action" in line or "anonymise_visitor(" in line:
                codes |= {c for c in CODE.findall(line) if not c.endswith(".id")}
    return codes


def recorded_keys_and_types() -> tuple[set[str], set[str]]:
    """Keys of the `changes={...}` (and anonymise_visitor's extra) dict literals, and record_type literals."""
    keys, types = set(), set()
    for _path, text in _sources():
        for node in ast.walk(ast.parse(text)):
            if not isinstance(node, ast.Call):
                continue
            dicts = [k.value for k in node.keywords if k.arg == "changes"]
            if getattr(node.func, "id", None) == "anonymise_visitor":
                dicts += [k.value for k in node.keywords if k.arg == "extra"]
            for value in dicts:
                if isinstance(value, ast.Dict):
                    keys |= {k.value for k in value.keys if isinstance(k, ast.Constant)}
            types |= {k.value.value for k in node.keywords
                      if k.arg == "record_type" and isinstance(k.value, ast.Constant)}
    return keys, types


def test_the_scan_finds_what_the_services_record():
    codes = recorded_codes()
    assert {"visit.check_in", "badge.issue", "demo.fill", "staff.locked", "privacy.retention"} <= codes
    keys, types = recorded_keys_and_types()
    assert {"rows", "deleted", "anonymised", "current", "reason"} <= keys
    assert {"backup", "database", "visit_log"} <= types


def test_every_event_code_has_a_label():
    assert sorted(recorded_codes() - set(audit_labels.ACTIONS)) == []


def test_every_field_and_kind_of_record_has_a_label():
    keys, types = recorded_keys_and_types()
    columns = {c.key for model in AUDITED for c in model.__table__.columns} - _SKIP - {"id"}
    fields = columns | keys | {f.name for f in dataclasses.fields(Settings)} | {
        f.name for f in dataclasses.fields(VisitFilters)} | set(DEMO_COUNTS)
    assert sorted(fields - set(audit_labels.FIELDS)) == []
    tables = {model.__tablename__ for model in AUDITED}
    assert sorted((types | tables) - set(audit_labels.RECORDS)) == []


@pytest.fixture
def italian(qapp):
    from frontdesk.i18n import set_language
    from frontdesk.ui.i18n_qt import install_translators

    set_language("it")
    install_translators("it")
    yield
    set_language("en")
    install_translators("en")


def test_labels_read_in_italian(italian):
    assert action_label("badge.issue") == "badge emesso"
    assert action_label("demo.fill") == "riempito con dati dimostrativi"
    assert record_label("database") == "Database" and record_label("visit") == "Visita"
    assert field_label("checked_out_at") == "data e ora di uscita" and field_label("key_id") == "ID della chiave"
    assert actor_label("Desk R1") == "Postazione R1" and actor_label("Giulia Bonfanti") == "Giulia Bonfanti"
    text = changes_text({"checked_out_at": [None, "2026-12-01T09:30:00+00:00"], "role": ["reception", "admin"],
                         "deleted": 1234, "anonymised": 3, "newsletter_consent": [True, False],
                         "date_from": "2026-11-01", "last_name": "changed"})
    assert text == ("anonimizzazioni: 3; data e ora di uscita: — → 01/12/2026 10:30; "
                    "dal: 01/11/2026; copie più vecchie eliminate: 1.234; cognome: modificato (valore non "
                    "registrato); consenso newsletter: sì → no; ruolo: accoglienza → amministratore")


def test_a_code_without_a_label_is_shown_as_it_is():
    assert action_label("lab.new_thing") == "lab.new_thing"
    assert field_label("new_field") == "new_field"
