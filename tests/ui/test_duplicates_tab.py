"""The Likely duplicates tab of Companies and visitors, driven with qtbot on a real SQLite file:
listed, in Italian, reached and opened with the keyboard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from frontdesk.services.registry.companies import CompanyInput, create_company
from frontdesk.services.registry.visitors import VisitorInput, create_visitor
from frontdesk.ui import tasks
from frontdesk.ui.registry.companies_view import CompaniesView
from frontdesk.ui.registry.visitor_dialog import VisitorDialog
from frontdesk.ui.shell.area_view import DeskContext


@pytest.fixture
def doubles(db, admin, office):
    """The office, plus a company entered again at another desk and a visitor entered twice."""
    create_company(db, data=CompanyInput(name="Acciaierie Bergamasche", vat_number="00743110157", city="Bergamo"),
                   actor=admin, allow_duplicate=True)
    for _ in range(2):
        create_visitor(db, data=VisitorInput("Nicolò", "Zanchi", email="n.zanchi@example.it"), actor=admin)


def _view(qtbot, db, admin) -> CompaniesView:
    view = CompaniesView(DeskContext(db=db, actor=admin, desk="R1", is_demo=False))
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    view.reload()
    tasks.wait_for_idle()
    qtbot.wait(50)
    return view


def test_the_likely_duplicates_are_listed_and_open_with_the_keyboard(qtbot, db, admin, doubles, screenshot):
    view = _view(qtbot, db, admin)
    tab = view.duplicates
    assert view.tabs.tabText(2) == "Likely duplicates (2)"
    rows = [tab.model.row_texts(r) for r in range(tab.model.rowCount())]
    assert [r[0] for r in rows] == ["Same VAT number 00743110157", "", "Same name and e-mail n.zanchi@example.it", ""]
    assert [r[2] for r in rows] == ["Acciaierie Bergamasche S.p.A.", "Acciaierie Bergamasche", "Zanchi Nicolò",
                                    "Zanchi Nicolò"]
    assert [r[3] for r in rows[:2]] == ["Dalmine", "Bergamo"] and {r[4] for r in rows} == {"R1"}

    view.tabs.setCurrentIndex(2)
    tab.focus_first()
    qtbot.wait(50)
    assert tab.table.hasFocus() and tab.table.currentIndex().row() == 0
    path = screenshot(view, "likely_duplicates.png")
    assert path.stat().st_size > 10_000

    qtbot.keyClick(tab.table, Qt.Key.Key_Down)
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)  # the second company: shown on the Companies tab
    qtbot.waitUntil(lambda: view.current_company() is not None and view.current_company().city == "Bergamo",
                    timeout=5000)
    assert view.tabs.currentIndex() == 0

    view.tabs.setCurrentIndex(2)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Down)
    qtbot.keyClick(tab.table, Qt.Key.Key_Down)
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)  # a visitor: its dialog opens
    qtbot.waitUntil(lambda: isinstance(view._dialog, VisitorDialog) and view._dialog.isVisible(), timeout=5000)
    view._dialog.reject()


def test_without_likely_duplicates_the_tab_says_there_is_nothing_to_check(qtbot, db, admin, office):
    view = _view(qtbot, db, admin)
    assert view.tabs.tabText(2) == "Likely duplicates (0)"
    assert view.duplicates.empty.isVisibleTo(view.duplicates) and not view.duplicates.table.isVisibleTo(
        view.duplicates)
    assert not view.duplicates.open_button.isEnabled()


def test_in_italian(qtbot, db, admin, doubles, screenshot):
    from frontdesk.i18n import set_language
    from frontdesk.ui.i18n_qt import install_translators

    set_language("it")
    install_translators("it")
    try:
        view = _view(qtbot, db, admin)
        view.tabs.setCurrentIndex(2)
        view.duplicates.focus_first()
        qtbot.wait(50)
        screenshot(view, "likely_duplicates_it.png")
        assert view.tabs.tabText(2) == "Possibili doppioni (2)"
        assert view.duplicates.model.row_texts(0)[0] == "Stessa partita IVA 00743110157"
        assert view.duplicates.model.headerData(4, Qt.Orientation.Horizontal) == "Inserito alla postazione"
    finally:
        set_language("en")
        install_translators("en")
