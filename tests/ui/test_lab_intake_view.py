"""The Sample intake screen on a real desk file: a full intake typed into the widgets writes the
request and prints (saves) labels whose QR reads back; a sample with no tests shows the Italian
message and writes nothing; "Take in samples" on the On-site screen opens the intake filled in
from the visit, and the visit then shows what was dropped off."""

from __future__ import annotations

from lab_helpers import add_test_types
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from reception_helpers import show_view

from frontdesk.config import data_dir
from frontdesk.domain.lab import sample_tokens
from frontdesk.i18n import set_language
from frontdesk.services.desk.keyring import load_keyring
from frontdesk.services.reception.visits import check_in
from frontdesk.services.registry.companies import get_company
from frontdesk.ui import pdf_render
from frontdesk.ui.lab.intake_view import IntakeView
from frontdesk.ui.reception.on_site_view import OnSiteView
from frontdesk.ui.shell.area_view import DeskContext
from frontdesk.ui.shell.main_window import MainWindow
from frontdesk.ui.tasks import wait_for_idle


def _count(db, table: str) -> int:
    conn = db.raw()
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


def _view(qtbot, desk) -> IntakeView:
    add_test_types(desk.db)
    view = show_view(qtbot, IntakeView(desk.context), size=(1280, 900))
    offered = view.samples.editors()[0].tests.cellWidget(0, 0).count()
    assert offered == _count(desk.db, "lab_test_type") > 7  # the whole catalogue is offered (seed and these)
    return view


def _choose(editor, row: int, code: str, hours: int | None = None) -> None:
    combo = editor.tests.cellWidget(row, 0)
    combo.setCurrentIndex(combo.findData(code))
    if hours is not None:
        editor.tests.cellWidget(row, 1).setValue(hours)


def _fill(view, desk) -> None:
    view.company.set_company(get_company(desk.db, company_id=desk.companies["acme"].id))
    view.contact.setEditText("Mario Rossi")
    view.email.setText("mario.rossi@acciaierie.example")
    first = view.samples.editors()[0]
    first.fields["material"].setText("Acciaio S355JR")
    first.fields["condition"].setText("Integro")
    _choose(first, 0, "TENSILE_RT")
    _choose(first, first.add_test(), "HARDNESS_HBW")
    second = view.samples.add_sample()
    second.fields["description"].setText("Staffa zincata a caldo")
    second.fields["customer_info"].setText("Zincatura 85 µm dichiarata")
    _choose(second, 0, "SALT_SPRAY_NSS", 240)
    view.conformity.setChecked(True)
    view.specification.setText("EN 10025-2 S355JR")
    view.agreed.setChecked(True)
    view.agreed_by.setText("Mario Rossi")


def test_a_full_intake_writes_the_request_and_prints_labels_that_scan(qtbot, desk):
    view = _view(qtbot, desk)
    _fill(view, desk)
    # 120 + 45 + 240 h x 1.50 = 525.00 net, VAT 115.50, total 640.50 (no association: list prices)
    assert view.totals_label.text() == "Net €525.00 · VAT €115.50 · Total €640.50"
    with qtbot.waitSignal(view.intake_taken, timeout=10000) as taken, \
            qtbot.waitSignal(view.result.labels_printed, timeout=20000) as printed:
        view.accept_button.click()
    summary = taken.args[0]
    assert [s.lab_id for s in summary.samples] == ["R1-000001", "R1-000002"]
    assert _count(desk.db, "lab_request") == 1 and _count(desk.db, "lab_sample") == 2
    assert _count(desk.db, "lab_test") == 3 and _count(desk.db, "lab_custody_event") == 2
    assert view.result.isVisible() and "R1-000001, R1-000002" in view.result.summary_label.text()
    outcome = printed.args[0]
    assert not outcome.printed and outcome.saved_path.parent == data_dir() / "documents" / "sample_label"
    pdf = outcome.saved_path.read_bytes()
    assert pdf_render.page_count(pdf) == 2
    keys = load_keyring().keys
    for page, sample in enumerate(summary.samples):
        (text,) = pdf_render.decode_qr(pdf_render.render_page(pdf, page, dpi=300))
        assert sample_tokens.verify(text, keys).sample_id == sample.sample_id
    # The form is empty for the next customer; the receipt is one click away.
    assert view.company.company() is None and len(view.samples.editors()) == 1
    with qtbot.waitSignal(view.result.receipt_saved, timeout=20000) as saved:
        view.result.save_button.click()
    assert saved.args[0].read_bytes().startswith(b"%PDF")
    with qtbot.waitSignal(view.result.preview_opened, timeout=20000) as opened:
        view.result.preview_button.click()
    opened.args[0].close()
    wait_for_idle(10000)


