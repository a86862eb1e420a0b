"""The On-site screen on a real desk database: the live list, check-out by scanning (the badge
PDF's QR read back and typed into the window), double scans, every bad badge, manual check-out,
reprint, the evacuation list printed and previewed, and its copy kept in a folder."""

from __future__ import annotations

import datetime as dt
import gc
import subprocess
import weakref

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication
from reception_helpers import Keyboard, backdate, names_on_site, show_view, wait_for_badge_pdfs

from frontdesk.config import data_dir
from frontdesk.services.desk.settings import update_settings
from frontdesk.services.reception.visits import check_in, on_site
from frontdesk.ui import pdf_render
from frontdesk.ui.reception.on_site_view import OnSiteView
from frontdesk.ui.reception.reception_view import ReceptionView
from frontdesk.ui.tasks import wait_for_idle


@pytest.fixture
def tokens(desk):
    """Mario and Paolo checked in five minutes ago: their badge tokens by first name."""
    out = {}
    for key in ("mario", "paolo"):
        out[key] = check_in(desk.db, visitor_id=desk.visitors[key].id, service_code="meeting",
                            host_id=desk.hosts["rota"].id, actor=desk.actor).badge.data.token
    backdate(desk.db, lambda v: v.status == "on_site", dt.timedelta(minutes=5))
    return out


@pytest.fixture
def onsite(qtbot, desk, tokens):
    view = show_view(qtbot, OnSiteView(desk.context))
    yield view
    wait_for_idle(5000)


def scan(qtbot, text: str) -> None:
    """A scanner: types the text where the focus is and presses Enter."""
    Keyboard(qtbot).type_fast(text)


def wait_banner(qtbot, view, kind: str) -> str:
    qtbot.waitUntil(lambda: view.scan_banner.kind() == kind, timeout=5000)
    wait_for_idle(5000)
    return view.scan_banner.message()


def test_the_list_shows_who_is_on_site_with_company_host_and_since(onsite):
    assert [v.visitor_name for v in onsite.people()] == ["Paolo Rossetti", "Mario Rossi"]  # by surname
    model = onsite.model
    assert [model.index(1, c).data() for c in range(4)] == [
        "Rossi Mario", "Acciaierie Bergamasche", "Dott.ssa Rota", "Meeting / other"]
    since = model.index(0, 4).data()
    expected = (dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)).astimezone(
        __import__("zoneinfo").ZoneInfo("Europe/Rome"))
    assert since.endswith(expected.strftime("%H:%M")) or since.endswith(
        (expected - dt.timedelta(minutes=1)).strftime("%H:%M"))
    assert onsite.count_label.text() == "2 people"
    assert QApplication.focusWidget() is onsite.scan_field


def test_keyboard_check_in_then_check_out_by_scanning_the_printed_badge(qtbot, desk, shown_errors):
    reception = show_view(qtbot, ReceptionView(desk.context))
    keys = Keyboard(qtbot)
    keys.type("rossi m")
    qtbot.waitUntil(lambda: reception.model.rowCount() == 1, timeout=5000)
    keys.press(Qt.Key.Key_Return)
    qtbot.waitUntil(reception.panel.is_open, timeout=5000)
    keys.press(Qt.Key.Key_Return)
    pdf = wait_for_badge_pdfs(qtbot, 1)[0]
    token = pdf_render.decode_qr(pdf_render.render_page(pdf.read_bytes(), dpi=300))[0]

    onsite = show_view(qtbot, OnSiteView(desk.context))
    assert [v.visitor_name for v in onsite.people()] == ["Mario Rossi"]
    backdate(desk.db, lambda v: v.status == "on_site", dt.timedelta(minutes=2))  # past the double-scan window
    scan(qtbot, token)
    message = wait_banner(qtbot, onsite, "ok")
    assert message.startswith("Goodbye Mario Rossi: checked out at ")
    qtbot.waitUntil(lambda: onsite.people() == [], timeout=5000)
    assert onsite.empty_label.isVisible() and onsite.count_label.text() == "0 people"
    assert not shown_errors

    # The same badge again at once: a double scan, amber, nothing changes.
    out_at = _visit_of(desk, "Mario Rossi").checked_out_at
    scan(qtbot, token)
    assert "nothing changed" in wait_banner(qtbot, onsite, "double")
    assert _visit_of(desk, "Mario Rossi").checked_out_at == out_at

    # Later still: already checked out, red.
    backdate(desk.db, lambda v: v.status == "out", dt.timedelta(minutes=3))
    scan(qtbot, token)
    assert "already checked out at" in wait_banner(qtbot, onsite, "error")
    # And the Reception screen takes the same scan in its search field.
    reception.activateWindow()
    qtbot.waitUntil(reception.isActiveWindow)
    reception.focus_first()
    scan(qtbot, token)
    assert "already checked out at" in wait_banner(qtbot, reception, "error")


