"""The desk side of sync in the app: the nightly run, "Sync now" and the status shown."""
