"""A calm amber bar inside a screen for problems that do not stop the work (a badge printer that
failed, an e-mail to a host not sent, an evacuation copy not written), with an optional action
button ("Reprint badge") and a dismiss button. It stays until dismissed or replaced.
Imports Qt only.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget


class NoticeBar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBar")
        self.setStyleSheet("QFrame#noticeBar { background: #fdf3dc; border: 1px solid #ecd08a; border-radius: 6px; }"
                           "QFrame#noticeBar QLabel { color: #6b4a00; background: transparent; }")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 8)
        self._text = QLabel()
        self._text.setWordWrap(True)
        self._text.setTextFormat(Qt.TextFormat.PlainText)
        self._text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.action_button = QPushButton()
        self.action_button.setObjectName("noticeAction")
        self.action_button.setAutoDefault(False)
        self.action_button.clicked.connect(self._on_action_button_clicked)
        close = QToolButton()
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip(self.tr("Dismiss"))
        close.clicked.connect(self.dismiss)
        layout.addWidget(self._text, 1)
        layout.addWidget(self.action_button)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self._action: Callable[[], object] | None = None
        self.hide()

    def show_message(self, message: str, action_text: str = "", action: Callable[[], object] | None = None) -> None:
        self._text.setText(message)
        self._action = action
        self.action_button.setText(action_text)
        self.action_button.setVisible(bool(action_text and action))
        self.action_button.setEnabled(True)
        self.show()

    def message(self) -> str:
        return "" if self.isHidden() else self._text.text()

    def dismiss(self) -> None:
        self._action = None
        self.hide()

    def _on_action_button_clicked(self) -> None:
        action = self._action
        self.dismiss()
        if action is not None:
            action()
