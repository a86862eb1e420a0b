"""The new-visitor form: one dialog to register a first-time visitor and check them in.

Name, surname, company (typed to search, or created on the spot), optional e-mail and phone,
purpose, host, notes, and the acknowledgement that the privacy notice was shown (its version
is recorded by the service, which refuses without it). "Check in and print badge" runs
`services.reception.visits.check_in_new_visitor` in the background; messages appear beside the field they
concern, and nothing is saved when anything is wrong. The privacy tick box is ui.privacy.privacy_tick,
shared with the group check-in and the check-in card.

Imports Qt, ui helpers and the visits service; never the database.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from frontdesk.i18n import _
from frontdesk.ui.privacy.privacy_tick import PrivacyAcknowledgement
from frontdesk.ui.reception.reception_choices import PurposeHostFields, ReceptionChoices
from frontdesk.ui.registry.company_picker import CompanyPicker
from frontdesk.ui.tasks import run_in_background
from frontdesk.ui.widgets.forms import FieldErrors, form_error_label


def visitor_field_aliases() -> dict[str, str]:
    """The services name some fields by their translated label in `.field`: map them to our keys."""
    return {_("First name"): "first_name", _("Surname"): "last_name", _("E-mail"): "email",
            _("Phone"): "phone", _("Notes"): "notes", "service": "purpose"}


def split_typed_name(text: str) -> tuple[str, str]:
    """What was typed in the search, as (first name, surname): one word is taken as the surname."""
    words = text.split()
    if not words:
        return "", ""
    if text == text.lower():
        words = [w[:1].upper() + w[1:] for w in words]
    if len(words) == 1:
        return "", words[0]
    return words[0], " ".join(words[1:])


class CompanyField(QWidget):
    """A company picker with "New company..." beside it (the company dialog, on the spot)."""

    def __init__(self, db, actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._actor = db, actor
        self.picker = CompanyPicker(db)
        self.picker.setObjectName("company")
        self.new_button = QPushButton(self.tr("New company..."))
        self.new_button.setAutoDefault(False)
        self.new_button.clicked.connect(self._on_new_button_clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.picker, 1)
        layout.addWidget(self.new_button)

    def company(self):
        return self.picker.company()

    def text(self) -> str:
        return self.picker.text()

    def _on_new_button_clicked(self) -> None:
        from frontdesk.ui.registry.company_dialog import CompanyDialog

        dialog = CompanyDialog(self._db, self._actor, parent=self)
        dialog.name.setText(self.picker.text() if self.picker.company() is None else "")
        dialog.finished.connect(lambda _result: self._on_company_dialog_finished(dialog))
        dialog.open()
        self.company_dialog = dialog

    def _on_company_dialog_finished(self, dialog) -> None:
        company = dialog.saved or dialog.chosen
        if company is not None:
            self.picker.set_company(company)


class NewVisitorDialog(QDialog):
    """Register and check in a first-time visitor; `checked_in(CheckInResult)` when done."""

    checked_in = Signal(object)

    def __init__(self, db, actor, choices: ReceptionChoices, *, typed: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._actor = db, actor
        self.result_value = None
        self.setWindowTitle(self.tr("New visitor"))
        self.setMinimumWidth(640)

        self.errors = FieldErrors(visitor_field_aliases())
        self.form_error = form_error_label()
        self.first_name = QLineEdit()
        self.first_name.setObjectName("firstName")
        self.last_name = QLineEdit()
        self.last_name.setObjectName("lastName")
        self.company = CompanyField(db, actor)
        self.email = QLineEdit()
        self.email.setObjectName("email")
        self.email.setPlaceholderText(self.tr("Optional"))
        self.phone = QLineEdit()
        self.phone.setObjectName("phone")
        self.phone.setPlaceholderText(self.tr("Optional"))
        self.fields = PurposeHostFields(self)
        self.fields.set_choices(choices, self.tr("No host"))
        self.notes = QLineEdit()
        self.notes.setObjectName("notes")
        self.notes.setPlaceholderText(self.tr("Optional"))
        self.privacy = PrivacyAcknowledgement()
        self.privacy.set_version(choices.privacy_notice_version)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.addRow(self.tr("First name"), self.errors.row("first_name", self.first_name))
        form.addRow(self.tr("Surname"), self.errors.row("last_name", self.last_name))
        form.addRow(self.tr("Company"), self.errors.row("company", self.company))
        form.addRow(self.tr("E-mail"), self.errors.row("email", self.email))
        form.addRow(self.tr("Phone"), self.errors.row("phone", self.phone))
        form.addRow(self.tr("Purpose"), self.errors.row("purpose", self.fields.purpose))
        form.addRow(self.tr("Host"), self.errors.row("host", self.fields.host))
        form.addRow(self.tr("Notes"), self.errors.row("notes", self.notes))
        form.addRow(self.tr("Privacy"), self.errors.row("privacy", self.privacy))

        self.save_button = QPushButton(self.tr("Check in and print badge"))
        self.save_button.setObjectName("confirmNewVisitor")
        self.save_button.setProperty("primary", True)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.submit)
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

        first, last = split_typed_name(typed)
        self.first_name.setText(first)
        self.last_name.setText(last)
        (self.company.picker if first and last else self.first_name).setFocus()

    def visitor_input(self):
        from frontdesk.services.registry.visitors import VisitorInput

        company = self.company.company()
        return VisitorInput(first_name=self.first_name.text(), last_name=self.last_name.text(),
                            company_id=company.id if company else None, email=self.email.text(),
                            phone=self.phone.text())

    def submit(self) -> None:
        from frontdesk.services.reception.visits import check_in_new_visitor

        self.errors.clear()
        self.form_error.hide()
        if self.company.text().strip() and self.company.company() is None:
            self.errors.show("company", self.tr("Choose the company from the list, create it with "
                                                "\"New company...\", or leave the field empty."))
            return
        db, actor, data = self._db, self._actor, self.visitor_input()
        code, host_id, notes, shown = (self.fields.service_code(), self.fields.host_id(), self.notes.text(),
                                       self.privacy.isChecked())
        task = run_in_background(
            self,
            lambda: check_in_new_visitor(db, visitor=data, service_code=code, host_id=host_id,
                                         privacy_notice_shown=shown, actor=actor, notes=notes),
            on_success=self._on_checked_in, on_error=self._on_failed,
            on_finished=lambda: self.save_button.setEnabled(True),
            write=True, key=f"new-visitor:{id(self)}",
        )
        if task is not None:
            self.save_button.setEnabled(False)

    def _on_checked_in(self, result) -> None:
        self.result_value = result
        self.checked_in.emit(result)
        self.accept()

    def _on_failed(self, error) -> None:
        self.errors.show_error(error, self.form_error)
