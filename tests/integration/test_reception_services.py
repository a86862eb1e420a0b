"""Check-in, badges, scans, the evening close, expected visitors and imports (real SQLite file)."""

import datetime as dt
import sqlite3

import pytest

from frontdesk.domain import badge_tokens
from frontdesk.domain.clock import ROME, utcnow
from frontdesk.domain.errors import Conflict, NotFound, PermissionDenied, ValidationError
from frontdesk.domain.roles import Actor, Role
from frontdesk.services.desk.settings import update_settings
from frontdesk.services.reception.badges import reprint_badge
from frontdesk.services.reception.expected import (
    attendance_register,
    expected_today,
    import_expected_csv,
    register_visit,
)
from frontdesk.services.reception.scans import scan_badge
from frontdesk.services.reception.search import reception_search
from frontdesk.services.reception.visits import (
    check_in,
    check_in_group,
    check_in_new_visitor,
    check_out,
    close_open_visits,
    on_site,
)
from frontdesk.services.registry.hosts import create_host
from frontdesk.services.registry.visitors import VisitorInput, create_visitor

LATER = dt.timedelta(minutes=5)


@pytest.fixture
def host(db, admin):
    return create_host(db, name="Ing. Giulia Rota", organisation="Point", email="giulia@point.example", actor=admin)


@pytest.fixture
def mario(db, admin):
    return create_visitor(db, data=VisitorInput(first_name="Mario", last_name="Rossi"), actor=admin,
                          privacy_notice_version="2026-01")


def _count(db, sql):
    conn = db.raw()
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def test_check_in_issues_a_signed_badge_for_the_visit(db, admin, host, mario):
    result = check_in(db, visitor_id=mario.id, service_code="materials_testing", host_id=host.id, actor=admin)
    claim = badge_tokens.verify(result.badge.data.token, _keys(), today=dt.datetime.now(ROME).date())
    assert claim.subject_id == result.visit.id and claim.subject_kind == "V"
    assert result.badge.data.number == "R1-000001" and claim.number == "R1-000001"
    assert result.badge.data.visitor_name == "Mario Rossi" and result.badge.data.host == "Ing. Giulia Rota"
    assert result.badge.data.purpose == "Materials testing"
    assert "Mario" not in result.badge.data.token and "Rossi" not in result.badge.data.token
    assert [p.visitor_name for p in on_site(db)] == ["Mario Rossi"]
    with pytest.raises(Conflict, match="already on site"):
        check_in(db, visitor_id=mario.id, service_code="meeting", host_id=None, actor=admin)


def _keys():
    from frontdesk.services.desk.keyring import load_keyring

    return load_keyring().keys


def test_new_visitor_needs_the_privacy_notice_and_records_its_version(db, admin):
    with pytest.raises(ValidationError, match="privacy"):
        check_in_new_visitor(db, visitor=VisitorInput(first_name="Anna", last_name="Bianchi"),
                             service_code="training", host_id=None, privacy_notice_shown=False, actor=admin)
    assert _count(db, "SELECT count(*) FROM visitor") == 0
    r = check_in_new_visitor(db, visitor=VisitorInput(first_name="Anna", last_name="Bianchi"),
                             service_code="training", host_id=None, privacy_notice_shown=True, actor=admin)
    assert _count(db, f"SELECT privacy_notice_version FROM visitor WHERE id='{r.visit.visitor_id.hex}'") == "2026-01"


