"""The rows a visitor has in the search index (`visitor_search_term`): pure, shared by the
services (services.visitor_search keeps the index as visitors change) and the sync apply step
(pulled visitors are findable at once)."""

from __future__ import annotations

from frontdesk.domain.text import search_words

PAIR = "~"  # pair rows start with it: sorts after every word, so word ranges never include them


def term_stamp(moment) -> str:
    """How a last-visit moment is stored in the term table (sorts like time; '' = never)."""
    return "" if moment is None else moment.strftime("%Y-%m-%d %H:%M:%S.%f")


def index_terms(first: str, last: str) -> list[str]:
    """The rows a visitor has in the term table: each search word, then each ordered pair of words
    whose first word has two letters or more (the demo data uses this too: both are searched alike)."""
    words = [w[:100] for w in search_words(first, last)]
    pairs = [f"{PAIR}{a} {b}"[:100] for a in words if len(a) > 1 for b in words if b != a]
    return list(dict.fromkeys(words + pairs))
