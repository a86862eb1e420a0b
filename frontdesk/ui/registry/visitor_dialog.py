"""The visitor dialog: create or edit a visitor (first name, surname, company, e-mail, phone).

The company is picked by typing part of its name (ui.registry.company_picker). Saving runs in the
background (write, announces "visitors"); messages appear beside the field they concern.
Imports Qt, ui helpers and the visitors service; never the database.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFormLayout, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from frontdesk.i18n import _
from frontdesk.services.registry.companies import CompanySummary
from frontdesk.services.registry.visitors import VisitorInput, VisitorSummary, create_visitor, update_visitor
from frontdesk.ui.registry.company_picker import CompanyPicker
from frontdesk.ui.tasks import run_in_background
from frontdesk.ui.widgets.forms import FieldErrors, form_error_label


class VisitorDialog(QDialog):
    def __init__(self, db, actor, visitor: VisitorSummary | None = None, *,
                 company: CompanySummary | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self._visitor = visitor
        self.saved: VisitorSummary | None = None
        self.setWindowTitle(self.tr("Edit visitor") if visitor else self.tr("New visitor"))
        self.setMinimumWidth(520)

        self.errors = FieldErrors({_("First name"): "first_name", _("Surname"): "last_name",
                                   _("E-mail"): "email", _("Phone"): "phone"})
        self.form_error = form_error_label()
        self.first_name = QLineEdit()
        self.last_name = QLineEdit()
        self.company = CompanyPicker(db)
        self.email = QLineEdit()
        self.phone = QLineEdit()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.addRow(self.tr("First name"), self.errors.row("first_name", self.first_name))
        form.addRow(self.tr("Surname"), self.errors.row("last_name", self.last_name))
        form.addRow(self.tr("Company"), self.errors.row("company", self.company))
        form.addRow(self.tr("E-mail"), self.errors.row("email", self.email))
        form.addRow(self.tr("Phone"), self.errors.row("phone", self.phone))

        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setProperty("primary", True)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(self.form_error)
        layout.addLayout(form)
        layout.addLayout(buttons)

        if visitor:
            self.first_name.setText(visitor.first_name)
            self.last_name.setText(visitor.last_name)
            self.email.setText(visitor.email)
            self.phone.setText(visitor.phone)
            if visitor.company_id:
                self.company.setText(visitor.company_name)
                self._initial_company_id = visitor.company_id
        if company is not None:
            self.company.set_company(company)

    _initial_company_id = None

    def data(self) -> VisitorInput:
        chosen = self.company.company()
        if chosen is not None:
            company_id = chosen.id
        elif self._initial_company_id and self._visitor and self.company.text() == self._visitor.company_name:
            company_id = self._initial_company_id  # untouched: keep the visitor's company
        else:
            company_id = None
        return VisitorInput(first_name=self.first_name.text(), last_name=self.last_name.text(),
                            company_id=company_id, email=self.email.text(), phone=self.phone.text(),
                            newsletter_consent=self._visitor.newsletter_consent if self._visitor else False)

    def _on_save_button_clicked(self) -> None:
        self.errors.clear()
        self.form_error.hide()
        if self.company.text().strip() and self.data().company_id is None:
            self.errors.show("company", self.tr("Choose the company from the list, or leave the field empty."))
            return
        data, db, actor, visitor = self.data(), self._db, self._actor, self._visitor
        if visitor is None:
            def work():
                return create_visitor(db, data=data, actor=actor)
        else:
            def work():
                return update_visitor(db, visitor_id=visitor.id, data=data, actor=actor)
        self.save_button.setEnabled(False)
        run_in_background(self, work, write=True,
                          key=f"visitor-save:{visitor.id if visitor else id(self)}",
                          on_success=self._on_saved, on_error=self._on_save_failed,
                          on_finished=lambda: self.save_button.setEnabled(True))

    def _on_saved(self, visitor: VisitorSummary) -> None:
        self.saved = visitor
        self.accept()

    def _on_save_failed(self, error) -> None:
        self.errors.show_error(error, self.form_error)
