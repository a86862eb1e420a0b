"""Helpers of the tests that look at screens: the app's look on a widget tree, and which texts do
not fit in their label (cut off on screen)."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QLabel


def styled(widget):
    """The app's look on one widget tree (the application itself is left as other tests expect it)."""
    from frontdesk.ui.style import BASE_POINT_SIZE, STYLE_SHEET, calm_palette

    widget.setPalette(calm_palette())
    font = QFont(widget.font())
    font.setPointSizeF(BASE_POINT_SIZE)
    widget.setFont(font)
    widget.setStyleSheet(STYLE_SHEET)
    return widget


def labels_cut_off(root) -> list[str]:
    """Texts of the visible labels under `root` that do not fit: a single-line label narrower than
    its text, or a wrapping label shorter than its wrapped text."""
    cut = []
    for label in root.findChildren(QLabel):
        if not label.isVisible() or not label.text() or not label.pixmap().isNull():
            continue
        if label.wordWrap():
            if label.heightForWidth(label.width()) > label.height() + 1:
                cut.append(label.text())
        elif QFontMetrics(label.font()).horizontalAdvance(_shown(label)) > label.width() + 1:
            cut.append(label.text())
    return cut


def _shown(label: QLabel) -> str:
    """The text as painted: a label with a buddy shows "&Username" as "Username"."""
    if label.buddy() is None:
        return label.text()
    return label.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
