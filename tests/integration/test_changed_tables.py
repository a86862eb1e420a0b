"""The database session notes the tables each transaction changed and hands them on only once it
has committed (db.engine -> domain.changes): ORM flushes and Core statements alike."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from frontdesk.db.models import Company, Setting
from frontdesk.domain.changes import recording_changes
from frontdesk.domain.clock import today_in_rome
from frontdesk.domain.errors import ValidationError
from frontdesk.services.reception.expected import register_visit
from frontdesk.services.reception.visits import check_in
from frontdesk.services.registry.visitors import VisitorInput, create_visitor


@pytest.fixture
def unnoticed(db, admin):
    """Someone registered ahead whose privacy notice was never shown."""
    guest = create_visitor(db, data=VisitorInput("Martina", "Ravasio", None), actor=admin)
    register_visit(db, visitor_id=guest.id, service_code="meeting", host_id=None, day_from=today_in_rome(),
                   actor=admin)
    return guest


def test_a_check_in_that_records_the_privacy_notice_names_the_visitor(db, admin, unnoticed):
    with recording_changes() as tables:
        check_in(db, visitor_id=unnoticed.id, service_code="meeting", host_id=None, actor=admin,
                 privacy_notice_shown=True)
    assert {"visit", "badge", "visitor", "audit_event"} <= tables


def test_a_transaction_rolled_back_names_nothing(db, admin, unnoticed):
    with recording_changes() as tables, pytest.raises(ValidationError):
        check_in(db, visitor_id=unnoticed.id, service_code="meeting", host_id=None, actor=admin)  # no tick
    assert tables == set()


def test_core_statements_through_the_session_are_noted(db):
    with recording_changes() as tables, db.begin() as session:
        session.execute(update(Company).where(Company.name == "nobody").values(city="Dalmine"))
    assert tables == {"company"}


def test_reads_and_unchanged_objects_name_nothing(db):
    with recording_changes() as tables:
        with db.read() as session:
            session.scalars(select(Setting)).all()
        with db.begin() as session:
            for setting in session.scalars(select(Setting)):
                setting.value = setting.value  # loaded, assigned the same value: not modified
    assert tables == set()


def test_only_the_block_that_records_sees_its_tables(db):
    with recording_changes() as outer:
        with db.begin() as session:
            session.execute(update(Company).where(Company.name == "nobody").values(city="Dalmine"))
        with recording_changes() as inner, db.begin() as session:
            session.execute(update(Setting).where(Setting.key == "nothing").values(value="x"))
    assert inner == {"setting"}
    assert outer == {"company", "setting"}
