"""Sync with the Point's hub, the desk's side: one run (`run_sync`), the nightly run, epochs, refused changes."""

from frontdesk.services.sync.run import SyncReport, run_sync

__all__ = ["SyncReport", "run_sync"]
