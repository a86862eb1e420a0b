"""The Test catalogue screen: the lab's test types in a table, the selected one's form beside it
(ui.lab.test_type_form), and the Authorisations tab (ui.lab.authorisations_tab).

Everyone sees it; only roles with Permission.EDIT_LAB_CATALOGUE (the lab manager, the
administrator) can change it, the others see the form read-only. Saves run on the writer lane of
ui.tasks; errors show beside their field, or on the form's message line. The screen reloads
when the data bus names the catalogue, the authorisations or the staff. Imports Qt, ui helpers
and services.lab.catalogue; never the database.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from frontdesk.domain.errors import FrontdeskError
from frontdesk.domain.roles import Permission
from frontdesk.services.lab import catalogue as lab
from frontdesk.ui.lab.authorisations_tab import AuthorisationsTab
from frontdesk.ui.lab.catalogue_texts import duration_text, price_text
from frontdesk.ui.lab.label_scan import ScanStrip
from frontdesk.ui.lab.test_type_form import TestTypeForm
from frontdesk.ui.shell.area_view import AreaView, DeskContext
from frontdesk.ui.tasks import run_in_background
from frontdesk.ui.widgets.forms import form_error_label
from frontdesk.ui.widgets.table_models import Column, ValueTableModel
from frontdesk.ui.widgets.tables import make_table

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter


class _ListAndForm(QSplitter):
    """The list beside the form, the list a little wider when first laid out; then the user's drag wins."""

    def __init__(self) -> None:
        super().__init__(Qt.Orientation.Horizontal)
        self._placed = False

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        total = sum(self.sizes())
        if not self._placed and total > 0 and self.isVisible():
            self._placed = True
            first = int(total * 0.56)
            self.setSizes([first, total - first])


