"""Run-time hook of the bundle (build/pyinstaller.spec), in place of PyInstaller's pyi_rth_pyside6:
tells Qt where the bundle keeps its plugins, without importing Qt.

PyInstaller's hook imports PySide6.QtCore at every start, before the app runs, to register a
qt.conf that PySide6's wheels already register themselves when QtCore is first imported. Importing
Qt there made every command of the bundle load it (`frontdesk backup`, `close-visits`), which the
app never does, and put the imports that follow under PySide6's per-import scan before the app lifts
it (frontdesk.ui.pyside_imports, installed by ui.process). Runs inside the frozen app; imports only os and sys.
"""

import os
import sys

_qt = os.path.join(sys._MEIPASS, "PySide6") if sys.platform.startswith("win") else os.path.join(
    sys._MEIPASS, "PySide6", "Qt")
os.environ["QT_PLUGIN_PATH"] = os.path.join(_qt, "plugins")
if sys.platform.startswith("win"):  # OpenSSL and other DLLs collected beside the executable
    os.environ["PATH"] = os.pathsep.join(filter(None, [sys._MEIPASS, os.environ.get("PATH", "")]))
del _qt
