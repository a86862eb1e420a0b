"""The Companies and visitors screen driven with qtbot on a real SQLite file."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from frontdesk.services.registry import companies as companies_service
from frontdesk.services.registry.companies import search_companies
from frontdesk.services.registry.visitors import search_visitors
from frontdesk.ui import tasks
from frontdesk.ui.registry import companies_view
from frontdesk.ui.registry.companies_view import CompaniesView
from frontdesk.ui.shell.area_view import DeskContext


def type_text(widget, text: str) -> None:
    """Type like a keyboard, accents included (qtbot.keyClicks aborts on non-ASCII)."""
    widget.setFocus()
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def settle(qtbot, ms: int = 200) -> None:
    """Let the debounce timer fire and the background work deliver."""
    qtbot.wait(ms)
    tasks.wait_for_idle()


@pytest.fixture
def view(qtbot, db, admin, office):
    widget = CompaniesView(DeskContext(db=db, actor=admin, desk="R1", is_demo=False))
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    widget.reload()
    tasks.wait_for_idle()
    yield widget
    tasks.wait_for_idle()


def names(model) -> list[str]:
    return [getattr(v, "name", None) or f"{v.first_name} {v.last_name}" for v in model.rows()]


def test_typing_ascii_finds_companies_and_visitors(qtbot, view):
    qtbot.keyClicks(view.search, "rota")
    settle(qtbot)
    assert names(view.company_model) == ["Carpenteria Rota & Figli S.n.c."]
    assert names(view.visitor_model) == ["Luca Rota"]
    assert view.tabs.tabText(0) == "Companies (1)" and view.tabs.tabText(1) == "Visitors (1)"


def test_tab_titles_give_true_counts_when_the_list_shows_only_the_first_rows(qtbot, view, monkeypatch):
    from frontdesk.ui.registry import companies_view

    assert view.tabs.tabText(1) == "Visitors"  # nothing typed: no visitor listed, no count pretended
    every = len(search_companies(view._db, query="", limit=10_000))
    assert view.tabs.tabText(0) == f"Companies ({every})"
    monkeypatch.setattr(companies_view, "LIMIT", 2)
    qtbot.keyClicks(view.search, "s")
    settle(qtbot)
    companies = len(search_companies(view._db, query="s", limit=10_000))
    assert companies > 2  # more than a page
    qtbot.waitUntil(lambda: view.tabs.tabText(0) == f"Companies (2 of {companies})", timeout=3000)
    view.search.clear()
    qtbot.keyClicks(view.search, "g")  # Giulia, Gritti, Ghisleni
    settle(qtbot)
    visitors = len(search_visitors(view._db, query="g", limit=10_000))
    assert visitors > 2
    qtbot.waitUntil(lambda: view.tabs.tabText(1) == f"Visitors (2 of {visitors})", timeout=3000)


def test_typing_accented_text_finds_folded_names(qtbot, view):
    type_text(view.search, "Nicolò")
    settle(qtbot)
    assert view.search.text() == "Nicolò"
    assert "Nicolò D'Alessandro" in names(view.visitor_model)
    assert names(view.company_model) == ["Panificio Nicolò Locatelli"]
    view.search.clear()
    qtbot.keyClicks(view.search, "dalessandro")
    settle(qtbot)
    assert names(view.visitor_model) == ["Nicolò D'Alessandro"]
    assert names(view.company_model) == ["Trasporti D'Alessandro S.r.l."]


def test_visitors_come_most_recent_visit_first(qtbot, view):
    qtbot.keyClicks(view.search, "g")
    settle(qtbot)
    visits = [v.last_visit_at for v in view.visitor_model.rows()]
    assert len(visits) >= 3 and visits == sorted(visits, reverse=True)


def test_keystrokes_are_debounced_into_one_search(qtbot, view, monkeypatch):
    calls = []
    monkeypatch.setattr(companies_view, "search_companies", lambda db, *, query, limit: calls.append(query) or [])
    qtbot.keyClicks(view.search, "carp")
    settle(qtbot, 300)
    assert calls == ["carp"]


def test_the_newest_query_wins_over_a_slow_older_one(qtbot, view, monkeypatch):
    def slow_then_fast(db, *, query, limit):
        if query == "a":
            time.sleep(0.6)  # the older query answers last
        return search_companies(db, query=query, limit=limit)

    monkeypatch.setattr(companies_view, "search_companies", slow_then_fast)
    view.search.setText("a")
    view._run_search()
    view.search.setText("acc")
    view._run_search()
    tasks.wait_for_idle()
    qtbot.wait(50)
    assert names(view.company_model) == ["Acciaierie Bergamasche S.p.A."]


def test_selecting_a_company_shows_its_details_and_people(qtbot, view):
    qtbot.keyClicks(view.search, "acciaierie")
    settle(qtbot)
    view.company_table.selectRow(0)
    tasks.wait_for_idle()
    assert view.detail_title.text() == "Acciaierie Bergamasche S.p.A."
    assert view.detail_fields["vat"].text() == "00743110157"
    assert view.detail_fields["association"].text() == "Confindustria Bergamo"
    assert sorted(names(view.staff_model)) == ["Giulia Bonomi", "Nicolò D'Alessandro", "Paolo Ghisleni"]


def _company_count(db) -> int:
    return len(search_companies(db, query="", limit=1000))


def test_invalid_partita_iva_is_shown_beside_the_field_and_nothing_is_saved(qtbot, view, db):
    before = _company_count(db)
    dialog = view._on_new_company_button_clicked()
    qtbot.keyClicks(dialog.name, "Fonderia Brembana")
    qtbot.keyClicks(dialog.vat, "12345678901")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    tasks.wait_for_idle()
    assert dialog.isVisible()
    assert "not the code of an Italian tax office" in dialog.errors.message("vat_number")
    assert dialog.findChild(type(dialog.form_error), "error_vat_number").isVisible()
    assert _company_count(db) == before
    dialog.reject()


def test_a_valid_company_is_saved_and_selected(qtbot, view, db):
    dialog = view._on_new_company_button_clicked()
    qtbot.keyClicks(dialog.name, "Fonderia Brembana S.r.l.")
    qtbot.keyClicks(dialog.vat, "IT 03456780125")
    qtbot.keyClicks(dialog.city, "Ponte San Pietro")
    qtbot.waitUntil(lambda: dialog.association.count() > 1)
    dialog.association.setCurrentIndex(dialog.association.findText("CNA Bergamo"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    tasks.wait_for_idle()
    assert not dialog.isVisible() and dialog.saved is not None
    saved = search_companies(db, query="brembana")
    assert [(c.name, c.vat_number, c.association_name) for c in saved] == [
        ("Fonderia Brembana S.r.l.", "03456780125", "CNA Bergamo")]
    settle(qtbot, 250)
    assert view.current_company() is not None and view.current_company().id == saved[0].id


def test_a_likely_duplicate_is_shown_and_the_existing_one_can_be_used(qtbot, view, db, office):
    existing = office["companies"][0]
    before = _company_count(db)
    dialog = view._on_new_company_button_clicked()
    qtbot.keyClicks(dialog.name, "Acciaierie Bergamasche")
    qtbot.keyClicks(dialog.vat, "00743110157")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    tasks.wait_for_idle()
    assert dialog.duplicates.isVisible()
    assert dialog.duplicate_list.count() == 1
    assert dialog.duplicate_list.item(0).text().startswith("Acciaierie Bergamasche S.p.A.")
    assert not dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.use_existing_button, Qt.MouseButton.LeftButton)
    assert dialog.chosen.id == existing.id and dialog.saved is None
    settle(qtbot, 250)
    assert _company_count(db) == before
    assert view.current_company().id == existing.id


def test_save_anyway_keeps_a_second_branch(qtbot, view, db):
    before = _company_count(db)
    dialog = view._on_new_company_button_clicked()
    qtbot.keyClicks(dialog.name, "Acciaierie Bergamasche - filiale di Lecco")
    qtbot.keyClicks(dialog.vat, "00743110157")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    tasks.wait_for_idle()
    assert dialog.duplicates.isVisible()
    qtbot.mouseClick(dialog.save_anyway_button, Qt.MouseButton.LeftButton)
    tasks.wait_for_idle()
    assert dialog.saved is not None and _company_count(db) == before + 1


def test_a_ten_thousand_character_name_is_refused_with_a_message(qtbot, view, db):
    before = _company_count(db)
    dialog = view._on_new_company_button_clicked()
    dialog.name.setText("A" * 10_000)
    dialog.kind.setCurrentIndex(dialog.kind.findData("foreign"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    tasks.wait_for_idle()
    assert dialog.isVisible()
    assert "too long" in dialog.errors.message("name")
    assert _company_count(db) == before
    dialog.reject()


def test_sql_and_control_characters_are_stored_harmlessly(qtbot, view, db):
    nasty = "Robert'); DROP TABLE company;--\x07\x00 \u202eSrl"
    dialog = view._on_new_company_button_clicked()
    dialog.name.setText(nasty)
    dialog.kind.setCurrentIndex(dialog.kind.findData("foreign"))
    dialog.notes.setPlainText("line one\x1b[31m\nline two; DELETE FROM visitor;")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    tasks.wait_for_idle()
    assert dialog.saved is not None, dialog.form_error.text()
    saved = companies_service.get_company(db, company_id=dialog.saved.id)
    assert saved.name == "Robert'); DROP TABLE company;-- Srl"
    assert saved.notes == "line one[31m\nline two; DELETE FROM visitor;"
    assert [c.id for c in search_companies(db, query="robert")] == [saved.id]
    assert search_visitors(db, query="rota")  # the visitor table is still there


def test_an_empty_company_name_is_refused(qtbot, view, db):
    dialog = view._on_new_company_button_clicked()
    dialog.kind.setCurrentIndex(dialog.kind.findData("foreign"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    tasks.wait_for_idle()
    assert "required" in dialog.errors.message("name")
    dialog.reject()


def test_editing_a_company_changes_it(qtbot, view, db, office):
    qtbot.keyClicks(view.search, "zanetti")
    settle(qtbot)
    view.company_table.selectRow(0)
    dialog = view._on_edit_company_button_clicked()
    qtbot.waitUntil(lambda: dialog.association.count() > 1)
    assert dialog.association.currentText() == "Confimi Apindustria Bergamo"
    dialog.city.setText("Curno")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    tasks.wait_for_idle()
    assert companies_service.get_company(db, company_id=office["companies"][1].id).city == "Curno"
    settle(qtbot, 250)
    assert view.detail_fields["address"].text().endswith("Curno")


def test_a_new_visitor_is_saved_with_the_company_picked_by_typing(qtbot, view, db):
    dialog = view._on_new_visitor_button_clicked()
    type_text(dialog.first_name, "Nicolò")
    qtbot.keyClicks(dialog.last_name, "Brevi")
    qtbot.keyClicks(dialog.company, "carpen")
    settle(qtbot, 250)
    assert [c.name for c in dialog.company.candidates()] == ["Carpenteria Rota & Figli S.n.c."]
    dialog.company.choose(0)
    assert dialog.company.text() == "Carpenteria Rota & Figli S.n.c."
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    tasks.wait_for_idle()
    assert dialog.saved is not None
    found = search_visitors(db, query="brevi")
    assert [(v.first_name, v.company_name) for v in found] == [("Nicolò", "Carpenteria Rota & Figli S.n.c.")]


def test_a_visitor_without_first_name_or_with_an_unchosen_company_is_refused(qtbot, view, db):
    dialog = view._on_new_visitor_button_clicked()
    qtbot.keyClicks(dialog.last_name, "Solo")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    tasks.wait_for_idle()
    assert "required" in dialog.errors.message("first_name")
    qtbot.keyClicks(dialog.first_name, "Gianni")
    qtbot.keyClicks(dialog.company, "Ditta che non esiste")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    tasks.wait_for_idle()
    assert dialog.errors.message("company")
    assert search_visitors(db, query="solo") == []
    dialog.reject()


def test_new_visitor_for_the_selected_company(qtbot, view, db, office):
    qtbot.keyClicks(view.search, "innesto")
    settle(qtbot)
    view.company_table.selectRow(0)
    tasks.wait_for_idle()
    dialog = view._on_add_person_button_clicked()
    assert dialog.company.company().name == "Cooperativa Sociale L'Innesto"
    qtbot.keyClicks(dialog.first_name, "Sara")
    qtbot.keyClicks(dialog.last_name, "Gamba")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    tasks.wait_for_idle()
    settle(qtbot, 100)
    assert "Sara Gamba" in names(view.staff_model)


def test_table_models_pass_the_model_tester(qtbot, qtmodeltester, view):
    qtbot.keyClicks(view.search, "a")
    settle(qtbot)
    view.company_table.selectRow(0)
    tasks.wait_for_idle()
    for model in (view.company_model, view.visitor_model, view.staff_model):
        assert model.rowCount() > 0
        qtmodeltester.check(model, force_py=True)


def test_the_company_list_gets_most_of_the_width_and_the_detail_the_rest(qtbot, view):
    qtbot.waitUntil(lambda: sum(view.splitter.sizes()) > 0)
    list_width, detail_width = view.splitter.sizes()
    assert list_width >= 1.5 * detail_width  # names are not cut while the detail panel sits half empty
    view.splitter.setSizes([300, sum(view.splitter.sizes()) - 300])  # a drag by the user is kept
    view.resize(1200, 700)
    qtbot.wait(50)
    assert view.splitter.sizes()[0] < view.splitter.sizes()[1]
