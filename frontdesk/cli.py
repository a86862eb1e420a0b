"""The `frontdesk` command: gui (default), init, demo, backup, restore, close-visits, sync, self-test.

Commands that do not show windows never import Qt: `frontdesk.ui` is imported inside the
commands that need it. Errors of the project are printed as their message (in the user's
language) with exit status 2; nothing else is printed as a traceback unless --debug.

Commands that write open the database with its integrity check first (`open_desk`), so a damaged
file is refused before anything is written; only `init` (and `demo`) create a database.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
from pathlib import Path

from frontdesk import config
from frontdesk.domain.errors import FrontdeskError

log = logging.getLogger("frontdesk")


def _db_path(args) -> Path:
    return Path(args.db) if args.db else config.database_path()


def cmd_init(args) -> int:
    from frontdesk.services.setup import init_desk

    info = init_desk(_db_path(args), desk=args.desk)
    print(f"Desk {info.desk}: database ready at {info.path}")
    if info.created_admin:
        print("An 'admin' account was created: the app asks for its password at the first start.")
    return 0


def cmd_demo(args) -> int:
    from frontdesk.services.demo import run_demo
    from frontdesk.services.setup import open_desk
    from frontdesk.services.staff import create_demo_accounts

    report = run_demo(_db_path(args), desk=args.desk, large=args.large)
    print(report)
    db = open_desk(_db_path(args))
    try:
        accounts = create_demo_accounts(db)
    finally:
        db.dispose()
    print("Demo accounts (username: password):")
    for username, password in accounts.items():
        print(f"  {username}: {password}")
    return 0


def cmd_gui(args) -> int:
    # No cyclic collection during start-up's imports: the app freezes what they made once the
    # first screen shows, and collects on the GUI thread after that (ui.tasks).
    gc.disable()
    from frontdesk.ui.app import run_gui

    path = _db_path(args)
    return run_gui(path, bench_startup=args.bench_startup)


def cmd_backup(args) -> int:
    from frontdesk.domain.roles import Actor
    from frontdesk.i18n import _
    from frontdesk.services.backups import backup_now
    from frontdesk.services.setup import open_desk

    db = open_desk(_db_path(args))
    try:
        result = backup_now(db, folder=Path(args.folder) if args.folder else None, actor=Actor.desk_itself(db.desk))
        held = db.writes_held
    finally:
        db.dispose()
    print(result)
    if held:  # e.g. a read-only database: the copy is good, the activity log could not record it
        print(_("The backup was made, but it is not recorded in the activity log: {reason}").format(reason=held),
              file=sys.stderr)
    return 0


def cmd_restore(args) -> int:
    from frontdesk.domain.series import format_number, prefix_for
    from frontdesk.i18n import _, desk_language, set_language
    from frontdesk.services.backups import SeriesUnknown, restore

    set_language(desk_language(""))  # the desk's own setting is in the file being replaced
    path, backup = _db_path(args), Path(args.file)
    try:
        result = restore(path, backup, after_series=args.after_series)
    except SeriesUnknown as unknown:
        example = format_number(prefix_for(unknown.desk, 1), 123)
        if not sys.stdin.isatty():  # nobody to ask: say what to pass
            unknown.message += " " + _("Run it again adding --after-series and the newest badge number printed "
                                       "at this desk (e.g. --after-series {example}), or --after-series {desk} "
                                       "if this desk was never restored before.").format(example=example,
                                                                                         desk=unknown.desk)
            raise
        print(unknown.message)
        try:
            answer = input(_("Type the newest badge number printed at desk {desk} (e.g. {example}), or {desk} "
                             "if it was never restored before; just Enter to stop: ").format(desk=unknown.desk,
                                                                                          example=example))
        except EOFError:
            answer = ""
        if not answer.strip():
            print(_("Nothing was changed."))
            return 1
        result = restore(path, backup, after_series=answer)
    print(_("Restored from {file}. New numbers continue in the series {prefix} (before: {previous}).").format(
        file=result.restored_from, prefix=result.series_prefix, previous=result.previous_prefix))
    if result.safety_copy:
        print(_("The database it replaced is kept in {path}.").format(path=result.safety_copy))
    for warning in result.warnings:
        print(_("Warning: {message}").format(message=warning))
    return 0


def cmd_close_visits(args) -> int:
    from frontdesk.domain.roles import Actor
    from frontdesk.services.setup import open_desk
    from frontdesk.services.visits import close_open_visits

    db = open_desk(_db_path(args))
    try:
        closed = close_open_visits(db, actor=Actor.desk_itself(db.desk))
    finally:
        db.dispose()
    print(f"{closed} visit(s) closed")
    return 0


def cmd_sync(args) -> int:
    from frontdesk.domain.roles import Actor
    from frontdesk.services.settings import read_settings
    from frontdesk.services.setup import open_desk
    from frontdesk.services.sync import run_sync

    token = Path(args.token_file).read_text().strip() if args.token_file else os.environ.get("FRONTDESK_HUB_TOKEN", "")
    db = open_desk(_db_path(args))
    try:
        with db.read() as session:
            hub_url = args.hub or read_settings(session).hub_url
        report = run_sync(db, hub_url=hub_url, token=token, actor=Actor.desk_itself(db.desk),
                          ca_file=args.ca_file or os.environ.get("FRONTDESK_HUB_CA") or None)
    finally:
        db.dispose()
    print(report.summary())
    for note in report.notes():
        print(note, file=sys.stderr)
    return 0


def cmd_self_test(args) -> int:
    from frontdesk.ui.self_test import run_self_test

    return run_self_test(_db_path(args), named=bool(args.db or os.environ.get("FRONTDESK_DB")))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="frontdesk", description="Front desk of the Point, Dalmine")
    parser.add_argument("--db", help="database file (default: the user's data folder, or FRONTDESK_DB)")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    sub = parser.add_subparsers(dest="command")
    gui = sub.add_parser("gui", help="start the desktop app (default)")
    gui.add_argument("--bench-startup", action="store_true", help=argparse.SUPPRESS)
    gui.set_defaults(func=cmd_gui)
    init = sub.add_parser("init", help="create or upgrade the database of this desk")
    init.add_argument("--desk", required=True, help="the desk's short code, e.g. R1")
    init.set_defaults(func=cmd_init)
    demo = sub.add_parser("demo", help="create a demo database with realistic data")
    demo.add_argument("--desk", default="R1")
    demo.add_argument("--large", action="store_true", help="200,000 visitors and 1,000,000 visits")
    demo.set_defaults(func=cmd_demo)
    backup = sub.add_parser("backup", help="take a consistent backup now")
    backup.add_argument("--folder", help="backup folder (default: the one in Settings)")
    backup.set_defaults(func=cmd_backup)
    restore = sub.add_parser("restore", help="restore the database from a backup file")
    restore.add_argument("file")
    restore.add_argument("--after-series", help="on a new PC: the newest badge number (or series) this desk "
                                                "printed, e.g. R1-B-000123, so that numbering continues above it")
    restore.set_defaults(func=cmd_restore)
    close = sub.add_parser("close-visits", help="close visits still open after the check-out hour")
    close.set_defaults(func=cmd_close_visits)
    sync = sub.add_parser("sync", help="sync once with the Point's hub (token: --token-file or FRONTDESK_HUB_TOKEN)")
    sync.add_argument("--hub", help="the hub's address (default: the one in Settings)")
    sync.add_argument("--token-file", help="file holding this desk's hub token")
    sync.add_argument("--ca-file", help="CA certificate (PEM) to verify the hub's (default: FRONTDESK_HUB_CA)")
    sync.set_defaults(func=cmd_sync)
    selftest = sub.add_parser("self-test", help="check this installation (PDF, QR, a scratch database) and, "
                                                "read-only, the desk's database")
    selftest.set_defaults(func=cmd_self_test)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.debug else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if not getattr(args, "func", None):
        args.bench_startup = False
        args.func = cmd_gui
    if config.language_override():  # messages met before the desk's own language setting is read
        from frontdesk.i18n import set_language

        set_language(config.language_override())
    try:
        return args.func(args)
    except FrontdeskError as exc:
        if args.debug:
            raise
        print(exc.message, file=sys.stderr)
        return 2
    except Exception as exc:  # an SQLite error the services did not explain: still no traceback
        problem = _explained(exc, _db_path(args))
        if args.debug or problem is None:
            raise
        print(problem.message, file=sys.stderr)
        return 2


def _explained(exc: BaseException, path: Path) -> FrontdeskError | None:
    from frontdesk.db.file_access import explain

    return explain(exc, path)
