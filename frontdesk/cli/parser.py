"""The `frontdesk` command line's arguments. Each sub-command names the function that runs it."""

from __future__ import annotations

import argparse

GUI_COMMANDS = frozenset({"gui", "self-test"})  # run from frontdesk.cli.gui, the only ones that import Qt


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="frontdesk", description="Front desk of the Point, Dalmine")
    parser.add_argument("--db", help="database file (default: the user's data folder, or FRONTDESK_DB)")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    sub = parser.add_subparsers(dest="command")
    gui = sub.add_parser("gui", help="start the desktop app (default)")
    gui.add_argument("--bench-startup", action="store_true", help=argparse.SUPPRESS)
    gui.set_defaults(command_function="cmd_gui")
    init = sub.add_parser("init", help="create or upgrade the database of this desk")
    init.add_argument("--desk", required=True, help="the desk's short code, e.g. R1")
    init.set_defaults(command_function="cmd_init")
    demo = sub.add_parser("demo", help="create a demo database with realistic data")
    demo.add_argument("--desk", default="R1")
    demo.add_argument("--large", action="store_true", help="200,000 visitors and 1,000,000 visits")
    demo.set_defaults(command_function="cmd_demo")
    backup = sub.add_parser("backup", help="take a consistent backup now")
    backup.add_argument("--folder", help="backup folder (default: the one in Settings)")
    backup.set_defaults(command_function="cmd_backup")
    restore = sub.add_parser("restore", help="restore the database from a backup file")
    restore.add_argument("file")
    restore.add_argument("--after-series", help="on a new PC: the newest badge number (or series) this desk "
                                                "printed, e.g. R1-B-000123, so that numbering continues above it")
    restore.set_defaults(command_function="cmd_restore")
    close = sub.add_parser("close-visits", help="close visits still open after the check-out hour")
    close.set_defaults(command_function="cmd_close_visits")
    selftest = sub.add_parser("self-test", help="check this installation (PDF, QR, a scratch database) and, "
                                                "read-only, the desk's database")
    selftest.set_defaults(command_function="cmd_self_test")
    return parser
