"""The `frontdesk` command line's arguments. Each sub-command names the function that runs it.

Every word of the help is translated (`_()` here, argparse's own words through
`cli.argparse_words`), so the parser is built after the language is chosen.
"""

from __future__ import annotations

import argparse

from frontdesk.i18n import _

GUI_COMMANDS = frozenset({"gui", "self-test"})  # run from frontdesk.cli.gui, the only ones that import Qt
# Commands that work on a desk database that must already be there (the others make one or, like
# self-test, check the installation without it).
NEEDS_DATABASE = frozenset({"gui", "backup", "close-visits", "sync", "schedule"})


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="frontdesk", description=_("Front desk of the Point, Dalmine"))
    parser.add_argument("--demo", action="store_true",
                        help=_("work on the demo database, in its own folder beside the real one "
                               "(make it with: frontdesk --demo demo)"))
    parser.add_argument("--db", metavar=_("FILE"),
                        help=_("database file (default: frontdesk.sqlite in the data folder, or FRONTDESK_DB)"))
    parser.add_argument("--debug", action="store_true", help=_("show tracebacks"))
    sub = parser.add_subparsers(dest="command", metavar=_("COMMAND"))
    gui = sub.add_parser("gui", help=_("start the desktop app (the default)"),
                         description=_("Start the desktop app (the default)."))
    gui.add_argument("--bench-startup", action="store_true", help=argparse.SUPPRESS)
    gui.set_defaults(command_function="cmd_gui")
    init = sub.add_parser("init", help=_("create or upgrade the database of this desk"),
                          description=_("Create or upgrade the database of this desk."))
    init.add_argument("--desk", required=True, metavar=_("CODE"), help=_("the desk's short code, e.g. R1"))
    init.set_defaults(command_function="cmd_init")
    demo = sub.add_parser("demo", help=_("create a demo database with realistic data"),
                          description=_("Create a demo database with realistic data and print its accounts."))
    demo.add_argument("--desk", default="R1", metavar=_("CODE"), help=_("the demo desk's code (default: R1)"))
    demo.add_argument("--large", action="store_true", help=_("200,000 visitors and 1,000,000 visits"))
    demo.set_defaults(command_function="cmd_demo")
    backup = sub.add_parser("backup", help=_("take a consistent backup now"),
                            description=_("Take a consistent, checked backup now."))
    backup.add_argument("--folder", metavar=_("FOLDER"), help=_("backup folder (default: the one in Settings)"))
    backup.set_defaults(command_function="cmd_backup")
    restore = sub.add_parser("restore", help=_("restore the database from a backup file"),
                             description=_("Restore the database from a backup file (close the app first)."))
    restore.add_argument("file", metavar=_("FILE"), help=_("the backup file"))
    restore.add_argument("--after-series", metavar=_("NUMBER"),
                         help=_("on a new PC: the newest badge number (or series) this desk printed, "
                                "e.g. R1-B-000123, so that numbering continues above it"))
    restore.set_defaults(command_function="cmd_restore")
    close = sub.add_parser("close-visits", help=_("close visits still open after the check-out hour"),
                           description=_("Close the visits still open after the check-out hour."))
    close.set_defaults(command_function="cmd_close_visits")
    sync = sub.add_parser("sync", help=_("sync once with the Point's hub"),
                          description=_("Exchange this desk's changes with the Point's hub once. The desk's token "
                                        "comes from --token-file, FRONTDESK_HUB_TOKEN or the file set in Settings."))
    sync.add_argument("--hub", metavar=_("ADDRESS"), help=_("the hub's address (default: the one in Settings)"))
    sync.add_argument("--token-file", metavar=_("FILE"),
                      help=_("file holding this desk's hub token (default: FRONTDESK_HUB_TOKEN, else Settings)"))
    sync.add_argument("--ca-file", metavar=_("FILE"),
                      help=_("CA certificate (PEM) to verify the hub's (default: FRONTDESK_HUB_CA, else Settings)"))
    sync.add_argument("--nightly", action="store_true",
                      help=_("take a backup first, as the nightly run does (what the scheduled entry runs)"))
    sync.set_defaults(command_function="cmd_sync")
    schedule = sub.add_parser("schedule", help=_("schedule the nightly sync in the system (install or remove)"),
                              description=_("Write the nightly sync of this desk into the system's scheduler "
                                            "(systemd timer or crontab on Linux, Task Scheduler on Windows) at "
                                            "the hour in Settings, or take it away."))
    schedule.add_argument("action", choices=("install", "remove"), metavar="install|remove",
                          help=_("install: write the entry; remove: take it away"))
    schedule.set_defaults(command_function="cmd_schedule")
    selftest = sub.add_parser("self-test", help=_("check this installation (PDF, QR, a scratch database) and, "
                                                  "read-only, the desk's database"),
                              description=_("Check this installation (PDF, QR, a scratch database) and, "
                                            "read-only, the desk's database."))
    selftest.set_defaults(command_function="cmd_self_test")
    return parser
