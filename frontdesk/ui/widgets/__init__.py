"""Widgets shared by every area: forms, table models and tables, the notice bar."""
