"""A reportlab canvas that writes each page's footer once the number of pages is known: a thin
line, a text on the left (the document's name or ID) and "page X of Y" on the right. The pages
are held until the end of the story (the total is only known once it is laid out)."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from frontdesk.documents import fonts


def numbered_canvas(*, left: str, page_text: str, page_width: float, margin: float, footer_y: float,
                    line_color) -> type[Canvas]:
    """The canvas class for `doc.build(..., canvasmaker=...)`; `page_text` holds {n} and {total}."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._held: list[dict] = []

        def showPage(self) -> None:
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held)
            for number, state in enumerate(self._held, start=1):
                self.__dict__.update(state)
                self.saveState()
                self.setFillColor(colors.HexColor("#444444"))
                self.setStrokeColor(line_color)
                self.setLineWidth(0.4)
                self.line(margin, footer_y + 3.5 * mm, page_width - margin, footer_y + 3.5 * mm)
                fonts.draw(self, left, margin, footer_y, fonts.REGULAR, 7.5)
                fonts.draw(self, page_text.format(n=number, total=total), page_width - margin, footer_y,
                           fonts.REGULAR, 7.5, align="right")
                self.restoreState()
                super().showPage()
            super().save()

    return NumberedCanvas
