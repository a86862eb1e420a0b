"""The commands that need Qt: the desktop app (the default) and the self-test."""

from __future__ import annotations

import os

from frontdesk.cli.paths import database_path


def cmd_gui(args) -> int:
    from frontdesk.ui.process import ProcessPolicies

    # Installed before the app's own imports: no cyclic collection during them (the app freezes
    # what they made once the first screen shows) and PySide's per-import scan already lifted.
    with ProcessPolicies() as policies:
        from frontdesk.ui.shell.app import run_gui

        return run_gui(database_path(args), policies=policies, bench_startup=args.bench_startup)


def cmd_self_test(args) -> int:
    from frontdesk.ui.process import ProcessPolicies

    with ProcessPolicies() as policies:
        from frontdesk.ui.desk.self_test import run_self_test

        return run_self_test(database_path(args), named=bool(args.db or os.environ.get("FRONTDESK_DB")),
                             policies=policies)
