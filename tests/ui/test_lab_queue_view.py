"""The Test queue screen (issue 14, point 1) in the real main window: my tests of today, started,
paused, resumed and completed from the keyboard; refusals on the red banner in Italian; by machine;
a scanned label selects the sample's test (here, and from another lab screen); Enter results…
only asks for the results dialog. (A change pulled by a sync refreshing the list, through a real
hub: tests/integration/sync/test_sync_lab_queue.py.)"""

from __future__ import annotations

import datetime as dt

import pytest
from integration.lab_rows import machine
from integration.lab_samples import make_request
from PySide6.QtCore import Qt

from frontdesk.db.lab_models import Authorisation, TestJob
from frontdesk.db.lab_models import TestResult as ResultRow
from frontdesk.domain.clock import utcnow
from frontdesk.domain.ids import new_id, reference_id
from frontdesk.i18n import set_language
from frontdesk.ui.shell.area_view import DeskContext
from frontdesk.ui.shell.main_window import MainWindow
from frontdesk.ui.tasks import wait_for_idle

BADGE = "FDB1.V.AGRBDPA2J577NHEUYCW4ZN6Y5M.R1-000003.20261125.0.TG53IMQN.YBARKORTCLW3DKYHBIX"


@pytest.fixture
def lab(db, admin):
    """Two samples with a tensile test planned for the admin today on TR-01 (the admin authorised
    for tensile only) and a hardness test planned on HB-01 (not authorised)."""
    tr = machine(db, admin, code="TR-01", kind="tensile_machine", name="Zwick Z250")
    hb = machine(db, admin, code="HB-01", kind="hardness_tester", name="Durometro")
    first, second = make_request(db, samples=2, tests=("TENSILE-RT", "HB")).samples
    now = utcnow()
    with db.begin() as session:
        for n, (test_id, equipment) in enumerate(((first.test_ids[0], tr), (second.test_ids[0], tr),
                                                  (first.test_ids[1], hb))):
            test = session.get(TestJob, test_id)
            test.equipment_id, test.technician_id, test.status = equipment, admin.staff_id, "scheduled"
            test.planned_start = now - dt.timedelta(minutes=30 - n)
            test.planned_end = test.planned_start + dt.timedelta(minutes=30)
        tensile = reference_id("lab_test_type", "TENSILE-RT")
        session.add(Authorisation(id=new_id(), staff_id=admin.staff_id, test_type_id=tensile, active=True))
    return dict(first=first, second=second, tr=tr, hb=hb)


@pytest.fixture
def window(qtbot, db, admin):
    made = MainWindow()
    qtbot.addWidget(made)
    made.resize(1280, 860)
    made.show()
    made.attach(DeskContext(db=db, actor=admin, desk="R1", is_demo=False))
    yield made
    wait_for_idle(5000)


@pytest.fixture
def italian(qapp):
    from frontdesk.ui.i18n_qt import install_translators

    set_language("it")
    install_translators("it")
    yield
    set_language("en")
    install_translators("en")


def open_queue(qtbot, window, rows: int):
    window.show_area("lab_queue")
    view = window.view("lab_queue")
    qtbot.waitUntil(lambda: view.model.rowCount() == rows and not view.model.is_fetching(), timeout=5000)
    return view


def status_of(view, test_id):
    row = view.model.row_of(lambda r: r.test_id == test_id)
    return None if row < 0 else (view.model.value(row).status, view.model.value(row).paused)


def test_the_area_sits_after_samples_for_who_runs_tests(window):
    keys = window.area_keys()
    assert keys[keys.index("samples") + 1] == "lab_queue"


