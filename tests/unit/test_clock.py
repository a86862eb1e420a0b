import datetime as dt

from frontdesk.domain.clock import months_before


def test_months_before_clamps_to_the_end_of_the_month():
    assert months_before(dt.date(2026, 3, 31), 1) == dt.date(2026, 2, 28)
    assert months_before(dt.date(2026, 1, 15), 24) == dt.date(2024, 1, 15)
    assert months_before(dt.date(2024, 2, 29), 12) == dt.date(2023, 2, 28)
    assert months_before(dt.date(2026, 12, 31), 12) == dt.date(2025, 12, 31)