def test_known_visitor_without_the_current_notice_is_checked_in_only_once_it_was_shown(db, admin):
    # Registered ahead (or imported from CSV): the record exists, the notice was never shown.
    guest = create_visitor(db, data=VisitorInput(first_name="Martina", last_name="Ravasio"), actor=admin)
    technician = Actor(desk="R1", role=Role.LAB_TECHNICIAN, staff_id=admin.staff_id, name="Tecnico")
    with pytest.raises(PermissionDenied):  # a role that cannot check in is told so, not asked for the notice
        check_in(db, visitor_id=guest.id, service_code="meeting", host_id=None, actor=technician)
    with pytest.raises(ValidationError, match="privacy notice") as refused:
        check_in(db, visitor_id=guest.id, service_code="meeting", host_id=None, actor=admin)
    assert refused.value.field == "privacy"
    assert on_site(db) == [] and _count(db, "SELECT count(*) FROM badge") == 0
    assert _count(db, f"SELECT privacy_notice_version FROM visitor WHERE id='{guest.id.hex}'") == ""
    check_in(db, visitor_id=guest.id, service_code="meeting", host_id=None, actor=admin, privacy_notice_shown=True)
    assert _count(db, f"SELECT privacy_notice_version FROM visitor WHERE id='{guest.id.hex}'") == "2026-01"
    assert _count(db, f"SELECT privacy_ack_at IS NOT NULL FROM visitor WHERE id='{guest.id.hex}'") == 1
    assert _count(db, "SELECT count(*) FROM audit_event WHERE action='visitor.privacy_notice' "
                      f"AND record_id='{guest.id}'") == 1
    check_out(db, visit_id=on_site(db)[0].id, actor=admin)
    # The next visit needs no tick, until the Point publishes a new notice.
    check_in(db, visitor_id=guest.id, service_code="meeting", host_id=None, actor=admin)
    check_out(db, visit_id=on_site(db)[0].id, actor=admin)
    with pytest.raises(ValidationError, match="version of the privacy notice"):
        update_settings(db, changes={"privacy_notice_version": "  "}, actor=admin)  # no version: nothing to show
    update_settings(db, changes={"privacy_notice_version": "2027-01"}, actor=admin)
    with pytest.raises(ValidationError, match="privacy notice"):
        check_in(db, visitor_id=guest.id, service_code="meeting", host_id=None, actor=admin)
    # A group with such a person needs the tick too, and records it for them.
    with pytest.raises(ValidationError, match="privacy notice"):
        check_in_group(db, visitor_ids=[guest.id], new_visitors=[], service_code="training", host_id=None,
                       privacy_notice_shown=False, actor=admin)
    check_in_group(db, visitor_ids=[guest.id], new_visitors=[], service_code="training", host_id=None,
                   privacy_notice_shown=True, actor=admin)
    assert _count(db, f"SELECT privacy_notice_version FROM visitor WHERE id='{guest.id.hex}'") == "2027-01"


def test_bad_purpose_or_host_changes_nothing(db, admin, mario):
    with pytest.raises(ValidationError):
        check_in(db, visitor_id=mario.id, service_code="no-such-service", host_id=None, actor=admin)
    with pytest.raises(NotFound):
        check_in(db, visitor_id=mario.id, service_code="meeting", host_id=mario.id, actor=admin)
    assert _count(db, "SELECT count(*) FROM visit") == 0 and _count(db, "SELECT count(*) FROM badge") == 0


def test_scan_checks_out_and_every_bad_badge_gets_its_own_message(db, admin, host, mario):
    r = check_in(db, visitor_id=mario.id, service_code="meeting", host_id=host.id, actor=admin)
    token = r.badge.data.token
    now = utcnow() + LATER
    assert scan_badge(db, text=token, actor=admin).action == "double_scan"  # right after check-in
    bad = {
        "hello123": badge_tokens.NotABadge,
        "FDS1.R1-S-000001": badge_tokens.SampleLabelScanned,
        token[:40]: badge_tokens.DamagedBadge,
        token[:-3] + ("AAA" if token[-3:] != "AAA" else "BBB"): badge_tokens.ForgedBadge,
    }
    for text, error in bad.items():
        with pytest.raises(error):
            scan_badge(db, text=text, actor=admin, now=now)
    with pytest.raises(badge_tokens.BadgeExpired):
        scan_badge(db, text=token, actor=admin, now=now + dt.timedelta(days=2))
    assert [p.visitor_name for p in on_site(db)] == ["Mario Rossi"]  # nothing changed so far
    out = scan_badge(db, text="  " + token.lower() + "\r\n", actor=admin, now=now)  # caps lock + scanner CR
    assert out.action == "checked_out" and "Mario Rossi" in out.message
    assert on_site(db) == []
    assert scan_badge(db, text=token, actor=admin, now=now + dt.timedelta(seconds=2)).action == "double_scan"
    with pytest.raises(Conflict, match="already checked out"):
        scan_badge(db, text=token, actor=admin, now=now + LATER)


