"""Who is at the keyboard: the idle lock and switching staff member without closing the app.

After `idle_lock_minutes` without input (or Ctrl+L) the lock screen covers the window. While it
is locked, a badge scan still checks its visit out, recorded as done by the desk itself. Whoever
signs in at the lock screen becomes the acting user; if it is someone else, the window's views
are rebuilt for their role.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from frontdesk.ui.reception.scan_input import ScanHandler
from frontdesk.ui.shell.idle_watcher import IdleWatcher
from frontdesk.ui.staff.lock_screen import LockScreen


class SessionGuard(QObject):
    def __init__(self, window, context, session, *, idle_minutes: int) -> None:
        super().__init__(window)
        from frontdesk.domain.roles import Actor

        self.window = window
        self.session = session
        desk_actor = Actor.desk_itself(context.desk)
        self.lock_screen = LockScreen(context.db, window, failures=context.duties.sign_in_failures)
        self.scans = ScanHandler(context.db, lambda: desk_actor, self.lock_screen.banner, parent=self.lock_screen)
        self.lock_screen.scanned.connect(self.scans.submit)
        self.lock_screen.unlocked.connect(self._on_lock_screen_unlocked)
        self.watcher = IdleWatcher(idle_minutes, parent=self)
        self.watcher.idle.connect(self.lock_now)
        window.lock_requested.connect(self.lock_now)

    def lock_now(self) -> None:
        if self.lock_screen.is_locked():
            return
        self.watcher.pause()
        self.lock_screen.lock(self.session)

    def _on_lock_screen_unlocked(self, session) -> None:
        self.session = session
        self.window.switch_actor(session.actor)
        self.watcher.resume()
