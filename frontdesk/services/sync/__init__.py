"""Sync with the Point's hub, the desk's side of the run (phase 1: `run_sync`)."""

from frontdesk.services.sync.run import SyncReport, run_sync

__all__ = ["SyncReport", "run_sync"]
