"""The bundle's entry point (build/pyinstaller.spec): the `frontdesk` command, as `python -m frontdesk`.

PyInstaller needs a script, not a module; this one imports nothing but frontdesk.cli.
"""

from frontdesk.cli import main

raise SystemExit(main())
