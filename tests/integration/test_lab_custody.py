"""The chain of custody (real SQLite file): each step with who, when and where, the refusals in
Italian with nothing written, disposal final, a return followed only by a receipt again, append-only."""

from __future__ import annotations

import datetime as dt
import sqlite3
import uuid

import pytest
from lab_samples import make_request

from frontdesk.db.lab_models import CUSTODY_KINDS
from frontdesk.domain.clock import today_in_rome, utcnow
from frontdesk.domain.errors import Conflict, NotFound, PermissionDenied, ValidationError
from frontdesk.domain.lab import custody as rule
from frontdesk.domain.roles import Actor, Role
from frontdesk.i18n import set_language
from frontdesk.services.lab.custody import record_custody


@pytest.fixture
def sample(db):
    return make_request(db, samples=2).samples[0]


def _count(db, sql: str, *args) -> int:
    conn = sqlite3.connect(db.path)
    try:
        return conn.execute(sql, args).fetchone()[0]
    finally:
        conn.close()


def _steps(db, sample_id: uuid.UUID) -> int:
    return _count(db, "SELECT count(*) FROM lab_custody_event WHERE sample_id = ?", sample_id.hex)


def _audits(db) -> int:
    return _count(db, "SELECT count(*) FROM audit_event WHERE action = 'sample.custody'")


@pytest.fixture
def italian():
    set_language("it")
    yield
    set_language("en")


def test_the_domain_knows_the_same_steps_as_the_table():
    assert rule.KINDS == CUSTODY_KINDS


def test_a_step_records_who_when_and_where_and_is_audited(db, admin, sample):
    before = utcnow()
    step = record_custody(db, sample_id=sample.id, kind="stored", location="Magazzino A, ripiano 3",
                          notes="Scatola blu", actor=admin)
    assert step.kind == "stored" and step.location == "Magazzino A, ripiano 3" and step.notes == "Scatola blu"
    assert step.actor_label == admin.label and before <= step.at <= utcnow() and step.desk == "R1"
    conn = sqlite3.connect(db.path)
    try:
        actor_id, location = conn.execute("SELECT actor_id, location FROM lab_custody_event WHERE id = ?",
                                          (step.id.hex,)).fetchone()
        assert actor_id == admin.staff_id.hex and location == "Magazzino A, ripiano 3"
        record_type, record_id, changes = conn.execute(
            "SELECT record_type, record_id, changes FROM audit_event WHERE action = 'sample.custody'").fetchone()
        assert (record_type, record_id) == ("lab_sample", str(sample.id))
        assert '"kind": [null, "stored"]' in changes and '"notes": "changed"' in changes
        assert "Scatola" not in changes  # notes are personal: never their value in the trail
        queued = conn.execute("SELECT kind FROM sync_outbox WHERE table_name = 'lab_custody_event' AND row_id = ?",
                              (step.id.hex,)).fetchall()
        assert queued == [("insert",)]  # it travels to the hub, as an append-only row
    finally:
        conn.close()


def test_a_whole_chain(db, admin, sample):
    record_custody(db, sample_id=sample.id, kind="stored", location="Magazzino A", actor=admin)
    record_custody(db, sample_id=sample.id, kind="to_test", test_id=sample.test_ids[0], location="Sala prove",
                   actor=admin)
    record_custody(db, sample_id=sample.id, kind="remnant", location="Armadio residui",
                   keep_until=today_in_rome() + dt.timedelta(days=90), actor=admin)
    record_custody(db, sample_id=sample.id, kind="disposed", actor=admin)
    assert _steps(db, sample.id) == 5  # with the receipt the helper wrote
    assert _audits(db) == 4


def test_a_technician_may_record_but_the_desk_itself_may_not(db, admin, add_staff, sample):
    technician = add_staff("tecnico", Role.LAB_TECHNICIAN, display_name="Luca Gritti").actor
    step = record_custody(db, sample_id=sample.id, kind="stored", location="Cella 2", actor=technician)
    assert step.actor_label == "Luca Gritti"
    with pytest.raises(PermissionDenied):
        record_custody(db, sample_id=sample.id, kind="stored", location="Cella 3", actor=Actor.desk_itself("R1"))
    assert _steps(db, sample.id) == 2


REFUSALS = [
    ({"kind": "stored"}, ValidationError, "Indicare dove è conservato il campione."),
    ({"kind": "stored", "location": "   "}, ValidationError, "Indicare dove è conservato il campione."),
    ({"kind": "remnant"}, ValidationError, "Indicare fino a quando si conserva il residuo."),
    ({"kind": "remnant", "keep_until": dt.date(2020, 1, 1)}, ValidationError,
     "Il residuo non può essere conservato fino a un giorno già passato."),
    ({"kind": "stored", "location": "A", "keep_until": dt.date(2099, 1, 1)}, ValidationError,
     "La data di conservazione vale solo per un residuo."),
    ({"kind": "lost"}, ValidationError, "Passaggio della catena di custodia sconosciuto."),
    ({"kind": "received"}, Conflict, "è già in custodia al laboratorio."),
    ({"kind": "stored", "location": "x" * 201}, ValidationError, "Ubicazione: testo troppo lungo"),
]


