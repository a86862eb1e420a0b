"""Qt: windows, views, table models, dialogs, printing, background tasks. The only layer that imports Qt.

Importing the package does nothing: the process-wide policies (garbage collection, PySide's import
shim, the per-desk duties) are installed by `ui.process.ProcessPolicies`, made when the app starts.
"""
