"""The nightly run and "Sync now" with the desk's own settings (issue 12, point 6): a backup
before the nightly run, the status the app shows, the hub down or a token file missing (a clear
message, nothing changed), and a production hub refusing a demo database."""

from __future__ import annotations

import sqlite3

import pytest
from sync_hub import HubProcess, make_desk, outbox_size

from frontdesk.domain.clock import utcnow
from frontdesk.domain.errors import SyncError
from frontdesk.domain.roles import Actor
from frontdesk.i18n import set_language
from frontdesk.services.desk.settings import update_settings
from frontdesk.services.registry.companies import CompanyInput, create_company, search_companies
from frontdesk.services.sync.nightly import nightly_sync, sync_due, sync_now, sync_status
from frontdesk.sync.client import DemoRefused


def _configure(desk, tmp_path, *, url: str | None = None, token: str | None = None) -> None:
    token_file = tmp_path / f"{desk.code}.token"
    token_file.write_text((desk.token if token is None else token) + "\n")
    update_settings(desk.db, changes={"hub_url": url or desk.hub_url, "hub_token_file": str(token_file)},
                    actor=desk.admin)


def _sync_state(desk) -> list[tuple]:
    conn = sqlite3.connect(desk.path)
    try:
        return conn.execute("SELECT key, value FROM sync_state WHERE key NOT IN ('clock', 'last_nightly_run') "
                            "ORDER BY key").fetchall()
    finally:
        conn.close()


def _outbox_tables(desk) -> list[str]:
    conn = sqlite3.connect(desk.path)
    try:
        return [t for (t,) in conn.execute("SELECT table_name FROM sync_outbox ORDER BY seq")]
    finally:
        conn.close()


def test_the_nightly_run_backs_up_first_then_syncs_with_the_desks_settings(desks, tmp_path):
    a, b = desks
    for desk in desks:
        _configure(desk, tmp_path)
    create_company(a.db, data=CompanyInput(name="Acme Nightly", kind="foreign"), actor=a.admin)
    before = sync_status(a.db)
    assert before.last_good is None and before.waiting > 0 and before.rejected == 0
    assert sync_due(a.db)

    result = nightly_sync(a.db, actor=Actor.desk_itself("R1"))
    assert result.backup.path.is_file() and result.backup.kind == "pre-sync"
    assert result.report.pushed == before.waiting + 1 and result.report.rejected == 0  # + the backup's audit event
    after = sync_status(a.db)
    assert after.waiting == 0 and after.rejected == 0
    assert after.last_good is not None and abs((utcnow() - after.last_good).total_seconds()) < 60
    assert not sync_due(a.db)  # synced just now, and the nightly run of today's hour has begun

    sync_now(b.db, actor=Actor.desk_itself("R2"))  # "Sync now": no backup, same settings
    assert [c.name for c in search_companies(b.db, query="Acme Nightly")] == ["Acme Nightly"]


def test_the_hub_down_gives_the_clients_message_and_changes_nothing(desks, hub, tmp_path):
    a, _b = desks
    _configure(a, tmp_path)
    create_company(a.db, data=CompanyInput(name="Acme", kind="foreign"), actor=a.admin)
    waiting, state = outbox_size(a), _sync_state(a)
    hub.stop()
    set_language("it")
    try:
        with pytest.raises(SyncError, match="non risponde"):
            nightly_sync(a.db, actor=Actor.desk_itself("R1"))
    finally:
        set_language("en")
    # Only the backup taken before the run was added (its audit event); the sync changed nothing.
    assert _outbox_tables(a)[waiting:] == ["audit_event"] and _sync_state(a) == state
    assert sync_status(a.db).last_good is None
    with pytest.raises(SyncError, match="does not answer"):
        sync_now(a.db, actor=Actor.desk_itself("R1"))
    assert outbox_size(a) == waiting + 1 and _sync_state(a) == state
    assert sync_due(a.db)  # the next start catches up


def test_a_token_file_that_cannot_be_read_is_named_and_nothing_is_sent(desks, tmp_path):
    a, _b = desks
    update_settings(a.db, changes={"hub_url": a.hub_url, "hub_token_file": str(tmp_path / "missing.token")},
                    actor=a.admin)
    waiting = outbox_size(a)
    with pytest.raises(SyncError, match=r"missing\.token cannot be read"):
        sync_now(a.db, actor=Actor.desk_itself("R1"))
    assert outbox_size(a) == waiting


def test_a_production_hub_refuses_a_demo_database_and_a_demo_hub_takes_it(pg_url, tmp_path):
    production = HubProcess(pg_url, log=tmp_path / "hub.log")
    production.start()
    try:
        desk = make_desk(tmp_path / "R1.sqlite", "R1", production)
        conn = sqlite3.connect(desk.path)
        with conn:
            conn.execute("INSERT OR REPLACE INTO setting (key, value) VALUES ('is_demo', 'true')")
        conn.close()
        _configure(desk, tmp_path)
        waiting = outbox_size(desk)
        with pytest.raises(DemoRefused, match=r"demo database.*frontdesk-hub serve --demo"):
            sync_now(desk.db, actor=Actor.desk_itself("R1"))
        assert outbox_size(desk) == waiting and sync_status(desk.db).last_good is None
    finally:
        production.stop()
    trials = HubProcess(pg_url, log=tmp_path / "hub-demo.log", extra=("--demo",))
    trials.start()
    try:
        _configure(desk, tmp_path, url=trials.url)
        report = sync_now(desk.db, actor=Actor.desk_itself("R1"))
        assert report.pushed == waiting + 1 and outbox_size(desk) == 0  # + the settings change's audit event
    finally:
        trials.stop()
        desk.db.dispose()


def test_the_scheduled_command_takes_a_backup_and_syncs_with_the_settings(desks, tmp_path, capsys, monkeypatch):
    from frontdesk.cli import main

    a, _b = desks
    _configure(a, tmp_path)
    monkeypatch.setenv("FRONTDESK_LANGUAGE", "en")
    assert main(["--db", str(a.path), "sync", "--nightly", "--hub", a.hub_url]) == 2
    assert "--nightly uses the hub's address" in capsys.readouterr().err
    assert main(["--db", str(a.path), "sync", "--nightly"]) == 0
    out = capsys.readouterr().out
    assert "Backup taken:" in out and "Sync done." in out
    assert outbox_size(a) == 0 and sync_status(a.db).last_good is not None
