"""`frontdesk schedule install` / `remove` (issue 12, point 6): a systemd user timer when
`systemctl --user` answers, else a crontab line, on Linux; a Task Scheduler task on Windows. The
tools are fakes on PATH (they log their arguments and keep the crontab in a file) under a
temporary HOME; `remove` takes away exactly what `install` wrote."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from frontdesk.cli import main
from frontdesk.cli import schedule as schedule_module
from frontdesk.cli.schedule import ScheduleProblem, Scheduler, entry_name
from frontdesk.services.desk.settings import update_settings
from frontdesk.services.desk.setup import open_desk


def _tool(folder: Path, name: str, body: str) -> None:
    script = folder / name
    script.write_text("#!/bin/sh\n" + body)
    script.chmod(script.stat().st_mode | stat.S_IXUSR)


@pytest.fixture
def home(tmp_path, monkeypatch):
    home = tmp_path / "home"
    bin_dir = tmp_path / "bin"
    home.mkdir()
    bin_dir.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("FRONTDESK_LANGUAGE", "en")
    monkeypatch.setattr(schedule_module, "current_platform", lambda: "linux")
    # The crontab kept in a file: `crontab -l` prints it (or says there is none), `crontab -` replaces it.
    _tool(bin_dir, "crontab", f"""log={tmp_path}/crontab.txt
if [ "$1" = "-l" ]; then
  if [ -f "$log" ]; then cat "$log"; else echo "no crontab for $USER" >&2; exit 1; fi
else cat > "$log"; fi
""")
    return SimpleNamespace(path=home, bin=bin_dir, log=tmp_path / "systemctl.log", crontab=tmp_path / "crontab.txt")


def _systemctl(home, *, works: bool, enable_fails: bool = False) -> None:
    _tool(home.bin, "systemctl", f"""echo "$@" >> {home.log}
{'' if works else 'exit 1'}
case "$*" in *enable*) {'echo "Failed to enable unit: access denied" >&2; exit 1' if enable_fails else 'exit 0'};; esac
""")


def _units(home) -> list[str]:
    folder = home.path / ".config" / "systemd" / "user"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_with_systemd_a_user_timer_runs_the_nightly_sync_of_this_desk_and_remove_takes_it_away(
        home, path, desk, capsys):
    _systemctl(home, works=True)
    db = open_desk(path)
    update_settings(db, changes={"sync_hour": "03:15"}, actor=desk)
    db.dispose()
    assert main(["--db", str(path), "schedule", "install"]) == 0
    name = entry_name(path)
    assert _units(home) == [f"{name}.service", f"{name}.timer"]
    unit_dir = home.path / ".config" / "systemd" / "user"
    timer = (unit_dir / f"{name}.timer").read_text()
    assert "OnCalendar=*-*-* 03:15:00 Europe/Rome\nPersistent=true" in timer
    assert "WantedBy=timers.target" in timer
    service = (unit_dir / f"{name}.service").read_text()
    assert f"ExecStart={sys.executable} -m frontdesk --db {path.resolve()} sync --nightly\n" in service
    assert "Type=oneshot" in service
    log = home.log.read_text().splitlines()
    assert "--user daemon-reload" in log and f"--user enable --now {name}.timer" in log
    assert not home.crontab.exists()  # systemd answered: the crontab is left alone
    out = capsys.readouterr().out
    assert "systemd user timer" in out and "03:15" in out

    assert main(["--db", str(path), "schedule", "remove"]) == 0
    assert _units(home) == []
    assert f"--user disable --now {name}.timer" in home.log.read_text().splitlines()
    assert "removed" in capsys.readouterr().out
    assert main(["--db", str(path), "schedule", "remove"]) == 0
    assert "nothing to remove" in capsys.readouterr().out


def test_without_systemd_a_crontab_line_is_added_once_and_removed_alone(home, path, desk, capsys):
    _systemctl(home, works=False)
    home.crontab.write_text("0 5 * * * /usr/local/bin/other-job\n")
    assert main(["--db", str(path), "schedule", "install"]) == 0
    assert main(["--db", str(path), "schedule", "install"]) == 0  # again: replaced, not doubled
    name = entry_name(path)
    lines = home.crontab.read_text().splitlines()
    assert lines == ["0 5 * * * /usr/local/bin/other-job",
                     f"0 2 * * * {sys.executable} -m frontdesk --db {path.resolve()} sync --nightly # {name}"]
    assert _units(home) == []
    assert main(["--db", str(path), "schedule", "remove"]) == 0
    assert home.crontab.read_text() == "0 5 * * * /usr/local/bin/other-job\n"
    capsys.readouterr()


def test_a_scheduler_that_refuses_gives_a_clear_message_and_status_2(home, path, desk, capsys):
    _systemctl(home, works=True, enable_fails=True)
    assert main(["--db", str(path), "schedule", "install"]) == 2
    err = capsys.readouterr().err
    assert "The scheduler refused the command systemctl --user enable" in err and "access denied" in err


def test_on_windows_a_daily_task_of_the_task_scheduler_runs_the_sync():
    calls: list[list[str]] = []
    answers = {"/Query": 1}

    def run(args: list[str], stdin: str | None) -> tuple[int, str, str]:
        calls.append(args)
        return answers.get(args[1], 0), "", ""

    scheduler = Scheduler(platform="win32", home=Path("C:/Users/Anna"), run=run)
    command = [r"C:\Program Files\Frontdesk\frontdesk.exe", "--db", r"C:\Users\Anna\Desk R1\frontdesk.sqlite",
               "sync", "--nightly"]
    written = scheduler.install(name="frontdesk-sync-0123456789", command=command, hour="02:00")
    assert calls == [["schtasks", "/Create", "/F", "/SC", "DAILY", "/ST", "02:00",
                      "/TN", r"Frontdesk\frontdesk-sync-0123456789",
                      "/TR", r'"C:\Program Files\Frontdesk\frontdesk.exe" '
                             r'--db "C:\Users\Anna\Desk R1\frontdesk.sqlite" sync --nightly']]
    assert r"Frontdesk\frontdesk-sync-0123456789" in written
    calls.clear()
    assert scheduler.remove(name="frontdesk-sync-0123456789") is False  # not there: nothing deleted
    assert [c[1] for c in calls] == ["/Query"]
    answers["/Query"] = 0
    assert scheduler.remove(name="frontdesk-sync-0123456789") is True
    assert calls[-1] == ["schtasks", "/Delete", "/F", "/TN", r"Frontdesk\frontdesk-sync-0123456789"]


def test_a_system_without_a_known_scheduler_is_told_what_to_run(tmp_path):
    scheduler = Scheduler(platform="darwin", home=tmp_path, run=lambda args, stdin: (0, "", ""))
    with pytest.raises(ScheduleProblem, match="frontdesk sync --nightly"):
        scheduler.install(name="x", command=["frontdesk"], hour="02:00")
    assert list(tmp_path.iterdir()) == []


def test_two_desks_on_one_pc_get_two_entries(tmp_path):
    assert entry_name(tmp_path / "a.sqlite") != entry_name(tmp_path / "b.sqlite")
    assert entry_name(tmp_path / "a.sqlite") == entry_name(tmp_path / "x" / ".." / "a.sqlite")
