"""Identifiers: time-ordered UUIDs (version 7) for every synced row."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable

import uuid6

_FIXED = 0x7 << 76 | 0x2 << 62  # version 7, RFC 4122 variant
_RANDOM = 0xFFF << 64 | (1 << 62) - 1  # rand_a (12 bits) and rand_b (62 bits)
_MS = (1 << 48) - 1


def new_id() -> uuid.UUID:
    """A new time-ordered UUID (uuid7) as a standard `uuid.UUID`."""
    return uuid.UUID(bytes=uuid6.uuid7().bytes)


def uuid7_hex(ms: int, rand: int) -> str:
    """The 32 hex digits of a uuid7 for a Unix time in milliseconds and random bits (80 are read).

    The hex form is how SQLite stores a `Uuid` column; the id carries the row's own creation time.
    """
    return f"{(ms & _MS) << 80 | _FIXED | rand & _RANDOM:032x}"


def uuid7_hex_batch(ms_values: Iterable[int], getrandbits: Callable[[int], int]) -> list[str]:
    """`uuid7_hex` for many rows at once (bulk loads: about 0.8 µs a row, `new_id()` takes 5 µs)."""
    fixed, mask = _FIXED, _RANDOM
    return [f"{(ms & _MS) << 80 | fixed | getrandbits(80) & mask:032x}" for ms in ms_values]


def uuid7_at(ms: int, rand: int) -> uuid.UUID:
    """`uuid7_hex` as a `uuid.UUID`."""
    return uuid.UUID(hex=uuid7_hex(ms, rand))


_REFERENCE = uuid.UUID("5d1b6f0e-6a3c-4f0e-9a51-0f2b8c7d3e10")  # namespace of the seed catalogues


def reference_id(table: str, code: str) -> uuid.UUID:
    """The id of a reference row (an association, a service) loaded from the seed catalogues: the
    same at every desk, so that desks syncing through the hub share one row per code."""
    return uuid.uuid5(_REFERENCE, f"{table}:{code}")
