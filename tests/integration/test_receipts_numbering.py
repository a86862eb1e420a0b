"""Receipt numbers under load and after a restore (issue 16, point 3): unique and gapless per series
whatever mix of receipts issued, refused and voided (hypothesis), when two windows (two handles on
one file, 4 threads) and when 3 processes issue at once on one SQLite file; after a restore the
receipts continue under the desk's new series prefix."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import re
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path

import pytest
from desk_files import backup_copy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from receipt_rows import customer, tensile

from frontdesk.domain.errors import Conflict, ValidationError
from frontdesk.domain.receipts.receipt import LineInput
from frontdesk.domain.roles import Actor
from frontdesk.services.desk.setup import open_desk
from frontdesk.services.receipts.issue import issue_receipt, void_receipt
from frontdesk.services.upkeep import backups

NUMBER = re.compile(r"^(?P<series>.+-\d{4})-(?P<counter>\d{6})$")


def _numbers(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [row[0] for row in conn.execute("SELECT number FROM receipt")]
    finally:
        conn.close()


def assert_unique_and_gapless(numbers: list[str]) -> dict[str, int]:
    """Every number once, and each series numbered 1..n without a hole; the count per series."""
    assert len(numbers) == len(set(numbers))
    by_series: dict[str, list[int]] = {}
    for number in numbers:
        match = NUMBER.match(number)
        assert match, number
        by_series.setdefault(match["series"], []).append(int(match["counter"]))
    for counters in by_series.values():
        assert sorted(counters) == list(range(1, len(counters) + 1))
    return {series: len(counters) for series, counters in by_series.items()}


BAD = LineInput("Prova", Decimal("1"), Decimal("10.001"), vat_rate="22")  # three decimals: refused
STEPS = st.lists(st.tuples(st.sampled_from(("ok", "bad line", "cash over", "void")),
                           st.integers(0, 3)), min_size=1, max_size=12)  # (what, days from the start)


@settings(max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=STEPS)
def test_numbers_stay_gapless_whatever_is_issued_refused_or_voided(db, db_path, admin, steps):
    company = customer(db, admin)
    start = dt.datetime(2026, 12, 30, 12, tzinfo=dt.UTC)  # days 2 and 3 are in 2027 in Rome
    issued, voided = [], set()
    for what, day in steps:
        now = start + dt.timedelta(days=day)
        if what == "void":
            if issued and issued[-1] in voided:
                with pytest.raises(Conflict):  # a void of a void: refused, and changes no number
                    void_receipt(db, receipt_id=issued[-1], reason="Di nuovo", actor=admin)
            elif issued:
                void_receipt(db, receipt_id=issued[-1], reason="Errore", actor=admin)
                voided.add(issued[-1])
            continue
        lines = {"ok": (tensile(),), "bad line": (tensile(), BAD), "cash over": (tensile("1", "5000.00"),)}[what]
        try:
            issued.append(issue_receipt(db, company_id=company.id, lines=lines, payment="cash", actor=admin,
                                        now=now).id)
            assert what == "ok"
        except ValidationError:
            assert what != "ok"
    counts = assert_unique_and_gapless(_numbers(db_path))
    assert set(counts) <= {"R1-2026", "R1-2027"}


def _issue_many(path: str, actor: Actor, company_id, count: int) -> list[str]:
    """`count` receipts through a handle of its own (a window, or another process)."""
    db = open_desk(Path(path))
    try:
        return [issue_receipt(db, company_id=company_id, lines=(tensile(),), payment="card", actor=actor).number
                for _ in range(count)]
    finally:
        db.dispose()


def test_two_windows_issuing_at_once_give_unique_gapless_numbers(path, desk):
    db = open_desk(path)
    try:
        company = customer(db, desk)
    finally:
        db.dispose()
    first, second = open_desk(path), open_desk(path)
    try:
        def window(n: int) -> list[str]:
            db = (first, second)[n % 2]
            return [issue_receipt(db, company_id=company.id, lines=(tensile(),), payment="card",
                                  actor=desk).number for _ in range(25)]

        with ThreadPoolExecutor(4) as pool:
            issued = [number for numbers in pool.map(window, range(4)) for number in numbers]
    finally:
        first.dispose()
        second.dispose()
    assert len(issued) == 100
    assert sorted(issued) == sorted(_numbers(path))
    assert len(assert_unique_and_gapless(issued)) == 1


def test_three_processes_issuing_on_one_file_give_unique_gapless_numbers(path, desk):
    db = open_desk(path)
    try:
        company = customer(db, desk)
    finally:
        db.dispose()
    with multiprocessing.get_context("spawn").Pool(3) as pool:
        results = pool.starmap(_issue_many, [(str(path), desk, company.id, 20)] * 3)
    issued = [number for numbers in results for number in numbers]
    assert len(issued) == 60 and sorted(issued) == sorted(_numbers(path))
    assert len(assert_unique_and_gapless(issued)) == 1


def test_after_a_restore_receipts_continue_under_the_new_series(path, desk):
    db = open_desk(path)
    try:
        company = customer(db, desk)
        before = issue_receipt(db, company_id=company.id, lines=(tensile(),), payment="card", actor=desk)
    finally:
        db.dispose()
    backup = backup_copy(path, desk)
    lost = _issue_many(str(path), desk, company.id, 2)  # issued after the backup: lost by the restore
    result = backups.restore(path, backup)
    assert result.series_prefix == "R1-B"
    after = _issue_many(str(path), desk, company.id, 2)
    year = before.year
    assert before.number == f"R1-{year}-000001" and lost == [f"R1-{year}-000002", f"R1-{year}-000003"]
    assert after == [f"R1-B-{year}-000001", f"R1-B-{year}-000002"]
    assert not set(after) & set(lost)
    assert assert_unique_and_gapless(_numbers(path)) == {f"R1-{year}": 1, f"R1-B-{year}": 2}
