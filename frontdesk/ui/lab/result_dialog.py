"""The dialog that enters a test's results, generated from its test type's result fields and
conditions: each number with its unit shown beside it, its range hinted and its uncertainty (the
catalogue's, unless the technician types one); choices as lists; the deviations from the method;
the machine used (the planned one preselected); the raw files (added at once, listed with their
size); and, once a result exists, the reason for the new version. A refusal appears in red in the
dialog and nothing is saved. A subcontracted test's results are entered as the external lab's.

Public entry: `ResultDialog(context, test_id, parent=None)`. Imports Qt, ui helpers and the
results service."""

from __future__ import annotations

import uuid
from decimal import Decimal, InvalidOperation
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from frontdesk.domain.errors import StorageProblem
from frontdesk.domain.lab.catalogue import ResultField
from frontdesk.domain.lab.results import ReadingInput, default_uncertainty, label_of, range_hint
from frontdesk.i18n import format_datetime, format_size, language
from frontdesk.services.lab.results import (
    AttachmentInfo,
    ResultForm,
    ResultVersion,
    add_attachment,
    result_form,
    submit_result,
)
from frontdesk.ui.tasks import run_in_background
from frontdesk.ui.widgets.table_models import Column, ValueTableModel
from frontdesk.ui.widgets.tables import make_table


def read_file(path: Path) -> bytes:
    """Worker thread: a chosen file's bytes, or a StorageProblem saying it cannot be read."""
    try:
        return path.read_bytes()
    except OSError:
        raise StorageProblem(QCoreApplication.translate("ResultDialog", "The file “%1” cannot be read.")
                             .replace("%1", path.name)) from None


def _muted(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "muted")
    return label


