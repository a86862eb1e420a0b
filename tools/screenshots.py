"""Screenshots of the real screens and PNGs of the documents, in Italian, for the README.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots.py [OUT_DIR]

Builds a small demo desk in a temporary folder, signs in, opens each area as a person would
(typing in the reception search, checking someone in), grabs each window, and renders the badge
and the evacuation list with pdftoppm. Nothing here is used by the app or the tests.
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["FRONTDESK_LANGUAGE"] = "it"
os.environ["FRONTDESK_NO_OPEN"] = "1"
TMP = Path(tempfile.mkdtemp(prefix="frontdesk-shots-"))
os.environ["FRONTDESK_HOME"] = str(TMP)

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer  # noqa: E402


def pump(ms: int = 400) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main(out: Path) -> None:
    from frontdesk.demo.fill import run_demo
    from frontdesk.services.staff import accounts as staff
    from frontdesk.ui import tasks
    from frontdesk.ui.i18n_qt import install_translators
    from frontdesk.ui.process import ProcessPolicies
    from frontdesk.ui.shell.app import make_application, open_desk_context
    from frontdesk.ui.shell.main_window import MainWindow

    out.mkdir(parents=True, exist_ok=True)
    db_path = TMP / "demo.sqlite"
    run_demo(db_path, desk="R1")
    policies = ProcessPolicies().install(hold_collection=False)
    app = make_application()
    policies.start()
    install_translators("it")
    context = open_desk_context(db_path)
    context = dataclasses.replace(context, duties=policies.open_desk(context.db))
    staff.create_demo_accounts(context.db, seed=1)
    from frontdesk.demo.lab_reports import issue_demo_reports
    from frontdesk.demo.receipts import issue_demo_receipts

    issue_demo_reports(context.db)
    issue_demo_receipts(context.db)
    window = MainWindow()
    window.resize(1280, 800)
    window.retranslate()
    window.show()
    window.attach(context)
    pump(800)

    def shot(name: str, widget=None) -> None:
        tasks.wait_for_idle()
        pump(500)
        (widget or window).grab().save(str(out / f"{name}.png"))
        print("wrote", out / f"{name}.png")

    window.show_area("reception")
    reception = window.view("reception")
    from PySide6.QtTest import QTest

    reception.search.setFocus()
    QTest.keyClicks(reception.search, "ros")  # as the receptionist types (ASCII only: see DESIGN)
    pump(900)
    tasks.wait_for_idle()
    pump(300)
    shot("reception")
    _open_card_without_notice(reception, context.db)
    shot("reception_notice")
    reception.panel.cancel()
    window.show_area("on_site")
    shot("on_site")
    window.show_area("companies")
    shot("companies")
    window.show_area("visit_log")
    shot("visit_log")
    window.show_area("settings")
    shot("settings")
    window.show_area("audit")
    shot("audit")
    window.show_area("staff")
    shot("staff")
    _price_list_screens(window, shot)
    _receipt_screens(window, context.db, shot)
    lab_ids = _lab_screens(window, context.db, shot)

    from frontdesk.ui.staff.sign_in_dialog import SignInDialog

    dialog = SignInDialog(context.db, desk="R1", failures=context.duties.sign_in_failures)
    dialog.show()
    shot("sign_in", dialog)
    dialog.close()

    from frontdesk.documents.reception.badge import render_badge
    from frontdesk.services.reception.badges import reprint_badge
    from frontdesk.services.reception.evacuation import evacuation_pdf
    from frontdesk.services.reception.visits import on_site

    someone = on_site(context.db)[0]
    badge = reprint_badge(context.db, visit_id=someone.id, actor=context.actor)
    for size in ("id1", "label62"):
        pdf = render_badge(dataclasses.replace(badge.data, size=size))
        _pdf_png(pdf, out / f"badge_{size}")
    _pdf_png(evacuation_pdf(context.db), out / "evacuation_list")
    from frontdesk.services.lab.intake_documents import labels_print_job, receipt_print_job

    sample_id, request_id = lab_ids
    _pdf_png(labels_print_job(context.db, sample_ids=[sample_id]).pdf, out / "lab_label")
    _pdf_png(receipt_print_job(context.db, request_id=request_id).pdf, out / "lab_intake_receipt")
    from frontdesk.services.lab.reports import issued_reports, report_pdf

    reports = issued_reports(context.db)
    if reports:  # the first page of the newest report the demo issued
        _pdf_png(report_pdf(context.db, report_id=reports[0].id).pdf, out / "lab_report_demo")
    from frontdesk.domain.clock import today_in_rome
    from frontdesk.services.lab.calendar import technicians
    from frontdesk.services.lab.technician_week import technician_week_pdf

    marco = next(t for t in technicians(context.db) if t.name == "Marco Locatelli")
    _pdf_png(technician_week_pdf(context.db, staff_id=marco.staff_id, week_start=today_in_rome(), actor=context.actor),
             out / "lab_week_pdf")
    policies.close_desk(context.db)
    tasks.shutdown()
    context.db.dispose()
    QCoreApplication.processEvents()
    policies.close()
    del app


def _price_list_screens(window, shot) -> None:
    """The price list, and its picker opened from a new receipt with a few letters typed."""
    from PySide6.QtTest import QTest

    from frontdesk.ui import tasks

    window.show_area("price_list")
    shot("price_list")
    window.show_area("receipts")
    dialog = window.view("receipts").new_receipt()
    picker = dialog.open_picker()
    tasks.wait_for_idle()
    pump()
    QTest.keyClicks(picker.search, "sala")
    shot("price_picker", picker)
    picker.reject()
    dialog.reject()


def _receipt_screens(window, db, shot) -> None:
    """The demo's last day of receipts, a new receipt with lines from the price list, the daily
    closing of that day and the month's figures."""
    import datetime as dt
    import sqlite3
    import uuid

    from PySide6.QtCore import QDate

    from frontdesk.domain.clock import ROME
    from frontdesk.services.receipts.sellable import sellable_items
    from frontdesk.services.registry.companies import get_company

    conn = sqlite3.connect(db.path)
    try:
        issued_at, company_hex = conn.execute(
            "SELECT issued_at, company_id FROM receipt ORDER BY issued_at DESC LIMIT 1").fetchone()
    finally:
        conn.close()
    day = dt.datetime.fromisoformat(issued_at).replace(tzinfo=dt.UTC).astimezone(ROME).date()
    window.show_area("receipts")
    receipts = window.view("receipts")
    receipts.day.setDate(QDate(day.year, day.month, day.day))
    shot("receipts")
    dialog = receipts.new_receipt()
    company_id = uuid.UUID(hex=company_hex)
    dialog.company.set_company(get_company(db, company_id=company_id))
    items = {item.code: item for item in sellable_items(db, company_id=company_id)}
    for code, quantity in (("TENSILE-RT", "3"), ("ROOM-MEETING-HALF", "1"), ("COURSE-SAFETY-GEN", "2")):
        dialog.add_item(items[code], quantity)
    shot("receipt_dialog", dialog)
    dialog.reject()
    window.show_area("receipt_closing")
    closing = window.view("receipt_closing")
    closing.day_tab.day.setDate(QDate(day.year, day.month, day.day))
    shot("closing_day")
    closing.tabs.setCurrentIndex(1)
    closing.period_tab.set_period(day - dt.timedelta(days=14), day)  # the demo's last two weeks
    shot("closing_period")
    closing.tabs.setCurrentIndex(0)


