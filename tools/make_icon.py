"""Draws the app's icon: a visitor badge (a white card with a QR-like mark) on the app's blue.

    .venv/bin/python tools/make_icon.py [OUT_DIR]     # default: resources/icons

Writes frontdesk.png (256 px, the Qt window icon), frontdesk.ico (Windows, 16-256 px) and
frontdesk.icns (macOS), all from one drawing made at 1024 px and scaled down. Uses Pillow only
(installed with reportlab); nothing here is used by the app at run time, only its output is.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
ACCENT = (47, 102, 144, 255)  # frontdesk.ui.style.ACCENT, #2f6690
ACCENT_DARK = (31, 70, 102, 255)
WHITE = (255, 255, 255, 255)
SIZE = 1024
ICO_SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]

# The mark on the card: an 11 x 11 grid with the three finder squares of a QR code and a few modules.
MODULES = [
    "XXXXX.XXXXX",
    "X...X.X...X",
    "X.X.X.X.X.X",
    "X...X.X...X",
    "XXXXX.XXXXX",
    "......X.X..",
    "XXXXX..X.XX",
    "X...X.XX..X",
    "X.X.X...XX.",
    "X...X.X.X.X",
    "XXXXX.XX..X",
]


def draw(size: int = SIZE) -> Image.Image:
    """The icon at `size` pixels (drawn at 4x and scaled down, for smooth edges)."""
    big = size * 4
    unit = big / 64  # the drawing is laid out on a 64 x 64 grid
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((2 * unit, 2 * unit, 62 * unit, 62 * unit), radius=13 * unit, fill=ACCENT)
    # The lanyard strap behind the card.
    pen.rectangle((28 * unit, 2 * unit, 36 * unit, 16 * unit), fill=ACCENT_DARK)
    # The card, with its clip slot.
    pen.rounded_rectangle((15 * unit, 12 * unit, 49 * unit, 56 * unit), radius=4 * unit, fill=WHITE)
    pen.rounded_rectangle((27 * unit, 15 * unit, 37 * unit, 18 * unit), radius=1.5 * unit, fill=ACCENT_DARK)
    # The QR-like mark.
    cell = 2.1 * unit
    left, top = 32 * unit - 5.5 * cell, 20 * unit
    for row, line in enumerate(MODULES):
        for col, mark in enumerate(line):
            if mark == "X":
                x, y = left + col * cell, top + row * cell
                pen.rectangle((round(x), round(y), round(x + cell), round(y + cell)), fill=ACCENT)
    # Two lines of "name" under the mark.
    pen.rounded_rectangle((20 * unit, 46 * unit, 44 * unit, 48.5 * unit), radius=1.2 * unit, fill=ACCENT_DARK)
    pen.rounded_rectangle((23 * unit, 50.5 * unit, 41 * unit, 52.5 * unit), radius=1 * unit, fill=ACCENT)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "resources" / "icons"
    out.mkdir(parents=True, exist_ok=True)
    icon = draw()
    icon.resize((256, 256), Image.Resampling.LANCZOS).save(out / "frontdesk.png", optimize=True)
    icon.save(out / "frontdesk.ico", sizes=ICO_SIZES)
    icon.save(out / "frontdesk.icns")
    for name in ("frontdesk.png", "frontdesk.ico", "frontdesk.icns"):
        print(f"{out / name} ({(out / name).stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
