"""A line of text in any script, split into runs that one face draws, in the order they are seen.

`layout(text, font, size)` gives the runs of one line, left to right, with their widths:
- each character goes to the face of its script (faces.fallback_for), and digits, spaces and
  punctuation stay with the run around them when its face has them (else DejaVu draws them);
- the Unicode bidirectional algorithm (python-bidi) orders the runs of a mixed-direction line
  and says which are right-to-left;
- right-to-left runs of Arabic and Hebrew are joined and ordered by HarfBuzz (uharfbuzz, through
  reportlab's shaping), from their logical order; other runs are drawn as their characters.
Measuring and drawing use the same runs, so a text fitted to a box is exactly the text drawn.

Imports reportlab, python-bidi and documents.faces; no Qt, no SQLAlchemy.
"""

from __future__ import annotations

import functools
import threading
import unicodedata
from dataclasses import dataclass

from reportlab.lib.abag import ABag
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import shapeFragWord

from frontdesk.documents import faces

# Bidi classes that can make any part of a line right-to-left; without them the line is drawn as
# it is written.
_RTL_CLASSES = frozenset({"R", "AL", "AN", "RLE", "RLO", "RLI"})
_STRONG_RTL = frozenset({"R", "AL"})
# HarfBuzz features: kerning and the standard ligatures; the required ones (joining forms, rlig,
# marks) are always on. Not "dlig": Noto Sans Arabic would draw the name Muhammad as the
# honorific ligature U+FDF4, which is not how a person's name is written on a badge.
_FEATURES = {"kern": True, "liga": True}
# Shaping gives glyphs with no character of their own a private code in the font's tables, which
# reportlab updates in place: documents drawn on two threads at once shape one at a time.
_shaping = threading.Lock()


@dataclass(frozen=True)
class Run:
    """Part of a line that one face draws. `text` is what is drawn (a shaped string for shaped
    runs); `logical` the run's characters as written, for checks."""

    font: str
    text: str
    logical: str
    width: float
    fake_bold: bool = False


@dataclass(frozen=True)
class Line:
    runs: tuple[Run, ...]
    width: float


@functools.lru_cache(maxsize=4096)
def layout(text: str, font: str, size: float, rtl: bool | None = None) -> Line:
    """The runs of `text` drawn in `font` ("DejaVu" or "DejaVu-Bold") at `size` points, left to
    right. `rtl` sets the paragraph direction (None: from the first strong character)."""
    text = unicodedata.normalize("NFC", text)
    if not text:
        return Line((), 0.0)
    base = faces.BASE_FACES.get(font)
    if (text.isascii() and not rtl) or base is None:  # the common case, and a font we do not extend
        width = pdfmetrics.stringWidth(text, font, size)
        return Line((Run(font, text, text, width),), width)
    chosen = _faces(text, base, bold=font == faces.BOLD)
    if not rtl and not any(unicodedata.bidirectional(char) in _RTL_CLASSES for char in text):
        visual = [(index, 0, char) for index, char in enumerate(text)]
    else:
        visual = _visual_order(text, rtl)
    runs: list[Run] = []
    start = 0
    while start < len(visual):
        end = start + 1
        face = chosen[visual[start][0]]
        level = visual[start][1]
        while end < len(visual) and chosen[visual[end][0]] == face and visual[end][1] == level:
            end += 1
        runs.append(_run(text, visual[start:end], face, level, size))
        start = end
    return Line(tuple(runs), sum(run.width for run in runs))


def paragraph_is_rtl(text: str) -> bool:
    """Whether a paragraph of `text` runs right to left (its first strong character is)."""
    if not any(unicodedata.bidirectional(char) in _RTL_CLASSES for char in text):
        return False
    from bidi.algorithm import get_base_level

    return get_base_level(text) == 1


def _faces(text: str, base: faces.Face, *, bold: bool) -> list[faces.Face]:
    """The face of each character: its script's, or for digits, spaces, punctuation and marks the
    face of the run around it when that face has the glyph."""
    strong: list[faces.Face | None] = []
    for char in text:
        fallback = faces.fallback_for(char)
        if fallback is not None:
            strong.append(faces.face(fallback, bold=bold))
        elif unicodedata.category(char)[0] == "L":
            strong.append(base if faces.has_glyph(base.font, char) else _any_face_with(char, base, bold=bold))
        else:
            strong.append(None)
    chosen: list[faces.Face] = []
    for index, char in enumerate(text):
        face = strong[index]
        if face is None:
            before = chosen[-1] if chosen else None
            after = next((f for f in strong[index + 1:] if f is not None), None)
            face = next((f for f in (before, after) if f is not None and faces.has_glyph(f.font, char)), None)
            if face is None:
                face = base if faces.has_glyph(base.font, char) else _any_face_with(char, base, bold=bold)
        chosen.append(face)
    return chosen


def _any_face_with(char: str, base: faces.Face, *, bold: bool) -> faces.Face:
    """A rare letter or sign DejaVu lacks: the first fallback that has it (else DejaVu's box)."""
    for fallback in faces.FALLBACKS:
        face = faces.face(fallback, bold=bold)
        if faces.has_glyph(face.font, char):
            return face
    return base


def _visual_order(text: str, rtl: bool | None) -> list[tuple[int, int, str]]:
    """(logical index, embedding level, character as shown) of each character, left to right, as
    python-bidi's implementation of the Unicode bidirectional algorithm resolves them (mirrored
    brackets included). Explicit embedding controls are dropped, as the algorithm says."""
    from bidi import algorithm

    storage = algorithm.get_empty_storage()
    base_level = algorithm.get_base_level(text) if rtl is None else int(rtl)
    storage["base_level"] = base_level
    storage["base_dir"] = ("L", "R")[base_level]
    algorithm.get_embedding_levels(text, storage)
    for index, char in enumerate(storage["chars"]):  # one entry per character (Python 3 strings)
        char["index"] = index
    algorithm.explicit_embed_and_overrides(storage)
    algorithm.resolve_weak_types(storage)
    algorithm.resolve_neutral_types(storage, False)
    algorithm.resolve_implicit_levels(storage, False)
    algorithm.reorder_resolved_levels(storage, False)
    algorithm.apply_mirroring(storage, False)
    return [(char["index"], char["level"], char["ch"]) for char in storage["chars"]]


def _run(text: str, part: list[tuple[int, int, str]], face: faces.Face, level: int, size: float) -> Run:
    if level % 2 and face.shaped:
        logical = "".join(text[index] for index, _level, _char in reversed(part))
        if any(unicodedata.bidirectional(char) in _STRONG_RTL for char in logical):
            # HarfBuzz takes the logical order (it mirrors and reverses an RTL run itself).
            word = [pdfmetrics.stringWidth(logical, face.font, size), (ABag(fontName=face.font, fontSize=size),
                                                                       logical)]
            with _shaping:
                shaped = shapeFragWord(word, features=_FEATURES, force=True)[1][1]
            width = sum(data.x_advance for data in shaped.__shapeData__) * size / 1000
            return Run(face.font, shaped, logical, width, face.fake_bold)
    shown = "".join(char for _index, _level, char in part)
    logical = "".join(text[index] for index, _level, _char in sorted(part))
    return Run(face.font, shown, logical, pdfmetrics.stringWidth(shown, face.font, size), face.fake_bold)
