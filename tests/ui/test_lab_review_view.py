"""The Results review screen (issue 14, point 3): the tests to verify listed first, their result
versions side by side with who, when and why, raw files opened or saved whole; Verify from the
keyboard; reasons asked in a dialog that shows refusals in red; registered for VERIFY_TESTS only."""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

from PySide6.QtCore import Qt

sys.path.insert(0, str(Path(__file__).parents[1] / "integration"))
from lab_runs import put_status, tensile_tests
from screen_helpers import labels_cut_off, styled

from frontdesk.db.lab_models import TestJob
from frontdesk.domain.lab.results import ReadingInput as R
from frontdesk.domain.roles import Actor, Role
from frontdesk.i18n import set_language
from frontdesk.services.lab.results import add_attachment, submit_result
from frontdesk.ui import tasks
from frontdesk.ui.i18n_qt import install_translators
from frontdesk.ui.lab.review_view import ReviewView, number_text
from frontdesk.ui.shell.area_list import AREAS
from frontdesk.ui.shell.area_view import DeskContext
from frontdesk.ui.tasks import data_bus


def settle(qtbot, ms: int = 100) -> None:
    tasks.wait_for_idle()
    qtbot.wait(ms)
    tasks.wait_for_idle()


def status(db, test_id) -> tuple[str, int]:
    with db.read() as session:
        test = session.get(TestJob, test_id)
        return test.status, test.round


def two_versions(db, admin) -> object:
    [test] = tensile_tests(db, admin)
    submit_result(db, test_id=test, readings={"rm": R("512"), "a": R("24,5")}, conditions={"temperature": "23"},
                  actor=admin)
    put_status(db, test, "completed")
    submit_result(db, test_id=test, readings={"rm": R("515"), "a": R("24,5")}, conditions={"temperature": "23"},
                  reason="Errore di trascrizione", deviations="Provetta ridotta", actor=admin)
    add_attachment(db, test_id=test, filename="curva.csv", content=b"F;dL\n" * 1000, actor=admin)
    return test


def make(qtbot, db, actor) -> ReviewView:
    view = styled(ReviewView(DeskContext(db=db, actor=actor, desk="R1", is_demo=False)))
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    view.reload()
    settle(qtbot)
    return view


def test_the_area_follows_planning_for_the_lab_manager_only():
    keys = [a.key for a in AREAS]
    assert keys[keys.index("lab_planning") + 1:keys.index("lab_planning") + 3] == ["lab_timeline", "lab_review"]
    area = AREAS[keys.index("lab_review")]
    assert area.permission == "verify_tests" and area.title_source == "Results review"
    assert area.allowed_for(Actor("R1", Role.LAB_MANAGER, staff_id=uuid.uuid4()))
    assert not area.allowed_for(Actor("R1", Role.LAB_TECHNICIAN, staff_id=uuid.uuid4()))