def test_my_queue_runs_a_test_from_the_keyboard(qtbot, window, db, lab, italian, screenshot):
    test = lab["first"].test_ids[0]
    view = open_queue(qtbot, window, 3)
    assert view.owner.currentData() == window.context.actor.staff_id  # my queue by default
    assert view.model.value(0).test_id == test and view.table.currentIndex().row() == 0
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Return)  # Enter on a planned test starts it
    qtbot.waitUntil(lambda: status_of(view, test) == ("in_progress", False), timeout=5000)
    qtbot.keyClick(view.table, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: status_of(view, test) == ("in_progress", True), timeout=5000)
    assert view.pause_button.text() == "Riprendi (F6)" and not view.complete_button.isEnabled()
    screenshot(window, "lab_queue_it.png")
    qtbot.keyClick(view.table, Qt.Key.Key_Return)  # Enter on a paused test resumes it
    qtbot.waitUntil(lambda: status_of(view, test) == ("in_progress", False), timeout=5000)
    qtbot.keyClick(view.table, Qt.Key.Key_F7)  # no result yet: refused on the banner
    qtbot.waitUntil(lambda: view.banner.isVisible(), timeout=5000)
    assert view.banner.message() == "Inserisci i risultati di questa prova prima di completarla."
    screenshot(window, "lab_queue_refused_it.png")
    with db.begin() as session:
        session.add(ResultRow(id=new_id(), test_id=test, round=1, entered_at=utcnow()))
    qtbot.keyClick(view.table, Qt.Key.Key_Return)  # Enter on a running test completes it
    qtbot.waitUntil(lambda: status_of(view, test) is None and view.model.rowCount() == 2, timeout=5000)
    with db.read() as session:
        assert session.get(TestJob, test).status == "completed"


def test_a_test_of_a_method_i_am_not_authorised_for_is_refused_in_italian(qtbot, window, db, lab, italian):
    test = lab["first"].test_ids[1]
    view = open_queue(qtbot, window, 3)
    view.table.selectRow(view.model.row_of(lambda r: r.test_id == test))
    qtbot.keyClick(view.table, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: view.banner.isVisible(), timeout=5000)
    assert "non è abilitato a questo metodo" in view.banner.message()
    with db.read() as session:
        assert session.get(TestJob, test).status == "scheduled"


def test_a_machines_queue(qtbot, window, lab):
    view = open_queue(qtbot, window, 3)
    view.mode.setCurrentIndex(view.mode.findData("machine"))
    assert [view.owner.itemText(i) for i in range(view.owner.count())] == ["HB-01 Durometro", "TR-01 Zwick Z250"]
    view.owner.setCurrentIndex(next(i for i in range(view.owner.count()) if view.owner.itemData(i) == lab["tr"]))
    qtbot.waitUntil(lambda: view.model.rowCount() == 2 and not view.model.is_fetching(), timeout=5000)
    assert {r.machine_code for r in (view.model.value(0), view.model.value(1))} == {"TR-01"}


def test_the_model_is_a_proper_model(qtbot, qtmodeltester, window, lab):
    view = open_queue(qtbot, window, 3)
    qtmodeltester.check(view.model)


def test_a_label_scanned_on_the_queue_selects_its_test(qtbot, window, lab):
    view = open_queue(qtbot, window, 3)
    view.table.selectRow(0)
    view.table.setFocus()
    qtbot.keyClicks(view.table, lab["second"].token)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.current_row() is not None
                    and view.current_row().test_id == lab["second"].test_ids[0], timeout=5000)


def test_a_badge_scanned_on_the_queue_is_refused_in_italian(qtbot, window, lab, italian):
    view = open_queue(qtbot, window, 3)
    with qtbot.waitSignal(view.label_scan.scan.scan_refused, timeout=5000):
        view.label_scan.field.setFocus()
        qtbot.keyClicks(view.label_scan.field, BADGE)
        qtbot.keyClick(view.label_scan.field, Qt.Key.Key_Return)
    assert "badge visitatore" in view.banner.message()


