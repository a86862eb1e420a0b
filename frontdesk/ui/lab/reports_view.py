"""The Test reports screen (lab manager): what can be reported, and the reports issued.

Above, each open request and each of its samples with its readiness (ready, or waiting for N
tests, named); "Issue report" issues the selected one in the language chosen (preset from the
customer's). Below, the reports issued with their revisions: preview and print (ui.printing, as
the intake receipt), "Revise…" (what changed and why, both required) and "Send by e-mail". The
services refuse what may not be done; their messages go to the window's red banner.

Imports Qt, ui helpers and the reports service; never the database.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from frontdesk.domain.lab.report_content import CONFORMS, DOES_NOT_CONFORM
from frontdesk.i18n import format_datetime
from frontdesk.services.lab import reports
from frontdesk.services.lab.reports import ReportScope, ReportSummary
from frontdesk.ui.shell.area_view import AreaView, DeskContext
from frontdesk.ui.tasks import NewestWins, run_in_background
from frontdesk.ui.widgets.table_models import Column, ValueTableModel
from frontdesk.ui.widgets.tables import make_table


def print_report_now(db, report_id):
    """Draw the report again and print it: the work of one background task."""
    from frontdesk.ui import printing

    job, _matches = reports.report_print_job(db, report_id=report_id)
    return printing.print_job(job)


class ReviseDialog(QDialog):
    """What changed and why: both are printed on the revision (ISO/IEC 17025 7.8.8)."""

    def __init__(self, report: ReportSummary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Revise report %1").replace("%1", report.report_id))
        self.changes = QPlainTextEdit()
        self.changes.setObjectName("reviseChanges")
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("reviseReason")
        for box in (self.changes, self.reason):
            box.setTabChangesFocus(True)
            box.setFixedHeight(80)
        hint = QLabel(self.tr("The revision replaces report %1, which is kept.").replace("%1", report.report_id))
        hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("What changed"), self.changes)
        form.addRow(self.tr("Why"), self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Issue the revision"))
        self.ok_button.setEnabled(False)  # both texts are required
        for box in (self.changes, self.reason):
            box.textChanged.connect(self._on_text_changed)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(520, 300)

    def _on_text_changed(self) -> None:
        self.ok_button.setEnabled(bool(self.changes.toPlainText().strip() and self.reason.toPlainText().strip()))


class ReportsView(AreaView):
    report_issued = Signal(object)  # ReportSummary
    preview_opened = Signal(QWidget)
    areas = frozenset({"lab_report", "lab_test", "lab_request", "lab_sample", "companies"})

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._db = context.db
        self._actor = context.actor
        self._loads = NewestWins()
        self._dialog: QDialog | None = None

        title = QLabel(self.tr("Test reports"))
        title.setProperty("role", "title")
        self.scopes = ValueTableModel([
            Column(self.tr("Request"), lambda s: s.request_number),
            Column(self.tr("Sample"), lambda s: s.lab_id or self.tr("Whole request")),
            Column(self.tr("Company"), lambda s: s.company_name, tooltip=True),
            Column(self.tr("State"), self._state, tooltip=True),
        ], self)
        self.scope_table = make_table(self.scopes, fixed=(0, 1))
        self.scope_table.setObjectName("reportScopes")
        self.scope_table.selectionModel().currentRowChanged.connect(self._on_scope_current_changed)
        self.language = QComboBox()
        self.language.setObjectName("reportLanguage")
        self.language.addItem(self.tr("Italian"), "it")
        self.language.addItem(self.tr("English"), "en")
        self.verdict = QComboBox()  # the outcome of a statement of conformity, when the request asked one
        self.verdict.setObjectName("reportVerdict")
        self.verdict.addItem(self.tr("Choose…"), "")
        self.verdict.addItem(self.tr("Conforms to the specification"), CONFORMS)
        self.verdict.addItem(self.tr("Does not conform to the specification"), DOES_NOT_CONFORM)
        self.verdict_label = QLabel(self.tr("Conformity"))
        self.verdict_label.hide()
        self.verdict.hide()
        self.issue_button = QPushButton(self.tr("Issue report"))
        self.issue_button.setObjectName("issueReport")
        self.issue_button.setProperty("primary", True)
        self.issue_button.clicked.connect(self.issue)
        issue_row = QHBoxLayout()
        issue_row.addWidget(QLabel(self.tr("Language of the report")))
        issue_row.addWidget(self.language)
        issue_row.addSpacing(16)
        issue_row.addWidget(self.verdict_label)
        issue_row.addWidget(self.verdict)
        issue_row.addStretch(1)
        issue_row.addWidget(self.issue_button)

        self.issued = ValueTableModel([
            Column(self.tr("Report"), lambda r: r.report_id),
            Column(self.tr("Request"), lambda r: r.request_number),
            Column(self.tr("Sample"), lambda r: r.lab_id or self.tr("Whole request")),
            Column(self.tr("Customer"), lambda r: r.customer_name, tooltip=True),
            Column(self.tr("Language"), lambda r: self.tr("English") if r.language == "en" else self.tr("Italian")),
            Column(self.tr("Issued"), lambda r: format_datetime(r.issued_at)),
            Column(self.tr("Authorised by"), lambda r: r.authorised_by, tooltip=True),
            Column(self.tr("Replaced by"), lambda r: r.replaced_by),
        ], self)
        self.report_table = make_table(self.issued, fixed=(0, 1, 2, 4, 5, 7))
        self.report_table.setObjectName("issuedReports")
        self.preview_button = QPushButton(self.tr("Preview…"))
        self.preview_button.clicked.connect(self.preview)
        self.print_button = QPushButton(self.tr("Print"))
        self.print_button.clicked.connect(self.print_report)
        self.revise_button = QPushButton(self.tr("Revise…"))
        self.revise_button.setObjectName("reviseReport")
        self.revise_button.clicked.connect(self.revise)
        self.send_button = QPushButton(self.tr("Send by e-mail"))
        self.send_button.setObjectName("sendReport")
        self.send_button.clicked.connect(self.send)
        actions = QHBoxLayout()
        actions.addStretch(1)
        for button in (self.preview_button, self.print_button, self.revise_button, self.send_button):
            actions.addWidget(button)

        to_report = QLabel(self.tr("To report"))
        to_report.setProperty("role", "heading")
        issued = QLabel(self.tr("Reports issued"))
        issued.setProperty("role", "heading")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(8)
        layout.addWidget(title)
        layout.addWidget(to_report)
        layout.addWidget(self.scope_table, 1)
        layout.addLayout(issue_row)
        layout.addWidget(issued)
        layout.addWidget(self.report_table, 1)
        layout.addLayout(actions)

    def _state(self, scope: ReportScope) -> str:
        if scope.pending:
            return self.tr("Waiting for %n test(s): %1", "", len(scope.pending)).replace(
                "%1", "; ".join(scope.pending))
        if scope.verified:
            return self.tr("Ready to report")
        return self.tr("Reported")

    def focus_first(self) -> None:
        self.scope_table.setFocus()

    def reload(self) -> None:
        ticket, db = self._loads.next(), self._db
        run_in_background(self, lambda: (reports.report_worklist(db), reports.issued_reports(db)),
                          on_success=self._loads.only_newest(ticket, self._on_loaded))

    def _on_loaded(self, loaded) -> None:
        scopes, issued = loaded
        current = self.current_scope()
        self.scopes.set_rows(scopes)
        self.issued.set_rows(issued)
        row = self.scopes.row_of(lambda s: (s.request_id, s.sample_id) == (current.request_id, current.sample_id)
                                 ) if current else -1
        if row < 0 and scopes:
            row = 0
        if row >= 0:
            self.scope_table.selectRow(row)
        if issued and not self.report_table.selectionModel().currentIndex().isValid():
            self.report_table.selectRow(0)
        self.data_loaded.emit()

    def current_scope(self) -> ReportScope | None:
        index = self.scope_table.selectionModel().currentIndex()
        return self.scopes.value(index.row()) if index.isValid() else None

    def current_report(self) -> ReportSummary | None:
        index = self.report_table.selectionModel().currentIndex()
        return self.issued.value(index.row()) if index.isValid() else None

    def _on_scope_current_changed(self, current, _previous) -> None:
        scope = self.scopes.value(current.row()) if current.isValid() else None
        if scope is not None:
            self.language.setCurrentIndex(max(0, self.language.findData(scope.language)))
        asked = scope is not None and bool(scope.specification)
        self.verdict.setCurrentIndex(0)
        self.verdict.setToolTip(scope.specification if asked else "")
        self.verdict_label.setVisible(asked)
        self.verdict.setVisible(asked)

    def issue(self) -> None:
        scope = self.current_scope()
        if scope is None:
            return
        db, actor, lang, verdict = self._db, self._actor, self.language.currentData(), self.verdict.currentData()
        run_in_background(self, lambda: reports.issue_report(db, request_id=scope.request_id,
                                                             sample_id=scope.sample_id, language=lang, actor=actor,
                                                             verdict=verdict if scope.specification else ""),
                          on_success=self._on_issued, write=True, key=f"report-issue:{scope.request_id}")

    def _on_issued(self, summary: ReportSummary) -> None:
        self.notice_shown.emit(self.tr("Report %1 issued").replace("%1", summary.report_id))
        self.report_issued.emit(summary)

    def preview(self) -> None:
        report = self.current_report()
        if report is None:
            return
        db = self._db
        run_in_background(self, lambda: reports.report_print_job(db, report_id=report.id),
                          on_success=self._on_preview_ready, key=f"report-preview:{report.id}")

    def _on_preview_ready(self, loaded) -> None:
        from frontdesk.ui import printing

        job, matches = loaded
        if not matches:
            self.notice_shown.emit(self.tr("This copy is drawn again from the report's stored content, but its file "
                                           "differs from the one issued: the program has changed since."))
        dialog = printing.make_preview_dialog(self, job.pdf, job.printer or None)
        dialog.open()
        self.preview_opened.emit(dialog)

    def print_report(self) -> None:
        report = self.current_report()
        if report is None:
            return
        db = self._db
        run_in_background(self, lambda: print_report_now(db, report.id),
                          on_success=lambda outcome: self.notice_shown.emit(outcome.message),
                          slow=True, key=f"report-print:{report.id}")

    def revise(self) -> ReviseDialog | None:
        report = self.current_report()
        if report is None:
            return None
        if self._dialog is not None:
            self._dialog.deleteLater()
        dialog = ReviseDialog(report, self)
        self._dialog = dialog
        dialog.accepted.connect(lambda: self._on_revise_accepted(report, dialog))
        dialog.open()
        return dialog

    def _on_revise_accepted(self, report: ReportSummary, dialog: ReviseDialog) -> None:
        db, actor = self._db, self._actor
        changes, reason = dialog.changes.toPlainText(), dialog.reason.toPlainText()
        run_in_background(self, lambda: reports.revise_report(db, report_id=report.id, reason=reason, changes=changes,
                                                              actor=actor),
                          on_success=self._on_issued, write=True, key=f"report-revise:{report.id}")

    def send(self) -> None:
        report = self.current_report()
        if report is None:
            return
        db, actor = self._db, self._actor
        run_in_background(self, lambda: reports.send_report(db, report_id=report.id, actor=actor),
                          on_success=lambda sent: self.notice_shown.emit(
                              self.tr("Report %1 sent to %2").replace("%1", sent.report_id).replace("%2", sent.to)),
                          slow=True, key=f"report-send:{report.id}")