def _lab_screens(window, db, shot):
    """The lab's screens on the demo's lab data; the sample and request whose documents are drawn."""
    import sqlite3

    conn = sqlite3.connect(db.path)
    try:
        sample_hex, request_hex = conn.execute(
            "SELECT s.id, s.request_id FROM lab_sample s WHERE s.parent_id IS NULL AND EXISTS "
            "(SELECT 1 FROM lab_sample c WHERE c.parent_id = s.id) ORDER BY s.lab_id DESC LIMIT 1").fetchone()
    finally:
        conn.close()
    import uuid

    sample_id, request_id = uuid.UUID(hex=sample_hex), uuid.UUID(hex=request_hex)
    for area, name in (("lab_intake", "lab_intake"), ("lab_planning", "lab_planning"), ("lab_timeline", "lab_timeline"),
                       ("equipment", "lab_equipment"), ("lab_catalogue", "lab_catalogue"), ("samples", "lab_samples")):
        window.show_area(area)
        shot(name)
        if area == "lab_timeline":
            window.view(area).week_button.click()
            shot("lab_timeline_week")
    _intake_with_promise(window, db)
    shot("lab_intake_promise")
    window.view("lab_intake").clear()
    window.view("samples").open_sample(sample_id)
    shot("lab_sample_history")
    window.show_area("lab_review")
    shot("lab_review")
    review = window.view("lab_review")
    if review.current_test() is not None:
        from frontdesk.ui.lab.result_dialog import ResultDialog

        dialog = ResultDialog(review.context, review.current_test().test_id, window)
        dialog.show()
        shot("lab_result_dialog", dialog)
        dialog.close()
    window.show_area("lab_queue")  # the demo technician's queue of today
    pump()
    queue = window.view("lab_queue")
    queue.owner.setCurrentIndex(max(queue.owner.findText("Marco Locatelli"), 0))
    pump()
    shot("lab_queue")
    window.show_area("lab_week")  # the same technician's week of work
    pump()
    week = window.view("lab_week")
    week.technician.setCurrentIndex(max(week.technician.findText("Marco Locatelli"), 0))
    pump()
    shot("lab_week")
    window.show_area("lab_reports")
    pump()
    shot("lab_reports")
    return sample_id, request_id


