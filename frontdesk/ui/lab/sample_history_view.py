"""One sample's history on one screen: the header (lab ID, where it is now), the sample and its
request side by side, then its chain of custody (newest first, older steps on "Load older steps"),
its tests, its specimens (or the sample it was cut from) and the activity log about it; and the
buttons that record the next custody step (only those that may follow the last one are enabled),
and "Customer's calendar (.ics)…", which saves the request's planned tests for the customer's calendar.

Data comes from services.lab.history in the background; a custody step is recorded through
ui.lab.custody_dialog and the screen reloads from the data bus. Imports Qt, ui helpers and the
lab services; never the database.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from frontdesk.domain.errors import StorageProblem
from frontdesk.domain.lab.custody import may_follow
from frontdesk.i18n import format_date, format_datetime
from frontdesk.services.lab.history import CUSTODY_PAGE, SampleHistory, more_custody, sample_history
from frontdesk.ui.lab.custody_dialog import CustodyDialog, kind_text, status_text
from frontdesk.ui.staff.audit_labels import action_label, actor_label, changes_text
from frontdesk.ui.tasks import NewestWins, data_bus, run_in_background
from frontdesk.ui.widgets.table_models import Column, ValueTableModel
from frontdesk.ui.widgets.tables import make_table

AREAS = frozenset({"lab_sample", "lab_custody_event", "lab_test", "lab_request", "companies", "audit"})
# Decision rules agreed at intake (ISO/IEC 17025 7.1.3; codes of domain.lab.requests); another code is shown as is.
RULE_TEXTS = {
    "simple_acceptance": QT_TRANSLATE_NOOP("SampleHistoryView", "simple acceptance"),
    "guarded_acceptance": QT_TRANSLATE_NOOP("SampleHistoryView", "guarded acceptance"),
}
STEP_BUTTONS = ("stored", "to_test", "returned", "remnant", "disposed", "received")


def write_request_calendar(db, *, request_id: uuid.UUID, path: Path) -> Path:
    """Make the request's .ics file and write it to `path` (the work of one background task)."""
    from frontdesk.services.lab.request_calendar import request_calendar_ics

    data = request_calendar_ics(db, request_id=request_id)
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise StorageProblem(QCoreApplication.translate("SampleHistoryView", "The file %1 could not be written: "
                                                        "check that the folder exists and can be written.")
                             .replace("%1", str(path))) from exc
    return path