@pytest.mark.parametrize("framing", [
    "]Q1{token}\r",  # AIM symbology identifier for QR, then Enter
    "]q1{token}\n",  # lower-case identifier, LF instead of Enter
    "+Q1{token}\t",  # ']' typed as '+' (scanner on US layout, PC on Italian), Tab instead of Enter
])
def test_scanner_framing_is_accepted_by_the_scan_service(db, admin, mario, framing):
    r = check_in(db, visitor_id=mario.id, service_code="meeting", host_id=None, actor=admin)
    out = scan_badge(db, text=framing.format(token=r.badge.data.token), actor=admin, now=utcnow() + LATER)
    assert out.action == "checked_out" and on_site(db) == []


def test_text_that_only_looks_like_framing_is_still_refused(db, admin, mario):
    r = check_in(db, visitor_id=mario.id, service_code="meeting", host_id=None, actor=admin)
    for text in ("]Q" + r.badge.data.token, "]]Q1" + r.badge.data.token, "]Q1]Q1" + r.badge.data.token):
        with pytest.raises(badge_tokens.NotABadge):
            scan_badge(db, text=text, actor=admin, now=utcnow() + LATER)
    assert [p.visitor_name for p in on_site(db)] == ["Mario Rossi"]


def test_reprint_supersedes_the_old_badge(db, admin, mario):
    r = check_in(db, visitor_id=mario.id, service_code="meeting", host_id=None, actor=admin)
    new = reprint_badge(db, visit_id=r.visit.id, actor=admin)
    assert new.data.number == "R1-000002"
    with pytest.raises(Conflict, match="replaced by a reprint"):
        scan_badge(db, text=r.badge.data.token, actor=admin, now=utcnow() + LATER)
    assert scan_badge(db, text=new.data.token, actor=admin, now=utcnow() + LATER).action == "checked_out"


def test_a_superseded_badge_is_audited_and_stamped_by_the_desk_that_replaced_it(db, admin, mario):
    from frontdesk.services.staff.audit import history

    r = check_in(db, visitor_id=mario.id, service_code="meeting", host_id=None, actor=admin)
    conn = db.raw()  # as if another desk had issued the first badge
    conn.execute("UPDATE badge SET created_desk = 'R9', updated_desk = 'R9'")
    conn.commit()
    conn.close()
    reprint_badge(db, visit_id=r.visit.id, actor=admin)
    conn = db.raw()
    try:
        old = conn.execute("SELECT updated_desk, superseded_at FROM badge WHERE number = 'R1-000001'").fetchone()
    finally:
        conn.close()
    assert old[0] == "R1" and old[1] is not None
    event = history(db, actor=admin, record_type="badge", record_id=str(r.badge.badge_id))[0]
    assert event.action == "badge.supersede" and event.desk == "R1"
    assert event.changes["superseded_at"][0] is None and event.changes["superseded_at"][1]


def test_badge_scanned_while_locked_is_recorded_as_the_desk(db, admin, mario):
    from frontdesk.services.staff.audit import history

    r = check_in(db, visitor_id=mario.id, service_code="meeting", host_id=None, actor=admin)
    scan_badge(db, text=r.badge.data.token, actor=Actor.desk_itself("R1"), now=utcnow() + LATER)
    event = history(db, actor=admin, record_type="visit", record_id=str(r.visit.id))[0]
    assert (event.action, event.actor_label, event.desk) == ("visit.check_out", "Desk R1", "R1")