def _intake_with_promise(window, db) -> None:
    """An intake of three samples typed in, its date promised by the lab's plan beside the tests."""
    import datetime as dt

    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QScrollArea

    from frontdesk.services.registry.companies import search_companies
    from frontdesk.ui import tasks

    window.show_area("lab_intake")
    view = window.view("lab_intake")
    tasks.wait_for_idle()
    pump(600)
    view.company.set_company(search_companies(db, query="Officine")[0])
    view.contact.setEditText("Nicolò Bergamelli")

    def choose(editor, row: int, code: str, hours: int | None = None) -> None:
        combo = editor.tests.cellWidget(row, 0)
        combo.setCurrentIndex(combo.findData(code))
        if hours is not None:
            editor.tests.cellWidget(row, 1).setValue(hours)

    first = view.samples.editors()[0]
    first.fields["material"].setText("Acciaio S355JR")
    first.fields["description"].setText("Piatto 20 x 200 x 300 mm, colata 4471")
    choose(first, 0, "TENSILE-RT")
    choose(first, first.add_test(), "HB")
    second = view.samples.add_sample()
    second.fields["material"].setText("Acciaio zincato")
    choose(second, 0, "NSS", 240)
    view.samples.tabs.setCurrentIndex(0)
    due = dt.date.today() + dt.timedelta(days=10)
    view.due_check.setChecked(True)
    view.due_date.setDate(QDate(due.year, due.month, due.day))
    view.agreed.setChecked(True)
    view.agreed_by.setText("Nicolò Bergamelli")
    tasks.wait_for_idle()
    pump(900)
    scroll = view.findChild(QScrollArea)
    scroll.verticalScrollBar().setValue(scroll.verticalScrollBar().maximum())
    pump(300)


def _open_card_without_notice(reception, db) -> None:
    """The check-in card of someone registered ahead who has not seen the privacy notice yet."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from frontdesk.services.reception.search import reception_search

    reception.search.clear()
    for surname in ("rossi", "bianchi", "colombo", "ferrari", "russo", "galli", "conti", "ricci"):
        hits = [h for h in reception_search(db, query=surname) if h.expected and not h.visitor.privacy_notice_version]
        if hits:
            break
    else:
        raise SystemExit("no visitor without the privacy notice in the demo data")
    QTest.keyClicks(reception.search, hits[0].visitor.full_name.lower())
    pump(900)
    QTest.keyClick(reception.search, Qt.Key.Key_Return)
    pump(600)


def _pdf_png(pdf: bytes, stem: Path) -> None:
    path = stem.with_suffix(".pdf")
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "100", "-png", "-singlefile", str(path), str(stem)], check=True)
    path.unlink()
    print("wrote", stem.with_suffix(".png"))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots"))
