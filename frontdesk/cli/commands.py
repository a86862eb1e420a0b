"""The commands that show no window: init, demo, backup, restore, close-visits, sync, schedule.

None of them imports Qt, even indirectly (an import-linter contract in pyproject.toml).
"""

from __future__ import annotations

import sys
from pathlib import Path

from frontdesk.cli.paths import database_path


def cmd_init(args) -> int:
    from frontdesk.i18n import _
    from frontdesk.services.desk.setup import init_desk

    path = database_path(args)
    existed = path.exists() and path.stat().st_size > 0
    info = init_desk(path, desk=args.desk, demo=args.demo)  # the demo's place only ever holds a demo
    if existed:
        print(_("The database of desk {desk} at {path} is checked and up to date.").format(desk=info.desk,
                                                                                       path=info.path))
    else:
        print(_("Created the database of desk {desk} at {path}.").format(desk=info.desk, path=info.path))
    if info.created_admin:
        print(_("An 'admin' account was created: the app asks for its password at the first start."))
    print(_("Start the app with: {command}").format(command=_start_command(args)))
    return 0


def cmd_demo(args) -> int:
    from frontdesk.demo.fill import run_demo
    from frontdesk.demo.lab_reports import issue_demo_reports
    from frontdesk.demo.receipts import issue_demo_receipts
    from frontdesk.i18n import _
    from frontdesk.services.desk.setup import open_desk
    from frontdesk.services.staff.accounts import create_demo_accounts

    report = run_demo(database_path(args), desk=args.desk, large=args.large)
    print(report)
    db = open_desk(database_path(args))
    try:
        accounts = create_demo_accounts(db)
        if not report.skipped:
            issue_demo_reports(db)  # signed by the demo's lab manager, whose account exists now
            issue_demo_receipts(db)  # issued by the demo's receptionist
    finally:
        db.dispose()
    print(_("Start the app on it with: {command}").format(command=_start_command(args)))
    print(_("Demo accounts (username: password):"))
    for username, password in accounts.items():
        print(f"  {username}: {password}")
    return 0


def _start_command(args) -> str:
    """How to start the app on the database this command worked on."""
    if args.demo:
        return "frontdesk --demo"
    return f"frontdesk --db {args.db}" if args.db else "frontdesk"


def cmd_backup(args) -> int:
    from frontdesk.domain.roles import Actor
    from frontdesk.i18n import _, format_number, format_size, ngettext
    from frontdesk.services.desk.setup import open_desk
    from frontdesk.services.upkeep.backups import backup_now

    db = open_desk(database_path(args))
    try:
        result = backup_now(db, folder=Path(args.folder) if args.folder else None, actor=Actor.desk_itself(db.desk))
        held = db.writes_held
    finally:
        db.dispose()
    print(_("Backup made: {path} ({size}).").format(path=result.path, size=format_size(result.size_bytes)))
    if result.deleted:
        print(ngettext("{count} older copy was deleted (only the copies the retention keeps stay).",
                       "{count} older copies were deleted (only the copies the retention keeps stay).",
                       len(result.deleted)).format(count=format_number(len(result.deleted))))
    if held:  # e.g. a read-only database: the copy is good, the activity log could not record it
        print(_("The backup was made, but it is not recorded in the activity log: {reason}").format(reason=held),
              file=sys.stderr)
    return 0


def cmd_restore(args) -> int:
    from frontdesk.domain.series import format_number, prefix_for
    from frontdesk.i18n import _, desk_language, set_language
    from frontdesk.services.upkeep.backups import SeriesUnknown, restore

    set_language(desk_language(""))  # the desk's own setting is in the file being replaced
    path, backup = database_path(args), Path(args.file)
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
    from frontdesk.i18n import _, format_number, ngettext
    from frontdesk.services.desk.setup import open_desk
    from frontdesk.services.reception.visits import close_open_visits

    db = open_desk(database_path(args))
    try:
        closed = close_open_visits(db, actor=Actor.desk_itself(db.desk))
    finally:
        db.dispose()
    if closed:
        print(ngettext("{count} visit still open after the check-out hour was closed.",
                       "{count} visits still open after the check-out hour were closed.", closed).format(
            count=format_number(closed)))
    else:
        print(_("No visit was open after the check-out hour: nothing to close."))
    return 0


def cmd_sync(args) -> int:
    """One sync run with the hub (for cron, a systemd timer or the Task Scheduler: `--nightly`
    takes a backup first). The hub, token and CA come from the options, else the environment,
    else the desk's Settings."""
    import os

    from frontdesk.domain.errors import ValidationError
    from frontdesk.domain.roles import Actor
    from frontdesk.i18n import _
    from frontdesk.services.desk.settings import get_settings
    from frontdesk.services.desk.setup import open_desk
    from frontdesk.services.sync import run_sync
    from frontdesk.services.sync.nightly import nightly_sync, read_token

    if args.nightly and (args.hub or args.token_file or args.ca_file):
        raise ValidationError(_("--nightly uses the hub's address, token file and CA file set in Settings: give it "
                                "without --hub, --token-file and --ca-file."))
    db = open_desk(database_path(args))
    try:
        actor = Actor.desk_itself(db.desk)
        if args.nightly:
            result = nightly_sync(db, actor=actor)
            print(_("Backup taken: {path}").format(path=result.backup.path))
            report = result.report
        else:
            settings = get_settings(db)
            token = (read_token(args.token_file) if args.token_file
                     else os.environ.get("FRONTDESK_HUB_TOKEN") or read_token(settings.hub_token_file))
            ca_file = args.ca_file or os.environ.get("FRONTDESK_HUB_CA") or settings.hub_ca_file or None
            report = run_sync(db, hub_url=args.hub or settings.hub_url, token=token, actor=actor, ca_file=ca_file)
    finally:
        db.dispose()
    print(report.summary())
    for note in report.notes():
        print(note, file=sys.stderr)
    return 0


def cmd_schedule(args) -> int:
    """Write (install) or take away (remove) the nightly sync's entry in the system's scheduler."""
    from frontdesk.cli.schedule import Scheduler, entry_name, sync_command
    from frontdesk.i18n import _
    from frontdesk.services.desk.settings import get_settings
    from frontdesk.services.desk.setup import open_desk

    path = database_path(args)
    scheduler = Scheduler()
    name = entry_name(path)
    if args.action == "remove":
        if scheduler.remove(name=name):
            print(_("The nightly sync of this desk was removed from the system's scheduler."))
        else:
            print(_("The nightly sync of this desk was not scheduled: nothing to remove."))
        return 0
    db = open_desk(path)
    try:
        settings = get_settings(db)
    finally:
        db.dispose()
    written = scheduler.install(name=name, command=sync_command(path, demo=args.demo), hour=settings.sync_hour)
    print(_("The nightly sync is scheduled: {entry}.").format(entry=written))
    if not settings.hub_url or not settings.hub_token_file:
        print(_("Set the hub's address and the token file in Settings (Sync), or the nightly sync will fail."),
              file=sys.stderr)
    print(_("The hour comes from Settings: after changing it, run this command again."))
    return 0
