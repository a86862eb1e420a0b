"""The app's nightly sync against a real hub: at start a desk never synced catches up (a backup,
then the run), the status bar shows the run, and "Sync now" at the other desk brings the change
in and reloads the views that show it (issue 12, point 6)."""

from __future__ import annotations

import pytest
from sync_hub import outbox_size

from frontdesk.services.desk.settings import update_settings
from frontdesk.services.registry.companies import CompanyInput, create_company
from frontdesk.services.upkeep.backups import default_backup_folder, list_backups
from frontdesk.ui import tasks
from frontdesk.ui.shell.area_view import DeskContext
from frontdesk.ui.shell.main_window import MainWindow
from frontdesk.ui.sync.nightly_sync import NightlySync


@pytest.fixture
def configured(desks, tmp_path):
    for desk in desks:
        token = tmp_path / f"{desk.code}.token"
        token.write_text(desk.token)
        update_settings(desk.db, changes={"hub_url": desk.hub_url, "hub_token_file": str(token)}, actor=desk.admin)
    return desks


def _window(qtbot, desk) -> MainWindow:
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    win.attach(DeskContext(db=desk.db, actor=desk.admin, desk=desk.code, is_demo=False))
    return win


def test_the_app_catches_up_at_start_and_sync_now_brings_the_other_desks_change(qtbot, configured, tmp_path):
    a, b = configured
    create_company(a.db, data=CompanyInput(name="Acme Nightly", kind="foreign"), actor=a.admin)
    window_a = _window(qtbot, a)
    sync_a = NightlySync(a.db, "R1", parent=window_a)
    sync_a.show_in(window_a)
    with qtbot.waitSignal(sync_a.finished, timeout=30000) as done:
        sync_a.start()  # never synced: due at once
    assert "Sync done." in done.args[0]
    assert [b.desk for b in list_backups(default_backup_folder(a.path))] == ["R1"]  # taken before the run
    qtbot.waitUntil(lambda: window_a.sync_label.text().endswith("waiting: 0"), timeout=5000)
    assert window_a.sync_label.text().startswith("Last sync: today ")
    assert outbox_size(a) == 0
    qtbot.waitUntil(lambda: sync_a.next_run is not None, timeout=5000)  # then armed for the night

    window_b = _window(qtbot, b)
    window_b.show_area("companies")
    tasks.wait_for_idle()
    sync_b = NightlySync(b.db, "R2", parent=window_b)
    sync_b.show_in(window_b)
    reloaded: list[set] = []
    tasks.data_bus().data_changed.connect(reloaded.append)
    with qtbot.waitSignal(sync_b.finished, timeout=30000):
        window_b.sync_action.trigger()
    assert any("companies" in areas for areas in reloaded)
    qtbot.waitUntil(lambda: "Sync done." in window_b.banner.message(), timeout=5000)
    qtbot.waitUntil(lambda: window_b.sync_label.text().startswith("Last sync: today "), timeout=5000)
    window_b.resize(1280, 800)
    assert window_b.grab().save(str(tmp_path / "sync-status-bar.png"))
    tasks.data_bus().data_changed.disconnect(reloaded.append)
    tasks.wait_for_idle()
