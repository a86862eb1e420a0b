"""The search normaliser and input cleaning."""

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontdesk.domain.errors import ValidationError
from frontdesk.domain.text import clean, fold, invisible_removed, name_key, query_terms, search_key, search_words


def test_accents_and_apostrophes():
    assert search_words("Nicolò") == ["nicolo"]
    assert search_words("D'Alessandro") == ["dalessandro", "d", "alessandro"]
    assert "nicolo" in search_key("Nicolò", "D'Alessandro")
    assert query_terms("  DAlessandro nicolò ") == ["dalessandro", "nicolo"]
    assert query_terms("d'ales") == ["dales"]
    assert search_words("Müller-Lüdenscheidt") == ["mullerludenscheidt", "muller", "ludenscheidt"]
    assert fold("ŁUKASZ Straße") == "lukasz strasse"


def test_name_key_ignores_legal_form_and_punctuation():
    assert name_key("Rossi S.r.l.") == name_key("ROSSI SRL") == "rossi"
    assert name_key("Officine Meccaniche Bergamasche S.p.A.") == "officine meccaniche bergamasche"


@given(st.text())
def test_normaliser_output_is_plain_ascii_words(text):
    allowed = set(string.ascii_lowercase + string.digits)
    for word in search_words(text):
        assert word and set(word) <= allowed
    for term in query_terms(text):
        assert term and set(term) <= allowed


@given(st.text())
def test_normaliser_is_idempotent_and_case_blind(text):
    words = search_words(text)
    assert search_words(" ".join(words)) == words
    assert search_words(text.upper()) == search_words(text.lower()) or text.upper().lower() != text.lower()


@given(st.text(alphabet=st.characters(categories=["Lu", "Ll"]), min_size=1, max_size=12))
def test_a_typed_name_is_found_by_its_own_prefixes(name):
    words = search_words(name)
    for term in query_terms(name):
        for cut in range(1, len(term) + 1):
            assert any(w.startswith(term[:cut]) for w in words)


def test_clean_rejects_empty_and_long_and_strips_control_characters():
    with pytest.raises(ValidationError, match="required"):
        clean("   ", label="Name", required=True)
    with pytest.raises(ValidationError, match="too long"):
        clean("x" * 10_000, label="Name")
    assert clean("Ro\x00ssi\x1b  Srl\u200b", label="Name") == "Rossi Srl"
    assert clean("a\r\nb", label="Notes", multiline=True) == "a\nb"


@pytest.mark.parametrize("typed, stored", [
    ("Ma\u2066rio\u2069 Rossi", "Mario Rossi"),  # bidi isolates (LRI ... PDI)
    ("\u202eissoR", "issoR"),  # right-to-left override: shows "Rossi" reversed, stores the letters
    ("Ros\u200bsi", "Rossi"),  # zero width space
    ("Ros\u2060si", "Rossi"),  # word joiner
    ("Ros\u00adsi", "Rossi"),  # soft hyphen
    ("\ufeffRossi", "Rossi"),  # BOM
    ("Rossi\U000e0041", "Rossi"),  # tag character
    ("Ro\u200dssi", "Rossi"),  # ZWJ between Latin letters only disguises
    ("Rossi \u200e", "Rossi"),  # left-to-right mark
    ("\u0645\u0631\u064a\u0645\u061c", "\u0645\u0631\u064a\u0645"),  # Arabic letter mark
    ("Mario\u3164Rossi", "MarioRossi"),  # Hangul filler, a blank "letter"
])
def test_clean_removes_every_invisible_character_that_can_disguise_a_name(typed, stored):
    assert clean(typed, label="Name") == stored
    assert invisible_removed(typed) == stored  # the form can show what was stored


def test_joiners_stay_where_a_script_needs_them():
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # ZWNJ inside a Persian word
    devanagari = "\u0915\u094d\u200d\u0937"  # ZWJ inside a Devanagari conjunct
    assert clean(persian, label="Name") == persian and invisible_removed(persian) is None
    assert clean(devanagari, label="Name") == devanagari


def test_a_name_made_only_of_invisible_characters_is_refused():
    with pytest.raises(ValidationError):
        clean("\u2066\u200b\u3164\u2069", label="Name", required=True)


@pytest.mark.parametrize("typed", ["Mario Rossi", "  Mario   Rossi ", "Nicolò", "\u5f20\u4f1f", "Zo\u0308e"])
def test_nothing_to_show_when_only_spaces_or_composition_changed(typed):
    assert invisible_removed(typed) is None
