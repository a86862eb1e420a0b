"""`TextBlock`: plain text as a platypus flowable, wrapped and drawn through documents.fonts.

Stands where a reportlab Paragraph would (in a story or a table cell) for text that is data, not
markup: it wraps at spaces (a word longer than the line is broken), a "\\n" starts a new line,
and each line is drawn by `fonts.draw`, so a name in any script is shaped and ordered as it is
in every other document. Takes a ParagraphStyle for the font, size, leading, colour and spacing.

Imports reportlab and documents.fonts only; no Qt, no SQLAlchemy.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from frontdesk.documents import fonts


class TextBlock(Flowable):
    """Does not split across pages: dossier texts are fields and table cells, a few lines each."""

    def __init__(self, text: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.text = text
        self.style = style
        self._lines: list[tuple[str, bool]] = []  # (line, its paragraph is right-to-left)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        style = self.style
        self._lines = []
        for paragraph in self.text.split("\n"):
            rtl = fonts.paragraph_is_rtl(paragraph)
            lines = fonts.wrap(paragraph, style.fontName, style.fontSize, avail_width) or [""]
            self._lines += [(line, rtl) for line in lines]
        self.width = avail_width
        self.height = len(self._lines) * style.leading
        return self.width, self.height

    def getSpaceBefore(self) -> float:
        return self.style.spaceBefore

    def getSpaceAfter(self) -> float:
        return self.style.spaceAfter

    def draw(self) -> None:
        style = self.style
        canvas = self.canv
        canvas.setFillColor(style.textColor)
        y = self.height - style.fontSize  # first baseline, as a Paragraph places it
        for line, rtl in self._lines:
            fonts.draw(canvas, line, 0, y, style.fontName, style.fontSize, rtl=rtl)
            y -= style.leading


class RightBlock(TextBlock):
    """A cell whose lines are aligned right (money, quantities, counts)."""

    def draw(self) -> None:
        self.canv.setFillColor(self.style.textColor)
        y = self.height - self.style.fontSize
        for line, _rtl in self._lines:
            fonts.draw(self.canv, line, self.width, y, self.style.fontName, self.style.fontSize, align="right")
            y -= self.style.leading
