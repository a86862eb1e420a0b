"""Staff accounts (admin): the list, a new account, a password reset (which also unlocks), and
disabling or re-enabling an account.

Writes go through services.staff.accounts in the background and announce "staff" on the data bus; the
list reloads on it. Other roles see a sentence saying the screen is for administrators (the
service refuses them anyway). Imports Qt, ui helpers, domain.roles and services.staff.accounts.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from frontdesk.domain.clock import utcnow
from frontdesk.domain.roles import Actor, Permission, Role, role_label
from frontdesk.i18n import _, format_time
from frontdesk.services.staff import accounts as staff
from frontdesk.ui.tasks import data_bus, run_in_background
from frontdesk.ui.widgets.forms import FieldErrors, form_error_label
from frontdesk.ui.widgets.table_models import Column, ValueTableModel
from frontdesk.ui.widgets.tables import make_table

AREA = "staff"


def translate(context: str, text: str) -> str:
    """QCoreApplication.translate under a name lupdate extracts (context and text must be literals)."""
    return QCoreApplication.translate(context, text)


def status_text(member: staff.StaffSummary) -> str:
    if not member.active:
        return translate("StaffView", "Disabled")
    if not member.has_password:
        return translate("StaffView", "No password yet")
    if member.locked_until is not None and member.locked_until > utcnow():
        return translate("StaffView", "Locked until %1").replace("%1", format_time(member.locked_until))
    return translate("StaffView", "Active")


def staff_columns() -> list[Column]:
    return [
        Column(translate("StaffView", "Name"), lambda m: m.display_name, tooltip=True),
        Column(translate("StaffView", "Username"), lambda m: m.username),
        Column(translate("StaffView", "Role"), lambda m: role_label(m.role)),
        Column(translate("StaffView", "Status"), status_text),
    ]


def _password(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(staff.MAX_PASSWORD)
    return edit


class AccountDialog(QDialog):
    """A new account (`member` None) or a new password for `member`."""

    def __init__(self, db, actor: Actor, member: staff.StaffSummary | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self._member = member
        self.saved: staff.StaffSummary | None = None
        self.setWindowTitle(self.tr("New staff account") if member is None else self.tr("Reset password"))
        self.setMinimumWidth(460)
        self.errors = FieldErrors({_("Name"): "display_name"})  # the service names the field by its label
        self.form_error = form_error_label()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.username = QLineEdit()
        self.username.setObjectName("newUsername")
        self.display_name = QLineEdit()
        self.display_name.setObjectName("newDisplayName")
        self.role = QComboBox()
        self.role.setObjectName("newRole")
        for role in Role:
            self.role.addItem(role_label(role), role.value)
        if member is None:
            form.addRow(self.tr("Name"), self.errors.row("display_name", self.display_name))
            form.addRow(self.tr("Username"), self.errors.row("username", self.username))
            form.addRow(self.tr("Role"), self.errors.row("role", self.role))
        else:
            who = QLabel(f"{member.display_name} ({member.username})")
            form.addRow(self.tr("Account"), who)
        self.password = _password("newPassword")
        self.repeat = _password("newRepeat")
        form.addRow(self.tr("Password"), self.errors.row("password", self.password))
        form.addRow(self.tr("Repeat password"), self.repeat)
        hint = QLabel(self.tr("At least 8 characters. Tell the person the password in private; they can "
                              "change it after signing in."))
        hint.setWordWrap(True)
        hint.setProperty("role", "muted")
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setProperty("primary", True)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form_error)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addLayout(buttons)

    def _on_save_button_clicked(self) -> None:
        self.errors.clear()
        self.form_error.hide()
        if self.password.text() != self.repeat.text():
            self.errors.show("password", self.tr("The two passwords are different. Type them again."))
            self.repeat.clear()
            return
        db, actor, member, password = self._db, self._actor, self._member, self.password.text()
        if member is None:
            username, name, role = self.username.text(), self.display_name.text(), self.role.currentData()

            def work():
                return staff.create_staff(db, username=username, display_name=name, role=role, password=password,
                                          actor=actor)
        else:
            def work():
                return staff.reset_password(db, staff_id=member.id, new_password=password, actor=actor)
        self.save_button.setEnabled(False)
        run_in_background(self, work, write=True, key=f"staff-save:{id(self)}",
                          on_success=self._on_saved, on_error=self._on_failed,
                          on_finished=lambda: self.save_button.setEnabled(True))

    def _on_saved(self, summary) -> None:
        self.saved = summary
        self.accept()

    def _on_failed(self, error) -> None:
        self.errors.show_error(error, self.form_error)


class StaffView(QWidget):
    """The staff accounts screen (administrators)."""

    data_loaded = Signal(int)

    def __init__(self, db, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.setObjectName("staffView")
        self.model = ValueTableModel(staff_columns(), self)
        self.allowed = actor.can(Permission.MANAGE_STAFF)
        title = QLabel(self.tr("Staff accounts"))
        title.setProperty("role", "title")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(title)
        if not self.allowed:
            denied = QLabel(self.tr("Only an administrator can manage staff accounts."))
            denied.setObjectName("staffDenied")
            denied.setProperty("role", "muted")
            layout.addWidget(denied)
            layout.addStretch(1)
            return
        # Columns fit their content (the role fits "Responsabile laboratorio"); the last column is never cut.
        self.table = make_table(self.model, fixed=(3,))
        self.add_button = QPushButton(self.tr("New account…"))
        self.add_button.setProperty("primary", True)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.reset_button = QPushButton(self.tr("Reset password…"))
        self.reset_button.clicked.connect(self._on_reset_button_clicked)
        self.active_button = QPushButton(self.tr("Disable"))
        self.active_button.clicked.connect(self._on_active_button_clicked)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._update_buttons())
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        buttons.addWidget(self.reset_button)
        buttons.addWidget(self.active_button)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        data_bus().data_changed.connect(self._on_data_changed)
        self._update_buttons()

    def selected(self) -> staff.StaffSummary | None:
        return self.model.value(self.table.currentIndex().row()) if self.allowed else None

    def reload(self) -> None:
        if not self.allowed:
            return
        db, actor = self._db, self._actor
        # An audited read (names in bulk): queued with the writes, as SQLite has one writer.
        run_in_background(self, lambda: staff.list_staff(db, actor=actor), on_success=self._on_loaded, write=True)

    def _on_loaded(self, people) -> None:
        chosen = self.selected()
        self.model.set_rows(people)
        if chosen is not None:
            row = self.model.row_of(lambda m: m.id == chosen.id)
            if row >= 0:
                self.table.selectRow(row)
        self._update_buttons()
        self.data_loaded.emit(len(people))

    def _on_data_changed(self, areas: set) -> None:
        if AREA in areas:
            self.reload()

    def _update_buttons(self) -> None:
        member = self.selected()
        self.reset_button.setEnabled(member is not None)
        is_me = member is not None and member.id == self._actor.staff_id
        self.active_button.setEnabled(member is not None and not is_me)
        self.active_button.setText(self.tr("Enable") if member is not None and not member.active
                                   else self.tr("Disable"))

    def _on_add_button_clicked(self) -> None:
        self.open_dialog(AccountDialog(self._db, self._actor, parent=self))

    def _on_reset_button_clicked(self) -> None:
        member = self.selected()
        if member is not None:
            self.open_dialog(AccountDialog(self._db, self._actor, member, parent=self))

    def open_dialog(self, dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()

    def _on_active_button_clicked(self) -> None:
        member = self.selected()
        if member is None:
            return
        db, actor, active = self._db, self._actor, not member.active
        run_in_background(self, lambda: staff.set_active(db, staff_id=member.id, active=active, actor=actor),
                          write=True, key=f"staff-active:{member.id}")
