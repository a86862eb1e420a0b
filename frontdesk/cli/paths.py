"""Where a command finds the desk's database: one rule for the app and every command.

1. `--db FILE`, else FRONTDESK_DB: that file;
2. else `frontdesk.sqlite` in the data folder (FRONTDESK_HOME, else the user's data folder);
3. `--demo`: the demo's own data folder beside the real one (`config.use_demo`), whatever
   FRONTDESK_DB says; it cannot be combined with `--db`. `demo` without `--db` implies it, so demo
   data never lands in a real desk's folder.

Finding the path creates nothing; a command that needs a database and finds none says how to
make one (`missing_database_message`) and leaves no file or folder behind.
"""

from __future__ import annotations

from pathlib import Path

from frontdesk import config
from frontdesk.i18n import _


def database_path(args) -> Path:
    return Path(args.db) if args.db else config.database_path()


def missing_database_message(args) -> str:
    path = database_path(args)
    if args.demo:
        return _("There is no demo database yet ({path}). Make it with: frontdesk --demo demo").format(path=path)
    prefix = f"frontdesk --db {path}" if args.db else "frontdesk"
    return _("There is no database at {path}.\n"
             "To set up this desk, run: {prefix} init --desk CODE (the desk's code, e.g. R1)\n"
             "To try the app on demo data, run: frontdesk --demo demo, then: frontdesk --demo").format(
        path=path, prefix=prefix)
