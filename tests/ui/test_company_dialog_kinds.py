"""The company dialog's forms for a private person and a public body, driven with qtbot on a real
SQLite file: what shows for each kind, what is saved, the refusals beside their fields (in
Italian), and a screenshot of the dialog for every kind, in Italian."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from frontdesk.i18n import set_language
from frontdesk.services.registry.companies import CompanyInput, create_company, get_company, search_companies
from frontdesk.ui import tasks
from frontdesk.ui.i18n_qt import install_translators
from frontdesk.ui.registry.company_dialog import CompanyDialog
from frontdesk.ui.registry.country_combo import country_code, set_country

BERGAMO_CF = "80034840167"


@pytest.fixture
def italian(qapp):
    set_language("it")
    install_translators("it")
    yield
    set_language("en")
    install_translators("en")


def _dialog(qtbot, db, admin, company=None) -> CompanyDialog:
    dialog = CompanyDialog(db, admin, company)
    qtbot.addWidget(dialog)
    dialog.show()
    tasks.wait_for_idle()
    return dialog


def _kind(dialog, kind: str) -> None:
    dialog.kind.setCurrentIndex(dialog.kind.findData(kind))


def _save(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    tasks.wait_for_idle()


def test_a_private_person_has_first_and_last_name_instead_of_a_name(qtbot, db, admin):
    dialog = _dialog(qtbot, db, admin)
    assert dialog.name.isVisible() and not dialog.first_name.isVisible()
    assert country_code(dialog.country) == "IT"  # a new company is in Italy
    _kind(dialog, "private")
    assert not dialog.name.isVisible() and dialog.first_name.isVisible() and dialog.last_name.isVisible()
    assert not dialog.vat.isEnabled()
    qtbot.keyClicks(dialog.first_name, "Mario")
    qtbot.keyClicks(dialog.last_name, "Rossi")
    qtbot.keyClicks(dialog.address, "Via Garibaldi 3")
    qtbot.keyClicks(dialog.postcode, "24121")
    qtbot.keyClicks(dialog.city, "Bergamo")
    qtbot.keyClicks(dialog.province, "bg")
    _save(qtbot, dialog)
    assert dialog.saved is not None, dialog.form_error.text()
    saved = get_company(db, company_id=dialog.saved.id)
    assert (saved.kind, saved.name, saved.first_name, saved.last_name) == ("private", "Mario Rossi", "Mario", "Rossi")
    assert (saved.postcode, saved.city, saved.province, saved.country) == ("24121", "Bergamo", "BG", "IT")
    assert [c.id for c in search_companies(db, query="rossi")] == [saved.id]


def test_a_person_without_a_last_name_is_refused_beside_the_field_in_italian(qtbot, db, admin, italian):
    dialog = _dialog(qtbot, db, admin)
    _kind(dialog, "private")
    qtbot.keyClicks(dialog.first_name, "Mario")
    _save(qtbot, dialog)
    assert dialog.saved is None and dialog.isVisible()
    assert "nome e il cognome" in dialog.errors.message("last_name")
    assert search_companies(db, query="mario") == []


def test_a_public_body_needs_its_fiscal_code_and_a_six_character_office_code(qtbot, db, admin, italian):
    dialog = _dialog(qtbot, db, admin)
    _kind(dialog, "public")
    assert dialog.sdi_label.text() == "Codice Univoco Ufficio"
    qtbot.keyClicks(dialog.name, "Comune di Bergamo")
    _save(qtbot, dialog)
    assert "11 cifre" in dialog.errors.message("fiscal_code")
    qtbot.keyClicks(dialog.fiscal_code, BERGAMO_CF)
    qtbot.keyClicks(dialog.sdi_code, "UFY9MHX")
    _save(qtbot, dialog)
    assert "6 lettere o cifre" in dialog.errors.message("sdi_code")
    dialog.sdi_code.setText("UFY9MH")
    dialog.postcode.setText("2412")
    _save(qtbot, dialog)
    assert "5 cifre" in dialog.errors.message("postcode")
    dialog.postcode.setText("24121")
    dialog.province.setText("EE")
    _save(qtbot, dialog)
    assert "estero" in dialog.errors.message("province")
    dialog.province.setText("BG")
    _save(qtbot, dialog)
    assert dialog.saved is not None, dialog.form_error.text()
    saved = get_company(db, company_id=dialog.saved.id)
    assert (saved.kind, saved.fiscal_code, saved.vat_number, saved.sdi_code) == ("public", BERGAMO_CF, "", "UFY9MH")


def test_a_foreign_company_leaves_italy_and_an_unknown_country_is_refused(qtbot, db, admin, italian):
    dialog = _dialog(qtbot, db, admin)
    _kind(dialog, "foreign")
    assert country_code(dialog.country) == ""  # Italy was the default: a foreign company is elsewhere
    qtbot.keyClicks(dialog.name, "Muller GmbH")
    dialog.country.setEditText("Atlantide")
    _save(qtbot, dialog)
    assert "Atlantide" in dialog.errors.message("country")
    dialog.country.setEditText("germania")  # the name, in any case, is the code
    assert not dialog.province.isEnabled()  # no province abroad
    _save(qtbot, dialog)
    assert dialog.saved is not None, dialog.form_error.text()
    assert get_company(db, company_id=dialog.saved.id).country == "DE"


def test_editing_an_old_private_person_asks_for_first_and_last_name(qtbot, db, admin, italian):
    made = create_company(db, data=CompanyInput(kind="private", first_name="Mario", last_name="Rossi"), actor=admin)
    old = made.__class__(**{**made.__dict__, "first_name": "", "last_name": ""})  # as saved before 0011
    dialog = _dialog(qtbot, db, admin, old)
    assert dialog.old_name_note.isVisible() and "Mario Rossi" in dialog.old_name_note.text()
    dialog.close()


@pytest.mark.parametrize("kind", ["it", "public", "private", "foreign"])
def test_screenshot_of_each_kind_in_italian(qtbot, db, admin, italian, screenshot, kind):
    data = {
        "it": CompanyInput(name="Rota Meccanica S.r.l.", vat_number="01114601006", address="Via dell'Industria 12",
                           postcode="24044", city="Dalmine", province="BG", sdi_code="M5UXCR1",
                           pec="rotameccanica@legalmail.it", email="info@rotameccanica.it", phone="035 561234"),
        "public": CompanyInput(name="Comune di Bergamo", kind="public", fiscal_code=BERGAMO_CF,
                               address="Piazza Matteotti 27", postcode="24122", city="Bergamo", province="BG",
                               sdi_code="UFY9MH", pec="protocollo@cert.comune.bergamo.it"),
        "private": CompanyInput(kind="private", first_name="Nicolò", last_name="Zanchi",
                                fiscal_code="ZNCNCL85T10A794P", address="Via Garibaldi 3", postcode="24121",
                                city="Bergamo", province="BG", email="nicolo.zanchi@libero.it"),
        "foreign": CompanyInput(name="Müller Präzisionstechnik GmbH", kind="foreign", vat_number="DE136695976",
                                address="Industriestraße 4", postcode="80331", city="München", country="DE",
                                sdi_code="XXXXXXX"),
    }[kind]
    made = create_company(db, data=data, actor=admin, allow_duplicate=True)
    dialog = _dialog(qtbot, db, admin, get_company(db, company_id=made.id))
    dialog.resize(dialog.sizeHint())
    path = screenshot(dialog, f"company_dialog_{kind}.png")
    assert path.exists()
    assert dialog.data() == CompanyInput(**{**data.__dict__, "name": made.name,
                                            "fiscal_code": made.fiscal_code,
                                            "country": made.country})  # what it shows is what is saved
    set_country(dialog.country, "CH")
    assert dialog.country.currentText() == "Svizzera"
    dialog.close()
