"""Qt: windows, views, table models, dialogs, printing, background tasks. The only layer that imports Qt.

Importing the package imports PySide6 and lifts its per-import source scan first
(ui.pyside_imports), so every module imported after it, here and below, loads at full speed.
"""

import PySide6.QtCore  # noqa: F401  (loads shiboken's import hook, which the next line makes cheap)

from frontdesk.ui.pyside_imports import lift_import_tax

lift_import_tax()
