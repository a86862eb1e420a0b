"""The check-in card on the Reception screen: who is checking in, purpose and host pre-filled
(from the invitation or the last visit), notes, and one button that checks in and prints.

Enter anywhere on the card confirms, Esc cancels. The card only collects the choice and says
`confirmed(CheckInRequest)`; the Reception screen runs the check-in. While it runs the card is
busy (button disabled, further Enter ignored), so a double Enter never checks in twice.

A visitor without the current privacy notice on record (registered ahead, imported, or last seen
before the notice changed) gets the same tick box as a new visitor, with the focus on it: Space
ticks it, Enter checks in (the service refuses the check-in without it).

Imports Qt, frontdesk.i18n (dates), the notice rule of domain and reception_choices; never services or the database.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from frontdesk.domain.privacy_notice import notice_due
from frontdesk.i18n import TEXT, format_date, local_time
from frontdesk.ui.privacy.privacy_tick import PrivacyAcknowledgement
from frontdesk.ui.reception.reception_choices import PurposeHostFields, ReceptionChoices


@dataclass(frozen=True)
class CheckInRequest:
    visitor_id: uuid.UUID
    visitor_name: str
    service_code: str
    host_id: uuid.UUID | None
    notes: str
    expected_visit_id: uuid.UUID | None
    registration_id: uuid.UUID | None
    privacy_notice_shown: bool = False


class CheckInPanel(QFrame):
    confirmed = Signal(object)  # CheckInRequest
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setMinimumWidth(320)
        self.setMaximumWidth(360)  # the list beside it gets the rest
        self._hit = None
        self._busy = False
        self._choices = ReceptionChoices()

        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_empty_page())
        self.pages.addWidget(self._build_form_page())
        outer = QVBoxLayout(self)
        outer.setContentsMargins(18, 16, 18, 16)
        outer.addWidget(self.pages)
        self.clear()

    # --- building ---------------------------------------------------------------------------------
    def _build_empty_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(self.tr("Check-in"))
        heading.setProperty("role", "subtitle")
        self.empty_text = QLabel(self.tr(
            "Type the first letters of the visitor's name or surname.\n\n"
            "Enter opens the check-in of the highlighted visitor; Enter again checks in and prints "
            "the badge.\n\n"
            "↑ ↓ choose another visitor · Ctrl+N new visitor · Ctrl+G group · Esc clear\n\n"
            "Scanning a badge checks its visitor out."))
        self.empty_text.setWordWrap(True)
        self.empty_text.setProperty("role", "muted")
        layout.addWidget(heading)
        layout.addSpacing(6)
        layout.addWidget(self.empty_text)
        layout.addStretch(1)
        return page

    def _build_form_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        caption = QLabel(self.tr("Check-in"))
        caption.setProperty("role", "muted")
        self.name_label = QLabel()
        self.name_label.setObjectName("checkinName")
        self.name_label.setProperty("role", "title")
        self.name_label.setWordWrap(True)
        self.detail_label = QLabel()
        self.detail_label.setWordWrap(True)
        self.status_label = QLabel()
        self.status_label.setObjectName("checkinStatus")
        self.status_label.setStyleSheet("QLabel#checkinStatus { color: #8a5a00; font-weight: 600; }")
        self.status_label.setWordWrap(True)
        layout.addWidget(caption)
        layout.addWidget(self.name_label)
        layout.addWidget(self.detail_label)
        layout.addWidget(self.status_label)
        layout.addSpacing(8)

        self.fields = PurposeHostFields(self)
        self.notes = QLineEdit()
        self.notes.setObjectName("notes")
        self.notes.setPlaceholderText(self.tr("Optional"))
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.addRow(self.tr("Purpose"), self.fields.purpose)
        form.addRow(self.tr("Host"), self.fields.host)
        form.addRow("", self.fields.host_organisation)
        form.addRow(self.tr("Notes"), self.notes)
        layout.addLayout(form)
        self.privacy = PrivacyAcknowledgement(stacked=True)  # the card is narrow
        layout.addWidget(self.privacy)

        self.error_label = QLabel()
        self.error_label.setObjectName("checkinError")
        self.error_label.setProperty("role", "field-error")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        layout.addWidget(self.error_label)
        layout.addSpacing(6)

        buttons = QVBoxLayout()  # one above the other: the Italian label of the first is long
        self.confirm_button = QPushButton(self.tr("Check in and print badge  ⏎"))
        self.confirm_button.setObjectName("confirmCheckIn")
        self.confirm_button.setProperty("primary", True)
        self.confirm_button.setAutoDefault(True)  # Enter on the focused button clicks it
        self.confirm_button.setMinimumHeight(38)
        self.confirm_button.clicked.connect(self.confirm)
        self.cancel_button = QPushButton(self.tr("Cancel  Esc"))
        self.cancel_button.setAutoDefault(True)  # Enter on Cancel cancels (it must not reach the card)
        self.cancel_button.clicked.connect(self.cancel)
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addLayout(buttons)
        layout.addStretch(1)
        return page

    # --- content ----------------------------------------------------------------------------------
    def set_choices(self, choices: ReceptionChoices) -> None:
        self._choices = choices
        self.fields.set_choices(choices, self.tr("No host"))

    def show_hit(self, hit) -> None:
        """Fill the card for a services.reception.search.ReceptionHit and put the focus on the button."""
        self._hit = hit
        visitor = hit.visitor
        self.name_label.setText(visitor.full_name)
        details = [visitor.company_name or self.tr("No company")]
        expected = hit.expected
        if expected is not None:
            if expected.registration_id is not None:
                details.append(self.tr("Registered: {title}").format(title=expected.title)
                               if expected.title else self.tr("Registered for several days"))
            else:
                details.append(self.tr("Expected today"))
        elif visitor.last_visit_at is not None:
            details.append(self.tr("Last visit {date}").format(
                date=format_date(local_time(visitor.last_visit_at).date(), TEXT)))
        else:
            details.append(self.tr("First visit"))
        self.detail_label.setText("  ·  ".join(details))
        current = self._choices.privacy_notice_version
        if not notice_due(visitor.privacy_notice_version, current):
            status = ""
        elif not visitor.privacy_notice_version:
            status = self.tr("No privacy notice on record: show it to the visitor.")
        else:
            status = self.tr("The privacy notice has changed since the last visit: show the new one.")
        self.status_label.setText(status)
        self.status_label.setVisible(bool(status))
        self.privacy.set_version(current)
        self.privacy.setChecked(False)
        self.privacy.setVisible(bool(status))
        self.fields.set_values(hit.service_code, hit.host_id)
        self.notes.clear()
        self.error_label.hide()
        self.set_busy(False)
        self.pages.setCurrentIndex(1)
        self._focus_next_step()

    def notice_needed(self) -> bool:
        """The open card asks for the privacy-notice tick."""
        return self.is_open() and not self.privacy.isHidden()

    def _focus_next_step(self) -> None:
        if self.notice_needed() and not self.privacy.isChecked():
            self.privacy.box.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.confirm_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def hit(self):
        return self._hit

    def clear(self) -> None:
        self._hit = None
        self.error_label.hide()
        self.set_busy(False)
        self.pages.setCurrentIndex(0)

    def is_open(self) -> bool:
        return self._hit is not None

    def request(self) -> CheckInRequest | None:
        if self._hit is None:
            return None
        expected = self._hit.expected
        return CheckInRequest(
            visitor_id=self._hit.visitor.id,
            visitor_name=self._hit.visitor.full_name,
            service_code=self.fields.service_code(),
            host_id=self.fields.host_id(),
            notes=self.notes.text(),
            expected_visit_id=expected.visit_id if expected else None,
            registration_id=expected.registration_id if expected else None,
            privacy_notice_shown=self.notice_needed() and self.privacy.isChecked(),
        )

    # --- acting -----------------------------------------------------------------------------------
    def confirm(self) -> None:
        if self._busy or self._hit is None:
            return  # a second Enter while the first check-in runs does nothing
        self.error_label.hide()
        self.confirmed.emit(self.request())

    def cancel(self) -> None:
        if self._busy:
            return
        self.clear()
        self.cancelled.emit()

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.confirm_button.setEnabled(not busy)
        self.confirm_button.setText(self.tr("Checking in...") if busy else self.tr("Check in and print badge  ⏎"))

    def is_busy(self) -> bool:
        return self._busy

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()
        self._focus_next_step()

    def error(self) -> str:
        return "" if self.error_label.isHidden() else self.error_label.text()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.is_open() and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.confirm()
            return
        if self.is_open() and event.key() == Qt.Key.Key_Escape:
            self.cancel()
            return
        super().keyPressEvent(event)
