"""The Sample intake screen: the customer, the samples and their tests, what was agreed, and
"Accept and print labels".

The company is picked as everywhere (ui.registry.company_picker); the contact is one of its people
or a name typed. Samples and tests are typed in `ui.lab.sample_editor`; the totals follow each
change (the domain's own price rules), and so does the expected report date (ui.lab.promise_panel,
from the lab's plan loaded in the background when the screen opens and whenever lab tables change),
which the request keeps when accepted and the receipt prints. Accepting runs
`services.lab.intake.take_in` on the writer lane: a refusal shows its message (Italian) above the
buttons and writes nothing; once written, the labels go to the printer set for sample labels (or
are saved and opened when none is set), and the intake receipt can be previewed, printed or saved
(ui.lab.intake_result). Started from a visitor on site (`start_from_visit`, the On-site screen's
"Take in samples"), the company and contact come filled in and the request remembers the visit.

Imports Qt, ui helpers, frontdesk.domain and the lab and registry services; never the database.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from frontdesk.domain.clock import today_in_rome, utcnow
from frontdesk.domain.lab.requests import DECISION_RULES, IntakeInput, TestAsked, is_member, line_price, totals
from frontdesk.i18n import format_money, language
from frontdesk.ui.lab.intake_result import IntakeResult
from frontdesk.ui.lab.promise_panel import PromisePanel
from frontdesk.ui.lab.sample_editor import SamplesEditor
from frontdesk.ui.registry.company_picker import CompanyPicker
from frontdesk.ui.shell.area_view import AreaView, DeskContext
from frontdesk.ui.tasks import NewestWins, run_in_background
from frontdesk.ui.widgets.forms import form_error_label

DUE_DAYS = 14  # the date needed offered first: two weeks from today
BOARD_MAX_AGE = dt.timedelta(minutes=10)  # an older plan is read again at the next edit (its "now" has passed)


# The tables the lab's plan is read from: a change (an intake, a replan, a sync pull) loads the board again.
PLAN_AREAS = frozenset({"lab_test", "lab_request", "lab_sample", "lab_equipment", "lab_calibration",
                        "lab_out_of_service", "lab_closure", "lab_technician_days", "lab_absence",
                        "lab_authorisation", "settings", "staff"})


def _catalogue(db):
    """The tests on offer and the associations whose companies pay member prices (a site setting)."""
    from frontdesk.services.desk.settings import get_settings
    from frontdesk.services.lab.intake import intake_catalogue

    return intake_catalogue(db), tuple(get_settings(db).member_associations)


def _promise_board(db):
    from frontdesk.services.lab.promise import promise_board

    return promise_board(db)


class IntakeView(AreaView):
    areas = frozenset({"companies", "visitors", "lab_test_type"}) | PLAN_AREAS
    intake_taken = Signal(object)  # services.lab.intake.IntakeSummary, once committed

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._db = context.db
        self._member_associations: tuple[str, ...] = ()  # the site setting, with the catalogue
        self._visit_id = None
        self._contact_id = None
        self._people: list = []
        self._boards = NewestWins()

        title = QLabel(self.tr("Sample intake"))
        title.setProperty("role", "title")
        self.visit_label = QLabel()
        self.visit_label.setObjectName("intakeVisit")
        self.visit_label.setProperty("role", "muted")
        self.visit_label.hide()
        header = QHBoxLayout()
        header.addWidget(title)
        header.addSpacing(12)
        header.addWidget(self.visit_label, 1)

        self.samples = SamplesEditor()
        self.samples.changed.connect(self._update_totals)
        self.samples.changed.connect(self._update_promise)
        self.promise = PromisePanel()
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 6, 0)
        body_layout.setSpacing(10)
        body_layout.addWidget(self._customer_card())
        body_layout.addWidget(self.samples)
        body_layout.addWidget(self.promise)
        body_layout.addWidget(self._terms_card())
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)

        self.totals_label = QLabel()
        self.totals_label.setObjectName("intakeTotals")
        self.totals_label.setProperty("role", "subtitle")
        self.error_label = form_error_label()
        self.accept_button = QPushButton(self.tr("Accept and print labels"))
        self.accept_button.setObjectName("acceptIntake")
        self.accept_button.setProperty("primary", True)
        self.accept_button.clicked.connect(self.accept)
        self.clear_button = QPushButton(self.tr("New intake"))
        self.clear_button.setObjectName("clearIntake")
        self.clear_button.clicked.connect(self.clear)
        self.accept_button.setToolTip(self.tr("Ctrl+Enter"))
        accept_keys = QShortcut(QKeySequence("Ctrl+Return"), self)
        accept_keys.activated.connect(self.accept)
        footer = QHBoxLayout()
        footer.addWidget(self.totals_label, 1)
        footer.addWidget(self.clear_button)
        footer.addWidget(self.accept_button)

        self.result = IntakeResult(self._db, self, actor=context.actor)
        self.result.notice_shown.connect(self.notice_shown)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 12)
        layout.setSpacing(8)
        layout.addLayout(header)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.result)
        layout.addWidget(self.error_label)
        layout.addLayout(footer)
        self._update_conformity()
        self._update_totals()
        self._update_promise()

    # --- building ---------------------------------------------------------------------------------
    def _customer_card(self) -> QFrame:
        card = QFrame()
        card.setObjectName("card")
        self.company = CompanyPicker(self._db)
        self.company.setObjectName("intakeCompany")
        self.company.company_changed.connect(self._on_company_company_changed)
        self.contact = QComboBox()
        self.contact.setObjectName("intakeContact")
        self.contact.setEditable(True)
        self.contact.lineEdit().setPlaceholderText(self.tr("Who brings the samples, or the customer's contact"))
        self.contact.activated.connect(self._on_contact_activated)
        self.contact.lineEdit().textEdited.connect(self._on_contact_text_edited)
        self.email = QLineEdit()
        self.email.setObjectName("intakeEmail")
        self.phone = QLineEdit()
        self.phone.setObjectName("intakePhone")
        self.member_label = QLabel()
        self.member_label.setProperty("role", "muted")
        grid = QGridLayout(card)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(6)
        grid.addWidget(QLabel(self.tr("Company")), 0, 0)
        grid.addWidget(self.company, 0, 1)
        grid.addWidget(QLabel(self.tr("Contact")), 0, 2)
        grid.addWidget(self.contact, 0, 3)
        grid.addWidget(QLabel(self.tr("E-mail")), 1, 2)
        grid.addWidget(self.email, 1, 3)
        grid.addWidget(QLabel(self.tr("Phone")), 2, 2)
        grid.addWidget(self.phone, 2, 3)
        grid.addWidget(self.member_label, 1, 1)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(3, 2)
        return card

    def _terms_card(self) -> QFrame:
        card = QFrame()
        card.setObjectName("card")
        self.priority = QComboBox()
        self.priority.setObjectName("intakePriority")
        self.priority.addItem(self.tr("Normal"), "normal")
        self.priority.addItem(self.tr("Urgent"), "urgent")
        self.due_check = QCheckBox(self.tr("Results needed by"))
        self.due_check.setObjectName("intakeDueCheck")
        self.due_date = QDateEdit()
        self.due_date.setObjectName("intakeDue")
        self.due_date.setCalendarPopup(True)
        self.due_date.setDisplayFormat("dd/MM/yyyy")
        self.due_check.toggled.connect(self.due_date.setEnabled)
        self.priority.currentIndexChanged.connect(self._update_promise)
        self.due_check.toggled.connect(self._update_promise)
        self.due_date.dateChanged.connect(self._update_promise)
        self.conformity = QCheckBox(self.tr("Statement of conformity wanted"))
        self.conformity.setObjectName("intakeConformity")
        self.conformity.toggled.connect(self._update_conformity)
        self.specification = QLineEdit()
        self.specification.setObjectName("intakeSpecification")
        self.specification.setPlaceholderText(self.tr("The specification it refers to, e.g. EN 10025-2 S355JR"))
        self.decision_rule = QComboBox()
        self.decision_rule.setObjectName("intakeDecisionRule")
        for rule in DECISION_RULES:
            self.decision_rule.addItem(rule.label(language()), rule.code)
        self.agreed = QCheckBox(self.tr("The customer agrees to the methods, the prices and the decision rule"))
        self.agreed.setObjectName("intakeAgreed")
        self.agreed_by = QLineEdit()
        self.agreed_by.setObjectName("intakeAgreedBy")
        self.agreed_by.setPlaceholderText(self.tr("Name of who agreed for the customer"))
        grid = QGridLayout(card)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(6)
        grid.addWidget(QLabel(self.tr("Priority")), 0, 0)
        grid.addWidget(self.priority, 0, 1)
        grid.addWidget(self.due_check, 0, 2)
        grid.addWidget(self.due_date, 0, 3)
        grid.addWidget(self.conformity, 1, 0, 1, 2)
        grid.addWidget(self.specification, 1, 2, 1, 2)
        grid.addWidget(QLabel(self.tr("Decision rule")), 2, 0)
        grid.addWidget(self.decision_rule, 2, 1, 1, 3)
        grid.addWidget(self.agreed, 3, 0, 1, 2)
        grid.addWidget(self.agreed_by, 3, 2, 1, 2)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 2)
        self._reset_terms()
        return card

    # --- AreaView ---------------------------------------------------------------------------------
    def focus_first(self) -> None:
        self.company.setFocus(Qt.FocusReason.OtherFocusReason)

    def reload(self) -> None:
        db = self._db
        run_in_background(self, lambda: _catalogue(db), on_success=self._on_catalogue_loaded)
        self._load_board()

    def _load_board(self) -> None:
        """The lab's plan loaded for the promised date (up to a second on a big lab: in the background)."""
        db, ticket = self._db, self._boards.next()
        self.promise.set_loading()
        run_in_background(self, lambda: _promise_board(db),
                          on_success=self._boards.only_newest(ticket, self.promise.set_board),
                          on_error=lambda _error: None,  # the panel then says there is no plan
                          on_finished=self._boards.only_newest(ticket, self.promise.stop_loading))

    def _on_catalogue_loaded(self, loaded) -> None:
        catalogue, self._member_associations = loaded
        self.samples.set_catalogue(catalogue)
        self.data_loaded.emit()

    # --- the customer -----------------------------------------------------------------------------
    def _on_company_company_changed(self, company) -> None:
        member = company is not None and is_member(company.association_id, self._member_associations)
        self.samples.set_member(member)
        self.member_label.setText(self.tr("Member of %1: member prices").replace("%1", company.association_name)
                                  if member else "")
        self._people = []
        typed = self.contact.currentText()
        self.contact.clear()
        self.contact.setEditText(typed)
        if company is None:
            return
        from frontdesk.services.registry.visitors import visitors_of_company

        db, company_id = self._db, company.id
        run_in_background(self, lambda: visitors_of_company(db, company_id=company_id),
                          on_success=self._on_people_loaded)

    def _on_people_loaded(self, people) -> None:
        typed = self.contact.currentText()
        self._people = list(people)
        self.contact.blockSignals(True)
        self.contact.clear()
        for person in self._people:
            self.contact.addItem(person.full_name, person.id)
        self.contact.setCurrentIndex(-1)
        self.contact.setEditText(typed)
        self.contact.blockSignals(False)

    def _on_contact_activated(self, index: int) -> None:
        person = self._people[index] if 0 <= index < len(self._people) else None
        if person is None:
            return
        self._set_contact(person.id, person.full_name, person.email, person.phone)

    def _on_contact_text_edited(self, _text: str) -> None:
        self._contact_id = None  # a name typed: not one of the people on record

    def _set_contact(self, contact_id, name: str, email: str, phone: str) -> None:
        previous = self.contact.currentText() if self._contact_id is not None else ""
        self._contact_id = contact_id
        self.contact.setEditText(name)
        self.email.setText(email)
        self.phone.setText(phone)
        if not self.agreed_by.text().strip() or self.agreed_by.text() == previous:
            self.agreed_by.setText(name)

    def open_with(self, visit_id) -> None:
        """Another screen opened this one for a visit (the main window's `area_requested`)."""
        self.start_from_visit(visit_id)

    def start_from_visit(self, visit_id) -> None:
        """Fill the customer from a visitor on site (in the background); the request keeps the visit."""
        from frontdesk.services.lab.intake import intake_from_visit

        db = self._db
        run_in_background(self, lambda: intake_from_visit(db, visit_id=visit_id), on_success=self._on_prefilled,
                          on_error=lambda error: self._show_error(error.message))

    def _on_prefilled(self, prefill) -> None:
        self.clear()
        self._visit_id = prefill.visit_id
        if prefill.company is not None:
            self.company.set_company(prefill.company)
        self._set_contact(prefill.contact_id, prefill.contact_name, prefill.contact_email, prefill.contact_phone)
        self.visit_label.setText(self.tr("Brought by %1 (on site now)").replace("%1", prefill.contact_name))
        self.visit_label.show()
        self.samples.editors()[0].fields["material"].setFocus()

    # --- terms and totals -------------------------------------------------------------------------
    def _reset_terms(self) -> None:
        self.priority.setCurrentIndex(0)
        due = today_in_rome() + dt.timedelta(days=DUE_DAYS)
        self.due_date.setDate(QDate(due.year, due.month, due.day))
        self.due_date.setMinimumDate(QDate(2000, 1, 1))
        self.due_check.setChecked(False)
        self.due_date.setEnabled(False)
        self.conformity.setChecked(False)
        self.specification.clear()
        self.decision_rule.setCurrentIndex(0)
        self.agreed.setChecked(False)
        self.agreed_by.clear()

    def _update_conformity(self) -> None:
        wanted = self.conformity.isChecked()
        self.specification.setEnabled(wanted)
        self.decision_rule.setEnabled(wanted)

    def _update_totals(self) -> None:
        company = self.company.company()
        member = company is not None and is_member(company.association_id, self._member_associations)
        lines = [(line_price(terms, hours, member=member), terms.vat_rate) for terms, hours in self.samples.lines()]
        total = totals(lines)
        self.totals_label.setText(self.tr("Net %1 · VAT %2 · Total %3")
                                  .replace("%1", format_money(total.net)).replace("%2", format_money(total.vat))
                                  .replace("%3", format_money(total.total)))

    def _update_promise(self) -> None:
        made_at = self.promise.board_made_at()
        if made_at is not None and utcnow() - made_at > BOARD_MAX_AGE:
            self._load_board()
        lines = []
        for number, editor in enumerate(self.samples.editors(), start=1):
            for terms, hours in editor.lines():
                name = terms.name if hours is None else self.tr("%1, %2 h").replace("%1", terms.name).replace(
                    "%2", str(hours))
                lines.append((self.tr("Sample %1 · %2").replace("%1", str(number)).replace("%2", name),
                              TestAsked(terms.code, hours)))
        self.promise.set_request(lines, self.priority.currentData(), self._due_on())

    def _due_on(self) -> dt.date | None:
        due = self.due_date.date()
        return dt.date(due.year(), due.month(), due.day()) if self.due_check.isChecked() else None

    # --- accepting --------------------------------------------------------------------------------
    def intake_value(self) -> IntakeInput:
        company = self.company.company()
        return IntakeInput(
            company_id=company.id if company is not None else None,
            samples=self.samples.values(),
            contact_id=self._contact_id,
            contact_name=self.contact.currentText(),
            contact_email=self.email.text(),
            contact_phone=self.phone.text(),
            visit_id=self._visit_id,
            priority=self.priority.currentData(),
            due_on=self._due_on(),
            conformity=self.conformity.isChecked(),
            specification=self.specification.text(),
            decision_rule=self.decision_rule.currentData() if self.conformity.isChecked() else "",
            agreed=self.agreed.isChecked(),
            agreed_by=self.agreed_by.text(),
            promised_on=self.promise.promised_on(),
        )

    def accept(self) -> None:
        from frontdesk.services.lab.intake import take_in

        intake = self.intake_value()
        db, actor = self._db, self.context.actor
        self.error_label.hide()
        task = run_in_background(self, lambda: take_in(db, intake=intake, actor=actor),
                                 on_success=self._on_taken, on_error=self._on_take_in_failed,
                                 on_finished=lambda: self.accept_button.setEnabled(True),
                                 write=True, key=f"lab-intake:{id(self)}")
        if task is not None:
            self.accept_button.setEnabled(False)

    def _on_take_in_failed(self, error) -> None:
        """The refusal's message above the buttons; one about a sample also brings its tab forward."""
        self._show_error(error.message)
        field = error.field or ""
        if field.startswith("sample.") and field[7:].isdigit():
            self.samples.tabs.setCurrentIndex(int(field[7:]) - 1)

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    def _on_taken(self, summary) -> None:
        self.clear()
        self.result.show_intake(summary)
        self.result.print_labels()
        self.intake_taken.emit(summary)

    def clear(self) -> None:
        """An empty form for the next customer (the last intake's documents stay offered)."""
        self._visit_id = None
        self._contact_id = None
        self.visit_label.hide()
        self.company.set_company(None)
        self.contact.clear()
        self.contact.setEditText("")
        self.email.clear()
        self.phone.clear()
        self.samples.reset()
        self._reset_terms()
        self.error_label.hide()
        self._update_totals()
        self._update_promise()
