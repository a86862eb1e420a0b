"""The tick box "I showed the privacy notice (version ...) to the visitor", with the notice's text
one click away: used by the new-visitor form, the group check-in and the check-in card (a known
visitor without the current notice on record). Imports Qt and config only, so the Reception
screen's first import stays light.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from frontdesk.config import resources_dir


def privacy_notice_text(version: str) -> str:
    """The notice's text (Markdown) for `version`, or "" when the file is not in the resources."""
    path = resources_dir() / "privacy" / f"informativa-{version}.md"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""


class PrivacyAcknowledgement(QWidget):
    """The tick box "the privacy notice was shown", with the notice itself one click away.

    `stacked=True` puts the button under the tick box, for narrow places (the check-in card)."""

    toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None, *, stacked: bool = False) -> None:
        super().__init__(parent)
        self._version = ""
        layout = QVBoxLayout(self) if stacked else QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.box = QCheckBox()
        self.box.setObjectName("privacyShown")
        self.box.toggled.connect(self.toggled)
        self.show_button = QPushButton(self.tr("Show the notice"))
        self.show_button.setAutoDefault(False)
        self.show_button.clicked.connect(self.show_notice)
        layout.addWidget(self.box, 1)
        layout.addWidget(self.show_button, 0, Qt.AlignmentFlag.AlignLeft if stacked else Qt.AlignmentFlag(0))
        self.set_version("")

    def set_version(self, version: str) -> None:
        self._version = version
        self.box.setText(self.tr("I showed the privacy notice (version {version}) to the visitor")
                         .format(version=version or "?"))

    def isChecked(self) -> bool:
        return self.box.isChecked()

    def setChecked(self, checked: bool) -> None:
        self.box.setChecked(checked)

    def show_notice(self) -> None:
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Privacy notice, version {version}").format(version=self._version))
        dialog.resize(720, 640)
        viewer = QTextBrowser()
        text = privacy_notice_text(self._version)
        if text:
            viewer.setMarkdown(text)
        else:
            viewer.setPlainText(self.tr("The text of notice version {version} is not installed on this desk: "
                                        "show the printed notice.").format(version=self._version))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(viewer)
        layout.addWidget(buttons)
        dialog.open()
        self.notice_dialog = dialog  # kept for tests and so it is not collected while open
