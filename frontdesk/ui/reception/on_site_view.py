"""The On-site screen: everyone in the building now, check-out by scan or by button, and the
evacuation list one click away.

The list (visitor, company, host, purpose, since — Europe/Rome time, and the lab IDs of the
samples the visitor dropped off) reloads whenever the data bus says visits or samples changed;
"Take in samples" opens the lab's intake filled in from the selected visitor. A badge scanned
anywhere on the screen checks its visitor out (the scan field has the focus; keys typed on the
list are handed to it) and the outcome shows in large text. "Print evacuation list" prints the
A4 list on the printer set for it in Settings (with none set, the PDF is saved and opened);
"Preview" shows it first. Under the visitors, "In the lab now" lists who is working at a lab
machine (tests in progress, paused ones marked), by room and machine, as the evacuation list
does. The copy of the list kept in the folder set in Settings is rewritten
after every change (ui.reception.evacuation_copy); a folder that cannot be reached is said
calmly here, and the reception goes on.

Imports Qt, ui helpers and the visits/evacuation/settings/lab intake services; never the database.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from frontdesk.domain.clock import today_in_rome, utcnow
from frontdesk.domain.roles import Permission
from frontdesk.i18n import format_datetime, format_time, language, local_time
from frontdesk.ui.reception.badge_printing import BadgePrinting
from frontdesk.ui.reception.scan_input import KeyForwarder, ScanBanner, ScanField, ScanHandler
from frontdesk.ui.shell.area_view import AreaView, DeskContext
from frontdesk.ui.tasks import run_in_background
from frontdesk.ui.widgets.notice_bar import NoticeBar
from frontdesk.ui.widgets.table_models import Column, ValueTableModel
from frontdesk.ui.widgets.tables import ColumnFit, read_only_table


def since_text(moment) -> str:
    """"09:41" for today (Rome), "24/11/26, 09:41" for an earlier day."""
    if moment is None:
        return ""
    return _since_text(moment, today_in_rome(), language())


@functools.lru_cache(maxsize=4096)
def _since_text(moment, today, _language: str) -> str:
    # Cached: the table asks for each cell at every paint, and Babel formatting costs ~0.1 ms a call.
    if local_time(moment).date() == today:
        return format_time(moment)
    return format_datetime(moment)


def _on_site(db) -> list:
    from frontdesk.services.reception.visits import on_site

    return on_site(db)


def evacuation_print(db) -> object:
    """Draw the evacuation list and print it (the work of one background task)."""
    from frontdesk.services.reception.print_jobs import evacuation_print_job
    from frontdesk.ui import printing

    return printing.print_job(evacuation_print_job(db))


def _at_machines(db) -> list:
    from frontdesk.services.lab.queue import at_machines_now

    return at_machines_now(db)


def _samples_by_visit(db, visit_ids) -> dict:
    from frontdesk.services.lab.intake import samples_by_visit

    return samples_by_visit(db, visit_ids=visit_ids)


class OnSiteView(AreaView):
    areas = frozenset({"visits", "lab_sample", "lab_test"})
    preview_opened = Signal(QWidget)  # the evacuation list's preview dialog, just opened
    area_requested = Signal(str, object)  # "lab_intake", the visit: take samples in from this visitor
    samples_loaded = Signal()  # the Samples column is filled
    lab_loaded = Signal()  # "In the lab now" is filled

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._db = context.db
        actor_source = lambda: self.context.actor  # noqa: E731 (who acts may change after sign-in)

        title = QLabel(self.tr("On site now"))
        title.setProperty("role", "title")
        self.count_label = QLabel()
        self.count_label.setObjectName("onSiteCount")
        self.count_label.setProperty("role", "subtitle")
        self.print_button = QPushButton(self.tr("Print evacuation list"))
        self.print_button.setObjectName("printEvacuation")
        self.print_button.setProperty("primary", True)
        self.print_button.clicked.connect(self.print_evacuation_list)
        self.preview_button = QPushButton(self.tr("Preview"))
        self.preview_button.clicked.connect(self.preview_evacuation_list)
        header = QHBoxLayout()
        header.addWidget(title)
        header.addSpacing(12)
        header.addWidget(self.count_label)
        header.addStretch(1)
        header.addWidget(self.preview_button)
        header.addWidget(self.print_button)

        self.scan_field = ScanField(everything_is_scan=True)
        self.scan_field.setObjectName("onSiteScan")
        self.scan_field.setPlaceholderText(self.tr("Scan a badge to check its visitor out"))
        self.scan_field.setMinimumHeight(40)
        self.scan_banner = ScanBanner()
        self.notice_bar = NoticeBar()

        self.model = ValueTableModel([
            Column(self.tr("Visitor"), lambda v: v.surname_first or v.visitor_name, tooltip=True),
            Column(self.tr("Company"), lambda v: v.company_name, tooltip=True),
            Column(self.tr("Host"), lambda v: v.host_name, tooltip=True),
            Column(self.tr("Purpose"), lambda v: v.service_name, tooltip=True),
            Column(self.tr("Since"), lambda v: since_text(v.checked_in_at),
                   Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            Column(self.tr("Samples"), lambda v: self.samples_text(v.id), tooltip=True),
        ], self)
        self._samples: dict = {}  # visit id -> lab IDs of the samples the visitor dropped off
        self.table = read_only_table(self.model, row_height=32, name="onSiteTable")
        self.table.column_fit = ColumnFit(self.table, fixed=(4,))
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.empty_label = QLabel(self.tr("Nobody is on site."))
        self.empty_label.setProperty("role", "muted")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.hide()

        self.lab_title = QLabel()
        self.lab_title.setObjectName("inTheLabNow")
        self.lab_title.setProperty("role", "subtitle")
        self.lab_model = ValueTableModel([
            Column(self.tr("Technician"), lambda w: w.technician_name, tooltip=True),
            Column(self.tr("Machine"), lambda w: f"{w.machine_code} {w.machine_name}".strip(), tooltip=True),
            Column(self.tr("Room"), lambda w: w.room, tooltip=True),
            Column(self.tr("Sample"), lambda w: w.sample_lab_id),
            Column(self.tr("Test"), lambda w: w.test_name, tooltip=True),
            Column(self.tr("Since"), self._lab_since, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
        ], self)
        self.lab_table = read_only_table(self.lab_model, row_height=28, name="inTheLabTable")
        self.lab_table.column_fit = ColumnFit(self.lab_table, fixed=(3, 5))
        self.lab_table.setMaximumHeight(150)
        self.lab_title.hide()
        self.lab_table.hide()

        self.check_out_button = QPushButton(self.tr("Check out"))
        self.check_out_button.setObjectName("checkOut")
        self.check_out_button.clicked.connect(self.check_out_selected)
        self.reprint_button = QPushButton(self.tr("Reprint badge"))
        self.reprint_button.setObjectName("reprintBadge")
        self.reprint_button.clicked.connect(self.reprint_selected)
        self.intake_button = QPushButton(self.tr("Take in samples"))
        self.intake_button.setObjectName("takeInSamples")
        self.intake_button.clicked.connect(self.take_in_samples_selected)
        self.intake_button.setVisible(context.actor is not None and context.actor.can(Permission.LAB_INTAKE))
        self.copy_label = QLabel()
        self.copy_label.setObjectName("evacuationCopyStatus")
        self.copy_label.setProperty("role", "muted")
        self.copy_label.setWordWrap(True)
        footer = QHBoxLayout()
        footer.addWidget(self.copy_label, 1)
        footer.addWidget(self.intake_button)
        footer.addWidget(self.reprint_button)
        footer.addWidget(self.check_out_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 12)
        layout.setSpacing(10)
        layout.addLayout(header)
        layout.addWidget(self.scan_field)
        layout.addWidget(self.scan_banner)
        layout.addWidget(self.notice_bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.lab_title)
        layout.addWidget(self.lab_table)
        layout.addLayout(footer)

        db = self._db
        self.scans = ScanHandler(self._db, actor_source, self.scan_banner, self, follow=lambda: _on_site(db))
        self.scans.followed.connect(self._on_scan_followed)
        self._list_is_fresh = False  # the list came with a scan: the data bus's news of it needs no reload
        self.scan_field.scanned.connect(self.scans.submit)
        self.scan_field.moved.connect(self._move_selection)
        self.forwarder = KeyForwarder(self.scan_field, [self.table],
                                      type_over=(self.check_out_button, self.reprint_button, self.intake_button,
                                                 self.print_button, self.preview_button))
        self.badges = BadgePrinting(self._db, actor_source, self)
        self.badges.printed.connect(lambda _visit, outcome: self.copy_label.setText(outcome.message))
        self.badges.print_failed.connect(self._on_badge_print_failed)
        self.evacuation = context.duties.evacuation if context.duties is not None else None  # the desk's keeper
        if self.evacuation is not None:
            self.evacuation.written.connect(self._on_copy_written)
            self.evacuation.failed.connect(self._on_copy_failed)
            if self.evacuation.last_problem:
                self._on_copy_failed(self.evacuation.last_problem)
            elif self.evacuation.has_result:
                self._on_copy_written(self.evacuation.last_path)
        self.setFocusProxy(self.scan_field)
        self._update_buttons()

    # --- AreaView ---------------------------------------------------------------------------------
    def focus_first(self) -> None:
        self.scan_field.setFocus(Qt.FocusReason.OtherFocusReason)

    def reload(self) -> None:
        db = self._db
        run_in_background(self, lambda: _on_site(db), on_success=self._on_people_loaded)
        run_in_background(self, lambda: _at_machines(db), on_success=self._on_lab_loaded)

    def _on_scan_followed(self, people) -> None:
        """The list read right after a scan was saved (ScanHandler's `follow`)."""
        self._list_is_fresh = True  # the data bus announces that same scan next, in the same delivery
        self._on_people_loaded(people)

    def _on_bus_data_changed(self, changed: set) -> None:
        if self._list_is_fresh:
            self._list_is_fresh = False
            return
        super()._on_bus_data_changed(changed)

    def _on_people_loaded(self, people) -> None:
        selected = self.selected_visit()
        self.model.set_rows(people)
        if selected is not None:
            row = self.model.row_of(lambda v: v.id == selected.id)
            if row >= 0:
                self.table.selectRow(row)
        count = len(people)
        self.count_label.setText(self.tr("1 person") if count == 1 else self.tr("%n people", "", count))
        self.empty_label.setVisible(not people)
        self._update_buttons()
        self._load_samples([v.id for v in people])
        self.data_loaded.emit()

    def _on_lab_loaded(self, workers) -> None:
        self.lab_model.set_rows(workers)
        self.lab_title.setText(self.tr("In the lab now: %n at a machine", "", len(workers)))
        self.lab_title.setVisible(bool(workers))
        self.lab_table.setVisible(bool(workers))
        self.lab_loaded.emit()

    def _lab_since(self, worker) -> str:
        since = since_text(worker.started_at)
        return self.tr("{since}, paused").format(since=since) if worker.paused else since

    def _load_samples(self, visit_ids) -> None:
        """What each visitor dropped off at the lab, for the Samples column (a second, small read)."""
        if not visit_ids:
            self._samples = {}
            return
        db = self._db
        run_in_background(self, lambda: _samples_by_visit(db, visit_ids), on_success=self._on_samples_loaded)

    def _on_samples_loaded(self, samples: dict) -> None:
        self._samples = samples
        rows = self.model.rowCount()
        if rows:
            column = self.model.columnCount() - 1
            self.model.dataChanged.emit(self.model.index(0, column), self.model.index(rows - 1, column))
        self.samples_loaded.emit()

    def samples_text(self, visit_id) -> str:
        """"L1-000042, L1-000043": the samples this visit dropped off ("" when none)."""
        return ", ".join(self._samples.get(visit_id, ()))

    def people(self) -> list:
        return self.model.rows()

    # --- selection and check-out --------------------------------------------------------------------
    def selected_visit(self):
        index = self.table.currentIndex()
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.value(index.row()) if index.isValid() and rows else None

    def select_visitor(self, name: str) -> bool:
        row = self.model.row_of(lambda v: v.visitor_name == name)
        if row >= 0:
            self.table.selectRow(row)
        return row >= 0

    def _move_selection(self, rows: int) -> None:
        count = self.model.rowCount()
        if count:
            current = max(0, self.table.currentIndex().row())
            self.table.selectRow(max(0, min(count - 1, current + rows)))

    def _update_buttons(self) -> None:
        selected = self.selected_visit() is not None
        self.check_out_button.setEnabled(selected)
        self.reprint_button.setEnabled(selected)
        self.intake_button.setEnabled(selected)

    def check_out_selected(self) -> None:
        from frontdesk.services.reception.visits import check_out

        visit = self.selected_visit()
        if visit is None:
            return
        db, actor = self._db, self.context.actor
        self.check_out_button.setEnabled(False)
        run_in_background(self, lambda: check_out(db, visit_id=visit.id, actor=actor),
                          on_success=lambda done: self.scan_banner.show_result(
                              "ok", self.tr("{name} checked out.").format(name=done.visitor_name)),
                          on_error=lambda error: self.scan_banner.show_result("error", error.message),
                          on_finished=self._update_buttons,
                          write=True, key=f"checkout:{visit.id}")
        self.scan_field.setFocus()

    def take_in_samples_selected(self) -> None:
        """Open the sample intake filled in from the selected visitor (company, contact, the visit)."""
        visit = self.selected_visit()
        if visit is not None:
            self.area_requested.emit("lab_intake", visit.id)

    def reprint_selected(self) -> None:
        visit = self.selected_visit()
        if visit is not None:
            self.badges.reprint(visit.id)
        self.scan_field.setFocus()

    def _on_badge_print_failed(self, visit_id, message: str) -> None:
        self.notice_bar.show_message(message, self.tr("Try again"), lambda: self.badges.reprint(visit_id))

    # --- evacuation list ----------------------------------------------------------------------------
    def print_evacuation_list(self) -> None:
        db = self._db
        task = run_in_background(self, lambda: evacuation_print(db), on_success=self._on_evacuation_printed,
                                 on_error=lambda error: self.notice_bar.show_message(error.message),
                                 on_finished=lambda: self.print_button.setEnabled(True),
                                 key=f"evacuation-print:{id(db)}", slow=True)
        if task is not None:
            self.print_button.setEnabled(False)

    def _on_evacuation_printed(self, outcome) -> None:
        self.notice_shown.emit(outcome.message)
        self.copy_label.setText(outcome.message)

    def preview_evacuation_list(self) -> None:
        db = self._db
        from frontdesk.services.reception.print_jobs import evacuation_print_job

        run_in_background(self, lambda: evacuation_print_job(db), on_success=self._on_preview_ready,
                          key=f"evacuation-preview:{id(db)}")

    def _on_preview_ready(self, job) -> None:
        from frontdesk.ui import printing

        dialog = printing.make_preview_dialog(self, job.pdf, job.printer or None)
        dialog.open()
        self.preview_opened.emit(dialog)  # not kept: closed, the dialog and its printer are deleted

    def _on_copy_written(self, path) -> None:
        if path is None:
            self.copy_label.setText(self.tr("No folder is set for the copy of the evacuation list (Settings)."))
        else:
            self.copy_label.setText(self.tr("Copy of the evacuation list updated at {time}: {path}").format(
                time=format_time(utcnow()), path=path))
        self.copy_label.setStyleSheet("")

    def _on_copy_failed(self, message: str) -> None:
        self.copy_label.setText(message)
        self.copy_label.setStyleSheet("color: #8a5a00;")

