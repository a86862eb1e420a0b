"""The company dialog: create or edit a company, with messages beside the fields and the
"this company may already exist" step before saving.

Saving runs in the background (write, announces "companies"). A likely duplicate
(companies.DuplicateSuspected) shows the candidates with "Use the existing one" (the dialog
closes with `chosen` set to it, nothing saved) and "Save anyway". Imports Qt, ui helpers and
the companies/reference services; never the database.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from frontdesk.domain.addresses import ITALY
from frontdesk.i18n import _
from frontdesk.services.registry.companies import (
    CompanyInput,
    CompanySummary,
    DuplicateSuspected,
    create_company,
    update_company,
)
from frontdesk.services.registry.reference import associations
from frontdesk.ui.registry.country_combo import country_code, country_combo, set_country
from frontdesk.ui.tasks import run_in_background
from frontdesk.ui.widgets.forms import FieldErrors, form_error_label

KIND_ITALIAN, KIND_PUBLIC, KIND_FOREIGN, KIND_PRIVATE = "it", "public", "foreign", "private"


def _service_labels() -> dict[str, str]:
    """The services name fields by their (translated) label in some messages: map them back."""
    return {_("Name"): "name", _("Address"): "address", _("City"): "city", _("E-mail"): "email",
            _("Phone"): "phone", _("Notes"): "notes", _("PEC"): "pec", _("SdI code"): "sdi_code",
            _("Fiscal code"): "fiscal_code", _("First name"): "first_name", _("Last name"): "last_name"}


def _uuid(text: str | None) -> uuid.UUID | None:
    return uuid.UUID(text) if text else None


class CompanyDialog(QDialog):
    def __init__(self, db, actor, company: CompanySummary | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self._company = company
        self.saved: CompanySummary | None = None
        self.chosen: CompanySummary | None = None  # an existing company the user chose instead
        self.setWindowTitle(self.tr("Edit company") if company else self.tr("New company"))
        self.setMinimumWidth(620)

        self.errors = FieldErrors(_service_labels())
        self.form_error = form_error_label()
        self.name = QLineEdit()
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Italian company (with Partita IVA)"), KIND_ITALIAN)
        self.kind.addItem(self.tr("Public body (Ente pubblico)"), KIND_PUBLIC)
        self.kind.addItem(self.tr("Foreign company"), KIND_FOREIGN)
        self.kind.addItem(self.tr("Private person"), KIND_PRIVATE)
        self.first_name = QLineEdit()
        self.last_name = QLineEdit()
        self.old_name_note = QLabel()  # a person saved before first and last name had fields of their own
        self.old_name_note.setProperty("role", "muted")
        self.old_name_note.setWordWrap(True)
        self.old_name_note.hide()
        self.vat = QLineEdit()
        self.fiscal_code = QLineEdit()
        self.association = QComboBox()
        self.association.addItem(self.tr("(none)"), None)
        self.sdi_code = QLineEdit()
        self.sdi_code.setPlaceholderText(self.tr("7 characters, e.g. M5UXCR1"))
        self.pec = QLineEdit()
        self.address = QLineEdit()
        self.city = QLineEdit()
        self.postcode = QLineEdit()
        self.postcode.setObjectName("postcode")
        self.postcode.setMaxLength(12)
        self.postcode.setMaximumWidth(self.postcode.fontMetrics().horizontalAdvance("0000000000") + 16)
        self.postcode.setPlaceholderText(self.tr("e.g. 24044"))
        self.province = QLineEdit()
        self.province.setObjectName("province")
        self.province.setMaxLength(2)
        self.province.setMaximumWidth(self.province.fontMetrics().horizontalAdvance("WWWW") + 16)
        self.province.setPlaceholderText(self.tr("BG"))
        self.province.setToolTip(self.tr("The province's two letters; none for an address abroad"))
        self.country = country_combo()
        self.email = QLineEdit()
        self.phone = QLineEdit()
        self.report_language = QComboBox()
        self.report_language.setObjectName("reportLanguage")
        self.report_language.addItem(self.tr("Italian"), "it")
        self.report_language.addItem(self.tr("English"), "en")
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(64)
        self.notes.setTabChangesFocus(True)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.vat_label = QLabel()
        self.sdi_label = QLabel(self.tr("SdI code"))
        self.form = form
        form.addRow(self.tr("Kind"), self.errors.row("kind", self.kind))
        form.addRow(self.tr("Name"), self.errors.row("name", self.name))
        form.addRow(self.tr("First name"), self.errors.row("first_name", self.first_name))
        form.addRow(self.tr("Last name"), self.errors.row("last_name", self.last_name))
        form.addRow("", self.old_name_note)
        form.addRow(self.vat_label, self.errors.row("vat_number", self.vat))
        form.addRow(self.tr("Codice Fiscale"), self.errors.row("fiscal_code", self.fiscal_code))
        form.addRow(self.tr("Association"), self.errors.row("association", self.association))
        form.addRow(self.sdi_label, self.errors.row("sdi_code", self.sdi_code))
        form.addRow(self.tr("PEC"), self.errors.row("pec", self.pec))
        form.addRow(self.tr("Address"), self.errors.row("address", self.address))
        form.addRow(self.tr("Postcode"), self.errors.row("postcode", self.postcode))
        form.addRow(self.tr("City"), self.errors.row("city", self.city))
        form.addRow(self.tr("Province"), self.errors.row("province", self.province))
        form.addRow(self.tr("Country"), self.errors.row("country", self.country))
        form.addRow(self.tr("E-mail"), self.errors.row("email", self.email))
        form.addRow(self.tr("Phone"), self.errors.row("phone", self.phone))
        form.addRow(self.tr("Test reports in"), self.errors.row("report_language", self.report_language))
        form.addRow(self.tr("Notes"), self.errors.row("notes", self.notes))

        self.duplicates = self._duplicate_panel()
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setProperty("primary", True)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(self.form_error)
        layout.addLayout(form)
        layout.addWidget(self.duplicates)
        layout.addLayout(buttons)

        self.kind.currentIndexChanged.connect(self._on_kind_current_index_changed)
        self.country.currentTextChanged.connect(self._on_country_current_text_changed)
        for editor in (self.name, self.vat):
            editor.textEdited.connect(self._on_identity_edited)
        if company:
            self._fill(company)
        self._on_kind_current_index_changed()
        self._on_country_current_text_changed()
        run_in_background(self, lambda: associations(db), on_success=self._on_associations_loaded)

    # --- building -------------------------------------------------------------------------------
    def _duplicate_panel(self) -> QFrame:
        panel = QFrame()
        panel.setObjectName("card")
        layout = QVBoxLayout(panel)
        heading = QLabel(self.tr("This company may already be registered:"))
        heading.setProperty("role", "subtitle")
        self.duplicate_list = QListWidget()
        self.duplicate_list.setMaximumHeight(130)
        self.duplicate_list.setWordWrap(True)
        self.duplicate_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.duplicate_list.itemDoubleClicked.connect(lambda _item: self._on_use_existing_clicked())
        self.use_existing_button = QPushButton(self.tr("Use the existing one"))
        self.use_existing_button.setProperty("primary", True)
        self.use_existing_button.clicked.connect(self._on_use_existing_clicked)
        self.save_anyway_button = QPushButton(self.tr("Save anyway"))
        self.save_anyway_button.clicked.connect(self._on_save_anyway_clicked)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_anyway_button)
        row.addWidget(self.use_existing_button)
        layout.addWidget(heading)
        layout.addWidget(self.duplicate_list)
        layout.addLayout(row)
        panel.hide()
        return panel

    def _fill(self, c: CompanySummary) -> None:
        self.name.setText(c.name)
        self.kind.setCurrentIndex(max(0, self.kind.findData(c.kind)))
        self.first_name.setText(c.first_name)
        self.last_name.setText(c.last_name)
        if c.kind == KIND_PRIVATE and not (c.first_name or c.last_name):
            self.old_name_note.setText(self.tr("Saved as “%1”: write the first name and the last name.")
                                       .replace("%1", c.name))
        self.postcode.setText(c.postcode)
        self.province.setText(c.province)
        set_country(self.country, c.country)
        self.vat.setText(c.vat_number)
        self.fiscal_code.setText(c.fiscal_code)
        self.sdi_code.setText(c.sdi_code)
        self.pec.setText(c.pec)
        self.address.setText(c.address)
        self.city.setText(c.city)
        self.email.setText(c.email)
        self.phone.setText(c.phone)
        self.notes.setPlainText(c.notes)
        self.report_language.setCurrentIndex(max(0, self.report_language.findData(c.report_language)))

    def _on_associations_loaded(self, choices) -> None:
        # Ids travel as text: QComboBox.findData cannot compare arbitrary Python objects.
        current = self.association.currentData() or (
            str(self._company.association_id) if self._company and self._company.association_id else None)
        for choice in choices:
            self.association.addItem(choice.name, str(choice.id))
        if current is not None:
            self.association.setCurrentIndex(max(0, self.association.findData(current)))

    def _on_kind_current_index_changed(self, _index: int = 0) -> None:
        kind = self.kind.currentData()
        person = kind == KIND_PRIVATE
        self.vat_label.setText(self.tr("VAT number") if kind == KIND_FOREIGN else self.tr("Partita IVA"))
        self.vat.setPlaceholderText({
            KIND_ITALIAN: self.tr("11 digits"),
            KIND_PUBLIC: self.tr("11 digits, if the body has one (optional)"),
            KIND_FOREIGN: self.tr("e.g. DE123456789 (optional)"),
        }.get(kind, self.tr("not needed for a private person")))
        self.fiscal_code.setPlaceholderText(self.tr("11 digits") if kind == KIND_PUBLIC else "")
        self.vat.setEnabled(not person)
        self.sdi_label.setText(self.tr("Codice Univoco Ufficio") if kind == KIND_PUBLIC else self.tr("SdI code"))
        self.sdi_code.setPlaceholderText(self.tr("6 characters, e.g. UFY9MH") if kind == KIND_PUBLIC
                                         else self.tr("7 characters, e.g. M5UXCR1"))
        self.form.setRowVisible(self.name.parentWidget(), not person)
        self.form.setRowVisible(self.first_name.parentWidget(), person)
        self.form.setRowVisible(self.last_name.parentWidget(), person)
        self.form.setRowVisible(self.old_name_note, person and bool(self.old_name_note.text()))
        code = country_code(self.country)
        if kind == KIND_FOREIGN and code == ITALY:
            set_country(self.country, "")
        elif kind in (KIND_ITALIAN, KIND_PUBLIC) and not code:
            set_country(self.country, ITALY)

    def _on_country_current_text_changed(self, _text: str = "") -> None:
        """A province only for an address in Italy (an empty country is Italy for the service)."""
        in_italy = country_code(self.country) in (ITALY, "")
        if not in_italy:
            self.province.clear()
        self.province.setEnabled(in_italy)
        self.province.setPlaceholderText(self.tr("BG") if in_italy else "")

    def _on_identity_edited(self, _text: str) -> None:
        """Name or VAT changed after the duplicate check: the check must run again on Save."""
        if not self.duplicates.isHidden():
            self.duplicates.hide()
            self.save_button.setEnabled(True)

    # --- saving ---------------------------------------------------------------------------------
    def data(self) -> CompanyInput:
        return CompanyInput(
            name=self.name.text(), kind=self.kind.currentData(), vat_number=self.vat.text(),
            fiscal_code=self.fiscal_code.text(), association_id=_uuid(self.association.currentData()),
            sdi_code=self.sdi_code.text(), pec=self.pec.text(), address=self.address.text(),
            city=self.city.text(), email=self.email.text(), phone=self.phone.text(),
            notes=self.notes.toPlainText(), report_language=self.report_language.currentData(),
            postcode=self.postcode.text(), province=self.province.text(), country=country_code(self.country),
            first_name=self.first_name.text(), last_name=self.last_name.text(),
        )

    def _on_save_button_clicked(self) -> None:
        self._save(allow_duplicate=False)

    def _on_save_anyway_clicked(self) -> None:
        self._save(allow_duplicate=True)

    def _save(self, *, allow_duplicate: bool) -> None:
        self.errors.clear()
        self.form_error.hide()
        data, db, actor, company = self.data(), self._db, self._actor, self._company
        if company is None:
            def work():
                return create_company(db, data=data, actor=actor, allow_duplicate=allow_duplicate)
        else:
            def work():
                return update_company(db, company_id=company.id, data=data, actor=actor,
                                      allow_duplicate=allow_duplicate)
        self._set_busy(True)
        run_in_background(self, work, write=True,
                          key=f"company-save:{company.id if company else id(self)}",
                          on_success=self._on_saved, on_error=self._on_save_failed,
                          on_finished=lambda: self._set_busy(False))

    def _set_busy(self, busy: bool) -> None:
        duplicates_open = not self.duplicates.isHidden()
        self.save_button.setEnabled(not busy and not duplicates_open)
        self.save_anyway_button.setEnabled(not busy)
        self.use_existing_button.setEnabled(not busy)

    def _on_saved(self, company: CompanySummary) -> None:
        self.saved = company
        self.accept()

    def _on_save_failed(self, error) -> None:
        if isinstance(error, DuplicateSuspected):
            self._show_duplicates(error.candidates)
            return
        self.duplicates.hide()
        self.errors.show_error(error, self.form_error)

    def _show_duplicates(self, candidates: list[CompanySummary]) -> None:
        self.duplicate_list.clear()
        for candidate in candidates:
            parts = [candidate.vat_number, candidate.city, candidate.association_name]
            item = QListWidgetItem(candidate.name + "\n" + "  ·  ".join(p for p in parts if p))
            item.setData(Qt.ItemDataRole.UserRole, candidate)
            self.duplicate_list.addItem(item)
        self.duplicate_list.setCurrentRow(0)
        self.duplicates.show()
        self.save_button.setEnabled(False)
        self.use_existing_button.setFocus()

    def _on_use_existing_clicked(self) -> None:
        item = self.duplicate_list.currentItem()
        if item is None:
            return
        self.chosen = item.data(Qt.ItemDataRole.UserRole)
        self.accept()

    def result_company(self) -> CompanySummary | None:
        """The company to show after the dialog: the one saved, or the existing one chosen."""
        return self.saved or self.chosen
