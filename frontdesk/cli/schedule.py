"""`frontdesk schedule install` / `schedule remove`: the nightly sync as an entry of the system's
scheduler, running `frontdesk sync --nightly` on this desk's database at the hour in Settings.

- Linux: a systemd user timer (`~/.config/systemd/user/<name>.timer` and `.service`, the hour in
  Europe/Rome, `Persistent=true` so a PC that was off catches up) when `systemctl --user` answers;
  else a line in the user's crontab, marked with the entry's name (the PC's own time zone).
- Windows: a daily task of the Task Scheduler (`schtasks /Create`), named `Frontdesk\\<name>`.

The name comes from the database's path, so one PC can schedule two desks and `remove` takes away
exactly what `install` wrote (and nothing else of the crontab). The platform and the program that
runs the tools are parameters (`Scheduler`), so the tests use a temporary HOME and fake tools.
No Qt here (import-linter contract).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PureWindowsPath

from frontdesk.domain.errors import FrontdeskError
from frontdesk.i18n import _

Runner = Callable[[list[str], str | None], tuple[int, str, str]]  # (args, stdin) -> (status, out, err)


class ScheduleProblem(FrontdeskError):
    """The system's scheduler refused the entry, or the platform has none we know."""


def current_platform() -> str:
    return sys.platform


def run_tool(args: list[str], stdin: str | None = None) -> tuple[int, str, str]:
    try:
        done = subprocess.run(args, input=stdin, capture_output=True, text=True, timeout=60, check=False)
    except FileNotFoundError:
        return 127, "", f"{args[0]}: not found"
    except subprocess.TimeoutExpired:
        return 124, "", f"{args[0]}: timed out"
    return done.returncode, done.stdout, done.stderr


def entry_name(database: Path) -> str:
    """One name per desk database: the same for install and remove."""
    digest = hashlib.sha256(str(database.resolve()).encode()).hexdigest()[:10]
    return f"frontdesk-sync-{digest}"


def sync_command(database: Path, *, demo: bool) -> list[str]:
    """The command the entry runs: this program's `sync --nightly` on this database."""
    # The desktop bundle runs frontdesk(.exe) itself; from source, this Python with -m frontdesk.
    program = [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "frontdesk"]
    where = ["--demo"] if demo else ["--db", str(database.resolve())]
    return [*program, *where, "sync", "--nightly"]


