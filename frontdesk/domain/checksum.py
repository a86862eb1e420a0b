"""The checksum of a synced table, the same at a desk and at the hub (sync's verify step).

A table's checksum is its number of rows and the sum, modulo 2**64, of a 64-bit hash of each
row's id and newest stamp (the row's HLC: the newest of its per-field stamps). Stamps, not values:
the checksum holds no personal value, so an erasure leaves nothing of the person in it. A sum,
not a hash of the whole table: a changed row moves it by (new hash - old hash), so both sides
keep it up to date as rows change and a verify never reads the table (O(changes), not O(rows)).
Append-only rows (audit events) never change: their stamp is taken as '' (presence only).

The hash is the first 8 bytes of MD5 of "<row id> <stamp>" (not for security: PostgreSQL computes
the same one in SQL when a hub's sums are built from scratch, hub migration h003c).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

MOD = 2**64


def row_hash(row_id: str, stamp: str) -> int:
    """The 64-bit hash of one row (unsigned)."""
    return int.from_bytes(hashlib.md5(f"{row_id} {stamp}".encode(), usedforsecurity=False).digest()[:8], "big")


def signed(value: int) -> int:
    """`value` modulo 2**64 as a signed 64-bit integer (how SQLite and PostgreSQL store it)."""
    value %= MOD
    return value - MOD if value >= 2**63 else value


@dataclass(frozen=True)
class Checksum:
    rows: int = 0
    total: int = 0  # sum of the rows' hashes modulo 2**64, unsigned

    def plus(self, rows: int, total: int) -> Checksum:
        return Checksum(self.rows + rows, (self.total + total) % MOD)

    def as_text(self) -> str:
        return f"{self.rows}:{self.total:016x}"

    @classmethod
    def from_text(cls, text: str) -> Checksum:
        rows, _sep, total = str(text).partition(":")
        return cls(int(rows), int(total, 16) % MOD)
