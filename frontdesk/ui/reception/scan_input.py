"""Badge scans at the Reception and On-site screens: telling a scan from typing, acting on it, and
the large coloured banner that says what happened.

A USB barcode scanner *types* what it reads, very fast, and presses Enter (or, configured so,
Tab or LF; some send an AIM symbology identifier such as "]Q1" first). So:
- `looks_like_badge(text)`: text that starts with "FDB" (a badge) or "FDS" (a sample label,
  scanned by mistake), in any case, after the scanner's framing, is a scan, whatever field it
  was typed into;
- `ScanField`: a line edit that tells a scan from typing on Enter (a badge-looking text, or a
  long burst without spaces typed faster than a person can) and emits `scanned` or `submitted`;
  Tab or LF ending a scan ends it like Enter (elsewhere Tab moves the focus as usual);
  Up/Down/PageUp/PageDown are offered to the screen (`moved`) to move through a result list;
- `KeyForwarder`: sends printable keys and Enter pressed on a list to a `ScanField`, so that a scan
  lands in it wherever the focus is on the screen;
- `ScanHandler`: runs `services.reception.scans.scan_badge` in the background (the same text is never sent
  twice at once) and shows the outcome on a `ScanBanner`: green for a check-out or check-in,
  amber for a double scan, red for every refusal (each with the service's own message).

Imports Qt, ui.tasks, domain.badge_tokens and services.reception.scans; never the database.
"""

from __future__ import annotations

import itertools
import re
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QSizePolicy, QWidget

from frontdesk.domain.badge_tokens import strip_scanner_framing
from frontdesk.ui.tasks import run_in_background

BADGE_PREFIXES = ("FDB", "FDS")
BURST_MIN_CHARS = 12  # a scanner's code is long; a name typed by a person is rarely this long without a space
BURST_MAX_GAP_S = 0.035  # scanners type a character every few ms; people need 80 ms or more
BANNER_MS = 5000
ENTER_AFTER_FORWARD_S = 0.5  # Enter this soon after forwarded keys ends what was forwarded
_BADGE_START = re.compile(r"(?:[\]+][A-Za-z][0-9A-Za-z])?FD[BS]", re.IGNORECASE)  # with an AIM identifier
_LINE_FEEDS = ("\n", "\r")
_EDITING_KEYS = frozenset({Qt.Key.Key_A, Qt.Key.Key_C, Qt.Key.Key_V, Qt.Key.Key_X, Qt.Key.Key_Z, Qt.Key.Key_Y})

OK, DOUBLE, ERROR = "ok", "double", "error"
_COLOURS = {  # background, text
    OK: ("#1f7a3d", "#ffffff"),
    DOUBLE: ("#f2b233", "#2b1d00"),
    ERROR: ("#b3261e", "#ffffff"),
}
_SYMBOLS = {OK: "✔", DOUBLE: "↻", ERROR: "✖"}


def looks_like_badge(text: str) -> bool:
    """A badge or a sample label, whatever the case, surrounding blanks and scanner framing."""
    return strip_scanner_framing(text).upper().startswith(BADGE_PREFIXES)


def split_scan(text: str) -> tuple[str, str] | None:
    """(what was typed before, the scan) when `text` is or ends with a badge-looking code.

    A scanner may fire while a few letters of a search are in the field ("ros" + "FDB1.V...."):
    the scan is the tail from the last "FDB"/"FDS" (with the AIM identifier before it, if any)
    that is at least BURST_MIN_CHARS long.
    """
    if looks_like_badge(text):
        return "", text
    for match in reversed(list(_BADGE_START.finditer(text))):
        tail = text[match.start():]
        if len(tail.strip()) >= BURST_MIN_CHARS and not any(ch.isspace() for ch in tail.strip()):
            return text[:match.start()], tail
    return None