class ResultDialog(QDialog):
    def __init__(self, context, test_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._actor, self._test_id = context.db, context.actor, test_id
        self._form: ResultForm | None = None
        self.saved: ResultVersion | None = None
        self.values: dict[str, QLineEdit | QComboBox] = {}
        self.uncertainties: dict[str, QLineEdit] = {}
        self.conditions: dict[str, QLineEdit] = {}
        self.setWindowTitle(self.tr("Test results"))
        self.setMinimumWidth(760)

        self.heading = QLabel()
        self.heading.setProperty("role", "subtitle")
        self.heading.setWordWrap(True)
        self.readings_box = QGroupBox(self.tr("Results"))
        self.readings_grid = QGridLayout(self.readings_box)
        self.conditions_box = QGroupBox(self.tr("Test conditions"))
        self.conditions_grid = QGridLayout(self.conditions_box)

        self.deviations = QPlainTextEdit()
        self.deviations.setObjectName("deviations")
        self.deviations.setPlaceholderText(self.tr("Additions to, deviations from or exclusions from the method"))
        self.deviations.setFixedHeight(60)
        self.machine = QComboBox()
        self.machine.setObjectName("machine")
        self.provider = QLineEdit()
        self.provider.setObjectName("provider")
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(self.tr("Why this version replaces the previous one"))
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.addRow(self.tr("Deviations"), self.deviations)
        self.form.addRow(self.tr("Machine used"), self.machine)
        self.form.addRow(self.tr("External lab"), self.provider)
        self.form.addRow(self.tr("Reason for the new version"), self.reason)

        self.files_model = ValueTableModel([
            Column(self.tr("File"), lambda f: f.filename, tooltip=True),
            Column(self.tr("Size"), lambda f: format_size(f.size)),
            Column(self.tr("Added"), lambda f: format_datetime(f.added_at)),
            Column(self.tr("By"), lambda f: f.added_by_name, tooltip=True),
        ], self)
        self.files_table = make_table(self.files_model, fixed=(1, 2))
        self.files_table.setObjectName("filesTable")
        self.files_table.setMaximumHeight(120)
        self.add_files_button = QPushButton(self.tr("Add files…"))
        self.add_files_button.clicked.connect(self._on_add_files_button_clicked)
        files_box = QGroupBox(self.tr("Raw files"))
        files_layout = QVBoxLayout(files_box)
        files_row = QHBoxLayout()
        files_row.addWidget(_muted(self.tr("A testing machine's export, a micrograph: up to 20 MB each.")), 1)
        files_row.addWidget(self.add_files_button)
        files_layout.addLayout(files_row)
        files_layout.addWidget(self.files_table)

        self.refusal = QLabel()
        self.refusal.setObjectName("refusal")
        self.refusal.setProperty("role", "field-error")
        self.refusal.setWordWrap(True)
        self.refusal.hide()
        self.save_button = QPushButton(self.tr("Save results"))
        self.save_button.setProperty("primary", True)
        self.save_button.setDefault(True)
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        close = QPushButton(self.tr("Cancel"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(_muted(self.tr("Ctrl+Enter saves")), 1)
        buttons.addWidget(close)
        buttons.addWidget(self.save_button)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self._on_save_button_clicked)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addWidget(self.readings_box)
        body_layout.addWidget(self.conditions_box)
        body_layout.addLayout(self.form)
        body_layout.addWidget(files_box)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(self.heading)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.refusal)
        layout.addLayout(buttons)
        self.resize(820, 720)
        db = self._db
        run_in_background(self, lambda: result_form(db, test_id=test_id), on_success=self._on_form,
                          on_error=self._show_refusal)

    # --- building the form from the test type ----------------------------------------------------
    def _on_form(self, form: ResultForm) -> None:
        self._form = form
        latest = form.latest
        version = self.tr("round {round}, version {version}").format(
            round=form.round, version=latest.version + 1 if latest else 1)
        self.heading.setText(f"{form.sample_lab_id} · {form.test_name} · {version}")
        entered = {r.code: r for r in latest.readings} if latest else {}
        for row, field in enumerate(form.fields, start=1):
            self._add_field(row, field, entered.get(field.name))
        if self.uncertainties:
            self.readings_grid.addWidget(_muted(self.tr("Uncertainty U (k = 2)")), 0, 4)
        for row, condition in enumerate(form.conditions):
            edit = QLineEdit(latest.conditions.get(condition.name, "") if latest else "")
            edit.setObjectName(f"condition_{condition.name}")
            edit.setMaximumWidth(120)
            self.conditions[condition.name] = edit
            self.conditions_grid.addWidget(QLabel(label_of(condition)), row, 0)
            self.conditions_grid.addWidget(edit, row, 1)
            self.conditions_grid.addWidget(QLabel(condition.unit), row, 2)
            self.conditions_grid.addWidget(_muted(range_hint(condition.min, condition.max, condition.unit)), row, 3)
        self.conditions_grid.setColumnStretch(3, 1)
        self.conditions_box.setVisible(bool(form.conditions))
        self.deviations.setPlainText(latest.deviations if latest else "")
        for machine in form.machines:
            self.machine.addItem(machine.label, str(machine.id))
        self.machine.addItem(self.tr("None"), None)
        chosen = latest.equipment_id if latest and latest.equipment_id else form.equipment_id
        self.machine.setCurrentIndex(max(0, self.machine.findData(str(chosen)) if chosen else 0))
        self.provider.setText(latest.provider if latest and latest.external else form.subcontractor)
        self.form.setRowVisible(self.machine, not form.subcontracted)
        self.form.setRowVisible(self.provider, form.subcontracted)
        self.form.setRowVisible(self.reason, latest is not None)
        self.files_model.set_rows(list(form.files))
        self.save_button.setEnabled(True)
        first = next(iter(self.values.values()), None)
        if first is not None:
            first.setFocus()

    def _add_field(self, row: int, field: ResultField, previous) -> None:
        grid = self.readings_grid
        grid.addWidget(QLabel(label_of(field)), row, 0)
        if field.type == "choice":
            edit = QComboBox()
            edit.addItem("", "")
            for choice in field.choices:
                edit.addItem(choice.label_it if self._italian() else choice.label_en, choice.value)
            if previous is not None:
                edit.setCurrentIndex(max(0, edit.findData(previous.value)))
            grid.addWidget(edit, row, 1, 1, 3)
        else:
            edit = QLineEdit(previous.value if previous else "")
            if field.type == "text":
                grid.addWidget(edit, row, 1, 1, 4)
            else:
                edit.setMinimumWidth(90)  # "1234,5" whole, however long the field's label
                edit.setMaximumWidth(120)
                grid.addWidget(edit, row, 1)
                grid.addWidget(QLabel(field.unit), row, 2)
                grid.addWidget(_muted(range_hint(field.min, field.max, field.unit)), row, 3)
                if field.uncertainty is not None or (previous is not None and previous.uncertainty):
                    grid.addWidget(self._uncertainty_edit(field, previous), row, 4)
        edit.setObjectName(f"value_{field.name}")
        self.values[field.name] = edit
        grid.setColumnStretch(3, 1)

    def _uncertainty_edit(self, field: ResultField, previous) -> QLineEdit:
        own = ""
        if previous is not None and previous.uncertainty:
            try:
                catalogue = default_uncertainty(field, Decimal(previous.value))
            except InvalidOperation:
                catalogue = ""
            own = previous.uncertainty if previous.uncertainty != catalogue else ""
        edit = QLineEdit(own)
        edit.setObjectName(f"uncertainty_{field.name}")
        edit.setMaximumWidth(110)
        u = field.uncertainty
        if u is not None:
            shown = f"{u.value}".replace(".", ",") if self._italian() else f"{u.value}"
            edit.setPlaceholderText(f"± {shown} %" if u.relative else f"± {shown} {field.unit}".strip())
        self.uncertainties[field.name] = edit
        return edit

    def _italian(self) -> bool:
        return language() == "it"

    # --- saving -----------------------------------------------------------------------------------
    def readings(self) -> dict[str, ReadingInput]:
        entered = {}
        for name, edit in self.values.items():
            value = edit.currentData() if isinstance(edit, QComboBox) else edit.text()
            uncertainty = self.uncertainties[name].text() if name in self.uncertainties else ""
            if (value or "").strip() or uncertainty.strip():
                entered[name] = ReadingInput(value or "", uncertainty)
        return entered

    def _on_save_button_clicked(self) -> None:
        form = self._form
        if form is None or not self.save_button.isEnabled():
            return
        self._clear_refusal()
        db, actor, test_id = self._db, self._actor, self._test_id
        readings = self.readings()
        conditions = {name: edit.text() for name, edit in self.conditions.items() if edit.text().strip()}
        deviations, reason, provider = self.deviations.toPlainText(), self.reason.text(), self.provider.text()
        machine = self.machine.currentData()
        equipment_id = uuid.UUID(machine) if machine and not form.subcontracted else None
        external = form.subcontracted
        self.save_button.setEnabled(False)
        run_in_background(
            self, lambda: submit_result(db, test_id=test_id, readings=readings, conditions=conditions,
                                        deviations=deviations, equipment_id=equipment_id, reason=reason,
                                        external=external, provider=provider, actor=actor),
            write=True, key=f"result:{test_id}", on_success=self._on_saved, on_error=self._show_refusal,
            on_finished=lambda: self.save_button.setEnabled(True))

    def _on_saved(self, version: ResultVersion) -> None:
        self.saved = version
        self.accept()

    # --- raw files --------------------------------------------------------------------------------
    def _on_add_files_button_clicked(self) -> None:
        paths, _selected = QFileDialog.getOpenFileNames(self, self.tr("Attach raw files"))
        self.add_files([Path(p) for p in paths])

    def add_files(self, paths: list[Path]) -> None:
        """Attach each file now (each its own write); a refused one is shown in red."""
        db, actor, test_id = self._db, self._actor, self._test_id
        for path in paths:
            self._clear_refusal()
            run_in_background(self, lambda p=path: add_attachment(db, test_id=test_id, filename=p.name,
                                                                  content=read_file(p), actor=actor),
                              write=True, on_success=self._on_file_added, on_error=self._show_refusal)

    def _on_file_added(self, info: AttachmentInfo) -> None:
        self.files_model.set_rows([*self.files_model.rows(), info])

    def _clear_refusal(self) -> None:
        self.refusal.hide()
        self.refusal.clear()

    def _show_refusal(self, error) -> None:
        self.refusal.setText(error.message)
        self.refusal.show()
        self.refusal.setAlignment(Qt.AlignmentFlag.AlignLeft)
