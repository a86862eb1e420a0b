"""The main window: a menu bar, navigation on the left, one area at a time, a message banner, a
status bar.

The menus hold the usual entries with their shortcuts, so everything works without a mouse or a
window manager: File (sync now, lock the screen Ctrl+L, quit Ctrl+Q), Go (each area the role may open,
Ctrl+1...Ctrl+9) and Help (about: version, desk, database file).

The window is built and painted before the database is open (it shows "Opening the
database..."); `attach(context)` then brings the desk in and builds the current area. Areas
come from `ui.shell.area_list.AREAS` and are built the first time they are shown. Errors from anywhere
reach the banner through `tasks.error_display()`; views' calm notices reach it too.
Geometry and the last area are kept in QSettings (ui.prefs). Must not import services or the
database at module level (start-up cost, DESIGN "Start-up cost").
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QByteArray, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from frontdesk.ui.prefs import ui_settings
from frontdesk.ui.shell.area_list import AREAS, Area
from frontdesk.ui.shell.area_view import DeskContext
from frontdesk.ui.shell.banner import MessageBanner
from frontdesk.ui.tasks import error_display

GEOMETRY_KEY = "main_window/geometry"
AREA_KEY = "main_window/area"


class _MessagePage(QWidget):
    """The centre of the window while the database opens, or when it cannot be used."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 48, 48, 48)
        self.heading = QLabel()
        self.heading.setProperty("role", "title")
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.body.setProperty("role", "muted")
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.close_button = QPushButton()
        self.close_button.hide()
        layout.addStretch(1)
        layout.addWidget(self.heading, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.body)  # full width, so a long message wraps instead of being cut
        layout.addSpacing(16)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)


