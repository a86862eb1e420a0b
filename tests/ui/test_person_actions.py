"""History, export and erasure of one person from the Companies and visitors screen."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QInputDialog, QMessageBox

from frontdesk.domain.roles import Role
from frontdesk.services.registry.visitors import search_visitors
from frontdesk.services.staff import accounts as staff
from frontdesk.ui import tasks
from frontdesk.ui.registry.companies_view import CompaniesView
from frontdesk.ui.shell.area_view import DeskContext


def _view(qtbot, db, actor):
    widget = CompaniesView(DeskContext(db=db, actor=actor, desk="R1", is_demo=False))
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    widget.reload()
    tasks.wait_for_idle()
    return widget


def _select_first_visitor(qtbot, view, text):
    qtbot.keyClicks(view.search, text)
    qtbot.wait(250)
    tasks.wait_for_idle()
    view.tabs.setCurrentIndex(1)
    view.visitor_table.setCurrentIndex(view.visitor_model.index(0, 0))
    return view.visitor_model.value(0)


def test_admin_exports_and_erases_a_person(qtbot, db, admin, office, monkeypatch):
    view = _view(qtbot, db, admin)
    actions = view.visitor_actions
    assert not actions.export_button.isHidden() and not actions.erase_button.isHidden()
    person = _select_first_visitor(qtbot, view, "rota")
    actions.export_button.click()
    tasks.wait_for_idle()
    path = actions.last_export
    assert path is not None and path.exists() and path.suffix == ".pdf"
    assert "Rota" not in path.name  # nothing personal in file names
    data = json.loads(path.with_suffix(".json").read_text())
    assert "Rota" in json.dumps(data, ensure_ascii=False)
    actions.history_button.click()
    assert actions.dialog is not None and actions.dialog.isVisible()
    tasks.wait_for_idle()
    actions.dialog.close()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("richiesta n. 12", True))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    actions.erase_button.click()
    tasks.wait_for_idle()
    assert [v.id for v in search_visitors(db, query="rota")] == []
    assert person.id not in [v.id for v in search_visitors(db, query="anonimo")]  # anonymised people are not searchable


def test_reception_sees_no_privacy_or_history_actions(qtbot, db, admin, office):
    owner = staff.set_first_admin_password(db, password="admin-password").actor
    staff.create_staff(db, username="giulia", display_name="Giulia", role=Role.RECEPTION, password="reception-pw",
                       actor=owner)
    reception = staff.sign_in(db, username="giulia", password="reception-pw").actor
    view = _view(qtbot, db, reception)
    actions = view.visitor_actions
    assert actions.export_button.isHidden()
    assert actions.erase_button.isHidden()
    assert actions.history_button.isHidden()


def test_the_erasure_message_says_the_persons_receipts_are_kept(qtbot, db, admin, monkeypatch):
    """A private customer's receipts stay (fiscal records, ten years): the message after the erasure
    says which, in Italian."""
    from decimal import Decimal

    from frontdesk.domain.receipts.receipt import LineInput
    from frontdesk.i18n import set_language
    from frontdesk.services.receipts.issue import issue_receipt
    from frontdesk.services.registry.companies import CompanyInput, create_company
    from frontdesk.services.registry.visitors import VisitorInput, create_visitor
    from frontdesk.ui.i18n_qt import install_translators

    set_language("it")
    install_translators("it")
    try:
        person = create_company(db, data=CompanyInput(kind="private", first_name="Zeno", last_name="Quarenghi",
                                                      address="Via Tasso 8", postcode="24121", city="Bergamo",
                                                      province="BG"), actor=admin, allow_duplicate=True)
        create_visitor(db, data=VisitorInput(first_name="Zeno", last_name="Quarenghi", company_id=person.id),
                       actor=admin)
        receipt = issue_receipt(db, company_id=person.id, payment="card", actor=admin,
                                lines=(LineInput("Sala riunioni", Decimal("1"), Decimal("120.00"), vat_rate="22"),))
        view = _view(qtbot, db, admin)
        _select_first_visitor(qtbot, view, "quarenghi")
        shown = []
        monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("richiesta n. 13", True))
        monkeypatch.setattr(QMessageBox, "information", lambda _parent, title, text: shown.append((title, text)))
        view.visitor_actions.erase_button.click()
        tasks.wait_for_idle()
        qtbot.waitUntil(lambda: bool(shown), timeout=5_000)
        title, text = shown[0]
        assert title == "Cancella dati personali"
        assert text.startswith("I dati personali sono stati cancellati.")
        assert f"La ricevuta {receipt.number} intestata a questa persona è conservata per dieci anni" in text
    finally:
        install_translators("en")
        set_language("en")
