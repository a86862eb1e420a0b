"""Upkeep: backups and restore, the integrity check, the daily upkeep."""
