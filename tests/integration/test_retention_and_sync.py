"""Retention waits for a recent sync on a desk of a hub (issue 12, point 5): a desk cut off from
the others must not anonymise someone whose recent visit, made at another desk, it has not seen.
A standalone desk (no hub address) applies it as always."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, text

from frontdesk import i18n
from frontdesk.db.models import AuditEvent, Service, Visit, Visitor
from frontdesk.domain.roles import Actor
from frontdesk.services.desk.settings import update_settings
from frontdesk.services.privacy import retention
from frontdesk.services.registry.visitors import VisitorInput, create_visitor
from frontdesk.services.upkeep.daily import daily_upkeep

LONG_AGO = dt.datetime(2020, 3, 2, 9, 0, tzinfo=dt.UTC)


def _old_visitor(db, admin):
    person = create_visitor(db, data=VisitorInput("Ermenegilda", "Capoferri"), actor=admin)
    with db.begin() as session:
        service = session.scalars(select(Service).order_by(Service.sort)).first()
        session.add(Visit(visitor_id=person.id, service_id=service.id, status="out", checked_in_at=LONG_AGO,
                          checked_out_at=LONG_AGO + dt.timedelta(hours=1)))
        session.get(Visitor, person.id).last_visit_at = LONG_AGO
    return person.id


def _last_good_sync(db, moment: dt.datetime | None) -> None:
    with db.begin() as session:
        session.execute(text("DELETE FROM sync_state WHERE key = 'last_good_sync'"))
        if moment is not None:
            session.execute(text("INSERT INTO sync_state (key, value, number) VALUES ('last_good_sync', :v, 0)"),
                            {"v": moment.isoformat()})


def _anonymised(db, visitor_id) -> bool:
    with db.read() as session:
        return session.get(Visitor, visitor_id).anonymised_at is not None


def _skips(db) -> list[tuple[str, str]]:
    """The activity log's skipped runs: (who, what it recorded)."""
    with db.read() as session:
        return [tuple(r) for r in session.execute(select(AuditEvent.actor_label, AuditEvent.changes).where(
            AuditEvent.action == "privacy.retention_skipped"))]


def test_a_standalone_desk_applies_retention_as_always(db, admin):
    person = _old_visitor(db, admin)
    report = daily_upkeep(db).retention
    assert (report.anonymised, report.skipped) == (1, "") and _anonymised(db, person)


def test_a_desk_of_a_hub_that_never_synced_waits_and_says_so_in_italian(db, admin):
    person = _old_visitor(db, admin)
    update_settings(db, changes={"hub_url": "https://hub.example.it"}, actor=admin)
    i18n.set_language("it")
    report = retention.apply_retention(db, actor=Actor.desk_itself(db.desk))
    assert report.anonymised == 0 and not _anonymised(db, person)
    assert report.skipped.startswith("La conservazione dei dati non è stata applicata") and "prima" in report.skipped
    # recorded once a day in the activity log, although the upkeep tries every hour
    assert retention.apply_retention(db, actor=Actor.desk_itself(db.desk)).skipped
    [(who, changes)] = _skips(db)
    assert who.endswith(db.desk) and '"last_good_sync": null' in changes


def test_a_desk_whose_last_good_sync_is_over_a_day_old_waits(db, admin):
    person = _old_visitor(db, admin)
    update_settings(db, changes={"hub_url": "https://hub.example.it"}, actor=admin)
    _last_good_sync(db, dt.datetime.now(dt.UTC) - dt.timedelta(hours=25))
    report = daily_upkeep(db).retention
    assert report.anonymised == 0 and "Sync now" in report.skipped and not _anonymised(db, person)
    assert len(_skips(db)) == 1


def test_a_desk_that_synced_within_the_day_applies_it(db, admin):
    person = _old_visitor(db, admin)
    update_settings(db, changes={"hub_url": "https://hub.example.it"}, actor=admin)
    _last_good_sync(db, dt.datetime.now(dt.UTC) - dt.timedelta(hours=23))
    report = retention.apply_retention(db, actor=Actor.desk_itself(db.desk))
    assert (report.anonymised, report.skipped) == (1, "") and _anonymised(db, person)
    assert _skips(db) == []
