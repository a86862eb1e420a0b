"""When a visitor must be shown the privacy notice (again) before a check-in.

One rule for the check-in service (which refuses without the tick) and the check-in card (which
shows the tick): the notice on record is not the one the Point shows now — none yet (registered
ahead, imported), or an older version.
"""

from __future__ import annotations


def notice_due(on_record: str, current: str) -> bool:
    """True when the visitor has not acknowledged the current notice version."""
    return on_record != current
