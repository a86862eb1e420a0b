"""The one Settings screen (DESIGN rule 9): every desk setting, in sections, built from the table
`FIELDS` below, so a later capability adds its setting by adding a row.

Values are read and saved through services.desk.settings (validated by domain.settings, audited by
the service); each changed field is checked first so its message appears beside it. Imports Qt,
ui helpers, domain.settings / domain.roles and the settings service; never the database.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from frontdesk.domain.errors import ValidationError
from frontdesk.domain.receipts.tax_regimes import TAX_REGIMES
from frontdesk.domain.roles import Permission
from frontdesk.domain.settings import CASH_LIMIT_RANGE, Settings, is_site_key, validate_change
from frontdesk.i18n import language
from frontdesk.services.desk.settings import get_settings, update_settings
from frontdesk.ui.desk.association_checks import AssociationChecks
from frontdesk.ui.prefs import remember_language
from frontdesk.ui.shell.area_view import AreaView, DeskContext
from frontdesk.ui.tasks import run_in_background
from frontdesk.ui.widgets.forms import FieldErrors, form_error_label

CONTEXT = "SettingsView"


def _t(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


@dataclass(frozen=True)
class SettingField:
    """One row of the Settings screen. `name` is a Settings attribute, or "printers.<kind>"."""

    section: str
    name: str
    label: str  # English source, translated in context "SettingsView"
    kind: str  # text | readonly | choice | number | hour | folder | file | printer | check | associations
    choices: tuple[tuple[str, str], ...] = ()  # (value, English label)
    minimum: int = 0
    maximum: int = 0
    suffix: str = ""  # English source, e.g. " minutes"
    hint: str = ""  # English source, shown as placeholder / tooltip
    options: Callable[[], tuple[tuple[str, str], ...]] | None = None  # a choice's (value, label), labels in the
    # desk's language already (a list the domain keeps in Italian and English: the tax regimes)


SECTIONS: tuple[tuple[str, str], ...] = (
    ("desk", QT_TRANSLATE_NOOP("SettingsView", "Desk")),
    ("point", QT_TRANSLATE_NOOP("SettingsView", "The Point")),
    ("lab", QT_TRANSLATE_NOOP("SettingsView", "Laboratory")),
    ("receipts", QT_TRANSLATE_NOOP("SettingsView", "Receipts")),
    ("printing", QT_TRANSLATE_NOOP("SettingsView", "Printing")),
    ("reception", QT_TRANSLATE_NOOP("SettingsView", "Reception")),
    ("security", QT_TRANSLATE_NOOP("SettingsView", "Security")),
    ("privacy", QT_TRANSLATE_NOOP("SettingsView", "Privacy")),
    ("backups", QT_TRANSLATE_NOOP("SettingsView", "Backups")),
    ("sync", QT_TRANSLATE_NOOP("SettingsView", "Sync")),
)

F = SettingField
FIELDS: tuple[SettingField, ...] = (
    F("desk", "desk_code", QT_TRANSLATE_NOOP("SettingsView", "Desk code"), "readonly"),
    F("desk", "language", QT_TRANSLATE_NOOP("SettingsView", "Language"), "choice",
      choices=(("it", "Italiano"), ("en", "English"))),
    F("point", "point_name", QT_TRANSLATE_NOOP("SettingsView", "Name"), "text"),
    F("point", "point_address", QT_TRANSLATE_NOOP("SettingsView", "Address"), "text",
      hint=QT_TRANSLATE_NOOP("SettingsView", "Street and number, e.g. Via Pasubio 5")),
    # --- the Point's registered data (issue 16) ---
    F("point", "point_postcode", QT_TRANSLATE_NOOP("SettingsView", "Postcode (CAP)"), "text"),
    F("point", "point_city", QT_TRANSLATE_NOOP("SettingsView", "Municipality"), "text"),
    F("point", "point_province", QT_TRANSLATE_NOOP("SettingsView", "Province"), "text",
      hint=QT_TRANSLATE_NOOP("SettingsView", "Two letters, e.g. BG")),
    F("point", "point_rea", QT_TRANSLATE_NOOP("SettingsView", "REA number"), "text",
      hint=QT_TRANSLATE_NOOP("SettingsView", "Province and number in the Chamber of Commerce's register, "
                                             "e.g. BG-123456")),
    F("point", "point_tax_regime", QT_TRANSLATE_NOOP("SettingsView", "Tax regime"), "choice",
      options=lambda: tuple((r.code, f"{r.code} · {r.label(language())}") for r in TAX_REGIMES)),
    F("point", "point_vat", QT_TRANSLATE_NOOP("SettingsView", "Partita IVA"), "text"),
    F("point", "point_fiscal_code", QT_TRANSLATE_NOOP("SettingsView", "Codice Fiscale"), "text"),
    F("point", "lab_municipality", QT_TRANSLATE_NOOP("SettingsView", "Lab's municipality"), "text",
      hint=QT_TRANSLATE_NOOP("SettingsView", "e.g. Dalmine")),
    F("point", "lab_patron_day", QT_TRANSLATE_NOOP("SettingsView", "Patron saint's day"), "text",
      hint=QT_TRANSLATE_NOOP("SettingsView", "MM-DD, e.g. 03-19 for San Giuseppe: the lab is closed")),
    F("point", "lab_test_site", QT_TRANSLATE_NOOP("SettingsView", "Where the lab performs its tests"), "text",
      hint=QT_TRANSLATE_NOOP("SettingsView", "Printed on test reports; empty: the address above")),
    F("lab", "lab_planning_desk", QT_TRANSLATE_NOOP("SettingsView", "Planning desk"), "text",
      hint=QT_TRANSLATE_NOOP("SettingsView", "The code of the desk that computes the lab's automatic plan, "
                                             "e.g. L1; empty: no automatic plan")),
    F("lab", "lab_stable_days", QT_TRANSLATE_NOOP("SettingsView", "Plan kept steady for"), "number",
      minimum=0, maximum=10, suffix=QT_TRANSLATE_NOOP("SettingsView", " working days"),
      hint=QT_TRANSLATE_NOOP("SettingsView", "Tests planned in these next working days keep their slots when "
                                             "new requests arrive, unless a machine fails")),
    F("lab", "lab_report_lead_days", QT_TRANSLATE_NOOP("SettingsView", "Report issued within"), "number",
      minimum=0, maximum=30, suffix=QT_TRANSLATE_NOOP("SettingsView", " working days"),
      hint=QT_TRANSLATE_NOOP("SettingsView", "From the end of the last test to the report: the date promised "
                                             "at the desk adds them")),
    # --- the receipts (issue 16) ---
    F("receipts", "receipt_cash_limit", QT_TRANSLATE_NOOP("SettingsView", "Refuse cash from"), "number",
      minimum=CASH_LIMIT_RANGE[0], maximum=CASH_LIMIT_RANGE[1], suffix=QT_TRANSLATE_NOOP("SettingsView", " €"),
      hint=QT_TRANSLATE_NOOP("SettingsView", "The legal limit for cash payments (EUR 5,000 in 2026)")),
    F("receipts", "receipt_charge_stamp_duty", QT_TRANSLATE_NOOP("SettingsView", "Charge the stamp duty"), "check",
      hint=QT_TRANSLATE_NOOP("SettingsView", "When due, the EUR 2.00 stamp duty is a line the customer pays")),
    F("receipts", "member_associations", QT_TRANSLATE_NOOP("SettingsView", "Member prices for"), "associations"),
    F("printing", "printers.badge", QT_TRANSLATE_NOOP("SettingsView", "Badge printer"), "printer"),
    F("printing", "badge_size", QT_TRANSLATE_NOOP("SettingsView", "Badge size"), "choice",
      choices=(("id1", QT_TRANSLATE_NOOP("SettingsView", "ID-1 card (85.6 × 54 mm)")),
               ("label62", QT_TRANSLATE_NOOP("SettingsView", "62 mm continuous label")))),
    F("printing", "printers.evacuation", QT_TRANSLATE_NOOP("SettingsView", "Evacuation list printer"), "printer"),
    F("printing", "printers.report", QT_TRANSLATE_NOOP("SettingsView", "Report printer"), "printer"),
    F("printing", "printers.sample_label", QT_TRANSLATE_NOOP("SettingsView", "Sample label printer (50 × 25 mm)"),
      "printer"),
    F("printing", "printers.receipt", QT_TRANSLATE_NOOP("SettingsView", "Receipt printer"), "printer"),
    F("printing", "receipt_layout", QT_TRANSLATE_NOOP("SettingsView", "Receipt layout"), "choice",
      choices=(("a5", QT_TRANSLATE_NOOP("SettingsView", "A5 sheet")),
               ("roll", QT_TRANSLATE_NOOP("SettingsView", "80 mm roll (thermal printer)")))),
    F("reception", "checkout_hour", QT_TRANSLATE_NOOP("SettingsView", "Automatic check-out at"), "hour"),
    F("reception", "evacuation_folder", QT_TRANSLATE_NOOP("SettingsView", "Evacuation list folder"), "folder",
      hint=QT_TRANSLATE_NOOP("SettingsView", "A shared or synced folder")),
    F("reception", "smtp_host", QT_TRANSLATE_NOOP("SettingsView", "Mail server (SMTP)"), "text",
      hint=QT_TRANSLATE_NOOP("SettingsView", "Leave empty to send no e-mail to hosts")),
    F("reception", "smtp_port", QT_TRANSLATE_NOOP("SettingsView", "Mail server port"), "number",
      minimum=1, maximum=65535),
    F("reception", "smtp_sender", QT_TRANSLATE_NOOP("SettingsView", "Sender address"), "text"),
    F("reception", "privacy_notice_version", QT_TRANSLATE_NOOP("SettingsView", "Privacy notice version"), "text"),
    F("security", "idle_lock_minutes", QT_TRANSLATE_NOOP("SettingsView", "Lock the screen after"), "number",
      minimum=1, maximum=240, suffix=QT_TRANSLATE_NOOP("SettingsView", " minutes")),
    F("privacy", "retention_visitor_months", QT_TRANSLATE_NOOP("SettingsView", "Keep visitor records for"),
      "number", minimum=1, maximum=120, suffix=QT_TRANSLATE_NOOP("SettingsView", " months")),
    F("privacy", "retention_lab_years", QT_TRANSLATE_NOOP("SettingsView", "Keep lab records for"), "number",
      minimum=1, maximum=50, suffix=QT_TRANSLATE_NOOP("SettingsView", " years")),
    F("privacy", "retention_fiscal_years", QT_TRANSLATE_NOOP("SettingsView", "Keep fiscal records for"),
      "number", minimum=10, maximum=50, suffix=QT_TRANSLATE_NOOP("SettingsView", " years")),
    F("backups", "backup_folder", QT_TRANSLATE_NOOP("SettingsView", "Backup folder"), "folder"),
    F("sync", "hub_url", QT_TRANSLATE_NOOP("SettingsView", "Hub address"), "text",
      hint=QT_TRANSLATE_NOOP("SettingsView", "e.g. https://hub.point.local:8443")),
    F("sync", "hub_token_file", QT_TRANSLATE_NOOP("SettingsView", "Hub token file"), "file",
      hint=QT_TRANSLATE_NOOP("SettingsView", "The file holding this desk's token, readable only by this user")),
    F("sync", "hub_ca_file", QT_TRANSLATE_NOOP("SettingsView", "Hub certificate authority (CA)"), "file",
      hint=QT_TRANSLATE_NOOP("SettingsView", "Empty: the system's certificates")),
    F("sync", "sync_hour", QT_TRANSLATE_NOOP("SettingsView", "Nightly sync at"), "hour"),
)
del F


def setting_value(settings: Settings, name: str) -> object:
    if name.startswith("printers."):
        return settings.printers.get(name.split(".", 1)[1], "")
    return getattr(settings, name)


class SettingsView(AreaView):
    areas = frozenset({"settings"})
    sync_requested = Signal()  # "Sync now" in the Sync section (the main window runs it)

    def __init__(self, context: DeskContext, parent: QWidget | None = None, *,
                 fields: tuple[SettingField, ...] = FIELDS) -> None:
        super().__init__(context, parent)
        self._db = context.db
        self.fields = fields
        self.current: Settings | None = None
        self.editors: dict[str, QWidget] = {}
        self.scope_tags: dict[str, QLabel] = {}  # field name -> "whole site" / "this desk only"
        self.errors = FieldErrors()
        self._filling = False
        self.can_edit = bool(context.actor.can(Permission.EDIT_SETTINGS))

        title = QLabel(self.tr("Settings"))
        title.setProperty("role", "title")
        self.form_error = form_error_label()
        self.read_only_note = QLabel(self.tr("Only an administrator can change the settings."))
        self.read_only_note.setProperty("role", "muted")
        self.read_only_note.setVisible(not self.can_edit)
        self.scope_note = QLabel(self.tr(
            "Settings marked “whole site” are valid for the whole site: they sync with the other desks, "
            "and a change made here reaches them at their next sync. Those marked “this desk only” stay "
            "on this PC."))
        self.scope_note.setObjectName("scopeNote")
        self.scope_note.setProperty("role", "muted")
        self.scope_note.setWordWrap(True)

        body = QWidget()
        body.setMaximumWidth(1000)  # room for the fields and their scope ("whole site", "this desk only")
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 12, 12)
        body_layout.setSpacing(6)
        labels: list[QLabel] = []
        for key, section_title in SECTIONS:
            rows = [f for f in fields if f.section == key]
            if not rows:
                continue
            box = QGroupBox(_t(section_title))
            box.setObjectName(f"section_{key}")
            form = QFormLayout(box)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            form.setHorizontalSpacing(16)
            for field in rows:
                label = QLabel(_t(field.label))
                label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                labels.append(label)
                form.addRow(label, self._row(field))
            if key == "sync":
                form.addRow("", self._sync_row())
            body_layout.addWidget(box)
        # One label width for every section, so the fields line up from box to box in any language.
        width = max(label.sizeHint().width() for label in labels)
        for label in labels:
            label.setFixedWidth(width)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)

        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setProperty("primary", True)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.revert_button = QPushButton(self.tr("Undo changes"))
        self.revert_button.clicked.connect(self._on_revert_button_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.read_only_note)
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(8)
        layout.addWidget(title)
        layout.addWidget(self.scope_note)
        layout.addWidget(self.form_error)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        self._update_buttons()
        run_in_background(self, _printer_names, on_success=self._on_printers_found)

    # --- sync now ---------------------------------------------------------------------------------
    def _sync_row(self) -> QWidget:
        holder = QWidget()
        line = QHBoxLayout(holder)
        line.setContentsMargins(0, 0, 0, 0)
        self.sync_button = QPushButton(self.tr("Sync now"))
        self.sync_button.setEnabled(False)  # until the main window says syncs can run
        self.sync_button.setObjectName("syncNowButton")
        self.sync_button.setToolTip(self.tr("Exchange this desk's changes with the hub now (saved settings)"))
        self.sync_button.clicked.connect(self.sync_requested)
        line.addWidget(self.sync_button)
        self.rejected_button = QPushButton(self.tr("Refused changes..."))
        self.rejected_button.setObjectName("rejectedChangesButton")
        self.rejected_button.setToolTip(self.tr("The changes made here that the hub refused: read why, send them "
                                                "again or dismiss them"))
        self.rejected_button.setVisible(self.can_edit)
        self.rejected_button.clicked.connect(self._on_rejected_button_clicked)
        line.addWidget(self.rejected_button)
        line.addStretch(1)
        return holder

    def _on_rejected_button_clicked(self) -> None:
        from frontdesk.ui.sync.rejected_view import open_rejected_changes

        self.rejected_dialog = open_rejected_changes(self, self._db, self.context.actor)

    def show_sync_state(self, *, available: bool, busy: bool) -> None:
        """Usable when the app runs syncs (not on a database held read-only) and none is running."""
        self.sync_button.setEnabled(available and not busy)
        self.sync_button.setText(self.tr("Syncing...") if busy else self.tr("Sync now"))

    # --- editors --------------------------------------------------------------------------------
    def _row(self, field: SettingField) -> QWidget:
        editor = self._editor(field)
        self.editors[field.name] = editor
        editor.setObjectName(f"setting_{field.name.replace('.', '_')}")
        editor.setEnabled(self.can_edit or field.kind == "readonly")
        if field.hint:
            editor.setToolTip(_t(field.hint))
        if field.kind in ("folder", "file"):
            holder = QWidget()
            line = QHBoxLayout(holder)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(editor, 1)
            choose = QPushButton(self.tr("Choose..."))
            choose.setEnabled(self.can_edit)
            pick = self._choose_folder if field.kind == "folder" else self._choose_file
            choose.clicked.connect(lambda _=False, e=editor, pick=pick: pick(e))
            line.addWidget(choose)
            return self._with_scope(field, self.errors.row(field.name, holder))
        return self._with_scope(field, self.errors.row(field.name, editor))

    def _with_scope(self, field: SettingField, row: QWidget) -> QWidget:
        """The row with its scope beside it: the whole site (synced) or this desk only."""
        site = is_site_key(field.name.split(".", 1)[0])
        tag = QLabel(self.tr("whole site") if site else self.tr("this desk only"))
        tag.setObjectName(f"scope_{field.name.replace('.', '_')}")
        tag.setProperty("role", "muted")
        tag.setProperty("scope", "site" if site else "desk")
        tag.setToolTip(self.tr("Valid for the whole site: it syncs with the other desks") if site
                       else self.tr("This desk only: never sent to the other desks"))
        tag.setMinimumWidth(max(tag.fontMetrics().horizontalAdvance(text) for text in self._scope_texts()) + 4)
        editor = self.editors[field.name]
        first_line = editor.list.fontMetrics().height() + 4 if isinstance(editor, AssociationChecks) else 0
        tag.setMinimumHeight(first_line or editor.sizeHint().height())  # level with the editor's (first) line
        tag.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        holder = QWidget()
        line = QHBoxLayout(holder)
        line.setContentsMargins(0, 0, 0, 0)
        line.setSpacing(12)
        line.addWidget(row, 1)
        line.addWidget(tag, 0, Qt.AlignmentFlag.AlignTop)
        self.scope_tags[field.name] = tag
        return holder

    def _scope_texts(self) -> tuple[str, str]:
        return self.tr("whole site"), self.tr("this desk only")

    def _editor(self, field: SettingField) -> QWidget:
        if field.kind == "readonly":
            label = QLabel()
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            return label
        if field.kind == "check":
            check = QCheckBox()
            check.toggled.connect(self._on_editor_changed)
            return check
        if field.kind == "associations":
            checks = AssociationChecks(self._db)
            checks.changed.connect(self._on_editor_changed)
            return checks
        if field.kind == "choice":
            combo = QComboBox()
            for value, text in field.options() if field.options else ((v, _t(t)) for v, t in field.choices):
                combo.addItem(text, value)
            combo.currentIndexChanged.connect(self._on_editor_changed)
            return combo
        if field.kind == "printer":
            combo = QComboBox()
            combo.setEditable(True)
            combo.addItem(self.tr("No printer: save the PDF and open it"), "")
            combo.currentTextChanged.connect(self._on_editor_changed)
            return combo
        if field.kind == "number":
            spin = QSpinBox()
            spin.setRange(field.minimum, field.maximum)
            if field.suffix:
                spin.setSuffix(_t(field.suffix))
            spin.setMaximumWidth(180)
            spin.valueChanged.connect(self._on_editor_changed)
            return spin
        if field.kind == "hour":
            edit = QTimeEdit()
            edit.setDisplayFormat("HH:mm")
            edit.setMaximumWidth(110)
            edit.timeChanged.connect(self._on_editor_changed)
            return edit
        line = QLineEdit()
        if field.hint:
            line.setPlaceholderText(_t(field.hint))
        line.textChanged.connect(self._on_editor_changed)
        return line

    def _set_editor(self, field: SettingField, value: object) -> None:
        editor = self.editors[field.name]
        if isinstance(editor, QLabel):
            editor.setText(str(value))
        elif isinstance(editor, QCheckBox):
            editor.setChecked(bool(value))
        elif isinstance(editor, AssociationChecks):
            editor.set_value(value)
        elif field.kind == "printer":
            combo: QComboBox = editor
            text = str(value or "")
            if not text:
                combo.setCurrentIndex(0)
            else:
                index = combo.findText(text)
                if index < 0:
                    combo.addItem(text, text)
                    index = combo.count() - 1
                combo.setCurrentIndex(index)
        elif isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(value)))
        elif isinstance(editor, QSpinBox):
            editor.setValue(int(value))
        elif isinstance(editor, QTimeEdit):
            editor.setTime(QTime.fromString(str(value), "HH:mm"))
        elif isinstance(editor, QLineEdit):
            editor.setText(str(value or ""))

    def editor_value(self, field: SettingField) -> object:
        editor = self.editors[field.name]
        if field.kind == "printer":
            combo: QComboBox = editor
            if combo.currentIndex() == 0 and combo.currentText() == combo.itemText(0):
                return ""
            return combo.currentText().strip()
        if isinstance(editor, QLabel):
            return editor.text()
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        if isinstance(editor, AssociationChecks):
            return editor.value()
        if isinstance(editor, QComboBox):
            return editor.currentData()
        if isinstance(editor, QSpinBox):
            return editor.value()
        if isinstance(editor, QTimeEdit):
            return editor.time().toString("HH:mm")
        return editor.text()

    def _choose_folder(self, editor: QLineEdit) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose a folder"), editor.text())
        if folder:
            editor.setText(folder)

    def _choose_file(self, editor: QLineEdit) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, self.tr("Choose a file"), editor.text())
        if path:
            editor.setText(path)

    def _on_printers_found(self, names: list[str]) -> None:
        self._filling = True
        for field in self.fields:
            if field.kind == "printer":
                combo: QComboBox = self.editors[field.name]
                chosen = self.editor_value(field)
                for name in names:
                    if combo.findText(name) < 0:
                        combo.addItem(name, name)
                self._set_editor(field, chosen)
        self._filling = False

    # --- loading --------------------------------------------------------------------------------
    def reload(self) -> None:
        db = self._db
        run_in_background(self, lambda: get_settings(db), on_success=self._on_settings_loaded)

    def _on_settings_loaded(self, settings: Settings) -> None:
        self.current = settings
        self._filling = True
        for field in self.fields:
            self._set_editor(field, setting_value(settings, field.name))
        self._filling = False
        self.errors.clear()
        self.form_error.hide()
        self._update_buttons()
        self.data_loaded.emit()

    # --- saving ---------------------------------------------------------------------------------
    def changes(self) -> dict[str, object]:
        """What the user changed, as the service takes it (printers as one dict)."""
        if self.current is None:
            return {}
        changes: dict[str, object] = {}
        printers = dict(self.current.printers)
        for field in self.fields:
            if field.kind == "readonly":
                continue
            value = self.editor_value(field)
            if field.name.startswith("printers."):
                kind = field.name.split(".", 1)[1]
                if value:
                    printers[kind] = value
                else:
                    printers.pop(kind, None)
            elif value != setting_value(self.current, field.name):
                changes[field.name] = value
        if printers != self.current.printers:
            changes["printers"] = printers
        return changes

    def _on_editor_changed(self, *_args) -> None:
        if not self._filling:
            self._update_buttons()

    def _update_buttons(self) -> None:
        dirty = bool(self.changes()) if self.can_edit else False
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)
        self.save_button.setVisible(self.can_edit)
        self.revert_button.setVisible(self.can_edit)

    def _on_revert_button_clicked(self) -> None:
        if self.current is not None:
            self._on_settings_loaded(self.current)

    def _on_save_button_clicked(self) -> None:
        self.errors.clear()
        self.form_error.hide()
        changes = self.changes()
        problems = False
        for name, value in changes.items():
            try:
                validate_change(name, value)
            except ValidationError as error:
                problems = True
                field = name if name != "printers" else next(f.name for f in self.fields if f.kind == "printer")
                self.errors.show(field, error.message)
        if problems or not changes:
            return
        db, actor = self._db, self.context.actor
        language_changed = "language" in changes
        self.save_button.setEnabled(False)
        run_in_background(self, lambda: update_settings(db, changes=changes, actor=actor), write=True,
                          key="settings-save",
                          on_success=lambda s: self._on_saved(s, language_changed),
                          on_error=self._on_save_failed, on_finished=self._update_buttons)

    def _on_saved(self, settings: Settings, language_changed: bool) -> None:
        self._on_settings_loaded(settings)
        if language_changed:
            remember_language(settings.language)
            self.notice_shown.emit(self.tr("Settings saved. The new language is used from the next start."))
        else:
            self.notice_shown.emit(self.tr("Settings saved."))

    def _on_save_failed(self, error) -> None:
        self.errors.show_error(error, self.form_error)


def _printer_names() -> list[str]:
    from frontdesk.ui.printing import available_printers

    return available_printers()
