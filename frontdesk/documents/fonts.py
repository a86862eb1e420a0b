"""The embedded Unicode font (DejaVu Sans) and the text-fitting helpers every document uses.

`register()` loads DejaVuSans and DejaVuSans-Bold from resources/fonts once per process, as
"DejaVu" and "DejaVu-Bold" (reportlab embeds a subset in each PDF). The helpers measure text
with the font's metrics so that nothing a document prints ever runs past its box.

Imports reportlab and frontdesk.config only; no Qt, no SQLAlchemy.
"""

from __future__ import annotations

import threading

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from frontdesk import config

REGULAR = "DejaVu"
BOLD = "DejaVu-Bold"
ELLIPSIS = "…"
_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}
_lock = threading.Lock()


def register() -> None:
    """Register the fonts with reportlab (idempotent, thread-safe)."""
    registered = set(pdfmetrics.getRegisteredFontNames())
    if registered.issuperset(_FILES):
        return
    with _lock:
        registered = set(pdfmetrics.getRegisteredFontNames())
        for name, file_name in _FILES.items():
            if name not in registered:
                pdfmetrics.registerFont(TTFont(name, str(config.resources_dir() / "fonts" / file_name)))
        pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)


def width(text: str, font: str, size: float) -> float:
    """Width of `text` in points."""
    return pdfmetrics.stringWidth(text, font, size)


def ellipsize(text: str, font: str, size: float, max_width: float) -> str:
    """`text` cut with an ellipsis so that it fits `max_width` points (unchanged if it fits)."""
    if width(text, font, size) <= max_width:
        return text
    low, high = 0, len(text)  # longest prefix that fits with the ellipsis: binary search
    while low < high:
        mid = (low + high + 1) // 2
        if width(text[:mid].rstrip() + ELLIPSIS, font, size) <= max_width:
            low = mid
        else:
            high = mid - 1
    return text[:low].rstrip() + ELLIPSIS if low else (ELLIPSIS if width(ELLIPSIS, font, size) <= max_width
                                                       else "")


def wrap(text: str, font: str, size: float, max_width: float) -> list[str]:
    """Greedy word wrap; a word longer than the line is broken where it overflows."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if width(candidate, font, size) <= max_width:
            line = candidate
            continue
        if line:
            lines.append(line)
        while width(word, font, size) > max_width and len(word) > 1:
            cut = _longest_fitting_prefix(word, font, size, max_width)
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    return lines


def fit_lines(text: str, font: str, *, max_size: float, min_size: float, max_width: float,
              max_lines: int = 1, step: float = 0.5) -> tuple[float, list[str]]:
    """The largest size (from max_size down to min_size) at which `text` fits in `max_lines`
    lines of `max_width`; at min_size the last line is ellipsized. Returns (size, lines)."""
    text = " ".join(text.split())
    size = max_size
    while True:
        lines = wrap(text, font, size, max_width) if max_lines > 1 else [text]
        if len(lines) <= max_lines and all(width(line, font, size) <= max_width for line in lines):
            return size, lines
        if size - step < min_size - 1e-9:
            break
        size -= step
    size = min_size
    lines = wrap(text, font, size, max_width) if max_lines > 1 else [text]
    if len(lines) > max_lines:  # the joined rest is wider than a line, so it gets the ellipsis
        lines = [*lines[: max_lines - 1], " ".join(lines[max_lines - 1:])]
    return size, [ellipsize(line, font, size, max_width) for line in lines]


def _longest_fitting_prefix(word: str, font: str, size: float, max_width: float) -> int:
    low, high = 1, len(word)
    while low < high:
        mid = (low + high + 1) // 2
        if width(word[:mid], font, size) <= max_width:
            low = mid
        else:
            high = mid - 1
    return low
