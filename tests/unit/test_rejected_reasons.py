"""Every reason the hub gives for refusing a change (read from the hub's own code) has a sentence
for the person at the desk, in English and in Italian, saying what happened and what to do."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from frontdesk.i18n import set_language
from frontdesk.services.sync.rejected import RESENDABLE, _reasons, explain

HUB = Path(__file__).resolve().parents[2] / "frontdesk" / "hub"
REASON = re.compile(r'(?:return|REJECTED,|else|UNKNOWN_ACTOR =) "([a-z_]+)"')


def hub_reasons() -> set[str]:
    """The codes in the hub's modules that refuse operations (those that name REJECTED or define a
    `refusal`; other modules' string literals, e.g. the JSON the pull writes, are not reasons)."""
    texts = [path.read_text(encoding="utf-8") for path in HUB.glob("*.py")]
    return {code for text in texts if "REJECTED" in text or "def refusal" in text for code in REASON.findall(text)}


def test_the_scan_finds_the_hubs_reasons():
    assert {"unknown_table", "permission_denied", "incomplete_row", "sequence_reused", "unknown_actor",
            "bad_value"} <= hub_reasons()


def test_every_reason_the_hub_gives_has_its_sentence():
    assert sorted(hub_reasons() - set(_reasons())) == []
    assert set(_reasons()) >= RESENDABLE


@pytest.fixture
def italian():
    set_language("it")
    yield
    set_language("en")


def test_the_sentences_read_in_italian(italian):
    for code in hub_reasons():
        sentence = explain(code)
        assert sentence != _english(code) and not re.search(r"\b(?:the|hub refused|send it)\b", sentence), code
    assert explain("unknown_actor").startswith("L'hub non conosce l'account")
    assert "motivo: something_new" in explain("something_new")  # a code from a newer hub still reads


def _english(code: str) -> str:
    set_language("en")
    try:
        return explain(code)
    finally:
        set_language("it")