def test_a_label_scanned_on_another_lab_screen_opens_the_queue_at_its_test(qtbot, window, lab):
    window.show_area("lab_planning")
    planning = window.view("lab_planning")
    planning.table.setFocus()
    qtbot.keyClicks(planning.table, lab["second"].token)
    qtbot.keyClick(planning.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_area() == "lab_queue", timeout=5000)
    view = window.view("lab_queue")
    qtbot.waitUntil(lambda: view.current_row() is not None
                    and view.current_row().test_id == lab["second"].test_ids[0], timeout=5000)


def test_f8_opens_the_result_dialog_and_f7_then_completes_the_test(qtbot, window, lab, db):
    """The technician's whole run from the keyboard: start, enter the results in the dialog, complete."""
    from frontdesk.services.lab.results import latest_result

    view = open_queue(qtbot, window, 3)
    test = view.model.value(0).test_id
    assert not view.results_button.isEnabled()  # not started yet
    qtbot.keyClick(view.table, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: status_of(view, test) == ("in_progress", False), timeout=5000)
    view.table.selectRow(view.model.row_of(lambda r: r.test_id == test))
    with qtbot.waitSignal(view.results_requested, timeout=2000) as asked:
        qtbot.keyClick(view.table, Qt.Key.Key_F8)
    assert asked.args == [test]
    dialog = view.results_dialog
    qtbot.waitUntil(lambda: dialog.isVisible() and "rm" in dialog.values, timeout=5000)
    dialog.values["rm"].setText("512")
    dialog.conditions["temperature"].setText("23")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    assert [(r.code, r.value) for r in latest_result(db, test_id=test).readings] == [("rm", "512")]
    window.activateWindow()  # back from the dialog (offscreen, nothing gives the focus back by itself)
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    view.table.selectRow(view.model.row_of(lambda r: r.test_id == test))
    qtbot.keyClick(view.table, Qt.Key.Key_F7)
    qtbot.waitUntil(lambda: status_of(view, test) in (None, ("completed", False)), timeout=5000)
    with db.read() as session:
        assert session.get(TestJob, test).status == "completed"


def test_the_day_and_the_switch_have_keys(qtbot, window, lab):
    from frontdesk.domain.clock import today_in_rome

    view = open_queue(qtbot, window, 3)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert view.selected_day() == today_in_rome() + dt.timedelta(days=1)
    qtbot.waitUntil(lambda: view.model.rowCount() == 0 and not view.model.is_fetching(), timeout=5000)
    assert view.empty.isVisible()
    qtbot.keyClick(view.table, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: view.model.rowCount() == 3 and not view.model.is_fetching(), timeout=5000)
    qtbot.keyClick(view.table, Qt.Key.Key_F9)
    assert view.mode.currentData() == "machine" and view.owner.currentText() == "HB-01 Durometro"
    qtbot.waitUntil(lambda: view.model.rowCount() == 1 and not view.model.is_fetching(), timeout=5000)


def test_a_scan_by_someone_who_does_not_run_tests_opens_the_history(qtbot, db, admin, lab):
    """Reception may see the catalogue but not the queue: its scan opens the sample's history, as before."""
    from frontdesk.domain.roles import Actor, Role

    clerk = Actor(desk="R1", role=Role.RECEPTION, staff_id=admin.staff_id, name="Giulia")
    made = MainWindow()
    qtbot.addWidget(made)
    made.resize(1280, 860)
    made.show()
    made.attach(DeskContext(db=db, actor=clerk, desk="R1", is_demo=False))
    try:
        assert "lab_queue" not in made.area_keys()
        made.show_area("lab_catalogue")
        catalogue = made.view("lab_catalogue")
        catalogue.table.setFocus()
        qtbot.keyClicks(catalogue.table, lab["second"].token)
        qtbot.keyClick(catalogue.table, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: made.current_area() == "samples", timeout=5000)
        samples = made.view("samples")
        qtbot.waitUntil(lambda: samples.history.sample_id == lab["second"].id, timeout=5000)
    finally:
        wait_for_idle(5000)
