"""The Companies and visitors screen: one search field over both, the companies found with the
selected company's details and people, the visitors found (most recent visit first), and the
likely duplicates (ui.registry.duplicates_tab).

Search-as-you-type: each keystroke restarts a short timer; when it fires the search runs in the
background and only the newest query's results are shown (older ones arriving late are dropped).
Dialogs create and edit companies and visitors. Imports Qt, ui helpers and the companies /
visitors services; never the database.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from frontdesk.i18n import format_date, format_number, local_time
from frontdesk.services.registry.companies import CompanySummary, count_companies, get_company, search_companies
from frontdesk.services.registry.duplicates import COMPANY
from frontdesk.services.registry.visitors import (
    VisitorSummary,
    count_visitors,
    get_visitor,
    search_visitors,
    visitors_of_company,
)
from frontdesk.ui.registry.company_dialog import CompanyDialog
from frontdesk.ui.registry.duplicates_tab import DuplicatesTab
from frontdesk.ui.registry.person_actions import RecordActions
from frontdesk.ui.registry.visitor_dialog import VisitorDialog
from frontdesk.ui.shell.area_view import AreaView, DeskContext
from frontdesk.ui.tasks import NewestWins, run_in_background
from frontdesk.ui.widgets.table_models import Column, ValueTableModel
from frontdesk.ui.widgets.tables import make_table

DEBOUNCE_MS = 120
LIMIT = 100


def _last_visit(v: VisitorSummary) -> str:
    return format_date(local_time(v.last_visit_at).date()) if v.last_visit_at else ""


class ListAndDetail(QSplitter):
    """A list beside its detail: the list gets `list_share` of the width when the screen is first laid
    out (the detail's own size hint would otherwise take half), then the user's drag wins."""

    def __init__(self, *, list_share: float) -> None:
        super().__init__(Qt.Orientation.Horizontal)
        self._list_share = list_share
        self._placed = False

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        total = sum(self.sizes())
        if not self._placed and total > 0 and self.isVisible():
            self._placed = True
            first = int(total * self._list_share)
            self.setSizes([first, total - first])


class CompaniesView(AreaView):
    areas = frozenset({"companies", "visitors"})

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._db = context.db
        self._searches = NewestWins()
        self._details = NewestWins()  # the selected company's people
        self._results_ticket = -1  # the query whose results are listed
        self._totals: tuple[int, tuple[int, int] | None] = (-1, None)  # (query, its true totals)
        self._select_id = None  # a company to select when the next results arrive
        self._dialog: QDialog | None = None

        title = QLabel(self.tr("Companies and visitors"))
        title.setProperty("role", "title")
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("Search by company, city, VAT number or visitor name"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumHeight(34)
        self.new_company_button = QPushButton(self.tr("New company"))
        self.new_company_button.setProperty("primary", True)
        self.new_company_button.clicked.connect(self._on_new_company_button_clicked)
        self.new_visitor_button = QPushButton(self.tr("New visitor"))
        self.new_visitor_button.clicked.connect(self._on_new_visitor_button_clicked)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.new_visitor_button)
        top.addWidget(self.new_company_button)

        self.company_model = ValueTableModel([
            Column(self.tr("Name"), lambda c: c.name, tooltip=True),
            Column(self.tr("City"), lambda c: c.city),
            Column(self.tr("VAT number"), lambda c: c.vat_number),
            Column(self.tr("Association"), lambda c: c.association_name, tooltip=True),
        ], self)
        self.company_table = make_table(self.company_model, fixed=(2,))
        self.company_table.setObjectName("companyTable")
        self.company_table.selectionModel().currentRowChanged.connect(self._on_company_current_row_changed)
        self.company_table.doubleClicked.connect(lambda _i: self._on_edit_company_button_clicked())

        self.staff_model = ValueTableModel([
            Column(self.tr("Name"), lambda v: f"{v.last_name} {v.first_name}", tooltip=True),
            Column(self.tr("E-mail"), lambda v: v.email, tooltip=True),
            Column(self.tr("Last visit"), _last_visit),
        ], self)
        self.staff_table = make_table(self.staff_model, fixed=(2,))
        self.staff_table.doubleClicked.connect(self._on_staff_table_double_clicked)

        self.visitor_model = ValueTableModel([
            Column(self.tr("Name"), lambda v: f"{v.last_name} {v.first_name}", tooltip=True),
            Column(self.tr("Company"), lambda v: v.company_name, tooltip=True),
            Column(self.tr("E-mail"), lambda v: v.email),
            Column(self.tr("Phone"), lambda v: v.phone),
            Column(self.tr("Last visit"), _last_visit),
        ], self)
        self.visitor_table = make_table(self.visitor_model, fixed=(3, 4))
        self.visitor_table.setObjectName("visitorTable")
        self.visitor_table.doubleClicked.connect(self._on_visitor_table_double_clicked)
        self.visitor_hint = QLabel(self.tr("Type part of a name to find visitors; the most recent come first."))
        self.visitor_hint.setProperty("role", "muted")

        self.tabs = QTabWidget()
        self.tabs.addTab(self._companies_tab(), "")
        visitors_tab = QWidget()
        visitors_layout = QVBoxLayout(visitors_tab)
        visitors_layout.setContentsMargins(8, 8, 8, 8)
        visitors_layout.addWidget(self.visitor_hint)
        visitors_layout.addWidget(self.visitor_table, 1)
        self.visitor_actions = RecordActions(context, self._selected_visitor_record, privacy=True)
        self.visitor_actions.notice_shown.connect(self.notice_shown)
        visitors_layout.addWidget(self.visitor_actions)
        self.tabs.addTab(visitors_tab, "")
        self.duplicates = DuplicatesTab(self._db)
        self.duplicates.loaded.connect(self._on_duplicates_loaded)
        self.duplicates.open_requested.connect(self._on_duplicate_open_requested)
        self.tabs.addTab(self.duplicates, "")
        self._on_duplicates_loaded(0)
        self._update_tab_titles()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._run_search)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.search.returnPressed.connect(self._run_search)
        self._show_company(None)

    # --- building -------------------------------------------------------------------------------
    def _companies_tab(self) -> QWidget:
        self.detail = QFrame()
        self.detail.setObjectName("card")
        self.detail_title = QLabel()
        self.detail_title.setProperty("role", "subtitle")
        self.detail_title.setWordWrap(True)
        self.detail_kind = QLabel()
        self.detail_kind.setProperty("role", "muted")
        self.detail_fields: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setHorizontalSpacing(14)
        for key, label in (("vat", self.tr("VAT number")), ("fiscal_code", self.tr("Codice Fiscale")),
                           ("association", self.tr("Association")), ("invoicing", self.tr("SdI / PEC")),
                           ("address", self.tr("Address")), ("contacts", self.tr("Contacts"))):
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setTextFormat(Qt.TextFormat.PlainText)
            self.detail_fields[key] = value
            form.addRow(label, value)
        self.edit_company_button = QPushButton(self.tr("Edit company"))
        self.edit_company_button.clicked.connect(self._on_edit_company_button_clicked)
        self.add_person_button = QPushButton(self.tr("New visitor for this company"))
        self.add_person_button.clicked.connect(self._on_add_person_button_clicked)
        self.company_actions = RecordActions(self.context, self._selected_company_record, privacy=False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_company_button)
        buttons.addWidget(self.add_person_button)
        buttons.addWidget(self.company_actions)
        buttons.addStretch(1)
        detail_layout = QVBoxLayout(self.detail)
        detail_layout.addWidget(self.detail_title)
        detail_layout.addWidget(self.detail_kind)
        detail_layout.addLayout(form)
        detail_layout.addLayout(buttons)
        self.staff_title = QLabel(self.tr("People of this company"))
        self.staff_title.setProperty("role", "subtitle")
        self.empty_detail = QLabel(self.tr("Choose a company to see its details and its people."))
        self.empty_detail.setProperty("role", "muted")
        self.empty_detail.setAlignment(Qt.AlignmentFlag.AlignCenter)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(8, 0, 0, 0)
        right_layout.addWidget(self.empty_detail)
        right_layout.addWidget(self.detail)
        right_layout.addWidget(self.staff_title)
        right_layout.addWidget(self.staff_table, 1)

        splitter = ListAndDetail(list_share=0.62)
        splitter.addWidget(self.company_table)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        tab = QWidget()
        tab_layout = QVBoxLayout(tab)
        tab_layout.setContentsMargins(8, 8, 8, 8)
        tab_layout.addWidget(splitter)
        return tab

    def _update_tab_titles(self, totals: tuple[int, int] | None = None) -> None:
        """"Companies (12)"; "Companies (100 of 2,000)" when the list shows only the first ones. The
        totals are counted apart (they may take longer than the search): until they arrive, a full
        page says "100+" rather than a number that is not the total."""
        shown = (self.company_model.rowCount(), self.visitor_model.rowCount())
        for tab, title, n, total in ((0, self.tr("Companies"), shown[0], totals and totals[0]),
                                     (1, self.tr("Visitors"), shown[1], totals and totals[1])):
            if tab == 1 and not self.search.text().strip():
                text = title  # nothing is listed until something is typed (the hint says so)
            elif total is not None and total > n:
                text = self.tr("{title} ({n} of {total})").format(title=title, n=format_number(n),
                                                                  total=format_number(total))
            elif total is None and n >= LIMIT:
                text = self.tr("{title} ({n}+)").format(title=title, n=format_number(n))
            else:
                text = self.tr("{title} ({n})").format(title=title, n=format_number(n))
            self.tabs.setTabText(tab, text)

    def focus_first(self) -> None:
        self.search.setFocus()

    # --- search ---------------------------------------------------------------------------------
    def reload(self) -> None:
        self._run_search()
        self.duplicates.reload()

    def _on_search_text_changed(self, _text: str) -> None:
        self._timer.start()

    def _run_search(self) -> None:
        self._timer.stop()
        ticket, query, db = self._searches.next(), self.search.text(), self._db

        def work():
            companies = search_companies(db, query=query, limit=LIMIT)
            visitors = search_visitors(db, query=query, limit=LIMIT) if query.strip() else []
            return companies, visitors

        def totals():
            return count_companies(db, query=query), (count_visitors(db, query=query) if query.strip() else 0)

        run_in_background(self, work, on_success=self._searches.only_newest(
            ticket, lambda found: self._on_results(ticket, found)))
        run_in_background(self, totals, on_success=self._searches.only_newest(
            ticket, lambda counted: self._on_totals(ticket, counted)))

    def _on_totals(self, ticket: int, totals: tuple[int, int]) -> None:
        self._totals = (ticket, totals)
        if self._results_ticket == ticket:
            self._update_tab_titles(totals)

    def _on_results(self, ticket: int, found) -> None:
        self._results_ticket = ticket
        companies, visitors = found
        keep = self._select_id or (self.current_company().id if self.current_company() else None)
        self._select_id = None
        self.company_model.set_rows(companies)
        self.visitor_model.set_rows(visitors)
        self.visitor_hint.setVisible(not self.search.text().strip())
        counted_for, totals = self._totals
        self._update_tab_titles(totals if counted_for == ticket else None)
        row = self.company_model.row_of(lambda c: c.id == keep) if keep else -1
        if row >= 0:
            self.company_table.selectRow(row)
            self.company_table.scrollTo(self.company_model.index(row, 0))
        else:
            self._show_company(None)
        self.data_loaded.emit()

    # --- the selected company -------------------------------------------------------------------
    def current_company(self) -> CompanySummary | None:
        index = self.company_table.selectionModel().currentIndex()
        rows = self.company_table.selectionModel().selectedRows()
        if not rows or not index.isValid():
            return None
        return self.company_model.value(index.row())

    def _on_company_current_row_changed(self, current, _previous) -> None:
        self._show_company(self.company_model.value(current.row()) if current.isValid() else None)

    def _show_company(self, company: CompanySummary | None) -> None:
        ticket = self._details.next()
        self.detail.setVisible(company is not None)
        self.staff_title.setVisible(company is not None)
        self.staff_table.setVisible(company is not None)
        self.empty_detail.setVisible(company is None)
        self.add_person_button.setEnabled(company is not None)
        if company is None:
            self.staff_model.set_rows([])
            return
        kinds = {"it": self.tr("Italian company"), "foreign": self.tr("Foreign company"),
                 "private": self.tr("Private person")}
        self.detail_title.setText(company.name)
        self.detail_kind.setText(kinds.get(company.kind, ""))
        self.detail_fields["vat"].setText(company.vat_number or "—")
        self.detail_fields["fiscal_code"].setText(company.fiscal_code or "—")
        self.detail_fields["association"].setText(company.association_name or "—")
        self.detail_fields["invoicing"].setText(" / ".join(p for p in (company.sdi_code, company.pec) if p) or "—")
        self.detail_fields["address"].setText(", ".join(p for p in (company.address, company.city) if p) or "—")
        self.detail_fields["contacts"].setText("  ".join(p for p in (company.email, company.phone) if p) or "—")
        db = self._db
        run_in_background(self, lambda: visitors_of_company(db, company_id=company.id),
                          on_success=self._details.only_newest(ticket, self.staff_model.set_rows))

    # --- likely duplicates ----------------------------------------------------------------------
    def _on_duplicates_loaded(self, groups: int) -> None:
        self.tabs.setTabText(2, self.tr("Likely duplicates ({n})").format(n=format_number(groups)))

    def _on_duplicate_open_requested(self, kind: str, record_id) -> None:
        db = self._db
        if kind == COMPANY:
            run_in_background(self, lambda: get_company(db, company_id=record_id), on_success=self.show_company)
        else:
            run_in_background(self, lambda: get_visitor(db, visitor_id=record_id),
                              on_success=self._open_visitor_dialog)

    # --- dialogs --------------------------------------------------------------------------------
    def _keep(self, dialog: QDialog) -> None:
        """Keep the last dialog until the next one opens (its result stays readable), then free it."""
        if self._dialog is not None:
            self._dialog.deleteLater()
        self._dialog = dialog

    def _open_company_dialog(self, company: CompanySummary | None) -> CompanyDialog:
        dialog = CompanyDialog(self._db, self.context.actor, company, parent=self)
        self._keep(dialog)
        dialog.finished.connect(lambda result: self._on_company_dialog_finished(dialog, result))
        dialog.open()
        return dialog

    def _on_company_dialog_finished(self, dialog: CompanyDialog, result: int) -> None:
        company = dialog.result_company()
        if result == QDialog.DialogCode.Accepted and company is not None:
            self.show_company(company)
            if dialog.saved is not None:
                self.notice_shown.emit(self.tr("Saved: {name}").format(name=company.name))

    def show_company(self, company: CompanySummary) -> None:
        """Search for the company by name and select it when the results arrive."""
        self._select_id = company.id
        self.tabs.setCurrentIndex(0)
        if self.search.text() == company.name:
            self._run_search()
        else:
            self.search.setText(company.name)  # restarts the debounced search

    def _on_new_company_button_clicked(self) -> CompanyDialog:
        return self._open_company_dialog(None)

    def _on_edit_company_button_clicked(self) -> CompanyDialog | None:
        company = self.current_company()
        return self._open_company_dialog(company) if company else None

    def _open_visitor_dialog(self, visitor: VisitorSummary | None,
                             company: CompanySummary | None = None) -> VisitorDialog:
        dialog = VisitorDialog(self._db, self.context.actor, visitor, company=company, parent=self)
        self._keep(dialog)
        dialog.finished.connect(lambda result: self._on_visitor_dialog_finished(dialog, result))
        dialog.open()
        return dialog

    def _on_visitor_dialog_finished(self, dialog: VisitorDialog, result: int) -> None:
        if result == QDialog.DialogCode.Accepted and dialog.saved is not None:
            self.notice_shown.emit(self.tr("Saved: {name}").format(name=dialog.saved.full_name))

    def _on_new_visitor_button_clicked(self) -> VisitorDialog:
        return self._open_visitor_dialog(None)

    def _selected_visitor_record(self):
        index = self.visitor_table.currentIndex()
        visitor = self.visitor_model.value(index.row()) if index.isValid() else None
        return ("visitor", visitor.id, visitor.full_name) if visitor else None

    def _selected_company_record(self):
        company = self.current_company()
        return ("company", company.id, company.name) if company else None

    def _on_add_person_button_clicked(self) -> VisitorDialog | None:
        company = self.current_company()
        return self._open_visitor_dialog(None, company) if company else None

    def _on_staff_table_double_clicked(self, index) -> None:
        visitor = self.staff_model.value(index.row())
        if visitor:
            self._open_visitor_dialog(visitor)

    def _on_visitor_table_double_clicked(self, index) -> None:
        visitor = self.visitor_model.value(index.row())
        if visitor:
            self._open_visitor_dialog(visitor)
