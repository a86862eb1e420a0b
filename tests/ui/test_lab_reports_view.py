"""The Test reports screen driven as the lab manager would: readiness listed and named, a report
issued in the customer's language, a refusal on the red banner, a revision from its dialog; and
screenshots in Italian."""

from __future__ import annotations

import pytest
from lab_report_rows import job_ids, report_request, set_status, statuses, verify
from screen_helpers import labels_cut_off, styled

from frontdesk.db.models import Company
from frontdesk.i18n import set_language
from frontdesk.services.lab import reports
from frontdesk.ui import tasks
from frontdesk.ui.i18n_qt import install_translators
from frontdesk.ui.lab.reports_view import ReportsView
from frontdesk.ui.shell.area_list import AREAS
from frontdesk.ui.shell.area_view import DeskContext


def settle(qtbot, ms: int = 100) -> None:
    tasks.wait_for_idle()
    qtbot.wait(ms)
    tasks.wait_for_idle()


@pytest.fixture
def lab(db, admin):
    """Two requests: one whose tests are all verified (its customer wants English reports), one
    waiting for its Charpy test."""
    ready = report_request(db, admin, tests=("TENSILE-RT", "HB", "MICRO"))
    sample = ready.samples[0].sample_id
    verify(db, job_ids(db, sample).values())
    with db.begin() as session:
        session.query(Company).filter(Company.name == ready.company_name).one().report_language = "en"
    waiting = report_request(db, admin, tests=("TENSILE-RT", "CHARPY-V"))
    other = waiting.samples[0].sample_id
    tests = job_ids(db, other)
    verify(db, [tests["TENSILE-RT"]])
    set_status(db, tests["CHARPY-V"], "in_progress")
    return {"ready": ready, "waiting": waiting}


def make(qtbot, db, actor) -> ReportsView:
    view = styled(ReportsView(DeskContext(db=db, actor=actor, desk="R1", is_demo=False)))
    qtbot.addWidget(view)
    view.resize(1280, 760)
    view.show()
    view.reload()
    settle(qtbot)
    return view


def _select(view, request_number: str, lab_id: str = "") -> None:
    row = view.scopes.row_of(lambda s: s.request_number == request_number and s.lab_id == lab_id)
    assert row >= 0
    view.scope_table.selectRow(row)


def test_the_area_sits_before_equipment_for_who_issues_reports(admin):
    keys = [area.key for area in AREAS]
    assert keys.index("lab_reports") < keys.index("receipts") < keys.index("equipment")  # the receipts' areas between
    area = AREAS[keys.index("lab_reports")]
    assert area.permission == "issue_reports" and area.title_source == "Test reports"


def test_readiness_is_listed_and_a_report_is_issued_in_the_customers_language(qtbot, db, admin, lab):
    view = make(qtbot, db, admin)
    ready, waiting = lab["ready"], lab["waiting"]
    rows = {(s.request_number, s.lab_id): view._state(s) for s in view.scopes.rows()}
    assert rows[(ready.number, ready.samples[0].lab_id)] == "Ready to report"
    assert "Waiting for 1 test(s)" in rows[(waiting.number, "")] and "Charpy" in rows[(waiting.number, "")]
    _select(view, ready.number, ready.samples[0].lab_id)
    assert view.language.currentData() == "en"
    # the request asked for a statement of conformity: its outcome is asked before the report is issued
    assert view.verdict.isVisible() and view.verdict.currentData() == ""
    view.verdict.setCurrentIndex(view.verdict.findData("does_not_conform"))
    with qtbot.waitSignal(view.report_issued, timeout=10_000) as issued:
        view.issue_button.click()
    settle(qtbot)
    summary = issued.args[0]
    assert summary.language == "en" and view.issued.row_of(lambda r: r.id == summary.id) >= 0
    assert set(statuses(db, ready.samples[0].sample_id).values()) == {"reported"}
    assert reports.report_content(db, report_id=summary.id).conformity.verdict == "does_not_conform"


def test_the_outcome_of_conformity_is_asked_only_where_the_request_asked_for_it(qtbot, db, admin, lab,
                                                                                  shown_errors):
    plain = report_request(db, admin, conformity=False)
    view = make(qtbot, db, admin)
    _select(view, plain.number)
    assert not view.verdict.isVisible()
    ready = lab["ready"]
    _select(view, ready.number, ready.samples[0].lab_id)
    view.issue_button.click()  # no outcome chosen: refused, nothing issued
    settle(qtbot)
    assert shown_errors and "statement of conformity" in shown_errors[-1]
    assert reports.issued_reports(db) == ()