def _visit_of(desk, name):
    from frontdesk.services.reception.visit_log import VisitFilters, list_visits

    return next(v for v in list_visits(desk.db, filters=VisitFilters()) if v.visitor_name == name)


def test_double_scan_right_after_check_in_is_amber_and_changes_nothing(qtbot, desk, onsite):
    token = check_in(desk.db, visitor_id=desk.visitors["anna"].id, service_code="meeting", host_id=None,
                     actor=desk.actor).badge.data.token
    scan(qtbot, token)
    assert "Already done a moment ago for Anna Rossini" in wait_banner(qtbot, onsite, "double")
    assert "Anna Rossini" in names_on_site(desk.db)


def _flip(text: str, index: int) -> str:
    char = text[index]
    return text[:index] + ("B" if char != "B" else "C") + text[index + 1:]


@pytest.mark.parametrize(("make", "expected"), [
    (lambda t: _flip(t, -10), "This badge was not issued by the Point, or it has been altered."),
    (lambda t: "hello123", "This code is not a visitor badge."),
    (lambda t: "FDS1.S.R1-S000123.20260101.ABCDEF", "This is a sample label, not a visitor badge."),
    (lambda t: t + "XYZ", "The badge could not be read completely."),
    (lambda t: t[:60], "The badge could not be read completely."),
], ids=["forged", "garbage", "sample-label", "extra-characters", "truncated"])
def test_bad_badges_get_their_own_red_message_and_change_nothing(
        qtbot, desk, tokens, onsite, make, expected, shown_errors):
    before = on_site(desk.db)
    scan(qtbot, make(tokens["mario"]))
    assert wait_banner(qtbot, onsite, "error").startswith(expected)
    assert on_site(desk.db) == before
    assert [v.visitor_name for v in onsite.people()] == ["Paolo Rossetti", "Mario Rossi"]
    assert not shown_errors  # said on the banner, not as a generic error


def test_a_token_in_lower_case_with_blanks_and_an_italian_layout_dash_still_works(qtbot, desk, tokens, onsite):
    typed = "  " + tokens["paolo"].lower().replace("-", "'") + " "
    scan(qtbot, typed)
    assert wait_banner(qtbot, onsite, "ok").startswith("Goodbye Paolo Rossetti")
    qtbot.waitUntil(lambda: [v.visitor_name for v in onsite.people()] == ["Mario Rossi"], timeout=5000)


def test_a_scan_typed_while_the_list_has_the_focus_lands_in_the_scan_field(qtbot, desk, tokens, onsite):
    onsite.table.setFocus()
    onsite.select_visitor("Mario Rossi")
    assert QApplication.focusWidget() is onsite.table
    qtbot.keyClicks(onsite.table, tokens["mario"])
    qtbot.keyClick(onsite.table, Qt.Key.Key_Return)
    assert wait_banner(qtbot, onsite, "ok").startswith("Goodbye Mario Rossi")


def test_manual_check_out_from_the_list(qtbot, desk, onsite):
    assert not onsite.check_out_button.isEnabled()
    assert onsite.select_visitor("Paolo Rossetti")
    assert onsite.check_out_button.isEnabled()
    qtbot.mouseClick(onsite.check_out_button, Qt.MouseButton.LeftButton)
    assert wait_banner(qtbot, onsite, "ok") == "Paolo Rossetti checked out."
    qtbot.waitUntil(lambda: [v.visitor_name for v in onsite.people()] == ["Mario Rossi"], timeout=5000)
    assert names_on_site(desk.db) == ["Mario Rossi"]


