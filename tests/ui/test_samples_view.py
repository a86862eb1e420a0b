"""The Samples screen with real widgets: the lazily fetched list, a scanned label opening the right
sample's history, a badge or another lab's label refused on the banner with nothing opened, and a
custody step recorded from the history (and refused beside its field)."""

from __future__ import annotations

import datetime as dt

import pytest
from integration.lab_samples import make_request
from PySide6.QtCore import Qt

from frontdesk.domain.clock import utcnow
from frontdesk.domain.lab import sample_tokens
from frontdesk.i18n import set_language
from frontdesk.services.lab.custody import record_custody
from frontdesk.ui.shell.area_view import DeskContext
from frontdesk.ui.tasks import wait_for_idle

BADGE = "FDB1.V.AGRBDPA2J577NHEUYCW4ZN6Y5M.R1-000003.20261125.0.TG53IMQN.YBARKORTCLW3DKYHBIX"


@pytest.fixture
def lab(db, admin, qapp):
    first = make_request(db, samples=2, company_name="Fonderia Orobica S.r.l.")
    second = make_request(db, samples=1, specimens=2)
    return first, second


@pytest.fixture
def view(qtbot, db, admin, lab):
    from frontdesk.ui.lab.samples_view import SamplesView

    widget = SamplesView(DeskContext(db=db, actor=admin, desk="R1", is_demo=False))
    qtbot.addWidget(widget)
    widget.resize(1280, 760)
    widget.show()
    qtbot.waitUntil(lambda: widget.model.rowCount() == 5, timeout=5000)
    yield widget
    wait_for_idle(5000)


def _scan(qtbot, widget, text: str) -> None:
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def test_the_list_is_newest_first_and_a_sound_lazy_model(qtmodeltester, view):
    assert [view.model.value(i).lab_id for i in range(5)] == ["R1-000003-2", "R1-000003-1", "R1-000003",
                                                              "R1-000002", "R1-000001"]
    assert view.model.value(0).company_name == "Acciaierie Bergamasche S.p.A."
    qtmodeltester.check(view.model)


def test_the_list_fetches_more_as_it_scrolls(qtbot, view):
    pages = []
    view.model.page_loaded.connect(pages.append)
    view.model.page_size = 2
    view.reload()  # the table asks for more while it has room (canFetchMore/fetchMore), a page at a time
    qtbot.waitUntil(lambda: view.model.rowCount() == 5, timeout=5000)
    assert pages == [2, 4, 5] and not view.model.canFetchMore()


def test_searching_by_company(qtbot, view):
    qtbot.keyClicks(view.search, "fonder")
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=5000)
    assert {view.model.value(i).company_name for i in range(2)} == {"Fonderia Orobica S.r.l."}


def test_a_scanned_label_opens_the_history_of_its_sample(qtbot, view, lab):
    sample = lab[1].samples[0]
    with qtbot.waitSignal(view.history.loaded, timeout=5000) as loaded:
        _scan(qtbot, view.search, sample.token)
    assert loaded.args[0].id == sample.id
    assert view.stack.currentWidget() is view.history and view.history.title.text() == sample.lab_id
    assert view.search.text() == "" and view.banner.kind() == ""
    assert view.history.custody_model.rowCount() == 1 and view.history.related_model.rowCount() == 2
    assert view.history.request_fields["company"].text() == "Acciaierie Bergamasche S.p.A."


def test_a_label_scanned_while_the_list_has_the_focus_opens_it_too(qtbot, view, lab):
    sample = lab[0].samples[1]
    view.table.setFocus()
    with qtbot.waitSignal(view.history.loaded, timeout=5000) as loaded:
        _scan(qtbot, view.table, sample.token)
    assert loaded.args[0].lab_id == sample.lab_id


@pytest.mark.parametrize("language", ["en", "it"])
def test_a_badge_or_another_labs_label_shows_why_and_opens_nothing(qtbot, view, lab, language):
    set_language(language)
    try:
        foreign = sample_tokens.issue(sample_tokens.SampleClaim(lab[0].samples[0].id, "X9-000001", "OTHER"), b"k" * 32)
        for text, english, italian in ((BADGE, "visitor badge", "badge visitatore"),
                                       (foreign, "not printed by this lab", "non è stata stampata")):
            with qtbot.waitSignal(view.scan.scan_refused, timeout=5000):
                _scan(qtbot, view.search, text)
            assert view.banner.kind() == "error"
            assert (english if language == "en" else italian) in view.banner.message()
            assert view.stack.currentIndex() == 0 and view.history.sample_id is None
    finally:
        set_language("en")


def test_recording_a_custody_step_from_the_history(qtbot, view, lab):
    sample = lab[0].samples[0]
    with qtbot.waitSignal(view.history.loaded, timeout=5000):
        view.open_sample(sample.id)
    history = view.history
    assert history.step_buttons["stored"].isEnabled() and not history.step_buttons["received"].isVisible()
    dialog = history.open_step("stored")
    dialog.save_button.click()  # no location: refused beside the field, nothing written
    qtbot.waitUntil(lambda: dialog.errors.message("location") != "", timeout=5000)
    assert "where the sample is stored" in dialog.errors.message("location") and dialog.isVisible()
    qtbot.keyClicks(dialog.location, "Magazzino A, ripiano 3")
    with qtbot.waitSignal(history.loaded, timeout=5000) as loaded:
        dialog.save_button.click()
    assert not dialog.isVisible()
    shown = loaded.args[0]
    assert [s.kind for s in shown.custody] == ["stored", "received"]
    assert history.custody_model.rowCount() == 2 and "Magazzino A" in history.state.text()

    dialog = history.open_step("disposed")
    with qtbot.waitSignal(history.loaded, timeout=5000):
        dialog.save_button.click()
    assert not any(b.isEnabled() for b in history.step_buttons.values())  # nothing follows a disposal


def test_older_custody_steps_load_on_request(qtbot, view, lab, db, admin):
    sample = lab[0].samples[0]
    start = utcnow() + dt.timedelta(minutes=1)
    for i in range(55):
        record_custody(db, sample_id=sample.id, kind="stored", location=f"Scaffale {i}", actor=admin,
                       now=start + dt.timedelta(seconds=i))
    with qtbot.waitSignal(view.history.loaded, timeout=5000):
        view.open_sample(sample.id)
    history = view.history
    assert history.custody_model.rowCount() == 50 and history.more_button.isVisible()
    history.more_button.click()
    qtbot.waitUntil(lambda: history.custody_model.rowCount() == 56, timeout=5000)
    assert history.custody_model.value(55).kind == "received" and not history.more_button.isVisible()


def test_a_scan_while_a_history_is_shown_opens_the_other_sample(qtbot, view, lab):
    first, second = lab[0].samples[0], lab[1].samples[0]
    with qtbot.waitSignal(view.history.loaded, timeout=5000):
        view.open_sample(first.id)
    button = view.history.step_buttons["stored"]
    button.setFocus()
    with qtbot.waitSignal(view.history.loaded, timeout=5000) as loaded:
        _scan(qtbot, button, second.token)  # typed by the scanner while a button had the focus
    assert loaded.args[0].id == second.id and view.stack.currentWidget() is view.history
    assert view.history.isVisible() and view.history.title.text() == second.lab_id
