"""After a restore the desk keeps working and never issues a number twice (issue 8, points 1-2).

Real SQLite files, real backups and restores, the real check-in, badge PDF, QR decoding and scan.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from desk_files import backup_copy

from frontdesk.documents.reception.badge import render_badge
from frontdesk.domain.clock import utcnow
from frontdesk.domain.errors import StorageProblem, ValidationError
from frontdesk.domain.roles import Actor
from frontdesk.services.desk import numbering, series_ledger
from frontdesk.services.desk.setup import open_desk
from frontdesk.services.reception.scans import scan_badge
from frontdesk.services.reception.visits import check_in
from frontdesk.services.registry.hosts import create_host
from frontdesk.services.registry.visitors import VisitorInput, create_visitor
from frontdesk.services.upkeep import backups

LATER = dt.timedelta(minutes=5)


def _check_in_someone(path: Path, actor: Actor, last: str = "Rossi"):
    """Open the desk as the app does, check a new visitor in, close it again; the CheckInResult."""
    db = open_desk(path)
    try:
        visitor = create_visitor(db, data=VisitorInput("Maria", last), actor=actor, privacy_notice_version="2026-01")
        return check_in(db, visitor_id=visitor.id, service_code="meeting", host_id=None, actor=actor)
    finally:
        db.dispose()


def _badge_numbers(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [row[0] for row in conn.execute("SELECT number FROM badge ORDER BY number")]
    finally:
        conn.close()


def test_after_a_restore_check_in_prints_a_badge_that_scans_out(qapp, desk, path):
    from frontdesk.ui import pdf_render

    before = _check_in_someone(path, desk, "Prima")
    backup = backup_copy(path, desk)
    db = open_desk(path)
    host = create_host(db, name="Ing. Giulia Rota", organisation="Point", actor=desk)
    db.dispose()

    result = backups.restore(path, backup)
    assert result.series_prefix == "R1-B" and result.previous_prefix == "R1"

    db = open_desk(path)
    try:
        visitor = create_visitor(db, data=VisitorInput("Luca", "Dopo"), actor=desk, privacy_notice_version="2026-01")
        done = check_in(db, visitor_id=visitor.id, service_code="materials_testing", host_id=None, actor=desk)
        data = done.badge.data
        assert data.number == "R1-B-000001" != before.badge.data.number
        image = pdf_render.render_page(render_badge(data), dpi=300)
        (scanned,) = pdf_render.decode_qr(image)
        assert scanned == data.token
        out = scan_badge(db, text=scanned, actor=desk, now=utcnow() + LATER)
        assert out.action == "checked_out" and out.visit_id == done.visit.id
    finally:
        db.dispose()
    assert host.name  # the host added after the backup is gone with the rest, which is what restore means


def test_restoring_one_backup_three_times_never_reissues_a_number(desk, path):
    issued = [_check_in_someone(path, desk, "Zero").badge.data.number]
    backup = backup_copy(path, desk)
    issued.append(_check_in_someone(path, desk, "Uno").badge.data.number)
    prefixes = []
    for n in range(3):
        prefixes.append(backups.restore(path, backup).series_prefix)
        issued += [_check_in_someone(path, desk, f"Dopo{n}{i}").badge.data.number for i in range(2)]
    assert prefixes == ["R1-B", "R1-C", "R1-D"]
    assert len(issued) == len(set(issued)) == 8, issued
    ledger = series_ledger.read(path.parent, "R1")
    assert ledger is not None and {"R1", "R1-B", "R1-C", "R1-D"} <= ledger


def test_the_ledger_is_written_before_the_swap_in_the_data_and_backup_folders(desk, path, monkeypatch):
    backup = backup_copy(path, desk)
    folder = backup.parent
    for place in (path.parent, folder):
        ledger = place / series_ledger.file_name("R1")
        assert json.loads(ledger.read_text())["series"] == ["R1"]
        if sys.platform != "win32":
            assert stat.S_IMODE(ledger.stat().st_mode) == 0o600

    seen = {}
    real_replace = os.replace

    def spy(src, dst, *args, **kwargs):
        if Path(dst) == path:  # the moment the restored file takes the live one's place
            seen["data"] = series_ledger.read(path.parent, "R1")
            seen["backups"] = series_ledger.read(folder, "R1")
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", spy)
    backups.restore(path, backup)
    assert seen == {"data": {"R1", "R1-B"}, "backups": {"R1", "R1-B"}}


def test_a_pc_that_dies_after_a_restore_is_replaced_without_reusing_its_series(desk, path, tmp_path, monkeypatch):
    shared = tmp_path / "nas"
    shared.mkdir()
    backup = backup_copy(path, desk, folder=shared)
    assert backups.restore(path, backup).series_prefix == "R1-B"
    lost = _check_in_someone(path, desk, "Persa").badge.data.number  # issued, then the PC dies: no backup since
    assert lost == "R1-B-000001"

    new_pc = tmp_path / "new-pc" / "frontdesk.sqlite"
    monkeypatch.setenv("FRONTDESK_HOME", str(new_pc.parent))
    result = backups.restore(new_pc, backup)  # the backup folder's ledger remembers R1-B
    assert result.series_prefix == "R1-C"
    again = _check_in_someone(new_pc, desk, "Nuova").badge.data.number
    assert again == "R1-C-000001"


def test_on_a_new_pc_without_any_ledger_restore_asks_for_the_last_series(desk, path, tmp_path, monkeypatch):
    backup = backup_copy(path, desk)
    stick = tmp_path / "usb"
    stick.mkdir()
    copied = stick / backup.name
    copied.write_bytes(backup.read_bytes())
    new_pc = tmp_path / "new-pc" / "frontdesk.sqlite"
    monkeypatch.setenv("FRONTDESK_HOME", str(new_pc.parent))

    with pytest.raises(backups.SeriesUnknown, match="cannot tell which number series") as asked:
        backups.restore(new_pc, copied)
    assert asked.value.known == ("R1",)
    assert not new_pc.exists()  # nothing changed
    with pytest.raises(ValidationError, match="not a number series of desk R1"):
        backups.restore(new_pc, copied, after_series="L1-B")
    assert not new_pc.exists()

    result = backups.restore(new_pc, copied, after_series="r1-c-000042")  # a badge number, as typed
    assert result.series_prefix == "R1-D"
    assert _check_in_someone(new_pc, desk).badge.data.number == "R1-D-000001"
    assert series_ledger.read(stick, "R1") == {"R1", "R1-C", "R1-D"}


def test_with_the_live_database_but_no_ledger_restore_does_not_ask(desk, path):
    backup = backup_copy(path, desk)
    for ledger in (path.parent / series_ledger.file_name("R1"), backup.parent / series_ledger.file_name("R1")):
        ledger.unlink()  # e.g. the first restore after updating from a version without the ledger
    assert backups.restore(path, backup).series_prefix == "R1-B"


def test_a_damaged_ledger_is_not_trusted_and_not_fatal(desk, path):
    backup = backup_copy(path, desk)
    (path.parent / series_ledger.file_name("R1")).write_text("{not json")
    (backup.parent / series_ledger.file_name("R1")).write_text('{"desk": "L1", "series": ["L1"]}')
    assert series_ledger.read(path.parent, "R1") is None and series_ledger.read(backup.parent, "R1") is None
    assert backups.restore(path, backup).series_prefix == "R1-B"  # the live database still knows R1
    assert series_ledger.read(path.parent, "R1") == {"R1", "R1-B"}  # rewritten whole


def test_a_desk_left_on_an_old_style_series_by_an_earlier_restore_checks_in_again(desk, path):
    """Before this fix a restore left the desk on 'R1b', which no badge token can carry."""
    _check_in_someone(path, desk)
    conn = sqlite3.connect(path)
    conn.execute("INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)", (numbering.PREFIX_KEY, json.dumps("R1b")))
    conn.commit()
    conn.close()
    number = _check_in_someone(path, desk, "Bianchi").badge.data.number
    assert number == "R1-B-000001"  # the same generation, spelled so that tokens carry it
    assert _badge_numbers(path) == ["R1-000001", "R1-B-000001"]
    backup = backup_copy(path, desk)
    assert backups.restore(path, backup).series_prefix == "R1-C"


def _cli(*args, home: Path, stdin=subprocess.DEVNULL) -> subprocess.CompletedProcess:
    env = {**os.environ, "FRONTDESK_HOME": str(home), "FRONTDESK_LANGUAGE": "en"}
    return subprocess.run([sys.executable, "-m", "frontdesk", *args], capture_output=True, text=True, env=env,
                          stdin=stdin, timeout=120)


def _backup_on_a_stick(path: Path, actor: Actor, tmp_path: Path) -> Path:
    backup = backup_copy(path, actor)
    stick = tmp_path / "usb"
    stick.mkdir()
    copied = stick / backup.name
    copied.write_bytes(backup.read_bytes())
    return copied


def test_the_cli_without_a_terminal_says_what_to_pass_and_changes_nothing(desk, path, tmp_path):
    copied = _backup_on_a_stick(path, desk, tmp_path)
    new_pc = tmp_path / "new-pc"
    refused = _cli("--db", str(new_pc / "frontdesk.sqlite"), "restore", str(copied), home=new_pc)
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert "--after-series" in refused.stderr and "R1-B-000123" in refused.stderr
    assert not (new_pc / "frontdesk.sqlite").exists()

    done = _cli("--db", str(new_pc / "frontdesk.sqlite"), "restore", str(copied), "--after-series", "R1-C",
                home=new_pc)
    assert done.returncode == 0, done.stderr
    assert "R1-D" in done.stdout


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_the_cli_asks_on_a_terminal(desk, path, tmp_path):
    copied = _backup_on_a_stick(path, desk, tmp_path)
    new_pc = tmp_path / "new-pc"
    main, terminal = os.openpty()
    try:
        os.write(main, b"R1-E-000007\n")  # typed ahead: the terminal keeps it until the question reads it
        done = _cli("--db", str(new_pc / "frontdesk.sqlite"), "restore", str(copied), home=new_pc, stdin=terminal)
    finally:
        os.close(terminal)
        os.close(main)
    assert done.returncode == 0, done.stderr
    assert "newest badge number" in done.stdout
    assert "R1-F" in done.stdout
    assert series_ledger.read(new_pc, "R1") == {"R1", "R1-E", "R1-F"}


def test_restoring_a_copy_kept_elsewhere_updates_the_ledger_in_the_backup_folder_set_in_settings(desk, path,
                                                                                                  tmp_path):
    from frontdesk.services.desk.settings import update_settings

    nas = tmp_path / "nas"
    nas.mkdir()
    db = open_desk(path)
    update_settings(db, changes={"backup_folder": str(nas)}, actor=desk)
    db.dispose()
    copied = tmp_path / "usb" / backup_copy(path, desk).name  # taken into the configured folder
    copied.parent.mkdir()
    copied.write_bytes((nas / copied.name).read_bytes())
    assert backups.restore(path, copied).series_prefix == "R1-B"
    for place in (path.parent, nas, copied.parent):
        assert series_ledger.read(place, "R1") == {"R1", "R1-B"}, place


@pytest.fixture
def read_only():
    """Make a folder read-only for real (a read-only bind mount: root ignores file modes).
    Skipped where mounting is not allowed, except in CI, where it must run."""
    mounted: list[Path] = []

    def make(folder: Path) -> None:
        ok = os.name == "posix" and hasattr(os, "geteuid") and os.geteuid() == 0 and \
            subprocess.run(["mount", "--bind", str(folder), str(folder)], capture_output=True).returncode == 0
        if ok:
            mounted.append(folder)
            ok = subprocess.run(["mount", "-o", "remount,ro,bind", str(folder)], capture_output=True).returncode == 0
        if not ok:
            if os.environ.get("CI") == "true":
                pytest.fail("CI must run this test as root with mount allowed")
            pytest.skip("needs root and permission to mount (a read-only bind mount)")

    yield make
    for folder in reversed(mounted):
        subprocess.run(["umount", str(folder)], check=False)


def test_a_read_only_backup_folder_still_restores_and_says_the_ledger_was_not_written(desk, path, read_only):
    backup = backup_copy(path, desk)
    read_only(backup.parent)
    result = backups.restore(path, backup)
    assert result.series_prefix == "R1-B"
    assert len(result.warnings) == 1 and "could not be written to the backup folder" in result.warnings[0]
    assert series_ledger.read(path.parent, "R1") == {"R1", "R1-B"}  # the data folder's ledger has it
    assert series_ledger.read(backup.parent, "R1") == {"R1"}


def test_a_read_only_data_folder_stops_the_restore_before_anything_changes(desk, path, tmp_path, read_only):
    nas = tmp_path / "nas"
    nas.mkdir()
    backup = backup_copy(path, desk, folder=nas)
    before = path.read_bytes()
    read_only(path.parent)
    with pytest.raises(StorageProblem, match=r"data folder .* cannot be written to"):
        backups.restore(path, backup)
    assert path.read_bytes() == before
    assert series_ledger.read(nas, "R1") == {"R1"}  # no series opened anywhere