def test_manual_check_out_and_group_check_in(db, admin, host, mario):
    results = check_in_group(db, visitor_ids=[mario.id],
                             new_visitors=[VisitorInput(first_name="Luca", last_name="Pesenti"),
                                           VisitorInput(first_name="Sara", last_name="Gervasoni")],
                             service_code="training", host_id=host.id, privacy_notice_shown=True, actor=admin)
    numbers = [r.badge.data.number for r in results]
    assert len(set(numbers)) == 3 and len(on_site(db)) == 3
    check_out(db, visit_id=results[0].visit.id, actor=admin)
    assert len(on_site(db)) == 2
    with pytest.raises(Conflict):
        check_out(db, visit_id=results[0].visit.id, actor=admin)


def test_group_is_all_or_nothing(db, admin, mario):
    with pytest.raises(ValidationError):
        check_in_group(db, visitor_ids=[mario.id], new_visitors=[VisitorInput(first_name="", last_name="X")],
                       service_code="training", host_id=None, privacy_notice_shown=True, actor=admin)
    assert on_site(db) == [] and _count(db, "SELECT count(*) FROM visitor") == 1


def test_evening_close_marks_visits_closed_by_the_system(db, admin, mario):
    r = check_in(db, visitor_id=mario.id, service_code="meeting", host_id=None, actor=admin)
    checked_in = r.visit.checked_in_at
    day = checked_in.astimezone(ROME).date()
    before_close = dt.datetime.combine(day, dt.time(19, 59), tzinfo=ROME)
    desk = Actor.desk_itself("R1")
    if checked_in < before_close:
        assert close_open_visits(db, actor=desk, now=before_close) == 0
    next_morning = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(8), tzinfo=ROME)
    assert close_open_visits(db, actor=desk, now=next_morning) == 1
    conn = sqlite3.connect(db.path)
    status, closed_by_system = conn.execute("SELECT status, closed_by_system FROM visit").fetchone()
    conn.close()
    assert (status, closed_by_system) == ("out", 1)


def test_expected_visitor_comes_first_with_prefilled_choices(db, admin, host):
    today = dt.datetime.now(ROME).date()
    known = create_visitor(db, data=VisitorInput(first_name="Marco", last_name="Rota"), actor=admin,
                           privacy_notice_version="2026-01")
    check_in(db, visitor_id=known.id, service_code="tech_scouting", host_id=host.id, actor=admin)
    check_out(db, visit_id=on_site(db)[0].id, actor=admin)
    guest = create_visitor(db, data=VisitorInput(first_name="Martina", last_name="Ravasio"), actor=admin)
    visit_id = register_visit(db, visitor_id=guest.id, service_code="trademarks_patents", host_id=host.id,
                              day_from=today, actor=admin)
    hits = reception_search(db, query="mar")
    assert [h.visitor.id for h in hits] == [guest.id, known.id]
    assert hits[0].expected.visit_id == visit_id and hits[0].service_code == "trademarks_patents"
    assert (hits[1].service_code, hits[1].host_id, hits[1].expected) == ("tech_scouting", host.id, None)
    r = check_in(db, visitor_id=guest.id, service_code=hits[0].service_code, host_id=hits[0].host_id,
                 expected_visit_id=visit_id, actor=admin, privacy_notice_shown=True)
    assert r.visit.id == visit_id and expected_today(db) == []
    with pytest.raises(Conflict):
        check_in(db, visitor_id=guest.id, service_code="meeting", host_id=None, expected_visit_id=visit_id,
                 actor=admin)


