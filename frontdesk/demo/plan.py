"""What the demo data is generated for: its sizes and the references into the target database.

Every demo module may import this one; it imports none of them (the demo package has no cycle).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Size:
    companies: int
    visitors: int
    visits: int
    on_site: int
    expected_today: int
    expected_later: int


NORMAL = Size(companies=2_000, visitors=6_000, visits=24_000, on_site=9, expected_today=6, expected_later=12)
LARGE = Size(companies=20_000, visitors=200_000, visits=1_000_000, on_site=30, expected_today=20, expected_later=40)


@dataclass(frozen=True)
class Refs:
    """What the generated rows refer to in the target database, and the moment they lead up to."""

    desk: str
    now: dt.datetime  # aware
    associations: dict[str, tuple[str, str]]  # code -> (id hex, name)
    services: dict[str, str]  # code -> id hex
    privacy_notice_version: str
