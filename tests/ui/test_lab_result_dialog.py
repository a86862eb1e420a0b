"""The result dialog (issue 14, point 2): generated from the test type's fields and conditions, units
beside the fields and ranges hinted, the planned machine preselected; a refusal in red in the dialog
with nothing saved; a new version asks for its reason; raw files attached and listed with their size."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QDialog, QLabel

sys.path.insert(0, str(Path(__file__).parents[1] / "integration"))
from lab_runs import put_status, tensile_tests
from screen_helpers import labels_cut_off, styled

from frontdesk.i18n import set_language
from frontdesk.services.lab.results import attachments, latest_result, result_history
from frontdesk.services.lab.review import subcontract_test
from frontdesk.ui import tasks
from frontdesk.ui.i18n_qt import install_translators
from frontdesk.ui.lab.result_dialog import ResultDialog
from frontdesk.ui.shell.area_view import DeskContext


def settle(qtbot, ms: int = 100) -> None:
    tasks.wait_for_idle()
    qtbot.wait(ms)
    tasks.wait_for_idle()


def open_dialog(qtbot, db, actor, test_id) -> ResultDialog:
    dialog = styled(ResultDialog(DeskContext(db=db, actor=actor, desk="R1", is_demo=False), test_id))
    qtbot.addWidget(dialog)
    dialog.show()
    settle(qtbot)
    return dialog


def texts(dialog) -> list[str]:
    return [label.text() for label in dialog.findChildren(QLabel) if label.isVisible()]


def test_the_dialog_is_made_from_the_fields_and_saves_a_result(qtbot, db, admin, screenshot):
    [test] = tensile_tests(db, admin)
    dialog = open_dialog(qtbot, db, admin, test)
    assert set(dialog.values) == {"reh", "rel", "rp02", "rm", "a", "z"}
    assert {"MPa", "°C", "0–3000 MPa", "10–35 °C"} <= set(texts(dialog))
    assert dialog.uncertainties["rm"].placeholderText() == "± 1.5 %"
    assert dialog.machine.currentText() == "TR-01 — Zwick Z250 — SN 190233"
    assert not dialog.reason.isVisible()
    dialog.values["rm"].setText("512")
    dialog.values["rp02"].setText("361")
    dialog.conditions["temperature"].setText("23")
    dialog.deviations.setPlainText("Provetta ridotta")
    dialog.save_button.click()
    settle(qtbot)
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = latest_result(db, test_id=test)
    assert [(r.code, r.value) for r in saved.readings] == [("rp02", "361"), ("rm", "512")]
    assert saved.deviations == "Provetta ridotta" and saved.conditions == {"temperature": "23"}


def test_a_refusal_is_shown_in_red_in_the_dialog_and_nothing_saved(qtbot, db, admin, screenshot):
    [test] = tensile_tests(db, admin)
    set_language("it")
    install_translators("it")
    try:
        dialog = open_dialog(qtbot, db, admin, test)
        dialog.values["rm"].setText("512 HBW")
        dialog.conditions["temperature"].setText("23")
        dialog.save_button.click()
        settle(qtbot)
        assert dialog.isVisible() and dialog.refusal.isVisible()
        assert dialog.refusal.text() == "Resistenza a trazione Rm è in MPa, non in HBW: inserisci il valore in MPa."
        assert latest_result(db, test_id=test) is None
        dialog.values["rm"].setText("5120")
        dialog.save_button.click()
        settle(qtbot)
        assert "fuori intervallo (0–3000 MPa)" in dialog.refusal.text()
        assert labels_cut_off(dialog) == []
        screenshot(dialog, "lab_result_dialog_refused_it.png")
    finally:
        install_translators("en")


def test_a_new_version_asks_its_reason_and_starts_from_the_last_one(qtbot, db, admin, screenshot):
    [test] = tensile_tests(db, admin)
    first = open_dialog(qtbot, db, admin, test)
    first.values["rm"].setText("512")
    first.uncertainties["rm"].setText("9")
    first.conditions["temperature"].setText("23")
    first.save_button.click()
    settle(qtbot)
    put_status(db, test, "completed")
    again = open_dialog(qtbot, db, admin, test)
    assert again.reason.isVisible()
    assert (again.values["rm"].text(), again.uncertainties["rm"].text()) == ("512", "9")
    again.values["rm"].setText("515")
    again.save_button.click()
    settle(qtbot)
    assert again.refusal.text() == "A result already exists: say why this new version replaces it."
    again.reason.setText("Errore di trascrizione")
    again.save_button.click()
    settle(qtbot)
    assert [v.version for v in result_history(db, test_id=test)] == [1, 2]


def test_raw_files_are_attached_and_listed_with_their_size(qtbot, db, admin, tmp_path):
    [test] = tensile_tests(db, admin)
    curve = tmp_path / "curva.csv"
    curve.write_bytes(b"F;dL\n" * 3000)
    empty = tmp_path / "vuoto.csv"
    empty.write_bytes(b"")
    dialog = open_dialog(qtbot, db, admin, test)
    dialog.add_files([curve, empty])
    settle(qtbot)
    assert [f.filename for f in attachments(db, test_id=test)] == ["curva.csv"]
    assert dialog.files_model.index(0, 1).data() == "15.0 kB"
    assert dialog.refusal.text() == "The file is empty: nothing to attach."


def test_a_subcontracted_test_asks_for_the_external_lab_not_the_machine(qtbot, db, admin):
    [test] = tensile_tests(db, admin, status="scheduled")
    subcontract_test(db, test_id=test, subcontractor="LPM Milano", actor=admin)
    dialog = open_dialog(qtbot, db, admin, test)
    assert dialog.provider.isVisible() and not dialog.machine.isVisible()
    assert dialog.provider.text() == "LPM Milano"
    dialog.values["rm"].setText("498")
    dialog.save_button.click()
    settle(qtbot)
    saved = latest_result(db, test_id=test)
    assert (saved.external, saved.provider) == (True, "LPM Milano")

