"""The desk's non-fiscal receipt as PDF: an A5 page and an 80 mm thermal roll (pure, no Qt, no database)."""
