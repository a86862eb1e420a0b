"""A sample label scanned on any lab screen (planning, equipment, catalogue) opens that sample's
history in the Samples area of the real main window; a visitor badge scanned there shows the
Italian refusal on that screen's banner and opens nothing."""

from __future__ import annotations

import pytest
from integration.lab_samples import make_request
from PySide6.QtCore import Qt

from frontdesk.i18n import set_language
from frontdesk.ui.shell.area_view import DeskContext
from frontdesk.ui.shell.main_window import MainWindow
from frontdesk.ui.tasks import wait_for_idle

BADGE = "FDB1.V.AGRBDPA2J577NHEUYCW4ZN6Y5M.R1-000003.20261125.0.TG53IMQN.YBARKORTCLW3DKYHBIX"


@pytest.fixture
def window(qtbot, db, admin):
    made = MainWindow()
    qtbot.addWidget(made)
    made.resize(1280, 860)
    made.show()
    made.attach(DeskContext(db=db, actor=admin, desk="R1", is_demo=False))
    yield made
    wait_for_idle(5000)


def _scan_onto(qtbot, widget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


@pytest.mark.parametrize("area", ["lab_planning", "equipment", "lab_catalogue"])
def test_a_label_scanned_on_a_lab_screen_opens_the_samples_history(qtbot, window, db, area):
    sample = make_request(db, samples=2).samples[1]
    window.show_area(area)
    view = window.view(area)
    qtbot.waitUntil(lambda: window.current_area() == area, timeout=5000)
    _scan_onto(qtbot, view.table, sample.token)  # typed onto the screen's list: the scanner's burst
    qtbot.waitUntil(lambda: window.current_area() == "samples", timeout=5000)
    samples = window.view("samples")
    qtbot.waitUntil(lambda: samples.history.title.text() == sample.lab_id, timeout=5000)
    assert samples.stack.currentWidget() is samples.history and samples.history.sample_id == sample.id


def test_a_badge_scanned_on_a_lab_screen_is_refused_there_in_italian(qtbot, window, db):
    set_language("it")
    try:
        window.show_area("equipment")
        view = window.view("equipment")
        with qtbot.waitSignal(view.label_scan.scan.scan_refused, timeout=5000):
            _scan_onto(qtbot, view.label_scan.field, BADGE)
        assert "badge visitatore" in view.label_scan.banner.message()
        assert window.current_area() == "equipment"
    finally:
        set_language("en")


def test_the_printed_labels_qr_scanned_opens_that_sample(qtbot, window, db):
    """The chain a technician meets: the label PDF as printed, its QR read back from the rendered page
    (zxing-cpp), that text typed by the scanner on the planning screen: the right sample opens."""
    from frontdesk.services.lab.intake_documents import labels_print_job
    from frontdesk.ui import pdf_render

    sample = make_request(db, samples=3).samples[2]
    pdf = labels_print_job(db, sample_ids=[sample.id]).pdf
    (text,) = pdf_render.decode_qr(pdf_render.render_page(pdf, 0, dpi=300))
    window.show_area("lab_planning")
    _scan_onto(qtbot, window.view("lab_planning").table, text)
    qtbot.waitUntil(lambda: window.current_area() == "samples", timeout=5000)
    samples = window.view("samples")
    qtbot.waitUntil(lambda: samples.history.title.text() == sample.lab_id, timeout=5000)
    assert samples.history.sample_id == sample.id
