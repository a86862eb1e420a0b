"""How the Samples screen looks, in Italian with realistic data: the list, and one sample's history
with several custody steps. Saves the screenshots (looked at by a person) and checks that no label
is cut off and no English is left."""

from __future__ import annotations

import datetime as dt

import pytest
from integration.lab_samples import make_request
from screen_helpers import labels_cut_off, styled

from frontdesk.domain.clock import today_in_rome, utcnow
from frontdesk.i18n import set_language
from frontdesk.services.lab.custody import record_custody
from frontdesk.ui.shell.area_view import DeskContext
from frontdesk.ui.tasks import wait_for_idle


@pytest.fixture
def italian(qapp):
    from frontdesk.ui.i18n_qt import install_translators

    set_language("it")
    install_translators("it")
    yield
    set_language("en")
    install_translators("en")


def test_the_samples_list_and_a_history_in_italian(qtbot, db, admin, italian, screenshot):
    from frontdesk.ui.lab.samples_view import SamplesView

    start = utcnow() - dt.timedelta(days=12)
    for i, name in enumerate(("Fonderia Orobica S.r.l.", "Meccanica Seriana S.p.A.", "Trafilerie Brembane S.n.c.")):
        make_request(db, samples=2, company_name=name, at=start + dt.timedelta(days=i))
    made = make_request(db, samples=1, specimens=2, tests=("TENSILE-RT", "HB", "CHARPY-V"),
                        at=start + dt.timedelta(days=4))
    sample = made.samples[0]
    moment = start + dt.timedelta(days=4, hours=1)
    keep = today_in_rome() + dt.timedelta(days=90)
    for kind, extra in (("stored", {"location": "Magazzino A, ripiano 3"}),
                        ("to_test", {"test_id": sample.test_ids[0], "location": "Sala prove, macchina TR-01"}),
                        ("stored", {"location": "Magazzino A, ripiano 3", "notes": "Provette ricavate e marcate"}),
                        ("to_test", {"test_id": sample.test_ids[2], "location": "Pendolo Charpy PC-02"}),
                        ("remnant", {"location": "Armadio residui", "keep_until": keep,
                                     "notes": "Conservare fino all'emissione del rapporto"})):
        moment += dt.timedelta(days=1, hours=2)
        record_custody(db, sample_id=sample.id, kind=kind, actor=admin, now=moment, **extra)

    view = styled(SamplesView(DeskContext(db=db, actor=admin, desk="R1", is_demo=False, language="it")))
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    qtbot.waitUntil(lambda: view.model.rowCount() == 9, timeout=5000)
    wait_for_idle(5000)
    qtbot.wait(200)
    shots = [screenshot(view, "samples-list.png")]
    assert labels_cut_off(view) == []
    with qtbot.waitSignal(view.history.loaded, timeout=5000):
        view.open_sample(sample.id)
    qtbot.wait(200)
    shots.append(screenshot(view, "sample-history.png"))
    assert labels_cut_off(view) == []
    assert view.history.state.text().startswith("Conservato come residuo")
    assert view.history.custody_model.rowCount() == 6
    for tab, name in ((1, "sample-tests.png"), (2, "sample-specimens.png"), (3, "sample-activity.png")):
        view.history.tabs.setCurrentIndex(tab)
        qtbot.wait(100)
        shots.append(screenshot(view, name))
        assert labels_cut_off(view) == []
    dialog = view.history.open_step("remnant")
    qtbot.wait(200)
    shots.append(screenshot(dialog, "custody-dialog.png"))
    dialog.reject()
    assert all(shot.stat().st_size > 10_000 for shot in shots)
    wait_for_idle(5000)
