"""The Reception screen: one search field, the matching visitors, the check-in card, and scans.

The flow, all from the keyboard: type the first letters of a name → today's expected visitors
are listed first (marked), then known visitors with company and last visit; the first row is
highlighted (↑ ↓ move) → Enter opens the check-in card with purpose and host pre-filled → Enter
checks in and prints the badge. With nothing found, Enter opens the new-visitor form with what
was typed. Ctrl+N new visitor, Ctrl+G group, Ctrl+E expected visitors, Esc clears.
A badge scanned into the search field (or anywhere on the screen) checks its visitor out
(scan_input). A printer problem never undoes a check-in: the screen says so and offers a reprint.

Imports Qt, ui helpers and the services it calls (lazily where they load SQLAlchemy); never the
database.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from frontdesk.i18n import format_date, format_time, local_time
from frontdesk.ui.reception.badge_printing import BadgePrinting
from frontdesk.ui.reception.checkin_panel import CheckInPanel
from frontdesk.ui.reception.reception_choices import ReceptionChoices, load_choices
from frontdesk.ui.reception.scan_input import (
    OK,
    KeyForwarder,
    ScanBanner,
    ScanField,
    ScanHandler,
    looks_like_badge,
    split_scan,
)
from frontdesk.ui.shell.area_view import AreaView, DeskContext
from frontdesk.ui.tasks import NewestWins, run_in_background
from frontdesk.ui.widgets.notice_bar import NoticeBar
from frontdesk.ui.widgets.table_models import Column, ValueTableModel
from frontdesk.ui.widgets.tables import ColumnFit, read_only_table

SEARCH_DELAY_MS = 80
EXPECTED_COLOUR = "#8a5a00"
ON_SITE_COLOUR = "#1e6b3a"


class HitsModel(ValueTableModel):
    """Reception search results (services.reception.search.ReceptionHit); expected visitors stand out."""

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        hit = self.value(index.row()) if index.isValid() else None
        if hit is not None and hit.on_site_since is not None and role == Qt.ItemDataRole.ForegroundRole \
                and index.column() == len(self.columns) - 1:
            return QBrush(QColor(ON_SITE_COLOUR))
        if hit is not None and hit.expected is not None:
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.ForegroundRole and index.column() == len(self.columns) - 1:
                return QBrush(QColor(EXPECTED_COLOUR))
        return super().data(index, role)


class ReceptionView(AreaView):
    areas = frozenset({"visits", "visitors", "companies", "hosts", "settings"})
    visitor_checked_in = Signal(object)  # CheckInResult, after the commit

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._db = context.db
        self._choices = ReceptionChoices()
        self._searches = NewestWins()
        self._shown_query: str | None = None  # the query whose results are on screen
        self._open_when_ready = False
        self.dialog = None  # the dialog open now (new visitor, group, expected)

        title = QLabel(self.tr("Reception"))
        title.setProperty("role", "title")
        self.new_button = QPushButton(self.tr("New visitor  Ctrl+N"))
        self.new_button.clicked.connect(lambda: self.open_new_visitor())
        self.group_button = QPushButton(self.tr("Group  Ctrl+G"))
        self.group_button.clicked.connect(self.open_group)
        self.expected_button = QPushButton(self.tr("Expected  Ctrl+E"))
        self.expected_button.clicked.connect(self.open_expected)
        for button in (self.new_button, self.group_button, self.expected_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays in the search field
        header = QHBoxLayout()
        header.addWidget(title)
        header.addStretch(1)
        header.addWidget(self.expected_button)
        header.addWidget(self.group_button)
        header.addWidget(self.new_button)

        self.search = ScanField()
        self.search.setObjectName("receptionSearch")
        self.search.setPlaceholderText(self.tr("Type a name or surname, or scan a badge"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumHeight(44)
        font = self.search.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        self.search.setFont(font)
        self.scan_banner = ScanBanner()
        self.notice_bar = NoticeBar()

        self.model = HitsModel([
            Column(self.tr("Visitor"), lambda h: h.visitor.full_name, tooltip=True),
            Column(self.tr("Company"), lambda h: h.visitor.company_name, tooltip=True),
            Column(self.tr("Purpose"), self._purpose_text, tooltip=True),
            Column(self.tr("Host"), self._host_text, tooltip=True),
            Column(self.tr("When"), self._when_text),
        ], self)
        self.results = read_only_table(self.model, row_height=34, name="receptionResults")
        # The host is shown (and chosen) in the check-in panel beside the list: the list keeps its
        # width for name, company, purpose and last visit, fitted to what they hold.
        self.results.setColumnHidden(3, True)
        self.results.column_fit = ColumnFit(self.results, fixed=(4,))
        self.results.activated.connect(lambda _index: self.open_current())
        self.results.doubleClicked.connect(lambda _index: self.open_current())
        self.empty_label = QLabel()
        self.empty_label.setObjectName("receptionEmpty")
        self.empty_label.setProperty("role", "muted")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.hide()

        self.panel = CheckInPanel()
        self.panel.confirmed.connect(self._on_panel_confirmed)
        self.panel.cancelled.connect(self._on_panel_cancelled)
        self.status_line = QLabel()
        self.status_line.setObjectName("receptionStatus")
        self.status_line.setProperty("role", "muted")
        self.status_line.setWordWrap(True)

        left = QVBoxLayout()
        left.addWidget(self.results, 1)
        left.addWidget(self.empty_label)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addWidget(self.panel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 12)
        layout.setSpacing(10)
        layout.addLayout(header)
        layout.addWidget(self.search)
        layout.addWidget(self.scan_banner)
        layout.addWidget(self.notice_bar)
        layout.addLayout(body, 1)
        layout.addWidget(self.status_line)

        actor_source = lambda: self.context.actor  # noqa: E731 (who acts may change after sign-in)
        self.scans = ScanHandler(self._db, actor_source, self.scan_banner, self)
        self.scans.scan_finished.connect(lambda _kind, _message: self.search.setFocus())
        self.badges = BadgePrinting(self._db, actor_source, self)
        self.badges.printed.connect(self._on_badge_printed)
        self.badges.print_failed.connect(self._on_badge_print_failed)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._search_now)
        self.search.textEdited.connect(self._on_search_text_edited)
        self.search.submitted.connect(self._on_search_submitted)
        self.search.scanned.connect(self.scans.submit)
        self.search.moved.connect(self.move_selection)
        self.search.escaped.connect(self._on_search_escaped)
        self.forwarder = KeyForwarder(self.search, [self.results],
                                      type_over=(self.panel.confirm_button, self.panel.cancel_button))
        for keys, slot in (("Ctrl+N", self.open_new_visitor), ("Ctrl+G", self.open_group),
                           ("Ctrl+E", self.open_expected)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.setFocusProxy(self.search)

    # --- AreaView ---------------------------------------------------------------------------------
    def focus_first(self) -> None:
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)

    def reload(self) -> None:
        db = self._db
        run_in_background(self, lambda: load_choices(db), on_success=self._on_choices_loaded)
        if self.search.text().strip() and not self.panel.is_open() and not looks_like_badge(self.search.text()):
            self._search_now()

    def _on_choices_loaded(self, choices: ReceptionChoices) -> None:
        self._choices = choices
        self.panel.set_choices(choices)
        if self.model.rowCount():  # purpose and host names may have changed
            self.model.dataChanged.emit(self.model.index(0, 0),
                                        self.model.index(self.model.rowCount() - 1, self.model.columnCount() - 1))
        self.data_loaded.emit()

    def choices(self) -> ReceptionChoices:
        return self._choices

    # --- search -----------------------------------------------------------------------------------
    def _purpose_text(self, hit) -> str:
        if hit.expected is None:
            return self._choices.service_name(hit.service_code)
        if hit.expected.title:
            return f"{hit.expected.service_name} · {hit.expected.title}"
        return hit.expected.service_name

    def _host_text(self, hit) -> str:
        return hit.expected.host_name if hit.expected is not None else self._choices.host_name(hit.host_id)

    def _when_text(self, hit) -> str:
        if hit.on_site_since is not None:
            return self.tr("● On site since {time}").format(time=format_time(hit.on_site_since))
        if hit.expected is not None:
            return self.tr("● Expected today") if hit.expected.registration_id is None \
                else self.tr("● Registered today")
        if hit.visitor.last_visit_at is None:
            return self.tr("First visit")
        return self.tr("Last visit {date}").format(date=format_date(local_time(hit.visitor.last_visit_at).date()))

    def _on_search_text_edited(self, text: str) -> None:
        if self.panel.is_open() and not self.panel.is_busy():
            self.panel.clear()  # typing again: looking for someone else
        self._open_when_ready = False
        if split_scan(text) is not None:
            self._search_timer.stop()  # a scan in progress, not a name
            return
        self._search_timer.start()

    def _search_now(self) -> None:
        from frontdesk.services.reception.search import reception_search

        self._search_timer.stop()
        ticket, query, db = self._searches.next(), self.search.text(), self._db
        if not query.strip():
            self._show_hits(query, [])
            return
        run_in_background(self, lambda: reception_search(db, query=query),
                          on_success=self._searches.only_newest(ticket, lambda hits: self._on_hits_found(query, hits)))

    def _on_hits_found(self, query: str, hits) -> None:
        self._show_hits(query, hits)
        if self._open_when_ready:
            self._open_when_ready = False
            self.open_current()

    def _show_hits(self, query: str, hits) -> None:
        previous = self.current_hit()
        self.model.set_rows(hits)
        self._shown_query = query
        row = 0
        if previous is not None:
            row = max(0, self.model.row_of(lambda h: h.visitor.id == previous.visitor.id))
        if hits:
            self.results.selectRow(row)
        if query.strip() and not hits:
            self.empty_label.setText(self.tr("Nobody called \"{text}\" has come before. Press Enter to register "
                                             "a new visitor.").format(text=query.strip()))
            self.empty_label.show()
        else:
            self.empty_label.hide()

    def current_hit(self):
        index = self.results.currentIndex()
        return self.model.value(index.row()) if index.isValid() else None

    def move_selection(self, rows: int) -> None:
        count = self.model.rowCount()
        if not count:
            return
        current = self.results.currentIndex().row()
        self.results.selectRow(max(0, min(count - 1, (current if current >= 0 else 0) + rows)))

    def _on_search_submitted(self, text: str) -> None:
        if not text.strip():
            return
        if self._shown_query == text and not self._search_timer.isActive():
            self.open_current()
        else:  # Enter came before the results of what was typed: open them when they arrive
            self._open_when_ready = True
            self._search_now()

    def _on_search_escaped(self) -> None:
        self._search_timer.stop()
        self._open_when_ready = False
        if not self.panel.is_busy():
            self.panel.clear()
        self._show_hits("", [])

    def open_current(self) -> None:
        """Enter: the highlighted visitor's check-in card, or the new-visitor form when nothing matched."""
        hit = self.current_hit()
        if hit is not None:
            self.panel.show_hit(hit)
        elif self.search.text().strip():
            self.open_new_visitor(self.search.text())

    # --- check-in ---------------------------------------------------------------------------------
    def _on_panel_confirmed(self, request) -> None:
        from frontdesk.services.reception.visits import check_in

        db, actor = self._db, self.context.actor
        task = run_in_background(
            self,
            lambda: check_in(db, visitor_id=request.visitor_id, service_code=request.service_code,
                             host_id=request.host_id, actor=actor, notes=request.notes,
                             expected_visit_id=request.expected_visit_id,
                             registration_id=request.registration_id,
                             privacy_notice_shown=request.privacy_notice_shown),
            on_success=self._on_checked_in,
            on_error=lambda error: self.panel.show_error(error.message),
            on_finished=lambda: self.panel.set_busy(False),
            write=True, key=f"checkin:{request.visitor_id}",
        )
        if task is not None:
            self.panel.set_busy(True)

    def _on_panel_cancelled(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _on_checked_in(self, result) -> None:
        self.panel.clear()
        self.search.clear()
        self._show_hits("", [])
        self.search.setFocus()
        self.after_check_in(result)

    def after_check_in(self, result) -> None:
        """A visitor is in (from the card, the new-visitor form or the group): badge, host e-mail, banner."""
        visit = result.visit
        if result.badge is not None:
            message = self.tr("{name} checked in: badge {number} is printing.").format(
                name=visit.visitor_name, number=result.badge.data.number)
            self.badges.print_badge(result.badge, visit.id)
        else:
            message = self.tr("{name} checked in with the badge already issued for the course.").format(
                name=visit.visitor_name)
        self.scan_banner.show_result(OK, message)
        self._notify_host(visit.id)
        self.visitor_checked_in.emit(result)

    def _notify_host(self, visit_id) -> None:
        from frontdesk.services.reception.notify import host_notice, send_host_notice

        db = self._db

        def work():
            notice = host_notice(db, visit_id=visit_id)
            if notice is None:
                return ""
            send_host_notice(notice)
            return notice.to

        run_in_background(self, work, on_error=lambda error: self.notice_bar.show_message(error.message), slow=True)

    # --- badges -----------------------------------------------------------------------------------
    def _on_badge_printed(self, _visit_id, outcome) -> None:
        self.status_line.setText(outcome.message)

    def _on_badge_print_failed(self, visit_id, message: str) -> None:
        self.notice_bar.show_message(
            self.tr("The check-in is saved, but the badge was not printed. {reason}").format(reason=message),
            self.tr("Reprint badge"), lambda: self.badges.reprint(visit_id))

    # --- dialogs ----------------------------------------------------------------------------------
    def _typed_name(self) -> str:
        text = self.search.text()
        return "" if looks_like_badge(text) else text

    def open_new_visitor(self, typed: str | None = None) -> None:
        from frontdesk.ui.reception.new_visitor_form import NewVisitorDialog

        dialog = NewVisitorDialog(self._db, self.context.actor, self._choices,
                                  typed=self._typed_name() if typed is None else typed, parent=self)
        dialog.checked_in.connect(self._on_checked_in)
        self._open_dialog(dialog)

    def open_group(self) -> None:
        from frontdesk.ui.reception.group_checkin_dialog import GroupCheckInDialog

        dialog = GroupCheckInDialog(self._db, self.context.actor, self._choices, parent=self)
        dialog.checked_in.connect(self._on_group_checked_in)
        self._open_dialog(dialog)

    def open_expected(self) -> None:
        from frontdesk.ui.reception.expected_dialog import ExpectedDialog

        self._open_dialog(ExpectedDialog(self._db, self.context.actor, self._choices, parent=self))

    def _open_dialog(self, dialog) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self._on_dialog_finished(dialog))
        dialog.open()

    def _on_dialog_finished(self, dialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        self.search.setFocus()

    def _on_group_checked_in(self, results) -> None:
        for result in results:
            self.after_check_in(result)
        if len(results) > 1:  # one person: after_check_in already said it
            names = ", ".join(r.visit.visitor_name for r in results)
            self.scan_banner.show_result(OK, self.tr("%n people checked in: {names}", "", len(results))
                                         .format(names=names))
        self.search.clear()
        self._show_hits("", [])