class ScanBanner(QFrame):
    """The outcome of a scan in large text, on green, amber or red, for a few seconds."""

    def __init__(self, parent: QWidget | None = None, *, show_ms: int = BANNER_MS) -> None:
        super().__init__(parent)
        self.setObjectName("scanBanner")
        self._kind = ""
        self._show_ms = show_ms
        layout = QHBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 14)
        layout.setSpacing(16)
        self._symbol = QLabel()
        self._text = QLabel()
        self._text.setWordWrap(True)
        self._text.setTextFormat(Qt.TextFormat.PlainText)
        self._text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        for label, size in ((self._symbol, 30), (self._text, 20)):
            font = label.font()
            font.setPointSize(size)
            font.setBold(True)
            label.setFont(font)
        layout.addWidget(self._symbol, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self._text, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def show_result(self, kind: str, message: str) -> None:
        background, text = _COLOURS[kind]
        self._kind = kind
        self.setStyleSheet(f"QFrame#scanBanner {{ background: {background}; border-radius: 8px; }}"
                           f"QFrame#scanBanner QLabel {{ color: {text}; background: transparent; }}")
        self._symbol.setText(_SYMBOLS[kind])
        self._text.setText(message)
        self.show()
        self._timer.start(self._show_ms if kind != ERROR else self._show_ms * 2)

    def kind(self) -> str:
        """"ok", "double" or "error" while showing; "" when hidden."""
        return "" if self.isHidden() else self._kind

    def message(self) -> str:
        return self._text.text() if not self.isHidden() else ""


class ScanField(QLineEdit):
    """A line edit that knows a scan from typing when Enter is pressed.

    Emits `scanned(text)` for a scan and `submitted(text)` otherwise; the field keeps its text
    for a submission (it is a search) and is cleared after a scan. `moved(rows)` offers Up/Down
    (±1) and PageUp/PageDown (±10) to the screen. With `everything_is_scan`, every Enter is a scan
    (the On-site screen has nothing to search).
    """

    scanned = Signal(str)
    submitted = Signal(str)
    moved = Signal(int)
    escaped = Signal()

    def __init__(self, parent: QWidget | None = None, *, everything_is_scan: bool = False) -> None:
        super().__init__(parent)
        self.everything_is_scan = everything_is_scan
        self._stamps: list[float] = []  # when each character of the current burst was typed
        self.textEdited.connect(self._on_self_text_edited)

    def is_burst(self) -> bool:
        """The text was typed in one fast burst, as a scanner does."""
        text = self.text().strip()
        if len(text) < BURST_MIN_CHARS or any(ch.isspace() for ch in text) or len(self._stamps) < len(text):
            return False
        recent = self._stamps[-len(text):]
        return all(b - a <= BURST_MAX_GAP_S for a, b in itertools.pairwise(recent))

    def _on_self_text_edited(self, text: str) -> None:
        if not text:
            self._stamps.clear()

    def event(self, event: QEvent) -> bool:
        # On X11 a line edit claims Ctrl+E, Ctrl+K, Ctrl+U... (Emacs-style editing) before the
        # screen's shortcuts see them; the search field gives every Ctrl+letter but the usual
        # editing ones (select all, copy, cut, paste, undo, redo) to the screen's shortcuts.
        if (event.type() == QEvent.Type.ShortcutOverride
                and event.modifiers() == Qt.KeyboardModifier.ControlModifier  # type: ignore[attr-defined]
                and Qt.Key.Key_A <= event.key() <= Qt.Key.Key_Z  # type: ignore[attr-defined]
                and event.key() not in _EDITING_KEYS):  # type: ignore[attr-defined]
            event.ignore()
            return False
        # Tab never reaches keyPressEvent (it moves the focus first): a scanner that ends with Tab
        # must end its scan here, before the focus leaves with the code still in the field.
        if (event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Tab  # type: ignore[attr-defined]
                and event.modifiers() == Qt.KeyboardModifier.NoModifier  # type: ignore[attr-defined]
                and self.ends_scan()):
            self._on_enter()
            return True
        return super().event(event)

    def ends_scan(self) -> bool:
        """A terminator now (Tab, LF) would end a scan: the text is a scan, not a search."""
        text = self.text()
        return bool(text.strip()) and (split_scan(text) is not None or self.everything_is_scan or self.is_burst())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) or event.text() in _LINE_FEEDS:
            self._on_enter()
            return
        moves = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1, Qt.Key.Key_PageUp: -10, Qt.Key.Key_PageDown: 10}
        if key in moves and not event.modifiers() & Qt.KeyboardModifier.AltModifier:
            self.moved.emit(moves[key])
            return
        if key == Qt.Key.Key_Escape:
            self.clear()
            self._stamps.clear()
            self.escaped.emit()
            return
        if event.text() and event.text().isprintable():
            self._stamps.append(time.monotonic())
        super().keyPressEvent(event)

    def _on_enter(self) -> None:
        text = self.text()
        parts = split_scan(text)
        if parts is None and (self.everything_is_scan or self.is_burst()):
            parts = ("", text)
        if parts is None:
            self.submitted.emit(text)
            return
        before, scan = parts
        self.setText(before)  # what was typed before the scan stays (a search in progress)
        self._stamps.clear()
        if scan.strip():
            self.scanned.emit(scan)


