"""The `frontdesk` command: gui (default), init, demo, backup, restore, close-visits, sync, schedule,
self-test.

Commands that do not show windows live in `cli.commands` and never import Qt, even indirectly
(a contract in pyproject.toml); `cli.gui` holds the two that do, imported only when one of them
runs. Errors of the project are printed as their message (in the user's language) with exit
status 2; nothing else is printed as a traceback unless --debug.

Where the database is: `cli.paths` (one rule, `--demo` for the demo's own folder). A command that
needs a database and finds none says how to make one and leaves nothing behind. Commands that
write open the database with its integrity check first (`open_desk`), so a damaged file is
refused before anything is written; only `init` and `demo` (and `restore`) create a database.

Every word printed goes through the translations (argparse's own too: `cli.argparse_words`), in
FRONTDESK_LANGUAGE if set, else Italian until the desk's own language setting is read.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from frontdesk import config
from frontdesk.cli import argparse_words
from frontdesk.cli.parser import GUI_COMMANDS, NEEDS_DATABASE, build_parser
from frontdesk.cli.paths import database_path, missing_database_message
from frontdesk.domain.errors import FrontdeskError
from frontdesk.i18n import _, set_language


def main(argv: list[str] | None = None) -> int:
    if config.language_override():  # messages met before the desk's own language setting is read
        set_language(config.language_override())
    with argparse_words.translated():
        parser = build_parser()
        args = parser.parse_args(argv)
        if args.demo and args.db:
            parser.error(_("--demo and --db name two different databases: use one of them."))
    logging.basicConfig(level=logging.DEBUG if args.debug else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if not getattr(args, "command", None):
        args.command, args.command_function, args.bench_startup = "gui", "cmd_gui", False
    if args.command == "demo" and not args.db:  # demo data only ever goes to the demo's place (or a named file)
        args.demo = True
    if args.demo:
        config.use_demo()
    if args.command in NEEDS_DATABASE and not database_path(args).exists():
        print(missing_database_message(args), file=sys.stderr)
        return 2
    try:
        return _command(args.command, args.command_function)(args)
    except BrokenPipeError:  # the output was piped into a program that stopped reading (`| head`)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except FrontdeskError as exc:
        if args.debug:
            raise
        print(exc.message, file=sys.stderr)
        return 2
    except Exception as exc:  # an SQLite error the services did not explain: still no traceback
        problem = _explained(exc, database_path(args))
        if args.debug or problem is None:
            raise
        print(problem.message, file=sys.stderr)
        return 2


def _command(name: str, function: str):
    """The function that runs a sub-command: Qt is imported only for the ones that show windows."""
    if name in GUI_COMMANDS:
        from frontdesk.cli import gui as module
    else:
        from frontdesk.cli import commands as module
    return getattr(module, function)


def _explained(exc: BaseException, path: Path) -> FrontdeskError | None:
    from frontdesk.db.file_access import explain

    return explain(exc, path)
