"""Group check-in: several people of one company in one go, one badge each.

Pick the company: its known visitors are listed, each with a tick box; people not yet known are
added by name on the spot. One purpose and host for the group; the privacy-notice tick box is
needed when someone new is in it. `services.reception.visits.check_in_group` checks everybody in or nobody
(all or nothing); `checked_in(list[CheckInResult])` hands the badges to the Reception screen.

Imports Qt, ui helpers and the visits/visitors services; never the database.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from frontdesk.ui.privacy.privacy_tick import PrivacyAcknowledgement
from frontdesk.ui.reception.new_visitor_form import CompanyField, visitor_field_aliases
from frontdesk.ui.reception.reception_choices import PurposeHostFields, ReceptionChoices
from frontdesk.ui.tasks import run_in_background
from frontdesk.ui.widgets.forms import FieldErrors, form_error_label

KNOWN, NEW = "known", "new"
KindRole = Qt.ItemDataRole.UserRole + 1
ValueRole = Qt.ItemDataRole.UserRole + 2


class GroupCheckInDialog(QDialog):
    checked_in = Signal(object)  # list[CheckInResult]

    def __init__(self, db, actor, choices: ReceptionChoices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._actor = db, actor
        self.results = None
        self.setWindowTitle(self.tr("Group check-in"))
        self.setMinimumSize(680, 600)

        self.errors = FieldErrors({**visitor_field_aliases(), "service": "purpose"})
        self.form_error = form_error_label()
        self.company = CompanyField(db, actor)
        self.company.picker.company_changed.connect(self._on_company_changed)
        self.people = QListWidget()
        self.people.setObjectName("groupPeople")
        self.people.setSpacing(2)
        self.people.itemChanged.connect(lambda _item: self._update_count())
        self.people_hint = QLabel(self.tr("Choose the company: the people who came before are listed here."))
        self.people_hint.setProperty("role", "muted")

        self.new_first = QLineEdit()
        self.new_first.setPlaceholderText(self.tr("First name"))
        self.new_last = QLineEdit()
        self.new_last.setPlaceholderText(self.tr("Surname"))
        self.new_email = QLineEdit()
        self.new_email.setPlaceholderText(self.tr("E-mail (optional)"))
        self.add_button = QPushButton(self.tr("Add person"))
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_new_person)
        for editor in (self.new_first, self.new_last, self.new_email):
            editor.returnPressed.connect(self.add_new_person)
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_first, 2)
        add_row.addWidget(self.new_last, 2)
        add_row.addWidget(self.new_email, 3)
        add_row.addWidget(self.add_button)

        self.fields = PurposeHostFields(self)
        self.fields.set_choices(choices, self.tr("No host"))
        self.privacy = PrivacyAcknowledgement()
        self.privacy.set_version(choices.privacy_notice_version)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.addRow(self.tr("Company"), self.errors.row("company", self.company))
        form.addRow(self.tr("People"), self.people_hint)
        form.addRow("", self.people)
        form.addRow(self.tr("Someone new"), self.errors.row("new_person", _wrap(add_row)))
        form.addRow(self.tr("Purpose"), self.errors.row("purpose", self.fields.purpose))
        form.addRow(self.tr("Host"), self.errors.row("host", self.fields.host))
        form.addRow(self.tr("Privacy"), self.errors.row("privacy", self.privacy))

        self.save_button = QPushButton()
        self.save_button.setObjectName("confirmGroup")
        self.save_button.setProperty("primary", True)
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.submit)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.setAutoDefault(False)
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
        self._update_count()
        self.company.picker.setFocus()

    # --- people -----------------------------------------------------------------------------------
    def _on_company_changed(self, company) -> None:
        for row in reversed(range(self.people.count())):
            if self.people.item(row).data(KindRole) == KNOWN:
                self.people.takeItem(row)
        self._update_count()
        if company is None:
            return
        from frontdesk.services.registry.visitors import visitors_of_company

        db = self._db
        run_in_background(self, lambda: visitors_of_company(db, company_id=company.id),
                          on_success=lambda people: self._on_people_loaded(company, people))

    def _on_people_loaded(self, company, people) -> None:
        if self.company.company() is None or self.company.company().id != company.id:
            return  # the company changed meanwhile
        self.people.blockSignals(True)
        for person in people:
            item = QListWidgetItem(person.full_name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(KindRole, KNOWN)
            item.setData(ValueRole, person)
            self.people.insertItem(self._first_new_row(), item)
        self.people.blockSignals(False)
        self.people_hint.setText(self.tr("Tick who is here.") if people else
                                 self.tr("Nobody of this company came before: add the people below."))
        self._update_count()

    def _first_new_row(self) -> int:
        for row in range(self.people.count()):
            if self.people.item(row).data(KindRole) == NEW:
                return row
        return self.people.count()

    def add_new_person(self) -> None:
        from frontdesk.services.registry.visitors import VisitorInput

        first, last = self.new_first.text().strip(), self.new_last.text().strip()
        self.errors.clear()
        if not first or not last:
            self.errors.show("new_person", self.tr("Write the first name and the surname of the new person."))
            return
        company = self.company.company()
        person = VisitorInput(first_name=first, last_name=last, company_id=company.id if company else None,
                              email=self.new_email.text().strip())
        item = QListWidgetItem(self.tr("{name} (new)").format(name=f"{first} {last}"))
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked)
        item.setData(KindRole, NEW)
        item.setData(ValueRole, person)
        self.people.addItem(item)
        for editor in (self.new_first, self.new_last, self.new_email):
            editor.clear()
        self.new_first.setFocus()
        self._update_count()

    def chosen(self) -> tuple[list, list]:
        """(ids of the known visitors ticked, VisitorInput of the new people ticked)."""
        known, new = [], []
        for row in range(self.people.count()):
            item = self.people.item(row)
            if item.checkState() != Qt.CheckState.Checked:
                continue
            value = item.data(ValueRole)
            company = self.company.company()
            if item.data(KindRole) == KNOWN:
                known.append(value.id)
            else:  # the company may have been chosen after the person was added
                new.append(dataclasses.replace(value, company_id=company.id if company else None))
        return known, new

    def _update_count(self) -> None:
        known, new = self.chosen()
        count = len(known) + len(new)
        self.save_button.setText(self.tr("Check in 1 person and print the badge") if count == 1 else
                                 self.tr("Check in %n people and print badges", "", count))
        self.save_button.setEnabled(count > 0)

    # --- acting -----------------------------------------------------------------------------------
    def submit(self) -> None:
        from frontdesk.services.reception.visits import check_in_group

        self.errors.clear()
        self.form_error.hide()
        known, new = self.chosen()
        db, actor = self._db, self._actor
        code, host_id, shown = self.fields.service_code(), self.fields.host_id(), self.privacy.isChecked()
        task = run_in_background(
            self,
            lambda: check_in_group(db, visitor_ids=known, new_visitors=new, service_code=code, host_id=host_id,
                                   privacy_notice_shown=shown, actor=actor),
            on_success=self._on_checked_in, on_error=self._on_failed, on_finished=self._update_count,
            write=True, key=f"group-checkin:{id(self)}",
        )
        if task is not None:
            self.save_button.setEnabled(False)

    def _on_checked_in(self, results) -> None:
        self.results = results
        self.checked_in.emit(results)
        self.accept()

    def _on_failed(self, error) -> None:
        self.errors.show_error(error, self.form_error)


def _wrap(layout) -> QWidget:
    box = QWidget()
    layout.setContentsMargins(0, 0, 0, 0)
    box.setLayout(layout)
    return box
