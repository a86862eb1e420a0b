"""A user disabled while signed in can no longer write anything: every audited write checks the
account inside its own transaction (audit.record -> ensure_active), and nothing is half-written."""

import sqlite3

import pytest

from frontdesk.domain.errors import PermissionDenied
from frontdesk.domain.roles import Actor, Role
from frontdesk.services.reception.scans import scan_badge
from frontdesk.services.reception.visits import check_in, check_in_new_visitor
from frontdesk.services.registry.companies import CompanyInput, create_company
from frontdesk.services.registry.visitors import VisitorInput, create_visitor
from frontdesk.services.staff.accounts import create_staff, set_active, set_first_admin_password, sign_in


def _counts(path):
    conn = sqlite3.connect(path)
    try:
        return [conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("company", "visitor", "visit", "badge", "audit_event")]
    finally:
        conn.close()


def test_disabled_while_signed_in(db, db_path):
    admin = set_first_admin_password(db, password="correct horse battery").actor
    member = create_staff(db, username="giulia", display_name="Giulia Rota", role=Role.RECEPTION,
                          password="reception-2026", actor=admin)
    session = sign_in(db, username="giulia", password="reception-2026")
    visitor = create_visitor(db, data=VisitorInput(first_name="Anna", last_name="Bianchi"), actor=session.actor,
                             privacy_notice_version="2026-01")
    visit = check_in(db, visitor_id=visitor.id, service_code="meeting", host_id=None, actor=session.actor)
    set_active(db, staff_id=member.id, active=False, actor=admin)
    before = _counts(db_path)
    attempts = [
        lambda: create_company(db, data=CompanyInput(name="Rota Srl", vat_number="01114601006"),
                               actor=session.actor),
        lambda: create_visitor(db, data=VisitorInput(first_name="Luca", last_name="Verdi"), actor=session.actor),
        lambda: check_in_new_visitor(db, visitor=VisitorInput(first_name="Sara", last_name="Neri"),
                                     service_code="meeting", host_id=None, privacy_notice_shown=True,
                                     actor=session.actor),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied, match="disabled"):
            attempt()
    assert _counts(db_path) == before
    # The desk itself still checks the visitor out when the badge is scanned (e.g. while locked).
    import datetime as dt
    later = visit.visit.checked_in_at + dt.timedelta(minutes=5)
    assert scan_badge(db, text=visit.badge.data.token, actor=Actor.desk_itself("R1"), now=later).action \
        == "checked_out"
