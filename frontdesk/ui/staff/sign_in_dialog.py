"""The sign-in dialog shown at start, and its first-run variant that sets the admin's password.

Keyboard only: the username field has the focus; Enter there moves to the password, Enter in the
password signs in. A refusal (wrong password, wait N seconds, locked until HH:MM, disabled) is
shown in plain words above the fields, and the password is cleared for the next try. The check
runs in the background (Argon2 takes a noticeable fraction of a second, and a failure is
recorded). `signed_in(StaffSession)` is emitted, and `staff_session` set, on success.

At start-up (`checking=True`) the database's integrity check is still running: the fields can be
filled in, but signing in (which writes its record) waits until `database_checked` says how the
check went. A database that can only be read (damaged, read-only) lets staff sign in to look at
the data, saying so; the first-run password cannot be saved then, so that stays disabled.

Imports Qt, ui helpers and services.staff.accounts; never the database.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from frontdesk.services.staff import accounts as staff
from frontdesk.services.staff.sign_in_failures import SignInFailures
from frontdesk.ui.tasks import run_in_background
from frontdesk.ui.widgets.forms import form_error_label


class SignInDialog(QDialog):
    """Sign in (or, with `first_run`, choose the admin's password twice and sign in as admin)."""

    signed_in = Signal(object)  # StaffSession

    def __init__(self, db, *, first_run: bool = False, username: str = "", desk: str = "",
                 checking: bool = False, demo_accounts: dict[str, str] | None = None,
                 failures: SignInFailures | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._failures = failures if failures is not None else SignInFailures()  # the desk's, from the app
        self.first_run = first_run
        self._may_submit = not checking
        self.staff_session: staff.StaffSession | None = None
        self.setObjectName("signInDialog")
        self.setWindowTitle(self.tr("Set the administrator's password") if first_run else self.tr("Sign in"))
        self.setMinimumWidth(440)

        title = QLabel(self.tr("Welcome") if first_run else self.tr("Sign in to the front desk"))
        title.setProperty("role", "title")
        intro = QLabel(self._intro_text(desk))
        intro.setProperty("role", "muted")
        intro.setWordWrap(True)
        self.message = form_error_label()
        self.message.setObjectName("signInMessage")
        self.status = QLabel(self.tr("Checking the database..."))
        self.status.setObjectName("signInStatus")
        self.status.setProperty("role", "muted")
        self.status.setWordWrap(True)
        self.status.setVisible(checking)
        self.demo_hint = QLabel(self._demo_text(demo_accounts or {}))
        self.demo_hint.setObjectName("demoSignIn")
        self.demo_hint.setProperty("role", "demo-hint")
        self.demo_hint.setWordWrap(True)
        self.demo_hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.demo_hint.setVisible(bool(demo_accounts) and not first_run)

        self.username = QLineEdit(username or ("admin" if first_run else ""))
        self.username.setObjectName("username")
        self.username.setMaxLength(60)
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaxLength(staff.MAX_PASSWORD)
        self.repeat = QLineEdit()
        self.repeat.setObjectName("repeat")
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat.setMaxLength(staff.MAX_PASSWORD)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("&Username"), self.username)
        form.addRow(self.tr("&Password") if not first_run else self.tr("New &password"), self.password)
        if first_run:
            self.username.setReadOnly(True)
            form.addRow(self.tr("&Repeat password"), self.repeat)
        else:
            self.repeat.hide()

        self.submit_button = QPushButton(self.tr("Save and sign in") if first_run else self.tr("Sign in"))
        self.submit_button.setObjectName("submit")
        self.submit_button.setProperty("primary", True)
        self.submit_button.setDefault(True)
        self.submit_button.clicked.connect(self._on_submit_button_clicked)
        self.submit_button.setEnabled(self._may_submit)
        self.quit_button = QPushButton(self.tr("Quit"))
        self.quit_button.setAutoDefault(False)
        self.quit_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)
        buttons.addWidget(self.submit_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 18)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.demo_hint)
        layout.addWidget(self.status)
        layout.addWidget(self.message)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self._first_focus = self.password if first_run or username else self.username

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._first_focus.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def _demo_text(self, accounts: dict[str, str]) -> str:
        lines = [self.tr("Demo database: sign in with one of these accounts.")]
        lines += [self.tr("%1, password %2").replace("%1", username).replace("%2", password)
                  for username, password in accounts.items()]
        return "\n".join(lines)

    def _intro_text(self, desk: str) -> str:
        if self.first_run:
            return self.tr("This is the first start of the app. Choose the password of the administrator "
                           "account \"admin\" (at least 8 characters) and write it down somewhere safe.")
        if desk:
            return self.tr("Desk %1. Type your username and password.").replace("%1", desk)
        return self.tr("Type your username and password.")

    def database_checked(self, sound: bool, problem: str) -> None:
        """The start-up integrity check is over. `problem` says why nothing can be saved ("" when
        the database can be written): staff may then still sign in to read, except at the first run."""
        self.status.hide()
        if problem and self.first_run:
            self._show_message(problem + " " + self.tr("The administrator's password cannot be saved until "
                                                       "this is solved."))
            return
        if problem:
            self._show_message(problem + " " + self.tr("You can sign in to look at the data."))
        self._may_submit = True
        self.submit_button.setEnabled(True)

    # --- actions ---------------------------------------------------------------------------

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.username, self.password, self.repeat):
            widget.setEnabled(not busy)
        self.submit_button.setEnabled(not busy and self._may_submit)
        if not busy:
            self.password.setFocus()

    def _on_submit_button_clicked(self) -> None:
        """Also reached by Enter in any field (the button is the dialog's default)."""
        if self.first_run:
            self._set_first_password()
            return
        if not self.username.text().strip():
            self._show_message(self.tr("Type your username."))
            self.username.setFocus()
            return
        if not self.password.text():
            if self.username.hasFocus():
                self.password.setFocus()  # Enter after the username: on to the password
            else:
                self._show_message(self.tr("Type your password."))
                self.password.setFocus()
            return
        if not self._may_submit:  # the integrity check has not finished: nothing may be written yet
            return
        db, username, password, failures = self._db, self.username.text(), self.password.text(), self._failures
        self._set_busy(True)
        run_in_background(self, lambda: staff.sign_in(db, username=username, password=password, failures=failures),
                          write=True, key=f"sign-in:{id(self)}", on_success=self._on_signed_in,
                          on_error=self._on_refused, on_finished=lambda: self._set_busy(False))

    def _set_first_password(self) -> None:
        password, repeat = self.password.text(), self.repeat.text()
        if not password:
            self._show_message(self.tr("The password cannot be empty."))
            self.password.setFocus()
            return
        if self.password.hasFocus() and not repeat:
            self.repeat.setFocus()
            return
        if password != repeat:
            self._show_message(self.tr("The two passwords are different. Type them again."))
            self.password.clear()
            self.repeat.clear()
            self.password.setFocus()
            return
        if not self._may_submit:
            return
        db = self._db
        self._set_busy(True)
        run_in_background(self, lambda: staff.set_first_admin_password(db, password=password),
                          write=True, key=f"first-password:{id(self)}", on_success=self._on_signed_in,
                          on_error=self._on_refused, on_finished=lambda: self._set_busy(False))

    def _on_signed_in(self, session) -> None:
        self.staff_session = session
        self.signed_in.emit(session)
        self.accept()

    def _on_refused(self, error) -> None:
        self._show_message(error.message)
        self.password.clear()
        self.repeat.clear()
        self.password.setFocus()
