"""The daily closing of a desk and the period's figures on a real SQLite file (issue 16, point 5):
totals by payment method and by VAT rate or nature without the voided receipts, first and last
numbers, a lost number reported as a gap, the series switch after a restore, another desk's receipts
left out, a receipt at 23:30 Rome counted on its Rome day; the figures by service, rate and
association, as CSV (Italian) and XLSX read back; the PDF's text."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import sqlite3
import subprocess
import uuid
from decimal import Decimal

import pytest
from desk_files import backup_copy
from openpyxl import load_workbook
from receipt_rows import customer, tensile

from frontdesk.documents.receipts.closing_pdf import render_closing
from frontdesk.domain.errors import PermissionDenied, ValidationError
from frontdesk.domain.receipts.receipt import LineInput
from frontdesk.domain.roles import Actor, Role
from frontdesk.i18n import set_language
from frontdesk.services.desk.setup import open_desk
from frontdesk.services.receipts.closing import daily_closing, period_csv, period_figures, period_xlsx
from frontdesk.services.receipts.issue import issue_receipt, void_receipt
from frontdesk.services.registry.companies import CompanyInput, create_company
from frontdesk.services.registry.reference import associations
from frontdesk.services.upkeep import backups

DAY = dt.date(2026, 6, 15)
AT = dt.datetime(2026, 6, 15, 7, 0, tzinfo=dt.UTC)  # 09:00 in Rome (summer time)
D = Decimal


def _at(hours: float) -> dt.datetime:
    return AT + dt.timedelta(hours=hours)


def _training(price: str = "350.00") -> LineInput:
    return LineInput("Corso di metallografia", D("1"), D(price), vat_rate="10", kind="training", source_code="METAL")


def _exempt(price: str = "50.00") -> LineInput:
    return LineInput("Formazione finanziata", D("1"), D(price), nature="N4", kind="training")


def _day(db, admin):
    """Four receipts on DAY: card (22% and 10%), cash (22% and N4), a voided one, a cash one at 23:30 Rome;
    one the day before and one the day after."""
    assoc = next(a for a in associations(db) if a.code == "confartigianato")
    member = create_company(db, data=CompanyInput(
        name="Bonfanti Acciai S.p.A.", vat_number="01114601006", address="Via Provinciale 12", postcode="24044",
        city="Dalmine", province="BG", association_id=assoc.id), actor=admin, allow_duplicate=True)
    other = customer(db, admin)
    made = {
        "before": issue_receipt(db, company_id=other.id, lines=(tensile(),), payment="card", actor=admin, now=_at(-24)),
        "card": issue_receipt(db, company_id=member.id, lines=(tensile("2", "120.50"), _training()), payment="card",
                              actor=admin, now=_at(0)),
        "cash": issue_receipt(db, company_id=other.id, lines=(tensile(), _exempt()), payment="cash", actor=admin,
                              now=_at(1)),
        "voided": issue_receipt(db, company_id=other.id, lines=(tensile("3"),), payment="cash", actor=admin,
                                now=_at(2)),
        "late": issue_receipt(db, company_id=other.id, lines=(tensile("1", "10.00"),), payment="cash", actor=admin,
                              now=dt.datetime(2026, 6, 15, 21, 30, tzinfo=dt.UTC)),  # 23:30 in Rome
        "after": issue_receipt(db, company_id=member.id, lines=(tensile(),), payment="transfer", actor=admin,
                               now=dt.datetime(2026, 6, 15, 22, 5, tzinfo=dt.UTC)),  # 00:05 on the 16th in Rome
    }
    void_receipt(db, receipt_id=made["voided"].id, reason="Importo errato, riemessa", actor=admin, now=_at(3))
    return made


def test_the_closing_totals_leave_out_the_voided_and_count_the_day_in_rome(db, admin):
    made = _day(db, admin)
    closing = daily_closing(db, day=DAY, actor=admin)
    assert closing.desk == "R1" and (closing.issued, closing.valid) == (4, 3)
    (series,) = closing.series
    assert (series.series, series.count, series.first, series.last) == ("R1-2026", 4, "R1-2026-000002",
                                                                          "R1-2026-000005")
    assert made["late"].number == "R1-2026-000005" and made["after"].number == "R1-2026-000006"
    # card: 241.00 + 350.00, VAT 53.02 + 35.00 = 679.02; cash: 100.00 + 22.00 + 50.00 and 10.00 + 2.20
    by_payment = {m.payment: (m.count, m.total) for m in closing.by_payment}
    assert by_payment == {"card": (1, D("679.02")), "cash": (2, D("184.20"))}
    assert [(t.vat_rate, t.nature, t.base, t.vat) for t in closing.by_tax] == [
        ("22", "", D("351.00"), D("77.22")), ("10", "", D("350.00"), D("35.00")), ("", "N4", D("50.00"), D("0.00"))]
    assert (closing.net, closing.vat, closing.total) == (D("751.00"), D("112.22"), D("863.22"))
    assert closing.total == sum(m.total for m in closing.by_payment)
    (voided,) = closing.voided
    assert (voided.number, voided.reason, voided.total) == ("R1-2026-000004", "Importo errato, riemessa", D("366.00"))
    assert closing.gaps == () and closing.switches == ()
    assert closing.point.name  # the Point's registered name, from the site settings

    next_day = daily_closing(db, day=DAY + dt.timedelta(days=1), actor=admin)
    assert next_day.issued == 1 and next_day.series[0].first == "R1-2026-000006" and next_day.gaps == ()


def test_a_receipt_voided_on_a_later_day_stays_in_its_days_totals_and_is_listed_on_the_day_of_the_void(db, admin):
    made = _day(db, admin)
    void_receipt(db, receipt_id=made["card"].id, reason="Cliente sbagliato", actor=admin, now=_at(26))
    closing = daily_closing(db, day=DAY, actor=admin)
    assert closing.total == D("863.22") and [v.number for v in closing.voided] == ["R1-2026-000004"]
    next_day = daily_closing(db, day=DAY + dt.timedelta(days=1), actor=admin)
    assert [v.number for v in next_day.voided] == ["R1-2026-000002"]
    assert next_day.total == D("122.00")  # only its own receipt: the void's money was in the 15th's closing


def test_a_lost_receipt_is_reported_as_a_missing_number(db, db_path, admin):
    made = _day(db, admin)
    conn = sqlite3.connect(db_path)
    try:
        with conn:
            for number in ("R1-2026-000003",):  # a receipt lost (simulated: its rows deleted)
                (rid,) = conn.execute("SELECT id FROM receipt WHERE number = ?", (number,)).fetchone()
                conn.execute("DELETE FROM receipt_line WHERE receipt_id = ?", (rid,))
                conn.execute("DELETE FROM receipt WHERE id = ?", (rid,))
            (rid,) = conn.execute("SELECT id FROM receipt WHERE number = ?", (made["card"].number,)).fetchone()
            conn.execute("DELETE FROM receipt_line WHERE receipt_id = ?", (rid,))  # the day's first, too
            conn.execute("DELETE FROM receipt WHERE id = ?", (rid,))
    finally:
        conn.close()
    closing = daily_closing(db, day=DAY, actor=admin)
    assert closing.series[0].first == "R1-2026-000004"
    assert closing.gaps == ("R1-2026-000002", "R1-2026-000003")  # after the day before's 000001


def test_another_desks_receipts_are_not_in_this_desks_closing(db, db_path, admin):
    _day(db, admin)
    conn = sqlite3.connect(db_path)
    try:
        with conn:  # a receipt of desk R2 that came by sync: its number under R2's series
            conn.execute("UPDATE receipt SET prefix = 'R2', number = 'R2-2026-000001', counter = 1, created_desk = 'R2'"
                         " WHERE number = 'R1-2026-000005'")
    finally:
        conn.close()
    closing = daily_closing(db, day=DAY, actor=admin)
    assert closing.issued == 3 and closing.series[0].last == "R1-2026-000004"
    assert closing.total == D("851.02") and closing.gaps == ()
    other = daily_closing(db, day=DAY, actor=admin, desk="R2")
    assert other.issued == 1 and other.total == D("12.20") and other.desk == "R2"


def test_after_a_restore_the_closing_notes_the_switch_of_series(path, desk):
    db = open_desk(path)
    try:
        company = customer(db, desk)
        issue_receipt(db, company_id=company.id, lines=(tensile(),), payment="card", actor=desk, now=_at(0))
    finally:
        db.dispose()
    backup = backup_copy(path, desk)
    db = open_desk(path)
    try:  # issued after the backup: lost by the restore
        issue_receipt(db, company_id=company.id, lines=(tensile(),), payment="card", actor=desk, now=_at(1))
    finally:
        db.dispose()
    assert backups.restore(path, backup).series_prefix == "R1-B"
    db = open_desk(path)
    try:
        issue_receipt(db, company_id=company.id, lines=(tensile(),), payment="cash", actor=desk, now=_at(2))
        closing = daily_closing(db, day=DAY, actor=desk)
        assert [(s.series, s.first, s.last) for s in closing.series] == [
            ("R1-2026", "R1-2026-000001", "R1-2026-000001"), ("R1-B-2026", "R1-B-2026-000001", "R1-B-2026-000001")]
        assert closing.switches == ("R1-B",) and closing.gaps == ()
        issue_receipt(db, company_id=company.id, lines=(tensile(),), payment="cash", actor=desk, now=_at(25))
        next_day = daily_closing(db, day=DAY + dt.timedelta(days=1), actor=desk)
        assert next_day.switches == () and next_day.series[0].first == "R1-B-2026-000002"
        set_language("it")
        try:
            text = _pdf_text(render_closing(closing, printed_at=_at(10)), path.parent)
        finally:
            set_language("en")
        assert "Dopo il ripristino la numerazione prosegue nella serie R1-B" in text
    finally:
        db.dispose()


def test_the_period_figures_by_service_rate_and_association(db, admin):
    _day(db, admin)
    figures = period_figures(db, first=DAY, last=DAY, actor=admin)
    assert figures.receipts == 3 and figures.total == D("863.22")
    services = {(s.kind, s.code, s.description): (s.quantity, s.net) for s in figures.by_service}
    assert services == {("test", "TENSILE", "Prova di trazione"): (D("4"), D("351.00")),
                        ("training", "METAL", "Corso di metallografia"): (D("1"), D("350.00")),
                        ("training", "", "Formazione finanziata"): (D("1"), D("50.00"))}
    by_association = [(a.association, a.receipts, a.total) for a in figures.by_association]
    assert by_association == [("Confartigianato Imprese Bergamo", 1, D("679.02")), ("", 2, D("184.20"))]
    whole = period_figures(db, first=DAY - dt.timedelta(days=1), last=DAY + dt.timedelta(days=1), actor=admin)
    assert whole.receipts == 5 and whole.total == D("863.22") + D("122.00") * 2
    set_language("it")
    try:
        with pytest.raises(ValidationError, match="termina prima di iniziare"):
            period_figures(db, first=DAY, last=DAY - dt.timedelta(days=1), actor=admin)
    finally:
        set_language("en")


def test_the_period_as_csv_for_italian_excel_and_as_xlsx_with_numbers(db, admin):
    _day(db, admin)
    figures = period_figures(db, first=DAY, last=DAY, actor=admin)
    set_language("it")
    try:
        data = period_csv(figures)
        book = load_workbook(io.BytesIO(period_xlsx(figures)))
    finally:
        set_language("en")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Per servizio"] and ["Prova", "TENSILE", "Prova di trazione", "4", "351,00"] in rows
    assert ["22%", "351,00", "77,22", "428,22"] in rows and ["N4", "50,00", "0,00", "50,00"] in rows
    assert ["Totale", "3", "751,00", "112,22", "863,22"] in rows
    assert ["Confartigianato Imprese Bergamo", "1", "591,00", "88,02", "679,02"] in rows
    assert ["Nessuna associazione", "2", "160,00", "24,20", "184,20"] in rows
    sheet = book["Per aliquota IVA"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[1] == ["22%", 351, 77.22, 428.22] and values[-1] == ["Totale", 751, 112.22, 863.22]
    assert sheet["B2"].number_format == "#,##0.00" and isinstance(sheet["B2"].value, (int, float))
    assert [s.title for s in book.worksheets] == ["Per servizio", "Per aliquota IVA", "Per associazione"]


def test_the_closing_needs_the_receipts_permission(db, admin):
    visitor = Actor(desk="R1", role=Role.LAB_TECHNICIAN, staff_id=uuid.uuid4(), name="Tecnico")
    with pytest.raises(PermissionDenied):
        daily_closing(db, day=DAY, actor=visitor)
    with pytest.raises(PermissionDenied):
        period_figures(db, first=DAY, last=DAY, actor=visitor)


def _pdf_text(pdf: bytes, folder) -> str:
    target = folder / "closing.pdf"
    target.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(target), "-"], check=True, capture_output=True,
                          text=True).stdout


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
def test_the_closing_pdf_holds_the_totals_in_italian(db, admin, tmp_path):
    _day(db, admin)
    closing = daily_closing(db, day=DAY, actor=admin)
    set_language("it")
    try:
        text = _pdf_text(render_closing(closing, printed_at=dt.datetime(2026, 6, 15, 20, 0, tzinfo=dt.UTC)), tmp_path)
    finally:
        set_language("en")
    assert "Chiusura giornaliera" in text and "Postazione R1" in text and "15 giugno 2026" in text
    for words in ("863,22", "679,02", "184,20", "77,22", "R1-2026-000002", "R1-2026-000005", "Contanti", "Carta",
                  "Importo errato, riemessa", "N4 Esenti", "Pagina 1 di 1"):
        assert words in text, words


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
def test_a_day_without_receipts_closes_at_zero(db, admin, tmp_path):
    _day(db, admin)
    closing = daily_closing(db, day=DAY + dt.timedelta(days=3), actor=admin)
    assert (closing.issued, closing.valid, closing.series, closing.by_payment, closing.by_tax) == (0, 0, (), (), ())
    assert closing.total == D("0.00") and closing.voided == () and closing.gaps == () and closing.switches == ()
    set_language("it")
    try:
        text = _pdf_text(render_closing(closing, printed_at=_at(80)), tmp_path)
    finally:
        set_language("en")
    assert "Nessuna ricevuta emessa in questa giornata." in text and "Nessuna ricevuta annullata" in text
    assert "0,00 €" in text


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
def test_a_long_closing_continues_on_numbered_pages(db, admin, tmp_path):
    company = customer(db, admin)
    made = [issue_receipt(db, company_id=company.id, lines=(tensile(),), payment="card", actor=admin,
                          now=_at(i * 0.1)) for i in range(45)]
    for receipt in made:
        void_receipt(db, receipt_id=receipt.id, reason="Emessa per errore durante la prova della stampante",
                     actor=admin, now=_at(6))
    closing = daily_closing(db, day=DAY, actor=admin)
    assert (closing.issued, closing.valid, len(closing.voided), closing.total) == (45, 0, 45, D("0.00"))
    set_language("it")
    try:
        text = _pdf_text(render_closing(closing, printed_at=_at(10)), tmp_path)
    finally:
        set_language("en")
    assert "Pagina 1 di 3" in text and "Pagina 3 di 3" in text and "R1-2026-000045" in text


def test_a_typed_description_is_never_a_formula_nor_splits_a_csv_row(db, admin):
    company = customer(db, admin)
    odd = LineInput("=SOMMA(A1); taratura", D("1.5"), D("40.00"), vat_rate="22")
    issue_receipt(db, company_id=company.id, lines=(odd,), payment="card", actor=admin, now=_at(0))
    figures = period_figures(db, first=DAY, last=DAY, actor=admin)
    rows = list(csv.reader(io.StringIO(period_csv(figures).decode("utf-8-sig")), delimiter=";"))
    assert ["Other", "", "=SOMMA(A1); taratura", "1,5", "60,00"] in rows
    sheet = load_workbook(io.BytesIO(period_xlsx(figures)))["By service"]
    assert sheet["C2"].value == "=SOMMA(A1); taratura" and sheet["C2"].data_type == "s"
    assert sheet["D2"].value == 1.5 and sheet["E2"].value == 60
