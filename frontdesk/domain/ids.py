"""Identifiers: time-ordered UUIDs (version 7) for every synced row."""

from __future__ import annotations

import uuid

import uuid6


def new_id() -> uuid.UUID:
    """A new time-ordered UUID (uuid7) as a standard `uuid.UUID`."""
    return uuid.UUID(bytes=uuid6.uuid7().bytes)
