"""Upkeep while the app runs: the start-up integrity check, daily upkeep, the evening close."""
