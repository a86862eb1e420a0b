"""The lock screen: covers the main window after the idle time, until a staff member signs in.

It is a frameless modal dialog laid exactly over its parent window (or the whole screen), so
nothing personal shows and no other window of the app takes input while locked; Escape and the
window's close do not unlock it. Any staff member can sign in ("switch in") without closing the
app: `unlocked(StaffSession)` says who is signed in now, and the main window uses that session.

Badge scans keep working while locked: the scan field has the focus, keys typed anywhere on the
screen go to it, and a badge-looking text entered in the username field counts as a scan too.
`scanned(text)` is emitted for each; the main window connects it to the check-out service with
the desk as actor, and shows the outcome with `show_scan_result(kind, message)` (the same green /
amber / red banner as the On-site screen).

Imports Qt, ui helpers and services.staff.accounts; never the database.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from frontdesk.services.staff import accounts as staff
from frontdesk.services.staff.sign_in_failures import SignInFailures
from frontdesk.ui.reception.scan_input import KeyForwarder, ScanBanner, ScanField, looks_like_badge
from frontdesk.ui.tasks import run_in_background
from frontdesk.ui.widgets.forms import form_error_label


class LockScreen(QDialog):
    scanned = Signal(str)  # a badge scanned while locked: check it out as the desk
    unlocked = Signal(object)  # StaffSession of whoever signed in

    def __init__(self, db, parent: QWidget | None = None, *, full_screen: bool = False,
                 failures: SignInFailures | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
        self._db = db
        self._failures = failures if failures is not None else SignInFailures()  # the desk's, from the app
        self._full_screen = full_screen
        self._previous: staff.StaffSession | None = None
        self.setObjectName("lockScreen")
        self.setModal(True)
        self.setWindowTitle(self.tr("Screen locked"))
        self.setStyleSheet("QDialog#lockScreen { background: #2b3a4a; }")

        card = QFrame()
        card.setObjectName("card")
        card.setMaximumWidth(560)
        card.setMinimumWidth(460)
        title = QLabel(self.tr("Screen locked"))
        title.setProperty("role", "title")
        self.who = QLabel()
        self.who.setObjectName("lockedWho")
        self.who.setProperty("role", "muted")
        self.who.setWordWrap(True)

        scan_title = QLabel(self.tr("Visitors leaving"))
        scan_title.setProperty("role", "subtitle")
        scan_hint = QLabel(self.tr("Scan the badge: the visit is checked out even while the screen is locked."))
        scan_hint.setWordWrap(True)
        self.scan_field = ScanField(everything_is_scan=True)
        self.scan_field.setObjectName("lockScanField")
        self.scan_field.setPlaceholderText(self.tr("Scan a badge here"))
        self.scan_field.scanned.connect(self._on_scan_field_scanned)
        self.banner = ScanBanner()

        sign_title = QLabel(self.tr("Staff"))
        sign_title.setProperty("role", "subtitle")
        self.message = form_error_label()
        self.message.setObjectName("lockMessage")
        self.username = ScanField()
        self.username.setObjectName("lockUsername")
        self.username.setMaxLength(200)  # a badge scanned here is long; it is routed, not kept
        self.username.scanned.connect(self._on_scan_field_scanned)
        self.username.submitted.connect(self._on_username_submitted)
        self.password = QLineEdit()
        self.password.setObjectName("lockPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaxLength(staff.MAX_PASSWORD)
        self.password.returnPressed.connect(self._on_unlock_requested)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("&Username"), self.username)
        form.addRow(self.tr("&Password"), self.password)
        self.unlock_button = QPushButton(self.tr("Sign in"))
        self.unlock_button.setObjectName("unlock")
        self.unlock_button.setProperty("primary", True)
        self.unlock_button.setAutoDefault(False)
        self.unlock_button.clicked.connect(self._on_unlock_requested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)

        inner = QVBoxLayout(card)
        inner.setContentsMargins(28, 24, 28, 24)
        inner.setSpacing(10)
        inner.addWidget(title)
        inner.addWidget(self.who)
        inner.addSpacing(6)
        inner.addWidget(scan_title)
        inner.addWidget(scan_hint)
        inner.addWidget(self.scan_field)
        inner.addWidget(self.banner)
        inner.addSpacing(6)
        inner.addWidget(sign_title)
        inner.addWidget(self.message)
        inner.addLayout(form)
        inner.addLayout(buttons)

        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        # Keys typed while the focus is on the background or the button go to the scan field.
        self._forwarder = KeyForwarder(self.scan_field, [self, card, self.unlock_button])
        self.setTabOrder(self.scan_field, self.username)
        self.setTabOrder(self.username, self.password)
        self.setTabOrder(self.password, self.unlock_button)

    # --- locking ---------------------------------------------------------------------------

    def lock(self, current: staff.StaffSession | None = None) -> None:
        """Cover the window; `current` is who was signed in (their name is offered to sign back in)."""
        self._previous = current
        if current is not None:
            self.who.setText(self.tr("%1 was signed in. Sign in again to continue, or another staff "
                                     "member can sign in.").replace("%1", current.actor.name))
            self.username.setText(current.username)
        else:
            self.who.setText(self.tr("Sign in to continue."))
            self.username.clear()
        self.password.clear()
        self.scan_field.clear()
        self.message.hide()
        self._cover()
        self.show()
        self.raise_()
        self.activateWindow()
        self.scan_field.setFocus(Qt.FocusReason.OtherFocusReason)

    def is_locked(self) -> bool:
        return self.isVisible()

    def _cover(self) -> None:
        parent = self.parentWidget()
        if self._full_screen or parent is None:
            screen = (parent.screen() if parent is not None else self.screen())
            self.setGeometry(screen.geometry())
        else:
            window = parent.window()
            self.setGeometry(window.frameGeometry())

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.scan_field.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    # Escape, Alt+F4 and the like never unlock.
    def reject(self) -> None:
        pass

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            event.accept()
            return
        super().keyPressEvent(event)

    # --- scans -----------------------------------------------------------------------------

    def _on_scan_field_scanned(self, text: str) -> None:
        if text.strip():
            self.scanned.emit(text.strip())
        self.scan_field.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_scan_result(self, kind: str, message: str) -> None:
        """Show the outcome of a scan ("ok", "double" or "error") on the banner."""
        self.banner.show_result(kind, message)

    # --- signing in ------------------------------------------------------------------------

    def _on_username_submitted(self, text: str) -> None:
        if looks_like_badge(text):  # ScanField routes these already; kept for safety
            return
        self.password.setFocus(Qt.FocusReason.TabFocusReason)

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def _on_unlock_requested(self) -> None:
        username, password = self.username.text(), self.password.text()
        if not username.strip():
            self._show_message(self.tr("Type your username."))
            self.username.setFocus()
            return
        if not password:
            self._show_message(self.tr("Type your password."))
            self.password.setFocus()
            return
        db, failures = self._db, self._failures
        self._set_busy(True)
        run_in_background(self, lambda: staff.sign_in(db, username=username, password=password, failures=failures),
                          write=True,
                          key=f"unlock:{id(self)}", on_success=self._on_signed_in, on_error=self._on_refused,
                          on_finished=lambda: self._set_busy(False))

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.username, self.password, self.unlock_button):
            widget.setEnabled(not busy)
        if not busy and self.isVisible() and not self.message.isHidden():
            self.password.setFocus(Qt.FocusReason.OtherFocusReason)  # refused: ready for another try

    def _on_signed_in(self, session) -> None:
        self.password.clear()
        self.message.hide()
        self.hide()
        self.unlocked.emit(session)

    def _on_refused(self, error) -> None:
        self._show_message(error.message)
        self.password.clear()
