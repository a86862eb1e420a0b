"""Recording every message the Italian catalogues lack while a test runs (issue 10, point 7).

- Below the UI: frontdesk.i18n.record_misses collects each gettext/ngettext lookup without an
  Italian translation.
- The UI: `QtMissRecorder`, a QTranslator installed *before* the app's own translators, so Qt asks
  it last: it is asked only about lookups that neither the app's catalogue nor Qt's own answered,
  records them and answers nothing (the text stays as it was). PySide's `self.tr()` also tries the
  contexts of the Qt base classes after the widget's own; those (and Qt's own lookups, answered by
  Qt's catalogue or not) are Qt's business and are left out.

`English` finds English words in text the user sees, for output that never went through a lookup.
"""

from __future__ import annotations

import contextlib
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import PySide6.QtCore
import PySide6.QtGui
import PySide6.QtWidgets
from PySide6.QtCore import QCoreApplication, QTranslator

from frontdesk import i18n

_QT_NAMES = set(dir(PySide6.QtCore)) | set(dir(PySide6.QtGui)) | set(dir(PySide6.QtWidgets))


def _same_in_italian() -> set[str]:
    """Sources whose Italian is the same text ("E-mail", "Badge"). PySide's `self.tr()` takes an
    answer equal to the source for no answer and asks the base class's context next: for a base
    class of ours (AreaView) that looks like a miss, and is not one."""
    root = ET.parse(Path(__file__).resolve().parents[2] / "resources" / "i18n" / "frontdesk_it.ts").getroot()
    return {m.findtext("source") for m in root.iter("message")
            if m.find("translation") is not None and m.find("translation").get("type") is None
            and m.findtext("translation") == m.findtext("source")}


class QtMissRecorder(QTranslator):
    def __init__(self) -> None:
        super().__init__()
        self.misses: set[tuple[str, str]] = set()
        self._same = _same_in_italian()

    def isEmpty(self) -> bool:
        return False

    def translate(self, context, source, disambiguation=None, n=-1):
        if context and context not in _QT_NAMES and source and source not in self._same:
            self.misses.add((context, source))
        return None  # a null string: "not translated here"


@contextlib.contextmanager
def recording_misses() -> Iterator[tuple[set[str], QtMissRecorder | None]]:
    """Collect the gettext misses (a set of messages) and, when a Qt application exists, Qt's."""
    below: set[str] = set()
    app = QCoreApplication.instance()
    recorder = QtMissRecorder() if app is not None else None
    if recorder is not None:
        # Installed before the app's translators are (re)installed is not guaranteed: move it to
        # the back by reinstalling the others after it.
        from frontdesk.ui import i18n_qt

        others = list(i18n_qt._installed)
        for translator in others:
            app.removeTranslator(translator)
        app.installTranslator(recorder)
        for translator in others:
            app.installTranslator(translator)
    i18n.record_misses(below)
    try:
        yield below, recorder
    finally:
        i18n.record_misses(None)
        if recorder is not None:
            app.removeTranslator(recorder)


# Words that are English and not Italian (nor a name or a code the app shows): a line holding one
# was not translated.
_ENGLISH = re.compile(
    r"\b(?:the|and|with|was|were|has|have|been|this|that|which|from|into|not|found|passed|failed|"
    r"visits?|visitors?|companies|company|closed|backup made|ready|created|usage|options|arguments|"
    r"show|help|error|message|exit|start|database at|desk|folder|run|check|checked|"
    r"name|search|print|save|cancel|close|settings|staff|yes|changed|none|when|who|by|"
    r"record|records|action|changes|history|today|yesterday|expected|on site)\b",
    re.IGNORECASE)


# What is typed, not read: options (--folder, -h), command names with a hyphen, paths.
_TYPED = re.compile(r"(?<![\w-])--?[A-Za-z][\w-]*|\b[a-z]+-[a-z]+\b|(?:/[\w.-]+)+")


def english_words(text: str, allowed: frozenset[str] = frozenset()) -> list[str]:
    """The English words in `text` (options, commands and paths aside), less the allowed ones."""
    return [w for w in _ENGLISH.findall(_TYPED.sub(" ", text)) if w.lower() not in allowed]
