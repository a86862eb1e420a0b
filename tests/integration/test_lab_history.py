"""A sample's history and the samples list (real SQLite file), the scanned label that names a sample,
and the query plans that keep both fast on a desk with many samples."""

from __future__ import annotations

import datetime as dt
import sqlite3
import uuid

import pytest
from lab_samples import make_request

from frontdesk.domain.clock import utcnow
from frontdesk.domain.errors import NotFound
from frontdesk.domain.lab import sample_tokens
from frontdesk.domain.roles import Role
from frontdesk.i18n import set_language
from frontdesk.services.desk.keyring import load_keyring
from frontdesk.services.lab.custody import record_custody
from frontdesk.services.lab.history import find_samples, more_custody, sample_history
from frontdesk.services.lab.scans import sample_for_scan


@pytest.fixture
def italian():
    set_language("it")
    yield
    set_language("en")


@pytest.fixture
def request_(db):
    return make_request(db, samples=2, specimens=2, tests=("TENSILE-RT", "CHARPY-V"))


def test_the_history_holds_everything_about_the_sample(db, admin, request_):
    parent, first_specimen = request_.samples[0], request_.samples[1]
    record_custody(db, sample_id=parent.id, kind="stored", location="Magazzino A", actor=admin)
    record_custody(db, sample_id=parent.id, kind="to_test", test_id=parent.test_ids[0], actor=admin)
    h = sample_history(db, sample_id=parent.id, actor=admin)
    assert h.lab_id == parent.lab_id == "R1-000001" and h.material == "Acciaio S355JR"
    assert h.condition and h.deviations and h.customer_answer == "Procedere comunque"
    assert h.customer_info.startswith("Colata 4711") and h.label_token == parent.token
    r = h.request
    assert (r.number, r.company_name, r.contact_name, r.priority) == (request_.number, "Acciaierie Bergamasche S.p.A.",
                                                                       "Mario Rossi", "urgent")
    assert r.specification == "EN 10025-2 S355JR" and r.decision_rule and r.agreed_by == "Mario Rossi"
    assert r.received_by == "Laura Pesenti" and r.due_on is not None
    assert [t.code for t in h.tests] == ["TENSILE-RT", "CHARPY-V"]
    assert h.tests[0].name == "Tensile test at room temperature" and h.tests[0].standard.startswith("UNI EN ISO 6892")
    assert h.tests[0].status == "requested" and h.tests[0].equipment == "" and h.tests[0].technician == ""
    assert [s.kind for s in h.custody] == ["to_test", "stored", "received"]  # newest first
    assert h.last_step.kind == "to_test" and h.custody_total == 3 and not h.has_more_custody
    assert [s.lab_id for s in h.specimens] == ["R1-000001-1", "R1-000001-2"] and h.parent is None
    assert h.audit_visible and [a.action for a in h.audit] == ["sample.custody", "sample.custody"]
    specimen = sample_history(db, sample_id=first_specimen.id, actor=admin)
    assert specimen.parent.lab_id == "R1-000001" and specimen.specimens == ()


def test_italian_test_names_in_italian(db, admin, request_, italian):
    h = sample_history(db, sample_id=request_.samples[0].id, actor=admin)
    assert h.tests[0].name == "Prova di trazione a temperatura ambiente"


def test_the_audit_is_shown_only_to_roles_that_may_view_it(db, admin, add_staff, request_):
    technician = add_staff("tecnico", Role.LAB_TECHNICIAN).actor
    sample = request_.samples[0]
    record_custody(db, sample_id=sample.id, kind="stored", location="A", actor=technician)
    h = sample_history(db, sample_id=sample.id, actor=technician)
    assert not h.audit_visible and h.audit == ()
    assert h.custody[0].actor_label == "Tecnico"  # the chain itself names who, for everyone


