"""Text rules: cleaning user input and the search normaliser.

Cleaning removes what a person cannot see but a computer compares: control characters, the
Unicode bidirectional controls (embeddings, overrides and isolates, U+202A-U+202E, U+2066-U+2069,
the marks U+200E, U+200F, U+061C) and every other invisible format character (category Cf: zero
width space, word joiner, soft hyphen, BOM, tag characters...), plus blank "letters" used to fake
empty or look-alike names (Hangul fillers, U+2800). The zero-width (non-)joiners are kept only
between two letters of a script that needs them (Arabic, Persian, the Indic scripts), where they
change how a name is written; anywhere else they only disguise it. `invisible_removed` tells a
form what will be stored when cleaning changed more than spaces, so the desk can see it.

The normaliser maps a name to the words search matches against: lower case, accents and
apostrophes gone, any script transliterated to ASCII ("Nicolò" -> "nicolo",
"D'Alessandro" -> "dalessandro" and also "alessandro").
"""

from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii

from frontdesk.domain.errors import ValidationError
from frontdesk.i18n import _

MAX_NAME = 200
MAX_TEXT = 2000
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u034f")  # look empty, are not Cf
_JOINERS = frozenset("\u200c\u200d")  # ZWNJ, ZWJ
_JOINING_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc"
                             "\u0900-\u0dff]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_SEPARATORS = re.compile(r"[\s\-'’`´./,&()+]+")


def clean(value: str | None, *, label: str, required: bool = False, max_len: int = MAX_NAME,
          multiline: bool = False) -> str:
    """Trim, drop control characters and collapse spaces; enforce required and length."""
    text = strip_invisible(value or "")
    if multiline:
        text = "\n".join(_CONTROL.sub("", line).strip() for line in text.replace("\r", "").split("\n"))
        text = text.strip()
    else:
        text = _CONTROL.sub("", text.replace("\n", " ").replace("\t", " "))
        text = " ".join(text.split())
    text = unicodedata.normalize("NFC", text)
    if required and not text:
        raise ValidationError(_("{label} is required.").format(label=label), field=label)
    if len(text) > max_len:
        raise ValidationError(
            _("{label} is too long (at most {n} characters).").format(label=label, n=max_len), field=label
        )
    return text


def strip_invisible(text: str) -> str:
    """`text` without invisible format characters (see the module docstring); newlines, tabs and
    spaces stay (clean() decides about those)."""
    if text.isascii():
        return text
    kept = []
    for i, ch in enumerate(text):
        if ch in _JOINERS:
            before = text[i - 1] if i else ""
            after = text[i + 1] if i + 1 < len(text) else ""
            if _JOINING_SCRIPT.match(before) and _JOINING_SCRIPT.match(after):
                kept.append(ch)
            continue
        if ch in _BLANK_LETTERS or unicodedata.category(ch) == "Cf":
            continue
        kept.append(ch)
    return "".join(kept)


def invisible_removed(typed: str, *, multiline: bool = False) -> str | None:
    """What cleaning stores for `typed` when it removed characters a person cannot see (more than
    spaces at the ends or doubled); None when what is stored looks exactly like what was typed."""
    try:
        stored = clean(typed, label="", max_len=len(typed) + 1, multiline=multiline)
    except ValidationError:
        return None
    plain = "\n".join(" ".join(line.split()) for line in (typed or "").replace("\r", "").split("\n")).strip()
    if not multiline:
        plain = " ".join(plain.split())
    return None if unicodedata.normalize("NFC", plain) == stored else stored


def fold(text: str) -> str:
    """Lower-case ASCII with accents removed; keeps separators."""
    return anyascii(unicodedata.normalize("NFKC", text)).casefold()


def search_words(*parts: str) -> list[str]:
    """Words a record is found by: each word joined across apostrophes/hyphens, and its pieces.

    "D'Alessandro" gives ["dalessandro", "d", "alessandro"]; "Maria Rossi" gives ["maria", "rossi"].
    """
    words: list[str] = []
    for part in parts:
        for chunk in fold(part).split():
            joined = _NON_ALNUM.sub("", chunk)
            if joined and joined not in words:
                words.append(joined)
            pieces = [_NON_ALNUM.sub("", p) for p in _SEPARATORS.split(chunk)]
            for piece in pieces:
                if piece and piece not in words:
                    words.append(piece)
    return words


def search_key(*parts: str) -> str:
    """All search words in one string with leading spaces, for `instr(key, ' ' || word)` checks."""
    return "".join(" " + w for w in search_words(*parts)) + " "


def query_terms(query: str) -> list[str]:
    """What the user typed, as the prefixes to match (apostrophes removed, not split)."""
    terms = []
    for chunk in fold(query).split():
        term = _NON_ALNUM.sub("", chunk)
        if term:
            terms.append(term)
    return terms


def name_key(name: str) -> str:
    """A company name compared for duplicates: folded, legal-form words and punctuation dropped."""
    words = [w for w in re.split(r"[^a-z0-9]+", fold(name)) if w]
    legal = {"srl", "srls", "spa", "sas", "snc", "sapa", "soc", "coop", "scarl", "scrl", "sc", "ss",
             "s", "r", "l", "p", "a", "n", "c", "di", "e", "ltd", "gmbh", "inc", "sa", "sl"}
    core = [w for w in words if w not in legal]
    return " ".join(core or words)