def test_reprint_from_the_list_makes_a_new_badge_and_the_old_one_stops(qtbot, desk, tokens, onsite):
    onsite.select_visitor("Mario Rossi")
    qtbot.mouseClick(onsite.reprint_button, Qt.MouseButton.LeftButton)
    pdf = wait_for_badge_pdfs(qtbot, 1)[0]
    new_token = pdf_render.decode_qr(pdf_render.render_page(pdf.read_bytes()))[0]
    assert new_token != tokens["mario"]
    scan(qtbot, tokens["mario"])
    assert "replaced by a reprint" in wait_banner(qtbot, onsite, "error")
    scan(qtbot, new_token)
    assert wait_banner(qtbot, onsite, "ok").startswith("Goodbye Mario Rossi")


def test_print_evacuation_list_with_no_printer_saves_the_pdf(qtbot, desk, onsite):
    notices = []
    onsite.notice_shown.connect(notices.append)
    qtbot.mouseClick(onsite.print_button, Qt.MouseButton.LeftButton)
    folder = data_dir() / "documents" / "evacuation"
    qtbot.waitUntil(lambda: bool(notices), timeout=10000)
    (pdf,) = folder.glob("*.pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Rossi Mario" in text and "Rossetti Paolo" in text
    assert "saved as" in notices[0]


def test_print_evacuation_list_on_a_missing_printer_says_so_calmly(qtbot, desk, onsite, shown_errors):
    update_settings(desk.db, changes={"printers": {"evacuation": "NoSuchPrinter"}}, actor=desk.actor)
    qtbot.mouseClick(onsite.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "NoSuchPrinter" in onsite.notice_bar.message(), timeout=10000)
    assert "was saved as" in onsite.notice_bar.message()
    wait_for_idle()
    assert onsite.print_button.isEnabled()
    assert not shown_errors


def test_preview_is_one_click_away_and_nothing_of_it_stays_once_closed(qtbot, desk, onsite):
    opened = []
    onsite.preview_opened.connect(opened.append)
    qtbot.mouseClick(onsite.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(opened), timeout=10000)
    (dialog,) = opened
    assert dialog.isVisible()
    preview = dialog.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: preview.pageCount() == 1, timeout=10000)
    printer = weakref.ref(dialog.printer())
    dialog.close()
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog), timeout=5000)  # deleted, not just hidden
    gc.collect()
    assert printer() is None, "the printer holds the preview's pages"
    assert not onsite.findChildren(QPrintPreviewDialog)
    holders = [ref for ref in gc.get_referrers(dialog) if ref is not opened and ref is not locals()]
    assert not any(ref is vars(onsite) or ref is onsite for ref in holders), "the view keeps the dialog"


def test_the_evacuation_copy_is_rewritten_after_every_change(qtbot, desk, tokens, tmp_path, onsite):
    folder = tmp_path / "share"
    folder.mkdir()
    update_settings(desk.db, changes={"evacuation_folder": str(folder)}, actor=desk.actor)
    reception = show_view(qtbot, ReceptionView(desk.context))
    qtbot.keyClicks(reception.search, "anna")
    qtbot.waitUntil(lambda: reception.model.rowCount() == 1, timeout=5000)
    qtbot.keyClick(reception.search, Qt.Key.Key_Return)
    qtbot.waitUntil(reception.panel.is_open, timeout=5000)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    copy = folder / "evacuazione-presenti.pdf"

    def copy_text() -> str:
        if not copy.exists():
            return ""
        return subprocess.run(["pdftotext", "-layout", str(copy), "-"], capture_output=True, text=True).stdout

    qtbot.waitUntil(lambda: "Rossini Anna" in copy_text(), timeout=10000)
    assert "Rossi Mario" in copy_text()
    qtbot.waitUntil(lambda: "Copy of the evacuation list updated" in onsite.copy_label.text(), timeout=5000)

    onsite.activateWindow()
    qtbot.waitUntil(onsite.isActiveWindow)
    onsite.focus_first()
    scan(qtbot, tokens["mario"])
    qtbot.waitUntil(lambda: "Rossi Mario" not in copy_text(), timeout=10000)
    assert "Rossini Anna" in copy_text()


def test_an_unreachable_evacuation_folder_is_said_calmly(qtbot, desk, tokens, tmp_path, onsite, shown_errors):
    update_settings(desk.db, changes={"evacuation_folder": str(tmp_path / "gone")}, actor=desk.actor)
    scan(qtbot, tokens["mario"])
    qtbot.waitUntil(lambda: "not reachable" in onsite.copy_label.text(), timeout=10000)
    assert not shown_errors
    assert wait_banner(qtbot, onsite, "ok").startswith("Goodbye Mario Rossi")


