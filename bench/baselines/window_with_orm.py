"""Start-up baseline 2: imports PySide6.QtWidgets and sqlalchemy.orm, shows an empty QMainWindow.

Same protocol as bare_window.py: `PAINTED <time.time()>` then `READY <time.time()>`, then quits.
"""

from __future__ import annotations

import sqlalchemy.orm  # noqa: F401  (the import is what is measured)
from bare_window import main

if __name__ == "__main__":
    raise SystemExit(main())
