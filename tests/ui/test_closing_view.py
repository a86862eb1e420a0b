"""The Daily closing screen driven as the desk would (issue 16, point 5): the day's figures on screen,
the day closed and kept with its print preview, a later receipt shown as a change against the kept
closing, the kept copy drawn again; the period's tables, exported as CSV and XLSX and read back,
a period that ends before it begins refused in Italian, a file that cannot be written refused with
nothing left behind; screenshots of both tabs and the closing's PDF in Italian."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import sqlite3
import subprocess
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from screen_helpers import labels_cut_off, styled

from frontdesk.domain.clock import today_in_rome
from frontdesk.domain.receipts.receipt import LineInput
from frontdesk.i18n import set_language
from frontdesk.services.receipts.issue import issue_receipt, void_receipt
from frontdesk.services.receipts.kept_closings import kept_closing_pdf, kept_closings
from frontdesk.services.registry.companies import CompanyInput, create_company
from frontdesk.ui import tasks
from frontdesk.ui.i18n_qt import install_translators
from frontdesk.ui.receipts.closing_view import ClosingView
from frontdesk.ui.shell.area_list import AREAS
from frontdesk.ui.shell.area_view import DeskContext

D = Decimal


def settle(qtbot, ms: int = 100) -> None:
    tasks.wait_for_idle()
    qtbot.wait(ms)
    tasks.wait_for_idle()


def _line(description: str, price: str, rate: str = "22", quantity: str = "1", nature: str = "",
          code: str = "TENSILE") -> LineInput:
    return LineInput(description, D(quantity), D(price), vat_rate=rate, nature=nature, kind="test", source_code=code)


def _receipts(db, admin):
    """Three receipts today (card 22%, cash 22% + N4, a voided one): valid 305.00 + 162.00."""
    company = create_company(db, data=CompanyInput(
        name="Rota Meccanica S.r.l.", vat_number="01114601006", address="Via Roma 5", postcode="24044",
        city="Dalmine", province="BG"), actor=admin, allow_duplicate=True)
    card = issue_receipt(db, company_id=company.id, lines=(_line("Prova di trazione", "250.00"),), payment="card",
                         actor=admin)
    cash = issue_receipt(db, company_id=company.id, lines=(
        _line("Prova di durezza", "50.00", quantity="2", code="HARDNESS"),
        _line("Formazione finanziata", "40.00", rate="", nature="N4", code="")), payment="cash", actor=admin)
    wrong = issue_receipt(db, company_id=company.id, lines=(_line("Prova di trazione", "10.00"),), payment="cash",
                          actor=admin)
    void_receipt(db, receipt_id=wrong.id, reason="Importo errato", actor=admin)
    return company, card, cash


def make(qtbot, db, actor) -> ClosingView:
    view = styled(ClosingView(DeskContext(db=db, actor=actor, desk="R1", is_demo=False)))
    qtbot.addWidget(view)
    view.resize(1150, 760)
    view.show()
    view.reload()
    settle(qtbot)
    return view


def test_the_area_follows_receipts_and_needs_the_receipts_permission():
    keys = [a.key for a in AREAS]
    area = AREAS[keys.index("receipts") + 1]
    assert (area.key, area.title_source, area.permission) == ("receipt_closing", "Daily closing", "issue_receipts")


def test_the_day_tab_shows_the_figures_and_keeps_a_closing(qtbot, db, admin):
    company, _card, _cash = _receipts(db, admin)
    view = make(qtbot, db, admin)
    day = view.day_tab
    assert day.current_day() == today_in_rome()
    assert day.summary.text() == "Desk R1 · issued 3 · voided 1 · valid 2 · total €467.00"
    year = today_in_rome().year
    assert day.series_model.texts() == [(f"R1-{year}", "3", f"R1-{year}-000001", f"R1-{year}-000003")]
    payments = day.payment_model.texts()
    assert set(payments[:-1]) == {("Cash", "1", "€162.00"), ("Card", "1", "€305.00")}
    assert payments[-1] == ("Total", "2", "€467.00")
    assert day.tax_model.texts()[-1] == ("Total", "€390.00", "€77.00", "€467.00")
    assert day.voided_model.texts()[0][0] == f"R1-{year}-000003" and day.voided_model.texts()[0][3] == "Importo errato"
    assert day.kept_model.texts() == [] and day.changes_label.text() == "This day has not been closed yet."
    assert not day.print_kept_button.isEnabled()

    with qtbot.waitSignal(day.preview_opened, timeout=20_000) as opened:
        day.close_button.click()
    opened.args[0].close()
    settle(qtbot)
    (kept,) = kept_closings(db, day=today_in_rome())
    assert kept.closing.total == D("467.00") and kept.made_by_name == admin.label
    (row,) = day.kept_model.texts()
    assert row[0].startswith("Kept at ") and row[0].endswith(f"by {admin.label}") and row[3] == "Same"
    assert not day.changes_label.isVisible() and day.print_kept_button.isEnabled()

    issue_receipt(db, company_id=company.id, lines=(_line("Prova di trazione", "100.00"),), payment="card",
                  actor=admin)
    view.reload()  # as the data bus does after a write elsewhere (a sync, the Receipts screen)
    settle(qtbot)
    assert day.kept_model.texts()[0][3] == "Differs (6)"  # issued, valid, total, series, card, VAT 22%
    assert day.changes_label.isVisible() and "Receipts issued: 3 when it was kept, 4 now." in day.changes_label.text()

    with qtbot.waitSignal(day.preview_opened, timeout=20_000) as reprinted:
        day.print_kept_button.click()
    reprinted.args[0].close()
    assert kept_closing_pdf(db, closing_id=kept.id)


def test_a_write_elsewhere_reloads_the_day_and_an_altered_kept_copy_is_not_shown(qtbot, db, db_path, admin):
    company, _card, _cash = _receipts(db, admin)
    view = make(qtbot, db, admin)
    day = view.day_tab
    with qtbot.waitSignal(day.preview_opened, timeout=20_000) as opened:
        day.close_button.click()
    opened.args[0].close()
    settle(qtbot)
    with qtbot.waitSignal(day.loaded, timeout=10_000):  # a receipt issued by another screen: the data bus
        tasks.run_in_background(view, lambda: issue_receipt(
            db, company_id=company.id, lines=(_line("Prova di trazione", "10.00"),), payment="cash", actor=admin),
            write=True)
    settle(qtbot)
    assert day.summary.text().startswith("Desk R1 · issued 4")

    conn = sqlite3.connect(db_path)
    try:
        with conn:  # the kept figures edited in the file
            conn.execute("UPDATE receipt_closing SET content = replace(content, '\"305.00\"', '\"35.00\"')")
    finally:
        conn.close()
    view.reload()
    settle(qtbot)
    assert day.kept_model.texts()[0][1:] == ("—", "—", "Not valid")
    assert "does not match the one printed then" in day.changes_label.text()
    assert not day.print_kept_button.isEnabled()


def test_page_keys_move_the_day_and_a_day_to_come_cannot_be_closed(qtbot, db, admin):
    view = make(qtbot, db, admin)
    day = view.day_tab
    day.kept_table.setFocus()
    qtbot.keyClick(day.kept_table, Qt.Key.Key_PageUp)
    assert day.current_day() == today_in_rome() - dt.timedelta(days=1)
    qtbot.keyClick(day.kept_table, Qt.Key.Key_PageDown)
    qtbot.keyClick(day.kept_table, Qt.Key.Key_PageDown)
    settle(qtbot)
    assert day.current_day() == today_in_rome() + dt.timedelta(days=1) and not day.close_button.isEnabled()
    day.go_today()
    settle(qtbot)
    assert day.close_button.isEnabled()


def test_the_period_tab_exports_csv_and_xlsx_read_back(qtbot, db, admin, tmp_path):
    _receipts(db, admin)
    view = make(qtbot, db, admin)
    view.tabs.setCurrentIndex(1)
    period = view.period_tab
    first = today_in_rome().replace(day=1)
    assert period.period()[0] == first and period.period()[1].month == first.month
    assert period.association_model.texts()[-1] == ("Total", "2", "€390.00", "€467.00")
    assert ("Test", "HARDNESS", "Prova di durezza", "2", "€100.00") in period.service_model.texts()
    assert period.suggested_name("csv") == f"receipts-{first:%Y-%m}.csv"

    with qtbot.waitSignal(period.exported, timeout=10_000):
        period.export_to(tmp_path / "figures.csv", "csv")
    rows = list(csv.reader(io.StringIO((tmp_path / "figures.csv").read_bytes().decode("utf-8-sig")), delimiter=";"))
    assert ["Total", "2", "390,00", "77,00", "467,00"] in rows
    with qtbot.waitSignal(period.exported, timeout=10_000):
        period.export_to(tmp_path / "figures.xlsx", "xlsx")
    book = load_workbook(tmp_path / "figures.xlsx")
    assert [c.value for c in book["By VAT rate"][book["By VAT rate"].max_row]] == ["Total", 390, 77, 467]
    assert [c.value for c in book["By association"][2]] == ["No association", 2, 390, 77, 467]


def test_a_bad_period_and_an_unwritable_file_are_refused_in_italian(qtbot, db, admin, tmp_path):
    _receipts(db, admin)
    view = make(qtbot, db, admin)
    view.tabs.setCurrentIndex(1)
    period = view.period_tab
    set_language("it")
    try:
        today = today_in_rome()
        period.set_period(today, today - dt.timedelta(days=1))
        settle(qtbot)
        assert period.error.isVisible() and "termina prima di iniziare" in period.error.text()
        assert period.service_model.texts() == [] and not period.export_csv_button.isEnabled()
        period.set_period(today.replace(day=1), today)
        settle(qtbot)
        assert not period.error.isVisible() and period.export_csv_button.isEnabled()

        with qtbot.waitSignal(period.export_failed, timeout=10_000) as failed:
            period.export_to(tmp_path / "missing" / "figures.csv", "csv")
        assert "non esiste" in failed.args[0] and period.error.text() == failed.args[0]
        out = tmp_path / "out"
        out.mkdir()
        occupied = out / "taken.xlsx"
        occupied.mkdir()  # a folder with the file's name: the rename fails at the very end
        with qtbot.waitSignal(period.export_failed, timeout=10_000) as failed:
            period.export_to(occupied, "xlsx")
        assert "taken.xlsx" in failed.args[0]
        assert [p.name for p in out.iterdir()] == ["taken.xlsx"] and not list(occupied.iterdir())  # no leftovers
    finally:
        set_language("en")


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler's pdftoppm")
def test_screenshots_in_italian(qtbot, db, admin, screenshot, screenshots_folder):
    _receipts(db, admin)
    set_language("it")
    install_translators("it")
    try:
        view = make(qtbot, db, admin)
        day = view.day_tab
        assert day.summary.text().startswith("Postazione R1 · emesse 3")
        with qtbot.waitSignal(day.preview_opened, timeout=20_000) as opened:
            day.close_button.click()
        opened.args[0].close()
        settle(qtbot)
        screenshot(view, "closing_day.png")
        assert not labels_cut_off(view)
        company = create_company(db, data=CompanyInput(
            name="Fonderia Bergamasca S.p.A.", vat_number="01114601006", address="Via Roma 5", postcode="24044",
            city="Dalmine", province="BG"), actor=admin, allow_duplicate=True)
        issue_receipt(db, company_id=company.id, lines=(_line("Prova di resilienza Charpy", "85.00"),),
                      payment="transfer", actor=admin)  # after the closing was kept
        view.reload()
        settle(qtbot)
        assert "Le ricevute sono diverse dalla chiusura conservata" in day.changes_label.text()
        screenshot(view, "closing_day_changed.png")
        assert not labels_cut_off(view)
        view.tabs.setCurrentIndex(1)
        settle(qtbot)
        screenshot(view, "closing_period.png")
        assert not labels_cut_off(view)
        view.period_tab.set_period(dt.date(2026, 11, 1), dt.date(2026, 11, 30))
        assert view.period_tab.suggested_name("csv") == "ricevute-2026-11.csv"
        view.period_tab.set_period(dt.date(2026, 11, 3), dt.date(2026, 11, 17))
        assert view.period_tab.suggested_name("xlsx") == "ricevute-2026-11-03_2026-11-17.xlsx"
        settle(qtbot)
        (kept,) = kept_closings(db, day=today_in_rome())
        pdf = screenshots_folder / "closing.pdf"
        pdf.write_bytes(kept_closing_pdf(db, closing_id=kept.id))
        subprocess.run(["pdftoppm", "-r", "100", "-png", str(pdf), str(screenshots_folder / "closing_pdf")],
                       check=True)
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                              text=True).stdout
        assert "Chiusura giornaliera" in text and "467,00" in text and "Importo errato" in text
    finally:
        set_language("en")
        install_translators("en")
