"""The shell: the app's start, the main window, its areas, the banner, idle lock and staff switching."""
