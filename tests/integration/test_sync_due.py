"""When the nightly sync is due (issue 12, point 6): never synced, the last good sync over a day
old, or the nightly hour (Europe/Rome) passed since the last nightly run began; never without a
hub address. No hub needed: the desk's sync bookkeeping is written as a run leaves it."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from frontdesk.domain.clock import ROME
from frontdesk.domain.errors import StorageProblem, ValidationError
from frontdesk.domain.roles import Actor
from frontdesk.services.desk.settings import update_settings
from frontdesk.services.desk.setup import open_desk
from frontdesk.services.sync.nightly import last_hour_before, next_sync_at, nightly_sync, sync_due, sync_status


def rome(day: int, hh: int, mm: int = 0) -> dt.datetime:
    return dt.datetime(2026, 3, day, hh, mm, tzinfo=ROME).astimezone(dt.UTC)


@pytest.fixture
def db(path, desk):
    db = open_desk(path)
    update_settings(db, changes={"hub_url": "https://hub.local:8470", "sync_hour": "02:00"}, actor=desk)
    yield db
    db.dispose()


def _remember(path, **moments: dt.datetime) -> None:
    conn = sqlite3.connect(path)
    with conn:
        for key, moment in moments.items():
            conn.execute("INSERT OR REPLACE INTO sync_state (key, value, number) VALUES (?, ?, 0)",
                         (key, moment.isoformat()))
    conn.close()


def test_without_a_hub_address_no_run_is_ever_due(path, desk):
    db = open_desk(path)
    try:
        assert not sync_due(db, now=rome(10, 3))
        assert sync_status(db).last_good is None
    finally:
        db.dispose()


def test_a_desk_never_synced_is_due(db):
    assert sync_due(db, now=rome(10, 11))


def test_after_the_nights_run_nothing_is_due_until_the_next_hour(db, path):
    _remember(path, last_nightly_run=rome(10, 2), last_good_sync=rome(10, 2, 1))
    assert not sync_due(db, now=rome(10, 11))
    assert not sync_due(db, now=rome(11, 1, 59))
    assert sync_due(db, now=rome(11, 2))  # the hour came again
    assert sync_status(db).last_good == rome(10, 2, 1)


def test_a_sync_now_during_the_day_does_not_replace_the_nightly_run(db, path):
    _remember(path, last_nightly_run=rome(9, 2), last_good_sync=rome(10, 15))
    assert sync_due(db, now=rome(11, 2, 30))  # the app was off at 02:00: caught up at start


def test_a_last_good_sync_over_a_day_old_is_due_even_after_a_failed_attempt(db, path):
    _remember(path, last_nightly_run=rome(11, 2), last_good_sync=rome(10, 1))  # the hub was down at 02:00
    assert sync_due(db, now=rome(11, 9))
    _remember(path, last_good_sync=rome(10, 10))
    assert not sync_due(db, now=rome(11, 9))


def test_the_next_run_is_at_the_hour_in_rome_across_the_change_to_summer_time(db, path):
    assert next_sync_at(db, now=rome(10, 11)) == rome(11, 2)
    assert next_sync_at(db, now=rome(11, 1)) == rome(11, 2)
    # 29 March 2026: clocks go from 02:00 to 03:00 in Rome; the 02:00 of the 30th is one hour closer in UTC.
    assert next_sync_at(db, now=rome(29, 12)) == rome(30, 2)
    assert rome(30, 2) - rome(29, 12) == dt.timedelta(hours=14)
    assert last_hour_before(rome(10, 2), "02:00") == rome(10, 2)


def test_a_hub_address_that_is_not_a_web_address_is_refused_and_not_stored(db, desk):
    with pytest.raises(ValidationError, match="https://"):
        update_settings(db, changes={"hub_url": "hub.local"}, actor=desk)
    with pytest.raises(ValidationError):
        update_settings(db, changes={"sync_hour": "25:00"}, actor=desk)
    from frontdesk.services.desk.settings import get_settings

    assert get_settings(db).hub_url == "https://hub.local:8470"


def test_without_its_backup_the_nightly_run_sends_nothing(db, path, desk, tmp_path):
    update_settings(db, changes={"backup_folder": str(tmp_path / "unplugged-drive")}, actor=desk)
    conn = sqlite3.connect(path)
    waiting = conn.execute("SELECT count(*) FROM sync_outbox").fetchone()[0]
    conn.close()
    with pytest.raises(StorageProblem, match="backup folder"):
        nightly_sync(db, now=rome(10, 2), actor=Actor.desk_itself("R1"))
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM sync_outbox").fetchone()[0] == waiting
    conn.close()
    assert sync_status(db).last_good is None
    assert sync_due(db, now=rome(10, 9))  # never synced: the next start tries again
