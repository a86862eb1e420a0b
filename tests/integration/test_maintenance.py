"""Daily upkeep: one backup a day, then retention; and the app's start-up check that runs it."""

from frontdesk.services.upkeep.backups import backup_folder, list_backups
from frontdesk.services.upkeep.daily import backup_due, daily_upkeep


def test_one_backup_a_day(db):
    assert backup_due(db)
    first = daily_upkeep(db)
    assert first.backup is not None and first.backup.path.exists()
    assert not backup_due(db)
    second = daily_upkeep(db)
    assert second.backup is None and len(list_backups(backup_folder(db), desk="R1")) == 1
    assert second.retention.anonymised == 0


def test_upkeep_runs_after_the_integrity_check(qtbot, db):
    from PySide6.QtWidgets import QWidget

    from frontdesk.ui import tasks
    from frontdesk.ui.upkeep.startup_checks import Upkeep

    owner = QWidget()
    qtbot.addWidget(owner)
    upkeep = Upkeep(db, owner)
    upkeep.start()
    qtbot.waitUntil(lambda: upkeep.checked is not None, timeout=10000)
    tasks.wait_for_idle()
    assert upkeep.checked is True and db.writes_held is None
    assert len(list_backups(backup_folder(db), desk="R1")) == 1
