"""Small helpers for forms: an editor with its own error line beneath it, and the mapping of a
service error's `.field` to that editor. A line edit also gets a hint beneath it when what it
holds will be stored differently (invisible characters removed: domain.text), so the desk sees
what is saved. Imports Qt and frontdesk.domain.text."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from frontdesk.domain.text import invisible_removed


def stored_form_hint(editor: QLineEdit) -> QLabel:
    """A hidden label that, while `editor` holds characters a person cannot see (bidi controls,
    zero-width characters...), says what will be stored instead."""
    hint = QLabel()
    hint.setProperty("role", "field-hint")
    hint.setWordWrap(True)
    hint.setTextFormat(Qt.TextFormat.PlainText)
    hint.hide()

    def update(text: str) -> None:
        stored = invisible_removed(text)
        if stored is None:
            hint.hide()
            return
        hint.setText(QCoreApplication.translate(
            "FieldErrors", "Invisible characters removed: it will be saved as “%1”.").replace("%1", stored))
        hint.show()

    editor.textChanged.connect(update)
    update(editor.text())
    return hint


class FieldErrors:
    """Keeps, for each field key, its editor and the red line that explains what is wrong."""

    def __init__(self, aliases: dict[str, str] | None = None) -> None:
        self._rows: dict[str, tuple[QWidget, QLabel]] = {}
        self._aliases = dict(aliases or {})  # a service's field name or label -> our key

    def row(self, key: str, editor: QWidget) -> QWidget:
        """The editor wrapped with a hidden error label beneath it, for a QFormLayout row."""
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(editor)
        if isinstance(editor, QLineEdit):
            hint = stored_form_hint(editor)
            hint.setObjectName(f"stored_{key}")
            layout.addWidget(hint)
        label = QLabel()
        label.setProperty("role", "field-error")
        label.setWordWrap(True)
        label.setObjectName(f"error_{key}")
        label.hide()
        layout.addWidget(label)
        self._rows[key] = (editor, label)
        return box

    def key_for(self, field: str | None) -> str | None:
        if not field:
            return None
        key = self._aliases.get(field, field)
        return key if key in self._rows else None

    def show(self, field: str | None, message: str) -> bool:
        """Show `message` beneath the field's editor; False if the field is not on this form."""
        key = self.key_for(field)
        if key is None:
            return False
        editor, label = self._rows[key]
        label.setText(message)
        label.show()
        editor.setProperty("invalid", True)
        editor.style().unpolish(editor)
        editor.style().polish(editor)
        editor.setFocus()
        return True

    def show_error(self, error, fallback: QLabel) -> None:
        """A service's error beside its field, or on `fallback` (the form's own message line)."""
        if not self.show(error.field, error.message):
            fallback.setText(error.message)
            fallback.show()

    def message(self, key: str) -> str:
        label = self._rows[key][1]
        return "" if label.isHidden() else label.text()

    def clear(self) -> None:
        for editor, label in self._rows.values():
            label.hide()
            label.clear()
            if editor.property("invalid"):
                editor.setProperty("invalid", False)
                editor.style().unpolish(editor)
                editor.style().polish(editor)


def form_error_label() -> QLabel:
    """The message line at the top of a dialog, for errors that belong to no single field."""
    label = QLabel()
    label.setObjectName("formError")
    label.setProperty("role", "field-error")
    label.setWordWrap(True)
    label.hide()
    return label
