"""Number series prefixes: the one rule for how a desk's numbers are spelled, before and after restores.

Every number people see (badges now; sample IDs, receipts and invoices soon) reads
`<prefix>-<counter, 6 digits or more>`. The prefix is the desk code (`R1`) until the first restore;
each restore moves the desk to the next *generation* of its series: `R1-B`, `R1-C`, ... `R1-Z`,
`R1-BA`, `R1-BB`, ... (the generation number in base 26 with the letters A-Z as digits, so it never
starts with A), and numbers then read `R1-B-000001`.

Why this form:

- only upper-case letters, digits and inner '-': valid in a badge token (domain.badge_tokens takes
  up to four '-'-separated parts of 1-12 letters or digits), on a label, typed by a barcode scanner,
  and in an Italian e-invoice number (at most 20 characters: a four-letter desk leaves 8 letters of
  generation, more than any desk will use);
- never equal to a desk code (`[A-Z][A-Z0-9]{0,3}`, no '-'), so a restored series can never be
  another desk's series: `R1B` may be a desk, `R1-B` never is;
- the generation holds letters only, so a number splits one way: desk, generation, counter.

Versions before this rule spelled a restored series `R1b`, `R1c` (which no token can carry);
`generation_of` reads them as generations 1, 2, ... so they are never reused.

Pure: imports only the standard library.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

DESK_CODE = re.compile(r"[A-Z][A-Z0-9]{0,3}")
"""A desk code, as services.desk.setup validates it at init."""

_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_GENERATION = re.compile(r"[B-Z][A-Z]*")
_OLD_STYLE = re.compile(r"[b-z]")


def _letters(generation: int) -> str:
    text = ""
    while generation:
        generation, digit = divmod(generation, len(_LETTERS))
        text = _LETTERS[digit] + text
    return text


def _check_desk(desk: str) -> None:
    if not DESK_CODE.fullmatch(desk):
        raise ValueError(f"{desk!r} is not a desk code")


def prefix_for(desk: str, generation: int) -> str:
    """The prefix of `desk`'s series after `generation` restores: 0 -> "R1", 1 -> "R1-B", 26 -> "R1-BA"."""
    _check_desk(desk)
    if generation < 0:
        raise ValueError("a generation is 0 or more")
    return f"{desk}-{_letters(generation)}" if generation else desk


def generation_of(desk: str, prefix: str) -> int | None:
    """Which generation of `desk`'s series `prefix` is (None when it is not one of this desk's)."""
    if prefix == desk:
        return 0
    head, dash, letters = prefix.rpartition("-")
    if dash and head == desk and _GENERATION.fullmatch(letters):
        value = 0
        for letter in letters:
            value = value * len(_LETTERS) + _LETTERS.index(letter)
        return value
    rest = prefix[len(desk):]
    if prefix.startswith(desk) and _OLD_STYLE.fullmatch(rest):  # "R1b": the old spelling
        return ord(rest) - ord("a")
    return None


def next_prefix(desk: str, used: Iterable[str]) -> str:
    """The generation after the highest one in `used` (prefixes of other desks are ignored).

    The highest, not the first gap: a gap may be a series whose record was lost, so only a
    generation above everything known is surely new."""
    generations = [g for g in (generation_of(desk, p) for p in used) if g is not None]
    return prefix_for(desk, max(generations, default=0) + 1)


def is_current_form(desk: str, prefix: str) -> bool:
    """True when `prefix` is one of `desk`'s series spelled the way numbers are issued now."""
    generation = generation_of(desk, prefix)
    return generation is not None and prefix_for(desk, generation) == prefix


def format_number(prefix: str, value: int) -> str:
    """The number people see: "R1-000042", "R1-B-000001"."""
    return f"{prefix}-{value:06d}"


def series_in(desk: str, text: str) -> str | None:
    """The series a person typed for `desk`: a series ("R1-C", "r1-c") or a whole number
    ("R1-C-000042"); None when it is not one of `desk`'s series."""
    text = text.strip()
    if generation_of(desk, text) is not None:  # as written, the old "R1b" included
        return text
    upper = text.upper()
    head, dash, tail = upper.rpartition("-")
    for candidate in (upper, head if dash and tail.isdigit() else ""):
        if candidate and generation_of(desk, candidate) is not None:
            return candidate
    return None
