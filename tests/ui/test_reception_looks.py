"""Screenshots of the Reception and On-site screens (in the main window, with the app's look) and
of their dialogs and scan banners, saved under /tmp/looks/ to be looked at; each also checks that
the texts a receptionist needs are on screen and not cut off."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QLabel
from reception_fixtures import backdate, desk  # noqa: F401

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

LOOKS = Path("/tmp/looks")


def styled(widget):
    """The app's look on one widget tree (the application itself is left as other tests expect it)."""
    from frontdesk.ui.style import BASE_POINT_SIZE, STYLE_SHEET, calm_palette

    widget.setPalette(calm_palette())
    font = QFont(widget.font())
    font.setPointSizeF(BASE_POINT_SIZE)
    widget.setFont(font)
    widget.setStyleSheet(STYLE_SHEET)
    return widget


def save(widget, name: str) -> Path:
    LOOKS.mkdir(exist_ok=True)
    QApplication.processEvents()
    path = LOOKS / name
    assert widget.grab().save(str(path))
    return path


def labels_fit(root) -> list[str]:
    """Texts of single-line labels that are wider than their label (cut off on screen)."""
    cut = []
    for label in root.findChildren(QLabel):
        if label.isVisible() and not label.wordWrap() and label.text() and label.pixmap().isNull():
            needed = QFontMetrics(label.font()).horizontalAdvance(label.text())
            if needed > label.width() + 1:
                cut.append(label.text())
    return cut


@pytest.fixture
def window(qtbot, desk):  # noqa: F811
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


def test_reception_search_and_check_in_card(qtbot, window):
    reception = window.view("reception")
    qtbot.waitUntil(lambda: reception.choices().services != (), timeout=5000)
    reception.focus_first()
    qtbot.keyClicks(reception.search, "ros")
    qtbot.waitUntil(lambda: reception.model.rowCount() == 3, timeout=5000)
    wait_for_idle()
    save(window, "reception_search.png")
    assert labels_fit(reception) == []

    qtbot.keyClick(reception.search, Qt.Key.Key_Return)
    qtbot.waitUntil(reception.panel.is_open, timeout=5000)
    save(window, "reception_checkin_card.png")
    assert labels_fit(reception.panel) == []
    assert reception.panel.confirm_button.width() >= reception.panel.confirm_button.sizeHint().width()


def test_new_visitor_form(qtbot, window):
    reception = window.view("reception")
    qtbot.waitUntil(lambda: reception.choices().services != (), timeout=5000)
    reception.open_new_visitor("giulia verdi")
    dialog = styled(reception.dialog)
    dialog.fields.set_values("tech_scouting", None)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # without the tick: the message shows
    qtbot.waitUntil(lambda: dialog.errors.message("privacy") != "", timeout=5000)
    dialog.adjustSize()
    save(dialog, "new_visitor_form.png")
    assert labels_fit(dialog) == []
    dialog.reject()


def test_group_and_expected_dialogs(qtbot, window, tmp_path):
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
    save(group, "group_checkin.png")
    group.reject()

    reception.open_expected()
    expected = styled(reception.dialog)
    expected.tabs.setCurrentIndex(2)
    csv = tmp_path / "corso.csv"
    csv.write_text("nome;cognome;dal\nLucia;Bassi;01/01/2030\nGianni;Neri;32/13/2026\n;Vuoto;01/01/2030\n",
                   encoding="utf-8")
    expected.import_file(csv)
    qtbot.waitUntil(lambda: expected.report is not None, timeout=10000)
    save(expected, "expected_import_report.png")
    expected.reject()


def test_on_site_and_the_scan_banner_in_each_colour(qtbot, window):
    window.show_area("on_site")
    onsite = window.view("on_site")
    qtbot.waitUntil(lambda: len(onsite.people()) == 5, timeout=5000)
    wait_for_idle()
    save(window, "on_site.png")
    assert labels_fit(onsite) == []
    texts = {
        OK: "Goodbye Giulia Bonetti: checked out at 17:42.",
        DOUBLE: "Already done a moment ago for Giulia Bonetti: nothing changed.",
        ERROR: "This badge was replaced by a reprint and no longer works: use the new badge.",
    }
    for kind, text in texts.items():
        onsite.scan_banner.show_result(kind, text)
        save(window, f"scan_banner_{kind}.png")
    reception = window.view("reception") or window.show_area("reception")
    window.show_area("reception")
    reception = window.view("reception")
    reception.notice_bar.show_message("The check-in is saved, but the badge was not printed. The printer "
                                      "“NoSuchPrinter” is not available.", "Reprint badge", lambda: None)
    reception.scan_banner.show_result(OK, "Mario Rossi checked in: badge R1-000007 is printing.")
    save(window, "reception_printer_problem.png")
