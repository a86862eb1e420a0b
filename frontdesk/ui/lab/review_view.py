"""The Results review screen (the lab manager, VERIFY_TESTS): the tests to verify (completed) and
those verified lately, or the tests not yet completed; the selected test's result versions side by
side with who entered each, when and why, and its raw files (open, or save a copy). Verify,
Reject…, Reopen…, Cancel…, Send to external lab…, each from the keyboard too; which of them apply
follows domain.lab.test_status. Refreshes when the lab's tests or results change (also after a
sync). Imports Qt, ui helpers and the lab's results and review services."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from frontdesk import config
from frontdesk.domain.errors import StorageProblem
from frontdesk.domain.lab import test_status as steps
from frontdesk.domain.lab.results import label_of
from frontdesk.i18n import format_datetime, format_size, language
from frontdesk.private_files import private_dir, write_atomic
from frontdesk.services.lab import review
from frontdesk.services.lab.results import (
    AttachmentInfo,
    ResultForm,
    ResultVersion,
    attachment_content,
    attachments,
    result_form,
    result_history,
)
from frontdesk.services.lab.test_run import complete_test
from frontdesk.ui.lab.result_dialog import ResultDialog
from frontdesk.ui.printing import open_document
from frontdesk.ui.shell.area_view import AreaView, DeskContext
from frontdesk.ui.tasks import NewestWins, run_in_background
from frontdesk.ui.widgets.table_models import Column, ValueTableModel
from frontdesk.ui.widgets.tables import make_table, read_only_table


def status_text(status: str) -> str:
    text = steps.status_label(status)
    return text[:1].upper() + text[1:]


def number_text(text: str) -> str:
    """A stored reading as the user writes numbers ("0.180" -> "0,180" in Italian, never grouped:
    a reading is not an amount); text as it is."""
    try:
        Decimal(text)
    except InvalidOperation:
        return text
    return text.replace(".", ",") if language() == "it" else text


def write_copy(path: Path, content: bytes) -> Path:
    """Worker thread: a raw file's bytes written at `path`, or a StorageProblem."""
    try:
        write_atomic(path, content)
    except OSError:
        raise StorageProblem(QCoreApplication.translate("ReviewView", "The file could not be written in %1.")
                             .replace("%1", str(path.parent))) from None
    return path


def opened_copy(db, attachment_id: uuid.UUID) -> Path:
    """Worker thread: the raw file checked and written under the data folder's lab_files, to open."""
    info, content = attachment_content(db, attachment_id=attachment_id)
    folder = private_dir(config.data_dir() / "lab_files")
    return write_copy(folder / f"{info.sha256[:12]}-{info.filename}", content)