def test_older_custody_steps_come_a_page_at_a_time(db, admin, request_):
    sample = request_.samples[0]
    start = utcnow() + dt.timedelta(minutes=1)  # after the receipt
    for i in range(12):  # same moment twice in a row: the id breaks the tie, nothing is skipped or repeated
        record_custody(db, sample_id=sample.id, kind="stored", location=f"Scaffale {i}", actor=admin,
                       now=start + dt.timedelta(minutes=i // 2))
    h = sample_history(db, sample_id=sample.id, actor=admin, custody_limit=5)
    assert len(h.custody) == 5 and h.custody_total == 13 and h.has_more_custody
    seen = list(h.custody)
    while True:
        page = more_custody(db, sample_id=sample.id, before=seen[-1], limit=5)
        if not page:
            break
        seen += page
    assert len(seen) == 13 and len({s.id for s in seen}) == 13
    assert [s.location for s in seen[:12]] == [f"Scaffale {i}" for i in range(11, -1, -1)]
    assert seen[-1].kind == "received"


def test_an_unknown_sample_is_not_found(db, admin, italian):
    with pytest.raises(NotFound, match="su questa postazione: sincronizza"):
        sample_history(db, sample_id=uuid.uuid4(), actor=admin)


def test_find_samples_by_lab_id_or_company_newest_first(db, admin):
    first = make_request(db, samples=3, company_name="Fonderia Orobica S.r.l.")
    second = make_request(db, samples=2, company_name="Acciaierie Bergamasche S.p.A.")
    all_rows = find_samples(db)
    assert [r.lab_id for r in all_rows] == ["R1-000005", "R1-000004", "R1-000003", "R1-000002", "R1-000001"]
    assert all_rows[0].company_name == "Acciaierie Bergamasche S.p.A." and all_rows[0].tests == 2
    assert all_rows[0].last_kind == "received" and all_rows[0].request_number == second.number
    assert [r.lab_id for r in find_samples(db, text="fonderia")] == ["R1-000003", "R1-000002", "R1-000001"]
    assert [r.lab_id for r in find_samples(db, text="acciai berg")] == ["R1-000005", "R1-000004"]
    assert [r.lab_id for r in find_samples(db, text="r1-000004")] == ["R1-000004"]
    assert len(find_samples(db, text="R1-")) == 5 and find_samples(db, text="nessuna") == []
    page = find_samples(db, limit=2)
    rest = find_samples(db, limit=2, after=page[-1])
    assert [r.lab_id for r in page + rest] == ["R1-000005", "R1-000004", "R1-000003", "R1-000002"]
    assert [r.lab_id for r in find_samples(db, limit=2, offset=2)] == ["R1-000003", "R1-000002"]
    assert first.samples[0].id == all_rows[-1].id


def test_query_plans_use_the_indexes(db, admin, request_):
    """EXPLAIN QUERY PLAN of the history's and the list's queries: no table scan, no sort of all rows."""
    from sqlalchemy.dialects import sqlite

    from frontdesk.services.lab import history

    conn = sqlite3.connect(db.path)
    try:
        custody = conn.execute("EXPLAIN QUERY PLAN SELECT * FROM lab_custody_event WHERE sample_id = ? "
                               "ORDER BY at DESC, id DESC LIMIT 50", (uuid.uuid4().hex,)).fetchall()
        text = " ".join(row[-1] for row in custody)
        assert "ix_lab_custody_event_sample_at" in text and "SCAN lab_custody_event" not in text
        audit = conn.execute("EXPLAIN QUERY PLAN SELECT * FROM audit_event WHERE (record_type = 'lab_sample' AND "
                             "record_id = ?) OR (record_type = 'lab_test' AND record_id IN (?, ?)) "
                             "ORDER BY at DESC LIMIT 200", ("a", "b", "c")).fetchall()
        assert "ix_audit_event_record" in " ".join(row[-1] for row in audit)
        stmt = history.select(history.Sample.id).order_by(history.Sample.id.desc()).limit(100)
        listing = conn.execute("EXPLAIN QUERY PLAN " + str(stmt.compile(dialect=sqlite.dialect(),
                                                                      compile_kwargs={"literal_binds": True})))
        plan = " ".join(row[-1] for row in listing)
        assert "TEMP B-TREE" not in plan
    finally:
        conn.close()


# --- scans --------------------------------------------------------------------------------------

def test_a_label_scan_names_its_sample(db, request_):
    sample = request_.samples[0]
    found = sample_for_scan(db, text=sample.token)
    assert (found.sample_id, found.lab_id) == (sample.id, sample.lab_id)
    assert sample_for_scan(db, text="]Q1" + sample.token.lower() + "\r").sample_id == sample.id  # scanner framing


def test_a_genuine_label_whose_sample_is_not_here_says_to_sync(db, request_, italian):
    key_id, key = load_keyring().current()
    token = sample_tokens.issue(sample_tokens.SampleClaim(uuid.uuid4(), "L2-000077", key_id), key)
    with pytest.raises(NotFound, match="L2-000077 è stato accettato su un'altra postazione"):
        sample_for_scan(db, text=token)


BADGE = "FDB1.V.AGRBDPA2J577NHEUYCW4ZN6Y5M.R1-000003.20261125.0.TG53IMQN.YBARKORTCLW3DKYHBIX"


@pytest.mark.parametrize(("make", "error", "message"), [
    ("badge", sample_tokens.BadgeScannedAsSample, "badge"),
    ("garbage", sample_tokens.NotASampleLabel, "etichetta"),
    ("damaged", sample_tokens.DamagedLabel, "etichetta"),
    ("foreign", sample_tokens.ForeignLabel, "non è stata stampata da questo laboratorio"),
])
def test_what_is_not_our_label_is_refused_with_the_token_messages(db, request_, italian, make, error, message):
    token = request_.samples[0].token
    text = {
        "badge": BADGE,
        "garbage": "4006381333931",
        "damaged": token[:-7],
        "foreign": sample_tokens.issue(sample_tokens.SampleClaim(request_.samples[0].id, "R1-000001", "OTHER"),
                                       b"k" * 32),
    }.get(make)
    with pytest.raises(error) as refused:
        sample_for_scan(db, text=text)
    assert message in refused.value.message


def test_both_plans_of_the_company_search_find_the_same(db, admin, monkeypatch):
    from frontdesk.services.lab import history

    make_request(db, samples=2, company_name="Fonderia Orobica S.r.l.")
    make_request(db, samples=1, company_name="Fonderia Seriana S.p.A.")
    make_request(db, samples=1, company_name="Meccanica Brembana S.r.l.")
    few = [r.lab_id for r in find_samples(db, text="fonderia")]
    monkeypatch.setattr(history, "FEW_COMPANIES", 1)  # two companies match: the walk over the samples
    assert [r.lab_id for r in find_samples(db, text="fonderia")] == few == ["R1-000003", "R1-000002", "R1-000001"]
    page = find_samples(db, text="fonderia", limit=2)
    assert [r.lab_id for r in find_samples(db, text="fonderia", after=page[-1])] == ["R1-000001"]
    by_id = find_samples(db, text="R1-00000", limit=2)
    assert [r.lab_id for r in by_id + find_samples(db, text="R1-00000", after=by_id[-1])] == \
        ["R1-000004", "R1-000003", "R1-000002", "R1-000001"]
