"""The commands that need Qt: the desktop app (the default) and the self-test."""

from __future__ import annotations

import gc
import os

from frontdesk.cli.paths import database_path


def cmd_gui(args) -> int:
    # No cyclic collection during start-up's imports: the app freezes what they made once the
    # first screen shows, and collects on the GUI thread after that (ui.tasks).
    gc.disable()
    from frontdesk.ui.shell.app import run_gui

    path = database_path(args)
    return run_gui(path, bench_startup=args.bench_startup)


def cmd_self_test(args) -> int:
    from frontdesk.ui.desk.self_test import run_self_test

    return run_self_test(database_path(args), named=bool(args.db or os.environ.get("FRONTDESK_DB")))