@dataclass
class Scheduler:
    platform: str = field(default_factory=lambda: current_platform())
    home: Path = field(default_factory=Path.home)
    run: Runner = run_tool

    def install(self, *, name: str, command: list[str], hour: str) -> str:
        """Write the entry (replacing one of the same name); returns what was written, for the user."""
        if self.platform.startswith("win"):
            return self._install_windows(name, command, hour)
        if self.platform.startswith("linux"):
            if self._has_systemd():
                return self._install_systemd(name, command, hour)
            return self._install_cron(name, command, hour)
        raise ScheduleProblem(_("This system has no scheduler that frontdesk knows. Run \"frontdesk sync "
                                "--nightly\" every night with the system's own scheduler; nothing was changed."))

    def remove(self, *, name: str) -> bool:
        """Take the entry away; False when there was none."""
        if self.platform.startswith("win"):
            status, _out, _err = self.run(["schtasks", "/Query", "/TN", _windows_task(name)], None)
            if status != 0:
                return False
            self._check(["schtasks", "/Delete", "/F", "/TN", _windows_task(name)])
            return True
        if not self.platform.startswith("linux"):
            return False
        removed = False
        unit_dir = self._unit_dir()
        timer, service = unit_dir / f"{name}.timer", unit_dir / f"{name}.service"
        if timer.exists() or service.exists():
            if self._has_systemd():
                self.run(["systemctl", "--user", "disable", "--now", f"{name}.timer"], None)
            timer.unlink(missing_ok=True)
            service.unlink(missing_ok=True)
            if self._has_systemd():
                self.run(["systemctl", "--user", "daemon-reload"], None)
            removed = True
        current = self._crontab()
        if current is not None:
            kept = [line for line in current.splitlines() if not line.endswith(_cron_marker(name))]
            if len(kept) != len(current.splitlines()):
                self._check(["crontab", "-"], "".join(f"{line}\n" for line in kept))
                removed = True
        return removed

    # --- Linux --------------------------------------------------------------------------------
    def _has_systemd(self) -> bool:
        status, _out, _err = self.run(["systemctl", "--user", "show-environment"], None)
        return status == 0

    def _unit_dir(self) -> Path:
        return Path(os.environ.get("XDG_CONFIG_HOME") or self.home / ".config") / "systemd" / "user"

    def _install_systemd(self, name: str, command: list[str], hour: str) -> str:
        unit_dir = self._unit_dir()
        unit_dir.mkdir(parents=True, exist_ok=True)
        service, timer = unit_dir / f"{name}.service", unit_dir / f"{name}.timer"
        service.write_text(systemd_service(command), encoding="utf-8")
        timer.write_text(systemd_timer(hour), encoding="utf-8")
        self._check(["systemctl", "--user", "daemon-reload"])
        self._check(["systemctl", "--user", "enable", "--now", f"{name}.timer"])
        return _("systemd user timer {timer} (every day at {hour}, Europe/Rome)").format(timer=timer, hour=hour)

    def _crontab(self) -> str | None:
        """The user's crontab ('' when there is none), or None when there is no crontab program."""
        status, out, err = self.run(["crontab", "-l"], None)
        if status == 127:
            return None
        if status != 0:
            if "no crontab" in err.lower():
                return ""
            raise ScheduleProblem(_("The crontab could not be read ({error}); nothing was changed.").format(
                error=err.strip()))
        return out

    def _install_cron(self, name: str, command: list[str], hour: str) -> str:
        current = self._crontab()
        if current is None:
            raise ScheduleProblem(_("Neither systemd (systemctl --user) nor cron (crontab) is available on this "
                                    "PC, so the nightly sync cannot be scheduled; nothing was changed."))
        line = cron_line(name, command, hour)
        kept = [existing for existing in current.splitlines() if not existing.endswith(_cron_marker(name))]
        self._check(["crontab", "-"], "".join(f"{existing}\n" for existing in [*kept, line]))
        return _("a line in the crontab (every day at {hour}, this PC's time): {line}").format(hour=hour, line=line)

    # --- Windows ------------------------------------------------------------------------------
    def _install_windows(self, name: str, command: list[str], hour: str) -> str:
        args = windows_create_command(name, command, hour)
        self._check(args)
        return _("the Task Scheduler task {task} (every day at {hour})").format(task=_windows_task(name), hour=hour)

    def _check(self, args: list[str], stdin: str | None = None) -> None:
        status, out, err = self.run(args, stdin)
        if status != 0:
            raise ScheduleProblem(_("The scheduler refused the command {command}: {error}").format(
                command=" ".join(args[:3]), error=(err or out).strip() or status))


def systemd_service(command: list[str]) -> str:
    return ("[Unit]\nDescription=Front desk: nightly sync with the Point's hub\n\n"
            f"[Service]\nType=oneshot\nExecStart={' '.join(_systemd_quote(part) for part in command)}\n")


def systemd_timer(hour: str) -> str:
    return ("[Unit]\nDescription=Front desk: nightly sync with the Point's hub\n\n"
            f"[Timer]\nOnCalendar=*-*-* {hour}:00 Europe/Rome\nPersistent=true\n\n"
            "[Install]\nWantedBy=timers.target\n")


def cron_line(name: str, command: list[str], hour: str) -> str:
    hh, mm = hour.split(":")
    return f"{int(mm)} {int(hh)} * * * {' '.join(_sh_quote(part) for part in command)} {_cron_marker(name)}"


def windows_create_command(name: str, command: list[str], hour: str) -> list[str]:
    return ["schtasks", "/Create", "/F", "/SC", "DAILY", "/ST", hour, "/TN", _windows_task(name),
            "/TR", subprocess.list2cmdline([str(PureWindowsPath(command[0])), *command[1:]])]


def _windows_task(name: str) -> str:
    return f"Frontdesk\\{name}"


def _cron_marker(name: str) -> str:
    return f"# {name}"


def _sh_quote(part: str) -> str:
    import shlex

    return shlex.quote(part).replace("%", "\\%")  # cron reads a bare % as a new line


def _systemd_quote(part: str) -> str:
    if part and all(c.isalnum() or c in "/._-:=+," for c in part):
        return part
    return '"' + part.replace("\\", "\\\\").replace('"', '\\"').replace("%", "%%") + '"'
