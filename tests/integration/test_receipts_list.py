"""The receipts as the Receipts screen lists and prints them (services.receipts.documents): a Rome
day's receipts, the first after midnight in Rome on the new day although still the old day in UTC;
a voided one listed with its reason; the print job's layout per the desk setting and its title
free of personal data; a reprint's document marked as a copy."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from receipt_rows import customer, tensile

from frontdesk.services.desk.settings import update_settings
from frontdesk.services.receipts.documents import list_receipts, receipt_document, receipt_print_job
from frontdesk.services.receipts.issue import issue_receipt, void_receipt


def test_a_rome_day_lists_its_receipts_in_order_with_voided_ones(db, admin):
    company = customer(db, admin)
    evening = dt.datetime(2026, 6, 15, 21, 50, tzinfo=dt.UTC)  # 23:50 in Rome, 15 June
    after_midnight = dt.datetime(2026, 6, 15, 22, 10, tzinfo=dt.UTC)  # 00:10 in Rome, 16 June
    morning = dt.datetime(2026, 6, 15, 7, 0, tzinfo=dt.UTC)
    late = issue_receipt(db, company_id=company.id, lines=(tensile(),), payment="card", actor=admin, now=evening)
    next_day = issue_receipt(db, company_id=company.id, lines=(tensile("2"),), payment="cash", actor=admin,
                             now=after_midnight)
    early = issue_receipt(db, company_id=company.id, lines=(tensile(),), payment="card", actor=admin, now=morning)
    void_receipt(db, receipt_id=early.id, reason="Cliente errato", actor=admin)
    rows = list_receipts(db, day=dt.date(2026, 6, 15))
    assert [r.number for r in rows] == [early.number, late.number]
    assert rows[0].voided and rows[0].void_reason == "Cliente errato" and not rows[1].voided
    assert (rows[1].customer_name, rows[1].total, rows[1].payment) == ("Rota Meccanica S.r.l.", Decimal("122.00"),
                                                                       "card")
    assert rows[1].issued_at == evening
    assert [r.number for r in list_receipts(db, day=dt.date(2026, 6, 16))] == [next_day.number]
    assert list_receipts(db, day=dt.date(2026, 6, 14)) == []


def test_the_print_job_follows_the_layout_and_names_no_customer(db, admin):
    company = customer(db, admin)
    made = issue_receipt(db, company_id=company.id, lines=(tensile(),), payment="card", actor=admin)
    a5 = receipt_print_job(db, receipt_id=made.id, copy=False)
    assert a5.kind == "receipt" and a5.title == f"Receipt {made.number}" and "Rota" not in a5.title
    assert b"419.52" in a5.pdf  # A5: 148 mm = 419.53 pt wide
    update_settings(db, changes={"receipt_layout": "roll", "printers": {"receipt": "Termica"}}, actor=admin)
    roll = receipt_print_job(db, receipt_id=made.id, copy=True)
    assert roll.printer == "Termica" and roll.title == f"Receipt {made.number} (copy)"
    assert b"226.77" in roll.pdf  # 80 mm wide
    assert receipt_document(db, receipt_id=made.id, copy=True).copy
    assert not receipt_document(db, receipt_id=made.id, copy=False).copy


def test_the_original_after_issue_is_the_receipt_as_stored(db, admin):
    """After issue the desk draws the original from the value the issue returned: the same page as the
    receipt read back from the file (text, layout and printer), without reading it again."""
    import subprocess
    import tempfile
    from pathlib import Path

    from frontdesk.services.receipts.documents import issued_print_job

    def text(pdf: bytes) -> str:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "r.pdf"
            path.write_bytes(pdf)
            return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                                  text=True).stdout

    company = customer(db, admin)
    made = issue_receipt(db, company_id=company.id, lines=(tensile("3"), tensile("1", "80.00")), payment="card",
                         actor=admin)
    after_issue, stored = issued_print_job(db, receipt=made), receipt_print_job(db, receipt_id=made.id, copy=False)
    assert (after_issue.title, after_issue.printer, after_issue.kind) == (stored.title, stored.printer, stored.kind)
    assert text(after_issue.pdf) == text(stored.pdf) and made.number in text(stored.pdf)
