"""Time-ordered ids: uuid7 built from a given time (bulk loads) is a valid version-7 UUID of that time."""

from __future__ import annotations

import random
import uuid

from frontdesk.domain.ids import new_id, uuid7_at, uuid7_hex, uuid7_hex_batch


def test_uuid7_from_a_time_is_version_7_and_carries_the_time():
    rng = random.Random(1)
    for ms in (0, 1, 1_700_000_000_123, (1 << 48) - 1):
        value = uuid7_at(ms, rng.getrandbits(80))
        assert value.version == 7
        assert value.variant == uuid.RFC_4122
        assert value.int >> 80 == ms


def test_batch_is_the_same_layout_and_sorts_by_time():
    rng = random.Random(2)
    stamps = [1_700_000_000_000 + i * 7 for i in range(500)]
    hexes = uuid7_hex_batch(stamps, rng.getrandbits)
    assert hexes == sorted(hexes)
    assert all(len(h) == 32 and uuid.UUID(hex=h).version == 7 for h in hexes)
    assert len(set(hexes)) == 500
    assert uuid7_hex(5, 0) == "000000000005" + "7000" + "8000000000000000"


def test_new_ids_are_also_version_7():
    assert new_id().version == 7