class ReasonDialog(QDialog):
    """Asks the reason (or the external lab's name) for a step and takes it; a refusal shows in red
    here and nothing changes."""

    def __init__(self, title: str, prompt: str, action: Callable[[str], object], parent: QWidget) -> None:
        super().__init__(parent)
        self._action = action
        self.setWindowTitle(title)
        self.setMinimumWidth(480)
        question = QLabel(prompt)
        question.setWordWrap(True)
        self.text = QLineEdit()
        self.text.setObjectName("reason")
        self.refusal = QLabel()
        self.refusal.setObjectName("refusal")
        self.refusal.setProperty("role", "field-error")
        self.refusal.setWordWrap(True)
        self.refusal.hide()
        self.ok_button = QPushButton(title)
        self.ok_button.setProperty("primary", True)
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self._on_ok_button_clicked)
        close = QPushButton(self.tr("Cancel"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        buttons.addWidget(self.ok_button)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(self.text)
        layout.addWidget(self.refusal)
        layout.addLayout(buttons)

    def _on_ok_button_clicked(self) -> None:
        text, action = self.text.text(), self._action
        self.refusal.hide()
        self.ok_button.setEnabled(False)
        run_in_background(self, lambda: action(text), write=True, on_success=lambda _r: self.accept(),
                          on_error=self._on_refused, on_finished=lambda: self.ok_button.setEnabled(True))

    def _on_refused(self, error) -> None:
        self.refusal.setText(error.message)
        self.refusal.show()


class ReviewView(AreaView):
    areas = frozenset({"lab_test", "lab_result", "lab_attachment"})

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._db = context.db
        self._loads, self._details = NewestWins(), NewestWins()
        self._dialog: QDialog | None = None

        title = QLabel(self.tr("Results review"))
        title.setProperty("role", "title")
        self.scope = QComboBox()
        self.scope.setObjectName("scope")
        self.scope.addItem(self.tr("To verify and verified lately"), "review")
        self.scope.addItem(self.tr("Not yet completed"), "open")
        self.scope.currentIndexChanged.connect(lambda _i: self.reload())
        heading = QHBoxLayout()
        heading.addWidget(title)
        heading.addStretch(1)
        heading.addWidget(self.scope)

        self.model = ValueTableModel([
            Column(self.tr("Sample"), lambda t: t.sample_lab_id),
            Column(self.tr("Company"), lambda t: t.company, tooltip=True),
            Column(self.tr("Test"), lambda t: t.test_name, tooltip=True),
            Column(self.tr("Round"), lambda t: str(t.round)),
            Column(self.tr("Status"), lambda t: status_text(t.status) + (
                " · " + self.tr("interrupted (%1): reopen it").replace("%1", t.interrupted) if t.interrupted else "")),
            Column(self.tr("Completed"), lambda t: format_datetime(t.completed_at) if t.completed_at else ""),
            Column(self.tr("Verified"), lambda t: format_datetime(t.verified_at) if t.verified_at else ""),
            Column(self.tr("External lab"), lambda t: t.subcontractor if t.subcontracted else "", tooltip=True),
        ], self)
        self.table = make_table(self.model, fixed=(0, 3, 4, 5, 6))
        self.table.setObjectName("reviewTable")
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._load_detail())
        self.empty = QLabel(self.tr("No test is waiting for verification."))
        self.empty.setProperty("role", "muted")
        self.empty.hide()

        self.buttons: dict[str, QPushButton] = {}
        actions = QHBoxLayout()
        for step, text, keys, slot in (
                (steps.VERIFY, self.tr("Verify"), "Ctrl+Return", self._on_verify_button_clicked),
                (steps.REJECT, self.tr("Reject…"), "Ctrl+J", self._on_reject_button_clicked),
                (steps.REOPEN, self.tr("Reopen…"), "Ctrl+R", self._on_reopen_button_clicked),
                (steps.CANCEL, self.tr("Cancel…"), "Ctrl+D", self._on_cancel_button_clicked),
                (steps.SUBCONTRACT, self.tr("Send to external lab…"), "Ctrl+E", self._on_subcontract_button_clicked)):
            button = QPushButton(text)
            button.setToolTip(QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText))
            button.clicked.connect(slot)
            button.setEnabled(False)
            QShortcut(QKeySequence(keys), self, activated=button.click)
            self.buttons[step] = button
            actions.addWidget(button)
        self.buttons[steps.VERIFY].setProperty("primary", True)
        # A test sent to an external lab is in no technician's queue: its results arrive here.
        self.external_results_button = QPushButton(self.tr("External results…"))
        self.external_results_button.clicked.connect(self._on_external_results_button_clicked)
        self.complete_external_button = QPushButton(self.tr("Complete"))
        self.complete_external_button.clicked.connect(self._on_complete_external_button_clicked)
        self.results_dialog: ResultDialog | None = None
        for button in (self.external_results_button, self.complete_external_button):
            button.setEnabled(False)
            actions.addWidget(button)
        actions.addStretch(1)

        self.detail_title = QLabel()
        self.detail_title.setProperty("role", "subtitle")
        self.detail_title.setWordWrap(True)
        self.versions_model = QStandardItemModel(self)
        self.versions = read_only_table(self.versions_model)
        self.versions.setObjectName("versionsTable")
        self.versions.setWordWrap(True)
        self.versions.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft)
        self.files_model = ValueTableModel([
            Column(self.tr("Raw file"), lambda f: f.filename, tooltip=True),
            Column(self.tr("Round"), lambda f: str(f.round)),
            Column(self.tr("Size"), lambda f: format_size(f.size)),
            Column(self.tr("Added"), lambda f: format_datetime(f.added_at)),
            Column(self.tr("By"), lambda f: f.added_by_name, tooltip=True),
        ], self)
        self.files = make_table(self.files_model, fixed=(1, 2, 3))
        self.files.setObjectName("filesTable")
        self.files.setMaximumHeight(130)
        self.files.activated.connect(lambda _i: self._on_open_button_clicked())
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.clicked.connect(self._on_open_button_clicked)
        self.save_copy_button = QPushButton(self.tr("Save a copy…"))
        self.save_copy_button.clicked.connect(self._on_save_copy_button_clicked)
        file_buttons = QHBoxLayout()
        file_buttons.addStretch(1)
        file_buttons.addWidget(self.open_button)
        file_buttons.addWidget(self.save_copy_button)

        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.detail_title)
        detail_layout.addWidget(self.versions, 3)
        detail_layout.addWidget(self.files, 1)
        detail_layout.addLayout(file_buttons)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(detail)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(10)
        layout.addLayout(heading)
        layout.addLayout(actions)
        layout.addWidget(self.empty)
        layout.addWidget(split, 1)

    def focus_first(self) -> None:
        self.table.setFocus()

    # --- the list -------------------------------------------------------------------------------
    def reload(self) -> None:
        ticket, db, scope = self._loads.next(), self._db, self.scope.currentData()
        run_in_background(self, lambda: review.review_list(db, scope=scope),
                          on_success=self._loads.only_newest(ticket, self._on_loaded))

    def _on_loaded(self, items: list[review.ReviewItem]) -> None:
        current = self.current_test()
        self.model.set_rows(items)
        self.empty.setVisible(not items)
        row = self.model.row_of(lambda t: t.test_id == current.test_id) if current else -1
        if row < 0 and items:
            row = 0
        if row >= 0:
            self.table.selectRow(row)
        self._load_detail()
        self.data_loaded.emit()

    def current_test(self) -> review.ReviewItem | None:
        index = self.table.selectionModel().currentIndex()
        return self.model.value(index.row()) if index.isValid() else None

    # --- the selected test ------------------------------------------------------------------------
    def _load_detail(self) -> None:
        test = self.current_test()
        for step, button in self.buttons.items():
            button.setEnabled(test is not None and steps.may(test.run, step))
        external = test is not None and test.subcontracted and test.status == steps.IN_PROGRESS
        self.external_results_button.setEnabled(external)
        self.complete_external_button.setEnabled(external)
        ticket = self._details.next()
        if test is None:
            self.detail_title.clear()
            self.versions_model.clear()
            self.files_model.set_rows([])
            return
        db, test_id = self._db, test.test_id
        run_in_background(self, lambda: (result_form(db, test_id=test_id), result_history(db, test_id=test_id),
                                         attachments(db, test_id=test_id)),
                          on_success=self._details.only_newest(ticket, self._on_detail))

    def _on_detail(self, loaded: tuple[ResultForm, list[ResultVersion], list[AttachmentInfo]]) -> None:
        form, versions, files = loaded
        self.detail_title.setText(self.tr("{sample} · {test}: {n} result versions").format(
            sample=form.sample_lab_id, test=form.test_name, n=len(versions)))
        self._fill_versions(form, versions)
        self.files_model.set_rows(files)
        self.open_button.setEnabled(bool(files))
        self.save_copy_button.setEnabled(bool(files))
        self.data_loaded.emit()

    def _fill_versions(self, form: ResultForm, versions: list[ResultVersion]) -> None:
        """One column per version (round and version), one row per result field, then the
        conditions, deviations, machine, who, when and why. Fields no version reports are left out."""
        model = self.versions_model
        model.clear()
        model.setHorizontalHeaderLabels(
            ["", *(self.tr("Round {round}, v{version}").format(round=v.round, version=v.version) for v in versions)])
        rows: list[tuple[str, Callable[[ResultVersion], str]]] = []
        entered = {r.code for v in versions for r in v.readings}
        for field in (f for f in form.fields if f.name in entered or not versions):
            rows.append((f"{label_of(field)} ({field.unit})" if field.unit else label_of(field),
                         lambda v, name=field.name: self._reading(v, name)))
        for condition in form.conditions:
            rows.append((label_of(condition),
                         lambda v, c=condition: f"{number_text(v.conditions[c.name])} {c.unit}".strip()
                         if c.name in v.conditions else ""))
        rows += [
            (self.tr("Deviations"), lambda v: v.deviations),
            (self.tr("Machine used"), lambda v: v.provider and self.tr("External: {lab}").format(lab=v.provider)
             if v.external else v.equipment_label),
            (self.tr("Entered by"), lambda v: v.entered_by_name),
            (self.tr("Entered at"), lambda v: format_datetime(v.entered_at)),
            (self.tr("Reason"), lambda v: v.reason),
        ]
        for label, value in rows:
            model.appendRow([QStandardItem(label), *(QStandardItem(value(v)) for v in versions)])
        self.versions.resizeColumnsToContents()
        self.versions.resizeRowsToContents()

    @staticmethod
    def _reading(version: ResultVersion, name: str) -> str:
        reading = next((r for r in version.readings if r.code == name), None)
        if reading is None:
            return ""
        text = number_text(reading.value)
        return f"{text} ± {number_text(reading.uncertainty)}" if reading.uncertainty else text

    # --- the steps --------------------------------------------------------------------------------
    def _on_verify_button_clicked(self) -> None:
        test = self.current_test()
        if test is None or not self.buttons[steps.VERIFY].isEnabled():
            return
        db, actor, test_id = self._db, self.context.actor, test.test_id
        self.buttons[steps.VERIFY].setEnabled(False)
        run_in_background(self, lambda: review.verify_test(db, test_id=test_id, actor=actor), write=True,
                          key=f"verify:{test_id}", on_success=lambda _s: self.notice_shown.emit(
                              self.tr("Verified: {sample}, {test}").format(sample=test.sample_lab_id,
                                                                          test=test.test_name)),
                          on_finished=self._load_detail)

    def _on_external_results_button_clicked(self) -> None:
        test = self.current_test()
        if test is None or not self.external_results_button.isEnabled():
            return
        self.results_dialog = ResultDialog(self.context, test.test_id, self)
        self.results_dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.results_dialog.finished.connect(lambda _code: self._load_detail())
        self.results_dialog.open()

    def _on_complete_external_button_clicked(self) -> None:
        test = self.current_test()
        if test is None or not self.complete_external_button.isEnabled():
            return
        db, actor, test_id = self._db, self.context.actor, test.test_id
        self.complete_external_button.setEnabled(False)
        run_in_background(self, lambda: complete_test(db, test_id=test_id, actor=actor), write=True,
                          key=f"complete:{test_id}", on_success=lambda _run: self.notice_shown.emit(
                              self.tr("Completed: {sample}, {test}").format(sample=test.sample_lab_id,
                                                                           test=test.test_name)),
                          on_finished=self._load_detail)

    def _ask(self, step: str, title: str, prompt: str, call: Callable[..., object]) -> ReasonDialog | None:
        test = self.current_test()
        if test is None or not self.buttons[step].isEnabled():
            return None
        db, actor, test_id = self._db, self.context.actor, test.test_id
        if self._dialog is not None:
            self._dialog.deleteLater()
        dialog = ReasonDialog(title, prompt, lambda text: call(db, test_id, text, actor), self)
        self._dialog = dialog
        dialog.open()
        return dialog

    def _on_reject_button_clicked(self) -> ReasonDialog | None:
        return self._ask(steps.REJECT, self.tr("Reject"), self.tr("Why is the test rejected? The reason is kept "
                                                                  "with it."),
                         lambda db, t, text, a: review.reject_test(db, test_id=t, reason=text, actor=a))

    def _on_reopen_button_clicked(self) -> ReasonDialog | None:
        return self._ask(steps.REOPEN, self.tr("Reopen"),
                         self.tr("Reopening starts a new round of the test, back in the planning; the results "
                                 "so far are kept. Why is it reopened?"),
                         lambda db, t, text, a: review.reopen_test(db, test_id=t, reason=text, actor=a))

    def _on_cancel_button_clicked(self) -> ReasonDialog | None:
        return self._ask(steps.CANCEL, self.tr("Cancel the test"), self.tr("Why is the test cancelled?"),
                         lambda db, t, text, a: review.cancel_test(db, test_id=t, reason=text, actor=a))

    def _on_subcontract_button_clicked(self) -> ReasonDialog | None:
        return self._ask(steps.SUBCONTRACT, self.tr("Send to external lab"),
                         self.tr("Which lab will run the test? Its results will be reported as provided "
                                 "externally."),
                         lambda db, t, text, a: review.subcontract_test(db, test_id=t, subcontractor=text, actor=a))

    # --- raw files --------------------------------------------------------------------------------
    def current_file(self) -> AttachmentInfo | None:
        index = self.files.selectionModel().currentIndex()
        row = index.row() if index.isValid() else (0 if self.files_model.rowCount() else -1)
        return self.files_model.value(row) if row >= 0 else None

    def _on_open_button_clicked(self) -> None:
        info = self.current_file()
        if info is None:
            return
        db = self._db
        run_in_background(self, lambda: opened_copy(db, info.id), slow=True, on_success=open_document)

    def _on_save_copy_button_clicked(self) -> None:
        info = self.current_file()
        if info is None:
            return
        path, _selected = QFileDialog.getSaveFileName(self, self.tr("Save a copy of the raw file"), info.filename)
        if path:
            self.save_copy(info, Path(path))

    def save_copy(self, info: AttachmentInfo, path: Path) -> None:
        db = self._db
        run_in_background(self, lambda: write_copy(path, attachment_content(db, attachment_id=info.id)[1]),
                          slow=True, on_success=lambda p: self.notice_shown.emit(
                              self.tr("Saved: {path}").format(path=str(p))))

