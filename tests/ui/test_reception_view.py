"""The Reception screen, driven from the keyboard on a real desk database: search, the check-in
card, keys counted for a returning and an expected visitor, the badge PDF read back, double Enter,
a missing printer, the new-visitor path, and scans typed into the search field."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from reception_helpers import Keyboard, names_on_site, show_view, wait_for_badge_pdfs

from frontdesk.domain.clock import today_in_rome
from frontdesk.domain.errors import Conflict
from frontdesk.i18n import format_time
from frontdesk.services.desk.settings import update_settings
from frontdesk.services.reception.expected import register_visit
from frontdesk.services.reception.scans import scan_badge
from frontdesk.services.reception.visits import check_in, on_site
from frontdesk.services.registry.visitors import VisitorInput, create_visitor, search_visitors
from frontdesk.ui import pdf_render
from frontdesk.ui.reception.new_visitor_form import NewVisitorDialog
from frontdesk.ui.reception.reception_view import ReceptionView
from frontdesk.ui.tasks import wait_for_idle


@pytest.fixture
def reception(qtbot, desk):
    yield show_view(qtbot, ReceptionView(desk.context), size=(1200, 760))
    wait_for_idle(5000)


def wait_on_site(qtbot, db, name: str) -> None:
    qtbot.waitUntil(lambda: name in names_on_site(db), timeout=5000)


def test_the_screen_opens_with_the_cursor_in_the_search_field(reception):
    assert QApplication.focusWidget() is reception.search


def test_typing_lists_expected_visitors_first_then_known_ones(qtbot, reception, desk):
    keys = Keyboard(qtbot)
    keys.type("ross")
    qtbot.waitUntil(lambda: reception.model.rowCount() == 3, timeout=5000)
    rows = reception.model.rows()
    assert rows[0].visitor.full_name == "Anna Rossini" and rows[0].expected is not None
    assert {r.visitor.full_name for r in rows[1:]} == {"Mario Rossi", "Paolo Rossetti"}
    assert all(r.expected is None for r in rows[1:])
    when = reception.model.index(0, 4).data()
    assert "Expected today" in when
    assert reception.model.index(0, 2).data() == "Professional training"
    assert reception.model.index(0, 3).data() == "Dott.ssa Rota"
    assert reception.model.index(1, 4).data().startswith("Last visit")
    assert reception.model.index(1, 1).data() == "Acciaierie Bergamasche"
    assert reception.current_hit().visitor.full_name == "Anna Rossini"  # the first row is highlighted


def test_a_badge_printer_and_a_mail_server_that_hang_do_not_delay_the_next_search(
        qtbot, reception, desk, monkeypatch):
    """The badge's print job and the host's e-mail run in the slow-I/O lane: with both hanging (a
    printer that does not answer, an SMTP server slow to), the next search still answers."""
    import types

    from frontdesk.services.reception import notify
    from frontdesk.ui import tasks
    from frontdesk.ui.reception import badge_printing

    gate = threading.Event()
    hanging: list[str] = []

    def hang(what):
        hanging.append(what)
        gate.wait(20)

    printed = types.SimpleNamespace(message="Badge printed.")
    monkeypatch.setattr(badge_printing, "print_badge_now", lambda _db, _badge: (hang("printer"), printed)[1])
    monkeypatch.setattr(notify, "host_notice", lambda _db, visit_id: types.SimpleNamespace(to="villa@example.it"))
    monkeypatch.setattr(notify, "send_host_notice", lambda _notice: hang("mail server"))
    try:
        keys = Keyboard(qtbot)
        keys.type("rossi m")
        qtbot.waitUntil(lambda: reception.model.rowCount() == 1, timeout=5000)
        keys.press(Qt.Key.Key_Return)
        qtbot.waitUntil(reception.panel.is_open, timeout=5000)
        keys.press(Qt.Key.Key_Return)  # checks in; the badge prints and the host is told, both hang
        qtbot.waitUntil(lambda: sorted(hanging) == ["mail server", "printer"], timeout=5000)
        reception.search.setFocus()
        keys.type("ross")
        qtbot.waitUntil(lambda: reception.model.rowCount() == 3, timeout=3000)
        assert tasks.pools()["slow"].activeThreadCount() == 2  # both still hanging
    finally:
        gate.set()
    wait_for_idle()


def test_the_search_list_shows_who_is_already_on_site(qtbot, reception, desk):
    mario = desk.visitors["mario"]
    visit = check_in(desk.db, visitor_id=mario.id, service_code="meeting", host_id=None, actor=desk.actor).visit
    keys = Keyboard(qtbot)
    keys.type("ross")
    qtbot.waitUntil(lambda: reception.model.rowCount() == 3, timeout=5000)
    rows = {r.visitor.full_name: i for i, r in enumerate(reception.model.rows())}
    when = reception.model.index(rows["Mario Rossi"], 4)
    assert when.data() == f"● On site since {format_time(visit.checked_in_at)}"
    assert when.data(Qt.ItemDataRole.ForegroundRole).color().name() == "#1e6b3a"
    assert reception.model.index(rows["Paolo Rossetti"], 4).data().startswith("Last visit")


def test_returning_visitor_checked_in_with_letters_plus_at_most_three_keys(qtbot, reception, desk):
    keys = Keyboard(qtbot)
    letters = "rossi m"
    keys.type(letters)
    qtbot.waitUntil(lambda: reception.model.rowCount() == 1, timeout=5000)
    keys.press(Qt.Key.Key_Return)  # opens the card, purpose and host pre-filled from the last visit
    qtbot.waitUntil(reception.panel.is_open, timeout=5000)
    assert reception.panel.name_label.text() == "Mario Rossi"
    assert reception.panel.fields.service_code() == "materials_testing"
    assert reception.panel.fields.host_id() == desk.hosts["villa"].id
    assert QApplication.focusWidget() is reception.panel.confirm_button
    keys.press(Qt.Key.Key_Return)  # checks in and prints
    wait_on_site(qtbot, desk.db, "Mario Rossi")
    assert keys.count - len(letters) <= 3
    assert keys.count - len(letters) == 2

    image = pdf_render.render_page(wait_for_badge_pdfs(qtbot, 1)[0].read_bytes(), dpi=300)
    tokens = pdf_render.decode_qr(image)
    assert len(tokens) == 1
    visit = on_site(desk.db)[0]
    # The token leads to the right visit (a scan 11 s after check-in is a check-out, not a double scan).
    later = visit.checked_in_at.replace(tzinfo=dt.UTC) + dt.timedelta(seconds=11)
    result = scan_badge(desk.db, text=tokens[0], actor=desk.actor, now=later)
    assert result.visit_id == visit.id and result.action == "checked_out"
    assert reception.search.text() == "" and QApplication.focusWidget() is reception.search
    assert reception.scan_banner.kind() == "ok" and "Mario Rossi" in reception.scan_banner.message()


def test_expected_visitor_on_the_second_row_takes_three_keys(qtbot, reception, desk):
    keys = Keyboard(qtbot)
    keys.type("ro")
    qtbot.waitUntil(lambda: reception.model.rowCount() == 3, timeout=5000)
    keys.press(Qt.Key.Key_Down)
    assert reception.current_hit().visitor.full_name != "Anna Rossini"
    keys.press(Qt.Key.Key_Up)  # back to the expected one
    keys.count -= 2  # (Down and Up were only to show the arrows move; the path below counts)
    assert reception.current_hit().visitor.full_name == "Anna Rossini"
    keys.press(Qt.Key.Key_Return)
    qtbot.waitUntil(reception.panel.is_open, timeout=5000)
    assert reception.panel.fields.service_code() == "training"
    assert reception.panel.fields.host_id() == desk.hosts["rota"].id
    host = reception.panel.fields.host
    # The narrow card shows the host's name whole, and the organisation on its own line.
    assert host.currentText() == "Dott.ssa Rota"
    assert host.fontMetrics().horizontalAdvance(host.currentText()) < host.width() - 20
    assert reception.panel.fields.host_organisation.text() == "Point"
    assert reception.panel.fields.host_organisation.isVisible()
    assert "Expected today" in reception.panel.detail_label.text()
    keys.press(Qt.Key.Key_Return)
    wait_on_site(qtbot, desk.db, "Anna Rossini")
    assert keys.count - 2 <= 3
    visit = on_site(desk.db)[0]
    assert visit.service_code == "training"


@pytest.fixture
def registered_without_notice(desk):
    """Martina, registered ahead for today (as from a CSV import): the notice was never shown to her."""
    guest = create_visitor(desk.db, data=VisitorInput("Martina", "Ravasio", desk.companies["acme"].id),
                           actor=desk.actor)
    register_visit(desk.db, visitor_id=guest.id, service_code="meeting", host_id=desk.hosts["rota"].id,
                   day_from=today_in_rome(), actor=desk.actor)
    return guest


def _open_card(qtbot, reception, keys, letters):
    keys.type(letters)
    qtbot.waitUntil(lambda: reception.model.rowCount() == 1, timeout=5000)
    keys.press(Qt.Key.Key_Return)
    qtbot.waitUntil(reception.panel.is_open, timeout=5000)


def test_registered_visitor_without_the_notice_ticks_it_with_space_within_three_keys(
        qtbot, reception, desk, registered_without_notice):
    keys = Keyboard(qtbot)
    _open_card(qtbot, reception, keys, "rav")
    panel = reception.panel
    assert "No privacy notice on record" in panel.status_label.text()
    assert panel.notice_needed() and QApplication.focusWidget() is panel.privacy.box
    keys.press(Qt.Key.Key_Space)  # ticks "I showed the privacy notice"
    keys.press(Qt.Key.Key_Return)  # checks in and prints
    wait_on_site(qtbot, desk.db, "Martina Ravasio")
    assert keys.count - len("rav") == 3
    assert search_visitors(desk.db, query="ravasio")[0].privacy_notice_version == "2026-01"


def test_a_check_in_that_records_the_notice_announces_the_visitor_and_a_view_reloads(
        qtbot, reception, desk, registered_without_notice):
    from frontdesk.ui.registry.companies_view import CompaniesView
    from frontdesk.ui.tasks import data_bus

    companies = CompaniesView(desk.context)  # shows visitors: it must reload when one changes
    qtbot.addWidget(companies)
    companies.show()
    wait_for_idle()
    reception.activateWindow()  # the receptionist types at the reception screen
    qtbot.waitUntil(reception.isActiveWindow)
    reception.search.setFocus()
    announced: list[set] = []
    data_bus().data_changed.connect(announced.append)
    try:
        keys = Keyboard(qtbot)
        _open_card(qtbot, reception, keys, "rav")
        keys.press(Qt.Key.Key_Space)  # ticks "I showed the privacy notice"
        with qtbot.waitSignal(companies.data_loaded, timeout=10000):
            keys.press(Qt.Key.Key_Return)
        wait_on_site(qtbot, desk.db, "Martina Ravasio")
    finally:
        data_bus().data_changed.disconnect(announced.append)
    assert announced and {"visits", "visitors"} <= announced[0]  # the check-in's own announcement
    wait_for_idle()


def test_registered_visitor_without_the_tick_is_refused_and_nothing_saved(
        qtbot, reception, desk, registered_without_notice):
    keys = Keyboard(qtbot)
    _open_card(qtbot, reception, keys, "rav")
    panel = reception.panel
    keys.press(Qt.Key.Key_Return)  # Enter without the tick
    qtbot.waitUntil(lambda: "privacy notice" in panel.error(), timeout=5000)
    wait_for_idle()
    assert names_on_site(desk.db) == [] and panel.is_open()
    assert QApplication.focusWidget() is panel.privacy.box  # Space, Enter: the next two keys
    assert search_visitors(desk.db, query="ravasio")[0].privacy_notice_version == ""


def test_a_new_notice_version_asks_returning_visitors_again(qtbot, reception, desk):
    update_settings(desk.db, changes={"privacy_notice_version": "2027-01"}, actor=desk.actor)
    with qtbot.waitSignal(reception.data_loaded, timeout=5000):
        reception.reload()  # (the data bus does this when the Settings screen saves)
    keys = Keyboard(qtbot)
    _open_card(qtbot, reception, keys, "rossi m")
    panel = reception.panel
    assert "changed since the last visit" in panel.status_label.text()
    assert panel.notice_needed() and "2027-01" in panel.privacy.box.text()
    keys.press(Qt.Key.Key_Space)
    keys.press(Qt.Key.Key_Return)
    wait_on_site(qtbot, desk.db, "Mario Rossi")
    assert search_visitors(desk.db, query="rossi m")[0].privacy_notice_version == "2027-01"


def test_returning_visitor_with_the_current_notice_gets_no_tick(qtbot, reception, desk):
    keys = Keyboard(qtbot)
    _open_card(qtbot, reception, keys, "rossi m")
    assert not reception.panel.notice_needed() and reception.panel.status_label.isHidden()
    assert QApplication.focusWidget() is reception.panel.confirm_button


def test_second_row_visitor_takes_down_enter_enter(qtbot, reception, desk):
    keys = Keyboard(qtbot)
    keys.type("ro")
    qtbot.waitUntil(lambda: reception.model.rowCount() == 3, timeout=5000)
    second = reception.model.rows()[1].visitor.full_name
    keys.press(Qt.Key.Key_Down)
    keys.press(Qt.Key.Key_Return)
    qtbot.waitUntil(reception.panel.is_open, timeout=5000)
    keys.press(Qt.Key.Key_Return)
    wait_on_site(qtbot, desk.db, second)
    assert keys.count - 2 == 3


def test_enter_before_the_results_arrive_opens_them_when_they_do(qtbot, reception, desk):
    qtbot.keyClicks(reception.search, "rossi m")
    qtbot.keyClick(reception.search, Qt.Key.Key_Return)  # at once, with the search still pending
    qtbot.waitUntil(reception.panel.is_open, timeout=5000)
    assert reception.panel.name_label.text() == "Mario Rossi"


def test_double_enter_checks_in_once(qtbot, reception, desk, shown_errors):
    qtbot.keyClicks(reception.search, "rossi m")
    qtbot.waitUntil(lambda: reception.model.rowCount() == 1, timeout=5000)
    qtbot.keyClick(reception.search, Qt.Key.Key_Return)
    qtbot.waitUntil(reception.panel.is_open, timeout=5000)
    focus = QApplication.focusWidget()
    qtbot.keyClick(focus, Qt.Key.Key_Return)
    assert reception.panel.is_busy() and not reception.panel.confirm_button.isEnabled()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # the second Enter, while it runs
    reception.panel.confirm()  # and a third, straight at the card
    wait_for_idle(5000)
    assert names_on_site(desk.db) == ["Mario Rossi"]
    assert not reception.panel.error() and not shown_errors


def test_the_same_check_in_submitted_twice_runs_once(qtbot, reception, desk, shown_errors):
    """Even past the card's own guard, the background helper's key drops the repeat."""
    qtbot.keyClicks(reception.search, "rossi m")
    qtbot.waitUntil(lambda: reception.model.rowCount() == 1, timeout=5000)
    reception.open_current()
    request = reception.panel.request()
    reception._on_panel_confirmed(request)
    reception._on_panel_confirmed(request)
    wait_for_idle(5000)
    assert names_on_site(desk.db) == ["Mario Rossi"]
    assert not reception.panel.error() and not shown_errors


def test_missing_printer_keeps_the_check_in_and_offers_a_reprint(qtbot, reception, desk):
    update_settings(desk.db, changes={"printers": {"badge": "NoSuchPrinter"}}, actor=desk.actor)
    qtbot.keyClicks(reception.search, "rossi m")
    qtbot.waitUntil(lambda: reception.model.rowCount() == 1, timeout=5000)
    qtbot.keyClick(reception.search, Qt.Key.Key_Return)
    qtbot.waitUntil(reception.panel.is_open, timeout=5000)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: reception.notice_bar.message() != "", timeout=10000)
    assert names_on_site(desk.db) == ["Mario Rossi"]  # the check-in is kept
    message = reception.notice_bar.message()
    assert "NoSuchPrinter" in message and "check-in is saved" in message
    assert reception.notice_bar.action_button.isVisible()
    assert reception.notice_bar.action_button.text() == "Reprint badge"
    # The PDF of the badge that did not print was saved: its token works until a reprint replaces it.
    failed_pdfs = wait_for_badge_pdfs(qtbot, 1)
    old_token = pdf_render.decode_qr(pdf_render.render_page(failed_pdfs[0].read_bytes()))[0]

    # The printer is fixed (none set: the PDF is saved); Reprint issues a new badge and prints it.
    update_settings(desk.db, changes={"printers": {}}, actor=desk.actor)
    qtbot.mouseClick(reception.notice_bar.action_button, Qt.MouseButton.LeftButton)
    newest = wait_for_badge_pdfs(qtbot, 2)[-1]
    new_token = pdf_render.decode_qr(pdf_render.render_page(newest.read_bytes()))[0]
    assert new_token != old_token
    with pytest.raises(Conflict, match="replaced by a reprint"):
        scan_badge(desk.db, text=old_token, actor=desk.actor)
    visit = on_site(desk.db)[0]
    later = visit.checked_in_at.replace(tzinfo=dt.UTC) + dt.timedelta(seconds=11)
    assert scan_badge(desk.db, text=new_token, actor=desk.actor, now=later).visit_id == visit.id
    assert reception.notice_bar.message() == ""


def test_nothing_found_enter_opens_the_new_visitor_form_with_the_typed_name(qtbot, reception, desk):
    qtbot.keyClicks(reception.search, "giulia verdi")
    qtbot.waitUntil(lambda: reception.empty_label.isVisible(), timeout=5000)
    assert "Press Enter to register a new visitor" in reception.empty_label.text()
    qtbot.keyClick(reception.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(reception.dialog, NewVisitorDialog), timeout=5000)
    dialog = reception.dialog
    assert dialog.first_name.text() == "Giulia" and dialog.last_name.text() == "Verdi"
    dialog.reject()


@pytest.mark.parametrize(("key", "dialog_class", "button"), [
    (Qt.Key.Key_N, "NewVisitorDialog", "new_button"),
    (Qt.Key.Key_G, "GroupCheckInDialog", "group_button"),
    (Qt.Key.Key_E, "ExpectedDialog", "expected_button"),
])
@pytest.mark.parametrize("typed", ["", "ros"])
def test_every_shortcut_shown_on_a_button_works_from_the_search_field(qtbot, reception, key, dialog_class, button,
                                                                      typed):
    shown = getattr(reception, button).text()
    assert f"Ctrl+{chr(key)}" in shown  # the shortcut tested is the one the button shows
    qtbot.keyClicks(reception.search, typed)
    assert reception.search.hasFocus()
    qtbot.keyClick(reception.search, key, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: type(reception.dialog).__name__ == dialog_class, timeout=2000)
    reception.dialog.reject()


def test_new_visitor_checked_in_from_the_form(qtbot, reception, desk):
    reception.open_new_visitor("Giulia Verdi")
    dialog = reception.dialog
    dialog.fields.set_values("tech_scouting", desk.hosts["rota"].id)
    dialog.email.setText("giulia@example.com")
    dialog.privacy.setChecked(True)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_on_site(qtbot, desk.db, "Giulia Verdi")
    wait_for_badge_pdfs(qtbot, 1)
    person = search_visitors(desk.db, query="verdi")[0]
    assert person.privacy_notice_version == "2026-01" and person.email == "giulia@example.com"
    assert reception.scan_banner.kind() == "ok"


def test_a_name_pasted_with_invisible_characters_shows_what_is_stored(qtbot, reception, desk):
    reception.open_new_visitor("")
    dialog = reception.dialog
    pasted = "Ve\u2066rdi\u2069\u200b"  # bidi isolates and a zero-width space, as copied from an e-mail
    dialog.first_name.setText("Giulia")
    QApplication.clipboard().setText(pasted)
    dialog.last_name.setFocus()
    qtbot.keyClick(dialog.last_name, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert dialog.last_name.text() == pasted
    hint = dialog.findChild(QLabel, "stored_last_name")
    assert hint.isVisible() and "\u201cVerdi\u201d" in hint.text()
    assert not dialog.findChild(QLabel, "stored_first_name").isVisible()
    dialog.last_name.setText("Verdi")
    assert not hint.isVisible()  # nothing to say once what is typed is what is stored
    dialog.last_name.setText(pasted)
    assert hint.isVisible()
    dialog.fields.set_values("tech_scouting", desk.hosts["rota"].id)
    dialog.privacy.setChecked(True)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # the dialog closes and is deleted
    wait_on_site(qtbot, desk.db, "Giulia Verdi")  # stored exactly as the hint said
    assert [v.last_name for v in search_visitors(desk.db, query="verdi")] == ["Verdi"]


def test_new_visitor_without_the_privacy_tick_is_refused_and_nothing_saved(qtbot, reception, desk):
    reception.open_new_visitor("Giulia Verdi")
    dialog = reception.dialog
    dialog.fields.set_values("tech_scouting", None)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.errors.message("privacy") != "", timeout=5000)
    assert "privacy notice" in dialog.errors.message("privacy")
    assert dialog.isVisible()
    assert search_visitors(desk.db, query="verdi") == [] and names_on_site(desk.db) == []


def test_new_visitor_with_a_company_typed_but_not_chosen_is_stopped(qtbot, reception, desk):
    reception.open_new_visitor("Giulia Verdi")
    dialog = reception.dialog
    dialog.company.picker.setText("Nonesuch")
    dialog.privacy.setChecked(True)
    dialog.submit()
    assert "Choose the company" in dialog.errors.message("company")
    wait_for_idle()
    assert search_visitors(desk.db, query="verdi") == []


def test_a_badge_scanned_into_the_search_field_checks_out(qtbot, reception, desk):
    from reception_helpers import backdate

    from frontdesk.services.reception.visits import check_in

    result = check_in(desk.db, visitor_id=desk.visitors["paolo"].id, service_code="meeting", host_id=None,
                      actor=desk.actor)
    backdate(desk.db, lambda v: v.status == "on_site", dt.timedelta(minutes=5))
    qtbot.keyClicks(reception.search, "ro")  # a search in progress when the scanner fires
    qtbot.keyClicks(reception.search, result.badge.data.token.lower())
    assert reception._search_timer.isActive() is False or reception.search.text().startswith("ro")
    qtbot.keyClick(reception.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: reception.scan_banner.kind() == "ok", timeout=5000)
    assert "Goodbye Paolo Rossetti" in reception.scan_banner.message()
    assert names_on_site(desk.db) == []
    assert reception.search.text() == "ro"  # the search typed before the scan stays


def test_scanner_garbage_typed_in_a_burst_is_a_scan_not_a_search(qtbot, reception):
    qtbot.keyClicks(reception.search, "4006381333931XQ")  # an EAN from a product box, at scanner speed
    qtbot.keyClick(reception.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: reception.scan_banner.kind() == "error", timeout=5000)
    assert reception.scan_banner.message() == "This code is not a visitor badge."
    assert reception.dialog is None


def test_expected_today_shown_before_a_known_visitor_and_registration_checked_in(qtbot, reception, desk):
    assert today_in_rome()  # registered by the fixture for today
    qtbot.keyClicks(reception.search, "anna")
    qtbot.waitUntil(lambda: reception.model.rowCount() == 1, timeout=5000)
    assert reception.model.rows()[0].expected.visit_id is not None


class _Recorder:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 OK"


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_host_is_emailed_when_their_visitor_checks_in(qtbot, reception, desk):
    from aiosmtpd.controller import Controller

    from frontdesk.services.registry.hosts import create_host

    handler = _Recorder()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        update_settings(desk.db, changes={"smtp_host": "127.0.0.1", "smtp_port": controller.port,
                                          "smtp_sender": "reception@point.example"}, actor=desk.actor)
        host = create_host(desk.db, name="Giulia Rota", email="giulia@point.example", actor=desk.actor)
        reception.reload()  # the new host in the choices
        wait_for_idle()
        qtbot.keyClicks(reception.search, "rossi m")
        qtbot.waitUntil(lambda: reception.model.rowCount() == 1, timeout=5000)
        qtbot.keyClick(reception.search, Qt.Key.Key_Return)
        qtbot.waitUntil(reception.panel.is_open, timeout=5000)
        reception.panel.fields.set_values("meeting", host.id)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: len(handler.messages) == 1, timeout=10000)
        envelope = handler.messages[0]
        assert envelope.rcpt_tos == ["giulia@point.example"]
        assert "Mario Rossi" in envelope.content.decode("utf-8", "replace")
    finally:
        controller.stop()
    wait_for_idle()
    assert reception.notice_bar.message() == ""


def test_an_unreachable_mail_server_is_a_calm_notice_and_the_check_in_stays(qtbot, reception, desk):
    from frontdesk.services.registry.hosts import create_host

    update_settings(desk.db, changes={"smtp_host": "127.0.0.1", "smtp_port": _free_port()}, actor=desk.actor)
    host = create_host(desk.db, name="Giulia Rota", email="giulia@point.example", actor=desk.actor)
    reception.reload()
    wait_for_idle()
    qtbot.keyClicks(reception.search, "rossi m")
    qtbot.waitUntil(lambda: reception.model.rowCount() == 1, timeout=5000)
    reception.open_current()
    reception.panel.fields.set_values("meeting", host.id)
    reception.panel.confirm()
    qtbot.waitUntil(lambda: "could not be sent" in reception.notice_bar.message(), timeout=10000)
    assert "check-in is saved" in reception.notice_bar.message()
    assert names_on_site(desk.db) == ["Mario Rossi"]


def test_a_scan_while_the_check_in_card_is_open_is_a_scan_not_a_check_in(qtbot, reception, desk):
    from reception_helpers import backdate

    from frontdesk.services.reception.visits import check_in

    token = check_in(desk.db, visitor_id=desk.visitors["paolo"].id, service_code="meeting", host_id=None,
                     actor=desk.actor).badge.data.token
    backdate(desk.db, lambda v: v.status == "on_site", dt.timedelta(minutes=5))
    qtbot.keyClicks(reception.search, "rossi m")
    qtbot.waitUntil(lambda: reception.model.rowCount() == 1, timeout=5000)
    qtbot.keyClick(reception.search, Qt.Key.Key_Return)
    qtbot.waitUntil(reception.panel.is_open, timeout=5000)
    button = QApplication.focusWidget()
    assert button is reception.panel.confirm_button
    qtbot.keyClicks(button, token)  # the scanner fires while the card has the focus
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: reception.scan_banner.kind() == "ok", timeout=5000)
    assert reception.scan_banner.message().startswith("Goodbye Paolo Rossetti")
    wait_for_idle()
    assert names_on_site(desk.db) == []  # Paolo out, and Mario was not checked in by the scanner's Enter


def test_a_course_registration_is_checked_in_with_a_badge_for_all_its_days(qtbot, reception, desk):
    from frontdesk.services.reception.expected import register_visit

    first = today_in_rome()
    register_visit(desk.db, visitor_id=desk.visitors["paolo"].id, service_code="training",
                   host_id=desk.hosts["rota"].id, day_from=first, day_to=first + dt.timedelta(days=2),
                   title="Corso saldatura", actor=desk.actor)
    keys = Keyboard(qtbot)
    keys.type("rossett")
    qtbot.waitUntil(lambda: reception.model.rowCount() == 1, timeout=5000)
    assert "Registered today" in reception.model.index(0, 4).data()
    assert reception.model.index(0, 2).data() == "Professional training · Corso saldatura"
    keys.press(Qt.Key.Key_Return)
    qtbot.waitUntil(reception.panel.is_open, timeout=5000)
    assert "Corso saldatura" in reception.panel.detail_label.text()
    keys.press(Qt.Key.Key_Return)
    wait_on_site(qtbot, desk.db, "Paolo Rossetti")
    assert keys.count - len("rossett") == 2
    pdf = wait_for_badge_pdfs(qtbot, 1)[0]
    token = pdf_render.decode_qr(pdf_render.render_page(pdf.read_bytes()))[0]
    from frontdesk.domain.badge_tokens import parse

    claim = parse(token).claim
    assert claim.subject_kind == "R" and (claim.valid_to - claim.valid_from).days == 2


def test_escape_closes_the_card_and_clears_the_search(qtbot, reception, desk):
    qtbot.keyClicks(reception.search, "rossi m")
    qtbot.waitUntil(lambda: reception.model.rowCount() == 1, timeout=5000)
    qtbot.keyClick(reception.search, Qt.Key.Key_Return)
    qtbot.waitUntil(reception.panel.is_open, timeout=5000)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert not reception.panel.is_open()
    assert QApplication.focusWidget() is reception.search and reception.search.selectedText() == "rossi m"
    qtbot.keyClick(reception.search, Qt.Key.Key_Escape)
    assert reception.search.text() == "" and reception.model.rowCount() == 0
    wait_for_idle()
    assert names_on_site(desk.db) == []


def test_shortcuts_open_the_group_and_expected_dialogs(qtbot, reception):
    from frontdesk.ui.reception.expected_dialog import ExpectedDialog
    from frontdesk.ui.reception.group_checkin_dialog import GroupCheckInDialog

    for key, kind in ((Qt.Key.Key_G, GroupCheckInDialog), (Qt.Key.Key_E, ExpectedDialog)):
        reception.activateWindow()  # (a window manager gives it back when a dialog closes)
        qtbot.waitUntil(reception.isActiveWindow)
        reception.focus_first()
        qtbot.keyClick(reception.search, key, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda kind=kind: isinstance(reception.dialog, kind), timeout=2000)
        reception.dialog.reject()
        wait_for_idle()


def test_checking_in_someone_already_on_site_says_so_in_the_card(qtbot, reception, desk):
    from frontdesk.services.reception.visits import check_in

    check_in(desk.db, visitor_id=desk.visitors["mario"].id, service_code="meeting", host_id=None, actor=desk.actor)
    qtbot.keyClicks(reception.search, "rossi m")
    qtbot.waitUntil(lambda: reception.model.rowCount() == 1, timeout=5000)
    qtbot.keyClick(reception.search, Qt.Key.Key_Return)
    qtbot.waitUntil(reception.panel.is_open, timeout=5000)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: reception.panel.error() != "", timeout=5000)
    assert reception.panel.error() == "Mario Rossi is already on site."
    wait_for_idle()
    assert reception.panel.is_open() and reception.panel.confirm_button.isEnabled()
    assert len(on_site(desk.db)) == 1
