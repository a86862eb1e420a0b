"""Text on PDFs: the fonts every document uses and the helpers that measure, fit and draw text.

Documents name two fonts, `REGULAR` and `BOLD` (DejaVu Sans); `register()` loads them once per
process. Any text, in any script, is measured and drawn through `width` and `draw`, which split
it into runs by script (documents.script_runs): the Arabic, Hebrew and CJK faces are loaded only
when a text needs them, Arabic and Hebrew are shaped and right-to-left text is ordered by the
Unicode bidirectional algorithm. The fitting helpers measure with `width`, so nothing a document
prints runs past its box, whatever the script.

Imports reportlab, documents.faces and documents.script_runs only; no Qt, no SQLAlchemy.
"""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from frontdesk.documents import faces, script_runs

REGULAR = faces.REGULAR
BOLD = faces.BOLD
ELLIPSIS = "…"
register = faces.register


def width(text: str, font: str, size: float) -> float:
    """Width of `text` in points, as `draw` draws it."""
    return script_runs.layout(text, font, size).width


def draw(canvas: Canvas, text: str, x: float, y: float, font: str, size: float, *, align: str = "left",
         rtl: bool | None = None) -> float:
    """Draw one line of `text` with its baseline at `y`: starting at `x` ("left"), ending at `x`
    ("right") or centred on `x` ("centre"). `rtl` is the paragraph's direction when the line is
    part of a longer text (see `paragraph_is_rtl`); None takes it from the line. Uses the canvas's
    fill colour; leaves the canvas's font set to `font` at `size`. Returns the width drawn."""
    line = script_runs.layout(text, font, size, rtl)
    if align == "right":
        x -= line.width
    elif align == "centre":
        x -= line.width / 2
    elif align != "left":
        raise ValueError(f"unknown alignment {align!r}")
    for run in line.runs:
        canvas.setFont(run.font, size)
        if run.fake_bold:
            _draw_stroked(canvas, x, y, run.text, size)
        else:
            canvas.drawString(x, y, run.text)
        x += run.width
    canvas.setFont(font, size)
    return line.width


def paragraph_is_rtl(text: str) -> bool:
    """Whether `text` reads right to left as a whole (pass it to `draw` for each of its lines)."""
    return script_runs.paragraph_is_rtl(text)


def _draw_stroked(canvas: Canvas, x: float, y: float, text: str, size: float) -> None:
    """A bold weight for a face that has none: the outline filled and stroked in the fill colour."""
    canvas.saveState()
    fill = getattr(canvas, "_fillColorObj", None)
    if fill is not None:
        canvas.setStrokeColor(fill)
    canvas.setLineWidth(size * 0.035)
    canvas.setLineJoin(1)
    canvas.drawString(x, y, text, mode=2)
    canvas.restoreState()


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
