"""The font faces documents embed, and which face draws each character.

DejaVu Sans (regular and bold) draws Latin, Greek, Cyrillic, digits and punctuation and is
registered for every document, as "DejaVu" and "DejaVu-Bold". The fallback faces are registered
the first time a text needs them, so a document with Latin names only never reads them (the CJK
file is 5 MB): Noto Sans Arabic and Noto Sans Hebrew (regular and bold, shaped with HarfBuzz
through reportlab), and WenQuanYi Micro Hei for Chinese, Japanese and Korean (one weight: bold is
drawn by stroking the outline). All are TrueType outlines, which reportlab embeds as subsets;
their licences lie beside them in resources/fonts.

Imports reportlab and frontdesk.config only; no Qt, no SQLAlchemy.
"""

from __future__ import annotations

import bisect
import threading
from dataclasses import dataclass

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from frontdesk import config

REGULAR = "DejaVu"
BOLD = "DejaVu-Bold"
_BASE_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}


@dataclass(frozen=True)
class Fallback:
    """A face registered on first need. `bold_file` None: bold is synthesised from the regular."""

    name: str  # reportlab's name for the regular face; the bold one is name + "-Bold"
    regular_file: str
    bold_file: str | None
    ranges: tuple[tuple[int, int], ...]  # code points (inclusive) this face draws
    shaped: bool = False  # joined and ordered by HarfBuzz (Arabic, Hebrew)
    subfont_index: int = 0  # the face inside a TrueType collection (.ttc)


ARABIC = Fallback("NotoSansArabic", "NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf",
                  ((0x0600, 0x06FF), (0x0750, 0x077F), (0x0870, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)),
                  shaped=True)
HEBREW = Fallback("NotoSansHebrew", "NotoSansHebrew-Regular.ttf", "NotoSansHebrew-Bold.ttf",
                  ((0x0590, 0x05FF), (0xFB1D, 0xFB4F)), shaped=True)
CJK = Fallback("WenQuanYiMicroHei", "wqy-microhei.ttc", None,
               ((0x1100, 0x11FF), (0x2E80, 0x2FFF), (0x3000, 0x9FFF), (0xA960, 0xA97F), (0xAC00, 0xD7FF),
                (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF), (0x20000, 0x3FFFF)))
FALLBACKS = (ARABIC, HEBREW, CJK)

# (first, last, fallback) sorted by first code point, for a binary search per character.
_OWNERS = sorted(((start, end, fallback) for fallback in FALLBACKS for start, end in fallback.ranges),
                 key=lambda owner: owner[0])
_STARTS = [owner[0] for owner in _OWNERS]
_lock = threading.Lock()
_loaded: dict[tuple[str, bool], Face] = {}  # (fallback, bold) -> its registered face


@dataclass(frozen=True)
class Face:
    """What draws a run: the registered font, whether HarfBuzz shapes it, whether bold is faked."""

    font: str
    shaped: bool = False
    fake_bold: bool = False


BASE_FACES = {REGULAR: Face(REGULAR), BOLD: Face(BOLD)}


def register() -> None:
    """Register DejaVu with reportlab (idempotent, thread-safe). The fallbacks wait for `face`."""
    registered = set(pdfmetrics.getRegisteredFontNames())
    if registered.issuperset(_BASE_FILES):
        return
    with _lock:
        registered = set(pdfmetrics.getRegisteredFontNames())
        for name, file_name in _BASE_FILES.items():
            if name not in registered:
                pdfmetrics.registerFont(TTFont(name, str(config.resources_dir() / "fonts" / file_name)))
        pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)


def fallback_for(char: str) -> Fallback | None:
    """The fallback whose script `char` belongs to (by code point), or None for DejaVu's."""
    code = ord(char)
    index = bisect.bisect_right(_STARTS, code) - 1
    if index >= 0 and _OWNERS[index][0] <= code <= _OWNERS[index][1]:
        return _OWNERS[index][2]
    return None


def face(fallback: Fallback, *, bold: bool) -> Face:
    """The fallback's face in the weight asked for, registered with reportlab on first use."""
    found = _loaded.get((fallback.name, bold))
    if found is not None:
        return found
    with _lock:
        file_name = fallback.bold_file if bold else fallback.regular_file
        name = fallback.name + ("-Bold" if bold and file_name else "")
        if name not in pdfmetrics.getRegisteredFontNames():
            path = config.resources_dir() / "fonts" / (file_name or fallback.regular_file)
            pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=fallback.subfont_index,
                                           shapable=fallback.shaped))
        found = Face(name, shaped=fallback.shaped, fake_bold=bold and fallback.bold_file is None)
        _loaded[(fallback.name, bold)] = found
        return found


def has_glyph(font: str, char: str) -> bool:
    """Whether the registered TrueType font `font` maps `char` to a glyph (its cmap)."""
    return ord(char) in pdfmetrics.getFont(font).face.charToGlyph


def loaded_fallbacks() -> list[str]:
    """The fallback fonts registered so far in this process (for tests and diagnostics)."""
    names = {fallback.name for fallback in FALLBACKS} | {fallback.name + "-Bold" for fallback in FALLBACKS}
    return sorted(names & set(pdfmetrics.getRegisteredFontNames()))
