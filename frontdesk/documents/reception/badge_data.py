"""What a visitor badge shows: the `BadgeData` value that services fill and documents.reception.badge draws.

Kept apart from the drawing code so that the services can make one without importing reportlab,
qrcode and PIL (about 70 ms at start-up, paid only when the first badge is drawn).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class BadgeData:
    """What a badge shows. `token` is the signed QR text; `size` is "id1" or "label62"."""

    visitor_name: str
    company: str
    purpose: str
    host: str
    valid_from: dt.date
    valid_to: dt.date
    number: str
    point_name: str
    token: str
    size: str = "id1"