def test_three_day_course_one_badge_scan_in_and_out_each_day(db, admin, mario):
    today = dt.datetime.now(ROME).date()
    reg = register_visit(db, visitor_id=mario.id, service_code="training", host_id=None, day_from=today,
                         day_to=today + dt.timedelta(days=2), title="Corso di saldatura", actor=admin)
    first = check_in(db, visitor_id=mario.id, service_code="training", host_id=None, registration_id=reg,
                     actor=admin)
    token = first.badge.data.token
    assert first.badge.data.valid_to == today + dt.timedelta(days=2)
    noon = dt.datetime.combine(today, dt.time(12), tzinfo=ROME)
    start = first.visit.checked_in_at
    assert scan_badge(db, text=token, actor=admin, now=max(noon, start + LATER)).action == "checked_out"
    for offset in (1, 2):
        day = today + dt.timedelta(days=offset)
        morning = dt.datetime.combine(day, dt.time(9), tzinfo=ROME)
        assert scan_badge(db, text=token, actor=admin, now=morning).action == "checked_in"
        assert scan_badge(db, text=token, actor=admin, now=morning + dt.timedelta(seconds=3)).action == "double_scan"
        assert scan_badge(db, text=token, actor=admin, now=morning + dt.timedelta(hours=8)).action == "checked_out"
    register = attendance_register(db, registration_id=reg)
    assert [d.day for d in register] == [today + dt.timedelta(days=i) for i in range(3)]
    assert all(d.checked_in_at and d.checked_out_at for d in register)
    with pytest.raises(badge_tokens.BadgeExpired):
        scan_badge(db, text=token, actor=admin, now=dt.datetime.combine(today + dt.timedelta(days=3),
                                                                        dt.time(9), tzinfo=ROME))


def test_register_rejects_bad_ranges(db, admin, mario):
    today = dt.datetime.now(ROME).date()
    for start, end in ((today, today - dt.timedelta(days=1)), (today - dt.timedelta(days=9), None),
                       (today, today + dt.timedelta(days=400))):
        with pytest.raises(ValidationError):
            register_visit(db, visitor_id=mario.id, service_code="training", host_id=None, day_from=start,
                           day_to=end, actor=admin)


def test_csv_import_keeps_good_rows_and_lists_bad_ones(db, admin, host):
    future = (dt.datetime.now(ROME).date() + dt.timedelta(days=7)).strftime("%d/%m/%Y")
    data = ("\ufeffNome;Cognome;Azienda;Partita IVA;Dal;Al;Referente\n"
            f"Anna;Bianchi;;;{future};;Ing. Giulia Rota\n"
            f"Luca;Colombo;Colombo Srl;01114601006;{future};{future};\n"
            "\n"
            f"Piero;Verdi;Ignota Spa;;{future};;\n"
            f"Gino;Neri;;;31/02/2027;;\n"
            f";Senzanome;;;{future};;\n"
            f"Ugo;Brambilla;;;{future};;Nessuno Sconosciuto\n").encode()
    report = import_expected_csv(db, data=data, actor=admin)
    assert report.imported == 2
    assert [line for line, _ in report.errors] == [5, 6, 7, 8]
    assert all(msg for _, msg in report.errors)
    assert _count(db, "SELECT count(*) FROM visit WHERE status='expected'") == 2
    assert _count(db, "SELECT count(*) FROM company") == 1  # created from the row's valid VAT number


def test_csv_import_refuses_a_file_without_the_needed_columns(db, admin):
    with pytest.raises(ValidationError):
        import_expected_csv(db, data=b"a,b\n1,2\n", actor=admin)
    with pytest.raises(ValidationError):
        import_expected_csv(db, data=b"", actor=admin)
    report = import_expected_csv(db, data="nome,cognome,dal\nJosé,Peña,2099-01-01\n".encode("latin-1"),
                                 actor=admin)
    assert report.imported == 1


def test_badge_texts_follow_the_desk_language(db, admin, mario):
    from frontdesk.i18n import set_language

    set_language("it")
    result = check_in(db, visitor_id=mario.id, service_code="materials_testing", host_id=None, actor=admin)
    assert result.badge.data.purpose == "Prove sui materiali"