def test_a_sample_with_no_tests_shows_the_italian_message_and_writes_nothing(qtbot, desk):
    view = _view(qtbot, desk)
    _fill(view, desk)
    view.samples.add_sample().fields["material"].setText("Bulloni M12")  # sample 3: no test chosen
    view.samples.tabs.setCurrentIndex(0)
    set_language("it")
    view.accept_button.click()
    qtbot.waitUntil(view.error_label.isVisible, timeout=10000)
    assert view.error_label.text() == "Il campione 3 non ha prove richieste."
    assert view.samples.tabs.currentIndex() == 2  # the sample in question is shown
    wait_for_idle(5000)
    assert _count(desk.db, "lab_request") == 0 and _count(desk.db, "lab_sample") == 0
    assert view.company.company() is not None  # what was typed stays, to be corrected


def test_an_exposure_of_5000_hours_is_refused_saying_the_range(qtbot, desk):
    view = _view(qtbot, desk)
    _fill(view, desk)
    _choose(view.samples.editors()[1], 0, "SALT_SPRAY_NSS", 5000)
    set_language("it")
    view.samples.editors()[1].fields["material"].setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Enter
    qtbot.waitUntil(view.error_label.isVisible, timeout=10000)
    assert view.error_label.text() == "Campione 2: Nebbia salina neutra (NSS) dura da 2 a 1008 ore, non 5000."
    wait_for_idle(5000)
    assert _count(desk.db, "lab_request") == 0


def test_take_in_samples_on_site_opens_the_intake_filled_in_from_the_visit(qtbot, desk):
    add_test_types(desk.db)
    mario = desk.visitors["mario"]
    visit = check_in(desk.db, visitor_id=mario.id, service_code="materials_testing", host_id=None,
                     actor=desk.actor).visit
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1280, 860)
    window.show()
    window.attach(DeskContext(db=desk.db, actor=desk.actor, desk="R1", is_demo=False, duties=desk.context.duties))
    window.show_area("on_site")
    onsite = window.view("on_site")
    qtbot.waitUntil(lambda: len(onsite.people()) == 1, timeout=5000)
    onsite.table.selectRow(0)
    assert onsite.intake_button.isVisible() and onsite.intake_button.isEnabled()
    onsite.intake_button.click()
    assert window.current_area() == "lab_intake"
    intake = window.view("lab_intake")
    qtbot.waitUntil(lambda: intake.company.company() is not None, timeout=5000)
    assert intake.company.company().name == "Acciaierie Bergamasche"
    assert intake.contact.currentText() == "Mario Rossi" and intake.agreed_by.text() == "Mario Rossi"
    assert intake.visit_label.isVisibleTo(intake) and "Mario Rossi" in intake.visit_label.text()
    assert intake.intake_value().visit_id == visit.id and intake.intake_value().contact_id == mario.id

    first = intake.samples.editors()[0]
    first.fields["material"].setText("Acciaio S355JR")
    qtbot.waitUntil(lambda: first.tests.cellWidget(0, 0).count() == _count(desk.db, "lab_test_type"), timeout=5000)
    _choose(first, 0, "HARDNESS_HV")
    intake.agreed.setChecked(True)
    with qtbot.waitSignal(intake.intake_taken, timeout=10000) as taken:
        intake.accept_button.click()
    lab_id = taken.args[0].samples[0].lab_id
    window.show_area("on_site")
    qtbot.waitUntil(lambda: onsite.samples_text(visit.id) == lab_id, timeout=10000)
    column = onsite.model.columnCount() - 1
    assert onsite.model.index(0, column).data() == lab_id
    wait_for_idle(10000)


def test_the_take_in_button_is_hidden_from_a_role_without_intake(qtbot, desk):
    from frontdesk.domain.roles import Actor

    context = DeskContext(db=desk.db, actor=Actor(desk="R1", role=None), desk="R1", is_demo=False)
    view = show_view(qtbot, OnSiteView(context))
    assert not view.intake_button.isVisibleTo(view)
    wait_for_idle(5000)