def test_a_copy_still_waiting_when_the_app_quits_is_written_then(qtbot, desk, tmp_path, monkeypatch,
                                                                   process_policies):
    from frontdesk.ui.reception import evacuation_copy
    from frontdesk.ui.tasks import data_bus

    monkeypatch.setattr(evacuation_copy, "FIRST_DELAY_MS", 60_000)  # no write on its own during the test

    folder = tmp_path / "share"
    folder.mkdir()
    update_settings(desk.db, changes={"evacuation_folder": str(folder)}, actor=desk.actor)
    keeper = process_policies.open_desk(desk.db).evacuation  # the desk's one keeper
    data_bus().data_changed.emit({"visits"})
    assert not (folder / "evacuazione-presenti.pdf").exists()
    QApplication.instance().aboutToQuit.emit()  # the receptionist closes the app right after a check-in
    assert (folder / "evacuazione-presenti.pdf").exists()  # written before the exit goes on
    assert keeper.has_result and keeper.last_problem == ""


def test_a_scan_brings_the_new_list_back_with_it(qtbot, desk, tokens, onsite, monkeypatch):
    """The scan's own background task reads the on-site list once the check-out is saved: the list
    shows it, and the data bus's news of that same scan starts no second read. A change made
    elsewhere still reloads the list."""
    from frontdesk.services.reception.visits import check_out
    from frontdesk.ui.reception import on_site_view
    from frontdesk.ui.tasks import data_bus

    reads = []
    real = on_site_view._on_site
    monkeypatch.setattr(on_site_view, "_on_site", lambda db: reads.append(db) or real(db))
    scan(qtbot, tokens["mario"])
    assert "Mario Rossi" in wait_banner(qtbot, onsite, "ok")
    assert [v.visitor_name for v in onsite.people()] == ["Paolo Rossetti"]
    assert len(reads) == 1
    paolo = onsite.people()[0]
    check_out(desk.db, visit_id=paolo.id, actor=desk.actor)
    with qtbot.waitSignal(onsite.data_loaded, timeout=5000):
        data_bus().data_changed.emit({"visits"})
    wait_for_idle(5000)
    assert onsite.people() == [] and len(reads) == 2


def test_who_is_at_a_lab_machine_is_listed_under_the_visitors(qtbot, onsite, desk, screenshot):
    """Issue 14, point 5: a test started on a machine puts its technician in "In the lab now"."""
    from integration.lab_rows import machine
    from integration.lab_samples import make_request

    from frontdesk.db.lab_models import Authorisation, TestJob
    from frontdesk.domain.clock import utcnow
    from frontdesk.domain.ids import new_id
    from frontdesk.services.lab.test_run import start_test
    from frontdesk.ui.tasks import run_in_background

    assert not onsite.lab_table.isVisible()
    tr = machine(desk.db, desk.actor, code="TR-01", kind="tensile_machine", name="Zwick Z250")
    sample = make_request(desk.db, tests=("TENSILE-RT",)).samples[0]
    [test_id] = sample.test_ids
    with desk.db.begin() as session:
        test = session.get(TestJob, test_id)
        test.equipment_id, test.technician_id, test.status = tr, desk.actor.staff_id, "scheduled"
        test.planned_start = utcnow()
        test.planned_end = test.planned_start + dt.timedelta(minutes=30)
        session.add(Authorisation(id=new_id(), staff_id=desk.actor.staff_id, test_type_id=test.test_type_id,
                                  active=True))
    # the start's write is announced on the data bus: the list reloads by itself
    run_in_background(onsite, lambda: start_test(desk.db, test_id=test_id, actor=desk.actor), write=True)
    qtbot.waitUntil(lambda: onsite.lab_model.rowCount() == 1, timeout=5000)
    assert onsite.lab_title.isVisible() and onsite.lab_title.text() == "In the lab now: 1 at a machine"
    cells = [onsite.lab_model.index(0, c).data() for c in range(4)]
    assert cells == [desk.actor.label, "TR-01 Zwick Z250", "", sample.lab_id]
    assert [v.visitor_name for v in onsite.people()] == ["Paolo Rossetti", "Mario Rossi"]  # the visitors stay
    screenshot(onsite, "on_site_lab.png")
