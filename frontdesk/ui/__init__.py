"""Qt: windows, views, table models, dialogs, printing, background tasks. The only layer that imports Qt."""
