"""The message banner at the top of the main window: errors (they stay until dismissed) and
calm notices (they fade after a few seconds). Never a traceback: it shows only the message text
it is given (tasks.ErrorDisplay already turns unexpected errors into a generic sentence).
Imports Qt only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QStyle, QToolButton, QWidget

NOTICE_MS = 8000


class MessageBanner(QFrame):
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setProperty("kind", "error")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 8)
        layout.setSpacing(10)
        self._icon = QLabel()
        self._text = QLabel()
        self._text.setWordWrap(True)
        self._text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._text.setTextFormat(Qt.TextFormat.PlainText)
        self._close = QToolButton()
        self._close.setText("✕")
        self._close.setAutoRaise(True)
        self._close.setToolTip(self.tr("Dismiss"))
        self._close.clicked.connect(self.dismiss)
        layout.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self._text, 1)
        layout.addWidget(self._close, 0, Qt.AlignmentFlag.AlignTop)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.dismiss)
        self._repeats = 0
        self.hide()

    @property
    def kind(self) -> str:
        return str(self.property("kind"))

    def message(self) -> str:
        """The text on show, or "" when the banner is hidden."""
        return "" if self.isHidden() else self._text.text()

    def show_error(self, message: str) -> None:
        """An error: shown until dismissed (or replaced by the next message)."""
        if not self.isHidden() and self.kind == "error" and self._message == message:
            self._repeats += 1
            self._text.setText(f"{message} ({self._repeats + 1}×)")
        else:
            self._repeats = 0
            self._set("error", message, QStyle.StandardPixmap.SP_MessageBoxWarning)
        self._timer.stop()

    def show_notice(self, message: str) -> None:
        """A calm confirmation ("Saved", "Exported"): fades after a few seconds."""
        self._repeats = 0
        self._set("notice", message, QStyle.StandardPixmap.SP_DialogApplyButton)
        self._timer.start(NOTICE_MS)

    def _set(self, kind: str, message: str, icon: QStyle.StandardPixmap) -> None:
        self._message = message
        self.setProperty("kind", kind)
        self.style().unpolish(self)
        self.style().polish(self)
        for child in (self._text, self._icon):
            child.style().unpolish(child)
            child.style().polish(child)
        self._icon.setPixmap(self.style().standardIcon(icon).pixmap(18, 18))
        self._text.setText(message)
        self.show()

    def dismiss(self) -> None:
        self._timer.stop()
        self.hide()
        self.dismissed.emit()

    _message = ""
