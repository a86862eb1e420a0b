"""The Reception screen's dialogs on a real desk: group check-in, registering ahead (one day and a
course over several days), the CSV import with its report of bad rows, and the privacy notice."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from reception_helpers import names_on_site, wait_for_badge_pdfs

from frontdesk.domain.clock import today_in_rome
from frontdesk.services.reception.expected import expected_today
from frontdesk.services.reception.search import reception_search
from frontdesk.services.registry.visitors import search_visitors
from frontdesk.ui import pdf_render
from frontdesk.ui.reception.expected_dialog import ExpectedDialog
from frontdesk.ui.reception.group_checkin_dialog import GroupCheckInDialog
from frontdesk.ui.reception.new_visitor_form import NewVisitorDialog, split_typed_name
from frontdesk.ui.reception.reception_choices import load_choices
from frontdesk.ui.reception.reception_view import ReceptionView
from frontdesk.ui.tasks import wait_for_idle


@pytest.fixture
def reception(qtbot, desk):
    view = ReceptionView(desk.context)
    qtbot.addWidget(view)
    view.show()
    with qtbot.waitSignal(view.data_loaded, timeout=5000):
        view.reload()
    yield view
    wait_for_idle(5000)


def test_split_typed_name():
    assert split_typed_name("giulia verdi") == ("Giulia", "Verdi")
    assert split_typed_name("Maria De Luca") == ("Maria", "De Luca")
    assert split_typed_name("verdi") == ("", "Verdi")
    assert split_typed_name("  ") == ("", "")


def choose_company(qtbot, picker, text: str) -> None:
    qtbot.keyClicks(picker, text)
    qtbot.waitUntil(lambda: bool(picker.candidates()), timeout=5000)
    picker.choose(0)


def test_group_check_in_of_known_and_new_people_prints_a_badge_each(qtbot, reception, desk):
    reception.open_group()
    dialog = reception.dialog
    assert isinstance(dialog, GroupCheckInDialog)
    assert not dialog.save_button.isEnabled()
    choose_company(qtbot, dialog.company.picker, "acciai")
    qtbot.waitUntil(lambda: dialog.people.count() == 2, timeout=5000)
    for row in range(dialog.people.count()):
        dialog.people.item(row).setCheckState(Qt.CheckState.Checked)
    qtbot.keyClicks(dialog.new_first, "Luca")
    qtbot.keyClicks(dialog.new_last, "Ferri")
    qtbot.keyClick(dialog.new_last, Qt.Key.Key_Return)
    assert dialog.people.count() == 3
    assert dialog.save_button.text() == "Check in 3 people and print badges"
    dialog.fields.set_values("materials_testing", desk.hosts["villa"].id)

    # Someone new is in the group: without the privacy tick nobody is checked in (all or nothing).
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.errors.message("privacy") != "", timeout=5000)
    wait_for_idle()
    assert names_on_site(desk.db) == [] and search_visitors(desk.db, query="ferri") == []

    dialog.privacy.setChecked(True)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(names_on_site(desk.db)) == 3, timeout=5000)
    assert sorted(names_on_site(desk.db)) == ["Luca Ferri", "Mario Rossi", "Paolo Rossetti"]
    pdfs = wait_for_badge_pdfs(qtbot, 3)
    tokens = {pdf_render.decode_qr(pdf_render.render_page(p.read_bytes()))[0] for p in pdfs}
    assert len(tokens) == 3  # one badge each
    ferri = search_visitors(desk.db, query="ferri")[0]
    assert ferri.company_name == "Acciaierie Bergamasche" and ferri.privacy_notice_version == "2026-01"
    assert "3 people checked in" in reception.scan_banner.message()


def test_a_new_person_needs_both_names(qtbot, reception):
    reception.open_group()
    dialog = reception.dialog
    qtbot.keyClicks(dialog.new_first, "Luca")
    dialog.add_new_person()
    assert "first name and the surname" in dialog.errors.message("new_person")
    assert dialog.people.count() == 0


@pytest.fixture
def expected_dialog(qtbot, desk):
    dialog = ExpectedDialog(desk.db, desk.actor, load_choices(desk.db))
    qtbot.addWidget(dialog)
    dialog.show()
    yield dialog
    wait_for_idle(5000)


def test_today_tab_lists_the_expected_visitors(qtbot, expected_dialog):
    qtbot.waitUntil(lambda: expected_dialog.today_table.rowCount() == 1, timeout=5000)
    assert expected_dialog.today_table.item(0, 0).text() == "Anna Rossini"
    assert expected_dialog.today_table.item(0, 3).text() == "Dott.ssa Rota"


def test_register_a_course_over_three_days(qtbot, desk, expected_dialog):
    dialog = expected_dialog
    dialog.tabs.setCurrentIndex(1)
    qtbot.keyClicks(dialog.visitor_search, "rossi m")
    qtbot.waitUntil(lambda: dialog.visitor_list.count() == 1, timeout=5000)
    dialog.fields.set_values("training", desk.hosts["rota"].id)
    today = today_in_rome()
    dialog.day_to.setDate(dialog.day_to.date().addDays(2))
    dialog.title.setText("Corso saldatura")
    qtbot.mouseClick(dialog.register_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.register_done.isVisible, timeout=5000)
    assert dialog.register_done.text().startswith("Registered: Mario Rossi, ")
    hits = reception_search(desk.db, query="rossi m")
    assert hits[0].expected is not None and hits[0].expected.registration_id is not None
    assert hits[0].expected.title == "Corso saldatura"
    assert today  # the registration starts today, so it is expected today
    assert dialog.visitor_search.text() == "" and dialog.title.text() == "Corso saldatura"  # ready for the next


def test_register_without_choosing_a_visitor_or_with_past_dates_is_refused(qtbot, desk, expected_dialog):
    dialog = expected_dialog
    dialog.register()
    assert "choose them in the list" in dialog.errors.message("visitor")
    qtbot.keyClicks(dialog.visitor_search, "rossetti")
    qtbot.waitUntil(lambda: dialog.visitor_list.count() == 1, timeout=5000)
    dialog.fields.set_values("training", None)
    dialog.day_from.setDate(dialog.day_from.date().addDays(-3))
    dialog.day_to.setDate(dialog.day_from.date())
    qtbot.mouseClick(dialog.register_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.errors.message("day_from") != "", timeout=5000)
    assert dialog.errors.message("day_from") == "The dates are in the past."
    assert len(expected_today(desk.db)) == 1  # only the fixture's


def test_csv_import_imports_the_good_rows_and_lists_the_bad_ones(qtbot, desk, expected_dialog, tmp_path):
    today = today_in_rome()
    later = today + dt.timedelta(days=2)
    rows = [
        "nome;cognome;azienda;dal;al;titolo",
        f"Lucia;Bassi;Forno Bianchi;{today:%d/%m/%Y};{later:%d/%m/%Y};Corso saldatura",
        f"Piero;Conti;;{today:%d/%m/%Y};;",
        "Gianni;Neri;;32/13/2026;;",
        f"Sara;Galli;Ditta Sconosciuta;{today:%d/%m/%Y};;",
        f";Vuoto;;{today:%d/%m/%Y};;",
    ]
    path = tmp_path / "corso.csv"
    path.write_bytes(("\n".join(rows) + "\n").encode("utf-8-sig"))
    dialog = expected_dialog
    dialog.tabs.setCurrentIndex(2)
    dialog.import_file(path)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10000)
    wait_for_idle()
    assert dialog.report.imported == 2
    assert dialog.import_summary.text() == "2 rows imported. 3 rows not imported:"
    table = dialog.import_errors
    assert table.isVisible() and table.rowCount() == 3
    lines = [table.item(r, 0).text() for r in range(3)]
    problems = [table.item(r, 1).text() for r in range(3)]
    assert lines == ["4", "5", "6"]
    assert "is not a date" in problems[0]
    assert "Ditta Sconosciuta" in problems[1]
    assert "First name is required" in problems[2]
    names = {e.visitor.full_name for e in expected_today(desk.db)}
    assert {"Lucia Bassi", "Piero Conti"} <= names


def test_csv_import_of_a_file_that_is_not_a_list_says_why(qtbot, expected_dialog, tmp_path):
    path = tmp_path / "photo.csv"
    path.write_bytes(b"just,some,words\n1,2,3\n")
    expected_dialog.import_file(path)
    qtbot.waitUntil(lambda: "columns nome, cognome and dal" in expected_dialog.import_summary.text(),
                    timeout=10000)
    expected_dialog.import_file(tmp_path / "missing.csv")
    qtbot.waitUntil(lambda: "could not be read" in expected_dialog.import_summary.text(), timeout=10000)


def test_the_privacy_notice_is_one_click_away(qtbot, desk):
    dialog = NewVisitorDialog(desk.db, desk.actor, load_choices(desk.db), typed="verdi")
    qtbot.addWidget(dialog)
    dialog.show()
    assert "version 2026-01" in dialog.privacy.box.text()
    qtbot.mouseClick(dialog.privacy.show_button, Qt.MouseButton.LeftButton)
    notice = dialog.privacy.notice_dialog
    assert notice.isVisible() and "2026-01" in notice.windowTitle()
    from PySide6.QtWidgets import QTextBrowser

    assert "Titolare del trattamento" in notice.findChild(QTextBrowser).toPlainText()
    notice.close()