@pytest.mark.parametrize(("values", "error", "message"), REFUSALS)
def test_bad_steps_are_refused_in_italian_and_write_nothing(db, admin, sample, italian, values, error, message):
    with pytest.raises(error) as refused:
        record_custody(db, sample_id=sample.id, actor=admin, **values)
    assert message in refused.value.message
    assert _steps(db, sample.id) == 1 and _audits(db) == 0


def test_a_test_of_another_sample_or_a_cancelled_one_is_refused(db, admin, italian):
    request = make_request(db, samples=2)
    first, second = request.samples
    with pytest.raises(ValidationError, match="Questa prova non è tra quelle del campione"):
        record_custody(db, sample_id=first.id, kind="to_test", test_id=second.test_ids[0], actor=admin)
    with pytest.raises(ValidationError, match="Questa prova non è tra quelle del campione"):
        record_custody(db, sample_id=first.id, kind="to_test", test_id=uuid.uuid4(), actor=admin)
    with pytest.raises(ValidationError, match="passaggio 'portato in prova'"):
        record_custody(db, sample_id=first.id, kind="stored", location="A", test_id=first.test_ids[0], actor=admin)
    conn = sqlite3.connect(db.path)
    conn.execute("UPDATE lab_test SET status = 'cancelled' WHERE id = ?", (first.test_ids[0].hex,))
    conn.commit()
    conn.close()
    with pytest.raises(ValidationError, match="annullata"):
        record_custody(db, sample_id=first.id, kind="to_test", test_id=first.test_ids[0], actor=admin)
    assert _steps(db, first.id) == 1 and _audits(db) == 0
    step = record_custody(db, sample_id=first.id, kind="to_test", test_id=first.test_ids[1], actor=admin)
    assert step.test_id == first.test_ids[1]


def test_nothing_follows_disposal(db, admin, sample, italian):
    record_custody(db, sample_id=sample.id, kind="disposed", actor=admin)
    for kind, extra in (("stored", {"location": "A"}), ("received", {"notes": "tornato"}), ("returned", {}),
                        ("disposed", {})):
        with pytest.raises(Conflict, match=f"{sample.lab_id} è stato smaltito"):
            record_custody(db, sample_id=sample.id, kind=kind, actor=admin, **extra)
    assert _steps(db, sample.id) == 2 and _audits(db) == 1


def test_after_the_return_only_a_receipt_again_with_a_reason(db, admin, sample, italian):
    record_custody(db, sample_id=sample.id, kind="returned", notes="Ritirato dal sig. Rossi", actor=admin)
    with pytest.raises(Conflict, match="è stato restituito al cliente"):
        record_custody(db, sample_id=sample.id, kind="stored", location="A", actor=admin)
    with pytest.raises(ValidationError, match="perché il campione viene ricevuto di nuovo"):
        record_custody(db, sample_id=sample.id, kind="received", actor=admin)
    assert _steps(db, sample.id) == 2
    again = record_custody(db, sample_id=sample.id, kind="received", notes="Riportato per una seconda prova",
                           location="Accettazione", actor=admin)
    assert again.kind == "received"
    record_custody(db, sample_id=sample.id, kind="stored", location="Magazzino B", actor=admin)
    assert _steps(db, sample.id) == 4


def test_a_sample_without_steps_may_be_received_once(db, admin):
    sample = make_request(db, received=False).samples[0]
    record_custody(db, sample_id=sample.id, kind="received", location="Accettazione", actor=admin)
    with pytest.raises(Conflict):
        record_custody(db, sample_id=sample.id, kind="received", actor=admin)


def test_an_unknown_sample_is_not_found(db, admin, italian):
    with pytest.raises(NotFound, match="Questo campione non è"):
        record_custody(db, sample_id=uuid.uuid4(), kind="stored", location="A", actor=admin)


def test_what_may_follow_each_step():
    assert rule.may_follow(None)[0] == "received"
    assert "received" not in rule.may_follow("stored") and "disposed" in rule.may_follow("to_test")
    assert rule.may_follow("returned") == ("received",)
    assert rule.may_follow("disposed") == ()


def test_steps_are_never_changed_by_a_verb():
    from frontdesk.services.lab import custody

    verbs = {name for name, value in vars(custody).items() if callable(value) and getattr(value, "__module__", "")
             == custody.__name__ and not name.startswith("_") and not isinstance(value, type)}
    assert verbs == {"record_custody", "append_step", "last_step", "sample_not_found"}