def test_versions_side_by_side_and_verify_from_the_keyboard(qtbot, db, admin, screenshot):
    test = two_versions(db, admin)
    set_language("it")
    install_translators("it")
    try:
        view = make(qtbot, db, admin)
        assert view.model.rowCount() == 1 and view.current_test().test_id == test
        settle(qtbot)
        model = view.versions_model
        assert [model.horizontalHeaderItem(c).text() for c in range(1, 3)] == ["Esecuzione 1, v1", "Esecuzione 1, v2"]
        rows = {model.item(r, 0).text(): [model.item(r, c).text() for c in (1, 2)] for r in range(model.rowCount())}
        assert rows["Resistenza a trazione Rm (MPa)"] == ["512 ± 8", "515 ± 8"]
        assert rows["Allungamento percentuale dopo rottura A (%)"] == ["24,5 ± 1,0", "24,5 ± 1,0"]
        assert rows["Motivo"] == ["", "Errore di trascrizione"]
        assert view.files_model.rowCount() == 1
        assert view.buttons["verify"].isEnabled() and not view.buttons["cancel"].isEnabled()
        assert labels_cut_off(view) == []
        screenshot(view, "lab_review_it.png")
        view.table.setFocus()
        qtbot.keyClick(view.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        settle(qtbot, 200)
        assert status(db, test) == ("verified", 1)
        assert view.model.value(0).status == "verified"  # refreshed through the data bus
    finally:
        install_translators("en")


def test_reopen_asks_the_reason_and_a_refusal_shows_in_red(qtbot, db, admin, screenshot):
    test = two_versions(db, admin)
    view = make(qtbot, db, admin)
    dialog = view._on_reopen_button_clicked()
    dialog.ok_button.click()
    settle(qtbot)
    assert dialog.isVisible() and dialog.refusal.text() == "Say why the test is reopened: the reason is kept with it."
    assert status(db, test) == ("completed", 1)
    dialog.text.setText("Il cliente contesta il risultato")
    dialog.ok_button.click()
    settle(qtbot, 200)
    assert not dialog.isVisible()
    assert status(db, test) == ("scheduled", 2)


def test_open_tests_are_cancelled_or_sent_out(qtbot, db, admin):
    [first, second] = tensile_tests(db, admin, count=2, status="scheduled")
    view = make(qtbot, db, admin)
    assert view.model.rowCount() == 0 and view.empty.isVisible()
    view.scope.setCurrentIndex(1)
    settle(qtbot)
    assert view.model.rowCount() == 2
    view.table.selectRow(view.model.row_of(lambda t: t.test_id == first))
    settle(qtbot)
    assert not view.buttons["verify"].isEnabled()
    dialog = view._on_subcontract_button_clicked()
    dialog.text.setText("LPM Milano")
    dialog.ok_button.click()
    settle(qtbot, 200)
    assert status(db, first) == ("in_progress", 1)
    view.table.selectRow(view.model.row_of(lambda t: t.test_id == second))
    settle(qtbot)
    dialog = view._on_cancel_button_clicked()
    dialog.text.setText("Richiesta ritirata")
    dialog.ok_button.click()
    settle(qtbot, 200)
    assert status(db, second) == ("cancelled", 1)


def test_a_raw_file_is_saved_whole(qtbot, db, admin, tmp_path):
    test = two_versions(db, admin)
    view = make(qtbot, db, admin)
    view.save_copy(view.current_file(), tmp_path / "copia.csv")
    settle(qtbot, 200)
    assert (tmp_path / "copia.csv").read_bytes() == b"F;dL\n" * 1000
    assert view.current_test().test_id == test


def test_changes_elsewhere_refresh_the_list(qtbot, db, admin):
    view = make(qtbot, db, admin)
    assert view.model.rowCount() == 0
    two_versions(db, admin)
    data_bus().data_changed.emit({"lab_test"})
    settle(qtbot, 200)
    assert view.model.rowCount() == 1


def test_readings_are_written_the_italian_way_and_never_grouped():
    set_language("it")
    assert (number_text("1872"), number_text("0.180"), number_text("Nital 2 %")) == ("1872", "0,180", "Nital 2 %")


def test_a_test_sent_out_takes_its_external_results_here_and_is_completed(qtbot, db, admin):
    """In no technician's queue: the review screen enters the external lab's results and completes it."""
    [test] = tensile_tests(db, admin, count=1, status="scheduled")
    view = make(qtbot, db, admin)
    view.scope.setCurrentIndex(1)
    settle(qtbot)
    view.table.selectRow(view.model.row_of(lambda t: t.test_id == test))
    settle(qtbot)
    assert not view.external_results_button.isEnabled()  # not sent out yet
    dialog = view._on_subcontract_button_clicked()
    dialog.text.setText("LPM Milano")
    dialog.ok_button.click()
    settle(qtbot, 200)
    view.table.selectRow(view.model.row_of(lambda t: t.test_id == test))
    settle(qtbot)
    assert view.external_results_button.isEnabled() and view.complete_external_button.isEnabled()
    view.external_results_button.click()
    results = view.results_dialog
    qtbot.waitUntil(lambda: results.isVisible() and "rm" in results.values, timeout=5000)
    assert results.provider.text() == "LPM Milano"
    results.values["rm"].setText("498")
    results.save_button.click()
    qtbot.waitUntil(lambda: not results.isVisible(), timeout=5000)
    view.complete_external_button.click()
    settle(qtbot, 200)
    assert status(db, test) == ("completed", 1)