class MainWindow(QMainWindow):
    area_changed = Signal(str)
    lock_requested = Signal()  # Ctrl+L: the receptionist steps away
    sync_requested = Signal()  # File > Sync now
    first_data_loaded = Signal()  # the first area shown after attach() has its data on screen

    def __init__(self, areas: list[Area] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.areas = list(areas if areas is not None else AREAS)
        self.context: DeskContext | None = None
        self._views: dict[str, QWidget] = {}
        self._first_data_pending = True
        self.setObjectName("mainWindow")
        self.setMinimumSize(QSize(900, 600))

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(220)
        self.navigation.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        for area in self.areas:
            item = QListWidgetItem(area.title)
            item.setData(Qt.ItemDataRole.UserRole, area.key)
            item.setSizeHint(QSize(200, 42))
            self.navigation.addItem(item)
        self.navigation.currentRowChanged.connect(self._on_navigation_current_row_changed)

        self.banner = MessageBanner()
        self.stack = QStackedWidget()
        self.message_page = _MessagePage()
        self.stack.addWidget(self.message_page)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(12, 10, 12, 6)
        right_layout.setSpacing(8)
        right_layout.addWidget(self.banner)
        right_layout.addWidget(self.stack, 1)
        central = QWidget()
        central_layout = QHBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        central_layout.addWidget(self.navigation)
        central_layout.addWidget(right, 1)
        self.setCentralWidget(central)

        self.desk_label = QLabel()
        self.user_label = QLabel()
        self.demo_badge = QLabel()
        self.demo_badge.setObjectName("demoBadge")
        self.demo_badge.hide()
        self.sync_label = QLabel()
        self.sync_label.setObjectName("syncStatus")
        self.sync_label.hide()
        self._sync_busy = False
        self._sync_attached = False  # a NightlySync answers sync_requested (not on a held database)
        status = self.statusBar()
        status.setSizeGripEnabled(True)
        status.addPermanentWidget(self.sync_label)
        status.addPermanentWidget(self.demo_badge)
        status.addPermanentWidget(self.desk_label)
        status.addPermanentWidget(self.user_label)

        self._build_menus()

        error_display().error_shown.connect(self.banner.show_error)
        self.retranslate()
        self.show_opening()
        self._restore_geometry()

    # --- menus ------------------------------------------------------------------------------
    def _action(self, keys: str, slot) -> QAction:
        action = QAction(self)
        if keys:
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.lock_action = self._action("Ctrl+L", self.lock_requested)
        self.quit_action = self._action("Ctrl+Q", self.close)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.sync_action = self._action("", self.sync_requested)
        self.sync_action.setObjectName("syncNowAction")
        self.file_menu.addAction(self.sync_action)
        self.file_menu.addAction(self.lock_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.go_menu = bar.addMenu("")
        self.area_actions: dict[str, QAction] = {}
        for index, area in enumerate(self.areas):
            keys = f"Ctrl+{index + 1}" if index < 9 else ""
            action = self._action(keys, lambda _=False, k=area.key: self.show_area(k))
            self.go_menu.addAction(action)
            self.area_actions[area.key] = action
        self.help_menu = bar.addMenu("")
        self.about_action = self._action("", self.show_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.help_menu.addAction(self.about_action)
        self._update_menus()

    def _update_menus(self) -> None:
        """Only what can be used now: no area before the desk is open, only the role's areas after."""
        allowed = set(self.area_keys()) if self.context is not None else set()
        for key, action in self.area_actions.items():
            action.setVisible(key in allowed or self.context is None)
            action.setEnabled(key in allowed)
        self.lock_action.setEnabled(self.context is not None)
        self.sync_action.setEnabled(self.context is not None and self._sync_attached and not self._sync_busy)

    def about_text(self) -> str:
        from frontdesk import __version__

        lines = [self.tr("Front desk of the Point, Dalmine"), self.tr("Version {version}").format(version=__version__)]
        if self.context is not None:
            lines.append(self.tr("Desk {code}").format(code=self.context.desk))
            path = getattr(self.context.db, "path", None)
            if path is not None:
                lines.append(self.tr("Database: {path}").format(path=path))
        return "\n".join(lines)

    def show_about(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("About Front desk"), self.about_text(),
                          QMessageBox.StandardButton.Close, self)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.about_box = box
        box.open()

    # --- text -------------------------------------------------------------------------------
    def retranslate(self) -> None:
        """Texts of the shell, again (after the language is known from the database)."""
        # Qt shows "<window title> — <application display name>"; both are ours, both translated.
        QApplication.setApplicationDisplayName(self.tr("Front desk"))
        self.setWindowTitle(self.tr("Point Dalmine"))
        self.file_menu.setTitle(self.tr("&File"))
        self.lock_action.setText(self.tr("&Lock the screen"))
        self.sync_action.setText(self.tr("Syncing...") if self._sync_busy else self.tr("&Sync now"))
        self.quit_action.setText(self.tr("&Quit"))
        self.go_menu.setTitle(self.tr("&Go"))
        for area in self.areas:
            self.area_actions[area.key].setText(area.title)
        self.help_menu.setTitle(self.tr("&Help"))
        self.about_action.setText(self.tr("&About Front desk"))
        for row, area in enumerate(self.areas):
            item = self.navigation.item(row)
            item.setText(area.title)
            if row < 9:
                item.setToolTip(self.tr("{area} (Ctrl+{n})").format(area=area.title, n=row + 1))
        self.demo_badge.setText(self.tr("DEMO"))
        self.demo_badge.setToolTip(self.tr("Demo data: not the Point's real records."))
        self._update_status()

    def _update_status(self) -> None:
        if self.context is None:
            self.desk_label.setText("")
            self.user_label.setText("")
            self.demo_badge.hide()
            return
        self.desk_label.setText(self.tr("Desk {code}").format(code=self.context.desk))
        self.user_label.setText(self.tr("User: {name}").format(name=self.context.actor.label))
        self.demo_badge.setVisible(self.context.is_demo)

    # --- sync -------------------------------------------------------------------------------
    def show_sync_status(self, text: str) -> None:
        """The last good sync and what waits, beside the desk's code ('' hides it)."""
        self.sync_label.setText(text)
        self.sync_label.setVisible(bool(text))

    def attach_sync(self) -> None:
        """Something now runs the syncs asked for (`sync_requested`): "Sync now" can be used."""
        self._sync_attached = True
        self.set_sync_busy(self._sync_busy)

    def set_sync_busy(self, busy: bool) -> None:
        """While a sync runs, "Sync now" waits and the status bar says so."""
        self._sync_busy = busy
        self.sync_action.setText(self.tr("Syncing...") if busy else self.tr("&Sync now"))
        for view in self._views.values():
            if hasattr(view, "show_sync_state"):
                view.show_sync_state(available=self._sync_attached, busy=busy)
        self._update_menus()
        if busy:
            self.show_sync_status(self.tr("Syncing with the hub..."))

    # --- start-up ---------------------------------------------------------------------------
    def show_opening(self) -> None:
        self.message_page.heading.setText(self.tr("Opening the database..."))
        self.message_page.body.setText("")
        self.stack.setCurrentWidget(self.message_page)
        self.navigation.setEnabled(False)

    def show_startup_failure(self, message: str) -> None:
        """The desk cannot be used: say why, calmly, and offer to close."""
        self.message_page.heading.setText(self.tr("The database cannot be opened"))
        self.message_page.body.setText(message)
        self.message_page.close_button.setText(self.tr("Close"))
        self.message_page.close_button.show()
        self.message_page.close_button.clicked.connect(self.close)
        self.stack.setCurrentWidget(self.message_page)
        self.navigation.setEnabled(False)

    def attach(self, context: DeskContext) -> None:
        """The database is open: show the desk and build the area last used (among those the role sees)."""
        self.context = context
        self.navigation.setEnabled(True)
        for row, area in enumerate(self.areas):
            self.navigation.setRowHidden(row, not area.allowed_for(context.actor))
        self._update_status()
        self._update_menus()
        last = ui_settings().value(AREA_KEY, "")
        keys = self.area_keys()
        self.show_area(last if last in keys else keys[0])

    def switch_actor(self, actor) -> None:
        """Another staff member signed in (at the lock screen): views are rebuilt for them."""
        if self.context is None or actor == self.context.actor:
            return
        for view in self._views.values():
            self.stack.removeWidget(view)
            view.deleteLater()
        self._views.clear()
        self.attach(dataclasses.replace(self.context, actor=actor))

    # --- areas ------------------------------------------------------------------------------
    def area_keys(self) -> list[str]:
        """The areas the acting role may open, in registry order."""
        actor = self.context.actor if self.context is not None else None
        return [a.key for a in self.areas if actor is None or a.allowed_for(actor)]

    def current_area(self) -> str:
        item = self.navigation.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else ""

    def view(self, key: str) -> QWidget | None:
        """The view of an area, if it was built."""
        return self._views.get(key)

    def show_area(self, key: str) -> None:
        if self.context is None or key not in self.area_keys():
            return
        row = [a.key for a in self.areas].index(key)
        if self.navigation.currentRow() != row:
            self.navigation.setCurrentRow(row)  # comes back through _on_navigation_current_row_changed
            return
        view = self._views.get(key) or self._build(self.areas[row])
        self.stack.setCurrentWidget(view)
        focus = getattr(view, "focus_first", None)
        if callable(focus):
            focus()
        prefs = ui_settings()
        prefs.setValue(AREA_KEY, key)
        self.area_changed.emit(key)

    def _build(self, area: Area) -> QWidget:
        view = area.factory(self.context)
        self._views[area.key] = view
        self.stack.addWidget(view)
        notice = getattr(view, "notice_shown", None)
        if notice is not None:
            notice.connect(self.banner.show_notice)
        sync = getattr(view, "sync_requested", None)  # a view's own "Sync now" (Settings)
        if sync is not None:
            sync.connect(self.sync_requested)
            view.show_sync_state(available=self._sync_attached, busy=self._sync_busy)
        requested = getattr(view, "area_requested", None)  # a view opening another area (On site -> intake)
        if requested is not None:
            requested.connect(self._on_view_area_requested)
        loaded = getattr(view, "data_loaded", None)
        if loaded is not None and self._first_data_pending:
            loaded.connect(self._on_view_data_loaded)
        reload = getattr(view, "reload", None)
        if callable(reload):
            reload()
        elif self._first_data_pending:
            self._on_view_data_loaded()
        return view

    def _on_view_area_requested(self, key: str, argument: object) -> None:
        """Show area `key` and hand it `argument` (its `open_with`), e.g. the visit to take samples from."""
        self.show_area(key)
        view = self._views.get(key)
        if view is not None and self.current_area() == key and argument is not None:
            view.open_with(argument)

    def _on_view_data_loaded(self) -> None:
        if self._first_data_pending:
            self._first_data_pending = False
            self.first_data_loaded.emit()

    def _on_navigation_current_row_changed(self, row: int) -> None:
        if 0 <= row < len(self.areas) and self.areas[row].key in self.area_keys():
            self.show_area(self.areas[row].key)

    # --- geometry ---------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        geometry = ui_settings().value(GEOMETRY_KEY)
        if isinstance(geometry, QByteArray | bytes) and self.restoreGeometry(QByteArray(geometry)):
            return
        self.resize(1280, 800)

    def save_preferences(self) -> None:
        prefs = ui_settings()
        prefs.setValue(GEOMETRY_KEY, self.saveGeometry())
        if self.current_area():
            prefs.setValue(AREA_KEY, self.current_area())
        prefs.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_preferences()
        super().closeEvent(event)
