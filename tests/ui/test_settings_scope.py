"""Settings say which values are the whole site's (synced with the other desks) and which are this
desk's only (issue 12, point 2), in English and in Italian; the refused changes are reached from
the Sync section by an administrator only."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QGroupBox

from frontdesk.domain.roles import Actor, Role
from frontdesk.domain.settings import SITE_KEYS
from frontdesk.i18n import set_language
from frontdesk.ui import tasks
from frontdesk.ui.desk.settings_view import FIELDS, SettingsView
from frontdesk.ui.i18n_qt import install_translators
from frontdesk.ui.shell.area_view import DeskContext


def make_view(qtbot, db, actor) -> SettingsView:
    view = SettingsView(DeskContext(db=db, actor=actor, desk="R1", is_demo=False))
    qtbot.addWidget(view)
    view.resize(1100, 900)
    view.show()
    view.reload()
    tasks.wait_for_idle()
    return view


def test_each_setting_says_whether_it_is_the_whole_sites_or_this_desks(qtbot, db, admin):
    view = make_view(qtbot, db, admin)
    assert set(view.scope_tags) == {f.name for f in FIELDS}
    for field in FIELDS:
        tag = view.scope_tags[field.name]
        site = field.name in SITE_KEYS
        assert tag.property("scope") == ("site" if site else "desk"), field.name
        assert tag.text() == ("whole site" if site else "this desk only"), field.name
    assert view.scope_tags["point_name"].toolTip() == "Valid for the whole site: it syncs with the other desks"
    assert view.scope_tags["printers.badge"].toolTip() == "This desk only: never sent to the other desks"
    for flag in ("desk_code", "hub_url", "backup_folder", "language"):  # never sent
        assert view.scope_tags[flag].property("scope") == "desk"
    assert "whole site" in view.scope_note.text() and view.scope_note.isVisible()
    assert view.rejected_button.isVisible()


def test_the_refused_changes_button_is_for_administrators_only(qtbot, db, admin):
    clerk = Actor(desk="R1", role=Role.RECEPTION, staff_id=admin.staff_id, name="Giulia")
    view = make_view(qtbot, db, clerk)
    assert not view.rejected_button.isVisible()
    assert view.scope_tags["point_name"].text() == "whole site"  # read-only, still marked


@pytest.fixture
def italian(qapp):
    set_language("it")
    install_translators("it")
    yield
    set_language("en")
    install_translators("en")


def test_the_marks_in_italian_fit_and_are_italian(qtbot, db, admin, italian, screenshots_folder):
    view = make_view(qtbot, db, admin)
    QApplication.processEvents()
    assert view.scope_tags["checkout_hour"].text() == "tutta la sede"
    assert view.scope_tags["evacuation_folder"].text() == "solo questa postazione"
    assert view.scope_tags["smtp_host"].toolTip() == "Valida per tutta la sede: si sincronizza con le altre postazioni"
    assert view.scope_note.text().startswith("Le impostazioni segnate «tutta la sede» valgono per tutta la sede")
    assert view.rejected_button.text() == "Modifiche rifiutate..."
    for tag in view.scope_tags.values():  # never cut: each mark has the room its text needs
        assert tag.width() >= tag.fontMetrics().horizontalAdvance(tag.text()), tag.text()
    reception = view.findChild(QGroupBox, "section_reception")
    assert reception.grab().save(str(screenshots_folder / "settings-scope-reception-it.png"))
    assert view.grab().save(str(screenshots_folder / "settings-scope-it.png"))
    sync = view.findChild(QGroupBox, "section_sync")
    assert sync.grab().save(str(screenshots_folder / "settings-scope-sync-it.png"))
    assert view.rejected_button.width() >= view.rejected_button.sizeHint().width()
    print(screenshots_folder)
