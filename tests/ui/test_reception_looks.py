"""How the Reception and On-site screens look (in the main window, with the app's look), their
dialogs and scan banners: the texts a receptionist needs are on screen and not cut off, and each
scan banner has its colour. Each test also saves its screens in this run's screenshot folder."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from reception_helpers import backdate
from screen_helpers import labels_cut_off, styled

from frontdesk.services.reception.visits import check_in
from frontdesk.services.registry.companies import CompanyInput, create_company
from frontdesk.services.registry.visitors import VisitorInput, create_visitor
from frontdesk.ui.reception.on_site_view import OnSiteView
from frontdesk.ui.reception.reception_view import ReceptionView
from frontdesk.ui.reception.scan_input import DOUBLE, ERROR, OK
from frontdesk.ui.shell.area_list import Area
from frontdesk.ui.shell.area_view import DeskContext
from frontdesk.ui.shell.main_window import MainWindow
from frontdesk.ui.tasks import wait_for_idle


def banner_colour(banner) -> str:
    """"green", "amber" or "red": the colour family of the banner's background as painted."""
    image = banner.grab().toImage()
    colour = image.pixelColor(10, image.height() // 2)  # in the left margin, beside the symbol
    red, green, blue = colour.red(), colour.green(), colour.blue()
    if green > red and green > blue:
        return "green"
    if red > 150 and green > 120 and blue < 100:
        return "amber"
    return "red" if red > green and red > blue else f"other {colour.name()}"


@pytest.fixture
def window(qtbot, desk):
    """The main window with the two screens registered, on a desk with six people on site."""
    ferro = create_company(desk.db, data=CompanyInput(name="Ferro & Stampi di Bergamo S.r.l.", kind="foreign"),
                           actor=desk.actor)
    people = [("Giulia", "Bonetti", ferro.id), ("Nicolò", "D'Alessandro", desk.companies["acme"].id),
              ("Elena", "Carminati", None), ("Francesco", "Locatelli", ferro.id)]
    for first, last, company in people:
        person = create_visitor(desk.db, data=VisitorInput(first, last, company), actor=desk.actor,
                                privacy_notice_version="2026-01")
        check_in(desk.db, visitor_id=person.id, service_code="materials_testing", host_id=desk.hosts["villa"].id,
                 actor=desk.actor)
    check_in(desk.db, visitor_id=desk.visitors["paolo"].id, service_code="trademarks_patents",
             host_id=desk.hosts["rota"].id, actor=desk.actor)
    backdate(desk.db, lambda v: v.status == "on_site", dt.timedelta(minutes=47))
    areas = [Area("reception", "Reception", lambda ctx: ReceptionView(ctx)),
             Area("on_site", "On site", lambda ctx: OnSiteView(ctx))]
    main = MainWindow(areas=areas)
    qtbot.addWidget(main)
    styled(main)
    main.resize(1280, 800)
    main.show()
    context = DeskContext(db=desk.db, actor=desk.actor, desk="R1", is_demo=False, language="en")
    main.attach(context)
    main.show_area("reception")
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    yield main
    wait_for_idle(5000)


def test_reception_search_and_check_in_card(qtbot, window, screenshot):
    reception = window.view("reception")
    qtbot.waitUntil(lambda: reception.choices().services != (), timeout=5000)
    reception.focus_first()
    qtbot.keyClicks(reception.search, "ros")
    qtbot.waitUntil(lambda: reception.model.rowCount() == 3, timeout=5000)
    wait_for_idle()
    screenshot(window, "reception_search.png")
    assert labels_cut_off(reception) == []

    qtbot.keyClick(reception.search, Qt.Key.Key_Return)
    qtbot.waitUntil(reception.panel.is_open, timeout=5000)
    screenshot(window, "reception_checkin_card.png")
    assert labels_cut_off(reception.panel) == []
    assert reception.panel.confirm_button.width() >= reception.panel.confirm_button.sizeHint().width()


def test_new_visitor_form(qtbot, window, screenshot):
    reception = window.view("reception")
    qtbot.waitUntil(lambda: reception.choices().services != (), timeout=5000)
    reception.open_new_visitor("giulia verdi")
    dialog = styled(reception.dialog)
    dialog.fields.set_values("tech_scouting", None)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # without the tick: the message shows
    qtbot.waitUntil(lambda: dialog.errors.message("privacy") != "", timeout=5000)
    dialog.adjustSize()
    screenshot(dialog, "new_visitor_form.png")
    assert labels_cut_off(dialog) == []
    dialog.reject()


def test_group_and_expected_dialogs(qtbot, window, tmp_path, screenshot):
    reception = window.view("reception")
    qtbot.waitUntil(lambda: reception.choices().services != (), timeout=5000)
    reception.open_group()
    group = styled(reception.dialog)
    qtbot.keyClicks(group.company.picker, "acciai")
    qtbot.waitUntil(lambda: bool(group.company.picker.candidates()), timeout=5000)
    group.company.picker.choose(0)
    qtbot.waitUntil(lambda: group.people.count() == 3, timeout=5000)
    group.people.item(0).setCheckState(Qt.CheckState.Checked)
    group.new_first.setText("Luca")
    group.new_last.setText("Ferri")
    group.add_new_person()
    qtbot.waitUntil(lambda: group.people.count() == 4, timeout=5000)
    screenshot(group, "group_checkin.png")
    assert labels_cut_off(group) == []
    group.reject()

    reception.open_expected()
    expected = styled(reception.dialog)
    expected.tabs.setCurrentIndex(2)
    csv = tmp_path / "corso.csv"
    csv.write_text("nome;cognome;dal\nLucia;Bassi;01/01/2030\nGianni;Neri;32/13/2026\n;Vuoto;01/01/2030\n",
                   encoding="utf-8")
    expected.import_file(csv)
    qtbot.waitUntil(lambda: expected.report is not None, timeout=10000)
    screenshot(expected, "expected_import_report.png")
    assert expected.import_summary.text() == "1 row imported. 2 rows not imported:"
    assert [line for line, _message in expected.report.errors] == [3, 4]
    assert expected.import_errors.isVisible() and expected.import_errors.rowCount() == 2
    assert labels_cut_off(expected) == []
    expected.reject()


def test_on_site_and_the_scan_banner_in_each_colour(qtbot, window, screenshot):
    window.show_area("on_site")
    onsite = window.view("on_site")
    qtbot.waitUntil(lambda: len(onsite.people()) == 5, timeout=5000)
    wait_for_idle()
    screenshot(window, "on_site.png")
    assert labels_cut_off(onsite) == []
    shown = {
        OK: ("Goodbye Giulia Bonetti: checked out at 17:42.", "green"),
        DOUBLE: ("Already done a moment ago for Giulia Bonetti: nothing changed.", "amber"),
        ERROR: ("This badge was replaced by a reprint and no longer works: use the new badge.", "red"),
    }
    for kind, (text, colour) in shown.items():
        onsite.scan_banner.show_result(kind, text)
        screenshot(window, f"scan_banner_{kind}.png")
        assert onsite.scan_banner.kind() == kind and onsite.scan_banner.message() == text
        assert banner_colour(onsite.scan_banner) == colour
        assert labels_cut_off(onsite.scan_banner) == []


def test_a_printer_problem_shows_beside_the_check_in_banner(qtbot, window, screenshot):
    reception = window.view("reception")
    message = "The check-in is saved, but the badge was not printed. The printer “NoSuchPrinter” is not available."
    reprinted = []
    reception.notice_bar.show_message(message, "Reprint badge", lambda: reprinted.append(True))
    reception.scan_banner.show_result(OK, "Mario Rossi checked in: badge R1-000007 is printing.")
    screenshot(window, "reception_printer_problem.png")
    assert reception.notice_bar.message() == message and banner_colour(reception.scan_banner) == "green"
    assert labels_cut_off(reception.notice_bar) == [] and labels_cut_off(reception.scan_banner) == []
    button = reception.notice_bar.action_button
    assert button.isVisible() and button.width() >= button.sizeHint().width()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert reprinted == [True] and reception.notice_bar.message() == ""