class KeyForwarder(QObject):
    """An event filter that hands keys typed on `watched` widgets (a list, a button) to `field`.

    So a scan lands in the screen's scan field even when the receptionist last clicked the list.
    Printable keys move the focus to the field and are typed there; on the `type_over` widgets the
    first of them replaces the field's text (a new search, or a scan, not a continuation). Enter
    is handed over only right after such keys (the end of a scan typed onto the widget); on its
    own it stays with the widget (Enter on a button clicks it). Arrows, Tab and shortcuts stay too.
    """

    def __init__(self, field: QLineEdit, watched: list[QWidget], type_over: tuple[QWidget, ...] = ()) -> None:
        super().__init__(field)
        self._field = field
        self._type_over = set(type_over)
        self._last_forward = float("-inf")
        for widget in [*watched, *type_over]:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or watched is self._field:
            return False
        key_event: QKeyEvent = event  # type: ignore[assignment]
        text = key_event.text()
        now = time.monotonic()
        in_burst = now - self._last_forward <= ENTER_AFTER_FORWARD_S
        # The end of a scan: Enter, or the Tab or LF some scanners send instead.
        is_end = key_event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab) or text in _LINE_FEEDS
        printable = bool(text) and text.isprintable() and not text.isspace()
        control = key_event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        if not (printable and not control) and not (is_end and in_burst):
            return False
        if printable and not in_burst and watched in self._type_over:
            self._field.selectAll()
        self._last_forward = now if printable else float("-inf")
        self._field.setFocus(Qt.FocusReason.OtherFocusReason)
        if is_end:
            copy = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, "\r")
        else:
            copy = QKeyEvent(QEvent.Type.KeyPress, key_event.key(), key_event.modifiers(), text)
        self._field.keyPressEvent(copy)
        return True


class ScanHandler(QObject):
    """Sends a scanned text to `scan_badge` in the background and shows the outcome on `banner`.

    With `follow`, the same background task reads what the screen shows next (`follow()`, e.g. the
    on-site list) right after the scan is saved, and `followed` hands it over with the outcome: one
    trip to a worker and back instead of two (the second, a reload after the data bus, queued behind
    the GUI's own work, was half of a scan's time on a busy machine, measured)."""

    scan_finished = Signal(str, str)  # kind ("ok" | "double" | "error"), message
    followed = Signal(object)  # what `follow()` returned after a saved scan

    def __init__(self, db, actor_source, banner: ScanBanner, parent: QObject | None = None, *,
                 follow: Callable[[], object] | None = None) -> None:
        """`actor_source()` returns who acts now (the signed-in user, or the desk while locked)."""
        super().__init__(parent)
        self._db = db
        self._actor_source = actor_source
        self.banner = banner
        self._follow = follow

    def submit(self, text: str) -> bool:
        """Start acting on a scan; False when the text is empty or the same scan is still running."""
        token = text.strip()
        if not token:
            return False
        from frontdesk.services.reception.scans import scan_badge

        db, actor, follow = self._db, self._actor_source(), self._follow

        def work():
            result = scan_badge(db, text=text, actor=actor)
            return result, (follow() if follow is not None else None)

        task = run_in_background(
            self,
            work,
            on_success=self._on_scan_done,
            on_error=self._on_scan_refused,
            write=True,
            key="scan:" + token.upper(),
        )
        return task is not None

    def _on_scan_done(self, outcome) -> None:
        result, after = outcome
        kind = DOUBLE if result.action == "double_scan" else OK
        if self._follow is not None:
            self.followed.emit(after)
        self.banner.show_result(kind, result.message)
        self.scan_finished.emit(kind, result.message)

    def _on_scan_refused(self, error) -> None:
        self.banner.show_result(ERROR, error.message)
        self.scan_finished.emit(ERROR, error.message)