class SampleHistoryView(QWidget):
    """Shows the sample given to `show_sample`; `back_requested` when the user goes back to the list."""

    back_requested = Signal()
    loaded = Signal(object)  # the SampleHistory on screen
    sample_opened = Signal(object)  # a specimen or the parent was chosen: its uuid
    load_failed = Signal(str)
    calendar_saved = Signal(str)  # a sentence saying where the request's .ics file went
    calendar_failed = Signal(str)  # why it was not made (no test planned yet...)

    def __init__(self, db, actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._actor = db, actor
        self._loads = NewestWins()
        self.history: SampleHistory | None = None
        self.sample_id: uuid.UUID | None = None
        self._dialog: CustodyDialog | None = None
        self._stale = False

        self.back_button = QPushButton(self.tr("← Samples"))
        self.back_button.setObjectName("back")
        self.back_button.clicked.connect(self.back_requested)
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.title.setObjectName("historyTitle")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.state = QLabel()
        self.state.setObjectName("historyState")
        self.state.setProperty("role", "subtitle")
        self.state.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addSpacing(12)
        top.addWidget(self.title)
        top.addSpacing(16)
        top.addWidget(self.state, 1)
        self.calendar_button = QPushButton(self.tr("Customer's calendar (.ics)…"))
        self.calendar_button.setObjectName("requestCalendar")
        self.calendar_button.setToolTip(self.tr("The request's planned tests as a file for the customer's calendar"))
        self.calendar_button.clicked.connect(self._ask_calendar)
        top.addWidget(self.calendar_button)

        self.step_buttons: dict[str, QPushButton] = {}
        steps = QHBoxLayout()
        for kind, text in zip(STEP_BUTTONS, (self.tr("Store at..."), self.tr("Take to test..."),
                                             self.tr("Return to customer..."), self.tr("Keep as remnant until..."),
                                             self.tr("Dispose..."), self.tr("Received again...")), strict=True):
            button = QPushButton(text)
            button.setObjectName(f"step_{kind}")
            button.clicked.connect(lambda _checked=False, k=kind: self.open_step(k))
            self.step_buttons[kind] = button
            steps.addWidget(button)
        steps.addStretch(1)

        self.sample_fields, sample_card = self._card(self.tr("Sample"), (
            ("material", self.tr("Material")), ("description", self.tr("Description")),
            ("condition", self.tr("Condition on receipt")), ("deviations", self.tr("Deviations noted")),
            ("customer_answer", self.tr("Customer's answer")), ("customer_info", self.tr("Stated by the customer")),
            ("received", self.tr("Received"))))
        self.request_fields, request_card = self._card(self.tr("Request"), (
            ("number", self.tr("Request")), ("company", self.tr("Company")), ("contact", self.tr("Contact")),
            ("priority", self.tr("Priority")), ("due", self.tr("Results needed by")),
            ("conformity", self.tr("Statement of conformity")), ("agreement", self.tr("Agreed"))))
        cards = QHBoxLayout()
        cards.addWidget(sample_card, 1)
        cards.addWidget(request_card, 1)

        self.custody_model = ValueTableModel([
            Column(self.tr("When"), lambda s: format_datetime(s.at)),
            Column(self.tr("Step"), lambda s: kind_text(s.kind)),
            Column(self.tr("Where"), self._where, tooltip=True),
            Column(self.tr("Who"), lambda s: s.actor_label, tooltip=True),
            Column(self.tr("Notes"), lambda s: s.notes.replace("\n", " "), tooltip=True),
            Column(self.tr("Desk"), lambda s: s.desk),
        ], self)
        self.custody_table = make_table(self.custody_model, fixed=(0, 1, 5))
        self.custody_table.setObjectName("custodyTable")
        self.more_button = QPushButton(self.tr("Load older steps"))
        self.more_button.setObjectName("moreCustody")
        self.more_button.clicked.connect(self.load_more_custody)
        self.custody_count = QLabel()
        self.custody_count.setProperty("role", "muted")
        custody_tab = QWidget()
        custody_layout = QVBoxLayout(custody_tab)
        custody_layout.setContentsMargins(8, 8, 8, 8)
        custody_layout.addWidget(self.custody_table, 1)
        more_row = QHBoxLayout()
        more_row.addWidget(self.custody_count, 1)
        more_row.addWidget(self.more_button)
        custody_layout.addLayout(more_row)

        self.tests_model = ValueTableModel([
            Column(self.tr("Test"), lambda t: t.name, tooltip=True),
            Column(self.tr("Standard"), lambda t: t.standard, tooltip=True),
            Column(self.tr("Status"), lambda t: status_text(t.status)),
            Column(self.tr("Machine"), lambda t: t.equipment, tooltip=True),
            Column(self.tr("Planned"), lambda t: format_datetime(t.planned_start) if t.planned_start else ""),
            Column(self.tr("Technician"), lambda t: t.technician, tooltip=True),
        ], self)
        self.tests_table = make_table(self.tests_model, fixed=(2, 4))
        self.tests_table.setObjectName("testsTable")

        self.related_model = ValueTableModel([
            Column(self.tr("Lab ID"), lambda s: s.lab_id),
            Column(self.tr("Relation"), lambda s: s.relation),
            Column(self.tr("Description"), lambda s: s.description, tooltip=True),
        ], self)
        self.related_table = make_table(self.related_model, fixed=(0, 1))
        self.related_table.setObjectName("relatedTable")
        self.related_table.activated.connect(self._on_related_table_activated)

        self.audit_model = ValueTableModel([
            Column(self.tr("When"), lambda a: format_datetime(a.at)),
            Column(self.tr("Who"), lambda a: actor_label(a.actor_label), tooltip=True),
            Column(self.tr("What"), lambda a: action_label(a.action), tooltip=True),
            Column(self.tr("Details"), lambda a: changes_text(a.changes), tooltip=True),
        ], self)
        self.audit_table = make_table(self.audit_model, fixed=(0,))
        self.audit_hidden = QLabel(self.tr("The activity log is shown to lab managers and administrators."))
        self.audit_hidden.setProperty("role", "muted")
        audit_tab = QWidget()
        audit_layout = QVBoxLayout(audit_tab)
        audit_layout.setContentsMargins(8, 8, 8, 8)
        audit_layout.addWidget(self.audit_hidden)
        audit_layout.addWidget(self.audit_table, 1)

        self.tabs = QTabWidget()
        self.tabs.addTab(custody_tab, self.tr("Chain of custody"))
        self.tabs.addTab(self.tests_table, self.tr("Tests"))
        self.tabs.addTab(self.related_table, self.tr("Specimens"))
        self.tabs.addTab(audit_tab, self.tr("Activity log"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addLayout(steps)
        layout.addLayout(cards)
        layout.addWidget(self.tabs, 1)
        data_bus().data_changed.connect(self._on_bus_data_changed)
        self._show(None)

    def _card(self, title: str, rows) -> tuple[dict[str, QLabel], QFrame]:
        card = QFrame()
        card.setObjectName("card")
        heading = QLabel(title)
        heading.setProperty("role", "subtitle")
        form = QFormLayout()
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(4)
        fields = {}
        for key, label in rows:
            value = QLabel()
            value.setObjectName(f"field_{key}")
            value.setWordWrap(True)
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            caption = QLabel(label)
            caption.setProperty("role", "muted")
            form.addRow(caption, value)
            fields[key] = value
        box = QVBoxLayout(card)
        box.addWidget(heading)
        box.addLayout(form)
        box.addStretch(1)
        return fields, card

    # --- loading --------------------------------------------------------------------------------
    def show_sample(self, sample_id: uuid.UUID) -> None:
        """Load and show the sample's history (in the background)."""
        self.sample_id = sample_id
        self.reload()

    def reload(self) -> None:
        if self.sample_id is None:
            return
        ticket = self._loads.next()
        db, actor, sample_id = self._db, self._actor, self.sample_id
        run_in_background(self, lambda: sample_history(db, sample_id=sample_id, actor=actor),
                          on_success=self._loads.only_newest(ticket, self._show),
                          on_error=self._loads.only_newest(ticket, self._on_load_failed))

    def _on_load_failed(self, error) -> None:
        self.load_failed.emit(error.message)

    def _on_bus_data_changed(self, changed: set) -> None:
        if self.sample_id is None or not (AREAS & set(changed)):
            return
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.reload()

    def load_more_custody(self) -> None:
        h = self.history
        rows = self.custody_model.rows()
        if h is None or not rows:
            return
        db, before, sample_id = self._db, rows[-1], h.id
        self.more_button.setEnabled(False)
        run_in_background(self, lambda: more_custody(db, sample_id=sample_id, before=before, limit=CUSTODY_PAGE),
                          on_success=self._on_more_custody)

    def _on_more_custody(self, steps) -> None:
        self.custody_model.set_rows(self.custody_model.rows() + list(steps))
        self._update_custody_count()

    def _update_custody_count(self) -> None:
        shown, total = self.custody_model.rowCount(), self.history.custody_total if self.history else 0
        self.custody_count.setText(self.tr("%1 of %2 steps").replace("%1", str(shown)).replace("%2", str(total)))
        self.more_button.setVisible(shown < total)
        self.more_button.setEnabled(shown < total)

    # --- showing --------------------------------------------------------------------------------
    def _where(self, step) -> str:
        parts = [step.location] if step.location else []
        if step.keep_until:
            parts.append(self.tr("until %1").replace("%1", format_date(step.keep_until)))
        if step.test_id and self.history:
            test = next((t for t in self.history.tests if t.id == step.test_id), None)
            if test:
                parts.append(test.name)
        return " · ".join(parts)

    def _show(self, h: SampleHistory | None) -> None:
        self.history = h
        for fields in (self.sample_fields, self.request_fields):
            for label in fields.values():
                label.clear()
        if h is None:
            self.title.clear()
            self.state.clear()
            for button in self.step_buttons.values():
                button.setEnabled(False)
            for model in (self.custody_model, self.tests_model, self.related_model, self.audit_model):
                model.set_rows([])
            return
        self.title.setText(h.lab_id)
        last = h.last_step
        if last is None:
            self.state.setText(self.tr("In the lab since its intake"))
        else:
            where = self._where(last)
            self.state.setText(f"{kind_text(last.kind)} · {where}" if where else kind_text(last.kind))
        allowed = may_follow(last.kind if last else None)
        for kind, button in self.step_buttons.items():
            button.setEnabled(kind in allowed)
            button.setVisible(kind != "received" or kind in allowed)
        s, r = self.sample_fields, self.request_fields
        s["material"].setText(h.material)
        s["description"].setText(h.description)
        s["condition"].setText(h.condition)
        s["deviations"].setText(h.deviations or self.tr("None"))
        s["customer_answer"].setText(h.customer_answer)
        s["customer_info"].setText(h.customer_info)
        s["received"].setText(self.tr("%1 by %2").replace("%1", format_datetime(h.received_at))
                              .replace("%2", h.request.received_by or "—"))
        q = h.request
        r["number"].setText(q.number + (" — " + self.tr("cancelled") if q.status == "cancelled" else ""))
        r["company"].setText(q.company_name)
        r["contact"].setText(" · ".join(p for p in (q.contact_name, q.contact_email, q.contact_phone) if p))
        r["priority"].setText(self.tr("Urgent") if q.priority == "urgent" else self.tr("Normal"))
        r["due"].setText(format_date(q.due_on) if q.due_on else "—")
        conformity = self.tr("%1 (decision rule: %2)").replace("%1", q.specification or "—")
        rule = QCoreApplication.translate("SampleHistoryView", RULE_TEXTS[q.decision_rule]) \
            if q.decision_rule in RULE_TEXTS else q.decision_rule
        r["conformity"].setText(conformity.replace("%2", rule or "—") if q.conformity
                                else self.tr("Not asked"))
        r["agreement"].setText(self.tr("%1 by %2").replace("%1", format_datetime(q.agreed_at))
                               .replace("%2", q.agreed_by or "—") if q.agreed_at else self.tr("Not yet"))
        self.custody_model.set_rows(list(h.custody))
        self._update_custody_count()
        self.tests_model.set_rows(list(h.tests))
        related = [_Related(s.id, s.lab_id, self.tr("Specimen"), s.description) for s in h.specimens]
        if h.parent is not None:
            related.insert(0, _Related(h.parent.id, h.parent.lab_id, self.tr("Cut from"), h.parent.description))
        self.related_model.set_rows(related)
        self.tabs.setTabText(2, self.tr("Specimens (%1)").replace("%1", str(len(h.specimens))))
        self.audit_hidden.setVisible(not h.audit_visible)
        self.audit_table.setVisible(h.audit_visible)
        self.audit_model.set_rows(list(h.audit))
        self.loaded.emit(h)

    def _on_related_table_activated(self, index) -> None:
        related = self.related_model.value(index.row())
        if related is not None:
            self.sample_opened.emit(related.id)

    # --- the customer's calendar ----------------------------------------------------------------
    def _ask_calendar(self) -> None:
        if self.history is None:
            return
        suggested = str(Path.home() / f"{self.history.request.number}.ics")
        path, _selected = QFileDialog.getSaveFileName(self, self.tr("Save the customer's calendar"), suggested,
                                                      self.tr("Calendar files (*.ics)"))
        if path:
            self.save_calendar_to(Path(path if path.lower().endswith(".ics") else path + ".ics"))

    def save_calendar_to(self, path: Path) -> None:
        """Write the .ics file of the shown sample's request to `path` (in the background)."""
        if self.history is None:
            return
        db, request_id = self._db, self.history.request.id
        run_in_background(self, lambda: write_request_calendar(db, request_id=request_id, path=path), slow=True,
                          on_success=lambda written: self.calendar_saved.emit(
                              self.tr("Calendar saved as %1").replace("%1", str(written))),
                          on_error=lambda error: self.calendar_failed.emit(error.message),
                          key=f"lab-request-calendar:{path}")

    # --- custody steps --------------------------------------------------------------------------
    def open_step(self, kind: str) -> CustodyDialog | None:
        """Open the dialog that records a `kind` step (not modal: the screen keeps reloading)."""
        if self.history is None:
            return None
        self._dialog = CustodyDialog(self._db, self._actor, self.history, kind, self)
        self._dialog.open()
        return self._dialog


class _Related:
    """A row of the specimens tab: a specimen of this sample, or the sample it was cut from."""

    __slots__ = ("description", "id", "lab_id", "relation")

    def __init__(self, ident, lab_id: str, relation: str, description: str) -> None:
        self.id, self.lab_id, self.relation, self.description = ident, lab_id, relation, description