class CatalogueView(AreaView):
    area_requested = Signal(str, object)  # a scanned label: ("lab_queue", test id) or ("samples", sample id)
    areas = frozenset({"lab_test_type", "lab_authorisation", "staff"})

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._db = context.db
        self._actor = context.actor
        self.can_edit = bool(context.actor.can(Permission.EDIT_LAB_CATALOGUE))
        self._current: lab.TestTypeSummary | None = None
        self._new = False  # the form holds a test type not yet saved
        self._select_id = None

        title = QLabel(self.tr("Test catalogue"))
        title.setProperty("role", "title")
        self.read_only_note = QLabel(self.tr("Only the lab manager can change the catalogue."))
        self.read_only_note.setObjectName("catalogueReadOnly")
        self.read_only_note.setProperty("role", "muted")
        self.read_only_note.setVisible(not self.can_edit)

        self.model = ValueTableModel([
            Column(self.tr("Code"), lambda t: t.code),
            Column(self.tr("Name"), lambda t: t.name if t.active else self.tr("%1 (withdrawn)").replace("%1", t.name),
                   tooltip=True),
            Column(self.tr("Standard"), lambda t: t.spec.standard, tooltip=True),
            Column(self.tr("Accredited"), lambda t: "✓" if t.spec.accredited else "", align=CENTER),
            Column(self.tr("Duration"), lambda t: duration_text(t.spec), align=RIGHT),
            Column(self.tr("Price"), lambda t: price_text(t.spec, t.spec.price_cents), align=RIGHT),
            Column(self.tr("Member price"), lambda t: price_text(t.spec, t.spec.member_price_cents), align=RIGHT),
        ], self)
        self.table = make_table(self.model, fixed=(0, 3, 4, 5, 6))
        self.table.setObjectName("testTypeTable")
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)
        self.new_button = QPushButton(self.tr("New test type"))
        self.new_button.setObjectName("newTestTypeButton")
        self.new_button.clicked.connect(self._on_new_button_clicked)
        self.new_button.setVisible(self.can_edit)

        self.form = TestTypeForm()
        self.form.set_editable(self.can_edit)
        self.form_title = QLabel()
        self.form_title.setProperty("role", "subtitle")
        self.form_title.setWordWrap(True)
        self.form_error = form_error_label()
        self.saved_note = QLabel()
        self.saved_note.setObjectName("catalogueSaved")
        self.saved_note.setProperty("role", "muted")
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("saveTestTypeButton")
        self.save_button.setProperty("primary", True)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.revert_button = QPushButton(self.tr("Undo changes"))
        self.revert_button.clicked.connect(self._on_revert_button_clicked)
        self.active_button = QPushButton(self.tr("Withdraw"))
        self.active_button.setObjectName("activeTestTypeButton")
        self.active_button.clicked.connect(self._on_active_button_clicked)
        for button in (self.save_button, self.revert_button, self.active_button):
            button.setVisible(self.can_edit)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._types_tab(), self.tr("Test types"))
        self.authorisations = AuthorisationsTab(self._db, self._actor, editable=self.can_edit)
        self.authorisations.loaded.connect(self.data_loaded)
        self.tabs.addTab(self.authorisations, self.tr("Authorisations"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(8)
        self.label_scan = ScanStrip(self._db, [self.table], actor_source=lambda: self.context.actor)
        self.label_scan.open_requested.connect(self.area_requested)
        heading = QHBoxLayout()
        heading.addWidget(title)
        heading.addStretch(1)
        heading.addWidget(self.read_only_note)
        heading.addWidget(self.label_scan, 1)
        layout.addLayout(heading)
        layout.addWidget(self.tabs, 1)
        self._show(None)

    def _types_tab(self) -> QWidget:
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        new_line = QHBoxLayout()
        new_line.addWidget(self.new_button)
        new_line.addStretch(1)
        left_layout.addLayout(new_line)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 12, 0)
        body_layout.addWidget(self.form_title)
        body_layout.addWidget(self.form_error)
        body_layout.addWidget(self.form)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        self.empty_detail = QLabel(self.tr("Choose a test type to see its details."))
        self.empty_detail.setProperty("role", "muted")
        self.empty_detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        buttons = QHBoxLayout()
        buttons.addWidget(self.active_button)
        buttons.addWidget(self.saved_note, 1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(8, 0, 0, 0)
        right_layout.addWidget(self.empty_detail)
        right_layout.addWidget(scroll, 1)
        right_layout.addLayout(buttons)
        self.detail_scroll = scroll
        self.detail_buttons = (self.active_button, self.revert_button, self.save_button)

        splitter = _ListAndForm()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setChildrenCollapsible(False)
        tab = QWidget()
        tab_layout = QVBoxLayout(tab)
        tab_layout.setContentsMargins(8, 8, 8, 8)
        tab_layout.addWidget(splitter)
        return tab

    def focus_first(self) -> None:
        self.table.setFocus()

    # --- loading --------------------------------------------------------------------------------
    def reload(self) -> None:
        db = self._db
        run_in_background(self, lambda: lab.list_test_types(db), on_success=self._on_loaded)
        self.authorisations.reload()

    def _on_loaded(self, types: list[lab.TestTypeSummary]) -> None:
        keep = self._select_id or (self._current.id if self._current and not self._new else None)
        self._select_id = None
        self.model.set_rows(types)
        row = self.model.row_of(lambda t: t.id == keep) if keep else -1
        if row < 0 and not self._new and types:
            row = 0
        if row >= 0:
            self.table.selectRow(row)
            if self.model.value(row) != self._current or self._new:  # changed since shown (here or elsewhere)
                self._show(self.model.value(row))
        elif not self._new:
            self._show(None)
        self.data_loaded.emit()

    # --- the selected test type -----------------------------------------------------------------
    def current(self) -> lab.TestTypeSummary | None:
        return self._current

    def _on_table_current_row_changed(self, current, _previous) -> None:
        chosen = self.model.value(current.row()) if current.isValid() else None
        if chosen is not None and (self._current is None or chosen.id != self._current.id or self._new):
            self._show(chosen)

    def _show(self, summary: lab.TestTypeSummary | None, *, new: bool = False) -> None:
        self._current, self._new = summary, new
        shown = summary is not None or new
        self.empty_detail.setVisible(not shown)
        self.detail_scroll.setVisible(shown)
        for button in self.detail_buttons:
            button.setVisible(shown and self.can_edit)
        self.form_error.hide()
        self.saved_note.clear()
        self.form.set_spec(summary.spec if summary else None, new=new)
        if new:
            self.form_title.setText(self.tr("New test type"))
        elif summary is not None:
            self.form_title.setText(f"{summary.code} · {summary.name}")
        self.active_button.setVisible(shown and self.can_edit and not new)
        if summary is not None:
            self.active_button.setText(self.tr("Withdraw") if summary.active else self.tr("Offer again"))

    def _on_new_button_clicked(self) -> None:
        self.table.clearSelection()
        self._show(None, new=True)
        self.form.code.setFocus()

    def _on_revert_button_clicked(self) -> None:
        self._show(self._current, new=self._new)

    # --- saving ---------------------------------------------------------------------------------
    def _on_save_button_clicked(self) -> None:
        self.form.errors.clear()
        self.form_error.hide()
        self.saved_note.clear()
        try:
            spec = self.form.spec()
        except FrontdeskError as error:
            self._on_save_failed(error)
            return
        db, actor, current, new = self._db, self._actor, self._current, self._new
        if new:
            def work():
                return lab.create_test_type(db, spec=spec, actor=actor)
        else:
            def work():
                return lab.update_test_type(db, test_type_id=current.id, spec=spec, actor=actor)
        self.save_button.setEnabled(False)
        run_in_background(self, work, write=True, key="lab-catalogue-save", on_success=self._on_saved,
                          on_error=self._on_save_failed, on_finished=lambda: self.save_button.setEnabled(True))

    def _on_saved(self, saved: lab.TestTypeSummary) -> None:
        self._select_id = saved.id
        self._show(saved)
        self.saved_note.setText(self.tr("Saved."))

    def _on_save_failed(self, error: FrontdeskError) -> None:
        self.form.errors.show_error(error, self.form_error)

    def _on_active_button_clicked(self) -> None:
        current = self._current
        if current is None or self._new:
            return
        db, actor, active = self._db, self._actor, not current.active
        self._select_id = current.id
        run_in_background(self, lambda: lab.set_test_type_active(db, test_type_id=current.id, active=active,
                                                                 actor=actor),
                          write=True, key=f"lab-catalogue-active:{current.id}", on_success=self._show,
                          on_error=self._on_save_failed)