def test_a_report_asked_too_early_is_refused_on_the_banner_and_nothing_changes(qtbot, db, admin, lab, shown_errors):
    view = make(qtbot, db, admin)
    waiting = lab["waiting"]
    before = statuses(db, waiting.samples[0].sample_id)
    _select(view, waiting.number)
    view.issue_button.click()
    settle(qtbot)
    assert shown_errors and "not verified yet" in shown_errors[-1] and "Charpy" in shown_errors[-1]
    assert reports.issued_reports(db) == () and statuses(db, waiting.samples[0].sample_id) == before


def test_a_revision_is_issued_from_its_dialog_and_the_original_says_it_is_replaced(qtbot, db, admin, lab):
    ready = lab["ready"]
    original = reports.issue_report(db, request_id=ready.request_id, sample_id=None, language="it", actor=admin,
                                    verdict="conforms")
    view = make(qtbot, db, admin)
    view.report_table.selectRow(view.issued.row_of(lambda r: r.id == original.id))
    dialog = view.revise()
    assert not dialog.ok_button.isEnabled()
    dialog.changes.setPlainText("Indirizzo del cliente corretto")
    assert not dialog.ok_button.isEnabled()  # why is required too
    dialog.reason.setPlainText("Errore di trascrizione")
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(view.report_issued, timeout=10_000) as issued:
        dialog.accept()
    settle(qtbot)
    assert issued.args[0].report_id == f"{original.number} rev. 1"
    row = view.issued.row_of(lambda r: r.id == original.id)
    assert view.issued.value(row).replaced_by == f"{original.number} rev. 1"


@pytest.fixture
def italian(qapp):
    set_language("it")
    install_translators("it")
    yield
    set_language("en")
    install_translators("en")


def test_screenshot_in_italian(qtbot, db, admin, lab, italian, screenshots_folder):
    ready = lab["ready"]
    original = reports.issue_report(db, request_id=ready.request_id, sample_id=None, language="it", actor=admin,
                                    verdict="conforms")
    reports.revise_report(db, report_id=original.id, reason="Errore di trascrizione", changes="Rm corretto",
                          actor=admin)
    view = make(qtbot, db, admin)
    assert labels_cut_off(view) == []
    texts = [view._state(s) for s in view.scopes.rows()]
    assert any(t.startswith("In attesa di 1 prova") for t in texts)
    view.grab().save(str(screenshots_folder / "lab_reports.png"))
    view.revise().grab().save(str(screenshots_folder / "lab_report_revise.png"))


def test_the_company_form_sets_the_language_of_its_test_reports(qtbot, db, admin):
    import dataclasses

    from lab_helpers import customer

    from frontdesk.domain.errors import ValidationError
    from frontdesk.services.registry.companies import CompanyInput, search_companies, update_company
    from frontdesk.ui.registry.company_dialog import CompanyDialog

    company, _person = customer(db, admin)
    assert company.report_language == "it"
    dialog = CompanyDialog(db, admin, company)
    qtbot.addWidget(dialog)
    assert dialog.report_language.currentData() == "it"
    dialog.report_language.setCurrentIndex(dialog.report_language.findData("en"))
    dialog._on_save_button_clicked()
    settle(qtbot)
    assert dialog.saved is not None and dialog.saved.report_language == "en"
    assert search_companies(db, query="officine")[0].report_language == "en"
    with pytest.raises(ValidationError):
        update_company(db, company_id=company.id, actor=admin, data=dataclasses.replace(
            CompanyInput(name=company.name, vat_number=company.vat_number), report_language="de"))
    assert search_companies(db, query="officine")[0].report_language == "en"


def test_a_report_is_previewed_and_a_mail_server_down_is_shown_on_the_banner(qtbot, db, admin, lab, shown_errors):
    import socket

    from frontdesk.services.desk.settings import update_settings

    ready = lab["ready"]
    reports.issue_report(db, request_id=ready.request_id, sample_id=None, language="en", actor=admin,
                         verdict="conforms")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    update_settings(db, changes={"smtp_host": "127.0.0.1", "smtp_port": port}, actor=admin)
    view = make(qtbot, db, admin)
    with qtbot.waitSignal(view.preview_opened, timeout=20_000) as opened:
        view.preview_button.click()
    opened.args[0].close()
    view.send_button.click()
    qtbot.waitUntil(lambda: bool(shown_errors), timeout=20_000)
    assert "could not be sent by e-mail" in shown_errors[-1] and "nothing was recorded as sent" in shown_errors[-1]
    settle(qtbot)
