"""Kept daily closings on a real SQLite file (issue 16, point 5): a closing kept with its content and
the SHA-256 of its PDF, read back, drawn again byte for byte, refused when its content was altered;
what changed since it was kept (a later void, a receipt of that day that came later); a day still to
come refused; the permission; closing a day again adds a row; the audit event."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import sqlite3
import subprocess
from decimal import Decimal

import pytest
from receipt_rows import customer, tensile

from frontdesk.domain.errors import Conflict, PermissionDenied, ValidationError
from frontdesk.domain.roles import Role
from frontdesk.i18n import set_language
from frontdesk.services.receipts.closing import daily_closing
from frontdesk.services.receipts.issue import issue_receipt, void_receipt
from frontdesk.services.receipts.kept_closings import (
    closing_changes,
    closing_from_json,
    keep_closing,
    kept_closing_pdf,
    kept_closings,
)
from frontdesk.services.staff import audit

DAY = dt.date(2026, 6, 15)
AT = dt.datetime(2026, 6, 15, 7, 0, tzinfo=dt.UTC)  # 09:00 in Rome
EVENING = dt.datetime(2026, 6, 15, 16, 5, tzinfo=dt.UTC)  # 18:05 in Rome
D = Decimal


def _at(hours: float) -> dt.datetime:
    return AT + dt.timedelta(hours=hours)


def _three(db, admin):
    company = customer(db, admin)
    return [issue_receipt(db, company_id=company.id, lines=(tensile(price=price),), payment=payment, actor=admin,
                          now=_at(n)) for n, (price, payment) in enumerate((("100.00", "cash"), ("200.00", "card"),
                                                                             ("50.00", "cash")))]


def test_a_kept_closing_is_read_back_and_drawn_again_identically(db, admin):
    made = _three(db, admin)
    void_receipt(db, receipt_id=made[2].id, reason="Errore di importo", actor=admin, now=_at(4))
    kept = keep_closing(db, day=DAY, actor=admin, now=EVENING)
    assert kept.pdf.startswith(b"%PDF") and kept.pdf_sha256 == hashlib.sha256(kept.pdf).hexdigest()
    assert (kept.desk, kept.day, kept.made_at, kept.made_by_name) == ("R1", DAY, EVENING, admin.label)
    assert kept.closing == daily_closing(db, day=DAY, actor=admin)  # the JSON round-trips exactly
    assert kept.closing.total == D("366.00") and kept.closing.voided[0].reason == "Errore di importo"

    (back,) = kept_closings(db, day=DAY)
    assert back.id == kept.id and back.closing == kept.closing and back.made_at == EVENING and back.pdf == b""
    assert back.problem == ""
    assert kept_closing_pdf(db, closing_id=kept.id) == kept.pdf
    assert kept_closings(db, day=DAY + dt.timedelta(days=1)) == [] and kept_closings(db, day=DAY, desk="R2") == []

    with db.read() as session:
        from frontdesk.db.receipt_models import ReceiptClosing

        row = session.get(ReceiptClosing, kept.id)
        assert (row.issued, row.valid, row.total, row.made_by) == (3, 2, "366.00", admin.staff_id)
        content = json.loads(row.content)
    assert content["by_payment"] == [["cash", 1, "122.00"], ["card", 1, "244.00"]]
    assert content["day"] == "2026-06-15" and content["printed_at"] == "2026-06-15T16:05:00+00:00"
    events = audit.history(db, actor=admin, record_type="receipt_closing")
    assert [e.action for e in events] == ["receipt_closing.keep"] and events[0].changes["content"] == "changed"


def test_closing_the_day_again_adds_a_row_newest_first(db, admin):
    _three(db, admin)
    first = keep_closing(db, day=DAY, actor=admin, now=EVENING)
    second = keep_closing(db, day=DAY, actor=admin, now=EVENING + dt.timedelta(minutes=30))
    assert [k.id for k in kept_closings(db, day=DAY)] == [second.id, first.id]
    assert first.pdf != second.pdf  # the moment printed differs
    assert kept_closing_pdf(db, closing_id=first.id) == first.pdf


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
def test_the_kept_pdf_shows_the_moment_it_was_kept(db, admin, tmp_path):
    _three(db, admin)
    set_language("it")
    try:
        kept = keep_closing(db, day=DAY, actor=admin, now=EVENING)
        again = kept_closing_pdf(db, closing_id=kept.id)
    finally:
        set_language("en")
    target = tmp_path / "kept.pdf"
    target.write_bytes(again)
    text = subprocess.run(["pdftotext", "-layout", str(target), "-"], check=True, capture_output=True,
                          text=True).stdout
    assert "Chiusura giornaliera" in text and "15/06/2026 18:05" in text and "427,00" in text


def test_altered_content_is_refused_and_nothing_is_shown(db, db_path, admin):
    _three(db, admin)
    set_language("it")
    try:
        kept = keep_closing(db, day=DAY, actor=admin, now=EVENING)
        conn = sqlite3.connect(db_path)
        try:
            with conn:  # someone edits the kept figures in the file
                conn.execute("UPDATE receipt_closing SET content = replace(content, '\"244.00\"', '\"24.00\"')")
        finally:
            conn.close()
        with pytest.raises(Conflict, match="non corrisponde a quella stampata"):
            kept_closing_pdf(db, closing_id=kept.id)
        (listed,) = kept_closings(db, day=DAY)  # listed, its figures not shown as the ones kept
        assert listed.closing is None and "non corrisponde a quella stampata" in listed.problem
        conn = sqlite3.connect(db_path)
        try:
            with conn:  # unreadable content
                conn.execute("UPDATE receipt_closing SET content = '{\"format\": 1}'")
        finally:
            conn.close()
        with pytest.raises(Conflict, match="non si può leggere"):
            kept_closing_pdf(db, closing_id=kept.id)
        assert "non si può leggere" in kept_closings(db, day=DAY)[0].problem
    finally:
        set_language("en")


def test_the_changes_after_a_later_void_and_a_later_receipt_of_that_day(db, admin):
    made = _three(db, admin)
    kept = keep_closing(db, day=DAY, actor=admin, now=EVENING)
    assert closing_changes(kept.closing, daily_closing(db, day=DAY, actor=admin)) == ()
    assert closing_changes(kept, daily_closing(db, day=DAY, actor=admin)) == ()

    void_receipt(db, receipt_id=made[1].id, reason="Cliente sbagliato", actor=admin,
                 now=EVENING + dt.timedelta(hours=1))
    issue_receipt(db, company_id=made[0].company_id, lines=(tensile(price="10.00"),), payment="cash", actor=admin,
                  now=EVENING + dt.timedelta(hours=2))  # 20:05 in Rome: after the closing, on the same day
    set_language("it")
    try:
        changes = closing_changes(kept.closing, daily_closing(db, day=DAY, actor=admin))
    finally:
        set_language("en")
    assert "Ricevute emesse: 3 quando è stata conservata, 4 ora." in changes
    assert "Ricevute valide: 3 quando è stata conservata, 3 ora." not in changes
    assert any("R1-2026-000002" in c and "annullata dopo" in c and "Cliente sbagliato" in c for c in changes)
    assert any("R1-2026-000001 – R1-2026-000003" in c and "R1-2026-000001 – R1-2026-000004" in c for c in changes)
    assert any(c.startswith("Totale: 427,00") and "195,20" in c for c in changes)
    assert any(c.startswith("Pagamento Carta: 244,00") for c in changes), changes


def test_a_receipt_that_arrived_later_by_sync_is_a_change(db, db_path, admin):
    made = _three(db, admin)
    conn = sqlite3.connect(db_path)
    try:
        with conn:  # the day's second receipt is not here yet when the day is closed (it was on another PC)
            conn.execute("UPDATE receipt SET issued_at = '2026-06-20 10:00:00.000000' WHERE id = ?",
                         (made[1].id.hex,))
    finally:
        conn.close()
    kept = keep_closing(db, day=DAY, actor=admin, now=EVENING)
    assert kept.closing.gaps == ("R1-2026-000002",)
    conn = sqlite3.connect(db_path)
    try:
        with conn:
            conn.execute("UPDATE receipt SET issued_at = '2026-06-15 08:00:00.000000' WHERE id = ?",
                         (made[1].id.hex,))
    finally:
        conn.close()
    changes = closing_changes(kept.closing, daily_closing(db, day=DAY, actor=admin))
    assert "Number R1-2026-000002, missing when the closing was kept, is there now." in changes
    assert "Receipts issued: 2 when it was kept, 3 now." in changes


def test_a_day_still_to_come_is_refused_and_nothing_is_kept(db, admin):
    set_language("it")
    try:
        with pytest.raises(ValidationError, match="non è ancora arrivato"):
            keep_closing(db, day=DAY + dt.timedelta(days=1), actor=admin, now=EVENING)
    finally:
        set_language("en")
    # 23:30 in Rome on the 15th is still the 15th; 00:05 on the 16th closes the 15th and the 16th
    late = dt.datetime(2026, 6, 15, 21, 30, tzinfo=dt.UTC)  # 23:30 in Rome
    after_midnight = dt.datetime(2026, 6, 15, 22, 5, tzinfo=dt.UTC)  # 00:05 on the 16th
    keep_closing(db, day=DAY, actor=admin, now=late)
    with pytest.raises(ValidationError):
        keep_closing(db, day=DAY + dt.timedelta(days=1), actor=admin, now=late)
    keep_closing(db, day=DAY + dt.timedelta(days=1), actor=admin, now=after_midnight)
    assert len(kept_closings(db, day=DAY)) == 1 and len(kept_closings(db, day=DAY + dt.timedelta(days=1))) == 1


def test_a_lab_technician_may_not_close_the_day(db, admin, add_staff):
    _three(db, admin)
    technician = add_staff("tecnico", Role.LAB_TECHNICIAN).actor
    with pytest.raises(PermissionDenied):
        keep_closing(db, day=DAY, actor=technician, now=EVENING)
    assert kept_closings(db, day=DAY) == []
    reception = add_staff("banco", Role.RECEPTION).actor
    assert keep_closing(db, day=DAY, actor=reception, now=EVENING).made_by_name == "Banco"


def test_a_closing_kept_in_another_language_is_not_redrawn_in_this_one(db, admin):
    _three(db, admin)
    kept = keep_closing(db, day=DAY, actor=admin, now=EVENING)  # in English (the tests' language)
    set_language("it")
    try:
        with pytest.raises(Conflict, match="in un'altra lingua"):
            kept_closing_pdf(db, closing_id=kept.id)
    finally:
        set_language("en")
    assert kept_closing_pdf(db, closing_id=kept.id) == kept.pdf


def test_content_round_trips_with_every_part(db, admin):
    made = _three(db, admin)
    void_receipt(db, receipt_id=made[0].id, reason="Prova «virgolette» e àccènti", actor=admin, now=_at(5))
    kept = keep_closing(db, day=DAY, actor=admin, now=EVENING)
    with db.read() as session:
        from frontdesk.db.receipt_models import ReceiptClosing

        content = session.get(ReceiptClosing, kept.id).content
    closing, printed_at, lang = closing_from_json(content)
    assert closing == kept.closing and printed_at == EVENING and lang == "en"
    assert closing.voided[0].reason == "Prova «virgolette» e àccènti" and closing.voided[0].total == D("122.00")


def test_the_closing_goes_to_the_a4_printer_not_the_receipt_roll(db, admin):
    """The closing is an A4 page: it prints on the A4 printer of Settings (test reports, intake receipts),
    never on the 80 mm receipt printer."""
    from frontdesk.services.desk.settings import update_settings
    from frontdesk.services.receipts.kept_closings import kept_closing_job

    _three(db, admin)
    update_settings(db, changes={"printers": {"report": "Ufficio A4", "receipt": "Termica 80"}}, actor=admin)
    kept = keep_closing(db, day=DAY, actor=admin, now=EVENING)
    job = kept_closing_job(db, closing_id=kept.id)
    assert (job.printer, job.kind) == ("Ufficio A4", "report") and "R1" in job.title
