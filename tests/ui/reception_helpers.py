"""Helpers of the Reception and On-site screen tests (their fixtures are in conftest.py): move
visits back in time, who is on site, the badge PDFs saved, and a keyboard that counts key presses."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select, update

from frontdesk.config import data_dir
from frontdesk.db.models import Visit
from frontdesk.services.reception.visits import on_site
from frontdesk.ui.tasks import wait_for_idle


def backdate(db, which, by: dt.timedelta) -> None:
    """Move the check-in/out times of the visits `which(visit)` selects back by `by` (tests only)."""
    with db.begin() as session:
        for visit in session.scalars(select(Visit)):
            if which(visit):
                values = {}
                if visit.checked_in_at is not None:
                    values["checked_in_at"] = visit.checked_in_at - by
                if visit.checked_out_at is not None:
                    values["checked_out_at"] = visit.checked_out_at - by
                session.execute(update(Visit).where(Visit.id == visit.id).values(**values))


def names_on_site(db) -> list[str]:
    return [v.visitor_name for v in on_site(db)]


def badge_pdfs() -> list[Path]:
    folder = data_dir() / "documents" / "badge"
    return sorted(folder.glob("*.pdf"), key=lambda p: p.stat().st_mtime) if folder.exists() else []


def wait_for_badge_pdfs(qtbot, count: int) -> list[Path]:
    """The saved badge PDFs once there are `count` of them, completely written (their task is done)."""
    qtbot.waitUntil(lambda: len(badge_pdfs()) >= count, timeout=10000)
    assert wait_for_idle(10000)
    return badge_pdfs()


class Keyboard:
    """Presses keys where the focus is, as a person would, and counts them."""

    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot
        self.count = 0

    def focus(self):
        widget = QApplication.focusWidget()
        assert widget is not None, "nothing has the keyboard focus"
        return widget

    def type(self, text: str) -> None:
        for ch in text:
            self.qtbot.keyClick(self.focus(), ch)
            self.count += 1

    def press(self, key: Qt.Key) -> None:
        self.qtbot.keyClick(self.focus(), key)
        self.count += 1

    def type_fast(self, text: str) -> None:
        """A scanner: the whole text then Enter, at once (not counted: the reader types it)."""
        self.qtbot.keyClicks(self.focus(), text)
        self.qtbot.keyClick(self.focus(), Qt.Key.Key_Return)


def show_view(qtbot, view, size=(1100, 700)):
    """Show a screen as the active window with its data loaded and the keyboard focus where a
    receptionist starts."""
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    with qtbot.waitSignal(view.data_loaded, timeout=5000):
        view.reload()
    view.focus_first()
    return view
